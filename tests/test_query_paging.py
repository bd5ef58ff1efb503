"""``iopkg query run --limit/--offset``: a page of the rows, the same as slicing the full answer."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from iopkg.cli import app

runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, ["--no-cache", "query", "run", *args])
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("name", ["agreements", "decisions", "funding-flows", "organisations"])
@pytest.mark.parametrize("offset,limit", [(0, 1), (1, 2), (2, 100), (100, 5), (0, 0)])
def test_a_page_is_the_slice_of_the_whole_listing(name, offset, limit):
    whole = run(name, "-f", "csv").splitlines()
    head, rows = whole[0], whole[1:]
    assert len(rows) >= 3
    paged = run(name, "-f", "csv", "--offset", str(offset), "--limit", str(limit)).splitlines()
    assert paged == [head, *rows[offset : offset + limit]]
    records = json.loads(run(name, "-f", "json", "--offset", str(offset), "--limit", str(limit)))
    assert len(records) == len(rows[offset : offset + limit])


def test_offset_alone_and_bad_values():
    rows = run("agreements", "-f", "csv").splitlines()
    assert run("agreements", "-f", "csv", "--offset", "2").splitlines() == [rows[0], *rows[3:]]
    bad = runner.invoke(app, ["query", "run", "agreements", "--limit", "-1"])
    assert bad.exit_code == 2 and "--limit" in bad.output
