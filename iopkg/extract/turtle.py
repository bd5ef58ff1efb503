"""The draft as Turtle in the project's ontology: every fact cites its iop:Quote through PROV.

>>> from iopkg.extract.core import extract_text

Resources the text does not describe fully are left out, and named in comments at the top:

>>> ttl = draft_to_turtle([extract_text("Avtal om IOP. Uppsägningstiden är 3 månader.", "x.txt")])
>>> ttl.splitlines()[0][:62]
'# left out of the draft of x.txt: agreement: the text does not'
>>> "iop:noticePeriodMonths" in ttl
False
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, XSD

from iopkg.extract.model import DocumentType, Draft, Quote, Recipient, RecipientKind, TargetKind
from iopkg.extract.spans import municipality_names
from iopkg.namespaces import ELI, ID, IOP, SCHEMA, SFS, VOCAB, bind_prefixes

_REGION = re.compile(r"Region [A-ZÅÄÖ][\wåäö]+(?: [A-ZÅÄÖ][\wåäö]+)?|[A-ZÅÄÖ][\wåäö ]*regionen")
_MUNICIPALITY = re.compile(r"([A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?)\s+(?i:kommun)")

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


def iri_segment(text: str) -> str:
    """``text`` as one segment of an IRI's path: what an IRI cannot hold (spaces, ``<>"{}|^`\\``,
    control characters) and what would end the path (``#``, ``?``) or start an escape (``%``)
    percent-encoded, the rest (letters of any script included) as it is.

    >>> iri_segment("avtal nr #2 (Lund)"), iri_segment("000_f3ab1bfbfeda5899")
    ('avtal%20nr%20%232%20(Lund)', '000_f3ab1bfbfeda5899')
    """
    return _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\#?%/\x7f]')


class _Builder:
    def __init__(self, g: Graph, d: Draft) -> None:
        self.g, self.d = g, d
        self.stem = slug(d.source.rsplit(".", 1)[0])
        self.base = f"draft/{self.stem}"
        self.source = ID[f"source/{iri_segment(d.source.rsplit('.', 1)[0])}"]
        self.quotes: dict[tuple[int, int], URIRef] = {}
        self.orgs: dict[str, URIRef | None] = {}
        self.left_out: list[str] = []
        self.region: URIRef | None = None
        m = d.municipality
        self.mun: URIRef | None = ID[f"municipality/{m.code}"] if m and m.code else None
        region = next((p for p in d.public_parties if _REGION.fullmatch(p.name)), None)
        if region is None and d.region and _REGION.fullmatch(d.region.value):
            region = d.region
        if region is not None:
            name = region.name if hasattr(region, "name") else region.value
            self.region = self.org(name, region.quote, True)

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

    def org(self, name: str, q: Quote, public: bool | None = None) -> URIRef | None:
        """The node of an organisation named in the text, or None when the draft cannot say what
        it belongs to (a public unit without a known municipality or region)."""
        names = municipality_names()
        km = _MUNICIPALITY.fullmatch(name.strip())
        if km and (code := names.get(km.group(1).lower()) or names.get(km.group(1).lower()[:-1])):
            return ID[f"municipality/{code}"]
        key = slug(name)
        if key in self.orgs:
            return self.orgs[key]
        node = ID[f"{self.base}/org/{key}"]
        if public is None:
            public = bool(re.search(r"kommun|region|förvaltning|nämnd|kontor", name, re.I))
        state = re.search(r"länsstyrelse|myndighet|arbetsförmedling|migrationsverk", name, re.I)
        if _REGION.fullmatch(name):
            cls = IOP.Region
        elif state:
            cls = IOP.StateBody
        elif not public:
            cls = IOP.IdeaBasedOrganisation
        elif re.search(r"fullmäktige", name, re.I):
            cls = IOP.Council
        elif re.search(r"nämnd|styrelse", name, re.I):
            cls = IOP.Board
        elif re.search(r"förvaltning|kontor", name, re.I):
            cls = IOP.Administration
        else:
            cls = IOP.PublicUnit
        parent = None
        if cls in (IOP.PublicUnit, IOP.Administration, IOP.Council, IOP.Board):
            im = re.search(r"\bi ([A-ZÅÄÖ][\wåäö]+)$", name)
            code = names.get(im.group(1).lower()) if im else None
            parent = ID[f"municipality/{code}"] if code else self.mun or self.region
            if parent is None:
                self.orgs[key] = None
                return None
        self.orgs[key] = node
        self.g.add((node, RDF.type, cls))
        self.label(node, name, name)
        if parent is not None:
            self.g.add((node, ORG.unitOf, parent))
        self.quote(node, q)
        return node

    def body(self, name: str, q: Quote) -> URIRef | None:
        """A deciding body ("kommunfullmäktige", "socialnämnden") of the document's municipality;
        in a document about a region and no municipality, a region's body ("regionstyrelsen",
        "hälso- och sjukvårdsnämnden") is the region's (a municipality's own council or executive
        board is not)."""
        m = self.d.municipality
        where = m.name if m and m.code else None
        title = f"{name[:1].upper()}{name[1:]}"
        if where is None:
            if self.region is None or self.mun is not None or re.match(r"kommun", name, re.I):
                return None
            region = self.d.region.value if self.d.region else None
            if region is None or not _REGION.fullmatch(region):
                return None
            return self.org(f"{title} i {region}", q, True)
        return self.org(f"{title} i {where}", q, True)

    def omit(self, what: str, why: str) -> None:
        self.left_out.append(f"{what}: {why}")


def add_draft(g: Graph, d: Draft, *, known_source: bool = False) -> list[str]:
    """Add one draft's triples to a graph: only resources the text describes fully enough for the
    project's shapes; the others are left out and named in the returned list.

    :param g: the graph.
    :param d: the draft.
    :param known_source: the document is already described in ``data/`` (its labels, type and
        date are not repeated, so that the draft adds no second label to it).
    :returns: what was left out of the graph and why (see :func:`left_out`).
    """
    b = _Builder(g, d)
    src = b.source
    g.add((src, RDF.type, IOP.SourceDocument))
    _source(g, b, d, known_source)
    ag = _agreement(g, b, d)
    _contributions(g, b, d, ag)
    _decisions(g, b, d, ag)
    return b.left_out


def left_out(d: Draft) -> list[str]:
    """What the Turtle draft of ``d`` leaves out because the text does not give all that the
    shapes require (e.g. ``"fundingFlows[1]: no recipient in the text"``).

    :param d: the draft.

    >>> from iopkg.extract.core import extract_text
    >>> [x.split(":")[0] for x in left_out(extract_text("Kommunen betalar 100 000 kr.", "x.txt"))]
    ['document', 'agreement', 'fundingFlows[1]']
    """
    return add_draft(Graph(), d)


def _source(g: Graph, b: _Builder, d: Draft, known: bool) -> None:
    src = b.source
    if known:
        return
    g.add((src, DCTERMS.identifier, Literal(d.source)))
    b.label(src, f"Utkast ur {d.source}", f"Draft from {d.source}")
    if d.title:
        g.add((src, DCTERMS.title, Literal(d.title.value, lang="sv")))
        b.quote(src, d.title.quote)
    else:
        b.omit("document", "no title line in the text (dct:title)")
    g.add((src, DCTERMS.language, Literal("sv")))
    g.add((src, DCTERMS.format, Literal("text/plain")))
    g.add((src, IOP.localCopy, Literal(f"sources/{d.source}")))
    if d.document_type in _DOCTYPE:
        g.add((src, DCTERMS.type, VOCAB[_DOCTYPE[d.document_type]]))
    if d.document_date:
        g.add((src, DCTERMS.date, Literal(d.document_date.value, datatype=XSD.date)))
        b.quote(src, d.document_date.quote)
    if b.mun is not None or b.region is not None:
        g.add((src, IOP.municipality, b.mun or b.region))
    for r in d.decisions:
        if r.registry_number and d.document_type == DocumentType.board_report:
            g.add((src, IOP.registryNumber, Literal(r.registry_number)))
            break


def _agreement(g: Graph, b: _Builder, d: Draft) -> URIRef | None:
    """The agreement, if the text gives all the shapes require of one; else None (noted)."""
    if not (d.document_type == DocumentType.agreement or d.public_parties or d.idea_parties
            or d.period or d.funding_flows):  # fmt: skip
        return None
    publics = [(p, b.org(p.name, p.quote, True)) for p in d.public_parties]
    ideas = [(p, b.org(p.name, p.quote, False)) for p in d.idea_parties]
    act = d.activity or d.activity_description
    lacks = [
        name
        for name, ok in [
            ("title (dct:title)", d.agreement_title),
            ("activity (iop:activity)", act),
            (
                "period (schema:startDate, schema:endDate)"
                + ("; the text gives one end only" if d.period else ""),
                d.period and d.period.start and d.period.end,
            ),
            ("municipality or region (iop:municipality)", b.mun or b.region),
            ("public party (iop:publicParty)", any(n for _, n in publics)),
            ("idea-based party (iop:ideaBasedParty)", any(n for _, n in ideas)),
        ]
        if not ok
    ]
    if lacks:
        b.omit("agreement", "the text does not give its " + ", ".join(lacks))
        return None
    assert d.agreement_title and act and d.period and d.period.start and d.period.end
    ag = ID[f"agreement/{b.base}"]
    g.add((ag, RDF.type, IOP.Agreement))
    b.label(ag, f"Utkast: {act.value}", f"Draft: {act.value}")
    g.add((ag, DCTERMS.title, Literal(d.agreement_title.value, lang="sv")))
    b.quote(ag, d.agreement_title.quote)
    if d.document_type == DocumentType.agreement and d.document_date:
        g.add((ag, IOP.documentDate, Literal(d.document_date.value, datatype=XSD.date)))
    g.add((ag, IOP.municipality, b.mun or b.region))
    for prop, pairs in ((IOP.publicParty, publics), (IOP.ideaBasedParty, ideas)):
        for p, node in pairs:
            if node is not None:
                g.add((ag, prop, node))
                b.quote(ag, p.quote)
    node = ID[f"activity/{b.base}"]
    g.add((node, RDF.type, IOP.Activity))
    b.label(node, act.value, act.value)
    b.quote(node, act.quote)
    g.add((ag, IOP.activity, node))
    g.add((ag, SCHEMA.startDate, Literal(d.period.start, datatype=XSD.date)))
    g.add((ag, SCHEMA.endDate, Literal(d.period.end, datatype=XSD.date)))
    b.quote(ag, d.period.quote)
    if d.review_date:
        g.add((ag, IOP.reviewDate, Literal(d.review_date.value, datatype=XSD.date)))
        b.quote(ag, d.review_date.quote)
    if d.notice_months:
        months = Literal(d.notice_months.value, datatype=XSD.integer)
        g.add((ag, IOP.noticePeriodMonths, months))
        b.quote(ag, d.notice_months.quote)
    for t in d.target_groups:
        prop = IOP.directTargetGroup if t.kind == TargetKind.direct else IOP.indirectTargetGroup
        g.add((ag, prop, VOCAB[t.concept]))
        b.quote(ag, t.quote)
    for r in d.legal_references:
        g.add((ag, IOP.legalReference, SFS[r.value]))
        b.quote(ag, r.quote)
    if d.document_type_quote:
        b.quote(ag, d.document_type_quote)
    _governance(g, b, d, ag)
    return ag


def _governance(g: Graph, b: _Builder, d: Draft, ag: URIRef) -> None:
    sg = None
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
        b.quote(sg, d.steering_group_roles[0].quote)
    if not d.reporting_per_year:
        return
    to = d.reports_to
    receiver = None
    if to is not None:
        receiver = sg if to.value.startswith("styrgrupp") else b.body(to.value, to.quote)
    if receiver is None:
        b.omit("reportingPerYear", "the text does not say who receives the reports (iop:reportsTo)")
        return
    n = d.reporting_per_year.value
    rd = ID[f"agreement/{b.base}/reporting"]
    g.add((ag, IOP.reportingDuty, rd))
    g.add((rd, RDF.type, IOP.ReportingDuty))
    b.label(rd, f"Rapportering {n} gånger per år", f"Reporting {n} times a year")
    g.add((rd, IOP.reportsPerYear, Literal(Decimal(n))))
    g.add((rd, IOP.reportsTo, receiver))
    b.quote(rd, d.reporting_per_year.quote)
    b.quote(rd, to.quote)


def _recipient(b: _Builder, r: Recipient | None) -> URIRef | None:
    if r is None:
        return None
    if r.kind == RecipientKind.activity:
        return ID[f"activity/{b.base}"]
    return b.org(r.name or "", r.quote)


def _contributions(g: Graph, b: _Builder, d: Draft, ag: URIRef | None) -> None:
    for i, f in enumerate(d.funding_flows, 1):
        what = f"fundingFlows[{i}]"
        funder = b.org(f.funder, f.quote) if f.funder else None
        to = _recipient(b, f.recipient)
        lacks = [name for name, ok in [
            ("agreement (iop:underAgreement)", ag), ("funder (schema:funder)", funder),
            ("recipient (iop:recipient)", to),
            ("period of the amount (schema:startDate, schema:endDate)",
             f.rate_per_year or (f.start and f.end)),
        ] if not ok]  # fmt: skip
        if lacks:
            b.omit(what, "the draft has no " + ", ".join(lacks))
            continue
        fl = ID[f"flow/{b.base}/{i}"]
        g.add((fl, RDF.type, IOP.FundingFlow))
        b.label(fl, f"{f.amount} kr", f"SEK {f.amount}")
        g.add((fl, IOP.underAgreement, ag))
        g.add((fl, IOP.recipient, to))
        g.add((fl, SCHEMA.funder, funder))
        money = BNode()
        g.add((fl, IOP.ratePerYear if f.rate_per_year else SCHEMA.amount, money))
        g.add((money, RDF.type, SCHEMA.MonetaryAmount))
        g.add((money, SCHEMA.value, Literal(f.amount)))
        g.add((money, SCHEMA.currency, Literal(f.currency)))
        if f.start and f.end:
            g.add((fl, SCHEMA.startDate, Literal(f.start, datatype=XSD.date)))
            g.add((fl, SCHEMA.endDate, Literal(f.end, datatype=XSD.date)))
        g.add((fl, IOP.isCeiling, Literal(f.ceiling)))
        if f.source_of_funds:
            g.add((fl, IOP.sourceOfFunds, VOCAB[f.source_of_funds.value]))
        b.quote(fl, f.quote)
        if f.recipient:
            b.quote(fl, f.recipient.quote)
    for i, k in enumerate(d.in_kind, 1):
        giver = b.org(k.giver, k.quote) if k.giver else None
        to = _recipient(b, k.recipient)
        lacks = [name for name, ok in [
            ("agreement (iop:underAgreement)", ag), ("giver (iop:giver)", giver),
            ("recipient (iop:recipient)", to),
        ] if not ok]  # fmt: skip
        if lacks:
            b.omit(f"inKind[{i}]", "the draft has no " + ", ".join(lacks))
            continue
        node = ID[f"inkind/{b.base}/{i}"]
        g.add((node, RDF.type, IOP.InKindContribution))
        b.label(
            node,
            k.description[:120] or k.kind.value,
            f"In kind: {k.kind.value.removeprefix('inkind-')}",
        )
        g.add((node, IOP.inKindType, VOCAB[k.kind.value]))
        g.add((node, IOP.underAgreement, ag))
        g.add((node, IOP.giver, giver))
        g.add((node, IOP.recipient, to))
        b.quote(node, k.quote)
        if k.recipient:
            b.quote(node, k.recipient.quote)


def _decisions(g: Graph, b: _Builder, d: Draft, ag: URIRef | None) -> None:
    for i, r in enumerate(d.decisions, 1):
        body = b.body(r.body, r.quote) if r.body else None
        proposed = bool(r.registry_number) and d.document_type == DocumentType.board_report
        lacks = [name for name, ok in [
            ("deciding body (eli:passed_by)", body), ("date", r.date),
            ("municipality or region (iop:municipality)", b.mun or b.region),
        ] if not ok]  # fmt: skip
        if lacks:
            b.omit(f"decisions[{i}]", "the text does not give its " + ", ".join(lacks))
            continue
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
        status = "decision-status-proposed" if proposed else "decision-status-adopted"
        g.add((node, IOP.decisionStatus, VOCAB[status]))
        g.add((node, ELI.passed_by, body))
        date_prop = IOP.proposalDate if proposed else ELI.date_document
        g.add((node, date_prop, Literal(r.date, datatype=XSD.date)))
        if r.paragraph:
            g.add((node, IOP.paragraph, Literal(r.paragraph, datatype=XSD.integer)))
        if r.registry_number:
            g.add((node, IOP.registryNumber, Literal(r.registry_number)))
        g.add((node, IOP.municipality, b.mun or b.region))
        if ag is not None:
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
    g = bind_prefixes(Graph())
    notes: list[str] = []
    for d in drafts:
        for item in add_draft(g, d, known_source=d.source in known_sources):
            notes.append(f"# left out of the draft of {d.source}: {item}\n")
    return "".join(notes) + g.serialize(format="turtle")
