"""Where queries run: the embedded Oxigraph store or a remote SPARQL endpoint, behind one
:class:`Source` whose :meth:`~Source.select` (and :meth:`~Source.ask`) check the query (read
queries only), bind its parameters as RDF terms and return a
:class:`~iopkg.sparql.result.QueryResult`.

>>> from iopkg.graph import load_store
>>> from iopkg.sparql.files import packaged_query
>>> source = LocalSource(load_store(), timeout=30)
>>> source.select(packaged_query("active-on"), {"date": to_term(ParamType.date, "2020-01-01")}
...               ).columns[:2]
('agreement', 'title')
>>> source.ask("ASK { ?s a ?c }")
True
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from iopkg.errors import QueryError, SparqlSyntaxError
from iopkg.graph import load_store
from iopkg.sparql.binding import ParamType, bind_values, check_read_query, lang_filters, to_term
from iopkg.sparql.computed import Computation, add_computed
from iopkg.sparql.deadline import stream_query
from iopkg.sparql.endpoint import DEFAULT_TIMEOUT, fetch_results
from iopkg.sparql.files import QueryFile, packaged_query, parse_query_text
from iopkg.sparql.result import QueryResult, Row, Term, shared_rows

__all__ = [
    "EndpointSource",
    "LocalSource",
    "ParamType",
    "Source",
    "bound_text",
    "default_source",
    "export_rows",
    "to_term",
]

Bindings = Mapping[str, Term] | None


class Source(Protocol):
    """Something that answers read queries: :class:`LocalSource` or :class:`EndpointSource`."""

    def select(self, query: QueryFile | str, bindings: Bindings = None) -> QueryResult:
        """Run a SELECT (or ASK) query with ``bindings`` (terms by variable name).

        :raises SparqlSyntaxError, UpdateRefusedError: see :mod:`iopkg.sparql.binding`.
        :raises IopkgError: when the query fails on the source.
        """
        ...

    def ask(self, query: QueryFile | str, bindings: Bindings = None) -> bool:
        """Run an ASK query; its answer."""
        return self.select(query, bindings).boolean


def bound_text(query: QueryFile | str, bindings: Bindings = None) -> tuple[str, str]:
    """The query's name and its checked text with ``bindings`` bound in a ``VALUES`` block.

    :raises SparqlSyntaxError, UpdateRefusedError, ParamError: see :mod:`iopkg.sparql.binding`.

    >>> bound_text("SELECT ?n WHERE { }", {"n": to_term(ParamType.string, "3")})
    ('query', 'SELECT ?n WHERE { VALUES (?n) { ("3") } }')
    """
    if isinstance(query, str):
        query = parse_query_text(query)
    check_read_query(query.text, query.name)
    return query.name, bind_values(query.text, dict(bindings or {}))


@dataclass(frozen=True)
class LocalSource(Source):
    """The embedded Oxigraph store.

    :param store: the store.
    :param timeout: seconds before a query is stopped (``None``: no limit), see
        :mod:`iopkg.sparql.deadline`.
    :param computed: values of computed columns already computed on this store (from
        :func:`~iopkg.sparql.computed.computed_values`), so that several queries share them.
    """

    store: ox.Store
    timeout: float | None = None
    computed: Mapping[Computation, Mapping[str, Term]] | None = field(
        default=None, compare=False, hash=False
    )

    def select(self, query: QueryFile | str, bindings: Bindings = None) -> QueryResult:
        with self.stream(query, bindings) as (columns, rows):
            return QueryResult(columns, shared_rows(rows))

    @contextmanager
    def stream(
        self, query: QueryFile | str, bindings: Bindings = None
    ) -> Iterator[tuple[tuple[str, ...], Iterator[Row]]]:
        """Like :meth:`select`, but yield the columns and an iterator of rows, read as the store
        produces them, so that a large result is never held whole.

        :raises ~iopkg.errors.QueryTimeoutError: when the deadline passes.
        """
        name, text = bound_text(query, bindings)
        if bindings and "lang" in bindings:
            text = lang_filters(text)  # Oxigraph then looks labels up row by row (see there)
        try:
            with stream_query(self.store, text, timeout=self.timeout, name=name) as answer:
                yield _with_computed(query, answer, self)
        except SyntaxError as e:  # not expected after check_read_query
            raise SparqlSyntaxError(f"{name}: {e}") from None
        except OSError as e:
            raise QueryError(f"{name}: query failed: {e}") from None


@dataclass(frozen=True)
class EndpointSource(Source):
    """A remote SPARQL 1.1 endpoint (credentials from ``IOPKG_ENDPOINT_USER`` and
    ``IOPKG_ENDPOINT_PASSWORD``).

    :param url: the query URL (for Oxigraph ``http://HOST:PORT/query``).
    :param timeout: seconds to wait for each answer.
    :param default_graph: a named graph to query as the default graph (``default-graph-uri``),
        e.g. the graph ``iopkg load`` wrote; ``None`` leaves it to the server.

    >>> EndpointSource("http://127.0.0.1:7878/query").timeout
    30.0
    """

    url: str
    timeout: float = DEFAULT_TIMEOUT
    default_graph: str | None = None

    def select(self, query: QueryFile | str, bindings: Bindings = None) -> QueryResult:
        text = bound_text(query, bindings)[1]
        result = fetch_results(self.url, text, self.timeout, self.default_graph)
        if isinstance(query, str) or not query.computed:
            return result
        columns, rows = _with_computed(query, (result.columns, iter(result.rows)), self)
        return QueryResult(columns, shared_rows(rows))


def _with_computed(
    query: QueryFile | str, answer: tuple[tuple[str, ...], Iterator[Row]], source: Source
) -> tuple[tuple[str, ...], Iterator[Row]]:
    """The answer with the query's computed columns (see :mod:`iopkg.sparql.computed`)."""
    if isinstance(query, str) or not query.computed:
        return answer
    return add_computed(query, *answer, source=source)


def export_rows(store: ox.Store, name: str, lang: str) -> list[dict[str, Term | None]]:
    """The rows of the packaged export query ``export/NAME`` on ``store``, labels in ``lang``.

    >>> from iopkg.graph import load_store
    >>> sorted({r["role"].value for r in export_rows(load_store(), "parties", "en")})
    ['contributing-unit', 'idea-based-party', 'public-party']
    """
    query = packaged_query(f"export/{name}")
    return LocalSource(store).select(query, {"lang": ox.Literal(lang)}).solutions()


def default_source() -> LocalSource:
    """The embedded store with the project's data (loaded now), without a time limit."""
    return LocalSource(load_store())
