"""Progress bars on stderr for long operations, silent when stderr is not a terminal.

Every long operation (load, validate, synth, export, network export, publish) takes
``quiet: bool`` and draws its bar through :func:`progress`. Bars go to stderr only, never to
stdout, so they never mix with output piped on. Reporting progress is also where a long job
notices a Ctrl-C or SIGTERM that a library swallowed (:func:`~iopkg.errors.raise_if_interrupted`),
bar or not. ``IOPKG_PROGRESS=always`` draws them even when
stderr is not a terminal (for logs of long runs, and for tests); ``quiet`` still wins.

>>> with progress("Working", total=3, quiet=True) as advance:
...     advance(3)
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import BinaryIO

from iopkg.errors import raise_if_interrupted

#: Set to ``always`` to draw bars when stderr is not a terminal.
FORCE_ENV = "IOPKG_PROGRESS"


def enabled(quiet: bool) -> bool:
    """Whether a bar is drawn: not ``quiet``, and stderr a terminal (or ``IOPKG_PROGRESS=always``).

    >>> enabled(quiet=True)
    False
    """
    return not quiet and (os.environ.get(FORCE_ENV) == "always" or sys.stderr.isatty())


def silent(done: int) -> None:
    """The callback :func:`progress` gives when no bar is drawn: it only raises an interruption
    received meanwhile (a caller that skips counting skips that check too).

    >>> with progress("Working", total=3, quiet=True) as advance:
    ...     advance is silent
    True
    """
    raise_if_interrupted()


@contextmanager
def progress(
    description: str, *, total: int, quiet: bool = False
) -> Iterator[Callable[[int], None]]:
    """A callback that sets how much of ``total`` is done, drawn as a rich progress bar.

    :param description: what is being done, shown left of the bar.
    :param total: the amount of work.
    :param quiet: draw nothing; also the case when stderr is not a terminal.
    """
    if not enabled(quiet):
        yield silent
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    console = Console(
        stderr=True, force_terminal=True if os.environ.get(FORCE_ENV) == "always" else None
    )
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task(description, total=total)

        def advance(done: int) -> None:
            bar.update(task, completed=done)
            raise_if_interrupted()

        yield advance


class CountingReader:
    """A binary file wrapper that reports the bytes read so far (for progress while a parser
    reads a large file).

    :param f: the file.
    :param on_read: called with the total number of bytes read after each read.

    >>> import io
    >>> seen = []
    >>> CountingReader(io.BytesIO(b"abc"), seen.append).read(2), seen
    (b'ab', [2])
    """

    def __init__(self, f: BinaryIO, on_read: Callable[[int], None]):
        self._f = f
        self._on_read = on_read
        self._done = 0

    def read(self, size: int = -1) -> bytes:
        data = self._f.read(size)
        self._done += len(data)
        self._on_read(self._done)
        return data

    def readinto(self, buffer: bytearray | memoryview) -> int:
        n = self._f.readinto(buffer)  # type: ignore[attr-defined]
        self._done += n or 0
        self._on_read(self._done)
        return n
