"""Regression tests for the eighth tuning round of issue 19 (tuned on tune, heldout, heldout2-7).
Every sentence here is written for the test (made-up organisations), none is taken from a page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from test_extract_prose import IOP, _names, _quotes_hold

from iopkg.extract.core import extract_text
from iopkg.extract.model import AmountQualifier


def test_a_parter_line_joined_with_och_names_two_parties():
    d = extract_text(
        "Aktuella partnerskap\nStödboende för unga\nParter: Socialnämnden och Ljusglimten Ekby\n"
        "Läxhjälp\nParter: Socialnämnden, Föreningen Ankan, Läsfrämjandet och Gröna Ekby\n" + IOP,
        "x",
    )
    assert _names(d.public_parties) == ["Socialnämnden"]
    assert _names(d.idea_parties) == [
        "Ljusglimten Ekby",
        "Föreningen Ankan",
        "Läsfrämjandet",
        "Gröna Ekby",
    ]
    _quotes_hold(d)


def test_only_the_first_och_of_a_parter_item_splits_it():
    d = extract_text(
        "Parter: Fritidsnämnden och Förbundet Kropp och Själ i Ekby\nKultur- och fritidsnämnden"
        " följer upp.\n" + IOP,
        "x",
    )
    assert _names(d.public_parties) == ["Fritidsnämnden"]
    assert _names(d.idea_parties) == ["Förbundet Kropp och Själ i Ekby"]
    _quotes_hold(d)


def test_an_iop_a_board_only_intends_to_enter_gives_no_parties():
    d = extract_text(
        "Nämnden avser att under nästa år ingå IOP med flera organisationer, bland annat"
        " Ljusglimten och Röda Korset. Förvaltningen föreslår riktlinjer för detta." + IOP,
        "x",
    )
    assert d.public_parties == [] and d.idea_parties == []


def test_a_local_compact_with_the_associations_gives_no_parties():
    d = extract_text(
        "Utgångspunkt är Överenskommelsen mellan Ekbys föreningsliv och Ekby kommun LÖK, som"
        " styr dialogen med civilsamhället." + IOP,
        "x",
    )
    assert d.public_parties == [] and d.idea_parties == []


def test_a_raised_grant_is_an_increase_not_a_flow():
    d = extract_text(
        "Ekby kommun höjer bidraget till Ljusglimten i Ekby med 75 000 kronor." + IOP, "x"
    )
    assert d.funding_flows == []
    assert [(a.amount, a.qualifier) for a in d.mentioned_amounts] == [
        (Decimal(75000), AmountQualifier.increase)
    ]


def test_a_board_that_has_the_agreement_is_the_public_party_and_gäller_för_years():
    d = extract_text(
        "Fritids- och kulturnämnden har sedan 2020 en överenskommelse om ett idéburet offentligt"
        " partnerskap (IOP) med föreningen Ljusglimten. Det nya avtalet gäller för 2025-2027.",
        "x",
    )
    assert _names(d.public_parties) == ["Fritids- och kulturnämnden"]
    assert _names(d.idea_parties) == ["Ljusglimten"]
    assert (d.period.start, d.period.end) == (date(2025, 1, 1), date(2027, 12, 31))
    _quotes_hold(d)


def test_a_name_that_cannot_be_one_organisation_is_left_out():
    from iopkg.extract.fields import _one_organisation

    assert not _one_organisation("Socialnämnden och Ljusglimten Ekby", True)
    assert not _one_organisation("överenskommelse om IOP mellan Ekby kommun", True)
    assert not _one_organisation("och Ljusglimten ekonomisk förening", False)
    assert not _one_organisation("föreningen", False)
    assert not _one_organisation("Syftet", False)
    assert _one_organisation("hälso- och sjukvårdsförvaltningen", True)
    assert _one_organisation("Föreningen Ljusglimten", False)
    assert _one_organisation("Förbundet Kropp och Själ i Ekby", False)
    assert _one_organisation("En Frisk Generation", False)
