"""``iopkg serve`` and ``iopkg load``: a SPARQL endpoint for the graph."""

from __future__ import annotations

from typing import Annotated

import typer

from iopkg.cli._common import DataPaths, PersonalData, QuietOption, command
from iopkg.errors import Terminated
from iopkg.graph import load_store
from iopkg.publish.console import serve_console
from iopkg.publish.gateway import GatewayLimits
from iopkg.publish.server import DEFAULT_GRAPH, DEFAULT_PORT, load_to_endpoint, serve_store

_LIMITS = GatewayLimits()


@command("serve")
def serve(
    paths: DataPaths = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to bind.")] = DEFAULT_PORT,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=1, help="Seconds a client's query may run (server-side)."),
    ] = _LIMITS.timeout,
    max_concurrent: Annotated[
        int,
        typer.Option("--max-concurrent", min=1, help="Queries run at the same time (others wait)."),
    ] = _LIMITS.max_concurrent,
    max_result_mb: Annotated[
        float,
        typer.Option("--max-result-mb", min=0.001, help="Largest answer sent, in MiB."),
    ] = _LIMITS.max_result_bytes / (1 << 20),
    console_port: Annotated[
        int,
        typer.Option(
            "--console-port",
            help="Port of the query console (the project's prefixes and catalogue queries).",
        ),
    ] = DEFAULT_PORT + 1,
    include_personal_data: PersonalData = False,
    quiet: QuietOption = False,
) -> None:
    """Serve the graph read-only as a SPARQL endpoint, with a query console that opens with the
    project's prefixes and every catalogue query as an example (Ctrl-C stops).

    Queries holding SERVICE and updates are refused (docs/hostile-input.md).

    Example: iopkg serve --port 7878   (then open http://127.0.0.1:7879/)
    """
    store = load_store(
        paths, include_personal_data=include_personal_data, quiet=quiet, include_reference=True
    )
    limits = GatewayLimits(timeout, max_concurrent, int(max_result_mb * (1 << 20)))
    server = serve_store(store, host=host, port=port, limits=limits, cors=True)
    try:
        console = serve_console(server.query_url, host=host, port=console_port)
    except BaseException:
        server.stop()
        raise
    typer.echo(
        f"SPARQL endpoint {server.query_url} ({len(store)} triples, read-only); "
        f"query console {console.url} ; Oxigraph's own UI {server.url}/ ; Ctrl-C stops"
    )
    try:
        server.process.wait()
    except Terminated:  # SIGTERM: stop the server, then exit 143
        raise
    except KeyboardInterrupt:
        pass
    finally:
        console.stop()
        server.stop()


@command("load")
def load(
    paths: DataPaths = None,
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="SPARQL 1.1 Graph Store Protocol endpoint, e.g. http://127.0.0.1:7878/store.",
        ),
    ] = "",
    graph: Annotated[
        str, typer.Option("--graph", help="IRI of the named graph to replace.")
    ] = DEFAULT_GRAPH,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds to wait for the server.")
    ] = 120.0,
    include_personal_data: PersonalData = False,
    quiet: QuietOption = False,
) -> None:
    """Replace a named graph on a Graph Store Protocol endpoint with the graph, in one HTTP PUT.

    A failed load leaves the previous graph intact. Exit codes: 0 loaded, 2 error.

    Example: iopkg load --endpoint http://127.0.0.1:7878/store --graph https://w3id.org/iopkg/graph
    """
    store = load_store(
        paths, include_personal_data=include_personal_data, quiet=quiet, include_reference=True
    )
    report = load_to_endpoint(store, endpoint, graph=graph, timeout=timeout)
    typer.echo(
        f"{report.endpoint}: graph <{report.graph}> replaced with {report.triples} "
        f"triples (HTTP {report.status})"
    )
