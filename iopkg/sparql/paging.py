"""Pages of a listing read from a cached store without computing the whole listing.

A listing query (``agreements``, ``funding-flows``, ``decisions``) sorts every row of the
register before the first one can be written: at 100 000 agreements, on the on-disk store, a
minute or more and gigabytes, even for ``--limit 100``. A query whose header has a ``# page:``
line is paged by key instead:

1. its keys query (``iopkg/sparql/queries/keys/``: the same required patterns and the same
   ORDER BY, one key per row) lists the keys in the listing's order; that list is kept with the
   cache entry (:func:`iopkg.store_cache.derived`), so only the first page computes it;
2. the facts of the page's keys are copied into a small in-memory store: every quad of the keys
   and of the subjects linking to them (``in 1``), and of the nodes they reach, as many steps
   out as the header says (``out 2``: an agreement, its municipality, the municipality's label);
3. the listing itself runs there, its rows restricted to those keys (a ``VALUES`` block).

Sorting every key still takes seconds on the on-disk store (17-20 s for the 238 000 keys of
``funding-flows`` at 100 000 agreements), so a listing whose header names a ``groups`` query
finds the keys of a first page without it (:func:`first_keys`): the keys of the groups that
sort first (the flows of the first agreements, the agreements of the municipalities with the
lowest codes), a few groups at a time.

The rows are the same as those of the whole listing from ``offset`` on, in the same order, as
long as each key gives one row and the header's reach covers every pattern of the query (the
tests compare every page with the whole listing). A listing read to its end goes the same way,
a few hundred keys at a time, so its memory stays bounded. Stores not from the cache, and
queries without a ``# page:`` line, are paged by reading the whole answer and skipping rows.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

import pyoxigraph as ox

from iopkg.errors import QueryError, QueryTimeoutError
from iopkg.namespaces import XSD
from iopkg.sparql.binding import bind_rows
from iopkg.sparql.files import PageSpec, QueryFile, packaged_query
from iopkg.sparql.result import Row, Term

__all__ = ["first_keys", "page_keys", "paged_stream", "reach"]


def _keys_parts(query: QueryFile, bindings: dict[str, Term]) -> list[str]:
    return [query.text, *(f"{k}={v}" for k, v in sorted((k, str(v)) for k, v in bindings.items()))]


def _item(term: Term) -> tuple[str, str]:
    """A term as plain strings (kept with the entry as a pickle): a blank node, an IRI, or a
    literal without a language (its datatype after the kind)."""
    if isinstance(term, ox.Literal):
        return (f"l{term.datatype.value}", term.value)
    return ("b" if isinstance(term, ox.BlankNode) else "n", term.value)


def _add_new(term: Term | None, out: list[tuple[str, str]], seen: set[tuple[str, str]]) -> None:
    """Append ``term`` to ``out`` the first time it comes (a listing's keys, in order)."""
    if term is not None and (item := _item(term)) not in seen:
        seen.add(item)
        out.append(item)


def _terms(items: list[tuple[str, str]]) -> list[Term]:
    return [_term(kind, value) for kind, value in items]


def _term(kind: str, value: str) -> Term:
    if kind == "b":
        return ox.BlankNode(value)
    if kind == "n":
        return ox.NamedNode(value)
    return ox.Literal(value, datatype=ox.NamedNode(kind[1:]))


def page_keys(store: ox.Store, spec: PageSpec, bindings: dict[str, Term]) -> list[Term]:
    """Every key of the listing, in its order (kept with the store's cache entry)."""
    from iopkg.sparql.source import LocalSource
    from iopkg.store_cache import derived

    query = packaged_query(spec.keys)

    def compute() -> list[tuple[str, str]]:
        seen: set[tuple[str, str]] = set()
        out = _ungrouped(store, spec, bindings, seen)
        for row in LocalSource(store).select(query, bindings).rows:
            _add_new(row[0], out, seen)
        return out

    return _terms(derived(store, "keys", _keys_parts(query, bindings), compute))


def _ungrouped(
    store: ox.Store, spec: PageSpec, bindings: dict[str, Term], seen: set[tuple[str, str]]
) -> list[tuple[str, str]]:
    """The keys without a group (the header's ``ungrouped`` query), in order, added to
    ``seen``: they sort before every other."""
    from iopkg.sparql.source import LocalSource

    out: list[tuple[str, str]] = []
    if spec.ungrouped is not None:
        for row in LocalSource(store).select(packaged_query(spec.ungrouped), bindings).rows:
            _add_new(row[0], out, seen)
    return out


#: The most groups in one round of :func:`first_keys`: a longer ``VALUES`` block can make
#: Oxigraph read the whole store (the decisions of 1 024 dates took 4.5 s at 100 000
#: agreements, those of 128 dates 0.03 s).
MOST_GROUPS = 256

#: A group as :func:`first_keys` keeps it: its sort key (:func:`_order`), how many keys it has
#: at most, and its own value (:func:`_item`).
Group = tuple[tuple, int, tuple[str, str]]


def first_keys(
    store: ox.Store, spec: PageSpec, bindings: dict[str, Term], count: int
) -> list[Term]:
    """The first ``count`` keys of the listing (fewer when it has fewer), in its order.

    From the keys kept with the entry when there are some; else, when the header names a
    ``groups`` query, by groups, without sorting every key:

    - the groups query lists every group: its sort value (first column), how many keys it has
      at most (a column ``n``, if any: else 1) and its own value (the last other column), a
      variable of the keys query that every key has (the agreement of a flow, the municipality
      of an agreement, a decision's date);
    - a key's first sort value (the keys query's second column) is the smallest sort value of
      its groups, and stays so when the keys query is restricted to some groups that include
      that one (a plain variable, or ``MIN`` over one: ``SAMPLE`` would not do);
    - the groups are sorted in Python by SPARQL's order of their sort values (unbound, then IRIs,
      then plain strings or dates, each by its text; any other term, and the page falls back to
      every key), and read a few at a time, as many as the keys still wanted need (at most
      :data:`MOST_GROUPS`), never splitting groups of the same sort value: the keys query,
      restricted to a round's groups by a ``VALUES`` block, gives their keys in order; a key is
      kept the first time it comes (a key with several groups comes first in the round of its
      smallest one).

    Keys without a group (the header's ``ungrouped`` query) come first. So the keys are those
    of :func:`page_keys`, in the same order. When the rounds reach the last group, the list is
    the whole one and is kept.
    """
    from iopkg.store_cache import derived, kept

    query = packaged_query(spec.keys)
    found, keys = kept(store, "keys", _keys_parts(query, bindings))
    if found:
        return _terms(keys[:count])  # type: ignore[index]
    groups = _sorted_groups(store, spec)
    if groups is None:
        return page_keys(store, spec, bindings)[:count]
    assert spec.groups is not None
    by = _group_var(packaged_query(spec.groups))
    seen: set[tuple[str, str]] = set()
    out = _ungrouped(store, spec, bindings, seen)
    start = 0
    while len(out) < count and start < len(groups):
        end, room = start, count - len(out)
        while end < len(groups) and end - start < MOST_GROUPS and (room > 0 or end == start):
            room -= groups[end][1]
            end += 1
        while end < len(groups) and groups[end][0] == groups[end - 1][0]:
            end += 1
        if not _round(store, query, by, bindings, groups[start:end], out, seen):
            return page_keys(store, spec, bindings)[:count]
        start = end
    if start >= len(groups):
        derived(store, "keys", _keys_parts(query, bindings), lambda: out)
    return _terms(out[:count])


def _sorted_groups(store: ox.Store, spec: PageSpec) -> list[Group] | None:
    """The groups of the header's groups query by their sort values (kept with the entry), or
    ``None`` when there is none or a sort value's order is not known here."""
    from iopkg.sparql.source import LocalSource
    from iopkg.store_cache import derived

    if spec.groups is None:
        return None
    query = packaged_query(spec.groups)

    own_at = query.columns.index(_group_var(query))
    size_at = query.columns.index("n") if "n" in query.columns else None

    def compute() -> list[Group] | None:
        ordered = []
        for row in LocalSource(store).select(query, {}).rows:
            order, own = _order(row[0]), row[own_at]
            size = 1 if size_at is None or row[size_at] is None else int(row[size_at].value)
            if order is None or (isinstance(own, ox.Literal) and own.language):
                return None
            if own is not None:
                ordered.append((order, size, _item(own)))
        if {3, 4} <= {group[0][0] for group in ordered}:
            return None  # strings and dates: how they compare is the store's choice
        return sorted(ordered)

    return derived(store, "groups", [query.text], compute)


def _round(
    store: ox.Store,
    query: QueryFile,
    by: str,
    bindings: dict[str, Term],
    part: list[Group],
    out: list[tuple[str, str]],
    seen: set[tuple[str, str]],
) -> bool:
    """Add the keys of the groups ``part`` (values of ``by``) to ``out`` in their order, from
    the keys ``query``; ``False`` when a key's sort value has an order left to the store."""
    from iopkg.sparql.source import LocalSource

    restricted = replace(query, text=bind_rows(query.text, by, _terms([g[2] for g in part])))
    last = part[-1][0]
    for row in LocalSource(store).select(restricted, bindings).rows:
        order = _order(row[1])
        if order is None:
            return False
        # a key sorting before this round's groups was kept by an earlier round (it is seen)
        if order <= last:
            _add_new(row[0], out, seen)
    return True


_STRING = str(XSD.string)
_DATE = str(XSD.date)
_PLAIN_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _order(term: Term | None) -> tuple | None:
    """A Python sort key giving SPARQL's ORDER BY order of unbound values, IRIs, plain strings
    and dates written YYYY-MM-DD, each kind by its text (``None`` for any other term, whose
    order this does not know). Strings and dates are not compared with each other: groups of
    both make the page sort every key.

    >>> sorted([ox.Literal("0114"), ox.NamedNode("http://e/b"), None], key=_order)
    [None, <NamedNode value=http://e/b>, <Literal value=0114 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#string>>]
    """
    if term is None:
        return (0, "")
    if isinstance(term, ox.NamedNode):
        return (2, term.value)
    if isinstance(term, ox.Literal) and term.language is None:
        if term.datatype.value == _STRING:
            return (3, term.value)
        if term.datatype.value == _DATE and _PLAIN_DATE.fullmatch(term.value):
            return (4, term.value)
    return None


def _group_var(groups: QueryFile) -> str:
    """The variable of a group's own value: the groups query's last column but ``n``."""
    named = [c for c in groups.columns if c != "n"]
    if not named:
        raise QueryError(f"{groups.name}: a groups query names its columns (# columns:)")
    return named[-1]


def reach(store: ox.Store, keys: list[Term], into: int, out: int) -> ox.Store:
    """A new in-memory store with the quads around ``keys``: those of every subject linking to a
    key (``into`` 1), and of the keys, those subjects and the nodes reached from them in up to
    ``out`` steps."""
    mini = ox.Store()
    nodes: list[Term] = list(keys)
    if into:
        for key in keys:
            nodes += [q.subject for q in store.quads_for_pattern(None, None, key)]
    seen = set(nodes)
    quads: list[ox.Quad] = []
    for _ in range(out):
        following: list[Term] = []
        for node in nodes:
            for q in store.quads_for_pattern(node, None, None):
                quads.append(q)
                o = q.object
                if isinstance(o, ox.NamedNode | ox.BlankNode) and o not in seen:
                    seen.add(o)
                    following.append(o)
        nodes = following
    mini.extend(quads)
    return mini


#: Keys per small store when a listing is read to its end by key: memory stays near 300 MiB at
#: 100 000 agreements, where the whole listing on the on-disk store took 4.3 GiB.
CHUNK = 500


@contextmanager
def paged_stream(
    store: ox.Store,
    query: QueryFile,
    bindings: dict[str, Term],
    offset: int,
    limit: int | None,
    timeout: float | None = None,
    *,
    chunk: int = CHUNK,
) -> Iterator[tuple[tuple[str, ...], Iterator[Row]]]:
    """The columns and rows ``offset`` to ``offset + limit`` (to the end when ``limit`` is
    ``None``) of ``query`` on ``store``.

    By key (see the module) when the query has a ``# page:`` line and ``store`` comes from the
    cache: a page's keys at once, a longer run ``chunk`` keys at a time, so a listing read to its
    end streams in bounded memory. ``timeout`` bounds the whole run. Otherwise the whole answer
    is read and rows are skipped.

    :raises QueryTimeoutError: when ``timeout`` passes.
    """
    from iopkg.sparql.source import LocalSource
    from iopkg.store_cache import entry_of

    spec = query.page
    if spec is None or entry_of(store) is None:
        with LocalSource(store, timeout).stream(query, bindings) as (columns, rows):
            yield columns, islice(rows, offset, None if limit is None else offset + limit)
        return
    deadline = None if timeout is None else time.monotonic() + timeout
    if limit is None:
        chosen = page_keys(store, spec, bindings)[offset:]
    else:
        chosen = first_keys(store, spec, bindings, offset + limit)[offset:]
    parts = [chosen[i : i + chunk] for i in range(0, len(chosen), max(chunk, 1))] or [[]]

    @contextmanager
    def part_rows(part: list[Term]) -> Iterator[tuple[tuple[str, ...], Iterator[Row]]]:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise QueryTimeoutError(f"{query.name}: stopped after --timeout {timeout:g} s")
        mini = reach(store, part, spec.into, spec.out)
        restricted = replace(query, text=bind_rows(query.text, spec.key, part))
        with LocalSource(mini, left).stream(restricted, bindings) as answer:
            yield answer

    def rest(first: Iterator[Row]) -> Iterator[Row]:
        yield from first
        for part in parts[1:]:
            with part_rows(part) as (_, rows):
                yield from rows

    with part_rows(parts[0]) as (columns, rows):
        yield columns, rest(rows)
