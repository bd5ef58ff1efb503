"""The catalogue of named queries and running them on the embedded store or an endpoint.

>>> [q.name for q in catalogue()][:3]
['active-on', 'agreements', 'ambiguities']
>>> r = run_query("active-on", {"date": "2020-01-01"})
>>> r.columns[:2], len(r.rows)
(('agreement', 'title'), 1)
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from iopkg.graph import load_store
from iopkg.sparql.binding import (
    ParamError,
    SparqlSyntaxError,
    Term,
    bind_values,
    check_read_query,
    to_term,
)
from iopkg.sparql.computed import add_computed
from iopkg.sparql.deadline import stream_query
from iopkg.sparql.endpoint import Endpoint
from iopkg.sparql.files import QUERIES_DIR, QueryError, QueryFile, load_query, parse_query_text

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}


class UnknownQueryError(QueryError):
    """No catalogue query has that name."""


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query: column names and rows of RDF terms (``None`` where unbound).

    :param columns: the variables, in the query's order.
    :param rows: one tuple of terms per solution.
    """

    columns: tuple[str, ...]
    rows: list[tuple[Term | None, ...]]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts of Python values (see :func:`python_value`)."""
        cache: dict[ox.Literal, Any] = {}  # literals repeat (dates, amounts): convert each once

        def value(term: Term | None) -> Any:
            if type(term) is not ox.Literal:
                return None if term is None else term.value
            if term not in cache:
                cache[term] = python_value(term)
            return cache[term]

        return [{c: value(v) for c, v in zip(self.columns, row, strict=True)} for row in self.rows]


def python_value(term: Term | None) -> Any:
    """A Python value for an RDF term: ``int``, ``Decimal``, ``date``, ``bool`` or ``str``.

    >>> python_value(ox.Literal("2.50", datatype=ox.NamedNode(XSD + "decimal")))
    Decimal('2.50')
    """
    if term is None:
        return None
    if not isinstance(term, ox.Literal):
        return term.value
    dtype = term.datatype.value
    try:
        if dtype in _INTEGERS:
            return int(term.value)
        if dtype in (XSD + "decimal", XSD + "double", XSD + "float"):
            return Decimal(term.value)
        if dtype == XSD + "date":
            return dt.date.fromisoformat(term.value)
        if dtype == XSD + "boolean":
            return term.value in ("true", "1")
    except ValueError:
        pass
    return term.value


def catalogue() -> list[QueryFile]:
    """The named queries shipped in ``iopkg/sparql/queries/``, sorted by name."""
    return [load_query(p) for p in sorted(QUERIES_DIR.glob("*.rq"))]


def get_query(name: str) -> QueryFile:
    """A query by catalogue name, or from a ``.rq`` file when ``name`` is a path to one.

    :raises UnknownQueryError: naming close catalogue names when there is no such query.
    """
    path = Path(name)
    if name.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise QueryError(f"{name}: no such query file")
        return load_query(path)
    file = QUERIES_DIR / f"{name}.rq"
    if "/" not in name and file.is_file():
        return load_query(file)
    names = [q.name for q in catalogue()]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; see 'iopkg query list'"
    raise UnknownQueryError(f"unknown query '{name}'{hint}")


def bind_params(query: QueryFile, params: Mapping[str, str] | None) -> dict[str, Term]:
    """Typed RDF terms for a query's parameters: given values, else defaults.

    :raises ParamError: on an unknown parameter, a missing one, or a value of the wrong type.
    """
    params = dict(params or {})
    declared = {p.name: p for p in query.params}
    for name in params:
        if name not in declared:
            known = ", ".join(declared) or "none"
            raise ParamError(f"{query.name}: unknown parameter '{name}' (parameters: {known})")
    out: dict[str, Term] = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is None:
            raise ParamError(
                f"{query.name}: missing parameter '{p.name}' ({p.type.value}); "
                f"give --param {p.name}=VALUE"
            )
        try:
            out[p.name] = to_term(p.type, value, p.name)
        except ParamError as e:
            raise ParamError(f"{query.name}: {e}") from None
    return out


def execute(
    text: str,
    bindings: Mapping[str, Term] | None = None,
    *,
    store: ox.Store | None = None,
    endpoint: Endpoint | None = None,
    name: str = "query",
    timeout: float | None = None,
) -> QueryResult:
    """Check, bind and run a read query on a store (the embedded default) or an endpoint.

    :param text: a SELECT or ASK query.
    :param bindings: terms for variables, bound by a ``VALUES`` block.
    :param store: the Oxigraph store; the project's data when neither it nor ``endpoint``.
    :param endpoint: a remote SPARQL endpoint.
    :param name: the query's name, for messages.
    :param timeout: seconds before a query on the store is stopped (``None``: no limit); an
        endpoint has its own timeout.
    :raises SparqlSyntaxError, UpdateRefusedError, EndpointError: see :mod:`iopkg.sparql.binding`.
    :raises ~iopkg.sparql.deadline.QueryTimeoutError: when the deadline passes.
    """
    check_read_query(text, name)
    bound = bind_values(text, dict(bindings or {}))
    if endpoint is not None:
        columns, rows = endpoint.select(bound)
        return QueryResult(columns, rows)
    store = store if store is not None else load_store()
    with _stream(store, bound, timeout, name) as (columns, rows):
        return QueryResult(columns, list(rows))


@contextmanager
def _stream(
    store: ox.Store, bound: str, timeout: float | None, name: str
) -> Iterator[tuple[tuple[str, ...], Iterator[tuple[Term | None, ...]]]]:
    try:
        with stream_query(store, bound, timeout=timeout, name=name) as answer:
            yield answer
    except SyntaxError as e:  # not expected after check_read_query
        raise SparqlSyntaxError(f"{name}: {e}") from None
    except OSError as e:
        raise QueryError(f"{name}: query failed: {e}") from None


@contextmanager
def stream_rows(
    name: str | QueryFile,
    params: Mapping[str, str] | None = None,
    *,
    store: ox.Store | None = None,
    timeout: float | None = None,
) -> Iterator[tuple[tuple[str, ...], Iterator[tuple[Term | None, ...]]]]:
    """Like :func:`run_query` on the embedded store, but yield the columns and a row iterator.

    Rows are read as the store produces them, so a large result is never held whole.

    :param name: the query (name, ``.rq`` path or :class:`QueryFile`).
    :param params: parameter values as text, by name.
    :param store: the store (default: the project's data).
    :param timeout: seconds before the query is stopped
        (:class:`~iopkg.sparql.deadline.QueryTimeoutError`).
    :raises IopkgError: see :func:`run_query`.

    >>> with stream_rows("active-on", {"date": "2020-01-01"}, timeout=30) as (cols, rows):
    ...     cols[0], len(list(rows))
    ('agreement', 1)
    """
    query = name if isinstance(name, QueryFile) else get_query(name)
    check_read_query(query.text, query.name)
    bound = bind_values(query.text, dict(bind_params(query, params)))
    store = store if store is not None else load_store()
    with _stream(store, bound, timeout, query.name) as (columns, rows):
        yield add_computed(query, columns, rows, store=store, endpoint=None)


def run_query(
    name: str | QueryFile,
    params: Mapping[str, str] | None = None,
    *,
    store: ox.Store | None = None,
    endpoint: Endpoint | None = None,
    timeout: float | None = None,
) -> QueryResult:
    """Run a catalogue query (by name), a ``.rq`` file (by path) or a :class:`QueryFile`.

    :param name: the query.
    :param params: parameter values as text, by name; defaults fill the rest.
    :param store: the Oxigraph store (default: the project's data, loaded once per call).
    :param endpoint: run on this SPARQL endpoint instead.
    :param timeout: seconds before a query on the store is stopped (``None``: no limit).
    :raises IopkgError: see :func:`get_query`, :func:`bind_params`, :func:`execute`.
    """
    query = name if isinstance(name, QueryFile) else get_query(name)
    bindings = bind_params(query, params)
    if query.computed and store is None and endpoint is None:
        store = load_store()  # the computed columns read the same data
    result = execute(
        query.text, bindings, store=store, endpoint=endpoint, name=query.name, timeout=timeout
    )
    if not query.computed:
        return result
    columns, rows = add_computed(
        query, result.columns, iter(result.rows), store=store, endpoint=endpoint
    )
    return QueryResult(columns, list(rows))


def run_sparql(
    text: str,
    *,
    store: ox.Store | None = None,
    endpoint: Endpoint | None = None,
    timeout: float | None = None,
) -> QueryResult:
    """Run SPARQL text given directly (no parameters)."""
    return run_query(
        parse_query_text(text, "--sparql"), {}, store=store, endpoint=endpoint, timeout=timeout
    )
