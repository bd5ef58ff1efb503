"""``iopkg validate``: check the data against the SHACL shapes and report what to fix."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iopkg.cli._common import DataPaths, Lang, LangOption, PersonalData, QuietOption, command
from iopkg.io import write_bytes_atomic
from iopkg.shacl.report import ReportFormat, format_report
from iopkg.shacl.validate import Engine, Severity, validate


@command("validate")
def validate_cmd(
    paths: DataPaths = None,
    shapes: Annotated[
        list[Path] | None,
        typer.Option("--shapes", help="Shapes file or folder (repeatable; default: shapes/)."),
    ] = None,
    fmt: Annotated[
        ReportFormat, typer.Option("--format", "-f", help="Report format.")
    ] = ReportFormat.TEXT,
    min_severity: Annotated[
        Severity,
        typer.Option("--min-severity", help="Leave out less severe results.", case_sensitive=False),
    ] = Severity.INFO,
    fail_on: Annotated[
        Severity,
        typer.Option(
            "--fail-on", help="Exit 1 if any result is this severe or more.", case_sensitive=False
        ),
    ] = Severity.VIOLATION,
    output: Annotated[
        str, typer.Option("--output", "-o", help="Write the report to this file ('-': stdout).")
    ] = "-",
    lang: LangOption = Lang.en,
    include_personal_data: PersonalData = False,
    engine: Annotated[
        Engine,
        typer.Option(
            "--engine",
            help="fast: set-based SPARQL on Oxigraph; pyshacl: "
            "the reference engine (same results, much slower).",
        ),
    ] = Engine.FAST,
    quiet: QuietOption = False,
) -> None:
    """Validate the data (default: data/ with the ontology) against the SHACL shapes.

    Exit code 0 when nothing is at least --fail-on severe (default: no Violation), 1 otherwise,
    2 on an unreadable file or broken shapes.

    Example: iopkg validate --format json --lang sv -o report.json
    """
    report = validate(
        paths,
        shapes=shapes,
        min_severity=min_severity,
        include_personal_data=include_personal_data,
        engine=engine,
        quiet=quiet,
    )
    text = format_report(report, fmt, lang.value)
    if output == "-":
        typer.echo(text)
    else:
        _write_atomically(Path(output), text)
    if report.has_at_least(fail_on):
        raise typer.Exit(1)


def _write_atomically(path: Path, text: str) -> None:
    write_bytes_atomic(path, (text if text.endswith("\n") else text + "\n").encode("utf-8"))
