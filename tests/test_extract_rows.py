"""``iopkg extract --format csv-rows``: drafts as rows of the shared workbook format.

The expected headers are transcribed from the workbook-format contract (the "key" column of each
sheet's table); the test checks the written files against them, not against the code's own list.
"""

from __future__ import annotations

import csv
import io

from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.extract.core import extract_text
from iopkg.extract.rows import rows_to_csv

SPEC = {
    "sources.csv": "id url document title publisher sourceKind published accessed",
    "parties.csv": "id name kind orgNumber municipality aliases source locator note",
    "agreements.csv": "id title titleEn municipality publicParty ideaBasedParties activity "
    "focusArea startDate endDate decisions source locator note",
    "decisions.csv": "id body date paragraph registryNumber status subject source locator note",
    "funding-flows.csv": "id agreement funder recipient amount amountKind startDate endDate "
    "fiscalYear sourceOfFunds source locator note",
    "in-kind.csv": "id agreement giver recipient type description source locator note",
    "identities.csv": "party sameAs evidence decision reviewed source",
}
CLOSED = {
    ("sources.csv", "sourceKind"): {"kommunens webbplats", "regionens webbplats", "pressmeddelande",
                                    "nyhet", "protokoll", "avtal", "rapport", "annan"},
    ("parties.csv", "kind"): {"idéburen organisation", "nämnd", "fullmäktige", "förvaltning",
                              "kommun", "region", "statlig myndighet", "annan organisation"},
    ("decisions.csv", "status"): {"fattat", "förslag"},
    ("funding-flows.csv", "amountKind"): {"fast belopp", "per år"},
    ("funding-flows.csv", "sourceOfFunds"): {"", "kommunal budget", "statligt bidrag", "annan källa"},  # noqa: E501
    ("in-kind.csv", "type"): {"lokaler", "personaltid", "ideellt arbete", "IT-system",
                              "kunskap och nätverk", "marknadsföring och information",
                              "projektstöd", "tolkning", "utbildning"},
}  # fmt: skip

DOC = (
    "12 mars 2024 | Pressmeddelande\n\n"
    "Ale kommun tecknar ett IOP med Föreningen Ljus och Stiftelsen Ankaret.\n\n"
    "Överenskommelsen gäller för 2024 - 2026 och kommunen betalar 400 000 kronor per år."
    " Föreningen ansöker om ytterligare 90 000 kronor. Kommunen bidrar med lokaler."
    " Beslutet togs i kommunstyrelsen den 5 mars."
)


def _read(files: dict[str, bytes]) -> dict[str, list[dict[str, str]]]:
    return {n: list(csv.DictReader(io.StringIO(b.decode("utf-8")))) for n, b in files.items()}


def test_headers_are_the_workbook_keys():
    files = rows_to_csv([extract_text(DOC, "ankeby.txt")])
    assert set(files) == set(SPEC)
    for name, data in files.items():
        header = data.decode("utf-8").splitlines()[0].split(",")
        assert header == SPEC[name].split(), name


def test_rows_of_a_draft_use_closed_lists_and_ids():
    rows = _read(rows_to_csv([extract_text(DOC, "ankeby.txt")]))
    for (sheet, key), allowed in CLOSED.items():
        for r in rows[sheet]:
            assert r[key] in allowed, (sheet, key, r[key])
    ids = {r["id"] for r in rows["parties.csv"]}
    [ag] = rows["agreements.csv"]
    assert set(ag["publicParty"].split(";")) | set(ag["ideaBasedParties"].split(";")) <= ids
    assert (ag["startDate"], ag["endDate"]) == ("2024-01-01", "2026-12-31")
    [flow] = rows["funding-flows.csv"]  # the amount applied for is not a flow
    assert (flow["amount"], flow["amountKind"], flow["agreement"]) == (
        "400 000 kr",
        "per år",
        ag["id"],
    )  # noqa: E501
    assert "applied-for" in ag["note"]
    [dec] = rows["decisions.csv"]
    assert dec["date"] == "2024-03-05" and "document date" in dec["note"]
    assert rows["sources.csv"][0]["sourceKind"] == "pressmeddelande"
    assert rows["sources.csv"][0]["published"] == "2024-03-12"


def test_a_text_not_about_an_iop_gives_only_its_source_row():
    text = "Budget för gator och parker 2024. Gatuunderhåll 4 500 tkr. " * 20
    rows = _read(rows_to_csv([extract_text(text, "budget.txt")]))
    assert len(rows["sources.csv"]) == 1
    assert all(not rows[n] for n in rows if n != "sources.csv")


def test_cli_writes_a_folder_of_csv_files(tmp_path):
    doc = tmp_path / "ankeby.txt"
    doc.write_text(DOC, encoding="utf-8")
    out = tmp_path / "rows"
    r = CliRunner().invoke(app, ["extract", str(doc), "--format", "csv-rows", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == sorted(SPEC)
    assert "Föreningen Ljus" in (out / "parties.csv").read_text(encoding="utf-8")


def test_cli_csv_rows_needs_a_folder(tmp_path):
    doc = tmp_path / "ankeby.txt"
    doc.write_text(DOC, encoding="utf-8")
    r = CliRunner().invoke(app, ["extract", str(doc), "--format", "csv-rows"])
    assert r.exit_code == 2
    assert r.output.startswith("Error: ") and "Traceback" not in r.output
