"""Columns of a catalogue query that portable SPARQL cannot compute, filled in Python.

A query file names such a column in its ``# columns:`` line and says how it is computed in a
``# computed: COLUMN = KIND`` header line (KIND one of :class:`Computation`). The SPARQL text does
not project the column (Virtuoso refuses a projected variable the pattern never binds); after the
query has run, :func:`add_computed` inserts it at its place in ``# columns:``, keyed by the row's
``?agreement``, from the same store or endpoint. :class:`~iopkg.sparql.source.LocalSource` and
:class:`~iopkg.sparql.source.EndpointSource` both do this, so every way of running the query
(CLI, library, embedded store, endpoint) gives the same column.

Why Python: the total over an agreement's period counts a rate per year by the days it covers in
each calendar year (``rate x days / days in that year``); SPARQL 1.1 has no day difference between
two dates (``xsd:date - xsd:date`` is an Oxigraph extension; Virtuoso has ``bif:datediff``).

>>> from iopkg.sparql.catalogue import run_query
>>> rows = run_query("agreements").records()
>>> {r["agreement"].rsplit("/", 1)[1]: r["totalOverPeriodSEK"] for r in rows}[
...     "lund-kompis-sverige-2019"
... ]
Decimal('61986.30')
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import pyoxigraph as ox

from iopkg.errors import IopkgError
from iopkg.namespaces import XSD
from iopkg.sparql.result import Term

if TYPE_CHECKING:
    from iopkg.sparql.files import QueryFile
    from iopkg.sparql.source import Source

XSD_DECIMAL = ox.NamedNode(str(XSD.decimal))


class Computation(StrEnum):
    """What a computed column holds."""

    #: per ``?agreement``: its money over its period, the rule of ``iopkg compare``
    #: (:func:`iopkg.analysis.compare.totals_over_period`).
    total_over_period = "total-over-period"


@dataclass(frozen=True)
class ComputedColumn:
    """A column filled in Python: its name and what it holds."""

    column: str
    computation: Computation


def parse_computed(value: str, name: str) -> ComputedColumn:
    """Read a ``# computed: COLUMN = KIND`` header value.

    :raises IopkgError: when the line cannot be read or names an unknown computation.

    >>> parse_computed("totalOverPeriodSEK = total-over-period", "q").computation.value
    'total-over-period'
    """
    column, sep, kind = (part.strip() for part in value.partition("="))
    if not sep or not column:
        raise IopkgError(f"{name}: cannot read '# computed: {value}' (use COLUMN = KIND)")
    try:
        return ComputedColumn(column, Computation(kind))
    except ValueError:
        kinds = ", ".join(c.value for c in Computation)
        raise IopkgError(f"{name}: unknown computation '{kind}' (use {kinds})") from None


def computed_values(computation: Computation, source: Source) -> Mapping[str, Term]:
    """The values of a computed column on ``source``, by agreement IRI (what a
    :class:`~iopkg.sparql.source.LocalSource` can be given to share them between queries).

    >>> from iopkg.sparql.source import default_source
    >>> totals = computed_values(Computation.total_over_period, default_source())
    >>> totals["https://w3id.org/iopkg/id/agreement/lund-radrum-2019"].value
    '920000.00'
    """
    known = getattr(source, "computed", None)
    if known is not None and computation in known:
        return known[computation]
    if computation is Computation.total_over_period:
        # The money rule is compare's (a layer above); the one upward import, declared in
        # pyproject.toml's import-linter contracts (ignore_imports), so both stay one rule.
        from iopkg.analysis.compare import totals_over_period

        totals = totals_over_period(source)
        return {a: ox.Literal(str(v), datatype=XSD_DECIMAL) for a, v in totals.items()}
    raise AssertionError(computation)  # pragma: no cover - every Computation is handled


def add_computed(
    query: QueryFile,
    columns: tuple[str, ...],
    rows: Iterator[tuple[Term | None, ...]],
    source: Source,
) -> tuple[tuple[str, ...], Iterator[tuple[Term | None, ...]]]:
    """The columns and rows with the query's computed columns inserted (rows stay lazy).

    :param query: the query file (its ``computed`` and ``columns``).
    :param columns: the columns the SPARQL query gave.
    :param rows: its rows.
    :param source: the store or endpoint the query ran on.
    """
    if not query.computed:
        return columns, rows
    out = list(columns)
    fills: list[tuple[int, Mapping[str, Term]]] = []
    for c in query.computed:
        at = query.columns.index(c.column) if c.column in query.columns else len(out)
        out.insert(at, c.column)
        fills.append((at, computed_values(c.computation, source)))
    if "agreement" not in columns:
        raise IopkgError(f"{query.name}: a computed column needs an ?agreement column")
    key = columns.index("agreement")

    def extended() -> Iterator[tuple[Term | None, ...]]:
        for row in rows:
            new = list(row)
            subject = row[key]
            for at, values in fills:
                new.insert(at, values.get(subject.value) if subject is not None else None)
            yield tuple(new)

    return tuple(out), extended()
