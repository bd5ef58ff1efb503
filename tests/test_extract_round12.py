"""Regression tests for the twelfth tuning round of issue 19 (tuned on tune, heldout, heldout2-12,
after heldout12's clean first run). Every sentence here is written for the test (made-up places,
organisations and boards where a real name is not needed), none is taken from a page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from test_extract_prose import _names, _quotes_hold

from iopkg.extract.core import extract_text


def test_a_word_cut_at_the_end_of_the_text_is_no_second_party():
    d = extract_text(
        "Nämnden – beslut i oktober\n\nEtt nytt IOP med Tjejjouren Ekby togs upp på sammanträdet."
        "\n\nNy överenskommelse med Tjejjouren Ekby\n\nNämnden beslutade att ingå ett IOP med"
        " Tjejjouren Ekb",
        "x",
    )
    assert _names(d.idea_parties) == ["Tjejjouren Ekby"]
    _quotes_hold(d)


def test_a_name_that_is_a_whole_word_of_a_longer_one_is_still_handled_as_before():
    # "Tjejjouren" is a whole word at the start of "Tjejjouren Ekby" (not a cut word): the older
    # rule leaves the shorter out, the new one does not touch it
    d = extract_text(
        "Ekby kommun har tecknat ett IOP med Tjejjouren Ekby. Kommunen har tecknat IOP med"
        " Tjejjouren",
        "x",
    )
    assert _names(d.idea_parties) == ["Tjejjouren Ekby"]


def test_a_municipality_beside_a_whole_sector_is_no_party():
    d = extract_text(
        "Nämnden – aktuella beslut\n\nEtt IOP med Föreningen Gläntan togs upp.\n\nFör att"
        " stärka en strukturerad samverkan mellan Ale kommun och idéburen sektor antog"
        " kommunfullmäktige en överenskommelse med principer för samverkan."
        "\n\nSocialnämnden beslutade att ingå ett IOP med Föreningen Gläntan.",
        "x",
    )
    assert "Ale kommun" not in _names(d.public_parties)
    assert _names(d.idea_parties) == ["Föreningen Gläntan"]
    _quotes_hold(d)


def test_a_board_that_decided_to_enter_an_agreement_with_a_named_partner_is_the_party():
    d = extract_text(
        "Idéburet offentligt partnerskap\n\nSocialnämnden beslutade att anta en ny överenskommelse"
        " med Föreningen Gläntan.",
        "x",
    )
    assert _names(d.public_parties) == ["Socialnämnden"]
    assert _names(d.idea_parties) == ["Föreningen Gläntan"]
    # deciding to propose or to investigate is still not entering
    d = extract_text(
        "Idéburet offentligt partnerskap\n\nSocialnämnden beslutade att föreslå en ny"
        " överenskommelse med Föreningen Gläntan.",
        "x",
    )
    assert _names(d.public_parties) == []


def test_a_board_that_signed_with_the_verb_before_it_is_the_party():
    d = extract_text(
        "Tjejjouren Ekby har tecknat ett IOP-avtal.\n\nI tisdags skrev socialnämnden på ett avtal"
        " för samarbete med Tjejjouren Ekby.",
        "x",
    )
    assert _names(d.public_parties) == ["socialnämnden"]
    _quotes_hold(d)


def test_a_place_where_the_writer_went_to_a_conference_is_not_the_documents_municipality():
    d = extract_text(
        "Projektledare på konferens om IOP\n\nI går deltog två projektledare i en heldagskonferens"
        " uppe i Göteborg som handlade om idéburet offentligt partnerskap (IOP).",
        "x",
    )
    assert d.municipality is None
    # a place named plainly still counts
    d = extract_text(
        "Nytt IOP i Göteborg\n\nSocialnämnden i Göteborg har tecknat ett IOP med Föreningen"
        " Gläntan.",
        "x",
    )
    assert d.municipality is not None and d.municipality.name == "Göteborg"


def test_a_yearly_sum_said_before_the_amount_is_a_rate_with_its_end_year():
    d = extract_text(
        "Ekby kommun har tecknat ett IOP med Föreningen Gläntan. Avtalet innebär att föreningen"
        " får ett årligt bidrag på 120 000 kronor fram till och med 2026.",
        "x",
    )
    assert [(f.amount, f.rate_per_year, f.start, f.end) for f in d.funding_flows] == [
        (Decimal(120000), True, None, date(2026, 12, 31))
    ]
    _quotes_hold(d)


def test_the_same_amount_said_loosely_beside_its_yearly_rate_is_one_flow():
    d = extract_text(
        "Ekby kommun har tecknat ett IOP med Föreningen Gläntan. Under tre års tid får Föreningen"
        " Gläntan 120 000 kronor av kommunen. Avtalet innebär att föreningen får 120 000 kronor"
        " per år.",
        "x",
    )
    assert [(f.amount, f.rate_per_year) for f in d.funding_flows] == [(Decimal(120000), True)]
    # a different sum beside the rate is kept
    d = extract_text(
        "Ekby kommun har tecknat ett IOP med Föreningen Gläntan. Under tre års tid får Föreningen"
        " Gläntan 90 000 kronor i startstöd. Avtalet innebär att föreningen får 120 000 kronor"
        " per år.",
        "x",
    )
    assert sorted((f.amount, f.rate_per_year) for f in d.funding_flows) == [
        (Decimal(90000), False),
        (Decimal(120000), True),
    ]


def test_a_board_in_lower_case_counts_only_where_it_acts_not_in_a_title():
    d = extract_text(
        "Region Ekby och Föreningen Gläntan\n\nDärför tecknar vi nu ett avtal om partnerskap med"
        " Föreningen Gläntan, säger Eva Ek, ordförande i kultur och fritidsnämnden.",
        "x",
    )
    assert "fritidsnämnden" not in _names(d.public_parties)


def test_a_board_that_approved_a_proposed_iop_is_its_party():
    d = extract_text(
        "Notiser från nämnden\n\nVid sammanträdet 3 maj beslutade socialnämnden Väster att godkänna"
        " ett förslag till ett gemensamt idéburet offentligt partnerskap (IOP) med syfte att stärka"
        " stödet till unga.",
        "x",
    )
    assert _names(d.public_parties) == ["socialnämnden Väster"]
    # approving guidelines for IOP is no agreement
    d = extract_text(
        "Notiser från nämnden\n\nVid sammanträdet 3 maj beslutade socialnämnden Väster att godkänna"
        " ett förslag till riktlinjer för idéburet offentligt partnerskap (IOP).",
        "x",
    )
    assert _names(d.public_parties) == []


def test_the_municipal_board_deciding_to_enter_makes_the_municipality_the_party():
    d = extract_text(
        "Utdrag ur protokoll, Kommunstyrelsen i Ale kommun\n\nKommunstyrelsen beslutar att teckna"
        " en överenskommelse om idéburet offentligt partnerskap med Föreningen Gläntan för åren"
        " 2025–2026.",
        "x",
    )
    assert _names(d.public_parties) == ["Ale kommun"]
