"""The comparison across municipalities (or counties, organisations, focus areas) by year.

Computed from the results of SPARQL queries (``queries/internal/compare-*.rq``), aggregated here,
so the embedded store and a remote endpoint share all of it. The rules:

- an agreement is *active* in a year when its period (start to end, inclusive) meets that year;
- a fixed amount (``schema:amount``) for a period (``schema:startDate``..``schema:endDate``, or
  ``iop:fiscalYear`` alone meaning that whole year) is spread pro rata over the period's days,
  both ends inclusive;
- a rate per year (``iop:ratePerYear``) counts ``rate x days covered in the year / days in the
  year`` for the days the flow is active, its period bounded by its agreement's period;
- a flow is one resource however many documents describe it, so it counts once;
- funding per inhabitant divides by the population of that year where the reference data has it,
  else of the nearest year it has (the earlier one on a tie), and ``populationYear`` says which;
  it is empty where no money is known for the year (not 0);
- ``agreementsWithMoney`` counts the active agreements with money attributed to the year and
  ``moneyCoverage`` is their share of the active agreements: most agreements of the register
  (``data/register/``) are known from web pages that give no money, so a figure may cover only
  part of a municipality's partnerships;
- an agreement without a known start and end (many of the register's) is in no year.

>>> attributed(Decimal(520000), dt.date(2019, 7, 1), dt.date(2020, 6, 30), 2019)
Decimal('261420.7650273224043715846995')
>>> attributed(Decimal(125000), dt.date(2019, 1, 1), dt.date(2019, 6, 30), 2019, rate=True)
Decimal('61986.30136986301369863013699')
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from typing import Any

import pyoxigraph as ox

from iopkg.errors import IopkgError
from iopkg.namespaces import VOCAB, XSD
from iopkg.sparql.catalogue import run_query
from iopkg.sparql.deadline import call_with_deadline
from iopkg.sparql.files import packaged_query
from iopkg.sparql.result import QueryResult
from iopkg.sparql.source import LocalSource, Source, default_source
from iopkg.values import usable_amount, usable_date

CENT = Decimal("0.01")
#: The zero of every source of funds not paid in a year (shared: a Decimal never changes).
_ZERO = Decimal(0)
COLUMNS = (
    "group",
    "label",
    "year",
    "agreements",
    "organisations",
    "fundingSEK",
    "municipalSEK",
    "stateSEK",
    "otherSEK",
    "inKindContributions",
    "population",
    "populationYear",
    "fundingPerInhabitantSEK",
    "agreementsWithMoney",
    "moneyCoverage",
)


class GroupBy(StrEnum):
    """What the comparison groups agreements by."""

    municipality = "municipality"
    county = "county"
    organisation = "organisation"
    focus_area = "focus-area"


class FundsSource(StrEnum):
    """Where money comes from (``iop:sourceOfFunds``); a flow without one counts as other."""

    municipal = "municipal"
    state = "state"
    other = "other"


_FUNDS_SOURCES = {str(VOCAB[f"source-{s.value}"]): s for s in FundsSource}


@dataclass(frozen=True)
class ComparisonRow:
    """One group in one calendar year. Money in SEK, rounded to öre.

    :param group: IRI of the municipality, county, organisation or focus area.
    :param label: its label.
    :param year: the calendar year.
    :param agreements: agreements active in the year.
    :param organisations: idea-based organisations party to those agreements.
    :param funding: monetary funding attributed to the year.
    :param municipal: of which from municipal budgets.
    :param state: of which state grants.
    :param other: of which other sources.
    :param in_kind: contributions in kind under agreements active in the year (within the
        contribution's own dates, where it has them).
    :param population: inhabitants used for ``per_inhabitant`` (None if unknown).
    :param population_year: the year of that population figure.
    :param per_inhabitant: ``funding / population``; None where no money is known (no active
        agreement has money attributed to the year), so that an unknown is not shown as 0.
    :param with_money: active agreements with money attributed to the year.
    :param coverage: ``with_money / agreements`` (0 to 1, None without active agreements): how
        much of the group's partnerships the money figures cover.
    """

    group: str
    label: str
    year: int
    agreements: int
    organisations: int
    funding: Decimal
    municipal: Decimal
    state: Decimal
    other: Decimal
    in_kind: int
    population: int | None
    population_year: int | None
    per_inhabitant: Decimal | None
    with_money: int = 0
    coverage: Decimal | None = None

    def values(self) -> tuple[Any, ...]:
        """The fields in the order of :data:`COLUMNS`."""
        return (
            self.group,
            self.label,
            self.year,
            self.agreements,
            self.organisations,
            self.funding,
            self.municipal,
            self.state,
            self.other,
            self.in_kind,
            self.population,
            self.population_year,
            self.per_inhabitant,
            self.with_money,
            self.coverage,
        )


def _days(start: dt.date, end: dt.date) -> int:
    return max(0, (end - start).days + 1)


def _overlap(start: dt.date, end: dt.date, year: int) -> int:
    return _days(max(start, dt.date(year, 1, 1)), min(end, dt.date(year, 12, 31)))


def attributed(
    value: Decimal, start: dt.date, end: dt.date, year: int, *, rate: bool = False
) -> Decimal:
    """The part of a flow that falls in ``year``.

    :param value: the fixed amount for the period, or the rate per year.
    :param start: first day of the period (inclusive).
    :param end: last day of the period (inclusive).
    :param year: the calendar year.
    :param rate: ``value`` is a rate per year, not an amount for the period.
    """
    days = _overlap(start, end, year)
    if days == 0:
        return Decimal(0)
    if rate:
        return value * days / _days(dt.date(year, 1, 1), dt.date(year, 12, 31))
    return value * days / _days(start, end)


def _internal(
    name: str,
    source: Source,
    params: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    return run_query(packaged_query(f"internal/{name}"), params, source=source).records()


def compare(
    by: GroupBy = GroupBy.municipality,
    from_year: int | None = None,
    to_year: int | None = None,
    *,
    source: Source | None = None,
    lang: str = "en",
    timeout: float | None = None,
) -> list[ComparisonRow]:
    """Compare groups by calendar year (see the module's rules).

    :param by: what to group agreements by.
    :param from_year: first year (default: the first year with an agreement or money).
    :param to_year: last year (default: the last such year).
    :param source: the store or endpoint to compute from (default: the project's data).
    :param lang: language of the labels.
    :param timeout: on the store, seconds before the whole comparison is stopped (it runs in a
        forked child, :func:`iopkg.sparql.deadline.call_with_deadline`; the store's per-query
        timeout is not used); ``None`` for no limit. An endpoint
        has its own timeout per request.
    :raises IopkgError: when ``from_year`` is after ``to_year``, or a query fails.
    :raises ~iopkg.sparql.deadline.QueryTimeoutError: when ``timeout`` passes.

    >>> rows = compare(from_year=2022, to_year=2022)
    >>> [(r.label[:6], str(r.funding), str(r.coverage)) for r in rows if r.funding]
    [('Kalmar', '1000000.00', '1.00'), ('Lund M', '250000.00', '1.00')]
    """
    if from_year is not None and to_year is not None and from_year > to_year:
        raise IopkgError(f"--from {from_year} is after --to {to_year}")
    source = source or default_source()
    local = isinstance(source, LocalSource)
    by = GroupBy(by)

    def run() -> list[ComparisonRow]:
        return _compare(by, from_year, to_year, source, lang)

    if local:  # one deadline for the whole computation, none per query in the child
        source = LocalSource(source.store)
        from iopkg.store_cache import derived

        key = [by, str(from_year), str(to_year), lang, *_COMPARE_QUERIES]
        texts = [packaged_query(f"internal/{name}").text for name in _COMPARE_QUERIES]
        return call_with_deadline(
            lambda: derived(source.store, "compare", key + texts, run),
            timeout=timeout,
            name="compare",
        )
    return run()


#: The queries :func:`compare` computes from (their text is part of a kept result's key).
_COMPARE_QUERIES = (
    "compare-agreements",
    "compare-flows",
    "compare-labels",
    "compare-in-kind",
    "compare-population",
)


def totals_over_period(source: Source | None = None) -> dict[str, Decimal]:
    """Per agreement IRI: the money of all its flows over all years, as :func:`compare` counts it.

    For each calendar year the agreement's flows touch, the year's SEK (fixed amounts pro rata by
    day over their period, rates per year by the days covered within the flow's period clipped to
    the agreement's) is summed and rounded to öre, as a :func:`compare` row of a group holding
    only this agreement would show it; the total is the sum of those years. So the sum of an
    agreement's ``compare`` rows over all years equals its total.

    :param source: the store or endpoint to compute from (default: the project's data).

    >>> totals = totals_over_period()
    >>> totals["https://w3id.org/iopkg/id/agreement/lund-vanskapens-hus-2021"]
    Decimal('562500.00')
    """
    source = source or default_source()
    agreements = {
        r["agreement"]: (r["start"], r["end"], r["municipality"])
        for r in _internal("compare-agreements", source, {"grouping": "municipality"})
    }
    out: dict[str, Decimal] = {}
    for agreement, flows in _flow_years(_internal("compare-flows", source), agreements).items():
        years: dict[int, Decimal] = defaultdict(Decimal)
        for year, _, sek in flows:
            years[year] += sek
        out[agreement] = sum((v.quantize(CENT) for v in years.values()), Decimal(0))
    for agreement in agreements:
        out.setdefault(agreement, Decimal(0).quantize(CENT))
    return out


def _compare(
    by: GroupBy,
    from_year: int | None,
    to_year: int | None,
    source: Source,
    lang: str,
) -> list[ComparisonRow]:
    return _compare_langs(by, from_year, to_year, source, [lang], _Inputs(source))[lang]


class _Inputs:
    """What every grouping reads alike (flows, help in kind, population), read once."""

    def __init__(self, source: Source) -> None:
        self.flows = _internal("compare-flows", source)
        self.in_kind: dict[str, list[tuple[dt.date | None, dt.date | None]]] = defaultdict(list)
        for r in _internal("compare-in-kind", source):
            self.in_kind[r["agreement"]].append((r["start"], r["end"]))
        self.population: dict[str, dict[int, int]] = defaultdict(dict)
        for r in _internal("compare-population", source):
            self.population[r["area"]][int(str(r["year"])[:4])] = int(r["inhabitants"])
        self._money: list[tuple[dict, dict]] = []

    def money(
        self, agreements: dict[str, tuple[dt.date, dt.date, str]]
    ) -> dict[str, list[tuple[int, FundsSource, Decimal]]]:
        """:func:`_flow_years` of these agreements (kept for a grouping with the same ones)."""
        for known, money in self._money:
            if known == agreements:
                return money
        money = _flow_years(self.flows, agreements)
        self._money.append((agreements, money))
        return money


def _compare_langs(
    by: GroupBy,
    from_year: int | None,
    to_year: int | None,
    source: Source,
    langs: Sequence[str],
    inputs: _Inputs,
) -> dict[str, list[ComparisonRow]]:
    """:func:`compare`'s rows in each language of ``langs``: only the labels (and the order
    they give) differ, so the rows are computed once."""
    members = [
        r
        for r in _internal("compare-agreements", source, {"grouping": by.value})
        if r["by"] in (by.value, GroupBy.organisation.value)
    ]
    labels: dict[str, dict[str, str]] = {}
    for lang in langs:
        labels[lang] = {}
        for r in _internal("compare-labels", source, {"grouping": by.value, "lang": lang}):
            labels[lang].setdefault(r["group"], r["label"])
    agreements: dict[str, tuple[dt.date, dt.date, str]] = {}
    groups: dict[str, set[str]] = defaultdict(set)
    parties: dict[str, set[str]] = defaultdict(set)
    for r in members:
        start = usable_date(r["start"], r["agreement"])
        end = usable_date(r["end"], r["agreement"])
        if start is None or end is None:
            continue
        agreements[r["agreement"]] = (start, end, r["municipality"])
        if r["by"] == GroupBy.organisation.value:
            parties[r["agreement"]].add(r["group"])
        if r["by"] == by.value:
            groups[r["group"]].add(r["agreement"])
            for lang in langs:
                labels[lang].setdefault(r["group"], r["group"])
    money = inputs.money(agreements)
    years = {y for a in agreements.values() for y in range(a[0].year, a[1].year + 1)}
    years |= {y for per_flow in money.values() for y, _, _ in per_flow}
    if not years:
        return {lang: [] for lang in langs}
    first = from_year if from_year is not None else min(years)
    last = to_year if to_year is not None else max(years)
    rows: dict[str, list[ComparisonRow]] = {}
    for group in groups:
        rows[group] = [
            _row(
                group,
                labels[langs[0]][group],
                year,
                bucket,
                agreements,
                parties,
                inputs.in_kind,
                inputs.population,
                by,
            )
            for year, bucket in sorted(_buckets(groups[group], agreements, money).items())
            if first <= year <= last
        ]
    out = {}
    for lang in langs:
        mine = labels[lang]
        out[lang] = [
            r if r.label == mine[group] else replace(r, label=mine[group])
            for group in sorted(groups, key=lambda g: (mine[g], g))
            for r in rows[group]
        ]
    return out


def compare_areas(
    source: LocalSource, langs: Sequence[str]
) -> dict[tuple[GroupBy, str], list[ComparisonRow]]:
    """:func:`compare` by municipality and by county in each of ``langs``, all years, from one
    reading of the flows, help in kind and population (what the site's area pages show in
    both its languages): the same rows as ``compare(by, source=source, lang=lang)``.

    >>> from iopkg.graph import load_store
    >>> source = LocalSource(load_store())
    >>> both = compare_areas(source, ["sv", "en"])
    >>> both[GroupBy.county, "en"] == compare(GroupBy.county, source=source, lang="en")
    True
    """

    def run() -> dict[tuple[GroupBy, str], list[ComparisonRow]]:
        inputs = _Inputs(source)
        out = {}
        for by in (GroupBy.municipality, GroupBy.county):
            for lang, rows in _compare_langs(by, None, None, source, langs, inputs).items():
                out[by, lang] = rows
        return out

    from iopkg.store_cache import derived

    texts = [packaged_query(f"internal/{name}").text for name in _COMPARE_QUERIES]
    return derived(source.store, "compare-areas", [*langs, *_COMPARE_QUERIES, *texts], run)


def _flow_years(
    flows: list[dict[str, Any]], agreements: dict[str, tuple[dt.date, dt.date, str]]
) -> dict[str, list[tuple[int, FundsSource, Decimal]]]:
    """Per agreement: (year, source, SEK) for every year each of its flows touches."""
    out: dict[str, list[tuple[int, FundsSource, Decimal]]] = defaultdict(list)
    seen = set()
    for f in flows:
        if f["flow"] in seen or f["agreement"] not in agreements:
            continue
        seen.add(f["flow"])
        a_start, a_end, _ = agreements[f["agreement"]]
        source = _FUNDS_SOURCES.get(f["sourceOfFunds"], FundsSource.other)
        for key in ("start", "end"):
            if f[key] is not None and usable_date(f[key], f["flow"]) is None:
                f = {**f, "amount": None, "rate": None}
        if f["amount"] is not None:
            amount = usable_amount(f["amount"], f["flow"])
            if amount is None:
                continue
            if f["start"] and f["end"]:
                start, end = f["start"], f["end"]
            elif f["fiscalYear"]:
                year = int(str(f["fiscalYear"])[:4])
                start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            else:
                start, end = a_start, a_end
            value, rate = amount, False
        elif f["rate"] is not None:
            rate_value = usable_amount(f["rate"], f["flow"])
            if rate_value is None:
                continue
            start, end = max(f["start"] or a_start, a_start), min(f["end"] or a_end, a_end)
            value, rate = rate_value, True
        else:
            continue
        for year in range(start.year, end.year + 1):
            out[f["agreement"]].append(
                (year, source, attributed(value, start, end, year, rate=rate))
            )
    return out


@dataclass
class _Bucket:
    """What one group has in one year: active and funded agreements, money by source."""

    active: set[str]
    funded: set[str]
    money: dict[FundsSource, Decimal]


def _buckets(
    members: set[str],
    agreements: dict[str, tuple[dt.date, dt.date, str]],
    money: dict[str, list[tuple[int, FundsSource, Decimal]]],
) -> dict[int, _Bucket]:
    """Per year, in one pass over each member's own years (linear in the members)."""
    out: dict[int, _Bucket] = {}

    def bucket(year: int) -> _Bucket:
        if year not in out:
            out[year] = _Bucket(set(), set(), {s: Decimal(0) for s in FundsSource})
        return out[year]

    for a in members:
        start, end, _ = agreements[a]
        for year in range(start.year, end.year + 1):
            if _overlap(start, end, year):
                bucket(year).active.add(a)
        for year, source, sek in money.get(a, ()):
            if sek:
                b = bucket(year)
                b.money[source] += sek
                b.funded.add(a)
    return out


def _row(
    group: str,
    label: str,
    year: int,
    bucket: _Bucket,
    agreements: dict[str, tuple[dt.date, dt.date, str]],
    parties: dict[str, set[str]],
    in_kind: dict[str, list[tuple[dt.date | None, dt.date | None]]],
    population: dict[str, dict[int, int]],
    by: GroupBy,
) -> ComparisonRow:
    active, funded, by_source = bucket.active, bucket.funded, bucket.money
    kinds = 0
    for a in active:
        a_start, a_end, _ = agreements[a]
        kinds += sum(
            1 for start, end in in_kind.get(a, ()) if _overlap(start or a_start, end or a_end, year)
        )
    total = sum(by_source.values(), Decimal(0))
    if by in (GroupBy.municipality, GroupBy.county):
        areas = {group}
    else:
        areas = {agreements[a][2] for a in active | funded}
    inhabitants, used = _population(areas, year, population)
    per = (total / inhabitants).quantize(CENT) if inhabitants and funded else None
    orgs = set().union(*(parties[a] for a in active)) if active else set()
    with_money = len(active & funded)
    coverage = (Decimal(with_money) / len(active)).quantize(CENT) if active else None
    return ComparisonRow(
        group,
        label,
        year,
        len(active),
        len(orgs),
        total.quantize(CENT),
        by_source[FundsSource.municipal].quantize(CENT),
        by_source[FundsSource.state].quantize(CENT),
        by_source[FundsSource.other].quantize(CENT),
        kinds,
        inhabitants,
        used,
        per,
        with_money,
        coverage,
    )


def _population(
    areas: set[str], year: int, population: dict[str, dict[int, int]]
) -> tuple[int | None, int | None]:
    """Inhabitants of the areas in the year nearest to ``year`` that all of them have."""
    common = set.intersection(*(set(population.get(a, {})) for a in areas)) if areas else set()
    if not common:
        return None, None
    used = min(common, key=lambda y: (abs(y - year), y))
    return sum(population[a][used] for a in areas), used


_XSD_DECIMAL = ox.NamedNode(str(XSD.decimal))


def comparison_result(rows: list[ComparisonRow]) -> QueryResult:
    """Comparison rows as a query result, to render like any other (IRIs as IRIs, money as
    ``xsd:decimal``).

    >>> comparison_result(compare(from_year=2022, to_year=2022)).columns[:3]
    ('group', 'label', 'year')
    """

    def term(v: Any) -> Any:
        if v is None:
            return None
        if isinstance(v, str) and v.startswith(("http://", "https://")):
            return ox.NamedNode(v)
        if isinstance(v, Decimal):
            return ox.Literal(format(v, "f"), datatype=_XSD_DECIMAL)
        return ox.Literal(v)

    return QueryResult(COLUMNS, [tuple(term(v) for v in r.values()) for r in rows])


def money_by_agreement(
    source: Source | None = None,
) -> dict[str, dict[int, dict[FundsSource, Decimal]]]:
    """Per agreement, per calendar year, the money by source of funds, by the same rules as
    :func:`compare` (so an agreement's page and its municipality's figures agree).

    :param source: the store or endpoint to compute from (default: the project's data).

    >>> money = money_by_agreement()
    >>> radrum = money["https://w3id.org/iopkg/id/agreement/lund-radrum-2019"]
    >>> sorted(radrum), sum(sum(v.values()) for v in radrum.values()).quantize(CENT)
    ([2019, 2020, 2021], Decimal('920000.00'))
    """
    source = source or default_source()
    agreements: dict[str, tuple[dt.date, dt.date, str]] = {}
    for r in _internal("compare-agreements", source, {"grouping": GroupBy.municipality.value}):
        agreements[r["agreement"]] = (r["start"], r["end"], r["municipality"])
    out: dict[str, dict[int, dict[FundsSource, Decimal]]] = {}
    for agreement, per_year in _flow_years(_internal("compare-flows", source), agreements).items():
        years = out.setdefault(agreement, {})
        for year, source, sek in per_year:
            by_source = years.get(year)
            if by_source is None:  # one shared zero: 100 000 agreements' years held 4 each
                by_source = years[year] = dict.fromkeys(FundsSource, _ZERO)
            by_source[source] += sek
    return out
