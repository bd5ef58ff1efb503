"""HTML pages of a publication: one per agreement, organisation, municipality and decision, an
index with sortable tables and the comparison chart, and the ontology's documentation.

Pages are rendered with Jinja2 templates (``iopkg/publish/templates/``); each resource page
also embeds its facts as JSON-LD. Resources under ``https://w3id.org/iopkg/id/X`` are written
to ``id/X.html`` (any other IRI: :func:`page_path`).

>>> page_path("https://w3id.org/iopkg/id/agreement/lund-radrum-2019")
'id/agreement/lund-radrum-2019.html'
"""

from __future__ import annotations

import ctypes
import gc
import hashlib
import os
import pickle
import posixpath
import re
import signal
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import escape
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import OWL

from iopkg.analysis.chart import draw_chart
from iopkg.analysis.compare import ComparisonRow, FundsSource, compare
from iopkg.analysis.completeness import completeness
from iopkg.errors import PublishError, raise_if_interrupted
from iopkg.namespaces import DCTERMS, ID, PREFIXES, SYNTH, curie
from iopkg.progress import progress
from iopkg.publish import fragments, i18n
from iopkg.publish.files import write_text
from iopkg.publish.i18n import WORDS, Lang, localised
from iopkg.publish.network_view import NetworkLayout, network_layout, network_view
from iopkg.publish.search import (
    SearchRecord,
    finish_index,
    row_meta,
    shard_path,
    shard_sizes,
    start_indexing,
    write_documents,
)
from iopkg.publish.site import DCT_SOURCE, RDF_TYPE, Site, Term, Value, term_key
from iopkg.publish.views import (
    P_COUNTY,
    P_UNDER,
    Agreement,
    AgreementFacts,
    AreaYears,
    population,
)
from iopkg.sparql.catalogue import bind_params, get_query
from iopkg.sparql.computed import Computation, computed_values
from iopkg.sparql.files import packaged_query
from iopkg.sparql.source import LocalSource

_DG = ox.DefaultGraph()
DCT_TITLE = ox.NamedNode(str(DCTERMS.title))

#: Writes the comparison chart (an SVG or PNG file) to the path it is given.
ChartHook = Callable[[Path], None]
CHART_FILE = "chart.svg"


class ComparisonChart:
    """The default chart: the comparison by municipality and year of ``store``, in English when
    the file is in the site's ``en/`` folder, else in Swedish.

    :attr:`rows` may hold the comparison of a language already computed (the municipality
    pages need it too): it is drawn from those rows rather than computed again.

    :param store: the published graph.
    """

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.rows: dict[str, list[ComparisonRow]] = {}

    def __call__(self, path: Path) -> None:
        lang = "en" if path.parent.name == "en" else "sv"
        rows = self.rows.get(lang)
        if rows is None:
            rows = compare(source=LocalSource(self.store), lang=lang)
        draw_chart(rows, path, lang=lang)


_ENV = Environment(
    loader=PackageLoader("iopkg.publish", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
    auto_reload=False,  # templates do not change during a build: no stat() per include
)
_ENV.globals["h"] = fragments  # facts lists, quotes and links as plain strings
#: Compiled once: rendering a page must not look the template up again.
_RESOURCE = _ENV.get_template("resource.html")

__all__ = [
    "ChartHook",
    "ComparisonChart",
    "Site",
    "Value",
    "page_path",
    "resource_page",
    "write_pages",
]


def page_path(iri: str) -> str:
    """The page of a resource, relative to the publication folder: ``id/X.html`` for
    ``https://w3id.org/iopkg/id/X`` (``synthetic/X.html`` for synthetic data) when every
    segment of ``X`` is a plain file name; any other IRI (another namespace, ``..``, ``%``,
    ``?``) gets ``ext/NAME-HASH.html``, named by its last segment and a hash of the whole IRI,
    so that a data file can neither choose where a page is written nor make two resources
    share a page.

    :param iri: a resource IRI.

    >>> page_path("https://w3id.org/iopkg/id/../../index")
    'ext/index-5a762e008c85075b.html'
    >>> page_path("https://lund.se/iop/avtal?id=7")
    'ext/avtal-id-7-d0988bc5cc646dd2.html'
    """
    for base, folder in _PAGE_ROOTS:
        if iri.startswith(base) and _SAFE_LOCAL.fullmatch(local := iri[len(base) :]):
            return folder + local + ".html"
    return _hashed_path(iri)


def _hashed_path(iri: str) -> str:
    """``ext/NAME-HASH.html``: the IRI's last segment as a slug, and a hash of the IRI."""
    name = "-".join(_SLUG_BREAK.split(iri.rstrip("/").rpartition("/")[2].lower())).strip("-")
    digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:16]
    return f"ext/{name[:40].strip('-')}-{digest}.html" if name else f"ext/{digest}.html"


def page_paths(iris: Iterable[str]) -> dict[str, str]:
    """:func:`page_path` of each IRI, except that of IRIs whose paths differ only in case
    (``id:org/ABC`` and ``id:org/abc``) only the first in IRI order keeps its path: on a
    case-insensitive file system (macOS, Windows) the others would overwrite its page, so they
    get ``ext/NAME-HASH.html``.

    >>> paths = page_paths(["https://w3id.org/iopkg/id/org/abc", "https://w3id.org/iopkg/id/org/ABC"])
    >>> list(paths.values())
    ['ext/abc-982200a5357bb176.html', 'id/org/ABC.html']
    """
    iris = list(iris)
    found: dict[str, str] = {}
    taken: set[str] = set()
    for iri in sorted(iris):
        path = page_path(iri)
        if path.casefold() in taken:
            path = _hashed_path(iri)
        taken.add(path.casefold())
        found[iri] = path
    return {iri: found[iri] for iri in iris}  # in the order given


#: Namespaces whose resources' pages keep the IRI's path, and the folder they are written to.
_PAGE_ROOTS = ((str(ID), "id/"), (str(SYNTH), "synthetic/"))
#: A local name that is a safe relative path: segments of letters, digits, ``.``, ``_``, ``~``
#: and ``-``, none starting with a dot (no ``..``, no hidden files), none empty.
_SAFE_LOCAL = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*")
_SLUG_BREAK = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Context:
    """What every page of one language shares."""

    site: Site
    lang: Lang
    facts: AgreementFacts
    areas: AreaYears
    #: each agreement's row of the catalogue query ``agreements``, as the JSON text the search
    #: index keeps (:func:`~iopkg.publish.search.row_meta`), by agreement IRI.
    rows: dict[str, str]

    def word_map(self) -> dict[str, str]:
        """The interface's words in the context's language (one dict per language, made once:
        the templates only read it)."""
        return _WORD_MAPS[self.lang]


_WORD_MAPS = {lang: {k: v[lang] for k, v in WORDS.items()} for lang in Lang}


def _link(ctx: Context, iri: str | None, here: str) -> dict[str, str | None]:
    if iri is None:
        return {"text": "", "href": None}
    node = ox.NamedNode(iri)
    return {"text": ctx.site.label(node, ctx.lang), "href": ctx.site.href(node, here)}


def _years(money: dict[int, dict[FundsSource, Decimal]], lang: Lang) -> dict[str, object]:
    """Money per year by source of funds, and totals, formatted."""
    rows = []
    zero = Decimal(0)
    totals = dict.fromkeys(_SOURCES, zero)
    for year in sorted(money):
        by = money[year]
        row: dict[str, object] = {"year": year}
        for src in _SOURCES:
            v = by.get(src, zero)
            totals[src] += v
            row[src.value] = i18n.money(v, lang)
        row["total"] = i18n.money(sum(by.values(), zero), lang)
        rows.append(row)
    return {
        "rows": rows,
        **{src.value: i18n.money(totals[src], lang) for src in _SOURCES},
        "total": i18n.money(sum(totals.values(), zero), lang),
    }


#: The sources of funds in their order (iterating the enum itself costs a generator each time).
_SOURCES = tuple(FundsSource)


def _area_years(rows: list[ComparisonRow], lang: Lang) -> dict[str, object]:
    """A municipality's or county's comparison rows (money by source, per inhabitant)."""
    out = _years(
        {
            r.year: {
                FundsSource.municipal: r.municipal,
                FundsSource.state: r.state,
                FundsSource.other: r.other,
            }
            for r in rows
        },
        lang,
    )
    for row, r in zip(out["rows"], rows, strict=True):  # type: ignore[arg-type]
        row["agreements"] = r.agreements
        row["population"] = i18n.number(r.population, lang)
        row["per_inhabitant"] = i18n.money(r.per_inhabitant, lang, 2)
    return out


def _agreement_rows(ctx: Context, iris: list[str], here: str) -> list[dict[str, object]]:
    out = []
    for iri in iris:
        a = ctx.facts.agreements[iri]
        node, total = ox.NamedNode(iri), a.total
        out.append(
            {
                "label": ctx.site.label(node, ctx.lang),
                "href": ctx.site.href(node, here),
                "municipality": _link(ctx, a.municipality, here),
                "parties": [_link(ctx, o, here) for o in a.idea_parties],
                "start": a.start,
                "end": a.end,
                "total": i18n.money(total, ctx.lang),
                # the kronor shown, for sorting: rounded as shown (i18n.money), not cut off
                "total_raw": f"{Decimal(total).to_integral_value(ROUND_HALF_UP) + 0:f}",
            }
        )
    out.sort(key=lambda r: (str(r["start"]), str(r["label"])))
    return out


def _rows_total(ctx: Context, iris: list[str]) -> str:
    return i18n.money(sum((ctx.facts.agreements[i].total for i in iris), Decimal(0)), ctx.lang)


def _money_of(ctx: Context, iris: list[str]) -> dict[int, dict[FundsSource, Decimal]]:
    out: dict[int, dict[FundsSource, Decimal]] = {}
    for i in iris:
        for year, by in ctx.facts.agreements[i].money.items():
            acc = out.setdefault(year, dict.fromkeys(_SOURCES, Decimal(0)))
            for src, v in by.items():
                acc[src] += v
    return out


def _filters(ctx: Context, a: Agreement) -> list[tuple[str, list[str]]]:
    """The values of an agreement for each filter of the search page, in ``ctx``'s language."""
    lang, label = ctx.lang, ctx.site.label
    return [
        ("municipality", [label(ox.NamedNode(a.municipality), lang)] if a.municipality else []),
        ("county", [label(ox.NamedNode(a.county), lang)] if a.county else []),
        ("organisation", sorted({label(ox.NamedNode(o), lang) for o in a.organisations})),
        ("focus", sorted({label(ox.NamedNode(o), lang) for o in a.focus_areas})),
        ("year", [str(y) for y in a.years]),
        ("source", [WORDS[s.value][lang] for s in a.sources]),
    ]


def summary(ctx: Context, iri: str, kind: str, here: str) -> dict[str, object]:
    """What a page of ``kind`` shows before its facts (see :mod:`iopkg.publish.views`)."""
    lang = ctx.lang
    if kind == "agreement":
        a = ctx.facts.agreements[iri]
        return {
            "public": [_link(ctx, o, here) for o in a.public_parties],
            "idea": [_link(ctx, o, here) for o in a.idea_parties],
            "contributing": [_link(ctx, o, here) for o in a.contributing],
            "municipality": _link(ctx, a.municipality, here),
            "county": _link(ctx, a.county, here) if a.county else None,
            "activities": [_link(ctx, o, here) for o in a.activities],
            "focus": [_link(ctx, o, here) for o in a.focus_areas],
            "decisions": [_link(ctx, d, here) for d in a.decisions],
            "start": a.start,
            "end": a.end,
            "years": _years(a.money, lang),
        }
    if kind == "organisation":
        iris = ctx.facts.by_organisation.get(iri, [])
    elif kind == "municipality":
        iris = ctx.facts.by_municipality.get(iri, [])
    elif kind == "county":
        iris = ctx.facts.by_county.get(iri, [])
    else:
        iris = ctx.facts.by_decision.get(iri, [])
    out: dict[str, object] = {
        "rows": _agreement_rows(ctx, iris, here),
        "rows_total": _rows_total(ctx, iris),
        "years": _years(_money_of(ctx, iris), lang),
    }
    if kind in ("municipality", "county"):
        out["years"] = _area_years(ctx.areas.rows.get(iri, []), lang)
        pop = population(ctx.site.store, iri)
        out["population"] = [(y, i18n.number(n, lang)) for y, n in pop]
        counties = [
            q.object.value
            for q in ctx.site.store.quads_for_pattern(ox.NamedNode(iri), P_COUNTY, None, _DG)
        ]
        out["county"] = _link(ctx, counties[0], here) if counties else None
        if kind == "county":
            muns = sorted({ctx.facts.agreements[i].municipality for i in iris} - {None})
            out["municipalities"] = [_link(ctx, m, here) for m in muns]
    return out


def _incoming(site: Site, s: ox.NamedNode) -> list[tuple[Term, ox.NamedNode]]:
    """(subject, predicate) of the triples pointing at ``s``, in rdflib's order."""
    return sorted(
        (
            (q.subject, q.predicate)
            for q in site.store.quads_for_pattern(None, None, s, ox.DefaultGraph())
        ),
        key=lambda xp: (*term_key(xp[0]), xp[1].value),
    )


def home(site: Site, x: Term) -> str | None:
    """The page a resource without a page of its own (a funding flow, help in kind) is shown
    in full on: that of the agreement it is under, if that has a page; else ``None`` (shown in
    full wherever it is pointed at).

    A funding flow points at its agreement, its funder and its recipient; shown in full on all
    three, an administration's page at 100 000 agreements held every flow it funds, facts,
    quotes and JSON-LD (16 MB for one page). On the others it is a link to its agreement.
    """
    for o in site.objects(x, P_UNDER):
        if type(o) is ox.NamedNode and o.value in site.pages:
            return o.value
    return None


def page_jsonld(site: Site, iri: str, incoming: list[tuple[Term, ox.NamedNode]]) -> str:
    """The JSON-LD a resource page embeds: the resource and the nameless resources that point
    at it (the same in every language). Those shown in full on another page (:func:`home`)
    are there; here only their statement pointing at the resource is."""
    s = ox.NamedNode(iri)
    inline, stubs = [], []
    for x, p in incoming:
        if isinstance(x, ox.BlankNode) or x.value in site.pages:
            continue
        if home(site, x) in (None, iri):
            inline.append(x)
        else:
            stubs.append((x, p, s))
    return site.jsonld([s, *inline], stubs)


def resource_pages(ctxs: list[Context], iri: str, kind: str) -> list[str]:
    """The HTML page of one resource in each context's language; what does not depend on the
    language (the incoming links, the JSON-LD) is read once."""
    ctxs[0].site.forget()
    incoming = _incoming(ctxs[0].site, ox.NamedNode(iri))
    jsonld = page_jsonld(ctxs[0].site, iri, incoming)
    return [resource_page(ctx, iri, kind, _shared=(incoming, jsonld)) for ctx in ctxs]


def resource_page(
    ctx: Context,
    iri: str,
    kind: str,
    _shared: tuple[list[tuple[Term, ox.NamedNode]], str] | None = None,
) -> str:
    """The HTML page of one resource in the context's language.

    :param ctx: the site being written and the page's language.
    :param iri: the resource.
    :param kind: agreement, organisation, municipality, county or decision.
    """
    site, lang = ctx.site, ctx.lang
    here = site.pages[iri]
    s = ox.NamedNode(iri)
    related = []
    if _shared is None:
        site.forget()
        incoming = _incoming(site, s)
        jsonld = page_jsonld(site, iri, incoming)
    else:
        incoming, jsonld = _shared
    for x, p in incoming:
        if isinstance(x, ox.BlankNode) or x in site.personal:
            continue
        if x.value in site.pages and kind in ("municipality", "county", "organisation"):
            continue  # listed in the summary's table
        elsewhere = None if x.value in site.pages else home(site, x)
        if elsewhere == iri:
            elsewhere = None
        entry = {
            "prop": site.label(p, lang),
            "value": (
                Value(site.label(x, lang), href=site.href(ox.NamedNode(elsewhere), here))
                if elsewhere
                else site.values(x, here, lang=lang)
            ),
            "facts": [],
            "quotes": [],
        }
        if x.value not in site.pages and not elsewhere:
            entry["facts"] = site.facts(x, here, lang=lang)
            entry["quotes"] = site.quotes(x, lang)
        related.append(entry)
    related.sort(key=lambda e: (e["prop"], e["value"].text))
    types = [
        site.values(t, here, lang=lang) for t in sorted(site.objects(s, RDF_TYPE), key=term_key)
    ]
    sources = sorted(site.label(d, lang) for d in site.objects(s, DCT_SOURCE))
    root = posixpath.relpath(".", posixpath.dirname(here))
    return _render_resource(
        lang=lang.value,
        other=lang.other.value,
        w=ctx.word_map(),
        root=root if lang is Lang.sv else root,
        site_root=root if lang is Lang.sv else root + "/..",
        switch=_switch(here, lang),
        iri=iri,
        kind=kind,
        kind_label=WORDS[kind][lang],
        label=site.label(s, lang),
        types=types,
        s=summary(ctx, iri, kind, here),
        facts=site.facts(s, here, lang=lang),
        quotes=site.quotes(s, lang),
        sources=sources,
        related=related,
        jsonld=jsonld,
        personal=site.include_personal_data,
    )


#: Where a page's own parts go in the frame of ``base.html`` (see :func:`_render_resource`).
_MARK = {"switch": "\x00S\x00", "title": "\x00T\x00", "body": "\x00B\x00"}
_MARKS = re.compile("(\x00[STB]\x00)")
_FRAME = _ENV.from_string(
    '{% extends "base.html" %}{% block title %}\x00T\x00{% endblock %}'
    "{% block body %}\x00B\x00{% endblock %}"
)
_FRAMES: dict[tuple[object, ...], list[str]] = {}


def _render_resource(**page: object) -> str:
    """``resource.html`` rendered with ``page``, the same text as ``_RESOURCE.render(**page)``.

    Only the blocks of ``resource.html`` (its title and body) are rendered per page; the frame
    of ``base.html`` around them (head, styles, menu) differs only by language, folder depth
    and the link to the other language, so it is rendered once per language and depth with
    marks where the page's parts go. The frame was a third of a small page's rendering.
    """
    key = (page["lang"], page["root"], page["site_root"], page["personal"])
    parts = _FRAMES.get(key)
    if parts is None:
        frame = _FRAME.render({**page, "switch": _MARK["switch"]})
        parts = _FRAMES[key] = _MARKS.split(frame)
    context = _RESOURCE.new_context(page)
    own = {
        _MARK["switch"]: str(escape(page["switch"])),
        _MARK["title"]: "".join(_RESOURCE.blocks["title"](context)),
        _MARK["body"]: "".join(_RESOURCE.blocks["body"](context)),
    }
    return "".join([own.get(part, part) if part.startswith("\x00") else part for part in parts])


def _switch(here: str, lang: Lang) -> str:
    """The relative link from page ``here`` (its Swedish path) in ``lang`` to the same page in
    the other language."""
    depth = here.count("/") + (0 if lang is Lang.sv else 1)
    up = "../" * depth
    return up + localised(here, lang.other)


def ontology_page(ontology: Graph, lang: Lang = Lang.sv, store: ox.Store | None = None) -> str:
    """The documentation of every term: the ontology's classes and properties, and the terms
    reused from other vocabularies that the data uses (``terms/reused.ttl``), labels and
    definitions in ``lang``, a prefix block, and an example query per class.

    A template of our own rather than pyLODE: the page must be bilingual like the rest of the
    site, document reused terms with the same table as our own, and carry runnable queries
    with the project's prefixes; pyLODE documents one ontology file in English-first HTML.

    :param ontology: the ontology graph.
    :param lang: the page's language.
    :param store: the data, to list only the reused terms it uses (all of them when omitted).
    """
    reused = Graph().parse(Path(__file__).parent / "terms" / "reused.ttl")
    used: set[str] | None = None
    if store is not None:  # asked of the store, not read triple by triple in Python (1 s at
        used = {  # 10 000 agreements in memory, more from the cache on disk)
            r[0].value
            for text in (_USED_PREDICATES, _USED_TYPES)
            for r in store.query(text)  # type: ignore[union-attr]
        }

    def text(g: Graph, term, props, lg: Lang) -> str:
        for prop in props:
            for v in g.objects(term, prop):
                if isinstance(v, Literal) and v.language == lg.value:
                    return str(v)
        return ""

    def entries(g: Graph, kinds, own: bool) -> list[dict[str, str]]:
        terms = sorted({t for k in kinds for t in g.subjects(RDF.type, k) if isinstance(t, URIRef)})
        if not own and used is not None:
            terms = [t for t in terms if str(t) in used]
        out = []
        for t in terms:
            parents = [
                curie(str(p))
                for p in sorted(g.objects(t, RDFS.subClassOf))
                if isinstance(p, URIRef)
            ]
            domain = ", ".join(curie(str(d)) for d in g.objects(t, RDFS.domain))
            rng = ", ".join(curie(str(r)) for r in g.objects(t, RDFS.range))
            out.append(
                {
                    "curie": curie(str(t)),
                    "iri": str(t),
                    "anchor": curie(str(t)).replace(":", "-"),
                    "label": text(g, t, [RDFS.label], lang) or text(g, t, [RDFS.label], lang.other),
                    "definition": text(g, t, [SKOS.definition, RDFS.comment], lang)
                    or text(g, t, [SKOS.definition, RDFS.comment], lang.other),
                    "extra": ", ".join(parents)
                    if parents
                    else (f"{domain} → {rng}" if domain or rng else ""),
                }
            )
        return out

    sv = lang is Lang.sv
    classes = entries(ontology, [OWL.Class], True)
    sections = [
        ("Klasser" if sv else "Classes", classes),
        (
            "Egenskaper" if sv else "Properties",
            entries(ontology, [OWL.ObjectProperty, OWL.DatatypeProperty], True),
        ),
        ("Återanvända klasser" if sv else "Reused classes", entries(reused, [RDFS.Class], False)),
        (
            "Återanvända egenskaper" if sv else "Reused properties",
            entries(reused, [RDF.Property], False),
        ),
    ]
    prefixes = prefix_block()
    examples = [
        {
            "curie": c["curie"],
            "anchor": c["anchor"],
            "query": f"{prefixes}\nSELECT ?s ?p ?o WHERE {{\n  ?s a {c['curie']} ; ?p ?o .\n}}\n"
            "LIMIT 20",
        }
        for c in classes
    ]
    return _ENV.get_template("ontology.html").render(
        lang=lang.value,
        other=lang.other.value,
        w={k: v[lang] for k, v in WORDS.items()},
        root=".",
        site_root="." if sv else "..",
        switch=_switch("ontology.html", lang),
        intro="Namnrymd" if sv else "Namespace",
        extra="Underklass till / domän → värdemängd" if sv else "Subclass of / domain → range",
        sections=sections,
        prefixes=prefixes,
        examples=examples,
    )


#: The predicates, and the classes given to something, of the default graph (:func:`ontology_page`).
_USED_PREDICATES = "SELECT DISTINCT ?p WHERE { ?s ?p ?o }"
_USED_TYPES = "SELECT DISTINCT ?t WHERE { ?s a ?t }"


def prefix_block() -> str:
    """``PREFIX`` lines for the project's prefixes, for a query.

    >>> prefix_block().splitlines()[0]
    'PREFIX iop: <https://w3id.org/iopkg/def#>'
    """
    return "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())


def write_pages(
    store: ox.Store,
    out: Path,
    *,
    ontology: Graph,
    downloads: Callable[[list[object]], list[dict[str, object]]] | list[dict[str, object]],
    include_personal_data: bool,
    chart: ChartHook | None,
    quiet: bool = False,
    vendor_missing: tuple[str, ...] = (),
    side_jobs: Sequence[Callable[[], object]] = (),
) -> int:
    """Write every resource page, the index, the search page and the ontology page under
    ``out``, in Swedish (at the root) and English (under ``en/``).

    The work is shared by two processes (see :class:`Children`): each writes half of the
    resource pages in both languages (their JSON-LD is built once for both), and one language's
    municipality and county pages, search records, chart and other pages. ``side_jobs`` (the
    dumps) run in processes of their own at the same time.

    :param store: the published graph.
    :param out: the publication folder (being built).
    :param ontology: the ontology graph.
    :param downloads: rows for the download table (name, format, size, sha256), or a function
        making them from the results of ``side_jobs``.
    :param include_personal_data: whether personal data is shown.
    :param chart: writes the comparison chart, or ``None`` to leave it out (and say so).
    :param quiet: no progress bar on stderr.
    :param vendor_missing: browser libraries not installed (:mod:`iopkg.publish.vendor`); the
        features they serve are left out.
    :param side_jobs: jobs to run beside the pages; their (picklable) results go to
        ``downloads``.
    :return: the number of pages written.
    """

    def base(lang: Lang) -> Path:
        return out / lang.prefix if lang.prefix else out

    # Two processes (the second a forked child), each on one core; the side jobs beside them,
    # started first: they need only the store, not what the pages need. The children's results
    # and the search documents wait inside the folder being built: a build stopped by SIGKILL
    # leaves them in its hidden folder beside the output, not in the system's temporary folder.
    children = Children(out)
    with tempfile.TemporaryDirectory(prefix=".search-", dir=out) as tmp:
        search_root = Path(tmp)
        try:
            for job in side_jobs:
                children.start(job)
            kinds, facts, site = _plan(store, include_personal_data)
            # what both languages need alike, computed once before the page processes part
            # (the dumps' process has the other core meanwhile)
            areas = AreaYears.collect_languages(store, [lang.value for lang in Lang])
            total = Computation.total_over_period
            computed = {total: computed_values(total, LocalSource(store))}
            layout = network_layout(store)
            area_pages = [(i, k) for i, k in kinds.items() if k in _AREA_KINDS]
            halves = _halves(store, [(i, k) for i, k in kinds.items() if k not in _AREA_KINDS])
            _give_back_free_memory()  # before the page processes inherit it
            for folder in sorted({posixpath.dirname(p) for p in site.pages.values()} | {""}):
                for lang in Lang:
                    (base(lang) / folder).mkdir(parents=True, exist_ok=True)

            def worker(part: int, lang: Lang, quiet: bool) -> tuple[int, str]:
                """Half of the pages in both languages, and ``lang``'s own share; then
                ``lang``'s search index."""
                own = Context(
                    site, lang, facts, areas[lang.value], _query_rows(store, lang, computed)
                )
                _give_back_free_memory()
                if isinstance(chart, ComparisonChart):  # the comparison the area pages have
                    chart.rows[lang.value] = own.areas.by_municipality
                indexed = _search_documents(own, search_root, out)
                # the search rows (100 MB at 100 000) are not needed by any page: freed now,
                # their memory holds the labels the pages keep instead of adding to it
                own = replace(own, rows={})
                other = Context(site, lang.other, facts, AreaYears({}), {})
                ctxs = [own, other] if lang is Lang.sv else [other, own]
                # What is held now (the store's facts, the labels) lives
                # until the pages are written: kept out of the collector's full collections,
                # which walked it all again and again (13-15 % of the pages' CPU at 10 000).
                # The parent's objects are unfrozen below; a child ends with its share.
                gc.freeze()
                # the chart and the network view first: what they hold for a while is free
                # again (for the labels the pages keep) before the pages are written, not
                # added on top
                _language_pages(own, base(lang), ontology, vendor_missing, chart, layout)
                _write_share(ctxs, halves[part], base, quiet)
                for iri, kind in area_pages:
                    write_text(base(lang) / site.pages[iri], resource_page(own, iri, kind))
                # Pagefind after the pages, not beside them: run on the same two cores, its
                # threads made the pages a fifth slower and itself half as slow again as alone
                # (at 100 000 agreements: 375 s of CPU for the pages and about 190 s for
                # Pagefind beside them, 306 s and 123-133 s one after the other)
                indexer = start_indexing(search_root, lang.value, indexed, out)
                try:
                    return indexer.wait()
                except BaseException:  # Ctrl-C or SIGTERM while waiting: no Pagefind left
                    indexer.kill()
                    raise

            children.start(lambda: worker(1, Lang.en, True))
            last = worker(0, Lang.sv, quiet)
        except BaseException:
            children.stop()  # this process's own error (or Ctrl-C, SIGTERM) is the one to report
            raise
        finally:
            gc.unfreeze()  # the caller's objects are collected as before
        results = children.collect()  # before the documents' folder goes
    side, indexed = results[: len(side_jobs)], [*results[len(side_jobs) :], last]
    rows = downloads(side) if callable(downloads) else downloads
    chart_note = None if chart is not None else "no chart"
    _index_pages(site, kinds, facts, rows, chart_note, base, out)
    finish_index(indexed)  # type: ignore[arg-type]
    (out / "assets").mkdir(exist_ok=True)
    for asset in sorted((Path(__file__).parent / "assets").iterdir()):
        write_text(out / "assets" / asset.name, asset.read_text(encoding="utf-8"))
    return 2 * (len(kinds) + 4)


def _give_back_free_memory() -> None:
    """Return the C heap's free pages to the system (glibc's ``malloc_trim``; elsewhere
    nothing). The store's queries and parsing free what they allocate, but glibc keeps it: at
    100 000 agreements the search rows' query left 450 MB of free memory in each page
    process's resident size, until the end."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return
    trim(0)


def _index_pages(
    site: Site,
    kinds: dict[str, str],
    facts: AgreementFacts,
    rows: list[dict[str, object]],
    chart_note: str | None,
    base: Callable[[Lang], Path],
    out: Path,
) -> None:
    """The index page in each language: the English one in a child while this process writes
    the Swedish one (each sums every resource's money: 3.3 s at 100 000)."""

    def index(lang: Lang) -> None:
        ctx = Context(site, lang, facts, AreaYears({}), {})
        write_text(base(lang) / "index.html", index_page(ctx, kinds, rows, chart_note))

    pair = Children(out)
    try:
        pair.start(lambda: index(Lang.en))
        index(Lang.sv)
    except BaseException:
        pair.stop()
        raise
    pair.collect()


def _plan(
    store: ox.Store, include_personal_data: bool
) -> tuple[dict[str, str], AgreementFacts, Site]:
    """The kind of each resource that gets a page (counties of the agreements included), the
    agreements' summaries and the site."""
    kinds = {
        r["resource"].value: sys.intern(r["kind"].value)  # five kinds, 250 000 resources
        for r in LocalSource(store).select(packaged_query("internal/publish-pages")).solutions()
    }
    facts = AgreementFacts.collect(store)
    for county in sorted(facts.by_county):
        kinds[county] = "county"
    return kinds, facts, Site(store, page_paths(kinds), include_personal_data)


def _write_share(
    ctxs: list[Context], mine: list[tuple[str, str]], base: Callable[[Lang], Path], quiet: bool
) -> None:
    """The pages of the resources ``mine`` in each context's language."""
    pages = ctxs[0].site.pages
    with progress("Writing pages", total=len(mine), quiet=quiet) as advance:
        for done, (iri, kind) in enumerate(mine, 1):
            for ctx, html in zip(ctxs, resource_pages(ctxs, iri, kind), strict=True):
                write_text(base(ctx.lang) / pages[iri], html)
            if done % 256 == 0 or done == len(mine):
                advance(done)  # also raises a Ctrl-C or SIGTERM swallowed meanwhile


def _halves(
    store: ox.Store, items: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The resources split between the two page processes so that each has about the same
    work: a page costs a base by kind plus about as much per statement pointing at the
    resource (an administration's page lists its hundreds of flows; measured at 10 000).
    Every other resource to each, as before, left one process a quarter longer.

    >>> s = ox.Store()
    >>> for n in range(20):
    ...     s.add(ox.Quad(ox.NamedNode(f"http://e/f{n}"), ox.NamedNode("http://e/p"),
    ...                   ox.NamedNode("http://e/big")))
    >>> one, two = _halves(s, [("http://e/small", "decision"), ("http://e/big", "organisation"),
    ...                        ("http://e/a", "agreement")])
    >>> [iri for iri, _ in one], [iri for iri, _ in two]
    (['http://e/big'], ['http://e/a', 'http://e/small'])
    """

    def cost(iri: str, kind: str) -> int:
        pointing = sum(1 for _ in store.quads_for_pattern(None, None, ox.NamedNode(iri), _DG))
        return _BASE_COST.get(kind, 1) + pointing

    halves: tuple[list[tuple[str, str]], list[tuple[str, str]]] = ([], [])
    load = [0, 0]
    # the largest first, each to the half with less so far (the same split on every build)
    for minus, iri, kind in sorted((-cost(iri, kind), iri, kind) for iri, kind in items):
        i = 0 if load[0] <= load[1] else 1
        halves[i].append((iri, kind))
        load[i] -= minus
    return halves


#: What a page costs besides the statements pointing at its resource, in the time one of
#: those costs (about 0.3 ms at 10 000 agreements, both languages): agreement pages show
#: their money and decisions, decision pages little.
_BASE_COST = {"agreement": 8, "organisation": 2, "decision": 1}


#: Page kinds whose summary reads the comparison by area (one language per process).
_AREA_KINDS = ("municipality", "county")


def _search_documents(ctx: Context, root: Path, out: Path) -> int:
    """Write the search documents of the context's language under ``root``, for Pagefind
    (:func:`~iopkg.publish.search.start_indexing`; :mod:`iopkg.publish.search`).

    :param out: the publication folder (the filters' values go to ``out/pagefind``).
    :return: the number of documents.
    """
    agreements = ctx.facts.agreements
    urls = {iri: localised(ctx.site.pages[iri], ctx.lang) for iri in agreements}
    # search.order's order, known before the records are made: each is written as it is made
    iris = sorted(agreements, key=lambda i: (agreements[i].start, urls[i]))
    records = (search_record(ctx, iri) for iri in iris)
    return write_documents(root, ctx.lang.value, records, out, ordered=True)


def _language_pages(
    ctx: Context,
    base: Path,
    ontology: Graph,
    vendor_missing: tuple[str, ...],
    chart: ChartHook | None,
    layout: NetworkLayout | None = None,
) -> None:
    """The chart, the ontology, network and search pages in the context's language, under
    ``base`` (``layout``: the network view's, if already computed)."""
    lang, store = ctx.lang, ctx.site.store
    if chart is not None:
        chart(base / CHART_FILE)
    write_text(base / "ontology.html", ontology_page(ontology, lang, store))
    write_text(
        base / "network.html",
        _ENV.get_template("network.html").render(
            lang=lang.value,
            other=lang.other.value,
            w=ctx.word_map(),
            root=".",
            site_root="." if lang is Lang.sv else "..",
            switch=_switch("network.html", lang),
            data=network_view(store, lang, ctx.site.pages, layout),
            vendor=not ({"graphology.umd.min.js", "sigma.min.js"} & set(vendor_missing)),
            personal=ctx.site.include_personal_data,
        ),
    )
    write_text(base / "search.html", search_page(ctx, "xlsx.full.min.js" not in vendor_missing))


class Children:
    """Jobs run each in a forked child, started one by one (so that a job can start before
    what the next ones need is computed), and their (picklable) results collected in order; a
    failed child fails the whole. Without ``fork`` a job runs when it is started.

    :param folder: where the results wait until collected (the system's temporary folder
        when omitted).

    >>> children = Children()
    >>> children.start(lambda: 1 + 1)
    >>> children.collect()
    [2]
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder  # where the results wait (the system's temporary folder if None)
        self._parent = os.getpid()
        self._running: list[tuple[int, Path]] = []  # pid (0 once reaped) and result file
        self._done: list[object] = []  # results of jobs run here (no fork)

    def start(self, job: Callable[[], object]) -> None:
        """Run ``job`` in a new child (here and now, without ``fork``)."""
        if not hasattr(os, "fork"):
            self._done.append(job())
            return
        fd, name = tempfile.mkstemp(prefix=".iopkg-pages-", dir=self._folder)
        os.close(fd)
        pid = os.fork()
        if pid == 0:  # the child: do the job, leave the result in a file, never return
            code = 1
            try:
                _die_with(self._parent)
                Path(name).write_bytes(pickle.dumps(job()))
                code = 0
                if os.getppid() != self._parent:  # the parent died meanwhile: nobody reads it
                    Path(name).unlink(missing_ok=True)
            except BaseException as e:  # noqa: BLE001 - reported through the exit code and file
                if os.getppid() != self._parent:  # the parent is gone (SIGKILL): nobody reads it
                    Path(name).unlink(missing_ok=True)
                    os._exit(code)
                try:  # the error itself (the CLI words a RecursionError, an OSError ...)
                    data = pickle.dumps(e)
                    pickle.loads(data)
                except BaseException:  # noqa: BLE001 - an error that does not travel: its text
                    data = pickle.dumps(PublishError("pages", str(e)))
                try:
                    Path(name).write_bytes(data)
                except BaseException:  # noqa: BLE001
                    pass
            finally:
                os._exit(code)
        self._running.append((pid, Path(name)))

    def collect(self) -> list[object]:
        """Wait for every child (each ends before an error is raised) and return the results
        in the order the jobs were started; raise the first failure."""
        if self._done:
            return self._done
        results, failed = [], []
        children = self._running
        try:
            for i, (pid, name) in enumerate(children):
                raise_if_interrupted()  # a Ctrl-C swallowed while this process worked
                _, status = os.waitpid(pid, 0)
                data = name.read_bytes() if name.is_file() else b""
                name.unlink(missing_ok=True)
                children[i] = (0, name)
                value = pickle.loads(data) if data else None
                if os.waitstatus_to_exitcode(status) != 0 or isinstance(value, BaseException):
                    failed.append(
                        value
                        if isinstance(value, BaseException)
                        else PublishError("pages", "writing pages in a child process failed")
                    )
                results.append(value)
        except BaseException:  # Ctrl-C or SIGTERM while waiting: the children stop too
            self.stop()
            raise
        if failed:
            raise failed[0]
        return results

    def stop(self) -> None:
        """Stop the children still running (SIGTERM: they clean up as on Ctrl-C) and reap
        them."""
        _stop(self._running)


def _die_with(parent: int) -> None:
    """Ask Linux to send this (child) process SIGTERM when its parent dies, so that a parent
    killed with SIGKILL leaves no child writing on (elsewhere: nothing is asked)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() != parent:  # the parent died before the request: stop now
        os._exit(1)


def _stop(children: list[tuple[int, Path]]) -> None:
    """Stop the children still running (SIGTERM: they clean up as on Ctrl-C) and reap them."""
    for pid, _ in children:
        if pid:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    for pid, name in children:
        if pid:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        name.unlink(missing_ok=True)


def search_record(ctx: Context, iri: str) -> SearchRecord:
    """The search index's record of an agreement: its words (title, parties, activities,
    municipality), its filters and its query row."""
    a = ctx.facts.agreements[iri]
    label = ctx.site.label
    node = ox.NamedNode(iri)
    titles = [label(node, ctx.lang)] + [
        o.value
        for o in ctx.site.objects(node, DCT_TITLE)
        if isinstance(o, ox.Literal) and o.language == ctx.lang.value
    ]
    names = [label(ox.NamedNode(o), ctx.lang) for o in a.organisations + a.activities]
    municipality = label(ox.NamedNode(a.municipality), ctx.lang) if a.municipality else ""
    return SearchRecord(
        url=localised(ctx.site.pages[iri], ctx.lang),
        lang=ctx.lang.value,
        title=titles[0],
        content=" ".join([*titles, *names, municipality]),
        filters=dict(_filters(ctx, a)),
        meta={
            "row": ctx.rows.get(iri) or row_meta([]),
            "municipality": municipality,
            "party": "; ".join(label(ox.NamedNode(o), ctx.lang) for o in a.idea_parties),
            "start": a.start,
            "end": a.end,
            "total": i18n.money(a.total, ctx.lang),
        },
    )


#: The index lists at most this many agreements (the newest); search finds every one.
INDEX_ROWS = 200


def _query_rows(
    store: ox.Store,
    lang: Lang,
    computed: Mapping[Computation, Mapping[str, Term]] | None = None,
) -> dict[str, str]:
    """Each agreement's row of the catalogue query ``agreements`` in ``lang`` (what the search
    page downloads as CSV, so it equals ``iopkg query run agreements``), as the JSON text the
    search index keeps (:func:`~iopkg.publish.search.row_meta`): made as each row is read, a
    text per row holds less than its list of values (4.7 against 10.9 MiB at 10 000
    agreements), and the rows are held by each page process while the search documents are
    written.

    The embedded store reads its label joins on ``?lang`` as filters
    (:func:`~iopkg.sparql.binding.lang_filters`): on the whole query 70 MiB at 10 000
    agreements instead of 400 MiB, and a third faster. ``computed``: the computed columns'
    values, if already computed (:class:`~iopkg.sparql.source.LocalSource`).
    """
    query = get_query("agreements")
    source = LocalSource(store, computed=computed)
    with source.stream(query, bind_params(query, {"lang": lang.value})) as (
        columns,
        rows,
    ):
        key = columns.index("agreement")
        out = {}
        for r in rows:
            values = ["" if v is None else v.value for v in r]
            out[values[key]] = row_meta(values)
    return out


def index_page(
    ctx: Context,
    kinds: dict[str, str],
    downloads: list[dict[str, object]],
    chart_note: str | None,
) -> str:
    """The index: what the register holds, the newest agreements, every municipality,
    county, organisation and decision, the chart and the downloads."""
    site, lang = ctx.site, ctx.lang
    here = "index.html"
    iris = sorted(
        ctx.facts.agreements,
        key=lambda i: (ctx.facts.agreements[i].start, i),
        reverse=True,
    )
    groups: dict[str, list[dict[str, object]]] = {
        k: [] for k in ("municipality", "county", "organisation", "decision")
    }
    by = {
        "municipality": ctx.facts.by_municipality,
        "county": ctx.facts.by_county,
        "organisation": ctx.facts.by_organisation,
        "decision": ctx.facts.by_decision,
    }
    for i, k in kinds.items():
        if k in groups:
            members = by[k].get(i, [])
            total = sum((ctx.facts.agreements[a].total for a in members), Decimal(0))
            groups[k].append(
                {"iri": i, "href": site.pages[i], "agreements": len(members), "raw": total}
            )
    counts = {k: len(v) for k, v in groups.items()}
    for k, entries in groups.items():
        # a large register: the index lists those with the most money (by name among equals);
        # search finds every one. Only those with at least the last listed one's money are
        # named: at 100 000 agreements, naming all 150 000 took 4 s and 300 MB per language.
        entries.sort(key=lambda e: -e["raw"])  # type: ignore[operator]
        if len(entries) > INDEX_ROWS:
            least = entries[INDEX_ROWS - 1]["raw"]
            entries = groups[k] = [e for e in entries if e["raw"] >= least]  # type: ignore[operator]
        for e in entries:
            e["label"] = site.label(ox.NamedNode(e["iri"]), lang)  # type: ignore[arg-type]
        entries.sort(key=lambda e: (-e["raw"], str(e["label"])))  # type: ignore[operator]
        del entries[INDEX_ROWS:]
        entries.sort(key=lambda e: str(e["label"]))
        for e in entries:  # what only the listed ones show
            types = site.objects(ox.NamedNode(e.pop("iri")), RDF_TYPE)  # type: ignore[arg-type]
            e["type"] = site.label(types[0], lang) if types else ""
            e["total"] = i18n.money(e["raw"], lang)  # type: ignore[arg-type]
    total = sum((a.total for a in ctx.facts.agreements.values()), Decimal(0))
    return _ENV.get_template("index.html").render(
        lang=lang.value,
        other=lang.other.value,
        w=ctx.word_map(),
        root=".",
        site_root="." if lang is Lang.sv else "..",
        switch=_switch(here, lang),
        agreements=_agreement_rows(ctx, iris[:INDEX_ROWS], here),
        agreement_count=len(iris),
        total=i18n.money(total, lang),
        groups=groups,
        counts=counts,
        downloads=downloads,
        chart_file=(CHART_FILE if chart_note is None else None),
        chart_note=WORDS["no_chart"][lang] if chart_note else None,
        personal=site.include_personal_data,
        completeness=completeness(site.store),
    )


def search_page(ctx: Context, xlsx: bool = True) -> str:
    """The search page: Pagefind's index, filters, the matching rows, CSV and XLSX."""
    lang = ctx.lang
    columns = _QUERY_COLUMNS
    return _ENV.get_template("search.html").render(
        lang=lang.value,
        other=lang.other.value,
        w=ctx.word_map(),
        root=".",
        site_root="." if lang is Lang.sv else "..",
        switch=_switch("search.html", lang),
        config={
            "lang": lang.value,
            "columns": columns,
            "filters": [[k, WORDS[word][lang]] for k, word in _FILTERS],
            # Pagefind's index, one folder per shard (in the order the page lists the rows),
            # and the filter values for the selects (pagefind/<lang>/filters.json)
            "shards": [
                [shard_path(lang.value, i), n]
                for i, n in enumerate(shard_sizes(len(ctx.facts.agreements)))
            ],
            "values": f"pagefind/{lang.value}/filters.json",
            "count": len(ctx.facts.agreements),
            "words": {
                k: WORDS[k][lang] for k in ("results", "all", "loading", "counting", "nothing")
            },
            "xlsx": xlsx,
        },
        personal=ctx.site.include_personal_data,
    )


#: The search page's filters: Pagefind filter key, and the word that names it.
_FILTERS = (
    ("municipality", "municipality"),
    ("county", "county"),
    ("organisation", "organisation"),
    ("focus", "focus_area"),
    ("year", "year_active"),
    ("source", "source_of_funds"),
)


#: The columns of the catalogue query ``agreements`` (the search page's CSV).
_QUERY_COLUMNS = list(get_query("agreements").columns)
