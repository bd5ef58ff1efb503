"""Money in drafts (iopkg/extract/money.py): which year an amount is for. Every sentence here is
written for the test (made-up organisation; Mora stands for any municipality in the reference
data)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from test_extract_prose import _quotes_hold

from iopkg.extract.core import extract_text

_IOP = " Mora kommun och Föreningen Vinterljus har ingått ett idéburet offentligt partnerskap."


@pytest.mark.parametrize(
    "sentence",
    [
        # the sentence opens with the first amount's year; the second names its own after it
        "För 2021 beviljar Mora kommun Föreningen Vinterljus 380 000 kronor och 650 000 kronor"
        " för 2022.",
        # the same across a line break, as PDF text often has it
        "För 2021 beviljar Mora kommun Föreningen Vinterljus 380 000 kronor\noch 650 000 kronor"
        " för 2022.",
        # each year after its amount
        "Mora kommun beviljar 380 000 kronor för 2021 och 650 000 kronor för år 2022.",
    ],
)
def test_an_amount_with_its_own_year_is_not_dated_by_the_opening_one(sentence):
    d = extract_text(sentence + _IOP, "x.txt")
    _quotes_hold(d)
    got = sorted((f.amount, f.start, f.end) for f in d.funding_flows)
    assert got == [
        (Decimal(380000), date(2021, 1, 1), date(2021, 12, 31)),
        (Decimal(650000), date(2022, 1, 1), date(2022, 12, 31)),
    ]


def test_an_opening_year_still_dates_the_amounts_that_name_none():
    s = "För 2017 fastställs stödet till Föreningen Vinterljus till 1 428 000 kronor."
    [f] = extract_text(s + _IOP, "x.txt").funding_flows
    assert (f.amount, f.start, f.end) == (Decimal(1428000), date(2017, 1, 1), date(2017, 12, 31))


_SHARES = (
    "Mora kommun har ingått IOP med tre föreningar. Så fördelas pengarna:\n\n"
    "Föreningen Vinterljus 1 378 000 kronor.\n\nEkby IF 495 000 kronor.\n\n"
    "Studieförbundet Ekby 1 112 000 kronor.\n"
)


def test_a_list_sharing_a_sum_among_recipients_gives_shares_not_flows():
    d = extract_text(_SHARES, "x.txt")
    _quotes_hold(d)
    assert d.funding_flows == []
    got = sorted((m.amount, m.qualifier.value) for m in d.mentioned_amounts)
    assert got == [(Decimal(495000), "share"), (Decimal(1112000), "share"),
                   (Decimal(1378000), "share")]  # fmt: skip


def test_one_recipient_line_is_still_the_agreements_money():
    t = (
        "Mora kommun har ingått IOP med Föreningen Vinterljus.\n\n"
        "Föreningen Vinterljus 495 000 kronor.\n"
    )
    [f] = extract_text(t, "x.txt").funding_flows
    assert f.amount == Decimal(495000)


def test_what_an_association_sought_is_applied_for():
    t = _IOP + " Föreningen Vinterljus sökte 2.148.924 kronor."
    d = extract_text(t, "x.txt")
    assert d.funding_flows == []
    assert [(m.amount, m.qualifier.value) for m in d.mentioned_amounts] == [
        (Decimal(2148924), "applied-for")
    ]
