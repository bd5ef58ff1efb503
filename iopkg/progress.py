"""Progress bars on stderr for long operations, silent when stderr is not a terminal.

>>> with progress("Working", total=3, quiet=True) as advance:
...     advance(3)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def progress(
    description: str, *, total: int, quiet: bool = False
) -> Iterator[Callable[[int], None]]:
    """A callback that sets how much of ``total`` is done, drawn as a rich progress bar.

    :param description: what is being done, shown left of the bar.
    :param total: the amount of work.
    :param quiet: draw nothing; also the case when stderr is not a terminal.
    """
    if quiet or not sys.stderr.isatty():
        yield lambda done: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress("[progress.description]{task.description}", BarColumn(),
                  MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda done: bar.update(task, completed=done)
