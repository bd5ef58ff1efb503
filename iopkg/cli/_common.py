"""The Typer app, the error handling shared by all commands, and options used by several."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from iopkg import __version__
from iopkg.cli._lazy import LazyGroup
from iopkg.errors import IopkgError

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

F = TypeVar("F", bound=Callable[..., Any])


class Lang(StrEnum):
    """Language of labels and messages."""

    sv = "sv"
    en = "en"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"iopkg {__version__}")
        raise typer.Exit()


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
) -> None:
    """Knowledge graph of Swedish IOP agreements."""
    from iopkg import store_cache

    store_cache.use_cache(not no_cache and not store_cache.cache_switched_off())
    ctx.call_on_close(lambda: store_cache.use_cache(None))


def command(*args: Any, target: typer.Typer | None = None, **kwargs: Any) -> Callable[[F], F]:
    """Register a command whose :class:`IopkgError` becomes ``Error: ...`` and an exit code.

    :param target: the (sub-)app to register on; the root ``app`` by default.
    """

    def wrap(func: F) -> F:
        @functools.wraps(func)
        def handled(*a: Any, **kw: Any) -> Any:
            try:
                return func(*a, **kw)
            except IopkgError as e:
                _fail(str(e), e.exit_code)
            except KeyboardInterrupt:
                _fail("interrupted; outputs are left as they were before", INTERRUPTED)
            except BrokenPipeError:  # e.g. `iopkg query run ... | head`: the reader is gone
                raise typer.Exit(0) from None
            except MemoryError as e:
                _fail(f"out of memory ({e or 'no detail'}); try smaller input", 2)
            except OSError as e:  # a file or socket the library did not expect to fail
                where = f"{e.filename}: " if e.filename else ""
                _fail(f"{where}{e.strerror or e}", 2)

        (target or app).command(*args, **kwargs)(handled)
        return func

    return wrap


#: Exit code after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130


def _fail(message: str, code: int) -> None:
    """Print ``Error: message`` on one line to stderr and exit with ``code``."""
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
