"""``iopkg export --format csv``: one table each, row counts equal to SPARQL counts."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from iopkg.cli import app

runner = CliRunner()
IOP = "https://w3id.org/iopkg/def#"
COUNTS = {
    "agreements.csv": f"SELECT (COUNT(DISTINCT ?x) AS ?n) {{ ?x a <{IOP}Agreement> }}",
    "decisions.csv": f"SELECT (COUNT(DISTINCT ?x) AS ?n) {{ ?x a <{IOP}Decision> }}",
    "funding-flows.csv": f"SELECT (COUNT(DISTINCT ?x) AS ?n) {{ ?x a <{IOP}FundingFlow> }}",
    "in-kind.csv": f"SELECT (COUNT(DISTINCT ?x) AS ?n) {{ ?x a <{IOP}InKindContribution> }}",
    "parties.csv": f"""SELECT (COUNT(*) AS ?n) {{ SELECT DISTINCT ?a ?p ?x {{
        ?a a <{IOP}Agreement> ; ?p ?x . FILTER(?p IN (<{IOP}publicParty>, <{IOP}ideaBasedParty>,
        <{IOP}contributingUnit>)) }} }}""",
}


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    out = tmp_path_factory.mktemp("t") / "tables"
    result = runner.invoke(app, ["export", "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_row_counts_equal_sparql_counts(store, tables, name):
    text = (tables / name).read_text(encoding="utf-8")
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = int(next(iter(store.query(COUNTS[name])))["n"].value)
    assert len(rows) == expected > 0


def test_funding_table_has_sek_per_flow(tables):
    rows = list(csv.DictReader((tables / "funding-flows.csv").open(encoding="utf-8")))
    assert all(float(r["amountSEK"]) > 0 for r in rows)
    assert {r["amount"] == "" for r in rows} == {True, False}  # fixed amounts and rates


def test_excel_adds_a_byte_order_mark(tmp_path):
    out = tmp_path / "x"
    assert runner.invoke(app, ["export", "-f", "csv", "-o", str(out), "--excel"]).exit_code == 0
    assert (out / "agreements.csv").read_bytes().startswith(b"\xef\xbb\xbfagreement,")


def test_csv_into_existing_folder_replaces_tables_and_keeps_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    (tmp_path / "agreements.csv").write_text("old")
    assert runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path)]).exit_code == 0
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert (tmp_path / "agreements.csv").read_text(encoding="utf-8").startswith("agreement,")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_csv_errors(tmp_path):
    assert runner.invoke(app, ["export", "-f", "csv"]).exit_code == 2
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "a" / "b")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_csv_tables_into_a_device_name_what_it_is(tmp_path):
    """CSV tables into /dev/null said "/dev/null: is a file"; it is a device, not a file."""
    result = runner.invoke(app, ["export", "-f", "csv", "-o", "/dev/null"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "Error: /dev/null: is not a folder (a device or a pipe); give a folder for this format"
    )
    plain = tmp_path / "tables"
    plain.write_text("mine")
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(plain)])
    assert result.exit_code == 2 and "is a file; give a folder" in result.output
    assert plain.read_text() == "mine"
