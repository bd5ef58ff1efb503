"""``iopkg info``: counts by class and source document, and the agreements with their facts."""

from __future__ import annotations

import typer

from iopkg.analysis.completeness import completeness, format_completeness
from iopkg.analysis.summary import format_summary, summarize
from iopkg.cli._common import DataPaths, Lang, LangOption, PersonalData, command
from iopkg.graph import load_store


@command("info")
def info(
    paths: DataPaths = None,
    include_personal_data: PersonalData = False,
    lang: LangOption = Lang.en,
) -> None:
    """Print counts by class and by source document, each agreement with its decisions and
    funding flows and the documents they come from, and the completeness of the register
    (agreements known only from web pages): the share that has each field, and their kinds of
    source.

    Example: iopkg info --lang sv
    """
    store = load_store(paths, include_personal_data=include_personal_data)
    typer.echo(format_summary(summarize(store, lang=lang.value)))
    register = completeness(store)
    if register.agreements:
        typer.echo("")
        typer.echo(format_completeness(register, lang=lang.value))
