"""Loading the dataset: counts that must match the documents, round trips and errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic, to_isomorphic
from rdflib.namespace import DCTERMS, RDF

from iopkg.errors import DataLoadError
from iopkg.graph import graph_of, load_graph, load_store, rdf_files
from iopkg.namespaces import ID, IOP, SCHEMA


def subjects(graph: Graph, cls: URIRef) -> set:
    return set(graph.subjects(RDF.type, cls))


def test_four_agreements_in_two_municipalities(seed_graph):
    graph = seed_graph  # the documents' facts; the register's: tests/test_register_build.py
    agreements = subjects(graph, IOP.Agreement)
    assert len(agreements) == 4
    municipalities = {graph.value(a, IOP.municipality) for a in agreements}
    assert municipalities == {ID["municipality/1281"], ID["municipality/0162"]}
    lund = [a for a in agreements if graph.value(a, IOP.municipality) == ID["municipality/1281"]]
    assert len(lund) == 3


def test_decisions_match_documents(seed_graph):
    graph = seed_graph  # the documents' facts; the register's: tests/test_register_build.py
    # Taken: KF Lund 2019-01-31 § 16, KF Lund 2020-08-27 § 218, SN Lund 2017-08-23,
    # SN Lund 2020-11-11 § 167, KS Lund 2016-04-06 § 125. Proposed: SO 2019/0089, SN 2018/0098.
    decisions = subjects(graph, IOP.Decision)
    assert len(decisions) == 7
    status = [graph.value(d, IOP.decisionStatus).split("-")[-1] for d in decisions]
    assert sorted(status) == ["adopted"] * 5 + ["proposed"] * 2
    paragraphs = sorted(int(p) for d in decisions for p in graph.objects(d, IOP.paragraph))
    assert paragraphs == [16, 125, 167, 218]


def test_funding_flows_match_documents(seed_graph):
    graph = seed_graph  # the documents' facts; the register's: tests/test_register_build.py
    flows = subjects(graph, IOP.FundingFlow)
    assert len(flows) == 6  # RådRum 2, Vänskapens hus 2, Kompis Sverige 1, Danderyd 1
    amounts = sorted(
        float(graph.value(graph.value(f, SCHEMA.amount), SCHEMA.value))
        for f in flows
        if graph.value(f, SCHEMA.amount) is not None
    )
    assert amounts == [62500.0, 400000.0, 520000.0, 752734.0]
    rates = sorted(
        float(graph.value(graph.value(f, IOP.ratePerYear), SCHEMA.value))
        for f in flows
        if graph.value(f, IOP.ratePerYear) is not None
    )
    assert rates == [125000.0, 250000.0]


def test_money_in_two_documents_is_one_flow(graph):
    radrum = ID["agreement/lund-radrum-2019"]
    flows = [
        f
        for f in graph.subjects(IOP.underAgreement, radrum)
        if (f, RDF.type, IOP.FundingFlow) in graph
    ]
    assert len(flows) == 2
    for f in flows:
        docs = {str(graph.value(s, DCTERMS.identifier)) for s in graph.objects(f, DCTERMS.source)}
        assert docs == {"000_f3ab1bfbfeda5899.txt", "002_dc08453122fb49b0.txt"}


def test_every_source_document_is_cited(seed_graph):
    graph = seed_graph  # the documents' facts; the register's: tests/test_register_build.py
    docs = subjects(graph, IOP.SourceDocument)
    assert len(docs) == 5
    for doc in docs:
        assert any(True for _ in graph.subjects(DCTERMS.source, doc)), doc


def to_memory(store: ox.Store) -> Graph:
    memory = Graph()
    for t in graph_of(store):
        memory.add(t)
    return memory


def test_turtle_round_trip_is_isomorphic(store, tmp_path):
    path = tmp_path / "round.ttl"
    store.dump(output=str(path), format=ox.RdfFormat.TURTLE, from_graph=ox.DefaultGraph())
    back = ox.Store()
    back.load(path=str(path), format=ox.RdfFormat.TURTLE)
    assert len(back) == len(store)
    assert isomorphic(to_isomorphic(to_memory(back)), to_isomorphic(to_memory(store)))


def test_personal_data_is_left_out_unless_asked(store, personal_store):
    query = "SELECT (COUNT(*) AS ?n) { ?p a <http://www.w3.org/2006/vcard/ns#Individual> }"
    count = lambda s: int(next(iter(s.query(query)))["n"].value)  # noqa: E731
    assert count(store) == 0
    assert count(personal_store) == 15


def test_malformed_file_names_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text('@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    with pytest.raises(DataLoadError) as err:
        load_store([bad])
    assert (err.value.line, err.value.column) == (3, 11)
    assert str(err.value).startswith(f"{bad}:3:11: turtle syntax error")


def test_missing_file_and_unknown_extension(tmp_path):
    with pytest.raises(DataLoadError, match="no such file"):
        load_store([tmp_path / "nope.ttl"])
    odd = tmp_path / "data.xyz"
    odd.write_text("x")
    with pytest.raises(DataLoadError, match="unknown RDF file extension '.xyz'"):
        load_store([odd])


def test_data_folder_skips_sources_and_personal(project):
    names = {p.relative_to(project.data_dir).parts[0] for p in rdf_files(project.data_dir)}
    assert "sources" not in names and "personal" not in names
    with_personal = rdf_files(project.data_dir, include_personal_data=True)
    assert any("personal" in p.parts for p in with_personal)


def test_load_graph_without_ontology_has_no_owl_classes():
    g = load_graph(include_ontology=False)
    assert (IOP.Agreement, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) not in g
    assert isinstance(load_store(), ox.Store)


def test_other_rdf_formats_load(tmp_path):
    g = Graph()
    g.add((ID["x"], RDF.type, IOP.Agreement))
    for fmt, ext in [("nt", "nt"), ("xml", "rdf"), ("json-ld", "jsonld")]:
        path = tmp_path / f"one.{ext}"
        g.serialize(path, format=fmt)
        assert len(load_store([Path(path)], include_ontology=False)) == 1
