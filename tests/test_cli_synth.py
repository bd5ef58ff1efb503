"""``iopkg synth`` run in-process: summary, manifest, one-line errors with exit 2."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from iopkg.cli import app

runner = CliRunner()


def test_synth_writes_turtle_manifest_and_summary(tmp_path):
    out = tmp_path / "synth"
    result = runner.invoke(
        app, ["synth", "-n", "120", "--seed", "9", "--violations", "0.1", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["agreements"] == 120 and manifest["injected"] == 12
    assert "Injected violations: 12 (" in result.output
    for kind, n in manifest["counts"].items():
        assert f"{kind}: {n}" in result.output
    assert (out / "synthetic.ttl").stat().st_size > 0
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "synthetic.ttl"]


@pytest.mark.parametrize(
    "args, needle",
    [
        (["-n", "0"], "--agreements must be at least 1"),
        (["-n", "-5"], "--agreements must be at least 1"),
        (["-n", "5", "--violations", "1.5"], "--violations must be a fraction"),
    ],
)
def test_bad_parameters_are_one_line_errors(tmp_path, args, needle):
    result = runner.invoke(app, ["synth", *args, "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and needle in lines[0]


def test_unwritable_output_is_a_one_line_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["synth", "-n", "5", "-o", str(blocker / "sub")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {blocker / 'sub'}: cannot write")
    assert "Traceback" not in result.output
