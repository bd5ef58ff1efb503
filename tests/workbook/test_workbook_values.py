"""Swedish amounts, dates, organisation numbers and place names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from iopkg.workbook.importer import reference
from iopkg.workbook.values import BadValue, check_orgnr, parse_amount, parse_date


@pytest.mark.parametrize(
    ("text", "value", "per_year"),
    [
        ("1 686 000 kr", Decimal("1686000"), False),
        ("1\u00a0686\u00a0000 kr", Decimal("1686000"), False),
        ("1 686 000,50", Decimal("1686000.50"), False),
        ("1,3 mnkr", Decimal("1300000"), False),
        ("650 tkr", Decimal("650000"), False),
        ("380 000 kr/år", Decimal("380000"), True),
        ("1 000 000 kronor per år", Decimal("1000000"), True),
        ("1.686.000 kr", Decimal("1686000"), False),
        (520000, Decimal("520000"), False),
    ],
)
def test_amounts(text, value, per_year):
    assert parse_amount(text) == (value, per_year)


@pytest.mark.parametrize(
    "text",
    ["", "kr", "12 kg", "-5 kr", "0 kr", "1 686 000 € ", "9" * 40 + " mnkr", 1e40, float("nan")],
)
def test_bad_amounts(text):
    with pytest.raises(BadValue):
        parse_amount(text)


def test_dates():
    assert parse_date("2023-01-01") == dt.date(2023, 1, 1)
    assert parse_date("1 januari 2023") == dt.date(2023, 1, 1)
    assert parse_date("31 december 2023") == dt.date(2023, 12, 31)
    assert parse_date("2023") == dt.date(2023, 1, 1)
    assert parse_date(2023, end=True) == dt.date(2023, 12, 31)
    for bad in ("2023-02-30", "30 februari 2023", "igår", "1 jan 2023"):
        with pytest.raises(BadValue):
            parse_date(bad)


def test_organisation_numbers_and_personnummer():
    assert check_orgnr("8450008175") == "845000-8175"
    for personal in ("811228-9874", "19811228-9874", "8112289874"):
        with pytest.raises(BadValue, match="personal identity number"):
            check_orgnr(personal)
    with pytest.raises(BadValue, match="check digit"):
        check_orgnr("845000-8176")


def test_places_by_name_code_and_suggestion():
    places = reference().places
    assert places.resolve("Enköping") == ("m", "0381")
    assert places.resolve("0381") == ("m", "0381")
    assert places.resolve(381) == ("m", "0381")
    assert places.resolve("Region Värmland") == ("r", "17")
    assert places.resolve("17") == ("r", "17")
    with pytest.raises(BadValue, match="did you mean Enköpings kommun"):
        places.resolve("Enköpng")
