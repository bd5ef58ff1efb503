"""Reading a workbook (``.xlsx``) or a folder of CSV files into rows, defensively.

Hostile or broken input is refused with one :class:`~iopkg.errors.WorkbookError` before anything
is parsed into RDF: a file that is not a zip, a zip bomb (uncompressed sizes in the zip
directory), a sheet with too many rows or columns (its declared dimension, then while reading),
merged cells, hidden sheets, formulas (refused: iopkg does not compute them and does not trust
the cached value a program may or may not have stored), text that is not UTF-8.

Cell-level problems (a header nobody knows, a wrong type) are collected as
:class:`~iopkg.workbook.problems.Problem` so that all are reported at once.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter

from iopkg.errors import WorkbookError
from iopkg.workbook.problems import Problem
from iopkg.workbook.spec import (
    INSTRUCTIONS_TITLE,
    LISTS_TITLE,
    SHEETS,
    Sheet,
)

#: Limits that keep a hostile workbook from exhausting memory.
MAX_ROWS = 300_000
MAX_COLUMNS = 60
MAX_UNCOMPRESSED = 256 * 1024 * 1024
MAX_RATIO = 200
MAX_CSV_BYTES = 256 * 1024 * 1024


@dataclass
class Cell:
    """One non-empty cell: its value (str, int, float, datetime, bool) and where it is."""

    value: object
    ref: str  # e.g. "D7"


@dataclass
class Row:
    """One data row of a sheet."""

    sheet: Sheet
    number: int  # 1-based, as the spreadsheet shows it (the header is row 1)
    cells: dict[str, Cell] = field(default_factory=dict)

    def get(self, key: str) -> object | None:
        cell = self.cells.get(key)
        return None if cell is None else cell.value

    def text(self, key: str) -> str:
        v = self.get(key)
        return "" if v is None else str(v).strip()


@dataclass
class Workbook:
    """The rows of every sheet, and how to name a cell in a message."""

    path: Path
    rows: dict[Sheet, list[Row]]
    columns: dict[Sheet, dict[str, str]]  # key -> column letter
    is_csv: bool = False

    def where(self, sheet: Sheet, row: int | None = None, key: str | None = None) -> str:
        """``iop.xlsx:Ekonomi!D7`` (xlsx) or ``register/funding-flows.csv!D7`` (CSV)."""
        if self.is_csv:
            base = f"{self.path.name}/{sheet.csv_name}"
        else:
            base = f"{self.path.name}:{sheet.title}"
        if row is None:
            return base
        col = self.columns.get(sheet, {}).get(key or "", "A") if key else "A"
        return f"{base}!{col}{row}"


def read_workbook(path: str | Path, problems: list[Problem]) -> Workbook:
    """Read an ``.xlsx`` file or a folder of CSV files.

    :param path: the workbook or folder.
    :param problems: cell-level problems are appended here.
    :raises WorkbookError: when the input cannot be read or is hostile (one line, exit 2).
    """
    path = Path(path)
    if not path.exists():
        raise WorkbookError(str(path), "no such file or folder")
    if path.is_dir():
        return _read_csv_folder(path, problems)
    if path.suffix.lower() == ".csv":
        raise WorkbookError(str(path), "give the folder of CSV files, not one file")
    return _read_xlsx(path, problems)


def _check_zip(path: Path) -> None:
    if not zipfile.is_zipfile(path):
        raise WorkbookError(str(path), "not an .xlsx workbook (not a zip file)")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise WorkbookError(str(path), f"broken zip file: {e}") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNCOMPRESSED:
        raise WorkbookError(
            str(path),
            f"refused: unpacks to {total // (1024 * 1024)} MiB "
            f"(limit {MAX_UNCOMPRESSED // (1024 * 1024)} MiB); a zip bomb or far too large",
        )
    for i in infos:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            raise WorkbookError(
                str(path),
                f"refused: {i.filename} is compressed {i.file_size // max(i.compress_size, 1)}:1 "
                "(a zip bomb?)",
            )
    if "xl/workbook.xml" not in {i.filename for i in infos}:
        raise WorkbookError(str(path), "not an .xlsx workbook (no xl/workbook.xml)")


def _sheet_parts(path: Path, z: zipfile.ZipFile) -> list[tuple[str, str, str]]:
    """``(name, state, XML path)`` of every sheet, from the workbook part and its relations
    (openpyxl's parser of the package; shared strings and cells are not read)."""
    from openpyxl.reader.workbook import WorkbookParser

    try:
        parser = WorkbookParser(z, "xl/workbook.xml")
        parser.parse()
        return [(s.name, s.state or "visible", rel.target) for s, rel in parser.find_sheets()]
    except Exception as e:  # openpyxl raises many kinds for a broken package
        raise WorkbookError(
            str(path), f"cannot read the workbook: {type(e).__name__}: {e}"
        ) from None


def _read_xlsx(path: Path, problems: list[Problem]) -> Workbook:
    _check_zip(path)
    fast: list[tuple[Sheet, str]] = []
    slow: list[tuple[Sheet, str]] = []
    book = Workbook(path, {}, {})
    with zipfile.ZipFile(path) as z:
        for title, state, xml_path in _sheet_parts(path, z):
            if state != "visible" and title != LISTS_TITLE:
                raise WorkbookError(
                    f"{path.name}:{title}",
                    "refused: the sheet is hidden; show it (or delete it) so that what is "
                    "imported can be seen",
                )
            if title in (INSTRUCTIONS_TITLE, LISTS_TITLE):
                continue
            sheet = Sheet.from_title(title)
            if sheet is None:
                problems.append(Problem(f"{path.name}:{title}", *_UNKNOWN_SHEET))
                continue
            _check_declared_size(z, xml_path, f"{path.name}:{title}")
            scan = _scan(z, xml_path)
            if scan.merged:
                raise WorkbookError(
                    f"{path.name}:{title}",
                    "refused: the sheet has merged cells; unmerge them and fill every cell",
                )
            if scan.rows > MAX_ROWS:
                raise WorkbookError(
                    f"{path.name}:{title}",
                    f"refused: the sheet has {scan.rows} rows (limit {MAX_ROWS})",
                )
            (slow if scan.formulas or _calamine() is None else fast).append((sheet, title))
    if slow:
        _read_slow(book, path, slow, problems)
    if fast:
        _read_fast(book, path, fast, problems)
    return book


def _read_slow(
    book: Workbook, path: Path, sheets: list[tuple[Sheet, str]], problems: list[Problem]
) -> None:
    """Read with openpyxl: used for a sheet with formulas, to name the first formula's cell."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many kinds for a broken package
        raise WorkbookError(
            str(path), f"cannot read the workbook: {type(e).__name__}: {e}"
        ) from None
    try:
        for sheet, title in sheets:
            _read_sheet(book, sheet, wb[title], problems)
    finally:
        wb.close()


_DIMENSION = re.compile(rb"<(?:x:)?dimension\s+ref=\"[A-Z]+[0-9]+(?::([A-Z]+)([0-9]+))?\"")


def _check_declared_size(z: zipfile.ZipFile, xml_path: str, where: str) -> None:
    """Refuse a sheet whose declared dimension (``<dimension ref="A1:P1048576"/>``, read from
    the start of its XML, before anything is loaded) is too large."""
    try:
        with z.open(xml_path.lstrip("/")) as f:
            head = f.read(4096)
    except KeyError:
        return
    m = _DIMENSION.search(head)
    if not m or not m.group(1):
        return
    rows, cols = int(m.group(2)), column_index_from_string(m.group(1).decode())
    if rows > MAX_ROWS or cols > MAX_COLUMNS:
        raise WorkbookError(
            where,
            f"refused: the sheet declares {rows} rows and {cols} columns "
            f"(limit {MAX_ROWS} rows, {MAX_COLUMNS} columns)",
        )


@dataclass
class _Scan:
    merged: bool = False
    formulas: bool = False
    rows: int = 0


_TAGS = (b"<mergeCell ", b"<x:mergeCell ")
_FORMULA = (b"<f>", b"<f ", b"<x:f>", b"<x:f ")


def _scan(z: zipfile.ZipFile, xml_path: str) -> _Scan:
    """One pass over a sheet's XML: merged cells, formulas, and how many rows it has."""
    found = _Scan()
    try:
        with z.open(xml_path.lstrip("/")) as f:
            tail = b""
            while chunk := f.read(1 << 20):
                block = tail + chunk
                found.merged = found.merged or any(t in block for t in _TAGS)
                found.formulas = found.formulas or any(t in block for t in _FORMULA)
                found.rows += chunk.count(b"<row ") + chunk.count(b"<x:row ")
                tail = chunk[-16:]
    except KeyError:
        pass
    return found


def _calamine():
    """The fast reader (python-calamine), when installed."""
    try:
        import python_calamine
    except ImportError:  # pragma: no cover - a dependency; openpyxl reads the same, slower
        return None
    return python_calamine


def _read_fast(
    book: Workbook, path: Path, sheets: list[tuple[Sheet, str]], problems: list[Problem]
) -> None:
    """Read cell values with calamine (a Rust reader, about 20 times faster than openpyxl)."""
    try:
        wb = _calamine().CalamineWorkbook.from_path(str(path))
        for sheet, title in sheets:
            values = wb.get_sheet_by_name(title).to_python(skip_empty_area=False)
            _rows_from_values(book, sheet, values, problems)
    except WorkbookError:
        raise
    except Exception as e:  # calamine raises its own error types for broken parts
        raise WorkbookError(
            str(path), f"cannot read the workbook: {type(e).__name__}: {e}"
        ) from None


def _rows_from_values(
    book: Workbook, sheet: Sheet, values: list[list[object]], problems: list[Problem]
) -> None:
    if not values:
        return
    if max((len(r) for r in values), default=0) > MAX_COLUMNS:
        raise WorkbookError(book.where(sheet), f"refused: more than {MAX_COLUMNS} columns")
    keys = _headers(book, sheet, [v if v != "" else None for v in values[0]], problems)
    letters = [get_column_letter(i + 1) for i in range(len(keys))]
    rows = book.rows.setdefault(sheet, [])
    for r_index, record in enumerate(values[1:], start=2):
        cells: dict[str, Cell] = {}
        for c_index, value in enumerate(record):
            if value is None or value == "" or (isinstance(value, str) and not value.strip()):
                continue
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            elif isinstance(value, dt.time | dt.timedelta):
                value = str(value)
            key = keys[c_index] if c_index < len(keys) else None
            letter = letters[c_index] if c_index < len(letters) else get_column_letter(c_index + 1)
            ref = f"{letter}{r_index}"
            if key is None:
                problems.append(
                    Problem(
                        f"{book.where(sheet)}!{ref}",
                        "a value in a column without a (known) header",
                        "ett värde i en kolumn utan (känd) rubrik",
                        _show(value),
                    )
                )
                continue
            cells[key] = Cell(value, ref)
        if cells:
            rows.append(Row(sheet, r_index, cells))


_UNKNOWN_SHEET = (
    "unknown sheet; the sheets are " + ", ".join(s.title for s in Sheet),
    "okänt blad; bladen heter " + ", ".join(s.title for s in Sheet),
    None,
)


def _headers(book: Workbook, sheet: Sheet, header: list[object], problems: list[Problem]):
    spec = SHEETS[sheet]
    keys: list[str | None] = []
    seen: dict[str, int] = {}
    for i, h in enumerate(header):
        letter = get_column_letter(i + 1)
        if h is None or str(h).strip() == "":
            keys.append(None)
            continue
        key = spec.match_header(str(h))
        where = f"{book.where(sheet)}!{letter}1"
        if key is None:
            problems.append(
                Problem(
                    where,
                    "unknown column header; see the Instruktioner sheet",
                    "okänd kolumnrubrik; se bladet Instruktioner",
                    str(h),
                )
            )
        elif key in seen:
            problems.append(
                Problem(where, "the column appears twice", "kolumnen finns två gånger", str(h))
            )
            key = None
        else:
            seen[key] = i
            book.columns.setdefault(sheet, {})[key] = letter
        keys.append(key)
    for c in spec.columns:
        if c.required and c.key not in seen:
            problems.append(
                Problem(
                    book.where(sheet),
                    f"the required column {c.sv} ({c.key}) is missing",
                    f"den obligatoriska kolumnen {c.sv} ({c.key}) saknas",
                    None,
                )
            )
    return keys


def _read_sheet(book: Workbook, sheet: Sheet, ws, problems: list[Problem]) -> None:
    rows: list[Row] = []
    keys: list[str | None] | None = None
    for r_index, row in enumerate(ws.iter_rows(), start=1):
        if r_index > MAX_ROWS:
            raise WorkbookError(
                book.where(sheet), f"refused: more than {MAX_ROWS} rows (read so far)"
            )
        if len(row) > MAX_COLUMNS:
            raise WorkbookError(book.where(sheet), f"refused: more than {MAX_COLUMNS} columns")
        if keys is None:
            keys = _headers(book, sheet, [c.value for c in row], problems)
            continue
        cells: dict[str, Cell] = {}
        for c_index, c in enumerate(row):
            value = c.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            ref = f"{get_column_letter(c_index + 1)}{r_index}"
            if c.data_type == "f":
                raise WorkbookError(
                    f"{book.where(sheet)}!{ref}",
                    f"refused: the cell holds a formula ({str(value)[:40]}); iopkg does not "
                    "compute formulas nor trust stored results: replace it by its value",
                )
            key = keys[c_index] if c_index < len(keys) else None
            if key is None:
                problems.append(
                    Problem(
                        f"{book.where(sheet)}!{ref}",
                        "a value in a column without a (known) header",
                        "ett värde i en kolumn utan (känd) rubrik",
                        _show(value),
                    )
                )
                continue
            if isinstance(value, dt.time | dt.timedelta):
                value = str(value)
            cells[key] = Cell(value, ref)
        if cells:
            rows.append(Row(sheet, r_index, cells))
    book.rows.setdefault(sheet, []).extend(rows)


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    return str(value)


def _read_csv_folder(folder: Path, problems: list[Problem]) -> Workbook:
    book = Workbook(folder, {}, {}, is_csv=True)
    found = False
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() != ".csv" or p.name.startswith("."):
            continue
        sheet = Sheet.from_csv_name(p.name)
        if sheet is None:
            problems.append(Problem(f"{folder.name}/{p.name}", *_UNKNOWN_CSV))
            continue
        found = True
        if p.stat().st_size > MAX_CSV_BYTES:
            raise WorkbookError(str(p), f"refused: larger than {MAX_CSV_BYTES // 2**20} MiB")
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise WorkbookError(
                str(p), f"not UTF-8 text (byte {e.start}); save it as CSV UTF-8"
            ) from None
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        try:
            records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        except csv.Error as e:
            raise WorkbookError(str(p), f"not readable as CSV: {e}") from None
        if len(records) > MAX_ROWS:
            raise WorkbookError(str(p), f"refused: more than {MAX_ROWS} rows")
        if not records:
            continue
        keys = _headers(book, sheet, list(records[0]), problems)
        rows: list[Row] = []
        for r_index, record in enumerate(records[1:], start=2):
            cells: dict[str, Cell] = {}
            for c_index, value in enumerate(record):
                if not value.strip():
                    continue
                ref = f"{get_column_letter(c_index + 1)}{r_index}"
                key = keys[c_index] if c_index < len(keys) else None
                if key is None:
                    problems.append(
                        Problem(
                            f"{book.where(sheet)}!{ref}",
                            "a value in a column without a (known) header",
                            "ett värde i en kolumn utan (känd) rubrik",
                            value,
                        )
                    )
                    continue
                cells[key] = Cell(value, ref)
            if cells:
                rows.append(Row(sheet, r_index, cells))
        book.rows[sheet] = rows
    if not found:
        raise WorkbookError(
            str(folder),
            "no workbook CSV files here (agreements.csv, parties.csv, sources.csv ...)",
        )
    return book


_UNKNOWN_CSV = (
    "unknown CSV file; the files are " + ", ".join(s.csv_name for s in Sheet),
    "okänd CSV-fil; filerna heter " + ", ".join(s.csv_name for s in Sheet),
    None,
)
