"""HTML pages of a publication: one per agreement, organisation, municipality and decision, an
index with sortable tables and the comparison chart, and the ontology's documentation.

Pages are rendered with Jinja2 templates (``iopkg/publish/templates/``); each resource page
also embeds its facts as JSON-LD. Resources under ``https://w3id.org/iopkg/id/X`` are written
to ``id/X.html``.

>>> page_path("https://w3id.org/iopkg/id/agreement/lund-radrum-2019")
'id/agreement/lund-radrum-2019.html'
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from rdflib import RDF, RDFS, SKOS, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV

from iopkg.graph import graph_of
from iopkg.namespaces import ID, IOP, VCARD, bind_prefixes, curie
from iopkg.publish.files import atomic_write_text
from iopkg.sparql import internal_query, select

#: Writes the comparison chart (an SVG or PNG file) to the path it is given.
ChartHook = Callable[[Path], None]
CHART_FILE = "chart.svg"

_ENV = Environment(loader=PackageLoader("iopkg.publish", "templates"),
                   autoescape=select_autoescape(["html"]), keep_trailing_newline=True)
_HIDDEN = {PROV.wasDerivedFrom, RDF.type}


def page_path(iri: str) -> str:
    """The page of a resource, relative to the publication folder.

    :param iri: a resource IRI in the ``id:`` namespace.
    """
    return "id/" + iri[len(str(ID)):] + ".html"


@dataclass
class Value:
    """One value of a fact: text, an optional link, and nested facts of a blank node."""

    text: str
    href: str | None = None
    nested: list[tuple[str, list[Value]]] = field(default_factory=list)


@dataclass
class Site:
    """What the pages need: the graph, which resources have pages, and language."""

    graph: Graph
    pages: dict[str, str]
    include_personal_data: bool

    def label(self, term, lang: str = "en") -> str:
        """The best label of a term: rdfs:label/skos:prefLabel in ``lang``, else any, else name."""
        if isinstance(term, Literal):
            return str(term)
        for prop in (RDFS.label, SKOS.prefLabel, VCARD.fn, DCTERMS.title):
            values = list(self.graph.objects(term, prop))
            for v in values:
                if isinstance(v, Literal) and v.language == lang:
                    return str(v)
            if values:
                return str(values[0])
        return curie(str(term)) if isinstance(term, URIRef) else "…"

    def href(self, term, here: str) -> str | None:
        """A relative link from page ``here`` to the page of ``term``, if it has one."""
        target = self.pages.get(str(term))
        return posixpath.relpath(target, posixpath.dirname(here)) if target else None

    def values(self, term, here: str, depth: int = 0) -> Value:
        """``term`` as a :class:`Value` (blank nodes expanded)."""
        if isinstance(term, Literal):
            text = str(term) + (f" ({term.language})" if term.language else "")
            return Value(text)
        if isinstance(term, BNode) and depth < 3:
            return Value("", nested=self.facts(term, here, depth + 1))
        link = self.href(term, here)
        if link is None and str(term).startswith(("http://", "https://")) and not str(
                term).startswith(str(ID)):
            link = str(term)
        return Value(self.label(term), link)

    def facts(self, subject, here: str, depth: int = 0) -> list[tuple[str, list[Value]]]:
        """The outgoing facts of ``subject``, grouped by property (labelled), sorted."""
        by_prop: dict[str, list[Value]] = {}
        for p, o in sorted(self.graph.predicate_objects(subject), key=lambda po: (po[0], po[1])):
            if p in _HIDDEN or (p == DCTERMS.source):
                continue
            if not self.include_personal_data and (o, IOP.isPersonalData, Literal(True)) in (
                    self.graph):
                continue
            by_prop.setdefault(self.label(p), []).append(self.values(o, here, depth))
        return sorted(by_prop.items())

    def quotes(self, subject) -> list[tuple[str, str]]:
        """The quoted words (and the document label) that ``subject`` is derived from."""
        out = []
        for q in self.graph.objects(subject, PROV.wasDerivedFrom):
            if (q, IOP.isPersonalData, Literal(True)) in self.graph and not (
                    self.include_personal_data):
                continue
            for text in self.graph.objects(q, PROV.value):
                docs = [self.label(d) for d in self.graph.objects(q, PROV.wasQuotedFrom)]
                out.append((str(text), ", ".join(sorted(docs))))
        return sorted(out)

    def jsonld(self, subjects: list) -> str:
        """The facts of ``subjects`` (with blank nodes and quotes) as a JSON-LD string."""
        g = bind_prefixes(Graph())
        todo, seen = list(subjects), set()
        while todo:
            s = todo.pop()
            if s in seen:
                continue
            seen.add(s)
            for p, o in self.graph.predicate_objects(s):
                if not self.include_personal_data and (
                        o, IOP.isPersonalData, Literal(True)) in self.graph:
                    continue
                g.add((s, p, o))
                if isinstance(o, BNode) or (p == PROV.wasDerivedFrom):
                    todo.append(o)
        data = json.loads(g.serialize(format="json-ld", sort_keys=True))
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
        return text.replace("</", "<\\/")


def resource_page(site: Site, iri: str, kind: str) -> str:
    """The HTML page of one resource.

    :param site: the site being written.
    :param iri: the resource.
    :param kind: agreement, organisation, municipality or decision.
    """
    here = site.pages[iri]
    s = URIRef(iri)
    related = []
    for x, p in sorted(site.graph.subject_predicates(s)):
        if isinstance(x, BNode) or (x, IOP.isPersonalData, Literal(True)) in site.graph:
            continue
        entry = {"prop": site.label(p), "value": site.values(x, here), "facts": [],
                 "quotes": []}
        if str(x) not in site.pages:
            entry["facts"] = site.facts(x, here)
            entry["quotes"] = site.quotes(x)
        related.append(entry)
    related.sort(key=lambda e: (e["prop"], e["value"].text))
    inline = [x for x, _ in site.graph.subject_predicates(s)
              if not isinstance(x, BNode) and str(x) not in site.pages]
    types = [site.values(t, here) for t in sorted(site.graph.objects(s, RDF.type))]
    sources = sorted(site.label(d) for d in site.graph.objects(s, DCTERMS.source))
    return _ENV.get_template("resource.html").render(
        root=posixpath.relpath(".", posixpath.dirname(here)), iri=iri, kind=kind,
        label=site.label(s), label_sv=site.label(s, "sv"), types=types,
        facts=site.facts(s, here), quotes=site.quotes(s), sources=sources, related=related,
        jsonld=site.jsonld([s, *inline]), personal=site.include_personal_data)


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
        terms = sorted({t for k in kinds for t in ontology.subjects(RDF.type, k)
                        if isinstance(t, URIRef)})
        return [{"curie": curie(str(t)), "iri": str(t), "anchor": curie(str(t)).replace(":", "-"),
                 "sv": text(t, RDFS.label, "sv"), "en": text(t, RDFS.label, "en"),
                 "def_sv": text(t, SKOS.definition, "sv") or text(t, RDFS.comment, "sv"),
                 "def_en": text(t, SKOS.definition, "en") or text(t, RDFS.comment, "en"),
                 "parents": ", ".join(curie(str(p)) for p in sorted(ontology.objects(
                     t, RDFS.subClassOf)) if isinstance(p, URIRef)),
                 "domain": ", ".join(curie(str(d)) for d in ontology.objects(t, RDFS.domain)),
                 "range": ", ".join(curie(str(r)) for r in ontology.objects(t, RDFS.range))}
                for t in terms]

    return _ENV.get_template("ontology.html").render(
        classes=entries([OWL.Class]),
        properties=entries([OWL.ObjectProperty, OWL.DatatypeProperty]))


def write_pages(
    store: ox.Store,
    out: Path,
    *,
    ontology: Graph,
    downloads: list[dict[str, object]],
    include_personal_data: bool,
    chart: ChartHook | None,
) -> int:
    """Write every resource page, the index and the ontology page under ``out``.

    :param store: the published graph.
    :param out: the publication folder (being built).
    :param ontology: the ontology graph.
    :param downloads: rows for the download table (name, format, size, sha256).
    :param include_personal_data: whether personal data is shown.
    :param chart: writes the comparison chart, or ``None`` to leave it out (and say so).
    :return: the number of pages written.
    """
    kinds = {r["resource"].value: r["kind"].value
             for r in select(store, internal_query("publish-pages"), {})}
    site = Site(graph_of(store), {iri: page_path(iri) for iri in kinds}, include_personal_data)
    for iri, kind in kinds.items():
        path = out / site.pages[iri]
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, resource_page(site, iri, kind))
    atomic_write_text(out / "ontology.html", ontology_page(ontology))
    chart_note = _chart(out, chart)
    rows = select(store, internal_query("publish-index"), {"lang": ox.Literal("en")})
    agreements = [{k: (v.value if v is not None else "") for k, v in r.items()} for r in rows]
    for a in agreements:
        a["href"] = site.pages.get(a["agreement"], "")
        a["municipality_href"] = site.pages.get(a["municipality"], "")
        a["party_href"] = site.pages.get(a["party"], "")
    groups = {k: sorted(({"label": site.label(URIRef(i)), "href": site.pages[i],
                          "type": site.label(next(site.graph.objects(URIRef(i), RDF.type), "")),
                          "label_sv": site.label(URIRef(i), "sv")}
                         for i, kk in kinds.items() if kk == k), key=lambda e: e["label"])
              for k in ("organisation", "municipality", "decision")}
    atomic_write_text(out / "index.html", _ENV.get_template("index.html").render(
        agreements=agreements, groups=groups, downloads=downloads, chart_file=(
            CHART_FILE if chart_note is None else None), chart_note=chart_note,
        personal=include_personal_data))
    return len(kinds) + 2


def _chart(out: Path, chart: ChartHook | None) -> str | None:
    """Run the chart hook; return a note for the page when there is no chart."""
    if chart is None:
        return "This build was made without the comparison chart."
    chart(out / CHART_FILE)
    return None
