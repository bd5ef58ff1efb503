"""Hand-written code against the library call that could replace it (issue 15).

    python bench/libraries.py [--rows 20000] [--repeat 3]

1. Reading SPARQL JSON results from an endpoint: the former hand-written term parser
   (``json.loads`` and one Oxigraph term per cell) against ``pyoxigraph.parse_query_results``,
   which iopkg now uses.
2. The JSON-LD embedded in each resource page of the publication: ``Site.jsonld`` (hand-written,
   kept) against rdflib's JSON-LD serialiser on the same small graph (then sorted). The dump's
   compact writer (``iopkg.export.jsonld``) writes a compacted document with a context, not the
   pages' expanded form, so the pages cannot use it without changing their bytes.

Prints one line per comparison, with the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable

import pyoxigraph as ox


def _median(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _results_json(rows: int) -> bytes:
    store = ox.Store()
    p, label = ox.NamedNode("http://e/p"), ox.NamedNode("http://e/label")
    for i in range(rows):
        s = ox.NamedNode(f"http://e/s{i}")
        store.add(ox.Quad(s, p, ox.Literal(i)))
        store.add(ox.Quad(s, label, ox.Literal(f"namn {i}", language="sv")))
    query = "SELECT ?s ?n ?l WHERE { ?s <http://e/p> ?n ; <http://e/label> ?l }"
    return store.query(query).serialize(format=ox.QueryResultsFormat.JSON)


def _hand_written(body: bytes) -> list[tuple]:
    """The parser iopkg had in sparql/endpoint.py before issue 15."""

    def term(binding: dict | None) -> object:
        if binding is None:
            return None
        kind, value = binding["type"], binding["value"]
        if kind == "uri":
            return ox.NamedNode(value)
        if kind == "bnode":
            return ox.BlankNode(value)
        if "xml:lang" in binding:
            return ox.Literal(value, language=binding["xml:lang"])
        if "datatype" in binding:
            return ox.Literal(value, datatype=ox.NamedNode(binding["datatype"]))
        return ox.Literal(value)

    data = json.loads(body)
    columns = data["head"]["vars"]
    return [tuple(term(b.get(c)) for c in columns) for b in data["results"]["bindings"]]


def _library(body: bytes) -> list[tuple]:
    return [tuple(s) for s in ox.parse_query_results(body, ox.QueryResultsFormat.JSON)]


def endpoint_results(rows: int, repeat: int) -> str:
    body = _results_json(rows)
    assert _hand_written(body) == _library(body)
    own, lib = _median(lambda: _hand_written(body), repeat), _median(lambda: _library(body), repeat)
    return (
        f"SPARQL JSON, {rows} rows: hand-written {own * 1000:.0f} ms, "
        f"pyoxigraph.parse_query_results {lib * 1000:.0f} ms ({own / lib:.1f}x faster)"
    )


def page_jsonld(repeat: int) -> str:
    from oxrdflib._converter import from_ox
    from rdflib import Graph

    from iopkg.graph import load_store
    from iopkg.publish.site import WAS_DERIVED_FROM, Site
    from iopkg.sparql.files import packaged_query
    from iopkg.sparql.source import LocalSource

    store = load_store()
    pages = LocalSource(store).select(packaged_query("internal/publish-pages")).solutions()
    subjects = [[r["resource"]] for r in pages]
    site = Site(store, {}, include_personal_data=False)

    def rdflib_jsonld(subs: list) -> str:
        graph, todo, seen = Graph(), list(subs), set()
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            for p, o in site.pairs(s):
                if o not in site.personal:
                    graph.add((from_ox(s), from_ox(p), from_ox(o)))
                    if isinstance(o, ox.BlankNode) or p == WAS_DERIVED_FROM:
                        todo.append(o)
        nodes = sorted(json.loads(graph.serialize(format="json-ld")), key=lambda n: n["@id"])
        return json.dumps(nodes, ensure_ascii=False, indent=1, sort_keys=True)

    own = _median(lambda: [site.jsonld(s) for s in subjects], repeat)
    lib = _median(lambda: [rdflib_jsonld(s) for s in subjects], repeat)
    return (
        f"page JSON-LD, {len(subjects)} pages of data/: Site.jsonld {own * 1000:.0f} ms, "
        f"rdflib serialiser {lib * 1000:.0f} ms ({lib / own:.1f}x slower)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(endpoint_results(args.rows, args.repeat))
    print(page_jsonld(args.repeat))


if __name__ == "__main__":
    main()
