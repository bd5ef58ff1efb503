"""Networks of the graph (networkx) and their analysis.

Three networks, all multigraphs whose nodes are IRIs, inserted in sorted order:

- ``parties`` (undirected): public parties, idea-based parties and contributing units; one edge
  per agreement and pair of its parties (key: ``AGREEMENT|A|B``);
- ``funding`` (directed): one edge per funding flow from funder to recipient (``kind`` =
  ``funding``, ``weight`` = ``amount_sek``, see
   :mod:`iopkg.analysis.funding`) and one per contribution
  in kind from giver to recipient (``kind`` = ``in-kind``, ``inkind_type``); key: the flow's IRI;
- ``municipalities`` (undirected, bipartite): the municipalities of agreements
  (``bipartite`` = 0) and the organisations and units that take part in them (``bipartite`` = 1,
  municipalities themselves excluded); one edge per agreement and organisation.

Nodes carry ``label``, ``type`` (CURIE of the most specific class), ``iri`` and, where known,
``org_number`` and ``municipality_code`` (of the municipality the node is or belongs to). Edges
carry ``agreement``, ``agreement_label``, ``start_date``, ``end_date`` (ISO dates) and
``amount_sek`` (for an agreement: the SEK of all its flows). Missing values are left out rather
than written as empty (GraphML and GEXF have no null).

>>> from iopkg.graph import load_store
>>> g = build_network(load_store(), NetworkKind.FUNDING)
>>> g.is_directed(), g.number_of_edges() >= 32
(True, True)
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from itertools import combinations

import networkx as nx
import pyoxigraph as ox

from iopkg.analysis.funding import FundingFlow, funding_flows, in_kind
from iopkg.errors import ExportError
from iopkg.namespaces import RDF, RDFS, curie
from iopkg.sparql.source import export_rows

_TYPE = ox.NamedNode(str(RDF.type))
_LABEL = ox.NamedNode(str(RDFS.label))
_DG = ox.DefaultGraph()


class NetworkKind(StrEnum):
    """Which network to build."""

    PARTIES = "parties"
    FUNDING = "funding"
    MUNICIPALITIES = "municipalities"


#: The places agreements are in: one side of the municipalities network (a region party to its
#: own agreement, as in the register, is not a partner of itself).
_PLACES = frozenset({"iop:Municipality", "iop:Region"})

#: Most specific classes first: a node's ``type`` is the first of these it has.
_TYPE_ORDER = (
    "iop:Municipality",
    "iop:Region",
    "iop:IdeaBasedOrganisation",
    "iop:StateBody",
    "iop:Administration",
    "iop:Board",
    "iop:Council",
    "iop:PublicUnit",
    "iop:Activity",
    "org:FormalOrganization",
    "org:Organization",
)


def node_attrs(store: ox.Store, iris: list[str], lang: str) -> dict[str, dict[str, str]]:
    """The ``label``, ``type`` and ``iri`` of a few nodes, as the network's nodes have them
    (the label in ``lang``, else English, else Swedish, else any, else the IRI; the most
    specific type), read node by node: for a view that keeps a few hundred nodes of a network
    whose every node the export query would label.

    :param store: the dataset.
    :param iris: the nodes.
    :param lang: language of the labels.

    >>> from iopkg.graph import load_store
    >>> node_attrs(load_store(), ["https://w3id.org/iopkg/id/municipality/1281"], "sv")[
    ...     "https://w3id.org/iopkg/id/municipality/1281"]["type"]
    'iop:Municipality'
    """
    out = {}
    for iri in iris:
        node = ox.NamedNode(iri)
        types = sorted(
            {curie(q.object.value) for q in store.quads_for_pattern(node, _TYPE, None, _DG)}
        )
        labels = [
            q.object
            for q in store.quads_for_pattern(node, _LABEL, None, _DG)
            if isinstance(q.object, ox.Literal)
        ]
        label = next(
            (lit.value for want in (lang, "en", "sv") for lit in labels if lit.language == want),
            labels[0].value if labels else iri,
        )
        known = [t for t in _TYPE_ORDER if t in types]
        out[iri] = {
            "label": label,
            "type": known[0] if known else (types[0] if types else ""),
            "iri": iri,
        }
    return out


def _node_attrs(store: ox.Store, lang: str) -> dict[str, dict[str, str]]:
    rows = export_rows(store, "nodes", lang)
    out = {}
    for r in rows:
        iri = r["node"].value
        types = [curie(t) for t in (r["types"].value.split() if r["types"] else [])]
        known = [t for t in _TYPE_ORDER if t in types]
        attrs = {
            "label": (r["label"] or r["anyLabel"] or r["node"]).value,
            "type": known[0] if known else (sorted(types)[0] if types else ""),
            "iri": iri,
        }
        if r["orgNumber"] is not None:
            attrs["org_number"] = r["orgNumber"].value
        if r["municipalityCode"] is not None:
            attrs["municipality_code"] = r["municipalityCode"].value
        out[iri] = attrs
    return out


@dataclass(frozen=True)
class _Agreement:
    iri: str
    label: str
    start: str | None
    end: str | None
    municipality: str | None
    parties: tuple[tuple[str, str], ...]  # (party, role)


def _agreements(store: ox.Store, lang: str) -> list[_Agreement]:
    rows = export_rows(store, "agreements", lang)
    parties: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in export_rows(store, "parties", lang):
        parties[r["agreement"].value].append((r["party"].value, r["role"].value))

    def v(term):
        return term.value if term is not None else None

    return [
        _Agreement(
            r["agreement"].value,
            v(r["label"]) or r["agreement"].value,
            v(r["startDate"]),
            v(r["endDate"]),
            v(r["municipality"]),
            tuple(parties[r["agreement"].value]),
        )
        for r in rows
    ]


def _edge_common(a: _Agreement, sek: dict[str, float]) -> dict[str, object]:
    attrs: dict[str, object] = {
        "agreement": a.iri,
        "agreement_label": a.label,
        "amount_sek": sek.get(a.iri, 0.0),
    }
    if a.start:
        attrs["start_date"] = a.start
    if a.end:
        attrs["end_date"] = a.end
    return attrs


def _sek_by_agreement(flows: list[FundingFlow]) -> dict[str, float]:
    out: dict[str, float] = defaultdict(float)
    for f in flows:
        if f.agreement:
            out[f.agreement] += f.amount_sek
    return dict(out)


#: Most co-party edges the parties network builds unless told otherwise: an agreement with
#: n parties gives n(n-1)/2 edges, and each costs about 2 KB in networkx, so 500 000 stay well
#: within 2 GiB (bench/hostile_network.py). One agreement of 10 000 parties would be 50 million.
MAX_PARTY_EDGES = 500_000
MAX_EDGES_ENV = "IOPKG_MAX_PARTY_EDGES"


def max_party_edges() -> int:
    """:data:`MAX_PARTY_EDGES`, or ``$IOPKG_MAX_PARTY_EDGES`` when set to a number."""
    try:
        return int(os.environ.get(MAX_EDGES_ENV, MAX_PARTY_EDGES))
    except ValueError:
        return MAX_PARTY_EDGES


def _check_clique_size(agreements: list[_Agreement], limit: int) -> None:
    total, largest = 0, None
    for a in agreements:
        n = len({p for p, _ in a.parties})
        total += n * (n - 1) // 2
        if largest is None or n > largest[1]:
            largest = (a.iri, n)
    if total > limit and largest is not None:
        raise ExportError(
            "--network parties",
            f"{total} co-party edges (agreement {largest[0]} has {largest[1]} parties, each pair "
            f"an edge) is more than the limit of {limit}; raise it with --max-edges N or "
            f"{MAX_EDGES_ENV} (about 2 KB of memory per edge), or use --network funding",
        )


Edge = tuple[str, str, str, dict[str, object]]


def build_network(
    store: ox.Store, kind: NetworkKind, *, lang: str = "en", max_edges: int | None = None
) -> nx.Graph:
    """Build one of the networks described in the module docstring.

    :param store: the dataset.
    :param kind: which network.
    :param lang: language of the labels.
    :param max_edges: most co-party edges of the parties network (:func:`max_party_edges`
        when omitted).
    :raises ExportError: when the parties network would have more edges than that.
    """
    nodes = _node_attrs(store, lang)
    flows = funding_flows(store, lang=lang)
    graph: nx.Graph
    if kind is NetworkKind.FUNDING:
        graph = nx.MultiDiGraph(name="iopkg funding")
        edges = _funding_edges(store, flows, lang)
    elif kind is NetworkKind.PARTIES:
        graph = nx.MultiGraph(name="iopkg parties")
        edges = _party_edges(store, flows, lang, max_edges)
    else:
        graph = nx.MultiGraph(name="iopkg municipalities")
        edges = _municipality_edges(store, flows, nodes, lang)
    used = sorted({n for u, v, _, _ in edges for n in (u, v)})
    for n in used:
        attrs = dict(nodes.get(n, {"label": n, "type": "", "iri": n}))
        if kind is NetworkKind.MUNICIPALITIES:
            attrs["bipartite"] = 0 if attrs["type"] in _PLACES else 1
        graph.add_node(n, **attrs)
    for u, v, key, attrs in sorted(edges, key=lambda e: (e[0], e[1], e[2])):
        graph.add_edge(u, v, key=key, **attrs)
    return graph


def _funding_edges(store: ox.Store, flows: list[FundingFlow], lang: str) -> list[Edge]:
    """Money (with amounts) and help in kind, from giver to recipient."""
    edges: list[Edge] = [
        (f.funder, f.recipient, f.iri, _money_attrs(f)) for f in flows if f.funder and f.recipient
    ]
    for c in in_kind(store, lang=lang):
        if c.giver and c.recipient:
            attrs: dict[str, object] = {
                "kind": "in-kind",
                "label": c.label,
                "flow": c.iri,
                "inkind_type": curie(c.kind) if c.kind else "",
            }
            if c.agreement:
                attrs["agreement"] = c.agreement
            if c.start:
                attrs["start_date"] = c.start.isoformat()
            if c.end:
                attrs["end_date"] = c.end.isoformat()
            edges.append((c.giver, c.recipient, c.iri, attrs))
    return edges


def _money_attrs(f: FundingFlow) -> dict[str, object]:
    attrs: dict[str, object] = {
        "kind": "funding",
        "label": f.label,
        "flow": f.iri,
        "amount_sek": f.amount_sek,
        "weight": f.amount_sek,
    }
    if f.agreement:
        attrs["agreement"] = f.agreement
    if f.fixed_amount_sek is not None:
        attrs["fixed_amount_sek"] = f.fixed_amount_sek
    if f.rate_per_year_sek is not None:
        attrs["rate_per_year_sek"] = f.rate_per_year_sek
    if f.start:
        attrs["start_date"] = f.start.isoformat()
    if f.end:
        attrs["end_date"] = f.end.isoformat()
    if f.source_of_funds:
        attrs["source_of_funds"] = curie(f.source_of_funds)
    return attrs


def _party_edges(
    store: ox.Store, flows: list[FundingFlow], lang: str, max_edges: int | None = None
) -> list[Edge]:
    """One edge per agreement between each two of its parties (refused above ``max_edges``)."""
    edges: list[Edge] = []
    sek = _sek_by_agreement(flows)
    agreements = _agreements(store, lang)
    _check_clique_size(agreements, max_party_edges() if max_edges is None else max_edges)
    for a in agreements:
        roles = dict(sorted(a.parties))
        for x, y in combinations(sorted(roles), 2):
            attrs = _edge_common(a, sek)
            attrs.update(source_role=roles[x], target_role=roles[y])
            edges.append((x, y, f"{a.iri}|{x}|{y}", attrs))
    return edges


def _municipality_edges(
    store: ox.Store, flows: list[FundingFlow], nodes: dict[str, dict[str, str]], lang: str
) -> list[Edge]:
    """One edge per agreement from its municipality to each organisation involved in it."""
    edges: list[Edge] = []
    sek = _sek_by_agreement(flows)
    involved: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for a in _agreements(store, lang):
        for party, role in a.parties:
            involved[a.iri][party].add(role)
    for f in flows:
        if f.agreement and f.funder:
            involved[f.agreement][f.funder].add("funder")
    for c in in_kind(store, lang=lang):
        if c.agreement and c.giver and nodes.get(c.giver, {}).get("type") != "iop:Activity":
            involved[c.agreement][c.giver].add("giver")
    for a in _agreements(store, lang):
        if not a.municipality:
            continue
        for org, roles in sorted(involved[a.iri].items()):
            if nodes.get(org, {}).get("type") in _PLACES:
                continue
            attrs = _edge_common(a, sek)
            attrs["roles"] = " ; ".join(sorted(roles))
            edges.append((a.municipality, org, f"{a.iri}|{org}", attrs))
    return edges
