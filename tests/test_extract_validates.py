"""Turtle drafts validate against the project's shapes, stating only what their text says.

Drafts are validated together with ``data/``: a draft of one of the five source documents names
the document's existing node (``id:source/000_...``, described in ``data/documents.ttl``), and
drafts link to municipalities of ``data/reference`` and to the vocabularies in ``data/vocab``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.extract import extract_file
from iopkg.extract.core import extract_text
from iopkg.extract.model import RecipientKind
from iopkg.extract.turtle import draft_to_turtle, left_out
from iopkg.graph import Project
from iopkg.namespaces import ID, IOP
from iopkg.shacl.validate import Severity, validate

ROOT = Path(__file__).parents[1]
SOURCES = sorted((ROOT / "data" / "sources").glob("0*.txt"))
SYNTHETIC = sorted((ROOT / "tests" / "extract" / "docs").glob("*/[sh]*.txt"))
KNOWN = frozenset(p.name for p in (ROOT / "data" / "sources").glob("*"))


def _violations(project: Project, turtle: str, tmp_path: Path) -> list[str]:
    draft = tmp_path / "draft.ttl"
    draft.write_text(turtle, encoding="utf-8")
    report = validate([project.data_dir, draft], project=project, min_severity=Severity.VIOLATION)
    return [f"{r.focus_node} {r.path}: {r.message()}" for r in report.results]


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name[:3])
def test_source_drafts_validate_with_the_data(project, tmp_path, path):
    turtle = draft_to_turtle([extract_file(path)], KNOWN)
    assert _violations(project, turtle, tmp_path) == []


@pytest.mark.parametrize("path", SYNTHETIC, ids=lambda p: p.stem[:3])
def test_drafts_of_new_documents_validate_with_the_data(project, tmp_path, path):
    turtle = draft_to_turtle([extract_file(path)])
    assert _violations(project, turtle, tmp_path) == []


def test_agreement_drafts_keep_their_agreement_and_money(project):
    # validating must not come from leaving everything out: the four documents that give an
    # agreement's title, activity, period, parties and municipality keep it, with funding
    g = Graph().parse(data=draft_to_turtle([extract_file(p) for p in SOURCES], KNOWN))
    agreements = set(g.subjects(RDF.type, IOP.Agreement))
    assert len(agreements) == 4
    assert len(set(g.subjects(RDF.type, IOP.FundingFlow))) == 6
    assert len(set(g.subjects(RDF.type, IOP.InKindContribution))) == 18


def test_every_drafted_resource_cites_its_words(project):
    # nothing in a draft is invented: each drafted resource is derived from a quote of its text
    drafts = [extract_file(p) for p in [*SOURCES, *SYNTHETIC]]
    g = Graph().parse(data=draft_to_turtle(drafts))
    drafted = {
        s for s in g.subjects(RDF.type, None)
        if isinstance(s, URIRef) and "/draft/" in str(s) and "/quote/" not in str(s)
    }  # fmt: skip
    assert drafted
    assert [s for s in drafted if (s, PROV.wasDerivedFrom, None) not in g] == []


def test_a_fact_the_text_does_not_give_is_left_out_and_reported():
    text = (
        "Överenskommelse om idéburet offentligt partnerskap avseende verksamheten Träffpunkten\n\n"
        "Parter: Lunds kommun och Föreningen Exempel (org.nr 802000-0009).\n\n"
        "Kommunen betalar 100 000 kr per år.\n"
    )
    d = extract_text(text, "x.txt")
    assert d.funding_flows and d.funding_flows[0].recipient is None
    notes = left_out(d)
    assert any(n.startswith("agreement:") and "period" in n for n in notes)
    assert any(n.startswith("fundingFlows[1]:") and "recipient" in n for n in notes)
    turtle = draft_to_turtle([d])
    assert "iop:FundingFlow" not in turtle and "# left out of the draft of x.txt" in turtle


def test_recipient_named_after_till_is_the_organisation():
    text = (
        "Överenskommelse om IOP mellan Lunds kommun och Föreningen Exempel.\n\n"
        "Socialförvaltningen ansvarar för upplåtelse av lokal till Föreningen Exempel.\n"
    )
    d = extract_text(text, "x.txt")
    kinds = [(k.recipient.kind, k.recipient.name) for k in d.in_kind if k.recipient]
    assert (RecipientKind.organisation, "Föreningen Exempel") in kinds


def test_json_reports_what_the_turtle_leaves_out(tmp_path):
    out = tmp_path / "d.json"
    r = CliRunner().invoke(app, ["extract", str(SOURCES[2]), "-f", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    d = json.loads(out.read_text(encoding="utf-8"))[0]
    assert any(x.startswith("agreement:") for x in d["leftOutOfTurtle"])


def test_into_data_adds_a_fresh_draft_of_a_synthetic_document(tmp_path, project, monkeypatch):
    root = tmp_path / "proj"
    for part in ("ontology", "data", "shapes"):
        shutil.copytree(project.root / part, root / part)
    monkeypatch.setenv("IOPKG_HOME", str(root))
    doc = ROOT / "tests" / "extract" / "docs" / "synthetic" / "s01-avtal-numrerat.txt"
    r = CliRunner().invoke(app, ["extract", str(doc), "--into-data"])
    assert r.exit_code == 0, r.output
    added = root / "data" / "drafts" / "s01-avtal-numrerat.ttl"
    assert (root / "data" / "sources" / doc.name).read_bytes() == doc.read_bytes()
    g = Graph().parse(added)
    agreement = ID["agreement/draft/s01-avtal-numrerat"]
    assert (agreement, RDF.type, IOP.Agreement) in g
    assert set(g.subjects(RDF.type, IOP.FundingFlow))
    report = validate([root / "data"], project=Project(root), min_severity=Severity.VIOLATION)
    assert not report.has_at_least(Severity.VIOLATION)  # the project's Warnings remain
