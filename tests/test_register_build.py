"""data/register.ttl is what the import of data/register/ gives, and a sample of its facts (read
from the default data, as every command sees them) matches the values recorded in the CSV files."""

from __future__ import annotations

import csv
from functools import cache

import pyoxigraph as ox
from rdflib import Graph
from rdflib.compare import graph_diff, to_isomorphic

from iopkg.graph import default_project, load_store
from iopkg.namespaces import PREFIXES
from iopkg.workbook.register import REGISTER_FILE, REGISTER_FOLDER, build_register, register_store

DATA = default_project().data_dir
PREFIX_TEXT = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


@cache
def default_store() -> ox.Store:
    return load_store(include_ontology=False, quiet=True, cache=False)


def _csv(name: str) -> dict[str, dict[str, str]]:
    with open(DATA / REGISTER_FOLDER / name, newline="", encoding="utf-8") as fh:
        return {r["id"]: r for r in csv.DictReader(fh)}


def _values(query: str) -> list[tuple[str, ...]]:
    rows = default_store().query(PREFIX_TEXT + query)
    return sorted(tuple(t.value if t is not None else "" for t in row) for row in rows)


def test_generated_file_is_the_import_of_the_folder():
    store, _ = register_store(DATA / REGISTER_FOLDER)
    triples = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    expected = Graph().parse(data=triples, format="nt")
    written = Graph().parse(DATA / REGISTER_FILE)
    _, only_expected, only_written = graph_diff(to_isomorphic(expected), to_isomorphic(written))
    assert not only_expected and not only_written, (
        "data/register.ttl is out of date: run python scripts/build_register.py "
        f"({len(only_expected)} triples missing, {len(only_written)} extra)"
    )


def test_build_writes_a_file_that_loads(tmp_path):
    built = build_register(output=tmp_path / "register.ttl")
    assert built.triples > 2000 and built.relabelled >= 1
    assert len(Graph().parse(built.output)) == built.triples


def test_a_name_of_data_stays_the_label_and_the_register_name_is_an_alt_label():
    rows = _values(
        "SELECT ?p ?o WHERE { id:unit\\/lund-socialnamnden ?p ?o "
        "FILTER (?p IN (rdfs:label, skos:altLabel) && LANG(?o) = 'sv') }"
    )
    assert (str(PREFIXES["rdfs"].label), "Socialnämnden i Lund") in rows
    assert (str(PREFIXES["skos"].altLabel), "Socialnämnden") in rows
    assert (str(PREFIXES["rdfs"].label), "Socialnämnden") not in rows


def test_sample_agreements_match_the_csv():
    agreements = _csv("agreements.csv")
    for aid, code in (("enkoping-enabygdsarkivet-2024", "0381"), ("lund-kvinnojouren", "1281")):
        row = agreements[aid]
        got = _values(
            f"SELECT ?code ?start ?end WHERE {{ id:agreement\\/{aid} iop:municipality ?m . "
            "?m iop:municipalityCode ?code . "
            "OPTIONAL { id:agreement\\/" + aid + " schema:startDate ?start } "
            "OPTIONAL { id:agreement\\/" + aid + " schema:endDate ?end } }"
        )
        assert len(got) == 1, got
        assert got[0][0] == code
        # a year alone stands for its first (start) or last (end) day
        assert got[0][1].startswith(row["startDate"]) and got[0][2].startswith(row["endDate"][:4])


def test_sample_money_and_decision_match_the_csv():
    flow = _csv("funding-flows.csv")["regionvarmland-natverket-2021"]
    assert flow["amount"] == "380 000 kr" and flow["amountKind"] == "per år"
    got = _values(
        "SELECT ?v ?agreement WHERE { id:flow\\/regionvarmland-natverket-2021 "
        "iop:ratePerYear/schema:value ?v ; iop:underAgreement ?agreement }"
    )
    assert [(float(v), a.rsplit("/", 1)[1]) for v, a in got] == [(380000.0, flow["agreement"])]
    decision = _csv("decisions.csv")["regionvarmland-kbn-2021-03-iop-vi"]
    got = _values(
        "SELECT ?year ?body WHERE { id:decision\\/regionvarmland-kbn-2021-03-iop-vi "
        "iop:year ?year ; eli:passed_by ?body ; iop:sourceKind ?kind }"
    )
    assert [(y, b.rsplit("/", 1)[1]) for y, b in got] == [(decision["date"], decision["body"])]
