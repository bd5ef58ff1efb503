"""Group 5 of issue 9 (property-based): graphs made of the ontology's classes and properties
round-trip through every RDF format iopkg exports; CSV edges keep every value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pyoxigraph as ox
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from iopkg.export.rdf import export_rdf
from iopkg.formats import RdfFormat
from iopkg.graph import default_project
from iopkg.namespaces import ID

ONTOLOGY = Graph().parse(default_project().ontology_dir / "iop.ttl")
CLASSES = sorted(str(c) for c in ONTOLOGY.subjects(RDF.type, OWL.Class) if str(c).startswith("h"))
# Literals and IRIs on both kinds of property: data that breaks the ontology (a literal where an
# object property wants an IRI) must still survive every format. The JSON-LD context types object
# properties as @id, so the export writes such a literal as an explicit {"@value": ...} object.
DATA_PROPS = sorted(str(p) for p in ONTOLOGY.subjects(RDF.type, OWL.DatatypeProperty))
OBJECT_PROPS = sorted(str(p) for p in ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty))
XSD = "http://www.w3.org/2001/XMLSchema#"

text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=30
)
subjects = st.integers(0, 20).map(lambda i: ox.NamedNode(f"{ID}thing/{i}"))
literals = st.one_of(
    text.map(ox.Literal),
    st.tuples(text, st.sampled_from(["sv", "en"])).map(lambda t: ox.Literal(t[0], language=t[1])),
    st.integers(-(10**12), 10**12).map(ox.Literal),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False).map(
        lambda d: ox.Literal(format(Decimal(d), "f"), datatype=ox.NamedNode(XSD + "decimal"))
    ),
    st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(
        lambda d: ox.Literal(d.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    ),
    st.booleans().map(ox.Literal),
)
triples = st.lists(
    st.one_of(
        st.tuples(
            subjects,
            st.just(ox.NamedNode(str(RDF.type))),
            st.sampled_from(CLASSES).map(ox.NamedNode),
        ),
        st.tuples(subjects, st.sampled_from(DATA_PROPS).map(ox.NamedNode), literals),
        st.tuples(subjects, st.sampled_from(OBJECT_PROPS).map(ox.NamedNode), subjects),
        st.tuples(subjects, st.sampled_from(OBJECT_PROPS).map(ox.NamedNode), literals),
        st.tuples(subjects, st.sampled_from(DATA_PROPS).map(ox.NamedNode), subjects),
    ),
    min_size=1,
    max_size=25,
)


def _store(ts) -> ox.Store:
    store = ox.Store()
    for s, p, o in ts:
        store.add(ox.Quad(s, p, o))
    return store


def _triples(store: ox.Store) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(triples)
def test_every_rdf_format_round_trips(ts):
    original = _store(ts)
    for fmt in RdfFormat:
        data = export_rdf(original, fmt)
        back = ox.Store()
        back.load(data, format=fmt.ox)
        assert _triples(back) == _triples(original), fmt
