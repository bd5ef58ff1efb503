"""``iopkg run``: the main job on the embedded default data."""

from __future__ import annotations

import typer

from iopkg.analysis.compare import comparison_result
from iopkg.analysis.completeness import coverage_result
from iopkg.analysis.summary import format_summary
from iopkg.cli._common import DataPaths, Lang, LangOption, QuietOption, command
from iopkg.job import main_job
from iopkg.shacl.report import summary_line
from iopkg.shacl.results import Severity
from iopkg.sparql.output import OutputFormat, render


@command("run")
def run(paths: DataPaths = None, lang: LangOption = Lang.en, quiet: QuietOption = False) -> None:
    """Build the graph from data/, validate it against shapes/, and print its summary and the
    comparison by municipality per year, then every municipality or region with agreements and
    how many of them have a period, money and a decision known (the main job).

    Exits 1 if the data has SHACL Violations (see iopkg validate for the details).

    Example: iopkg run
    """
    result = main_job(paths, lang=lang.value, quiet=quiet)
    report = result.report
    typer.echo(
        f"Validation: {summary_line(report)} ({report.seconds:.1f} s; details: iopkg validate)"
    )
    typer.echo(format_summary(result.summary))
    typer.echo("\nComparison by municipality and year (iopkg compare):")
    typer.echo(render(comparison_result(result.comparison), OutputFormat.table))
    typer.echo(
        "\nAll municipalities and regions with agreements, and what is known of them"
        " (over all years; the register's agreements without a period are in no year above):"
    )
    typer.echo(render(coverage_result(result.coverage), OutputFormat.table))
    if report.has_at_least(Severity.VIOLATION):  # Warnings do not fail a run
        raise typer.Exit(1)
