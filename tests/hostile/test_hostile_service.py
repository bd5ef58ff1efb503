"""Issue 16, part 2: no outbound request that a query, a shape, a data file or a client of the
served endpoint chooses. A listener on a loopback port records every connection; none arrives."""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from hostile import PREFIXES, ROOT, assert_error, cli, free_port, run_iopkg

from iopkg.graph import load_store
from iopkg.publish.server import serve_store


class Listener:
    """A TCP listener on 127.0.0.1 that counts connections (the place a query would call)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> int:
        self._stop.set()
        self._thread.join()
        self.sock.close()
        return self.connections


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    assert lst.close() == 0, "a request was sent to the listener"


def _queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX x: <{url}#>\nSELECT * WHERE {{ ?a ?b ?c "
        "OPTIONAL { SERVICE SILENT x:e { ?s ?p ?o } } }",
        f"ASK {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"SELECT * WHERE {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    ]


@pytest.mark.parametrize("n", range(5))
def test_sparql_option_refuses_service(listener, n):
    q = _queries(listener.url)[n]
    assert_error(cli("query", "run", "--sparql", q), "SERVICE", "not allowed")


def test_rq_file_refuses_service(listener, tmp_path):
    rq = tmp_path / "fed.rq"
    rq.write_text("# title: federated\n" + _queries(listener.url)[1], encoding="utf-8")
    assert_error(cli("query", "run", rq), "fed", "SERVICE", "not allowed")
    # the same query against a (fake) remote endpoint is refused before it is sent
    assert_error(cli("query", "run", rq, "--endpoint", listener.url), "SERVICE")


def test_service_word_in_strings_and_comments_is_not_refused(listener):
    u = listener.url
    q = f'SELECT ?x WHERE {{ BIND("SERVICE <{u}> {{ }}" AS ?x) }} # SERVICE <{u}>'
    result = cli("query", "run", "--sparql", q, "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "SERVICE" in result.stdout


def test_update_followed_by_select_says_updates_are_not_allowed():
    q = 'INSERT DATA { <http://e/a> <http://e/b> "c" } ; SELECT * WHERE { ?s ?p ?o }'
    assert_error(cli("query", "run", "--sparql", q), "updates are not allowed")


SPARQL_SHAPE = (
    PREFIXES
    + """@prefix sh: <http://www.w3.org/ns/shacl#> .
iop:FedShape a sh:NodeShape ;
  sh:targetClass iop:Agreement ;
  sh:sparql [ sh:select \"\"\"SELECT $this WHERE {{
    SERVICE SILENT <{url}> {{ $this ?p ?o }} }}\"\"\" ] .
"""
)


@pytest.mark.parametrize("engine", ["fast", "pyshacl"])
def test_sparql_shape_refuses_service(listener, tmp_path, engine):
    shapes = tmp_path / "fed.ttl"
    shapes.write_text(SPARQL_SHAPE.format(url=listener.url), encoding="utf-8")
    assert_error(
        cli("validate", "--shapes", shapes, "--engine", engine), "fed.ttl", "sh:select", "SERVICE"
    )


def test_project_shapes_hold_no_service():
    from iopkg.shacl.validate import load_shapes, refuse_service_in_shapes

    refuse_service_in_shapes(load_shapes(), "shapes/")  # raises if one did


def test_data_files_fetch_nothing(listener, tmp_path):
    """owl:imports, a remote JSON-LD @context and an RDF/XML external entity are not fetched."""
    (tmp_path / "imports.ttl").write_text(
        PREFIXES + f"@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
        f"<http://e/onto> a owl:Ontology ; owl:imports <{listener.url}> .\n",
        encoding="utf-8",
    )
    (tmp_path / "ctx.jsonld").write_text(
        json.dumps({"@context": listener.url, "@id": "http://e/x", "name": "x"}), encoding="utf-8"
    )
    (tmp_path / "ent.rdf").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY e SYSTEM "{listener.url}">]>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:s="https://schema.org/"><rdf:Description rdf:about="http://e/y">'
        "<s:name>&e;</s:name></rdf:Description></rdf:RDF>\n",
        encoding="utf-8",
    )
    for name in ("imports.ttl", "ctx.jsonld", "ent.rdf"):
        for args in (["info"], ["validate", "--engine", "pyshacl"], ["export", "-o", "-"]):
            result = cli(*args, tmp_path / name)
            assert result.exit_code in (0, 1, 2), result.output


def _get(url: str, timeout: float = 30):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def _post_query(url: str, text: str):
    """POST ``text`` as ``application/sparql-query``: the status and the body."""
    req = urllib.request.Request(
        url, data=text.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_served_endpoint_refuses_service_and_updates(listener):
    with serve_store(load_store([ROOT / "data" / "agreements"]), port=free_port()) as server:
        for q in _queries(listener.url):
            status, body = _get(f"{server.query_url}?{urllib.parse.urlencode({'query': q})}")
            assert status == 400 and "SERVICE" in body, (status, body)
            assert _post_query(server.query_url, q)[0] == 400
            form = urllib.parse.urlencode({"query": q}).encode()
            try:
                urllib.request.urlopen(
                    urllib.request.Request(server.query_url, data=form), timeout=30
                )
                raise AssertionError("form SERVICE query answered")
            except urllib.error.HTTPError as e:
                assert e.code == 400
        update = urllib.parse.urlencode({"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}).encode()
        try:
            urllib.request.urlopen(urllib.request.Request(server.url + "/update", data=update))
            raise AssertionError("update answered")
        except urllib.error.HTTPError as e:
            assert e.code == 403 and "updates are not allowed" in e.read().decode()
        # a plain query still works, and the query UI is served
        ok = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        assert _get(f"{server.query_url}?{ok}")[0] == 200
        assert _get(server.url + "/")[0] == 200


DEPTH = 5000  # Oxigraph's parser overflowed its stack somewhere between 2 000 and 5 000
DEEP = {
    "braces": "SELECT * WHERE { " + "{ " * DEPTH + "?s ?p ?o " + "} " * DEPTH + "}",
    "parens": "ASK { ?s ?p ?o FILTER(" + "(" * DEPTH + "1" + ")" * DEPTH + ") }",
    "brackets": "ASK { ?s ?p " + "[ <a:p> " * DEPTH + "1" + " ]" * DEPTH + " }",
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_a_deeply_nested_query_is_one_line_not_a_crash(shape):
    """Run in a process of its own: before, the parser's stack overflow killed it (exit 139)."""
    result = run_iopkg("query", "run", "--sparql", DEEP[shape])
    assert result.returncode == 2, (result.returncode, result.stderr[-300:])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "nests more than 100 levels deep" in lines[0], lines


def test_served_endpoint_refuses_a_deeply_nested_query():
    """A client's nested query would overflow the ``oxigraph`` server's parser: the gateway
    answers 400, and the endpoint still answers the next query."""
    with serve_store(load_store([ROOT / "data" / "agreements"]), port=free_port()) as server:
        for text in DEEP.values():  # POSTed: a GET of this length is 414 URI Too Long
            status, body = _post_query(server.query_url, text)
            assert status == 400 and "nests more than" in body, (status, body[:200])
        ok = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        assert _get(f"{server.query_url}?{ok}")[0] == 200
