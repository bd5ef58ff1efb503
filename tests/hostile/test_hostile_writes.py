"""Group 4 of issue 9: interrupted, failing or misdirected writes leave the previous output
whole."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest
from hostile import PUBLISHER, ROOT, assert_error, cli

# A child that runs the CLI with writes slowed down: it says "writing" when a temp file holds
# part of the output (at the fsync before the rename). It restores Python's Ctrl-C handler, as in
# an interactive terminal: a job started in the background (as CI may be) inherits SIGINT ignored.
SLOW_WRITE = textwrap.dedent("""
    import os, signal, sys, time
    signal.signal(signal.SIGINT, signal.default_int_handler)
    def slow(fd):
        # one write of a whole line: publish's two page processes both get here, and two
        # print() calls could interleave as "writingwriting"
        os.write(1, b"writing\\n")
        time.sleep(60)
    os.fsync = slow
    from iopkg.cli import main
    sys.argv = ["iopkg"] + sys.argv[1:]
    main()
""")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL])
@pytest.mark.parametrize(
    "args",
    [
        ["export", "-f", "turtle", "-o", "{out}/graph.ttl"],
        ["publish", "-o", "{out}/site", "--base-url", "https://e.org/", *PUBLISHER],
    ],
)
def test_killed_midway_leaves_previous_output_whole(tmp_path, sig, args):
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("previous graph\n", encoding="utf-8")
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("previous site\n", encoding="utf-8")
    (out / "site" / ".iopkg-publication").write_text("", encoding="utf-8")  # iopkg wrote it
    argv = [a.format(out=out) for a in args]
    tmp = tmp_path / "tmp"  # the system's temporary folder, as the child sees it
    tmp.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp)},
    )
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=30)
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "previous graph\n"
    assert (out / "site" / "index.html").read_text(encoding="utf-8") == "previous site\n"
    assert sorted(p.name for p in (out / "site").iterdir()) == [".iopkg-publication", "index.html"]
    if sig == signal.SIGINT:  # Ctrl-C: one line, exit 130, temp files cleaned up
        assert proc.returncode == 130, err
        assert err.strip() == "Error: interrupted; outputs are left as they were before"
        assert sorted(p.name for p in out.iterdir()) == ["graph.ttl", "site"]
    else:  # SIGKILL cannot be caught: a hidden temp file may remain, the output is intact
        assert proc.returncode == -signal.SIGKILL
        assert all(
            p.name.startswith(".") for p in out.iterdir() if p.name not in ("graph.ttl", "site")
        )
    # nothing of iopkg's in the temporary folder once publish's page and dump processes, told
    # of their parent's end, have stopped (they end within seconds)
    deadline = time.monotonic() + 20
    while any(p.name.startswith("iopkg") for p in tmp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert sorted(p.name for p in tmp.iterdir() if p.name.startswith("iopkg")) == []


def test_full_disk_simulated(tmp_path, monkeypatch):
    out = tmp_path / "graph.ttl"
    out.write_text("previous\n", encoding="utf-8")

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("iopkg.io.os.fsync", no_space)
    assert_error(cli("export", "-o", out), str(out), "No space left on device")
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


@pytest.fixture
def tiny_fs(tmp_path):
    """A real 64 KiB tmpfs (needs root and mount; otherwise the simulated test covers it)."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mnt)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root); see test_full_disk_simulated")
    yield mnt
    subprocess.run(["umount", str(mnt)], check=True)


def test_full_disk_real_tmpfs(tiny_fs):
    out = tiny_fs / "graph.ttl"
    out.write_text("previous\n", encoding="utf-8")
    assert_error(cli("export", "-o", out), str(out), "No space left on device")
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tiny_fs.iterdir()] == ["graph.ttl"]
    try:  # fill the rest of the disk, then the CSV tables cannot be written either
        with (tiny_fs / "filler").open("wb") as f:
            while True:
                f.write(b"x" * 1024)
                f.flush()
    except OSError:
        pass
    assert_error(
        cli("export", "-f", "csv", "-o", tiny_fs / "tables"), "tables", "No space left on device"
    )
    assert sorted(p.name for p in tiny_fs.iterdir()) == ["filler", "graph.ttl"]


def test_unwritable_folders(tmp_path):
    # Tests run as root, where chmod stops nothing: use places no one can write.
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    assert_error(cli("export", "-o", a_file / "graph.ttl"), "is not a folder")
    assert_error(cli("export", "-o", "/proc/graph.ttl"), "/proc/graph.ttl", "cannot write")
    assert_error(cli("query", "run", "agreements", "-o", "/proc/x.csv"), "/proc/x.csv")
    assert_error(cli("validate", "-o", "/proc/report.txt"), "/proc/report.txt")
    assert_error(cli("export", "-f", "csv", "-o", "/proc/tables"), "/proc/tables")
    assert_error(
        cli("publish", "-o", "/proc/site", "--base-url", "https://e.org", *PUBLISHER), "/proc"
    )
    assert_error(cli("export", "-o", tmp_path / "no" / "such" / "graph.ttl"), "does not exist")


def test_output_into_a_folder_with_other_files(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    (folder / "agreements.csv.bak").write_text("backup\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert cli("export", "-f", "csv", "-o", folder).exit_code == 0
    assert cli("export", "-o", folder / "graph.ttl").exit_code == 0
    after = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert {k: after[k] for k in before} == before
    assert not [n for n in after if n.startswith(".")]
    # publish replaces its own folder as a whole, and nothing beside it
    (tmp_path / "beside.txt").write_text("keep\n", encoding="utf-8")
    assert (
        cli("publish", "-o", tmp_path / "site", "--base-url", "https://e.org", *PUBLISHER).exit_code
        == 0
    )
    assert (tmp_path / "beside.txt").read_text(encoding="utf-8") == "keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["beside.txt", "shared", "site"]
