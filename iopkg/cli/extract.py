"""``iopkg extract``: drafts from documents, their evaluation, and adding a draft to data/."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from iopkg.cli._common import command
from iopkg.errors import ExtractError
from iopkg.extract import extract_file
from iopkg.extract.evaluate import evaluate, format_evaluation
from iopkg.extract.into_data import add_to_data
from iopkg.extract.jsonout import drafts_to_json
from iopkg.extract.rows import COLUMNS, rows_to_csv
from iopkg.extract.turtle import draft_to_turtle
from iopkg.graph import default_project
from iopkg.io import write_bytes_atomic, write_files_atomic


class DraftFormat(StrEnum):
    """Output format of drafts."""

    turtle = "turtle"
    json = "json"
    csv_rows = "csv-rows"


def _write(out: Path, text: str) -> None:
    if str(out) == "-":
        typer.echo(text)
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExtractError(str(out), e.strerror or "cannot write") from None
    write_bytes_atomic(out, text.encode("utf-8"))


@command("extract")
def extract(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Documents (.txt/.md/.pdf), or gold files with --evaluate.", show_default=False
        ),
    ],  # noqa: E501
    output: Annotated[
        Path,
        typer.Option("-o", "--output", help="Output file ('-' = stdout); a folder for csv-rows."),
    ] = Path("-"),  # noqa: E501
    fmt: Annotated[
        DraftFormat, typer.Option("-f", "--format", help="Draft format.")
    ] = DraftFormat.turtle,  # noqa: E501
    evaluate_: Annotated[
        bool,
        typer.Option("--evaluate", help="FILES are gold files or folders: print P/R/F1 per field."),
    ] = False,  # noqa: E501
    details: Annotated[
        bool, typer.Option("--details", help="With --evaluate: list each differing fact.")
    ] = False,  # noqa: E501
    texts: Annotated[
        Path | None,
        typer.Option("--texts", help="With --evaluate: folder holding the gold files' documents."),
    ] = None,
    split: Annotated[
        str | None,
        typer.Option(
            "--split", help="With --evaluate: only gold files of this split (tune, heldout)."
        ),
    ] = None,
    skip_missing: Annotated[
        bool,
        typer.Option(
            "--skip-missing",
            help="With --evaluate: leave out (and count) gold files whose document is missing.",
        ),
    ] = False,
    into_data: Annotated[
        bool,
        typer.Option(
            "--into-data",
            help="Add the draft of ONE document to data/ (refused unless it validates).",
        ),
    ] = False,  # noqa: E501
    draft: Annotated[
        Path | None,
        typer.Option(
            "--draft",
            help="With --into-data: the reviewed draft (Turtle) to add instead of a fresh one.",
        ),
    ] = None,  # noqa: E501
) -> None:
    """Extract IOP facts, each with its quote, from Swedish agreements and board reports.

    Example: iopkg extract data/sources/000_f3ab1bfbfeda5899.txt --format json
    """
    if evaluate_:
        _write(
            output,
            format_evaluation(
                evaluate(files, texts, split, skip_missing=skip_missing), details=details
            ),
        )
        return
    if into_data:
        if len(files) != 1:
            raise ExtractError("FILES", "--into-data takes exactly one document")
        if draft is not None:
            try:
                turtle = draft.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as e:
                raise ExtractError(str(draft), f"cannot read the draft: {e}") from None
        else:
            turtle = draft_to_turtle([extract_file(files[0])])
        result = add_to_data(default_project(), files[0], turtle)
        typer.echo(f"Added {result.draft_path} and {result.source_path}")
        return
    drafts = [extract_file(f) for f in files]
    if fmt == DraftFormat.csv_rows:
        if str(output) == "-":
            raise ExtractError(
                "-o", "csv-rows writes a folder of CSV files: give it with -o FOLDER"
            )
        write_files_atomic(output, rows_to_csv(drafts))
        typer.echo(f"Wrote {len(COLUMNS)} CSV files (workbook rows) to {output}")
        return
    known = frozenset(p.name for p in default_project().sources_dir.glob("*"))
    text = draft_to_turtle(drafts, known) if fmt == DraftFormat.turtle else drafts_to_json(drafts)
    _write(output, text)
