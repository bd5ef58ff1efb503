"""Regression tests for the fifteenth tuning round of issue 19 (recall, tuned on the seen splits
tune, heldout and heldout2-14 only). Every sentence here is written for the test (made-up
organisations and boards; Mora stands for any municipality in the reference data), none is taken
from a page."""

from __future__ import annotations

from datetime import date

from test_extract_prose import _quotes_hold

from iopkg.extract.core import extract_text
from iopkg.extract.jsonout import draft_to_dict


def _period(text: str) -> tuple[date | None, date | None] | None:
    d = extract_text(text, "x")
    _quotes_hold(d)
    return None if d.period is None else (d.period.start, d.period.end)


def test_a_period_known_by_its_end_only():
    # a period needed both ends, so "gäller till och med <date>" alone gave no period at all
    text = (
        "Mora kommun har tecknat ett IOP med Föreningen Gemenskap om läxhjälp."
        " Det förlängda avtalet gäller till och med 30 juni 2027."
    )
    assert _period(text) == (None, date(2027, 6, 30))
    assert _period(text.replace("till och med", "t.o.m.")) == (None, date(2027, 6, 30))
    # a yearly sum of the agreement until a year: the end of that year
    text2 = (
        "Socialnämnden i Mora har skrivit ett avtal med Föreningen Gemenskap som får 80 000"
        " kronor om året fram till och med 2026."
    )
    assert _period(text2) == (None, date(2026, 12, 31))
    # the missing end stays missing in the JSON draft, never guessed
    p = draft_to_dict(extract_text(text, "x"))["period"]
    assert (p["start"], p["end"]) == (None, "2027-06-30")
    # guards: no agreement named, an end that is not the agreement's ("tom" is a word, not
    # "t.o.m."), and both ends given stay a two-ended period
    assert _period("Lokalen gäller till och med 30 juni 2027 för uthyrning.") is None
    assert (
        _period("Mora kommun har tecknat ett IOP med Föreningen Gemenskap. Lokalen står tom 2027.")
        is None
    )
    assert _period(
        text.replace("till och med 30 juni 2027", "från 1 juli 2024 till och med 30 juni 2027")
    ) == (
        date(2024, 7, 1),
        date(2027, 6, 30),
    )


def test_a_period_known_by_its_start_only():
    text = (
        "Föreningen Gemenskap har sedan årsskiftet 21/22 ingått ett idéburet offentligt"
        " partnerskap med Mora kommun."
    )
    assert _period(text) == (date(2022, 1, 1), None)
    assert _period("IOP-avtalet med Föreningen Gemenskap gäller från och med 1 mars 2025.") == (
        date(2025, 3, 1),
        None,
    )
    # guards: "sedan 2015" is how long an organisation has worked, not a period; years that do
    # not follow each other are no turn of the year
    assert (
        _period(
            "Föreningen Gemenskap har funnits sedan 2015 och avtalet med Mora kommun"
            " tecknades i år."
        )
        is None
    )
    assert _period(text.replace("21/22", "21/24")) is None


def _parties(text: str) -> tuple[list[str], list[str]]:
    d = extract_text(text, "x")
    _quotes_hold(d)
    return [p.name for p in d.public_parties], [p.name for p in d.idea_parties]


def test_a_board_named_by_two_fields_has_a_partnership_with():
    # a board named "X- och Ynämnden" (and a region's by its part, "Östra ...") was no subject,
    # and "har (ett) liknande partnerskap med" was not read as an agreement the board has
    text = (
        "Region Mora har ett IOP med Röda Korset om stöd till flyktingar."
        " Östra hälso- och sjukvårdsnämnden har liknande partnerskap med Hospice Ljuset."
    )
    public, idea = _parties(text)
    assert "Östra hälso- och sjukvårdsnämnden" in public and "Hospice Ljuset" in idea
    public, idea = _parties(
        "Kultur- och fritidsnämnden i Mora har ingått ett idéburet offentligt partnerskap"
        " med Hembygdsföreningen Gläntan."
    )
    assert public == ["Kultur- och fritidsnämnden i Mora"]
    assert idea == ["Hembygdsföreningen Gläntan"]
    # guards: no partnership ("inget"), or something other than a partnership, gives no party
    assert _parties(text.replace("har liknande", "har inget"))[0] == ["Region Mora"]
    assert _parties(text.replace("liknande partnerskap med", "liknande bidrag till"))[0] == [
        "Region Mora"
    ]


def test_a_coordination_association_is_a_public_party():
    # a samordningsförbund (a public body of the municipalities, the region and the state
    # agencies) was no public party, and between "mellan ... och" it was even taken as the
    # idea-based one
    assert _parties(
        "Ett IOP har tecknats mellan Samordningsförbundet Mora och Föreningen Gemenskap."
    ) == (["Samordningsförbundet Mora"], ["Föreningen Gemenskap"])
    assert _parties(
        "Inför 2025 stärker Samordningsförbundet arbetet genom att ingå ett IOP med"
        " Föreningen Gemenskap."
    ) == (["Samordningsförbundet"], ["Föreningen Gemenskap"])
    # guard: the word alone, with no agreement, gives no party
    assert _parties("Samordningsförbundet Mora arbetar med Föreningen Gemenskap.") == ([], [])


def _type(text: str) -> str | None:
    d = extract_text(text, "x")
    _quotes_hold(d)
    return d.document_type.value if d.document_type else None


def test_a_news_item_known_by_how_it_names_people():
    # a news item with no type word, no "säger" and no photo credit had no type; newspapers name a
    # person by role before the name, or point at the photo
    head = "Kvinnojouren får avtal\n\nMora kommun har tecknat ett IOP med Kvinnojouren Mora."
    assert _type(head + " Enligt kommunalråd Eva Ek ger avtalet jouren tre år av arbetsro.") == (
        "news"
    )
    assert _type(head + " Eva Ek (bilden) är ordförande i jouren sedan 2019.") == "news"
    # guards: "enligt" before a law or a lower-case word, and "bilden" that points at no person,
    # say nothing; a type word in the head still wins
    assert _type(head + " Enligt kommunallagen får kommunen stödja föreningar.") is None
    assert _type(head + " Se bilden (bilden) nedan.") is None
    assert (
        _type("Överenskommelse om IOP\n\n" + head + " Enligt kommunalråd Eva Ek är det bra.")
        == "agreement"
    )


def test_an_organisation_named_by_two_fields_is_one_party():
    # "Pensionärs- och anhörigföreningen" was cut at "och": a fragment "Pensionärs-" became a
    # second idea-based party, and "Mora pensionärs- och anhörigförening" became "Mora"
    assert _parties(
        "Mora kommun har tecknat ett IOP med Pensionärs- och anhörigföreningen i Mora"
        " och Föreningen Gemenskap."
    )[1] == ["Pensionärs- och anhörigföreningen i Mora", "Föreningen Gemenskap"]
    assert _parties("Mora kommun har tecknat ett IOP med Mora pensionärs- och anhörigförening.")[
        1
    ] == ["Mora pensionärs- och anhörigförening"]
    # guard: a board named so after "och" is still no idea-based party
    assert _parties(
        "Mora kommun har tecknat ett IOP med Föreningen Gemenskap"
        " och vård- och omsorgsförvaltningen."
    )[1] == ["Föreningen Gemenskap"]


def test_the_partner_in_an_agreement_is_an_idea_based_party():
    # "X:s partner i IOP-avtalet är Y" named no party
    text = (
        "Mora kommun arbetar med IOP. Socialförvaltningens partner i det andra IOP-avtalet"
        " är Mora god man- och förvaltarförening."
    )
    assert _parties(text)[1] == ["Mora god man- och förvaltarförening"]
    # guard: a partner whose name does not say it is idea-based (a company) is left out
    assert _parties(text.replace("Mora god man- och förvaltarförening", "Ekby Bygg"))[1] == []


def test_a_news_item_known_by_a_day_named_from_the_day_of_writing():
    # "i tisdags", "på tisdagen": news reports an event by its weekday, without a type word
    head = "Nya partnerskap i regionen\n\n"
    text = head + "Vid sitt möte i tisdags tecknade Region Mora ett IOP med Föreningen Gemenskap."
    assert _type(text) == "news"
    assert _type(text.replace("i tisdags", "på tisdagen")) == "news"
    # guards: a weekday with its date, and a weekday as a regular time, give no type
    assert _type(text.replace("i tisdags", "på tisdagen den 4 maj 2021")) is None
    assert _type(text.replace("Vid sitt möte i tisdags", "Varje tisdag")) is None


def test_a_name_ending_in_a_lower_case_organisation_word_is_one_party():
    # "Röda Korset Mora krets" after "med" was also drafted cut short, "Röda Korset Mora": a
    # second, wrong idea-based party
    assert _parties("IOP i Mora\n\nMora kommun inleder ett IOP med Röda Korset Mora krets.")[1] == [
        "Röda Korset Mora krets"
    ]
    assert _parties(
        "IOP i Mora\n\nMora kommun tecknar ett IOP med Mora idrottsförening och Ekby tjejjour."
    )[1] == ["Mora idrottsförening", "Ekby tjejjour"]


def test_a_board_that_decided_to_enter_or_an_administration_that_wrote_an_iop():
    # "Kommunstyrelsen beslutade den D att ingå ett IOP med X" gave the idea-based party only, and
    # an administration that "har skrivit ett IOP-avtal med X" gave no party at all
    assert _parties(
        "IOP i Mora\n\nKommunstyrelsen beslutade den 3 mars 2022 att ingå ett IOP med"
        " Kvinnojouren Mora."
    ) == (["Kommunstyrelsen"], ["Kvinnojouren Mora"])
    assert _parties(
        "IOP i Mora\n\nKultur- och fritidsförvaltningen har skrivit ett IOP-avtal med Mora IK."
    ) == (["Kultur- och fritidsförvaltningen"], ["Mora IK"])
    # guards: a board that decided not to enter, or only to look into it, is no party
    assert (
        _parties(
            "IOP i Mora\n\nKommunstyrelsen beslutade att inte ingå ett IOP med Kvinnojouren Mora."
        )[0]
        == []
    )
    assert (
        _parties(
            "IOP i Mora\n\nKommunstyrelsen beslutade att utreda ett IOP med Kvinnojouren Mora."
        )[0]
        == []
    )


def test_an_amount_paid_within_an_iop_is_no_budget_frame():
    # "inom ramen för ett IOP" ("as part of an IOP") was read as a budget frame, so the yearly sum
    # the municipality pays was no funding flow
    d = extract_text(
        "IOP i Mora\n\nMora kommun ger Kvinnojouren Mora 400 000 kronor per år inom ramen för ett"
        " IOP.",
        "x",
    )
    _quotes_hold(d)
    assert [(f.amount, f.rate_per_year) for f in d.funding_flows] == [(400000, True)]
    # guard: a budget's frame is still a budget frame, not a flow
    d = extract_text(
        "IOP i Mora\n\nInom ramen för budgeten avsätter Mora kommun 400 000 kronor till IOP.", "x"
    )
    assert d.funding_flows == [] and [a.qualifier.value for a in d.mentioned_amounts] == [
        "budget-frame"
    ]


def _decisions(text: str) -> list[tuple[date | None, str | None]]:
    d = extract_text(text, "x")
    _quotes_hold(d)
    return [(x.date, x.body) for x in d.decisions]


def test_a_decision_taken_by_a_board_on_a_full_date():
    # "Beslutet fattades av socialnämnden den D" and "Socialnämnden godkände den D ..." with the
    # year written out were missed (only the forms without a year, or with "antogs av", were read)
    head = "IOP i Mora\n\nMora kommun har ett IOP med Kvinnojouren Mora. "
    assert _decisions(head + "Beslutet fattades av socialnämnden den 5 maj 2022.") == [
        (date(2022, 5, 5), "socialnämnden")
    ]
    assert _decisions(head + "Socialnämnden godkände den 5 maj 2022 avtalet.") == [
        (date(2022, 5, 5), "socialnämnden")
    ]
    # guards: a board that only discussed, and a photo that was taken, are no decisions
    assert _decisions(head + "Socialnämnden diskuterade den 5 maj 2022 avtalet.") == []
    assert _decisions(head + "Bilden togs i socialnämnden den 5 maj 2022.") == []


def test_a_pair_that_extends_its_partnership():
    # "X och Region Y förlänger sitt partnerskap" named no party (only signing verbs were read), and
    # "förlänger sitt IOP till och med 2026" gave no end of the period
    text = "IOP i Mora\n\nBrottsofferjouren Mora och Region Mora förlänger sitt partnerskap."
    assert _parties(text) == (["Region Mora"], ["Brottsofferjouren Mora"])
    assert _period(text.replace("partnerskap.", "partnerskap till och med 2026.")) == (
        None,
        date(2026, 12, 31),
    )
    # guard: a pair that only discusses an extension is no pair of parties
    assert _parties(text.replace("förlänger", "diskuterar")) == ([], [])
