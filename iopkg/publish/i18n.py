"""The site's two languages: Swedish first (the root of the site), English under ``en/``.

Words of the interface, money and numbers in each language's format, and the path of a page in
either language.

>>> money(1686000, Lang.sv)
'1 686 000 kr'
>>> money(1686000.4, Lang.en)
'SEK 1,686,000'
>>> number(2500, Lang.sv), number(None, Lang.sv)
('2 500', '')
>>> localised("id/agreement/x.html", Lang.en)
'en/id/agreement/x.html'
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

#: Swedish groups thousands with a space (the Language Council's rule); pages keep a figure on
#: one line with CSS (``white-space: nowrap``), so the text stays a plain space to copy and search.
NBSP = " "


class Lang(StrEnum):
    """A language of the site; Swedish first."""

    sv = "sv"
    en = "en"

    @property
    def other(self) -> Lang:
        """The other language (for the switch)."""
        return Lang.en if self is Lang.sv else Lang.sv

    @property
    def prefix(self) -> str:
        """The folder of the language's pages ("" for Swedish, "en/" for English)."""
        return "" if self is Lang.sv else "en/"


def localised(path: str, lang: Lang) -> str:
    """The path of a page (relative to the site's root) in ``lang``."""
    return lang.prefix + path


#: The quantum of each usual number of decimals, and the integers that quantize exactly.
_STEPS = {d: Decimal(1).scaleb(-d) for d in range(4)}
_BIG = 10**27


def number(value: int | float | Decimal | None, lang: Lang, decimals: int = 0) -> str:
    """A number with the thousands separator of ``lang`` ("" for None), rounded to ``decimals``
    as Swedish amounts are rounded: a half away from zero (2,50 kr is 3 kr, not 2 as banker's
    rounding gave).

    >>> number(Decimal("2.5"), Lang.sv), number(Decimal("3.5"), Lang.sv), number(-0.125, Lang.en, 2)
    ('3', '4', '-0.13')
    """
    if value is None:
        return ""
    if type(value) is int and decimals == 0 and -_BIG < value < _BIG:
        text = f"{value:,}"  # what the Decimal below gives, without it (pages format thousands)
    else:
        try:
            d = value if type(value) is Decimal else Decimal(str(value))
            q = d.quantize(_STEPS.get(decimals) or Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        except InvalidOperation:  # INF, NaN, 1e300: shown as written (iopkg validate reports it)
            return str(value)
        text = f"{q:,.{decimals}f}"
    if lang is Lang.sv:
        text = text.replace(",", NBSP).replace(".", ",")
    return text


def money(value: int | float | Decimal | None, lang: Lang, decimals: int = 0) -> str:
    """An amount in SEK as a reader of ``lang`` writes it ("" for None)."""
    if value is None:
        return ""
    text = number(value, lang, decimals)
    return f"{text}{NBSP}kr" if lang is Lang.sv else f"SEK{NBSP}{text}"


#: Words of the interface, by key and language.
WORDS: dict[str, dict[Lang, str]] = {
    k: {Lang.sv: sv, Lang.en: en}
    for k, sv, en in (
        ("site", "IOP-överenskommelser i Sverige", "IOP agreements in Sweden"),
        (
            "intro",
            "Överenskommelser om idéburet offentligt partnerskap (IOP) som öppna länkade data.",
            "Agreements on idea-based public partnership (IOP) as open linked data.",
        ),
        ("home", "Start", "Home"),
        ("search", "Sök och filtrera", "Search and filter"),
        ("ontology", "Ontologi", "Ontology"),
        ("catalogue", "Katalog", "Catalogue"),
        ("switch", "In English", "På svenska"),
        ("agreement", "Överenskommelse", "Agreement"),
        ("agreements", "Överenskommelser", "Agreements"),
        ("organisation", "Organisation", "Organisation"),
        ("organisations", "Organisationer", "Organisations"),
        ("municipality", "Kommun", "Municipality"),
        ("municipalities", "Kommuner", "Municipalities"),
        ("county", "Län", "County"),
        ("counties", "Län", "Counties"),
        ("decision", "Beslut", "Decision"),
        ("decisions", "Beslut", "Decisions"),
        ("name", "Namn", "Name"),
        ("kind", "Slag", "Kind"),
        ("party", "Idéburen part", "Idea-based party"),
        ("public_party", "Offentlig part", "Public party"),
        ("parties", "Parter", "Parties"),
        ("period", "Period", "Period"),
        ("start", "Start", "Start"),
        ("end", "Slut", "End"),
        ("year", "År", "Year"),
        ("total", "Totalt", "Total"),
        ("funding", "Pengar", "Money"),
        ("funding_total", "Pengar totalt", "Money in total"),
        ("money_per_year", "Pengar per år", "Money per year"),
        ("municipal", "kommunal budget", "municipal budget"),
        ("state", "statligt bidrag", "state grant"),
        ("other", "annan källa", "other source"),
        ("per_inhabitant", "Per invånare", "Per inhabitant"),
        ("population", "Invånare", "Inhabitants"),
        ("population_year", "Befolkningsår", "Population year"),
        ("summary", "Sammanfattning", "Summary"),
        ("facts", "Alla uppgifter med källor", "Every fact with its sources"),
        ("sources", "Källdokument", "Source documents"),
        ("quotes", "Citat ur källorna", "Quoted from the sources"),
        ("related", "Hänger ihop med", "Related"),
        ("rests_on", "Vilar på detta beslut", "Resting on this decision"),
        ("in_municipalities", "i kommunerna", "in the municipalities"),
        ("focus_area", "Fokusområde", "Focus area"),
        ("source_of_funds", "Finansieringskälla", "Source of funds"),
        ("year_active", "Aktiv år", "Active in year"),
        ("no_money", "Inga belopp angivna", "No amounts given"),
        ("chart", "Pengar per kommun och år", "Money per municipality and year"),
        (
            "chart_alt",
            "Stapeldiagram: pengar per kommun och år, uppdelat på finansieringskälla",
            "Bar chart: money per municipality and year, split by source of funds",
        ),
        ("downloads", "Nedladdningar", "Downloads"),
        ("file", "Fil", "File"),
        ("format", "Format", "Format"),
        ("bytes", "Byte", "Bytes"),
        (
            "personal",
            "Den här publiceringen innehåller personuppgifter (namn och e-postadresser).",
            "This publication includes personal data (names and e-mail addresses of persons).",
        ),
        (
            "no_chart",
            "Den här publiceringen gjordes utan jämförelsediagram.",
            "This build was made without the comparison chart.",
        ),
        (
            "search_label",
            "Sök i titlar, parter och verksamheter",
            "Search titles, parties and activities",
        ),
        ("results", "Träffar", "Matches"),
        ("counting", "räknar resten …", "counting the rest …"),
        (
            "nothing",
            "Det finns inga avtal att söka bland ännu.",
            "There are no agreements to search yet.",
        ),
        ("download_csv", "Ladda ner CSV", "Download CSV"),
        ("download_xlsx", "Ladda ner XLSX", "Download XLSX"),
        ("all", "Alla", "All"),
        ("checksums", "Kontrollsummor finns också i", "Checksums also in"),
        ("type", "Typ", "Type"),
        ("decided_by", "Beslutat av", "Decided by"),
        ("date", "Datum", "Date"),
        ("network", "Nätverket av pengar", "The funding network"),
        ("loading", "Laddar …", "Loading …"),
    )
}


def word(key: str, lang: Lang) -> str:
    """The interface word ``key`` in ``lang``."""
    return WORDS[key][lang]
