"""Deterministic dumps of a graph: the same graph gives the same bytes.

Blank nodes get labels computed from their surroundings (a few rounds of hashing over their
triples, as in colour refinement), and triples are written in sorted N-Triples order.
:func:`write_dump` is the one seam through which publication writes dumps: when ``iopkg.export``
lands, its body becomes a call to it.

>>> import pyoxigraph as ox
>>> s = ox.Store()
>>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.BlankNode()))
>>> t = canonical_triples(s)[0].object
>>> t == canonical_triples(s)[0].object, len(t.value)
(True, 16)
"""

from __future__ import annotations

import gzip
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from iopkg.formats import RdfFormat
from iopkg.namespaces import PREFIXES
from iopkg.publish.files import atomic_write_bytes

_ROUNDS = 4


def _h(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def canonical_triples(store: ox.Store | Iterable[ox.Quad | ox.Triple]) -> list[ox.Triple]:
    """The triples of the default graph with stable blank-node labels, sorted.

    :param store: a store (its default graph) or any iterable of triples/quads.
    """
    quads = store.quads_for_pattern(None, None, None, ox.DefaultGraph()) if isinstance(
        store, ox.Store) else store
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    bnodes = {t for tr in triples for t in (tr.subject, tr.object) if isinstance(t, ox.BlankNode)}
    label = {b: "" for b in bnodes}
    for _ in range(_ROUNDS if bnodes else 0):
        sig: dict[ox.BlankNode, list[str]] = defaultdict(list)
        for tr in triples:
            s, o = tr.subject, tr.object
            s_txt = f"_:{label[s]}" if s in label else str(s)
            o_txt = f"_:{label[o]}" if o in label else str(o)
            if s in label:
                sig[s].append(f"> {tr.predicate} {o_txt}")
            if o in label:
                sig[o].append(f"< {s_txt} {tr.predicate}")
        label = {b: _h("\n".join(sorted(sig[b]))) for b in bnodes}
    seen: dict[str, int] = defaultdict(int)
    final: dict[ox.BlankNode, ox.BlankNode] = {}
    for b in sorted(bnodes, key=lambda b: label[b]):
        n = seen[label[b]]
        seen[label[b]] += 1
        final[b] = ox.BlankNode(label[b] + (f"x{n}" if n else ""))
    out = [ox.Triple(final.get(t.subject, t.subject), t.predicate, final.get(t.object, t.object))
           for t in triples]
    return sorted(set(out), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def serialize(store: ox.Store, fmt: RdfFormat) -> bytes:
    """The default graph of ``store`` in ``fmt``, deterministically.

    :param store: the graph.
    :param fmt: a triple format (Turtle, N-Triples, JSON-LD, RDF/XML).

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    >>> serialize(s, RdfFormat.NTRIPLES)
    b'<http://e/a> <http://e/p> "x" .\\n'
    """
    triples = canonical_triples(store)
    if fmt is RdfFormat.NTRIPLES:
        return "".join(f"{t} .\n" for t in triples).encode("utf-8")
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()} if fmt in (
        RdfFormat.TURTLE, RdfFormat.TRIG, RdfFormat.RDFXML) else None
    return ox.serialize(triples, format=fmt.ox, prefixes=prefixes)


def write_dump(store: ox.Store, fmt: RdfFormat, path: Path) -> None:
    """Write the default graph of ``store`` to ``path`` in ``fmt``, atomically, deterministically.

    A ``.gz`` suffix on ``path`` gzips the output (with a zero timestamp, so bytes are stable).

    :param store: the graph.
    :param fmt: the RDF format.
    :param path: the file to write.
    :raises PublishError: when the file cannot be written.
    """
    data = serialize(store, fmt)
    if path.suffix == ".gz":
        data = gzip.compress(data, mtime=0)
    atomic_write_bytes(path, data)
