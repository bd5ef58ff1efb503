"""Round trip: the shipped data -> workbook -> import gives the same carried statements."""

from __future__ import annotations

import zipfile

import pyoxigraph as ox
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from iopkg.cli import app
from iopkg.graph import load_store
from iopkg.namespaces import IOP
from iopkg.workbook import (
    WorkbookFormat,
    carried_quads,
    export_workbook,
    graph_tables,
    import_workbook,
)
from iopkg.workbook.spec import Sheet


def _graph(quads) -> rdflib.Graph:
    store = ox.Store()
    store.bulk_extend(quads)
    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return rdflib.Graph().parse(data=text.decode(), format="nt")


def _assert_same(expected: rdflib.Graph, got: rdflib.Graph) -> None:
    if not isomorphic(expected, got):
        _, only_expected, only_got = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        lost = sorted(map(str, only_expected))[:5]
        added = sorted(map(str, only_got))[:5]
        raise AssertionError(f"not isomorphic; lost {lost}; added {added}")


def _documents_data() -> ox.Store:
    """The shipped data without data/register.ttl. The register is itself the import of a
    workbook (data/register/), whose year-only dates and several notes per row an export does
    not carry back (an export writes full dates, so the re-import gives no "only the year"
    note): its round trip is the import itself (tests/test_register_build.py)."""
    from iopkg.graph import default_project, rdf_files

    files = [f for f in rdf_files(default_project().data_dir) if f.name != "register.ttl"]
    return load_store(files, include_ontology=False, include_reference=True, cache=False)


def test_shipped_data_round_trips_through_xlsx(tmp_path):
    data = _documents_data()
    data_xlsx = tmp_path / "iop.xlsx"
    export_workbook(data_xlsx, WorkbookFormat.xlsx, store=data)
    result = import_workbook(data_xlsx)
    assert result.ok, [p.line() for p in result.problems]
    expected = _graph(carried_quads(data))
    assert len(expected) > 500  # agreements, parties, decisions, money, in kind, sources
    _assert_same(expected, _graph(carried_quads(result.store)))


def test_shipped_data_round_trips_through_csv(tmp_path):
    data = _documents_data()
    export_workbook(tmp_path / "csv", WorkbookFormat.csv, store=data)
    result = import_workbook(tmp_path / "csv")
    assert result.ok, [p.line() for p in result.problems]
    _assert_same(_graph(carried_quads(data)), _graph(carried_quads(result.store)))


def test_every_agreement_and_flow_travels(store):
    tables = graph_tables(store)
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    agreements = {
        q.subject for q in store.quads_for_pattern(None, rdf_type, ox.NamedNode(IOP.Agreement))
    }
    assert len(tables[Sheet.AGREEMENTS]) == len(agreements) == 4 + 64  # documents, register
    assert {r["amountKind"] for r in tables[Sheet.FUNDING_FLOWS]} <= {"fast belopp", "per år"}


def test_reimport_is_stable(tmp_path, runner):
    out1, out2 = tmp_path / "a.ttl", tmp_path / "b.ttl"
    assert (
        runner.invoke(app, ["export", "-f", "xlsx", "-o", str(tmp_path / "x.xlsx")]).exit_code == 0
    )
    for out in (out1, out2):
        res = runner.invoke(app, ["import", str(tmp_path / "x.xlsx"), "-o", str(out)])
        assert res.exit_code == 0, res.output
    assert out1.read_bytes() == out2.read_bytes()
    assert b"id:agreement\\/lund-radrum-2019" in out1.read_bytes() or (
        b"<https://w3id.org/iopkg/id/agreement/lund-radrum-2019>" in out1.read_bytes()
    )


def test_export_csv_excel_sv(tmp_path, runner):
    res = runner.invoke(app, ["export", "-f", "csv", "--excel-sv", "-o", str(tmp_path / "t")])
    assert res.exit_code == 0, res.output
    raw = (tmp_path / "t" / "funding-flows.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header, first = raw.decode("utf-8-sig").splitlines()[:2]
    assert header.startswith("flow;label;")
    amount = first.split(";")[header.split(";").index("amountSEK")]
    assert "," in amount and "." not in amount  # decimal comma


def test_a_text_starting_with_equals_stays_text(tmp_path):
    """A label ``=HYPERLINK(...)`` became a live formula in the exported workbook (openpyxl
    writes any string starting with ``=`` as one), which the importer then refused."""
    data = _documents_data()
    org = next(
        q.subject
        for q in data.quads_for_pattern(None, None, ox.NamedNode(str(IOP.IdeaBasedOrganisation)))
    )
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    for q in list(data.quads_for_pattern(org, label, None)):
        data.remove(q)
    evil = ox.Literal('=HYPERLINK("http://127.0.0.1/x","klicka")', language="sv")
    data.add(ox.Quad(org, label, evil))
    path = tmp_path / "iop.xlsx"
    export_workbook(path, WorkbookFormat.xlsx, store=data)
    with zipfile.ZipFile(path) as z:
        sheets = [z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert all(b"<f>" not in s for s in sheets)
    result = import_workbook(path)
    assert result.ok, [p.line() for p in result.problems]
    assert evil.value in {q.object.value for q in result.store.quads_for_pattern(None, label, None)}
