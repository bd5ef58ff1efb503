"""A hand-made workbook with deliberate mistakes: every one is reported at its cell, at once."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from wbhelpers import column_of

from iopkg.cli import app
from iopkg.workbook import import_workbook

# (sheet, row, key, bad value, a fragment of the English message)
MISTAKES = [
    ("Ekonomi", 2, "amount", "12 kg", "unknown unit 'kg'"),
    ("Ekonomi", 3, "amount", "ungefär mycket", "not an amount"),
    ("Ekonomi", 4, "startDate", "32 januari 2020", "no such date"),
    ("Ekonomi", 5, "fiscalYear", "tjugotjugo", "not a year"),
    ("Ekonomi", 6, "sourceOfFunds", "kommunbudget", "did you mean kommunal budget"),
    ("Ekonomi", 7, "funder", "okand-part", "no row with this id on the sheet Parter"),
    ("Ekonomi", 3, "fiscalYear", True, "wrong type of cell (yes/no)"),
    # 40 digits were rounded to 28 without a word, then reported by the shapes as schema:value
    ("Ekonomi", 5, "amount", "9" * 40 + " mnkr", "too large for an amount"),
    ("Ekonomi", 6, "amount", 1e40, "too large for an amount"),
    ("Avtal", 2, "municipality", "Danderydd", "did you mean Danderyds kommun"),
    ("Avtal", 3, "focusArea", "integrasjon", "not in the list"),
    ("Avtal", 4, "startDate", "förra året", "not a date"),
    ("Avtal", 5, "publicParty", "alla-tillsammans-i-danderyd", "the public party must be"),
    ("Avtal", 2, "decisions", "inget-sadant-beslut", "no row with this id on the sheet Beslut"),
    ("Avtal", 3, "source", "ingen-kalla", "no row with this id on the sheet Källor"),
    ("Avtal", 3, "endDate", "2001-01-01", "The period ends before it starts"),
    ("Avtal", 5, "title", dt.datetime(2020, 1, 1), "wrong type of cell (date)"),
    ("Parter", 4, "orgNumber", "811228-9874", "personal identity number"),
    ("Parter", 5, "orgNumber", "123456-7890", "not a valid organisation number"),
    ("Parter", 6, "kind", "förening", "not in the list"),
    ("Parter", 7, "municipality", "Atlantis", "no such municipality or region"),
    ("Beslut", 2, "paragraph", "sexton", "not a positive whole number"),
    ("Beslut", 3, "status", "antaget", "not in the list"),
    ("Beslut", 4, "meetingDate", dt.datetime(2020, 1, 1, 13, 30), "a date, not a time"),
    ("Källor", 2, "url", "ftp://example.org/x", "not an http(s) URL"),
    ("Källor", 3, "document", "finns-inte.txt", "no such file under data/sources/"),
    ("Insatser", 2, "type", "pengar", "not in the list"),
    ("Insatser", 3, "id", "ogiltigt id!", "an id has only letters"),
    ("Insatser", 4, "id", "..", "does not start with ."),
    ("Insatser", 5, "agreement", "", "is required"),
]


@pytest.fixture(scope="module")
def broken(data_xlsx, tmp_path_factory):
    wb = openpyxl.load_workbook(data_xlsx)
    cells = []
    for sheet, row, key, value, fragment in MISTAKES:
        ws = wb[sheet]
        ref = f"{column_of(ws, key)}{row}"
        ws[ref] = value if value != "" else None
        cells.append((f"iop.xlsx:{sheet}!{ref}", fragment))
    ws = wb["Parter"]  # a duplicated row id
    ws["A8"] = ws["A2"].value
    cells.append(("iop.xlsx:Parter!A8", "already used on row 2"))
    path = tmp_path_factory.mktemp("broken") / "iop.xlsx"
    wb.save(path)
    return path, cells


def test_every_mistake_is_reported_at_its_cell(broken):
    path, cells = broken
    assert len(cells) >= 20
    result = import_workbook(path)
    assert not result.ok
    lines = [p.line("en") for p in result.problems]
    for where, fragment in cells:
        hits = [line for line in lines if line.startswith(where + ":")]
        assert hits, f"nothing reported at {where}; got {lines}"
        assert any(fragment in h for h in hits), (where, fragment, hits)


def test_messages_in_swedish_and_nothing_written(broken, runner, tmp_path):
    path, _ = broken
    out = tmp_path / "out.ttl"
    res = runner.invoke(app, ["import", str(path), "-o", str(out), "--lang", "sv"])
    assert res.exit_code == 1
    assert not out.exists()
    assert "iop.xlsx:Ekonomi!" in res.output
    assert "okänd enhet 'kg'" in res.output
    assert "(värde: '12 kg')" in res.output
    assert "personnummer" in res.output
    assert "fel; inget skrevs" in res.output
