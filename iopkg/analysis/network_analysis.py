"""Network analysis: organisations in several municipalities, centrality, largest funders and
recipients, and a chart of the funding network.

Centrality is computed on the parties network collapsed to a simple graph (two parties are
linked once however many agreements they share); betweenness is normalised. Funders and
recipients are ranked by the SEK of their funding flows (:mod:`iopkg.analysis.funding`).

>>> from iopkg.graph import load_store
>>> r = analyse(load_store())
>>> r.funders[0].label
'Lund Social Services Administration'
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
    pos = nx.spring_layout(nx.Graph(graph), weight=None, seed=7, k=1.2, iterations=200)
    fig, ax = plt.subplots(figsize=(12, 9))
    sizes = [200 + 3000 * sek[n] / biggest for n in graph.nodes]
    nx.draw_networkx_nodes(
        graph, pos, ax=ax, node_size=sizes, node_color="#8fb8de", edgecolors="#33608a"
    )
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
    nx.draw_networkx_labels(
        graph, pos, ax=ax, font_size=8, labels={n: d["label"] for n, d in graph.nodes(data=True)}
    )
    ax.set_title("Funding (solid, width by SEK) and help in kind (dashed); node size by SEK")
    ax.set_axis_off()
    buf = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    plt.rcParams["svg.hashsalt"] = "iopkg"
    fig.savefig(buf, format=fmt, metadata=metadata, bbox_inches="tight")
    plt.close(fig)
    write_bytes_atomic(output, buf.getvalue())
