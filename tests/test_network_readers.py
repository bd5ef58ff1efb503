"""Network files read by independent tools: GEXF validates against the official GEXF 1.2draft
schema (lxml), GraphML is read back by python-igraph with the same nodes, edges and attributes
(issue 22, point 6).

The schema is looked up beside the clone, as ``../shared/reference/gexf/1.2draft/gexf.xsd``
(CI puts ``shared/`` there)."""

from __future__ import annotations

import math
from pathlib import Path

import igraph
import pytest
from lxml import etree
from typer.testing import CliRunner

from iopkg.analysis.network import NetworkKind, build_network
from iopkg.cli import app
from iopkg.export.network_files import NetworkFormat, serialize_network

GEXF_XSD = Path(__file__).resolve().parents[2] / "shared" / "reference" / "gexf" / "1.2draft"


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    xsd = GEXF_XSD / "gexf.xsd"
    assert xsd.is_file(), f"the GEXF schema belongs at {xsd} (../shared/reference/gexf)"
    return etree.XMLSchema(etree.parse(str(xsd)))


@pytest.mark.parametrize("kind", list(NetworkKind))
def test_gexf_validates_against_the_gexf_schema(store, gexf_schema, kind):
    data = serialize_network(build_network(store, kind), NetworkFormat.GEXF)
    doc = etree.fromstring(data)
    assert gexf_schema.validate(doc), [str(e) for e in gexf_schema.error_log][:5]
    ns = {"g": "http://www.gexf.net/1.2draft"}
    assert doc.findtext("g:meta/g:description", namespaces=ns) == f"iopkg {kind.value}"
    assert doc.xpath("count(//g:node)", namespaces=ns) > 0


def test_gexf_from_the_cli_validates(tmp_path, gexf_schema):
    out = tmp_path / "funding.gexf"
    result = CliRunner().invoke(
        app, ["export", "-f", "gexf", "--network", "funding", "-o", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert gexf_schema.validate(etree.parse(str(out))), gexf_schema.error_log


@pytest.mark.parametrize("kind", list(NetworkKind))
def test_igraph_reads_the_graphml_back(store, tmp_path, kind):
    graph = build_network(store, kind)
    path = tmp_path / f"{kind.value}.graphml"
    path.write_bytes(serialize_network(graph, NetworkFormat.GRAPHML))
    read = igraph.Graph.Read_GraphML(str(path))
    assert read.vcount() == graph.number_of_nodes() > 0
    assert read.ecount() == graph.number_of_edges() > 0
    by_id = {v["id"]: v.attributes() for v in read.vs}
    assert set(by_id) == {str(n) for n in graph.nodes}
    for node, attrs in graph.nodes(data=True):
        theirs = by_id[str(node)]
        for key, value in attrs.items():
            assert theirs[key] == value, (node, key)
    edge_keys = {k for _, _, d in graph.edges(data=True) for k in d}
    assert edge_keys and edge_keys <= set(read.es.attributes())
    ours = sorted(
        (str(u), str(v), d.get("agreement", ""), float(d.get("amount_sek") or 0))
        for u, v, d in graph.edges(data=True)
    )
    names = read.vs["id"]
    theirs = sorted(
        (
            names[e.source],
            names[e.target],
            e["agreement"] or "",
            0.0 if e["amount_sek"] is None or math.isnan(e["amount_sek"]) else e["amount_sek"],
        )
        for e in read.es
    )
    if not graph.is_directed():  # an undirected edge may be read either way round
        ours = sorted((min(u, v), max(u, v), a, s) for u, v, a, s in ours)
        theirs = sorted((min(u, v), max(u, v), a, s) for u, v, a, s in theirs)
    assert theirs == ours
