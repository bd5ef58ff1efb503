"""Regression tests for the eleventh tuning round of issue 19 (tuned on tune, heldout, heldout2-11,
after heldout11's clean first run). Every sentence here is written for the test (made-up places,
organisations and boards where a real name is not needed), none is taken from a page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from test_extract_prose import _names, _quotes_hold

from iopkg.extract.core import extract_text
from iopkg.extract.money import AmountQualifier, qualifier


def test_each_amount_keeps_the_year_that_follows_it():
    d = extract_text(
        "Ale kommun tecknar ett IOP med Föreningen Stegen. Föreningen beviljas ett stöd på"
        " 200 000 kronor för 2024 och 300 000 kronor för år 2025.",
        "x",
    )
    assert sorted((f.amount, f.start, f.end) for f in d.funding_flows) == [
        (Decimal(200000), date(2024, 1, 1), date(2024, 12, 31)),
        (Decimal(300000), date(2025, 1, 1), date(2025, 12, 31)),
    ]
    _quotes_hold(d)


def test_a_year_before_the_only_amount_still_counts():
    d = extract_text(
        "Ale kommun tecknar ett IOP med Föreningen Stegen. För 2024 får föreningen 200 000 kronor.",
        "x",
    )
    assert [(f.amount, f.start) for f in d.funding_flows] == [(Decimal(200000), date(2024, 1, 1))]


def test_a_preposition_never_starts_a_party_name():
    d = extract_text(
        "Ny överenskommelse undertecknad\n\nI onsdags signerade Ekby kommun tillsammans med"
        " föreningen Glasbruket 1850 sin första överenskommelse om idéburet offentligt"
        " partnerskap (IOP).\n\nFrån föreningen Glasbruket 1850 var det Eva Ek som undertecknade"
        " överenskommelsen.",
        "x",
    )
    assert _names(d.idea_parties) == ["Glasbruket 1850"]
    _quotes_hold(d)


def test_kinds_of_organisation_given_as_examples_are_no_parties():
    text = (
        "Ekby kommun tecknar IOP\n\nEkby kommun har tecknat ett idéburet offentligt partnerskap"
        " med Föreningen Gläntan. Några exempel på sådana överenskommelser i landet finns med"
        " Svenska kyrkan, Röda Korset, idrottsföreningar och kvinnojourer."
    )
    d = extract_text(text, "x")
    assert _names(d.idea_parties) == ["Föreningen Gläntan"]
    # a list of names alone, not of kinds, is not touched by that rule
    d = extract_text(text.replace("idrottsföreningar och kvinnojourer", "Ekby IK"), "x")
    assert "Föreningen Gläntan" in _names(d.idea_parties)


def test_one_party_per_quoted_name_and_no_shorter_copy():
    d = extract_text(
        "Skip\n\nHelsingborgs stad och Stiftelsen Trygg Gata ingår partnerskap (IOP) för ett"
        " tryggare Helsingborg\n\nPressmeddelande   •   Mar 3, 2021 09:00 CET\n\nTillsammans med"
        " Helsingborgs stad har stiftelsen Trygg Gata ingått ett treårigt Idéburet Offentligt"
        " Partnerskap (IOP).\n\n- I Helsingborg arbetar vi med tryggheten, säger kommunalrådet."
        "\n\nI praktiken innebär partnerskapet att Stiftelsen Trygg Gata och Helsingborgs stad"
        " arbetar tillsammans för att öka tryggheten i kommunen.",
        "x",
    )
    assert _names(d.public_parties) == ["Helsingborgs stad"]
    assert _names(d.idea_parties) == ["Stiftelsen Trygg Gata"]
    _quotes_hold(d)


def test_an_amount_per_inhabitant_or_a_promise_is_no_flow():
    t = "Jouren får 6 kronor/kommuninvånare."
    assert qualifier(t, 0, 11, 19) == AmountQualifier.per_unit
    d = extract_text(
        "Ekby kommun har ett IOP med Brottsofferjouren Ekbygden. Vi har i ett år fått"
        " muntligt löfte av kommunen om ersättning, 6 kronor/kommuninvånare - 40 000 kronor/år.",
        "x",
    )
    assert d.funding_flows == []


def test_a_sentence_on_a_declined_agreement_names_no_party():
    d = extract_text(
        "Kommunen sviker brottsoffren\n\nI grannkommunerna Ekby och Åby har IOP-avtal skrivits"
        " för att vi i Brottsofferjouren Ekbygden ska kunna stödja brottsoffer, men Öby har valt"
        " att avstå detta avtal.",
        "x",
    )
    assert d.idea_parties == []


def test_a_signing_verb_before_its_subject_names_both_parties():
    d = extract_text(
        "Region Halland tecknar partnerskap\n\nFöreningarna är viktiga för folkhälsan. För att"
        " stärka dem tecknar Region Halland ett avtal om partnerskap med Nätverket Hallands"
        " Krafter. Det kultur- och fritidsnämnden beslutade om i går är ett idéburet"
        " offentligt partnerskap (IOP).",
        "x",
    )
    assert _names(d.public_parties) == ["Region Halland"]
    assert _names(d.idea_parties) == ["Nätverket Hallands Krafter"]
    _quotes_hold(d)


def test_the_agreements_a_municipality_has_now_name_their_parties():
    text = (
        "Ale kommun antar riktlinje för IOP\n\nAle kommun ser positivt på idéburet offentligt"
        " partnerskap (IOP). I Ale kommun finns det idag överenskommelser med Brukarföreningen"
        " Ljus samt Navet, som samlar föreningar i kommunen."
    )
    d = extract_text(text, "x")
    assert _names(d.public_parties) == ["Ale kommun"]
    assert _names(d.idea_parties) == ["Brukarföreningen Ljus", "Navet"]
    _quotes_hold(d)
    # without a name after "med" there is no party, and no IOP word in the text: no such rule
    d = extract_text(text.replace("Brukarföreningen Ljus samt Navet", "flera föreningar"), "x")
    assert d.idea_parties == []
    d = extract_text(
        "I Ale kommun finns det idag överenskommelser med Föreningen Ljus om lokaler och med"
        " Navet om städning av parker i hela kommunen under sommaren och hösten varje år.",
        "x",
    )
    assert "Navet" not in _names(d.idea_parties)


def test_a_network_is_no_agency():
    from iopkg.extract.fields import _AGENCY

    assert _AGENCY.search("Skolverket") and not _AGENCY.search("Nätverket Ekby")


def test_a_board_of_a_region_that_signs_makes_the_region_a_party():
    text = (
        "Idéburet offentligt partnerskap\n\nIOP är ett mellanting mellan bidrag och upphandling."
        "\n\nKulturnämnden i Region Halland har sedan 2021 haft IOP som arbetssätt och tecknat"
        " avtal med flera föreningar kring psykisk hälsa."
    )
    d = extract_text(text, "x")
    assert "Region Halland" in _names(d.public_parties)
    _quotes_hold(d)
    d = extract_text(text.replace("har sedan 2021 haft IOP som arbetssätt och tecknat",
                                  "har ännu inte tecknat"), "x")  # fmt: skip
    assert d.public_parties == []


def test_a_municipal_company_in_the_signing_sentence_is_a_public_party():
    text = (
        "Västerås stad och Stiftelsen Trygg Gata ingår partnerskap (IOP)\n\nTillsammans med"
        " Västerås stad och det allmännyttiga bostadsbolaget Mimerhem har Stiftelsen Trygg Gata"
        " ingått ett treårigt idéburet offentligt partnerskap (IOP) för ett tryggt Västerås."
    )
    d = extract_text(text, "x")
    assert _names(d.public_parties) == ["Västerås stad", "Mimerhem"]
    _quotes_hold(d)
    # named outside a signing sentence, the company is no party
    d = extract_text(text + " Det kommunala bostadsbolaget Bostäderna bygger nytt i år.", "x")
    assert "Bostäderna" not in _names(d.public_parties)


def test_partners_counted_then_named_in_the_next_sentence():
    text = (
        "Förbundet stärker samarbetet\n\nInför 2025 förstärker Ekby samordningsförbund arbetet"
        " genom att ingå ett IOP, idéburet offentligt partnerskap, med tre aktörer. De tre"
        " aktörerna är huvudaktören Kooperativ Ekby & Åby samt de kompletterande aktörerna"
        " Verkstan 12 och Hand & Tanke."
    )
    d = extract_text(text, "x")
    assert _names(d.idea_parties) == ["Kooperativ Ekby & Åby", "Verkstan 12", "Hand & Tanke"]
    _quotes_hold(d)
    # as many names as counted, or none of them
    d = extract_text(text.replace(" och Hand & Tanke", ""), "x")
    assert d.idea_parties == []
