"""Network files for Gephi, Cytoscape, yEd and scripts, written by networkx.

- ``graphml``: GraphML (yEd, Gephi, Cytoscape); edge keys as GraphML edge ids;
- ``gexf``: GEXF 1.2 (Gephi); the ``lastmodifieddate`` that networkx stamps is removed so that
  the same graph gives the same bytes; ``weight`` (SEK) is GEXF's edge weight;
- ``cytoscape-json``: Cytoscape.js / Cytoscape desktop JSON (``networkx.cytoscape_data``);
- ``node-link-json``: networkx node-link JSON (``networkx.node_link_data``, ``edges="edges"``);
- ``csv-edges``: one row per edge: ``source``, ``target``, ``key`` and every edge attribute
  (Gephi's spreadsheet import, spreadsheets).

>>> import networkx as nx
>>> g = nx.MultiDiGraph(); g.add_edge("a", "b", key="k", amount_sek=1.0)
'k'
>>> serialize_network(g, NetworkFormat.CSV_EDGES).decode().splitlines()
['source,target,key,amount_sek', 'a,b,k,1.0']
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

import networkx as nx

from iopkg.analysis.network import NetworkKind, build_network
from iopkg.errors import ExportError
from iopkg.graph import Project, load_store
from iopkg.io import write_bytes_atomic
from iopkg.progress import progress
from iopkg.sparql.output import csv_writer


class NetworkFormat(StrEnum):
    """A file format for networks."""

    GRAPHML = "graphml"
    GEXF = "gexf"
    CYTOSCAPE_JSON = "cytoscape-json"
    NODE_LINK_JSON = "node-link-json"
    CSV_EDGES = "csv-edges"

    @property
    def extension(self) -> str:
        """The usual file extension, without a dot."""
        return {"cytoscape-json": "cyjs", "node-link-json": "json", "csv-edges": "csv"}.get(
            self.value, self.value
        )


def serialize_network(graph: nx.Graph, fmt: NetworkFormat) -> bytes:
    """The network as bytes in ``fmt``; the same graph (built in the same order) gives the
    same bytes.

    :param graph: a networkx graph with string, int, float or bool attributes.
    :param fmt: the format.
    :raises ExportError: for GraphML or GEXF, when a node, key or value holds a character that
        XML 1.0 cannot hold (most control characters); the message names it.
    """
    if fmt in (NetworkFormat.GRAPHML, NetworkFormat.GEXF):
        _check_xml(graph, fmt)
    if fmt is NetworkFormat.GRAPHML:
        buf = io.BytesIO()
        nx.write_graphml(graph, buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue()
    if fmt is NetworkFormat.GEXF:
        buf = io.BytesIO()
        nx.write_gexf(graph, buf, encoding="utf-8", prettyprint=True, version="1.2draft")
        return _gexf_schema_valid(buf.getvalue())
    if fmt is NetworkFormat.CYTOSCAPE_JSON:
        return _json(nx.cytoscape_data(graph))
    if fmt is NetworkFormat.NODE_LINK_JSON:
        return _json(nx.node_link_data(graph, edges="edges"))
    return _csv_edges(graph)


def _gexf_schema_valid(data: bytes) -> bytes:
    """networkx's GEXF made valid against the GEXF 1.2draft schema, and reproducible.

    The schema allows no ``name`` on ``<graph>``: the graph's name moves to
    ``<meta><description>``; the write time (``lastmodifieddate``) is left out.

    >>> _gexf_schema_valid(b'<meta>\\n<creator>x</creator>\\n</meta><graph mode="static" name="n">')
    b'<meta>\\n<creator>x</creator><description>n</description>\\n</meta><graph mode="static">'
    """
    data = re.sub(rb' lastmodifieddate="[^"]*"', b"", data, count=1)
    found = re.search(rb'(<graph\b[^>]*?) name="([^"]*)"', data)
    if found is None:
        return data
    data = data[: found.start()] + found.group(1) + data[found.end() :]
    described = re.sub(
        rb"(</creator>)", rb"\1<description>" + found.group(2) + rb"</description>", data, count=1
    )
    return described


#: Characters XML 1.0 cannot hold, even escaped: C0 controls but tab, LF and CR; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _check_xml(graph: nx.Graph, fmt: NetworkFormat) -> None:
    """Refuse a graph that XML cannot hold, naming the first value, rather than drop it.

    >>> g = nx.Graph(); g.add_node("a", label="bell\x07")
    >>> _check_xml(g, NetworkFormat.GRAPHML)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    iopkg.errors.ExportError: graphml: label of node 'a' holds U+0007, which XML cannot hold; ...
    """
    edges = (
        list(graph.edges(keys=True, data=True))
        if graph.is_multigraph()
        else [(u, v, "", d) for u, v, d in graph.edges(data=True)]
    )
    places = [(f"node {n!r}", "id", n) for n in graph.nodes]
    places += [(f"node {n!r}", k, v) for n, d in graph.nodes(data=True) for k, v in d.items()]
    for u, v, key, d in edges:
        places += [(f"edge {u!r} -> {v!r}", k, x) for k, x in [("key", key), *d.items()]]
    places += [("graph", k, v) for k, v in graph.graph.items()]
    for where, name, value in places:
        found = _NOT_XML.search(str(value)) or _NOT_XML.search(str(name))
        if found:
            shown = where if len(where) < 120 else where[:117] + "..."
            raise ExportError(
                fmt.value,
                f"{name} of {shown} holds U+{ord(found.group()):04X}, "
                "which XML cannot hold; use -f node-link-json, cytoscape-json or "
                "csv-edges",
            )


def _json(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _csv_edges(graph: nx.Graph) -> bytes:
    rows = (
        list(graph.edges(keys=True, data=True))
        if graph.is_multigraph()
        else [(u, v, "", d) for u, v, d in graph.edges(data=True)]
    )
    names = sorted({k for *_, d in rows for k in d})
    buf = io.StringIO()
    write = csv_writer(buf)
    write(["source", "target", "key", *names])
    for u, v, key, d in rows:
        write([u, v, key, *("" if d.get(n) is None else d[n] for n in names)])
    return buf.getvalue().encode("utf-8")


def export_network(
    output: str | Path,
    kind: NetworkKind,
    fmt: NetworkFormat,
    *,
    paths: Sequence[Path] | None = None,
    lang: str = "en",
    project: Project | None = None,
    quiet: bool = False,
    max_edges: int | None = None,
) -> int:
    """Load the dataset, build a network and write it to ``output`` (``-``: standard output).

    :param output: the output file or ``-``.
    :param kind: which network.
    :param fmt: the file format.
    :param paths: data files or folders; the project's ``data/`` when omitted.
    :param lang: language of the labels.
    :param project: the project; the embedded default when omitted.
    :param quiet: no progress bars on stderr.
    :param max_edges: most co-party edges of the parties network (see ``build_network``).
    :return: the number of bytes written.
    :raises DataLoadError: when an input cannot be read.
    :raises OutputError: when the output cannot be written.
    """
    store = load_store(paths, project=project, quiet=quiet)
    with progress(f"Exporting the {kind.value} network", total=2, quiet=quiet) as advance:
        graph = build_network(store, kind, lang=lang, max_edges=max_edges)
        advance(1)
        data = serialize_network(graph, fmt)
        advance(2)
    write_bytes_atomic(output, data)
    return len(data)
