"""Sentences, quotes and municipality names: the small tools the field extractors share.

>>> t = "Första meningen. Andra meningen."
>>> sentence_span(t, 20)
(17, 32)
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from iopkg.extract.model import Quote

#: Half the longest stretch treated as one sentence; text without boundaries is cut into windows.
MAX_SENTENCE = 300

_BOUNDARY = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\-•*–])|\n\s*\n|\n(?=\s*[-•*]\s)|•|\t")


@lru_cache(maxsize=8)
def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences, bullets and paragraphs of a text (cached: many extractors
    ask for the same text; callers must not change the list).

    :param text: the (masked) document text.
    """
    return [0, *(m.end() for m in _BOUNDARY.finditer(text))]


def sentence_span(text: str, pos: int, bounds: list[int] | None = None) -> tuple[int, int]:
    """The sentence around ``pos`` as ``(start, end)``, leading and trailing blanks left out.

    :param text: the text.
    :param pos: an offset inside it.
    :param bounds: :func:`sentence_bounds` of the text, if already computed.
    """
    b = bounds if bounds is not None else sentence_bounds(text)
    i = bisect.bisect_right(b, pos) - 1
    start = b[max(i, 0)]
    end = b[i + 1] if i + 1 < len(b) else len(text)
    if end - start > 2 * MAX_SENTENCE:  # no boundary for long: a window, so work stays linear
        start, end = max(start, pos - MAX_SENTENCE), min(end, pos + MAX_SENTENCE)
    return trim(text, start, end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move ``start`` and ``end`` inwards past blanks, bullets and separators.

    :param text: the text.
    :param start: start offset.
    :param end: end offset (exclusive).
    """
    while start < end and (text[start].isspace() or text[start] in "-•*\t"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "•\t"):
        end -= 1
    return start, end


def quote(original: str, start: int, end: int) -> Quote:
    """A :class:`Quote` of the original text between two offsets (trimmed of blanks).

    :param original: the unmasked source text.
    :param start: start offset.
    :param end: end offset (exclusive).

    >>> quote("  § 16 ", 0, 7)
    Quote(text='§ 16', start=2, end=6)
    """
    s, e = trim(original, start, end)
    return Quote(original[s:e], s, e)


@lru_cache(maxsize=1)
def municipality_names() -> dict[str, str]:
    """Swedish municipality names (lower case, without "kommun") mapped to their SCB codes.

    Read from the project's ``data/reference/municipalities.ttl``; empty when it is absent.
    """
    from iopkg.graph import default_project

    path = default_project().data_dir / "reference" / "municipalities.ttl"
    try:
        ttl = path.read_text(encoding="utf-8")
    except OSError:
        return {}
    names: dict[str, str] = {}
    for block in ttl.split("\n\n"):
        code = re.search(r'iop:municipalityCode "(\d{4})"', block)
        alt = re.search(r'skos:altLabel "([^"]+)"@sv', block)
        if code and alt:
            names[alt.group(1).lower()] = code.group(1)
    return names


@lru_cache(maxsize=1)
def city_districts() -> dict[str, str]:
    """City district areas (lower case) mapped to the SCB code of the city they belong to.

    Read from the project's ``data/reference/stockholm-districts.csv`` (each row with the public
    page it was taken from and the day it was read); empty when the file is absent.

    >>> city_districts().get("norrmalm")
    '0180'
    """
    import csv

    from iopkg.graph import default_project

    path = default_project().data_dir / "reference" / "stockholm-districts.csv"
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return {r["district"].lower(): r["municipality_code"] for r in csv.DictReader(f)}
    except OSError:
        return {}
