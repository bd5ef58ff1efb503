"""The catalogue of named queries, and running a query on a source (the embedded store by
default, or a remote endpoint: :mod:`iopkg.sparql.source`).

>>> [q.name for q in catalogue()][:3]
['active-on', 'agreements', 'ambiguities']
>>> r = run_query("active-on", {"date": "2020-01-01"})
>>> r.columns[:2], len(r.rows) >= 1
(('agreement', 'title'), True)
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path

from iopkg.errors import ParamError, QueryError, UnknownQueryError
from iopkg.sparql.binding import to_term
from iopkg.sparql.files import QUERIES_DIR, QueryFile, load_query, packaged_query, parse_query_text
from iopkg.sparql.result import QueryResult, Term, python_value, shared_rows
from iopkg.sparql.source import LocalSource, Source, default_source

__all__ = [
    "QueryResult",
    "UnknownQueryError",
    "bind_params",
    "catalogue",
    "get_query",
    "python_value",
    "run_query",
    "run_sparql",
]


def catalogue() -> list[QueryFile]:
    """The named queries shipped in ``iopkg/sparql/queries/``, sorted by name."""
    return [packaged_query(p.stem) for p in sorted(QUERIES_DIR.glob("*.rq"))]


def get_query(name: str) -> QueryFile:
    """A query by catalogue name, or from a ``.rq`` file when ``name`` is a path to one.

    :raises UnknownQueryError: naming close catalogue names when there is no such query.
    """
    path = Path(name)
    if name.endswith(".rq") or path.is_file():
        if not path.is_file():
            raise QueryError(f"{name}: no such query file")
        return load_query(path)
    if "/" not in name and (QUERIES_DIR / f"{name}.rq").is_file():
        return packaged_query(name)
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


def run_query(
    name: str | QueryFile,
    params: Mapping[str, str] | None = None,
    *,
    source: Source | None = None,
) -> QueryResult:
    """Run a catalogue query (by name), a ``.rq`` file (by path) or a :class:`QueryFile`.

    :param name: the query.
    :param params: parameter values as text, by name; defaults fill the rest.
    :param source: where to run it (default: the project's data, loaded once per call).
    :raises IopkgError: see :func:`get_query`, :func:`bind_params` and
        :meth:`iopkg.sparql.source.Source.select`.
    """
    query = name if isinstance(name, QueryFile) else get_query(name)
    bindings = bind_params(query, params)
    where = source or default_source()
    if isinstance(where, LocalSource) and query.page is not None:
        # a listing on a cached store is read by key, a few hundred rows at a time, rather than
        # sorted whole on disk (iopkg.sparql.paging); elsewhere as any other query
        from iopkg.sparql.paging import paged_stream

        with paged_stream(where.store, query, bindings, 0, None, where.timeout) as (cols, rows):
            return QueryResult(cols, shared_rows(rows))
    return where.select(query, bindings)


def run_sparql(text: str, *, source: Source | None = None) -> QueryResult:
    """Run SPARQL text given directly (no parameters).

    >>> run_sparql("ASK { ?s ?p ?o }").boolean
    True
    """
    return run_query(parse_query_text(text, "--sparql"), {}, source=source)
