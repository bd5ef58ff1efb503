"""What the resource pages show, read straight from the Oxigraph store.

Each lookup is an index access on the store (no SPARQL, no rdflib conversion per triple), labels
are memoised per term, and personal data is known from one scan, so writing N pages costs O(N).
Values are ordered as rdflib orders terms (blank nodes, then IRIs, then literals), as the pages
always were.

>>> from iopkg.graph import load_store
>>> site = Site(load_store(), {}, include_personal_data=False)
>>> site.label(ox.NamedNode("https://w3id.org/iopkg/def#Agreement"))
'IOP agreement'
>>> site.label(ox.NamedNode("https://schema.org/startDate"), "sv")
'startdatum'
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import groupby
from pathlib import Path

import pyoxigraph as ox
from oxrdflib._converter import from_ox

from iopkg.export.jsonld import dumps_indent1
from iopkg.export.rdf import blank_labels
from iopkg.namespaces import DCTERMS, ID, IOP, PROV, RDF, RDFS, SCHEMA, SKOS, VCARD, XSD, curie
from iopkg.publish.i18n import Lang, money, number

_DG = ox.DefaultGraph()
_RDF = str(RDF)
_XSD = str(XSD)
RDF_TYPE = ox.NamedNode(str(RDF.type))
DCT_SOURCE = ox.NamedNode(str(DCTERMS.source))
WAS_DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
PROV_VALUE = ox.NamedNode(str(PROV.value))
WAS_QUOTED_FROM = ox.NamedNode(str(PROV.wasQuotedFrom))
_LABELS = tuple(ox.NamedNode(str(i)) for i in (RDFS.label, SKOS.prefLabel, VCARD.fn, DCTERMS.title))
_HIDDEN = {WAS_DERIVED_FROM, RDF_TYPE, DCT_SOURCE}
_FIRST, _REST, _NIL = (ox.NamedNode(_RDF + n) for n in ("first", "rest", "nil"))
_ID = str(ID)
#: rdflib's order of term kinds (``rdflib.term._ORDERING``).
_RANK = {ox.BlankNode: 10, ox.NamedNode: 30, ox.Literal: 40}
#: Datatypes whose values JSON-LD writes as native JSON (as rdflib's serialiser does).
_NATIVE = {
    _XSD + "boolean": lambda v: v in ("true", "1"),
    _XSD + "integer": int,
    _XSD + "double": float,
    _XSD + "string": str,
}

SCHEMA_VALUE = ox.NamedNode(str(SCHEMA.value))
SCHEMA_CURRENCY = ox.NamedNode(str(SCHEMA.currency))
_NUMBERS = {_XSD + t for t in ("integer", "nonNegativeInteger", "positiveInteger", "int", "long")}
_DECIMALS = {_XSD + "decimal", _XSD + "double", _XSD + "float"}
_BOOLEANS = {Lang.sv: ("ja", "nej"), Lang.en: ("yes", "no")}
_UNITS = {"Y": ("år", "year", "years"), "M": ("mån.", "month", "months"), "D": ("d", "day", "days")}

Term = ox.NamedNode | ox.BlankNode | ox.Literal


def reused_terms() -> ox.Store:
    """Labels and definitions (sv, en) of the terms from other vocabularies that the data uses
    (``iopkg/publish/terms/reused.ttl``)."""
    store = ox.Store()
    store.load(path=str(Path(__file__).parent / "terms" / "reused.ttl"), format=ox.RdfFormat.TURTLE)
    return store


def literal_text(term: ox.Literal, lang: Lang) -> str:
    """A literal as a reader of ``lang`` reads it: numbers grouped, booleans as words, a
    duration such as ``P1Y`` as "1 år"; dates stay ISO 8601, texts as they are.

    >>> literal_text(ox.Literal("130288", datatype=ox.NamedNode(_XSD + "integer")), Lang.sv)
    '130 288'
    >>> literal_text(ox.Literal("P1Y", datatype=ox.NamedNode(_XSD + "duration")), Lang.en)
    '1 year'
    """
    dt = term.datatype.value
    try:
        if dt in _NUMBERS:
            return number(int(term.value), lang)
        if dt in _DECIMALS:
            d = Decimal(term.value)
            return number(d, lang, 0 if d == d.to_integral_value() else 2)
    except (ValueError, ArithmeticError):
        return term.value
    if dt == _XSD + "boolean":
        yes, no = _BOOLEANS[lang]
        return yes if term.value in ("true", "1") else no
    if dt == _XSD + "duration":
        m = re.fullmatch(r"P(\d+)([YMD])", term.value)
        if m:
            n, unit = int(m.group(1)), _UNITS[m.group(2)]
            if lang is Lang.sv:
                return f"{n} {unit[0]}"
            return f"{n} {unit[1] if n == 1 else unit[2]}"
    return term.value


@dataclass
class Value:
    """One value of a fact: text, an optional link, and nested facts of a blank node."""

    text: str
    href: str | None = None
    nested: list[tuple[str, list[Value]]] = field(default_factory=list)
    #: the language of ``text`` when it is not the page's (a quote, a name in one language).
    lang: str | None = None


def term_key(term: Term) -> tuple[int, str]:
    """A sort key that orders IRIs and blank nodes as rdflib does (kind, then text).

    >>> sorted([ox.NamedNode("http://e/b"), ox.BlankNode("x"), ox.NamedNode("http://e/a")],
    ...        key=term_key)[0]
    <BlankNode value=x>
    """
    return _RANK[type(term)], term.value


def sort_pairs(pairs: list[tuple[ox.NamedNode, Term]]) -> list[tuple[ox.NamedNode, Term]]:
    """(predicate, object) pairs in rdflib's order; literals of one predicate compare as rdflib
    compares them (by value), so they are converted only where two meet.
    """
    pairs = sorted(pairs, key=lambda po: (po[0].value, *term_key(po[1])))
    out: list[tuple[ox.NamedNode, Term]] = []
    for _, run in groupby(pairs, key=lambda po: po[0]):
        group = list(run)
        if sum(isinstance(o, ox.Literal) for _, o in group) > 1:
            group.sort(key=lambda po: from_ox(po[1]))  # type: ignore[arg-type,return-value]
        out += group
    return out


#: The languages of the pages (labels are looked up for both at once).
_PAGE_LANGS = tuple(lang.value for lang in Lang)
_LANG_SLOT = {lg: i for i, lg in enumerate(_PAGE_LANGS)}


def _pick_label(term: Term, values: list[Term], lang: str) -> str:
    """The value in ``lang`` among a term's label values, else the first, else a CURIE."""
    text = next((v.value for v in values if isinstance(v, ox.Literal) and v.language == lang), None)
    if text is None and values:
        text = values[0].value
    if text is None:
        text = curie(term.value) if isinstance(term, ox.NamedNode) else "…"
    return text


class Site:
    """What the pages need: the store, which resources have pages, and whether personal data
    is shown.

    :param store: the published graph (default graph).
    :param pages: page path of each resource that has a page, by IRI.
    :param include_personal_data: show resources marked ``iop:isPersonalData true``.
    """

    def __init__(self, store: ox.Store, pages: dict[str, str], include_personal_data: bool):
        self.store = store
        self.pages = pages
        self.include_personal_data = include_personal_data
        true = ox.Literal("true", datatype=ox.NamedNode(_XSD + "boolean"))
        self.personal = (
            set()
            if include_personal_data
            else {
                q.subject
                for q in store.quads_for_pattern(
                    None, ox.NamedNode(str(IOP.isPersonalData)), true, _DG
                )
            }
        )
        self.vocab = reused_terms()
        #: by IRI, the label in each of the pages' languages: strings and tuples of strings,
        #: which the cyclic collector leaves alone (keys holding terms made every full
        #: collection walk all the labels of the run); one entry per IRI, not per language.
        self._labels: dict[str, tuple[str, ...]] = {}
        self._folders: dict[tuple[str, str], str] = {}
        #: What a facts list shows of a subject whatever the language (see :meth:`_shown`).
        self._pairs_memo: dict[Term, list[tuple[ox.NamedNode, Term]]] = {}
        self._shown_memo: dict[Term, tuple[list[tuple[ox.NamedNode, Term]], dict]] = {}
        #: Values without nested facts, by (term, page folder, language, depth < 3).
        self._leaves: dict[tuple, Value] = {}

    def forget(self) -> None:
        """Empty the memos of subjects and values, as the pages of the next resource begin.

        Both languages' pages of a resource and its JSON-LD read the same subjects, so they are
        memoised; but only for one resource: kept longer, they fill the collector's oldest
        generation, and its full collections over the whole heap cost more than they save.
        """
        self._pairs_memo.clear()
        self._shown_memo.clear()
        self._leaves.clear()

    def pairs(self, subject: Term) -> list[tuple[ox.NamedNode, Term]]:
        """The (predicate, object) pairs of ``subject`` in the store's order (memoised until
        :meth:`forget`; do not change the list)."""
        found = self._pairs_memo.get(subject)
        if found is None:
            found = self._pairs_memo[subject] = [
                (q.predicate, q.object)
                for q in self.store.quads_for_pattern(subject, None, None, _DG)
            ]
        return found

    def objects(self, subject: Term, predicate: ox.NamedNode) -> list[Term]:
        """The objects of ``subject predicate ?o`` in the store's order."""
        return [q.object for q in self.store.quads_for_pattern(subject, predicate, None, _DG)]

    def label(self, term: Term, lang: str = "en") -> str:
        """The best label of a term: rdfs:label/skos:prefLabel/vcard:fn/dct:title in ``lang``,
        else the first of any language, else a CURIE.
        """
        if isinstance(term, ox.Literal):
            return term.value
        named = type(term) is ox.NamedNode
        slot = _LANG_SLOT.get(lang) if named else None
        if slot is not None:
            iri = term.value
            found = self._labels.get(iri)
            if found is not None:
                return found[slot]
        values: list[Term] = []
        for prop in _LABELS:  # the first of them that the term has, in any language
            values = self.objects(term, prop) or [
                q.object for q in self.vocab.quads_for_pattern(term, prop, None, _DG)
            ]
            if values:
                break
        if slot is None:
            return _pick_label(term, values, lang)
        # both languages at once: what the other language's page will ask next
        found = self._labels[iri] = tuple(_pick_label(term, values, lg) for lg in _PAGE_LANGS)
        return found[slot]

    def href(self, term: Term, here: str) -> str | None:
        """A relative link from page ``here`` to the page of ``term``, if it has one."""
        target = self.pages.get(term.value) if isinstance(term, ox.NamedNode) else None
        if not target:
            return None
        folder, _, name = target.rpartition("/")  # posixpath.split and dirname for page paths
        return self._relative(folder, here.rpartition("/")[0]) + name

    def _relative(self, folder: str, start: str) -> str:
        """``folder`` relative to ``start``, with a trailing slash (empty for the same folder);
        memoised, as pages live in a handful of folders."""
        key = (folder, start)
        found = self._folders.get(key)
        if found is None:
            found = posixpath.relpath(folder, start) + "/"
            found = self._folders[key] = "" if found == "./" else found
        return found

    def values(self, term: Term, here: str, depth: int = 0, lang: str = "en") -> Value:
        """``term`` as a :class:`Value` (blank nodes expanded) for a page in ``lang``: literals
        as a reader writes them (numbers grouped, booleans as words, amounts in kronor), dates
        as ISO 8601, closed values by their label.
        """
        kind = type(term)
        if kind is ox.BlankNode:
            return self._blank_value(term, here, depth, lang)  # type: ignore[arg-type]
        # An IRI's or a literal's value depends only on the page's folder (its link), the
        # language and whether it may still be expanded: the same in all of a folder's pages.
        key = (term, here.rpartition("/")[0], lang, depth < 3)
        found = self._leaves.get(key)
        if found is not None:
            return found
        if kind is ox.Literal:
            value = Value(literal_text(term, Lang(lang)), lang=term.language or None)  # type: ignore[union-attr]
        else:
            value = self._iri_value(term, here, depth, lang)  # type: ignore[arg-type]
        if not value.nested:
            self._leaves[key] = value
        return value

    def _blank_value(self, term: ox.BlankNode, here: str, depth: int, lang: str) -> Value:
        if depth < 3:
            amount = self.amount(term, Lang(lang))
            if amount is not None:
                return Value(amount)
            return Value("", nested=self.facts(term, here, depth + 1, lang))
        return Value(self.label(term, lang))

    def _iri_value(self, term: ox.NamedNode, here: str, depth: int, lang: str) -> Value:
        link = self.href(term, here)
        if (
            link is None
            and depth < 3
            and isinstance(term, ox.NamedNode)
            and term.value.startswith(_ID)
            and self.label(term, lang).startswith("id:")
        ):  # a resource with neither a page nor a name (a population figure): show its facts
            return Value("", nested=self.facts(term, here, depth + 1, lang))
        if (
            link is None
            and isinstance(term, ox.NamedNode)
            and term.value.startswith(("http://", "https://"))
            and not term.value.startswith(_ID)
        ):
            link = term.value
        return Value(self.label(term, lang), link)

    def amount(self, node: Term, lang: Lang) -> str | None:
        """A ``schema:MonetaryAmount`` in SEK as one text ("520 000 kr"), else None."""
        own = self.pairs(node)  # memoised: the JSON-LD read them (one of each: order is moot)
        values = [o for p, o in own if p == SCHEMA_VALUE]
        currency = [o for p, o in own if p == SCHEMA_CURRENCY]
        if len(values) != 1 or [c.value for c in currency] != ["SEK"]:
            return None
        try:
            return money(Decimal(values[0].value), lang)
        except ArithmeticError:
            return None

    def facts(
        self, subject: Term, here: str, depth: int = 0, lang: str = "en"
    ) -> list[tuple[str, list[Value]]]:
        """The outgoing facts of ``subject``, grouped by property (labelled in ``lang``), sorted;
        of a text given in several languages only the page's language is shown.
        """
        by_prop: dict[str, list[Value]] = {}
        blank: dict[str, int] = {}
        pairs, langs = self._shown(subject)
        for p, o in pairs:
            kind = type(o)
            if kind is ox.Literal and o.language != lang and lang in langs.get(p, ()):  # type: ignore[union-attr]
                continue
            label = self.label(p, lang)
            by_prop.setdefault(label, []).append(self.values(o, here, depth, lang))
            if kind is ox.BlankNode:
                blank[label] = blank.get(label, 0) + 1
        for label, n in blank.items():  # blank nodes come first, in the order of their random
            if n > 1:  # ids: order them by what they say, so a page is stable
                values = by_prop[label]
                values[:n] = sorted(values[:n], key=repr)
        return sorted(by_prop.items())

    def _shown(
        self, subject: Term
    ) -> tuple[list[tuple[ox.NamedNode, Term]], dict[ox.NamedNode, set[str]]]:
        """The (predicate, object) pairs a facts list of ``subject`` shows in every language
        (sorted, neither hidden predicates nor personal data), and the languages of each
        predicate's texts; memoised, as both languages' pages of a resource ask for them.
        """
        found = self._shown_memo.get(subject)
        if found is None:
            pairs = [
                (p, o)
                for p, o in sort_pairs(self.pairs(subject))
                if p not in _HIDDEN and o not in self.personal
            ]
            langs: dict[ox.NamedNode, set[str]] = {}
            for p, o in pairs:
                if type(o) is ox.Literal and o.language:
                    langs.setdefault(p, set()).add(o.language)
            found = self._shown_memo[subject] = (pairs, langs)
        return found

    def quotes(self, subject: Term, lang: str = "en") -> list[tuple[str, str]]:
        """The quoted words (and the document label) that ``subject`` is derived from."""
        out = []
        for p, q in self.pairs(subject):
            if p != WAS_DERIVED_FROM or q in self.personal:
                continue
            for text in self.objects(q, PROV_VALUE):
                docs = [self.label(d, lang) for d in self.objects(q, WAS_QUOTED_FROM)]
                out.append((text.value, ", ".join(sorted(docs))))
        return sorted(out)

    def jsonld(
        self,
        subjects: list[Term],
        stubs: Sequence[tuple[Term, ox.NamedNode, Term]] = (),
    ) -> str:
        """The facts of ``subjects`` (with blank nodes and quotes) as expanded JSON-LD, ready to
        embed in a ``<script>`` element; nodes sorted by ``@id`` and values sorted. ``stubs``
        are single statements added as they are (about subjects described elsewhere).
        """
        graph: dict[Term, list[tuple[ox.NamedNode, Term]]] = {}
        todo, seen = list(subjects), set()
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            for p, o in self.pairs(s):
                if o in self.personal:
                    continue
                graph.setdefault(s, []).append((p, o))
                if isinstance(o, ox.BlankNode) or p == WAS_DERIVED_FROM:
                    todo.append(o)
        for s, p, o in stubs:
            if s not in seen:
                graph.setdefault(s, []).append((p, o))
        # Blank nodes get labels from what they say (as in the dumps), not the store's random
        # ones: a page is the same bytes on every build. Only the triples that touch a blank
        # node count for the labels, so only they are made into quads (4 us each).
        labels = blank_labels(
            [
                ox.Quad(s, p, o)
                for s, pairs in graph.items()
                for p, o in pairs
                if isinstance(s, ox.BlankNode) or isinstance(o, ox.BlankNode)
            ]
        )
        # no "<" at all inside the script element: "</script>" would end it, and "<!--<script>"
        # would make the HTML parser run past its end (to the next script's end tag); in JSON
        # they occur only inside strings, where \u003c is the same text
        return (
            _JsonLd(graph, labels)
            .text()
            .replace("<", "\\u003c")
            .replace(">", "\\u003e")
            .replace("&", "\\u0026")
        )


_enc = json.encoder.encode_basestring  # type: ignore[attr-defined]  # the C encoder when built


def _native(o: ox.Literal) -> object:
    """A typed literal's ``@value``: native JSON for the datatypes JSON-LD writes so, else its
    text."""
    native = _NATIVE.get(o.datatype.value)
    if native is not None:
        try:
            return native(o.value)
        except ValueError:
            pass
    return o.value


def _scalar(v: object) -> str:
    """The JSON text of a value object's ``@value`` (as json.dumps writes it)."""
    kind = type(v)
    if kind is str:
        return _enc(v)
    if kind is bool:
        return "true" if v else "false"
    if kind is int:
        return int.__repr__(v)  # type: ignore[arg-type]
    return json.dumps(v)


# Kept: rdflib's JSON-LD serialiser is 4.8x slower on the pages of data/ (bench/libraries.py),
# and the dump's compact writer (export/jsonld.py) gives another document (compacted, context).
class _JsonLd:
    """Expanded JSON-LD of a small graph, as rdflib's serialiser writes it without a context
    (every value in an array, ``@type`` for ``rdf:type``, native booleans and numbers), but
    with nodes and values sorted so that a page is the same on every run.

    :meth:`text` writes what :meth:`nodes` makes, as :func:`dumps_indent1` writes it:

    >>> e, x = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/x")
    >>> b, c, d, z = (ox.BlankNode(n) for n in "bcdz")
    >>> lit = lambda v, t: ox.Literal(v, datatype=ox.NamedNode(_XSD + t))
    >>> g = {e: [(RDF_TYPE, x), (x, ox.Literal("å</", language="sv")), (x, lit("2.5", "double")),
    ...          (x, lit("NaN", "double")), (x, lit("true", "boolean")), (x, lit("7", "integer")),
    ...          (x, b), (x, c), (x, _NIL), (x, d)],
    ...      b: [(_FIRST, e), (_REST, _NIL)], c: [(_FIRST, z), (_REST, b)], d: [(RDF_TYPE, b)]}
    >>> labels = {t: t.value for t in (b, c, d, z)}
    >>> _JsonLd(g, labels).text() == dumps_indent1(_JsonLd(g, labels).nodes())
    True
    >>> _JsonLd({}, {}).text()
    '[]'
    """

    def __init__(
        self, graph: dict[Term, list[tuple[ox.NamedNode, Term]]], labels: dict[ox.BlankNode, str]
    ):
        self.graph = graph
        self.labels = labels
        self.out: dict[str, dict[str, object]] = {}
        #: the blank nodes :meth:`node` was given (for :meth:`text`).
        self.reached: list[Term] = []

    def nodes(self) -> list[dict[str, object]]:
        for s in self.graph:
            self.node(s)
        return [self.out[k] for k in sorted(self.out)]

    def node(self, s: Term) -> None:
        node_id = self.id(s)
        if node_id in self.out:
            return
        node: dict[str, object] = {"@id": node_id}
        self.out[node_id] = node
        self.reached.append(s)
        for p, o in self.graph.get(s, []):
            if p == RDF_TYPE:
                key, value = "@type", (o.value if isinstance(o, ox.NamedNode) else self.raw(o))
            else:
                key, value = p.value, self.raw(o)
            node.setdefault(key, []).append(value)  # type: ignore[attr-defined]
        for values in node.values():
            if isinstance(values, list) and len(values) > 1:
                values.sort(key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))

    def id(self, term: Term) -> str:
        return f"_:{self.labels[term]}" if isinstance(term, ox.BlankNode) else term.value

    def text(self) -> str:
        """``dumps_indent1(self.nodes())``, written straight: each value's text (and the compact
        text it is sorted by) is made where the value is read, and joined at fixed indents,
        without the value objects and the general writer's call per value (together a third of
        the JSON-LD's time).
        """
        nodes: dict[str, dict[str, list[tuple[str, str]]]] = {}
        todo = list(self.graph)
        while todo:
            s = todo.pop()
            node_id = self.id(s)
            if node_id in nodes:
                continue
            node: dict[str, list[tuple[str, str]]] = {}
            nodes[node_id] = node
            for p, o in self.graph.get(s, []):
                if p == RDF_TYPE and type(o) is ox.NamedNode:
                    key, value = "@type", (_enc(o.value), _enc(o.value))
                else:
                    key, value = ("@type" if p == RDF_TYPE else p.value), self.value_text(o, todo)
                node.setdefault(key, []).append(value)
        out = []
        for node_id in sorted(nodes):
            node = nodes[node_id]
            parts = []
            for key in sorted([*node, "@id"]):
                if key == "@id":
                    parts.append(f'"@id": {_enc(node_id)}')
                    continue
                values = node[key]
                if len(values) > 1:
                    values.sort()
                items = ",\n   ".join([pretty for _, pretty in values])
                parts.append(f"{_enc(key)}: [\n   {items}\n  ]")
            out.append("{\n  " + ",\n  ".join(parts) + "\n }")
        return "[\n " + ",\n ".join(out) + "\n]" if out else "[]"

    def value_text(self, o: Term, todo: list[Term]) -> tuple[str, str]:
        """A value's compact JSON text (``json.dumps(self.raw(o), sort_keys=True)``, what values
        are sorted by) and its text in a node's array; a blank node's own node is left in
        ``todo``."""
        kind = type(o)
        if kind is ox.NamedNode and o != _NIL:
            text = _enc(o.value)
            return f'{{"@id": {text}}}', f'{{\n    "@id": {text}\n   }}'
        if kind is ox.Literal:
            if o.language:  # type: ignore[union-attr]
                lang, text = _enc(o.language), _enc(o.value)  # type: ignore[union-attr]
                return (
                    f'{{"@language": {lang}, "@value": {text}}}',
                    f'{{\n    "@language": {lang},\n    "@value": {text}\n   }}',
                )
            dt_text, text = _enc(o.datatype.value), _scalar(_native(o))  # type: ignore[union-attr,arg-type]
            return (
                f'{{"@type": {dt_text}, "@value": {text}}}',
                f'{{\n    "@type": {dt_text},\n    "@value": {text}\n   }}',
            )
        if kind is ox.BlankNode and not any(p == _FIRST for p, _ in self.graph.get(o, [])):
            todo.append(o)
            text = _enc(self.id(o))
            return f'{{"@id": {text}}}', f'{{\n    "@id": {text}\n   }}'
        raw = self.raw(o)  # a list (or what looked like one)
        todo += self.reached  # the blank nodes raw() reached get nodes of their own
        self.reached.clear()
        return json.dumps(raw, sort_keys=True, ensure_ascii=False), dumps_indent1(raw, "   ")

    def collection(self, o: Term) -> list[Term] | None:
        items: list[Term] = []
        chain = {o}
        while o != _NIL:
            pairs = self.graph.get(o, []) if isinstance(o, ox.BlankNode) else []
            first = next((v for p, v in pairs if p == _FIRST), None)
            rest = next((v for p, v in pairs if p == _REST), None)
            if first is None or rest is None or rest in chain:
                return None
            items.append(first)
            chain.add(rest)
            o = rest
        return items

    def raw(self, o: Term) -> object:
        if o == _NIL or (
            isinstance(o, ox.BlankNode) and any(p == _FIRST for p, _ in self.graph.get(o, []))
        ):
            items = self.collection(o)
            if items is not None:
                return {"@list": [self.raw(v) for v in items]}
        if isinstance(o, ox.BlankNode):
            self.node(o)
            return {"@id": self.id(o)}
        if isinstance(o, ox.NamedNode):
            return {"@id": o.value}
        if o.language:
            return {"@language": o.language, "@value": o.value}
        return {"@type": o.datatype.value, "@value": _native(o)}
