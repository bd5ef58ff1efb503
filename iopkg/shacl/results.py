"""Typed SHACL results, and what both engines share: the pySHACL reference run and the text of
nodes, paths and messages as a report shows them.

>>> node_text(SH.Violation)
'sh:Violation'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from pyshacl.errors import ConstraintLoadError, ReportableRuntimeError, ShapeLoadError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS
from rdflib.term import Node

from iopkg.errors import ShapesLoadError
from iopkg.namespaces import SH, bind_prefixes, curie

__all__ = [
    "Engine",
    "Severity",
    "ValidationResult",
    "ValidationReport",
    "data_graph",
    "node_text",
    "path_text",
    "pyshacl_results",
    "report_results",
    "shape_messages",
    "store_labels",
]


class Engine(StrEnum):
    """The SHACL engine: ``fast`` (set-based SPARQL on Oxigraph) or ``pyshacl`` (reference)."""

    FAST = "fast"
    PYSHACL = "pyshacl"


class Severity(StrEnum):
    """SHACL severities, most severe first.

    >>> Severity.from_iri(str(SH.Warning)) is Severity.WARNING
    True
    >>> Severity.WARNING.at_least(Severity.INFO)
    True
    """

    VIOLATION = "Violation"
    WARNING = "Warning"
    INFO = "Info"

    @property
    def iri(self) -> str:
        return str(SH[self.value])

    @property
    def rank(self) -> int:
        """0 for Violation, 1 for Warning, 2 for Info."""
        return list(Severity).index(self)

    def at_least(self, other: Severity) -> bool:
        """True if this severity is as severe as ``other`` or more."""
        return self.rank <= other.rank

    @classmethod
    def from_iri(cls, iri: str, *, custom: Severity | None = None) -> Severity:
        """The severity of ``sh:Violation``, ``sh:Warning`` or ``sh:Info``.

        :param custom: returned for any other IRI (SHACL lets a shape name a severity of its
            own); when omitted, such an IRI raises ``ValueError``.

        >>> Severity.from_iri("http://e/Mine", custom=Severity.VIOLATION).value
        'Violation'
        """
        for s in cls:
            if s.iri == iri:
                return s
        if custom is not None:
            return custom
        raise ValueError(f"not a SHACL severity: {iri}")


@dataclass(frozen=True)
class ValidationResult:
    """One SHACL result, with what a person needs to find and fix the problem.

    :param severity: Violation, Warning or Info.
    :param focus_node: the node the result is about (IRI, or ``_:id`` for a blank node).
    :param focus_labels: its ``rdfs:label`` per language (for a blank node, its owner's label).
    :param sources: IRIs of the documents (``dct:source``) the node comes from.
    :param path: the property path (CURIE), if the constraint is on a property.
    :param value: the offending value, as N3/CURIE text, if there is one.
    :param messages: the message per language (``""`` for a message without a language).
    :param source_shape: the shape (CURIE) whose constraint failed.
    :param constraint_component: the SHACL constraint component (CURIE).
    :param severity_iri: the severity IRI when the shape names one of its own (not one of
        SHACL's three); ``severity`` is then Violation, so that it counts as one.
    """

    severity: Severity
    focus_node: str
    focus_labels: dict[str, str] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    path: str | None = None
    value: str | None = None
    messages: dict[str, str] = field(default_factory=dict)
    source_shape: str = ""
    constraint_component: str = ""
    severity_iri: str = ""

    def message(self, lang: str = "en") -> str:
        """The message in ``lang``, else in English, else any."""
        for key in (lang, "en", ""):
            if key in self.messages:
                return self.messages[key]
        return next(iter(self.messages.values()), "")

    def label(self, lang: str = "en") -> str:
        """The focus node's label in ``lang``, else any label, else its CURIE."""
        for key in (lang, "en", "sv", ""):
            if key in self.focus_labels:
                return self.focus_labels[key]
        return curie(self.focus_node) if not self.focus_node.startswith("_:") else self.focus_node

    @property
    def constraint(self) -> tuple[str, str]:
        """``(source shape, constraint component)``: names one constraint of the shapes."""
        return (self.source_shape, self.constraint_component)


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`.

    :param conforms: True when there is no result at all, of any severity (as SHACL defines
        ``sh:conforms``); whether Warnings fail a run is :meth:`has_at_least`'s business.
    :param results: the results at or above the requested minimum severity, sorted.
    :param triples: triples in the validated data graph (data + ontology).
    :param seconds: wall time of loading and validating.
    :param all_counts: results per severity before filtering.
    :param source_labels: labels per language of the source documents the results name.
    :param engine: the engine that validated.
    :param fallback: shapes (CURIE) the fast engine left to pySHACL, with the reason.
    """

    conforms: bool
    results: list[ValidationResult]
    triples: int = 0
    seconds: float = 0.0
    all_counts: dict[Severity, int] = field(default_factory=dict)
    source_labels: dict[str, dict[str, str]] = field(default_factory=dict)
    engine: Engine = Engine.FAST
    fallback: tuple[tuple[str, str], ...] = ()

    def source_label(self, iri: str, lang: str = "en") -> str:
        """The label of source document ``iri`` in ``lang`` (else any), or its CURIE."""
        labels = self.source_labels.get(iri, {})
        return labels.get(lang) or next(iter(labels.values()), curie(iri))

    def counts(self) -> dict[Severity, int]:
        """Results per severity (every severity present, zero if none), before filtering."""
        return {s: self.all_counts.get(s, 0) for s in Severity}

    def has_at_least(self, severity: Severity) -> bool:
        """True if any result (before filtering) is ``severity`` or more severe."""
        return any(n and s.at_least(severity) for s, n in self.counts().items())


def pyshacl_results(data: Graph, shapes_graph: Graph, where: str) -> list[ValidationResult]:
    """Validate ``data`` with pySHACL, the reference engine."""
    try:
        _, report_graph, _ = shacl_validate(
            data,
            shacl_graph=shapes_graph,
            advanced=True,
            allow_warnings=True,
            inference="none",
            abort_on_first=False,
            do_owl_imports=False,  # never fetch what a shapes or data file names
            js=False,
        )
    except (ShapeLoadError, ConstraintLoadError, ReportableRuntimeError, NotImplementedError) as e:
        report_graph = e
    except Exception as e:  # rdflib's SPARQL engine raises bare Exceptions (unknown prefix)
        if type(e) is not Exception:
            raise
        report_graph = e
    if isinstance(report_graph, Exception):  # pySHACL returns a ValidationFailure
        detail = " ".join(str(getattr(report_graph, "message", report_graph)).split())
        raise ShapesLoadError(where, f"the SHACL engine rejects the shapes: {detail}") from None
    return report_results(report_graph, data, shapes_graph)


def custom_severity(iri: str) -> str:
    """``iri`` when it is a severity of the shapes' own, ``""`` for SHACL's three.

    >>> custom_severity(str(SH.Info)), custom_severity("http://e/Mine")
    ('', 'http://e/Mine')
    """
    return "" if any(s.iri == iri for s in Severity) else iri


def store_labels(store: ox.Store, node: ox.NamedNode | ox.BlankNode) -> dict[str, str]:
    """The ``rdfs:label`` of ``node`` in ``store`` per language (``""``: no language).

    >>> store_labels(ox.Store(), ox.NamedNode("http://e/a"))
    {}
    """
    labels: dict[str, str] = {}
    for q in store.quads_for_pattern(node, _LABEL, None, ox.DefaultGraph()):
        if isinstance(q.object, ox.Literal):
            labels.setdefault(q.object.language or "", q.object.value)
    return labels


_LABEL = ox.NamedNode(str(RDFS.label))


def data_graph(store: ox.Store) -> Graph:
    """Copy the default graph of ``store`` into an in-memory rdflib graph (fast for pySHACL).

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    >>> len(data_graph(s))
    1
    """
    nt = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    graph = Graph()
    graph.parse(data=nt, format="nt")
    return bind_prefixes(graph)


_NS = bind_prefixes(Graph())


def node_text(node: Node | None) -> str | None:
    if node is None:
        return None
    if isinstance(node, URIRef):
        return curie(str(node))
    if isinstance(node, BNode):
        return f"_:{node}"
    if isinstance(node, Literal):
        return node.n3(namespace_manager=_NS.namespace_manager)
    return str(node)


def path_text(report: Graph, path: Node | None) -> str | None:
    if path is None or isinstance(path, URIRef):
        return node_text(path)
    if (path, RDF.first, None) in report:  # a sequence (whatever else the node says)
        return "(complex path)"
    inverse = report.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{node_text(inverse)}"
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        items = report.items(alternatives)
        return "|".join(t for t in (node_text(i) for i in items) if t)
    return "(complex path)"


def _labels(data: Graph, node: Node) -> dict[str, str]:
    labels = {}
    for label in data.objects(node, RDFS.label):
        if isinstance(label, Literal):
            labels.setdefault(label.language or "", str(label))
    return labels


def _describe(data: Graph, node: Node) -> tuple[dict[str, str], tuple[str, ...]]:
    """Labels and sources of ``node``; a blank node borrows its owner's, with the property."""
    labels = _labels(data, node)
    owner = node
    if isinstance(node, BNode) and not labels:
        for subject, predicate in data.subject_predicates(node):
            owner = subject
            labels = {
                k: f"{v} / {curie(str(predicate))}" for k, v in _labels(data, subject).items()
            }
            break
    sources = tuple(sorted(str(s) for s in data.objects(owner, DCTERMS.source)))
    return labels, sources


def shape_messages(graph: Graph, *nodes: Node | None) -> dict[str, str]:
    for node in nodes:
        messages: dict[str, str] = {}
        for m in graph.objects(node, SH.message) if node is not None else ():
            messages.setdefault(m.language or "" if isinstance(m, Literal) else "", str(m))
        if messages:
            return messages
    return {}


def report_results(report: Graph, data: Graph, shapes: Graph) -> list[ValidationResult]:
    results = []
    for node in report.objects(None, SH.result):
        focus = report.value(node, SH.focusNode)
        # The shapes' own sh:message in every language (pySHACL keeps one for SPARQL results).
        messages = shape_messages(
            shapes, report.value(node, SH.sourceConstraint), report.value(node, SH.sourceShape)
        )
        if not messages:
            for m in report.objects(node, SH.resultMessage):
                messages.setdefault(m.language or "" if isinstance(m, Literal) else "", str(m))
        labels, sources = _describe(data, focus) if focus is not None else ({}, ())
        severity = str(report.value(node, SH.resultSeverity))
        results.append(
            ValidationResult(
                severity=Severity.from_iri(severity, custom=Severity.VIOLATION),
                severity_iri=custom_severity(severity),
                focus_node=f"_:{focus}" if isinstance(focus, BNode) else str(focus),
                focus_labels=labels,
                sources=sources,
                path=path_text(report, report.value(node, SH.resultPath)),
                value=node_text(report.value(node, SH.value)),
                messages=messages,
                source_shape=node_text(report.value(node, SH.sourceShape)) or "",
                constraint_component=node_text(report.value(node, SH.sourceConstraintComponent))
                or "",
            )
        )
    return results
