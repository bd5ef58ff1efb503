"""The main job: build the graph, validate it, summarise it and compare across municipalities.

What ``iopkg run`` prints, as one library call (the benchmarks time this same function).

>>> result = main_job()
>>> from iopkg.shacl.validate import Severity
>>> result.report.has_at_least(Severity.VIOLATION), len(result.comparison) > 0
(False, True)
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from iopkg.analysis.compare import ComparisonRow, GroupBy, compare
from iopkg.analysis.completeness import MunicipalityCoverage, coverage_by_municipality
from iopkg.analysis.summary import GraphSummary, summarize
from iopkg.graph import load_store
from iopkg.shacl.validate import ValidationReport, validate
from iopkg.sparql.source import LocalSource

if TYPE_CHECKING:
    import pyoxigraph as ox

__all__ = ["MainJobResult", "main_job"]


@dataclass(frozen=True)
class MainJobResult:
    """What the main job found, and how long each step took.

    :param report: the validation report.
    :param summary: counts and the first agreements.
    :param comparison: the comparison by municipality and year.
    :param coverage: every municipality or region with an agreement, and how many of its
        agreements have a period, money and a decision known (also those in no year).
    :param seconds: wall seconds per step: load, validate, summary and compare (run after
        validate, in the same thread), and "validate, summary and compare" together.
    """

    report: ValidationReport
    summary: GraphSummary
    comparison: list[ComparisonRow]
    seconds: dict[str, float] = field(default_factory=dict)
    coverage: list[MunicipalityCoverage] = field(default_factory=list)


def main_job(
    paths: Sequence[Path] | None = None,
    *,
    lang: str = "en",
    by: GroupBy = GroupBy.municipality,
    quiet: bool = False,
) -> MainJobResult:
    """Build the graph from ``paths`` (the project's ``data/`` by default), validate it against
    the project's shapes, summarise it and compare by ``by`` per year.

    :param paths: data files or folders; the project's reference data and vocabularies
        (municipalities, SKOS schemes) are loaded with them.
    :param lang: language of the labels.
    :param by: what the comparison groups by.
    :param quiet: no progress bars on stderr.
    :raises DataLoadError: when a data file is missing or malformed.
    :raises ShapesLoadError: when the shapes cannot be used.
    """
    from iopkg import store_cache

    seconds: dict[str, float] = {}
    start = time.perf_counter()
    store = load_store(paths, quiet=quiet, include_reference=True)
    seconds["load"] = time.perf_counter() - start
    if store_cache.entry_of(store) is None:
        return _steps(store, lang, by, quiet, seconds)

    # A cached store: the results kept with it when the job last ran on these very files, else
    # computed in memory and kept, with the keys of the paged listings in this language.
    def load_memory() -> ox.Store:
        t = time.perf_counter()
        memory = load_store(paths, quiet=quiet, include_reference=True, cache=False)
        seconds["load"] += time.perf_counter() - t
        return memory

    def keep_keys(memory: ox.Store) -> None:
        t = time.perf_counter()
        _keep_listing_keys(memory, lang)
        seconds["listing keys"] = time.perf_counter() - t

    return store_cache.kept_or_in_memory(
        store,
        load_memory,
        lambda s: _steps(s, lang, by, quiet, seconds),
        then=keep_keys,
    )


def _keep_listing_keys(store: ox.Store, lang: str) -> None:
    """Compute, while the store is in memory, the keys of the paged listings in ``lang`` and
    keep them with the cache entry, so that a first page of a listing after the main job does
    not compute them on disk (:mod:`iopkg.sparql.paging`)."""
    from iopkg.sparql.catalogue import bind_params, catalogue
    from iopkg.sparql.paging import page_keys

    for query in catalogue():
        if query.page is not None:
            params = {"lang": lang} if any(p.name == "lang" for p in query.params) else {}
            page_keys(store, query.page, bind_params(query, params))


def _steps(
    store: ox.Store,
    lang: str,
    by: GroupBy,
    quiet: bool,
    seconds: dict[str, float],
) -> MainJobResult:
    """Validate, summarise and compare (each step's seconds into ``seconds``)."""

    def read() -> tuple[GraphSummary, list[ComparisonRow], list[MunicipalityCoverage]]:
        t = time.perf_counter()
        summary = summarize(store, lang=lang)
        seconds["summary"] = time.perf_counter() - t
        t = time.perf_counter()
        comparison = compare(by, source=LocalSource(store), lang=lang)
        coverage = coverage_by_municipality(LocalSource(store), lang=lang)
        seconds["compare"] = time.perf_counter() - t
        return summary, comparison, coverage

    # One after the other: Oxigraph's query results may only be freed by the thread that made
    # them, and a garbage collection in the validating thread freed the reading thread's
    # (pyo3 "unsendable" errors printed on stderr).
    t = time.perf_counter()
    report = validate(store=store, quiet=quiet)
    seconds["validate"] = time.perf_counter() - t
    summary, comparison, coverage = read()
    seconds["validate, summary and compare"] = time.perf_counter() - t
    return MainJobResult(report, summary, comparison, seconds, coverage)
