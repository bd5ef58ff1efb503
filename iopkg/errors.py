"""The one family of errors that iopkg raises; the CLI turns each into ``Error: ...`` and exit 2.

>>> str(DataLoadError("data/x.ttl", "bad token", line=3, column=7))
'data/x.ttl:3:7: bad token'
"""

from __future__ import annotations

import signal


class IopkgError(Exception):
    """Base class of every error iopkg reports to a user."""

    exit_code: int = 2


class DataLoadError(IopkgError):
    """A data, ontology or shapes file cannot be read or parsed.

    :param path: the file that failed.
    :param message: what is wrong, in one line.
    :param line: 1-based line of the problem, where the parser says.
    :param column: 1-based column of the problem, where the parser says.
    """

    def __init__(
        self, path: str, message: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class PathError(IopkgError):
    """Base of errors about one file, folder or option: ``PATH: message``.

    :param path: the file, folder or option concerned.
    :param message: what is wrong, in one line.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")

    def __reduce__(self):  # type: ignore[no-untyped-def]
        """Picklable (a forked child's error is sent back to the parent)."""
        return (self.__class__, (self.path, self.message))


class OutputError(PathError):
    """An output file or folder cannot be written (missing folder, no permission)."""


class ExportError(PathError):
    """The data cannot be written in the chosen format; the path is the format (or file)."""


class PublishError(OutputError):
    """A publication cannot be written or read (``iopkg publish``, ``--check``)."""


class ExtractError(PathError):
    """A document cannot be read or a draft cannot be written or added to the data."""


class ShapesLoadError(PathError):
    """The SHACL shapes cannot be read, parsed or used by the SHACL engine.

    >>> str(ShapesLoadError("shapes/x.ttl", "no shapes found"))
    'shapes/x.ttl: no shapes found (see docs/validation.md)'
    """

    def __init__(self, path: str, message: str) -> None:
        super().__init__(path, f"{message} (see docs/validation.md)")
        self.message = message


class EndpointError(PathError):
    """A SPARQL server cannot be started or an endpoint refuses or fails a request.

    The path is the endpoint's URL or the server concerned.
    """


class CacheError(PathError):
    """The store cache cannot be read or cleared; the path is the cache folder or entry."""


class NotKeptError(IopkgError):
    """Internal: a result asked for only if kept with a cached store (see
    :func:`iopkg.store_cache.kept_or_in_memory`) is not there. Never reaches a user."""


class OptionError(IopkgError):
    """Options that do not go together, or a value an option does not take."""


class SynthError(IopkgError):
    """Synthetic data cannot be generated: a bad parameter or an output folder not writable."""


class QueryError(IopkgError):
    """A query file is malformed, or a query fails."""


class UnknownQueryError(QueryError):
    """No catalogue query has that name."""


class ParamError(IopkgError):
    """A parameter is unknown, missing, or its value does not fit its type."""


class SparqlSyntaxError(IopkgError):
    """A query is not valid SPARQL; the message gives line and column."""


class UpdateRefusedError(IopkgError):
    """The text is a SPARQL update; only read queries run."""


class QueryTimeoutError(IopkgError):
    """A query ran longer than its ``--timeout`` and was stopped."""


class QueryFailedError(IopkgError):
    """The store failed while evaluating a query (not a syntax error)."""


class Untranslatable(Exception):  # noqa: N818 - a signal inside the fast engine, never shown to a user
    """A shape uses a SHACL feature the fast SHACL engine does not translate (it falls back to
    pySHACL for that shape)."""


class WorkbookError(PathError):
    """A workbook (``.xlsx``) or CSV folder cannot be read, or is refused as hostile (exit 2).

    The path names the file, sheet or cell: ``iop.xlsx:Avtal!B7``.
    """


class BadValue(ValueError):  # noqa: N818 - a cell's value, reported at its cell by the importer
    """A workbook cell value that cannot be used, with the reason in English and Swedish."""

    def __init__(self, en: str, sv: str) -> None:
        super().__init__(en)
        self.en = en
        self.sv = sv


class Terminated(KeyboardInterrupt):
    """Raised by the CLI's SIGTERM handler, so the clean-up that runs on Ctrl-C runs on SIGTERM
    too (temporary files, build folders, a server's child process); the CLI exits 143."""


#: The signals (SIGINT, SIGTERM) received while the current command runs, noted by the CLI's
#: handlers before they raise. A library may swallow or transform the exception a handler
#: raised: raised inside a weakref callback or a finaliser (matplotlib's transforms, while a
#: chart is drawn), it is only printed as "Exception ignored", and the command ran on.
RECEIVED: list[int] = []


def raise_if_interrupted() -> None:
    """Raise the interruption a signal asked for, if one was received and the command still
    runs (its exception swallowed): called where a long job waits or reports progress.

    >>> RECEIVED.append(signal.SIGTERM)
    >>> try:
    ...     raise_if_interrupted()
    ... except KeyboardInterrupt as e:
    ...     type(e).__name__
    'Terminated'
    >>> RECEIVED.clear(); raise_if_interrupted()
    """
    if RECEIVED:
        raise Terminated() if signal.SIGTERM in RECEIVED else KeyboardInterrupt()


class ServiceRefusedError(IopkgError):
    """A query (or a SPARQL-based shape) holds ``SERVICE``: it would make iopkg, or the served
    endpoint, send a request to a place the query chooses; iopkg never runs it."""


class RequestRefused(Exception):  # noqa: N818 - an HTTP answer of the serve gateway, not an error
    """A request the ``iopkg serve`` gateway answers itself with ``status`` (SERVICE, an update,
    too many queries at once)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
