"""Any graph (the shipped data, a register, a synthetic set) -> the rows of a workbook.

What travels is what the workbook has columns for (see ``docs/workbook.md``, "What does not
travel"); the rest stays in Turtle. Ids are the last segment of each IRI.

>>> from iopkg.graph import load_store
>>> tables = graph_tables(load_store())
>>> {"danderyd-kompisbyran-2018", "lund-radrum-2019"} <= {r["id"] for r in tables[Sheet.AGREEMENTS]}
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import pyoxigraph as ox

from iopkg.namespaces import ADMS, DCTERMS, ELI, ID, IOP, ROV, SCHEMA, SKOS, SYNTH
from iopkg.workbook.importer import (
    ALT_LABEL,
    DCT_DATE,
    DCT_TYPE,
    DESCRIPTION,
    IDENTIFIER,
    LABEL,
    NOTATION,
    ORGANIZATION,
    PUBLISHER,
    SKOS_NOTE,
    SOURCE,
    TITLE,
    TYPE,
    UNIT_OF,
    N,
    Reference,
    reference,
)
from iopkg.workbook.spec import AmountKind, IdentityVerdict, PartyKind, Sheet

_PREF = N(str(SKOS.prefLabel))
_KIND_OF_CLASS = [
    (str(IOP.IdeaBasedOrganisation), PartyKind.IDEA_BASED),
    (str(IOP.Council), PartyKind.COUNCIL),
    (str(IOP.Board), PartyKind.BOARD),
    (str(IOP.Administration), PartyKind.ADMINISTRATION),
    (str(IOP.StateBody), PartyKind.STATE_BODY),
    (ORGANIZATION.value, PartyKind.OTHER),
]


class _Graph:
    """Small read helpers over an Oxigraph store (default graph and named graphs alike)."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store

    def objs(self, s, p) -> list:
        return [q.object for q in self.store.quads_for_pattern(s, N(p), None)]

    def one(self, s, p):
        return next(iter(self.objs(s, p)), None)

    def text(self, s, p, lang: str | None = None) -> str:
        for o in self.objs(s, p):
            if isinstance(o, ox.Literal) and (lang is None or o.language == lang):
                return o.value
        return ""

    def subjects(self, cls) -> list:
        found = {q.subject for q in self.store.quads_for_pattern(None, TYPE, N(cls))}
        return sorted(found, key=lambda t: t.value)

    def types(self, s) -> set[str]:
        return {o.value for o in self.objs(s, TYPE)}


_BASES = (str(ID), str(SYNTH))


def local_id(node) -> str:
    """The id of a resource: its IRI after the namespace and the kind segment, made id-safe.

    >>> local_id(ox.NamedNode("https://w3id.org/iopkg/id/agreement/lund-radrum-2019"))
    'lund-radrum-2019'
    >>> local_id(ox.NamedNode("https://w3id.org/iopkg/synthetic/agreement/000001/activity"))
    '000001-activity'
    """
    iri = node.value
    base = next((b for b in _BASES if iri.startswith(b)), None)
    if base is not None:
        rest = iri[len(base) :].split("/", 1)
        tail = rest[1] if len(rest) > 1 else rest[0]
    else:
        tail = iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return re.sub(r"[^A-Za-z0-9._-]+", "-", tail).strip("-") or "x"


def _date(lit) -> str:
    return "" if lit is None else lit.value


def _number(lit) -> object:
    if lit is None:
        return ""
    d = Decimal(lit.value)
    return int(d) if d == d.to_integral() else float(d)


def graph_tables(
    store: ox.Store, ref: Reference | None = None
) -> dict[Sheet, list[dict[str, object]]]:
    """The rows of every sheet for the graph in ``store``.

    :param store: the dataset (ontology and reference data may be in it, they are not rows).
    :param ref: the reference data (municipality names); the project's when omitted.
    """
    tables = _Tables(_Graph(store), ref or reference())
    parties = tables.parties()  # first: the other sheets name parties by these ids
    sources = tables.sources()
    agreements = tables.agreements()  # before flows and in-kind: they name its activities
    by_kind: dict[Sheet, list[dict[str, object]]] = defaultdict(list)
    by_kind[Sheet.SOURCES] = sources
    by_kind[Sheet.PARTIES] = parties
    by_kind[Sheet.AGREEMENTS] = agreements
    by_kind[Sheet.DECISIONS] = tables.decisions()
    by_kind[Sheet.FUNDING_FLOWS] = tables.flows()
    by_kind[Sheet.IN_KIND] = tables.in_kind()
    by_kind[Sheet.IDENTITIES] = tables.identities()
    return dict(by_kind)


class _Tables:
    """The sheets' rows of one graph; parties are numbered as the other sheets name them."""

    def __init__(self, g: _Graph, ref: Reference) -> None:
        self.g, self.ref = g, ref
        self.labels_sv: dict[str, str] = {}
        self.party_id: dict[str, str] = {}
        self.party_rows: list[dict[str, object]] = []
        self.used_ids: set[str] = set()
        self.activity_of: dict[str, str] = {}

    def pref(self, concept) -> str:
        if concept is None:
            return ""
        if concept.value not in self.labels_sv:
            g = self.g
            lab = g.text(concept, _PREF, "sv") or _Graph(self.ref.store).text(concept, _PREF, "sv")
            self.labels_sv[concept.value] = lab or concept.value
        return self.labels_sv[concept.value]

    def place_name(self, node) -> str:
        if node is None:
            return ""
        seg = node.value.rstrip("/").rsplit("/", 2)
        places = self.ref.places
        if node.value.startswith(str(ID["municipality/"])):
            return places.municipalities.get(seg[-1], seg[-1])
        if node.value.startswith(str(ID["region/"])) and seg[-1] in places.counties:
            return places.region_label(seg[-1])
        return node.value

    def new_id(self, node) -> str:
        base = local_id(node)
        pid, n = base, 2
        while pid in self.used_ids:
            pid, n = f"{base}-{n}", n + 1
        self.used_ids.add(pid)
        return pid

    def parties(self) -> list[dict[str, object]]:
        """Every organisation of a known class (places follow as rows refer to them)."""
        g = self.g
        seen: set[str] = set()
        for cls, _ in _KIND_OF_CLASS:
            for s in g.subjects(cls):
                if s.value in seen:
                    continue
                seen.add(s.value)
                types = g.types(s)
                kind = next(k for c, k in _KIND_OF_CLASS if c in types)
                pid = self.new_id(s)
                self.party_id[s.value] = pid
                reg = g.one(s, ROV.registration)
                self.party_rows.append(
                    {
                        "id": pid,
                        "name": g.text(s, LABEL, "sv") or g.text(s, LABEL),
                        "nameEn": g.text(s, LABEL, "en"),
                        "kind": kind.value,
                        "orgNumber": g.text(reg, NOTATION) if reg is not None else "",
                        "municipality": self.place_name(g.one(s, UNIT_OF)),
                        "aliases": "; ".join(sorted(o.value for o in g.objs(s, ALT_LABEL))),
                        "source": _ids(g.objs(s, SOURCE)),
                        "locator": g.text(s, IOP.locator),
                        "note": g.text(s, SKOS_NOTE, "en"),
                    }
                )
        return self.party_rows

    def party(self, node) -> str:
        """The party id of ``node``; a municipality or region gets a row when first named."""
        if node is None:
            return ""
        if node.value in self.party_id:
            return self.party_id[node.value]
        if node.value.startswith((str(ID["municipality/"]), str(ID["region/"]))):
            kind = PartyKind.MUNICIPALITY if "/municipality/" in node.value else PartyKind.REGION
            pid = f"{kind.value}-{local_id(node)}"  # kommun-1281, region-17
            self.used_ids.add(pid)
            self.party_id[node.value] = pid
            self.party_rows.append(
                {
                    "id": pid,
                    "name": self.place_name(node),
                    "kind": kind.value,
                    "municipality": local_id(node),
                }
            )
            return pid
        return local_id(node)

    def recipient(self, node) -> str:
        if node is None:
            return ""
        return self.activity_of.get(node.value) or self.party(node)

    def notes(self, s) -> dict[str, str]:
        g = self.g
        return {
            "note": g.text(s, IOP.ambiguityNote, "en"),
            "noteSv": g.text(s, IOP.ambiguityNote, "sv"),
            "locator": g.text(s, IOP.locator),
            "source": _ids(g.objs(s, SOURCE)),
        }

    def sources(self) -> list[dict[str, object]]:
        g, rows = self.g, []
        for s in g.subjects(IOP.SourceDocument):
            title = g.text(s, TITLE, "sv") or g.text(s, TITLE)
            label = g.text(s, LABEL, "sv")
            copy = g.text(s, IOP.localCopy)
            publisher = g.one(s, PUBLISHER)
            url = g.one(s, SCHEMA.url)
            rows.append(
                {
                    "id": local_id(s),
                    "url": url.value if url is not None else "",
                    "document": copy.removeprefix("sources/") if copy else "",
                    "title": title,
                    "label": label if label != title else "",
                    "labelEn": g.text(s, LABEL, "en"),
                    "publisher": (
                        self.party(publisher)
                        if isinstance(publisher, ox.NamedNode)
                        else (publisher.value if publisher is not None else "")
                    ),
                    "sourceKind": self.pref(g.one(s, DCT_TYPE)),
                    "published": _date(g.one(s, DCT_DATE)),
                    "accessed": _date(g.one(s, IOP.accessDate)),
                }
            )
        return rows

    def agreements(self) -> list[dict[str, object]]:
        g, rows = self.g, []
        for s in g.subjects(IOP.Agreement):
            aid = local_id(s)
            act = g.one(s, IOP.activity)
            act_id = local_id(act) if act is not None else aid
            if act is not None:
                self.activity_of[act.value] = act_id
            title_sv, title_en = g.text(s, TITLE, "sv"), g.text(s, TITLE, "en")
            label_sv, label_en = g.text(s, LABEL, "sv"), g.text(s, LABEL, "en")
            rows.append(
                {
                    "id": aid,
                    "title": title_sv,
                    "titleEn": title_en,
                    "label": label_sv if label_sv != title_sv else "",
                    "labelEn": label_en if label_en != title_en else "",
                    "municipality": self.place_name(g.one(s, IOP.municipality)),
                    "publicParty": "; ".join(self.party(p) for p in g.objs(s, IOP.publicParty)),
                    "ideaBasedParties": "; ".join(
                        self.party(p) for p in g.objs(s, IOP.ideaBasedParty)
                    ),
                    "activity": g.text(act, LABEL, "sv") if act is not None else "",
                    "activityEn": g.text(act, LABEL, "en") if act is not None else "",
                    "activityId": act_id if act_id != aid else "",
                    "focusArea": "; ".join(sorted(self.pref(c) for c in g.objs(s, IOP.focusArea))),
                    "startDate": _date(g.one(s, SCHEMA.startDate)),
                    "endDate": _date(g.one(s, SCHEMA.endDate)),
                    "decisions": _ids(g.objs(s, IOP.restsOnDecision)),
                    **self.notes(s),
                }
            )
        return rows

    def decisions(self) -> list[dict[str, object]]:
        g, rows = self.g, []
        for s in g.subjects(IOP.Decision):
            year = g.one(s, IOP.year)
            date = g.one(s, ELI.date_document) or g.one(s, IOP.proposalDate)
            rows.append(
                {
                    "id": local_id(s),
                    "label": g.text(s, LABEL, "sv"),
                    "labelEn": g.text(s, LABEL, "en"),
                    "body": self.party(g.one(s, ELI.passed_by)),
                    "date": _date(date) if date is not None else (year.value if year else ""),
                    "meetingDate": _date(g.one(s, IOP.meetingDate)),
                    "paragraph": g.text(s, IOP.paragraph),
                    "registryNumber": g.text(s, IOP.registryNumber),
                    "status": self.pref(g.one(s, IOP.decisionStatus)),
                    "proposedBy": self.party(g.one(s, IOP.proposedBy)),
                    "subject": g.text(s, DESCRIPTION, "sv"),
                    "subjectEn": g.text(s, DESCRIPTION, "en"),
                    **self.notes(s),
                }
            )
        return rows

    def flows(self) -> list[dict[str, object]]:
        g, rows = self.g, []
        for s in g.subjects(IOP.FundingFlow):
            rate = g.one(s, IOP.ratePerYear)
            money = rate if rate is not None else g.one(s, SCHEMA.amount)
            value = g.one(money, SCHEMA.value) if money is not None else None
            kind = AmountKind.PER_YEAR if rate is not None else AmountKind.FIXED
            rows.append(
                {
                    "id": local_id(s),
                    "label": g.text(s, LABEL, "sv"),
                    "labelEn": g.text(s, LABEL, "en"),
                    "agreement": _ids(g.objs(s, IOP.underAgreement)),
                    "funder": self.party(g.one(s, SCHEMA.funder)),
                    "recipient": self.recipient(g.one(s, IOP.recipient)),
                    "amount": _number(value),
                    "amountKind": kind.value,
                    "startDate": _date(g.one(s, SCHEMA.startDate)),
                    "endDate": _date(g.one(s, SCHEMA.endDate)),
                    "fiscalYear": g.text(s, IOP.fiscalYear),
                    "sourceOfFunds": self.pref(g.one(s, IOP.sourceOfFunds)),
                    **self.notes(s),
                }
            )
        return rows

    def in_kind(self) -> list[dict[str, object]]:
        g, rows = self.g, []
        for s in g.subjects(IOP.InKindContribution):
            rows.append(
                {
                    "id": local_id(s),
                    "agreement": _ids(g.objs(s, IOP.underAgreement)),
                    "giver": self.party(g.one(s, IOP.giver)),
                    "recipient": self.recipient(g.one(s, IOP.recipient)),
                    "type": self.pref(g.one(s, IOP.inKindType)),
                    "description": g.text(s, LABEL, "sv"),
                    "descriptionEn": g.text(s, LABEL, "en"),
                    "startDate": _date(g.one(s, SCHEMA.startDate)),
                    "endDate": _date(g.one(s, SCHEMA.endDate)),
                    **self.notes(s),
                }
            )
        return rows

    def identities(self) -> list[dict[str, object]]:
        g, rows = self.g, []
        for s in g.subjects(IOP.IdentityReview):
            same = g.one(s, IOP.isSameOrganisation)
            verdict = (
                IdentityVerdict.SAME
                if same is not None and same.value == "true"
                else IdentityVerdict.DIFFERENT
            )
            rows.append(
                {
                    "party": self.party(g.one(s, IOP.reviewedParty)),
                    "sameAs": g.text(s, IOP.otherName),
                    "evidence": g.text(s, IOP.evidence),
                    "decision": verdict.value,
                    "reviewed": _date(g.one(s, DCT_DATE)),
                    "source": _ids(g.objs(s, SOURCE)),
                }
            )
        return rows


def _ids(nodes) -> str:
    return "; ".join(sorted(local_id(n) for n in nodes))


_ = (ADMS, IDENTIFIER)  # the identifier resources are recreated from orgNumber on import


_D = str(DCTERMS)
_COMMON = (TYPE.value, LABEL.value, _D + "source")
_NOTES = (str(IOP.ambiguityNote), str(IOP.locator))
#: What a workbook carries, per class: the statements that travel through export and import.
#: Everything else (quotes with offsets, commitments, steering groups, target groups ...) stays
#: in Turtle; docs/workbook.md lists it.
CARRIED: dict[str, tuple[str, ...]] = {
    str(IOP.Agreement): (
        *_COMMON,
        *_NOTES,
        _D + "title",
        str(SCHEMA.startDate),
        str(SCHEMA.endDate),
        str(IOP.municipality),
        str(IOP.publicParty),
        str(IOP.ideaBasedParty),
        str(IOP.activity),
        str(IOP.focusArea),
        str(IOP.restsOnDecision),
    ),
    str(IOP.Activity): (TYPE.value, LABEL.value),
    str(IOP.Decision): (
        *_COMMON,
        *_NOTES,
        str(ELI.passed_by),
        str(ELI.date_document),
        str(IOP.proposalDate),
        str(IOP.year),
        str(IOP.meetingDate),
        str(IOP.paragraph),
        str(IOP.registryNumber),
        str(IOP.decisionStatus),
        str(IOP.proposedBy),
        _D + "description",
        str(IOP.municipality),
    ),
    str(IOP.FundingFlow): (
        *_COMMON,
        *_NOTES,
        str(IOP.underAgreement),
        str(SCHEMA.funder),
        str(IOP.recipient),
        str(SCHEMA.amount),
        str(IOP.ratePerYear),
        str(SCHEMA.startDate),
        str(SCHEMA.endDate),
        str(IOP.fiscalYear),
        str(IOP.sourceOfFunds),
    ),
    str(IOP.InKindContribution): (
        *_COMMON,
        *_NOTES,
        str(IOP.underAgreement),
        str(IOP.giver),
        str(IOP.recipient),
        str(IOP.inKindType),
        str(SCHEMA.startDate),
        str(SCHEMA.endDate),
    ),
    str(IOP.SourceDocument): (
        TYPE.value,
        LABEL.value,
        _D + "title",
        _D + "identifier",
        str(IOP.localCopy),
        str(SCHEMA.url),
        _D + "type",
        _D + "date",
        str(IOP.accessDate),
        _D + "publisher",
    ),
    str(IOP.IdentityReview): (
        TYPE.value,
        _D + "source",
        _D + "date",
        str(IOP.reviewedParty),
        str(IOP.otherName),
        str(IOP.isSameOrganisation),
        str(IOP.evidence),
    ),
    str(ADMS.Identifier): (TYPE.value, LABEL.value, NOTATION.value),
    str(SCHEMA.MonetaryAmount): (TYPE.value, str(SCHEMA.value), str(SCHEMA.currency)),
}
_PARTY_CARRIED = (
    *_COMMON,
    str(IOP.locator),
    UNIT_OF.value,
    ALT_LABEL.value,
    SKOS_NOTE.value,
    str(ROV.registration),
)
for _cls, _kind in _KIND_OF_CLASS:
    CARRIED[_cls] = _PARTY_CARRIED
CARRIED[str(ROV.RegisteredOrganization)] = _PARTY_CARRIED


def carried_quads(store: ox.Store) -> list[ox.Quad]:
    """The statements of ``store`` that a workbook carries (see :data:`CARRIED`), in the
    default graph: the restriction under which export then import gives the same graph."""
    out: set[ox.Quad] = set()
    for cls, preds in CARRIED.items():
        wanted = {N(p) for p in preds}
        for q in store.quads_for_pattern(None, TYPE, N(cls)):
            for q2 in store.quads_for_pattern(q.subject, None, None):
                if q2.predicate == TYPE and q2.object.value not in CARRIED:
                    continue  # other classes (org:OrganizationalCollaboration ...) stay behind
                if q2.predicate in wanted:
                    out.add(ox.Quad(q2.subject, q2.predicate, q2.object))
    return sorted(out, key=str)
