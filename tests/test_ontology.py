"""The ontology: every term has Swedish and English labels and definitions; every iop: term the
data uses is declared."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from iopkg.namespaces import IOP


def ontology(project) -> Graph:
    return Graph().parse(project.ontology_dir / "iop.ttl")


def test_terms_have_labels_and_definitions_in_both_languages(project):
    g = ontology(project)
    terms = [
        s
        for t in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in g.subjects(RDF.type, t)
    ]
    assert len(terms) > 80
    for term in terms:
        for prop in (RDFS.label, SKOS.definition):
            langs = {o.language for o in g.objects(term, prop)}
            assert {"sv", "en"} <= langs, (term, prop)


def test_every_iop_term_used_in_data_is_declared(project, graph):
    declared = set(ontology(project).subjects(RDF.type, None))
    used = {p for _, p, _ in graph} | set(graph.objects(None, RDF.type))
    undeclared = {t for t in used if str(t).startswith(str(IOP)) and t not in declared}
    assert not undeclared
