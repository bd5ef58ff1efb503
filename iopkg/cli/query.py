"""``iopkg query list|show|run``: the catalogue of named SPARQL queries."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from iopkg.cli._common import PersonalData, QuietOption, app, command
from iopkg.cli._store import (
    DEFAULT_TIMEOUT,
    DataOption,
    EndpointOption,
    FormatOption,
    GraphOption,
    OutputOption,
    TimeoutOption,
    emit,
    source,
)
from iopkg.errors import IopkgError
from iopkg.io import STDOUT, atomic_writer
from iopkg.sparql.binding import ParamError
from iopkg.sparql.catalogue import bind_params, catalogue, get_query
from iopkg.sparql.files import parse_query_text
from iopkg.sparql.output import STREAMING, OutputFormat, write_rows
from iopkg.sparql.result import QueryResult
from iopkg.sparql.source import LocalSource

query_app = typer.Typer(
    help="The catalogue of named SPARQL queries: list, show and run them.", no_args_is_help=True
)
app.add_typer(query_app, name="query")


@command("list", target=query_app)
def list_queries() -> None:
    """List the catalogue's queries with their titles and parameters.

    Example: iopkg query list
    """
    for q in catalogue():
        params = " ".join(f"{p.name}={p.default or '?'}" for p in q.params)
        typer.echo(f"{q.name:34} {q.title}" + (f"  [{params}]" if params else ""))


@command("show", target=query_app)
def show(name: Annotated[str, typer.Argument(help="Query name or .rq file.")]) -> None:
    """Print a query: its title, description, parameters, columns and SPARQL text.

    Example: iopkg query show by-decision
    """
    typer.echo(get_query(name).text, nl=False)


def _params(values: list[str]) -> dict[str, str]:
    out = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParamError(f"--param {item!r}: write --param name=value")
        out[name.strip()] = value
    return out


T = TypeVar("T")


def page(rows: Iterator[T], offset: int, limit: int | None) -> Iterator[T]:
    """The rows from ``offset`` on, at most ``limit`` of them, read as they come.

    The query text is left as it is (nothing is pasted into it): the store evaluates lazily, so a
    query without ORDER BY or GROUP BY stops after the rows asked for, and one with them costs
    what it costs with a LIMIT in the text (Oxigraph sorts and groups everything either way).

    >>> list(page(iter(range(10)), 2, 3))
    [2, 3, 4]
    """
    return islice(rows, offset, None if limit is None else offset + limit)


@command("run", target=query_app)
def run(
    name: Annotated[str | None, typer.Argument(help="Query name or path/to/file.rq.")] = None,
    sparql: Annotated[str | None, typer.Option("--sparql", help="SPARQL text to run.")] = None,
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="A parameter as name=value (repeatable)."),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    endpoint: EndpointOption = None,
    graph: GraphOption = None,
    timeout: TimeoutOption = DEFAULT_TIMEOUT,
    data: DataOption = None,
    include_personal_data: PersonalData = False,
    quiet: QuietOption = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", min=0, help="At most this many rows (default: all, streamed)."),
    ] = None,
    offset: Annotated[
        int,
        typer.Option(
            "--offset", min=0, help="Skip this many rows first (a page: --offset 200 --limit 100)."
        ),
    ] = 0,
) -> None:
    """Run a catalogue query, a .rq file or --sparql text, with --param name=value.

    Example: iopkg query run agreements --limit 100 --offset 200 --format csv
    """
    if (name is None) == (sparql is None):
        raise IopkgError("give a query NAME (or path/to/file.rq) or --sparql TEXT, not both")
    params = _params(param or [])
    if name is not None:
        query = get_query(name)
    elif params:
        raise ParamError("--param applies to named queries and .rq files, not --sparql")
    else:
        query = parse_query_text(sparql or "", "--sparql")
    bindings = bind_params(query, params)
    where = source(endpoint, timeout, data, include_personal_data, quiet, graph)
    if fmt is None:
        fmt = OutputFormat.table if output is None else OutputFormat.csv
    if isinstance(
        where, LocalSource
    ):  # rows read as the store gives them, and only those asked for
        from iopkg.sparql.paging import paged_stream

        with paged_stream(where.store, query, bindings, offset, limit, where.timeout) as (
            columns,
            rows,
        ):
            if fmt in STREAMING:
                with atomic_writer(output or STDOUT) as out:
                    write_rows(columns, rows, fmt, out)
                return
            result = QueryResult(columns, list(rows))
    else:
        result = where.select(query, bindings)
        result = QueryResult(result.columns, list(page(iter(result.rows), offset, limit)))
    emit(result, fmt, Path(output) if output else None)
