"""The funding network as data for the site's interactive view (sigma.js): nodes coloured by
kind, sized by the money they give and get, placed by a seeded layout (the same positions on
every build), edges for money (and help in kind) from giver to recipient.

>>> from iopkg.graph import load_store
>>> from iopkg.publish.i18n import Lang
>>> view = network_view(load_store(), Lang.sv, {})
>>> len(view["nodes"]) > 5, sorted({n["kind"] for n in view["nodes"]})[:2]
(True, ['förvaltning', 'idéburen organisation'])
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import networkx as nx
import pyoxigraph as ox

from iopkg.analysis.funding import funding_flows
from iopkg.analysis.network import node_attrs
from iopkg.namespaces import PREFIXES, RDFS
from iopkg.publish.i18n import Lang, money
from iopkg.sparql.files import packaged_query
from iopkg.sparql.source import LocalSource

#: Colours by kind (ColorBrewer Dark2, distinguishable in print and by most colour-blind readers).
PALETTE = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666")


#: The most nodes the interactive view draws.
MAX_NODES = 400


def _expand(c: str) -> str:
    prefix, _, local = c.partition(":")
    return str(PREFIXES[prefix]) + local if prefix in PREFIXES else c


@dataclass(frozen=True)
class NetworkLayout:
    """What the view shows whatever its language: the money of every node, the nodes kept and
    their edges, and where the seeded layout places them."""

    amount: dict[str, float]
    keep: list[str]
    kept: list[tuple[str, str, str, float]]
    pos: dict[str, tuple[float, float]]


def network_layout(store: ox.Store) -> NetworkLayout:
    """The funding network's nodes kept for the view, their edges and positions (see
    :func:`network_view`), computed once for both of the site's languages."""
    edges: list[tuple[str, str, str, float]] = [
        (f.funder, f.recipient, f.iri, float(f.amount_sek or 0.0))
        for f in funding_flows(store, labels=False)
        if f.funder and f.recipient
    ]
    help_in_kind = LocalSource(store).select(packaged_query("internal/network-in-kind"))
    edges += [
        (r["giver"].value, r["recipient"].value, r["contribution"].value, 0.0)
        for r in help_in_kind.solutions()
        if r["giver"] is not None and r["recipient"] is not None
    ]
    amount: dict[str, float] = {}
    for u, v, _, sek in edges:
        amount[u] = amount.get(u, 0.0) + sek
        amount[v] = amount.get(v, 0.0) + sek
    # A browser draws a few hundred nodes legibly (and the layout is quadratic): the view keeps
    # the nodes with the most money; the table and the dumps have all of them.
    keep = set(sorted(amount, key=lambda n: (-amount[n], n))[:MAX_NODES])
    kept = sorted((e for e in edges if e[0] in keep and e[1] in keep), key=lambda e: e[:3])
    simple = nx.Graph()
    simple.add_nodes_from(sorted(keep))
    simple.add_edges_from(sorted((u, v) for u, v, _, _ in kept))
    pos = nx.spring_layout(simple, seed=20, k=1.5 / math.sqrt(max(1, len(simple))))
    return NetworkLayout(
        amount, sorted(keep), kept, {n: (float(x), float(y)) for n, (x, y) in pos.items()}
    )


def network_view(
    store: ox.Store, lang: Lang, pages: dict[str, str], layout: NetworkLayout | None = None
) -> dict[str, object]:
    """Nodes, edges and legend of the funding network, for a page in ``lang``.

    The edges are those of :func:`~iopkg.analysis.network.build_network`'s funding network
    (money from funder to recipient, help in kind from giver to recipient), but only the nodes
    kept are labelled: labelling every node of a large register took most of the time.

    :param store: the published graph.
    :param lang: the page's language (labels, kinds, money).
    :param pages: page path of each resource that has a page, by IRI (nodes link there).
    :param layout: :func:`network_layout` of ``store``, if already computed.
    """
    layout = layout or network_layout(store)
    amount, keep, kept, pos = layout.amount, layout.keep, layout.kept, layout.pos
    attrs = node_attrs(store, sorted(keep), lang.value)
    labels = {}
    for t in sorted({a["type"] for a in attrs.values()}):
        node = ox.NamedNode(_expand(t)) if t else None
        label = None
        if node is not None:
            for q in store.quads_for_pattern(node, ox.NamedNode(str(RDFS.label)), None, None):
                if isinstance(q.object, ox.Literal) and q.object.language == lang.value:
                    label = q.object.value
        labels[t] = label or t or "?"
    kinds = sorted(set(labels.values()))
    colour = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(kinds)}
    top = max(amount.values(), default=0.0) or 1.0
    nodes = []
    for n in sorted(keep):
        kind = labels[attrs[n]["type"]]
        nodes.append(
            {
                "id": n,
                "label": attrs[n]["label"],
                "kind": kind,
                "color": colour[kind],
                "size": round(4 + 16 * math.sqrt(amount[n] / top), 2),
                "money": money(amount[n], lang),
                "x": round(float(pos[n][0]), 4),
                "y": round(float(pos[n][1]), 4),
                "href": pages.get(n, ""),
            }
        )
    return {
        "total_nodes": len(amount),
        "nodes": nodes,
        "edges": [
            {"source": u, "target": v, "size": 1, "money": money(sek, lang)}
            for u, v, _, sek in kept
        ],
        "legend": [{"kind": k, "color": colour[k]} for k in kinds],
    }
