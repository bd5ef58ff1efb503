"""The Swedish wordings issue 7 lists, one by one, through the parsers and the extractor."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from iopkg.extract import extract_file, extract_text
from iopkg.extract.parse import parse_amount, parse_date, parse_paragraph, parse_registry_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("520 000 kr", 520000), ("520 tkr", 520000), ("1,3 mnkr", 1300000),
        ("1 miljon kronor", 1000000), ("fyra miljoner kronor", 4000000),
        ("tvåhundrafemtiotusen kronor", 250000), ("752 734 kr", 752734), ("62 500 kronor", 62500),
    ],
)  # fmt: skip
def test_amounts(text, value):
    assert parse_amount(text) == Decimal(value)


@pytest.mark.parametrize("text", ["520 000", "310 besök", "1400 volontärstimmar", "kr"])
def test_numbers_that_are_not_money(text):
    assert parse_amount(text) is None


def test_ceiling_rate_and_counts_in_a_sentence():
    t = (
        "Kommunen betalar upp till fyra miljoner kronor. Föreningen får 250 000 kr per kalenderår"
        " under 2022–2023. Ca 310 besök och 1400 volontärstimmar under 2018."
    )
    flows = extract_text(t, "x.txt").funding_flows
    assert [(f.amount, f.ceiling, f.rate_per_year) for f in flows] == [
        (Decimal(4000000), True, False),
        (Decimal(250000), False, True),
    ]
    assert (flows[1].start, flows[1].end) == (date(2022, 1, 1), date(2023, 12, 31))


@pytest.mark.parametrize(
    ("text", "value"),
    [("31 januari 2019", date(2019, 1, 31)), ("2019-07-01", date(2019, 7, 1)),
     ("1 jan 2022", date(2022, 1, 1)), ("31 dec. 2024", date(2024, 12, 31))],
)  # fmt: skip
def test_dates(text, value):
    assert parse_date(text) == value


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Avtalet gäller 1 jan 2022 – 31 dec 2024.", date(2022, 1, 1), date(2024, 12, 31)),
        ("Avtalet gäller 2023–2025.", date(2023, 1, 1), date(2025, 12, 31)),
        ("Datum: 2021-09-27\nVi ska ingå en överenskommelse i tre år från och med årsskiftet.",
         date(2022, 1, 1), date(2024, 12, 31)),
        ("Överenskommelsen gäller från hösten 2017.", date(2017, 8, 1), date(2017, 12, 31)),
    ],
)  # fmt: skip
def test_periods(text, start, end):
    p = extract_text(text, "x.txt").period
    assert p is not None and (p.start, p.end) == (start, end)


@pytest.mark.parametrize("text", ["§ 16", "§16", "16 §"])
def test_paragraphs(text):
    assert parse_paragraph(text) == 16


@pytest.mark.parametrize(
    ("text", "value"),
    [("SO 2019/0089", "SO 2019/0089"), ("SN 2018/0098", "SN 2018/0098"),
     ("Dnr KS 2016/123", "KS 2016/123")],
)  # fmt: skip
def test_registry_numbers(text, value):
    assert parse_registry_number(text) == value


def test_page_headers_mid_sentence_are_skipped():
    head = "\n\n2019-06-07\n\nDiarienummer\n\nSO 2019/0089\n\n"
    t = f"Tjänsteskrivelse{head}Föreningen får{head}520 tkr för perioden 2019-07-01 till 2020-06-30.{head}"  # noqa: E501
    d = extract_text(t, "x.txt")
    assert d.document_date is not None and d.document_date.value == date(2019, 6, 7)
    [f] = d.funding_flows
    assert (f.amount, f.start) == (Decimal(520000), date(2019, 7, 1))
    assert t[f.quote.start : f.quote.end] == f.quote.text


def _pdf(path, text):
    w = PdfWriter()
    page = w.add_blank_page(width=595, height=842)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                             NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})  # fmt: skip
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): w._add_object(font)})}
    )
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = w._add_object(stream)
    with open(path, "wb") as f:
        w.write(f)


def test_pdf_text_is_read(tmp_path):
    pdf = tmp_path / "avtal.pdf"
    _pdf(pdf, "Uppsagningstiden ar 3 manader. Foreningen far 520 tkr under 2020.")
    d = extract_file(pdf)
    assert [f.amount for f in d.funding_flows] == [Decimal(520000)]
