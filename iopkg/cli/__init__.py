"""The ``iopkg`` command line: a thin layer over the library, one module per command.

Every command is registered through :func:`iopkg.cli._common.command`, which turns an
:class:`~iopkg.errors.IopkgError` into ``Error: ...`` on stderr and its exit code, in one place.
"""

from __future__ import annotations

from iopkg.cli import (  # noqa: F401  (each module registers its commands)
    compare,
    export,
    extract,
    info,
    network,
    publish,
    query,
    run,
    serve,
    synth,
    validate,
    workbook,
)
from iopkg.cli._common import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``iopkg`` console script and of ``python -m iopkg``."""
    app(prog_name="iopkg")
