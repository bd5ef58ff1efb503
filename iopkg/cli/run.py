"""``iopkg run``: the main job on the embedded default data."""

from __future__ import annotations

import typer

from iopkg.cli._common import DataPaths, Lang, LangOption, command
from iopkg.graph import load_store
from iopkg.summary import format_summary, summarize


@command("run")
def run(paths: DataPaths = None, lang: LangOption = Lang.en) -> None:
    """Build the graph from data/ and print its summary (the main job).

    Example: iopkg run
    """
    store = load_store(paths)
    typer.echo(format_summary(summarize(store, lang=lang.value)))
