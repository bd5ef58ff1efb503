"""The register's CSV folder format (bare English keys), identities, and graph loading."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from wbhelpers import REGISTER

from iopkg.namespaces import ID, IOP, SCHEMA, VOCAB
from iopkg.workbook import import_workbook

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
ALT = ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")


def _n(x) -> ox.NamedNode:
    return x if isinstance(x, ox.NamedNode) else ox.NamedNode(str(x))


def _objects(store, s, p) -> set:
    return {q.object for q in store.quads_for_pattern(_n(s), _n(p), None)}


@pytest.fixture(scope="module")
def imported():
    result = import_workbook(REGISTER)
    assert result.ok, [p.line() for p in result.problems]
    return result.store


def test_two_agreements_with_places_by_name_and_region(imported):
    agreements = {q.subject for q in imported.quads_for_pattern(None, RDF_TYPE, _n(IOP.Agreement))}
    assert agreements == {
        _n(ID["agreement/testfixtur-enkoping-2024"]),
        _n(ID["agreement/testfixtur-varmland-2021"]),
    }
    a = ID["agreement/testfixtur-enkoping-2024"]
    assert _objects(imported, a, IOP.municipality) == {_n(ID["municipality/0381"])}
    b = ID["agreement/testfixtur-varmland-2021"]
    assert _objects(imported, b, IOP.municipality) == {_n(ID["region/17"])}
    assert _objects(imported, a, SCHEMA.startDate) == {
        ox.Literal("2024-01-01", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    }
    # known only from web pages: says which kind of source it rests on
    assert _objects(imported, a, IOP.sourceKind) == {_n(VOCAB["doctype-municipal-web-page"])}
    assert _objects(imported, b, IOP.sourceKind) == {_n(VOCAB["doctype-press-release"])}


def test_rate_per_year_and_fixed_amount(imported):
    rate = _objects(imported, ID["flow/testfixtur-flode-1"], IOP.ratePerYear)
    fixed = _objects(imported, ID["flow/testfixtur-flode-2"], SCHEMA.amount)
    assert len(rate) == 1 and len(fixed) == 1
    assert not _objects(imported, ID["flow/testfixtur-flode-1"], SCHEMA.amount)
    value = next(iter(imported.quads_for_pattern(next(iter(fixed)), _n(SCHEMA.value), None)))
    assert float(value.object.value) == 1_300_000.0  # "1,3 mnkr"


def test_identities_merge_and_keep_apart(imported):
    kept = ID["org/testfixtur-forening"]
    alias = ID["org/testfixtur-forening-gamla"]
    # samma: the alias is no resource of its own; its name is an altLabel; references map to kept
    assert not list(imported.quads_for_pattern(_n(alias), None, None))
    assert ox.Literal("Testfixtur föreningen (gamla namnet)") in _objects(imported, kept, ALT)
    a = ID["agreement/testfixtur-enkoping-2024"]
    assert _objects(imported, a, IOP.ideaBasedParty) == {_n(kept)}
    # olika: kept apart, and the review is data
    assert ox.Literal("Testfixtur förening Syd") not in _objects(imported, kept, ALT)
    reviews = {
        q.subject for q in imported.quads_for_pattern(None, RDF_TYPE, _n(IOP.IdentityReview))
    }
    assert len(reviews) == 2
    verdicts = {
        q.object.value
        for r in reviews
        for q in imported.quads_for_pattern(r, _n(IOP.isSameOrganisation), None)
    }
    assert verdicts == {"true", "false"}


def test_year_only_decision(imported):
    d = ID["decision/testfixtur-beslut"]
    assert {o.value for o in _objects(imported, d, IOP.year)} == {"2021"}
    assert not _objects(imported, d, "http://data.europa.eu/eli/ontology#date_document")


def test_semicolon_csv_with_bom(tmp_path):
    folder = tmp_path / "reg"
    folder.mkdir()
    for f in REGISTER.glob("*.csv"):
        import csv
        import io

        rows = list(csv.reader(io.StringIO(f.read_text(encoding="utf-8"))))
        buf = io.StringIO()
        csv.writer(buf, delimiter=";").writerows(rows)
        (folder / f.name).write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    result = import_workbook(folder)
    assert result.ok, [p.line() for p in result.problems]
    assert len(result.store) == len(import_workbook(REGISTER).store)
