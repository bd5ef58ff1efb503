"""The fast engine gives exactly pySHACL's results: on every shape fixture, on the project's data
and on synthetic data with injected violations."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from test_shapes import SHAPES, fixture_files, fixture_store

from iopkg.graph import default_project, load_store
from iopkg.shacl.validate import Engine, ValidationReport, ValidationResult, validate
from iopkg.synth.generate import generate

PROJECT_REF = default_project().data_dir / "reference"


def _key(r: ValidationResult) -> tuple:
    """A result without blank node labels (each engine names blank nodes its own way)."""
    focus = "_:" if r.focus_node.startswith("_:") else r.focus_node
    value = "_:" if r.value and r.value.startswith("_:") else r.value
    return (
        r.severity,
        focus,
        tuple(sorted(r.focus_labels.items())),
        r.sources,
        r.path,
        value,
        tuple(sorted(r.messages.items())),
        r.source_shape,
        r.constraint_component,
    )


def _same(fast: ValidationReport, ref: ValidationReport) -> None:
    assert fast.engine is Engine.FAST and ref.engine is Engine.PYSHACL
    assert fast.fallback == ()
    assert Counter(map(_key, fast.results)) == Counter(map(_key, ref.results))
    assert fast.counts() == ref.counts() and fast.conforms == ref.conforms
    assert fast.triples == ref.triples and fast.source_labels == ref.source_labels


@pytest.mark.parametrize("path", [None, *fixture_files()], ids=lambda p: p.stem if p else "base")
def test_engines_agree_on_fixture(path: Path | None):
    store = fixture_store(path.read_text(encoding="utf-8") if path else None)
    fast = validate(store=store, shapes=SHAPES, engine=Engine.FAST, quiet=True)
    ref = validate(store=store, shapes=SHAPES, engine=Engine.PYSHACL)
    if path is not None and path.stem == "DateRangeShape--SPARQL":
        ref = _without_year_zero_datatype_result(ref)
    _same(fast, ref)
    if path is not None:
        assert fast.results, "the fixture must produce results"


def _without_year_zero_datatype_result(ref: ValidationReport) -> ValidationReport:
    """pySHACL also reports sh:datatype for a date in year 0: rdflib cannot make a Python date of
    it, while XSD 1.1 (which SHACL uses) allows year 0 and Oxigraph keeps it as a valid xsd:date.
    Exactly that one extra result is expected; the rest must agree (docs/validation.md)."""
    extra = [r for r in ref.results if r.constraint_component == "sh:DatatypeConstraintComponent"]
    assert [r.value for r in extra] == ['"0000-06-10"^^xsd:date']
    counts = dict(ref.all_counts)
    counts[extra[0].severity] -= 1
    return dataclasses.replace(
        ref, results=[r for r in ref.results if r not in extra], all_counts=counts
    )


def test_engines_agree_on_project_data():
    store = load_store()
    _same(validate(store=store, quiet=True), validate(store=store, engine=Engine.PYSHACL))


def test_engines_agree_on_synthetic_data_with_injected_violations(tmp_path: Path):
    result = generate(150, tmp_path / "synth", seed=7, violation_rate=0.3)
    store = load_store([tmp_path / "synth", PROJECT_REF], quiet=True)
    fast = validate(store=store, quiet=True)
    ref = validate(store=store, engine=Engine.PYSHACL)
    _same(fast, ref)
    assert not fast.conforms and sum(fast.counts().values()) >= len(result.violations)


def test_cli_engine_option_gives_the_same_report():
    from typer.testing import CliRunner

    from iopkg.cli import app

    runner = CliRunner()
    fast = runner.invoke(app, ["validate", "--format", "json", "--quiet"])
    ref = runner.invoke(app, ["validate", "--format", "json", "--engine", "pyshacl"])
    assert fast.exit_code == ref.exit_code == 0, fast.output
    assert '"schema": "iopkg-validation-report/1"' in fast.output
    bad = runner.invoke(app, ["validate", "--engine", "nope"])
    assert bad.exit_code == 2
