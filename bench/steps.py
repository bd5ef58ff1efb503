"""The benchmark steps: each runs in a process of its own (``python bench/steps.py STEP DIR``).

A step times only its own work (imports excluded) and prints one JSON line:
``{"seconds": ..., "detail": "...", "digest": "..."}``, or ``{"unavailable": "why"}`` when the
module it measures is not there yet. To add a step, write a function here and add one line to
``STEPS`` in ``bench/run.py``.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

AGGREGATE = """
PREFIX iop: <https://w3id.org/iopkg/def#>
PREFIX schema: <https://schema.org/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
SELECT ?m (SUM(?v) AS ?total) (COUNT(?f) AS ?flows) WHERE {
  ?f a iop:FundingFlow ; iop:underAgreement ?a ; schema:amount/schema:value ?v ;
     schema:startDate ?s .
  ?a iop:municipality ?m .
  FILTER (?s >= "2020-01-01"^^xsd:date)
}
GROUP BY ?m
ORDER BY ?m
"""
#: Fraction of agreements with one injected violation (so that validation has results to compare).
VIOLATION_RATE = 0.02
#: The aggregate runs this many times, as in the anchors of shared/PERFORMANCE.md.
AGGREGATE_RUNS = 3


class Unavailable(Exception):
    """The measured module or file is not present (yet)."""


def _need(module: str, attr: str) -> object:
    if importlib.util.find_spec(module) is None:
        raise Unavailable(f"module {module} not present")
    mod = importlib.import_module(module)
    if not hasattr(mod, attr):
        raise Unavailable(f"module {module} has no {attr}()")
    return getattr(mod, attr)


def _inputs(data: Path) -> list[Path]:
    """What both toolchains load: the synthetic data, the municipalities of the reference and the
    project's vocabularies (sources of funds, kinds of contribution), which synthetic data uses."""
    return [data, ROOT / "data" / "reference", ROOT / "data" / "vocab"]


def _files(data: Path) -> list[Path]:
    from iopkg.graph import default_project, rdf_files

    files = rdf_files(default_project().ontology_dir)
    for p in _inputs(data):
        files += rdf_files(p)
    return [f for f in files if f.suffix == ".ttl"]  # manifest.json holds no triples


def _digest(rows: list[tuple[str, ...]]) -> str:
    return hashlib.sha256(json.dumps(sorted(rows)).encode()).hexdigest()[:12]


def _norm(value: object) -> str:
    text = str(getattr(value, "value", value))
    try:
        return f"{float(text):.2f}"
    except ValueError:
        return text


def synth(data: Path, size: int, seed: int) -> dict:
    from iopkg.synth.generate import generate

    t = time.perf_counter()
    result = generate(size, data, seed=seed, violation_rate=VIOLATION_RATE)
    return {
        "seconds": time.perf_counter() - t,
        "detail": f"{result.triples} triples ({result.triples / size:.1f} per agreement), "
        f"{len(result.violations)} injected violations",
    }


def _load():  # type: ignore[no-untyped-def]
    from iopkg.graph import load_store

    return load_store


def load(data: Path, size: int, seed: int) -> dict:
    load_store = _load()
    t = time.perf_counter()
    store = load_store(_inputs(data))
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "detail": f"{len(store)} triples", "digest": str(len(store))}


def aggregate(data: Path, size: int, seed: int) -> dict:
    store = _load()(_inputs(data))
    t = time.perf_counter()
    for _ in range(AGGREGATE_RUNS):
        rows = [tuple(_norm(s[v]) for v in ("m", "total", "flows")) for s in store.query(AGGREGATE)]
    return {
        "seconds": time.perf_counter() - t,
        "detail": f"{len(rows)} rows, run 3 times",
        "digest": _digest(rows),
    }


def baseline_load(data: Path, size: int, seed: int) -> dict:
    from rdflib import Graph

    t = time.perf_counter()
    g = Graph()
    for f in _files(data):
        g.parse(f, format="turtle")
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "detail": f"{len(g)} triples", "digest": str(len(g))}


def baseline_aggregate(data: Path, size: int, seed: int) -> dict:
    from rdflib import Graph

    g = Graph()
    for f in _files(data):
        g.parse(f, format="turtle")
    t = time.perf_counter()
    for _ in range(AGGREGATE_RUNS):
        rows = [tuple(_norm(v) for v in r) for r in g.query(AGGREGATE)]
    return {
        "seconds": time.perf_counter() - t,
        "detail": f"{len(rows)} rows, run 3 times",
        "digest": _digest(rows),
    }


def validate(data: Path, size: int, seed: int) -> dict:
    run = _need("iopkg.shacl.validate", "validate")
    store = _load()(_inputs(data))
    t = time.perf_counter()
    report = run(store=store)  # type: ignore[operator]
    results = getattr(report, "results", ())
    return {
        "seconds": time.perf_counter() - t,
        "detail": f"{len(results)} results",
        "digest": _results_digest(results),
    }


def _results_digest(results: object) -> str:
    """A digest of validation results that does not depend on blank node labels or on how a
    toolchain writes a number (Oxigraph canonicalises ``1.0`` to ``1``)."""
    import re
    from decimal import Decimal

    def number(m: re.Match) -> str:
        return f'"{Decimal(m.group(1)).normalize():f}"^^xsd:{m.group(2)}'

    rows = []
    for r in results:  # type: ignore[attr-defined]
        value = r.value and re.sub(r'"([-+0-9.]+)"\^\^xsd:(decimal|integer)', number, r.value)
        rows.append(
            (
                r.severity.value,
                "_:" if r.focus_node.startswith("_:") else r.focus_node,
                r.path or "",
                "_:" if value and value.startswith("_:") else value or "",
                r.source_shape,
                r.constraint_component,
            )
        )
    return _digest(rows)


def baseline_validate(data: Path, size: int, seed: int) -> dict:
    shapes = ROOT / "shapes"
    if not shapes.is_dir():
        raise Unavailable("shapes/ not present (issue 3)")
    from pyshacl import validate as shacl
    from rdflib import Graph

    g, sg = Graph(), Graph()
    for f in _files(data):
        g.parse(f, format="turtle")
    for f in sorted(shapes.rglob("*.ttl")):
        sg.parse(f, format="turtle")
    t = time.perf_counter()
    conforms, report, _ = shacl(g, shacl_graph=sg, advanced=True)
    seconds = time.perf_counter() - t
    from iopkg.shacl.results import report_results as _results  # reads pySHACL's report graph

    results = _results(report, g, sg)
    return {
        "seconds": seconds,
        "detail": f"{len(results)} results, conforms={conforms}",
        "digest": _results_digest(results),
    }


def catalogue_queries(data: Path, size: int, seed: int) -> dict:
    catalogue = _need("iopkg.sparql.catalogue", "catalogue")
    run = _need("iopkg.sparql.catalogue", "run_query")
    source = _need("iopkg.sparql.source", "LocalSource")(_load()(_inputs(data)))  # type: ignore[operator]
    times = {}
    rows = {}
    for q in catalogue():  # type: ignore[operator]
        # Synthetic labels and titles are Swedish (rdfs:labels also English): ask in Swedish so
        # that every query returns its full answer.
        params = {"lang": "sv"} if any(p.name == "lang" for p in q.params) else None
        t = time.perf_counter()
        result = run(q.name, params, source=source)  # type: ignore[operator]
        times[q.name] = time.perf_counter() - t
        rows[q.name] = len(result.rows)
    slowest = max(times, key=times.get) if times else "-"  # type: ignore[arg-type]
    return {
        "seconds": sum(times.values()),
        "per_query": times,
        "rows": rows,
        "slowest": times.get(slowest, 0.0),
        "detail": f"{len(times)} queries, slowest {slowest} {times.get(slowest, 0):.2f} s",
    }


def compare(data: Path, size: int, seed: int) -> dict:
    run = _need("iopkg.analysis.compare", "compare")
    source = _need("iopkg.sparql.source", "LocalSource")(_load()(_inputs(data)))  # type: ignore[operator]
    t = time.perf_counter()
    rows = run(source=source)  # type: ignore[operator]
    return {
        "seconds": time.perf_counter() - t,
        "detail": f"{len(rows)} rows",
        "digest": _digest([tuple(map(str, r.values())) for r in rows]),
    }  # type: ignore[attr-defined]


class _RdflibSource:
    """The naive baseline's source: rdflib's SPARQL engine on rdflib's memory store. It answers
    the same bound queries that iopkg's comparison sends to any source, so the baseline differs
    from iopkg only in the store and query engine, not in the arithmetic."""

    def __init__(self, graph: object) -> None:
        self.graph = graph

    def select(self, query: object, bindings: object = None) -> object:
        import pyoxigraph as ox
        from rdflib import BNode, Literal, URIRef

        from iopkg.sparql.result import QueryResult
        from iopkg.sparql.source import bound_text

        def term(t: object) -> object:
            if isinstance(t, URIRef):
                return ox.NamedNode(str(t))
            if isinstance(t, BNode):
                return ox.BlankNode(str(t))
            if isinstance(t, Literal):
                if t.language:
                    return ox.Literal(str(t), language=t.language)
                return ox.Literal(
                    str(t), datatype=ox.NamedNode(str(t.datatype)) if t.datatype else None
                )
            return None

        result = self.graph.query(bound_text(query, bindings)[1])  # type: ignore[arg-type,attr-defined]
        columns = tuple(str(v) for v in result.vars)
        return QueryResult(columns, [tuple(term(v) for v in row) for row in result])


def baseline_compare(data: Path, size: int, seed: int) -> dict:
    run = _need("iopkg.analysis.compare", "compare")
    from rdflib import Graph

    g = Graph()
    for f in _files(data):
        g.parse(f, format="turtle")
    t = time.perf_counter()
    rows = run(source=_RdflibSource(g))  # type: ignore[operator]
    return {
        "seconds": time.perf_counter() - t,
        "detail": f"{len(rows)} rows",
        "digest": _digest([tuple(map(str, r.values())) for r in rows]),
    }


def export_turtle(data: Path, size: int, seed: int) -> dict:
    write_rdf = _need("iopkg.export.rdf", "write_rdf")
    from iopkg.formats import RdfFormat
    from iopkg.io import atomic_writer

    store = _load()(_inputs(data))
    t = time.perf_counter()
    with atomic_writer(data.parent / "export.ttl") as out:  # as `iopkg export` writes
        size = write_rdf(store, RdfFormat.TURTLE, out)  # type: ignore[operator]
    return {"seconds": time.perf_counter() - t, "detail": f"{size / 1e6:.0f} MB"}


def export_graphml(data: Path, size: int, seed: int) -> dict:
    build = _need("iopkg.analysis.network", "build_network")
    serialize = _need("iopkg.export.network_files", "serialize_network")
    from iopkg.analysis.network import NetworkKind
    from iopkg.export.network_files import NetworkFormat

    store = _load()(_inputs(data))
    t = time.perf_counter()
    graph = build(store, NetworkKind.FUNDING)  # type: ignore[operator]
    out = serialize(graph, NetworkFormat.GRAPHML)  # type: ignore[operator]
    (data.parent / "funding.graphml").write_bytes(out)
    return {
        "seconds": time.perf_counter() - t,
        "detail": f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
    }


def publish(data: Path, size: int, seed: int) -> dict:
    run = _need("iopkg.publish", "publish")
    t = time.perf_counter()
    from iopkg.publish import Publisher

    report = run(
        data.parent / "publish",
        base_url="https://example.org/iopkg",  # type: ignore[operator]
        paths=_inputs(data),
        publisher=Publisher("402000-0008", "Bench publisher"),
    )
    return {"seconds": time.perf_counter() - t, "detail": f"{report.pages} pages"}


def main_job(data: Path, size: int, seed: int) -> dict:
    run = _need("iopkg.job", "main_job")
    t = time.perf_counter()
    result = run(_inputs(data), quiet=True)  # type: ignore[operator]
    steps = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())  # type: ignore[attr-defined]
    return {
        "seconds": time.perf_counter() - t,
        "detail": f"iopkg run: {steps}",
        "steps": result.seconds,
    }  # type: ignore[attr-defined]


# --- The store cache (issue 21): cold build, warm open, and what a user waits for. -----------

#: The listings whose first page is timed.
LISTINGS = ("agreements", "funding-flows", "decisions")
#: Rows in a first page.
PAGE = 100


def _cache_on(data: Path) -> Path:
    """Point the store cache at a folder of this size's work folder, switched on."""
    import os

    from iopkg import store_cache

    folder = data.parent / "cache"
    os.environ["IOPKG_CACHE_DIR"] = str(folder)
    store_cache.use_cache(True)
    return folder


def cache_build(data: Path, size: int, seed: int) -> dict:
    from iopkg.store_cache import cache_info, clear_cache

    _cache_on(data)
    clear_cache()
    load_store = _load()
    t = time.perf_counter()
    store = load_store(_inputs(data), quiet=True)
    seconds = time.perf_counter() - t
    info = cache_info()
    return {
        "seconds": seconds,
        "detail": f"{len(store)} triples, {info.size / 2**20:.0f} MiB on disk",
        "digest": str(len(store)),
    }


def cache_open(data: Path, size: int, seed: int) -> dict:
    _cache_on(data)
    load_store = _load()
    t = time.perf_counter()
    store = load_store(_inputs(data), quiet=True)
    seconds = time.perf_counter() - t
    return {"seconds": seconds, "detail": f"{len(store)} triples", "digest": str(len(store))}


def warm_catalogue_queries(data: Path, size: int, seed: int) -> dict:
    _cache_on(data)
    t = time.perf_counter()
    store = _load()(_inputs(data), quiet=True)
    opened = time.perf_counter() - t
    out = _queries(store)
    out["detail"] = f"opened in {opened:.3f} s; " + out["detail"]
    return out


def _queries(store: object) -> dict:
    from iopkg.sparql.catalogue import catalogue, run_query
    from iopkg.sparql.source import LocalSource

    times, rows = {}, {}
    for q in catalogue():
        params = {"lang": "sv"} if any(p.name == "lang" for p in q.params) else None
        t = time.perf_counter()
        # one result at a time (the last one is freed before the next runs): the peak is that
        # of the largest query, as for a user running them one after the other
        rows[q.name] = len(run_query(q.name, params, source=LocalSource(store)).rows)  # type: ignore[arg-type]
        times[q.name] = time.perf_counter() - t
    slowest = max(times, key=times.get) if times else "-"  # type: ignore[arg-type]
    return {
        "seconds": sum(times.values()),
        "per_query": times,
        "rows": rows,
        "slowest": times.get(slowest, 0.0),
        "detail": f"{len(times)} queries, slowest {slowest} {times.get(slowest, 0):.2f} s",
    }


def warm_main_job(data: Path, size: int, seed: int) -> dict:
    """The main job twice from the cache: the first run finds no results kept with the entry
    (it computes them in memory and keeps them), the second reads them back; the figure is the
    second one, the first is in the detail."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    _cache_on(data)
    # the first run in a child process, so that this one's peak memory is the second run's
    with ProcessPoolExecutor(1, mp_context=get_context("fork")) as pool:
        first = pool.submit(main_job, data, size, seed).result()
    again = main_job(data, size, seed)
    again["detail"] = (
        f"results kept by a first run ({first['seconds']:.1f} s, computed in memory), read back; "
        + again["detail"]
    )
    return again


def _first_pages(store_of: Callable[[], object]) -> dict:
    from iopkg.sparql.catalogue import bind_params, get_query
    from iopkg.sparql.paging import paged_stream

    t = time.perf_counter()
    store = store_of()
    times = {"open/load": time.perf_counter() - t}
    for offset in (0, PAGE):  # on a cached store the first page computes the keys, kept then
        for name in LISTINGS:
            t = time.perf_counter()
            query = get_query(name)
            bindings = bind_params(query, {"lang": "sv"})
            with paged_stream(store, query, bindings, offset, PAGE) as (_, rows):  # type: ignore[arg-type]
                page = list(rows)
            times[name if offset == 0 else f"{name} (next page)"] = time.perf_counter() - t
    worst = max(times[n] for n in LISTINGS)
    following = max(times[f"{n} (next page)"] for n in LISTINGS)
    return {
        "seconds": times["open/load"] + worst,
        "per_query": times,
        "slowest": times["open/load"] + worst,
        "detail": f"open/load {times['open/load']:.2f} s; first {len(page)} rows: "
        + ", ".join(f"{n} {times[n]:.2f} s" for n in LISTINGS)
        + f"; the next page, slowest: {following:.2f} s",
    }


def warm_first_page(data: Path, size: int, seed: int) -> dict:
    _cache_on(data)
    return _first_pages(lambda: _load()(_inputs(data), quiet=True))


def unkept_first_page(data: Path, size: int, seed: int) -> dict:
    """The first page of each listing on a warm entry with nothing kept beside it (its
    ``derived`` folder, written by iopkg, set aside for the step and put back): as after a
    cache built by ``iopkg query run``, not by ``iopkg run``, which keeps the listings' keys."""
    import shutil

    from iopkg import store_cache

    _cache_on(data)
    store = _load()(_inputs(data), quiet=True)
    entry = store_cache.entry_of(store)
    del store
    if entry is None:  # inputs too small to be cached: nothing is kept
        return _first_pages(lambda: _load()(_inputs(data), quiet=True))
    derived, aside = entry / "derived", entry.parent / f"{entry.name}.derived-aside"
    if derived.exists():
        derived.rename(aside)
    try:
        return _first_pages(lambda: _load()(_inputs(data), quiet=True))
    finally:
        if aside.exists():
            shutil.rmtree(derived, ignore_errors=True)
            aside.rename(derived)


def warm_next_page(data: Path, size: int, seed: int) -> dict:
    """Rows 201-300 of each listing in a new process state, after an earlier page (which kept
    the keys of a listing without groups, and the groups of the others)."""
    from iopkg.sparql.catalogue import bind_params, get_query
    from iopkg.sparql.paging import paged_stream

    _cache_on(data)
    t = time.perf_counter()
    store = _load()(_inputs(data), quiet=True)
    times = {"open/load": time.perf_counter() - t}
    for name in LISTINGS:
        query = get_query(name)
        bindings = bind_params(query, {"lang": "sv"})
        with paged_stream(store, query, bindings, 0, 1) as (_, rows):  # keys or groups kept
            list(rows)
        t = time.perf_counter()
        with paged_stream(store, query, bindings, 2 * PAGE, PAGE) as (_, rows):  # type: ignore[arg-type]
            page = list(rows)
        times[name] = time.perf_counter() - t
    worst = max(times[n] for n in LISTINGS)
    return {
        "seconds": times["open/load"] + worst,
        "per_query": times,
        "slowest": times["open/load"] + worst,
        "detail": f"open {times['open/load']:.2f} s; rows 201-{200 + len(page)}: "
        + ", ".join(f"{n} {times[n]:.2f} s" for n in LISTINGS),
    }


def first_page(data: Path, size: int, seed: int) -> dict:
    return _first_pages(lambda: _load()(_inputs(data), quiet=True, cache=False))


def _cli(args: list[str], env: dict[str, str]) -> float:
    import os
    import subprocess

    t = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).with_name("iopkg")), *args],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, **env},
    )
    return time.perf_counter() - t


def cli_shipped(data: Path, size: int, seed: int) -> dict:
    """Whole-process wall seconds of commands on the shipped data (not the synthetic set)."""
    import tempfile

    env = {"IOPKG_CACHE_DIR": tempfile.mkdtemp(prefix="iopkg-bench-cache-")}
    query = ["query", "run", "active-on", "--param", "date=2020-01-01", "-f", "csv"]
    times = {
        "iopkg --help": min(_cli(["--help"], env) for _ in range(3)),
        "iopkg query list": min(_cli(["query", "list"], env) for _ in range(3)),
        "query run, cold cache": _cli(query, env),
        "query run, warm cache": min(_cli(query, env) for _ in range(3)),
        "query run, --no-cache": min(_cli(["--no-cache", *query], env) for _ in range(3)),
    }
    return {
        "seconds": times["query run, warm cache"],
        "per_query": times,
        "detail": "; ".join(f"{k} {v:.2f} s" for k, v in times.items()),
    }


FUNCTIONS: dict[str, Callable[[Path, int, int], dict]] = {
    "synth": synth,
    "load": load,
    "aggregate": aggregate,
    "baseline_load": baseline_load,
    "baseline_aggregate": baseline_aggregate,
    "validate": validate,
    "baseline_validate": baseline_validate,
    "catalogue_queries": catalogue_queries,
    "compare": compare,
    "baseline_compare": baseline_compare,
    "export_turtle": export_turtle,
    "export_graphml": export_graphml,
    "publish": publish,
    "main_job": main_job,
    "cache_build": cache_build,
    "cache_open": cache_open,
    "warm_catalogue_queries": warm_catalogue_queries,
    "warm_main_job": warm_main_job,
    "first_page": first_page,
    "warm_first_page": warm_first_page,
    "unkept_first_page": unkept_first_page,
    "warm_next_page": warm_next_page,
    "cli_shipped": cli_shipped,
}


if __name__ == "__main__":
    name, folder, n, s = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    try:
        out = FUNCTIONS[name](folder, n, s)
    except Unavailable as e:
        out = {"unavailable": str(e)}
    print(json.dumps(out))
