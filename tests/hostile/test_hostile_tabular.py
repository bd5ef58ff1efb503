"""Group 5 of issue 9, second half (property-based): CSV results, CSV tables and network files
keep every value, however hostile: quotes, commas, line breaks, tabs, leading ``=+-@``,
numbers as text, long and non-Latin strings. Values are written as they are: a leading ``=`` is
not neutralised (that would change the value), so open the files in a spreadsheet by importing
them as text. XML cannot hold most control characters: GraphML and GEXF exports refuse such a
value with an error naming it, never dropping it."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iopkg.errors import IopkgError
from iopkg.export.network_files import NetworkFormat, serialize_network
from iopkg.sparql.catalogue import QueryResult
from iopkg.sparql.output import OutputFormat, render, write_rows

#: Characters XML 1.0 cannot hold (besides surrogates).
XML_ILLEGAL = {chr(c) for c in range(0x20) if c not in (0x9, 0xA, 0xD)} | {"\ufffe", "\uffff"}
ODD = [
    '"',
    ",",
    "\n",
    "\r",
    "\r\n",
    "\t",
    ";",
    "=",
    "+",
    "-",
    "@",
    " ",
    "é",
    "å",
    "漢",
    "🙂",
    "\\",
    "'",
    "<",
    ">",
    "&",
    "\x00",
    "\x01",
    "\x1f",
    "\x7f",
    "\u2028",
]
hostile = st.one_of(
    st.lists(st.sampled_from(ODD) | st.text(max_size=3), max_size=12).map("".join),
    st.sampled_from(["=1+1", "+41", "-3", "@SUM(A1)", "007", "1e5", "NaN", "true", "null", ""]),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.text(min_size=5000, max_size=20000).filter(lambda s: True),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


def _literal(value: str, lang: bool) -> ox.Literal:
    return ox.Literal(value, language="sv") if lang else ox.Literal(value)


@SETTINGS
@given(st.lists(st.tuples(hostile, hostile, st.booleans()), min_size=1, max_size=8))
def test_query_results_keep_every_value(rows):
    result = QueryResult(("a", "b"), [(_literal(a, lang), ox.Literal(b)) for a, b, lang in rows])
    expected = [["a", "b"], *([a, b] for a, b, _ in rows)]
    assert list(csv.reader(io.StringIO(render(result, OutputFormat.csv), newline=""))) == expected
    buf = io.BytesIO()
    write_rows(result.columns, iter(result.rows), OutputFormat.csv, buf)
    assert list(csv.reader(io.StringIO(buf.getvalue().decode("utf-8"), newline=""))) == expected
    # TSV is for tools that split on tabs: a tab or line break in a value becomes a space.
    flat = [
        [c.replace("\t", " ").replace("\n", " ").replace("\r", " ") for c in r] for r in expected
    ]
    tsv = render(result, OutputFormat.tsv)
    assert list(csv.reader(io.StringIO(tsv, newline=""), delimiter="\t")) == flat
    assert [[r["a"], r["b"]] for r in json.loads(render(result, OutputFormat.json))] == expected[1:]
    lines = render(result, OutputFormat.jsonl).split("\n")[:-1]  # not splitlines: U+2028
    assert [[json.loads(x)["a"], json.loads(x)["b"]] for x in lines] == expected[1:]
    doc = json.loads(render(result, OutputFormat.sparql_json))
    back = [[b["a"]["value"], b["b"]["value"]] for b in doc["results"]["bindings"]]
    assert back == expected[1:]
    assert [b["a"].get("xml:lang") for b in doc["results"]["bindings"]] == [
        "sv" if lang else None for *_, lang in rows
    ]


def _network(edges) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="hostile")
    # Two parallel edges, so that the GraphML and GEXF readers give a multigraph back.
    g.add_nodes_from([("p", {"label": "p"}), ("q", {"label": "q"})])  # GEXF labels every node
    for key in ("parallel 1", "parallel 2"):
        g.add_edge("p", "q", key=key, label=key, amount_sek=1.5, year=2020, text="1.5")
    for i, (u, v, label, amount, year) in enumerate(edges):
        for n in (u, v):
            g.add_node(n, label=f"{n} {label}", iri=n, type="iop:Thing")
        g.add_edge(u, v, key=f"k{i}", label=label, amount_sek=amount, year=year, text=str(amount))
    return g


edge = st.tuples(
    hostile,
    hostile,
    hostile,
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**9), 10**9),
)


def _xml_safe(g: nx.Graph) -> bool:
    values = [
        *g.nodes,
        *(str(x) for _, d in g.nodes(data=True) for x in d.values()),
        *(str(x) for *_, d in g.edges(keys=True, data=True) for x in d.values()),
        *(k for *_, k in g.edges(keys=True)),
    ]
    return not any(ch in XML_ILLEGAL for value in values for ch in value)


#: The attributes networkx's Cytoscape reader adds to every node and edge.
CYTOSCAPE_NODE = {"id", "value", "name"}
CYTOSCAPE_EDGE = {"source", "target", "key"}


def _edges(g: nx.Graph, added: set[str] = frozenset()) -> list:
    return sorted(
        (str(u), str(v), str(k), sorted((a, x) for a, x in d.items() if a not in added))
        for u, v, k, d in g.edges(keys=True, data=True)
    )


def _nodes(g: nx.Graph, added: set[str] = frozenset()) -> list:
    return sorted(
        (str(n), sorted((a, x) for a, x in d.items() if a not in added))
        for n, d in g.nodes(data=True)
    )


@SETTINGS
@given(st.lists(edge, min_size=1, max_size=6))
def test_network_files_keep_every_value(edges):
    g = _network(edges)
    cyto = nx.cytoscape_graph(json.loads(serialize_network(g, NetworkFormat.CYTOSCAPE_JSON)))
    assert (_nodes(cyto, CYTOSCAPE_NODE), _edges(cyto, CYTOSCAPE_EDGE)) == (_nodes(g), _edges(g))
    link = json.loads(serialize_network(g, NetworkFormat.NODE_LINK_JSON))
    back = nx.node_link_graph(link, edges="edges")
    assert (_nodes(back), _edges(back)) == (_nodes(g), _edges(g))
    rows = list(
        csv.DictReader(
            io.StringIO(serialize_network(g, NetworkFormat.CSV_EDGES).decode("utf-8"), newline="")
        )
    )
    assert sorted(
        (r["source"], r["target"], r["key"], r["label"], r["text"], r["year"]) for r in rows
    ) == sorted(
        (str(u), str(v), k, d["label"], d["text"], str(d["year"]))
        for u, v, k, d in g.edges(keys=True, data=True)
    )
    assert all(
        float(r["amount_sek"]) == d["amount_sek"]
        for r, (*_, d) in zip(
            sorted(rows, key=lambda r: r["key"]),
            sorted(g.edges(keys=True, data=True), key=lambda e: e[2]),
            strict=True,
        )
    )
    for fmt, read in ((NetworkFormat.GRAPHML, nx.read_graphml), (NetworkFormat.GEXF, nx.read_gexf)):
        if not _xml_safe(g):
            with pytest.raises(IopkgError, match=f"{fmt.value}: .*cannot hold"):
                serialize_network(g, fmt)
            continue
        back = read(io.BytesIO(serialize_network(g, fmt)))
        added = {"id"} if fmt is NetworkFormat.GEXF else set()  # GEXF numbers its edges
        assert (_nodes(back), _edges(back, added)) == (_nodes(g), _edges(g)), fmt


#: Per CSV table: the column naming a row's resource, and the one showing its English label.
TABLE_LABELS = {
    "agreements.csv": ("agreement", "label"),
    "decisions.csv": ("decision", "label"),
    "funding-flows.csv": ("flow", "label"),
    "in-kind.csv": ("contribution", "label"),
    "parties.csv": ("party", "partyLabel"),
}


@pytest.fixture(scope="module")
def table_subjects(store):
    """For each table, a resource that has a row in it, read from a first export."""
    from iopkg.export.tables import csv_tables

    found = {}
    for name, data in csv_tables(store).items():
        key, column = TABLE_LABELS[name]
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
        found[name] = (key, rows[0][key], column)
    return found


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=hostile, excel=st.booleans())
def test_csv_tables_keep_every_value(table_subjects, value, excel):
    """Each table's label column gives back exactly the label put in the store."""
    from iopkg.export.tables import BOM, csv_tables
    from iopkg.graph import load_store

    store = load_store()
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for _, subject, _ in table_subjects.values():
        node = ox.NamedNode(subject)
        for q in list(store.quads_for_pattern(node, label, None)):
            if q.object.language == "en":
                store.remove(q)
        store.add(ox.Quad(node, label, ox.Literal(value, language="en")))
    for name, data in csv_tables(store, excel=excel).items():
        key, subject, column = table_subjects[name]
        text = data.decode("utf-8")
        assert text.startswith(BOM) == excel
        rows = list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))
        assert {r[column] for r in rows if r[key] == subject} == {value}, name
