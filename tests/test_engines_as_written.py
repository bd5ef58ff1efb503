"""The SHACL engines agree on the files as written, not on a copy the store rewrote (issue 22,
point 5): plain pySHACL on an rdflib graph parsed from the files, rudof (pyrudof) reading the
files, and iopkg's own engine on the store give the same results, on the project's data and on
synthetic data with injected violations. Before data/ used xsd:integer, the store turned 599
xsd:nonNegativeInteger/xsd:positiveInteger literals into xsd:integer, and the engines were only
compared on that rewritten copy."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyrudof
import pytest
from pyshacl import validate as plain_pyshacl
from rdflib import Graph
from rdflib.namespace import SH
from shacl_engines import Key, _name, pyshacl_keys, rudof_keys
from test_shapes import SHAPES

from iopkg.graph import _files, default_project, load_store
from iopkg.shacl.validate import validate
from iopkg.synth.generate import generate

PROJECT = default_project()


def _as_written(paths: Sequence[Path] | None) -> list[Path]:
    return list(_files(paths, PROJECT, False, True))


def plain_keys(files: list[Path]) -> set[Key]:
    """pySHACL, called directly (iopkg's options), on the files parsed by rdflib."""
    data = Graph()
    for f in files:
        data.parse(f)
    _, report, _ = plain_pyshacl(
        data, shacl_graph=SHAPES, advanced=True, allow_warnings=True, inference="none"
    )
    keys = set()
    for r in report.subjects(SH.resultSeverity, None):
        keys.add(
            (
                _name(report.value(r, SH.focusNode)),
                _name(report.value(r, SH.sourceShape)),
                _name(report.value(r, SH.sourceConstraintComponent)),
                _name(report.value(r, SH.resultSeverity)).removeprefix("sh:"),
                _name(report.value(r, SH.resultPath)),
            )
        )
    return keys


def rudof_file_keys(files: list[Path]) -> set[Key]:
    """rudof's native engine reading the Turtle files themselves."""
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    for f in files:
        rudof.read_data(f.read_text(encoding="utf-8"), format=pyrudof.RDFFormat.Turtle)
    rudof.read_shacl(SHAPES.serialize(format="turtle"), format=pyrudof.ShaclFormat.Turtle)
    return rudof_keys(rudof.validate_shacl(mode=pyrudof.ShaclValidationMode.Native))


def _fast_keys(files: list[Path]) -> set[Key]:
    return pyshacl_keys(validate(store=load_store(files, include_ontology=False), quiet=True))


def test_engines_agree_on_the_project_files_as_written():
    files = _as_written(None)
    assert any(f.name == "municipalities.ttl" for f in files)
    ours = _fast_keys(files)
    assert plain_keys(files) == ours
    assert rudof_file_keys(files) == ours
    # 2 Warnings, 1 Info of the documents (docs/validation.md), 330 Infos of the register's
    # completeness (docs/data-model.md)
    assert len(ours) == 333


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> list[Path]:
    out = tmp_path_factory.mktemp("synth")
    generate(40, out, seed=11, violation_rate=0.3)
    return _as_written([out / "synthetic.ttl", PROJECT.data_dir / "reference"])


def test_plain_pyshacl_agrees_on_synthetic_files_as_written(synthetic):
    ours = _fast_keys(synthetic)
    assert len(ours) >= 10
    assert plain_keys(synthetic) == ours


def test_rudof_agrees_on_synthetic_files_as_written(synthetic):
    assert rudof_file_keys(synthetic) == _fast_keys(synthetic)
