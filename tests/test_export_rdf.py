"""``iopkg export`` in the RDF formats: read-back, determinism, prefixes, named graphs, JSON-LD
context, personal data, atomic writes and errors."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.export.rdf import CONTEXT_FILE, build_context, export_rdf, write_from_ntriples
from iopkg.formats import RdfFormat
from iopkg.graph import load_dataset, load_store

runner = CliRunner()
ID = "https://w3id.org/iopkg/id/"
VCARD_FN = "http://www.w3.org/2006/vcard/ns#fn"


@pytest.fixture(scope="module")
def dataset() -> ox.Store:
    return load_dataset()


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    return Literal(
        term.value,
        lang=term.language,
        datatype=None if term.language else URIRef(term.datatype.value),
        normalize=False,
    )


def _graphs(quads, keep_graphs: bool) -> dict[str, Graph]:
    out: dict[str, Graph] = {}
    for q in quads:
        name = (
            ""
            if not keep_graphs or isinstance(q.graph_name, ox.DefaultGraph)
            else q.graph_name.value
        )
        out.setdefault(name, Graph()).add(
            (_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object))
        )
    return out


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_every_format_reads_back_to_an_isomorphic_graph(dataset, fmt):
    data = export_rdf(dataset, fmt)
    back = _graphs(ox.parse(data, format=fmt.ox), fmt.is_quads)
    original = _graphs(dataset.quads_for_pattern(None, None, None, None), fmt.is_quads)
    assert sorted(back) == sorted(original)
    for name, graph in original.items():
        assert isomorphic(graph, back[name]), (fmt, name)


def test_quad_formats_keep_one_named_graph_per_file(dataset, project):
    data = export_rdf(dataset, RdfFormat.TRIG).decode()
    assert "graph:data\\/agreements\\/lund-radrum-2019 {" in data
    names = {q.graph_name.value for q in ox.parse(data.encode(), format=ox.RdfFormat.TRIG)}
    files = [p for p in (project.data_dir).rglob("*.ttl") if "personal" not in p.parts]
    assert len(names) == len(files) + 1  # + ontology/iop


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_two_exports_of_the_same_graph_are_byte_identical(fmt):
    assert export_rdf(load_dataset(), fmt) == export_rdf(load_dataset(), fmt)


def test_bytes_do_not_depend_on_the_process(tmp_path):
    code = (
        "import sys, hashlib; from iopkg.export.rdf import export_rdf; "
        "from iopkg.graph import load_dataset; from iopkg.formats import RdfFormat; "
        "s = load_dataset(); print([hashlib.sha256(export_rdf(s, f)).hexdigest() "
        "for f in RdfFormat])"
    )
    outs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outs) == 1


def test_prefixes_come_from_the_namespaces_module(dataset):
    ttl = export_rdf(dataset, RdfFormat.TURTLE).decode()
    assert "@prefix iop: <https://w3id.org/iopkg/def#> ." in ttl
    assert "id:agreement\\/lund-radrum-2019 a iop:Agreement" in ttl


def test_jsonld_uses_the_shipped_context_with_short_keys(dataset):
    doc = json.loads(export_rdf(dataset, RdfFormat.JSONLD))
    shipped = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    assert doc["@context"] == shipped["@context"]
    radrum = next(n for n in doc["@graph"] if n["@id"] == ID + "agreement/lund-radrum-2019")
    assert radrum["@type"] == "Agreement"
    assert radrum["publicParty"] == ID + "unit/lund-socialforvaltningen"
    # rdflib reads it too, to the same number of triples
    assert len(Graph().parse(data=json.dumps(doc), format="json-ld")) == len(
        {q.triple for q in dataset}
    )


def test_shipped_context_matches_the_ontology():
    shipped = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))
    assert shipped == build_context(load_store(paths=[])), "run scripts/build_context.py"


def _persons(project) -> tuple[list[str], list[str]]:
    store = ox.Store()
    store.load(path=str(project.data_dir / "personal" / "persons.ttl"), format=ox.RdfFormat.TURTLE)
    names = [q.object.value for q in store.quads_for_pattern(None, ox.NamedNode(VCARD_FN), None)]
    mails = [
        q.object.value.removeprefix("mailto:")
        for q in store.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/2006/vcard/ns#hasEmail"), None
        )
    ]
    return names, mails


@pytest.mark.parametrize("fmt", ["turtle", "nquads", "jsonld", "rdfxml"])
def test_personal_data_only_with_the_flag(project, fmt):
    names, mails = _persons(project)
    assert len(names) == 15 and len(mails) == 5
    plain = runner.invoke(app, ["export", "--format", fmt])
    assert plain.exit_code == 0
    assert "vcard:fn" not in plain.stdout and VCARD_FN not in plain.stdout
    assert not [x for x in names + mails if x in plain.stdout]
    full = runner.invoke(app, ["export", "--format", fmt, "--include-personal-data"])
    assert full.exit_code == 0
    assert all(x in full.stdout for x in names + mails)


def test_cli_writes_a_file_equal_to_stdout(tmp_path):
    out = tmp_path / "x.nt"
    assert runner.invoke(app, ["export", "-f", "ntriples", "-o", str(out)]).exit_code == 0
    stdout = runner.invoke(app, ["export", "-f", "ntriples"]).stdout_bytes
    assert out.read_bytes() == stdout
    assert [p.name for p in tmp_path.iterdir()] == ["x.nt"]  # no temp file left behind


def test_missing_folder_is_a_one_line_error_with_exit_2(tmp_path):
    result = runner.invoke(app, ["export", "-o", str(tmp_path / "no" / "x.ttl")])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0
    assert result.output.startswith("Error: ") and "does not exist" in result.output


def test_a_folder_as_output_file_is_an_error(tmp_path):
    result = runner.invoke(app, ["export", "-o", str(tmp_path)])
    assert result.exit_code == 2 and "is a folder" in result.output


def test_unwritable_path_is_an_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(app, ["export", "-o", str(blocker / "x.ttl")])
    assert result.exit_code == 2 and result.output.startswith("Error: ")


def test_existing_output_is_not_truncated_when_the_write_fails(tmp_path, monkeypatch):
    out = tmp_path / "x.ttl"
    out.write_bytes(b"old content")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    result = runner.invoke(app, ["export", "-o", str(out)])
    assert result.exit_code == 2 and "No space left" in result.output
    assert out.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["x.ttl"]


def test_network_option_does_not_go_with_rdf():
    result = runner.invoke(app, ["export", "-f", "turtle", "--network", "funding"])
    assert result.exit_code == 2 and "--network does not go with" in result.output


def _hard_graph() -> ox.Store:
    """Blank nodes nested, in a list, pointing at each other and alone; typed, language and
    ill-typed literals."""
    s = ox.Store()
    e, rdf = "http://e/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    a, p, q = ox.NamedNode(e + "a"), ox.NamedNode(e + "p"), ox.NamedNode(e + "q")
    b1, b2, l1, l2, lone = (ox.BlankNode() for _ in range(5))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for t in [
        (a, p, b1),
        (b1, q, b2),
        (b2, q, ox.Literal("3", datatype=ox.NamedNode(xsd + "integer"))),
        (b2, p, b1),
        (a, q, l1),
        (l1, ox.NamedNode(rdf + "first"), ox.Literal("x", language="sv")),
        (l1, ox.NamedNode(rdf + "rest"), l2),
        (l2, ox.NamedNode(rdf + "first"), ox.NamedNode(e + "c")),
        (l2, ox.NamedNode(rdf + "rest"), ox.NamedNode(rdf + "nil")),
        (lone, p, ox.Literal("yes", datatype=ox.NamedNode(xsd + "boolean"))),
        (a, ox.NamedNode(rdf + "type"), ox.NamedNode(e + "C")),
        (a, p, ox.Literal("2.5e0", datatype=ox.NamedNode(xsd + "double"))),
    ]:
        s.add(ox.Quad(*t))
    return s


@pytest.mark.parametrize("fmt", [RdfFormat.TURTLE, RdfFormat.JSONLD, RdfFormat.NTRIPLES])
@pytest.mark.parametrize("which", ["shipped", "hard"])
def test_a_format_made_from_the_ntriples_dump_has_the_same_bytes(dataset, fmt, which, tmp_path):
    store = dataset if which == "shipped" else _hard_graph()
    nt = tmp_path / "g.nt"
    nt.write_bytes(export_rdf(store, RdfFormat.NTRIPLES))
    out = io.BytesIO()
    written = write_from_ntriples(nt, fmt, out)
    assert out.getvalue() == export_rdf(store, fmt)
    assert written == len(out.getvalue())


def test_a_quad_format_cannot_be_made_from_ntriples(tmp_path):
    nt = tmp_path / "g.nt"
    nt.write_bytes(b"")
    with pytest.raises(ValueError, match="no graphs"):
        write_from_ntriples(nt, RdfFormat.NQUADS, io.BytesIO())


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64])
def test_blank_subjects_offset_finds_the_first_blank_subject_across_chunks(tmp_path, chunk):
    from iopkg.export.rdf import _blank_subjects_offset

    head = b'<http://e/a> <http://e/p> "x\\n_:y" .\n<http://e/a> <http://e/p> _:c .\n'
    tail = b'_:c <http://e/p> "z" .\n'
    f = tmp_path / "g.nt"
    f.write_bytes(head + tail)
    assert _blank_subjects_offset(f, chunk) == len(head)
    f.write_bytes(head)
    assert _blank_subjects_offset(f, chunk) == len(head)  # none: the end of the file
    f.write_bytes(tail)
    assert _blank_subjects_offset(f, chunk) == 0


def test_ntriples_text_is_oxigraphs_serialisation_of_the_canonical_triples():
    from iopkg.export.rdf import canonical_triples

    s = ox.Store()
    e = "http://e/"
    texts = [
        "a\nb",
        'q"uote',
        "back\\slash",
        "tab\t",
        "\x01ctl",
        "å ü 😀",
        "\u2028",
        "cr\r",
        "\x7f",
    ]
    for i, v in enumerate(texts):
        for lit in (
            ox.Literal(v),
            ox.Literal(v, language="sv-SE"),
            ox.Literal(v, datatype=ox.NamedNode(e + "dt")),
        ):
            s.add(ox.Quad(ox.NamedNode(e + "s"), ox.NamedNode(e + f"p{i}"), lit))
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    s.add(ox.Quad(ox.BlankNode(), rdf_type, ox.NamedNode("http://e/ü%20x")))
    s.add(
        ox.Quad(
            ox.NamedNode(e + "g"), ox.NamedNode(e + "p"), ox.Literal("x"), ox.NamedNode(e + "G")
        )
    )
    expected = ox.serialize(canonical_triples(s), format=ox.RdfFormat.N_TRIPLES)
    assert export_rdf(s, RdfFormat.NTRIPLES) == expected
    assert expected.count(b"\n") == 3 * len(texts) + 2
