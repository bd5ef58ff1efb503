"""Checks on the CSV register of Swedish IOP agreements in data/register/ (issue 18).

Pure standard library (csv): runs the same checks as scripts/check_register.py and compares a
sample of facts with the values recorded from the cited sources. No iopkg import needed.
"""

import csv
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "data" / "register"


def _checker():
    spec = importlib.util.spec_from_file_location(
        "check_register", ROOT / "scripts" / "check_register.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(name):
    with open(REGISTER / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _by_id(name):
    return {r["id"]: r for r in _rows(name)}


def test_register_passes_all_checks():
    problems, _ = _checker().check(REGISTER)
    assert problems == []


def test_register_meets_the_counts():
    agreements = _rows("agreements.csv")
    assert len(agreements) >= 40
    assert len({a["municipality"] for a in agreements}) >= 15


def test_every_source_has_url_and_access_date():
    for s in _rows("sources.csv"):
        assert s["url"].startswith("http"), s["id"]
        assert s["accessed"] == "2026-11-26", s["id"]


def test_organisations_in_several_municipalities():
    agreements = _rows("agreements.csv")
    munis = {}
    for a in agreements:
        for p in a["ideaBasedParties"].split(";"):
            munis.setdefault(p, set()).add(a["municipality"])
    multi = {p for p, m in munis.items() if len(m) > 1}
    assert {
        "bracke-diakoni",
        "skane-stadsmission",
        "individuell-manniskohjalp",
        "fryshuset",
        "eskilstuna-stadsmission",
    } <= multi
    assert munis["skane-stadsmission"] == {"Region Skåne", "Kristianstad", "Malmö"}
    merged = {(i["party"], i["decision"]) for i in _rows("identities.csv")}
    assert ("bracke-diakoni", "samma") in merged
    assert ("roda-korset", "olika") in merged


def _flows_for(agreement_id):
    return [f for f in _rows("funding-flows.csv") if f["agreement"] == agreement_id]


def test_sample_enkoping_enabygdsarkivet():
    a = _by_id("agreements.csv")["enkoping-enabygdsarkivet-2024"]
    assert a["municipality"] == "Enköping"
    assert (a["startDate"], a["endDate"]) == ("2024-07-01", "2027-12-31")
    assert a["publicParty"] == "enkoping-upplevelsenamnden"
    assert a["ideaBasedParties"] == "villberga-hembygdsforening"
    assert _flows_for(a["id"]) == []


def test_sample_umea_fritidsbanken():
    a = _by_id("agreements.csv")["umea-fritidsbanken"]
    assert a["municipality"] == "Umeå"
    assert (a["startDate"], a["endDate"]) == ("2023", "2025")
    [f] = _flows_for(a["id"])
    assert (f["amount"], f["amountKind"]) == ("1 000 000 kr", "per år")


def test_sample_region_varmland():
    a = _by_id("agreements.csv")["regionvarmland-natverket-varmlands-ideburna-2021"]
    assert a["municipality"] == "Region Värmland"
    assert a["startDate"] == "2021-06-01" and a["endDate"] == ""
    flows = {f["fiscalYear"]: f["amount"] for f in _flows_for(a["id"])}
    assert flows == {"2021": "380 000 kr", "2022": "650 000 kr"}


def test_sample_orebro_stadsmission():
    a = _by_id("agreements.csv")["orebro-stadsmission-eu-medborgare-2017"]
    assert a["municipality"] == "Örebro"
    assert a["startDate"] == "2017"
    [f] = _flows_for(a["id"])
    assert (f["amount"], f["amountKind"]) == ("1,3 mnkr", "per år")
    assert "council" in f["note"]


def test_sample_alingsas_bracke_diakoni():
    a = _by_id("agreements.csv")["alingsas-bracke-diakoni-demensvard-2016"]
    assert a["municipality"] == "Alingsås"
    assert (a["startDate"], a["endDate"]) == ("2016-10-01", "2019-09-30")
    assert _flows_for(a["id"]) == []  # the 'cirka 18 miljoner' is deliberately not a flow


def test_sample_uppsala_stadsmission():
    a = _by_id("agreements.csv")["uppsala-stadsmission-kvinnobyran-mikaelsgarden-2019"]
    assert a["municipality"] == "Uppsala"
    assert (a["startDate"], a["endDate"]) == ("2019", "2021")
    [f] = _flows_for(a["id"])
    assert (f["amount"], f["amountKind"]) == ("3 500 000 kr", "per år")
    assert "ambiguous" in f["note"]


def test_sample_decision_sigtuna():
    d = _by_id("decisions.csv")["sigtuna-ks-2020-04-14-kvinnojouren"]
    assert (d["date"], d["status"]) == ("2020-04-14", "fattat")
    assert _by_id("parties.csv")[d["body"]]["municipality"] == "Sigtuna"


def test_completeness_figures():
    _, data = _checker().check(REGISTER)
    summary = _checker().summary(data)
    assert summary["agreements"] == len(_rows("agreements.csv"))
    for key in ("with period", "with money", "with org number", "with decision", "with focus area"):
        assert "/" in summary[key]
