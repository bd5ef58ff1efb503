"""Networks: files read back with networkx to the same nodes, edges and attributes; analysis;
chart. GraphML and GEXF are checked as XML in their namespaces; validation against the published
XSDs is not done (the schemas could not be obtained offline with a licence to ship them)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import networkx as nx
import pytest
from lxml import etree
from typer.testing import CliRunner

from iopkg.analysis.network import NetworkKind, build_network
from iopkg.analysis.network_analysis import analyse
from iopkg.cli import app
from iopkg.export.network_files import NetworkFormat, serialize_network
from iopkg.graph import load_store

runner = CliRunner()
#: Fields the formats add on reading (ids, Cytoscape's name/value/source/target).
FORMAT_FIELDS = {"id", "key", "networkx_key", "name", "value", "source", "target"}
CSV_EDGE_FIELDS = {"source", "target", "key"}


def _read(data: bytes, fmt: NetworkFormat) -> nx.Graph:
    if fmt is NetworkFormat.GRAPHML:
        return nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    if fmt is NetworkFormat.GEXF:
        return nx.read_gexf(io.BytesIO(data))
    if fmt is NetworkFormat.CYTOSCAPE_JSON:
        return nx.cytoscape_graph(json.loads(data))
    if fmt is NetworkFormat.NODE_LINK_JSON:
        return nx.node_link_graph(json.loads(data), edges="edges")
    g = nx.MultiDiGraph()
    for row in csv.DictReader(io.StringIO(data.decode("utf-8"))):
        attrs = {
            k: (float(v) if k.endswith("_sek") or k == "weight" else v)
            for k, v in row.items()
            if v != "" and k not in CSV_EDGE_FIELDS
        }
        g.add_edge(row["source"], row["target"], key=row["key"], **attrs)
    return g


def _nodes(g):
    return sorted(
        (n, sorted((k, v) for k, v in d.items() if k not in FORMAT_FIELDS))
        for n, d in g.nodes(data=True)
    )


def _edges(g, directed):
    def ends(u, v):
        return (u, v) if directed else tuple(sorted((u, v)))

    return sorted(
        (*ends(u, v), sorted((k, x) for k, x in d.items() if k not in FORMAT_FIELDS))
        for u, v, d in g.edges(data=True)
    )


@pytest.fixture(scope="module")
def store():
    return load_store()


@pytest.mark.parametrize("kind", list(NetworkKind))
@pytest.mark.parametrize("fmt", list(NetworkFormat))
def test_network_files_read_back_with_networkx(store, kind, fmt):
    graph = build_network(store, kind)
    data = serialize_network(graph, fmt)
    back = _read(data, fmt)
    assert back.number_of_edges() == graph.number_of_edges()
    assert _edges(back, graph.is_directed()) == _edges(graph, graph.is_directed())
    if fmt is not NetworkFormat.CSV_EDGES:
        assert _nodes(back) == _nodes(graph)
        assert back.is_directed() == graph.is_directed()
    assert data == serialize_network(build_network(load_store(), kind), fmt)


@pytest.mark.parametrize(
    "fmt, ns",
    [
        (NetworkFormat.GRAPHML, "http://graphml.graphdrawing.org/xmlns"),
        (NetworkFormat.GEXF, "http://www.gexf.net/1.2draft"),
    ],
)
def test_graphml_and_gexf_are_xml_in_their_namespace(store, fmt, ns):
    root = etree.fromstring(serialize_network(build_network(store, NetworkKind.FUNDING), fmt))
    assert root.tag == f"{{{ns}}}{fmt.value}"
    assert b"lastmodifieddate" not in serialize_network(nx.path_graph(2), NetworkFormat.GEXF)


def test_nodes_carry_label_type_codes_and_iri(store):
    g = build_network(store, NetworkKind.MUNICIPALITIES)
    lund = g.nodes["https://w3id.org/iopkg/id/municipality/1281"]
    assert lund["municipality_code"] == "1281" and lund["type"] == "iop:Municipality"
    vh = g.nodes["https://w3id.org/iopkg/id/org/vanskapens-hus"]
    assert vh["org_number"] == "845000-8175" and vh["iri"].endswith("vanskapens-hus")
    assert nx.is_bipartite(g)


def test_funding_edges_weigh_sek_and_rates_count_pro_rata(store):
    g = build_network(store, NetworkKind.FUNDING)
    edges = {k: d for *_, k, d in g.edges(keys=True, data=True)}
    kompis = edges["https://w3id.org/iopkg/id/flow/lund-kompis-sverige-2019"]
    days = (date(2019, 6, 30) - date(2019, 1, 1)).days + 1
    assert kompis["amount_sek"] == pytest.approx(kompis["rate_per_year_sek"] * days / 365)
    fixed = [d for d in edges.values() if "fixed_amount_sek" in d]
    assert all(d["amount_sek"] == d["fixed_amount_sek"] == d["weight"] for d in fixed)
    in_kind = [d for d in edges.values() if d["kind"] == "in-kind"]
    query = "SELECT ?c { ?c a <https://w3id.org/iopkg/def#InKindContribution> }"
    assert len(in_kind) == len(list(store.query(query)))
    assert all(d["inkind_type"].startswith("vocab:") for d in in_kind)


def test_analysis_finds_an_organisation_in_two_municipalities(project, tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(
        """@prefix iop: <https://w3id.org/iopkg/def#> .
@prefix id: <https://w3id.org/iopkg/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
id:agreement\\/test-kompis-danderyd a iop:Agreement ; rdfs:label "Test"@en ;
  iop:publicParty id:municipality\\/0162 ; iop:ideaBasedParty id:org\\/kompis-sverige ;
  iop:municipality id:municipality\\/0162 .
""",
        encoding="utf-8",
    )
    # the register's five organisations in several municipalities or regions (identities.csv)
    register = {
        "Bräcke Diakoni",
        "Eskilstuna Stadsmission",
        "Fryshuset",
        "Individuell människohjälp (IM)",
        "Skåne Stadsmission",
    }
    report = analyse(load_store([project.data_dir, extra]))
    assert {o.label for o in report.multi_municipal} == register | {"Kompis Sverige"}
    kompis = next(o for o in report.multi_municipal if o.label == "Kompis Sverige")
    assert set(kompis.municipalities) == {"Danderyd Municipality", "Lund Municipality"}
    assert {o.label for o in analyse(load_store()).multi_municipal} == register
    skane = next(o for o in analyse(load_store()).multi_municipal if "Skåne" in o.label)
    assert "Region Skåne" in skane.municipalities  # a region counts as a place


def test_centrality_and_largest_funders(seed_store):
    store = seed_store  # the documents' network, where Lund's administration is the hub
    report = analyse(store)
    top = report.centrality[0]
    assert top.iri.endswith("lund-socialforvaltningen") and top.betweenness > 0
    partners = {
        r[0].value
        for r in store.query(
            "SELECT DISTINCT ?p { ?a <https://w3id.org/iopkg/def#publicParty>|"
            "<https://w3id.org/iopkg/def#ideaBasedParty>|"
            "<https://w3id.org/iopkg/def#contributingUnit> "
            "<https://w3id.org/iopkg/id/unit/lund-socialforvaltningen> , ?p }"
        )
    } - {top.iri}
    assert top.degree == len(partners)
    flows = build_network(store, NetworkKind.FUNDING)
    total = sum(d["amount_sek"] for *_, d in flows.edges(data=True) if d["kind"] == "funding")
    assert sum(m.amount_sek for m in report.funders) == pytest.approx(total)
    assert report.funders == tuple(sorted(report.funders, key=lambda m: -m.amount_sek))


@pytest.mark.parametrize("name, magic", [("f.png", b"\x89PNG"), ("f.svg", b"<svg")])
def test_network_command_prints_report_and_draws_chart(tmp_path, name, magic):
    out = tmp_path / name
    result = runner.invoke(app, ["network", "--chart", str(out)])
    assert result.exit_code == 0, result.output
    assert "Largest funders" in result.output and "betweenness" in result.output
    assert magic in out.read_bytes()[:400]


def test_chart_needs_png_or_svg(tmp_path):
    result = runner.invoke(app, ["network", "--chart", str(tmp_path / "f.gif")])
    assert result.exit_code == 2 and "Error: " in result.output


def test_export_network_cli(tmp_path):
    out = tmp_path / "parties.graphml"
    result = runner.invoke(app, ["export", "-f", "graphml", "--network", "parties", "-o", str(out)])
    assert result.exit_code == 0
    assert (
        nx.read_graphml(out).number_of_nodes()
        == build_network(load_store(), NetworkKind.PARTIES).number_of_nodes()
    )
    missing = runner.invoke(app, ["export", "-f", "gexf"])
    assert missing.exit_code == 2 and "needs --network" in missing.output
