"""Every literal leaves ``iopkg export`` as it is written in data/: same datatype, same lexical
form (issue 22, point 5). The store (Oxigraph) keeps only canonical forms (it turned 599
xsd:nonNegativeInteger/xsd:positiveInteger literals into xsd:integer and ``62500.0`` into
``62500``), so data/, the ontology, the shapes and synth write whole numbers as xsd:integer and
decimals in their canonical form (docs/data-model.md, "Data types")."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import graph_diff, to_isomorphic
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.graph import _files, default_project
from iopkg.synth.generate import generate

PROJECT = default_project()


def _written(files) -> Graph:
    g = Graph()
    for f in files:
        g.parse(f)
    return g


def _exported(tmp_path: Path, fmt: str, *paths: str) -> Graph:
    out = tmp_path / f"out.{fmt}"
    result = CliRunner().invoke(app, ["export", *paths, "-f", fmt, "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    g = Graph()
    g.parse(out, format={"ntriples": "nt", "nquads": "nquads", "turtle": "turtle"}[fmt])
    return g


def _assert_same(written: Graph, exported: Graph) -> None:
    both, only_written, only_exported = graph_diff(to_isomorphic(written), to_isomorphic(exported))
    assert not only_written and not only_exported, (
        sorted(map(str, only_written))[:5],
        sorted(map(str, only_exported))[:5],
    )
    assert len(both) == len(written)


@pytest.mark.parametrize("fmt", ["ntriples", "turtle"])
def test_export_gives_back_the_project_files_triple_for_triple(tmp_path, fmt):
    written = _written(_files(None, PROJECT, False, True))
    _assert_same(written, _exported(tmp_path, fmt))
    numbers = {o.datatype for o in written.objects() if isinstance(o, Literal) and o.datatype}
    assert not {d for d in numbers if str(d).endswith(("nonNegativeInteger", "positiveInteger"))}


def test_export_gives_back_synthetic_data_triple_for_triple(tmp_path):
    generate(30, tmp_path / "synth", seed=2)
    file = tmp_path / "synth" / "synthetic.ttl"
    written = _written([PROJECT.ontology_dir / "iop.ttl", file])
    _assert_same(written, _exported(tmp_path, "ntriples", str(file)))
