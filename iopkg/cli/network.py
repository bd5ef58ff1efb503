"""``iopkg network``: who partners with whom, who pays whom, and a chart of the money."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from iopkg.analysis.network_analysis import analyse, draw_funding_chart, format_report
from iopkg.cli._common import DataPaths, Lang, LangOption, QuietOption, command
from iopkg.graph import load_store


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
) -> None:
    """Print organisations in several municipalities, centrality of parties, and the largest
    funders and recipients; optionally draw the funding network.

    Example: iopkg network --chart funding.png
    """
    store = load_store(paths, quiet=quiet)
    typer.echo(format_report(analyse(store, lang=lang.value, top=top)))
    if chart is not None:
        draw_funding_chart(store, chart, lang=lang.value)
        typer.echo(f"\nChart written to {chart}")
