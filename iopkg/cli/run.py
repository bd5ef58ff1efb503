"""``iopkg run``: the main job on the embedded default data."""

from __future__ import annotations

import typer

from iopkg.cli._common import DataPaths, Lang, LangOption, QuietOption, command
from iopkg.compare import compare
from iopkg.graph import load_store
from iopkg.output import OutputFormat, comparison_result, render
from iopkg.summary import format_summary, summarize
from iopkg.validate import validate
from iopkg.validation_report import summary_line


@command("run")
def run(
    paths: DataPaths = None, lang: LangOption = Lang.en, quiet: QuietOption = False
) -> None:
    """Build the graph from data/, validate it against shapes/, and print its summary and the
    comparison by municipality per year (the main job).

    Exits 1 if the data has SHACL Violations (see iopkg validate for the details).

    Example: iopkg run
    """
    store = load_store(paths, quiet=quiet)
    report = validate(store=store, quiet=quiet)
    typer.echo(f"Validation: {summary_line(report)} ({report.seconds:.1f} s; "
               "details: iopkg validate)")
    typer.echo(format_summary(summarize(store, lang=lang.value)))
    typer.echo("\nComparison by municipality and year (iopkg compare):")
    typer.echo(render(comparison_result(compare(store=store, lang=lang.value)), OutputFormat.table))
    if not report.conforms:
        raise typer.Exit(1)
