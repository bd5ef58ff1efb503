"""``iopkg publish`` and ``iopkg publish --check`` in-process: output, warnings, exit codes."""

from __future__ import annotations

from typer.testing import CliRunner

from iopkg.cli import app

runner = CliRunner()
BASE = "https://example.org/iop"
#: A fictitious publisher: group digit 4 is not used for Swedish organisation numbers.
PUBLISHER = ["--publisher-org-number", "402000-0008", "--publisher-name", "Exempelförvaltningen"]


def test_publish_then_check_passes(tmp_path):
    out = tmp_path / "site"
    result = runner.invoke(app, ["publish", "-o", str(out), "--base-url", BASE, *PUBLISHER])
    assert result.exit_code == 0, result.output
    assert "6 dumps" in result.output
    result = runner.invoke(app, ["publish", "--check", str(out)])
    assert result.exit_code == 0, result.output
    assert "0 problem(s)" in result.output


def test_check_reports_problems_one_per_line_with_exit_1(tmp_path):
    out = tmp_path / "site"
    result = runner.invoke(app, ["publish", "-o", str(out), "--base-url", BASE, *PUBLISHER])
    assert result.exit_code == 0
    (out / "dumps" / "iopkg.ttl.gz").write_bytes(b"not the dump")
    result = runner.invoke(app, ["publish", "--check", str(out)])
    assert result.exit_code == 1
    problems = [line for line in result.output.splitlines() if line.startswith("dumps/")]
    assert problems[0].startswith("dumps/iopkg.ttl.gz: size 12 bytes")
    assert "Traceback" not in result.output


def test_personal_data_warning(tmp_path):
    result = runner.invoke(
        app,
        [
            "publish",
            "-o",
            str(tmp_path / "s"),
            "--base-url",
            BASE,
            *PUBLISHER,
            "--include-personal-data",
        ],
    )
    assert result.exit_code == 0
    assert "Warning: this publication includes personal data" in result.output


def test_bad_inputs_exit_2_with_one_line(tmp_path):
    for args, needle in (
        (
            ["publish", "-o", str(tmp_path / "s"), "--base-url", "example.org", *PUBLISHER],
            "--base-url",
        ),
        (
            [
                "publish",
                "-o",
                str(tmp_path / "s"),
                "--base-url",
                BASE,
                "--publisher-org-number",
                "123",
                "--publisher-name",
                "X",
            ],
            "--publisher-org-number",
        ),
        (["publish", "-o", str(tmp_path / "s"), "--base-url", BASE], "--publisher-org-number"),
        (["publish", "--check", str(tmp_path)], "not a publication folder"),
        (["publish", "--base-url", BASE], "-o/--output"),
        (
            [
                "publish",
                "-o",
                str(tmp_path / "s"),
                "--base-url",
                BASE,
                *PUBLISHER,
                "--licence",
                "gpl",
            ],
            "",
        ),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert needle in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "s").exists()
