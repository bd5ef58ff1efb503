"""Drafts as workbook rows: a folder of CSV files in the shared workbook format (one file per sheet,
UTF-8, ``,`` separator, bare English keys as headers), ready to be pasted into a publisher's
workbook for review.

Every row is a draft: the ``note`` column says so and gives the quote the row stands on, the
``locator`` column where that quote is in the document (character offsets).

>>> from iopkg.extract.core import extract_text
>>> t = "Malmö stad tecknar ett IOP med Föreningen Hoppet. Föreningen får 200 000 kr per år."
>>> rows = draft_rows([extract_text(t, "hoppet.txt")])
>>> [r["name"] for r in rows["parties.csv"]]
['Malmö stad', 'Föreningen Hoppet']
>>> rows["funding-flows.csv"][0]["amount"], rows["funding-flows.csv"][0]["amountKind"]
('200 000 kr', 'per år')
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from iopkg.extract.model import (
    Classification,
    DocumentType,
    Draft,
    InKindType,
    Quote,
    SourceOfFunds,
)  # fmt: skip

#: Header keys of each CSV file, in the order of the workbook format.
COLUMNS: dict[str, list[str]] = {
    "sources.csv": ["id", "url", "document", "title", "publisher", "sourceKind", "published",
                    "accessed"],
    "parties.csv": ["id", "name", "kind", "orgNumber", "municipality", "aliases", "source",
                    "locator", "note"],
    "agreements.csv": ["id", "title", "titleEn", "municipality", "publicParty", "ideaBasedParties",
                       "activity", "focusArea", "startDate", "endDate", "decisions", "source",
                       "locator", "note"],
    "decisions.csv": ["id", "body", "date", "paragraph", "registryNumber", "status", "subject",
                      "source", "locator", "note"],
    "funding-flows.csv": ["id", "agreement", "funder", "recipient", "amount", "amountKind",
                          "startDate", "endDate", "fiscalYear", "sourceOfFunds", "source",
                          "locator", "note"],
    "in-kind.csv": ["id", "agreement", "giver", "recipient", "type", "description", "source",
                    "locator", "note"],
    "identities.csv": ["party", "sameAs", "evidence", "decision", "reviewed", "source"],
}  # fmt: skip

_SOURCE_KIND = {
    DocumentType.agreement: "avtal",
    DocumentType.board_report: "rapport",
    DocumentType.minutes: "protokoll",
    DocumentType.press_release: "pressmeddelande",
    DocumentType.news: "nyhet",
    DocumentType.other: "annan",
}
_FUNDS = {
    SourceOfFunds.municipal: "kommunal budget",
    SourceOfFunds.state: "statligt bidrag",
    SourceOfFunds.other: "annan källa",
}
_IN_KIND = {
    InKindType.premises: "lokaler",
    InKindType.staff_time: "personaltid",
    InKindType.volunteer_work: "ideellt arbete",
    InKindType.it_system: "IT-system",
    InKindType.knowledge: "kunskap och nätverk",
    InKindType.communication: "marknadsföring och information",
    InKindType.project_support: "projektstöd",
    InKindType.interpreting: "tolkning",
    InKindType.training: "utbildning",
}


def slug(text: str) -> str:
    """A workbook id (``[A-Za-z0-9._-]+``) made from a name.

    :param text: a name or file name.

    >>> slug("Göteborgs Stadsmission")
    'goteborgs-stadsmission'
    """
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_.lower()).strip("-.")
    return s or "x"


def swedish_amount(amount: Decimal) -> str:
    """An amount as Swedish people write it: ``1 686 000 kr``, ``1 686 000,50 kr``.

    :param amount: kronor.

    >>> swedish_amount(Decimal("1686000.5"))
    '1 686 000,50 kr'
    """
    whole = int(amount)
    s = f"{whole:,}".replace(",", " ")
    frac = amount - whole
    if frac:
        s += "," + f"{frac:.2f}"[2:]
    return s + " kr"


def _locator(q: Quote | None) -> str:
    return "" if q is None else f"characters {q.start}-{q.end}"


def _note(q: Quote | None, extra: str = "") -> str:
    text = "" if q is None else re.sub(r"\s+", " ", q.text)
    if len(text) > 200:
        text = text[:197] + "..."
    parts = ["draft from iopkg extract, to review"]
    if extra:
        parts.append(extra)
    if text:
        parts.append(f"quote: «{text}»")
    return "; ".join(parts)


def _public_kind(name: str) -> str:
    n = name.lower()
    if "fullmäktige" in n:
        return "fullmäktige"
    if re.search(r"nämnd|styrelse", n):
        return "nämnd"
    if re.search(r"förvaltning|kontor", n):
        return "förvaltning"
    if n.startswith("region ") or n.endswith("regionen") or n.startswith("landsting"):
        return "region"
    if re.search(r"kommun|stad$", n):
        return "kommun"
    return "annan organisation"


class _Ids:
    """Unique ids per sheet."""

    def __init__(self) -> None:
        self.used: dict[str, set[str]] = {}

    def new(self, sheet: str, base: str) -> str:
        used = self.used.setdefault(sheet, set())
        i, cand = 1, base
        while cand in used:
            i += 1
            cand = f"{base}-{i}"
        used.add(cand)
        return cand


def draft_rows(drafts: list[Draft]) -> dict[str, list[dict[str, str]]]:
    """The rows of each CSV file for some drafts (texts not about an IOP give a source row only).

    :param drafts: the drafts.
    """
    out: dict[str, list[dict[str, str]]] = {name: [] for name in COLUMNS}
    ids = _Ids()
    party_ids: dict[tuple[str, str], str] = {}

    def row(sheet: str, **values: Any) -> dict[str, str]:
        r = {k: "" if values.get(k) is None else str(values[k]) for k in COLUMNS[sheet]}
        out[sheet].append(r)
        return r

    for d in drafts:
        src = ids.new("sources", slug(Path(d.source).stem))
        title = d.title.value if d.title else Path(d.source).name
        row("sources.csv", id=src, document=Path(d.source).name, title=title,
            sourceKind=_SOURCE_KIND.get(d.document_type, "annan") if d.document_type else "annan",
            published=d.document_date.value.isoformat() if d.document_date else None)  # fmt: skip
        if d.classification == Classification.not_iop:
            continue
        mun = d.municipality.name if d.municipality else (d.region.value if d.region else None)

        def party(
            name: str,
            kind: str,
            q: Quote | None,
            orgnr: str | None = None,
            src: str = src,
            mun: str | None = mun,
        ) -> str:
            key = (name.lower(), src)
            if key not in party_ids:
                pid = ids.new("parties", slug(name))
                party_ids[key] = pid
                row("parties.csv", id=pid, name=name, kind=kind, orgNumber=orgnr,
                    municipality=mun if kind != "idéburen organisation" else None, source=src,
                    locator=_locator(q), note=_note(q))  # fmt: skip
            return party_ids[key]

        public = [party(p.name, _public_kind(p.name), p.quote) for p in d.public_parties]
        idea = [
            party(p.name, "idéburen organisation", p.quote, p.org_number) for p in d.idea_parties
        ]

        def find(name: str | None, src: str = src) -> str:
            if not name:
                return ""
            for (n, s), pid in party_ids.items():
                if s == src and (n == name.lower() or n.startswith(name.lower())):
                    return pid
            return ""

        decision_ids = []
        for x in d.decisions:
            did = ids.new("decisions", f"{src}-beslut")
            decision_ids.append(did)
            body = (
                party(x.body[:1].upper() + x.body[1:], _public_kind(x.body), x.quote)
                if x.body
                else ""
            )  # noqa: E501
            when = x.date.isoformat() if x.date else (str(x.year) if x.year else None)
            extra = "year taken from the document date" if x.date_inferred else ""
            row("decisions.csv", id=did, body=body, date=when, paragraph=x.paragraph,
                registryNumber=x.registry_number,
                status="fattat" if (x.date or x.year or x.paragraph) else "förslag", source=src,
                locator=_locator(x.quote), note=_note(x.quote, extra))  # fmt: skip
        ag = ""
        if public or idea or d.period or d.funding_flows:
            ag = ids.new("agreements", f"{src}-iop")
            mentioned = "; ".join(
                f"{swedish_amount(a.amount)} ({a.qualifier.value}, not a funding flow)"
                for a in d.mentioned_amounts
            )
            extra = f"classification {d.classification.value if d.classification else '?'}"
            if mentioned:
                extra += f"; amounts named: {mentioned}"
            q = (
                d.period.quote
                if d.period
                else (d.agreement_title.quote if d.agreement_title else None)
            )  # noqa: E501
            row("agreements.csv", id=ag,
                title=d.agreement_title.value if d.agreement_title else None,
                municipality=mun, publicParty=";".join(public), ideaBasedParties=";".join(idea),
                activity=d.activity.value if d.activity else None,
                startDate=d.period.start.isoformat() if d.period and d.period.start else None,
                endDate=d.period.end.isoformat() if d.period and d.period.end else None,
                decisions=";".join(decision_ids), source=src, locator=_locator(q),
                note=_note(q, extra))  # fmt: skip
        for f in d.funding_flows:
            fiscal = (
                f.start.year
                if f.start and f.end and f.start.year == f.end.year and not f.rate_per_year
                else None
            )
            extra = "ceiling (upp till/högst)" if f.ceiling else ""
            funder = find(f.funder)
            if f.funder and not funder:
                extra = "; ".join(x for x in (extra, f"funder as written: {f.funder}") if x)
            recipient = idea[0] if len(idea) == 1 else ""
            row("funding-flows.csv", id=ids.new("funding-flows", f"{src}-medel"), agreement=ag,
                funder=funder, recipient=recipient, amount=swedish_amount(f.amount),
                amountKind="per år" if f.rate_per_year else "fast belopp",
                startDate=f.start.isoformat() if f.start else None,
                endDate=f.end.isoformat() if f.end else None, fiscalYear=fiscal,
                sourceOfFunds=_FUNDS.get(f.source_of_funds) if f.source_of_funds else None,
                source=src, locator=_locator(f.quote), note=_note(f.quote, extra))  # fmt: skip
        for k in d.in_kind:
            row("in-kind.csv", id=ids.new("in-kind", f"{src}-insats"), agreement=ag,
                giver=find(k.giver), type=_IN_KIND[k.kind], description=k.description[:200],
                source=src, locator=_locator(k.quote),
                note=_note(k.quote, f"giver as written: {k.giver}" if k.giver else ""))  # fmt: skip
    return out


def rows_to_csv(drafts: list[Draft]) -> dict[str, bytes]:
    """The CSV files (name to UTF-8 bytes) for some drafts.

    :param drafts: the drafts.
    """
    files = {}
    for name, rows in draft_rows(drafts).items():
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=COLUMNS[name], lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
        files[name] = buf.getvalue().encode("utf-8")
    return files
