"""Writing a workbook: the empty template, or the rows of a graph, as ``.xlsx`` or CSV files.

The xlsx has one sheet per kind with ``Svenska (englishKey)`` headers, an ``Instruktioner``
sheet, and a hidden ``Listor`` sheet that the dropdowns (data validation) of every closed list
point at. CSV files have the bare English keys as headers (as the register has).

>>> from iopkg.workbook.importer import reference
>>> files = template_csv(reference())
>>> sorted(files)[:2]
['agreements.csv', 'decisions.csv']
>>> files["agreements.csv"].splitlines()[0][:25]
b'id,title,titleEn,label,la'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from enum import StrEnum

from openpyxl import Workbook as XlWorkbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from iopkg.workbook.spec import (
    INSTRUCTIONS_TITLE,
    LISTS_TITLE,
    SHEET_ORDER,
    SHEETS,
    ColType,
    Sheet,
)

#: Rows a dropdown covers below the data.
VALIDATION_ROWS = 2000
BOM = "\ufeff"

Tables = Mapping[Sheet, Sequence[Mapping[str, object]]]


class WorkbookFormat(StrEnum):
    """What ``iopkg template`` and ``iopkg export`` write."""

    xlsx = "xlsx"
    csv = "csv"


EXAMPLE_NOTE = "EXEMPEL – radera raden / EXAMPLE – delete this row"

#: Example rows of the template (invented; each id starts with ``exempel-`` and the import
#: refuses such rows, so an example left in the workbook cannot become data).
EXAMPLES: dict[Sheet, list[dict[str, object]]] = {
    Sheet.SOURCES: [
        {
            "id": "exempel-kalla",
            "url": "https://www.example.org/iop",
            "title": "Exempel: sidan om IOP",
            "publisher": "Exempel kommun",
            "sourceKind": "kommunens webbplats",
            "accessed": "2024-01-15",
        }
    ],
    Sheet.PARTIES: [
        {
            "id": "exempel-namnd",
            "name": "Exempel: socialnämnden",
            "kind": "nämnd",
            "municipality": "Enköping",
            "source": "exempel-kalla",
            "note": EXAMPLE_NOTE,
        },
        {
            "id": "exempel-forening",
            "name": "Exempel: föreningen",
            "kind": "idéburen organisation",
            "source": "exempel-kalla",
            "note": EXAMPLE_NOTE,
        },
    ],
    Sheet.AGREEMENTS: [
        {
            "id": "exempel-avtal",
            "title": "Exempel: IOP om en mötesplats",
            "municipality": "Enköping",
            "publicParty": "exempel-namnd",
            "ideaBasedParties": "exempel-forening",
            "activity": "Mötesplats för nyanlända",
            "focusArea": "integration och inkludering",
            "startDate": "1 januari 2024",
            "endDate": "2026-12-31",
            "decisions": "exempel-beslut",
            "source": "exempel-kalla",
            "locator": "rubriken Aktuella partnerskap, punkt 1",
            "note": EXAMPLE_NOTE,
        }
    ],
    Sheet.DECISIONS: [
        {
            "id": "exempel-beslut",
            "body": "exempel-namnd",
            "date": "2023-11-20",
            "paragraph": "12",
            "status": "fattat",
            "subject": "Beslut att teckna IOP",
            "source": "exempel-kalla",
            "note": EXAMPLE_NOTE,
        }
    ],
    Sheet.FUNDING_FLOWS: [
        {
            "id": "exempel-flode",
            "agreement": "exempel-avtal",
            "funder": "exempel-namnd",
            "recipient": "exempel-forening",
            "amount": "650 tkr",
            "amountKind": "per år",
            "sourceOfFunds": "kommunal budget",
            "source": "exempel-kalla",
            "note": EXAMPLE_NOTE,
        }
    ],
    Sheet.IN_KIND: [
        {
            "id": "exempel-insats",
            "agreement": "exempel-avtal",
            "giver": "exempel-namnd",
            "type": "lokaler",
            "description": "Lokaler i medborgarhuset",
            "source": "exempel-kalla",
            "note": EXAMPLE_NOTE,
        }
    ],
    Sheet.IDENTITIES: [],
}


def _cell_text(value: object) -> str:
    return "" if value is None else str(value)


def tables_csv(tables: Tables, *, swedish_excel: bool = False) -> dict[str, bytes]:
    """The tables as CSV files (bare English keys as headers), by file name.

    :param swedish_excel: ``;`` separator and a byte-order mark, as Swedish Excel reads them.
    """
    out = {}
    for sheet in SHEET_ORDER:
        keys = [c.key for c in SHEETS[sheet].columns]
        buf = io.StringIO()
        if swedish_excel:
            buf.write(BOM)
        w = csv.writer(buf, delimiter=";" if swedish_excel else ",", lineterminator="\r\n")
        w.writerow(keys)
        for row in tables.get(sheet, []):
            w.writerow([_cell_text(row.get(k)) for k in keys])
        out[sheet.csv_name] = buf.getvalue().encode("utf-8")
    return out


def _formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=")


def _text_cell(ws: object, value: object) -> WriteOnlyCell:
    """A cell holding ``value``; a text starting with ``=`` stays text. openpyxl writes such a
    string as a formula, so a label ``=HYPERLINK(...)`` or ``=WEBSERVICE(...)`` in the data
    became a live formula in the exported workbook (and the workbook could not be imported
    back: the importer refuses formulas).

    >>> _text_cell(None, "=1+1").data_type, _text_cell(None, 7).data_type
    ('s', 'n')
    """
    cell = WriteOnlyCell(ws, value=value)
    if _formula_like(value):
        cell.data_type = "s"
    return cell


def tables_xlsx(
    tables: Tables, choices: Mapping[str, Sequence[str]], *, examples: bool = False
) -> bytes:
    """The tables as an ``.xlsx`` workbook with instructions and dropdowns.

    :param choices: the values of each closed list (see :meth:`Reference.choices`).
    :param examples: mark the rows as example rows (yellow, to be deleted).
    """
    wb = XlWorkbook(write_only=True)
    _instructions(wb.create_sheet(INSTRUCTIONS_TITLE))
    list_ranges: dict[str, str] = {}
    names = sorted(choices)
    for i, name in enumerate(names):
        letter = get_column_letter(i + 1)
        list_ranges[name] = f"{LISTS_TITLE}!${letter}$2:${letter}${len(choices[name]) + 1}"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for sheet in SHEET_ORDER:
        spec = SHEETS[sheet]
        ws = wb.create_sheet(sheet.title)
        ws.freeze_panes = "B2"
        rows = tables.get(sheet, [])
        last = max(len(rows) + 1, VALIDATION_ROWS)
        for i, col in enumerate(spec.columns):
            letter = get_column_letter(i + 1)
            ws.column_dimensions[letter].width = max(14, min(40, len(spec.header(col.key)) + 2))
            if col.choices and col.choices in list_ranges:
                strict = col.type is ColType.CHOICE
                dv = DataValidation(
                    type="list",
                    formula1=f"={list_ranges[col.choices]}",
                    allow_blank=True,
                    showErrorMessage=strict,
                    errorTitle=col.sv,
                    error="Välj ett värde ur listan / choose a value from the list",
                )
                dv.add(f"{letter}2:{letter}{last}")
                ws.data_validations.append(dv)
        header = []
        for col in spec.columns:
            cell = WriteOnlyCell(ws, value=spec.header(col.key))
            cell.font = bold
            header.append(cell)
        ws.append(header)
        for row in rows:
            values = [row.get(c.key) for c in spec.columns]
            if examples:
                cells = []
                for v in values:
                    cell = _text_cell(ws, v)
                    cell.fill = fill
                    cells.append(cell)
                ws.append(cells)
            else:
                ws.append([_text_cell(ws, v) if _formula_like(v) else v for v in values])
    lists = wb.create_sheet(LISTS_TITLE)
    lists.sheet_state = "hidden"
    lists.append(names)
    longest = max((len(choices[n]) for n in names), default=0)
    for r in range(longest):
        lists.append([choices[n][r] if r < len(choices[n]) else None for n in names])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


_INSTRUCTIONS_SV = [
    "Så fyller du i arbetsboken (iopkg)",
    "",
    "1. Ett blad per sorts uppgift: Avtal, Parter, Beslut, Ekonomi, Insatser, Källor, Identiteter.",
    "2. En rad per sak. Id: ett kort, stabilt id du väljer (a–z, 0–9, . _ -; inte punkt först),",
    "   unikt per blad.",
    "   Andra blad hänvisar till raden med id:t (Avtal: Offentlig part = ett id i Parter).",
    "3. Flera värden i en cell skiljs med semikolon (;).",
    "4. Belopp: 1 686 000 kr, 1 686 000,50, 650 tkr, 1,3 mnkr; för belopp per år välj 'per år'.",
    "5. Datum: 2023-01-01, 1 januari 2023, eller bara året.",
    "6. Varje rad anger sin källa (id i Källor) och var i källan det står (Plats i källan).",
    "   En webbsida behöver datum då den hämtades. Ett dokument ligger under data/sources/.",
    "7. Gula rader är exempel: radera dem. Rader vars id börjar med 'exempel' importeras inte.",
    "8. Inga formler, sammanfogade celler eller dolda blad: de vägras vid import.",
    "9. Kontrollera: iopkg import iop.xlsx -o iop.ttl --lang sv (varje fel anges med sin cell).",
    "",
    "Filling in the workbook: one sheet per kind, one row per thing, ids link rows across sheets;",
    "';' separates several values; every row names its source. See docs/workbook.md.",
]


def _instructions(ws) -> None:
    ws.column_dimensions["A"].width = 110
    for i, line in enumerate(_INSTRUCTIONS_SV):
        if i == 0:
            cell = WriteOnlyCell(ws, value=line)
            cell.font = Font(bold=True, size=14)
            ws.append([cell])
        else:
            ws.append([line])
    ws.append([])
    ws.append(["Kolumner / columns"])
    for sheet in SHEET_ORDER:
        ws.append([])
        ws.append([f"{sheet.title} ({sheet.csv_name})"])
        for col in SHEETS[sheet].columns:
            flag = " *" if col.required else ""
            extra = f" — {col.help_en}" if col.help_en else ""
            lst = f" [lista: {col.choices}]" if col.choices else ""
            ws.append([f"  {SHEETS[sheet].header(col.key)}{flag}{lst}{extra}"])
    ws.append([])
    ws.append(["* = måste fyllas i / required"])


def template_csv(ref) -> dict[str, bytes]:
    """The empty template (with example rows) as CSV files."""
    return tables_csv(EXAMPLES)


def template_xlsx(ref) -> bytes:
    """The empty template (with example rows) as an ``.xlsx`` workbook with dropdowns."""
    return tables_xlsx(EXAMPLES, all_choices(ref), examples=True)


def all_choices(ref) -> dict[str, list[str]]:
    """Every closed list a column uses, with its values."""
    names = {c.choices for s in SHEETS.values() for c in s.columns if c.choices}
    return {n: ref.choices(n) for n in sorted(names)}
