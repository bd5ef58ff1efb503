"""``iopkg compare``: funding, agreements and help in kind by group and year."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from iopkg.analysis.chart import draw_chart
from iopkg.analysis.compare import GroupBy, compare, comparison_result
from iopkg.cli._common import Lang, LangOption, PersonalData, QuietOption, command
from iopkg.cli._store import (
    DEFAULT_TIMEOUT,
    DataOption,
    EndpointOption,
    FormatOption,
    GraphOption,
    OutputOption,
    emit,
    source,
)
from iopkg.sparql.deadline import call_with_deadline


@command("compare")
def compare_command(
    by: Annotated[GroupBy, typer.Option("--by", help="Group by.")] = GroupBy.municipality,
    from_year: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    to_year: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    chart: Annotated[
        Path | None,
        typer.Option(
            "--chart", help="Also draw funding per group per year into FILE.png or FILE.svg."
        ),
    ] = None,
    fmt: FormatOption = None,
    output: OutputOption = None,
    endpoint: EndpointOption = None,
    graph: GraphOption = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0.1,
            help="Seconds before the comparison is stopped (default: no limit "
            f"on the embedded store, {DEFAULT_TIMEOUT:g} s per request on an endpoint).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    include_personal_data: PersonalData = False,
    lang: LangOption = Lang.en,
    quiet: QuietOption = False,
) -> None:
    """Compare municipalities (or counties, organisations, focus areas) year by year: agreements,
    organisations, money by source, help in kind and money per inhabitant.

    Example: iopkg compare --by municipality --from 2018 --to 2023 --chart funding.png
    """
    started = time.monotonic()
    where = source(endpoint, timeout, data, include_personal_data, quiet, graph)
    rows = compare(by, from_year, to_year, source=where, lang=lang.value, timeout=timeout)
    emit(comparison_result(rows), fmt, output)
    if chart is not None:  # within what --timeout has left (the chart is drawn in a child)
        left = None if timeout is None else max(0.1, timeout - (time.monotonic() - started))
        call_with_deadline(
            lambda: draw_chart(rows, chart, lang=lang.value),
            timeout=left,
            name="compare --chart",
        )
