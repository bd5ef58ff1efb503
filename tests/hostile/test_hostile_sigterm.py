"""Issue 16, part 4: SIGTERM (systemd, docker stop, kill) is handled as Ctrl-C by every command:
temporary files and build folders are removed, ``serve``'s oxigraph child is stopped, exit 143."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hostile import PUBLISHER, ROOT, free_port
from test_hostile_writes import SLOW_WRITE


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-f", "turtle", "-o", "{out}/graph.ttl"],
        ["export", "-f", "csv", "-o", "{out}/tables"],
        ["validate", "-o", "{out}/report.txt"],
        [
            "publish",
            "-o",
            "{out}/site",
            "--base-url",
            "https://e.org/",
            *PUBLISHER,
            "--include-personal-data",
        ],
    ],
)
def test_sigterm_cleans_up_and_exits_143(tmp_path, args):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine\n", encoding="utf-8")
    argv = [a.format(out=out) for a in args]
    # the slowed write pauses in fsync (files), or before the swap (csv tables use fsync-free
    # writes: slow the rename instead)
    code = SLOW_WRITE.replace(
        "os.fsync = slow",
        "os.fsync = slow\nos.rename = os.replace = lambda a, b: slow(0)",
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert proc.stdout.readline().strip() == "writing"
    leftovers = sorted(p.name for p in out.iterdir())
    assert len(leftovers) > 1, "nothing in progress to clean up"  # a temp file or build folder
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert err.strip() == "Error: terminated (SIGTERM); outputs are left as they were before"
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def test_sigterm_stops_serve_and_its_oxigraph(tmp_path):
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "iopkg",
            "serve",
            "--port",
            str(port),
            str(ROOT / "data" / "agreements"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    line = proc.stdout.readline()
    assert "SPARQL endpoint" in line, proc.stderr.read() if proc.poll() is not None else line
    kids = _children(proc.pid)
    assert kids, "no oxigraph child"
    cmdline = Path(f"/proc/{kids[0]}/cmdline").read_bytes().split(b"\0")
    location = Path(cmdline[cmdline.index(b"--location") + 1].decode())
    assert location.exists()
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert "terminated (SIGTERM)" in err and len(err.strip().splitlines()) == 1
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{k}").exists() for k in kids):
        time.sleep(0.1)
    for k in kids:  # gone, or a zombie no one waits for is not possible: serve reaped it
        assert not Path(f"/proc/{k}").exists(), f"oxigraph {k} still running"
    assert not location.parent.exists(), "temporary database left behind"
    with pytest.raises(OSError):  # nothing listens on the port any more
        import socket

        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_serve_child_dies_with_a_killed_parent():
    """Even SIGKILL (which cannot be handled) does not leave oxigraph serving: the child asked
    the kernel for SIGTERM when its parent dies (PR_SET_PDEATHSIG)."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "iopkg",
            "serve",
            "--port",
            str(port),
            str(ROOT / "data" / "agreements"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert "SPARQL endpoint" in proc.stdout.readline()
    kids = _children(proc.pid)
    proc.kill()
    proc.wait(30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{k}").exists() for k in kids):
        time.sleep(0.1)
    alive = [k for k in kids if Path(f"/proc/{k}").exists()]
    for k in alive:
        os.kill(k, signal.SIGKILL)
    assert not alive


def test_an_interrupt_a_library_swallowed_still_stops_publish(tmp_path):
    """Ctrl-C during the chart's drawing raised KeyboardInterrupt inside one of matplotlib's
    weakref callbacks, where Python only prints "Exception ignored": publish ran on (in CI it
    then waited on its children for good). The signal, noted by the CLI's handler, is raised
    again where the pages report progress and where the children are waited for."""
    from iopkg.errors import RECEIVED
    from iopkg.publish import Publisher, publish

    def chart(path: Path) -> None:  # as the handler in a weakref callback: noted, then lost
        RECEIVED.append(signal.SIGINT)

    out = tmp_path / "site"
    try:
        with pytest.raises(KeyboardInterrupt):
            publish(
                out,
                base_url="https://e.org/iop",
                publisher=Publisher("402000-0008", "Exempelförvaltningen"),
                chart=chart,
                quiet=True,
            )
    finally:
        RECEIVED.clear()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no site, no build folder
