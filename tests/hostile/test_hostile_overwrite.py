"""Issue 16, part 1: iopkg never deletes or overwrites what it did not write.

``publish -o DIR`` replaces only a folder holding a previous publication (its marker file) or an
empty one; no command writes over one of its inputs or into the project's ``data/`` unless
``iopkg --allow-overwrite-input`` asks for it; a replaced file keeps its permissions.
"""

from __future__ import annotations

import os
import stat
import threading

import pytest
from hostile import PUBLISHER, ROOT, assert_error, cli

from iopkg.publish.files import MARKER

SITE = ("--base-url", "https://e.org/iop", *PUBLISHER)


def _tree(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_publish_refuses_a_folder_it_did_not_write(tmp_path):
    thesis = tmp_path / "d" / "thesis.docx"
    thesis.parent.mkdir()
    thesis.write_text("four years of work\n", encoding="utf-8")
    line = assert_error(cli("publish", "-o", thesis.parent, *SITE), "d:", MARKER)
    assert "iopkg did not write" in line
    assert thesis.read_text(encoding="utf-8") == "four years of work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d"]  # no build folder left


def test_publish_replaces_its_own_folder_and_an_empty_one(tmp_path):
    site = tmp_path / "site"
    site.mkdir()  # empty: nothing to lose
    assert cli("publish", "-o", site, *SITE).exit_code == 0
    assert (site / MARKER).is_file() and (site / "catalog.rdf").is_file()
    (site / "stale.html").write_text("old page", encoding="utf-8")
    assert cli("publish", "-o", site, *SITE).exit_code == 0  # its own: replaced as a whole
    assert not (site / "stale.html").exists() and (site / MARKER).is_file()


def test_publish_into_the_current_folder_or_a_parent(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    (work / MARKER).write_text("", encoding="utf-8")  # even a folder iopkg wrote
    monkeypatch.chdir(work)
    for target in (".", str(tmp_path)):
        assert_error(cli("publish", "-o", target, *SITE), "is the current folder or holds it")
    assert os.listdir(work) == [MARKER]


def test_publish_into_the_project_data_is_refused():
    before = _tree(ROOT / "data")
    assert_error(cli("publish", "-o", ROOT / "data", *SITE), "iopkg did not write")
    assert_error(cli("publish", "-o", ROOT / "data" / "site", *SITE), "project's data folder")
    assert _tree(ROOT / "data") == before
    assert not [p for p in (ROOT / "data").iterdir() if p.name.startswith(".data")]


@pytest.mark.parametrize(
    "args",
    [
        ["export", "{f}", "-o", "{f}"],
        ["export", "{f}", "-f", "ntriples", "-o", "{f}"],
        ["validate", "{f}", "-o", "{f}"],
        ["validate", "{f}", "--shapes", "{s}", "-o", "{s}"],
        ["query", "run", "{q}", "--data", "{f}", "-o", "{q}"],
        ["compare", "--data", "{f}", "-o", "{f}"],
        ["compare", "--data", "{f}", "--chart", "{f}"],
        ["export", "{d}", "-o", "{d}/out.ttl"],  # inside an input folder
        ["export", "{d}", "-f", "csv", "-o", "{d}"],
        ["publish", "{d}/in.ttl", "-o", "{d}", *SITE],  # a folder holding an input
    ],
)
def test_no_output_over_an_input(tmp_path, args):
    d = tmp_path / "d"
    d.mkdir()
    f = d / "in.ttl"
    f.write_bytes((ROOT / "data" / "agreements" / "lund-radrum-2019.ttl").read_bytes())
    s = d / "shapes.ttl"
    s.write_bytes((ROOT / "shapes" / "hostile.ttl").read_bytes())
    q = d / "q.rq"
    q.write_text("SELECT * WHERE { ?s ?p ?o } LIMIT 1\n", encoding="utf-8")
    argv = [a.format(f=f, s=s, q=q, d=d) for a in args]
    before = _tree(d)
    assert_error(cli(*argv), "input")
    assert _tree(d) == before
    assert sorted(os.listdir(d)) == ["in.ttl", "q.rq", "shapes.ttl"]


def test_overwrite_input_when_asked(tmp_path):
    f = tmp_path / "in.ttl"
    f.write_bytes((ROOT / "data" / "agreements" / "lund-radrum-2019.ttl").read_bytes())
    result = cli("--allow-overwrite-input", "export", f, "-f", "ntriples", "-o", f)
    assert result.exit_code == 0, result.output
    assert f.read_text(encoding="utf-8").startswith("<")  # N-Triples now


@pytest.mark.parametrize(
    "args",
    [
        ["export", "-o", "{data}/graph.ttl"],
        ["export", "-f", "csv", "-o", "{data}/tables"],
        ["validate", "-o", "{data}/report.txt"],
        ["query", "run", "agreements", "-o", "{data}/x.csv"],
        ["synth", "--agreements", "2", "-o", "{data}/synth"],
    ],
)
def test_nothing_written_into_the_project_data(args):
    data = ROOT / "data"
    before = _tree(data)
    names = sorted(os.listdir(data))
    assert_error(cli(*[a.format(data=data) for a in args]), "project's data folder")
    assert _tree(data) == before and sorted(os.listdir(data)) == names


def test_replaced_file_keeps_its_mode_and_new_files_follow_umask(tmp_path):
    out = tmp_path / "graph.ttl"
    out.write_text("previous\n", encoding="utf-8")
    out.chmod(0o600)
    assert cli("export", "-o", out).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    old = os.umask(0o027)
    try:
        for args in (
            ["export", "-o", tmp_path / "new.ttl"],
            ["extract", ROOT / "data/sources/000_f3ab1bfbfeda5899.txt", "-o", tmp_path / "d.ttl"],
            ["validate", "-o", tmp_path / "report.txt"],
        ):
            result = cli(*args)
            assert result.exit_code in (0, 1), result.output
            assert stat.S_IMODE(args[-1].stat().st_mode) == 0o640, args
        assert cli("export", "-f", "csv", "-o", tmp_path / "tables").exit_code == 0
        assert stat.S_IMODE((tmp_path / "tables").stat().st_mode) == 0o750
        assert all(stat.S_IMODE(p.stat().st_mode) == 0o640 for p in (tmp_path / "tables").iterdir())
    finally:
        os.umask(old)


def _reader(fifo, keep: bool):
    """A thread reading ``fifo`` to its end (or, ``keep`` false, closing it after the first
    bytes: the writer has begun, and what it writes next has no reader)."""
    got: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as f:
            got.append(f.read() if keep else f.read(1))

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread, got


def test_a_device_or_fifo_output_is_written_into_not_replaced(tmp_path):
    """``-o /dev/null`` (or /dev/stdout, or /dev/full) was replaced by a regular file: the atomic
    rename went over the device node. Tested on a FIFO, which is no device of the machine."""
    fifo = tmp_path / "rows.csv"
    os.mkfifo(fifo)
    thread, got = _reader(fifo, keep=True)
    assert cli("query", "run", "funding-flows", "-f", "csv", "-o", fifo).exit_code == 0
    thread.join(60)
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"agreement,funder,recipient,")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.csv"]  # no temporary file
    # a reader that goes away: one line naming the output, the FIFO left as it was
    thread, _ = _reader(fifo, keep=False)
    assert_error(cli("export", "-o", fifo), "rows.csv: cannot write")  # 700 KB of Turtle
    thread.join(60)
    assert not thread.is_alive()
    assert stat.S_ISFIFO(fifo.stat().st_mode)
