"""Progress bars (issue 8, item 4): on stderr only, off without a terminal, off with --quiet.

Tests run without a terminal, so ``IOPKG_PROGRESS=always`` forces the bars on (rich then
renders as to a terminal) where a test needs to see one.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.graph import default_project, load_store
from iopkg.progress import FORCE_ENV, progress

runner = CliRunner()
DATA = str(default_project().data_dir)


@pytest.fixture
def forced(monkeypatch):
    monkeypatch.setenv(FORCE_ENV, "always")


def _ntriples(text: str) -> int:
    return len(list(ox.parse(text.encode(), format=ox.RdfFormat.N_TRIPLES)))


def test_forced_bar_goes_to_stderr_not_stdout(forced):
    result = runner.invoke(app, ["export", DATA, "-f", "ntriples", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert "Loading" in result.stderr and "Exporting ntriples" in result.stderr
    assert "Loading" not in result.stdout and "\x1b" not in result.stdout
    assert _ntriples(result.stdout) > 1000  # stdout is pure N-Triples


def test_quiet_suppresses_a_forced_bar(forced):
    result = runner.invoke(app, ["export", DATA, "-f", "ntriples", "-o", "-", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert _ntriples(result.stdout) > 1000


def test_no_bar_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.delenv(FORCE_ENV, raising=False)
    result = runner.invoke(app, ["export", DATA, "-f", "ntriples", "-o", "-"])
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["run"],
        ["compare", "-f", "csv"],
        ["query", "run", "agreements", "-f", "csv"],
        ["network"],
        ["export", "-f", "graphml", "--network", "funding"],
        ["validate"],
    ],
)
def test_every_loading_command_shows_progress_and_takes_quiet(forced, args):
    loud = runner.invoke(app, args)
    quiet = runner.invoke(app, [*args, "-q"])
    assert "Loading" in loud.stderr, (args, loud.stderr[-300:])
    assert "Loading" not in quiet.stderr and "\x1b" not in quiet.stderr, args
    assert quiet.exit_code == loud.exit_code, args
    assert "\x1b" not in loud.stdout, args


def test_load_reports_bytes_while_a_file_is_parsed(monkeypatch, tmp_path):
    """The load bar moves inside one file (a 100 000-agreement file is one file)."""
    seen: list[tuple[int, int]] = []

    class Spy:
        def __init__(self, total):
            self.total = total

        def __call__(self, done):
            seen.append((done, self.total))

    from contextlib import contextmanager

    import iopkg.graph as graph

    @contextmanager
    def spy(description, *, total, quiet=False):
        yield Spy(total)

    monkeypatch.setattr(graph, "progress", spy)
    big = tmp_path / "big.nt"
    big.write_text("".join(f'<http://e/s{i}> <http://e/p> "{"x" * 200}" .\n' for i in range(5000)))
    store = load_store([big], include_ontology=False)
    assert len(store) == 5000
    dones = [d for d, _ in seen]
    assert dones == sorted(dones) and dones[-1] == seen[-1][1] == big.stat().st_size
    assert len({d for d in dones if 0 < d < big.stat().st_size}) > 1  # steps within the file


def test_progress_is_silent_when_quiet(forced, capsys):
    with progress("Working", total=2, quiet=True) as advance:
        advance(2)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("quiet", [True, False])
def test_reporting_progress_raises_an_interruption_a_library_swallowed(forced, quiet):
    """A SIGTERM whose exception a library swallowed was noticed only where the publish's page
    loop asked for it; every long job reporting progress notices it now, bar or not."""
    import signal

    from iopkg.errors import RECEIVED, Terminated

    with progress("Working", total=3, quiet=quiet) as advance:
        advance(1)  # nothing received: goes on
        RECEIVED.append(signal.SIGTERM)
        try:
            with pytest.raises(Terminated):
                advance(2)
        finally:
            RECEIVED.clear()
        advance(3)
