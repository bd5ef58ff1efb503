"""The register's completeness: counted from the graph, equal to what the CSV files record and
to the Info results of shapes/register.ttl (an incomplete record is shown, not rejected)."""

from __future__ import annotations

import csv

from iopkg.analysis.completeness import Field, completeness
from iopkg.graph import default_project
from iopkg.shacl.validate import Severity, validate

REGISTER = default_project().data_dir / "register"


def _rows(name):
    with open(REGISTER / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _from_csv() -> dict[Field, int]:
    agreements = _rows("agreements.csv")
    funded = {f["agreement"] for f in _rows("funding-flows.csv") if f["amount"]}
    numbered = {p["id"] for p in _rows("parties.csv") if p.get("orgNumber")}
    return {
        Field.period: sum(1 for a in agreements if a["startDate"] or a["endDate"]),
        Field.money: sum(1 for a in agreements if a["id"] in funded),
        Field.org_number: sum(
            1 for a in agreements if set(a["ideaBasedParties"].split(";")) & numbered
        ),
        Field.decision: sum(1 for a in agreements if a["decisions"]),
        Field.focus_area: sum(1 for a in agreements if a["focusArea"]),
    }


def test_completeness_counts_what_the_csv_records(store):
    c = completeness(store)
    assert c.agreements == len(_rows("agreements.csv")) == 64
    assert {f.field: f.have for f in c.fields} == _from_csv()
    assert round(100 * c.share(Field.period).share) == 53
    assert sum(n for _, _, n in c.kinds) >= 64  # every register agreement names its kind


def test_every_missing_field_is_one_info_result(store):
    c = completeness(store)
    report = validate(store=store)
    infos = [r for r in report.results if r.severity is Severity.INFO]
    shapes = {
        Field.period: "RegisterAgreementPeriodShape",
        Field.money: "RegisterAgreementMoneyShape",
        Field.org_number: "RegisterAgreementOrgNumberShape",
        Field.decision: "RegisterAgreementDecisionShape",
        Field.focus_area: "RegisterAgreementFocusAreaShape",
    }
    for f in c.fields:
        missing = [r for r in infos if r.source_shape.endswith(shapes[f.field])]
        assert len(missing) == f.total - f.have, f.field
    assert not [r for r in report.results if r.severity is Severity.VIOLATION]
