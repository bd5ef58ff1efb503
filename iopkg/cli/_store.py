"""Options shared by the commands that query: the data or an endpoint, and how to write results."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iopkg.errors import IopkgError
from iopkg.graph import load_store
from iopkg.io import write_bytes_atomic
from iopkg.sparql.endpoint import DEFAULT_TIMEOUT
from iopkg.sparql.output import OutputFormat, render
from iopkg.sparql.result import QueryResult
from iopkg.sparql.source import EndpointSource, LocalSource, Source

EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="Query this SPARQL 1.1 endpoint instead of the embedded "
        "store (credentials from IOPKG_ENDPOINT_USER / IOPKG_ENDPOINT_PASSWORD).",
    ),
]
GraphOption = Annotated[
    str | None,
    typer.Option(
        "--graph",
        help="With --endpoint: query this named graph as the default graph (the SPARQL "
        "Protocol's default-graph-uri), e.g. the graph 'iopkg load' wrote.",
        show_default=False,
    ),
]
TimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout",
        min=0.1,
        help="Seconds before the query is stopped (on the endpoint or the embedded store).",
    ),
]
DataOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--data",
        help="Data files or folders, read with the project's ontology and reference data "
        "(municipalities, vocabularies) (default: the project's data/).",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option("--format", "-f", help="Output format (default: table; csv when -o is given)."),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (atomically).")
]


def source(
    endpoint: str | None,
    timeout: float | None,
    data: list[Path] | None,
    personal: bool,
    quiet: bool = False,
    graph: str | None = None,
) -> Source:
    """The endpoint (with ``graph`` as its default graph, if given), or else the embedded store
    (loaded with a progress bar unless ``quiet``).

    :param timeout: seconds per query (``None``: no limit on the store, the default on an
        endpoint).
    """
    if graph and not endpoint:
        raise IopkgError("--graph applies to --endpoint only")
    if endpoint:
        limit = DEFAULT_TIMEOUT if timeout is None else timeout
        return EndpointSource(endpoint, limit, default_graph=graph or None)
    # data folders refer to municipalities and vocabularies by IRI: their labels, codes and
    # populations come from the project's reference data, loaded with them (as by iopkg run)
    store = load_store(data, include_personal_data=personal, quiet=quiet, include_reference=True)
    return LocalSource(store, timeout)


def emit(result: QueryResult, fmt: OutputFormat | None, output: Path | None) -> None:
    """Write a result to a file or stdout in a format."""
    if fmt is None:
        fmt = OutputFormat.table if output is None else OutputFormat.csv
    text = render(result, fmt)
    if not text.endswith("\n"):
        text += "\n"
    if output is not None:
        write_bytes_atomic(output, text.encode("utf-8"))
    else:
        typer.echo(text, nl=False)


__all__ = ["DEFAULT_TIMEOUT", "GraphOption", "source", "emit"]
