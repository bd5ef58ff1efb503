"""Helpers for the workbook tests (fixtures are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "workbook"
REGISTER = FIXTURES / "register"


def column_of(ws, key: str) -> str:
    """The column letter whose header names ``key``."""
    for cell in ws[1]:
        if cell.value and str(cell.value).endswith(f"({key})"):
            return cell.column_letter
    raise KeyError(key)


def set_cells(src: Path, dst: Path, edits: list[tuple[str, int, str, object]]) -> None:
    """Copy a workbook, setting (sheet, row, key, value) cells."""
    wb = openpyxl.load_workbook(src)
    for sheet, row, key, value in edits:
        ws = wb[sheet]
        ws[f"{column_of(ws, key)}{row}"] = value
    wb.save(dst)
