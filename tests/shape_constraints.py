"""Enumerate the constraints of a shapes graph: (source shape, constraint component) pairs."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from iopkg.namespaces import SH, curie

#: Parameter -> constraint component, for the components the shapes use.
COMPONENTS = {
    SH.minCount: "sh:MinCountConstraintComponent",
    SH.maxCount: "sh:MaxCountConstraintComponent",
    SH.datatype: "sh:DatatypeConstraintComponent",
    SH["class"]: "sh:ClassConstraintComponent",
    SH.pattern: "sh:PatternConstraintComponent",
    SH["in"]: "sh:InConstraintComponent",
    SH["or"]: "sh:OrConstraintComponent",
    SH.xone: "sh:XoneConstraintComponent",
    SH["and"]: "sh:AndConstraintComponent",
    SH["not"]: "sh:NotConstraintComponent",
    SH.node: "sh:NodeConstraintComponent",
    SH.nodeKind: "sh:NodeKindConstraintComponent",
    SH.minInclusive: "sh:MinInclusiveConstraintComponent",
    SH.minExclusive: "sh:MinExclusiveConstraintComponent",
    SH.maxInclusive: "sh:MaxInclusiveConstraintComponent",
    SH.maxExclusive: "sh:MaxExclusiveConstraintComponent",
    SH.lessThan: "sh:LessThanConstraintComponent",
    SH.lessThanOrEquals: "sh:LessThanOrEqualsConstraintComponent",
    SH.hasValue: "sh:HasValueConstraintComponent",
    SH.uniqueLang: "sh:UniqueLangConstraintComponent",
    SH.languageIn: "sh:LanguageInConstraintComponent",
    SH.sparql: "sh:SPARQLConstraintComponent",
    SH.equals: "sh:EqualsConstraintComponent",
    SH.disjoint: "sh:DisjointConstraintComponent",
    SH.minLength: "sh:MinLengthConstraintComponent",
    SH.maxLength: "sh:MaxLengthConstraintComponent",
    SH.closed: "sh:ClosedConstraintComponent",
}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.target)


def targeted_shapes(shapes: Graph) -> set[URIRef]:
    """Node shapes with a target, and the property shapes they use."""
    found: set[URIRef] = set()
    for target in TARGETS:
        for shape in shapes.subjects(target, None):
            found.add(shape)
            found.update(shapes.objects(shape, SH.property))
    return found


def constraints(shapes: Graph) -> set[tuple[str, str]]:
    """Every (shape CURIE, component CURIE) that a validation result can name."""
    out = set()
    for shape in targeted_shapes(shapes):
        for parameter, component in COMPONENTS.items():
            if (shape, parameter, None) in shapes:
                out.add((curie(str(shape)), component))
    return out


def unknown_parameters(shapes: Graph) -> set[str]:
    """Constraint parameters in the shapes that :data:`COMPONENTS` does not know."""
    known = (
        set(COMPONENTS)
        | set(TARGETS)
        | {
            SH.property,
            SH.path,
            SH.message,
            SH.severity,
            SH.name,
            SH.description,
            SH.prefixes,
            SH.declare,
            SH.select,
            SH.deactivated,
            SH.prefix,
            SH.namespace,
            SH.inversePath,  # path syntax, not a constraint (shapes/register.ttl)
            SH.alternativePath,
        }
    )
    return {
        curie(str(p))
        for p in shapes.predicates()
        if str(p).startswith(str(SH)) and p not in known and p != RDF.type
    }
