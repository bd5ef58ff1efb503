"""Group 1 of issue 9: broken, odd or huge input files give one-line errors naming the place."""

from __future__ import annotations

import pytest
from hostile import PREFIXES, assert_error, cli, run_measured

from iopkg.errors import DataLoadError
from iopkg.graph import load_store

MALFORMED = {
    "bad.ttl": ('@prefix ex: <http://e/> .\nex:a ex:b ex:c ;\n  ex:d "x .\n', "3:8"),
    "bad.jsonld": ('{"@id": "http://e/a",\n "http://e/p": [1,\n', "3:1"),
    "bad.rdf": (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        '22-rdf-syntax-ns#">\n<rdf:Description rdf:about="http://e/a"><x>\n</rdf:RDF>\n',
        "4:3",
    ),
    "truncated.rdf": (
        '<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
        '22-rdf-syntax-ns#">\n<rdf:Description rdf:about="http://e/a">\n',
        "4:1",
    ),
}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_file_names_file_line_and_column(tmp_path, name):
    text, where = MALFORMED[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for command in ("info", "validate", "export"):
        line = assert_error(cli(command, path), f"{path}:{where}: ", "syntax error")
    assert line.count("\n") == 0


def test_empty_file_is_an_empty_graph_not_an_error(tmp_path):
    path = tmp_path / "empty.ttl"
    path.write_bytes(b"")
    assert len(load_store([path], include_ontology=False)) == 0
    result = cli("info", path)
    assert result.exit_code == 0 and "Agreements (0)" in result.stdout


def test_not_utf8_names_the_place(tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes('@prefix ex: <http://e/> .\nex:a ex:b "café" .\n'.encode("latin-1"))
    assert_error(cli("info", path), f"{path}:2:", "UTF-8")


def test_byte_order_mark_is_skipped(tmp_path):
    path = tmp_path / "bom.ttl"
    path.write_bytes(b"\xef\xbb\xbf" + PREFIXES.encode() + b'id:x rdfs:label "bom" .\n')
    store = load_store([path], include_ontology=False)
    assert [q.object.value for q in store] == ["bom"]
    assert cli("info", path).exit_code == 0


def test_directory_where_a_file_is_expected(tmp_path):
    folder = tmp_path / "out.ttl"
    folder.mkdir()
    assert_error(cli("export", "-o", folder), str(folder), "is a folder")
    assert_error(cli("query", "run", "agreements", "-o", folder), str(folder), "is a folder")
    assert_error(cli("validate", "-o", folder), str(folder), "is a folder")
    rq = tmp_path / "q.rq"
    rq.mkdir()
    assert_error(cli("query", "run", rq), str(rq))
    with pytest.raises(DataLoadError, match="is a folder"):
        from iopkg.graph import load_file

        load_file(load_store(include_ontology=False, paths=[]), folder)


def test_missing_file(tmp_path):
    missing = tmp_path / "missing.ttl"
    for command in ("info", "validate", "export", "network", "run"):
        assert_error(cli(command, missing), str(missing), "no such file")
    assert_error(cli("validate", "--shapes", missing), str(missing))
    assert_error(cli("query", "run", tmp_path / "missing.rq"), "missing.rq")


def test_unknown_extension(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n", encoding="utf-8")
    assert_error(cli("info", path), str(path), "unknown RDF file extension '.csv'", ".ttl")


def test_hundred_megabyte_literal_is_refused_in_bounded_memory(tmp_path):
    path = tmp_path / "big.ttl"
    chunk = "x" * 1_000_000
    with path.open("w", encoding="utf-8") as f:
        f.write('<http://e/a> <http://e/p> "')
        for _ in range(100):
            f.write(chunk)
        f.write('" .\n')
    assert path.stat().st_size > 100_000_000
    # A subprocess, so that its peak memory is its own: Oxigraph stops at a 16 MiB token.
    proc, peak = run_measured("info", path)
    assert proc.returncode == 2, proc.stderr
    assert peak < 400_000_000, peak
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == [proc.stderr.strip()]
    assert f"{path}: a single token is too large" in proc.stderr


def test_a_million_prefixes_load(tmp_path):
    path = tmp_path / "prefixes.ttl"
    with path.open("w", encoding="utf-8") as f:
        for i in range(1_000_000):
            f.write(f"@prefix p{i}: <http://e/{i}#> .\n")
        f.write("p1:a p999999:b p2:c .\n")
    store = load_store([path], include_ontology=False)
    assert [(q.subject.value, q.predicate.value) for q in store] == [
        ("http://e/1#a", "http://e/999999#b")
    ]


@pytest.mark.parametrize(
    "name,text",
    [
        ("space.ttl", PREFIXES + "id:a rdfs:seeAlso <http://e/a b> .\n"),
        ("space.nt", '<http://e/a b> <http://e/p> "x" .\n'),
    ],
)
def test_iri_with_a_space(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert_error(cli("info", path), f"{path}:", "Invalid IRI code point ' '")


def test_invalid_typed_literals_load_and_validation_reports_them(tmp_path):
    from iopkg.shacl.validate import validate

    path = tmp_path / "typed.ttl"
    path.write_text(
        PREFIXES
        + """
id:hostile-agreement a iop:Agreement ; iop:documentDate "2019-02-30"^^xsd:date .
id:hostile-amount a schema:MonetaryAmount ; schema:value "abc"^^xsd:decimal ;
    schema:currency "SEK" .
id:negative-amount a schema:MonetaryAmount ; schema:value -5.0 ; schema:currency "SEK" .
""",
        encoding="utf-8",
    )
    assert len(load_store([path], include_ontology=False)) == 8  # load keeps them as written
    found = {(r.constraint, r.focus_node.rsplit("/", 1)[-1]) for r in validate([path]).results}
    assert (
        ("iopsh:Agreement-documentDate", "sh:DatatypeConstraintComponent"),
        "hostile-agreement",
    ) in found
    assert (
        ("iopsh:MonetaryAmount-value", "sh:DatatypeConstraintComponent"),
        "hostile-amount",
    ) in found
    assert (
        ("iopsh:MonetaryAmount-positive", "sh:MinExclusiveConstraintComponent"),
        "negative-amount",
    ) in found
    assert cli("validate", path).exit_code == 1


def test_duplicate_agreement_with_another_amount_is_flagged(tmp_path):
    from iopkg.graph import default_project

    path = tmp_path / "dup.ttl"
    path.write_text(
        PREFIXES
        + """
id:agreement\\/lund-radrum-2019-copy a iop:Agreement ; schema:startDate "2019-07-01"^^xsd:date ;
    iop:publicParty id:unit\\/lund-socialforvaltningen ;
    iop:ideaBasedParty id:org\\/individuell-manniskohjalp .
""",
        encoding="utf-8",
    )
    result = cli("validate", default_project().data_dir, path, "--fail-on", "warning")
    assert result.exit_code == 1
    assert "The same agreement is there twice" in result.stdout
    assert "lund-radrum-2019-copy" in result.stdout
