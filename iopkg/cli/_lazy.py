"""Commands whose modules are imported only when they run, so that ``iopkg --help`` and a
light command start in a fraction of a second instead of importing rdflib, pySHACL, networkx and
matplotlib first.

The root group lists every command with the first paragraph of its docstring, read from the
module's source (no import); running a command (or asking for its own ``--help``) imports its
module, which registers it as before.
"""

from __future__ import annotations

import ast
import functools
import importlib
from pathlib import Path
from typing import Any

from typer.core import TyperCommand, TyperGroup

#: Each lazily imported command and the module that registers it, in the order of ``--help``.
COMMANDS: dict[str, str] = {}


@functools.cache
def _helps(module: str) -> dict[str, str]:
    """The help of each command a CLI module registers on the root app, read from its source:
    ``@command("name")`` functions' docstrings and ``app.add_typer(x, name=...)`` groups'
    ``typer.Typer(help=...)``."""
    path = Path(__file__).parent / f"{module.rsplit('.', 1)[1]}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    helps: dict[str, str] = {}
    typers: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            text = _keyword(node.value, "help")
            if text is not None:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        typers[target.id] = text
        if isinstance(node, ast.FunctionDef):
            for deco in node.decorator_list:
                if (
                    isinstance(deco, ast.Call)
                    and getattr(deco.func, "id", None) == "command"
                    and deco.args
                    and isinstance(deco.args[0], ast.Constant)
                    and not any(k.arg == "target" for k in deco.keywords)
                ):
                    helps[deco.args[0].value] = ast.get_docstring(node) or ""
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "add_typer"
            and node.args
            and isinstance(node.args[0], ast.Name)
        ):
            name = _keyword(node, "name")
            if name is not None:
                helps[name] = typers.get(node.args[0].id, "")
    return helps


def _keyword(call: ast.Call, name: str) -> str | None:
    for k in call.keywords:
        if k.arg == name and isinstance(k.value, ast.Constant) and isinstance(k.value.value, str):
            return k.value.value
    return None


class LazyGroup(TyperGroup):
    """The root group: commands of :data:`COMMANDS` are imported when they are run."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = list(COMMANDS)
        return names + [n for n in self.commands if n not in COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands or cmd_name not in COMMANDS:
            return self.commands.get(cmd_name)
        text = _helps(COMMANDS[cmd_name]).get(cmd_name, "")
        summary = text.split("\n\n", 1)[0]
        return TyperCommand(name=cmd_name, help=summary)  # for listings; run loads the real one

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        if args and args[0] in COMMANDS and args[0] not in self.commands:
            self.load(args[0])
        elif args and args[0] not in self.commands:  # unknown: list every name for suggestions
            for name in COMMANDS:
                self.commands.setdefault(name, self.get_command(ctx, name))
        return super().resolve_command(ctx, args)

    def load(self, name: str) -> None:
        """Import the module of command ``name`` and take the commands it registered."""
        import typer

        from iopkg.cli._common import app

        importlib.import_module(COMMANDS[name])
        self.commands.update(typer.main.get_group(app).commands)


def load_all() -> None:
    """Import every command module (for tools and tests that read ``app.registered_commands``)."""
    for module in dict.fromkeys(COMMANDS.values()):
        importlib.import_module(module)
