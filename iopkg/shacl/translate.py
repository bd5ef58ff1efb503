"""A set-based SHACL engine: each constraint of the shapes becomes one SPARQL query over the store.

pySHACL checks every focus node on its own in Python (and parses a SHACL-SPARQL query again for
each one); at 100 000 agreements that takes about 15 minutes. Here each constraint of a targeted
shape is translated into one SPARQL SELECT that returns all the focus nodes (and values) that
violate it, run by Oxigraph over the whole store at once. Nested shapes (``sh:node``, ``sh:or``,
``sh:and``, ``sh:not``, ``sh:xone``) become ``EXISTS`` patterns over the shapes' own constraints;
SHACL-SPARQL constraints (``sh:sparql``) are run once with ``$this`` unbound and their rows kept
for the shape's focus nodes. The results mirror pySHACL's: same focus node, path, value, shape
and component, one result per distinct (focus, value) as pySHACL gives.

A shape that uses a feature this module does not translate (``sh:closed``, qualified value
shapes, SPARQL-based targets, ``sh:sparql`` inside a nested shape, SHACL rules, ...) is named
in :attr:`Translation.fallback`; :mod:`iopkg.shacl.validate` checks those shapes with pySHACL.

>>> from iopkg.shacl.validate import load_shapes
>>> t = translate(load_shapes())
>>> len(t.queries) > 100, t.fallback
(True, ())
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from iopkg.errors import Untranslatable
from iopkg.namespaces import SH
from iopkg.shacl.sparql_rules import constraint_components, unbound_unsafe

__all__ = [
    "ShapeQuery",
    "RawResult",
    "Translation",
    "translate",
    "run",
    "Untranslatable",
    "Subclasses",
    "store_subclasses",
    "constraint_components",
    "literal_targets",
]

#: Datatypes whose lexical form Oxigraph can check with a cast (rdflib's ``ill_typed`` for them).
_CASTABLE = {
    XSD.integer,
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.boolean,
    XSD.date,
    XSD.dateTime,
    XSD.time,
    XSD.duration,
    XSD.dayTimeDuration,
    XSD.yearMonthDuration,
}
#: Integer types derived from xsd:integer, with their value range (None: unbounded).
_INTEGERS = {
    XSD.byte: (-128, 127),
    XSD.short: (-32768, 32767),
    XSD.int: (-(2**31), 2**31 - 1),
    XSD.long: (-(2**63), 2**63 - 1),
    XSD.unsignedByte: (0, 255),
    XSD.unsignedShort: (0, 65535),
    XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedLong: (0, 2**64 - 1),
    XSD.nonNegativeInteger: (0, None),
    XSD.positiveInteger: (1, None),
    XSD.nonPositiveInteger: (None, 0),
    XSD.negativeInteger: (None, -1),
}
#: Parameters that need no query of their own, or that belong to another parameter.
_PASSIVE = {
    SH.path,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.targetClass,
    SH.targetNode,
    SH.targetObjectsOf,
    SH.targetSubjectsOf,
    SH.property,
    SH.deactivated,
    SH.prefixes,
    SH.declare,
    SH.flags,
    SH.ignoredProperties,
}
_RANGES = {
    SH.minInclusive: (">=", "MinInclusive"),
    SH.minExclusive: (">", "MinExclusive"),
    SH.maxInclusive: ("<=", "MaxInclusive"),
    SH.maxExclusive: ("<", "MaxExclusive"),
}
_MAX_DEPTH = 8
#: Makes the (component, pattern, reports value, key) of a value that fails an expression.
_Fails = Callable[[str, str], tuple[URIRef, str, bool, str]]


@dataclass(frozen=True)
class ShapeQuery:
    """One constraint of one targeted shape as a SPARQL SELECT.

    :param shape: the shape a result names (``sh:sourceShape``).
    :param component: the constraint component (``sh:sourceConstraintComponent``).
    :param severity: the shape's ``sh:severity`` IRI.
    :param query: SELECT with ``?this``, ``?value`` (maybe unbound) and ``?k`` (distinguishes
        results that pySHACL reports separately but that have no value).
    :param path: the shape's ``sh:path`` node (in the shapes graph), for property shapes.
    :param constraint: the ``sh:sparql`` node, for SHACL-SPARQL constraints.
    :param focus: for SHACL-SPARQL constraints, a SELECT of the shape's focus nodes (``?this``).
    """

    shape: Node
    component: URIRef
    severity: URIRef
    query: str
    path: Node | None = None
    constraint: Node | None = None
    focus: str | None = None


@dataclass(frozen=True)
class RawResult:
    """One result as Oxigraph terms, before it is described for people."""

    query: ShapeQuery
    focus: ox.NamedNode | ox.BlankNode | ox.Literal
    value: ox.NamedNode | ox.BlankNode | ox.Literal | None
    path: ox.NamedNode | None = None


@dataclass
class Translation:
    """The queries for the shapes, and the shapes left to pySHACL (with why)."""

    queries: list[ShapeQuery] = field(default_factory=list)
    fallback: tuple[tuple[Node, str], ...] = ()


def translate(shapes: Graph, subclasses: Subclasses | None = None) -> Translation:
    """Translate every targeted shape of ``shapes`` into :class:`ShapeQuery` objects.

    :param shapes: the shapes graph.
    :param subclasses: the IRIs of a class and of all its subclasses in the data (see
        :func:`store_subclasses`); ``sh:class`` then checks a value's types against that list
        instead of walking ``rdf:type/rdfs:subClassOf*`` for each value (same results, ~2x
        faster). Without it the queries hold the path and do not depend on the data.
    """
    out = Translation()
    fallback = []
    if constraint_components(shapes) or any(shapes.subjects(SH.rule, None)):
        reason = "custom constraint components or SHACL rules in the shapes graph"
        return Translation([], tuple((s, reason) for s in _targeted(shapes)))
    for shape in _targeted(shapes):
        try:
            out.queries.extend(_Translator(shapes, subclasses).shape(shape))
        except Untranslatable as e:
            fallback.append((shape, str(e)))
    out.fallback = tuple(fallback)
    return out


def literal_targets(shapes: Graph) -> Callable[[RawResult], RawResult]:
    """A function giving a result's literal focus node (and value) as ``sh:targetNode`` writes
    it: Oxigraph returns literals in canonical form (``"4.0"^^xsd:decimal`` as ``"4"``).

    >>> restore = literal_targets(Graph())
    >>> r = RawResult(None, ox.Literal("4"), None)
    >>> restore(r) is r
    True
    """
    originals: dict[ox.Literal, ox.Literal] = {}
    scratch = ox.Store()
    for lit in shapes.objects(None, SH.targetNode):
        if isinstance(lit, Literal):
            dt = ox.NamedNode(str(lit.datatype)) if lit.datatype else None
            written = ox.Literal(str(lit), language=lit.language, datatype=dt)
            scratch.add(ox.Quad(_SCRATCH, _SCRATCH, written))
            canonical = next(iter(scratch)).object
            scratch.clear()
            if canonical != written:
                originals[canonical] = written

    def restore(r: RawResult) -> RawResult:
        focus, value = originals.get(r.focus), originals.get(r.value) if r.value else None
        if focus is None:
            return r
        return RawResult(r.query, focus, value if value is not None else r.value, r.path)

    return restore


_SCRATCH = ox.NamedNode("urn:x-iopkg:scratch")


def run(store: ox.Store, queries: list[ShapeQuery]) -> Iterator[RawResult]:
    """Run the queries on ``store`` (its default graph) and yield the results.

    :param store: the data (with the ontology).
    :param queries: from :func:`translate`.
    :raises Untranslatable: when a SHACL-SPARQL query leaves ``$this`` unbound in a row, i.e.
        does not bind it by a pattern of its own (the shape must then go to pySHACL).
    """
    for q in queries:
        if q.focus is None:
            closed = q.component == SH.ClosedConstraintComponent
            for row in store.query(q.query):
                yield RawResult(q, row["this"], row["value"], row["path"] if closed else None)
            continue
        focus = {row["this"] for row in store.query(q.focus)}
        seen: set[tuple] = set()
        for row in store.query(q.query):
            this = row["this"]
            if this is None:
                raise Untranslatable("a SHACL-SPARQL row leaves $this unbound")
            key = tuple(row)
            if this not in focus or key in seen:  # pySHACL drops duplicate rows of a focus node
                continue
            seen.add(key)
            value = row["value"]
            yield RawResult(
                q,
                this,
                value if value is not None else (None if q.path is not None else this),
                row["path"],
            )


#: The classes (as SPARQL IRIs) that are ``cls`` or its subclasses; empty when unknown.
Subclasses = Callable[[Node], tuple[str, ...]]


def store_subclasses(store: ox.Store) -> Subclasses:
    """:data:`Subclasses` read from ``rdfs:subClassOf`` in the default graph of ``store``.

    Empty (so the path is kept) when a subclass is a blank node, which SPARQL cannot name.

    >>> store_subclasses(ox.Store())(URIRef("http://e/C"))
    ('<http://e/C>',)
    """
    cache: dict[Node, tuple[str, ...]] = {}

    def subclasses(cls: Node) -> tuple[str, ...]:
        if cls not in cache:
            rows = store.query(
                f"SELECT DISTINCT ?t ?c WHERE {{ ?t <{RDFS.subClassOf}>* ?c }}",
                substitutions={ox.Variable("c"): ox.NamedNode(str(cls))},
            )
            found = [row["t"] for row in rows] + [ox.NamedNode(str(cls))]  # zero steps
            cache[cls] = (
                ()
                if any(not isinstance(t, ox.NamedNode) for t in found)
                else tuple(sorted({str(t) for t in found}))
            )
        return cache[cls]

    return subclasses


def _targeted(shapes: Graph) -> list[Node]:
    found: dict[Node, None] = {}
    for p in (SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf, SH.target):
        for s in shapes.subjects(p, None):
            found[s] = None
    for cls in (RDFS.Class, OWL.Class):
        for s in shapes.subjects(RDF.type, cls):
            if (s, RDF.type, SH.NodeShape) in shapes or (s, RDF.type, SH.PropertyShape) in shapes:
                found[s] = None
    return sorted(found, key=str)


def term(node: Node) -> str:
    """SPARQL text of an IRI or literal of the shapes graph.

    :raises Untranslatable: for a blank node (SPARQL cannot name it).

    >>> term(URIRef("http://e/a")), term(Literal(3))
    ('<http://e/a>', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Untranslatable(f"a blank node {node} used as a value")


class _Translator:
    def __init__(self, shapes: Graph, subclasses: Subclasses | None = None) -> None:
        self.g = shapes
        self.subclasses = subclasses
        self.n = itertools.count()

    def var(self) -> str:
        return f"?_v{next(self.n)}"

    def one(self, shape: Node, p: URIRef) -> Node | None:
        return self.g.value(shape, p)

    # --- top level ---------------------------------------------------------------------------

    def shape(self, shape: Node) -> list[ShapeQuery]:
        if self._deactivated(shape):
            return []
        focus = self._focus(shape)
        return list(self._evaluate(shape, focus))

    def _evaluate(self, shape: Node, focus: str) -> Iterator[ShapeQuery]:
        """Queries of ``shape`` itself and of its property shapes, for the focus pattern."""
        severity = self.one(shape, SH.severity) or SH.Violation
        path_node = self.one(shape, SH.path)
        path = self._path(path_node) if path_node is not None else None
        value = "?value" if path else "?this"
        closed = self._closed(shape)
        if closed is not None and not path:  # one result per property and value not allowed
            query = (
                f"SELECT DISTINCT ?this ?value ?path WHERE {{ {{ {focus} }} "
                f"?this ?path ?value . FILTER(?path NOT IN ({closed})) }}"
            )
            yield ShapeQuery(shape, SH.ClosedConstraintComponent, severity, query)
        for component, pattern, has_value, key in self._constraints(shape, "?this", value, path):
            if component == SH.ClosedConstraintComponent:
                continue
            binds = " BIND(?this AS ?value)" if has_value and not path else ""
            binds += f" BIND({key} AS ?k)" if key else ""
            query = f"SELECT DISTINCT ?this ?value ?k WHERE {{ {{ {focus} }} {pattern}{binds} }}"
            yield ShapeQuery(shape, component, severity, query, path_node)
        for sparql in self.g.objects(shape, SH.sparql):
            yield self._sparql(shape, sparql, focus, severity, path_node)
        if path:  # the focus nodes of a property shape's property shapes are its values
            f = self.var()
            outer = f"{{ SELECT (?this AS {f}) WHERE {{ {focus} }} }}"
            focus = f"{{ SELECT DISTINCT ?this WHERE {{ {outer} {f} {path} ?this }} }}"
        for prop in self.g.objects(shape, SH.property):
            if not self._deactivated(prop):
                yield from self._evaluate(prop, focus)

    def _focus(self, shape: Node) -> str:
        parts = []
        classes = list(self.g.objects(shape, SH.targetClass))
        if (shape, RDF.type, RDFS.Class) in self.g or (shape, RDF.type, OWL.Class) in self.g:
            classes.append(shape)
        parts += [f"?this a/<{RDFS.subClassOf}>* {term(c)} ." for c in classes]
        parts += [f"VALUES ?this {{ {term(n)} }}" for n in self.g.objects(shape, SH.targetNode)]
        parts += [f"?this {term(p)} [] ." for p in self.g.objects(shape, SH.targetSubjectsOf)]
        parts += [f"[] {term(p)} ?this ." for p in self.g.objects(shape, SH.targetObjectsOf)]
        if any(self.g.objects(shape, SH.target)):
            raise Untranslatable("SPARQL-based targets (sh:target)")
        return " UNION ".join(f"{{ {p} }}" for p in parts)

    def _sparql(
        self, shape: Node, node: Node, focus: str, severity: Node, path_node: Node | None
    ) -> ShapeQuery:
        select = self.one(node, SH.select)
        if select is None:
            raise Untranslatable("sh:sparql without sh:select")
        text = str(select)
        if re.search(r"[$?](shapesGraph|currentShape|failure)\b", text):
            raise Untranslatable("SHACL-SPARQL using $shapesGraph, $currentShape or ?failure")
        unsafe = unbound_unsafe(text)
        if unsafe:
            raise Untranslatable(f"SHACL-SPARQL that needs $this pre-bound: {unsafe}")
        if "$PATH" in text:
            if path_node is None:
                raise Untranslatable("$PATH in a node shape")
            text = text.replace("$PATH", self._path(path_node))
        prefixes = "".join(
            f"PREFIX {self.one(d, SH.prefix)}: <{self.one(d, SH.namespace)}>\n"
            for p in self.g.objects(node, SH.prefixes)
            for d in self.g.objects(p, SH.declare)
        )
        return ShapeQuery(
            shape,
            SH.SPARQLConstraintComponent,
            severity,
            prefixes + text,
            path_node,
            node,
            f"SELECT DISTINCT ?this WHERE {{ {focus} }}",
        )

    def _closed(self, shape: Node) -> str | None:
        """The properties a closed shape allows (SPARQL list), or None when it is not closed."""
        flag = self.one(shape, SH.closed)
        if not (isinstance(flag, Literal) and flag.toPython() is True):
            return None
        allowed = [self.one(p, SH.path) for p in self.g.objects(shape, SH.property)]
        for ignored in self.g.objects(shape, SH.ignoredProperties):
            allowed += list(Collection(self.g, ignored))
        return ", ".join(term(p) for p in allowed if isinstance(p, URIRef)) or "<urn:x-none>"

    def _deactivated(self, shape: Node) -> bool:
        d = self.one(shape, SH.deactivated)
        return isinstance(d, Literal) and d.toPython() is True

    # --- paths -------------------------------------------------------------------------------

    def _path(self, node: Node) -> str:
        if isinstance(node, URIRef):
            return term(node)
        if (node, RDF.first, None) in self.g:
            return "(" + "/".join(self._path(p) for p in Collection(self.g, node)) + ")"
        for p, fmt in (
            (SH.inversePath, "^({})"),
            (SH.zeroOrMorePath, "({})*"),
            (SH.oneOrMorePath, "({})+"),
            (SH.zeroOrOnePath, "({})?"),
        ):
            inner = self.one(node, p)
            if inner is not None:
                return fmt.format(self._path(inner))
        alt = self.one(node, SH.alternativePath)
        if alt is not None:
            return "(" + "|".join(self._path(p) for p in Collection(self.g, alt)) + ")"
        raise Untranslatable(f"unknown property path {node}")

    def _steps(self, node: Node | None) -> list[Node]:
        """The steps of a sequence path, or the path itself as the only step."""
        if node is not None and (node, RDF.first, None) in self.g:
            return list(Collection(self.g, node))
        return [node] if node is not None else []

    def _reach(self, focus: str, steps: list[Node]) -> str:
        """A pattern matching when ``focus`` has a value on the sequence path ``steps``.

        Each step after the first is nested in ``FILTER EXISTS``: Oxigraph evaluates a
        ``NOT EXISTS`` of several joined triples without the focus bound (a scan of the whole
        store per focus node), but a nested ``EXISTS`` with its start bound is a lookup.
        """
        head = f"{focus} {self._path(steps[0])} "
        if len(steps) == 1:
            return head + f"{self.var()} ."
        middle = self.var()
        return head + f"{middle} . FILTER EXISTS {{ {self._reach(middle, steps[1:])} }}"

    # --- constraints -------------------------------------------------------------------------

    def _constraints(
        self, shape: Node, focus: str, value: str, path: str | None, depth: int = 0
    ) -> Iterator[tuple[URIRef, str, bool, str]]:
        """(component, violation pattern, reports a value?, key expression) per constraint."""
        if depth > _MAX_DEPTH:
            raise Untranslatable("shapes nested too deep (recursive shapes?)")
        vals = f"{focus} {path} {value} ." if path else ""
        self._check_supported(shape, depth)

        def fails(component: str, expression: str) -> tuple[URIRef, str, bool, str]:
            return (SH[component + "ConstraintComponent"], f"{vals} FILTER({expression})", True, "")

        if path:
            yield from self._counts(shape, focus, path)
        yield from self._value_kinds(shape, focus, value, path, fails)
        yield from self._value_texts(shape, value, fails)
        if path:
            yield from self._unique_lang(shape, focus, path)
        yield from self._closed_constraint(shape, focus, path)
        yield from self._pairs(shape, focus, value, vals)
        yield from self._logical(shape, value, vals, depth)

    def _check_supported(self, shape: Node, depth: int) -> None:
        """Raise :class:`Untranslatable` when ``shape`` uses a parameter not translated here."""
        params = {p for p in self.g.predicates(shape, None) if str(p).startswith(str(SH))}
        unknown = (
            params
            - _PASSIVE
            - {
                SH.minCount,
                SH.maxCount,
                SH.datatype,
                SH["class"],
                SH.nodeKind,
                SH["in"],
                SH.hasValue,
                SH.pattern,
                *_RANGES,
                SH.minLength,
                SH.maxLength,
                SH.languageIn,
                SH.uniqueLang,
                SH.lessThan,
                SH.lessThanOrEquals,
                SH.equals,
                SH.disjoint,
                SH.node,
                SH["or"],
                SH["and"],
                SH["not"],
                SH.xone,
                SH.sparql,
                SH.closed,
            }
        )
        if unknown:
            raise Untranslatable("unsupported parameters " + ", ".join(sorted(unknown)))
        if depth and SH.sparql in params:
            raise Untranslatable("sh:sparql in a nested shape")

    def _counts(
        self, shape: Node, focus: str, path: str
    ) -> Iterator[tuple[URIRef, str, bool, str]]:
        for n in self._ints(shape, SH.minCount):
            if n > 0:
                some = (
                    self._reach(focus, self._steps(self.one(shape, SH.path)))
                    if n == 1
                    else self._distinct(focus, path, n)
                )
                yield (
                    SH.MinCountConstraintComponent,
                    f"FILTER NOT EXISTS {{ {some} }}",
                    False,
                    "",
                )
        for n in self._ints(shape, SH.maxCount):
            yield (
                SH.MaxCountConstraintComponent,
                self._distinct(focus, path, n + 1),
                False,
                "",
            )

    def _value_kinds(
        self, shape: Node, focus: str, value: str, path: str | None, fails: _Fails
    ) -> Iterator[tuple[URIRef, str, bool, str]]:
        """Datatype, class, node kind, ``sh:in`` and ``sh:hasValue``."""
        for dt in self.g.objects(shape, SH.datatype):
            yield fails("Datatype", f"!({self._datatype_ok(value, dt)})")
        for cls in self.g.objects(shape, SH["class"]):
            yield fails("Class", f"NOT EXISTS {{ {self._instance(value, cls)} }}")
        for kind in self.g.objects(shape, SH.nodeKind):
            yield fails("NodeKind", f"!({_node_kind(value, kind)})")
        for lst in self.g.objects(shape, SH["in"]):
            members = [f"sameTerm({value}, {term(m)})" for m in Collection(self.g, lst)]
            yield fails("In", f"!({' || '.join(members) or 'false'})")
        for hv in self.g.objects(shape, SH.hasValue):
            v = self.var()
            pattern = (
                f"FILTER NOT EXISTS {{ {focus} {path} {v} FILTER(sameTerm({v}, {term(hv)})) }}"
                if path
                else f"FILTER(!sameTerm({focus}, {term(hv)}))"
            )
            yield SH.HasValueConstraintComponent, pattern, False, ""

    def _value_texts(
        self, shape: Node, value: str, fails: _Fails
    ) -> Iterator[tuple[URIRef, str, bool, str]]:
        """Pattern, ranges, lengths and languages of each value."""
        for pat in self.g.objects(shape, SH.pattern):
            flags = self.one(shape, SH.flags)
            args = term(Literal(str(pat))) + (f", {term(Literal(str(flags)))}" if flags else "")
            yield fails(
                "Pattern", f"isBlank({value}) || !COALESCE(REGEX(STR({value}), {args}), false)"
            )
        for p, (op, name) in _RANGES.items():
            for bound in self.g.objects(shape, p):
                yield fails(name, f"!COALESCE({value} {op} {term(bound)}, false)")
        for p, op, name in ((SH.minLength, ">=", "MinLength"), (SH.maxLength, "<=", "MaxLength")):
            for n in self._ints(shape, p):
                yield fails(
                    name, f"isBlank({value}) || !COALESCE(STRLEN(STR({value})) {op} {n}, false)"
                )
        for lst in self.g.objects(shape, SH.languageIn):
            tags = [
                f"langMatches(LANG({value}), {term(Literal(str(t)))})"
                for t in Collection(self.g, lst)
            ]
            yield fails("LanguageIn", f"!(isLiteral({value}) && ({' || '.join(tags) or 'false'}))")

    def _unique_lang(
        self, shape: Node, focus: str, path: str
    ) -> Iterator[tuple[URIRef, str, bool, str]]:
        for unique in self.g.objects(shape, SH.uniqueLang):
            if isinstance(unique, Literal) and unique.toPython() is True:
                a, b = self.var(), self.var()
                yield (
                    SH.UniqueLangConstraintComponent,
                    f"{focus} {path} {a}, {b} . FILTER(isLiteral({a}) && isLiteral({b}) && "
                    f"LANG({a}) != '' && !sameTerm({a}, {b}) && "
                    f"LCASE(LANG({a})) = LCASE(LANG({b})))",
                    False,
                    f"LCASE(LANG({a}))",
                )

    def _closed_constraint(
        self, shape: Node, focus: str, path: str | None
    ) -> Iterator[tuple[URIRef, str, bool, str]]:
        closed = self._closed(shape)
        if closed is not None:
            if path:
                raise Untranslatable("sh:closed on a property shape")
            p, o = self.var(), self.var()
            yield (
                SH.ClosedConstraintComponent,
                f"{focus} {p} {o} . FILTER({p} NOT IN ({closed}))",
                False,
                "",
            )

    def _pairs(
        self, shape: Node, focus: str, value: str, vals: str
    ) -> Iterator[tuple[URIRef, str, bool, str]]:
        for p, op, name in (
            (SH.lessThan, "<", "LessThan"),
            (SH.lessThanOrEquals, "<=", "LessThanOrEquals"),
        ):
            for other in self.g.objects(shape, p):
                o = self.var()
                yield (
                    SH[name + "ConstraintComponent"],
                    f"{vals} {focus} {term(other)} {o} . "
                    f"FILTER(!COALESCE({value} {op} {o}, false))",
                    True,
                    o,
                )
        for other in self.g.objects(shape, SH.equals):
            if not vals:
                raise Untranslatable("sh:equals on a node shape")
            x = self.var()
            yield (
                SH.EqualsConstraintComponent,
                f"{{ {vals} FILTER NOT EXISTS {{ {focus} {term(other)} {x} "
                f"FILTER(sameTerm({x}, {value})) }} }} UNION {{ {focus} {term(other)} {value} "
                f"FILTER NOT EXISTS {{ {vals.replace(value, x)} "
                f"FILTER(sameTerm({x}, {value})) }} }}",
                True,
                "",
            )
        for other in self.g.objects(shape, SH.disjoint):
            x = self.var()
            yield (
                SH.DisjointConstraintComponent,
                f"{vals} {focus} {term(other)} {x} . FILTER(sameTerm({x}, {value}))",
                True,
                "",
            )

    def _logical(
        self, shape: Node, value: str, vals: str, depth: int
    ) -> Iterator[tuple[URIRef, str, bool, str]]:
        def violates(s: Node) -> str:
            return self._violates(s, value, depth + 1)

        for s in self.g.objects(shape, SH.node):
            yield SH.NodeConstraintComponent, f"{vals} FILTER({violates(s)})", True, ""
        for s in self.g.objects(shape, SH["not"]):
            yield SH.NotConstraintComponent, f"{vals} FILTER(!({violates(s)}))", True, ""
        for lst in self.g.objects(shape, SH["or"]):
            parts = [violates(s) for s in Collection(self.g, lst)]
            yield (
                SH.OrConstraintComponent,
                f"{vals} FILTER({' && '.join(parts) or 'true'})",
                True,
                "",
            )
        for lst in self.g.objects(shape, SH["and"]):
            parts = [violates(s) for s in Collection(self.g, lst)]
            yield (
                SH.AndConstraintComponent,
                f"{vals} FILTER({' || '.join(parts) or 'false'})",
                True,
                "",
            )
        for lst in self.g.objects(shape, SH.xone):
            parts = [f"IF({violates(s)}, 0, 1)" for s in Collection(self.g, lst)]
            yield (
                SH.XoneConstraintComponent,
                f"{vals} FILTER(({' + '.join(parts) or '0'}) != 1)",
                True,
                "",
            )

    def _violates(self, shape: Node, node: str, depth: int) -> str:
        """A boolean expression: ``node`` does not conform to ``shape``."""
        if self._deactivated(shape):
            return "false"
        branches = []
        path_node = self.one(shape, SH.path)
        path = self._path(path_node) if path_node is not None else None
        value = self.var() if path else node
        for _, pattern, _, _ in self._constraints(shape, node, value, path, depth):
            branches.append(f"{{ {pattern} }}")
        for prop in self.g.objects(shape, SH.property):
            if path:  # a property shape's property shapes apply to each of its values
                v = self.var()
                inner = self._violates(prop, v, depth + 1)
                branches.append(f"{{ {node} {path} {v} . FILTER({inner}) }}")
            else:
                branches.append(f"{{ FILTER({self._violates(prop, node, depth + 1)}) }}")
        if not branches:
            return "false"
        return f"EXISTS {{ {' UNION '.join(branches)} }}"

    def _instance(self, value: str, cls: Node) -> str:
        """A pattern matching when ``value`` is a SHACL instance of ``cls``."""
        names = self.subclasses(cls) if self.subclasses and isinstance(cls, URIRef) else None
        if not names:
            return f"{value} a/<{RDFS.subClassOf}>* {term(cls)}"
        t = self.var()
        return f"{value} a {t} FILTER({t} IN ({', '.join(names)}))"

    def _distinct(self, focus: str, path: str, n: int) -> str:
        """A pattern matching when ``focus`` has at least ``n`` distinct values on ``path``."""
        vs = [self.var() for _ in range(n)]
        triples = " ".join(f"{focus} {path} {v} ." for v in vs)
        pairs = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(vs, 2)]
        return triples + (f" FILTER({' && '.join(pairs)})" if pairs else "")

    def _ints(self, shape: Node, p: URIRef) -> list[int]:
        out = []
        for v in self.g.objects(shape, p):
            if not (isinstance(v, Literal) and isinstance(v.toPython(), int)):
                raise Untranslatable(f"{p} is not an integer")
            out.append(int(v.toPython()))
        return out

    def _datatype_ok(self, value: str, dt: Node) -> str:
        if not isinstance(dt, URIRef):
            raise Untranslatable("sh:datatype is not an IRI")
        if dt == RDFS.Literal:
            return f"isLiteral({value})"
        if dt == RDF.langString:
            return f"isLiteral({value}) && LANG({value}) != ''"
        ok = f"isLiteral({value}) && DATATYPE({value}) = {term(dt)}"
        if dt in _INTEGERS:  # well-formed: integer lexical form within the type's range
            low, high = _INTEGERS[dt]
            n = f"<{XSD.integer}>(STR({value}))"
            ok += f' && REGEX(STR({value}), "^[+-]?[0-9]+$")'
            ok += "".join(
                f" && COALESCE({n} {op} {bound}, false)"
                for op, bound in ((">=", low), ("<=", high))
                if bound is not None
            )
        elif dt in _CASTABLE:
            ok += f" && COALESCE(isLiteral({term(dt)}(STR({value}))), false)"
        return ok


def _node_kind(value: str, kind: Node) -> str:
    kinds = {
        SH.IRI: f"isIRI({value})",
        SH.BlankNode: f"isBlank({value})",
        SH.Literal: f"isLiteral({value})",
        SH.BlankNodeOrIRI: f"(isBlank({value}) || isIRI({value}))",
        SH.BlankNodeOrLiteral: f"(isBlank({value}) || isLiteral({value}))",
        SH.IRIOrLiteral: f"(isIRI({value}) || isLiteral({value}))",
    }
    if kind not in kinds:
        raise Untranslatable(f"unknown sh:nodeKind {kind}")
    return kinds[kind]
