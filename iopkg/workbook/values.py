"""Cell values as Swedish publishers write them: amounts, dates, years, organisation numbers,
municipalities and regions.

Each parser returns the value or raises :class:`BadValue` with a message in English and Swedish.

>>> parse_amount("1 686 000 kr")
(Decimal('1686000'), False)
>>> parse_amount("1,3 mnkr")
(Decimal('1300000.0'), False)
>>> parse_amount("650 tkr/år")
(Decimal('650000'), True)
>>> parse_date("1 januari 2023")
datetime.date(2023, 1, 1)
>>> parse_date("2023", end=True)
datetime.date(2023, 12, 31)
>>> check_orgnr("845000-8175")
'845000-8175'
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox
from stdnum.se import orgnr as se_orgnr
from stdnum.se import personnummer as se_personnummer

from iopkg.errors import BadValue
from iopkg.namespaces import IOP, RDF, RDFS, SKOS

_MULTIPLIERS = {
    "": 1,
    "kr": 1,
    "kronor": 1,
    "sek": 1,
    ":-": 1,
    "tkr": 1000,
    "tsek": 1000,
    "tusen kronor": 1000,
    "tusen kr": 1000,
    "mnkr": 1_000_000,
    "mkr": 1_000_000,
    "msek": 1_000_000,
    "miljoner kronor": 1_000_000,
    "miljon kronor": 1_000_000,
    "milj kr": 1_000_000,
    "milj. kr": 1_000_000,
    "mn kr": 1_000_000,
}
_PER_YEAR = re.compile(r"\s*(?:/\s*år|per\s+år|om\s+året|årligen)\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"^([0-9][0-9 \u00a0\u202f.]*(?:,[0-9]+)?|[0-9]+(?:\.[0-9]+)?)\s*(.*)$")


def parse_amount(text: str | int | float | Decimal) -> tuple[Decimal, bool]:
    """An amount in SEK and whether the text says it is per year (``kr/år``, ``per år``).

    Spaces (also non-breaking) group thousands, ``,`` is the decimal sign; ``tkr`` (thousands)
    and ``mnkr`` (millions) multiply. A bare number from a numeric cell is taken as it is.

    :raises BadValue: when the text is no amount.
    """
    if isinstance(text, bool):
        raise BadValue("a yes/no value is not an amount", "ett ja/nej-värde är inget belopp")
    if isinstance(text, int | float | Decimal):
        value = Decimal(str(text))
        if value.is_nan():  # a numeric cell written as NaN
            raise BadValue("not an amount", "inget belopp")
        if value <= 0:
            raise BadValue(
                "an amount must be greater than zero", "ett belopp ska vara större än noll"
            )
        return _sized(value), False
    raw = " ".join(str(text).split())
    per_year = bool(_PER_YEAR.search(raw))
    raw = _PER_YEAR.sub("", raw)
    m = _NUMBER.match(raw)
    if not m:
        raise BadValue(
            "not an amount; write e.g. 1 686 000 kr, 1 686 000,50, 650 tkr or 1,3 mnkr",
            "inget belopp; skriv t.ex. 1 686 000 kr, 1 686 000,50, 650 tkr eller 1,3 mnkr",
        )
    number, unit = m.group(1).strip(), m.group(2).strip().casefold()
    if unit not in _MULTIPLIERS:
        raise BadValue(
            f"unknown unit {unit!r}; use kr, tkr or mnkr",
            f"okänd enhet {unit!r}; använd kr, tkr eller mnkr",
        )
    digits = re.sub(r"[ \u00a0\u202f]", "", number)
    if "," in digits:
        digits = digits.replace(".", "").replace(",", ".")  # 1.686.000,50
    elif re.fullmatch(r"[0-9]{1,3}(\.[0-9]{3})+", digits):
        digits = digits.replace(".", "")  # 1.686.000
    try:
        value = Decimal(digits) * _MULTIPLIERS[unit]
    except InvalidOperation:
        raise BadValue("not an amount", "inget belopp") from None
    if value <= 0:
        raise BadValue("an amount must be greater than zero", "ett belopp ska vara större än noll")
    return _sized(value), per_year


#: Kronor and öre in Python's 28 significant digits: amounts up to 10^26 kr.
_LARGEST = Decimal(10) ** 26


def _sized(value: Decimal) -> Decimal:
    """``value`` if it is an amount in kronor and öre can hold (:data:`_LARGEST`): a product of
    more digits was rounded to 28 without a word, and is caught here as too large.

    >>> _sized(Decimal("1686000.50"))
    Decimal('1686000.50')
    >>> _sized(Decimal("1E+40"))
    Traceback (most recent call last):
    iopkg.errors.BadValue: too large for an amount (at most 26 digits of kronor)
    """
    if not value < _LARGEST:  # also Infinity from a numeric cell
        raise BadValue(
            "too large for an amount (at most 26 digits of kronor)",
            "för stort för ett belopp (högst 26 siffror kronor)",
        )
    return value


MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "januari februari mars april maj juni juli augusti september oktober november "
        "december".split()
    )
}
_SV_DATE = re.compile(r"^(\d{1,2})\s+([a-zåäö]+)\.?\s+(\d{4})$")


def parse_date(value: object, *, end: bool = False) -> dt.date:
    """A date from ``2023-01-01``, ``1 januari 2023``, a date cell or a year.

    A year alone gives its first day (its last with ``end=True``); callers note that only the
    year was given (see :func:`is_year_only`).

    :raises BadValue: when the value is no date.
    """
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise BadValue("a date, not a time", "ett datum, inte en tidpunkt")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or isinstance(value, float) and not value.is_integer():
        raise BadValue("not a date", "inget datum")
    text = " ".join(str(value).split()).casefold()
    if isinstance(value, int | float):
        text = str(int(value))
    if re.fullmatch(r"\d{4}", text):
        year = int(text)
        if not 1900 <= year <= 2100:
            raise BadValue("year out of range 1900–2100", "året ligger utanför 1900–2100")
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return dt.date.fromisoformat(text)
        m = _SV_DATE.match(text)
        if m and m.group(2) in MONTHS:
            return dt.date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        raise BadValue("no such date", "datumet finns inte") from None
    raise BadValue(
        "not a date; write 2023-01-01, 1 januari 2023 or a year",
        "inget datum; skriv 2023-01-01, 1 januari 2023 eller ett år",
    )


def is_year_only(value: object) -> bool:
    """True when a date cell holds only a year."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\s*\d{4}\s*", value))


def parse_year(value: object) -> int:
    """A year (``2023``).

    :raises BadValue: when the value is no year.
    """
    if isinstance(value, bool) or not re.fullmatch(r"\d{4}", str(value).strip().removesuffix(".0")):
        raise BadValue("not a year; write e.g. 2023", "inget år; skriv t.ex. 2023")
    return int(str(value).strip().removesuffix(".0"))


def parse_int(value: object) -> int:
    """A positive whole number (``§ 16`` and ``16`` both give 16)."""
    text = str(value).strip().removeprefix("§").strip().removesuffix(".0")
    if isinstance(value, bool) or not text.isdigit() or int(text) < 1:
        raise BadValue("not a positive whole number", "inget positivt heltal")
    return int(text)


def check_orgnr(value: object) -> str:
    """A Swedish organisation number, as ``NNNNNN-NNNN``.

    A personnummer (personal identity number) is refused: it is personal data.

    :raises BadValue: when it is no valid organisation number, or is a personnummer.
    """
    text = str(value).strip()
    digits = re.sub(r"[\s-]", "", text)
    if se_personnummer.is_valid(text) or (len(digits) == 10 and digits[2:4] < "20"):
        raise BadValue(
            "this is a personal identity number (personnummer), i.e. personal data; "
            "give the organisation's number or leave the cell empty",
            "detta är ett personnummer, alltså en personuppgift; ange organisationens nummer "
            "eller lämna cellen tom",
        )
    if not se_orgnr.is_valid(digits):
        raise BadValue(
            "not a valid organisation number (NNNNNN-NNNN, check digit)",
            "inget giltigt organisationsnummer (NNNNNN-NNNN, kontrollsiffra)",
        )
    return se_orgnr.format(digits)


def parse_url(value: object) -> str:
    text = str(value).strip()
    if not re.fullmatch(r"https?://[^\s<>\"{}|\\^`]+", text):
        raise BadValue("not an http(s) URL", "ingen http(s)-adress")
    return text


def fold(text: str) -> str:
    """Case, accents and ``kommun``/``län`` folded away, for matching place names."""
    t = unicodedata.normalize("NFKD", text.casefold())
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"\b(kommun|kommuns|stad|municipality|county|lans?|region)\b", " ", t)
    return " ".join(t.split())


@dataclass
class Places:
    """Municipalities and regions of the reference data, by name and SCB code.

    A region is named ``Region X`` after its county (``X län``), code = the county code.
    """

    municipalities: dict[str, str] = field(default_factory=dict)  # code -> sv label
    counties: dict[str, str] = field(default_factory=dict)  # code -> sv label ("Värmlands län")
    _index: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store: ox.Store) -> Places:
        places = cls()
        for kind, code_p, target in (
            (IOP.Municipality, IOP.municipalityCode, places.municipalities),
            (IOP.County, IOP.countyCode, places.counties),
        ):
            for q in store.quads_for_pattern(
                None, ox.NamedNode(str(RDF.type)), ox.NamedNode(str(kind))
            ):
                s = q.subject
                code = next(store.quads_for_pattern(s, ox.NamedNode(str(code_p)), None), None)
                if code is None:
                    continue
                labels = [
                    x.object
                    for x in store.quads_for_pattern(s, ox.NamedNode(str(RDFS.label)), None)
                ]
                sv = next((lab.value for lab in labels if lab.language == "sv"), code.object.value)
                target[code.object.value] = sv
                names = [lab.value for lab in labels]
                names += [
                    x.object.value
                    for x in store.quads_for_pattern(s, ox.NamedNode(str(SKOS.altLabel)), None)
                ]
                kind_key = "m" if target is places.municipalities else "r"
                for name in names:
                    places._index.setdefault(fold(name), (kind_key, code.object.value))
        for code, sv in places.counties.items():
            places._index.setdefault(fold(sv), ("r", code))
            places._index.setdefault(fold(places.region_label(code)), ("r", code))
        return places

    def region_label(self, code: str) -> str:
        """``Region Värmland`` for county 17 (Gotland: ``Region Gotland``)."""
        name = self.counties[code]
        name = re.sub(r"\s+län$", "", name)
        name = name[:-1] if name.endswith("s") and not name.endswith("ss") else name
        return f"Region {name}"

    def choices(self) -> list[str]:
        """Every municipality and region, as a dropdown shows them."""
        muni = sorted(self.municipalities.values(), key=fold)
        regions = sorted((self.region_label(c) for c in self.counties), key=fold)
        return muni + regions

    def resolve(self, value: object, *, region_hint: bool = False) -> tuple[str, str]:
        """``("m", code)`` for a municipality, ``("r", code)`` for a region.

        :param region_hint: a bare name that is both a municipality and a county (Gotland,
            Jönköping ...) is taken as the region.
        :raises BadValue: with the closest names for a misspelling.
        """
        text = str(value).strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            text = f"{int(value):04d}" if int(value) >= 100 else f"{int(value):02d}"
        if re.fullmatch(r"\d{4}", text):
            if text in self.municipalities:
                return ("m", text)
            raise BadValue(f"no municipality has the code {text}", f"ingen kommun har koden {text}")
        if re.fullmatch(r"\d{2}", text):
            if text in self.counties:
                return ("r", text)
            raise BadValue(f"no region has the code {text}", f"ingen region har koden {text}")
        key = fold(text)
        is_region = text.casefold().startswith("region ") or text.casefold().endswith(" län")
        if is_region or region_hint:
            hit = next((c for c, n in self.counties.items() if fold(n) == key), None)
            if hit:
                return ("r", hit)
        if key in self._index:
            return self._index[key]
        close = difflib.get_close_matches(text, self.choices(), n=3, cutoff=0.6)
        if not close:
            folded = {fold(c): c for c in self.choices()}
            close = [folded[f] for f in difflib.get_close_matches(key, list(folded), 3, 0.6)]
        hint_en = f"; did you mean {', '.join(close)}?" if close else ""
        hint_sv = f"; menade du {', '.join(close)}?" if close else ""
        raise BadValue(
            "no such municipality or region" + hint_en, "ingen sådan kommun eller region" + hint_sv
        )


def vocab_lists(store: ox.Store, schemes: dict[str, str]) -> dict[str, dict[str, str]]:
    """For each named scheme, ``{prefLabel@sv: concept IRI}`` plus altLabels and English labels
    (lower-cased keys), read with SPARQL from the vocabulary in ``store``.
    """
    from iopkg.sparql.files import packaged_query
    from iopkg.sparql.source import LocalSource

    query, source = packaged_query("internal/vocabulary-labels"), LocalSource(store)
    out: dict[str, dict[str, str]] = {}
    for name, scheme in schemes.items():
        labels: dict[str, str] = {}
        prefs: dict[str, str] = {}
        for row in source.select(query, {"scheme": ox.NamedNode(scheme)}).solutions():
            label, concept = row["label"].value, row["c"].value
            if row["pref"].value in ("true", "1"):
                prefs[label] = concept
            labels.setdefault(label.casefold(), concept)
        out[name] = {**prefs, **{k: v for k, v in labels.items() if k not in prefs}}
        out[name + ":pref"] = prefs
    return out
