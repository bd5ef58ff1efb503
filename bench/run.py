"""Benchmarks of the main job at 1 000, 10 000 and 100 000 synthetic agreements.

    python bench/run.py --sizes 1000 10000 100000 [--repeat 3] [--output bench/RESULTS.md]

Each step runs in a process of its own (``bench/steps.py``); its wall time (of the work only,
imports excluded) and its peak memory (``ru_maxrss`` of that process, from ``os.wait4``) are
recorded. The median of ``--repeat`` runs is reported. A step whose module has not landed yet is
listed as "step unavailable". Adding a step is one line in ``STEPS`` (and a function in steps.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata as md
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Step:
    """A measured step: ``name`` is its function in steps.py; a baseline names what it mirrors."""

    name: str
    label: str
    max_size: int | None = None
    baseline_of: str | None = None


#: The table of steps, in the order they run. One line per step.
STEPS = (
    Step("synth", "synth (iopkg.synth.generate.generate)"),
    Step("load", "load (iopkg.graph.load_store: ontology + reference + synthetic)"),
    Step("aggregate", "aggregate query ×3 (GROUP BY/SUM, date FILTER) on pyoxigraph"),
    Step("validate", "validate (iopkg.shacl.validate)"),
    Step("catalogue_queries", "each catalogue query (iopkg.sparql.catalogue)"),
    Step("compare", "compare (iopkg.analysis.compare)"),
    Step("main_job", "main job: build + validate + compare"),
    Step("export_turtle", "export Turtle (iopkg.export.rdf)"),
    Step("export_graphml", "export GraphML (iopkg.export.rdf)"),
    Step("publish", "publish (iopkg.publish)"),
    Step("cache_build", "store cache: cold build (bulk load to disk)"),
    Step("cache_open", "store cache: warm open (read-only)"),
    Step("warm_catalogue_queries", "each catalogue query, warm cache (on-disk store)"),
    Step("warm_main_job", "main job, warm cache"),
    Step("first_page", "first 100 rows of 3 listings, no cache (load included)"),
    Step("warm_first_page", "first 100 rows of 3 listings, warm cache (open included)"),
    Step(
        "unkept_first_page",
        "first 100 rows of 3 listings, warm cache with nothing kept beside it (open included)",
    ),
    Step("warm_next_page", "a later page of 3 listings, warm cache, keys kept (open included)"),
    Step("cli_shipped", "iopkg commands on the shipped data (whole process)"),
    Step("baseline_load", "naive: rdflib Graph().parse", 10_000, "load"),
    Step("baseline_aggregate", "naive: aggregate ×3 on rdflib's memory store", 10_000, "aggregate"),
    Step(
        "baseline_compare",
        "naive: compare's queries by rdflib on its memory store",
        10_000,
        "compare",
    ),
    Step("baseline_validate", "naive: plain pyshacl.validate", 10_000, "validate"),
)

#: Budgets of issue 8 at 100 000 agreements: (what, step, limit in seconds or GiB).
BUDGETS = (
    ("build + validate + compare, end to end", "main_job", 60.0),
    ("validate", "validate", 30.0),
    ("slowest catalogue query (budget per query)", "catalogue_queries", 2.0),
)
MEMORY_BUDGET_GIB = 4.0

NOTES = """## Notes

- Each step runs in its own process on data written by `iopkg synth --seed 1 --violations 0.02`
  (2 % of agreements carry one injected violation of a known kind); "seconds" excludes imports
  and, except for "load" and "main job", loading the store.
- "main job" is `iopkg.job.main_job`, what `iopkg run` does: load + validate + summary +
  compare by municipality; its detail gives the seconds of each part.
- The naive baseline (rdflib's memory store, plain `pyshacl.validate` on the same shapes) runs
  only up to 10 000 agreements (rdflib needs minutes and about 5 GB at 100 000, see
  `shared/PERFORMANCE.md`). "same result" compares the triple count (load), a digest of the
  aggregate's rows (amounts rounded to 0.01) or a digest of the validation results (severity,
  focus node, path, value, shape and component; blank nodes and number spelling normalised).
- "load" includes the ontology, the 290 municipalities of the reference data and the
  vocabularies (about 6 500 triples), so per-agreement figures at 1 000 are higher than the
  anchors in PERFORMANCE.md.
- Machines are noisy: compare ratios within one run, not seconds across machines."""


@dataclass
class Measure:
    """The runs of one step at one size."""

    step: Step
    size: int
    seconds: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    slowest: list[float] = field(default_factory=list)
    detail: str = ""
    digest: str = ""
    problem: str = ""
    per_query: list[dict[str, float]] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    timed_out: float | None = None

    @property
    def ok(self) -> bool:
        return not self.problem and bool(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_kib) / 1024


def run_step(step: Step, data: Path, size: int, seed: int, timeout: float) -> dict:
    """Run one step in its own process; return its JSON plus ``rss_kib`` and ``wall``."""
    cmd = [sys.executable, str(HERE / "steps.py"), step.name, str(data), str(size), str(seed)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = dt.datetime.now()
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=err, env={**os.environ, "PYTHONPATH": str(HERE.parent)}
        )
        timer = threading.Timer(timeout, proc.kill)
        timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = (dt.datetime.now() - start).total_seconds()
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        if proc.returncode < 0 and wall >= timeout:
            return {"timeout": timeout, "rss_kib": usage.ru_maxrss, "wall": wall}
        why = (
            f"killed by signal {-proc.returncode}"
            if proc.returncode < 0
            else (errors.strip().splitlines() or ["no message"])[-1]
        )
        return {"failed": why, "rss_kib": usage.ru_maxrss, "wall": wall}
    result = json.loads(text.strip().splitlines()[-1])
    result.update(rss_kib=usage.ru_maxrss, wall=wall)
    return result


def measure(
    sizes: list[int],
    repeat: int,
    seed: int,
    workdir: Path,
    timeout: float,
    log: bool = True,
    baseline_timeout: float | None = None,
    only: list[str] | None = None,
) -> list[Measure]:
    """Run every step (or those named in ``only``) at every size (a naive baseline step within
    ``baseline_timeout``)."""
    measures = []
    for size in sizes:
        data = workdir / f"n{size}" / "synth"
        for step in STEPS:
            if only and step.name not in only:
                continue
            m = Measure(step, size)
            measures.append(m)
            if step.max_size is not None and size > step.max_size:
                m.problem = f"not run above {_n(step.max_size)} agreements"
                continue
            for _ in range(repeat):
                limit = timeout if step.baseline_of is None else (baseline_timeout or timeout)
                r = run_step(step, data, size, seed, limit)
                if "timeout" in r:
                    m.timed_out = r["timeout"]
                    m.rss_kib.append(r["rss_kib"])
                    m.problem = f"did not finish within --timeout {r['timeout']:.0f} s"
                    break
                if "unavailable" in r or "failed" in r:
                    m.problem = (
                        f"step unavailable: {r['unavailable']}"
                        if "unavailable" in r
                        else f"failed: {r['failed']}"
                    )
                    break
                m.seconds.append(r["seconds"])
                m.wall.append(r["wall"])
                m.rss_kib.append(r["rss_kib"])
                m.slowest.append(r.get("slowest", r["seconds"]))
                if "per_query" in r:
                    m.per_query.append(r["per_query"])
                    m.rows = r.get("rows", {})
                m.detail, m.digest = r.get("detail", ""), r.get("digest", "")
            if log:
                shown = f"{m.median:.3f} s, {m.peak_mib:.0f} MiB" if m.ok else m.problem
                print(f"{size:>7} {step.name:<20} {shown}", file=sys.stderr, flush=True)
    return measures


def machine() -> list[str]:
    """A description of this machine and of the libraries measured."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        kib = int(
            next(
                ln.split()[1]
                for ln in Path("/proc/meminfo").read_text().splitlines()
                if ln.startswith("MemTotal")
            )
        )
        memory = f"{kib / 1024**2:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    libs = []
    for name in ("pyoxigraph", "oxrdflib", "rdflib", "pyshacl", "iopkg"):
        try:
            libs.append(f"{name} {md.version(name)}")
        except md.PackageNotFoundError:
            libs.append(f"{name} (not installed)")
    return [
        f"- CPU: {cpu}, {cores} cores usable",
        f"- Memory: {memory}",
        f"- OS: {platform.platform()}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
        f"- Libraries: {', '.join(libs)}",
    ]


def report(measures: list[Measure], argv: list[str], repeat: int) -> str:
    """RESULTS.md as text."""
    sizes = sorted({m.size for m in measures})
    lines = [
        "# Benchmark results",
        "",
        f"Generated by `python bench/run.py {' '.join(argv)}` on "
        f"{dt.date.today().isoformat()}. Times are wall seconds of the work alone (imports "
        f"and process start excluded), the median of {repeat} run(s), each run in a fresh "
        "process; peak memory is that process's maximum resident set size (`ru_maxrss`). "
        "Data: `iopkg synth --seed 1`, loaded with the ontology and the 290 municipalities "
        "of `data/reference/`.",
        "",
        "## Machine",
        "",
        *machine(),
        "",
    ]
    for size in sizes:
        lines += [
            f"## {_n(size)} agreements",
            "",
            "| step | seconds | peak MiB | process s | detail |",
            "|---|---:|---:|---:|---|",
        ]
        for m in (m for m in measures if m.size == size):
            if m.ok:
                lines.append(
                    f"| {m.step.label} | {m.median:.3f} | {m.peak_mib:.0f} | "
                    f"{statistics.median(m.wall):.2f} | {m.detail} |"
                )
            else:
                lines.append(f"| {m.step.label} | – | – | – | {m.problem} |")
        lines.append("")
    lines += queries_table(measures)
    lines += [
        "## Naive baseline against iopkg (ratios: baseline ÷ iopkg)",
        "",
        "| agreements | work | iopkg s | naive s | time ratio | iopkg MiB | naive MiB "
        "| same result |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    by_key = {(m.size, m.step.name): m for m in measures}
    for m in measures:
        base = m.step.baseline_of
        if base is None or (m.size, base) not in by_key:
            continue
        own = by_key[(m.size, base)]
        if m.timed_out and own.ok:
            lines.append(
                f"| {m.size} | {base} | {own.median:.3f} | > {m.timed_out:.0f} | "
                f"> {m.timed_out / own.median:.0f}× | {own.peak_mib:.0f} | "
                f"> {m.peak_mib:.0f} | did not finish |"
            )
            continue
        if not (m.ok and own.ok):
            lines.append(f"| {m.size} | {base} | – | – | – | – | – | {m.problem or own.problem} |")
            continue
        same = "–" if not (m.digest and own.digest) else ("yes" if m.digest == own.digest else "NO")
        lines.append(
            f"| {m.size} | {base} | {own.median:.3f} | {m.median:.3f} | "
            f"{m.median / own.median:.1f}× | {own.peak_mib:.0f} | {m.peak_mib:.0f} | "
            f"{same} |"
        )
    lines += ["", *budgets(measures), "", *cache_tables(measures), NOTES]
    return "\n".join(lines) + "\n"


def queries_table(measures: list[Measure]) -> list[str]:
    """Seconds (median) and rows of each catalogue query at each size."""
    runs = [m for m in measures if m.step.name == "catalogue_queries" and m.ok and m.per_query]
    if not runs:
        return []
    names = sorted({q for m in runs for q in m.per_query[0]})
    head = " | ".join(f"{_n(m.size)}: s (rows)" for m in runs)
    lines = [
        "## Each catalogue query (budget: 2 s at 100 000 agreements)",
        "",
        "Parameters at their defaults, except `lang`, which is `sv` (synthetic titles are "
        "Swedish).",
        "",
        f"| query | {head} |",
        "|---|" + "---:|" * len(runs),
    ]
    for q in names:
        cells = []
        for m in runs:
            seconds = statistics.median(r[q] for r in m.per_query if q in r)
            mark = " **over**" if m.size >= 100_000 and seconds > 2.0 else ""
            cells.append(f"{seconds:.3f} ({_n(m.rows.get(q, 0))}){mark}")
        lines.append(f"| {q} | {' | '.join(cells)} |")
    return lines + [""]


#: Side by side: (what, no-cache step, cold-cache step, warm-cache step).
CACHE_ROWS = (
    ("load / build / open the store", "load", "cache_build", "cache_open"),
    ("16 catalogue queries (queries only)", "catalogue_queries", None, "warm_catalogue_queries"),
    ("main job (load + validate + summary + compare)", "main_job", None, "warm_main_job"),
    (
        "first 100 rows of agreements, funding-flows, decisions",
        "first_page",
        None,
        "warm_first_page",
    ),
    (
        "first 100 rows of each listing, nothing kept with the entry",
        "first_page",
        None,
        "unkept_first_page",
    ),
    ("a later 100 rows of each listing (its keys kept)", "first_page", None, "warm_next_page"),
)
#: Budgets of issue 21 at 100 000 agreements: (what, step, limit s, "slowest" or "median").
CACHE_BUDGETS = (
    ("cache build", "cache_build", 30.0),
    ("main job from a warm cache", "warm_main_job", 20.0),
    ("first page of the slowest listing, warm cache (open included)", "warm_first_page", 2.0),
    (
        "first page of the slowest listing, warm cache, nothing kept (open included)",
        "unkept_first_page",
        2.0,
    ),
    ("a page of the slowest listing, its keys kept (open included)", "warm_next_page", 2.0),
    ("open a warm cache (the overhead a query pays)", "cache_open", 1.0),
)
CACHE_MEMORY_MIB = 500


def cache_tables(measures: list[Measure]) -> list[str]:
    """The store cache (issue 21): no cache, cold and warm side by side, and its budgets."""
    by = {(m.size, m.step.name): m for m in measures}
    sizes = sorted({m.size for m in measures})
    if not any(m.step.name == "cache_build" and m.ok for m in measures):
        return []

    def cell(size: int, name: str | None) -> str:
        m = by.get((size, name)) if name else None
        if m is None:
            return "–" if name is None else "not run"
        return f"{m.median:.3f} s, {m.peak_mib:.0f} MiB" if m.ok else m.problem

    lines = [
        "## Store cache (issue 21): no cache, cold and warm side by side",
        "",
        'Seconds of the work and peak resident MiB of its process. "Cold" builds the on-disk '
        "store (`iopkg.store_cache`, Oxigraph's bulk loader) from an empty cache folder; "
        '"warm" opens the store built before, read-only, instead of parsing.',
        "",
        "| work | agreements | no cache | cold cache | warm cache |",
        "|---|---:|---:|---:|---:|",
    ]
    for what, plain, cold, warm in CACHE_ROWS:
        for size in sizes:
            lines.append(
                f"| {what} | {_n(size)} | {cell(size, plain)} | {cell(size, cold)} | "
                f"{cell(size, warm)} |"
            )
    runs = [m for m in measures if m.step.name in ("catalogue_queries", "warm_catalogue_queries")]
    runs = [m for m in runs if m.ok and m.per_query]
    if runs:
        lines += [
            "",
            "Each catalogue query, in memory (no cache) and on the warm on-disk store:",
            "",
        ]
        head = " | ".join(
            f"{_n(m.size)} {'warm' if m.step.name.startswith('warm') else 'no cache'}" for m in runs
        )
        lines += [f"| query | {head} |", "|---|" + "---:|" * len(runs)]
        for q in sorted(runs[0].per_query[0]):
            cells = [f"{statistics.median(r[q] for r in m.per_query):.3f}" for m in runs]
            lines.append(f"| {q} | {' | '.join(cells)} |")
    for size in sizes:
        m = by.get((size, "cli_shipped"))
        if m is not None and m.ok and m.per_query:
            lines += ["", "Whole commands on the shipped data (process start to exit, wall s):", ""]
            lines += ["| command | seconds |", "|---|---:|"]
            for k, v in m.per_query[0].items():
                lines.append(f"| {k} | {v:.2f} |")
            break
    top = sizes[-1]
    lines += [
        "",
        f"### Budgets of issue 21 (at 100 000 agreements; measured at {_n(top)}"
        + (
            ""
            if top >= 100_000
            else ", and 100 000 extrapolated on the line through the two largest sizes measured"
        )
        + ")",
        "",
        "| budget | limit | measured | at 100 000 | status |",
        "|---|---:|---:|---:|---|",
    ]
    prev = sizes[-2] if len(sizes) > 1 else None

    def at_100k(value: float, before: float | None) -> float:
        if top >= 100_000:
            return value
        if prev is None or before is None:
            return value * 100_000 / top
        return value + (value - before) * (100_000 - top) / (top - prev)

    for what, name, limit in CACHE_BUDGETS:
        m = by.get((top, name))
        if m is None or not m.ok:
            lines.append(f"| {what} | {limit:.0f} s | – | – | not measured |")
            continue
        got = statistics.median(m.slowest)
        p = by.get((prev, name)) if prev else None
        est = at_100k(got, statistics.median(p.slowest) if p is not None and p.ok else None)
        status = "met" if est <= limit else f"MISSED by {est - limit:.1f} s"
        lines.append(f"| {what} | {limit:.0f} s | {got:.2f} s | {est:.2f} s | {status} |")
    m = by.get((top, "warm_catalogue_queries"))
    if m is not None and m.ok:
        p = by.get((prev, "warm_catalogue_queries")) if prev else None
        est = at_100k(m.peak_mib, p.peak_mib if p is not None and p.ok else None)
        status = "met" if est <= CACHE_MEMORY_MIB else "MISSED"
        lines.append(
            f"| resident memory of catalogue queries from a warm cache | {CACHE_MEMORY_MIB} MiB | "
            f"{m.peak_mib:.0f} MiB | {est:.0f} MiB | {status} |"
        )
    return lines + [""]


def _n(number: int) -> str:
    return f"{number:,}".replace(",", "\u202f")


def budgets(measures: list[Measure]) -> list[str]:
    """The budgets of issue 8 at the largest size measured, met or missed and by how much."""
    top = max(m.size for m in measures)
    lines = [
        f"## Budgets (issue 8: at 100 000 agreements on 2 cores; measured at {_n(top)})",
        "",
        "| budget | limit | measured | status |",
        "|---|---:|---:|---|",
    ]
    at = {m.step.name: m for m in measures if m.size == top}
    for what, name, limit in BUDGETS:
        m = at.get(name)
        if m is None or not m.ok:
            lines.append(
                f"| {what} | {limit:.0f} s | – | not measured: "
                f"{m.problem if m else 'no such step'} |"
            )
            continue
        got = statistics.median(m.slowest)
        status = "met" if got <= limit else f"MISSED by {got - limit:.1f} s"
        lines.append(f"| {what} | {limit:.0f} s | {got:.2f} s | {status} |")
    own = [m for m in at.values() if m.ok and m.step.baseline_of is None]
    if own:
        worst = max(own, key=lambda m: m.peak_mib)
        gib = worst.peak_mib / 1024
        over = gib - MEMORY_BUDGET_GIB
        status = "met" if over <= 0 else f"MISSED by {over:.2f} GiB"
        lines.append(
            f"| peak memory (largest iopkg step: {worst.step.name}) | "
            f"{MEMORY_BUDGET_GIB:.0f} GiB | {gib:.2f} GiB | {status} (of the steps "
            "measured) |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the benchmarks and write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per step (median reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--output", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--workdir", type=Path, default=HERE / "out", help="where the synthetic data is written"
    )
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per step run")
    parser.add_argument(
        "--baseline-timeout",
        type=float,
        default=None,
        help="seconds per run of a naive baseline step (default: --timeout)",
    )
    parser.add_argument("--quiet", action="store_true", help="no per-step lines on stderr")
    parser.add_argument(
        "--steps",
        nargs="+",
        choices=[s.name for s in STEPS],
        help="run only these steps (synth first, to write the data)",
    )
    args = parser.parse_args(argv)
    if any(n < 1 for n in args.sizes) or args.repeat < 1:
        parser.error("--sizes and --repeat must be positive")
    measures = measure(
        args.sizes,
        args.repeat,
        args.seed,
        args.workdir,
        args.timeout,
        log=not args.quiet,
        baseline_timeout=args.baseline_timeout,
        only=args.steps,
    )
    text = report(measures, sys.argv[1:] if argv is None else argv, args.repeat)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=args.output.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(tmp, 0o644)
    os.replace(tmp, args.output)
    print(f"Wrote {args.output}", file=sys.stderr)
    failed = [m for m in measures if m.problem.startswith("failed")]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
