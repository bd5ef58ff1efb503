"""Regression tests for the seventh tuning round of issue 19 (tuned on tune, heldout, heldout2-6).
Every sentence here is written for the test (made-up organisations), none is taken from a page."""

from __future__ import annotations

from test_extract_prose import IOP, _names, _quotes_hold

from iopkg.extract.core import extract_text
from iopkg.extract.model import DocumentType


def test_a_number_the_text_gives_with_the_name_twice_is_part_of_it():
    d = extract_text(
        "Ale kommun tecknar ett IOP med föreningen Musik 2040. Föreningen Musik 2040 ordnar"
        " konserter för unga i hela kommunen." + IOP,
        "x",
    )
    assert _names(d.idea_parties) == ["Musik 2040"]
    _quotes_hold(d)


def test_a_number_given_once_after_a_name_is_not_part_of_it():
    d = extract_text(
        "Ale kommun tecknar ett IOP med Föreningen Ljuset 2025 för att hjälpa unga." + IOP, "x"
    )
    assert _names(d.idea_parties) == ["Föreningen Ljuset"]
    _quotes_hold(d)


def test_an_amount_after_a_name_is_not_part_of_it():
    d = extract_text(
        "Ale kommun tecknar ett IOP med Föreningen Ljuset 300 kronor. Föreningen Ljuset 300"
        " kronor per deltagare." + IOP,
        "x",
    )
    assert _names(d.idea_parties) == ["Föreningen Ljuset"]


def test_a_web_address_ending_is_part_of_the_name():
    d = extract_text(
        "Trygga helger i Ale\n\nAle kommun och Kvällsvakt.nu har ingått ett idéburet"
        " offentligt partnerskap (IOP) för tryggare helger.",
        "x",
    )
    assert _names(d.idea_parties) == ["Kvällsvakt.nu"]
    assert _names(d.public_parties) == ["Ale kommun"]
    _quotes_hold(d)


def test_a_sentence_opening_word_is_not_part_of_the_name():
    d = extract_text(
        "Ale kommun har ingått ett IOP med Solgården.\nUtöver Sol-föreningen har kommunen ett"
        " IOP med Stiftelsen Tallen." + IOP,
        "x",
    )
    names = _names(d.idea_parties)
    assert not any(n.startswith("Utöver") for n in names)
    _quotes_hold(d)


def test_an_information_page_names_no_public_party_of_its_own():
    d = extract_text(
        "Vad är ett IOP?\n\nEtt idéburet offentligt partnerskap är en samverkansform. Ale kommun"
        " har flera IOP tillsammans med olika organisationer. Det som gäller för ett IOP med"
        " Ale kommun är att båda parter bidrar." + IOP,
        "x",
    )
    assert d.public_parties == []
    assert d.idea_parties == []


def test_an_organisation_speaking_of_its_own_iop_keeps_the_public_party():
    d = extract_text(
        "Vi arbetar med unga i hela länet. Vårt IOP med Region Halland har gjort det möjligt att"
        " öppna två nya mötesplatser." + IOP,
        "x",
    )
    assert _names(d.public_parties) == ["Region Halland"]
    _quotes_hold(d)


def test_a_photo_credit_near_the_top_marks_news():
    d = extract_text(
        "Ny mötesplats för unga i Ale\n\nFoto: Anna Ek\n\nAle kommun och Föreningen Ljuset har"
        " tecknat ett IOP om en mötesplats." + IOP,
        "x",
    )
    assert d.document_type == DocumentType.news
    _quotes_hold(d)
