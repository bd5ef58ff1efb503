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

The rows are the same as those of the whole listing from ``offset`` on, in the same order, as
long as each key gives one row and the header's reach covers every pattern of the query (the
tests compare every page with the whole listing). A listing read to its end goes the same way,
a few hundred keys at a time, so its memory stays bounded. Stores not from the cache, and
queries without a ``# page:`` line, are paged by reading the whole answer and skipping rows.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice

import pyoxigraph as ox

from iopkg.errors import QueryTimeoutError
from iopkg.sparql.binding import bind_rows
from iopkg.sparql.files import PageSpec, QueryFile, packaged_query
from iopkg.sparql.result import Row, Term

__all__ = ["page_keys", "paged_stream", "reach"]


def page_keys(store: ox.Store, spec: PageSpec, bindings: dict[str, Term]) -> list[Term]:
    """Every key of the listing, in its order (kept with the store's cache entry)."""
    from iopkg.sparql.source import LocalSource
    from iopkg.store_cache import derived

    query = packaged_query(spec.keys)
    bound = sorted((k, str(v)) for k, v in bindings.items())

    def compute() -> list[tuple[str, str]]:
        seen: set[tuple[str, str]] = set()
        out = []
        for row in LocalSource(store).select(query, bindings).rows:
            term = row[0]
            if term is None:
                continue
            item = ("b" if isinstance(term, ox.BlankNode) else "n", term.value)
            if item not in seen:
                seen.add(item)
                out.append(item)
        return out

    kept = derived(store, "keys", [query.text, *(f"{k}={v}" for k, v in bound)], compute)
    return [ox.BlankNode(v) if k == "b" else ox.NamedNode(v) for k, v in kept]


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
    keys = page_keys(store, spec, bindings)
    chosen = keys[offset : None if limit is None else offset + limit]
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
