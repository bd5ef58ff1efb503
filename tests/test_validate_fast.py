"""The fast engine's less travelled paths: shapes it leaves to pySHACL (found when translating,
or only when a query runs on a worker thread) and a query Oxigraph rejects."""

from __future__ import annotations

from dataclasses import replace

import pytest
from rdflib import Graph
from test_shapes import SHAPES, fixture_store
from test_validate_engines import _same

from iopkg.errors import ShapesLoadError
from iopkg.namespaces import SH
from iopkg.shacl.validate import Engine, ValidationReport, validate

PREFIXES = """
@prefix iop:    <https://w3id.org/iopkg/def#> .
@prefix iopsh:  <https://w3id.org/iopkg/shapes#> .
@prefix sh:     <http://www.w3.org/ns/shacl#> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
"""


def _with(extra: str) -> Graph:
    """The project's shapes plus ``extra`` (Turtle), so that many query groups run at once."""
    shapes = Graph()
    for triple in SHAPES:
        shapes.add(triple)
    shapes.parse(data=PREFIXES + extra, format="turtle")
    return shapes


def _both(shapes: Graph) -> tuple[ValidationReport, ValidationReport]:
    store = fixture_store(None)
    fast = validate(store=store, shapes=shapes, engine=Engine.FAST, quiet=True)
    ref = validate(store=store, shapes=shapes, engine=Engine.PYSHACL)
    return fast, ref


def _same_but_fallback(fast: ValidationReport, ref: ValidationReport) -> None:
    _same(replace(fast, fallback=()), ref)


def test_a_shape_it_cannot_translate_goes_to_pyshacl():
    shapes = _with("""
        iopsh:QualifiedAgreement a sh:PropertyShape ; sh:targetClass iop:Agreement ;
            sh:path iop:publicParty ; sh:qualifiedValueShape [ sh:nodeKind sh:IRI ] ;
            sh:qualifiedMinCount 5 .""")
    fast, ref = _both(shapes)
    assert [s for s, _ in fast.fallback] == ["iopsh:QualifiedAgreement"]
    assert any(r.source_shape == "iopsh:QualifiedAgreement" for r in fast.results)
    _same_but_fallback(fast, ref)


def test_a_closed_shape_is_translated():
    shapes = _with("""
        iopsh:ClosedAgreement a sh:NodeShape ; sh:targetClass iop:Agreement ; sh:closed true ;
            sh:property [ sh:path rdf:type ] ; sh:ignoredProperties ( rdfs:label ) ;
            sh:message "Not an agreement's property"@en .""")
    fast, ref = _both(shapes)
    assert fast.fallback == ()
    closed = [r for r in fast.results if r.source_shape == "iopsh:ClosedAgreement"]
    assert closed and all(r.path not in ("rdf:type", "rdfs:label") for r in closed)
    _same(fast, ref)


def test_min_count_over_a_sequence_path_nests_its_steps_and_agrees_with_pyshacl():
    """sh:minCount 1 on a three-step path (one step inverse, one an alternative): translated
    as nested EXISTS (fast on Oxigraph), with pySHACL's results, some failing at each step."""
    shapes = _with("""
        @prefix schema: <https://schema.org/> .
        iopsh:ChainAgreement a sh:NodeShape ; sh:targetClass iop:Agreement ;
            sh:property [ sh:path ( [ sh:inversePath iop:underAgreement ]
                                    [ sh:alternativePath ( schema:amount iop:ratePerYear ) ]
                                    schema:value ) ;
                          sh:minCount 1 ; sh:message "No money"@en ] .
        iopsh:ChainFlow a sh:NodeShape ; sh:targetClass iop:FundingFlow ;
            sh:property [ sh:path ( iop:underAgreement iop:restsOnDecision ) ; sh:minCount 1 ;
                          sh:message "No decision"@en ] .""")
    from iopkg.shacl.translate import translate

    def chained(text: str | None) -> bool:
        return any(p in (text or "") for p in ("ratePerYear", "restsOnDecision"))

    queries = [
        q.query
        for q in translate(shapes).queries
        if q.component == SH.MinCountConstraintComponent and chained(q.query)
    ]
    assert len(queries) == 2 and all("FILTER EXISTS" in q for q in queries)
    # a second agreement with a flow that has no amount, under an agreement with no decision
    store = fixture_store(
        "INSERT DATA { fx:bare a iop:Agreement . fx:bareflow a iop:FundingFlow ; "
        "iop:underAgreement fx:bare . fx:lone a iop:FundingFlow . }"
    )
    fast = validate(store=store, shapes=shapes, engine=Engine.FAST, quiet=True)
    ref = validate(store=store, shapes=shapes, engine=Engine.PYSHACL)
    failing = {
        r.focus_node.rsplit("/", 1)[-1]
        for r in fast.results
        if r.constraint_component == "sh:MinCountConstraintComponent"
        and r.source_shape.startswith("_:")  # the two chain property shapes are blank nodes
    }
    # fx:bare fails the first chain (its flow has no amount), fx:bareflow the second at its
    # second step (no decision), fx:lone at its first (no agreement); base.ttl's pass both
    assert failing == {"bare", "bareflow", "lone"}
    _same(fast, ref)


def test_a_sparql_rule_found_untranslatable_on_a_worker_goes_to_pyshacl():
    # $this is bound by the target only: run once with $this unbound, every row leaves it unset.
    shapes = _with('''
        iopsh:EveryAgreement a sh:NodeShape ; sh:targetClass iop:Agreement ;
            sh:sparql [ sh:select """
                SELECT $this ?value WHERE { ?value a <https://w3id.org/iopkg/def#Agreement> }
            """ ] .''')
    fast, ref = _both(shapes)
    # Seen before running: no triple pattern of the top-level group binds $this.
    assert fast.fallback == (
        (
            "iopsh:EveryAgreement",
            "SHACL-SPARQL that needs $this pre-bound: "
            "$this is not bound by a triple pattern of the top-level group",
        ),
    )
    assert any(r.source_shape == "iopsh:EveryAgreement" for r in fast.results)
    _same_but_fallback(fast, ref)


def test_a_query_oxigraph_rejects_names_the_shape():
    shapes = _with("""
        iopsh:Broken a sh:NodeShape ; sh:targetClass iop:Agreement ;
            sh:sparql [ sh:select "SELECT $this WHERE { $this ?p }" ] .""")
    with pytest.raises(ShapesLoadError, match=r"iopsh:Broken: cannot run the translated query"):
        validate(store=fixture_store(None), shapes=shapes, quiet=True)
