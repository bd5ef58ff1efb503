"""The comparison: figures read by hand from the documents (days inclusive, 2020 a leap year)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from typer.testing import CliRunner

from iopkg.analysis.compare import GroupBy, compare
from iopkg.cli import app
from iopkg.sparql.source import LocalSource

runner = CliRunner()
LUND, DANDERYD = "Lund Municipality", "Danderyd Municipality"


def cents(x: float | Decimal) -> Decimal:
    return Decimal(x).quantize(Decimal("0.01"))


# Hand-computed from the documents (not from the data):
# RådRum 520 000 kr for 2019-07-01..2020-06-30 (366 days), 400 000 kr for 2020-07-01..2021-06-30
# (365 days); Kompis Sverige 125 000 kr per calendar year for 2019-01-01..06-30 (181 days);
# Vänskapens hus 62 500 kr "År 2021" and 250 000 kr per year 2022-2023; Danderyd's state grant
# 752 734 kr for 2018-09-01..2019-12-31 (487 days).
EXPECTED = {
    (LUND, 2019): (520000 * 184 / 366 + 125000 * 181 / 365, 0),
    (LUND, 2020): (520000 * 182 / 366 + 400000 * 184 / 365, 0),
    (LUND, 2021): (400000 * 181 / 365 + 62500, 0),
    (LUND, 2022): (250000, 0),
    (LUND, 2023): (250000, 0),
    (DANDERYD, 2018): (752734 * 122 / 487, 752734 * 122 / 487),
    (DANDERYD, 2019): (752734 * 365 / 487, 752734 * 365 / 487),
}


@pytest.fixture(scope="module")
def by_municipality(seed_store):
    rows = compare(GroupBy.municipality, source=LocalSource(seed_store))
    return {(r.label, r.year): r for r in rows}


@pytest.fixture(scope="module")
def with_register(store):
    return {(r.label, r.year): r for r in compare(GroupBy.municipality, source=LocalSource(store))}


def test_funding_per_year_matches_the_documents(by_municipality):
    assert set(by_municipality) == set(EXPECTED)
    for key, (total, state) in EXPECTED.items():
        row = by_municipality[key]
        assert abs(row.funding - cents(total)) <= Decimal("0.01"), key
        assert abs(row.state - cents(state)) <= Decimal("0.01"), key
        assert row.funding == row.municipal + row.state + row.other
    assert str(by_municipality[(LUND, 2019)].funding) == "323407.07"


def test_money_in_two_documents_counts_once(by_municipality):
    lund = sum(r.funding for (m, _), r in by_municipality.items() if m == LUND)
    # 520 000 + 400 000 (both in two documents) + 125 000 x 181/365 + 62 500 + 2 x 250 000
    assert abs(lund - cents(920000 + 125000 * 181 / 365 + 62500 + 500000)) <= Decimal("0.05")


def test_agreements_organisations_and_population(by_municipality):
    assert by_municipality[(LUND, 2019)].agreements == 2
    assert by_municipality[(LUND, 2021)].agreements == 2
    assert by_municipality[(DANDERYD, 2018)].organisations == 2
    row = by_municipality[(LUND, 2023)]
    assert (row.population, row.population_year) == (130288, 2023)
    assert row.per_inhabitant == cents(Decimal(250000) / 130288)
    assert by_municipality[(LUND, 2019)].population_year == 2023  # nearest year the data has


def test_register_money_adds_to_the_documents_and_says_what_it_covers(
    by_municipality, with_register
):
    # data/register/funding-flows.csv: Lund's Kvinnojouren 340 000 kr per year 2018-2020
    assert with_register[(LUND, 2018)].funding == cents(340000)
    for year in (2019, 2020):
        seed, both = by_municipality[(LUND, year)], with_register[(LUND, year)]
        assert both.funding == seed.funding + cents(340000), year
        assert both.agreements == seed.agreements + 1
    # Eskilstuna: 2 000 000 kr per year 2024-2025 for one of its agreements with a period
    row = with_register[("Eskilstuna Municipality", 2024)]
    assert row.funding == cents(2000000) and row.with_money == 1
    assert row.coverage == cents(Decimal(1) / row.agreements)
    # money per inhabitant only where money is known; the coverage says how much it covers
    enkoping = with_register[("Enköping Municipality", 2024)]
    assert (enkoping.agreements, enkoping.with_money) == (13, 0)
    assert enkoping.per_inhabitant is None and enkoping.coverage == Decimal("0.00")
    assert enkoping.population is not None
    for r in with_register.values():
        assert 0 <= r.with_money <= r.agreements
        assert (r.per_inhabitant is None) == (r.with_money == 0 or r.population is None)


def test_coverage_columns_in_the_csv():
    result = runner.invoke(app, ["compare", "--from", "2024", "--to", "2024", "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith(",fundingPerInhabitantSEK,agreementsWithMoney,moneyCoverage")
    enkoping = next(line for line in lines if "Enköping" in line).split(",")
    assert enkoping[-3:] == ["", "0", "0.00"]


def test_other_groupings_and_year_range(seed_store):
    store = seed_store
    counties = compare(GroupBy.county, 2019, 2019, source=LocalSource(store))
    assert {r.label for r in counties} == {"Skåne County", "Stockholm County"}
    focus = {r.label: r for r in compare(GroupBy.focus_area, 2019, 2019, source=LocalSource(store))}
    assert focus["integration and inclusion"].agreements == 3
    orgs = {r.label for r in compare(GroupBy.organisation, source=LocalSource(store))}
    assert "Kompis Sverige" in orgs


def test_cli_compare_with_chart(tmp_path):
    png, svg = tmp_path / "f.png", tmp_path / "f.svg"
    result = runner.invoke(
        app, ["compare", "--from", "2019", "--to", "2020", "--format", "csv", "--chart", str(png)]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("group,label,year,agreements,organisations,fundingSEK")
    # Danderyd 2019, Lund 2019 and 2020 (with the register's Kvinnojouren), Alingsås 2019 (the
    # register, no money known), Eskilstuna 2020 and the register's others with a period
    assert {line.split(",")[1] for line in lines[1:]} >= {
        "Danderyd Municipality",
        "Lund Municipality",
    }
    assert len([line for line in lines if "Lund Municipality" in line]) == 2
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert runner.invoke(app, ["compare", "--by", "county", "--chart", str(svg)]).exit_code == 0
    assert "<svg" in svg.read_text(encoding="utf-8")
    bad = runner.invoke(app, ["compare", "--chart", str(tmp_path / "f.gif")])
    assert bad.exit_code == 2 and "png or .svg" in bad.output
    assert runner.invoke(app, ["compare", "--from", "2022", "--to", "2020"]).exit_code == 2


def test_run_prints_the_comparison():
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 0
    assert "Comparison by municipality" in result.output and "663407.07" in result.output


def test_county_population_counts_each_municipality_once(tmp_path, project):
    """A county's population is the sum of its municipalities', however many of them have
    agreements (the query once counted it again for each such municipality)."""
    from rdflib import Graph, Namespace

    from iopkg.graph import load_store
    from iopkg.synth.generate import generate

    generate(300, tmp_path, seed=3)
    store = load_store([project.data_dir / "reference", tmp_path])
    iop = Namespace("https://w3id.org/iopkg/def#")
    ref = Graph().parse(project.data_dir / "reference" / "municipalities.ttl")
    expected: dict[tuple[str, int], int] = {}
    for m, county in ref.subject_objects(iop.county):
        for p in ref.objects(m, iop.population):
            key = (str(county), int(str(ref.value(p, iop.year))[:4]))
            expected[key] = expected.get(key, 0) + int(ref.value(p, iop.inhabitants))
    rows = [
        r for r in compare(GroupBy.county, source=LocalSource(store)) if r.population is not None
    ]
    assert len({r.group for r in rows}) >= 5
    for r in rows:
        assert r.population == expected[(r.group, r.population_year)], r.label


def test_run_prints_every_register_municipality(project):
    """The main job covers the whole register, also the municipalities whose agreements have no
    period (so no year of the comparison): the coverage table lists them all."""
    import csv

    with open(project.data_dir / "register" / "agreements.csv", encoding="utf-8") as fh:
        names = {r["municipality"] for r in csv.DictReader(fh)}
    result = runner.invoke(app, ["run", "--lang", "sv"])
    assert result.exit_code == 0, result.output
    table = result.output[result.output.index("All municipalities and regions") :]
    assert len(names) == 21
    for name in names:
        assert name in table, name
    lund = next(line for line in table.splitlines() if "Lund" in line).split()
    assert lund[-6:] == ["7", "4", "4", "4", "4", "0.57"]


def test_compare_areas_equals_compare_in_each_language(tmp_path, project):
    """The site's one pass over both groupings and languages gives compare's rows."""
    from iopkg.analysis.compare import compare_areas
    from iopkg.graph import load_store
    from iopkg.synth.generate import generate

    generate(200, tmp_path, seed=3)
    store = load_store([project.data_dir / "reference", project.data_dir / "vocab", tmp_path])
    source = LocalSource(store)
    both = compare_areas(source, ["sv", "en"])
    for by in (GroupBy.municipality, GroupBy.county):
        for lang in ("sv", "en"):
            expected = compare(by, source=source, lang=lang)
            assert expected and both[by, lang] == expected
    sv, en = (both[GroupBy.county, lang] for lang in ("sv", "en"))
    assert [r.label for r in sv] != [r.label for r in en]
