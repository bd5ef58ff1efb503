"""A SPARQL endpoint: the ``oxigraph`` server (PyPI) with the graph loaded, and loading a graph
into any SPARQL 1.1 Graph Store Protocol endpoint in one HTTP PUT.

>>> graph_store_url("http://127.0.0.1:7878/store", "https://w3id.org/iopkg/graph")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fiopkg%2Fgraph'
"""

from __future__ import annotations

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
    cors: bool = False,
) -> Server:
    """Start ``oxigraph serve`` (or ``serve-read-only``) on a database and wait until it answers.

    :param location: the database folder.
    :param host: the address to bind.
    :param port: the port to bind.
    :param read_only: serve read-only (no updates, no Graph Store writes).
    :param timeout: seconds to wait for the server to answer.
    :param cors: answer browsers' cross-origin requests (for the console page of
        :mod:`iopkg.publish.console`).
    :raises EndpointError: when the host is not an address, or the server exits or does not
        answer in time.
    """
    try:
        socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError, ValueError) as e:
        shown = " ".join(repr(host).split())
        raise EndpointError(
            f"--host {shown}",
            f"not an address of this machine to bind ({e}); give e.g. 127.0.0.1 or localhost",
        ) from None
    mode = "serve-read-only" if read_only else "serve"
    proc = subprocess.Popen(
        [oxigraph_binary(), mode, "--location", str(location), "--bind", f"{host}:{port}"]
        + (["--cors"] if cors else []),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Server(proc, host, port, location)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace").strip() if proc.stderr else ""
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


def serve_store(
    store: ox.Store, *, host: str = "127.0.0.1", port: int = DEFAULT_PORT, cors: bool = False
) -> Server:
    """Load ``store`` into a temporary database and serve it read-only with the query UI.

    :param store: the graph.
    :param host: the address to bind.
    :param port: the port to bind.
    :param cors: answer browsers' cross-origin requests.
    :raises EndpointError: when the database or the server cannot be started.
    """
    tmp = tempfile.TemporaryDirectory(prefix="iopkg-serve-")
    try:
        location = Path(tmp.name) / "db"
        prepare_database(store, location)
        server = start_server(location, host=host, port=port, read_only=True, cors=cors)
    except BaseException:
        tmp.cleanup()
        raise
    server._tmp = tmp
    return server


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
    except urllib.error.HTTPError as e:
        detail = e.read().decode(errors="replace").strip().splitlines()
        raise EndpointError(
            endpoint, f"HTTP {e.code} {e.reason}" + (f": {detail[0][:200]}" if detail else "")
        ) from None
    except (urllib.error.URLError, ConnectionError, TimeoutError) as e:
        reason = getattr(e, "reason", e)
        raise EndpointError(endpoint, f"cannot reach the endpoint: {reason}") from None
    return LoadReport(endpoint, graph, len(store), status)
