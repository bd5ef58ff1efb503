"""The shape of the package: import-linter's contracts (layers, no cycles) hold, and would fail
if broken; no module imports another's private names; IRIs come from namespaces.py and
exception classes from errors.py."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import textwrap
from pathlib import Path

import pytest
from importlinter.cli import lint_imports

import iopkg

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "iopkg"


def _lint(config: Path) -> int:
    return lint_imports(config_filename=str(config), no_cache=True, no_logo=True)


def test_import_contracts_are_kept(capsys):
    assert _lint(ROOT / "pyproject.toml") == 0, capsys.readouterr().out
    out = capsys.readouterr().out
    assert "0 broken" in out and "4 kept" in out


def test_a_layer_imported_upwards_breaks_the_contract(tmp_path, capsys):
    """The real package against upside-down layers: the linter must report it."""
    config = tmp_path / ".importlinter"
    config.write_text(
        textwrap.dedent(
            """\
            [importlinter]
            root_package = iopkg

            [importlinter:contract:upside-down]
            name = errors above the CLI
            type = layers
            containers = iopkg
            layers =
                errors
                cli
            """
        ),
        encoding="utf-8",
    )
    assert _lint(config) == 1
    assert "BROKEN" in capsys.readouterr().out


def test_a_cycle_through_a_function_level_import_is_found(tmp_path, monkeypatch, capsys):
    """The validate <-> fast cycle hid its reverse import inside a function: the contract sees
    such imports too."""
    pkg = tmp_path / "cyclic"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "a.py").write_text("from cyclic.b import g\n\ndef f():\n    return g\n")
    (pkg / "b.py").write_text("def g():\n    from cyclic.a import f\n\n    return f\n")
    config = tmp_path / ".importlinter"
    config.write_text(
        "[importlinter]\nroot_package = cyclic\n\n[importlinter:contract:c]\n"
        "name = no cycles\ntype = acyclic_siblings\nancestors =\n    cyclic\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _lint(config) == 1
    assert "BROKEN" in capsys.readouterr().out


def _sources() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(PACKAGE.rglob("*.py"))]


def test_no_module_imports_private_names_of_another():
    found = []
    for path, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("iopkg"):
                found += [
                    f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{a.name}"
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                ]
    assert not found


def _docstrings(tree: ast.Module) -> set[int]:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, kinds)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }


def test_iri_constants_come_from_namespaces():
    """No vocabulary IRI written out as a string outside namespaces.py (docstrings and help
    texts with example URLs aside)."""
    vocabulary = re.compile(
        r"https?://(?!(?:www\.)?example\.org|127\.0\.0\.1|localhost)[\w.-]+\.\w+/\S"
    )
    found = []
    for path, tree in _sources():
        if path.name == "namespaces.py":
            continue
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and vocabulary.search(node.value)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value[:60]!r}")
    assert not found


def _modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(iopkg.__path__, "iopkg.")
        if not m.name.endswith("__main__")
    ]


@pytest.mark.parametrize("name", _modules())
def test_exception_classes_live_in_errors(name):
    module = importlib.import_module(name)
    strays = [
        cls.__qualname__
        for cls in vars(module).values()
        if inspect.isclass(cls)
        and issubclass(cls, BaseException)
        and cls.__module__ == name
        and name != "iopkg.errors"
    ]
    assert not strays, f"{name} defines {strays}; move them to iopkg/errors.py"
