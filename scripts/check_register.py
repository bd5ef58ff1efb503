#!/usr/bin/env python3
"""Check the CSV register in data/register/: headers, ids, references, dates, closed lists.

Pure standard library; no iopkg import. Usage: python scripts/check_register.py [data/register]
Exit status 1 when a problem is found; each problem is printed on one line.
"""

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEADERS = {
    "sources.csv": [
        "id",
        "url",
        "document",
        "title",
        "publisher",
        "sourceKind",
        "published",
        "accessed",
    ],
    "parties.csv": [
        "id",
        "name",
        "kind",
        "orgNumber",
        "municipality",
        "aliases",
        "source",
        "locator",
        "note",
    ],
    "agreements.csv": [
        "id",
        "title",
        "titleEn",
        "municipality",
        "publicParty",
        "ideaBasedParties",
        "activity",
        "focusArea",
        "startDate",
        "endDate",
        "decisions",
        "source",
        "locator",
        "note",
    ],
    "decisions.csv": [
        "id",
        "body",
        "date",
        "paragraph",
        "registryNumber",
        "status",
        "subject",
        "source",
        "locator",
        "note",
    ],
    "funding-flows.csv": [
        "id",
        "agreement",
        "funder",
        "recipient",
        "amount",
        "amountKind",
        "startDate",
        "endDate",
        "fiscalYear",
        "sourceOfFunds",
        "source",
        "locator",
        "note",
    ],
    "in-kind.csv": [
        "id",
        "agreement",
        "giver",
        "recipient",
        "type",
        "description",
        "source",
        "locator",
        "note",
    ],
    "identities.csv": ["party", "sameAs", "evidence", "decision", "reviewed", "source"],
}
SOURCE_KINDS = {
    "kommunens webbplats",
    "regionens webbplats",
    "pressmeddelande",
    "nyhet",
    "protokoll",
    "avtal",
    "rapport",
    "annan",
}
PARTY_KINDS = {
    "idéburen organisation",
    "nämnd",
    "fullmäktige",
    "förvaltning",
    "kommun",
    "region",
    "statlig myndighet",
    "annan organisation",
}
PUBLIC_KINDS = PARTY_KINDS - {"idéburen organisation", "annan organisation"}
STATUS = {"fattat", "förslag"}
AMOUNT_KINDS = {"fast belopp", "per år"}
FUNDS = {"kommunal budget", "statligt bidrag", "annan källa"}
IDENTITY = {"samma", "olika"}
ID_RE = re.compile(r"^[A-Za-z0-9._-]+$")
ORGNR_RE = re.compile(r"^\d{6}-\d{4}$")
SV_MONTHS = (
    "januari februari mars april maj juni juli augusti september oktober november december".split()
)
DATE_RES = [
    re.compile(r"^\d{4}$"),
    re.compile(r"^\d{4}-\d{2}$"),
    re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    re.compile(r"^\d{1,2} (" + "|".join(SV_MONTHS) + r") \d{4}$"),
]
AMOUNT_RE = re.compile(
    r"^\d{1,3}(?: \d{3})*(?:,\d+)? ?(?:kr|tkr|mnkr)?$|^\d+(?:,\d+)? ?(?:tkr|mnkr|miljoner kr)$"
)


def read(folder, name):
    with open(folder / name, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        return reader.fieldnames, list(reader)


def vocab_labels(scheme):
    """prefLabel@sv of concepts in a vocab scheme, read from data/vocab/schemes.ttl with a regex."""
    text = (ROOT / "data" / "vocab" / "schemes.ttl").read_text(encoding="utf-8")
    labels = set()
    for block in text.split(" .\n"):
        if f"skos:inScheme vocab:{scheme}" in block:
            m = re.search(r'skos:prefLabel "([^"]+)"@sv', block)
            if m:
                labels.add(m.group(1))
    return labels


def municipality_names():
    text = (ROOT / "data" / "reference" / "municipalities.ttl").read_text(encoding="utf-8")
    names = set(re.findall(r'skos:altLabel "([^"]+)"@sv', text))
    names |= set(re.findall(r'rdfs:label[^;]*?"([^"]+)"@sv', text))
    names |= set(re.findall(r'iop:municipalityCode "(\d{4})"', text))
    counties = re.findall(
        r'<https://w3id.org/iopkg/id/county/(\d{2})>[^.]*?"([^"]+) län"@sv', text, re.S
    )
    for code, lan in counties:
        names.add(code)
        base = lan[:-1] if lan.endswith("s") and lan not in ("Skåne",) else lan
        names.add("Region " + base)
        names.add("Region " + lan)
    names.add("Region Västra Götaland")
    names.add("Västra Götalandsregionen")
    names.add("Region Jönköpings län")
    names.add("Region Stockholm")
    return names


def is_date(value):
    return any(r.match(value) for r in DATE_RES)


def check(folder):
    folder = Path(folder)
    problems = []
    data = {}
    for name, hdr in HEADERS.items():
        fields, rows = read(folder, name)
        if fields != hdr:
            problems.append(f"{name}: headers {fields} != {hdr}")
        data[name] = rows
    focus = vocab_labels("focus-area")
    inkind_types = vocab_labels("in-kind-type")
    munis = municipality_names()

    def ids(name, key="id"):
        seen = set()
        for r in data[name]:
            v = r[key]
            if not ID_RE.match(v or ""):
                problems.append(f"{name}: bad id {v!r}")
            if v in seen:
                problems.append(f"{name}: duplicate id {v!r}")
            seen.add(v)
        return seen

    src = ids("sources.csv")
    par = ids("parties.csv")
    agr = ids("agreements.csv")
    dec = ids("decisions.csv")
    ids("funding-flows.csv")
    ids("in-kind.csv")
    kinds = {r["id"]: r["kind"] for r in data["parties.csv"]}

    def refs(name, row, key, target, label, required=True):
        vals = [v for v in (row[key] or "").split(";") if v]
        if required and not vals:
            problems.append(f"{name} {row.get('id', row.get('party'))}: empty {key}")
        for v in vals:
            if v not in target:
                problems.append(
                    f"{name} {row.get('id', row.get('party'))}: {key} {v!r} is no {label}"
                )
        return vals

    for r in data["sources.csv"]:
        if (
            not (r["url"].startswith("http://") or r["url"].startswith("https://"))
            and not r["document"]
        ):
            problems.append(f"sources {r['id']}: no url or document")
        if r["sourceKind"] not in SOURCE_KINDS:
            problems.append(f"sources {r['id']}: sourceKind {r['sourceKind']!r}")
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", r["accessed"]):
            problems.append(f"sources {r['id']}: accessed {r['accessed']!r}")
        if r["published"] and not is_date(r["published"]):
            problems.append(f"sources {r['id']}: published {r['published']!r}")
        if not r["title"] or not r["publisher"]:
            problems.append(f"sources {r['id']}: title/publisher missing")
    for r in data["parties.csv"]:
        if r["kind"] not in PARTY_KINDS:
            problems.append(f"parties {r['id']}: kind {r['kind']!r}")
        if not r["name"]:
            problems.append(f"parties {r['id']}: no name")
        if r["orgNumber"] and not ORGNR_RE.match(r["orgNumber"]):
            problems.append(f"parties {r['id']}: orgNumber {r['orgNumber']!r}")
        if r["kind"] in PUBLIC_KINDS and r["municipality"] not in munis:
            problems.append(f"parties {r['id']}: municipality {r['municipality']!r} unknown")
        refs("parties", r, "source", src, "source")
        if not r["locator"]:
            problems.append(f"parties {r['id']}: no locator")
    for r in data["agreements.csv"]:
        if r["municipality"] not in munis:
            problems.append(f"agreements {r['id']}: municipality {r['municipality']!r} unknown")
        for p in refs("agreements", r, "publicParty", par, "party"):
            if kinds.get(p) not in PUBLIC_KINDS:
                problems.append(f"agreements {r['id']}: public party {p} has kind {kinds.get(p)!r}")
        for p in refs("agreements", r, "ideaBasedParties", par, "party"):
            if kinds.get(p) != "idéburen organisation":
                problems.append(
                    f"agreements {r['id']}: idea-based party {p} has kind {kinds.get(p)!r}"
                )
        refs("agreements", r, "decisions", dec, "decision", required=False)
        refs("agreements", r, "source", src, "source")
        for f in [v for v in r["focusArea"].split(";") if v]:
            if f not in focus:
                problems.append(f"agreements {r['id']}: focusArea {f!r} not in the scheme")
        for k in ("startDate", "endDate"):
            if r[k] and not is_date(r[k]):
                problems.append(f"agreements {r['id']}: {k} {r[k]!r}")
        if (
            r["startDate"]
            and r["endDate"]
            and len(r["startDate"]) == len(r["endDate"]) == 10
            and r["startDate"] > r["endDate"]
        ):
            problems.append(f"agreements {r['id']}: starts after it ends")
        for k in ("title", "activity", "locator"):
            if not r[k]:
                problems.append(f"agreements {r['id']}: no {k}")
    for r in data["decisions.csv"]:
        refs("decisions", r, "body", par, "party")
        if r["date"] and not is_date(r["date"]):
            problems.append(f"decisions {r['id']}: date {r['date']!r}")
        if r["paragraph"] and not r["paragraph"].isdigit():
            problems.append(f"decisions {r['id']}: paragraph {r['paragraph']!r}")
        if r["status"] not in STATUS:
            problems.append(f"decisions {r['id']}: status {r['status']!r}")
        refs("decisions", r, "source", src, "source")
        if not r["locator"]:
            problems.append(f"decisions {r['id']}: no locator")
    for r in data["funding-flows.csv"]:
        refs("funding-flows", r, "agreement", agr, "agreement")
        refs("funding-flows", r, "funder", par, "party")
        refs("funding-flows", r, "recipient", par, "party")
        if not AMOUNT_RE.match(r["amount"]):
            problems.append(f"funding-flows {r['id']}: amount {r['amount']!r}")
        if r["amountKind"] not in AMOUNT_KINDS:
            problems.append(f"funding-flows {r['id']}: amountKind {r['amountKind']!r}")
        if r["sourceOfFunds"] and r["sourceOfFunds"] not in FUNDS:
            problems.append(f"funding-flows {r['id']}: sourceOfFunds {r['sourceOfFunds']!r}")
        for k in ("startDate", "endDate", "fiscalYear"):
            if r[k] and not is_date(r[k]):
                problems.append(f"funding-flows {r['id']}: {k} {r[k]!r}")
        refs("funding-flows", r, "source", src, "source")
        if not r["locator"]:
            problems.append(f"funding-flows {r['id']}: no locator")
    for r in data["in-kind.csv"]:
        refs("in-kind", r, "agreement", agr, "agreement")
        refs("in-kind", r, "giver", par, "party")
        refs("in-kind", r, "recipient", par, "party", required=False)
        if r["type"] not in inkind_types:
            problems.append(f"in-kind {r['id']}: type {r['type']!r}")
        refs("in-kind", r, "source", src, "source")
    for r in data["identities.csv"]:
        refs("identities", r, "party", par, "party")
        if r["decision"] not in IDENTITY:
            problems.append(f"identities {r['party']}: decision {r['decision']!r}")
        if not r["evidence"] or not r["sameAs"]:
            problems.append(f"identities {r['party']}: evidence/sameAs missing")
        if not re.match(r"^\d{4}-\d{2}-\d{2}$", r["reviewed"]):
            problems.append(f"identities {r['party']}: reviewed {r['reviewed']!r}")
        refs("identities", r, "source", src, "source")
    # every source is used
    used = set()
    for name in (
        "parties.csv",
        "agreements.csv",
        "decisions.csv",
        "funding-flows.csv",
        "in-kind.csv",
        "identities.csv",
    ):
        for r in data[name]:
            used |= set(v for v in r["source"].split(";") if v)
    for s in src - used:
        problems.append(f"sources {s}: not cited by any row")
    return problems, data


def summary(data):
    agr = data["agreements.csv"]
    n = len(agr)
    kinds = {r["id"]: r for r in data["parties.csv"]}
    money = {r["agreement"] for r in data["funding-flows.csv"]}
    munis = {r["municipality"] for r in agr}
    org_munis = {}
    for r in agr:
        for p in r["ideaBasedParties"].split(";"):
            org_munis.setdefault(p, set()).add(r["municipality"])
    multi = sorted(p for p, m in org_munis.items() if len(m) > 1)

    def share(pred):
        k = sum(1 for r in agr if pred(r))
        return f"{k}/{n} ({100 * k / n:.0f} %)"

    return {
        "agreements": n,
        "municipalities/regions": len(munis),
        "sources": len(data["sources.csv"]),
        "parties": len(data["parties.csv"]),
        "organisations in several municipalities": ", ".join(multi) or "none",
        "flows with money": len(data["funding-flows.csv"]),
        "decisions": len(data["decisions.csv"]),
        "with period": share(lambda r: r["startDate"] or r["endDate"]),
        "with money": share(lambda r: r["id"] in money),
        "with org number": share(
            lambda r: any(kinds[p]["orgNumber"] for p in r["ideaBasedParties"].split(";"))
        ),
        "with decision": share(lambda r: r["decisions"]),
        "with focus area": share(lambda r: r["focusArea"]),
    }


def main(argv):
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "data" / "register"
    problems, data = check(folder)
    for p in problems:
        print("PROBLEM", p)
    for k, v in summary(data).items():
        print(f"{k}: {v}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
