"""Spreadsheet-first publishing: a workbook template, its import to RDF, and export back.

A publisher fills a workbook (``.xlsx``, or a folder of CSV files) whose format is described in
``docs/workbook.md``; :func:`import_workbook` turns it into RDF in the project's ontology, with
every problem reported at its cell, and :func:`export_workbook` writes any graph back as a
workbook.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "iop.xlsx"
>>> write_template(out)
>>> result = import_workbook(out)          # the template holds only example rows
>>> result.ok, result.problems[0].en
(False, 'an example row of the template: delete it')
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from iopkg.errors import WorkbookError
from iopkg.export.rdf import export_rdf
from iopkg.formats import RdfFormat
from iopkg.graph import Project, default_project, load_store
from iopkg.io import write_bytes_atomic, write_files_atomic
from iopkg.workbook.exporter import carried_quads, graph_tables
from iopkg.workbook.importer import ImportResult, Reference, import_workbook, reference
from iopkg.workbook.problems import Problem
from iopkg.workbook.spec import SHEETS, Sheet
from iopkg.workbook.writer import (
    WorkbookFormat,
    all_choices,
    tables_csv,
    tables_xlsx,
    template_csv,
    template_xlsx,
)

__all__ = [
    "SHEETS",
    "ImportResult",
    "Problem",
    "Reference",
    "Sheet",
    "WorkbookFormat",
    "carried_quads",
    "export_workbook",
    "graph_tables",
    "import_workbook",
    "import_to_file",
    "is_workbook_folder",
    "load_workbook_graph",
    "reference",
    "workbook_bytes",
    "write_template",
]


def write_template(
    output: str | Path, fmt: WorkbookFormat = WorkbookFormat.xlsx, *, project: Project | None = None
) -> None:
    """Write the empty template (example rows, dropdowns, instructions), atomically.

    :param output: an ``.xlsx`` file, or a folder for CSV.
    :raises OutputError: when the output cannot be written.
    """
    ref = reference(project)
    if fmt is WorkbookFormat.csv:
        write_files_atomic(output, template_csv(ref))
    else:
        write_bytes_atomic(output, template_xlsx(ref))


def workbook_bytes(store: ox.Store, *, project: Project | None = None) -> bytes:
    """The graph in ``store`` as ``.xlsx`` bytes."""
    ref = reference(project)
    return tables_xlsx(graph_tables(store, ref), all_choices(ref))


def export_workbook(
    output: str | Path,
    fmt: WorkbookFormat = WorkbookFormat.xlsx,
    *,
    paths: Sequence[Path] | None = None,
    store: ox.Store | None = None,
    swedish_excel: bool = False,
    project: Project | None = None,
    quiet: bool = False,
) -> None:
    """Write a graph (``data/`` by default, or ``paths``, or ``store``) as a workbook.

    :param output: the ``.xlsx`` file, or a folder for CSV.
    :param swedish_excel: CSV with ``;`` and a byte-order mark.
    """
    project = project or default_project()
    if store is None:
        store = load_store(paths, project=project, include_ontology=False, quiet=quiet)
    ref = reference(project)
    tables = graph_tables(store, ref)
    if fmt is WorkbookFormat.csv:
        write_files_atomic(output, tables_csv(tables, swedish_excel=swedish_excel))
    else:
        write_bytes_atomic(output, tables_xlsx(tables, all_choices(ref)))


def import_to_file(
    path: str | Path,
    output: str | Path,
    *,
    project: Project | None = None,
    sources_dir: Path | None = None,
) -> ImportResult:
    """Import a workbook and, only when there is no problem, write its Turtle atomically.

    :param sources_dir: where the documents named in Källor are; the project's data/sources/.
    :raises WorkbookError: when the input cannot be read or is refused.
    """
    result = import_workbook(path, project=project, sources_dir=sources_dir)
    if result.ok:
        write_bytes_atomic(output, export_rdf(result.store, RdfFormat.TURTLE))
    return result


def is_workbook_folder(path: Path) -> bool:
    """True for a folder holding workbook CSV files (``agreements.csv`` ...)."""
    return path.is_dir() and (path / Sheet.AGREEMENTS.csv_name).is_file()


def load_workbook_graph(path: str | Path, *, project: Project | None = None) -> ox.Store:
    """The triples of a workbook or CSV folder, for graph loading (no shapes: ``iopkg validate``
    checks the loaded data like any other).

    :raises WorkbookError: naming the first problem when a row cannot be converted.
    """
    result = import_workbook(path, project=project, shapes=False)
    if result.problems:
        first = result.problems[0]
        more = (
            f" (and {len(result.problems) - 1} more; run iopkg import)"
            if len(result.problems) > 1
            else ""
        )
        raise WorkbookError(first.where, first.en + more)
    return result.store
