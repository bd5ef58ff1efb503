"""RDF exports: the same graph always gives the same bytes.

How the output is made deterministic:

- blank nodes are relabelled canonically: each gets ``_:b`` and a hash of what it says (its
  outgoing triples, recursively through nested blank nodes) and of where it hangs (the subjects
  and predicates pointing at it), so a label does not depend on parse order;
- statements are sorted (graph, subject, ``rdf:type`` first then predicate, object) and written
  by Oxigraph's serialisers with the prefixes of :data:`iopkg.namespaces.PREFIXES`; the triple
  formats are generated one subject at a time (:func:`canonical_triples`) and streamed to the
  output, so that millions of triples are never held in memory as Python objects or text;
- JSON-LD is written node by node with the shipped context (:data:`CONTEXT_FILE`, see
  :mod:`iopkg.export.jsonld`), its ``@graph`` sorted by ``@id`` and keys sorted.

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
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import takewhile
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from iopkg.export.jsonld import write_jsonld
from iopkg.formats import RdfFormat
from iopkg.graph import Project, load_dataset
from iopkg.io import atomic_writer
from iopkg.namespaces import IOP, OWL, PREFIXES, RDF, XSD
from iopkg.progress import progress
from iopkg.xmlsafe import XmlCheckingWriter

#: The JSON-LD context shipped with the package: the ontology's terms as short keys.
CONTEXT_FILE = Path(__file__).resolve().parent / "context" / "iop.context.jsonld"

_RDF_TYPE = ox.NamedNode(str(RDF.type))
_XSD_STRING = str(XSD.string)
_OWL = str(OWL)
_TYPE_IRI = str(_RDF_TYPE)
Term = ox.NamedNode | ox.BlankNode | ox.Literal


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
    return canonical_order(
        q if keep_graphs else ox.Quad(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, None)
    )


def canonical_order(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """``quads`` deduplicated, with canonical blank node labels, sorted (graph, subject,
    ``rdf:type`` first, predicate, object): for statements that are not in a store (whose
    integer types Oxigraph would canonicalise to ``xsd:integer``).

    :param quads: the statements.

    >>> q = ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.BlankNode())
    >>> canonical_order([q, q])[0].object == canonical_order([q])[0].object
    True
    """
    quads = set(quads)
    relabel = _relabeller(quads)
    out = [ox.Quad(relabel(q.subject), q.predicate, relabel(q.object), q.graph_name) for q in quads]
    out.sort(key=_sort_key)
    return out


def _relabeller(quads: Iterable[ox.Quad]) -> Callable[[Term], Term]:
    """A function giving each blank node of ``quads`` its canonical label (:func:`blank_labels`)
    and leaving other terms as they are."""
    labels = {b: ox.BlankNode(label) for b, label in blank_labels(quads).items()}

    def relabel(term: Term) -> Term:
        return labels[term] if isinstance(term, ox.BlankNode) else term

    return relabel


def _sort_key(q: ox.Quad) -> tuple[str, str, int, str, str]:
    graph = "" if isinstance(q.graph_name, ox.DefaultGraph) else str(q.graph_name)
    return (
        graph,
        str(q.subject),
        0 if q.predicate == _RDF_TYPE else 1,
        str(q.predicate),
        str(q.object),
    )


def blank_labels(quads: Iterable[ox.Quad]) -> dict[ox.BlankNode, str]:
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
            + (
                f"[{outgoing(q.object, seen | {b})}]"
                if isinstance(q.object, ox.BlankNode)
                else str(q.object)
            )
            for q in out_edges[b]
        )
        memo[b] = hashlib.sha256("\n".join(parts).encode()).hexdigest()
        return memo[b]

    signatures: dict[ox.BlankNode, str] = {}
    for b in blanks:
        incoming = sorted(
            f"{q.graph_name} "
            + (
                f"[{outgoing(q.subject, frozenset())}]"
                if isinstance(q.subject, ox.BlankNode)
                else str(q.subject)
            )
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
        name = row["term"].value[len(str(IOP)) :]
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


def canonical_triples(store: ox.Store, order: CanonicalOrder | None = None) -> Iterator[ox.Triple]:
    """The triples of all graphs of ``store``, deduplicated, with canonical blank node labels,
    in canonical order: by subject, ``rdf:type`` first, then by predicate and object, each term
    compared as its N-Triples text (IRIs before blank nodes).

    The triples are generated one subject at a time, so a serialiser can stream them to a file:
    only the subjects (and the statements that mention a blank node, to label them) are held in
    memory, never the whole graph as Python objects or text.

    :param store: the dataset.
    :param order: :func:`canonical_subjects` of ``store``, when already known.

    >>> s = ox.Store()
    >>> e = "http://e/"
    >>> s.add(ox.Quad(ox.NamedNode(e + "b"), ox.NamedNode(e + "p"), ox.Literal("x")))
    >>> s.add(ox.Quad(ox.NamedNode(e + "a"), ox.NamedNode(e + "p"), ox.BlankNode()))
    >>> s.add(ox.Quad(ox.NamedNode(e + "a"), _RDF_TYPE, ox.NamedNode(e + "C")))
    >>> [str(t.predicate) for t in canonical_triples(s)]  # doctest: +NORMALIZE_WHITESPACE
    ['<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>', '<http://e/p>', '<http://e/p>']
    """
    relabel, subjects = order or canonical_subjects(store)
    for subject in subjects:
        yield from _subject_triples(store, subject, relabel)


#: The relabelling of blank nodes and the subjects in canonical order.
CanonicalOrder = tuple[Callable[[Term], Term], list[Term]]


def canonical_subjects(store: ox.Store) -> CanonicalOrder:
    """The relabelling of blank nodes and the subjects in canonical order (by their N-Triples
    text after relabelling, so IRIs come before blank nodes): computed once for several
    formats of one unchanged store (:func:`write_rdf`'s ``order``)."""
    relabel = _relabeller(
        {ox.Quad(row["s"], row["p"], row["o"]) for row in store.query(_BLANK_QUERY)}
    )
    subjects = [(str(relabel(row["s"])), row["s"]) for row in store.query(_SUBJECT_QUERY)]
    subjects.sort(key=lambda pair: pair[0])
    return relabel, [subject for _, subject in subjects]


def _sorted_pairs(
    store: ox.Store, subject: Term, relabel: Callable[[Term], Term]
) -> list[tuple[str, str, ox.NamedNode, Term]]:
    """The (predicate, object) pairs of one subject, relabelled and without repeats, in the
    canonical order (``rdf:type`` first, then by predicate and object), each after its sort key:
    the N-Triples texts of the predicate (``"!"`` for ``rdf:type``) and of the object."""
    pairs = {
        (q.predicate, relabel(q.object)) for q in store.quads_for_pattern(subject, None, None, None)
    }
    return sorted(
        ("!" if (p := str(pred)) == _TYPE_IRI else p, str(obj), pred, obj) for pred, obj in pairs
    )


def _subject_triples(
    store: ox.Store, subject: Term, relabel: Callable[[Term], Term]
) -> Iterator[ox.Triple]:
    """The triples of one subject, relabelled, ``rdf:type`` first, then by predicate and object."""
    new = relabel(subject)
    for _, _, pred, obj in _sorted_pairs(store, subject, relabel):
        yield ox.Triple(new, pred, obj)  # type: ignore[arg-type]


def _write_ntriples(store: ox.Store, out: BinaryIO, order: CanonicalOrder | None) -> None:
    """The lines of :func:`canonical_triples`, written as text: each term's N-Triples text is
    made for the sort anyway, and Oxigraph's serialiser writes the same text (making a triple per
    statement for it was a tenth of the dumps' time: 4.1 -> 2.7 s at 10 000 agreements)."""
    relabel, subjects = order or canonical_subjects(store)
    lines: list[str] = []
    for subject in subjects:
        s = str(relabel(subject))
        lines.extend(
            f"{s} {_TYPE_IRI if p == '!' else p} {o} .\n"
            for p, o, _, _ in _sorted_pairs(store, subject, relabel)
        )
        if len(lines) >= 4096:
            out.write("".join(lines).encode())
            lines.clear()
    out.write("".join(lines).encode())


_BLANK_QUERY = """SELECT DISTINCT ?s ?p ?o WHERE {
  { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER (isBlank(?s) || isBlank(?o)) }"""
_SUBJECT_QUERY = "SELECT DISTINCT ?s WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"


def write_rdf(
    store: ox.Store, fmt: RdfFormat, out: BinaryIO, order: CanonicalOrder | None = None
) -> int:
    """Serialise ``store`` deterministically in ``fmt`` into the binary file ``out``, streaming
    (JSON-LD holds the blank nodes' statements and an index of its nodes in memory).

    :param store: the dataset (named graphs are kept in N-Quads and TriG, merged otherwise).
    :param fmt: the format.
    :param out: a binary file open for writing.
    :param order: :func:`canonical_subjects` of ``store`` (unchanged since), when already known
        (the triple formats; quads are ordered per graph).
    :return: the number of bytes written.

    >>> import io
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    >>> buffer = io.BytesIO()
    >>> write_rdf(s, RdfFormat.NTRIPLES, buffer)
    32
    >>> buffer.getvalue()
    b'<http://e/a> <http://e/p> "x" .\\n'
    """
    counter = _Counting(out)
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    if fmt.is_quads:
        ox.serialize(
            canonical_quads(store, keep_graphs=True), counter, format=fmt.ox, prefixes=prefixes
        )
    elif fmt is RdfFormat.JSONLD:
        _jsonld(store, counter, order)
    elif fmt is RdfFormat.NTRIPLES:
        _write_ntriples(store, counter, order)
    else:
        ox.serialize(canonical_triples(store, order), counter, format=fmt.ox, prefixes=prefixes)
    return counter.count


def write_from_ntriples(source: Path, fmt: RdfFormat, out: BinaryIO) -> int:
    """Write the graph of an N-Triples file that :func:`write_rdf` wrote (canonical order and
    blank node labels) in the triple format ``fmt``: the same bytes as :func:`write_rdf` gives
    for the store, but the statements are parsed back by Oxigraph in the file's order instead
    of being read and sorted subject by subject in Python again (Turtle in a third of the time).

    :param source: the N-Triples file (from :func:`write_rdf`, so sorted by subject, blank node
        subjects last).
    :param fmt: Turtle, N-Triples or JSON-LD.
    :param out: a binary file open for writing.
    :return: the number of bytes written.
    :raises ValueError: for a quad format (the file holds no graph names).

    >>> import tempfile
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.BlankNode()))
    >>> nt = Path(tempfile.mkdtemp()) / "g.nt"
    >>> _ = nt.write_bytes(export_rdf(s, RdfFormat.NTRIPLES))
    >>> buffer = io.BytesIO()
    >>> _ = write_from_ntriples(nt, RdfFormat.TURTLE, buffer)
    >>> buffer.getvalue() == export_rdf(s, RdfFormat.TURTLE)
    True
    """
    if fmt.is_quads:
        raise ValueError(f"{fmt.value}: an N-Triples file has no graphs to write")
    counter = _Counting(out)

    def statements() -> Iterator[ox.Quad]:
        return ox.parse(path=str(source), format=ox.RdfFormat.N_TRIPLES)

    if fmt is RdfFormat.NTRIPLES:
        with source.open("rb") as f:
            while chunk := f.read(1 << 20):
                counter.write(chunk)
    elif fmt is RdfFormat.JSONLD:
        context = load_context()
        with source.open("rb") as tail:  # the blank node subjects, last in the file
            tail.seek(_blank_subjects_offset(source))
            write_jsonld(
                takewhile(lambda q: not isinstance(q.subject, ox.BlankNode), statements()),
                context,
                {k for k, v in context.items() if isinstance(v, dict) and v.get("@type") == "@id"},
                counter,
                ox.parse(tail, format=ox.RdfFormat.N_TRIPLES),
            )
    else:
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
        ox.serialize(statements(), counter, format=fmt.ox, prefixes=prefixes)
    return counter.count


def _blank_subjects_offset(path: Path, chunk: int = 1 << 22) -> int:
    """Where the first line with a blank node subject starts in a sorted N-Triples file (the
    file's size if there is none): in canonical order they come last (``_`` sorts after ``<``),
    so the JSON-LD writer reads them from there rather than parsing the whole file twice.
    Literals hold no raw line break in N-Triples, so a line start is a statement's start.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "g.nt"
    >>> _ = f.write_bytes(b'<http://e/a> <http://e/p> "_:x" .\\n_:b <http://e/p> "y" .\\n')
    >>> _blank_subjects_offset(f)
    34
    """
    with path.open("rb") as f:
        if f.read(2) == b"_:":
            return 0
        f.seek(0)
        offset, carry = 0, b""
        while data := f.read(chunk):
            window = carry + data  # a line break and "_:" may fall across chunks
            at = window.find(b"\n_:")
            if at > -1:
                return offset - len(carry) + at + 1
            carry = window[-2:]
            offset += len(data)
        return offset


class _Counting:
    """A binary file that counts the bytes written through it."""

    def __init__(self, out: BinaryIO) -> None:
        self.out, self.count = out, 0

    def write(self, data: bytes) -> int:
        self.count += len(data)
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def export_rdf(store: ox.Store, fmt: RdfFormat) -> bytes:
    """Serialise ``store`` deterministically in ``fmt`` (:func:`write_rdf`) to bytes.

    :param store: the dataset (named graphs are kept in N-Quads and TriG, merged otherwise).
    :param fmt: the format.
    """
    buffer = io.BytesIO()
    write_rdf(store, fmt, buffer)
    return buffer.getvalue()


def _jsonld(store: ox.Store, out: BinaryIO, order: CanonicalOrder | None = None) -> None:
    """Stream the JSON-LD of ``store`` (:func:`canonical_triples`) with the shipped context.

    The blank node subjects (last in canonical order) are read first: nodes and lists of IRI
    subjects refer to them.
    """
    relabel, subjects = order or canonical_subjects(store)
    cut = next((i for i, s in enumerate(subjects) if isinstance(s, ox.BlankNode)), len(subjects))
    context = load_context()
    id_terms = {k for k, v in context.items() if isinstance(v, dict) and v.get("@type") == "@id"}
    write_jsonld(
        (t for s in subjects[:cut] for t in _subject_triples(store, s, relabel)),
        context,
        id_terms,
        out,
        (t for s in subjects[cut:] for t in _subject_triples(store, s, relabel)),
    )


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
    store = load_dataset(
        paths, include_personal_data=include_personal_data, project=project, quiet=quiet
    )
    with (
        progress(f"Exporting {fmt.value}", total=1, quiet=quiet) as advance,
        atomic_writer(output) as out,
    ):
        if fmt is RdfFormat.RDFXML:  # a control character would make it unreadable
            out = XmlCheckingWriter(out, str(output))  # type: ignore[assignment]
        size = write_rdf(store, fmt, out)
        advance(1)
    return size
