"""The site's network view: the nodes with the most money, labelled and typed as the funding
network labels them, and the edges between them."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from iopkg.analysis.network import NetworkKind, build_network, node_attrs
from iopkg.graph import load_store
from iopkg.publish import network_view as nv
from iopkg.publish.i18n import Lang
from iopkg.synth.generate import generate

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> ox.Store:
    folder = tmp_path_factory.mktemp("synth")
    generate(200, folder, seed=4)
    return load_store(
        [folder / "synthetic.ttl", ROOT / "data" / "reference", ROOT / "data" / "vocab"],
        include_reference=False,
        cache=False,
        quiet=True,
    )


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("keep", [5, 40, 10_000])
def test_the_view_is_the_funding_network_cut_to_the_nodes_with_most_money(
    synthetic, lang, keep, monkeypatch
):
    monkeypatch.setattr(nv, "MAX_NODES", keep)
    view = nv.network_view(synthetic, lang, {})
    full = build_network(synthetic, NetworkKind.FUNDING, lang=lang.value)
    money = dict.fromkeys(full.nodes, 0.0)
    for u, v, d in full.edges(data=True):
        money[u] += float(d.get("amount_sek") or 0.0)
        money[v] += float(d.get("amount_sek") or 0.0)
    kept = sorted(sorted(full.nodes, key=lambda n: (-money[n], n))[:keep])
    assert view["total_nodes"] == full.number_of_nodes()
    assert [n["id"] for n in view["nodes"]] == kept
    assert [n["label"] for n in view["nodes"]] == [full.nodes[n]["label"] for n in kept]
    types = {full.nodes[n]["type"] for n in kept}
    assert len(view["legend"]) == len(types)
    edges = sorted((u, v, d["flow"]) for u, v, d in full.subgraph(kept).edges(data=True))
    assert [(e["source"], e["target"]) for e in view["edges"]] == [(u, v) for u, v, _ in edges]


def test_a_node_without_a_label_in_the_language_falls_back():
    store = ox.Store()
    e = "https://w3id.org/iopkg/id/"
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    store.add(ox.Quad(ox.NamedNode(e + "a"), label, ox.Literal("bara svenska", language="sv")))
    store.add(ox.Quad(ox.NamedNode(e + "b"), label, ox.Literal("only English", language="en")))
    attrs = node_attrs(store, [e + "a", e + "b", e + "c"], "en")
    assert attrs[e + "a"]["label"] == "bara svenska"
    assert attrs[e + "b"]["label"] == "only English"
    assert attrs[e + "c"] == {"label": e + "c", "type": "", "iri": e + "c"}
