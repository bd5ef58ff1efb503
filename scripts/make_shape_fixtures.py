"""Draft a fixture (tests/fixtures/shapes/*.ru) for each constraint of shapes/ that has none.

A fixture is a SPARQL Update applied to tests/fixtures/shapes/base.ttl so that exactly one
constraint fails; its first line names it: ``# expect: <shape> <component>``. The drafts follow
simple rules per component and are reviewed (and fixed by hand) before they are committed;
tests/test_shapes.py checks every fixture. Existing files are never overwritten.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from rdflib import Graph  # noqa: E402
from shape_constraints import constraints  # noqa: E402

from iopkg.namespaces import SH, curie  # noqa: E402
from iopkg.shacl.validate import load_shapes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
FOCUS = {
    "Agreement": "fx:agreement",
    "EarlierAgreement": "fx:earlier",
    "Activity": "fx:activity",
    "SteeringGroup": "fx:steering",
    "SteeringGroupSeat": "fx:seat",
    "Seat": "fx:seat",
    "ReportingDuty": "fx:duty",
    "Commitment": "fx:commitment",
    "NumericTarget": "fx:target",
    "Municipality": "fx:lund",
    "Region": "fx:region",
    "County": "fx:county",
    "PopulationFigure": "fx:pop",
    "StateBody": "fx:state",
    "IdeaBasedOrganisation": "fx:ngo",
    "OrganisationNumber": "fx:orgnr",
    "PublicUnit": "fx:admin",
    "Administration": "fx:admin",
    "DecisionMakingBody": "fx:board",
    "Council": "fx:council",
    "Board": "fx:board",
    "Decision": "fx:decision",
    "PolicyDocument": "fx:guideline",
    "Guideline": "fx:guideline",
    "LocalCompact": "fx:compact",
    "LegalProvision": "fx:provision",
    "Contribution": "fx:flow",
    "FundingFlow": "fx:flow",
    "MonetaryAmount": "fx:amount",
    "InKind": "fx:inkind",
    "InKindContribution": "fx:inkind",
    "SourceDocument": "fx:doc",
    "Quote": "fx:quote",
    "Evaluation": "fx:evaluation",
    "Observation": "fx:observation",
    "StatisticalObservation": "fx:observation",
}
SHARED = {
    "label": "fx:agreement",
    "source": "fx:agreement",
    "sourceRequired": "fx:agreement",
    "startDate": "fx:flow",
    "endDate": "fx:flow",
    "period": "fx:flow",
    "municipalityRef": "fx:agreement",
    "underAgreement": "fx:flow",
    "recipient": "fx:flow",
}


TWIN = (
    "BIND(IF(isIRI(?o), fx:twin, IF(datatype(?o) = xsd:date, "
    'STRDT(CONCAT(SUBSTR(STR(?o), 1, 8), "15"), xsd:date), '
    "IF(datatype(?o) IN (xsd:integer, xsd:decimal), ?o + 1, "
    "IF(datatype(?o) = xsd:boolean, !?o, "
    'IF(datatype(?o) = xsd:gYear, STRDT("2000", xsd:gYear), '
    'IF(datatype(?o) = xsd:duration, STRDT("P1M", xsd:duration), IF(lang(?o) != "", '
    'STRLANG(CONCAT(STR(?o), " bis"), lang(?o)), CONCAT(STR(?o), " bis")))))))) AS ?o2)'
)
WRONG = (
    "BIND(IF(datatype(?o) = xsd:integer, STRDT(STR(?o), xsd:decimal), "
    "IF(datatype(?o) = xsd:decimal, STRDT(STR(?o), xsd:double), "
    "IF(datatype(?o) = xsd:string, 42, STRDT(STR(?o), xsd:dateTime)))) AS ?o2)"
)


def focus_of(shape: str) -> str:
    local = shape.split(":", 1)[1]
    if local in SHARED:
        return SHARED[local]
    return FOCUS.get(local.split("-")[0].removesuffix("Shape"), "fx:TODO")


def draft(shapes: Graph, shape: str, component: str) -> str:
    node = next(s for s in shapes.subjects() if curie(str(s)) == shape)
    path = shapes.value(node, SH.path)
    p = curie(str(path)) if path is not None else "?"
    f = focus_of(shape)
    kind = component.removeprefix("sh:").removesuffix("ConstraintComponent")
    datatype = shapes.value(node, SH.datatype)
    bad = "42" if datatype is not None and str(datatype).endswith("string") else '"not valid"'
    if kind == "MinCount":
        body = f"DELETE WHERE {{ {f} {p} ?o }}"
    elif kind == "MaxCount":
        body = (
            f"INSERT {{ {f} {p} ?o2 . ?twin ?q ?v }} WHERE {{ {f} {p} ?o .\n"
            f"  OPTIONAL {{ ?o ?q ?v FILTER isIRI(?o) BIND(fx:twin AS ?twin) }}\n  {TWIN} }}"
        )
    elif kind == "Datatype":
        body = (
            f"DELETE {{ {f} {p} ?o }} INSERT {{ {f} {p} ?o2 }} WHERE {{ {f} {p} ?o .\n  {WRONG} }}"
        )
    elif kind == "Pattern":
        body = f"DELETE {{ {f} {p} ?o }} INSERT {{ {f} {p} {bad} }} WHERE {{ {f} {p} ?o }}"
    elif kind in {"Class", "Or", "Node", "In"}:
        body = f"DELETE {{ {f} {p} ?o }} INSERT {{ {f} {p} fx:untyped }} WHERE {{ {f} {p} ?o }}"
    elif kind in {"MinInclusive", "MinExclusive"}:
        body = f"DELETE {{ {f} {p} ?o }} INSERT {{ {f} {p} -1 }} WHERE {{ {f} {p} ?o }}"
    else:
        body = "# TODO: write by hand"
    return f"# expect: {shape} {component}\n# focus: {f}\n{body}\n"


def main() -> None:
    shapes = load_shapes()
    written = 0
    for shape, component in sorted(constraints(shapes)):
        kind = component.split(":", 1)[1].removesuffix("ConstraintComponent")
        name = f"{shape.split(':', 1)[1]}--{kind}.ru"
        target = FIXTURES / name
        if not target.exists():
            target.write_text(draft(shapes, shape, component), encoding="utf-8")
            written += 1
    print(f"{written} drafts written to {FIXTURES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
