"""The fast engine's side of :func:`iopkg.shacl.validate.validate`: run the translated shapes
(:mod:`iopkg.shacl.translate`) on the store and describe each result as pySHACL's path does.

>>> from iopkg.graph import load_store
>>> from iopkg.shacl.validate import load_shapes
>>> results, fallback = fast_results(load_store(), load_shapes(), quiet=True)
>>> fallback
()
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from iopkg.errors import ShapesLoadError
from iopkg.namespaces import SH, XSD, bind_prefixes, curie
from iopkg.shacl.results import (
    Severity,
    ValidationResult,
    custom_severity,
    data_graph,
    node_text,
    path_text,
    pyshacl_results,
    shape_messages,
    store_labels,
)
from iopkg.shacl.translate import (
    RawResult,
    ShapeQuery,
    Untranslatable,
    constraint_components,
    literal_targets,
    run,
    store_subclasses,
    translate,
)

__all__ = ["fast_results"]


def fast_results(
    store: ox.Store, shapes: Graph, where: str = "shapes", *, quiet: bool = False
) -> tuple[list[ValidationResult], tuple[tuple[str, str], ...]]:
    """Results of the fast engine, with the shapes it left to pySHACL (CURIE, reason).

    :param store: the data (with the ontology) in its default graph.
    :param shapes: the shapes graph.
    :param where: names the shapes in an error message.
    :param quiet: no progress bar.
    :raises ShapesLoadError: when Oxigraph rejects a translated query.
    """
    from iopkg.progress import progress

    translation = translate(shapes, store_subclasses(store))
    restore = literal_targets(shapes)
    fallback = dict(translation.fallback)
    by_shape: dict[Node, list] = {}
    for q in translation.queries:
        by_shape.setdefault(q.shape if q.constraint is None else q.constraint, []).append(q)
    results: list[ValidationResult] = []
    describe = _StoreDescriber(store)
    with progress("Validating", total=len(translation.queries), quiet=quiet) as advance:
        done = 0
        for queries, raw in _run_all(store, list(by_shape.values())):
            done += len(queries)
            advance(done)
            if isinstance(raw, Untranslatable):
                fallback[queries[0].shape] = str(raw)
            elif isinstance(raw, (SyntaxError, OSError)):
                raise ShapesLoadError(
                    where, f"{node_text(queries[0].shape)}: cannot run the translated query: {raw}"
                ) from None
            else:
                results += [_result(restore(r), shapes, describe) for r in raw]
    if fallback:
        data = data_graph(store)
        results += pyshacl_results(data, _only(shapes, list(fallback)), where)
    return results, tuple((node_text(s) or "", why) for s, why in fallback.items())


def _run_all(
    store: ox.Store, groups: list[list[ShapeQuery]]
) -> Iterator[tuple[list[ShapeQuery], list[RawResult] | Exception]]:
    """Run each group of queries, on every core, and yield its results (or why it failed) in
    the order of ``groups``. Oxigraph releases the GIL while it evaluates a query."""

    def collect(queries: list[ShapeQuery]) -> list[RawResult] | Exception:
        try:
            return list(run(store, queries))
        except (Untranslatable, SyntaxError, OSError) as e:
            return e

    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        futures = [pool.submit(collect, queries) for queries in groups]
        try:
            for queries, future in zip(groups, futures, strict=True):
                yield queries, future.result()
        finally:
            for future in futures:  # after an error, do not wait for the queries not begun
                future.cancel()


def _result(r: RawResult, shapes: Graph, describe: _StoreDescriber) -> ValidationResult:
    """The :class:`ValidationResult` of one raw result, described as pySHACL's path does."""
    labels, sources = describe(r.focus)
    path = r.path if r.path is not None else r.query.path
    return ValidationResult(
        severity=Severity.from_iri(str(r.query.severity), custom=Severity.VIOLATION),
        severity_iri=custom_severity(str(r.query.severity)),
        focus_node=_ox_id(r.focus),
        focus_labels=labels,
        sources=sources,
        path=path_text(shapes, _rdf(path) if isinstance(path, ox.NamedNode) else path),
        value=node_text(_rdf(r.value)) if r.value is not None else None,
        messages=shape_messages(shapes, r.query.constraint, r.query.shape)
        or {"en": f"{node_text(r.query.component)} of {node_text(r.query.shape)}"},
        source_shape=node_text(r.query.shape) or "",
        constraint_component=node_text(r.query.component) or "",
    )


def _workers() -> int:
    """Threads for the queries: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_TARGETS = (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.target)


def _only(shapes: Graph, keep: list[Node]) -> Graph:
    """The part of ``shapes`` reachable from ``keep``, with only those shapes targeted."""
    out = bind_prefixes(Graph())
    seen: set[Node] = set()
    # Custom constraint components (with their validators) apply to every shape that uses them.
    todo = list(keep) + constraint_components(shapes)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for p, o in shapes.predicate_objects(node):
            if p in _TARGETS and node not in keep:
                continue
            out.add((node, p, o))
            if not isinstance(o, Literal):
                todo.append(o)
    return out


def _rdf(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    """The rdflib term of an Oxigraph term (as an N-Triples round trip would give it)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    dt = term.datatype.value
    return Literal(term.value, datatype=None if dt == _XSD_STRING else URIRef(dt))


_XSD_STRING = str(XSD.string)


def _ox_id(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else str(term.value)


_SOURCE = ox.NamedNode(str(DCTERMS.source))


class _StoreDescriber:
    """Labels and sources of focus nodes, read from the store (as pySHACL's path describes them)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.cache: dict[object, tuple[dict[str, str], tuple[str, ...]]] = {}

    def __call__(
        self, node: ox.NamedNode | ox.BlankNode | ox.Literal
    ) -> tuple[dict[str, str], tuple[str, ...]]:
        if node not in self.cache:
            self.cache[node] = self._describe(node)
        return self.cache[node]

    def _describe(
        self, node: ox.NamedNode | ox.BlankNode | ox.Literal
    ) -> tuple[dict[str, str], tuple[str, ...]]:
        if isinstance(node, ox.Literal):
            return {}, ()
        labels = store_labels(self.store, node)
        owner = node
        if isinstance(node, ox.BlankNode) and not labels:
            for q in self.store.quads_for_pattern(None, None, node, ox.DefaultGraph()):
                owner = q.subject
                labels = {
                    k: f"{v} / {curie(q.predicate.value)}"
                    for k, v in store_labels(self.store, owner).items()
                }
                break
        sources = tuple(
            sorted(
                q.object.value
                for q in self.store.quads_for_pattern(owner, _SOURCE, None, ox.DefaultGraph())
                if not isinstance(q.object, ox.Literal)
            )
        )
        return labels, sources
