"""Network analysis: organisations in several municipalities, centrality, largest funders and
recipients, and a chart of the funding network.

Centrality is computed on the parties network collapsed to a simple graph (two parties are
linked once however many agreements they share); betweenness is normalised. Funders and
recipients are ranked by the SEK of their funding flows (:mod:`iopkg.analysis.funding`).

>>> from iopkg.graph import load_store
>>> r = analyse(load_store())
>>> bool(r.funders[0].label)
True
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from iopkg.analysis.network import NetworkKind, build_network
from iopkg.errors import OutputError
from iopkg.io import write_bytes_atomic


@dataclass(frozen=True)
class MultiMunicipalOrg:
    """An organisation active in more than one municipality."""

    iri: str
    label: str
    municipalities: tuple[str, ...]


@dataclass(frozen=True)
class Centrality:
    """Degree and betweenness centrality of a party."""

    iri: str
    label: str
    type: str
    degree: int
    betweenness: float


@dataclass(frozen=True)
class MoneyTotal:
    """The SEK a node gives or receives in funding flows."""

    iri: str
    label: str
    amount_sek: float
    flows: int


@dataclass(frozen=True)
class NetworkReport:
    """The results of :func:`analyse`."""

    multi_municipal: tuple[MultiMunicipalOrg, ...]
    centrality: tuple[Centrality, ...]
    funders: tuple[MoneyTotal, ...]
    recipients: tuple[MoneyTotal, ...]


def analyse(store: ox.Store, *, lang: str = "en", top: int = 10) -> NetworkReport:
    """Analyse the networks of the dataset in ``store``.

    :param store: the dataset.
    :param lang: language of the labels.
    :param top: how many funders and recipients to list.
    """
    muni = build_network(store, NetworkKind.MUNICIPALITIES, lang=lang)
    multi = []
    for n, d in sorted(muni.nodes(data=True)):
        if d.get("bipartite") == 1:
            places = sorted({muni.nodes[m]["label"] for m in muni.neighbors(n)})
            if len(places) > 1:
                multi.append(MultiMunicipalOrg(n, d["label"], tuple(places)))

    parties = nx.Graph(build_network(store, NetworkKind.PARTIES, lang=lang))
    between = nx.betweenness_centrality(parties, normalized=True)
    centrality = sorted(
        (
            Centrality(n, d["label"], d["type"], parties.degree(n), round(between[n], 6))
            for n, d in parties.nodes(data=True)
        ),
        key=lambda c: (-c.betweenness, -c.degree, c.label),
    )

    funding = build_network(store, NetworkKind.FUNDING, lang=lang)
    given: dict[str, list[float]] = defaultdict(list)
    received: dict[str, list[float]] = defaultdict(list)
    for u, v, d in funding.edges(data=True):
        if d.get("kind") == "funding":
            given[u].append(d["amount_sek"])
            received[v].append(d["amount_sek"])

    def ranked(totals: dict[str, list[float]]) -> tuple[MoneyTotal, ...]:
        rows = [
            MoneyTotal(n, funding.nodes[n]["label"], round(sum(a), 2), len(a))
            for n, a in totals.items()
        ]
        rows.sort(key=lambda m: (-m.amount_sek, m.label))
        return tuple(rows[:top])

    return NetworkReport(tuple(multi), tuple(centrality), ranked(given), ranked(received))


def _sek(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", " ") + " kr"


def format_report(report: NetworkReport) -> str:
    """The report as plain text.

    >>> print(format_report(NetworkReport((), (), (), ())).splitlines()[1])
      none
    """
    lines = ["Organisations active in more than one municipality:"]
    lines += [f"  {o.label}: {', '.join(o.municipalities)}" for o in report.multi_municipal]
    lines += [] if report.multi_municipal else ["  none"]
    lines += [
        "",
        "Centrality of organisations and units (parties network):",
        f"  {'degree':>6}  {'betweenness':>11}  party",
    ]
    lines += [
        f"  {c.degree:6d}  {c.betweenness:11.4f}  {c.label} ({c.type})" for c in report.centrality
    ]
    lines += ["", "Largest funders (SEK given):"]
    lines += [f"  {_sek(m.amount_sek):>14}  {m.flows} flow(s)  {m.label}" for m in report.funders]
    lines += ["", "Largest recipients (SEK received):"]
    lines += [
        f"  {_sek(m.amount_sek):>14}  {m.flows} flow(s)  {m.label}" for m in report.recipients
    ]
    return "\n".join(lines)


def spread(pos: dict, gap: float = 0.45, rounds: int = 300) -> dict:
    """Push apart nodes closer than ``gap`` (layout units, the layout spans about 2), so that
    labels under them do not overlap; deterministic.

    >>> p = spread({"a": (0.0, 0.0), "b": (0.01, 0.0)})
    >>> round(abs(p["a"][0] - p["b"][0]), 2) >= 0.45
    True
    """
    import numpy as np

    keys = sorted(pos)
    xy = np.array([pos[k] for k in keys], dtype=float)
    for _ in range(rounds):
        moved = False
        for i in range(len(xy)):
            for j in range(i + 1, len(xy)):
                d = xy[j] - xy[i]
                dist = float(np.hypot(*d))
                if dist < gap:
                    if dist == 0:
                        d, dist = np.array([1.0, 0.0]), 1.0
                    push = (gap - dist) / 2 * d / dist
                    xy[i] -= push
                    xy[j] += push
                    moved = True
        if not moved:
            break
    return {k: (float(x), float(y)) for k, (x, y) in zip(keys, xy, strict=True)}


def draw_funding_chart(store: ox.Store, output: str | Path, *, lang: str = "en") -> None:
    """Draw the funding network to a PNG or SVG file: node size by SEK given plus received,
    funding edges solid and weighted by SEK, help in kind dashed.

    :param store: the dataset.
    :param output: the image file (``.png`` or ``.svg``), written atomically.
    :param lang: language of the labels.
    :raises OutputError: when the extension is not .png or .svg, or the file cannot be written.
    """
    fmt = Path(output).suffix.lower().lstrip(".")
    if fmt not in ("png", "svg"):
        raise OutputError(str(output), "--chart takes a .png or .svg file name")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    graph = build_network(store, NetworkKind.FUNDING, lang=lang)
    sek: dict[str, float] = defaultdict(float)
    for u, v, d in graph.edges(data=True):
        sek[u] += d.get("amount_sek", 0.0)
        sek[v] += d.get("amount_sek", 0.0)
    biggest = max(sek.values(), default=0.0) or 1.0
    pos = spread(nx.spring_layout(nx.Graph(graph), weight=None, seed=7, k=2.5, iterations=300))
    fig, ax = plt.subplots(figsize=(14, 10))
    sizes = [200 + 3000 * sek[n] / biggest for n in graph.nodes]
    kinds = sorted({d.get("type", "") for _, d in graph.nodes(data=True)})
    palette = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d")
    colour = {k: palette[i % len(palette)] for i, k in enumerate(kinds)}
    nx.draw_networkx_nodes(
        graph,
        pos,
        ax=ax,
        node_size=sizes,
        node_color=[colour[d.get("type", "")] for _, d in graph.nodes(data=True)],
        edgecolors="#333333",
    )
    for k in kinds:  # a legend of the kinds (by their CURIE: the chart has no label store)
        ax.scatter([], [], color=colour[k], label=k.split(":")[-1] or "?")
    ax.legend(loc="lower left", frameon=False, fontsize=9)
    money = [(u, v) for u, v, d in graph.edges(data=True) if d["kind"] == "funding"]
    kind = [(u, v) for u, v, d in graph.edges(data=True) if d["kind"] != "funding"]
    widths = [
        1 + 5 * d["amount_sek"] / biggest
        for *_, d in graph.edges(data=True)
        if d["kind"] == "funding"
    ]
    nx.draw_networkx_edges(
        graph,
        pos,
        ax=ax,
        edgelist=money,
        width=widths,
        edge_color="#2a7a2a",
        arrows=True,
        arrowsize=15,
    )
    nx.draw_networkx_edges(
        graph,
        pos,
        ax=ax,
        edgelist=kind,
        style="dashed",
        edge_color="#999999",
        arrows=True,
        arrowsize=10,
    )
    import textwrap

    for n, d in graph.nodes(data=True):  # below the node, wrapped, on a white box: readable
        x, y = pos[n]
        ax.annotate(
            textwrap.fill(d["label"], 22),
            (x, y),
            xytext=(0, -12 - (sizes[list(graph.nodes).index(n)] ** 0.5) / 2),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8},
        )
    ax.margins(0.18)  # room for the labels at the edges: nothing is cut off
    ax.set_title(
        "Pengar (heldragen linje, bredd efter belopp) och insatser (streckad); storlek efter belopp"
        if lang == "sv"
        else "Funding (solid, width by SEK) and help in kind (dashed); node size by SEK"
    )
    ax.set_axis_off()
    buf = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    plt.rcParams["svg.hashsalt"] = "iopkg"
    plt.rcParams["svg.fonttype"] = "none"
    fig.savefig(buf, format=fmt, metadata=metadata, bbox_inches="tight")
    plt.close(fig)
    write_bytes_atomic(output, buf.getvalue())
