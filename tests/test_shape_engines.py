"""A second SHACL engine (rudof, through pyrudof) agrees with pySHACL, except as documented.

Every fixture of tests/fixtures/shapes and the project's data go through both engines; where
their results differ, the difference must be exactly the one listed in docs/validation.md
("Differences between the engines"), so that a change in either engine is noticed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pyrudof
import pytest
from shacl_engines import (
    Key,
    cell,
    documented_differences,
    pyshacl_keys,
    rudof_keys,
    rudof_report,
)
from test_engines_as_written import plain_keys, rudof_file_keys
from test_shapes import SHAPES, expected, fixture_files, fixture_report, fixture_store

from iopkg.graph import _files, default_project

DOC = Path(__file__).resolve().parent.parent / "docs" / "validation.md"
PROJECT_DATA = "project data"
SHAPES_TEXT = SHAPES.serialize(format="turtle")


@cache
def engine_keys(case: str) -> tuple[frozenset[Key], frozenset[Key]]:
    """(pySHACL keys, rudof keys) for a fixture stem or the project data."""
    if case == PROJECT_DATA:  # both engines on the files as written, not the store's copy
        files = list(_files(None, default_project(), False, True))
        return frozenset(plain_keys(files)), frozenset(rudof_file_keys(files))
    else:
        path = next(p for p in fixture_files() if p.stem == case)
        store = fixture_store(path.read_text(encoding="utf-8"))
        report = fixture_report(path)
    theirs = rudof_keys(rudof_report(store, SHAPES_TEXT))
    return frozenset(pyshacl_keys(report)), frozenset(theirs)


def differences(case: str) -> tuple[str, str] | None:
    """(only pySHACL, only rudof) cells; None when the engines agree."""
    ours, theirs = engine_keys(case)
    return None if ours == theirs else (cell(set(ours - theirs)), cell(set(theirs - ours)))


CASES = [p.stem for p in fixture_files()] + [PROJECT_DATA]


@pytest.mark.parametrize("case", CASES)
def test_engines_agree_or_differ_as_documented(case: str):
    assert differences(case) == documented_differences(DOC).get(case)


def test_documented_differences_name_existing_cases():
    assert set(documented_differences(DOC)) <= set(CASES)


def test_rudof_reports_the_fixture_constraint():
    """Not vacuous: rudof itself finds each fixture's constraint (unless documented otherwise)."""
    documented = documented_differences(DOC)
    for path in fixture_files():
        if path.stem not in documented:
            found = {(k[1], k[2]) for k in engine_keys(path.stem)[1]}
            assert found == {expected(path)}, path.name


def test_rudof_version_is_the_one_documented():
    assert f"pyrudof {pyrudof.Rudof(pyrudof.RudofConfig()).get_version()}" in DOC.read_text(
        encoding="utf-8"
    )


def test_the_differences_table_is_read_as_written(tmp_path: Path):
    doc = tmp_path / "validation.md"
    doc.write_text(
        "# V\n\n### Differences between the engines\n\nText.\n\n"
        "| Constraint (fixture) | Only pySHACL | Only rudof | Why |\n|---|---|---|---|\n"
        "| `label--MinCount` | `fx:a iopsh:label sh:MinCount Violation` | — | why |\n"
        "\n## Next\n| `x` | a | b | c |\n",
        encoding="utf-8",
    )
    assert documented_differences(doc) == {
        "label--MinCount": ("`fx:a iopsh:label sh:MinCount Violation`", "—")
    }
