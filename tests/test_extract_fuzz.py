"""Property test: any bytes in give a draft or a one-line ExtractError, never anything else."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from iopkg.errors import ExtractError
from iopkg.extract.core import extract_text
from iopkg.extract.jsonout import draft_to_dict
from iopkg.extract.text import decode

TOKENS = [
    "520 000 kr", "520 tkr", "1,3 mnkr", "1 miljon kronor", "upp till fyra miljoner kronor",
    "250 000 kr per kalenderår", "31 januari 2019", "2019-07-01", "1 jan 2022 – 31 dec 2024",
    "2023–2025", "hösten 2017", "i tre år från och med årsskiftet", "§ 16", "§16", "16 §",
    "SO 2019/0089", "Dnr KS 2016/123", "Offentlig part:", "Ideell part:", "Direkt målgrupp:",
    "Följande funktioner ska ingå i styrgrupp:", "\n- ", "•", "<ul>", "\t", "\n\n", "2019-02-30",
    "Lunds kommun", "Region Skåne", "beslutade", "uppsägningstiden", "senast", "(2016:38)",
    "organisationsnummer 845000-8175", "finansieras av", "Tjänsteskrivelse", "99999999999 kr",
    "0 kr", "tvåhundrafemtiotusen kronor", "mellan A och B", "två (2) tillfällen till",
    "i tre år från och med 29 februari 2024", "Publicerad 7 april 9999",
    "löper i ett år från och med den 7 maj",
    "från och med den 31 april", "(§ 76, diarienummer 0193/15)", "500&nbsp;000&nbsp;kr",
    "9999999999999999999999999999999999999999 mnkr", "1e400 kr",
]  # fmt: skip
text = st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=25).map(" ".join)


def _check(data: bytes) -> None:
    try:
        t = decode(data, "fuzz.txt")
    except ExtractError as e:
        assert "\n" not in str(e) and str(e).startswith("fuzz.txt")
        return
    d = draft_to_dict(extract_text(t, "fuzz.txt"))
    for q in quotes_of(d):
        assert t[q["start"] : q["end"]] == q["text"]


def quotes_of(obj):
    """Every quote (text, start, end) in a draft's JSON, however deep."""
    if isinstance(obj, dict):
        if set(obj) == {"text", "start", "end"}:
            yield obj
        for v in obj.values():
            yield from quotes_of(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from quotes_of(v)


@settings(max_examples=6000, deadline=None, suppress_health_check=list(HealthCheck))
@given(text)
def test_swedish_like_text_never_crashes(s):
    _check(s.encode("utf-8"))


@settings(max_examples=4000, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=200))
def test_any_bytes_never_crash(b):
    _check(b)
