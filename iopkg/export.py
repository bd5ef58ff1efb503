"""RDF exports: the same graph always gives the same bytes.

How the output is made deterministic:

- blank nodes are relabelled canonically: each gets ``_:b`` and a hash of what it says (its
  outgoing triples, recursively through nested blank nodes) and of where it hangs (the subjects
  and predicates pointing at it), so a label does not depend on parse order;
- statements are sorted (graph, subject, ``rdf:type`` first then predicate, object) and written
  by Oxigraph's serialisers with the prefixes of :data:`iopkg.namespaces.PREFIXES`; for the
  triple formats the sort runs over N-Triples lines dumped by Oxigraph (a line's bytes order
  as its terms do, see :func:`canonical_ntriples`), so that millions of triples never become
  Python objects;
- JSON-LD is compacted by rdflib with the shipped context (:data:`CONTEXT_FILE`), its ``@graph``
  sorted by ``@id`` and keys sorted.

Triple formats (Turtle, N-Triples, JSON-LD, RDF/XML) hold the union of all files. Quad formats
(N-Quads, TriG) keep one named graph per source file, named by :func:`iopkg.graph.graph_name`
(``graph:ontology/iop``, ``graph:data/agreements/lund-radrum-2019``, ...).

>>> from iopkg.graph import load_dataset
>>> data = export_rdf(load_dataset(), RdfFormat.NQUADS)
>>> data == export_rdf(load_dataset(), RdfFormat.NQUADS)
True
>>> b"<https://w3id.org/iopkg/graph/data/decisions>" in data
True
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyoxigraph as ox

from iopkg.export_jsonld import jsonld_bytes
from iopkg.formats import RdfFormat
from iopkg.graph import Project, load_dataset
from iopkg.io import write_bytes_atomic
from iopkg.namespaces import IOP, PREFIXES
from iopkg.progress import progress

#: The JSON-LD context shipped with the package: the ontology's terms as short keys.
CONTEXT_FILE = Path(__file__).resolve().parent / "context" / "iop.context.jsonld"

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_OWL = "http://www.w3.org/2002/07/owl#"


def canonical_quads(store: ox.Store, *, keep_graphs: bool) -> list[ox.Quad]:
    """The statements of ``store`` with canonical blank node labels, sorted.

    :param store: the dataset.
    :param keep_graphs: keep graph names; otherwise all go to the default graph (deduplicated).

    >>> def one():
    ...     s = ox.Store()
    ...     s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.BlankNode()))
    ...     return canonical_quads(s, keep_graphs=False)[0].object
    >>> one() == one()  # fresh blank nodes, same label
    True
    """
    quads = {
        q if keep_graphs else ox.Quad(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, None)
    }
    labels = _blank_labels(quads)

    def relabel(term):
        return ox.BlankNode(labels[term]) if isinstance(term, ox.BlankNode) else term

    out = [
        ox.Quad(relabel(q.subject), q.predicate, relabel(q.object), q.graph_name) for q in quads
    ]
    out.sort(key=_sort_key)
    return out


def _sort_key(q: ox.Quad) -> tuple[str, str, int, str, str]:
    graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
    return (graph, str(q.subject), 0 if q.predicate == _RDF_TYPE else 1, str(q.predicate),
            str(q.object))


def _blank_labels(quads: Iterable[ox.Quad]) -> dict[ox.BlankNode, str]:
    out_edges: dict[ox.BlankNode, list[ox.Quad]] = defaultdict(list)
    in_edges: dict[ox.BlankNode, list[ox.Quad]] = defaultdict(list)
    blanks: set[ox.BlankNode] = set()
    for q in quads:
        if isinstance(q.subject, ox.BlankNode):
            out_edges[q.subject].append(q)
            blanks.add(q.subject)
        if isinstance(q.object, ox.BlankNode):
            in_edges[q.object].append(q)
            blanks.add(q.object)
    memo: dict[ox.BlankNode, str] = {}

    def outgoing(b: ox.BlankNode, seen: frozenset) -> str:
        if b in memo:
            return memo[b]
        if b in seen:
            return "cycle"
        parts = sorted(
            f"{q.graph_name} {q.predicate} "
            + (f"[{outgoing(q.object, seen | {b})}]" if isinstance(q.object, ox.BlankNode)
               else str(q.object))
            for q in out_edges[b]
        )
        memo[b] = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return memo[b]

    signatures: dict[ox.BlankNode, str] = {}
    for b in blanks:
        incoming = sorted(
            f"{q.graph_name} "
            + (f"[{outgoing(q.subject, frozenset())}]" if isinstance(q.subject, ox.BlankNode)
               else str(q.subject))
            + f" {q.predicate}"
            for q in in_edges[b]
        )
        full = outgoing(b, frozenset()) + "\n" + "\n".join(incoming)
        signatures[b] = hashlib.sha256(full.encode()).hexdigest()[:16]
    labels: dict[ox.BlankNode, str] = {}
    by_sig: dict[str, list[ox.BlankNode]] = defaultdict(list)
    for b, sig in signatures.items():
        by_sig[sig].append(b)
    for sig, nodes in by_sig.items():
        # Equal signatures: the nodes are interchangeable, so any order gives the same output.
        for i, b in enumerate(sorted(nodes, key=lambda n: n.value)):
            labels[b] = f"b{sig}" if len(nodes) == 1 else f"b{sig}x{i}"
    return labels


def build_context(store: ox.Store) -> dict[str, object]:
    """The JSON-LD context: the project's prefixes and every ``iop:`` term as a short key.

    Object properties get ``"@type": "@id"`` so that their values compact to plain IRIs.

    :param store: a store holding the ontology.

    >>> from iopkg.graph import load_store
    >>> ctx = build_context(load_store(paths=[]))["@context"]
    >>> ctx["Agreement"], ctx["publicParty"]["@type"]
    ('iop:Agreement', '@id')
    """
    terms: dict[str, object] = {p: str(ns) for p, ns in PREFIXES.items()}
    query = """SELECT DISTINCT ?term ?kind { ?term a ?kind
        FILTER(?kind IN (owl:Class, owl:ObjectProperty, owl:DatatypeProperty,
                         owl:AnnotationProperty, rdf:Property))
        FILTER(STRSTARTS(STR(?term), STR(iop:))) }"""
    prefixes = {"owl": _OWL, "rdf": str(PREFIXES["rdf"]), "iop": str(IOP)}
    for row in store.query(query, prefixes=prefixes):
        name = row["term"].value[len(str(IOP)):]
        if row["kind"].value == _OWL + "ObjectProperty":
            terms[name] = {"@id": f"iop:{name}", "@type": "@id"}
        elif name not in terms:
            terms[name] = f"iop:{name}"
    return {"@context": dict(sorted(terms.items()))}


def load_context() -> dict[str, object]:
    """The shipped JSON-LD context (the inner object of its ``@context``).

    >>> load_context()["iop"]
    'https://w3id.org/iopkg/def#'
    """
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def canonical_ntriples(store: ox.Store) -> bytes:
    """The triples of all graphs of ``store`` as sorted N-Triples, blank nodes labelled as by
    :func:`canonical_quads` (the same bytes as serialising its triples).

    The lines are dumped by Oxigraph and sorted as bytes: the subject, predicate and object of a
    line end with a space or `` .``, which sorts before any character that can follow a
    complete term, so bytes order as ``(subject, predicate, object)``. ``rdf:type`` statements
    are put first by writing their predicate as ``!`` while sorting. Only lines that mention a
    blank node go through Python terms, to be relabelled.

    :param store: the dataset.

    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.BlankNode()))
    >>> canonical_ntriples(s) == ox.serialize([q.triple for q in canonical_quads(
    ...     s, keep_graphs=False)], format=ox.RdfFormat.N_TRIPLES)
    True
    """
    nt = ox.RdfFormat.N_TRIPLES
    graphs = [ox.DefaultGraph(), *store.named_graphs()]
    data = b"".join(store.dump(format=nt, from_graph=g) for g in graphs)
    lines = data.split(b"\n")
    del data  # at 100 000 agreements each copy is most of a gigabyte: drop them early
    lines.pop()  # after the last newline
    if len(graphs) > 1:
        lines = list(set(lines))
    blank = [line for line in lines if b"_:" in line]
    if blank:
        lines = [line for line in lines if b"_:" not in line]
        quads = [ox.Quad(q.subject, q.predicate, q.object)
                 for q in ox.parse(b"\n".join(blank) + b"\n", format=nt)]
        labels = _blank_labels(quads)

        def relabel(term):
            return ox.BlankNode(labels[term]) if isinstance(term, ox.BlankNode) else term

        lines += ox.serialize([ox.Triple(relabel(q.subject), q.predicate, relabel(q.object))
                               for q in quads], format=nt).split(b"\n")[:-1]
    text = b"\n".join(lines)
    del lines
    text = _TYPE_LINE.sub(rb"\1 ! ", text)
    lines = text.split(b"\n")
    del text
    lines.sort()
    lines.append(b"")
    text = b"\n".join(lines)
    del lines
    return _TYPE_MARK.sub(rb"\1 " + str(_RDF_TYPE).encode() + b" ", text)


_TYPE_LINE = re.compile(rb"^(\S+) <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> ", re.M)
_TYPE_MARK = re.compile(rb"^(\S+) ! ", re.M)


def export_rdf(store: ox.Store, fmt: RdfFormat) -> bytes:
    """Serialise ``store`` deterministically in ``fmt``.

    :param store: the dataset (named graphs are kept in N-Quads and TriG, merged otherwise).
    :param fmt: the format.
    """
    if fmt.is_quads:
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        return ox.serialize(canonical_quads(store, keep_graphs=True), format=fmt.ox,
                            prefixes=prefixes)
    return from_ntriples(canonical_ntriples(store), fmt)


def from_ntriples(lines: bytes, fmt: RdfFormat) -> bytes:
    """The triple format ``fmt`` of sorted N-Triples from :func:`canonical_ntriples` (so that
    several formats of one graph share one sort).

    :param lines: sorted canonical N-Triples.
    :param fmt: a triple format (not N-Quads or TriG).

    >>> line = b'<http://e/a> <http://e/p> "x" .' + bytes([10])
    >>> from_ntriples(line, RdfFormat.TURTLE).endswith(line)
    True
    """
    if fmt is RdfFormat.NTRIPLES:
        return lines
    if fmt is RdfFormat.JSONLD:
        return _jsonld(lines)
    triples = ox.parse(lines, format=ox.RdfFormat.N_TRIPLES)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    return ox.serialize((q.triple for q in triples), format=fmt.ox, prefixes=prefixes)


def _jsonld(lines: bytes) -> bytes:
    """JSON-LD of sorted N-Triples (:func:`canonical_ntriples`) with the shipped context.

    Blank node subjects sort last (``_`` after ``<``); they are read first, as nodes and lists
    of IRI subjects refer to them.
    """
    nt = ox.RdfFormat.N_TRIPLES
    cut = 0 if lines.startswith(b"_:") else lines.find(b"\n_:") + 1
    cut = cut if cut > 0 or lines.startswith(b"_:") else len(lines)
    context = load_context()
    id_terms = {k for k, v in context.items() if isinstance(v, dict) and v.get("@type") == "@id"}
    return jsonld_bytes((q.triple for q in ox.parse(lines[:cut], format=nt)), context, id_terms,
                        (q.triple for q in ox.parse(lines[cut:], format=nt)))


def export_to(
    output: str | Path,
    fmt: RdfFormat,
    *,
    paths: Sequence[Path] | None = None,
    include_personal_data: bool = False,
    project: Project | None = None,
    quiet: bool = False,
) -> int:
    """Load the dataset and write it to ``output`` (``-`` for standard output), atomically.

    :param output: the output file or ``-``.
    :param fmt: the format.
    :param paths: data files or folders; the project's ``data/`` when omitted.
    :param include_personal_data: also export names and e-mail addresses of persons.
    :param project: the project; the embedded default when omitted.
    :param quiet: no progress bars on stderr.
    :return: the number of bytes written.
    :raises DataLoadError: when an input cannot be read.
    :raises OutputError: when the output cannot be written.
    """
    store = load_dataset(paths, include_personal_data=include_personal_data, project=project,
                         quiet=quiet)
    with progress(f"Exporting {fmt.value}", total=1, quiet=quiet) as advance:
        data = export_rdf(store, fmt)
        advance(1)
    write_bytes_atomic(output, data)
    return len(data)
