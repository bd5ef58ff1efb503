"""The workbook format: sheets, columns and their types (the contract in ``docs/workbook.md``).

One sheet (xlsx) or CSV file per kind of thing. An xlsx header reads ``Svenska (englishKey)``;
on import a header is matched by the key in parentheses, the bare English key or the Swedish
text.

>>> SHEETS[Sheet.FUNDING_FLOWS].header("amount")
'Belopp (amount)'
>>> Sheet.from_csv_name("funding-flows.csv") is Sheet.FUNDING_FLOWS
True
>>> SHEETS[Sheet.AGREEMENTS].match_header("Startdatum")
'startDate'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from iopkg.namespaces import VOCAB


class Sheet(StrEnum):
    """The data sheets, by CSV file stem (the English key)."""

    SOURCES = "sources"
    PARTIES = "parties"
    AGREEMENTS = "agreements"
    DECISIONS = "decisions"
    FUNDING_FLOWS = "funding-flows"
    IN_KIND = "in-kind"
    IDENTITIES = "identities"

    @property
    def title(self) -> str:
        """The xlsx sheet name (Swedish)."""
        return SHEET_TITLES[self]

    @property
    def csv_name(self) -> str:
        return f"{self.value}.csv"

    @classmethod
    def from_title(cls, title: str) -> Sheet | None:
        for sheet, t in SHEET_TITLES.items():
            if t.casefold() == title.strip().casefold() or sheet.value == title.strip().casefold():
                return sheet
        return None

    @classmethod
    def from_csv_name(cls, name: str) -> Sheet | None:
        stem = name.rsplit(".", 1)[0].strip().casefold()
        return next((s for s in cls if s.value == stem), None)


SHEET_TITLES = {
    Sheet.AGREEMENTS: "Avtal",
    Sheet.PARTIES: "Parter",
    Sheet.DECISIONS: "Beslut",
    Sheet.FUNDING_FLOWS: "Ekonomi",
    Sheet.IN_KIND: "Insatser",
    Sheet.SOURCES: "Källor",
    Sheet.IDENTITIES: "Identiteter",
}
#: The order of the sheets in a workbook.
SHEET_ORDER = [
    Sheet.AGREEMENTS,
    Sheet.PARTIES,
    Sheet.DECISIONS,
    Sheet.FUNDING_FLOWS,
    Sheet.IN_KIND,
    Sheet.SOURCES,
    Sheet.IDENTITIES,
]
INSTRUCTIONS_TITLE = "Instruktioner"
#: The hidden sheet holding the dropdown lists; ignored on import.
LISTS_TITLE = "Listor"


class ColType(StrEnum):
    """What a column holds; decides parsing, the accepted cell types and the dropdown."""

    TEXT = "text"
    ID = "id"  # this row's id
    REF = "ref"  # one id of another row
    REFS = "refs"  # ids of other rows, `;`-separated
    TEXTS = "texts"  # free texts, `;`-separated
    DATE = "date"
    YEAR = "year"
    INT = "int"
    AMOUNT = "amount"
    URL = "url"
    ORGNR = "orgnr"
    PLACE = "place"  # a municipality or region, by name or SCB code
    CHOICE = "choice"  # one value of a closed list
    CHOICES = "choices"  # several values of a closed list, `;`-separated


class PartyKind(StrEnum):
    """``Parter: kind`` (Typ): the closed list of kinds of party; each maps to a class."""

    IDEA_BASED = "idéburen organisation"
    BOARD = "nämnd"
    COUNCIL = "fullmäktige"
    ADMINISTRATION = "förvaltning"
    MUNICIPALITY = "kommun"
    REGION = "region"
    STATE_BODY = "statlig myndighet"
    OTHER = "annan organisation"


class AmountKind(StrEnum):
    """``Ekonomi: amountKind`` (Beloppstyp): a fixed amount for a period, or a rate per year."""

    FIXED = "fast belopp"
    PER_YEAR = "per år"


class IdentityVerdict(StrEnum):
    """``Identiteter: decision`` (Beslut): the outcome of a reviewed merge."""

    SAME = "samma"
    DIFFERENT = "olika"


#: Closed lists that are structural (they pick a class or a property), hence enums in code.
ENUM_LISTS: dict[str, type[StrEnum]] = {
    "party-kind": PartyKind,
    "amount-kind": AmountKind,
    "identity-verdict": IdentityVerdict,
}
#: Closed lists read from the SKOS schemes of ``data/vocab/schemes.ttl`` (prefLabel@sv).
SCHEME_LISTS: dict[str, str] = {
    "focus-area": str(VOCAB["focus-area"]),
    "source-of-funds": str(VOCAB["source-of-funds"]),
    "in-kind-type": str(VOCAB["in-kind-type"]),
    "decision-status": str(VOCAB["decision-status"]),
    "document-type": str(VOCAB["document-type"]),
}
#: The list of municipalities and regions (from ``data/reference/``).
PLACES_LIST = "places"


@dataclass(frozen=True)
class Column:
    """One column: English key, Swedish header, type, and for closed lists the list's name."""

    key: str
    sv: str
    type: ColType = ColType.TEXT
    required: bool = False
    choices: str | None = None
    help_sv: str = ""
    help_en: str = ""


@dataclass(frozen=True)
class SheetSpec:
    """The columns of one sheet."""

    sheet: Sheet
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        return _COLUMN_INDEX[self.sheet][key]

    def header(self, key: str) -> str:
        """The xlsx header ``Svenska (key)``."""
        return f"{self.column(key).sv} ({key})"

    def match_header(self, text: str) -> str | None:
        """The key a header names (by ``(key)``, bare key or Swedish text), or None."""
        text = " ".join(str(text).split())
        m = re.search(r"\(([A-Za-z]+)\)\s*$", text)
        candidates = [m.group(1)] if m else []
        candidates.append(text)
        for cand in candidates:
            for c in self.columns:
                if cand == c.key or cand.casefold() == c.key.casefold():
                    return c.key
        for c in self.columns:
            if text.casefold() == c.sv.casefold():
                return c.key
        return None


_SRC = (
    Column("source", "Källa", ColType.REFS, True, help_en="source ids (Källor), ;-separated"),
    Column("locator", "Plats i källan", help_en="where in the source (page, section, row)"),
    Column("note", "Anmärkning", help_en="ambiguity note (stored in English)"),
    Column("noteSv", "Anmärkning (svenska)", help_en="ambiguity note in Swedish, optional"),
)

SHEETS: dict[Sheet, SheetSpec] = {
    s.sheet: s
    for s in (
        SheetSpec(
            Sheet.SOURCES,
            (
                Column("id", "Id", ColType.ID, True),
                Column("url", "URL", ColType.URL, help_en="http(s) address of the page"),
                Column("document", "Dokument", help_en="a file name under data/sources/"),
                Column("title", "Titel", required=True),
                Column("label", "Etikett", help_en="short label (sv); the title when empty"),
                Column("labelEn", "Etikett (engelska)"),
                Column("publisher", "Utgivare", help_en="a party id, or a name"),
                Column(
                    "sourceKind",
                    "Typ av källa",
                    ColType.CHOICE,
                    choices="document-type",
                    help_en="required for a web page",
                ),
                Column("published", "Publicerad", ColType.DATE),
                Column("accessed", "Hämtad", ColType.DATE, help_en="required for a URL"),
            ),
        ),
        SheetSpec(
            Sheet.PARTIES,
            (
                Column("id", "Id", ColType.ID, True),
                Column("name", "Namn", required=True),
                Column("nameEn", "Namn (engelska)"),
                Column("kind", "Typ", ColType.CHOICE, True, "party-kind"),
                Column("orgNumber", "Organisationsnummer", ColType.ORGNR),
                Column("municipality", "Kommun/region", ColType.PLACE, choices=PLACES_LIST),
                Column("aliases", "Alias", ColType.TEXTS),
                Column("source", "Källa", ColType.REFS, help_en="source ids (Källor), ;-separated"),
                _SRC[1],
                Column("note", "Anmärkning", help_en="note (stored in English)"),
            ),
        ),
        SheetSpec(
            Sheet.AGREEMENTS,
            (
                Column("id", "Id", ColType.ID, True),
                Column("title", "Titel", required=True),
                Column("titleEn", "Titel (engelska)"),
                Column("label", "Etikett", help_en="short label (sv); the title when empty"),
                Column("labelEn", "Etikett (engelska)"),
                Column("municipality", "Kommun/region", ColType.PLACE, True, PLACES_LIST),
                Column("publicParty", "Offentlig part", ColType.REFS, True),
                Column("ideaBasedParties", "Idéburna parter", ColType.REFS, True),
                Column("activity", "Verksamhet", required=True),
                Column("activityEn", "Verksamhet (engelska)"),
                Column("activityId", "Verksamhets-id", help_en="id of the activity; the row id"),
                Column("focusArea", "Fokusområde", ColType.CHOICES, choices="focus-area"),
                Column("startDate", "Startdatum", ColType.DATE),
                Column("endDate", "Slutdatum", ColType.DATE),
                Column("decisions", "Beslut", ColType.REFS),
                *_SRC,
            ),
        ),
        SheetSpec(
            Sheet.DECISIONS,
            (
                Column("id", "Id", ColType.ID, True),
                Column("label", "Etikett", help_en="short label (sv); made up when empty"),
                Column("labelEn", "Etikett (engelska)"),
                Column("body", "Beslutande organ", ColType.REF, True),
                Column("date", "Datum", ColType.DATE, help_en="decision (or proposal) date"),
                Column("meetingDate", "Sammanträdesdatum", ColType.DATE),
                Column("paragraph", "Paragraf", ColType.INT),
                Column("registryNumber", "Diarienummer"),
                Column("status", "Status", ColType.CHOICE, True, "decision-status"),
                Column("proposedBy", "Föreslaget av", ColType.REF),
                Column("subject", "Ärende"),
                Column("subjectEn", "Ärende (engelska)"),
                *_SRC,
            ),
        ),
        SheetSpec(
            Sheet.FUNDING_FLOWS,
            (
                Column("id", "Id", ColType.ID, True),
                Column("label", "Etikett", help_en="short label (sv); made up when empty"),
                Column("labelEn", "Etikett (engelska)"),
                Column("agreement", "Avtal", ColType.REF, True),
                Column("funder", "Finansiär", ColType.REF, True),
                Column("recipient", "Mottagare", ColType.REF, True),
                Column("amount", "Belopp", ColType.AMOUNT, True),
                Column("amountKind", "Beloppstyp", ColType.CHOICE, choices="amount-kind"),
                Column("startDate", "Startdatum", ColType.DATE),
                Column("endDate", "Slutdatum", ColType.DATE),
                Column("fiscalYear", "Budgetår", ColType.YEAR),
                Column(
                    "sourceOfFunds", "Finansieringskälla", ColType.CHOICE, False, "source-of-funds"
                ),
                *_SRC,
            ),
        ),
        SheetSpec(
            Sheet.IN_KIND,
            (
                Column("id", "Id", ColType.ID, True),
                Column("agreement", "Avtal", ColType.REF, True),
                Column("giver", "Givare", ColType.REF, True),
                Column("recipient", "Mottagare", ColType.REF),
                Column("type", "Typ", ColType.CHOICE, True, "in-kind-type"),
                Column("description", "Beskrivning", required=True),
                Column("descriptionEn", "Beskrivning (engelska)"),
                Column("startDate", "Startdatum", ColType.DATE),
                Column("endDate", "Slutdatum", ColType.DATE),
                *_SRC,
            ),
        ),
        SheetSpec(
            Sheet.IDENTITIES,
            (
                Column("party", "Part", ColType.REF, True),
                Column("sameAs", "Samma som", required=True),
                Column("evidence", "Belägg"),
                Column("decision", "Beslut", ColType.CHOICE, True, "identity-verdict"),
                Column("reviewed", "Granskad", ColType.DATE),
                Column("source", "Källa", ColType.REFS),
            ),
        ),
    )
}

_COLUMN_INDEX = {s: {c.key: c for c in spec.columns} for s, spec in SHEETS.items()}

#: Ids chosen by the publisher: they end IRIs (``id:agreement/ID``), so none starts with a dot
#: (``..`` would name the IRI's parent once resolved, and ``.x`` a hidden file).
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]*$")
