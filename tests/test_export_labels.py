"""Every label column of the CSV tables and every node label of the network exports is filled
where the graph has a label in the language asked for or a fallback language (English, then
Swedish); ``?lang`` bound outside a nested OPTIONAL left them empty (issue 22, point 4)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pyoxigraph as ox
import pytest

from iopkg.analysis.network import NetworkKind, build_network
from iopkg.export.tables import Table, table_rows
from iopkg.graph import default_project, load_store
from iopkg.synth.generate import generate

LABELS = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
)
TITLE = "http://purl.org/dc/terms/title"


def _labels(store: ox.Store, iri: str, predicates: tuple[str, ...]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for p in predicates:
        for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(p), None, None):
            if isinstance(q.object, ox.Literal):
                out.setdefault(q.object.language or "", set()).add(q.object.value)
    return out


def _expected(labels: dict[str, set[str]], lang: str) -> set[str]:
    for want in (lang, "en", "sv"):
        if want in labels:
            return labels[want]
    return set()


def _check_tables(store: ox.Store, lang: str) -> int:
    checked = 0
    for table in Table:
        columns, rows = table_rows(store, table, lang=lang)
        label_columns = [c for c in columns if c in ("label", "title") or c.endswith("Label")]
        assert label_columns or table is Table.AGREEMENTS, table
        for column in label_columns:
            i = columns.index(column)
            of = 0 if column in ("label", "title") else columns.index(column[: -len("Label")])
            predicates = (TITLE,) if column == "title" else LABELS
            for row in rows:
                if not row[of]:
                    continue
                expected = _expected(_labels(store, row[of], predicates), lang)
                if expected:
                    assert row[i] in expected, (table.value, column, row[of], row[i])
                    checked += 1
                else:
                    assert row[i] == "", (table.value, column, row[of])
    return checked


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_every_label_column_of_the_tables_is_filled(store, lang):
    assert _check_tables(store, lang) > 100


def test_tables_fall_back_to_swedish_labels_on_synthetic_data():
    """Synthetic activities and flows are labelled in Swedish only: English tables show those."""
    with tempfile.TemporaryDirectory() as tmp:
        generate(20, Path(tmp), seed=7)
        store = load_store([default_project().data_dir / "reference", Path(tmp)], quiet=True)
        assert _check_tables(store, "en") > 100
        columns, rows = table_rows(store, Table.FUNDING_FLOWS, lang="en")
        assert all(r[columns.index("label")] for r in rows)


@pytest.mark.parametrize("kind", list(NetworkKind))
def test_every_network_node_has_its_label(store, kind):
    graph = build_network(store, kind, lang="en")
    assert graph.number_of_nodes() > 0
    for node, attrs in graph.nodes(data=True):
        iri = attrs.get("iri", node)
        expected = _expected(_labels(store, iri, LABELS), "en")
        if expected:
            assert attrs["label"] in expected, (kind, iri, attrs["label"])
