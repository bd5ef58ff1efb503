"""Group 7 of issue 9, swept: every command of the CLI (found by walking the Typer app, not
listed by hand) gets hostile values in each of its parameters in turn and must answer with an
exit code and, on error, one ``Error: ...`` line or Typer's usage, never a traceback."""

from __future__ import annotations

import socket
import types
import typing
from pathlib import Path

import typer
from hostile import PREFIXES, cli

from iopkg.cli import app, load_all

#: A port held (bound, not listening) for the whole module: no command can serve on it.
_HELD = socket.socket()
_HELD.bind(("127.0.0.1", 0))
HELD_PORT = _HELD.getsockname()[1]


def _commands() -> list[tuple[tuple[str, ...], typing.Any]]:
    out = []

    def walk(group, path):
        for name, command in sorted(group.commands.items()):
            if hasattr(command, "commands"):
                walk(command, (*path, name))
            else:
                out.append(((*path, name), command))

    load_all()  # commands are imported when they run (iopkg.cli._lazy): take them all
    walk(typer.main.get_command(app), ())
    return out


COMMANDS = _commands()


def _base_type(hint: typing.Any) -> typing.Any:
    """``list[Path] | None`` -> Path; ``int | None`` -> int."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return _base_type(args[0])
    if typing.get_origin(hint) is list:
        return _base_type(args[0])
    return hint


def _params(command) -> list[tuple[typing.Any, typing.Any]]:
    """(click parameter, its Python type) for every parameter that takes a value."""
    hints = typing.get_type_hints(command.callback)
    return [
        (p, _base_type(hints[p.name]))
        for p in command.params
        if _base_type(hints[p.name]) is not bool
    ]


def _files(tmp: Path) -> dict[str, Path]:
    """Hostile files; the first four can never be read as data or a query."""
    (tmp / "folder.ttl").mkdir()
    (tmp / "folder.ttl" / "bad.ttl").write_text(PREFIXES + "id:a id:b .\n", encoding="utf-8")
    (tmp / "malformed.ttl").write_text(PREFIXES + 'id:a id:b "open .\n', encoding="utf-8")
    (tmp / "latin1.ttl").write_bytes(b'<http://e/a> <http://e/p> "caf\xe9" .\n')
    (tmp / "empty.ttl").write_bytes(b"")
    (tmp / "empty.pdf").write_bytes(b"")
    return {
        "missing file": tmp / "missing.ttl",
        "folder of bad data": tmp / "folder.ttl",
        "malformed Turtle": tmp / "malformed.ttl",
        "not UTF-8": tmp / "latin1.ttl",
        "empty file": tmp / "empty.ttl",
        "empty PDF": tmp / "empty.pdf",
        "file in a missing folder": tmp / "no" / "such" / "out.ttl",
    }


#: Values that no option of these types takes: Typer prints usage and exits 2.
NOT_VALUES = {int: ["abc", "1.5", ""], float: ["abc", ""], "enum": ["no-such-choice", ""]}
#: Odd text for text options: each must be taken or refused with a one-line error.
ODD_TEXT = [
    "",
    "nul \x00 byte",
    "line\nbreak",
    "not a url",
    "http://127.0.0.1:1/sparql",
    '"} DROP ALL {',
    "é" * 300,
]


def _base_args(command) -> list[str]:
    """Values for required parameters (so the hostile one is reached) and a held --port."""
    args: list[str] = []
    for p, _kind in _params(command):
        if p.name == "port":
            args += [p.opts[0], str(HELD_PORT)]
    return args


def _cases(tmp: Path):
    """(command path, parameter, label, folder, arguments); each case in a fresh folder, so that
    what one run writes cannot become another's input."""
    (tmp / "labels").mkdir()
    labels = list(_files(tmp / "labels"))
    for path, command in COMMANDS:
        params = _params(command)
        for p, kind in params:
            if kind is Path:
                values = [(label, label) for label in labels]
            elif kind in (int, float):
                values = [(f"not a {kind.__name__}", v) for v in NOT_VALUES[kind]]
            elif isinstance(kind, type) and issubclass(kind, str) and kind is not str:
                values = [("bad choice", v) for v in NOT_VALUES["enum"]]
            else:
                values = [("odd text", v) for v in ODD_TEXT]
            for label, value in values:
                folder = tmp / f"case{len(list(tmp.iterdir()))}"
                folder.mkdir()
                if kind is Path:
                    value = str(_files(folder)[label])
                args = _fill_required(params, p, folder)
                if p.param_type_name == "argument":
                    args = [value, *args]
                else:
                    args = [p.opts[0], value, *args]
                yield path, p.name, label, folder, [*path, *args, *_base_args(command)]


def _fill_required(params, hostile, tmp: Path) -> list[str]:
    """Plain values for the other required parameters."""
    out: list[str] = []
    for p, kind in params:
        if p is hostile or not p.required:
            continue
        value = {int: "1", Path: str(tmp / "plain-output")}.get(kind, "agreements")
        out += [value] if p.param_type_name == "argument" else [p.opts[0], value]
    return out


#: What a run may end in: 0 done, 1 the documented "found problems" of validate and publish
#: --check, 2 an error. 130 (Ctrl-C) cannot happen here.
EXIT_CODES = {0, 1, 2}
#: Input files that can never be read: the run must fail with exit 2.
NEVER_READABLE = {"missing file", "file in a missing folder"}
#: Files that are not RDF data, for the parameters that load data or shapes.
NOT_DATA = {"malformed Turtle", "not UTF-8", "folder of bad data"}
#: Parameters that write a file (the others read one); parameters that load RDF.
OUTPUTS = {"output", "chart", "draft", "check_dir"}
RDF_INPUTS = {"paths", "data", "shapes"}


def test_the_sweep_reaches_every_command(tmp_path):
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"validate", "query run", "query show", "compare", "export", "serve", "synth"} <= names
    swept = {" ".join(case[0]) for case in _cases(tmp_path)}
    # Every command that takes a value is swept; `query list` takes none.
    assert swept == {" ".join(path) for path, command in COMMANDS if _params(command)}


def test_no_command_shows_a_traceback_on_hostile_input(tmp_path, monkeypatch):
    failures = []
    count = 0
    for path, param, label, folder, args in _cases(tmp_path):
        count += 1
        monkeypatch.chdir(folder)  # a command that writes to a default place writes here
        try:
            result = cli(*args)
        except AssertionError as e:  # a traceback or an uncaught exception
            failures.append(f"{' '.join(path)} {param} ({label}): {e}".splitlines()[0])
            continue
        stderr = result.stderr.strip()
        problem = None
        if result.exit_code not in EXIT_CODES:
            problem = f"exit {result.exit_code}"
        elif result.exit_code == 2 and not (
            (stderr.startswith("Error: ") and "\n" not in stderr) or "Usage: " in stderr
        ):
            problem = f"stderr {stderr[:200]!r}"
        elif (
            result.exit_code != 2
            and param not in OUTPUTS
            and (label in NEVER_READABLE or (label in NOT_DATA and param in RDF_INPUTS))
        ):
            problem = f"exit {result.exit_code} for a file that cannot be read"
        if problem:
            failures.append(f"{' '.join(path)} {param} ({label}, {args!r}): {problem}")
    assert count > 200, count
    assert not failures, "\n".join(failures)
