"""Funding flows as :mod:`iopkg.analysis.funding` reads them: with labels from the export query,
or without them from the internal query, the same flows and the same money."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from iopkg.analysis.funding import funding_flows
from iopkg.graph import load_store
from iopkg.synth.generate import generate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module", params=["shipped", "synthetic"])
def store(request, tmp_path_factory):
    if request.param == "shipped":
        return load_store()
    folder = tmp_path_factory.mktemp("synth")
    generate(150, folder, seed=5, violation_rate=0.1)
    return load_store(
        [folder / "synthetic.ttl", ROOT / "data" / "reference", ROOT / "data" / "vocab"],
        include_reference=False,
        cache=False,
        quiet=True,
    )


def test_flows_without_labels_have_the_same_parties_periods_and_money(store):
    labelled = funding_flows(store, lang="sv")
    bare = funding_flows(store, labels=False)
    assert len(labelled) > 5
    assert [dataclasses.replace(f, label=f.iri) for f in labelled] == bare
    assert any(f.label != f.iri for f in labelled)  # the labels were read, and only there
    assert all(f.label == f.iri for f in bare)
