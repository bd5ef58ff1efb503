"""``iopkg serve`` and ``iopkg load``: a SPARQL endpoint for the graph."""

from __future__ import annotations

from typing import Annotated

import typer

from iopkg.cli._common import DataPaths, PersonalData, QuietOption, command
from iopkg.graph import load_store
from iopkg.publish.console import serve_console
from iopkg.publish.server import DEFAULT_GRAPH, DEFAULT_PORT, load_to_endpoint, serve_store


@command("serve")
def serve(
    paths: DataPaths = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to bind.")] = DEFAULT_PORT,
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

    Example: iopkg serve --port 7878   (then open http://127.0.0.1:7879/)
    """
    store = load_store(paths, include_personal_data=include_personal_data, quiet=quiet)
    server = serve_store(store, host=host, port=port, cors=True)
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
    include_personal_data: PersonalData = False,
    quiet: QuietOption = False,
) -> None:
    """Replace a named graph on a Graph Store Protocol endpoint with the graph, in one HTTP PUT.

    A failed load leaves the previous graph intact. Exit codes: 0 loaded, 2 error.

    Example: iopkg load --endpoint http://127.0.0.1:7878/store --graph https://w3id.org/iopkg/graph
    """
    store = load_store(paths, include_personal_data=include_personal_data, quiet=quiet)
    report = load_to_endpoint(store, endpoint, graph=graph)
    typer.echo(
        f"{report.endpoint}: graph <{report.graph}> replaced with {report.triples} "
        f"triples (HTTP {report.status})"
    )
