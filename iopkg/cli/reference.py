"""The command-line reference (``docs/cli.md``), generated from the commands themselves.

Walks the command tree that Typer builds and writes each command's usage, help and options
as Markdown, so the reference cannot drift from ``--help``. ``tests/test_docs.py`` fails when the
file in ``docs/`` differs from what this module makes;
``python -m iopkg.cli.reference > docs/cli.md`` regenerates it.

>>> "## iopkg query run" in cli_reference()
True
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import typer.main

HEADER = """# Command-line reference

Generated from the commands by `python -m iopkg.cli.reference > docs/cli.md`; do not edit by hand.
Exit codes are listed once, in the README. Every command also takes `--help`.
"""


def command_tree() -> Any:
    """The command tree (Typer's Click) behind the ``iopkg`` Typer app."""
    from iopkg.cli import app, load_all

    load_all()  # command modules are imported when their command runs; take them all
    return typer.main.get_command(app)


def walk(cmd: Any, path: tuple[str, ...] = ("iopkg",)) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Yield ``(path, command)`` for the command and every subcommand, depth first, by name."""
    yield path, cmd
    if hasattr(cmd, "commands"):
        for name in sorted(cmd.commands):
            sub = cmd.commands[name]
            if not sub.hidden:
                yield from walk(sub, (*path, name))


def _param_row(param: Any, ctx: Any) -> str:
    record = param.get_help_record(ctx)
    if record is None:  # an argument
        names, text = f"{param.name.upper()}", "argument"
    else:
        names, text = record
    cell = text.replace("|", "\\|").replace("\n", " ")
    return f"| `{names}` | {cell} |"


def cli_reference() -> str:
    """The Markdown reference of every command and option."""
    out = [HEADER]
    for path, cmd in walk(command_tree()):
        ctx = cmd.context_class(cmd, info_name=" ".join(path))
        out.append(f"## {' '.join(path)}\n")
        help_text = (cmd.help or cmd.short_help or "").strip()
        if help_text:
            out.append(help_text.replace("\b\n", "") + "\n")
        out.append(
            "```text\n"
            + " ".join(cmd.collect_usage_pieces(ctx)).join([f"{' '.join(path)} ", ""])
            + "\n```\n"
        )
        params = [p for p in cmd.params if not getattr(p, "hidden", False)]
        if params:
            out.append("| parameter | help |\n|---|---|")
            out.extend(_param_row(p, ctx) for p in params)
            out.append("")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(cli_reference(), end="")
