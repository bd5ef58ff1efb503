"""``iopkg load`` then ``iopkg query run``/``compare`` on a SPARQL server (issue 22, point 8):
load writes the named graph https://w3id.org/iopkg/graph; queries see it with ``--graph`` (the
SPARQL Protocol's default-graph-uri) on any server, or without it on an Oxigraph server started
with ``--union-default-graph`` (docs/queries.md)."""

from __future__ import annotations

import csv
import io

import pytest
from servers import oxigraph_server
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.publish.server import DEFAULT_GRAPH

runner = CliRunner()


def _rows(args: list[str]) -> list[dict[str, str]]:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def _sets(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    """GROUP_CONCAT lists compared as sets (SPARQL leaves their order open)."""
    lists = {"ideaParties": "; ", "source": " "}
    return [
        {k: frozenset(v.split(lists[k])) if k in lists else v for k, v in r.items()} for r in rows
    ]


def _load(base: str) -> None:
    result = runner.invoke(app, ["load", "--endpoint", f"{base}/store", "--quiet"])
    assert result.exit_code == 0, result.output
    assert f"graph <{DEFAULT_GRAPH}> replaced" in result.output


@pytest.fixture(scope="module")
def embedded() -> list[dict[str, str]]:
    return _rows(["query", "run", "agreements", "--format", "csv", "--quiet"])


def test_load_then_query_with_graph_gives_the_embedded_answer(tmp_path, embedded):
    with oxigraph_server([], tmp_path) as base:
        _load(base)
        query = ["query", "run", "agreements", "--format", "csv", "--endpoint", f"{base}/query"]
        assert _rows(query) == []  # the default graph of a plain server is empty
        rows = _rows([*query, "--graph", DEFAULT_GRAPH])
        assert _sets(rows) == _sets(embedded) and len(rows) == len(embedded) >= 68
        compare = ["compare", "--format", "csv", "--endpoint", f"{base}/query"]
        assert _rows([*compare, "--graph", DEFAULT_GRAPH]) == _rows(["compare", "--format", "csv"])


def test_load_then_query_on_a_union_default_graph_server(tmp_path, embedded):
    with oxigraph_server([], tmp_path, union=True) as base:
        _load(base)
        rows = _rows(
            ["query", "run", "agreements", "--format", "csv", "--endpoint", f"{base}/query"]
        )
        assert _sets(rows) == _sets(embedded)


def test_graph_without_endpoint_is_refused():
    result = runner.invoke(app, ["query", "run", "agreements", "--graph", DEFAULT_GRAPH])
    assert result.exit_code == 2
    assert "Error: --graph applies to --endpoint only" in result.output
