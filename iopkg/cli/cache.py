"""``iopkg cache info|clear``: the store cache (see :mod:`iopkg.store_cache`)."""

from __future__ import annotations

import datetime as dt

import typer

from iopkg.cli._common import app, command

cache_app = typer.Typer(
    help="The store cache that spares commands parsing the same files again: info, clear.",
    no_args_is_help=True,
)
app.add_typer(cache_app, name="cache")


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


@command("info", target=cache_app)
def info() -> None:
    """Print where the cache is, and each stored entry: inputs, quads, size, last use.

    Example: iopkg cache info
    """
    from iopkg.store_cache import cache_enabled, cache_info

    found = cache_info()
    state = "on" if cache_enabled() else "off (--no-cache or IOPKG_CACHE=off)"
    typer.echo(f"Cache folder: {found.directory}")
    typer.echo(f"Cache: {state}; {len(found.entries)} entries, {_mib(found.size)}")
    for e in found.entries:
        used = dt.datetime.fromtimestamp(e.last_used).isoformat(timespec="seconds")
        status = "" if e.complete else "  (incomplete: rebuilt on next use, removed by clear)"
        typer.echo(
            f"  {e.path.name}  {e.files} files, {e.quads} quads, {_mib(e.size)}, "
            f"last used {used}{status}"
        )


@command("clear", target=cache_app)
def clear() -> None:
    """Remove every stored entry (only what iopkg wrote in the cache folder).

    Example: iopkg cache clear
    """
    from iopkg.store_cache import clear_cache

    done = clear_cache()
    typer.echo(f"Removed {done.entries} entries ({_mib(done.size)}) from {done.directory}")
