"""Completeness of the register: for each field, the share of the agreements known only from web
pages (``iop:sourceKind``, the register of ``data/register/``) whose sources give it.

The fields are those of the Info shapes of ``shapes/register.ttl``: what is missing is shown
(``iopkg info``, the published index, ``iopkg validate`` Info results), not rejected.

>>> from iopkg.graph import load_store
>>> c = completeness(load_store())
>>> c.agreements, c.share(Field.period).have
(64, 34)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pyoxigraph as ox

from iopkg.sparql.files import packaged_query
from iopkg.sparql.result import QueryResult
from iopkg.sparql.source import LocalSource, Source

__all__ = [
    "Completeness",
    "Field",
    "FieldShare",
    "MunicipalityCoverage",
    "completeness",
    "coverage_by_municipality",
    "coverage_result",
    "format_completeness",
]


class Field(StrEnum):
    """A field of a register agreement whose presence is counted (a column of the query)."""

    period = "period"
    money = "money"
    org_number = "orgNumber"
    decision = "decision"
    focus_area = "focusArea"

    @property
    def label(self) -> str:
        """The field's name in English, as in ``iopkg info``."""
        return _LABELS[self][0]

    @property
    def label_sv(self) -> str:
        """The field's name in Swedish."""
        return _LABELS[self][1]


_LABELS = {
    Field.period: ("period (start or end)", "period (start eller slut)"),
    Field.money: ("money (a funding flow)", "pengar (ett finansieringsflöde)"),
    Field.org_number: (
        "org number of an idea-based party",
        "organisationsnummer för en idéburen part",
    ),
    Field.decision: ("decision", "beslut"),
    Field.focus_area: ("focus area", "fokusområde"),
}


@dataclass(frozen=True)
class FieldShare:
    """How many of the register's agreements have a field."""

    field: Field
    have: int
    total: int

    @property
    def share(self) -> float:
        """The share, 0.0 when there is no agreement."""
        return self.have / self.total if self.total else 0.0


@dataclass(frozen=True)
class Completeness:
    """The register's completeness: its number of agreements and one share per field."""

    agreements: int
    fields: tuple[FieldShare, ...]
    #: (kind of source in English, in Swedish, agreements resting on it), most used first; an
    #: agreement resting on pages of two kinds counts for both.
    kinds: tuple[tuple[str, str, int], ...] = ()

    def share(self, field: Field) -> FieldShare:
        """The share of one field."""
        return next(f for f in self.fields if f.field is field)


def completeness(store: ox.Store) -> Completeness:
    """Count, for every :class:`Field`, the register agreements (``iop:sourceKind``) that have it.

    :param store: the dataset (the default data includes the register).
    """
    source = LocalSource(store)
    rows = list(source.select(packaged_query("internal/completeness")).solutions())
    total = len(rows)
    fields = tuple(
        FieldShare(f, sum(1 for r in rows if r[f.value].value == "true"), total) for f in Field
    )
    kinds = tuple(
        (
            r["labelEn"].value if r["labelEn"] else r["kind"].value,
            r["labelSv"].value if r["labelSv"] else r["kind"].value,
            int(r["agreements"].value),
        )
        for r in source.select(packaged_query("internal/source-kinds")).solutions()
    )
    return Completeness(total, fields, kinds)


def format_completeness(c: Completeness, *, lang: str = "en") -> str:
    """A plain-text table of the shares.

    >>> print(format_completeness(Completeness(2, (FieldShare(Field.money, 1, 2),))))
    Completeness of the register (2 agreements known only from web pages):
      money (a funding flow)                     1/2    50 %
    """
    sv = lang == "sv"
    head = (
        f"Registrets fullständighet ({c.agreements} överenskommelser kända bara från webbsidor):"
        if sv
        else f"Completeness of the register ({c.agreements} agreements known only from web pages):"
    )
    lines = [head]
    for f in c.fields:
        name = f.field.label_sv if sv else f.field.label
        lines.append(f"  {name:<40} {f.have:>3}/{f.total:<3} {round(100 * f.share):>3} %")
    if c.kinds:
        lines.append("Källornas typ:" if sv else "Kinds of source they rest on:")
        lines += [f"  {sv_ if sv else en:<40} {n:>3}" for en, sv_, n in c.kinds]
    return "\n".join(lines)


@dataclass(frozen=True)
class MunicipalityCoverage:
    """A municipality or region with its agreements and how many of them have each fact known
    (over all years: an agreement without a period counts too, unlike in the comparison by year).
    """

    municipality: str
    label: str
    agreements: int
    web_only: int
    with_period: int
    with_money: int
    with_decision: int

    @property
    def money_coverage(self) -> float:
        """The share of the agreements with money known."""
        return self.with_money / self.agreements if self.agreements else 0.0


def coverage_by_municipality(source: Source, *, lang: str = "en") -> list[MunicipalityCoverage]:
    """Every municipality or region with an agreement, by label, and what is known of them.

    >>> from iopkg.graph import load_store
    >>> rows = {r.label: r for r in coverage_by_municipality(LocalSource(load_store()))}
    >>> r = rows["Lund Municipality"]
    >>> r.agreements, r.web_only, r.with_money
    (7, 4, 4)
    """
    query = packaged_query("internal/municipality-coverage")

    def run() -> list[MunicipalityCoverage]:
        return [
            MunicipalityCoverage(
                r["municipality"].value,
                r["label"].value if r["label"] else r["municipality"].value,
                int(r["agreements"].value),
                int(r["webOnly"].value),
                int(r["withPeriod"].value),
                int(r["withMoney"].value),
                int(r["withDecision"].value),
            )
            for r in source.select(query, {"lang": ox.Literal(lang)}).solutions()
        ]

    if isinstance(source, LocalSource):  # kept with a cached store (iopkg.store_cache.derived)
        from iopkg.store_cache import derived

        return derived(source.store, "coverage", [lang, query.text], run)
    return run()


_COVERAGE_COLUMNS = (
    "municipality",
    "label",
    "agreements",
    "webOnly",
    "withPeriod",
    "withMoney",
    "withDecision",
    "moneyCoverage",
)


def coverage_result(rows: list[MunicipalityCoverage]) -> QueryResult:
    """The rows as a query result, to render like any other."""
    return QueryResult(
        _COVERAGE_COLUMNS,
        [
            (
                ox.NamedNode(r.municipality),
                ox.Literal(r.label),
                ox.Literal(r.agreements),
                ox.Literal(r.web_only),
                ox.Literal(r.with_period),
                ox.Literal(r.with_money),
                ox.Literal(r.with_decision),
                ox.Literal(f"{r.money_coverage:.2f}"),
            )
            for r in rows
        ],
    )
