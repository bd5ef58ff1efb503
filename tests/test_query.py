"""The query catalogue: columns, parameters bound safely, read-only, and one-line errors."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.sparql.binding import ParamError, SparqlSyntaxError, UpdateRefusedError
from iopkg.sparql.catalogue import UnknownQueryError, catalogue, get_query, run_query, run_sparql
from iopkg.sparql.source import LocalSource

runner = CliRunner()
REQUIRED = {
    "agreements": "agreement, title, municipality, municipalityCode, activity, publicParty, "
    "ideaParties, start, end, fixedAmountsSEK, ratePerYearSEK, totalOverPeriodSEK, source",
    "funding-flows": "agreement, funder, recipient, kind, amountSEK, ratePerYearSEK, start, end, "
    "sourceOfFunds, source",
    "decisions": "decision, decidingBody, proposedBy, municipality, status, meetingDate, "
    "proposalDate, paragraph, registryNumber, subject, referencedBy",
    "organisations": "organisation, name, orgNumber, agreements, municipalityCount, municipalities",
}


@pytest.mark.parametrize("name", [q.name for q in catalogue()])
def test_every_query_runs_and_gives_its_declared_columns(name, store):
    query = get_query(name)
    assert query.title and query.description
    result = run_query(name, source=LocalSource(store))
    assert result.columns == query.columns
    assert result.rows, name


@pytest.mark.parametrize("name,columns", REQUIRED.items())
def test_required_column_names(name, columns, store):
    assert ", ".join(run_query(name, source=LocalSource(store)).columns) == columns


def test_catalogue_has_the_required_queries_and_six_more():
    names = {q.name for q in catalogue()}
    required = set(REQUIRED) | {"active-on", "by-decision", "expiring", "criteria", "commitments"}
    assert required <= names and len(names - required) >= 6


def test_agreements_join_idea_parties_and_count_money_once(store):
    rows = {
        r["agreement"].rsplit("/", 1)[1]: r
        for r in run_query("agreements", source=LocalSource(store)).records()
    }
    parties = set(rows["danderyd-kompisbyran-2018"]["ideaParties"].split("; "))
    assert parties == {"Alla Tillsammans i Danderyd", "Kompisbyrån"}
    assert rows["lund-radrum-2019"]["fixedAmountsSEK"] == 920000
    assert len(rows["lund-radrum-2019"]["source"].split()) == 2


def test_by_decision_finds_what_rests_on_lund_council_2019_16(store):
    rows = run_query(
        "by-decision",
        {"body": "id:unit/lund-kommunfullmaktige", "date": "2019-01-31", "paragraph": "16"},
        source=LocalSource(store),
    )
    agreements = {
        r["resource"].rsplit("/", 1)[1] for r in rows.records() if "/agreement/" in r["resource"]
    }
    assert agreements == {"lund-radrum-2019", "lund-vanskapens-hus-2021"}
    assert not run_query("by-decision", {"paragraph": "17"}, source=LocalSource(store)).rows


def test_active_on_and_expiring(seed_store):
    store = seed_store  # the documents' agreements; the register's are checked below

    def names(r):
        return {x["agreement"].rsplit("/", 1)[1] for x in r.records()}

    assert names(run_query("active-on", {"date": "2019-03-01"}, source=LocalSource(store))) == {
        "lund-kompis-sverige-2019",
        "danderyd-kompisbyran-2018",
    }
    assert names(run_query("active-on", {"date": "2022-06-01"}, source=LocalSource(store))) == {
        "lund-vanskapens-hus-2021"
    }
    expiring = run_query(
        "expiring", {"date": "2021-01-01", "months": "6"}, source=LocalSource(store)
    )
    assert {(r["what"], str(r["when"])) for r in expiring.records()} == {
        ("review", "2021-01-31"),
        ("end", "2021-06-30"),
    }


RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
IOP_AGREEMENT = ox.NamedNode("https://w3id.org/iopkg/def#Agreement")


@pytest.mark.parametrize("evil", ['x" } UNION { ?s ?p ?o } #', "a'b\nc", "{ } # }", '\\"'])
def test_hostile_values_stay_one_literal(evil, store):
    plain = run_query("agreements", {"lang": "zz"}, source=LocalSource(store))
    hostile = run_query("agreements", {"lang": evil}, source=LocalSource(store))
    assert plain.rows == hostile.rows  # an unknown language falls back to English labels
    agreements = {q.subject for q in store.quads_for_pattern(None, RDF_TYPE, IOP_AGREEMENT)}
    assert len(plain.rows) == len(agreements) >= 4  # every agreement, the register's too
    assert run_query("agreements", {"lang": "en"}, source=LocalSource(store)).rows


def test_hostile_iri_and_typed_values_are_refused(store):
    with pytest.raises(ParamError, match="not an iri"):
        run_query("by-decision", {"body": "x> } <y"}, source=LocalSource(store))
    with pytest.raises(ParamError, match="'months'"):
        run_query("expiring", {"months": "6 } #"}, source=LocalSource(store))
    with pytest.raises(ParamError, match="unknown parameter 'nope'"):
        run_query("expiring", {"nope": "1"}, source=LocalSource(store))


def test_missing_parameter(tmp_path, store):
    f = tmp_path / "q.rq"
    f.write_text("# title: t\n# param: d (date): a day\nSELECT ?d WHERE { }\n")
    with pytest.raises(ParamError, match="missing parameter 'd'"):
        run_query(str(f), source=LocalSource(store))
    assert run_query(str(f), {"d": "2020-02-29"}, source=LocalSource(store)).records() == [
        {"d": __import__("datetime").date(2020, 2, 29)}
    ]


def test_updates_are_refused_and_syntax_errors_located(store):
    for update in (
        "INSERT DATA { <a:b> <a:b> <a:b> }",
        "DROP ALL",
        "LOAD <http://x/>",
        "PREFIX a: <x:> DELETE WHERE { ?s a:p ?o }",
        "CLEAR DEFAULT",
    ):
        with pytest.raises(UpdateRefusedError):
            run_sparql(update, source=LocalSource(store))
    with pytest.raises(SparqlSyntaxError, match="line 2, column 9"):
        run_sparql("SELECT * WHERE {\n ?s ?p }", source=LocalSource(store))
    # a read query that merely contains the word DELETE in a string is not an update
    assert run_sparql('SELECT ("DELETE" AS ?x) WHERE { }', source=LocalSource(store)).rows


def test_unknown_name_suggests_close_names():
    with pytest.raises(UnknownQueryError, match="did you mean agreements"):
        get_query("agreemnts")


@pytest.mark.parametrize(
    "args,message",
    [
        (["query", "run", "agreemnts"], "did you mean agreements"),
        (["query", "run", "active-on", "--param", "date=2020-13-01"], "is not a date"),
        (["query", "run", "active-on", "--param", "when=2020-01-01"], "unknown parameter"),
        (["query", "run", "--sparql", "SELECT * {\n ?s ?p }"], "line 2, column"),
        (["query", "run", "--sparql", "DROP ALL"], "only read queries"),
        (["query", "run", "agreements", "--endpoint", "http://127.0.0.1:9/query"], "cannot reach"),
    ],
)
def test_cli_errors_are_one_line_with_exit_2(args, message):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error:") and message in lines[0]


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "jsonl", "sparql-json"])
def test_cli_formats_and_output_file(fmt, tmp_path):
    out = tmp_path / f"r.{fmt}"
    result = runner.invoke(app, ["query", "run", "organisations", "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Kompis Sverige" in text
    if fmt == "json":
        assert {r["name"] for r in json.loads(text)} >= {"Kompis Sverige", "Kompisbyrån"}
    if fmt == "sparql-json":
        assert json.loads(text)["head"]["vars"][0] == "organisation"
    if fmt == "jsonl":
        assert all(json.loads(line) for line in text.splitlines())
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_cli_list_show_and_file(tmp_path):
    assert "by-decision" in runner.invoke(app, ["query", "list"]).output
    assert "# columns:" in runner.invoke(app, ["query", "show", "agreements"]).output
    f = tmp_path / "mine.rq"
    f.write_text(
        "PREFIX iop: <https://w3id.org/iopkg/def#>\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?a a iop:Agreement }\n"
    )
    result = runner.invoke(app, ["query", "run", str(f), "--format", "csv"])
    assert result.output.splitlines() == ["n", str(4 + 64)]  # the documents' and the register's


def test_decisions_one_row_each_with_body_office_and_both_dates(seed_store):
    """The proposing office is not a deciding body, and a proposal's meeting date is shown
    beside its report date (issue 22, point 2)."""
    import datetime as dt

    store = seed_store

    rows = run_query("decisions", source=LocalSource(store)).records()
    assert len(rows) == len({r["decision"] for r in rows}) == 7
    by = {r["decision"].rsplit("/", 1)[1]: r for r in rows}
    danderyd = by["danderyd-sn-2018-0098"]
    assert danderyd["decidingBody"] == "Danderyd Social Services Board"
    assert danderyd["proposedBy"] == "Danderyd Social Services Office"
    assert danderyd["meetingDate"] == dt.date(2018, 9, 10)
    assert danderyd["proposalDate"] == dt.date(2018, 8, 24)
    lund = by["lund-sn-so-2019-0089"]
    assert (lund["decidingBody"], lund["proposedBy"]) == (
        "Lund Social Services Board",
        "Lund Social Services Administration",
    )
    assert lund["meetingDate"] is None and lund["proposalDate"] == dt.date(2019, 6, 7)
    council = by["lund-kf-2019-01-31-16"]
    assert council["proposedBy"] is None and council["meetingDate"] == dt.date(2019, 1, 31)
    assert set(council["referencedBy"].split("; ")) == {
        "RådRum (Lund, 2019–2021)",
        "Vänskapens hus (Lund, 2021–2023)",
    }
    sv = {
        r["decision"]: r
        for r in run_query("decisions", {"lang": "sv"}, source=LocalSource(store)).records()
    }
    assert sv[danderyd["decision"]]["proposedBy"] == "Socialkontoret i Danderyd"


def test_organisations_in_several_municipalities_come_first(store):
    """The register's organisations with agreements in several municipalities or regions, each
    one resource (the merges of data/register/identities.csv), with their count."""
    from iopkg.sparql.catalogue import run_query as run
    from iopkg.sparql.source import LocalSource

    rows = run("organisations", {"lang": "sv"}, source=LocalSource(store)).records()
    several = {r["organisation"].rsplit("/", 1)[1]: r for r in rows if r["municipalityCount"] > 1}
    assert set(several) == {
        "skane-stadsmission",
        "fryshuset",
        "bracke-diakoni",
        "individuell-manniskohjalp",
        "eskilstuna-stadsmission",
    }
    assert [r["municipalityCount"] > 1 for r in rows[:5]] == [True] * 5
    skane = several["skane-stadsmission"]
    assert skane["municipalityCount"] == 3 and skane["agreements"] == 3
    assert set(skane["municipalities"].split("; ")) == {
        "Region Skåne",
        "Malmö kommun",
        "Kristianstads kommun",
    }
    for r in rows:
        assert r["municipalityCount"] == len([m for m in r["municipalities"].split("; ") if m])


def test_a_data_folder_is_read_with_the_reference_data(tmp_path):
    """A folder of agreements names its municipalities by IRI: their names and codes come from
    the project's reference data, for query run as for iopkg run."""
    from iopkg.synth.generate import generate

    generate(5, tmp_path / "synth", seed=2)
    args = ["query", "run", "agreements", "--data", str(tmp_path / "synth"), "-f", "json"]
    result = runner.invoke(app, ["--no-cache", *args])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert len(rows) == 5
    assert all(r["municipality"] and r["municipalityCode"] for r in rows), rows


def test_label_joins_read_as_filters_give_the_same_rows(tmp_path):
    """On the embedded store a query bound to a language has its ``BIND (LANG(?x) AS ?lang)``
    joins read as filters on the bound ``?lang`` (``lang_filters``): every query with a ``lang``
    parameter gives the same rows, in the same order, as the portable form."""
    from dataclasses import replace
    from pathlib import Path

    from iopkg.graph import load_store
    from iopkg.sparql.binding import lang_filters
    from iopkg.sparql.catalogue import bind_params
    from iopkg.sparql.files import QUERIES_DIR, packaged_query
    from iopkg.sparql.source import bound_text
    from iopkg.synth.generate import generate

    generate(60, tmp_path, seed=5)
    stores = [load_store(cache=False), load_store([tmp_path], cache=False, include_reference=True)]
    names = [q.name for q in catalogue()]
    names += [f"export/{p.stem}" for p in sorted(Path(QUERIES_DIR, "export").glob("*.rq"))]
    rewritten = 0
    for store in stores:
        for name in names:
            query = packaged_query(name)
            if not any(p.name == "lang" for p in query.params):
                continue
            for lang in ("sv", "en"):
                bindings = bind_params(query, {"lang": lang})
                _, text = bound_text(query, bindings)
                portable = LocalSource(store).select(replace(query, text=text))  # as written
                filtered = LocalSource(store).select(query, bindings)
                assert filtered.columns == portable.columns, name
                assert [tuple(map(str, r)) for r in filtered.rows] == [
                    tuple(map(str, r)) for r in portable.rows
                ], (name, lang)
                rewritten += lang_filters(text) != text and "BIND (LANG(" not in lang_filters(text)
    assert rewritten >= 20  # the rewrite did apply to most of them
