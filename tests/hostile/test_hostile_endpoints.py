"""Group 3 of issue 9: a failing SPARQL endpoint gives a one-line error and exit 2; credentials
come from the environment and never appear in output.

A small HTTP server on 127.0.0.1 produces the faults a real server cannot give on demand.
"""

from __future__ import annotations

import base64
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hostile import assert_error, cli, free_port

USER, PASSWORD = "analyst", "s3cret-Pa55word"
GOOD = json.dumps(
    {
        "head": {"vars": ["n"]},
        "results": {
            "bindings": [
                {
                    "n": {
                        "type": "literal",
                        "value": "7",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                    }
                }
            ]
        },
    }
).encode()


class Faults(BaseHTTPRequestHandler):
    """Answers by path: each path is one fault."""

    def log_message(self, *args) -> None:  # quiet
        pass

    def _send(
        self,
        status: int,
        body: bytes,
        ctype: str = "application/sparql-results+json",
        length: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?")[0]
        if path in ("/401", "/403", "/500"):
            self._send(int(path[1:]), b"no", "text/plain")
        elif path == "/html":
            self._send(200, b"<html><body>Welcome</body></html>", "text/html")
        elif path == "/json-not-sparql":
            self._send(200, b'{"hello": "world"}', "application/json")
        elif path == "/bad-binding":
            self._send(200, b'{"head": {"vars": ["n"]}, "results": {"bindings": [{"n": 1}]}}')
        elif path == "/truncated":
            self._send(200, GOOD[:20], length=len(GOOD))
        elif path == "/truncated-json":
            self._send(200, GOOD[:20])
        elif path == "/slow":
            time.sleep(5)
            self._send(200, GOOD)
        elif path == "/loop":
            self._send(302, b"", headers={"Location": "/loop"})
        elif path == "/auth":
            expected = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            if self.headers.get("Authorization") == expected:
                self._send(200, GOOD)
            else:
                self._send(
                    401,
                    b"who are you",
                    "text/plain",
                    headers={"WWW-Authenticate": 'Basic realm="x"'},
                )
        else:
            self._send(404, b"", "text/plain")


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:  # a client gave up: fine
        pass


@pytest.fixture(scope="module")
def fake():
    server = QuietServer(("127.0.0.1", free_port()), Faults)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _run(url: str, *extra: str, env: dict[str, str] | None = None):
    return cli(
        "query",
        "run",
        "--sparql",
        "SELECT ?n WHERE { ?s ?p ?n }",
        "--endpoint",
        url,
        *extra,
        env=env,
    )


FAULTS = {
    "/401": "401",
    "/403": "403",
    "/500": "500",
    "/html": "not SPARQL JSON results",
    "/json-not-sparql": "not SPARQL JSON results",
    "/bad-binding": "not SPARQL JSON results",
    "/truncated": "cannot read the answer",
    "/truncated-json": "cannot read the answer",
    "/loop": "redirect",
}


@pytest.mark.parametrize("path", sorted(FAULTS))
def test_fault_is_one_line_exit_2(fake, path):
    assert_error(_run(fake + path), fake + path, FAULTS[path])


def test_connection_refused():
    url = f"http://127.0.0.1:{free_port()}/query"
    assert_error(_run(url), url, "cannot reach the endpoint", "refused")


def test_timeout(fake):
    start = time.monotonic()
    assert_error(_run(fake + "/slow", "--timeout", "1"), "/slow", "no answer within 1 s")
    assert time.monotonic() - start < 4


def test_not_an_http_url():
    assert_error(_run("ftp://127.0.0.1/x"), "ftp://127.0.0.1/x", "not an http(s) URL")


def test_compare_reports_endpoint_faults_the_same_way(fake):
    assert_error(cli("compare", "--endpoint", fake + "/500"), "500")


def test_credentials_come_from_the_environment(fake):
    env = {"IOPKG_ENDPOINT_USER": USER, "IOPKG_ENDPOINT_PASSWORD": PASSWORD}
    ok = _run(fake + "/auth", "--format", "csv", env=env)
    assert ok.exit_code == 0, ok.output
    assert ok.stdout == "n\n7\n"
    assert PASSWORD not in ok.output
    wrong = _run(fake + "/auth", env={**env, "IOPKG_ENDPOINT_PASSWORD": "wrong-" + PASSWORD})
    line = assert_error(wrong, "401")
    assert PASSWORD not in wrong.output and USER not in line
    assert_error(
        _run(fake + "/auth", env={"IOPKG_ENDPOINT_USER": "", "IOPKG_ENDPOINT_PASSWORD": ""}), "401"
    )


@pytest.mark.parametrize("path", ["/401", "/500", "/truncated", "/loop"])
def test_credentials_never_in_errors(fake, path):
    env = {"IOPKG_ENDPOINT_USER": USER, "IOPKG_ENDPOINT_PASSWORD": PASSWORD}
    result = _run(fake + path, env=env)
    assert result.exit_code == 2
    assert PASSWORD not in result.output and USER not in result.output
