"""``iopkg validate``/``run`` on any paths load the reference municipalities and vocabularies
with the ontology, so synth output validates on its own; help texts say what the code does
(issue 22, point 9 of the issue, point 7 of this branch)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.graph import default_project, reference_files
from iopkg.job import main_job
from iopkg.synth.generate import generate

runner = CliRunner()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    generate(60, out, seed=4)
    return out / "synthetic.ttl"


def test_synth_output_validates_on_its_own(synthetic):
    result = runner.invoke(app, ["validate", str(synthetic), "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output[:500]
    report = json.loads(result.output)
    assert report["conforms"] and report["results"] == []
    assert report["counts"] == {"Violation": 0, "Warning": 0, "Info": 0}


def test_injected_violations_are_still_found(tmp_path):
    made = generate(60, tmp_path, seed=4, violation_rate=0.2)
    result = runner.invoke(
        app, ["validate", str(tmp_path / "synthetic.ttl"), "--format", "json", "--quiet"]
    )
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert 1 <= report["counts"]["Violation"] <= 4 * len(made.violations)


def test_reference_files_are_loaded_once_when_named_too(synthetic):
    ref = default_project().data_dir / "reference"
    alone = runner.invoke(app, ["validate", str(synthetic), "--format", "json", "--quiet"])
    both = runner.invoke(app, ["validate", str(synthetic), str(ref), "--format", "json", "--quiet"])
    assert alone.exit_code == both.exit_code == 0
    assert json.loads(alone.output)["triples"] == json.loads(both.output)["triples"]
    assert [p.name for p in reference_files(default_project())] == [
        "municipalities.ttl",
        "schemes.ttl",
    ]


def test_main_job_on_synth_output_conforms(synthetic):
    result = main_job([synthetic], quiet=True)
    assert result.report.conforms and result.report.results == []
    assert result.comparison  # the municipalities are known, so the comparison has rows


def test_format_help_says_what_the_code_does():
    result = runner.invoke(app, ["query", "run", "--help"], env={"COLUMNS": "200"})
    assert "default: table; csv when -o is given" in result.output
    assert "on a terminal" not in result.output
