"""Regression tests for the ninth tuning round of issue 19 (tuned on tune, heldout, heldout2-8).
Every sentence here is written for the test (made-up organisations and boards), none is taken
from a page."""

from __future__ import annotations

from datetime import date

from test_extract_prose import IOP, _names, _quotes_hold

from iopkg.extract.core import extract_text


def _keys(d):
    return sorted((x.date, x.paragraph, x.registry_number) for x in d.decisions)


def test_registry_numbers_in_a_meeting_agenda_are_no_decisions():
    d = extract_text(
        "KALLELSE\n\nSocialnämnden kallas till sammanträde.\n\nÄrenden\n\n"
        "1. Val av justerare Dnr 2020/00012\n\n"
        "2. Idéburet offentligt partnerskap med Ekby Kvinnojour Dnr 2020/00031\n\n"
        "3. Beslut om jourschema för år 2021 Dnr SN 2020/00044\n\n" + IOP,
        "x",
    )
    assert d.decisions == []


def test_a_registry_number_in_a_list_of_other_documents_is_no_decision():
    d = extract_text(
        "Relevanta dokument\n\nRiktlinjer för samverkan med föreningar\n\n"
        "Dnr KS/2019:4. Avtal. Idéburet Offentligt Partnerskap. mellan. Ekby kommun. och.\n\n"
        "Policy för social ekonomi i Ekby\n",
        "x",
    )
    assert d.decisions == []


def test_a_registry_number_beside_a_decision_word_is_kept():
    d = extract_text(
        "En förfrågan om partnerskap har kommit in. Ärendet har tilldelats diarienummer"
        " KS 2021/0456." + IOP,
        "x",
    )
    assert [x.registry_number for x in d.decisions] == ["KS 2021/0456"]
    d = extract_text(
        "Datum 2020-04-02 | Diarienummer KSN-2020-0123 |\nKommunstyrelsen\nFörslag till beslut\n"
        "Kommunstyrelsen föreslås godkänna avtalet." + IOP,
        "x",
    )
    assert "KSN-2020-0123" in [x.registry_number for x in d.decisions]
    _quotes_hold(d)


def test_a_report_of_delegated_decisions_is_no_decision():
    d = extract_text(
        "5. Redovisning av delegationsbeslut 2020-03-05\n\n6. Övriga frågor\n" + IOP, "x"
    )
    assert d.decisions == []


def test_a_meeting_decision_without_year_takes_the_document_year_inferred():
    d = extract_text(
        "Nya partnerskap i Väster\n\nPublicerad 12 september 2021\n\nVid sammanträdet den 9"
        " september beslutade socialnämnden Väster om ett nytt IOP med en förening." + IOP,
        "x",
    )
    assert _keys(d) == [(date(2021, 9, 9), None, None)]
    assert d.decisions[0].date_inferred
    _quotes_hold(d)


def test_a_meeting_decision_before_new_year_is_last_years_and_a_given_year_is_not_inferred():
    d = extract_text(
        "Publicerad 10 januari 2022\n\nVid sammanträdet det 15 december beslutade"
        " kulturnämnden om två nya IOP." + IOP,
        "x",
    )
    assert _keys(d) == [(date(2021, 12, 15), None, None)] and d.decisions[0].date_inferred
    d = extract_text(
        "Vid mötet den 3 maj 2020 beslutade fritidsnämnden om ett IOP med en idrottsförening."
        + IOP,
        "x",
    )
    assert _keys(d) == [(date(2020, 5, 3), None, None)] and not d.decisions[0].date_inferred


def test_a_board_that_starts_or_enters_an_iop_with_an_organisation():
    d = extract_text(
        "Läxhjälp i Väster\n\nSocialnämnden Väster påbörjar ett IOP med Ekby Läxhjälpscenter."
        " Partnerskapet gäller fram till 2024.",
        "x",
    )
    assert _names(d.public_parties) == ["Socialnämnden Väster"]
    assert _names(d.idea_parties) == ["Ekby Läxhjälpscenter"]
    _quotes_hold(d)
    d = extract_text(
        "Trygghet på kvällarna\n\nKommunstyrelsen ingår IOP med Nattljuset Ekby för tre år.", "x"
    )
    assert _names(d.public_parties) == ["Kommunstyrelsen"]
    assert _names(d.idea_parties) == ["Nattljuset Ekby"]


def test_a_board_that_starts_something_else_gives_no_parties():
    d = extract_text(
        "Socialnämnden påbörjar ett arbete med Ekby Läxhjälpscenter om nya lokaler.", "x"
    )
    assert d.public_parties == [] and d.idea_parties == []


def test_a_municipality_named_only_in_the_genitive():
    d = extract_text(
        "Vägledning för IOP\n\nUnder 2019 tog Vetlandas folkhälsoråd initiativ till en dialog om"
        " samarbete med föreningslivet." + IOP,
        "x",
    )
    assert d.municipality is not None
    assert (d.municipality.name, d.municipality.code) == ("Vetlanda", "0685")
    assert d.municipality.quote.text == "Vetlandas"


def test_a_region_or_a_university_in_the_genitive_is_no_municipality():
    for text in (
        "Partnerskapet kompletterar Region Vetlandas ansvar för barnrätt." + IOP,
        "Forskare vid Vetlandas universitet följer partnerskapet." + IOP,
        "Vetlandas och Osbys föreningar möttes för att tala om samverkan." + IOP,
    ):
        assert extract_text(text, "x").municipality is None, text


def test_a_municipality_named_only_by_its_domain():
    d = extract_text(
        "KALLELSE\n\nSocialnämnden kallas till sammanträde.\n\nKontakt: socialchef,"
        " karin.berg@osby.se\n" + IOP,
        "x",
    )
    assert d.municipality is not None
    assert (d.municipality.name, d.municipality.code) == ("Osby", "1273")
    assert d.municipality.quote.text == "osby.se"
    # the domain is only a fallback: a municipality named in the text wins
    d = extract_text("Ekby kommun och Vetlanda kommun. Vetlanda kommun, info@osby.se" + IOP, "x")
    assert d.municipality is not None and d.municipality.code == "0685"
