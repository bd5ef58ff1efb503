"""A SPARQL endpoint: the ``oxigraph`` server (PyPI) with the graph loaded, and loading a graph
into any SPARQL 1.1 Graph Store Protocol endpoint in one HTTP PUT.

>>> graph_store_url("http://127.0.0.1:7878/store", "https://w3id.org/iopkg/graph")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fiopkg%2Fgraph'
"""

from __future__ import annotations

import errno
import http.client
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from iopkg.errors import EndpointError
from iopkg.export.rdf import export_rdf
from iopkg.formats import RdfFormat
from iopkg.namespaces import DEFAULT_GRAPH
from iopkg.publish.dumps import write_dump
from iopkg.publish.gateway import Gateway, GatewayLimits

#: The named graph that ``iopkg load`` replaces unless told otherwise.
DEFAULT_PORT = 7878


def oxigraph_binary() -> str:
    """The ``oxigraph`` executable: beside this Python first, then on ``PATH``.

    :raises EndpointError: when it is not installed.
    """
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.is_file() else shutil.which("oxigraph")
    if not found:
        raise EndpointError(
            "oxigraph", "the oxigraph server is not installed; pip install 'oxigraph>=0.5,<0.6'"
        )
    return found


def prepare_database(store: ox.Store, location: Path) -> int:
    """Load the default graph of ``store`` into an on-disk Oxigraph database at ``location``.

    :param store: the graph.
    :param location: an empty or new folder.
    :return: the number of triples loaded.
    :raises EndpointError: when ``oxigraph load`` fails.
    """
    location.mkdir(parents=True, exist_ok=True)
    dump = location.parent / f".{location.name}.nt"
    write_dump(store, RdfFormat.NTRIPLES, dump)
    try:
        out = subprocess.run(
            [oxigraph_binary(), "load", "--location", str(location), "--file", str(dump)],
            capture_output=True,
            text=True,
        )
    finally:
        dump.unlink(missing_ok=True)
    if out.returncode != 0:
        last = (out.stderr.strip().splitlines() or ["unknown error"])[-1]
        raise EndpointError(str(location), f"oxigraph load failed: {last}")
    return len(store)


@dataclass
class Server:
    """A running ``oxigraph`` server process; stop it with :meth:`stop` (or use ``with``)."""

    process: subprocess.Popen[bytes]
    host: str
    port: int
    location: Path
    _tmp: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)
    gateway: Gateway | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The server's base URL (the query UI)."""
        return f"http://{self.host}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return f"{self.url}/query"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint."""
        return f"{self.url}/store"

    def stop(self) -> None:
        """Stop the server (terminate, then kill after 5 s) and remove a temporary database."""
        if self.gateway is not None:
            self.gateway.stop()
            self.gateway = None
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self._tmp is not None:
            self._tmp.cleanup()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_server(
    location: Path,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    read_only: bool = True,
    timeout: float = 20.0,
    query_timeout: float | None = None,
    cors: bool = False,
) -> Server:
    """Start ``oxigraph serve`` (or ``serve-read-only``) on a database and wait until it answers.

    :param location: the database folder.
    :param host: the address to bind.
    :param port: the port to bind.
    :param read_only: serve read-only (no updates, no Graph Store writes).
    :param timeout: seconds to wait for the server to answer.
    :param query_timeout: seconds the server lets a query run (``--timeout-s``); no limit when
        ``None``.
    :param cors: answer browsers' cross-origin requests (for the console page of
        :mod:`iopkg.publish.console`).
    :raises EndpointError: when the host is not an address, or the server exits or does not
        answer in time.
    """
    _check_host(host, port)
    mode = "serve-read-only" if read_only else "serve"
    args = [oxigraph_binary(), mode, "--location", str(location), "--bind", f"{host}:{port}"]
    if query_timeout is not None:
        args += ["--timeout-s", str(max(1, round(query_timeout)))]
    if cors:
        args.append("--cors")
    proc = subprocess.Popen(
        args,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_die_with_parent,
    )
    server = Server(proc, host, port, location)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
            if _port_in_use(host, port):
                raise EndpointError(
                    f"{host}:{port}", "the port is in use (another server?); give another --port"
                )
            raise EndpointError(
                f"{host}:{port}",
                "oxigraph server exited: " + ((err.splitlines() or ["no message"])[-1]),
            )
        try:
            with urllib.request.urlopen(f"{server.query_url}?query=ASK%7B%7D", timeout=1):
                return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.1)
    server.stop()
    raise EndpointError(f"{host}:{port}", f"oxigraph server did not answer within {timeout} s")


def _die_with_parent() -> None:
    """In the server's child process: get SIGTERM when iopkg dies, even by SIGKILL (Linux)."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def serve_store(
    store: ox.Store,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    limits: GatewayLimits | None = None,
    cors: bool = False,
) -> Server:
    """Load ``store`` into a temporary database and serve it read-only with the query UI.

    The ``oxigraph`` server listens on a private loopback port; clients talk to a
    :class:`~iopkg.publish.gateway.Gateway` on ``host:port``, which refuses ``SERVICE`` and
    updates and bounds time, concurrency and answer size (``limits``).

    :param store: the graph.
    :param host: the address to bind.
    :param port: the port to bind.
    :param limits: query timeout, concurrent queries, answer size; defaults when omitted.
    :param cors: answer browsers' cross-origin requests (the gateway passes the server's CORS
        headers and preflight requests on).
    :raises EndpointError: when the port is in use, or the database or the server cannot be
        started.
    """
    limits = limits or GatewayLimits()
    _check_host(host, port)
    try:
        gateway = Gateway((host, port), ("127.0.0.1", 0), limits)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise EndpointError(
                f"{host}:{port}", "the port is in use (another server?); give another --port"
            ) from None
        raise EndpointError(f"{host}:{port}", f"cannot listen here: {e.strerror}") from None
    tmp = tempfile.TemporaryDirectory(prefix="iopkg-serve-")
    try:
        location = Path(tmp.name) / "db"
        prepare_database(store, location)
        server = start_server(
            location,
            port=_free_loopback_port(),
            read_only=True,
            query_timeout=limits.timeout,
            cors=cors,
        )
    except BaseException:
        gateway.server_close()
        tmp.cleanup()
        raise
    gateway.upstream = (server.host, server.port)
    server.host, server.port = host, gateway.server_address[1]
    server._tmp = tmp
    server.gateway = gateway
    gateway.start()
    return server


def _port_in_use(host: str, port: int) -> bool:
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
            s.bind((host, port))
    except OSError as e:
        return e.errno == errno.EADDRINUSE
    return False


def _free_loopback_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _check_host(host: str, port: int) -> None:
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError) as e:
        shown = " ".join(repr(host).split())
        raise EndpointError(
            f"--host {shown}",
            f"not an address of this machine to bind ({e}); give e.g. 127.0.0.1 or localhost",
        ) from None


def graph_store_url(endpoint: str, graph: str) -> str:
    """The Graph Store Protocol URL of a named graph (indirect identification)."""
    sep = "&" if "?" in endpoint else "?"
    return f"{endpoint}{sep}{urlencode({'graph': graph})}"


@dataclass(frozen=True)
class LoadReport:
    """The result of :func:`load_to_endpoint`."""

    endpoint: str
    graph: str
    triples: int
    status: int


def load_to_endpoint(
    store: ox.Store, endpoint: str, *, graph: str = DEFAULT_GRAPH, timeout: float = 120.0
) -> LoadReport:
    """Replace named graph ``graph`` at a Graph Store Protocol endpoint with ``store``'s graph.

    One HTTP PUT carries the whole graph as N-Triples, so the server replaces the graph in one
    operation: when the request fails, the previous graph stays as it was.

    :param store: the graph (its default graph is sent).
    :param endpoint: the Graph Store endpoint, e.g. ``http://127.0.0.1:7878/store``.
    :param graph: the IRI of the named graph to replace.
    :param timeout: seconds to wait for the server.
    :raises EndpointError: when the endpoint cannot be reached or refuses the graph.
    """
    if not endpoint.startswith(("http://", "https://")):
        raise EndpointError("--endpoint", f"'{endpoint}' is not an http(s) URL")
    body = export_rdf(store, RdfFormat.NTRIPLES)
    req = urllib.request.Request(
        graph_store_url(endpoint, graph),
        data=body,
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            status = resp.status
            kind = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            html = kind in ("text/html", "application/xhtml+xml")
            # 201 and 204 say the graph was stored whatever the body (Virtuoso answers 201 with
            # a short HTML page); a 200 HTML page is what a web server that is not a Graph
            # Store answers to anything
            if status not in (200, 201, 204) or (status == 200 and html):
                raise EndpointError(
                    endpoint,
                    f"HTTP {status} with {kind or 'no content type'} is not a Graph Store "
                    "Protocol success (201 or 204, or 200 without an HTML page); is this the "
                    "Graph Store URL, e.g. http://HOST:PORT/store?",
                )
    except urllib.error.HTTPError as e:
        detail = e.read().decode(errors="replace").strip().splitlines()
        raise EndpointError(
            endpoint, f"HTTP {e.code} {e.reason}" + (f": {detail[0][:200]}" if detail else "")
        ) from None
    except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
        reason = getattr(e, "reason", e)
        if isinstance(reason, TimeoutError):
            raise EndpointError(endpoint, f"no answer within {timeout:g} s") from None
        raise EndpointError(endpoint, f"cannot reach the endpoint: {reason}") from None
    except (http.client.HTTPException, OSError, ValueError) as e:  # a garbled answer
        detail = " ".join(str(e).split())[:200] or type(e).__name__
        raise EndpointError(
            endpoint, f"the answer is not valid HTTP ({type(e).__name__}: {detail})"
        ) from None
    return LoadReport(endpoint, graph, len(store), status)
