"""Flat CSV tables for spreadsheets: agreements, parties, decisions, funding flows, help in kind.

Each table is one stored query (``queries/export/*.rq``) whose header names the columns; values
are the plain lexical forms (IRIs in full), several values in one cell are separated by `` ; ``.
The funding flows table adds ``amountSEK``, the SEK the flow counts with
(:func:`iopkg.analysis.funding.amount_in_period`). Files are UTF-8 with CRLF line ends (RFC 4180);
with
``excel=True`` they start with a byte-order mark so that Excel reads them as UTF-8.

>>> from iopkg.graph import load_store
>>> tables = csv_tables(load_store())
>>> sorted(tables)
['agreements.csv', 'decisions.csv', 'funding-flows.csv', 'in-kind.csv', 'parties.csv']
>>> tables["agreements.csv"].splitlines()[0][:26]
b'agreement,label,title,muni'
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox

from iopkg.analysis.funding import funding_flows
from iopkg.graph import Project, load_store
from iopkg.io import write_files_atomic
from iopkg.sparql.files import packaged_query
from iopkg.sparql.source import export_rows

BOM = "\ufeff"


class Table(StrEnum):
    """The CSV tables, by file stem (= query name)."""

    AGREEMENTS = "agreements"
    PARTIES = "parties"
    DECISIONS = "decisions"
    FUNDING_FLOWS = "funding-flows"
    IN_KIND = "in-kind"


def table_rows(
    store: ox.Store, table: Table, *, lang: str = "en"
) -> tuple[list[str], list[list[str]]]:
    """The header and rows of one table.

    :param store: the dataset.
    :param table: which table.
    :param lang: language of the labels.
    """
    query = packaged_query(f"export/{table.value}")
    columns = list(query.columns)
    rows = [
        [r[c].value if r.get(c) is not None else "" for c in columns]
        for r in export_rows(store, table.value, lang)
    ]
    if table is Table.FUNDING_FLOWS:
        sek = {f.iri: f.amount_sek for f in funding_flows(store, lang=lang)}
        columns.append("amountSEK")
        rows = [row + [f"{sek[row[0]]:.2f}"] for row in rows]
    return columns, rows


_DECIMAL = re.compile(r"^-?[0-9]+\.[0-9]+$")


def swedish_number(cell: str) -> str:
    """``1686000.50`` -> ``1686000,50`` (decimal comma); other cells unchanged.

    >>> swedish_number("1686000.50"), swedish_number("2019-07-01")
    ('1686000,50', '2019-07-01')
    """
    return cell.replace(".", ",") if _DECIMAL.match(cell) else cell


def csv_tables(
    store: ox.Store, *, lang: str = "en", excel: bool = False, excel_sv: bool = False
) -> dict[str, bytes]:
    """Every table as CSV bytes, by file name.

    :param store: the dataset.
    :param lang: language of the labels.
    :param excel: start each file with a UTF-8 byte-order mark.
    :param excel_sv: as Swedish Excel reads CSV: ``;`` separator, decimal comma, byte-order mark.
    """
    out = {}
    for table in Table:
        columns, rows = table_rows(store, table, lang=lang)
        buf = io.StringIO()
        if excel or excel_sv:
            buf.write(BOM)
        writer = csv.writer(buf, delimiter=";" if excel_sv else ",", lineterminator="\r\n")
        writer.writerow(columns)
        if excel_sv:
            rows = [[swedish_number(c) for c in row] for row in rows]
        writer.writerows(rows)
        out[f"{table.value}.csv"] = buf.getvalue().encode("utf-8")
    return out


def export_tables(
    folder: str | Path,
    *,
    paths: Sequence[Path] | None = None,
    include_personal_data: bool = False,
    lang: str = "en",
    excel: bool = False,
    excel_sv: bool = False,
    project: Project | None = None,
    quiet: bool = False,
) -> list[str]:
    """Load the dataset and write the tables into ``folder`` (created if its parent exists).

    :param folder: the output folder.
    :param paths: data files or folders; the project's ``data/`` when omitted.
    :param include_personal_data: load personal data too (no table shows it at present).
    :param lang: language of the labels.
    :param excel: start each file with a byte-order mark.
    :param excel_sv: ``;`` separator, decimal comma and a byte-order mark (Swedish Excel).
    :param project: the project; the embedded default when omitted.
    :param quiet: no progress bar on stderr while loading.
    :return: the names of the files written.
    :raises DataLoadError: when an input cannot be read.
    :raises OutputError: when the folder cannot be written.
    """
    store = load_store(
        paths, include_personal_data=include_personal_data, project=project, quiet=quiet
    )
    files = csv_tables(store, lang=lang, excel=excel, excel_sv=excel_sv)
    write_files_atomic(folder, files)
    return sorted(files)
