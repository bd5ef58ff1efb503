"""Shapes: the project's data conforms; every constraint has a fixture that fails it alone."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF
from shape_constraints import constraints, targeted_shapes, unknown_parameters

from iopkg.graph import default_project, load_file, rdf_files
from iopkg.namespaces import PREFIXES, SH, curie
from iopkg.shacl.validate import Severity, ValidationReport, load_shapes, validate

FIXTURES = Path(__file__).parent / "fixtures" / "shapes"
PROJECT = default_project()
SHAPES = load_shapes()
PREFIX_TEXT = (
    "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    + "PREFIX fx: <https://example.org/fx/>\n"
)


def fixture_files() -> list[Path]:
    return sorted(FIXTURES.glob("*.ru"))


def expected(path: Path) -> tuple[str, str]:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# expect: "), f"{path.name}: first line must be '# expect: ...'"
    shape, component = first.removeprefix("# expect: ").split()
    return shape, component


def fixture_store(update: str | None) -> ox.Store:
    store = ox.Store()
    for path in rdf_files(PROJECT.ontology_dir) + [
        PROJECT.data_dir / "vocab" / "schemes.ttl",
        FIXTURES / "base.ttl",
    ]:
        load_file(store, path)
    if update:
        store.update(PREFIX_TEXT + update)
    return store


@cache
def fixture_report(path: Path) -> ValidationReport:
    """pySHACL's report on one fixture (shared with test_shape_engines, validated once)."""
    return validate(store=fixture_store(path.read_text(encoding="utf-8")), shapes=SHAPES)


def test_project_data_has_no_violations():
    report = validate()
    violations = [r for r in report.results if r.severity is Severity.VIOLATION]
    assert not violations, violations
    # SHACL: a report conforms only when it has no result of any severity (Warnings count).
    assert report.conforms == (sum(report.counts().values()) == 0)


def test_project_data_warnings_are_the_known_suspicious_facts():
    report = validate(min_severity=Severity.WARNING)
    flagged = {(r.focus_node.rsplit("/", 1)[1], r.value) for r in report.results}
    assert ("lund-vanskapens-hus-2021", '"2021-01-01"^^xsd:date') in flagged
    assert ("danderyd-kompisbyran-2018-state-grant", '"2018-09-01"^^xsd:date') in flagged


def test_base_fixture_is_clean():
    report = validate(store=fixture_store(None), shapes=SHAPES)
    assert report.results == []


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: p.stem)
def test_fixture_triggers_exactly_its_constraint(path: Path):
    report = fixture_report(path)
    found = {r.constraint for r in report.results}
    got = [(r.constraint, r.focus_node, r.value) for r in report.results]
    assert found == {expected(path)}, got


def test_every_constraint_has_a_fixture():
    covered = {expected(p) for p in fixture_files()}
    missing = constraints(SHAPES) - covered
    assert not missing, f"constraints without a fixture: {sorted(missing)}"
    stale = covered - constraints(SHAPES)
    assert not stale, f"fixtures of constraints that no longer exist: {sorted(stale)}"


def test_constraint_enumeration_knows_every_parameter():
    assert unknown_parameters(SHAPES) == set()


def test_every_ontology_class_has_a_node_shape():
    ontology = Graph().parse(PROJECT.ontology_dir / "iop.ttl")
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class)}
    targeted = set(SHAPES.objects(None, SH.targetClass))
    assert classes - targeted == set()


def test_every_targeted_shape_has_messages_in_swedish_and_english():
    for shape in targeted_shapes(SHAPES):
        langs = {m.language for m in SHAPES.objects(shape, SH.message)}
        for query in SHAPES.objects(shape, SH.sparql):
            langs |= {m.language for m in SHAPES.objects(query, SH.message)}
        if (shape, SH.property, None) in SHAPES and not (
            set(SHAPES.predicates(shape)) & {SH["or"], SH.xone, SH.sparql}
        ):
            continue  # a node shape that only groups property shapes
        assert {"sv", "en"} <= langs, curie(str(shape))


def test_municipality_codes_match_the_reference_data():
    data = Graph().parse(PROJECT.data_dir / "reference" / "municipalities.ttl")
    codes = {str(o) for o in data.objects(None, PREFIXES["iop"].municipalityCode)}
    listed = {
        str(x)
        for x in SHAPES.items(SHAPES.value(PREFIXES["iopsh"]["Municipality-codeInList"], SH["in"]))
    }
    assert len(codes) == 290 and listed == codes
