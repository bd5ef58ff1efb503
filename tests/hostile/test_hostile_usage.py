"""Group 7 of issue 9: bad options print usage and exit 2; no command shows a traceback."""

from __future__ import annotations

import pytest
from hostile import cli, run_iopkg

COMMANDS = [
    "info",
    "run",
    "validate",
    "query run",
    "compare",
    "export",
    "network",
    "publish",
    "serve",
    "load",
    "extract",
    "synth",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_unknown_option_prints_usage_and_exits_2(command):
    result = cli(*command.split(), "--no-such-option")
    assert result.exit_code == 2
    assert "Usage: " in result.stderr and "No such option" in result.stderr


def test_bad_choice_and_bad_number():
    assert cli("export", "-f", "docx").exit_code == 2
    assert "Usage: " in cli("query", "run", "agreements", "--timeout", "abc").stderr
    assert cli("network", "--top", "0").exit_code == 2
    assert cli("unknown-command").exit_code == 2


def test_real_process_bad_option_no_traceback():
    proc = run_iopkg("export", "--format", "nope")
    assert proc.returncode == 2
    assert "Usage: iopkg export" in proc.stderr and "Traceback" not in proc.stderr


def test_broken_pipe_is_quiet(tmp_path):
    import subprocess
    import sys

    done = subprocess.run(
        f"{sys.executable} -m iopkg export -f ntriples | head -c 10",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
