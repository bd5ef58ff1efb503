"""The template: sheets, Swedish/English headers, dropdowns from the vocabularies, examples."""

from __future__ import annotations

import openpyxl
import pyoxigraph as ox

from iopkg.cli import app
from iopkg.graph import default_project, load_store
from iopkg.workbook import import_workbook
from iopkg.workbook.spec import LISTS_TITLE, SHEETS, Sheet


def _pref_labels(scheme: str) -> set[str]:
    p = default_project()
    store = load_store([p.data_dir / "vocab"], include_ontology=False)
    q = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT ?s ?l WHERE { ?c skos:inScheme ?s ; skos:prefLabel ?l FILTER(lang(?l) = "sv") }"""
    rows = store.query(q, substitutions={ox.Variable("s"): ox.NamedNode(scheme)})
    return {r["l"].value for r in rows}


def _lists(wb) -> dict[str, list[str]]:
    ws = wb[LISTS_TITLE]
    cols = list(ws.iter_cols(values_only=True))
    return {c[0]: [v for v in c[1:] if v is not None] for c in cols}


def test_template_loads_back_with_dropdowns(tmp_path, runner):
    out = tmp_path / "iop.xlsx"
    res = runner.invoke(app, ["template", "-o", str(out)])
    assert res.exit_code == 0, res.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[0] == "Instruktioner"
    for sheet in Sheet:
        assert sheet.title in wb.sheetnames
        headers = [c.value for c in wb[sheet.title][1]]
        assert headers == [SHEETS[sheet].header(c.key) for c in SHEETS[sheet].columns]
    assert wb[LISTS_TITLE].sheet_state == "hidden"
    lists = _lists(wb)
    vocab = "https://w3id.org/iopkg/vocab/"
    assert set(lists["focus-area"]) == _pref_labels(vocab + "focus-area")
    assert set(lists["in-kind-type"]) == _pref_labels(vocab + "in-kind-type")
    assert set(lists["source-of-funds"]) == {"kommunal budget", "statligt bidrag", "annan källa"}
    assert "kommunens webbplats" in lists["document-type"]
    assert len(lists["places"]) == 290 + 21
    assert "Enköpings kommun" in lists["places"] and "Region Värmland" in lists["places"]
    # every closed-list column has a dropdown pointing at its list
    for sheet in Sheet:
        ws = wb[sheet.title]
        formulas = {
            str(dv.sqref).split(":")[0][:-1]: dv.formula1
            for dv in ws.data_validations.dataValidation
        }
        for i, col in enumerate(SHEETS[sheet].columns):
            if not col.choices:
                continue
            letter = openpyxl.utils.get_column_letter(i + 1)
            assert letter in formulas, (sheet, col.key)
            f = formulas[letter]
            lcol = f.split("!$")[1].split("$")[0]
            assert wb[LISTS_TITLE][f"{lcol}1"].value == col.choices


def test_template_examples_are_refused_but_valid_once_renamed(tmp_path):
    from iopkg.workbook import write_template

    out = tmp_path / "iop.xlsx"
    write_template(out)
    result = import_workbook(out)
    assert not result.ok
    assert {p.en for p in result.problems} == {"an example row of the template: delete it"}
    wb = openpyxl.load_workbook(out)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and "exempel-" in cell.value:
                    cell.value = cell.value.replace("exempel-", "demo-")
    renamed = tmp_path / "renamed.xlsx"
    wb.save(renamed)
    result = import_workbook(renamed)
    assert result.ok, [p.line() for p in result.problems]


def test_template_csv(tmp_path, runner):
    res = runner.invoke(app, ["template", "--format", "csv", "-o", str(tmp_path / "t")])
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in (tmp_path / "t").iterdir())
    assert names == sorted(s.csv_name for s in Sheet)
    head = (tmp_path / "t" / "agreements.csv").read_text(encoding="utf-8").splitlines()[0]
    assert head.split(",")[:3] == ["id", "title", "titleEn"]
