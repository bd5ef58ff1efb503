"""Parsers for the ways Swedish documents write amounts, dates, periods, paragraphs and numbers.

Each parser takes a string and returns a typed value or ``None``; none of them raises on odd input.

>>> parse_amount("1,3 mnkr")
Decimal('1300000')
>>> parse_date("31 januari 2019")
datetime.date(2019, 1, 31)
>>> parse_paragraph("16 §")
16
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

MONTHS: dict[str, int] = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

#: A date as Swedish documents write it: ISO, or "31 januari 2019" / "1 jan. 2022".
DATE_RE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:\s|\u00a0)+(?:{MONTH_RE})\.?(?:\s|\u00a0)+\d{{4}})"
)
SEASONS: dict[str, tuple[int, int]] = {
    "våren": (1, 6), "vår": (1, 6), "sommaren": (6, 8), "hösten": (8, 12), "höst": (8, 12),
    "vintern": (1, 2),
}  # fmt: skip

_UNITS = {
    "kr": 1, "kronor": 1, "sek": 1, ":-": 1,
    "tkr": 1000, "tusen kronor": 1000, "tsek": 1000,
    "mnkr": 1_000_000, "mkr": 1_000_000, "msek": 1_000_000, "miljon kronor": 1_000_000,
    "miljoner kronor": 1_000_000, "miljoner": 1_000_000, "miljon": 1_000_000,
    "mdkr": 1_000_000_000,
}  # fmt: skip
UNIT_RE = r"(?:miljoner kronor|miljon kronor|tusen kronor|miljoner|miljon|mnkr|mdkr|mkr|msek|tsek|tkr|kronor|kr|sek)"

_ONES = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8,
    "nio": 9, "tio": 10, "elva": 11, "tolv": 12, "tretton": 13, "fjorton": 14, "femton": 15,
    "sexton": 16, "sjutton": 17, "arton": 18, "nitton": 19, "tjugo": 20, "trettio": 30,
    "fyrtio": 40, "femtio": 50, "sextio": 60, "sjuttio": 70, "åttio": 80, "nittio": 90,
}  # fmt: skip
_WORD_TOKENS = sorted([*_ONES, "hundra", "tusen", "halv", "halvannan"], key=len, reverse=True)
_WORD_TOKEN_RE = re.compile("|".join(_WORD_TOKENS))
#: A number written in words ("fyra", "tvåhundrafemtiotusen", "en halv").
NUMBER_WORDS_RE = rf"(?:(?:{'|'.join(_WORD_TOKENS)})(?:\s?(?:{'|'.join(_WORD_TOKENS)}))*)"
#: A number written in digits, with space or dot thousands and a decimal comma.
NUMBER_RE = r"(?:\d{1,3}(?:[ \u00a0.]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"


def parse_number_words(text: str) -> Decimal | None:
    """Read a Swedish number written in words.

    :param text: e.g. ``"fyra"``, ``"tvåhundrafemtiotusen"``, ``"en halv"``.
    :returns: the number, or ``None`` when the text is not a number in words.

    >>> parse_number_words("tvåhundrafemtiotusen")
    Decimal('250000')
    """
    s = re.sub(r"\s+", "", text.lower())
    if not s:
        return None
    if s in ("enhalv", "ettoch enhalv", "halvannan"):
        return Decimal("0.5") if s == "enhalv" else Decimal("1.5")
    pos, total, current = 0, 0, 0
    while pos < len(s):
        m = _WORD_TOKEN_RE.match(s, pos)
        if not m:
            return None
        tok = m.group(0)
        pos = m.end()
        if tok == "hundra":
            current = (current or 1) * 100
        elif tok == "tusen":
            total += (current or 1) * 1000
            current = 0
        elif tok in ("halv", "halvannan"):
            return None
        else:
            current += _ONES[tok]
    return Decimal(total + current)


def parse_number(text: str) -> Decimal | None:
    """Read a number in digits ("520 000", "1,3", "1.400") or in words.

    :param text: the number as written.
    :returns: the value, or ``None``.

    >>> parse_number("520 000")
    Decimal('520000')
    """
    s = text.strip().replace("\u00a0", " ")
    if re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", s):
        s = s.replace(" ", "").replace(".", "")
    s = s.replace(",", ".")
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        try:
            return Decimal(s)
        except InvalidOperation:  # pragma: no cover - guarded by the regex
            return None
    return parse_number_words(text)


def parse_amount(text: str) -> Decimal | None:
    """Read a sum of money in Swedish kronor and return it in kronor.

    :param text: e.g. ``"520 000 kr"``, ``"520 tkr"``, ``"1,3 mnkr"``, ``"fyra miljoner kronor"``.
    :returns: the amount in SEK, or ``None`` when the text is not an amount.

    >>> parse_amount("upp till fyra miljoner kronor") is None
    True
    >>> parse_amount("fyra miljoner kronor")
    Decimal('4000000')
    >>> parse_amount("9" * 40 + " mnkr") is None
    True
    """
    s = re.sub(r"\s+", " ", text.strip().lower())
    if s.startswith("en halv miljon") or s.startswith("halv miljon"):
        return Decimal(500000)
    m = re.fullmatch(rf"({NUMBER_RE}|{NUMBER_WORDS_RE}) ?({UNIT_RE})", s)
    if not m:
        return None
    number = parse_number(m.group(1))
    if number is None:
        return None
    value = number * _UNITS[m.group(2)]
    try:
        return value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    except InvalidOperation:  # more than 28 digits of kronor ("10^40 mnkr"): no amount
        return None


def parse_date(text: str) -> date | None:
    """Read a day: ``"2019-07-01"``, ``"31 januari 2019"``, ``"1 jan. 2022"``.

    :param text: the date as written.
    :returns: the date, or ``None`` when it is not a valid date.

    >>> parse_date("2019-02-30") is None
    True
    """
    s = re.sub(r"\s+", " ", text.strip().lower())
    try:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = re.fullmatch(rf"(\d{{1,2}}) ({MONTH_RE})\.? (\d{{4}})", s)
        if m:
            return date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None
    return None


def end_of_month(year: int, month: int) -> date:
    """Last day of a month.

    :param year: the year.
    :param month: 1–12.

    >>> end_of_month(2024, 2)
    datetime.date(2024, 2, 29)
    """
    first_next = date(year + (month == 12), month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def parse_paragraph(text: str) -> int | None:
    """Read a paragraph number: ``"§ 16"``, ``"§16"``, ``"16 §"``, ``"paragraf 16"``.

    :param text: the paragraph as written.
    :returns: the positive number, or ``None``.

    >>> parse_paragraph("§16")
    16
    """
    m = re.fullmatch(r"\s*(?:§\s*(\d{1,4})|(\d{1,4})\s*§|paragraf\s+(\d{1,4}))\s*", text)
    if not m:
        return None
    n = int(next(g for g in m.groups() if g))
    return n if n > 0 else None


#: A registry number: "SO 2019/0089", "SN 2018/0098", "Dnr KS 2016/123", "KS 2016.123".
REGISTRY_RE = r"\b(?:[Dd]nr\.?:?\s*)?([A-ZÅÄÖ]{1,5}(?:[- ][A-ZÅÄÖ]{1,4})?)\s?(\d{4})[/.](\d{1,5})\b"


def parse_registry_number(text: str) -> str | None:
    """Normalise a registry number to ``"PREFIX YYYY/NNNN"``.

    :param text: e.g. ``"Dnr KS 2016/123"``.
    :returns: the number without "Dnr", or ``None``.

    >>> parse_registry_number("Dnr KS 2016/123")
    'KS 2016/123'
    """
    m = re.fullmatch(r"\s*" + REGISTRY_RE + r"\s*", text)
    if not m:
        return None
    return f"{m.group(1)} {m.group(2)}/{m.group(3)}"
