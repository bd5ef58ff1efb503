"""The Typer app, the error handling shared by all commands, and options used by several."""

from __future__ import annotations

import errno
import functools
import os
import signal
import stat
import traceback
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from iopkg import __version__
from iopkg.cli._lazy import LazyGroup, bind_app
from iopkg.errors import RECEIVED, IopkgError, OptionError, PathError, Terminated
from iopkg.io import guard_outputs
from iopkg.values import reset_warnings

app = typer.Typer(
    name="iopkg",
    help="Knowledge graph of Swedish IOP agreements (idéburet offentligt partnerskap): "
    "build, validate, query, compare, export and publish.",
    no_args_is_help=True,
    cls=LazyGroup,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
bind_app(app)

F = TypeVar("F", bound=Callable[..., Any])


class Lang(StrEnum):
    """Language of labels and messages."""

    sv = "sv"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"iopkg {__version__}")
        raise typer.Exit()


#: Set by the root option ``--allow-overwrite-input`` for the command that follows.
_allow_overwrite_input = False


@app.callback()
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Parse the input files instead of using the store cache "
            "(see 'iopkg cache info'; IOPKG_CACHE=off does the same).",
        ),
    ] = False,
    allow_overwrite_input: Annotated[
        bool,
        typer.Option(
            "--allow-overwrite-input",
            help="Let the command write its output over one of its inputs or inside the "
            "project's data/ folder (refused otherwise).",
        ),
    ] = False,
) -> None:
    """Knowledge graph of Swedish IOP agreements."""
    from iopkg import store_cache

    global _allow_overwrite_input
    _allow_overwrite_input = allow_overwrite_input
    store_cache.use_cache(not no_cache and not store_cache.cache_switched_off())
    ctx.call_on_close(lambda: store_cache.use_cache(None))


#: Parameters that name what a command writes; every other path parameter is an input.
OUTPUT_PARAMS = frozenset({"output", "chart"})
#: Where unexpected errors are reported (exit 70).
BUG_REPORTS = "the iopkg issue tracker"
#: Exit code of an unexpected error (EX_SOFTWARE in sysexits.h).
INTERNAL_ERROR = 70
#: Exit code after SIGTERM (128 + 15), as shells report it.
TERMINATED = 143


def _input_paths(kwargs: dict[str, Any]) -> Iterator[Path]:
    """The files and folders named in a command's input parameters."""
    for name, value in kwargs.items():
        if name in OUTPUT_PARAMS:
            continue
        for v in value if isinstance(value, list | tuple) else [value]:
            if isinstance(v, Path):
                yield v
            elif isinstance(v, str) and _names_a_file(v):  # e.g. a query's path/to/x.rq
                yield Path(v)


def _names_a_file(value: str) -> bool:
    """``value`` (a text parameter) names something on disk other than a folder."""
    try:
        return bool(value) and os.path.lexists(value) and not os.path.isdir(value)
    except (OSError, ValueError):
        return False


def _check_arguments(kwargs: dict[str, Any]) -> None:
    """One clear line for option values that are not UTF-8 text and for inputs named
    explicitly that are not regular files or folders (a FIFO, a device, a symlink loop)."""
    for name, value in kwargs.items():
        for v in value if isinstance(value, list | tuple) else [value]:
            if isinstance(v, str) and not isinstance(v, Path):
                try:
                    v.encode("utf-8")
                except UnicodeEncodeError:
                    raise OptionError(
                        f"{_option(name)}: the value is not valid UTF-8 text "
                        f"({_printable(v)!r}); give UTF-8"
                    ) from None
    for path in _input_paths(kwargs):
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            continue  # reported by the command, with its own message
        except OSError as e:
            if e.errno == errno.ELOOP:
                raise PathError(str(path), "is a symbolic link loop") from None
            raise PathError(str(path), f"cannot read: {e.strerror}") from None
        except (RuntimeError, ValueError):
            continue
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            kind = (
                "a FIFO (named pipe)"
                if stat.S_ISFIFO(mode)
                else "a device"
                if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
                else "a socket"
                if stat.S_ISSOCK(mode)
                else "not a regular file"
            )
            raise PathError(str(path), f"is {kind}, not a regular file; give a file or folder")


def _option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _printable(text: str) -> str:
    """``text`` with undecodable bytes (surrogate escapes from argv) shown as ``\\xFF``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _guard(kwargs: dict[str, Any]) -> Any:
    """The output guard for a command: its inputs, and the project's data folder."""
    if _allow_overwrite_input:
        return guard_outputs([])
    protected = []
    if not kwargs.get("into_data"):  # extract --into-data is asked to write into data/
        try:
            from iopkg.graph import default_project

            protected.append(default_project().data_dir)
        except IopkgError:
            pass
    return guard_outputs(_input_paths(kwargs), protected)


#: The signals (SIGINT, SIGTERM) received while the current command ran
#: (:data:`iopkg.errors.RECEIVED`). A library may turn the KeyboardInterrupt a signal raised
#: into an error of its own (pybind11 reports one raised while it converts arguments as
#: "incompatible function arguments", seen in matplotlib's drawing under Ctrl-C); the command
#: then still reports the interruption, not a bug. One swallowed whole is raised again where a
#: long job waits (:func:`iopkg.errors.raise_if_interrupted`).
_received = RECEIVED


def _on_sigterm(signum: int, frame: Any) -> None:
    _received.append(signal.SIGTERM)
    raise Terminated()


def _on_sigint(signum: int, frame: Any) -> None:
    _received.append(signal.SIGINT)
    raise KeyboardInterrupt


def command(*args: Any, target: typer.Typer | None = None, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose :class:`IopkgError` becomes ``Error: ...`` and an exit code.

    :param target: the (sub-)app to register on; the root ``app`` by default.
    """

    def wrap(func: F) -> F:
        @functools.wraps(func)
        def handled(*a: Any, **kw: Any) -> Any:
            previous = _install_sigterm()
            _received.clear()
            reset_warnings()
            try:
                _check_arguments(kw)
                with _guard(kw):
                    return func(*a, **kw)
            except (typer.Exit, typer.Abort, typer.TyperException):
                raise
            except BrokenPipeError:  # e.g. `iopkg query run ... | head`: the reader is gone
                raise typer.Exit(0) from None
            except BaseException as e:  # noqa: BLE001 - every failure becomes one line
                if _received and not isinstance(e, KeyboardInterrupt):
                    e = Terminated() if signal.SIGTERM in _received else KeyboardInterrupt()
                _fail(*_error_line(e))
            finally:
                _restore_sigterm(previous)

        (target or app).command(*args, **kwargs)(handled)
        return func

    return wrap


#: Exit code after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


def _error_line(e: BaseException) -> tuple[str, int]:
    """The one line and the exit code for a failure of a command."""
    if isinstance(e, IopkgError):
        return str(e), e.exit_code
    if isinstance(e, Terminated):  # SIGTERM: the same clean-up as Ctrl-C has run
        return "terminated (SIGTERM); outputs are left as they were before", TERMINATED
    if isinstance(e, KeyboardInterrupt):
        return "interrupted; outputs are left as they were before", INTERRUPTED
    if isinstance(e, MemoryError):
        return f"out of memory ({e or 'no detail'}); try smaller input", 2
    if isinstance(e, RecursionError):
        return "the input is nested too deeply to process", 2
    if isinstance(e, OSError):  # a file or socket the library did not expect to fail
        where = f"{e.filename}: " if e.filename else ""
        return f"{where}{e.strerror or e}", 2
    if not isinstance(e, Exception):  # SystemExit, GeneratorExit: not ours to report
        raise e
    if os.environ.get("IOPKG_DEBUG") == "1":  # a bug: the traceback only when asked
        traceback.print_exception(e)
    return (
        f"unexpected error: {type(e).__name__}: {e}. This is a bug in iopkg; please report it "
        f"to {BUG_REPORTS} with the command you ran (IOPKG_DEBUG=1 shows the traceback)",
        INTERNAL_ERROR,
    )


def _install_sigterm() -> Any:
    """Make SIGTERM raise :class:`Terminated` (a KeyboardInterrupt: the Ctrl-C clean-up runs),
    and note Ctrl-C where Python raises KeyboardInterrupt for it (not where SIGINT is ignored,
    as in a job started in the background)."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread (e.g. a test runner's worker): leave it
        return None
    interrupt = signal.getsignal(signal.SIGINT)
    if interrupt is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_sigint)
    return previous, interrupt


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        try:
            signal.signal(signal.SIGTERM, previous[0])
            if signal.getsignal(signal.SIGINT) is _on_sigint:
                signal.signal(signal.SIGINT, previous[1])
        except ValueError:
            pass


def _fail(message: str, code: int) -> None:
    """Print ``Error: message`` on one line to stderr and exit with ``code``."""
    message = _printable(str(message))
    one_line = " ".join(part.strip() for part in message.splitlines() if part.strip())
    typer.echo(f"Error: {one_line}", err=True)
    raise typer.Exit(code)


DataPaths = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Data files or folders (default: the project's data/).", show_default=False
    ),
]
PersonalData = Annotated[
    bool,
    typer.Option(
        "--include-personal-data", help="Also load names and e-mail addresses of persons."
    ),
]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of labels.")]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="No progress bars on stderr (there are none when stderr "
        "is not a terminal; IOPKG_PROGRESS=always forces them).",
    ),
]
