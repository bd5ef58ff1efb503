"""``iopkg network``: who partners with whom, who pays whom, and a chart of the money."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from iopkg.analysis.network_analysis import analyse, draw_funding_chart, format_report
from iopkg.cli._common import DataPaths, Lang, LangOption, QuietOption, command
from iopkg.graph import load_store
from iopkg.sparql.deadline import call_with_deadline


@command("network")
def network(
    paths: DataPaths = None,
    chart: Annotated[
        Path | None,
        typer.Option("--chart", help="Also draw the funding network to FILE.png or FILE.svg."),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, help="How many funders and recipients.")] = 10,
    lang: LangOption = Lang.en,
    quiet: QuietOption = False,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0.1,
            help="Seconds before the analysis and the chart are stopped (default: no limit).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Print organisations in several municipalities, centrality of parties, and the largest
    funders and recipients; optionally draw the funding network.

    Example: iopkg network --chart funding.png
    """
    started = time.monotonic()
    store = load_store(paths, quiet=quiet, include_reference=True)

    def left() -> float | None:  # what --timeout has left; each step runs in a child it can stop
        return None if timeout is None else max(0.1, timeout - (time.monotonic() - started))

    report = call_with_deadline(
        lambda: format_report(analyse(store, lang=lang.value, top=top)),
        timeout=left(),
        name="network",
    )
    typer.echo(report)
    if chart is not None:
        call_with_deadline(
            lambda: draw_funding_chart(store, chart, lang=lang.value),
            timeout=left(),
            name="network --chart",
        )
        typer.echo(f"\nChart written to {chart}")
