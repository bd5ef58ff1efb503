"""Hostile workbooks: one clear line, the right exit code, and nothing written."""

from __future__ import annotations

import shutil
import zipfile

import openpyxl
import pytest
from wbhelpers import column_of

from iopkg.cli import app
from iopkg.workbook import reader


def _run(runner, path, tmp_path, code):
    out = tmp_path / "out.ttl"
    res = runner.invoke(app, ["import", str(path), "-o", str(out)])
    assert res.exit_code == code, res.output
    assert not out.exists()
    return [line for line in res.output.splitlines() if line.strip()]


def _edited(data_xlsx, tmp_path, edit) -> str:
    wb = openpyxl.load_workbook(data_xlsx)
    edit(wb)
    path = tmp_path / "iop.xlsx"
    wb.save(path)
    return str(path)


def test_formula_is_refused(data_xlsx, tmp_path, runner):
    def edit(wb):
        ws = wb["Ekonomi"]
        ws[f"{column_of(ws, 'amount')}3"] = "=1000*2"

    lines = _run(runner, _edited(data_xlsx, tmp_path, edit), tmp_path, 2)
    assert len(lines) == 1
    assert lines[0].startswith("Error: iop.xlsx:Ekonomi!")
    assert "formula" in lines[0] and "replace it by its value" in lines[0]


def test_merged_cells_are_refused(data_xlsx, tmp_path, runner):
    lines = _run(
        runner,
        _edited(data_xlsx, tmp_path, lambda wb: wb["Avtal"].merge_cells("B2:C2")),
        tmp_path,
        2,
    )
    assert lines == [
        "Error: iop.xlsx:Avtal: refused: the sheet has merged cells; unmerge them and fill "
        "every cell"
    ]


def test_hidden_sheet_is_refused(data_xlsx, tmp_path, runner):
    def edit(wb):
        wb["Beslut"].sheet_state = "hidden"

    lines = _run(runner, _edited(data_xlsx, tmp_path, edit), tmp_path, 2)
    assert len(lines) == 1 and "iop.xlsx:Beslut: refused: the sheet is hidden" in lines[0]


def test_million_rows_refused_from_the_declared_dimension(data_xlsx, tmp_path, runner):
    src = tmp_path / "small.xlsx"
    shutil.copy(data_xlsx, src)
    big = tmp_path / "iop.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":  # Avtal: declare a million rows
                data = data.replace(b"<sheetViews>", b'<dimension ref="A1:P1048576"/><sheetViews>')
            zout.writestr(item, data)
    lines = _run(runner, big, tmp_path, 2)
    assert len(lines) == 1 and "1048576 rows" in lines[0] and "refused" in lines[0]


def test_too_many_rows_counted_before_loading(data_xlsx, tmp_path, runner, monkeypatch):
    # the data's Avtal sheet has 68 agreements (4 documented, 64 of the register) and a header
    monkeypatch.setattr(reader, "MAX_ROWS", 10)
    lines = _run(runner, data_xlsx, tmp_path, 2)
    assert lines == ["Error: iop.xlsx:Avtal: refused: the sheet has 69 rows (limit 10)"]


def test_not_a_zip(tmp_path, runner):
    path = tmp_path / "iop.xlsx"
    path.write_text("id,title\n1,x\n", encoding="utf-8")
    lines = _run(runner, path, tmp_path, 2)
    assert lines == [f"Error: {path}: not an .xlsx workbook (not a zip file)"]


def test_zip_bomb_ratio(tmp_path, runner):
    path = tmp_path / "iop.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (8 * 1024 * 1024))
    lines = _run(runner, path, tmp_path, 2)
    assert len(lines) == 1 and "zip bomb" in lines[0] and "compressed" in lines[0]


def test_zip_bomb_total_size(tmp_path, runner, monkeypatch):
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED", 1024 * 1024)
    path = tmp_path / "iop.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"x" * (2 * 1024 * 1024))
    lines = _run(runner, path, tmp_path, 2)
    assert len(lines) == 1 and "unpacks to 2 MiB" in lines[0]


def test_wrong_type_one_line(data_xlsx, tmp_path, runner):
    def edit(wb):
        ws = wb["Avtal"]
        ws[f"{column_of(ws, 'publicParty')}2"] = 42

    lines = _run(runner, _edited(data_xlsx, tmp_path, edit), tmp_path, 1)
    assert lines[0].startswith("iop.xlsx:Avtal!G2: wrong type of cell (number)")
    assert lines[-1] == "1 problem(s); nothing written"


def test_duplicated_row_id_one_line(data_xlsx, tmp_path, runner):
    def edit(wb):
        ws = wb["Källor"]
        ws["A6"] = ws["A5"].value  # two rows now claim the same id

    lines = _run(runner, _edited(data_xlsx, tmp_path, edit), tmp_path, 1)
    assert any(
        line.startswith("iop.xlsx:Källor!A6: the id is already used on row 5") for line in lines
    )


def test_csv_not_utf8(tmp_path, runner):
    folder = tmp_path / "register"
    folder.mkdir()
    (folder / "agreements.csv").write_bytes("id,title\nx,Överenskommelse\n".encode("cp1252"))
    lines = _run(runner, folder, tmp_path, 2)
    assert len(lines) == 1 and "not UTF-8" in lines[0]


@pytest.mark.parametrize("name", ["missing.xlsx", "folder-without-csv"])
def test_unreadable_input(tmp_path, runner, name):
    if name.startswith("folder"):
        (tmp_path / name).mkdir()
    lines = _run(runner, tmp_path / name, tmp_path, 2)
    assert len(lines) == 1 and lines[0].startswith("Error: ")
