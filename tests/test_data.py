"""The data itself: quotes resolve, facts cite sources, reference data is complete, no personal
data outside data/personal/."""

from __future__ import annotations

import re

from rdflib.namespace import DCTERMS, PROV, RDF

from iopkg.namespaces import ID, IOP, ROV, SCHEMA, SKOS, VCARD


def quotes(g):
    return set(g.subjects(RDF.type, IOP.Quote))


def test_every_quote_is_found_at_its_offsets(personal_store, project):
    from iopkg.graph import graph_of

    g = graph_of(personal_store)
    checked = 0
    for q in quotes(g):
        doc = g.value(q, PROV.wasQuotedFrom)
        text = (project.data_dir / str(g.value(doc, IOP.localCopy))).read_text(encoding="utf-8")
        start, end = int(g.value(q, IOP.startOffset)), int(g.value(q, IOP.endOffset))
        assert text[start:end] == str(g.value(q, PROV.value)), q
        checked += 1
    assert checked >= 150


def test_agreements_decisions_and_flows_cite_document_and_quote(graph):
    for cls in (
        IOP.Agreement,
        IOP.Decision,
        IOP.FundingFlow,
        IOP.InKindContribution,
        IOP.Commitment,
        IOP.EarlierAgreement,
    ):
        for s in graph.subjects(RDF.type, cls):
            sources = list(graph.objects(s, DCTERMS.source))
            assert sources, s
            if all(_web_page(graph, src) for src in sources):
                # the register (data/register/): web pages, read on a day, the place named
                assert graph.value(s, IOP.locator) is not None, s
                continue
            derived = list(graph.objects(s, PROV.wasDerivedFrom))
            assert derived and all((d, RDF.type, IOP.Quote) in graph for d in derived), s


def _web_page(graph, source) -> bool:
    """A source known by its URL and access date, of which no copy is kept (no quotes)."""
    return (
        graph.value(source, SCHEMA.url) is not None
        and graph.value(source, IOP.accessDate) is not None
        and graph.value(source, IOP.localCopy) is None
    )


def test_the_documents_stay_the_fully_quoted_core(graph):
    """The five seed documents' agreements rest on quotes; the register's say their kind of
    source instead (iop:sourceKind)."""
    quoted = {
        s for s in graph.subjects(RDF.type, IOP.Agreement) if graph.value(s, PROV.wasDerivedFrom)
    }
    assert len(quoted) == 4
    assert not any(graph.value(s, IOP.sourceKind) for s in quoted)
    web = set(graph.subjects(RDF.type, IOP.Agreement)) - quoted
    assert len(web) == 64 and all(graph.value(s, IOP.sourceKind) for s in web)


def test_quotes_come_from_the_documents_their_facts_cite(graph):
    for s, q in graph.subject_objects(PROV.wasDerivedFrom):
        cited = set(graph.objects(s, DCTERMS.source))
        if cited:
            assert graph.value(q, PROV.wasQuotedFrom) in cited, (s, q)


def test_reference_data_is_complete(graph):
    assert len(set(graph.subjects(RDF.type, IOP.Municipality))) == 290
    assert len(set(graph.subjects(RDF.type, IOP.County))) == 21
    assert len(set(graph.subjects(RDF.type, IOP.PopulationFigure))) == 580
    lund = ID["municipality/1281"]
    assert str(graph.value(lund, IOP.municipalityCode)) == "1281"
    assert graph.value(lund, IOP.county) == ID["county/12"]
    pop = {
        int(graph.value(p, IOP.year)): int(graph.value(p, IOP.inhabitants))
        for p in graph.objects(ID["municipality/0162"], IOP.population)
    }
    assert pop == {2023: 32419, 2024: 32425}  # SCB BE0101, as in ../shared/reference


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits[:-1]):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10 == int(digits[-1])


def test_org_numbers_are_valid(graph):
    numbers = [
        str(graph.value(i, SKOS.notation)) for _, i in graph.subject_objects(ROV.registration)
    ]
    assert numbers == ["845000-8175"]
    for n in numbers:
        digits = n.replace("-", "")
        assert len(digits) == 10 and luhn_ok(digits) and int(digits[2:4]) >= 20


def test_no_personal_data_outside_personal_folder(graph, personal_store):
    from iopkg.graph import graph_of

    pg = graph_of(personal_store)
    names = {str(n) for n in pg.objects(None, VCARD.fn)}
    assert len(names) == 15
    email = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
    for s, p, o in graph:
        text = str(o)
        assert not email.search(text), (s, p, o)
        for name in names:
            assert name not in text, (s, p, o)
