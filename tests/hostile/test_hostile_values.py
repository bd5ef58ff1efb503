"""Issue 16, part 6: hostile values in data. Non-finite, huge or negative amounts and dates before
year 1 are reported by validation and give a skipped row with one warning line (never a
traceback) in compare, run, charts and publish."""

from __future__ import annotations

import shutil

import pytest
from hostile import PUBLISHER, ROOT, cli

AGREEMENT = ROOT / "data" / "agreements" / "lund-radrum-2019.ttl"
AMOUNTS = ['"INF"^^xsd:double', '"NaN"^^xsd:double', "1" + "0" * 39, "1e300", "-5000.0"]


def _data(tmp_path, old: str, new: str):
    d = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "reference", d / "reference")
    shutil.copy(ROOT / "data" / "organisations.ttl", d)
    text = AGREEMENT.read_text(encoding="utf-8")
    assert old in text
    (d / "v.ttl").write_text(text.replace(old, new, 1), encoding="utf-8")
    return d


CASES = [('schema:value "520000"^^xsd:decimal', f"schema:value {v}") for v in AMOUNTS] + [
    ('schema:startDate "2019-07-01"^^xsd:date', 'schema:startDate "0000-07-01"^^xsd:date')
]


@pytest.mark.parametrize(("old", "new"), CASES, ids=[c[1] for c in CASES])
def test_hostile_value_is_reported_and_skipped(tmp_path, old, new):
    d = _data(tmp_path, old, new)
    report = cli("validate", d)
    assert report.exit_code == 1, report.output  # a Violation names the value
    assert new.split(" ", 1)[1].split("^^")[0].strip('"')[:4] in report.stdout
    for args in (
        ["compare", "--data", d, "-f", "csv"],
        ["compare", "--data", d, "-f", "csv", "--chart", tmp_path / "c.svg"],
        ["run", d],
        ["publish", d, "-o", tmp_path / "site", "--base-url", "https://e.org", *PUBLISHER],
    ):
        result = cli(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        assert "Traceback" not in result.output and "Error" not in result.stderr
        warnings = [ln for ln in result.stderr.splitlines() if ln.startswith("Warning: ")]
        assert any("skipped" in w for w in warnings), (args, result.stderr)
        assert "NaN" not in result.stdout and "Infinity" not in result.stdout
