"""Issue 16, part 5: one catch-all in the CLI (exit 70, one line, the traceback only with
IOPKG_DEBUG=1); inputs that are not regular files and option values that are not UTF-8 get one
clear line; messages that say what happened (port in use, updates, ``publish -o .``)."""

from __future__ import annotations

import os
import socket

import pytest
from hostile import PUBLISHER, ROOT, assert_error, cli, free_port, run_iopkg

DATA = ROOT / "data" / "agreements" / "lund-radrum-2019.ttl"


def test_unexpected_exception_is_one_line_exit_70(monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("iopkg.cli.info.summarize", broken, raising=False)
    monkeypatch.setattr("iopkg.graph.load_store", broken)
    monkeypatch.setattr("iopkg.cli.info.load_store", broken, raising=False)
    result = cli("info", DATA)
    line = assert_error(result, "unexpected error: ZeroDivisionError: division by zero", code=70)
    assert "report it" in line and "IOPKG_DEBUG=1" in line


@pytest.mark.parametrize(
    ("sig", "line", "code"),
    [
        ("SIGINT", "interrupted; outputs are left as they were before", 130),
        ("SIGTERM", "terminated (SIGTERM); outputs are left as they were before", 143),
    ],
)
def test_a_signal_turned_into_another_error_is_still_the_interruption(
    monkeypatch, tmp_path, sig, line, code
):
    """A library may report the KeyboardInterrupt a signal raised as an error of its own
    (pybind11, inside matplotlib, said "incompatible function arguments" when Ctrl-C came while
    publish drew its chart): the command reports the interruption, not a bug."""
    import signal

    def drawing(*args, **kwargs):
        try:
            os.kill(os.getpid(), getattr(signal, sig))
            raise AssertionError("the signal handler did not run")
        except BaseException:  # what pybind11 does with it
            raise TypeError("affine_transform(): incompatible function arguments") from None

    monkeypatch.setattr("iopkg.cli.export.export_to", drawing)
    result = cli("export", "-f", "turtle", "-o", tmp_path / "g.ttl")
    assert_error(result, line, code=code)
    assert not (tmp_path / "g.ttl").exists()


def test_debug_shows_the_traceback(tmp_path):
    # a subprocess, so the bug is real: a data path whose stat() raises an unexpected error
    code = (
        "import sys, iopkg.cli.info as m\n"
        "def boom(*a, **k): raise ZeroDivisionError('boom')\n"
        "for name in dir(m):\n"
        "    if name in ('load_store', 'summarize', 'summary'): setattr(m, name, boom)\n"
        "sys.argv = ['iopkg', 'info']\n"
        "from iopkg.cli import main\nmain()\n"
    )
    import subprocess
    import sys

    env = {**os.environ, "IOPKG_DEBUG": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 70, done.stderr
    assert "Traceback" in done.stderr and "ZeroDivisionError" in done.stderr
    env.pop("IOPKG_DEBUG")
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT
    )
    assert done.returncode == 70 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_fifo_device_and_symlink_loop_named_as_input(tmp_path):
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    assert_error(cli("info", fifo), "pipe.ttl", "FIFO")
    assert_error(cli("export", fifo, "-o", tmp_path / "x.ttl"), "FIFO")
    assert_error(cli("validate", "--shapes", fifo), "FIFO")
    assert_error(cli("info", "/dev/zero"), "/dev/zero", "device")
    os.mkfifo(tmp_path / "q.rq")
    assert_error(cli("query", "run", tmp_path / "q.rq"), "q.rq", "FIFO")
    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    a.symlink_to(b)
    b.symlink_to(a)
    assert_error(cli("info", a), "a.ttl", "symbolic link loop")
    assert not (tmp_path / "x.ttl").exists()


def test_a_folder_of_shapes_with_a_fifo_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "pipe.ttl")
    for f in (ROOT / "shapes").glob("*.ttl"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    result = run_iopkg("validate", DATA, "--shapes", tmp_path, timeout=120)
    assert result.returncode in (0, 1), result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["query", "run", "--sparql", "SELECT \udcff WHERE {{}}"],
        [
            "publish",
            "-o",
            "{tmp}/site",
            "--base-url",
            "https://e.org",
            "--publisher-org-number",
            "402000-0008",
            "--publisher-name",
            "Bad \udcff name",
        ],
        ["query", "run", "agreements", "--param", "x=\udcff"],
        ["validate", "-o", "{tmp}/r\udcff.txt"],
    ],
)
def test_option_values_that_are_not_utf8(tmp_path, args):
    line = assert_error(cli(*[a.format(tmp=tmp_path) for a in args]), "not valid UTF-8")
    assert "\\xff" in line
    assert not (tmp_path / "site").exists()


def test_file_name_with_byte_ff_is_read(tmp_path):
    name = os.fsdecode(b"n\xff.ttl")
    (tmp_path / name).write_bytes(DATA.read_bytes())
    result = cli("info", tmp_path / name)
    assert result.exit_code == 0, result.output
    missing = tmp_path / os.fsdecode(b"missing\xff.ttl")
    line = assert_error(cli("info", missing), "no such file")
    assert "\\xff" in line


def test_port_in_use_says_so():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        assert_error(cli("serve", DATA, "--port", str(port)), f"127.0.0.1:{port}", "port is in use")


def test_start_server_port_in_use(tmp_path):
    from iopkg.errors import EndpointError
    from iopkg.publish.server import start_server

    port = free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))
        s.listen(1)
        with pytest.raises(EndpointError, match="port is in use"):
            start_server(tmp_path / "db", port=port, timeout=10)


def test_publish_dot_says_what_happened(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = ("--base-url", "https://e.org", *PUBLISHER)
    assert_error(cli("publish", "-o", ".", *args), "current folder")
