"""Benchmark of the workbook import and export (issue 17): synthetic agreements -> xlsx -> RDF.

Budget on the lead's machine: importing a 10 000-agreement workbook in at most 20 s and 1 GiB,
exporting it in at most 20 s. Each step runs in its own process so that its peak memory (max RSS)
is its own.

    python bench/workbook_bench.py --agreements 1000          # the size to run on a shared box
    python bench/workbook_bench.py --agreements 10000         # the budget's size (lead's run)
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _step(step: str, folder: Path) -> dict:
    start = time.perf_counter()
    if step == "export":
        from iopkg.graph import load_store
        from iopkg.workbook import export_workbook

        store = load_store([folder / "synth"], include_ontology=False, quiet=True)
        loaded = time.perf_counter()
        export_workbook(folder / "synth.xlsx", store=store)
        extra = {"load_seconds": round(loaded - start, 2)}
        start = loaded
    else:
        from iopkg.workbook import import_to_file

        docs = folder / "sources"  # empty stand-ins for the synthetic documents (see main)
        result = import_to_file(folder / "synth.xlsx", folder / "synth.ttl", sources_dir=docs)
        extra = {
            "rows": result.rows,
            "triples": len(result.store),
            "problems": len(result.problems),
            "first_problems": [p.line() for p in result.problems[:3]],
            "parts_seconds": result.timings,
        }
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    rss = usage.ru_maxrss / 1024  # KiB -> MiB on Linux
    return {
        "step": step,
        "seconds": round(seconds, 2),
        # CPU time of the whole process (all threads, also the set-up before the step): on a
        # shared machine wall time grows with the load, CPU time much less.
        "process_cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "max_rss_mib": round(rss),
        **extra,
    }


def _document_names(folder: Path) -> list[str]:
    from iopkg.graph import load_store

    store = load_store([folder], include_ontology=False, quiet=True)
    query = "SELECT ?c WHERE { ?s <https://w3id.org/iopkg/def#localCopy> ?c }"
    return sorted({r["c"].value.rsplit("/", 1)[-1] for r in store.query(query)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agreements", type=int, default=1000)
    parser.add_argument("--step", choices=["export", "import"], help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(_step(args.step, args.folder)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "iopkg",
                "synth",
                "-n",
                str(args.agreements),
                "-q",
                "-o",
                str(folder / "synth"),
            ],
            check=True,
            capture_output=True,
        )
        # the synthetic sources name documents that do not exist: give empty stand-ins
        (folder / "sources").mkdir()
        for name in _document_names(folder / "synth"):
            (folder / "sources" / name).touch()
        results = []
        for step in ("export", "import"):
            out = subprocess.run(
                [sys.executable, __file__, "--step", step, "--folder", str(folder)],
                check=True,
                capture_output=True,
                text=True,
            )
            results.append(json.loads(out.stdout))
        size = (folder / "synth.xlsx").stat().st_size
    report = {"agreements": args.agreements, "xlsx_bytes": size, "steps": results}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
