"""SHACL validation of the graph against the project's shapes, as a typed report.

The data (with the ontology, so that ``rdfs:subClassOf`` gives the class hierarchy) is loaded by
Oxigraph like every other command and validated against ``shapes/`` by one of two engines
(:class:`Engine`): the default, :mod:`iopkg.shacl.translate`, runs each constraint as one set-based
SPARQL query on the Oxigraph store (seconds at 100 000 agreements); pySHACL, the reference, copies
the store into an rdflib graph and checks node by node (minutes at that size). Both give the same
results (tests/test_validate_engines.py). Shapes the fast engine cannot translate are checked by
pySHACL, and :attr:`ValidationReport.fallback` names them. Each result is turned into a
:class:`ValidationResult` that names its focus node by label and says which source documents the
node comes from.

>>> report = validate()
>>> report.has_at_least(Severity.VIOLATION), report.counts()[Severity.VIOLATION]
(False, 0)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDF

from iopkg.errors import ShapesLoadError
from iopkg.graph import Project, default_project, load_store
from iopkg.namespaces import SH, bind_prefixes
from iopkg.shacl.fast import fast_results
from iopkg.shacl.results import (
    Engine,
    Severity,
    ValidationReport,
    ValidationResult,
    data_graph,
    pyshacl_results,
    store_labels,
)
from iopkg.shacl.sparql_rules import check_shapes

__all__ = ["Engine", "Severity", "ValidationResult", "ValidationReport", "load_shapes", "validate"]


def load_shapes(paths: Sequence[Path] | None = None, *, project: Project | None = None) -> Graph:
    """Parse the shapes files (Turtle and other RDF) into one rdflib graph.

    :param paths: shapes files or folders; the project's ``shapes/`` when omitted.
    :param project: the project; the embedded default when omitted.
    :raises ShapesLoadError: when a file is missing, malformed or no shape is found.

    >>> len(load_shapes()) > 100
    True
    """
    project = project or default_project()
    graph = Graph()
    for path in paths if paths is not None else [project.shapes_dir]:
        path = Path(path)
        if not path.exists():
            raise ShapesLoadError(str(path), "no such file or folder")
        for file in _shape_files(path):
            try:
                graph.parse(file, format="turtle", publicID=file.resolve().as_uri())
            except Exception as e:  # rdflib raises many types for bad syntax
                detail = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise ShapesLoadError(str(file), f"cannot parse shapes: {detail}") from None
    shape_marks = [(RDF.type, SH.NodeShape), (RDF.type, SH.PropertyShape), (SH.path, None)]
    shape_marks += [(p, None) for p in (SH.targetClass, SH.targetNode, SH.targetObjectsOf)]
    if not any(any(graph.subjects(p, o)) for p, o in shape_marks):  # a node or property shape
        raise ShapesLoadError(", ".join(map(str, paths or [project.shapes_dir])), "no shape found")
    return bind_prefixes(graph)


def _shape_files(path: Path) -> list[Path]:
    return sorted(f for f in path.rglob("*.ttl") if f.is_file()) if path.is_dir() else [path]


def _shapes_key(paths: Sequence[Path] | None, project: Project) -> list[str | bytes] | None:
    """What the shapes files hold (their paths and bytes), for keeping a report with a cached
    store; ``None`` when they cannot be read (the validation says why)."""
    parts: list[str | bytes] = []
    try:
        for path in paths if paths is not None else [project.shapes_dir]:
            for file in _shape_files(Path(path)):
                parts += [str(file.resolve()), file.read_bytes()]
    except OSError:
        return None
    return parts


#: Properties whose value is SPARQL text a SHACL engine runs (constraints, targets, rules).
SPARQL_TEXT_PROPERTIES = ("select", "ask", "construct", "update")


def refuse_service_in_shapes(shapes_graph: Graph, where: str) -> None:
    """Refuse shapes whose SPARQL (``sh:select``, ``sh:ask``, ...) holds ``SERVICE``: both
    engines would send a request to the URL the shape names.

    :raises ServiceRefusedError: naming the shape.
    """
    from iopkg.federation import refuse_service

    for name in SPARQL_TEXT_PROPERTIES:
        for node, text in shapes_graph.subject_objects(SH[name]):
            refuse_service(str(text), f"{where}: sh:{name} of {node.n3()}")


def validate(
    paths: Sequence[Path] | None = None,
    *,
    shapes: Sequence[Path] | Graph | None = None,
    min_severity: Severity = Severity.INFO,
    include_ontology: bool = True,
    include_personal_data: bool = False,
    project: Project | None = None,
    store: ox.Store | None = None,
    engine: Engine = Engine.FAST,
    quiet: bool = False,
) -> ValidationReport:
    """Validate data files against SHACL shapes.

    :param paths: data files or folders; the project's ``data/`` when omitted.
    :param shapes: shapes files/folders or a parsed shapes graph; the project's ``shapes/``
        when omitted.
    :param min_severity: leave out results less severe than this (counts keep them).
    :param include_ontology: load the project's ontology with the data (class hierarchy) and,
        when ``paths`` are given, the project's reference data and vocabularies
        (municipalities, SKOS schemes), so that data referring to them validates on its own.
    :param include_personal_data: also validate ``personal/`` folders.
    :param project: the project; the embedded default when omitted.
    :param store: validate this already loaded store instead of loading ``paths``.
    :param engine: ``Engine.FAST`` (default) or the reference ``Engine.PYSHACL``.
    :param quiet: no progress bar on stderr (there is none when stderr is not a terminal).
    :raises DataLoadError: when a data file is missing or malformed.
    :raises ShapesLoadError: when the shapes cannot be read or used.
    """
    start = time.perf_counter()
    project = project or default_project()
    shapes_graph = shapes if isinstance(shapes, Graph) else load_shapes(shapes, project=project)
    where = (
        "shapes graph"
        if isinstance(shapes, Graph)
        else ", ".join(map(str, shapes or [project.shapes_dir]))
    )
    shapes_graph = check_shapes(shapes_graph, where)
    refuse_service_in_shapes(shapes_graph, where)
    from iopkg import store_cache

    def load(cache: bool | None = None) -> ox.Store:
        return load_store(
            paths,
            include_personal_data=include_personal_data,
            include_ontology=include_ontology,
            project=project,
            quiet=quiet,
            include_reference=include_ontology,
            cache=cache,
        )

    def run(store: ox.Store) -> ValidationReport:
        # the report is kept with a cached store, keyed by the shapes files' bytes (a parsed
        # graph given by the caller has no cheap key: it is validated every time)
        key = None if isinstance(shapes, Graph) else _shapes_key(shapes, project)
        if key is None:
            return _validate_store(store, shapes_graph, where, min_severity, engine, quiet)
        return store_cache.derived(
            store,
            "validation",
            [engine, min_severity, *key],
            lambda: _validate_store(store, shapes_graph, where, min_severity, engine, quiet),
        )

    if store is None:
        store = load()
        if store_cache.entry_of(store) is not None:
            # the report kept with the cached store, else validated in memory and kept
            report = store_cache.kept_or_in_memory(store, lambda: load(cache=False), run)
            return replace(report, seconds=time.perf_counter() - start)
    return replace(run(store), seconds=time.perf_counter() - start)


def _validate_store(
    store: ox.Store,
    shapes_graph: Graph,
    where: str,
    min_severity: Severity,
    engine: Engine,
    quiet: bool,
) -> ValidationReport:
    fallback: tuple[tuple[str, str], ...] = ()
    if engine is Engine.PYSHACL:
        data = data_graph(store)
        results = pyshacl_results(data, shapes_graph, where)
        triples = len(data)
    else:
        results, fallback = fast_results(store, shapes_graph, where, quiet=quiet)
        triples = _count(store)
    results.sort(key=_sort_key)
    counts: dict[Severity, int] = {}
    for r in results:
        counts[r.severity] = counts.get(r.severity, 0) + 1
    return ValidationReport(
        conforms=not results,
        results=[r for r in results if r.severity.at_least(min_severity)],
        triples=triples,
        all_counts=counts,
        source_labels={
            iri: store_labels(store, ox.NamedNode(iri))
            for iri in sorted({s for r in results for s in r.sources})
        },
        engine=engine,
        fallback=fallback,
    )


def _count(store: ox.Store) -> int:
    """Triples in the default graph of ``store``."""
    return int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"].value)


def _sort_key(r: ValidationResult) -> tuple[int, str, str, str, str, str]:
    return (
        r.severity.rank,
        r.focus_node,
        r.path or "",
        r.source_shape,
        r.constraint_component,
        r.value or "",
    )
