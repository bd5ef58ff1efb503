"""``iopkg extract``: drafts, evaluation against gold, --into-data, bad input."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode
from test_extract_fuzz import quotes_of
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.errors import ExtractError
from iopkg.extract import extract_file
from iopkg.extract.evaluate import evaluate
from iopkg.extract.into_data import add_to_data
from iopkg.extract.turtle import draft_to_turtle, drafts_to_graph
from iopkg.graph import Project, load_store

GOLD = Path(__file__).parent / "extract" / "gold"
SOURCES = sorted((Path(__file__).parents[1] / "data" / "sources").glob("0*.txt"))
runner = CliRunner()


def test_sources_reach_target():
    ev = evaluate([GOLD / "sources"])
    assert len(ev.documents) == 5
    assert ev.overall().f1 >= 0.95


def test_synthetic_set_reaches_target():
    ev = evaluate([GOLD / "synthetic", GOLD / "heldout"])
    assert len(ev.documents) >= 11
    assert ev.overall().f1 >= 0.85


def test_evaluate_command_prints_scores_per_field():
    r = runner.invoke(app, ["extract", "--evaluate", str(GOLD / "sources")])
    assert r.exit_code == 0, r.output
    assert re.search(r"^fundingFlows\s+\d+", r.output, re.M)
    assert re.search(r"^overall\s+\d+\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+\s+[\d.]+", r.output, re.M)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name[:3])
def test_every_quote_is_the_source_text_at_its_offsets(path):
    draft = extract_file(path)
    text = path.read_text(encoding="utf-8")
    g = drafts_to_graph([draft])
    query = (
        "SELECT ?v ?s ?e WHERE { ?q a iop:Quote ; prov:value ?v ; "
        "iop:startOffset ?s ; iop:endOffset ?e }"
    )
    rows = list(g.query(query))
    assert rows
    for v, s, e in rows:
        assert text[int(s) : int(e)] == str(v)


def test_turtle_drafts_load_with_the_project_data(project, tmp_path):
    out = tmp_path / "draft.ttl"
    r = runner.invoke(app, ["extract", *map(str, SOURCES), "-o", str(out)])
    assert r.exit_code == 0, r.output
    store = load_store([project.data_dir, out])
    assert len(store) > 0
    assert "iop:FundingFlow" in out.read_text(encoding="utf-8")


def test_json_lists_fields_and_missing(tmp_path):
    out = tmp_path / "d.json"
    r = runner.invoke(app, ["extract", str(SOURCES[2]), "--format", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    [d] = json.loads(out.read_text(encoding="utf-8"))
    assert d["documentType"]["value"] == "board-report"
    assert {f["amount"] for f in d["fundingFlows"]} == {520000, 400000}
    assert "period" in d["missing"]


def test_bad_bytes_give_one_line_error(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    r = runner.invoke(app, ["extract", str(bad)])
    assert r.exit_code == 2
    assert r.output.strip().count("\n") == 0 and "bad.txt" in r.output


def test_broken_pdf_gives_one_line_error(tmp_path):
    bad = tmp_path / "x.pdf"
    bad.write_bytes(b"%PDF-1.4\nnot really a pdf")
    r = runner.invoke(app, ["extract", str(bad)])
    assert r.exit_code == 2
    assert "x.pdf" in r.output and "Traceback" not in r.output


def _pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws ``content`` (a content stream)."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        xref,
    )


def test_a_pdf_nested_too_deeply_names_the_file(tmp_path):
    """Arrays nested 50 000 deep made pypdf recurse: the one line did not say which file."""
    n = 50_000
    deep = tmp_path / "deep.pdf"
    deep.write_bytes(_pdf(b"BT /F1 12 Tf 72 712 Td " + b"[" * n + b"(Hej)" + b"]" * n + b" TJ ET"))
    r = runner.invoke(app, ["extract", str(deep)])
    assert r.exit_code == 2
    assert r.output.strip() == f"Error: {deep}: cannot read PDF: it is nested too deeply"
    plain = tmp_path / "plain.pdf"  # the same PDF, not nested: read
    plain.write_bytes(_pdf(b"BT /F1 12 Tf 72 712 Td (IOP Lund) Tj ET"))
    assert runner.invoke(app, ["extract", str(plain), "-f", "json"]).exit_code == 0


def _project(tmp_path: Path, real: Project) -> Project:
    root = tmp_path / "proj"
    shutil.copytree(real.root / "ontology", root / "ontology")
    shutil.copytree(real.data_dir, root / "data")
    shutil.copytree(real.shapes_dir, root / "shapes")
    return Project(root)


def test_into_data_refuses_a_draft_that_does_not_load(tmp_path, project):
    proj = _project(tmp_path, project)
    doc = tmp_path / "ny.txt"
    doc.write_text("x", encoding="utf-8")
    with pytest.raises(Exception, match="does not load"):
        add_to_data(proj, doc, "this is not turtle")
    assert not (proj.sources_dir / "ny.txt").exists()


def test_into_data_refuses_a_draft_with_violations_in_one_line(tmp_path, project):
    proj = _project(tmp_path, project)
    doc = tmp_path / "ny.txt"
    doc.write_text("Avtal om IOP. Offentlig part: Socialförvaltningen i Lund\n", encoding="utf-8")
    # fresh drafts leave half-described resources out; a reviewer's edit can still add one
    half = "<https://w3id.org/iopkg/id/agreement/half> a <https://w3id.org/iopkg/def#Agreement> .\n"
    with pytest.raises(Exception, match=r"does not validate \(\d+ violations\)") as err:
        add_to_data(proj, doc, draft_to_turtle([extract_file(doc)]) + half)
    assert "\n" not in str(err.value)
    assert not (proj.data_dir / "drafts").exists()
    assert not (proj.sources_dir / "ny.txt").exists()


def _reviewed(project: Project) -> str:
    """A reviewed draft: an existing agreement under new IRIs, so it must validate as the data
    does."""
    return (
        (project.data_dir / "agreements" / "lund-kompis-sverige-2019.ttl")
        .read_text(encoding="utf-8")
        .replace("lund-kompis-sverige-2019", "lund-kompis-sverige-2019-review")
    )


def test_into_data_adds_a_reviewed_draft_that_validates(tmp_path, project):
    proj = _project(tmp_path, project)
    doc = tmp_path / "ny.txt"
    doc.write_text("Avtal om IOP.\n", encoding="utf-8")
    reviewed = _reviewed(project)
    res = add_to_data(proj, doc, reviewed)
    assert res.draft_path.read_text(encoding="utf-8") == reviewed
    assert res.source_path.read_text(encoding="utf-8") == doc.read_text(encoding="utf-8")
    store = load_store([proj.data_dir], project=proj)
    assert len(list(store.quads_for_pattern(None, None, None))) > 0


def test_drafts_use_only_terms_the_ontology_declares(project):
    from rdflib import Graph
    from rdflib.namespace import RDF

    from iopkg.namespaces import IOP

    onto = Graph().parse(project.root / "ontology" / "iop.ttl")
    declared = {s for s in onto.subjects() if str(s).startswith(str(IOP))}
    g = drafts_to_graph([extract_file(p) for p in SOURCES])
    used = {p for p in g.predicates() if str(p).startswith(str(IOP))}
    used |= {o for o in g.objects(None, RDF.type) if str(o).startswith(str(IOP))}
    assert used and used <= declared, used - declared


def test_draft_of_a_known_source_adds_no_second_label(project):
    from rdflib.namespace import PROV, RDFS

    d = extract_file(SOURCES[0])
    g = drafts_to_graph([d], frozenset({d.source}))
    [src] = set(g.objects(None, PROV.wasQuotedFrom))
    assert not list(g.objects(src, RDFS.label))
    fresh = drafts_to_graph([d])
    assert len(list(fresh.objects(src, RDFS.label))) == 2


def test_into_data_never_replaces_a_draft_already_added(tmp_path, project):
    """A reviewer's edited draft was overwritten by the next --into-data of a document with the
    same stem (avtal.html after avtal.txt), or of the same document again."""
    proj = _project(tmp_path, project)
    doc = tmp_path / "ny.txt"
    doc.write_text("Avtal om IOP.\n", encoding="utf-8")
    reviewed = _reviewed(project)
    first = add_to_data(proj, doc, reviewed)
    assert add_to_data(proj, doc, reviewed).draft_path == first.draft_path  # the same: no harm
    other = tmp_path / "ny.html"
    other.write_text("<p>Avtal om IOP.</p>\n", encoding="utf-8")
    fresh = draft_to_turtle([extract_file(other)])
    for document in (doc, other):
        with pytest.raises(ExtractError, match="already in data/drafts/"):
            add_to_data(proj, document, fresh)
    assert first.draft_path.read_text(encoding="utf-8") == reviewed
    assert not (proj.sources_dir / "ny.html").exists()


def test_into_data_again_after_the_source_text_went_missing(tmp_path, project):
    """The same draft added again after its copy in data/sources/ was deleted failed to
    validate: the draft already in data/ and the same draft as the candidate were loaded
    together, so every blank node counted twice. The draft is left as it is and its source
    text put back."""
    proj = _project(tmp_path, project)
    doc = tmp_path / "ny.txt"
    doc.write_text("Avtal om IOP.\n", encoding="utf-8")
    reviewed = _reviewed(project)
    first = add_to_data(proj, doc, reviewed)
    first.source_path.unlink()
    again = add_to_data(proj, doc, reviewed)
    assert again.draft_path.read_text(encoding="utf-8") == reviewed
    assert again.source_path.read_bytes() == doc.read_bytes()


def test_a_document_name_an_iri_cannot_hold(tmp_path):
    """A document named 'avtal nr #2 (Lund) 100%.txt' crashed the Turtle draft: its name went
    into the source's IRI as it was."""
    doc = tmp_path / "avtal nr #2 (Lund) 100%.txt"
    shutil.copyfile(SOURCES[0], doc)
    out = tmp_path / "draft.ttl"
    r = runner.invoke(app, ["extract", str(doc), "-o", str(out)])
    assert r.exit_code == 0, r.output
    store = load_store([out], include_ontology=False, include_reference=False, cache=False)
    ident = "http://purl.org/dc/terms/identifier"
    named = {
        q.subject.value: q.object.value
        for q in store.quads_for_pattern(None, NamedNode(ident), None)
    }
    assert named == {
        "https://w3id.org/iopkg/id/source/avtal%20nr%20%232%20(Lund)%20100%25": doc.name
    }


def test_html_is_read_as_a_reader_sees_it(tmp_path):
    """An .html document was read with its markup: a script's text gave facts (a municipality,
    money) that no reader of the page sees. Tags, scripts, styles and comments are blanked
    out, so the words keep their offsets in the file."""
    text = SOURCES[0].read_text(encoding="utf-8")
    hidden = (
        "<script>var x = 'IOP mellan Danderyds kommun och Röda Korset, 999 999 kronor';</script>"
        "<style>p::after { content: 'Danderyds kommun' }</style><!-- Danderyds kommun -->"
    )
    body = "".join(f'<p class="rad">{line}</p>\n' for line in text.splitlines())
    page = tmp_path / "avtal.html"
    page.write_text(f"<html><head>{hidden}</head><body>{body}</body></html>\n", encoding="utf-8")
    raw = page.read_text(encoding="utf-8")
    r = runner.invoke(app, ["extract", str(page), "-f", "json"])
    assert r.exit_code == 0, r.output
    draft = json.loads(r.output)[0]
    assert draft["municipality"]["name"] == "Lund"
    assert "Danderyd" not in r.output and "999 999" not in r.output

    found = list(quotes_of(draft))
    assert len(found) > 10
    for q in found:  # at its offsets in the file, or across a tag blanked out
        assert raw[q["start"] : q["end"]] == q["text"] or "<" in raw[q["start"] : q["end"]]


def test_html_character_references_are_read_as_the_characters_they_stand_for(tmp_path):
    """An HTML page writes "500&nbsp;000 kronor" and "Sm&aring;land": read with its character
    references as they were, the amounts were no amounts and the names broken. The page gives
    the draft the text of the same agreement gives."""
    text = SOURCES[0].read_text(encoding="utf-8")
    coded = re.sub(r"(?<=\d) (?=\d{3}\b)", "&nbsp;", text)
    coded = coded.replace("ö", "&ouml;").replace("å", "&aring;").replace("ä", "&#228;")
    assert "&nbsp;" in coded and "&ouml;" in coded
    body = "".join(f"<p>{line}</p>\n" for line in coded.splitlines())
    page = tmp_path / "avtal.html"
    page.write_text(f"<html><body>{body}</body></html>\n", encoding="utf-8")
    plain, read = (
        json.loads(runner.invoke(app, ["extract", str(p), "-f", "json"]).output)[0]
        for p in (SOURCES[0], page)
    )
    flows = [[(f["amount"], f["funder"]) for f in d["fundingFlows"]] for d in (plain, read)]
    assert flows[0] and flows[1] == flows[0]
    names = [sorted(p["name"] for p in d["ideaParties"]) for d in (plain, read)]
    assert names[0] and names[1] == names[0]
    assert read["municipality"]["name"] == plain["municipality"]["name"]
