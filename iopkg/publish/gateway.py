"""The gateway in front of the served ``oxigraph`` server: what a client of ``iopkg serve`` may ask.

The ``oxigraph`` server evaluates ``SERVICE <url>`` by sending a request to ``url`` and cannot be
told not to, so ``iopkg serve`` runs it on a private loopback port and puts this small HTTP server
on the public address. For each request it:

- parses the query (:func:`iopkg.federation.find_service`) and answers ``400`` to a query
  holding ``SERVICE`` (nothing is sent anywhere) and ``403`` to an update;
- runs at most ``max_concurrent`` queries at a time; others wait their turn (up to the query
  timeout, then ``503``), so 200 clients at once are all answered;
- bounds each query: the ``oxigraph`` server stops it after ``timeout`` seconds (its
  ``--timeout-s``), and a result larger than ``max_result_bytes`` is answered ``507``;
- watches the client while the query runs: when it hangs up, the gateway drops the upstream
  connection (the ``oxigraph`` server gives up the query at its timeout at the latest; the slot
  stays taken until then, so a client that hangs up cannot pile queries up).

Only ``GET`` (the query UI, ``/query``, Graph Store reads) and ``POST /query`` are forwarded.

>>> GatewayLimits().max_concurrent >= 1
True
"""

from __future__ import annotations

import http.client
import select
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from iopkg.errors import IopkgError, RequestRefused

#: Largest request body read (a POSTed query).
MAX_BODY = 1 << 20


@dataclass(frozen=True)
class GatewayLimits:
    """Bounds on what the served endpoint does for its clients.

    :param timeout: seconds a query may run (server-side).
    :param max_concurrent: queries evaluated at the same time.
    :param max_result_bytes: largest answer sent.
    """

    timeout: float = 30.0
    max_concurrent: int = 4
    max_result_bytes: int = 64 << 20


READ_ONLY = "this endpoint is read-only: updates are not allowed"


class Gateway(ThreadingHTTPServer):
    """The public HTTP server; forwards allowed requests to ``upstream`` (host, port)."""

    daemon_threads = True
    request_queue_size = 512  # a burst of clients waits in the kernel, not refused

    def __init__(
        self, address: tuple[str, int], upstream: tuple[str, int], limits: GatewayLimits
    ) -> None:
        super().__init__(address, _Handler)
        self.upstream = upstream
        self.limits = limits
        self.slots = threading.BoundedSemaphore(limits.max_concurrent)

    def start(self) -> threading.Thread:
        """Serve in a daemon thread."""
        thread = threading.Thread(target=self.serve_forever, name="iopkg-gateway", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        """Stop serving and close the socket."""
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: Gateway
    protocol_version = "HTTP/1.0"  # one request per connection: a hang-up means "gone"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # quiet: the command prints its own line

    def do_GET(self) -> None:  # noqa: N802
        self._handle(None)

    def do_POST(self) -> None:  # noqa: N802
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._drain()
            self._error(413, f"the request body must be at most {MAX_BODY} bytes")
            return
        self._handle(self.rfile.read(length))

    def do_PUT(self) -> None:  # noqa: N802
        self._drain()  # read what the client sends, so it sees the answer, not a broken pipe
        self._error(403, "this endpoint is read-only: updates are not allowed")

    def _drain(self, limit: int = 64 << 20) -> None:
        try:
            left = min(int(self.headers.get("Content-Length") or 0), limit)
            while left > 0:
                chunk = self.rfile.read(min(left, 1 << 16))
                if not chunk:
                    break
                left -= len(chunk)
        except (ValueError, OSError):
            pass

    do_DELETE = do_PATCH = do_PUT  # noqa: N815

    def do_OPTIONS(self) -> None:  # noqa: N802 - a browser's CORS preflight: no query in it
        try:
            self._forward(None)
        except RequestRefused as e:
            self._error(e.status, e.message)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _handle(self, body: bytes | None) -> None:
        try:
            self._check(body)
            self._forward(body)
        except RequestRefused as e:
            self._error(e.status, e.message)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _check(self, body: bytes | None) -> None:
        from iopkg.federation import refuse_service
        from iopkg.sparql.binding import UpdateRefusedError

        path = urlsplit(self.path)
        if body is not None and path.path != "/query":
            raise RequestRefused(403, READ_ONLY)
        texts = parse_qs(path.query).get("query", []) + parse_qs(path.query).get("update", [])
        if body is not None:
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if kind == "application/sparql-query":
                texts.append(body.decode("utf-8", "replace"))
            elif kind == "application/x-www-form-urlencoded":
                form = parse_qs(body.decode("utf-8", "replace"))
                if "update" in form:
                    raise RequestRefused(403, READ_ONLY)
                texts += form.get("query", [])
            else:
                raise RequestRefused(415, "POST a query as application/sparql-query or a form")
        if "update" in parse_qs(path.query):
            raise RequestRefused(403, READ_ONLY)
        for text in texts:
            try:
                refuse_service(text, "query")
                if _looks_like_update(text):
                    raise UpdateRefusedError("query: updates are not allowed")
            except UpdateRefusedError:
                raise RequestRefused(
                    403, "this endpoint is read-only: updates are not allowed"
                ) from None
            except IopkgError as e:
                raise RequestRefused(400, str(e)) from None

    def _forward(self, body: bytes | None) -> None:
        limits = self.server.limits
        if not self.server.slots.acquire(timeout=limits.timeout):
            raise RequestRefused(503, "the endpoint is busy; try again later")
        started = time.monotonic()
        hold_until = started
        try:
            conn = http.client.HTTPConnection(*self.server.upstream, timeout=limits.timeout + 5)
            headers = {
                k: v
                for k, v in self.headers.items()
                if k.lower() in ("accept", "content-type", "accept-language", "origin")
                or k.lower().startswith("access-control-request-")
            }
            conn.request(self.command, self.path, body=body, headers=headers)
            if not self._wait_for(conn, started + limits.timeout + 5):
                conn.close()  # the client hung up: drop the query
                hold_until = started + limits.timeout
                return
            resp = conn.getresponse()
            data = resp.read(limits.max_result_bytes + 1)
            conn.close()
            if len(data) > limits.max_result_bytes:
                raise RequestRefused(
                    507,
                    f"the answer is larger than {limits.max_result_bytes} bytes; "
                    "ask for less (LIMIT)",
                )
            self.send_response(resp.status, resp.reason)
            for k, v in resp.getheaders():
                if k.lower() in ("content-type", "content-language", "cache-control", "vary") or (
                    k.lower().startswith("access-control-")
                ):
                    self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (OSError, http.client.HTTPException) as e:
            if isinstance(e, BrokenPipeError | ConnectionResetError):
                raise
            raise RequestRefused(502, f"the query failed: {e}") from None
        finally:
            delay = hold_until - time.monotonic()
            if delay > 0:  # the upstream may still be running the dropped query
                time.sleep(delay)
            self.server.slots.release()

    def _wait_for(self, conn: http.client.HTTPConnection, deadline: float) -> bool:
        """Wait until the upstream answers (True) or the client hangs up (False)."""
        upstream = conn.sock
        client = self.connection
        while time.monotonic() < deadline:
            ready, _, _ = select.select([upstream, client], [], [], 0.5)
            if upstream in ready:
                return True
            if client in ready:
                try:
                    if client.recv(1, socket.MSG_PEEK) == b"":
                        return False
                except OSError:
                    return False
        return True  # let getresponse report the timeout

    def _error(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:
            pass


def _looks_like_update(text: str) -> bool:
    from iopkg.sparql.binding import is_update, starts_as_update

    return is_update(text) or starts_as_update(text)
