"""The DCAT-AP-SE catalogue of a publication: catalogue, dataset, distributions, SPARQL service.

Every catalogue, dataset, distribution, publisher and contact point is an IRI (dataportal.se
harvests no blank nodes); the publisher IRI is ``http://dataportal.se/organisation/SE<org nr>``.

>>> is_valid_org_number("402000-0008")
True
>>> is_valid_org_number("4020000005")
False
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

import pyoxigraph as ox
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF
from rdflib.term import Node
from stdnum.se import orgnr

from iopkg.errors import PublishError
from iopkg.formats import RdfFormat
from iopkg.namespaces import (
    ADMS_PUBLISHER,
    DATAPORTAL_ORGANISATION,
    DCATAP,
    EU_AUTHORITY,
    IANA,
    LICENCE_TYPES,
    SPARQL_PROTOCOL,
    SPDX,
    VCARD,
)
from iopkg.sparql.files import packaged_query
from iopkg.sparql.source import LocalSource

EU = str(EU_AUTHORITY)
THEME = Namespace(EU + "data-theme/")
FILETYPE = Namespace(EU + "file-type/")
CC0 = URIRef(EU + "licence/CC0")
LICENCE_TYPE = LICENCE_TYPES.PublicDomain

#: A clearly fictitious but Luhn-valid org number (group digit 4 is not used by Swedish
#: organisation forms). It is the default publisher until a real one is given.
#: The EU data themes of the dataset.
THEMES = (THEME.SOCI, THEME.GOVE)


class Licence(StrEnum):
    """Licence of the published data (the metadata is always CC0)."""

    cc0 = "cc0"
    cc_by_4_0 = "cc-by-4.0"

    @property
    def iri(self) -> URIRef:
        """The licence in the EU licence vocabulary."""
        return URIRef(EU + ("licence/CC0" if self is Licence.cc0 else "licence/CC_BY_4_0"))

    @property
    def kind(self) -> URIRef:
        """The ADMS licence type."""
        return LICENCE_TYPE if self is Licence.cc0 else LICENCE_TYPES.Attribution


class PublisherType(StrEnum):
    """The ADMS publisher type (DCAT-AP-SE requires ``dct:type`` on the publisher)."""

    LocalAuthority = "LocalAuthority"
    NationalAuthority = "NationalAuthority"
    NonProfitOrganisation = "NonProfitOrganisation"
    Academia = "Academia-ScientificOrganisation"
    Company = "Company"


@dataclass(frozen=True)
class Publisher:
    """The organisation that publishes the catalogue.

    :param org_number: the 10-digit Swedish organisation number (a hyphen is allowed).
    :param name: its name.
    :param kind: its ADMS publisher type.
    :param contact_url: a web page to contact it (contact point ``vcard:hasURL``).
    :param contact_email: an e-mail address for the contact point, if any.
    """

    org_number: str
    name: str
    kind: PublisherType = PublisherType.NonProfitOrganisation
    contact_url: str | None = None
    contact_email: str | None = None

    @property
    def digits(self) -> str:
        """The org number as 10 digits."""
        return self.org_number.replace("-", "")

    @property
    def iri(self) -> URIRef:
        """The dataportal.se publisher IRI."""
        return DATAPORTAL_ORGANISATION[f"SE{self.digits}"]


def is_valid_org_number(number: str) -> bool:
    """True for 10 digits (optionally NNNNNN-NNNN) whose last digit is the Luhn check digit.

    :param number: the org number.
    """
    # python-stdnum checks the digits and the Luhn check digit; organisation numbers (unlike
    # personal identity numbers) also have 20 or more in their third and fourth digits.
    return (
        bool(re.fullmatch(r"\d{6}-?\d{4}", number))
        and orgnr.is_valid(number)
        and (int(number[2:4]) >= 20)
    )


@dataclass(frozen=True)
class DumpFile:
    """A written dump: its name in the folder, format, gzip flag, size and SHA-256."""

    name: str
    fmt: RdfFormat
    gzipped: bool
    size: int
    sha256: str


@dataclass(frozen=True)
class Coverage:
    """Temporal and spatial coverage computed from the data."""

    start: str | None
    end: str | None
    municipalities: list[tuple[str, str, str, str]] = field(default_factory=list)


def coverage(store: ox.Store) -> Coverage:
    """Earliest agreement start, latest end, and the municipalities (IRI, code, sv, en).

    :param store: the graph.

    >>> from iopkg.graph import load_store
    >>> c = coverage(load_store())
    >>> c.start, {'0162', '1281'} <= {m[1] for m in c.municipalities}
    ('2013-01-01', True)
    """
    rows = LocalSource(store).select(packaged_query("internal/publish-coverage")).solutions()
    first = rows[0] if rows else {}
    start, end = first.get("start"), first.get("end")
    munis = [
        (r["municipality"].value, r["code"].value, r["labelSv"].value, r["labelEn"].value)
        for r in rows
        if r.get("municipality") is not None
    ]
    return Coverage(start.value if start else None, end.value if end else None, munis)


def build_catalogue(
    store: ox.Store,
    *,
    base_url: str,
    dumps: list[DumpFile],
    publisher: Publisher,
    licence: Licence,
    endpoint_url: str,
    personal_data: bool = False,
) -> Graph:
    """The DCAT-AP-SE catalogue graph of a publication.

    :param store: the published graph (for coverage).
    :param base_url: where the folder is served, e.g. ``https://example.org/iop``.
    :param dumps: the dump files written.
    :param publisher: the publishing organisation.
    :param licence: licence of the data.
    :param endpoint_url: the SPARQL endpoint's URL.
    :param personal_data: the dumps include personal data (the description says so).
    :raises PublishError: when the publisher's org number is not valid.
    """
    if not is_valid_org_number(publisher.org_number):
        raise PublishError(
            "--publisher-org-number",
            f"'{publisher.org_number}' is not a "
            "10-digit Swedish organisation number with a valid check digit",
        )
    base = base_url.rstrip("/")
    g = Graph()
    for p, ns in {
        "dcat": DCAT,
        "dct": DCTERMS,
        "foaf": FOAF,
        "vcard": VCARD,
        "spdx": SPDX,
        "skos": SKOS,
    }.items():
        g.bind(p, ns)
    cat, ds = URIRef(f"{base}/catalog"), URIRef(f"{base}/dataset")
    service, contact = URIRef(f"{base}/sparql-service"), URIRef(f"{base}/contact")
    pub = publisher.iri

    b = _Graph(g, base)
    _describe_catalogue(b, cat, ds, service, pub)
    _describe_publisher(b, publisher, contact)
    _describe_dataset(b, store, ds, cat, pub, contact, personal_data)
    for d in dumps:
        _describe_distribution(b, ds, d, licence)
    _describe_service(b, service, ds, pub, contact, licence, endpoint_url)
    return g


class _Graph:
    """The catalogue graph being built, with where the publication is served."""

    def __init__(self, g: Graph, base: str) -> None:
        self.g = g
        self.base = base

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.g.add((s, p, o))

    def texts(self, s: Node, p: Node, sv: str, en: str) -> None:
        """``s p`` with the Swedish and the English text."""
        self.add(s, p, Literal(sv, lang="sv"))
        self.add(s, p, Literal(en, lang="en"))


def _describe_catalogue(b: _Graph, cat: URIRef, ds: URIRef, service: URIRef, pub: URIRef) -> None:
    base = b.base
    b.add(cat, RDF.type, DCAT.Catalog)
    b.texts(cat, DCTERMS.title, "IOP-överenskommelser i Sverige", "IOP agreements in Sweden")
    b.texts(
        cat,
        DCTERMS.description,
        "Katalog över kunskapsgrafen om idéburna offentliga partnerskap (IOP).",
        "Catalogue of the knowledge graph of idea-based public partnerships (IOP).",
    )
    b.add(cat, DCTERMS.publisher, pub)
    b.add(cat, DCTERMS.license, CC0)
    b.add(CC0, RDF.type, DCTERMS.LicenseDocument)
    b.add(CC0, DCTERMS.type, LICENCE_TYPE)
    b.add(LICENCE_TYPE, RDF.type, SKOS.Concept)
    b.add(LICENCE_TYPE, SKOS.prefLabel, Literal("Public domain", lang="en"))
    b.add(cat, FOAF.homepage, URIRef(f"{base}/index.html"))
    b.add(cat, DCAT.dataset, ds)
    b.add(cat, DCAT.service, service)
    b.add(cat, DCAT.themeTaxonomy, URIRef(EU + "data-theme"))
    for lang in ("SWE", "ENG"):
        b.add(cat, DCTERMS.language, URIRef(EU + f"language/{lang}"))
        b.add(URIRef(EU + f"language/{lang}"), RDF.type, DCTERMS.LinguisticSystem)
    b.add(URIRef(EU + "data-theme"), RDF.type, SKOS.ConceptScheme)
    b.add(URIRef(EU + "data-theme"), DCTERMS.title, Literal("Data theme", lang="en"))
    b.add(URIRef(f"{base}/index.html"), RDF.type, FOAF.Document)


def _describe_publisher(b: _Graph, publisher: Publisher, contact: URIRef) -> None:
    base, pub = b.base, publisher.iri
    b.add(pub, RDF.type, FOAF.Agent)
    b.add(pub, RDF.type, FOAF.Organization)
    b.add(pub, FOAF.name, Literal(publisher.name, lang="sv"))
    b.add(pub, DCTERMS.identifier, Literal(publisher.digits))
    b.add(pub, DCTERMS.type, ADMS_PUBLISHER[publisher.kind.value])
    b.add(ADMS_PUBLISHER[publisher.kind.value], RDF.type, SKOS.Concept)
    b.add(
        ADMS_PUBLISHER[publisher.kind.value],
        SKOS.prefLabel,
        Literal(publisher.kind.value, lang="en"),
    )

    b.add(contact, RDF.type, VCARD.Organization)
    b.add(contact, RDF.type, VCARD.Kind)
    b.add(contact, VCARD.fn, Literal(publisher.name))
    b.add(contact, VCARD.hasURL, URIRef(publisher.contact_url or f"{base}/index.html"))
    if publisher.contact_email:
        b.add(contact, VCARD.hasEmail, URIRef(f"mailto:{publisher.contact_email}"))


def _describe_dataset(
    b: _Graph,
    store: ox.Store,
    ds: URIRef,
    cat: URIRef,
    pub: URIRef,
    contact: URIRef,
    personal_data: bool,
) -> None:
    base = b.base
    b.add(ds, RDF.type, DCAT.Dataset)
    b.texts(
        ds,
        DCTERMS.title,
        "Kunskapsgraf över IOP-överenskommelser",
        "Knowledge graph of IOP agreements",
    )
    b.texts(
        ds,
        DCTERMS.description,
        "Överenskommelser om idéburet offentligt partnerskap, deras parter, beslut, "
        "finansiering och åtaganden, med citat ur källdokumenten. "
        + ("Innehåller personuppgifter." if personal_data else "Inga personuppgifter."),
        "Agreements on idea-based public partnership, their parties, decisions, funding "
        "and commitments, each fact citing the source documents. "
        + ("Includes personal data." if personal_data else "No personal data."),
    )
    b.add(ds, DCTERMS.publisher, pub)
    b.add(ds, DCAT.contactPoint, contact)
    b.add(ds, DCAT.landingPage, URIRef(f"{base}/index.html"))
    b.add(URIRef(f"{base}/index.html"), RDF.type, FOAF.Document)
    b.add(ds, DCTERMS.identifier, Literal(str(ds)))
    b.add(ds, DCTERMS.accessRights, URIRef(EU + "access-right/PUBLIC"))
    b.add(URIRef(EU + "access-right/PUBLIC"), RDF.type, DCTERMS.RightsStatement)
    b.add(ds, DCTERMS.accrualPeriodicity, URIRef(EU + "frequency/IRREG"))
    b.add(URIRef(EU + "frequency/IRREG"), RDF.type, DCTERMS.Frequency)
    for kw_sv, kw_en in (
        ("IOP", "IOP"),
        ("idéburet offentligt partnerskap", "idea-based public partnership"),
        ("civilsamhälle", "civil society"),
    ):
        b.add(ds, DCAT.keyword, Literal(kw_sv, lang="sv"))
        b.add(ds, DCAT.keyword, Literal(kw_en, lang="en"))
    labels = {THEME.SOCI: "Population and society", THEME.GOVE: "Government and public sector"}
    for theme in THEMES:
        b.add(ds, DCAT.theme, theme)
        b.add(theme, RDF.type, SKOS.Concept)
        b.add(theme, SKOS.prefLabel, Literal(labels[theme], lang="en"))
        b.add(theme, SKOS.inScheme, URIRef(EU + "data-theme"))
    cov = coverage(store)
    if cov.start or cov.end:
        period = URIRef(f"{base}/dataset#temporal")
        b.add(ds, DCTERMS.temporal, period)
        b.add(period, RDF.type, DCTERMS.PeriodOfTime)
        if cov.start:
            b.add(period, DCAT.startDate, Literal(cov.start, datatype=XSD.date))
        if cov.end:
            b.add(period, DCAT.endDate, Literal(cov.end, datatype=XSD.date))
    b.add(ds, DCTERMS.spatial, URIRef(EU + "country/SWE"))
    b.add(cat, DCTERMS.spatial, URIRef(EU + "country/SWE"))
    b.add(URIRef(EU + "country/SWE"), RDF.type, DCTERMS.Location)
    for iri, code, sv, en in cov.municipalities:
        m = URIRef(iri)
        b.add(ds, DCTERMS.spatial, m)
        b.add(m, RDF.type, DCTERMS.Location)
        b.add(m, SKOS.prefLabel, Literal(sv, lang="sv"))
        b.add(m, SKOS.prefLabel, Literal(en, lang="en"))
        b.add(m, SKOS.notation, Literal(code))


def _describe_distribution(b: _Graph, ds: URIRef, d: DumpFile, licence: Licence) -> None:
    """One dump file as a ``dcat:Distribution`` with its format, size and checksum."""
    base = b.base
    dist = URIRef(f"{base}/distribution/{d.name}")
    url = URIRef(f"{base}/{d.name}")
    b.add(ds, DCAT.distribution, dist)
    b.add(dist, RDF.type, DCAT.Distribution)
    name = {
        RdfFormat.TURTLE: "Turtle",
        RdfFormat.NTRIPLES: "N-Triples",
        RdfFormat.JSONLD: "JSON-LD",
    }.get(d.fmt, d.fmt.value)
    zipped = ", gzip" if d.gzipped else ""
    b.texts(
        dist,
        DCTERMS.title,
        f"Hela grafen ({name}{zipped})",
        f"The whole graph ({name}{zipped})",
    )
    b.texts(
        dist,
        DCTERMS.description,
        f"Hela IOP-grafen som en fil i {name}{zipped}.",
        f"The whole IOP graph as one {name} file{zipped}.",
    )
    b.add(dist, DCATAP.availability, URIRef(EU + "planned-availability/STABLE"))
    b.add(URIRef(EU + "planned-availability/STABLE"), RDF.type, SKOS.Concept)
    b.add(URIRef(EU + "planned-availability/STABLE"), SKOS.prefLabel, Literal("stable", lang="en"))
    b.add(dist, DCAT.accessURL, url)
    b.add(dist, DCAT.downloadURL, url)
    b.add(dist, DCTERMS.license, licence.iri)
    b.add(licence.iri, RDF.type, DCTERMS.LicenseDocument)
    b.add(licence.iri, DCTERMS.type, licence.kind)
    b.add(licence.kind, RDF.type, SKOS.Concept)
    if licence.kind != LICENCE_TYPE:
        b.add(licence.kind, SKOS.prefLabel, Literal("Attribution", lang="en"))
    filetype = FILETYPE[
        {
            RdfFormat.TURTLE: "RDF_TURTLE",
            RdfFormat.NTRIPLES: "RDF_N_TRIPLES",
            RdfFormat.JSONLD: "JSON_LD",
        }.get(d.fmt, "RDF")
    ]
    b.add(dist, DCTERMS.format, filetype)
    b.add(filetype, RDF.type, DCTERMS.MediaTypeOrExtent)
    b.add(dist, DCAT.mediaType, IANA[d.fmt.media_type])
    b.add(IANA[d.fmt.media_type], RDF.type, DCTERMS.MediaType)
    if d.gzipped:
        b.add(dist, DCAT.compressFormat, IANA["application/gzip"])
        b.add(IANA["application/gzip"], RDF.type, DCTERMS.MediaType)
    b.add(dist, DCAT.byteSize, Literal(d.size, datatype=XSD.nonNegativeInteger))
    checksum = URIRef(f"{dist}#sha256")
    b.add(dist, SPDX.checksum, checksum)
    b.add(checksum, RDF.type, SPDX.Checksum)
    b.add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
    b.add(SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm)
    b.add(checksum, SPDX.checksumValue, Literal(d.sha256, datatype=XSD.hexBinary))


def _describe_service(
    b: _Graph,
    service: URIRef,
    ds: URIRef,
    pub: URIRef,
    contact: URIRef,
    licence: Licence,
    endpoint_url: str,
) -> None:
    base = b.base
    b.add(service, RDF.type, DCAT.DataService)
    b.texts(
        service, DCTERMS.title, "SPARQL-ändpunkt för IOP-grafen", "SPARQL endpoint of the IOP graph"
    )
    b.add(service, DCAT.endpointURL, URIRef(endpoint_url))
    b.add(service, DCAT.endpointDescription, URIRef(f"{base}/void.ttl"))
    b.add(service, DCAT.servesDataset, ds)
    b.add(service, DCTERMS.conformsTo, SPARQL_PROTOCOL)
    b.add(SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard)
    b.add(service, DCTERMS.publisher, pub)
    for theme in THEMES:
        b.add(service, DCAT.theme, theme)
    b.add(service, DCAT.keyword, Literal("SPARQL", lang="en"))
    b.add(service, DCAT.contactPoint, contact)
    b.add(service, DCTERMS.license, licence.iri)
    b.add(service, RDFS.seeAlso, URIRef(f"{base}/void.ttl"))
