"""The JSON-LD dump, written node by node from sorted triples.

The output is what rdflib's JSON-LD serialiser gives with the shipped context (terms compacted
by rdflib's own :class:`~rdflib.plugins.shared.jsonld.context.Context`, native booleans and
numbers, one ``@graph`` of flat nodes, blank nodes as their own nodes, ``rdf:List`` as
``@list``), then nodes sorted by ``@id``, arrays and keys sorted (see
:mod:`iopkg.export.rdf`). It is
built here without an rdflib graph: each subject's node is made from its own triples (the input
is sorted by subject) and written to text at once, so memory holds text, not a graph.

>>> import io, pyoxigraph as ox
>>> t = ox.Triple(ox.NamedNode("https://w3id.org/iopkg/id/a"),
...               ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), ox.Literal("A"))
>>> out = io.BytesIO()
>>> write_jsonld([t], {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}, set(), out)
>>> doc = json.loads(out.getvalue())
>>> doc["@graph"]
[{'@id': 'https://w3id.org/iopkg/id/a', 'rdfs:label': 'A'}]
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from itertools import groupby
from json.encoder import encode_basestring as _ENC_STR  # the C encoder when built
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Literal, URIRef
from rdflib.plugins.shared.jsonld.context import UNDEF, Context

from iopkg.namespaces import RDF, XSD

_RDF, _XSD = str(RDF), str(XSD)
_TYPE, _FIRST, _REST, _NIL, _LIST = (_RDF + n for n in ("type", "first", "rest", "nil", "List"))
#: Datatypes written as native JSON values (rdflib's ``PLAIN_LITERAL_TYPES``; xsd:string
#: literals are plain strings anyway).
_NATIVE = {_XSD + "boolean", _XSD + "integer", _XSD + "double"}

Term = ox.NamedNode | ox.BlankNode | ox.Literal
_XSD_STRING = _XSD + "string"
_DELIMS = ("#", "/", ":")  # rdflib's VOCAB_DELIMS, in its order
_MISSING = object()
#: At most this many namespaces and native literals are memoised (amounts vary, years recur).
_MEMO = 100_000


class _Writer:
    """Makes the node of each subject as rdflib's ``Converter`` does, with memoised term
    lookups (a handful of predicates and datatypes recur millions of times)."""

    def __init__(
        self,
        context: dict[str, object],
        id_terms: set[str],
        blank: dict[Term, list[tuple[ox.NamedNode, Term]]],
    ):
        self.ctx = Context(context)
        self.id_terms = id_terms
        self.blank = blank  # the triples of every blank node subject
        self.lists = {b for b, pairs in blank.items() if any(p.value == _FIRST for p, _ in pairs)}
        self._keys: dict[tuple[str, str | None, str | None, bool], tuple[str, bool]] = {}
        self._symbols: dict[str, str] = {}
        self._base = self.ctx.base  # none in the shipped context: see :meth:`shrink`
        self._prefix: dict[str, object] = {}
        self._natives: dict[tuple[str, str], object] = {}

    def key(self, p: str, o: Term) -> tuple[str, bool]:
        """The key of predicate ``p`` for object ``o``, and whether ``o`` is a type symbol."""
        is_lit = isinstance(o, ox.Literal)
        dt = o.datatype.value if is_lit and not o.language else None  # type: ignore[union-attr]
        dt = None if dt == _XSD + "string" else dt
        lang = o.language if is_lit else None  # type: ignore[union-attr]
        is_list = not is_lit and o in self.lists
        cache = (p, dt, lang, bool(is_list)) if is_lit else (p, "@iri", None, bool(is_list))
        found = self._keys.get(cache)
        if found is None:
            found = self._find_key(p, is_lit, dt, lang, bool(is_list), o)
            self._keys[cache] = found
        return found

    def _find_key(
        self, p: str, is_lit: bool, dt: str | None, lang: str | None, is_list: bool, o: Term
    ) -> tuple[str, bool]:
        ctx = self.ctx
        if is_lit:
            term = ctx.find_term(p, dt, language=lang)
        else:
            term = None
            for container in ["@list", None] if is_list else [None]:
                for coercion in ("@id", "@vocab", UNDEF):
                    term = ctx.find_term(p, coercion, container)
                    if term:
                        break
                if term:
                    break
        if term:
            return term.name, False
        key = ctx.to_symbol(p)
        if p == _TYPE:
            return ctx.type_key, True
        return key, False

    def symbol(self, iri: str) -> str:
        found = self._symbols.get(iri)
        if found is None:
            found = self._symbols[iri] = self.ctx.to_symbol(iri)
        return found

    def raw(self, o: Term, made: list[Term]) -> object:
        """rdflib's ``to_raw_value``; blank nodes met are appended to ``made``."""
        kind = type(o)
        if kind is ox.Literal:
            if o.language:  # type: ignore[union-attr]
                return {"@language": o.language, "@value": o.value}  # type: ignore[union-attr]
            dt = o.datatype.value  # type: ignore[union-attr]
            if dt == _XSD_STRING:
                return o.value
            if dt in _NATIVE:
                return self.native(o.value, dt)
            return {"@type": self.symbol(dt), "@value": o.value}
        if (o.value == _NIL and kind is ox.NamedNode) or (kind is ox.BlankNode and o in self.lists):
            items = self.collection(o)
            if items is not None:
                return {"@list": [self.raw(i, made) for i in items]}
        if kind is ox.BlankNode:
            made.append(o)
            return {"@id": f"_:{o.value}"}
        return {"@id": self.shrink(o.value)}

    def shrink(self, iri: str) -> str:
        """rdflib's ``Context.shrink_iri`` (the IRI split at its last ``#``, ``/`` or ``:``, the
        namespace replaced by its prefix), with the prefix of each namespace memoised: rdflib's
        split and lookup were a twentieth of the JSON-LD dump's time."""
        if self._base:
            return self.ctx.shrink_iri(iri)
        for delim in _DELIMS:
            at = iri.rfind(delim)
            if at > -1:
                ns, name = iri[: at + 1], iri[at + 1 :]
                break
        else:
            return self.ctx.shrink_iri(iri)
        prefix = self._prefix.get(ns, _MISSING)
        if prefix is _MISSING:
            shrunk = self.ctx.shrink_iri(iri)
            prefix = shrunk[: len(shrunk) - len(name) - 1] if shrunk != iri else None
            if len(self._prefix) < _MEMO:
                self._prefix[ns] = prefix
        return f"{prefix}:{name}" if prefix else iri

    def native(self, text: str, datatype: str) -> object:
        """A boolean, integer or double literal as rdflib's ``toPython`` gives it, the text when
        ill-typed; memoised (years, amounts and flags recur)."""
        key = (text, datatype)
        found = self._natives.get(key, _MISSING)
        if found is _MISSING:
            value = Literal(text, datatype=URIRef(datatype), normalize=False).toPython()
            found = str(value) if isinstance(value, Literal) else value  # ill-typed: text
            if len(self._natives) < _MEMO:
                self._natives[key] = found
        return found

    def collection(self, o: Term) -> list[Term] | None:
        items: list[Term] = []
        chain = {o}
        while True:
            if isinstance(o, ox.NamedNode):
                return items if o.value == _NIL else None
            first = rest = None
            for p, v in self.blank.get(o, []):
                if first is None and p.value == _FIRST:
                    first = v
                elif rest is None and p.value == _REST:
                    rest = v
                elif p.value != _TYPE or v.value != _LIST:
                    return None
            items.append(first)  # type: ignore[arg-type]
            if rest is None or rest in chain:
                return None
            chain.add(rest)
            o = rest

    def node(
        self, s: Term, pairs: Iterable[tuple[ox.NamedNode, Term]], made: list[Term]
    ) -> tuple[str, dict[str, object]]:
        """rdflib's ``process_subject`` and ``add_to_node`` for one subject."""
        node_id = self.shrink(s.value) if isinstance(s, ox.NamedNode) else f"_:{s.value}"
        node: dict[str, object] = {"@id": node_id}
        for p, o in pairs:
            key, is_type = self.key(p.value, o)
            if key in self.id_terms and isinstance(o, ox.Literal):
                value = self.value_object(o)  # written plain, the context would make it an IRI
            elif is_type and isinstance(o, ox.NamedNode):
                value = self.symbol(o.value)
            else:
                value = self.raw(o, made)
            if key in node:  # not `if node.get(key)`: "", 0 and false are values too
                old = node[key]
                node[key] = old + [value] if isinstance(old, list) else [old, value]
            else:
                node[key] = value
        return node_id, node

    def value_object(self, o: ox.Literal) -> dict[str, str]:
        """A literal as an explicit value object, whatever the term's coercion."""
        if o.language:
            return {"@language": o.language, "@value": o.value}
        dt = o.datatype.value
        if dt == _XSD + "string":
            return {"@value": o.value}
        return {"@type": self.symbol(dt), "@value": o.value}

    def text(self, node: dict[str, object]) -> str:
        """The node as it stands in the ``@graph`` array of the indented document."""
        parts = ["  "]
        _emit_sorted(_coerce_ids(node, self.id_terms), "\n  ", parts)
        return "".join(parts)


def write_jsonld(
    triples: Iterable[ox.Triple],
    context: dict[str, object],
    id_terms: set[str],
    out: BinaryIO,
    blank_triples: Iterable[ox.Triple] = (),
) -> None:
    """Write the JSON-LD document of ``triples`` with ``context`` to the binary file ``out``.

    Each node's text goes to a temporary file as it is made; only its ``@id`` and place are
    kept, then the nodes are copied to ``out`` in ``@id`` order. So memory holds the blank
    nodes' statements and that index, never the document.

    :param triples: triples whose subjects are IRIs, grouped by subject (as sorted N-Triples).
    :param context: the context to print (terms of ``id_terms`` are ``"@type": "@id"``).
    :param id_terms: the terms whose values are written as plain IRIs.
    :param out: a binary file open for writing.
    :param blank_triples: the triples whose subjects are blank nodes (held in memory: lists
        and nested nodes are resolved through them).
    :raises OSError: when the temporary file or ``out`` cannot be written.
    """
    plain = {
        k: (v["@id"] if k in id_terms else v)  # type: ignore[index]
        for k, v in context.items()
    }
    blank: dict[Term, list[tuple[ox.NamedNode, Term]]] = {}
    for t in blank_triples:
        blank.setdefault(t.subject, []).append((t.predicate, t.object))
    referenced = {o for pairs in blank.values() for _, o in pairs if isinstance(o, ox.BlankNode)}
    writer = _Writer(plain, id_terms, blank)
    index: list[tuple[str, int, int]] = []  # @id, offset and length of each node's text
    made: list[Term] = []
    with tempfile.TemporaryFile(prefix="iopkg-jsonld-", buffering=1 << 20) as spool:
        size = 0

        def put(s: Term, pairs: list[tuple[ox.NamedNode, Term]]) -> None:
            nonlocal size
            node_id, node = writer.node(s, pairs, made)
            data = writer.text(node).encode()
            index.append((node_id, size, len(data)))
            size += spool.write(data)

        for s, run in groupby(triples, key=lambda t: t.subject):
            put(s, [(t.predicate, t.object) for t in run])
        referenced.update(made)
        made += [b for b in blank if b not in referenced]
        done: set[Term] = set()
        while made:
            b = made.pop()
            if b not in done:
                done.add(b)
                put(b, blank.get(b, []))
        index.sort(key=lambda c: c[0])
        head = json.dumps(context, ensure_ascii=False, indent=1, sort_keys=True)
        out.write(f'{{\n "@context": {head.replace(chr(10), chr(10) + " ")},\n "@graph": '.encode())
        out.write(b"[\n" if index else b"[]")
        for i, (_, offset, length) in enumerate(index):
            spool.seek(offset)
            out.write(spool.read(length) + (b",\n" if i + 1 < len(index) else b"\n ]"))
        out.write(b"\n}\n")


def _coerce_ids(node: dict[str, object], id_terms: set[str]) -> dict[str, object]:
    """Write ``{"@id": x}`` values of ``@type: @id`` terms as plain ``x``, as the context says."""

    def plain(v: object) -> object:
        return v["@id"] if isinstance(v, dict) and list(v) == ["@id"] else v

    out: dict[str, object] = {}
    for k, v in node.items():
        if k in id_terms:
            v = [plain(x) for x in v] if isinstance(v, list) else plain(v)
        out[k] = v
    return out


def _sorted_values(value: object, key: str = "") -> object:
    """Sort JSON-LD arrays (sets of values), except the contents of ``@list``."""
    if isinstance(value, dict):
        return {k: _sorted_values(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_sorted_values(v) for v in value]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _emit_sorted(o: object, nl: str, parts: list[str], ordered: bool = False) -> None:
    """``_emit(_sorted_values(o), nl, parts)`` in one pass: arrays are sorted as they are
    written (not copied first), except the contents of ``@list`` (``ordered``)."""
    if type(o) is str:
        parts.append(_ENC_STR(o))
    elif isinstance(o, dict):
        _emit_dict(o, nl, parts, sets=True)
    elif isinstance(o, list):
        _emit_list(o if ordered else sorted(o, key=_set_key), nl, parts, sets=True)
    else:
        _emit(o, nl, parts)


def _set_key(v: object) -> str:
    """The sort key of a value in a JSON-LD array, as :func:`_sorted_values` orders it: the
    compact JSON text of the value with its own arrays sorted (a flat value needs no sorting)."""
    if isinstance(v, list) or (
        isinstance(v, dict) and any(isinstance(x, (list, dict)) for x in v.values())
    ):
        v = _sorted_values(v)
    return json.dumps(v, sort_keys=True, ensure_ascii=False)


_FLOAT_REPR = float.__repr__
_INT_REPR = int.__repr__
_CONSTANTS = {True: "true", False: "false", None: "null"}
_INF = float("inf")


def dumps_indent1(obj: object, margin: str = "") -> str:
    """``json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=True)`` with the same text, built
    directly: with ``indent`` the standard library falls back to its pure-Python encoder, which
    took a fifth of a resource page's time and a third of the JSON-LD dump's. For dicts with
    string keys, lists, strings, numbers, booleans and None (what the JSON-LD writers make).

    :param obj: the value.
    :param margin: put at the start of every line after the first (the text of a node inside
        an indented array).

    >>> doc = [{"b": [1, 2.5, True, None], "a": {"@value": "å\\n</"}}, [], {}]
    >>> dumps_indent1(doc) == json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True)
    True
    """
    parts: list[str] = []
    _emit(obj, "\n" + margin, parts)
    return "".join(parts)


def _emit(o: object, nl: str, parts: list[str]) -> None:
    if isinstance(o, str):
        parts.append(_ENC_STR(o))
    elif isinstance(o, dict):
        _emit_dict(o, nl, parts)
    elif isinstance(o, list):
        _emit_list(o, nl, parts)
    elif o is True or o is False or o is None:
        parts.append(_CONSTANTS[o])
    elif isinstance(o, int):
        parts.append(_INT_REPR(o))
    elif isinstance(o, float):
        parts.append(_float(o))
    else:
        raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def _emit_dict(o: dict, nl: str, parts: list[str], sets: bool = False) -> None:
    """A dict's text; with ``sets``, its arrays sorted as written (:func:`_emit_sorted`)."""
    if not o:
        parts.append("{}")
        return
    inner = nl + " "
    sep = "{" + inner
    for k in sorted(o):
        if not isinstance(k, str):
            raise TypeError("keys must be str")
        parts.append(sep)
        parts.append(_ENC_STR(k))
        parts.append(": ")
        if sets:
            _emit_sorted(o[k], inner, parts, k == "@list")
        else:
            _emit(o[k], inner, parts)
        sep = "," + inner
    parts.append(nl + "}")


def _emit_list(o: list, nl: str, parts: list[str], sets: bool = False) -> None:
    if not o:
        parts.append("[]")
        return
    inner = nl + " "
    sep = "[" + inner
    for v in o:
        parts.append(sep)
        if sets:
            _emit_sorted(v, inner, parts)
        else:
            _emit(v, inner, parts)
        sep = "," + inner
    parts.append(nl + "]")


def _float(o: float) -> str:
    if o != o:
        return "NaN"
    if o == _INF:
        return "Infinity"
    if o == -_INF:
        return "-Infinity"
    return _FLOAT_REPR(o)
