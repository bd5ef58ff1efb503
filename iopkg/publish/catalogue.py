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
    >>> c.start, c.end, [m[1] for m in c.municipalities]
    ('2018-...', '20...', ['0162', '1281'])
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

    def add(s, p, o) -> None:
        g.add((s, p, o))

    def texts(s, p, sv: str, en: str) -> None:
        add(s, p, Literal(sv, lang="sv"))
        add(s, p, Literal(en, lang="en"))

    add(cat, RDF.type, DCAT.Catalog)
    texts(cat, DCTERMS.title, "IOP-överenskommelser i Sverige", "IOP agreements in Sweden")
    texts(
        cat,
        DCTERMS.description,
        "Katalog över kunskapsgrafen om idéburna offentliga partnerskap (IOP).",
        "Catalogue of the knowledge graph of idea-based public partnerships (IOP).",
    )
    add(cat, DCTERMS.publisher, pub)
    add(cat, DCTERMS.license, CC0)
    add(CC0, RDF.type, DCTERMS.LicenseDocument)
    add(CC0, DCTERMS.type, LICENCE_TYPE)
    add(LICENCE_TYPE, RDF.type, SKOS.Concept)
    add(LICENCE_TYPE, SKOS.prefLabel, Literal("Public domain", lang="en"))
    add(cat, FOAF.homepage, URIRef(f"{base}/index.html"))
    add(cat, DCAT.dataset, ds)
    add(cat, DCAT.service, service)
    add(cat, DCAT.themeTaxonomy, URIRef(EU + "data-theme"))
    for lang in ("SWE", "ENG"):
        add(cat, DCTERMS.language, URIRef(EU + f"language/{lang}"))
        add(URIRef(EU + f"language/{lang}"), RDF.type, DCTERMS.LinguisticSystem)
    add(URIRef(EU + "data-theme"), RDF.type, SKOS.ConceptScheme)
    add(URIRef(EU + "data-theme"), DCTERMS.title, Literal("Data theme", lang="en"))
    add(URIRef(f"{base}/index.html"), RDF.type, FOAF.Document)

    add(pub, RDF.type, FOAF.Agent)
    add(pub, RDF.type, FOAF.Organization)
    add(pub, FOAF.name, Literal(publisher.name, lang="sv"))
    add(pub, DCTERMS.identifier, Literal(publisher.digits))
    add(pub, DCTERMS.type, ADMS_PUBLISHER[publisher.kind.value])
    add(ADMS_PUBLISHER[publisher.kind.value], RDF.type, SKOS.Concept)
    add(
        ADMS_PUBLISHER[publisher.kind.value],
        SKOS.prefLabel,
        Literal(publisher.kind.value, lang="en"),
    )

    add(contact, RDF.type, VCARD.Organization)
    add(contact, RDF.type, VCARD.Kind)
    add(contact, VCARD.fn, Literal(publisher.name))
    add(contact, VCARD.hasURL, URIRef(publisher.contact_url or f"{base}/index.html"))
    if publisher.contact_email:
        add(contact, VCARD.hasEmail, URIRef(f"mailto:{publisher.contact_email}"))

    add(ds, RDF.type, DCAT.Dataset)
    texts(
        ds,
        DCTERMS.title,
        "Kunskapsgraf över IOP-överenskommelser",
        "Knowledge graph of IOP agreements",
    )
    texts(
        ds,
        DCTERMS.description,
        "Överenskommelser om idéburet offentligt partnerskap, deras parter, beslut, "
        "finansiering och åtaganden, med citat ur källdokumenten. "
        + ("Innehåller personuppgifter." if personal_data else "Inga personuppgifter."),
        "Agreements on idea-based public partnership, their parties, decisions, funding "
        "and commitments, each fact citing the source documents. "
        + ("Includes personal data." if personal_data else "No personal data."),
    )
    add(ds, DCTERMS.publisher, pub)
    add(ds, DCAT.contactPoint, contact)
    add(ds, DCAT.landingPage, URIRef(f"{base}/index.html"))
    add(URIRef(f"{base}/index.html"), RDF.type, FOAF.Document)
    add(ds, DCTERMS.identifier, Literal(str(ds)))
    add(ds, DCTERMS.accessRights, URIRef(EU + "access-right/PUBLIC"))
    add(URIRef(EU + "access-right/PUBLIC"), RDF.type, DCTERMS.RightsStatement)
    add(ds, DCTERMS.accrualPeriodicity, URIRef(EU + "frequency/IRREG"))
    add(URIRef(EU + "frequency/IRREG"), RDF.type, DCTERMS.Frequency)
    for kw_sv, kw_en in (
        ("IOP", "IOP"),
        ("idéburet offentligt partnerskap", "idea-based public partnership"),
        ("civilsamhälle", "civil society"),
    ):
        add(ds, DCAT.keyword, Literal(kw_sv, lang="sv"))
        add(ds, DCAT.keyword, Literal(kw_en, lang="en"))
    labels = {THEME.SOCI: "Population and society", THEME.GOVE: "Government and public sector"}
    for theme in THEMES:
        add(ds, DCAT.theme, theme)
        add(theme, RDF.type, SKOS.Concept)
        add(theme, SKOS.prefLabel, Literal(labels[theme], lang="en"))
        add(theme, SKOS.inScheme, URIRef(EU + "data-theme"))
    cov = coverage(store)
    if cov.start or cov.end:
        period = URIRef(f"{base}/dataset#temporal")
        add(ds, DCTERMS.temporal, period)
        add(period, RDF.type, DCTERMS.PeriodOfTime)
        if cov.start:
            add(period, DCAT.startDate, Literal(cov.start, datatype=XSD.date))
        if cov.end:
            add(period, DCAT.endDate, Literal(cov.end, datatype=XSD.date))
    add(ds, DCTERMS.spatial, URIRef(EU + "country/SWE"))
    add(cat, DCTERMS.spatial, URIRef(EU + "country/SWE"))
    add(URIRef(EU + "country/SWE"), RDF.type, DCTERMS.Location)
    for iri, code, sv, en in cov.municipalities:
        m = URIRef(iri)
        add(ds, DCTERMS.spatial, m)
        add(m, RDF.type, DCTERMS.Location)
        add(m, SKOS.prefLabel, Literal(sv, lang="sv"))
        add(m, SKOS.prefLabel, Literal(en, lang="en"))
        add(m, SKOS.notation, Literal(code))

    for d in dumps:
        dist = URIRef(f"{base}/distribution/{d.name}")
        url = URIRef(f"{base}/{d.name}")
        add(ds, DCAT.distribution, dist)
        add(dist, RDF.type, DCAT.Distribution)
        name = {
            RdfFormat.TURTLE: "Turtle",
            RdfFormat.NTRIPLES: "N-Triples",
            RdfFormat.JSONLD: "JSON-LD",
        }.get(d.fmt, d.fmt.value)
        zipped = ", gzip" if d.gzipped else ""
        texts(
            dist,
            DCTERMS.title,
            f"Hela grafen ({name}{zipped})",
            f"The whole graph ({name}{zipped})",
        )
        texts(
            dist,
            DCTERMS.description,
            f"Hela IOP-grafen som en fil i {name}{zipped}.",
            f"The whole IOP graph as one {name} file{zipped}.",
        )
        add(dist, DCATAP.availability, URIRef(EU + "planned-availability/STABLE"))
        add(URIRef(EU + "planned-availability/STABLE"), RDF.type, SKOS.Concept)
        add(
            URIRef(EU + "planned-availability/STABLE"), SKOS.prefLabel, Literal("stable", lang="en")
        )
        add(dist, DCAT.accessURL, url)
        add(dist, DCAT.downloadURL, url)
        add(dist, DCTERMS.license, licence.iri)
        add(licence.iri, RDF.type, DCTERMS.LicenseDocument)
        add(licence.iri, DCTERMS.type, licence.kind)
        add(licence.kind, RDF.type, SKOS.Concept)
        if licence.kind != LICENCE_TYPE:
            add(licence.kind, SKOS.prefLabel, Literal("Attribution", lang="en"))
        filetype = FILETYPE[
            {
                RdfFormat.TURTLE: "RDF_TURTLE",
                RdfFormat.NTRIPLES: "RDF_N_TRIPLES",
                RdfFormat.JSONLD: "JSON_LD",
            }.get(d.fmt, "RDF")
        ]
        add(dist, DCTERMS.format, filetype)
        add(filetype, RDF.type, DCTERMS.MediaTypeOrExtent)
        add(dist, DCAT.mediaType, IANA[d.fmt.media_type])
        add(IANA[d.fmt.media_type], RDF.type, DCTERMS.MediaType)
        if d.gzipped:
            add(dist, DCAT.compressFormat, IANA["application/gzip"])
            add(IANA["application/gzip"], RDF.type, DCTERMS.MediaType)
        add(dist, DCAT.byteSize, Literal(d.size, datatype=XSD.nonNegativeInteger))
        checksum = URIRef(f"{dist}#sha256")
        add(dist, SPDX.checksum, checksum)
        add(checksum, RDF.type, SPDX.Checksum)
        add(checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256)
        add(SPDX.checksumAlgorithm_sha256, RDF.type, SPDX.ChecksumAlgorithm)
        add(checksum, SPDX.checksumValue, Literal(d.sha256, datatype=XSD.hexBinary))

    add(service, RDF.type, DCAT.DataService)
    texts(
        service, DCTERMS.title, "SPARQL-ändpunkt för IOP-grafen", "SPARQL endpoint of the IOP graph"
    )
    add(service, DCAT.endpointURL, URIRef(endpoint_url))
    add(service, DCAT.endpointDescription, URIRef(f"{base}/void.ttl"))
    add(service, DCAT.servesDataset, ds)
    add(service, DCTERMS.conformsTo, SPARQL_PROTOCOL)
    add(SPARQL_PROTOCOL, RDF.type, DCTERMS.Standard)
    add(service, DCTERMS.publisher, pub)
    for theme in THEMES:
        add(service, DCAT.theme, theme)
    add(service, DCAT.keyword, Literal("SPARQL", lang="en"))
    add(service, DCAT.contactPoint, contact)
    add(service, DCTERMS.license, licence.iri)
    add(service, RDFS.seeAlso, URIRef(f"{base}/void.ttl"))
    return g
