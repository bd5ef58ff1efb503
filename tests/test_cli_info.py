"""``iopkg info``, ``iopkg run``, ``--version`` and errors, run in-process."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

from iopkg import __version__
from iopkg.cli import app, load_all

runner = CliRunner()


def test_info_lists_the_four_agreements_with_sources():
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    assert "Agreements (68; 20 shown" in result.output  # the four first, then the register's
    for label in ("RådRum", "Vänskapens hus", "Kompis Sverige", "Kompisbyrån Danderyd"):
        assert label in result.output
    assert "decision: Lund Municipal Council 2019-01-31 § 16" in result.output
    assert "[000_f3ab1bfbfeda5899.txt, 002_dc08453122fb49b0.txt]" in result.output


def test_info_shows_the_register_completeness_and_kinds_of_source():
    result = runner.invoke(app, ["info"])
    assert result.exit_code == 0, result.output
    text = result.output[result.output.index("Completeness of the register") :]
    assert "(64 agreements known only from web pages)" in text
    assert "period (start or end)                     34/64   53 %" in text
    assert "money (a funding flow)                     9/64   14 %" in text
    assert "Kinds of source they rest on:" in text and "press release" in text


def test_run_prints_the_summary():
    result = runner.invoke(app, ["run", "--lang", "sv"])
    assert result.exit_code == 0
    assert "Kommunfullmäktige Lund 2019-01-31 § 16" in result.output


def test_malformed_file_is_one_line_error_with_exit_2(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:b .\n")
    result = runner.invoke(app, ["info", str(bad)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {bad}:2:")
    assert "Traceback" not in result.output


def test_version_and_bad_option():
    assert runner.invoke(app, ["--version"]).output.strip() == f"iopkg {__version__}"
    assert runner.invoke(app, ["info", "--bogus"]).exit_code == 2


def test_commands_have_help_and_appear_in_the_docs(project):
    load_all()  # commands are imported when they run; take them all
    pages = [project.root / "README.md", *sorted((project.root / "docs").glob("*.md"))]
    readme = "\n".join(p.read_text(encoding="utf-8") for p in pages)
    commands = [(cmd.name, cmd) for cmd in app.registered_commands]
    for group in app.registered_groups:
        assert group.typer_instance.info.help or group.help, group.name
        commands += [
            (f"{group.name} {cmd.name}", cmd) for cmd in group.typer_instance.registered_commands
        ]
    assert any(" " in name for name, _ in commands)  # the groups' subcommands are checked too
    for name, cmd in commands:
        assert cmd.callback.__doc__, name
        assert f"iopkg {name}" in readme, name


def test_python_m_iopkg_help():
    out = subprocess.run([sys.executable, "-m", "iopkg", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "Usage" in out.stdout


def test_help_lists_every_command_with_its_own_summary_without_importing_it():
    code = (
        "import sys; from iopkg.cli import main; sys.argv = ['iopkg', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('rdflib', 'pyshacl', 'networkx', 'matplotlib', 'SPARQLWrapper', "
        "'jinja2') if m in sys.modules]\n"
        "print('HEAVY', heavy)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert "HEAVY []" in out.stdout, out.stdout[-300:]
    load_all()
    for cmd in app.registered_commands:
        summary = cmd.callback.__doc__.split("\n\n")[0].split()
        assert " ".join(summary[:6]) in " ".join(out.stdout.split()), cmd.name


def test_a_mistyped_command_is_suggested_though_not_imported():
    result = runner.invoke(app, ["qurey", "list"])
    assert result.exit_code == 2 and "Did you mean 'query'?" in result.output
