"""Validation reports for people (text), programs (JSON, stable schema) and RDF tools (Turtle).

The JSON schema (``"schema": "iopkg-validation-report/1"``) is documented in docs/validation.md;
fields are only ever added to it, never renamed or removed, without a new schema version.

>>> from iopkg.shacl.validate import ValidationReport
>>> print(format_report(ValidationReport(conforms=True, results=[]), ReportFormat.TEXT))
0 results: 0 violations, 0 warnings, 0 infos. Conforms.
"""

from __future__ import annotations

import json
from enum import StrEnum
from itertools import groupby

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from iopkg.namespaces import PREFIXES, SH, bind_prefixes
from iopkg.shacl.results import Severity, ValidationReport, ValidationResult

#: Identifies the JSON report's layout; bumped only on an incompatible change.
JSON_SCHEMA = "iopkg-validation-report/1"


class ReportFormat(StrEnum):
    """Output formats of a validation report."""

    TEXT = "text"
    JSON = "json"
    TURTLE = "turtle"


def format_report(report: ValidationReport, fmt: ReportFormat, lang: str = "en") -> str:
    """Render ``report`` as text, JSON or Turtle, with labels and messages in ``lang``.

    :param report: the report of :func:`iopkg.shacl.validate.validate`.
    :param fmt: the output format.
    :param lang: ``"sv"`` or ``"en"``; messages and labels fall back to English.
    """
    if fmt is ReportFormat.JSON:
        return json.dumps(to_json(report, lang), ensure_ascii=False, indent=2)
    if fmt is ReportFormat.TURTLE:
        return to_graph(report).serialize(format="turtle")
    return to_text(report, lang)


def summary_line(report: ValidationReport) -> str:
    """One line: counts per severity and whether the data conforms.

    >>> from iopkg.shacl.validate import Severity, ValidationReport
    >>> summary_line(ValidationReport(conforms=False, results=[],
    ...     all_counts={Severity.VIOLATION: 1, Severity.WARNING: 2}))
    '3 results: 1 violation, 2 warnings, 0 infos. Does not conform.'
    """
    counts = report.counts()
    total = sum(counts.values())
    parts = [f"{n} {s.value.lower()}{'' if n == 1 else 's'}" for s, n in counts.items()]
    verdict = (
        "Conforms."
        if report.conforms
        else "Does not conform."
        if counts[Severity.VIOLATION]
        else "Does not conform (no violations)."  # SHACL: Warnings and Infos count too
    )
    return f"{total} result{'' if total == 1 else 's'}: {', '.join(parts)}. {verdict}"


def to_text(report: ValidationReport, lang: str = "en") -> str:
    """Results grouped by focus node: its label and sources, then path, value and message."""
    lines: list[str] = []
    ordered = sorted(report.results, key=lambda r: (r.focus_node, r.severity.rank))
    for focus, group in groupby(ordered, key=lambda r: r.focus_node):
        results = list(group)
        first = results[0]
        lines.append(f"{first.label(lang)}  <{focus}>")
        for source in first.sources:
            lines.append(f"  source: {report.source_label(source, lang)}  <{source}>")
        if not first.sources:
            lines.append("  source: (none given)")
        for r in results:
            where = " ".join(x for x in (r.path, f"= {r.value}" if r.value else None) if x)
            lines.append(f"  {r.severity.value.upper():9} {where}".rstrip())
            lines.append(f"    {r.message(lang)}")
            lines.append(f"    [{r.source_shape} {r.constraint_component}]")
        lines.append("")
    lines.append(summary_line(report))
    return "\n".join(lines)


def result_to_json(r: ValidationResult, report: ValidationReport, lang: str) -> dict:
    """One result as a JSON object (see docs/validation.md for the fields)."""
    return {
        "severity": r.severity.value,
        "focusNode": r.focus_node,
        "focusLabel": r.label(lang),
        "sources": [{"iri": s, "label": report.source_label(s, lang)} for s in r.sources],
        "path": r.path,
        "value": r.value,
        "message": r.message(lang),
        "messages": dict(sorted(r.messages.items())),
        "sourceShape": r.source_shape,
        "constraintComponent": r.constraint_component,
    }


def to_json(report: ValidationReport, lang: str = "en") -> dict:
    """The report as a JSON-ready dict with the ``iopkg-validation-report/1`` schema."""
    return {
        "schema": JSON_SCHEMA,
        "conforms": report.conforms,
        "lang": lang,
        "counts": {s.value: n for s, n in report.counts().items()},
        "triples": report.triples,
        "results": [result_to_json(r, report, lang) for r in report.results],
    }


def _expand(text: str | None) -> URIRef | None:
    if text is None:
        return None
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not text.startswith("<"):
        return URIRef(str(PREFIXES[prefix]) + local)
    return URIRef(text.strip("<>"))


def to_graph(report: ValidationReport) -> Graph:
    """The report as a SHACL ``sh:ValidationReport`` graph (values given as their N3 text)."""
    g = bind_prefixes(Graph())
    root = BNode()
    g.add((root, RDF.type, SH.ValidationReport))
    g.add((root, SH.conforms, Literal(report.conforms)))
    for r in report.results:
        node = BNode()
        g.add((root, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.resultSeverity, URIRef(r.severity_iri or r.severity.iri)))
        focus = BNode(r.focus_node[2:]) if r.focus_node.startswith("_:") else URIRef(r.focus_node)
        g.add((node, SH.focusNode, focus))
        if r.path and r.path.count(":") == 1 and not r.path.startswith(("^", "(")):
            g.add((node, SH.resultPath, _expand(r.path)))
        if r.value is not None:
            g.add((node, SH.value, Literal(r.value, datatype=XSD.string)))
        for lang, text in sorted(r.messages.items()):
            g.add((node, SH.resultMessage, Literal(text, lang=lang or None)))
        g.add((node, SH.sourceShape, _expand(r.source_shape)))
        g.add((node, SH.sourceConstraintComponent, _expand(r.constraint_component)))
    return g
