"""Money and help in kind between the parties, as typed rows, with SEK totals per flow.

A flow with a fixed ``schema:amount`` counts with that amount. A flow with ``iop:ratePerYear``
counts, for each calendar year it covers, the rate times the share of that year's days covered,
within the flow's period clipped to the agreement's period (so 125 000 kr per calendar year from
2019-01-01 to 2019-06-30 counts 181/365 of 125 000 kr = 61 986.30 kr). A rate with no period
counts one year.

>>> amount_in_period(None, 100.0, date(2022, 1, 1), date(2023, 12, 31))
200.0
>>> amount_in_period(520000.0, None, None, None)
520000.0
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pyoxigraph as ox

from iopkg.sparql.files import packaged_query
from iopkg.sparql.source import LocalSource, export_rows


@dataclass(frozen=True)
class FundingFlow:
    """Money from a funder to a recipient under an agreement."""

    iri: str
    label: str
    agreement: str | None
    funder: str | None
    recipient: str | None
    fixed_amount_sek: float | None
    rate_per_year_sek: float | None
    start: date | None
    end: date | None
    amount_sek: float
    source_of_funds: str | None


@dataclass(frozen=True)
class InKind:
    """Help in kind from a giver to a recipient under an agreement."""

    iri: str
    label: str
    agreement: str | None
    giver: str | None
    recipient: str | None
    kind: str | None
    start: date | None
    end: date | None


def amount_in_period(
    fixed: float | None, rate: float | None, start: date | None, end: date | None
) -> float:
    """The SEK a flow counts with: the fixed amount, or the rate pro rata per calendar year.

    :param fixed: a fixed amount for the period, if any.
    :param rate: an amount per calendar year, if any.
    :param start: first day of the period (inclusive).
    :param end: last day of the period (inclusive).

    >>> round(amount_in_period(None, 125000.0, date(2019, 1, 1), date(2019, 6, 30)), 2)
    61986.3
    """
    if fixed is not None:
        return fixed
    if rate is None:
        return 0.0
    if start is None or end is None or end < start:
        return rate
    total = 0.0
    for year in range(start.year, end.year + 1):
        first, last = max(start, date(year, 1, 1)), min(end, date(year, 12, 31))
        days_in_year = (date(year, 12, 31) - date(year, 1, 1)).days + 1
        total += rate * ((last - first).days + 1) / days_in_year
    return round(total, 2)


def _value(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> str | None:
    return None if term is None else term.value


def _date(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> date | None:
    try:
        return date.fromisoformat(term.value) if term is not None else None
    except ValueError:
        return None


def _float(term: ox.NamedNode | ox.Literal | ox.BlankNode | None) -> float | None:
    return None if term is None else float(term.value)


def funding_flows(store: ox.Store, *, lang: str = "en", labels: bool = True) -> list[FundingFlow]:
    """Every ``iop:FundingFlow`` with its SEK total (see :func:`amount_in_period`).

    :param store: the dataset.
    :param lang: language of the labels.
    :param labels: read the flows' labels; without them (each flow's label is its IRI) the
        query joins no labels, which is several times as fast on a large register.

    >>> from iopkg.graph import load_store
    >>> flows = funding_flows(load_store())
    >>> len(flows) >= 6, min(f.amount_sek for f in flows) > 0
    (True, True)
    """
    out = []
    if labels:
        rows = export_rows(store, "funding-flows", lang)
    else:
        rows = LocalSource(store).select(packaged_query("internal/flow-amounts")).solutions()
    for r in rows:
        start, end = _date(r["startDate"]), _date(r["endDate"])
        a_start, a_end = _date(r["agreementStart"]), _date(r["agreementEnd"])
        if start and a_start:
            start = max(start, a_start)
        if end and a_end:
            end = min(end, a_end)
        fixed, rate = _float(r["amount"]), _float(r["ratePerYear"])
        out.append(
            FundingFlow(
                r["flow"].value,
                _value(r.get("label")) or r["flow"].value,
                _value(r["agreement"]),
                _value(r["funder"]),
                _value(r["recipient"]),
                fixed,
                rate,
                _date(r["startDate"]),
                _date(r["endDate"]),
                amount_in_period(fixed, rate, start if rate is not None else None, end),
                _value(r["sourceOfFunds"]),
            )
        )
    return out


def in_kind(store: ox.Store, *, lang: str = "en") -> list[InKind]:
    """Every ``iop:InKindContribution``.

    :param store: the dataset.
    :param lang: language of the labels.
    """
    return [
        InKind(
            r["contribution"].value,
            _value(r["label"]) or r["contribution"].value,
            _value(r["agreement"]),
            _value(r["giver"]),
            _value(r["recipient"]),
            _value(r["inKindType"]),
            _date(r["startDate"]),
            _date(r["endDate"]),
        )
        for r in export_rows(store, "in-kind", lang)
    ]
