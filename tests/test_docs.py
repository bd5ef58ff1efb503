"""The docs cannot drift from the code: CLI reference, command coverage and every shell example.

- ``docs/cli.md`` is exactly what :func:`iopkg.cli.reference.cli_reference` makes from the commands;
- every command of ``iopkg --help`` is described on a docs page besides the generated reference;
- every shell example in README.md and docs/ runs, in a copy of the project (``IOPKG_HOME``),
  with a real shell. A block preceded by ``<!-- docs-test: server -->`` needs an endpoint: the
  test starts a writable Oxigraph server on a free loopback port, loads the data and puts its
  address where the example says ``127.0.0.1:7878``; ``iopkg serve`` lines are started, asked
  for a page and stopped.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from iopkg.cli.reference import cli_reference, command_tree, walk

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(
    r"(<!-- docs-test: (?P<mark>[a-z-]+) -->\n)?```(?:sh|bash|console)\n(.*?)```", re.S
)
#: Commands that set up a machine rather than use iopkg; the quick-start test covers them.
SETUP = ("python3 -m venv", "bash scripts/test")
EXAMPLE_PORT = "127.0.0.1:7878"


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert "iopkg run" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_readme_is_a_front_door():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 150
    text = "\n".join(lines)
    for page in (ROOT / "docs").glob("*.md"):
        assert f"docs/{page.name}" in text, f"README links no docs/{page.name}"


def test_exit_codes_are_stated_once():
    tables = [p.name for p in PAGES if "| 143 |" in p.read_text(encoding="utf-8")]
    assert tables == ["README.md"]


def test_cli_reference_is_generated_from_the_commands():
    on_disk = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert on_disk == cli_reference(), (
        "docs/cli.md is out of date: python -m iopkg.cli.reference > docs/cli.md"
    )


def test_every_command_and_option_is_documented():
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    prose = "\n".join(p.read_text(encoding="utf-8") for p in PAGES if p.name != "cli.md")
    for path, cmd in walk(command_tree()):
        name = " ".join(path)
        assert f"## {name}\n" in reference
        if len(path) > 1 and not hasattr(cmd, "commands"):
            found = re.search(re.escape(name) + r"(?![\w-])", prose)
            assert found, f"no docs page describes {name}"
        for param in cmd.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert f"`{opt}" in reference or f" {opt}" in reference, (name, opt)


def _examples() -> list[tuple[str, str | None, list[str]]]:
    found = []
    for page in PAGES:
        for m in BLOCK.finditer(page.read_text(encoding="utf-8")):
            text = m.group(3).replace("\\\n", " ")
            lines = []
            for line in text.splitlines():
                line = line.strip()
                if line.startswith("$ "):
                    line = line[2:]
                elif "$ " in text:  # a transcript: lines without a prompt are output
                    continue
                if line.startswith("iopkg") or (line and lines and line.startswith("iopkg")):
                    lines.append(line)
            if lines:
                found.append((page.name, m.group("mark"), lines))
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """A copy of the project's data, ontology and shapes (examples may write into data/)."""
    home = tmp_path_factory.mktemp("docs-home")
    for name in ("data", "ontology", "shapes"):
        shutil.copytree(ROOT / name, home / name)
    for name in ("tests", "docs", "bench", "scripts"):
        (home / name).symlink_to(ROOT / name)
    return home


def test_there_are_examples_to_run():
    examples = _examples()
    assert sum(len(lines) for _, _, lines in examples) >= 20
    assert any(mark == "server" for _, mark, _ in examples)


@pytest.mark.parametrize(
    "page,mark,lines",
    _examples(),
    ids=[f"{p}:{i}" for i, (p, _, _) in enumerate(_examples())],
)
def test_shell_example_runs(page, mark, lines, sandbox, tmp_path):
    work = tmp_path / "cwd"
    shutil.copytree(sandbox, work, symlinks=True)
    env = {
        **os.environ,
        "IOPKG_HOME": str(work),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    server = None
    address = EXAMPLE_PORT
    if mark == "server":
        from iopkg.graph import load_store
        from iopkg.publish.server import prepare_database, start_server

        prepare_database(load_store(), tmp_path / "db")
        address = f"127.0.0.1:{_free_port()}"
        server = start_server(tmp_path / "db", port=int(address.rsplit(":", 1)[1]), read_only=False)
    try:
        for line in lines:
            line = line.replace(EXAMPLE_PORT, address)
            if line.startswith(SETUP):
                continue
            if line.startswith("iopkg serve"):
                port = _free_port()
                line = re.sub(r"--port \d+", f"--port {port}", line)
                proc = subprocess.Popen(line, shell=True, cwd=work, env=env, start_new_session=True)
                try:
                    _wait(f"http://127.0.0.1:{port}/")
                finally:
                    os.killpg(proc.pid, 15)
                    proc.wait(timeout=30)
                continue
            done = subprocess.run(
                ["bash", "-o", "pipefail", "-c", line.split("  #", 1)[0]],
                cwd=work,
                env=env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            expect = 1 if "exit 1" in line else 0
            assert done.returncode in (expect, 141), f"{page}: {line}\n{done.stderr[-2000:]}"
    finally:
        if server is not None:
            server.stop()
