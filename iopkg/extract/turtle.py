"""The draft as Turtle in the project's ontology: every fact cites its iop:Quote through PROV.

>>> from iopkg.extract.core import extract_text
>>> "iop:noticePeriodMonths" in draft_to_turtle([extract_text("Avtal om IOP. Uppsägningstiden är 3 månader.", "x.txt")])
True
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, XSD

from iopkg.extract.model import DocumentType, Draft, Quote, TargetKind
from iopkg.namespaces import ELI, ID, IOP, SCHEMA, SFS, VOCAB, bind_prefixes

_DOCTYPE = {
    DocumentType.agreement: "doctype-agreement",
    DocumentType.board_report: "doctype-board-report",
}


def slug(text: str) -> str:
    """A lower-case ASCII slug for IRIs.

    :param text: any text.

    >>> slug("Kultur- och fritidsförvaltningen")
    'kultur-och-fritidsforvaltningen'
    """
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")[:60] or "x"


class _Builder:
    def __init__(self, g: Graph, d: Draft) -> None:
        self.g, self.d = g, d
        self.stem = slug(d.source.rsplit(".", 1)[0])
        self.base = f"draft/{self.stem}"
        self.source = ID[f"source/{d.source.rsplit('.', 1)[0]}"]
        self.quotes: dict[tuple[int, int], URIRef] = {}
        self.orgs: dict[str, URIRef] = {}

    def quote(self, node: URIRef, q: Quote) -> None:
        key = (q.start, q.end)
        if key not in self.quotes:
            qn = ID[f"quote/{self.base}/{len(self.quotes) + 1}"]
            self.quotes[key] = qn
            g = self.g
            g.add((qn, RDF.type, IOP.Quote))
            g.add((qn, PROV.wasQuotedFrom, self.source))
            g.add((qn, PROV.value, Literal(q.text)))
            g.add((qn, IOP.startOffset, Literal(q.start)))
            g.add((qn, IOP.endOffset, Literal(q.end)))
        self.g.add((node, PROV.wasDerivedFrom, self.quotes[key]))
        self.g.add((node, DCTERMS.source, self.source))

    def label(self, node: URIRef, sv: str, en: str) -> None:
        self.g.add((node, RDFS.label, Literal(sv, lang="sv")))
        self.g.add((node, RDFS.label, Literal(en, lang="en")))

    def org(self, name: str, q: Quote, public: bool | None = None) -> URIRef:
        m = self.d.municipality
        if m and m.code and re.fullmatch(rf"{re.escape(m.name)}s? kommun", name, re.IGNORECASE):
            return ID[f"municipality/{m.code}"]
        key = slug(name)
        if key not in self.orgs:
            node = ID[f"{self.base}/org/{key}"]
            self.orgs[key] = node
            if public is None:
                public = bool(re.search(r"kommun|region|förvaltning|nämnd|kontor", name, re.I))
            state = re.search(r"länsstyrelse|myndighet|arbetsförmedling|migrationsverk", name, re.I)
            cls = (
                IOP.StateBody if state else IOP.PublicUnit if public else IOP.IdeaBasedOrganisation
            )
            if public and re.search(r"förvaltning|kontor", name, re.I):
                cls = IOP.Administration
            self.g.add((node, RDF.type, cls))
            self.label(node, name, name)
            if cls in (IOP.PublicUnit, IOP.Administration) and m and m.code:
                self.g.add((node, ORG.unitOf, ID[f"municipality/{m.code}"]))
            self.quote(node, q)
        return self.orgs[key]


def add_draft(g: Graph, d: Draft, *, known_source: bool = False) -> None:
    """Add one draft's triples to a graph.

    :param g: the graph.
    :param d: the draft.
    :param known_source: the document is already described in ``data/`` (its labels, type and
        date are not repeated, so that the draft adds no second label to it).
    """
    b = _Builder(g, d)
    src = b.source
    g.add((src, RDF.type, IOP.SourceDocument))
    _source(g, b, d, known_source)
    _agreement_and_facts(g, b, d)


def _source(g: Graph, b: _Builder, d: Draft, known: bool) -> None:
    src = b.source
    if known:
        return
    g.add((src, DCTERMS.identifier, Literal(d.source)))
    b.label(src, f"Utkast ur {d.source}", f"Draft from {d.source}")
    g.add((src, DCTERMS.language, Literal("sv")))
    g.add((src, DCTERMS.format, Literal("text/plain")))
    g.add((src, IOP.localCopy, Literal(f"sources/{d.source}")))
    if d.document_type in _DOCTYPE:
        g.add((src, DCTERMS.type, VOCAB[_DOCTYPE[d.document_type]]))
    if d.document_date:
        g.add((src, DCTERMS.date, Literal(d.document_date.value, datatype=XSD.date)))
        b.quote(src, d.document_date.quote)
    mun = (
        ID[f"municipality/{d.municipality.code}"]
        if d.municipality and d.municipality.code
        else None
    )
    if mun is not None:
        g.add((src, IOP.municipality, mun))
    for r in d.decisions:
        if r.registry_number and d.document_type == DocumentType.board_report:
            g.add((src, IOP.registryNumber, Literal(r.registry_number)))


def _agreement_and_facts(g: Graph, b: _Builder, d: Draft) -> None:
    mun = (
        ID[f"municipality/{d.municipality.code}"]
        if d.municipality and d.municipality.code
        else None
    )
    ag = ID[f"agreement/{b.base}"]
    has_agreement = d.document_type == DocumentType.agreement or bool(
        d.public_parties or d.idea_parties or d.period or d.funding_flows
    )
    if has_agreement:
        g.add((ag, RDF.type, IOP.Agreement))
        name = d.activity.value if d.activity else d.source
        b.label(ag, f"Utkast: {name}", f"Draft: {name}")
        if d.document_type == DocumentType.agreement and d.document_date:
            g.add((ag, IOP.documentDate, Literal(d.document_date.value, datatype=XSD.date)))
        if mun is not None:
            g.add((ag, IOP.municipality, mun))
        for p in d.public_parties:
            g.add((ag, IOP.publicParty, b.org(p.name, p.quote, True)))
            b.quote(ag, p.quote)
        for p in d.idea_parties:
            node = b.org(p.name, p.quote, False)
            g.add((ag, IOP.ideaBasedParty, node))
            b.quote(ag, p.quote)
        if d.activity:
            act = ID[f"activity/{b.base}"]
            g.add((act, RDF.type, IOP.Activity))
            b.label(act, d.activity.value, d.activity.value)
            b.quote(act, d.activity.quote)
            g.add((ag, IOP.activity, act))
        if d.period:
            g.add((ag, SCHEMA.startDate, Literal(d.period.start, datatype=XSD.date)))
            g.add((ag, SCHEMA.endDate, Literal(d.period.end, datatype=XSD.date)))
            b.quote(ag, d.period.quote)
        if d.review_date:
            g.add((ag, IOP.reviewDate, Literal(d.review_date.value, datatype=XSD.date)))
            b.quote(ag, d.review_date.quote)
        if d.notice_months:
            g.add(
                (
                    ag,
                    IOP.noticePeriodMonths,
                    Literal(d.notice_months.value, datatype=XSD.nonNegativeInteger),
                )
            )
            b.quote(ag, d.notice_months.quote)
        for t in d.target_groups:
            prop = IOP.directTargetGroup if t.kind == TargetKind.direct else IOP.indirectTargetGroup
            g.add((ag, prop, VOCAB[t.concept]))
            b.quote(ag, t.quote)
        for r in d.legal_references:
            g.add((ag, IOP.legalReference, SFS[r.value]))
            b.quote(ag, r.quote)
        if d.steering_group_roles:
            sg = ID[f"agreement/{b.base}/steering-group"]
            g.add((ag, IOP.steeringGroup, sg))
            g.add((sg, RDF.type, IOP.SteeringGroup))
            b.label(sg, "Styrgrupp", "Steering group")
            for i, r in enumerate(d.steering_group_roles, 1):
                seat = ID[f"agreement/{b.base}/seat-{i}"]
                g.add((sg, IOP.seat, seat))
                g.add((seat, RDF.type, IOP.SteeringGroupSeat))
                g.add((seat, IOP.roleTitle, Literal(r.value, lang="sv")))
                b.quote(seat, r.quote)
        if d.reporting_per_year:
            rd = ID[f"agreement/{b.base}/reporting"]
            g.add((ag, IOP.reportingDuty, rd))
            g.add((rd, RDF.type, IOP.ReportingDuty))
            g.add((rd, IOP.reportsPerYear, Literal(Decimal(d.reporting_per_year.value))))
            b.quote(rd, d.reporting_per_year.quote)
        if d.document_type_quote:
            b.quote(ag, d.document_type_quote)
    for i, f in enumerate(d.funding_flows, 1):
        fl = ID[f"flow/{b.base}/{i}"]
        g.add((fl, RDF.type, IOP.FundingFlow))
        b.label(fl, f"{f.amount} kr", f"SEK {f.amount}")
        if has_agreement:
            g.add((fl, IOP.underAgreement, ag))
        money = BNode()
        g.add((fl, IOP.ratePerYear if f.rate_per_year else SCHEMA.amount, money))
        g.add((money, RDF.type, SCHEMA.MonetaryAmount))
        g.add((money, SCHEMA.value, Literal(f.amount)))
        g.add((money, SCHEMA.currency, Literal(f.currency)))
        if f.start and f.end:
            g.add((fl, SCHEMA.startDate, Literal(f.start, datatype=XSD.date)))
            g.add((fl, SCHEMA.endDate, Literal(f.end, datatype=XSD.date)))
        g.add((fl, IOP.isCeiling, Literal(f.ceiling)))
        if f.funder:
            g.add((fl, SCHEMA.funder, b.org(f.funder, f.quote)))
        if f.source_of_funds:
            g.add((fl, IOP.sourceOfFunds, VOCAB[f.source_of_funds.value]))
        b.quote(fl, f.quote)
    for i, k in enumerate(d.in_kind, 1):
        node = ID[f"inkind/{b.base}/{i}"]
        g.add((node, RDF.type, IOP.InKindContribution))
        b.label(
            node,
            k.description[:120] or k.kind.value,
            f"In kind: {k.kind.value.removeprefix('inkind-')}",
        )
        g.add((node, IOP.inKindType, VOCAB[k.kind.value]))
        if has_agreement:
            g.add((node, IOP.underAgreement, ag))
        if k.giver:
            g.add((node, IOP.giver, b.org(k.giver, k.quote)))
        b.quote(node, k.quote)
    for i, r in enumerate(d.decisions, 1):
        node = ID[f"decision/{b.base}/{i}"]
        g.add((node, RDF.type, IOP.Decision))
        what = " ".join(
            x
            for x in [
                r.body or "",
                str(r.date or ""),
                f"§ {r.paragraph}" if r.paragraph else "",
                r.registry_number or "",
            ]
            if x
        )
        b.label(node, f"Beslut {what}", f"Decision {what}")
        g.add((node, DCTERMS.description, Literal(r.quote.text, lang="sv")))
        proposed = bool(r.registry_number) and d.document_type == DocumentType.board_report
        g.add(
            (
                node,
                IOP.decisionStatus,
                VOCAB["decision-status-proposed" if proposed else "decision-status-adopted"],
            )
        )
        if r.date:
            g.add(
                (
                    node,
                    IOP.proposalDate if proposed else ELI.date_document,
                    Literal(r.date, datatype=XSD.date),
                )
            )
        if r.paragraph:
            g.add((node, IOP.paragraph, Literal(r.paragraph, datatype=XSD.positiveInteger)))
        if r.registry_number:
            g.add((node, IOP.registryNumber, Literal(r.registry_number)))
        if mun is not None:
            g.add((node, IOP.municipality, mun))
        if has_agreement:
            g.add((ag, IOP.restsOnDecision, node))
        b.quote(node, r.quote)


def drafts_to_graph(drafts: list[Draft], known_sources: frozenset[str] = frozenset()) -> Graph:
    """All drafts in one rdflib graph with the project's prefixes.

    :param drafts: the drafts.
    :param known_sources: file names of documents already described in ``data/``.
    """
    g = bind_prefixes(Graph())
    for d in drafts:
        add_draft(g, d, known_source=d.source in known_sources)
    return g


def draft_to_turtle(drafts: list[Draft], known_sources: frozenset[str] = frozenset()) -> str:
    """Serialise drafts as Turtle.

    :param drafts: the drafts.
    :param known_sources: file names of documents already described in ``data/``.
    """
    return drafts_to_graph(drafts, known_sources).serialize(format="turtle")
