"""Helpers shared by the hostile-input tests: run the CLI, check one-line errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from typer.testing import CliRunner

from iopkg.cli import app

ROOT = Path(__file__).resolve().parents[2]
#: A fictitious publisher for iopkg publish: group digit 4 is not used for Swedish org numbers.
PUBLISHER = ("--publisher-org-number", "402000-0008", "--publisher-name", "Exempelförvaltningen")
PREFIXES = """@prefix iop: <https://w3id.org/iopkg/def#> .
@prefix id: <https://w3id.org/iopkg/id/> .
@prefix schema: <https://schema.org/> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""


def cli(*args: str | Path, env: dict[str, str] | None = None):
    """Run ``iopkg ARGS`` in-process; return the Click result (stdout and stderr apart)."""
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    assert "Traceback" not in result.output, result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"uncaught {result.exception!r}") from result.exception
    return result


def assert_error(result, *needles: str, code: int = 2) -> str:
    """The run failed with one ``Error: ...`` line on stderr holding every needle."""
    assert result.exit_code == code, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def run_iopkg(
    *args: str | Path,
    env: dict[str, str] | None = None,
    timeout: float = 120,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m iopkg ARGS`` in a subprocess (for signals, limits and real stdout)."""
    return subprocess.run(
        [sys.executable, "-m", "iopkg", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_measured(*args: str | Path) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run ``python -m iopkg ARGS``; return the result and the child's peak memory in bytes."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "iopkg", *map(str, args)], text=True, stdout=out, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child alone
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read())
    return result, usage.ru_maxrss * 1024
