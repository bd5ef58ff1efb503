r"""Typed query parameters, bound as a ``VALUES`` block of RDF terms, and the read-only check.

A parameter value given as text (``--param date=2020-01-01``) is first converted to an RDF term of
its declared type; the term's N-Triples form (escaped by Oxigraph) is then put into a ``VALUES``
block at the start of the query's WHERE group. User text is never pasted into a query: whatever
quotes, braces, ``#`` or line breaks a value holds, it stays inside one literal.

The same binding runs on the embedded store and on a remote endpoint, so both give the same
answers. A variable bound this way is bound in the WHERE group and its FILTERs (not inside
sub-SELECTs that do not project it); the catalogue's queries are written for that.

>>> bind_values("SELECT ?x WHERE { ?x ?p ?n }", {"n": to_term(ParamType.string, 'a"}#')})
'SELECT ?x WHERE { VALUES (?n) { ("a\\"}#") } ?x ?p ?n }'
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from enum import StrEnum

import pyoxigraph as ox

from iopkg.errors import ParamError, SparqlSyntaxError, UpdateRefusedError
from iopkg.federation import SPARQL_TOKEN
from iopkg.namespaces import PREFIXES, XSD
from iopkg.sparql.result import Term

_XSD_DATE, _XSD_INTEGER = ox.NamedNode(str(XSD.date)), ox.NamedNode(str(XSD.integer))
_XSD_DECIMAL, _XSD_GYEAR = ox.NamedNode(str(XSD.decimal)), ox.NamedNode(str(XSD.gYear))
_UPDATE_WORDS = frozenset("INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH".split())


class ParamType(StrEnum):
    """The type of a query parameter, and so of the RDF term its value becomes."""

    date = "date"
    integer = "integer"
    decimal = "decimal"
    iri = "iri"
    string = "string"
    year = "year"


class QueryForm(StrEnum):
    """The read query forms iopkg runs (both give a table)."""

    select = "SELECT"
    ask = "ASK"


def to_term(ptype: ParamType, value: str, name: str = "value") -> Term:
    """Convert a parameter's text to an RDF term of its type.

    IRIs may be written in full or as a CURIE with one of iopkg's prefixes (``id:org/x``).

    :param ptype: the declared type.
    :param value: the text given by the user.
    :param name: the parameter's name, for messages.
    :raises ParamError: when the text is not a value of that type.

    >>> to_term(ParamType.integer, "6")
    <Literal value=6 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
    >>> to_term(ParamType.iri, "id:municipality/1281").value
    'https://w3id.org/iopkg/id/municipality/1281'
    >>> to_term(ParamType.year, "2024").datatype.value
    'http://www.w3.org/2001/XMLSchema#gYear'
    """
    try:
        if ptype is ParamType.date:
            return ox.Literal(dt.date.fromisoformat(value).isoformat(), datatype=_XSD_DATE)
        if ptype is ParamType.integer:
            return ox.Literal(str(int(value.strip())), datatype=_XSD_INTEGER)
        if ptype is ParamType.decimal:
            number = Decimal(value.strip())
            if not number.is_finite():
                raise ValueError(value)
            return ox.Literal(format(number, "f"), datatype=_XSD_DECIMAL)
        if ptype is ParamType.iri:
            return ox.NamedNode(_expand(value.strip()))
        if ptype is ParamType.year:
            if not re.fullmatch(r"\d{4}", value.strip()):
                raise ValueError(value)
            return ox.Literal(value.strip(), datatype=_XSD_GYEAR)
        return ox.Literal(value)
    except (ValueError, InvalidOperation):
        article = "an" if ptype in (ParamType.integer, ParamType.iri) else "a"
        raise ParamError(f"parameter '{name}': {value!r} is not {article} {ptype.value}") from None


def _expand(value: str) -> str:
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return str(PREFIXES[prefix]) + local
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise ValueError(value)
    return value


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out = []
    for m in SPARQL_TOKEN.finditer(text):
        kind = m.lastgroup or "word"
        if kind not in ("ws", "comment"):
            out.append((kind, m.group(), m.start()))
    return out


def check_read_query(text: str, name: str = "query") -> QueryForm:
    """Check that ``text`` is a valid SPARQL SELECT or ASK query; say which.

    The text is parsed by Oxigraph (nothing is evaluated); an update is recognised by rdflib's
    SPARQL update parser, not by looking for words.

    :param text: the query text.
    :param name: the query's name or file, for messages.
    :raises UpdateRefusedError: when the text is an update.
    :raises SparqlSyntaxError: when it is not valid SPARQL (with line and column), or not
        a SELECT or ASK query.

    >>> check_read_query("PREFIX a: <x:> ASK { ?s a:p ?o }")
    <QueryForm.ask: 'ASK'>
    """
    from iopkg.federation import refuse_service

    refuse_service(text, name)  # before anything evaluates it: SERVICE sends a request
    try:
        # An empty store: parsed, nothing to match. Oxigraph's query parser takes no update, so
        # only text it refuses needs rdflib's update parser (0.1 s to import and run).
        answer = ox.Store().query(text)
    except SyntaxError as e:
        if is_update(text) or starts_as_update(text):
            raise UpdateRefusedError(
                f"{name}: is a SPARQL update; updates are not allowed (only read queries, "
                "SELECT and ASK, run)"
            ) from None
        msg = str(e)
        m = re.match(r"error at (\d+):(\d+): (.*)", msg, re.DOTALL)
        if m:
            msg = f"line {m[1]}, column {m[2]}: {m[3]}"
        raise SparqlSyntaxError(f"{name}: SPARQL syntax error: {' '.join(msg.split())}") from None
    if isinstance(answer, ox.QuerySolutions):
        return QueryForm.select
    if isinstance(answer, ox.QueryBoolean):
        return QueryForm.ask
    raise SparqlSyntaxError(f"{name}: only SELECT and ASK queries are supported")


def is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parsed = parseUpdate(text)
    except Exception:  # noqa: BLE001 - pyparsing raises several kinds; any means "not an update"
        return False
    return bool(parsed.request)


def starts_as_update(text: str) -> bool:
    """The first keyword after the prologue (PREFIX, BASE) is an update operation's, as in
    ``INSERT DATA { ... }; SELECT ...``, which neither parser accepts as a whole."""
    tokens = [(k, v) for k, v, _ in _tokens(text)]
    i = 0
    while i < len(tokens) and tokens[i][0] == "word" and tokens[i][1].upper() in ("PREFIX", "BASE"):
        i += 3 if tokens[i][1].upper() == "PREFIX" else 2
    return i < len(tokens) and tokens[i][0] == "word" and tokens[i][1].upper() in _UPDATE_WORDS


def where_brace(text: str) -> int:
    """The offset of the ``{`` opening the WHERE group of a SELECT or ASK query.

    Strings, IRIs, comments and parenthesised expressions (``EXISTS { }`` in a projection) are
    skipped.

    :raises SparqlSyntaxError: when there is none.

    >>> where_brace('SELECT ("{" AS ?x) # {\\nWHERE { }')
    29
    """
    depth, seen_form = 0, False
    for kind, value, start in _tokens(text):
        if kind == "word" and value.upper() in ("SELECT", "ASK"):
            seen_form = True
        elif kind == "punct" and seen_form:
            if value == "(":
                depth += 1
            elif value == ")":
                depth -= 1
            elif value == "{" and depth == 0:
                return start
    raise SparqlSyntaxError("query has no WHERE group to bind parameters in")


def bind_values(text: str, bindings: dict[str, Term]) -> str:
    """The query with a ``VALUES`` block binding ``bindings`` at the start of its WHERE group.

    :param text: a SELECT or ASK query.
    :param bindings: RDF terms by variable name (without ``?``).
    :raises SparqlSyntaxError: when the query has no WHERE group.
    """
    if not bindings:
        return text
    for var in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", var):
            raise ParamError(f"parameter '{var}': not a SPARQL variable name")
    at = where_brace(text) + 1
    names = " ".join(f"?{v}" for v in bindings)
    values = " ".join(str(t) for t in bindings.values())
    return f"{text[:at]} VALUES ({names}) {{ ({values}) }}{text[at:]}"


def bind_rows(text: str, var: str, terms: list[Term]) -> str:
    """The query with a one-variable ``VALUES`` block of ``terms`` (any number of them) at the
    start of its WHERE group: the rows are those of these values of ``var`` only.

    >>> bind_rows("SELECT ?x WHERE { ?x ?p ?o }", "x", [ox.NamedNode("http://e/a")])
    'SELECT ?x WHERE { VALUES ?x { <http://e/a> } ?x ?p ?o }'
    """
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", var):
        raise ParamError(f"'{var}': not a SPARQL variable name")
    at = where_brace(text) + 1
    values = " ".join(str(t) for t in terms)
    return f"{text[:at]} VALUES ?{var} {{ {values} }}{text[at:]}"


#: A label's language joined on ``?lang``: ``BIND (LANG(?x) AS ?lang)`` (see :func:`lang_filters`).
_LANG_JOIN = re.compile(r"BIND \(LANG\((\?[A-Za-z_][A-Za-z0-9_]*)\) AS \?lang\)")


def lang_filters(text: str) -> str:
    """The query with each ``BIND (LANG(?x) AS ?lang)`` made ``FILTER (LANG(?x) = ?lang)``,
    for a query whose ``?lang`` is bound by the ``VALUES`` block at the start of its WHERE group
    (:func:`bind_values`); the language stays a bound term, nothing is pasted in.

    The catalogue's queries pick a label in the language asked for by joining on ``?lang``
    inside an ``OPTIONAL`` (a form every server reads alike: Virtuoso does not see an outer
    variable in an ``OPTIONAL``'s filter). Oxigraph evaluates such an ``OPTIONAL`` on its own,
    over every label of the store, and holds it while the query runs (400 MiB for the query
    ``agreements`` at 10 000 agreements, 4 GiB at 100 000); as a filter on the outer ``?lang``
    it looks each label up from the row. The solutions are the same (the join kept exactly the
    labels in that language), and so is their order. Only for a query that binds ``?lang``
    nowhere else (not in a subquery, not in a ``BIND`` of its own).

    >>> lang_filters('SELECT ?l WHERE { VALUES (?lang) { ("sv") } '
    ...              'OPTIONAL { ?s ?p ?l BIND (LANG(?l) AS ?lang) } }')
    'SELECT ?l WHERE { VALUES (?lang) { ("sv") } OPTIONAL { ?s ?p ?l FILTER (LANG(?l) = ?lang) } }'
    """
    return _LANG_JOIN.sub(lambda m: f"FILTER (LANG({m.group(1)}) = ?lang)", text)
