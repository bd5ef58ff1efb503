"""SPARQL query files: ``.rq`` files with a small header, and loading the packaged ones.

A header is a block of ``# key: value`` comment lines at the top of the file::

    # title: Agreements
    # description: One row per agreement.
    # param: lang (string, default "sv"): language of labels
    # columns: agreement, title

Parameters are bound as RDF terms in a ``VALUES`` block at the start of the WHERE group
(:func:`iopkg.sparql.binding.bind_values`), the same way on the embedded store and on an endpoint
(:mod:`iopkg.sparql.source`); user text is never pasted into the query.

>>> q = parse_query_text("# title: T\\n# param: n (integer, default 3): how many\\nSELECT ?n {}")
>>> q.title, q.params[0].name, q.params[0].type.value, q.params[0].default
('T', 'n', 'integer', '3')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from iopkg.errors import IopkgError, QueryError, UnknownQueryError
from iopkg.sparql.binding import ParamType
from iopkg.sparql.computed import ComputedColumn, parse_computed

QUERIES_DIR = Path(__file__).parent / "queries"
_PACKAGED = re.compile(r"(?:(?:internal|export|keys)/)?[a-z0-9][a-z0-9-]*")
_PAGE = re.compile(
    r"(?P<key>\w+)\s*\(\s*keys\s+(?P<keys>[\w/-]+)\s*,\s*in\s+(?P<into>\d)\s*,"
    r"\s*out\s+(?P<out>\d)\s*"
    r"(?:,\s*groups\s+(?P<groups>[\w/-]+)\s*(?:,\s*ungrouped\s+(?P<ungrouped>[\w/-]+)\s*)?)?\)"
)
#: header lines that may go on over lines starting "#  "
_CONTINUED = ("title", "description", "columns", "page")
_PARAM = re.compile(
    r"(?P<name>\w+)\s*\((?P<type>\w+)(?:,\s*default\s+\"?(?P<default>[^\")]*)\"?)?\)\s*:?\s*(?P<doc>.*)"
)


@dataclass(frozen=True)
class QueryParam:
    """A parameter of a query: a variable bound before the query runs."""

    name: str
    type: ParamType
    default: str | None = None
    description: str = ""


@dataclass(frozen=True)
class PageSpec:
    """How a listing is paged from a cached store (:mod:`iopkg.sparql.paging`).

    :param key: the variable that names a row (one row per value).
    :param keys: the packaged query that lists the keys in the listing's order.
    :param into: how many steps of incoming links a row's facts reach from its key (0 or 1).
    :param out: how many steps of outgoing links they reach from the key and those subjects.
    :param groups: the packaged query that lists the groups of keys, so that a first page is
        found without sorting every key (:func:`iopkg.sparql.paging.first_keys`), if any.
    :param ungrouped: with ``groups``, the packaged query that lists, in order, the keys that
        have no group and sort before every other (decisions without a date), if any.
    """

    key: str
    keys: str
    into: int
    out: int
    groups: str | None = None
    ungrouped: str | None = None


@dataclass(frozen=True)
class QueryFile:
    """A SPARQL query with its header."""

    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[QueryParam, ...] = ()
    columns: tuple[str, ...] = field(default_factory=tuple)
    #: columns filled in Python after the query ran (:mod:`iopkg.sparql.computed`).
    computed: tuple[ComputedColumn, ...] = ()
    #: how a page of it is read from a cached store (``# page:`` in the header), if it can be.
    page: PageSpec | None = None


def parse_query_text(text: str, name: str = "query") -> QueryFile:
    """Read the header of a query text.

    :param text: the whole ``.rq`` text.
    :param name: the query's name.
    :raises QueryError: when a ``# param:`` line cannot be read.
    """
    meta: dict[str, str] = {}
    params: list[QueryParam] = []
    computed: list[ComputedColumn] = []
    last = ""
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        if line.startswith(("#  ", "#\t")) and last in _CONTINUED:
            meta[last] = (meta.get(last, "") + " " + line[1:].strip()).strip()
            continue
        key, _, value = line.lstrip("# ").partition(":")
        key, value = key.strip().lower(), value.strip()
        last = key
        if key == "param":
            m = _PARAM.fullmatch(value)
            if not m:
                raise QueryError(f"{name}: cannot read parameter line '# param: {value}'")
            try:
                ptype = ParamType(m["type"].lower())
            except ValueError:
                kinds = ", ".join(t.value for t in ParamType)
                raise QueryError(
                    f"{name}: parameter '{m['name']}' has unknown type '{m['type']}' (use {kinds})"
                ) from None
            params.append(QueryParam(m["name"], ptype, m["default"], m["doc"].strip()))
        elif key == "computed":
            try:
                computed.append(parse_computed(value, name))
            except IopkgError as e:
                raise QueryError(str(e)) from None
        elif key in _CONTINUED:
            meta[key] = (meta.get(key, "") + " " + value).strip()
    columns = tuple(c.strip() for c in meta.get("columns", "").split(",") if c.strip())
    page = _page_spec(meta["page"], name) if "page" in meta else None
    return QueryFile(
        name,
        text,
        meta.get("title", ""),
        meta.get("description", ""),
        tuple(params),
        columns,
        tuple(computed),
        page,
    )


def _page_spec(value: str, name: str) -> PageSpec:
    m = _PAGE.fullmatch(value)
    if not m:
        raise QueryError(
            f"{name}: cannot read '# page: {value}' (write: VAR (keys NAME, in N, out N"
            "[, groups NAME[, ungrouped NAME]]))"
        )
    return PageSpec(m["key"], m["keys"], int(m["into"]), int(m["out"]), m["groups"], m["ungrouped"])


def load_query(path: Path) -> QueryFile:
    """Read a ``.rq`` file.

    :raises QueryError: when the file cannot be read.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise QueryError(f"{path}: cannot read query file: {e}") from None
    return parse_query_text(text, path.stem)


def packaged_query(name: str) -> QueryFile:
    """A query shipped with iopkg, by its path under ``iopkg/sparql/queries/`` without ``.rq``:
    ``NAME`` for the catalogue, ``internal/NAME`` for the package's own queries,
    ``export/NAME`` for the tables and networks.

    :raises UnknownQueryError: when there is no such query.

    >>> packaged_query("internal/class-counts").name
    'class-counts'
    """
    path = QUERIES_DIR / f"{name}.rq"
    if not _PACKAGED.fullmatch(name) or not path.is_file():
        raise UnknownQueryError(f"unknown query '{name}'; see 'iopkg query list'")
    return load_query(path)
