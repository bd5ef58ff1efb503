"""``iopkg serve`` and ``iopkg load`` against real ``oxigraph`` servers on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.errors import EndpointError
from iopkg.export.rdf import export_rdf as serialize
from iopkg.formats import RdfFormat
from iopkg.publish.server import (
    DEFAULT_GRAPH,
    graph_store_url,
    load_to_endpoint,
    serve_store,
    start_server,
)

runner = CliRunner()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ask(url: str, query: str) -> dict:
    req = urllib.request.Request(
        f"{url}?{urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.load(r)


def count(server, graph: str = DEFAULT_GRAPH) -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    return int(ask(server.query_url, q)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture()
def rw_server(tmp_path):
    server = start_server(tmp_path / "db", port=free_port(), read_only=False)
    yield server
    server.stop()


def _small_store() -> ox.Store:
    s = ox.Store()
    s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    return s


def test_serve_answers_queries_read_only_with_ui(store):
    with serve_store(store, port=free_port()) as server:
        rows = ask(
            server.query_url,
            "PREFIX iop: <https://w3id.org/iopkg/def#> "
            "SELECT (COUNT(?a) AS ?n) WHERE { ?a a iop:Agreement }",
        )
        assert rows["results"]["bindings"][0]["n"]["value"] == "68"  # 4 + the register
        with urllib.request.urlopen(server.url + "/", timeout=10) as r:
            assert b"Oxigraph" in r.read()
        with pytest.raises(EndpointError, match="403"):
            load_to_endpoint(store, server.store_url)
        location = server._tmp.name
    assert not Path(location).exists()


def test_load_replaces_the_named_graph_in_one_put(rw_server, store):
    report = load_to_endpoint(store, rw_server.store_url)
    assert report.triples == len(store) and count(rw_server) == len(store)
    load_to_endpoint(_small_store(), rw_server.store_url)
    assert count(rw_server) == 1


def test_cli_load_and_unreachable_endpoint(rw_server):
    result = runner.invoke(
        app, ["load", "--endpoint", rw_server.store_url, "--graph", "http://e/g"]
    )
    assert result.exit_code == 0, result.output
    assert count(rw_server, "http://e/g") > 9000
    dead = f"http://127.0.0.1:{free_port()}/store"
    result = runner.invoke(app, ["load", "--endpoint", dead])
    assert result.exit_code == 2
    assert result.output.strip().startswith(f"Error: {dead}: cannot reach")
    assert len(result.output.strip().splitlines()) == 1


def _put_half(server, body: bytes) -> socket.socket:
    """Start a PUT of ``body`` but send only half of it; return the open socket."""
    url = urlsplit(graph_store_url(server.store_url, DEFAULT_GRAPH))
    sock = socket.create_connection((server.host, server.port), timeout=10)
    head = (
        f"PUT {url.path}?{url.query} HTTP/1.1\r\nHost: {server.host}:{server.port}\r\n"
        f"Content-Type: application/n-triples\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    sock.sendall(head.encode() + body[: len(body) // 2])
    return sock


def test_a_load_cut_half_way_leaves_the_previous_graph(rw_server, store):
    load_to_endpoint(store, rw_server.store_url)
    before = count(rw_server)
    sock = _put_half(rw_server, serialize(_small_store(), RdfFormat.NTRIPLES) + b"#" * 100_000)
    time.sleep(0.3)
    sock.close()  # the body is cut mid-upload
    time.sleep(0.3)
    assert count(rw_server) == before


def test_a_load_with_an_error_half_way_leaves_the_previous_graph(rw_server, store):
    load_to_endpoint(store, rw_server.store_url)
    body = serialize(_small_store(), RdfFormat.NTRIPLES) + b"<http://e/b> broken\n"
    req = urllib.request.Request(
        graph_store_url(rw_server.store_url, DEFAULT_GRAPH),
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(req, timeout=10)
    assert e.value.code == 400
    assert count(rw_server) == len(store)


def test_a_server_killed_mid_upload_keeps_the_previous_graph(tmp_path, store):
    port = free_port()
    server = start_server(tmp_path / "db", port=port, read_only=False)
    try:
        load_to_endpoint(store, server.store_url)
        body = serialize(store, RdfFormat.NTRIPLES)
        sock = _put_half(server, body)
        time.sleep(0.3)
        server.process.kill()  # dies while the body is arriving
        server.process.wait()
        sock.close()
    finally:
        server.stop()
    with start_server(tmp_path / "db", port=free_port(), read_only=True) as again:
        assert count(again) == len(store)


def test_load_rejects_a_bad_endpoint(store):
    with pytest.raises(EndpointError, match="not an http"):
        load_to_endpoint(store, "ftp://x/store")


def test_serve_answers_every_catalogue_query_as_embedded(store):
    """``iopkg serve`` (issue 6) gives the catalogue's answers (issue 4), same as the store."""
    from test_endpoint import _normal  # the row normalisation of the endpoint tests

    from iopkg.sparql.catalogue import catalogue, run_query
    from iopkg.sparql.source import EndpointSource, LocalSource

    with serve_store(store, port=free_port()) as server:
        endpoint = EndpointSource(server.query_url, timeout=30)
        for q in catalogue():
            remote, local = (
                run_query(q.name, source=endpoint),
                run_query(q.name, source=LocalSource(store)),
            )
            assert remote.columns == local.columns, q.name
            assert _normal(remote.rows) == _normal(local.rows), q.name
