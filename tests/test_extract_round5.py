"""Regression tests for the fifth tuning round of issue 19 (tuned on tune, heldout, heldout2-4).
Every sentence here is written for the test (made-up organisations), none is taken from a page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from iopkg.extract.core import extract_text

IOP = " Samarbetet är ett idéburet offentligt partnerskap (IOP)."


def _quotes_hold(d):
    """Every quote in the draft is the text at its offsets."""
    quotes = [p.quote for p in d.public_parties + d.idea_parties]
    quotes += [x.quote for x in d.decisions] + [f.quote for f in d.funding_flows]
    if d.period:
        quotes.append(d.period.quote)
    for q in quotes:
        assert d.text[q.start : q.end] == q.text


def test_period_from_years_listed_one_by_one():
    d = extract_text(
        "Partnerskapet med Föreningen Bryggan ger 2 miljoner kronor per år för åren 2024, 2025"
        " och 2026." + IOP,
        "x.txt",
    )
    assert d.period and (d.period.start, d.period.end) == (date(2024, 1, 1), date(2026, 12, 31))
    f = d.funding_flows[0]
    assert f.amount == Decimal(2000000) and f.rate_per_year
    assert (f.start, f.end) == (date(2024, 1, 1), date(2026, 12, 31))
    _quotes_hold(d)


def test_years_that_skip_are_not_a_period():
    d = extract_text(
        "Överenskommelsen med Föreningen Bryggan följdes upp för åren 2019, 2021 och 2023." + IOP,
        "x.txt",
    )
    assert d.period is None


def test_period_that_stretches_from_year_to_year_and_money_every_year():
    d = extract_text(
        "Ekby kommun ingår ett IOP med Föreningen Ljuset som sträcker sig från 2025 till 2027."
        " Föreningen får 120 000 kronor varje år under perioden.",
        "x.txt",
    )
    assert d.period and (d.period.start, d.period.end) == (date(2025, 1, 1), date(2027, 12, 31))
    f = d.funding_flows[0]
    assert f.amount == Decimal(120000) and f.rate_per_year
    assert (f.start, f.end) == (date(2025, 1, 1), date(2027, 12, 31))
    _quotes_hold(d)


def test_a_county_is_not_its_namesake_municipality():
    d = extract_text(
        "Region Ekland tecknar ett IOP med Föreningen Bryggan. Föreningen finns i Uppsala län"
        " och i hela regionen." + IOP,
        "x.txt",
    )
    assert d.municipality is None


def test_places_in_a_list_all_count():
    d = extract_text(
        "Stiftelsen Ljuset frågade politiker i Malmö, Lund och Ystad. I Lund har stiftelsen ett"
        " IOP. Malmö stad är positiv. I Malmö finns verksamheten sedan länge." + IOP,
        "x.txt",
    )
    assert d.municipality is None  # about three municipalities, none of them is "the" one


def test_a_genitive_common_noun_is_not_a_party():
    d = extract_text(
        "Partnerskapet mellan Ekby BK och kommunen ska öka delaktigheten i föreningens"
        " verksamhet." + IOP,
        "x.txt",
    )
    names = [p.name.lower() for p in d.idea_parties + d.public_parties]
    assert "föreningen" not in names and "föreningens" not in names
    _quotes_hold(d)


def test_a_press_invitation_is_a_press_release():
    d = extract_text(
        "Ekby kommun och Föreningen Ljuset tecknar IOP\n\nPRESSINBJUDAN\n\nVi bjuder in till en"
        " presskonferens på fredag." + IOP,
        "x.txt",
    )
    assert d.document_type is not None and d.document_type.value == "press-release"
    assert d.text[d.document_type_quote.start : d.document_type_quote.end] == "PRESSINBJUDAN"


def test_partners_from_dated_list_lines():
    text = (
        "Idéburet offentligt partnerskap (IOP)\n\nAktuella partnerskap i kulturnämnden\n\n"
        "Hembygdsarkivet\n\nEkby hembygdsförening – 1 juli 2025–31 december 2027.\n\n"
        "Öppen fritidsgård\n\nNorrby IK – 1 januari 2024–30 juni 2026.\n\n"
        "Kartor\n\nOK Skogen och Kart/GIS avdelningen – 1 januari 2023–31 december 2025.\n"
    )
    d = extract_text(text, "x.txt")
    names = [p.name for p in d.idea_parties]
    assert names == ["Ekby hembygdsförening", "Norrby IK", "OK Skogen"]
    _quotes_hold(d)


def test_one_dated_line_is_not_a_list():
    d = extract_text(
        "Ekby kommun har ett IOP.\n\nSommarläger – 1 juli 2025–31 juli 2025.\n" + IOP, "x.txt"
    )
    assert "Sommarläger" not in [p.name for p in d.idea_parties]


def test_no_period_or_money_for_several_partnerships_at_once():
    d = extract_text(
        "Region Ekland tecknar partnerskap med flera organisationer. Partnerskapen gäller för"
        " åren 2025 - 2028. Här avsätter Region Ekland 500 000 kronor för år 2025 till"
        " Föreningen Ljuset." + IOP,
        "x.txt",
    )
    assert d.period is None and d.funding_flows == []


def test_one_partnership_keeps_its_period():
    d = extract_text(
        "Region Ekland tecknar ett partnerskap med Föreningen Ljuset. Partnerskapet gäller för"
        " åren 2025 - 2028." + IOP,
        "x.txt",
    )
    assert d.period and d.period.start == date(2025, 1, 1)


def test_the_other_one_of_a_signing_pair_is_the_idea_party():
    d = extract_text(
        "Ekby kommun och Gatuvandrarna har undertecknat ett idéburet offentligt partnerskap."
        " Syftet är trygghet på kvällarna.",
        "x.txt",
    )
    assert "Gatuvandrarna" in [p.name for p in d.idea_parties]
    assert "Ekby kommun" in [p.name for p in d.public_parties]
    _quotes_hold(d)
    d = extract_text("Kvällsljuset och Region Ekland tecknar ett IOP om stöd till unga.", "x.txt")
    assert "Kvällsljuset" in [p.name for p in d.idea_parties]


def test_a_pair_that_only_talks_is_not_a_signing():
    d = extract_text(
        "Ekby kommun och Gatuvandrarna har träffats för att prata om trygghet." + IOP, "x.txt"
    )
    assert "Gatuvandrarna" not in [p.name for p in d.idea_parties]


def test_parties_of_signs_with():
    d = extract_text(
        "Ekby kommun har tecknat ett idéburet offentligt partnerskap med Gatuvandrarna och"
        " Barnombudet i Ekland om trygghet.",
        "x.txt",
    )
    assert [p.name for p in d.public_parties] == ["Ekby kommun"]
    assert [p.name for p in d.idea_parties] == ["Gatuvandrarna", "Barnombudet i Ekland"]
    _quotes_hold(d)


def test_an_agency_or_a_company_after_med_is_not_an_idea_party():
    d = extract_text(
        "Ekby kommun tecknar ett partnerskap med Arbetsförmedlingen och Byggbolaget AB." + IOP,
        "x.txt",
    )
    names = [p.name for p in d.idea_parties]
    assert "Arbetsförmedlingen" not in names and not any("AB" in n for n in names)


def test_signs_with_outside_an_iop_sentence_is_not_read():
    d = extract_text("Ekby kommun tecknar avtal med Gatuvandrarna om lokaler." + IOP, "x.txt")
    assert "Gatuvandrarna" not in [p.name for p in d.idea_parties]
