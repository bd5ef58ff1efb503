"""Refusing ``SERVICE``: no query, SPARQL-based shape or endpoint client chooses where iopkg
sends a request (nor, nesting thousands of levels deep, crashes the SPARQL parser:
:func:`refuse_deep_nesting`).

Oxigraph (the embedded store and the ``oxigraph`` server) and rdflib (pySHACL's SPARQL engine)
both evaluate ``SERVICE <url> { ... }`` by sending an HTTP request to ``url``. iopkg looks for it
in the parsed query (rdflib's SPARQL 1.1 parser: a ``ServiceGraphPattern`` anywhere in the
tree), not in the text, so ``"SERVICE"`` in a string, an IRI or a comment is not a match. Text
that rdflib cannot parse (SPARQL 1.2 syntax Oxigraph accepts) falls back to the query's tokens:
a keyword ``SERVICE`` outside strings, IRIs and comments.

>>> find_service("SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }")
'http://127.0.0.1:9/'
>>> find_service('SELECT * WHERE { ?s ?p "SERVICE <http://x/>" } # SERVICE') is None
True
"""

from __future__ import annotations

import functools
import re
from typing import Any

from iopkg.errors import ServiceRefusedError, SparqlSyntaxError

__all__ = [
    "MAX_NESTING",
    "SPARQL_TOKEN",
    "ServiceRefusedError",
    "find_service",
    "refuse_deep_nesting",
    "refuse_service",
]


def find_service(text: str) -> str | None:
    """The target of the first ``SERVICE`` clause in a query or update, or ``None``.

    :param text: SPARQL query or update text.
    :return: the service IRI, prefixed name or variable as written; ``None`` when there is none.
    """
    # Fast path: the keyword can only be written as letters or through \u/\U escapes (which
    # SPARQL decodes before parsing); text with neither cannot hold SERVICE. Parsing with rdflib
    # costs about 0.1 s a query, so the parsed answer is kept per text (queries repeat).
    if "service" not in text.casefold() and "\\u" not in text.casefold():
        return None
    return _find_service_parsed(text)


@functools.lru_cache(maxsize=256)
def _find_service_parsed(text: str) -> str | None:
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    for parse in (parseQuery, parseUpdate):
        try:
            tree = parse(text)
        except Exception:  # noqa: BLE001 - pyparsing raises several kinds: try the next parser
            continue
        return _service_in_tree(tree)
    return _service_in_tokens(text)


def refuse_service(text: str, name: str = "query") -> None:
    """Raise :class:`ServiceRefusedError` when ``text`` holds a ``SERVICE`` clause, and
    :class:`SparqlSyntaxError` when it nests more than :data:`MAX_NESTING` levels deep
    (:func:`refuse_deep_nesting`): both are checked before any parser or engine sees it.

    :param text: SPARQL query or update text.
    :param name: the query, file or option, for the message.
    :raises ServiceRefusedError: naming the service.
    :raises SparqlSyntaxError: when the text nests too deep.
    """
    refuse_deep_nesting(text, name)
    target = find_service(text)
    if target is not None:
        raise ServiceRefusedError(
            f"{name}: SERVICE {target} is not allowed: iopkg does not send requests to places "
            "a query chooses (federated queries are refused)"
        )


#: How deep a query may nest groups, parentheses and brackets. Oxigraph's SPARQL parser (the
#: embedded store's and the ``oxigraph`` server's) recurses once per level: 5 000 levels
#: overflowed its stack and killed the process (exit 139); real queries nest a handful.
MAX_NESTING = 100


def refuse_deep_nesting(text: str, name: str = "query") -> None:
    """Raise :class:`SparqlSyntaxError` when ``text`` nests ``{``, ``(`` or ``[`` more than
    :data:`MAX_NESTING` levels deep (outside strings, IRIs and comments).

    >>> refuse_deep_nesting("ASK { " + "(" * 101 + "1" + ")" * 101 + " }", "--sparql")
    Traceback (most recent call last):
    iopkg.errors.SparqlSyntaxError: --sparql: the query nests more than 100 levels deep ...
    >>> refuse_deep_nesting('ASK { ?s ?p "' + "(" * 200 + '" }')  # in a string: no nesting
    """
    depth = 0
    for m in SPARQL_TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "punct" or (kind == "word" and ("[" in m.group() or "]" in m.group())):
            for c in m.group():
                if c in "{([":
                    depth += 1
                    if depth > MAX_NESTING:
                        raise SparqlSyntaxError(
                            f"{name}: the query nests more than {MAX_NESTING} levels deep "
                            "({, ( or [); iopkg does not run it (the SPARQL parser would "
                            "overflow its stack)"
                        )
                elif c in "})]":
                    depth -= 1


def _service_in_tree(tree: Any) -> str | None:
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:  # iterative: a deeply nested query does not exhaust Python's stack
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return _term_text(node.get("term"))
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return None


def _term_text(term: Any) -> str:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(term, CompValue) and term.name == "pname":
        return f"{term.get('prefix') or ''}:{term.get('localname') or ''}"
    if type(term).__name__ == "Variable":
        return f"?{term}"
    return str(term)


#: SPARQL 1.1 terminals that may hold the word SERVICE, braces, parentheses or '#' without
#: meaning them (also :mod:`iopkg.sparql.binding`'s tokens).
SPARQL_TOKEN = re.compile(
    r"""(?P<ws>\s+)
      | (?P<comment>\#[^\n]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                   |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<punct>[{}()])
      | (?P<word>[^\s{}()#"'<]+|<)
    """,
    re.VERBOSE | re.DOTALL,
)


def _service_in_tokens(text: str) -> str | None:
    tokens = [
        (m.lastgroup or "word", m.group(), m.start())
        for m in SPARQL_TOKEN.finditer(text)
        if m.lastgroup not in ("ws", "comment")
    ]
    for i, (kind, value, _) in enumerate(tokens):
        if kind == "word" and value.upper() == "SERVICE":
            rest = [v for k, v, _ in tokens[i + 1 : i + 3] if v.upper() != "SILENT"]
            return (rest[0].strip("<>") if rest else "?") or "?"
    return None
