"""The same catalogue and comparison on a real Oxigraph SPARQL server as on the embedded store."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from iopkg.analysis.compare import GroupBy, compare
from iopkg.errors import EndpointError
from iopkg.graph import _files
from iopkg.sparql.catalogue import catalogue, run_query
from iopkg.sparql.source import EndpointSource, LocalSource


def _oxigraph() -> str:
    exe = Path(sys.executable).parent / "oxigraph"
    return str(exe) if exe.exists() else (shutil.which("oxigraph") or "oxigraph")


def _normal(rows):
    """Rows as a sorted list, with GROUP_CONCAT lists sorted (SPARQL leaves their order open)."""

    def cell(t):
        if t is None:
            return ()
        parts = re.split(r"; | ", t.value) if hasattr(t, "datatype") else [t.value]
        return (type(t).__name__, tuple(sorted(parts)), str(getattr(t, "language", "")))

    return sorted(tuple(cell(t) for t in row) for row in rows)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(project, tmp_path_factory):
    location = tmp_path_factory.mktemp("oxigraph")
    files = [str(p) for p in _files(None, project, False, True)]
    subprocess.run(
        [_oxigraph(), "load", "--location", str(location), "--file", *files],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    proc = subprocess.Popen(
        [
            _oxigraph(),
            "serve-read-only",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("oxigraph server did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.parametrize("name", [q.name for q in catalogue()])
def test_every_catalogue_query_agrees(name, server, store):
    remote = run_query(name, source=EndpointSource(server + "/query"))
    local = run_query(name, source=LocalSource(store))
    assert remote.columns == local.columns
    assert _normal(remote.rows) == _normal(local.rows) and local.rows


def test_parameters_agree(server, store):
    ep = EndpointSource(server + "/query")
    for name, params in [
        ("active-on", {"date": "2019-03-01"}),
        ("by-decision", {}),
        ("expiring", {"date": "2019-06-01", "months": "1"}),
        ("agreements", {"lang": 'sv" } #'}),
    ]:
        remote = run_query(name, params, source=ep).rows
        assert _normal(remote) == _normal(run_query(name, params, source=LocalSource(store)).rows)


@pytest.mark.parametrize("by", list(GroupBy))
def test_comparison_agrees(by, server, store):
    assert compare(by, source=EndpointSource(server + "/query")) == compare(
        by, source=LocalSource(store)
    )


def test_http_error_and_timeout(server):
    with pytest.raises(EndpointError, match="HTTP error"):
        run_query("agreements", source=EndpointSource(server + "/no-such-path"))
    port = _free_port()
    with socket.socket() as silent:  # accepts connections but never answers
        silent.bind(("127.0.0.1", port))
        silent.listen()
        with pytest.raises(EndpointError, match="no answer within"):
            run_query("agreements", source=EndpointSource(f"http://127.0.0.1:{port}/q", timeout=1))
