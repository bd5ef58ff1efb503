"""The W3C SHACL test suite (core and SPARQL) through ``iopkg validate``, with each engine.

Every ``sht:Validate`` entry of ``../shared/reference/w3c-shacl-tests`` (files as they are;
relative IRIs resolve against the file's URL) becomes one test per engine: the report must give
the expected ``conforms`` and the expected results (focus node, path, value, constraint component,
severity; compared as sets, see :mod:`iopkg.shacl.w3c`); a test whose expected result is
``sht:Failure`` must make ``iopkg validate`` refuse the shapes with one line and exit 2. Where
iopkg cannot give the expected report for a reason outside its own code, :data:`KNOWN` pins the
exact wrong answer (docs/validation.md, "W3C SHACL test suite", says why), so a change in it fails.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.shacl.sparql_rules import forbidden, unbound_unsafe
from iopkg.shacl.validate import Engine
from iopkg.shacl.w3c import Outcome, W3cTest, markdown_table, read_suite, run_test

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT.parent / "shared" / "reference" / "w3c-shacl-tests"
MISSING = (
    f"the W3C SHACL test suite is missing: expected {SUITE} (shared/reference/w3c-shacl-tests "
    "beside the clone, as in CI)"
)

_I = "http://example.org/shacl-test/i"
_DT = ("<http://example.org/shacl-test/p>", "sh:DatatypeConstraintComponent", "Violation")


def _dt(value: str) -> tuple:
    return (_I, _DT[0], value, _DT[1], _DT[2])


#: (test, engine) -> the exact wrong outcome: (conforms, results) or ("refused", text in error).
KNOWN: dict[tuple[str, Engine], tuple] = {
    # Oxigraph's store keeps literals in canonical form and reads "300"^^xsd:byte (out of
    # range) as "300"^^xsd:integer: the violation is found, its value has the wrong datatype.
    **{
        ("core/property/datatype-ill-formed", e): (
            False,
            {_dt('"300"^^xsd:integer'), _dt('"55"^^xsd:integer'), _dt('"c"^^xsd:byte')},
        )
        for e in Engine
    },
    # rdflib reads the shapes and turns "1"^^xsd:boolean into "true"; sh:uniqueLang "1" (which
    # SHACL ignores) then acts as sh:uniqueLang true. Plain pySHACL fails this test too.
    **{
        ("core/property/uniqueLang-002", e): (
            False,
            {
                (
                    _I,
                    "<http://example.org/shacl-test/message>",
                    None,
                    "sh:UniqueLangConstraintComponent",
                    "Violation",
                )
            },
        )
        for e in Engine
    },
    # $shapesGraph: pySHACL does not implement it, and the fast engine leaves such queries to
    # pySHACL; iopkg refuses the shapes (one line, exit 2) instead of answering wrongly.
    **{("sparql/pre-binding/shapesGraph-001", e): ("refused", "$shapesGraph") for e in Engine},
}


def _suite() -> list[W3cTest]:
    return read_suite(SUITE) if (SUITE / "manifest.ttl").is_file() else []


TESTS = _suite()
CASES = [pytest.param(t, e, id=f"{t.name}[{e.value}]") for t in TESTS for e in Engine] or [
    pytest.param(None, None, id="suite-missing")
]


@cache
def outcome(test: W3cTest, engine: Engine) -> Outcome:
    logging.disable(logging.CRITICAL)  # rdflib logs every ill-typed literal it reads
    try:
        return run_test(test, engine)
    finally:
        logging.disable(logging.NOTSET)


def test_the_suite_is_there_and_complete():
    assert SUITE.is_dir(), MISSING
    assert len(TESTS) == 121, "the core and SPARQL manifests hold 121 sht:Validate tests"
    assert sum(t.failure for t in TESTS) == 7


@pytest.mark.parametrize(("test", "engine"), CASES)
def test_w3c(test: W3cTest | None, engine: Engine | None) -> None:
    if test is None or engine is None:
        pytest.fail(MISSING)
    if test.failure:
        _refused_by_cli(test, engine)
        return
    got = outcome(test, engine)
    known = KNOWN.get((test.name, engine))
    if known is None:
        assert got.error is None, got.error
        assert got.conforms == test.conforms
        assert got.results == test.results, (
            f"missing {sorted(test.results - got.results, key=str)}; "
            f"unexpected {sorted(got.results - test.results, key=str)}"
        )
        assert got.passed
    elif known[0] == "refused":
        assert got.error is not None and known[1] in got.error and "\n" not in got.error
        _refused_by_cli(test, engine)
    else:
        assert (got.conforms, got.results) == known and not got.passed


def _refused_by_cli(test: W3cTest, engine: Engine) -> None:
    args = ["validate", str(test.data), "--shapes", str(test.shapes), "--engine", engine.value]
    result = CliRunner().invoke(app, args)
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert "Traceback" not in result.output


def test_fast_engine_never_answers_for_a_shape_it_does_not_understand():
    """SHACL-SPARQL that needs pre-bound $this and SPARQL-based components go to pySHACL."""
    assert TESTS, MISSING
    by_name = {t.name: t for t in TESTS}
    for name in [
        *(f"sparql/pre-binding/pre-binding-00{i}" for i in (1, 2, 3, 4, 5, 7)),
        "sparql/component/validator-001",
        "sparql/component/nodeValidator-001",
    ]:
        got = outcome(by_name[name], Engine.FAST)
        assert got.fallback and got.passed, name


def test_docs_hold_the_current_table():
    """docs/validation.md shows what scripts/w3c_shacl_report.py prints."""
    assert TESTS, MISSING
    table = markdown_table([outcome(t, e) for t in TESTS for e in Engine])
    docs = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    assert table in docs, f"update docs/validation.md with:\n{table}"


@pytest.mark.parametrize(
    ("query", "safe"),
    [
        ("SELECT $this ?value WHERE { $this <p> ?value . FILTER (?value != $this) }", True),
        ("SELECT $this WHERE { $this <p> ?v . FILTER NOT EXISTS { ?c <q> $this } }", True),
        (
            "SELECT $this ?value WHERE { $this <p> ?a . "
            "{ $this <q> ?value } UNION { $this <r> ?value } }",
            True,
        ),
        ("SELECT $this WHERE { $this <p> ?v . BIND ($this AS ?that) }", True),
        ("SELECT $this WHERE { BIND ($this AS ?that) . $this <p> ?v }", False),
        ("SELECT $this WHERE { FILTER ($this = <x>) }", False),
        ("SELECT $this WHERE { { FILTER (bound($this)) } $this <p> 'Label' }", False),
        ("SELECT $this WHERE { { SELECT $this WHERE { FILTER ($this = <x>) } } }", False),
        ("SELECT $this WHERE { ?x <p> '$this' }", False),  # in a string: not a variable
    ],
)
def test_when_the_fast_engine_may_run_a_query_with_this_unbound(query: str, safe: bool) -> None:
    assert (unbound_unsafe(query) is None) is safe


@pytest.mark.parametrize(
    ("query", "why"),
    [
        ("SELECT $this WHERE { $this ?p ?o MINUS { $this ?p 1 } }", "MINUS"),
        ("SELECT $this WHERE { VALUES ?o { 1 } $this ?p ?o }", "VALUES"),
        ("SELECT $this WHERE { SERVICE <http://x> { $this ?p ?o } }", "SERVICE"),
        ("SELECT $this WHERE { { SELECT ?o WHERE { ?s ?p ?o } } $this ?p ?o }", "nested SELECT"),
        ("ASK { BIND (1 AS ?value) }", "AS $value"),
        ("SELECT $this WHERE { $this <p> 'MINUS VALUES' } # SERVICE", None),
        ("SELECT $this WHERE { { SELECT $this ?o WHERE { $this ?p ?o } } }", None),
    ],
)
def test_sparql_that_shacl_forbids(query: str, why: str | None) -> None:
    got = forbidden(query)
    assert (got is None) if why is None else (got is not None and why in got)
