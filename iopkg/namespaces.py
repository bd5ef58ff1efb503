"""Namespaces used by iopkg, defined once.

>>> str(IOP.Agreement)
'https://w3id.org/iopkg/def#Agreement'
>>> str(ID["agreement/lund-radrum-2019"])
'https://w3id.org/iopkg/id/agreement/lund-radrum-2019'
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = [
    "MF",
    "SHT",
    "ADMS",
    "ADMS_PUBLISHER",
    "DCAT",
    "DATAPORTAL_ORGANISATION",
    "DCATAP",
    "DCTERMS",
    "DEFAULT_GRAPH",
    "ELI",
    "EU_AUTHORITY",
    "FOAF",
    "FORMATS",
    "GRAPH",
    "IANA",
    "ID",
    "IOP",
    "IOPSH",
    "LICENCE_TYPES",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "ROV",
    "SCHEMA",
    "SFS",
    "SH",
    "SKOS",
    "SPARQL_PROTOCOL",
    "SPDX",
    "SYNTH",
    "VCARD",
    "VOCAB",
    "VOID",
    "XSD",
    "bind_prefixes",
    "curie",
]

#: The iopkg ontology: classes and properties of our own.
IOP = Namespace("https://w3id.org/iopkg/def#")
#: Resources described by the data (agreements, organisations, decisions ...).
ID = Namespace("https://w3id.org/iopkg/id/")
#: SKOS concept schemes and their concepts.
VOCAB = Namespace("https://w3id.org/iopkg/vocab/")
#: Synthetic (generated) resources, kept apart from the documented ones.
SYNTH = Namespace("https://w3id.org/iopkg/synthetic/")
#: Shapes of the project.
IOPSH = Namespace("https://w3id.org/iopkg/shapes#")
#: Named graphs of an exported dataset: one per source file, named by its path in the project.
GRAPH = Namespace("https://w3id.org/iopkg/graph/")

ELI = Namespace("http://data.europa.eu/eli/ontology#")
ROV = Namespace("http://www.w3.org/ns/regorg#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
SCHEMA = Namespace("https://schema.org/")
SH = Namespace("http://www.w3.org/ns/shacl#")
#: Swedish statutes (SFS) in the legal information system's IRI space.
SFS = Namespace("http://rinfo.lagrummet.se/publ/sfs/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
#: The graph ``iopkg load`` replaces on a Graph Store endpoint by default.
DEFAULT_GRAPH = "https://w3id.org/iopkg/graph"

# Vocabularies of a publication's metadata (VoID, DCAT-AP-SE).
VOID = Namespace("http://rdfs.org/ns/void#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
#: The EU Publications Office's authority tables (data themes, file types, licences).
EU_AUTHORITY = Namespace("http://publications.europa.eu/resource/authority/")
DCATAP = Namespace("http://data.europa.eu/r5r/")
IANA = Namespace("https://www.iana.org/assignments/media-types/")
ADMS_PUBLISHER = Namespace("http://purl.org/adms/publishertype/")
LICENCE_TYPES = Namespace("http://purl.org/adms/licencetype/")
#: Publishers on dataportal.se: ``SE`` and the organisation number without hyphen.
DATAPORTAL_ORGANISATION = Namespace("http://dataportal.se/organisation/")
#: The standard a SPARQL service conforms to.
SPARQL_PROTOCOL = URIRef("https://www.w3.org/TR/sparql11-protocol/")
#: The W3C test-manifest vocabulary and the SHACL test suite's own terms.
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")

#: Prefix bindings used for every graph iopkg writes.
PREFIXES: dict[str, Namespace] = {
    "iop": IOP,
    "id": ID,
    "vocab": VOCAB,
    "synth": SYNTH,
    "iopsh": IOPSH,
    "graph": GRAPH,
    "eli": ELI,
    "rov": ROV,
    "adms": ADMS,
    "schema": SCHEMA,
    "sh": SH,
    "sfs": SFS,
    "dct": Namespace(str(DCTERMS)),
    "dcat": Namespace(str(DCAT)),
    "foaf": Namespace(str(FOAF)),
    "org": Namespace(str(ORG)),
    "owl": Namespace(str(OWL)),
    "prov": Namespace(str(PROV)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "skos": Namespace(str(SKOS)),
    "vcard": VCARD,
    "xsd": Namespace(str(XSD)),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes on ``graph`` and return it.

    :param graph: any rdflib graph.

    >>> g = bind_prefixes(Graph())
    >>> str(dict(g.namespaces())["iop"]) == str(IOP)
    True
    """
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


def curie(iri: str, *, brackets: bool = True) -> str:
    """Shorten an IRI with the project's prefixes (the longest namespace that matches), or
    return it in angle brackets (as it is when ``brackets`` is false).

    >>> curie("https://w3id.org/iopkg/def#Agreement")
    'iop:Agreement'
    >>> curie("http://example.org/x"), curie("http://example.org/x", brackets=False)
    ('<http://example.org/x>', 'http://example.org/x')
    """
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(str(ns)) and len(str(ns)) > len(PREFIXES.get(best, "")):
            best = prefix
    if not best:
        return f"<{iri}>" if brackets else iri
    return f"{best}:{iri[len(str(PREFIXES[best])) :]}"
