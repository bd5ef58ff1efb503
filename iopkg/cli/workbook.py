"""``iopkg template`` and ``iopkg import``: spreadsheet-first publishing (docs/workbook.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iopkg.cli._common import Lang, command
from iopkg.workbook import WorkbookFormat, import_to_file, write_template


@command("template")
def template_cmd(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The .xlsx file (a folder with --format csv).")
    ],
    fmt: Annotated[
        WorkbookFormat, typer.Option("--format", "-f", help="xlsx workbook or CSV folder.")
    ] = WorkbookFormat.xlsx,
) -> None:
    """Write an empty workbook to fill in: one sheet per kind, dropdowns, instructions,
    example rows (delete them).

    Example: iopkg template -o iop.xlsx
    """
    write_template(output, fmt)
    typer.echo(f"Wrote {output}", err=True)


@command("import")
def import_cmd(
    path: Annotated[Path, typer.Argument(help="A filled workbook (.xlsx) or a CSV folder.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Turtle file to write ('-': stdout).")
    ] = "-",
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the messages.")] = Lang.en,
) -> None:
    """Turn a workbook into RDF, checked cell by cell and with the shapes.

    Every problem is printed as FILE:Sheet!CELL: message (value: '...'); nothing is written
    unless there is none. Exit 1 on problems, 2 on unreadable or refused input.

    Example: iopkg import iop.xlsx -o iop.ttl --lang sv
    """
    result = import_to_file(path, output)
    for p in result.problems:
        typer.echo(p.line(lang.value), err=True)
    if not result.ok:
        n = len(result.problems)
        typer.echo(
            f"{n} problem(s); nothing written" if lang is Lang.en else f"{n} fel; inget skrevs",
            err=True,
        )
        raise typer.Exit(1)
    typer.echo(
        f"Imported {result.rows} rows as {len(result.store)} triples in {result.seconds:.1f} s",
        err=True,
    )
