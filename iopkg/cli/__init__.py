"""The ``iopkg`` command line: a thin layer over the library, one module per command.

Every command is registered through :func:`iopkg.cli._common.command`, which turns an
:class:`~iopkg.errors.IopkgError` into ``Error: ...`` on stderr and its exit code, in one place.
A command's module is imported when the command runs (:mod:`iopkg.cli._lazy`), so that
``iopkg --help`` does not wait for the libraries of every other command.
"""

from __future__ import annotations

from iopkg.cli._common import app
from iopkg.cli._lazy import COMMANDS, load_all

__all__ = ["app", "main", "load_all"]

#: Each command and the module that registers it, in the order ``iopkg --help`` lists them.
COMMANDS.update(
    {
        "compare": "iopkg.cli.compare",
        "export": "iopkg.cli.export",
        "extract": "iopkg.cli.extract",
        "info": "iopkg.cli.info",
        "network": "iopkg.cli.network",
        "publish": "iopkg.cli.publish",
        "run": "iopkg.cli.run",
        "serve": "iopkg.cli.serve",
        "load": "iopkg.cli.serve",
        "synth": "iopkg.cli.synth",
        "validate": "iopkg.cli.validate",
        "query": "iopkg.cli.query",
        "cache": "iopkg.cli.cache",
    }
)


def main() -> None:
    """Entry point of the ``iopkg`` console script and of ``python -m iopkg``."""
    app(prog_name="iopkg")
