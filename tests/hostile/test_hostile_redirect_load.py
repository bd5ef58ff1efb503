"""Issue 16, part 3: credentials never follow a redirect to another scheme, host or port; ``load``
succeeds only on a Graph Store Protocol success; garbled answers give one line and exit 2."""

from __future__ import annotations

import base64
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from hostile import ROOT, assert_error, cli
from test_hostile_endpoints import GOOD, PASSWORD, USER

AUTH = "Basic " + base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
CREDS = {"IOPKG_ENDPOINT_USER": USER, "IOPKG_ENDPOINT_PASSWORD": PASSWORD}
DATA = ROOT / "data" / "agreements" / "lund-radrum-2019.ttl"


def _serve(handler):
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Recorder(BaseHTTPRequestHandler):
    """The other host: records the Authorization header of each request."""

    seen: list[str | None] = []

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Recorder.seen.append(self.headers.get("Authorization"))
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(GOOD)))
        self.end_headers()
        self.wfile.write(GOOD)


@pytest.fixture
def redirecting():
    other = _serve(Recorder)
    Recorder.seen = []
    target = f"http://127.0.0.1:{other.server_address[1]}/query"

    class Redirect(BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            self.send_response(303)  # urllib follows it with a GET (it keeps no POST body)
            self.send_header("Location", target if self.path == "/away" else "/here")
            self.send_header("Content-Length", "0")
            self.end_headers()

    first = _serve(Redirect)
    yield f"http://127.0.0.1:{first.server_address[1]}"
    for s in (first, other):
        s.shutdown()
        s.server_close()


def test_credentials_not_sent_to_another_port_after_redirect(redirecting):
    result = cli(
        "query",
        "run",
        "--sparql",
        "SELECT ?n {}",
        "--endpoint",
        redirecting + "/away",
        "-f",
        "csv",
        env=CREDS,
    )
    assert result.exit_code == 0, result.output
    assert Recorder.seen == [None]  # the other origin was asked, without the credentials
    assert PASSWORD not in result.output


def test_same_origin_redirect_keeps_credentials():
    from iopkg.sparql.endpoint import CredentialSafeRedirectHandler, origin

    assert origin("http://a:80/x") == origin("HTTP://A/y")
    assert origin("http://a/x") != origin("https://a/x") != origin("https://a:8443/x")
    import urllib.request

    req = urllib.request.Request("http://a/x", headers={"Authorization": AUTH})
    new = CredentialSafeRedirectHandler().redirect_request(req, None, 302, "", {}, "http://a/y")
    assert new.get_header("Authorization") == AUTH
    new = CredentialSafeRedirectHandler().redirect_request(req, None, 302, "", {}, "https://a/y")
    assert new.get_header("Authorization") is None


def _raw_server(answer: bytes):
    """A socket server answering every request with ``answer`` (raw bytes), then closing."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    stop = threading.Event()

    def run():
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            conn.settimeout(5)
            try:
                buf = b""
                while b"\r\n\r\n" not in buf:
                    buf += conn.recv(65536)
                head, _, body = buf.partition(b"\r\n\r\n")
                length = int(
                    next(
                        (
                            ln.split(b":")[1]
                            for ln in head.split(b"\r\n")
                            if ln.lower().startswith(b"content-length")
                        ),
                        b"0",
                    )
                )
                while len(body) < length:
                    chunk = conn.recv(1 << 20)
                    if not chunk:
                        break
                    body += chunk
                conn.sendall(answer)
            except OSError:
                pass
            finally:
                conn.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return sock, stop


HEADERS_200 = b"".join(b"X-H%d: v\r\n" % i for i in range(200))


@pytest.mark.parametrize(
    ("answer", "needle"),
    [
        (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
            b"Content-Length: 14\r\n\r\n<html></html>\n",
            "not a Graph Store Protocol success",
        ),
        (
            b"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:9/\r\nContent-Length: 0\r\n\r\n",
            "302",
        ),
        (b"garbage status line\r\n\r\n", "not valid HTTP"),
        (b"HTTP/1.1 200 " + b"x" * 70_000 + b"\r\n\r\n", "not valid HTTP"),
        (b"HTTP/1.1 204 No Content\r\n" + HEADERS_200 + b"\r\n", "not valid HTTP"),
        (b"", "closed connection without response"),
    ],
)
def test_load_needs_a_graph_store_success(answer, needle):
    sock, stop = _raw_server(answer)
    try:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/store"
        assert_error(cli("load", DATA, "--endpoint", url, "--timeout", "10"), url, needle)
    finally:
        stop.set()
        sock.close()


def test_load_accepts_204_and_201():
    for answer in (
        b"HTTP/1.1 204 No Content\r\n\r\n",
        b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n",
    ):
        sock, stop = _raw_server(answer)
        try:
            url = f"http://127.0.0.1:{sock.getsockname()[1]}/store"
            result = cli("load", DATA, "--endpoint", url)
            assert result.exit_code == 0, result.output
        finally:
            stop.set()
            sock.close()


def test_load_timeout():
    sock = socket.socket()  # listens, never answers
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    try:
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/store"
        assert_error(cli("load", DATA, "--endpoint", url, "--timeout", "1"), "no answer within 1 s")
    finally:
        sock.close()
