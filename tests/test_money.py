"""Money in the agreements listing: fixed amounts, rates per year and the total over the period,
counted by the same rule as ``iopkg compare`` (issue 22, point 1)."""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from iopkg.analysis.compare import GroupBy, compare
from iopkg.cli import app
from iopkg.graph import default_project, load_store
from iopkg.sparql.catalogue import get_query, run_query
from iopkg.sparql.source import LocalSource
from iopkg.synth.generate import generate

ID = "https://w3id.org/iopkg/id/agreement/"
IOP = "https://w3id.org/iopkg/def#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def _listing(store: ox.Store) -> dict[str, dict]:
    return {r["agreement"]: r for r in run_query("agreements", source=LocalSource(store)).records()}


def test_rates_per_year_count_pro_rata_within_the_agreement(store):
    rows = _listing(store)
    vh = rows[ID + "lund-vanskapens-hus-2021"]
    # 62 500 for 2021 plus 250 000 per calendar year for 2022 and 2023 (source 001)
    assert (vh["fixedAmountsSEK"], vh["ratePerYearSEK"]) == (62500, 250000)
    assert vh["totalOverPeriodSEK"] == Decimal("562500.00")
    ks = rows[ID + "lund-kompis-sverige-2019"]
    # 125 000 per year from 2019-01-01 to 2019-06-30: 181/365 of it
    assert (ks["fixedAmountsSEK"], ks["ratePerYearSEK"]) == (0, 125000)
    assert ks["totalOverPeriodSEK"] == Decimal("61986.30")
    assert rows[ID + "lund-radrum-2019"]["totalOverPeriodSEK"] == Decimal("920000.00")


def test_streamed_rows_carry_the_same_total(store):
    with LocalSource(store).stream(get_query("agreements")) as (columns, rows):
        streamed = [dict(zip(columns, r, strict=True)) for r in rows]
    totals = {
        r["agreement"].value: r["totalOverPeriodSEK"].value
        for r in streamed
        if r["totalOverPeriodSEK"] is not None  # no money known (register rows)
    }
    assert totals[ID + "lund-vanskapens-hus-2021"] == "562500.00"


def test_cli_csv_shows_the_money_columns():
    result = CliRunner().invoke(app, ["query", "run", "agreements", "--format", "csv"])
    assert result.exit_code == 0, result.output
    header = result.output.splitlines()[0].split(",")
    assert header[9:12] == ["fixedAmountsSEK", "ratePerYearSEK", "totalOverPeriodSEK"]
    assert "562500.00" in result.output


def _only(base: ox.Store, agreement: str) -> ox.Store:
    """A copy of ``base`` in which only ``agreement`` keeps its funding flows."""
    copy = ox.Store()
    copy.extend(base.quads_for_pattern(None, None, None, None))
    copy.update(
        f"DELETE {{ ?f <{IOP}underAgreement> ?a }} WHERE {{ ?f a <{IOP}FundingFlow> ; "
        f"<{IOP}underAgreement> ?a FILTER (?a != <{agreement}>) }}"
    )
    return copy


def _assert_compare_sums_to_listed_totals(store: ox.Store) -> int:
    listing = _listing(store)
    assert listing
    for agreement, row in listing.items():
        alone = _only(store, agreement)
        municipality = next(
            alone.quads_for_pattern(
                ox.NamedNode(agreement), ox.NamedNode(IOP + "municipality"), None
            )
        ).object.value
        years = [
            r
            for r in compare(GroupBy.municipality, source=LocalSource(alone))
            if r.group == municipality
        ]
        listed = row["totalOverPeriodSEK"]  # None: no money known, and no compare row has any
        assert sum((r.funding for r in years), Decimal(0)) == (listed or 0), agreement
    return len(listing)


def test_compare_rows_sum_to_the_listed_total_for_every_shipped_agreement():
    store = load_store()
    agreements = {
        q.subject
        for q in store.quads_for_pattern(
            None, ox.NamedNode(RDF + "type"), ox.NamedNode(IOP + "Agreement")
        )
    }
    assert _assert_compare_sums_to_listed_totals(store) == len(agreements) >= 68


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(min_value=1, max_value=8), seed=st.integers(min_value=0, max_value=10**6))
def test_compare_rows_sum_to_the_listed_total_for_synthetic_agreements(n, seed):
    with tempfile.TemporaryDirectory() as tmp:
        generate(n, Path(tmp), seed=seed)
        store = load_store([default_project().data_dir / "reference", Path(tmp)], quiet=True)
        assert _assert_compare_sums_to_listed_totals(store) == n
