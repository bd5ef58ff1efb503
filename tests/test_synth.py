"""``iopkg.synth.generate``: deterministic, marked synthetic, conforming except what it
injects."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from iopkg.graph import load_store
from iopkg.namespaces import SYNTH
from iopkg.synth.generate import generate, municipalities
from iopkg.synth.model import ViolationKind, luhn_valid

PREFIXES = """
PREFIX iop: <https://w3id.org/iopkg/def#>
PREFIX schema: <https://schema.org/>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

#: The IOP rules (issue 3) as set-based queries, each returning the nodes that break it.
RULES: dict[ViolationKind, str] = {
    ViolationKind.END_BEFORE_START: """SELECT ?focus WHERE { ?focus a iop:Agreement ;
        schema:startDate ?s ; schema:endDate ?e . FILTER (?e < ?s) }""",
    ViolationKind.LONGER_THAN_GUIDELINE: """SELECT ?focus WHERE { ?focus a iop:Agreement ;
        iop:followsGuideline/iop:maxDurationMonths ?max ; schema:startDate ?s ; schema:endDate ?e .
        FILTER ((YEAR(?e) - YEAR(?s)) * 12 + MONTH(?e) - MONTH(?s)
                + IF(DAY(?e) >= DAY(?s), 1, 0) > ?max) }""",
    ViolationKind.NEGATIVE_AMOUNT: """SELECT ?focus WHERE { ?focus a iop:FundingFlow ;
        (schema:amount|iop:ratePerYear)/schema:value ?v . FILTER (?v <= 0) }""",
    ViolationKind.NON_ISO_CURRENCY: """SELECT ?focus WHERE { ?focus a iop:FundingFlow ;
        (schema:amount|iop:ratePerYear)/schema:currency ?c . FILTER (!REGEX(?c, "^[A-Z]{3}$")) }""",
    ViolationKind.FLOW_WITHOUT_FUNDER: """SELECT ?focus WHERE { ?focus a iop:FundingFlow .
        FILTER NOT EXISTS { ?focus schema:funder ?f } }""",
    ViolationKind.FLOW_OUTSIDE_PERIOD: """SELECT ?focus WHERE { ?focus a iop:FundingFlow ;
        iop:underAgreement ?a ; schema:startDate ?fs ; schema:endDate ?fe .
        ?a schema:startDate ?s ; schema:endDate ?e . FILTER (?fs < ?s || ?fe > ?e) }""",
    ViolationKind.MISSING_PUBLIC_PARTY: """SELECT ?focus WHERE { ?focus a iop:Agreement .
        FILTER NOT EXISTS { ?focus iop:publicParty ?p } }""",
    ViolationKind.MISSING_IDEA_BASED_PARTY: """SELECT ?focus WHERE { ?focus a iop:Agreement .
        FILTER NOT EXISTS { ?focus iop:ideaBasedParty ?p } }""",
    ViolationKind.MISSING_SOURCE: """SELECT ?focus WHERE { ?focus a iop:Agreement .
        FILTER NOT EXISTS { ?focus dct:source ?p } }""",
    ViolationKind.DECISION_WITHOUT_DATE: """SELECT ?focus WHERE { ?focus a iop:Decision ;
        iop:decisionStatus ?st . FILTER NOT EXISTS { ?focus eli:date_document ?d } }""",
    ViolationKind.DECISION_WITHOUT_BODY: """SELECT ?focus WHERE { ?focus a iop:Decision .
        FILTER NOT EXISTS { ?focus eli:passed_by ?b } }""",
    ViolationKind.REVIEW_OUTSIDE_PERIOD: """SELECT ?focus WHERE { ?focus iop:reviewDate ?r ;
        schema:startDate ?s ; schema:endDate ?e . FILTER (?r < ?s || ?r > ?e) }""",
    ViolationKind.IDEA_PARTY_CONTRIBUTES_NOTHING: """SELECT ?focus WHERE {
        ?focus a iop:Agreement . FILTER EXISTS { ?focus iop:ideaBasedParty ?any }
        FILTER NOT EXISTS { ?focus iop:ideaBasedParty ?p . ?c iop:underAgreement ?focus ;
                            iop:giver|schema:funder ?p } }""",
}


def broken(store: ox.Store, known_codes: set[str]) -> set[tuple[str, str]]:
    """(kind, focus IRI) of every rule broken in ``store``."""
    found = set()
    for kind, query in RULES.items():
        for row in store.query(PREFIXES + query):
            found.add((kind.value, row["focus"].value))
    for row in store.query(PREFIXES + "SELECT ?focus ?n WHERE { ?focus skos:notation ?n }"):
        number = row["n"].value
        if not luhn_valid(number):
            found.add((ViolationKind.BAD_LUHN.value, row["focus"].value))
        elif int(number[2:4]) < 20:
            found.add((ViolationKind.PERSONNUMMER_ORG_NUMBER.value, row["focus"].value))
    for row in store.query(PREFIXES + "SELECT ?focus ?m WHERE { ?focus iop:municipality ?m }"):
        if row["m"].value.rsplit("/", 1)[1] not in known_codes:
            found.add((ViolationKind.UNKNOWN_MUNICIPALITY.value, row["focus"].value))
    return found


@pytest.fixture(scope="module")
def known_codes() -> set[str]:
    return {m.code for m in municipalities()}


@pytest.fixture(scope="module")
def clean(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    generate(600, out, seed=3)
    return out


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    out = tmp_path_factory.mktemp("faulty")
    return generate(800, out, seed=5, violation_rate=0.25)


def test_same_seed_gives_the_same_bytes(tmp_path):
    a = generate(300, tmp_path / "a", seed=11, violation_rate=0.1)
    b = generate(300, tmp_path / "b", seed=11, violation_rate=0.1)
    assert a.turtle_path.read_bytes() == b.turtle_path.read_bytes()
    assert json.loads(a.manifest_path.read_text()) == json.loads(b.manifest_path.read_text())


def test_different_seeds_differ(tmp_path):
    a = generate(300, tmp_path / "a", seed=1)
    b = generate(300, tmp_path / "b", seed=2)
    assert a.turtle_path.read_bytes() != b.turtle_path.read_bytes()


def test_violations_leave_the_other_agreements_alone(tmp_path):
    a = generate(200, tmp_path / "a", seed=4)
    b = generate(200, tmp_path / "b", seed=4, violation_rate=0.1)
    blocks_a = set(a.turtle_path.read_text().split(" .\n"))
    blocks_b = set(b.turtle_path.read_text().split(" .\n"))
    assert len(blocks_a - blocks_b) > 0  # the agreements that got a violation
    assert len(blocks_a & blocks_b) > 0.8 * len(blocks_a)


def test_output_loads_and_every_subject_is_synthetic(clean):
    store = load_store([clean])  # with the ontology, as the CLI loads it
    count = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?a a iop:Agreement }"
    agreements = list(store.query(count))
    assert int(agreements[0]["n"].value) == 600
    own = load_store([clean], include_ontology=False)
    subjects = {q.subject for q in own.quads_for_pattern(None, None, None)}
    assert all(isinstance(s, ox.BlankNode) or s.value.startswith(str(SYNTH)) for s in subjects)
    query = PREFIXES + "SELECT ?s WHERE { ?s iop:isSynthetic true }"
    marked = {row["s"] for row in own.query(query)}
    assert len(subjects) > 600 * 5
    assert marked == subjects
    alone = load_store([clean / "synthetic.ttl"], include_ontology=False)
    assert len(alone) == len(own)  # manifest.json, read as JSON-LD, adds nothing


def test_clean_data_breaks_no_rule(clean, known_codes):
    store = load_store([clean], include_ontology=False)
    assert broken(store, known_codes) == set()


def test_injected_violations_are_exactly_those_in_the_manifest(faulty, known_codes):
    manifest = json.loads(faulty.manifest_path.read_text())
    assert manifest["injected"] == len(faulty.violations) == round(0.25 * 800)
    listed = {(v["kind"], v["focus"]) for v in manifest["violations"]}
    assert len(listed) == manifest["injected"]
    assert sum(manifest["counts"].values()) == manifest["injected"]
    assert set(manifest["counts"]) == {k for k, _ in listed}
    assert len(manifest["counts"]) >= 10  # kinds are drawn from the whole rule list
    store = load_store([faulty.turtle_path.parent], include_ontology=False)
    assert broken(store, known_codes) == listed


def test_population_weighting(tmp_path):
    result = generate(2000, tmp_path, seed=1)
    store = load_store([tmp_path], include_ontology=False)
    rows = store.query(
        PREFIXES
        + """SELECT ?m (COUNT(?a) AS ?n) WHERE {
        ?a a iop:Agreement ; iop:municipality ?m } GROUP BY ?m"""
    )
    counts = {r["m"].value.rsplit("/", 1)[1]: int(r["n"].value) for r in rows}
    assert sum(counts.values()) == result.agreements
    ms = sorted(municipalities(), key=lambda m: m.inhabitants)
    assert counts["0180"] > 2000 * 0.06  # Stockholm holds about 9 % of the population
    assert counts["0180"] > counts.get("1480", 0) > counts.get(ms[0].code, 0)  # Göteborg
    assert len(counts) > 200


def test_about_65_triples_per_agreement_at_scale(tmp_path):
    # 44 in the anchors; conforming to today's shapes needs a title, an activity, a
    # source document with a local copy, and a label and a source on every contribution.
    result = generate(5000, tmp_path, seed=1)
    assert 58 <= result.triples / result.agreements <= 72
