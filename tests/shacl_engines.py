"""Run the shapes through a second SHACL engine (rudof, via pyrudof) and compare with pySHACL.

A result is compared as its key: (focus node, source shape, constraint component, severity, path),
IRIs as CURIEs where a prefix is known, blank nodes as ``_:`` (engines label them differently).
Values are not compared: each engine prints the same literal in its own lexical form (pySHACL
``"1.0"^^xsd:double``, rudof ``"1"^^xsd:double``; IRIs with and without ``<>``).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pyrudof

from iopkg.namespaces import PREFIXES, curie
from iopkg.shacl.validate import ValidationReport

#: (focus node, source shape, constraint component, severity, path)
Key = tuple[str, str, str, str, str]


def _name(term: object) -> str:
    """One spelling for a term printed by either engine: a CURIE where a prefix is known."""
    text = str(term).removeprefix("<").removesuffix(">") if term is not None else ""
    if not text or text.startswith("_:"):
        return "_:" if text else ""
    prefix, _, local = text.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        text = str(PREFIXES[prefix]) + local
    return curie(text)


def pyshacl_keys(report: ValidationReport) -> set[Key]:
    """The keys of a pySHACL report (through :func:`iopkg.shacl.validate.validate`)."""
    return {
        (
            _name(r.focus_node),
            _name(r.source_shape),
            _name(r.constraint_component),
            r.severity.value,
            _name(r.path),
        )
        for r in report.results
    }


def rudof_report(store: ox.Store, shapes: str) -> pyrudof.ShaclValidationReport:
    """Validate the default graph of ``store`` against Turtle ``shapes`` with rudof's native engine.

    A fresh :class:`pyrudof.Rudof` per call: reusing one merges data and results across calls.
    """
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    rudof.read_data(data.decode("utf-8"), format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(shapes, format=pyrudof.ShaclFormat.Turtle)
    return rudof.validate_shacl(mode=pyrudof.ShaclValidationMode.Native)


def rudof_keys(report: pyrudof.ShaclValidationReport) -> set[Key]:
    """The keys of a rudof report."""
    return {
        (
            _name(e.focus_node),
            _name(e.source_shape),
            _name(e.constraint_component),
            str(e.severity),
            _name(e.path),
        )
        for e in report
    }


def cell(keys: set[Key]) -> str:
    """Results as one Markdown table cell: ``shape component severity`` per result, or ``—``."""
    if not keys:
        return "—"
    return "; ".join(
        f"`{focus} {shape} {component} {severity}`"
        for focus, shape, component, severity, _ in sorted(keys)
    )


def documented_differences(doc: Path) -> dict[str, tuple[str, str]]:
    """The table of differences in ``doc``: case -> (only pySHACL, only rudof) cells.

    The table is the first one after the heading ``### Differences between the engines``; its
    first column names the case (a fixture's file stem, or ``project data``) in backticks.
    """
    lines = doc.read_text(encoding="utf-8").splitlines()
    start = lines.index("### Differences between the engines")
    rows: dict[str, tuple[str, str]] = {}
    in_table = False
    for line in lines[start + 1 :]:
        if line.startswith("#"):
            break
        if not line.startswith("|"):
            if in_table:
                break
            continue
        in_table = True
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0].startswith("Constraint") or set(cells[0]) <= {"-", ":"}:
            continue
        rows[cells[0].strip("`")] = (cells[1], cells[2])
    return rows
