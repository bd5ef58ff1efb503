"""The README's quick start and the CI script agree."""

from __future__ import annotations


def test_ci_runs_the_readme_test_command(project):
    readme = (project.root / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (project.root / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci
    assert "iopkg run" in commands[0]
