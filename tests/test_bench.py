"""The benchmark harness runs end to end (tiny size; timings are not asserted here)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("iopkg_bench_run", ROOT / "bench" / "run.py")
bench = importlib.util.module_from_spec(_spec)
sys.modules["iopkg_bench_run"] = bench
_spec.loader.exec_module(bench)


def test_harness_writes_every_step_with_machine_and_ratios(tmp_path):
    out = tmp_path / "RESULTS.md"
    code = bench.main(
        ["--sizes", "30", "--output", str(out), "--workdir", str(tmp_path / "w"), "--quiet"]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert "## Machine" in text and "- CPU: " in text and "pyoxigraph " in text
    for step in bench.STEPS:
        row = next(line for line in text.splitlines() if line.startswith(f"| {step.label} |"))
        if step.name in ("synth", "load", "aggregate", "baseline_load", "baseline_aggregate"):
            assert "–" not in row.split("|")[2], row  # measured
    ratios = text.split("## Naive baseline", 1)[1]
    assert "| 30 | aggregate |" in ratios and "| yes |" in ratios
    assert (tmp_path / "w" / "n30" / "synth" / "synthetic.ttl").is_file()
