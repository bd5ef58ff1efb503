"""SHACL-SPARQL queries of a shapes graph: the syntax SHACL forbids, the prefixes they may use,
and whether the fast engine may run one with ``$this`` unbound.

SHACL (section 5.2, pre-binding) forbids in the queries of ``sh:select``/``sh:ask``: ``MINUS``,
``SERVICE``, ``VALUES``, ``AS $v`` for a pre-bound variable, and a nested ``SELECT`` that does not
project ``$this``. :func:`check_shapes` refuses such shapes (both engines), and copies the prefix
declarations of ontologies named by ``owl:imports`` (within the shapes graph; nothing is fetched)
onto the ``sh:prefixes`` node that imports them.

The fast engine runs a SHACL-SPARQL query once, with ``$this`` unbound, and keeps the rows of the
focus nodes. That equals pre-binding only when ``$this`` is bound by a triple pattern of the
query's top-level group and appears nowhere it would be evaluated before that binding (a nested
group, ``OPTIONAL``, ``UNION``, ``EXISTS``, a subquery, ``BIND``); :func:`unbound_unsafe` says
why a query is not such a query, and the shape then goes to pySHACL.

>>> unbound_unsafe("SELECT $this WHERE { $this <http://e/p> ?value . FILTER(?value > 1) }")
>>> unbound_unsafe("SELECT $this WHERE { FILTER ($this = <http://e/x>) }")
'$this is not bound by a triple pattern of the top-level group'
"""

from __future__ import annotations

import re

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from iopkg.errors import ShapesLoadError
from iopkg.namespaces import SH, curie

__all__ = ["check_shapes", "forbidden", "unbound_unsafe", "strip"]

_PREBOUND = {"this", "shapesGraph", "currentShape", "value", "PATH"}
# Strings (long and short), IRIs and comments, removed before the query is scanned.
_NOISE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r"|<[^<>\"{}|^`\\\s]*>|#[^\n]*"
)


def strip(query: str) -> str:
    """``query`` with strings, IRIs and comments replaced by a space.

    >>> strip('SELECT * WHERE { ?s <http://e/#a> "VALUES" } # MINUS')
    'SELECT * WHERE { ?s     }  '
    """
    return _NOISE.sub(" ", query)


def forbidden(query: str, prebound: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Why SHACL forbids ``query`` (pre-binding restrictions), or None when it is allowed.

    :param query: the text of ``sh:select`` or ``sh:ask``.
    :param prebound: further pre-bound variables (a constraint component's parameters).

    >>> forbidden("SELECT $this WHERE { $this ?p ?o MINUS { $this ?p 1 } }")
    'MINUS'
    >>> forbidden("SELECT $this WHERE { BIND (true AS $this) }")
    'AS $this (a pre-bound variable)'
    """
    text = strip(query)
    for word in ("MINUS", "SERVICE", "VALUES"):
        if re.search(rf"\b{word}\b", text, re.IGNORECASE):
            return word
    for name in re.findall(r"\bAS\s+[?$](\w+)", text, re.IGNORECASE):
        if name in _PREBOUND | set(prebound):
            return f"AS ${name} (a pre-bound variable)"
    selects = list(re.finditer(r"\bSELECT\b", text, re.IGNORECASE))
    ask = re.search(r"\bASK\b", text, re.IGNORECASE)
    main = 0 if ask and (not selects or ask.start() < selects[0].start()) else 1
    for m in selects[main:]:
        projection = re.split(r"\b(?:WHERE|FROM)\b|\{", text[m.end() :], maxsplit=1, flags=re.I)
        if not re.search(r"[?$]this\b", projection[0]):
            return "a nested SELECT that does not project $this"
    return None


def unbound_unsafe(query: str) -> str | None:  # noqa: C901 - one pass over the tokens
    """Why running ``query`` with ``$this`` unbound may differ from pre-binding it, or None.

    Safe: ``$this`` is the subject or object of a triple pattern of the top-level group, and
    appears in an expression (``FILTER``, ``BIND``, a function) only in the top-level group (a
    ``BIND`` after that triple pattern) or inside ``EXISTS``; in nested groups (``UNION``
    branches, ``OPTIONAL``, subqueries) only in triple patterns.
    """
    text = strip(query)
    begin = text.find("{")
    if begin < 0:
        return "no WHERE clause"
    # One frame per open brace: (inside EXISTS?, open parentheses within the frame).
    frames: list[list] = []
    bound_at_top = False
    pending = ""  # the last keyword seen (EXISTS opens a frame where $this is substituted)
    in_bind = 0  # parenthesis depth at which the current top-level BIND started (0: none)
    for token in re.finditer(r"[{}()]|[?$]this\b|[A-Za-z_]+|[^{}()?$A-Za-z_]+|[?$]", text[begin:]):
        t = token.group()
        frame = frames[-1] if frames else [False, 0]
        if t == "{":
            frames.append([frame[0] or pending.upper() == "EXISTS", 0])
        elif t == "}":
            frames.pop()
            if not frames:
                break
        elif t == "(":
            frame[1] += 1
            if pending.upper() == "BIND" and len(frames) == 1 and not in_bind:
                in_bind = frame[1]
        elif t == ")":
            if in_bind and frame[1] == in_bind and len(frames) == 1:
                in_bind = 0
            frame[1] -= 1
        elif t in ("?this", "$this"):
            if frame[0]:
                continue  # inside EXISTS: evaluated with $this substituted
            if len(frames) == 1 and frame[1] == 0:
                bound_at_top = True
            elif frame[1] and len(frames) > 1:
                return "$this is used in an expression of a nested group (UNION, OPTIONAL ...)"
            elif in_bind and not bound_at_top:
                return "$this is used in a BIND before a triple pattern binds it"
        if t.strip() and t not in "()":
            pending = t
    if not bound_at_top:
        return "$this is not bound by a triple pattern of the top-level group"
    return None


def check_shapes(shapes: Graph, where: str) -> Graph:
    """Refuse shapes whose SHACL-SPARQL SHACL forbids; resolve ``owl:imports`` of prefixes.

    :param shapes: the shapes graph (left unchanged).
    :param where: names the shapes in an error message.
    :returns: ``shapes``, or a copy with the imported prefix declarations added.
    :raises ShapesLoadError: naming the query's node and what it uses.
    """
    params: set[str] = set()
    for component in constraint_components(shapes):
        for parameter in shapes.objects(component, SH.parameter):
            path = shapes.value(parameter, SH.path)
            if path is not None:
                params.add(re.split(r"[#/]", str(path))[-1])
    for p in (SH.select, SH.ask):
        for node, text in shapes.subject_objects(p):
            why = forbidden(str(text), params)
            if why:
                name = _name(shapes, node)
                raise ShapesLoadError(where, f"{name}: SHACL forbids {why} in {curie(str(p))}")
    return _imports(shapes)


def _name(shapes: Graph, node: Node) -> str:
    """The query's IRI, else the shape or validator that holds it."""
    if isinstance(node, URIRef):
        return curie(str(node))
    for p in (SH.sparql, SH.validator, SH.nodeValidator, SH.propertyValidator):
        owner = shapes.value(None, p, node)
        if isinstance(owner, URIRef):
            return f"the query of {curie(str(owner))}"
    return "a query"


def _imports(shapes: Graph) -> Graph:
    additions = []
    for prefixes in set(shapes.objects(None, SH.prefixes)):
        seen, todo = {prefixes}, list(shapes.objects(prefixes, OWL.imports))
        while todo:
            onto = todo.pop()
            if onto in seen:
                continue
            seen.add(onto)
            additions += [(prefixes, SH.declare, d) for d in shapes.objects(onto, SH.declare)]
            todo += list(shapes.objects(onto, OWL.imports))
    if not additions:
        return shapes
    out = Graph(namespace_manager=shapes.namespace_manager)
    for t in shapes:
        out.add(t)
    for t in additions:
        out.add(t)
    return out


def constraint_components(shapes: Graph) -> list[Node]:
    """The custom constraint components declared in ``shapes``: instances of
    ``sh:ConstraintComponent`` or of a subclass of it, and any node with a parameter or validator.

    >>> constraint_components(Graph())
    []
    """
    classes = set(shapes.transitive_subjects(RDFS.subClassOf, SH.ConstraintComponent))
    found = {s for c in classes | {SH.ConstraintComponent} for s in shapes.subjects(RDF.type, c)}
    for p in (SH.parameter, SH.validator, SH.nodeValidator, SH.propertyValidator):
        found.update(shapes.subjects(p, None))
    return sorted(found, key=str)
