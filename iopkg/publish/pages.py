"""HTML pages of a publication: one per agreement, organisation, municipality and decision, an
index with sortable tables and the comparison chart, and the ontology's documentation.

Pages are rendered with Jinja2 templates (``iopkg/publish/templates/``); each resource page
also embeds its facts as JSON-LD. Resources under ``https://w3id.org/iopkg/id/X`` are written
to ``id/X.html``.

>>> page_path("https://w3id.org/iopkg/id/agreement/lund-radrum-2019")
'id/agreement/lund-radrum-2019.html'
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib.namespace import OWL

from iopkg.analysis.completeness import completeness
from iopkg.namespaces import ID, curie
from iopkg.progress import progress
from iopkg.publish.files import write_text
from iopkg.publish.site import DCT_SOURCE, RDF_TYPE, Site, Term, Value, term_key
from iopkg.sparql.files import packaged_query
from iopkg.sparql.source import LocalSource

#: Writes the comparison chart (an SVG or PNG file) to the path it is given.
ChartHook = Callable[[Path], None]
CHART_FILE = "chart.svg"

_ENV = Environment(
    loader=PackageLoader("iopkg.publish", "templates"),
    autoescape=select_autoescape(["html"]),
    keep_trailing_newline=True,
)
#: Compiled once: rendering a page must not look the template up again.
_RESOURCE = _ENV.get_template("resource.html")

__all__ = ["ChartHook", "Site", "Value", "page_path", "resource_page", "write_pages"]


def page_path(iri: str) -> str:
    """The page of a resource, relative to the publication folder.

    :param iri: a resource IRI in the ``id:`` namespace.
    """
    return "id/" + iri[len(str(ID)) :] + ".html"


def resource_page(site: Site, iri: str, kind: str) -> str:
    """The HTML page of one resource.

    :param site: the site being written.
    :param iri: the resource.
    :param kind: agreement, organisation, municipality or decision.
    """
    here = site.pages[iri]
    s = ox.NamedNode(iri)
    related = []
    inline: list[Term] = []
    incoming = sorted(
        (
            (q.subject, q.predicate)
            for q in site.store.quads_for_pattern(None, None, s, ox.DefaultGraph())
        ),
        key=lambda xp: (*term_key(xp[0]), xp[1].value),
    )
    for x, p in incoming:
        if isinstance(x, ox.BlankNode) or x in site.personal:
            continue
        entry = {"prop": site.label(p), "value": site.values(x, here), "facts": [], "quotes": []}
        if x.value not in site.pages:
            entry["facts"] = site.facts(x, here)
            entry["quotes"] = site.quotes(x)
        related.append(entry)
    inline = [
        x for x, _ in incoming if not isinstance(x, ox.BlankNode) and x.value not in site.pages
    ]
    related.sort(key=lambda e: (e["prop"], e["value"].text))
    types = [site.values(t, here) for t in sorted(site.objects(s, RDF_TYPE), key=term_key)]
    sources = sorted(site.label(d) for d in site.objects(s, DCT_SOURCE))
    return _RESOURCE.render(
        root=posixpath.relpath(".", posixpath.dirname(here)),
        iri=iri,
        kind=kind,
        label=site.label(s),
        label_sv=site.label(s, "sv"),
        types=types,
        facts=site.facts(s, here),
        quotes=site.quotes(s),
        sources=sources,
        related=related,
        jsonld=site.jsonld([s, *inline]),
        personal=site.include_personal_data,
    )


def ontology_page(ontology: Graph) -> str:
    """The documentation page of the ontology: classes and properties, sv/en labels, definitions.

    :param ontology: the ontology graph.
    """

    def text(term, prop, lang: str) -> str:
        for v in ontology.objects(term, prop):
            if isinstance(v, Literal) and v.language == lang:
                return str(v)
        return ""

    def entries(kinds) -> list[dict[str, str]]:
        terms = sorted(
            {t for k in kinds for t in ontology.subjects(RDF.type, k) if isinstance(t, URIRef)}
        )
        return [
            {
                "curie": curie(str(t)),
                "iri": str(t),
                "anchor": curie(str(t)).replace(":", "-"),
                "sv": text(t, RDFS.label, "sv"),
                "en": text(t, RDFS.label, "en"),
                "def_sv": text(t, SKOS.definition, "sv") or text(t, RDFS.comment, "sv"),
                "def_en": text(t, SKOS.definition, "en") or text(t, RDFS.comment, "en"),
                "parents": ", ".join(
                    curie(str(p))
                    for p in sorted(ontology.objects(t, RDFS.subClassOf))
                    if isinstance(p, URIRef)
                ),
                "domain": ", ".join(curie(str(d)) for d in ontology.objects(t, RDFS.domain)),
                "range": ", ".join(curie(str(r)) for r in ontology.objects(t, RDFS.range)),
            }
            for t in terms
        ]

    return _ENV.get_template("ontology.html").render(
        classes=entries([OWL.Class]), properties=entries([OWL.ObjectProperty, OWL.DatatypeProperty])
    )


def write_pages(
    store: ox.Store,
    out: Path,
    *,
    ontology: Graph,
    downloads: list[dict[str, object]],
    include_personal_data: bool,
    chart: ChartHook | None,
    quiet: bool = False,
) -> int:
    """Write every resource page, the index and the ontology page under ``out``.

    :param store: the published graph.
    :param out: the publication folder (being built).
    :param ontology: the ontology graph.
    :param downloads: rows for the download table (name, format, size, sha256).
    :param include_personal_data: whether personal data is shown.
    :param chart: writes the comparison chart, or ``None`` to leave it out (and say so).
    :param quiet: no progress bar on stderr.
    :return: the number of pages written.
    """
    kinds = {
        r["resource"].value: r["kind"].value
        for r in LocalSource(store).select(packaged_query("internal/publish-pages")).solutions()
    }
    site = Site(store, {iri: page_path(iri) for iri in kinds}, include_personal_data)
    folders: set[Path] = set()
    with progress("Writing pages", total=len(kinds), quiet=quiet) as advance:
        for done, (iri, kind) in enumerate(kinds.items(), 1):
            path = out / site.pages[iri]
            if path.parent not in folders:
                path.parent.mkdir(parents=True, exist_ok=True)
                folders.add(path.parent)
            write_text(path, resource_page(site, iri, kind))
            if done % 256 == 0 or done == len(kinds):
                advance(done)
    write_text(out / "ontology.html", ontology_page(ontology))
    chart_note = _chart(out, chart)
    write_text(
        out / "index.html",
        _ENV.get_template("index.html").render(
            agreements=_index_agreements(store, site),
            groups=_index_groups(site, kinds),
            downloads=downloads,
            chart_file=(CHART_FILE if chart_note is None else None),
            chart_note=chart_note,
            personal=include_personal_data,
            completeness=completeness(store),
        ),
    )
    return len(kinds) + 2


def _index_agreements(store: ox.Store, site: Site) -> list[dict[str, str]]:
    """The index's table of agreements, with links to the pages."""
    rows = (
        LocalSource(store)
        .select(packaged_query("internal/publish-index"), {"lang": ox.Literal("en")})
        .solutions()
    )
    agreements = [{k: (v.value if v is not None else "") for k, v in r.items()} for r in rows]
    for a in agreements:
        a["href"] = site.pages.get(a["agreement"], "")
        a["municipality_href"] = site.pages.get(a["municipality"], "")
        a["party_href"] = site.pages.get(a["party"], "")
    return agreements


def _index_groups(site: Site, kinds: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """The index's lists of organisations, municipalities and decisions, sorted by label."""
    groups: dict[str, list[dict[str, str]]] = {
        "organisation": [],
        "municipality": [],
        "decision": [],
    }
    for i, k in kinds.items():
        if k in groups:
            node = ox.NamedNode(i)
            types = site.objects(node, RDF_TYPE)
            groups[k].append(
                {
                    "label": site.label(node),
                    "href": site.pages[i],
                    "type": site.label(types[0]) if types else "",
                    "label_sv": site.label(node, "sv"),
                }
            )
    for entries in groups.values():
        entries.sort(key=lambda e: e["label"])
    return groups


def _chart(out: Path, chart: ChartHook | None) -> str | None:
    """Run the chart hook; return a note for the page when there is no chart."""
    if chart is None:
        return "This build was made without the comparison chart."
    chart(out / CHART_FILE)
    return None
