"""Extractors for the document-level fields: type, date, municipality, region, parties, activity,
period, review date and notice (governance fields are in :mod:`iopkg.extract.governance`).

Every extractor reads the masked text ``t`` (see :func:`iopkg.extract.text.mask_noise`) and quotes
the original text ``o``; both have the same length.

>>> document_type("PRESSMEDDELANDE\\nKommunen ...", "PRESSMEDDELANDE\\nKommunen ...")[0]
<DocumentType.press_release: 'press-release'>
"""

from __future__ import annotations

import re
from datetime import MAXYEAR, date

from iopkg.extract.model import (
    DateFact,
    DocumentType,
    IntFact,
    Municipality,
    Party,
    Period,
    Precision,
    Quote,
    TextFact,
)  # fmt: skip
from iopkg.extract.parse import (
    DATE_RE,
    MONTH_RE,
    MONTHS,
    NUMBER_WORDS_RE,
    SEASONS,
    end_of_month,
    parse_date,
    parse_number,
)  # fmt: skip
from iopkg.extract.spans import (
    city_districts,
    municipality_names,
    quote,
    sentence_bounds,
    sentence_span,
)
from iopkg.extract.text import repeated_header_lines

_I = re.IGNORECASE
_NAME = r"[A-ZÅÄÖ][\wåäöÅÄÖ&\-]*(?:\s(?:i|och|för|av|[A-ZÅÄÖ][\wåäöÅÄÖ&\-]*))*"

_DOC_TYPES = [
    (r"tjänsteskrivelse|tjänsteutlåtande|förslag till beslut|beslutsunderlag"
     r"|(?:^|\n)[ \t]*utlåtande\s+(?:19|20)\d{2}:\d{1,4}\b", DocumentType.board_report),
    # (not "säger X i ett pressmeddelande": an article quoting one)
    (r"(?<!\bi ett )(?<!\bi sitt )(?<!\benligt ett )(?<!\bi deras )(?<!\bi kommunens )"
     r"(?<!\bi regionens )pressmeddelande(?!t)|pressinbjudan|pressinformation|press ?release",
     DocumentType.press_release),
    (r"protokollsutdrag|utdrag ur protokoll|sammanträdesprotokoll|protokoll", DocumentType.minutes),
    (r"(?:^|\n)[ \t#*]*(?:överenskommelse om|avtal om|iop-avtal|partnerskapsavtal|överenskommelse\b)(?=[^\n]{0,140}(?:\n|$))(?![^\n]*\b(?:kan|ska|bör|ofta)\b)(?![^\n]{60,}\.[ \t]*(?:\n|$))", DocumentType.agreement),
    # "Denna artikel är äldre än 6 månader": a news site's notice on its older items
    (r"(?<![^\W\d_])nyhet(?:er|en|sartikel(?<!är en nyhetsartikel))?\b|\bpublicera[dt]\b|(?:^|\n)[ \t]*aktuellt\b"
     r"|\b(?:denna|den här) artikel är äldre än\b"
     r"|(?<=[a-zåäö])(?-i:Aktuellt|Nyheter)\b", DocumentType.news),
]  # fmt: skip
#: Words inside a URL ("https://kommun.se/nyheter/...") say nothing about the text.
_URL = re.compile(r"(?:https?://|www\.)\S+", _I)
#: Reported speech, the mark of a news article or press release without a telling word.
_SAYS = re.compile(
    r"(?:,|–|-)\s*säger\s+[A-ZÅÄÖ]|\bsäger\s+[A-ZÅÄÖ][\wåäö]+\s+[A-ZÅÄÖ]"
    # "säger civilminister Eva Ek": a person named by role
    r"|(?:,|–|-)\s*säger\s+[a-zåäö]+\s+[A-ZÅÄÖ][a-zåäö]+\s+[A-ZÅÄÖ][a-zåäö]+"
)


_PUBLISHED_FOOTER = re.compile(
    rf"\b(?:[Ss]enast )?[Pp]ublicerad:?[ \t]+(?:{DATE_RE}|\d{{4}}-\d\d-\d\d)"
)


#: Links below a news item to the site's other news.
_NEWS_FOOTER = re.compile(r"\b(?:Fler|Alla|Senaste|Övriga) nyheter\b|\bTillbaka till nyheter", _I)


#: A photo credit ("Foto: Anna Ek"), the mark of a news article.
_PHOTO_CREDIT = re.compile(r"\b(?:Foto|Bild|Fotograf)[ \t]*:[ \t]*(?=[A-ZÅÄÖ])")
#: How a newspaper names a person: by role before the name ("Enligt kommunalråd Eva Ek"), or
#: pointing at the photo ("Eva Ek (bilden) är direktor"): marks of a news article.
_REPORTED = re.compile(
    r"\b[Ee]nligt\s+(?:kommunalråd(?:et)?|oppositionsråd(?:et)?|förvaltningschef(?:en)?"
    r"|verksamhetschef(?:en)?|socialchef(?:en)?|ordförande(?:n)?|direktör(?:en)?|generalsekreterare(?:n)?)"
    r"\s+[A-ZÅÄÖ][a-zåäö]+\s+[A-ZÅÄÖ][a-zåäö]+"
    r"|\b[A-ZÅÄÖ][a-zåäö]+ \((?:(?:till (?:höger|vänster)|i mitten) )?(?:på )?bilden\)"
)
#: A day named from the day of writing ("i tisdags", "på tisdagen", "under onsdagen"; not "på
#: tisdagen den 4 maj"): how news reports an event, where an agreement or a report gives a date.
_WEEKDAY_SAID = re.compile(
    r"\b(?:[Ii] (?:mån|tis|ons|tors|fre|lör|sön)dags"
    r"|(?:[Pp]å|[Uu]nder) (?:mån|tis|ons|tors|fre|lör|sön)dagen(?!\s+den\b))\b"
)
#: A newspaper's own label on an item: "Detta är en nyhetsartikel."
_NEWS_LABEL = re.compile(r"\bDetta är en nyhetsartikel\b", _I)
#: A date alone on the first line, the headline below it ("Fredag 20 juli 2018", "11 januari
#: 2024"): how a news item opens (an agreement or a report opens with its title).
_DATE_FIRST_LINE = re.compile(
    rf"\A\s*((?:(?:må|ti|on|to|fr|lö|sö)[a-zåäö]*dag(?:en)?\s+)?({DATE_RE}))[ \t]*(?=\n)", _I
)


#: A web page's dateline alone on one of its first lines, day and month, a bar, the year ("10 jan
#: | 2017"): how a blog or news page dates an item below its headline (an agreement or a report
#: dates itself in words or in its header table).
_DAY_BAR_LINE = re.compile(
    rf"(?:^|\n)[ \t]*(\d{{1,2}}\s+(?:{MONTH_RE})\.?[ \t]*\|[ \t]*\d{{4}})[ \t]*(?=\n)", _I
)
#: How far into a text the dateline stands.
_DATELINE_HEAD = 400


def document_type(t: str, o: str) -> tuple[DocumentType, Quote] | None:
    """The kind of document, from the earliest telling word in its first 800 characters
    (words inside URLs do not count); reported speech ("..., säger X") marks news.

    :param t: masked text.
    :param o: original text.
    """
    head = _URL.sub(lambda m: " " * len(m.group(0)), t[:800])
    best: tuple[int, int, DocumentType] | None = None
    for pattern, kind in _DOC_TYPES:
        m = re.search(pattern, head, _I)
        if m and (best is None or m.start() < best[0]):
            s0 = m.start() + len(m.group(0)) - len(m.group(0).lstrip("\n \t#*"))
            best = (s0, m.end(), kind)
    if best is not None and best[2] in (DocumentType.board_report, DocumentType.minutes):
        said = _SAYS.search(t, 0, best[0])
        if said is not None:  # "..., säger X. Två förslag till beslut finns på dagordningen":
            return DocumentType.news, quote(o, said.start(), said.end())  # news about a report
    if best is None:
        m = _SAYS.search(t, 0, min(len(t), 20000))
        if m is None:  # a dated "Senast publicerad: 2018-06-18" in the page footer
            m = _PUBLISHED_FOOTER.search(t, max(0, len(t) - 400))
        if m is None:  # a news page's own link below the item: "Fler nyheter från Famna"
            m = _NEWS_FOOTER.search(t, max(0, len(t) - 400))
        if m is None:  # a photo credit near the top: "Foto: Anna Ek"
            m = _PHOTO_CREDIT.search(t, 0, min(len(t), 2000))
        if m is None:  # a person named by role or photo: "Enligt kommunalråd Eva Ek", "(bilden)"
            m = _REPORTED.search(t, 0, min(len(t), 20000))
        if m is None:  # a day named from the day of writing: "Vid sitt möte i tisdags"
            m = _WEEKDAY_SAID.search(t, 0, min(len(t), 20000))
        if m is None:  # the newspaper's label: "Detta är en nyhetsartikel."
            m = _NEWS_LABEL.search(t, 0, min(len(t), 20000))
        if m is None:  # a dateline below the headline: "10 jan | 2017"
            m = _DAY_BAR_LINE.search(t, 0, min(len(t), _DATELINE_HEAD))
            if m is not None and _bar_date(m) is None:
                m = None
        if m is None:  # a date alone on the first line: "Fredag 20 juli 2018"
            first = _DATE_FIRST_LINE.match(t)
            if first is None or parse_date(first.group(2)) is None:
                return None
            return DocumentType.news, quote(o, first.start(1), first.end(1))
        best = (m.start(), m.end(), DocumentType.news)
    return best[2], quote(o, best[0], best[1])


def document_date(t: str, o: str) -> DateFact | None:
    """The document's own date: a repeated page-header date, "tjänsteutlåtande ... daterat X",
    "Datum: X", or a date standing alone on one of the first lines.

    :param t: masked text.
    :param o: original text.
    """
    for line in repeated_header_lines(o):
        d = parse_date(line)
        if d:
            i = o.find(line)
            return DateFact(d, quote(o, i, i + len(line)))
    m = re.search(
        rf"tjänste(?:utlåtande|skrivelse)[^.\n]{{0,40}}?(?:daterat?|den)\s+({DATE_RE})", t, _I
    )
    if m and (d := parse_date(m.group(1))):
        return DateFact(d, quote(o, m.start(1), m.end(1)))
    m = re.search(
        rf"(?:(?:^|\n|\|)[ \t]*(?:Datum|Sammanträdesdatum)|\bPublicerad)\s{{0,3}}:?[ \t]*"
        rf"(?:(?:må|ti|on|to|fr|lö|sö)\w{{0,5}}\.?\s)?({DATE_RE})",
        t[:20000], _I,
    )  # fmt: skip
    if m and (d := parse_date(m.group(1))):
        return DateFact(d, quote(o, m.start(1), m.end(1)))
    m = _LABEL_ROW.search(t, 0, min(len(t), 3000))
    if m and (d := parse_date(m.group(1))):
        return DateFact(d, quote(o, m.start(1), m.end(1)))
    m = _TYPE_ENGLISH_DATE.search(t, 0, min(len(t), 3000))
    if m and (d := _english_date(m)):
        return DateFact(d, quote(o, m.start(1), m.end(4)))
    m = _BAR_LINE_DATE.search(t, 0, min(len(t), 5000))
    if m and (d := parse_date(m.group(1))):
        return DateFact(d, quote(o, m.start(1), m.end(1)))
    pos, seen = 0, 0
    for line in t.splitlines(keepends=True):
        body = line.strip()
        if body:
            seen += 1
            m = re.fullmatch(rf"(?:[\wåäöÅÄÖ –\-,]{{0,80}}[,:]?\s+(?:den\s+)?)?({DATE_RE})", body)
            if m and re.match(r"(?:start|slut|sista|giltig|from|tom)", body, _I):
                m = None  # a period's start or end, not the document's date
            if m and (d := parse_date(m.group(1))):
                s = pos + line.index(body) + m.start(1)
                return DateFact(d, quote(o, s, s + len(m.group(1))))
            m = _DAY_BAR_YEAR.match(body) or _DATE_FIRST.match(body) or _TYPE_THEN_DATE.match(body)
            if m and (d := _bar_date(m)):
                s = pos + line.index(body)
                return DateFact(d, quote(o, s + m.start(), s + m.end(1)))
        if seen >= 15:
            break
        pos += len(line)
    m = re.search(rf"[Ss]enast (?:uppdaterad|ändrad)(?: den)?:?\s*({DATE_RE})", t)
    if m and (d := parse_date(m.group(1))):
        return DateFact(d, quote(o, m.start(1), m.end(1)))
    return None


#: How far into a text the date of a press release or news item stands (its head).
RELEASE_HEAD = 1000
_UPDATED_BEFORE = re.compile(r"(?:uppdaterad|ändrad|reviderad)\w*\W{0,3}(?:den\s+)?$", _I)


def release_day(
    o: str, document_type: DocumentType | None, document_date: DateFact | None
) -> date | None:
    """The day a press release or news item was written, when its date stands in its head (not a
    "Senast uppdaterad" date): what "idag" means in it. None for every other kind of text.

    :param o: original text.
    :param document_type: the document type found.
    :param document_date: the document date found.
    """
    if (
        document_type not in (DocumentType.press_release, DocumentType.news)
        or document_date is None
    ):
        return None
    s = document_date.quote.start
    if s > RELEASE_HEAD or _UPDATED_BEFORE.search(o, max(0, s - 40), s):
        return None
    return document_date.value


#: A header table flattened to one line, labels first and values after:
#: "Datum: Version: Ansvarig: 2015-01-19 1,0 ..." (the first value is the date).
_LABEL_ROW = re.compile(rf"\bDatum:(?:\s*[A-ZÅÄÖ][a-zåäö]+:){{1,6}}\s*({DATE_RE})")
#: "10 jan | 2017" (a web page's date line).
_DAY_BAR_YEAR = re.compile(rf"(\d{{1,2}}\s+(?:{MONTH_RE})\.?\s*\|\s*\d{{4}})\b", _I)
#: A line that starts with a date and goes on with a time, a bar or a type word:
#: "2014-11-18 10:04Nyheter", "1 juli 2019 | Pressmeddelande".
_DATE_FIRST = re.compile(
    rf"({DATE_RE})(?=\s*(?:(?:kl\.?\s*)?\d{{1,2}}[:.]\d{{2}}|\||[–-]\s|$)|\s*(?:Nyhet|Pressmeddelande|Aktuellt))",
    _I,
)
#: A line that starts with a type word and goes on with the date: "Nyhet · 3 maj 2024",
#: "Nyheter | 2024-05-03", "Pressmeddelande – 3 maj 2024 kl. 10:00".
_TYPE_THEN_DATE = re.compile(
    r"(?:Nyhet(?:er)?|Pressmeddelande|Press release|Aktuellt|Publicerat|Publicerad)"
    rf"[ \t]*[·•|–:\-]?[ \t]*({DATE_RE})(?=\s*(?:(?:kl\.?\s*)?\d{{1,2}}[:.]\d{{2}}|\||$))",
    _I,
)


#: "Pressmeddelande • Dec 12, 2016 11:50 CET": a press room's date in English after the type word.
_EN_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_TYPE_ENGLISH_DATE = re.compile(
    r"\b(?:Pressmeddelande|Nyhet|Press release|News)[ \t]*[•·|–-]?[ \t]*"
    r"((Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?[ \t]+(\d{1,2}),[ \t]+"
    r"((?:19|20)\d{2}))\b"
)
#: "| 2020-02-27" alone on a line below a headline (a magazine's date line).
_BAR_LINE_DATE = re.compile(r"(?:^|\n)[ \t]*\|[ \t]*(\d{4}-\d{2}-\d{2})[ \t]*(?=\n|$)")


def _english_date(m: re.Match[str]) -> date | None:
    try:
        return date(int(m.group(4)), _EN_MONTHS.index(m.group(2).lower()) + 1, int(m.group(3)))
    except ValueError:
        return None


def _bar_date(m: re.Match[str]) -> date | None:
    return parse_date(re.sub(r"\s*\|\s*", " ", m.group(1)))


def municipality(t: str, o: str) -> Municipality | None:
    """The municipality the document is about: the most often named "X kommun".

    :param t: masked text.
    :param o: original text.
    """
    names = municipality_names()
    o, t = _without_related_documents(o), _without_related_documents(t)
    counts: dict[str, list[tuple[int, int]]] = {}
    for m in re.finditer(
        r"\b((?:[A-ZÅÄÖ][\wåäö]+[ \-])?[A-ZÅÄÖ][\wåäö]+)\s+(?i:kommuns?|stads?)\b", o
    ):
        if (
            m.group(0).lower().endswith(("stad", "stads"))
            and _known(m.group(1).lower(), names) is None
        ):
            continue  # "X stad" only for a known municipality (Göteborgs Stad, Malmö stad)
        raw = m.group(1)
        s0 = m.start()
        key = _known(raw.lower(), names)
        if key is None and (" " in raw or "-" in raw):
            last = re.split(r"[ \-]", raw)[-1]
            s0 = m.end(1) - len(last)
            raw = last
            key = _known(raw.lower(), names)
        if key is None and raw.lower() not in _NOT_NAMES:
            key = raw.lower()
        if key is not None:
            counts.setdefault(key, []).append((s0, m.end()))
    named_as_municipality = bool(counts)
    _count_in_place(o, names, counts)
    if counts and not named_as_municipality and len(_REGION_ACTS.findall(o, 0, 20_000)) >= 2:
        return None  # a region's text naming towns only as places ("finns i Jönköping")
    if not counts:
        found = _named_otherwise(o, names)
        if found is None:
            return None
        key, s, e = found
        return Municipality(key[:1].upper() + key[1:], names[key], quote(o, s, e))
    known = {k: v for k, v in counts.items() if k in names}
    pool = known or {k: v for k, v in counts.items() if len(v) >= 2}
    if not pool:
        return None
    key = max(pool, key=lambda k: (len(pool[k]), -pool[k][0][0]))
    if len(known) > 1:
        second = max(len(v) for k, v in known.items() if k != key)
        if 2 * second >= len(known[key]) and second >= 1 and len(known[key]) < 6:
            own = _not_as_examples(t, known)
            if own is None:
                return None  # about several municipalities: none of them is "the" one
            key = own
    s, e = pool[key][0]
    name = key[:1].upper() + key[1:] if key in names else o[s:e].split()[0]
    return Municipality(name if key in names else name, names.get(key), quote(o, s, e))


#: A region named as one ("Region Jönköpings län"), not a municipality.
_REGION_ACTS = re.compile(r"\bRegion\s+[A-ZÅÄÖ][\wåäö]+")


#: A document site's list of other documents below the page's title: "Relevanta dokument".
_RELATED_DOCUMENTS = re.compile(r"(?:^|\n)[ \t]*Relevanta dokument[ \t]*\n")
#: A line longer than this is the page's own text again, not another document's title.
_TITLE_LINE = 200


def _without_related_documents(text: str) -> str:
    """The text with a document site's list of other documents' titles blanked out (offsets
    kept): "Relevanta dokument" and the short lines after it, up to the first long one. The
    places in those titles ("Överenskommelse ... mellan Göteborgs Stad och ...") are not the
    page's."""
    m = _RELATED_DOCUMENTS.search(text)
    if m is None:
        return text
    end = m.end()
    for line in text[m.end() :].split("\n"):
        if len(line) > _TITLE_LINE:
            break
        end += len(line) + 1
    end = min(end, len(text))
    return text[: m.start()] + re.sub(r"[^\n]", " ", text[m.start() : end]) + text[end:]


#: A sentence that names places as examples ("Några exempel på IOP är Ale kommun och ...").
_EXAMPLES = re.compile(
    r"\bexempel\b|\bexempelvis\b|\bt\.\s?ex\.|\bbland annat\b|\bsom tagit efter\b", _I
)


def _not_as_examples(t: str, known: dict[str, list[tuple[int, int]]]) -> str | None:
    """The one municipality still named once the sentences that name others only as examples are
    left out ("Miljöpartiet i Eksjö kommun vill ..." beside "Några exempel på IOP är Sigtuna
    kommun och ..."): the page's own; None when none or several remain."""
    left = [k for k, v in known.items()
            if any(not _EXAMPLES.search(t, *sentence_span(t, a)) for a, _ in v[:20])]  # fmt: skip
    return left[0] if len(left) == 1 else None


#: "i Malmö", "I Sigtuna", "på Hammarö" (islands and some towns take "på"): a municipality named
#: as a place (not "i Malmö stad", counted already).
#: Not "i Uppsala län" (a county), and each place of a list ("i Malmö, Lund och Ystad") counts.
_IN_PLACE = re.compile(
    r"\b(?:[Ii]|[Pp]å) ([A-ZÅÄÖ][\wåäö]+)\b((?:,\s*[A-ZÅÄÖ][\wåäö]+)*\s+och\s+[A-ZÅÄÖ][\wåäö]+\b)?"
    r"(?![ \-](?i:kommuns?|stads?|läns?)\b)"
)


#: A capitalised word right before "i X" that is not the first of its sentence: "i X" ends a name.
_NAME_BEFORE = re.compile(r"(?<=[\wåäö,] )[A-ZÅÄÖ][\wåäö]+ $")


#: The words before "i X" that make X a place visited ("uppe i Göteborg", "en heldagskonferens i
#: Göteborg"), not the place the text is about.
_ELSEWHERE = re.compile(
    r"(?:\b(?:uppe|nere|borta)"
    r"|(?:konferens|kongress|seminari|mässa|mässan|utbildningsdag)\w*(?:\s+[\wåäö]+){0,2})\s+$",
    _I,
)


def _count_in_place(
    o: str, names: dict[str, str], counts: dict[str, list[tuple[int, int]]]
) -> None:
    """Add each "i X" that names a municipality in the reference data to its count: the place a
    text is about is often named so, and without it a text naming its place only that way has no
    municipality at all."""
    for m in _IN_PLACE.finditer(o):
        if _NAME_BEFORE.search(o, max(0, m.start() - 40), m.start()):
            continue  # "Högskolan i Kristianstad", "Forum i Kristianstad": part of a name
        if _ELSEWHERE.search(o, max(0, m.start() - 60), m.start()):
            continue  # "en konferens uppe i Göteborg": where the writer went, not the page's place
        for p in re.finditer(r"[A-ZÅÄÖ][\wåäö]+", m.group(0)):
            key = p.group(0).lower()
            if key in names:
                counts.setdefault(key, []).append((m.start() + p.start(), m.start() + p.end()))
    for v in counts.values():
        v.sort()  # the first mention is the one quoted


#: "Hudiksvalls ansvariga kommunalråd": a municipality in the genitive before a common noun (not
#: a region's "Region Uppsalas", nor a university, county, diocese or port named after the town).
_GENITIVE = re.compile(
    r"(?<![\wåäöÅÄÖ.@/-])(?<!Region )(?<!Landstinget )([A-ZÅÄÖ][a-zåäö]{2,})s[ \t]+"
    r"(?!(?:universitet|högskola|läns?|stift"
    r"|domkyrka|hamn|station|flygplats|landsting|region|kommun|stad)\b)[a-zåäö]"
)
#: A web or mail domain of the site's own municipality: "habo.se", "@goteborg.se".
_DOMAIN = re.compile(r"(?:(?<=[@/.])|\b)([a-z][a-z\-]{1,30})\.se\b(?![\w-])")


def _named_otherwise(o: str, names: dict[str, str]) -> tuple[str, int, int] | None:
    """A municipality a text names neither as "X kommun" nor "i X": in the genitive ("Hudiksvalls
    ansvariga kommunalråd"), else by its web or mail domain ("thomas.brandell@habo.se"), taken
    only when exactly one municipality is named so (a domain matches the name with å, ä, ö written
    a, a, o and spaces left out or written "-")."""
    for rx, table in ((_GENITIVE, {k: k for k in names}), (_DOMAIN, _domain_names(names))):
        hits: dict[str, tuple[int, int]] = {}
        for m in rx.finditer(o):
            key = table.get(m.group(1).lower())
            if key is not None:
                hits.setdefault(key, (m.start(1), m.end(0) if rx is _DOMAIN else m.end(1) + 1))
        if len(hits) == 1:
            key, (s, e) = next(iter(hits.items()))
            return key, s, e
        if hits:
            return None  # several: none of them is "the" one
    return None


def _domain_names(names: dict[str, str]) -> dict[str, str]:
    """Each municipality's likely domain label ("håbo" → "habo", "upplands väsby" →
    "upplandsvasby" and "upplands-vasby") mapped to its name key."""
    out: dict[str, str] = {}
    for key in names:
        plain = key.translate(str.maketrans("åäöé", "aaoe"))
        for label in (plain.replace(" ", ""), plain.replace(" ", "-")):
            out.setdefault(label, key)
    return out


def _known(key: str, names: dict[str, str]) -> str | None:
    if key in names:
        return key
    if key.endswith("s") and key[:-1] in names:
        return key[:-1]
    if key + "n" in names:  # "Falu kommun" for Falun
        return key + "n"
    return None


_NOT_NAMES = {"varje", "en", "denna", "vår", "egen", "annan", "den", "hela", "vilken", "samma",
              "någon", "ingen", "per", "och", "i", "om", "att", "från", "till", "mellan", "för"}  # fmt: skip


_REGION = re.compile(
    r"\b[Rr]egion ([A-ZÅÄÖ][\wåäö]{1,30}(?: län(?:s)?\b| Härjedalen\b)?)"
    r"|\b(Västra Götalandsregionen|[A-ZÅÄÖ][\wåäö]{2,30}?regionen)\b"
)


def region(t: str, o: str) -> TextFact | None:
    """The region the document is about: the most often named "Region X" ("Region Kalmar län",
    "Region Jönköpings län") or "X-regionen" (e.g. "Västra Götalandsregionen").

    :param t: masked text.
    :param o: original text.
    """
    seen: dict[str, list[tuple[int, int]]] = {}
    for m in _REGION.finditer(t):
        if m.group(1):
            name = "Region " + re.sub(r" läns$", " län", m.group(1))
            if name.endswith("s") and not name.endswith(" län"):
                name = name[:-1] if name[:-1].lower() in _REGION_STEMS else name
        else:
            name = m.group(2)
        seen.setdefault(name, []).append((m.start(), m.end()))
    if not seen:
        return None
    name = max(seen, key=lambda k: (len(seen[k]), -seen[k][0][0]))
    s, e = seen[name][0]
    if len(seen[name]) == 1 and s > REGION_HEAD:
        return None  # named once, in passing: not what the text is about
    return TextFact(name, quote(o, s, e))


#: A region named only once counts only when it is named this early (the title and lead).
REGION_HEAD = 300


#: A public party that is a region: "Region Värmland", "Västra Götalandsregionen".
_REGION_PARTY = re.compile(
    r"Region [A-ZÅÄÖ][\wåäö]+(?: [A-ZÅÄÖ]?[\wåäö]+)?|(?:[A-ZÅÄÖ][\wåäö]+ )?[A-ZÅÄÖ][\wåäö]{2,30}regionen"
)
#: A public party that is a municipality or one of its boards: "Ale kommun", "Malmö stad".
_MUNICIPAL_PARTY = re.compile(r"\b(?:kommuns?|stads?)\b", _I)


def region_of_parties(
    region: TextFact | None, municipality: Municipality | None, public: list[Party]
) -> tuple[TextFact | None, Municipality | None]:
    """When a region is the IOP's one public organisation (beside its own boards) and no
    municipality is a party, the text is about that region, though it names it once and late
    ("Nordlandsregionen har, genom vårdnämnden, sedan 2015 ett partnerskap med ..."); a
    municipality it then names only as a place ("mottagningen ... i Mora": where the idea-based
    party works), not as "X kommun", is not the text's own.

    :param region: the region found by :func:`region` (None when named once, late).
    :param municipality: the municipality found by :func:`municipality`.
    :param public: the public parties.
    :returns: the region and the municipality to keep.
    """
    regions = {p.name: p for p in public if _REGION_PARTY.fullmatch(p.name)}
    if len(regions) != 1 or any(_MUNICIPAL_PARTY.search(p.name) for p in public):
        return region, municipality
    party = next(iter(regions.values()))
    if region is None:
        region = TextFact(party.name, party.quote)
    elif region.value != party.name:
        return region, municipality
    if municipality is not None and not _MUNICIPAL_PARTY.search(municipality.quote.text):
        municipality = None
    return region, municipality


#: A city district's own name in the name of a public party that is its administration or board:
#: "Norrmalms stadsdelsförvaltning", "Norra innerstadens stadsdelsnämnd", "Stadsdelsnämnden i
#: Rinkeby-Kista", "SDF Skärholmen", "Norrmalms stadsdel".
_DISTRICT_OWN_NAME = re.compile(
    r"(?P<a>[A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖa-zåäö][\wåäö]+)?)\s+(?:stadsdels(?:förvaltning|nämnd)(?:en)?"
    r"|stadsdelsområde(?:t)?|stadsdel(?:en)?)"
    r"|(?:Stadsdelsförvaltning(?:en)?|Stadsdelsnämnd(?:en)?|Stadsdelsområde|SDF)\s+(?:i\s+)?"
    r"(?P<b>[A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖa-zåäö][\wåäö]+)?)"
)


def municipality_of_districts(
    municipality: Municipality | None, public: list[Party]
) -> Municipality | None:
    """The city whose district administration or board is a public party, when the text names no
    municipality: "Norrmalms stadsdelsförvaltning" is one of Stockholm's, by the sourced table of
    :func:`iopkg.extract.spans.city_districts`. Taken only when every district party is a known
    district of one and the same city and no public party is a municipality or region of its own;
    the quote is the party's name, the words the city is read from.

    :param municipality: the municipality found by :func:`municipality` (kept when there is one).
    :param public: the public parties.

    >>> q = Quote("Norrmalms stadsdelsförvaltning", 0, 30)
    >>> municipality_of_districts(None, [Party("Norrmalms stadsdelsförvaltning", q)]).code
    '0180'
    >>> municipality_of_districts(None, [Party("Ekby stadsdelsförvaltning", q)]) is None
    True
    """
    if municipality is not None:
        return municipality
    districts = city_districts()
    found: list[tuple[Party, str]] = []
    for p in public:
        m = _DISTRICT_OWN_NAME.fullmatch(p.name)
        if m is None:
            if _MUNICIPAL_PARTY.search(p.name) or _REGION_PARTY.fullmatch(p.name):
                return None  # a municipality or region of its own is a party
            continue
        own = (m.group("a") or m.group("b")).lower()
        code = districts.get(own) or (districts.get(own[:-1]) if own.endswith("s") else None)
        if code is None:
            return None  # a district the table does not know: its city is not guessed
        found.append((p, code))
    if not found or len({code for _, code in found}) != 1:
        return None
    party, code = found[0]
    key = next((k for k, v in municipality_names().items() if v == code), None)
    if key is None:
        return None
    return Municipality(key[:1].upper() + key[1:], code, party.quote)


def parties_of_own_municipality(
    t: str,
    o: str,
    municipality: Municipality | None,
    public: list[Party],
    idea: list[Party],
) -> tuple[list[Party], list[Party]]:
    """The document's municipality as the public party, and the names after "med" as the
    idea-based ones, when the text names no public party and says "Kommunen har tecknat ett IOP
    med X" (the subject is "Kommunen" or "Staden", in a sentence that names an IOP or a
    partnership): the public party's name and quote are the municipality's own "X kommun" (or
    "X stad") where the text names it; a municipality read otherwise (a place, a domain) gives
    none.

    :param t: masked text.
    :param o: original text.
    :param municipality: the document's municipality.
    :param public: the public parties found (nothing is added unless empty).
    :param idea: the idea-based parties found.
    """
    if public or municipality is None or municipality.code is None:
        return public, idea
    if not re.fullmatch(
        r"[A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?\s+(?:kommun|[Ss]tad)", municipality.quote.text
    ):
        return public, idea
    for m in _OWN_BODY_SIGNS.finditer(t, 0, min(len(t), 60_000)):
        s, e = sentence_span(t, m.start())
        if not re.search(r"\bIOP\b|partnerskap", t[s:e], _I):
            continue
        names = []
        pos = m.start(1)
        for name in re.split(r",\s*|(?<!-)\s+och\s+|\s+samt\s+", m.group(1)):
            i = t.find(name, pos)
            pos = i + len(name)
            if _PUBLIC_WORDS.search(name) or _AGENCY.search(name) or name in ("IOP", "Kommunen"):
                continue
            if _one_organisation(name, False):
                names.append(Party(name, quote(o, i, i + len(name))))
        if not names:
            continue
        idea = list(idea)
        for p in names:
            if not any(_same_or_longer(q.name, p.name) for q in idea):
                idea.append(p)
        return [Party(municipality.quote.text, municipality.quote)], idea
    return public, idea


#: A public party's own municipality: "Socialförvaltningen i Ekby", "Ekby kommuns
#: socialnämnd", "Kommunstyrelsen i Ekby kommun".
_PARTY_PLACE = re.compile(
    r"\bi\s+([A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?)(?:\s+(?:kommun|[Ss]tad))?$"
    r"|^([A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?)\s+(?:kommuns?|[Ss]tads?)\b"
)


def municipality_of_public(
    o: str, municipality: Municipality | None, public: list[Party]
) -> Municipality | None:
    """The municipality a text leaves open (named only in a party, or beside other places),
    read from its public parties: when every public party names the same known municipality
    ("Socialförvaltningen i Ekby", "Ekby kommuns socialnämnd") and the text names no other
    municipality as "X kommun" or "X stad" (a text about several), that one; the quote is the
    first such party's name.

    :param o: original text.
    :param municipality: the municipality found by :func:`municipality` (kept when there is one).
    :param public: the public parties.
    """
    if municipality is not None or not public:
        return municipality
    names = municipality_names()
    keys = set()
    for p in public:
        m = _PARTY_PLACE.search(p.name)
        key = _known((m.group(1) or m.group(2)).lower(), names) if m else None
        if key is None:
            return None  # a party of no known municipality (a region, an unknown place)
        keys.add(key)
    if len(keys) != 1:
        return None
    key = keys.pop()
    for m in re.finditer(
        r"\b([A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?)\s+(?:kommuns?|[Ss]tads?)\b", o
    ):
        other = _known(m.group(1).lower(), names)
        if other is not None and other != key:
            return None  # another municipality is named too: the text may be about several
    return Municipality(key[:1].upper() + key[1:], names[key], public[0].quote)


_REGION_STEMS = {"region västernorrland", "region stockholm", "region skåne", "region värmland"}


_PUBLIC_WORDS = re.compile(
    r"kommun|region|förvaltning|nämnd|kontor|styrelse|landsting|\bstadsdel(?:en)?\b|stads(?:dels)?område"
    r"|\bSDF\b",
    _I,
)
_PUBLIC_LABEL = r"(?:Offentlig(?:a)? part(?:er)?|Offentlig aktör|Kommunal part)"
_IDEA_LABEL = r"(?:Ideell(?: icke vinstdrivande)? part|Idéburen part|Idéburen organisation|Idéburna parter|Ideell förening)"
_ORGNR = r"(?:org(?:anisations)?\.?\s?(?:nr|nummer)\.?:?\s*)(\d{6}-\d{4})"


def parties(t: str, o: str) -> tuple[list[Party], list[Party]]:
    """Public and idea-based parties: labelled lines first, else the title's "mellan X och Y".
    Whatever rule found a name, a name that cannot be one organisation is left out (precision
    first: a missing party costs a reviewer less than a wrong one).

    :param t: masked text.
    :param o: original text.
    """
    public, idea = _parties(t, o)
    public = _one_per_quote(public)
    return [p for p in public if _one_organisation(p.name, True)], [
        p
        for p in idea
        if _one_organisation(p.name, False)
        # "Trygg Gata" beside "Stiftelsen Trygg Gata": the same organisation, named once
        and not any(q.name.lower().endswith(" " + p.name.lower()) for q in idea)
        and not _cut_at_text_end(t, p, idea)
        and not _kinds_as_examples(t, p)
        and not _DECLINED.search(t, *sentence_span(t, p.quote.start))
        # a municipality's bare name ("Mora" cut from "Mora församling") is no organisation
        and _known(p.name.lower(), municipality_names()) is None
    ]


def _cut_at_text_end(t: str, p: Party, bucket: list[Party]) -> bool:
    """Whether ``p`` is a word cut off where a stored excerpt ends ("... med Kvinnojoure") and the
    start of a name found whole elsewhere ("Kvinnojouren"): the same party, not a second one."""
    if p.quote.end < len(t.rstrip()):
        return False
    low = p.name.lower()
    return any(
        len(q.name) > len(p.name)
        and q.name.lower().startswith(low)
        and q.name[len(p.name)].isalpha()
        for q in bucket
    )


#: "..., men Vadstena har valt att avstå detta avtal": a sentence on an agreement declined names
#: no party of one.
_DECLINED = re.compile(
    r"\b(?:valt att avstå|avstått från|avstår från|tackat nej|tackade nej|sagt nej|sade nej)\b", _I
)


def _one_per_quote(bucket: list[Party]) -> list[Party]:
    """One party per quoted span: "Helsingborgs stad" drafted a second time as "Helsingborgs
    kommun" on the same words of the source is one party, named as the source names it; a body
    named in lower case inside another party's quote is part of that one's name."""
    out: list[Party] = []
    for p in bucket:
        same = [q for q in bucket if (q.quote.start, q.quote.end) == (p.quote.start, p.quote.end)]
        keep = next((q for q in same if q.name == q.quote.text), same[0])
        inside = p.name[:1].islower() and any(
            q.quote.start <= p.quote.start
            and p.quote.end <= q.quote.end
            and q.quote.end - q.quote.start > p.quote.end - p.quote.start
            for q in bucket
        )  # "hälso- och sjukvårdsnämnd" inside "Region Ekbys hälso- och sjukvårdsnämnd"
        if keep is p and not inside:
            out.append(p)
    return out


#: "Några exempel på sådana överenskommelser finns med Svenska kyrkan, Röda Korset,
#: idrottsföreningar och kvinnojourer": examples of kinds of organisation (a list that mixes names
#: with plural common nouns), not the parties of an agreement.
_EXAMPLE_WORD = re.compile(r"\bexempel\b|\bexempelvis\b|\bt\.\s?ex\.", _I)
_KIND_IN_LIST = re.compile(
    r"(?:,|\boch|\bsamt)\s+[a-zåäö][a-zåäö\-]*(?:ar|er|or)\b(?=\s*(?:,|\boch\b|\bsamt\b|\.|$))"
)


def _kinds_as_examples(t: str, p: Party) -> bool:
    """Whether ``p`` is named only in a sentence giving kinds of organisation as examples."""
    s, e = sentence_span(t, p.quote.start)
    sentence = t[s:e]
    return bool(_EXAMPLE_WORD.search(sentence) and _KIND_IN_LIST.search(sentence))


#: Words that open a clause or name an agreement, never the first word of an organisation's name;
#: nor a possessive or a demonstrative ("Vår förening har ingått ett avtal": the writer's own word
#: for itself, not its name; "En Frisk Generation" is a name, so not "en"), nor a preposition
#: ("Från föreningen Kultur 1740 var det ... som undertecknade": a sentence's first words).
_NOT_NAME_START = re.compile(
    r"(?:och|samt|eller|mellan|med|att|som|överenskommelse\w*|avtal(?:et|en)?|partnerskap\w*"
    r"|vår|vårt|våra|er|ert|era|min|mitt|mina|din|ditt|dina|sin|sitt|sina|deras|dess"
    r"|denna|detta|dessa"
    r"|från|till|av|hos|inom|genom|enligt|efter|vid|på|i|för|under|om|utan|bland)$",
    _I,
)
#: Common nouns that are no name when they stand alone ("föreningen", "Syftet").
_BARE_NOUN = re.compile(
    r"(?:föreningen|föreningar(?:na)?|organisation(?:en|er|erna)?|syftet|målet|lokala|idéburna"
    r"|kommunen|regionen|staden|nämnden|parterna)$",
    _I,
)
#: A public body joined by "och" to another capitalised name: two parties run together.
_PUBLIC_PAIR = re.compile(
    r"(?:kommun|stad|region\w*|nämnd(?:en)?|styrelsen|förvaltning(?:en)?)\s+och\s+[A-ZÅÄÖ]", _I
)


#: Two capitals, a public body's short name ("SL"), not a political party's nor the EU's.
_PUBLIC_ACRONYM = re.compile(r"(?!(?:KD|MP|SD|EU|FP|IT)$)[A-ZÅÄÖ]{2}")


def _one_organisation(name: str, public: bool) -> bool:
    """Whether ``name`` can be the name of one organisation: it does not start with a clause
    word, an agreement word or a bare common noun, names no agreement inside, and is not a public
    body and another name joined by "och" ("hälso- och sjukvårdsförvaltningen" is one body)."""
    words = name.split()
    if public and _PUBLIC_ACRONYM.fullmatch(name):
        return True  # a public body known by two letters ("SL"); not a political party's
    if not words or len(name) < 3:
        return False
    if _NOT_NAME_START.fullmatch(words[0]) or (len(words) == 1 and _BARE_NOUN.fullmatch(name)):
        return False
    if re.search(r"\b(?:mellan|överenskommelse\w*|partnerskap\w*)\b", name, _I):
        return False
    return not _PUBLIC_PAIR.search(name)


def _parties(t: str, o: str) -> tuple[list[Party], list[Party]]:
    """The parties every rule finds, before the check that each is one organisation."""
    public: list[Party] = []
    idea: list[Party] = []
    for label, bucket in ((_PUBLIC_LABEL, public), (_IDEA_LABEL, idea)):
        for m in re.finditer(rf"{label}\s*:\s*([^\n;(]+?)\s*(?:[;,(]\s*{_ORGNR}\)?[^\n]*|[.;]?)\s*$",
                             t, re.MULTILINE):  # fmt: skip
            name = re.split(r",\s+(?=[a-zåäö])", m.group(1).strip())[0].rstrip(".,")
            if name and not _dup(bucket, name):
                bucket.append(Party(name, quote(o, m.start(), m.end()), m.group(2)))
    for m in re.finditer(
        rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?({_NAME})\s*,?\s*\(?{_ORGNR}\)?", t, re.MULTILINE
    ):
        name = m.group(1).strip()
        bucket = public if _PUBLIC_WORDS.search(name) else idea
        if not _dup(public + idea, name):
            bucket.append(
                Party(name, quote(o, m.start(1), m.end()), None if bucket is public else m.group(2))
            )
    if not (public and idea):
        _parties_heading(t, o, public, idea)
    if public or idea:
        return public, _finish_names(o, idea)
    from iopkg.extract.prose import party_kind, prose_parties

    public, idea = prose_parties(t, o)
    _parties_dated_lines(t, o, idea)
    _parties_table_rows(t, o, idea)
    _parties_where_enters(t, o, idea)
    _parties_pair_signs(t, o, public, idea)
    _parties_pair_cooperation(t, o, public, idea)
    _parties_it_is_about(t, o, public, idea)
    _parties_named_plural(t, o, idea)
    _parties_anaphor_signs(t, o, idea)
    _parties_signs_with(t, o, public, idea)
    _parties_paid(t, o, idea)
    _parties_partner_is(t, o, idea)
    _parties_named_in_iop_text(t, o, public, idea)
    _parties_board_of_body(t, o, public)
    _parties_municipal_company(t, o, public)
    _parties_together_signed(t, o, public)
    _parties_counted(t, o, idea)
    old_public: list[Party] = []
    old_idea: list[Party] = []
    _parties_fallback(t, o, old_public, old_idea)
    for bucket, old in ((public, old_public), (idea, old_idea)):
        for p in old:
            if re.search(r"\bkommun$", p.name) and party_kind(p.name) is None:
                continue  # "Men kommun" from "Men kommuner ...": not a municipality
            if _clean_name(p.name) and not _dup(public + idea, p.name):
                bucket.append(p)
    idea = _finish_names(o, idea)
    _parties_speaker_org(t, o, public, idea)
    if not idea:
        # a public body with no idea-based party beside it is how information pages speak ("Ekby
        # kommun har flera IOP", "ett IOP med Ekby kommun"): kept only from a sentence in which the
        # organisation speaks of its own IOP ("Vårt IOP med Region Ekby") or one was signed
        public = [p for p in public if _said_concretely(t, p)]
    return public, idea


#: A speaker's organisation: "..., säger Eva Ek, direktor på Ekby diakoni".
_SPEAKER_ORG = re.compile(
    r"\bsäger\s+[A-ZÅÄÖ][a-zåäö]+(?:\s+[A-ZÅÄÖ][a-zåäö\-]+)+,\s+(?:[a-zåäö\-]+\s+){0,3}?"
    r"(?:ordförande|verksamhetschef|direktor|generalsekreterare|verksamhetsledare|samordnare"
    r"|projektledare|styrelseledamot|grundare)\s+(?:i|på|för|vid)\s+"
    r"((?:[A-ZÅÄÖ][\wåäöÅÄÖ\-]+)(?:\s(?:&\s)?[A-ZÅÄÖ][\wåäöÅÄÖ\-]+){0,3}"
    r"(?:\s(?:diakoni|stadsmission|kvinnojour|tjejjour|brottsofferjour|förening|idrottsförening"
    r"|krets|korset))?)"
)


def _parties_speaker_org(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """In a text about a concrete IOP (signed, or "vårt" IOP) whose idea-based party no other rule
    found, the organisation of the one speaker who speaks for an idea-based organisation ("...,
    säger Eva Ek, direktor på Ekby diakoni"): taken only when its name has an idea-based form and
    it is the only such organisation that speaks. The same for a missing public party beside a
    known idea-based one: the one public body a speaker speaks for ("..., säger Per Ek,
    avdelningschef i Ekby stad")."""
    from iopkg.extract.prose import STRONG, party_kind

    if (idea and public) or not STRONG.search(t, 0, min(len(t), 60_000)):
        return
    if not _CONCRETE.search(t, 0, min(len(t), 60_000)):
        return  # (an opinion on IOP in general: its speakers are no parties)
    found = {}
    for m in _SPEAKER_ORG.finditer(t, 0, min(len(t), 60_000)) if not idea else ():
        name = m.group(1)
        if party_kind(name) == "idea" and not _PUBLIC_WORDS.search(name):
            found.setdefault(name, m)
    if len(found) == 1:
        name, m = next(iter(found.items()))
        _add(idea, name, quote(o, m.start(1), m.end(1)))
    if public or not idea:
        return
    bodies = {}
    for m in _SPEAKER_PUBLIC.finditer(t, 0, min(len(t), 60_000)):
        bodies.setdefault(m.group(1).lower(), m)
    if len(bodies) == 1:  # (the one public body that speaks; with two, which is the party?)
        m = next(iter(bodies.values()))
        _add(public, m.group(1), quote(o, m.start(1), m.end(1)))


#: "Hållbarhetsnämnden i Region Ekby har ... tecknat avtal med föreningar": a board of a body
#: that signs makes the body a party.
_BOARD_OF_BODY = re.compile(
    r"\b[A-ZÅÄÖ][a-zåäö\-]*(?:nämnden|styrelsen)\s+i\s+"
    r"(Region\s+[A-ZÅÄÖ][\wåäö]+(?:\s+län)?|[A-ZÅÄÖ][\wåäö]+\s+kommun)\s+har\b"
    r"(?:(?!\b(?:inte|aldrig|ej|ingen|inget|ännu)\b)[^.\n]){0,60}?"
    r"\b(?:tecknat|ingått|undertecknat|signerat) (?:avtal|IOP|överenskommelse|partnerskap)"
)


def _parties_board_of_body(t: str, o: str, public: list[Party]) -> None:
    """The body whose board signs, in a text that names IOP ("Kulturnämnden i Region Ekby har
    tecknat avtal med tre föreningar")."""
    from iopkg.extract.prose import STRONG

    if not STRONG.search(t, 0, min(len(t), 60_000)):
        return
    for m in _BOARD_OF_BODY.finditer(t, 0, min(len(t), 60_000)):
        _add(public, m.group(1), quote(o, m.start(1), m.end(1)))


#: "Tillsammans med Ekby stad och det allmännyttiga bostadsbolaget Ekbyhem har Stiftelsen X
#: ingått ett IOP": a company the municipality owns, named in the signing sentence, is a party.
_MUNICIPAL_COMPANY = re.compile(
    r"\b(?:det\s+)?(?:allmännyttiga|kommunala|kommunägda)\s+(?:bostads|fastighets)?bolaget\s+"
    r"([A-ZÅÄÖ][\wåäö]+(?:\s[A-ZÅÄÖ][\wåäö]+)?)"
)


def _parties_municipal_company(t: str, o: str, public: list[Party]) -> None:
    """A municipal company in a sentence that enters or signs an IOP."""
    from iopkg.extract.prose import SIGNS, STRONG

    for m in _MUNICIPAL_COMPANY.finditer(t, 0, min(len(t), 60_000)):
        s, e = sentence_span(t, m.start())
        if STRONG.search(t, s, e) and (
            SIGNS.search(t, s, e) or re.search(r"\b(?:har|hade)\b[^.\n]{0,80}\bingått\b", t[s:e])
        ):
            _add(public, m.group(1), quote(o, m.start(1), m.end(1)))


_COUNT = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6}
_COUNT_RE = r"(två|tre|fyra|fem|sex|[2-6])"
#: "... genom att ingå ett IOP med tre aktörer. De tre aktörerna är huvudaktören A samt de
#: kompletterande aktörerna B och C.": the partners counted, then named in the next sentence.
_COUNTED = re.compile(
    rf"\b(?:ingå|ingår|ingått|ingick|teckna|tecknar|tecknat|tecknade)\b[^.\n]{{0,80}}?"
    rf"\bmed\s+{_COUNT_RE}\s+(?:idéburna\s+)?(?:aktörer|organisationer|föreningar|parter)\.\s+"
    rf"De\s+{_COUNT_RE}\s+(?:aktörerna|organisationerna|föreningarna|parterna)\s+är\s+([^.\n]{{3,300}})"
)


def _parties_counted(t: str, o: str, idea: list[Party]) -> None:
    """Partners counted in one sentence and named in the next (or after a colon in the same
    one), kept only when the names found are as many as the count."""
    from iopkg.extract.prose import STRONG

    found = list(_COUNTED.finditer(t, 0, min(len(t), 60_000)))
    found += _COUNTED_COLON.finditer(t, 0, min(len(t), 60_000))
    for m in found:
        n = _COUNT.get(m.group(1)) or int(m.group(1))
        second = m.group(2) or m.group(1)
        if (_COUNT.get(second) or int(second)) != n or not STRONG.search(t, m.start(), m.end()):
            continue
        names = []
        for part in re.finditer(r"[^,]+?(?=,|\s+och\s+|\s+samt\s+|$)", m.group(3)):
            words = part.group(0).strip()
            # "huvudaktören A", "de kompletterande aktörerna B": lower-case words say what it is
            lead = re.match(r"(?:(?:de|den|det)\s+)?(?:[a-zåäö\-]+\s+)*", words)
            start = m.start(3) + part.start() + (len(part.group(0)) - len(part.group(0).lstrip()))
            start += lead.end() if lead else 0
            name = t[start : m.start(3) + part.end()].strip()
            if not re.fullmatch(r"[A-ZÅÄÖ0-9][^\s]*(?:\s[^\s]+){0,4}", name):
                names = []
                break
            names.append((name, start))
        if len(names) != n:
            continue
        for name, start in names:
            if not _dup(idea, name):
                _add(idea, name, quote(o, start, start + len(name)))


def _said_concretely(t: str, p: Party) -> bool:
    """Whether a sentence naming the public body ``p`` (its first 20 mentions in the first 60 000
    characters) speaks of one concrete IOP: the heading "Ekby kommun ingår IOP med föreningar"
    does not, the next sentence "Ett IOP har undertecknats av Ekby kommun och ..." does."""
    from iopkg.extract.prose import DECIDED_TO_ENTER

    s, e = sentence_span(t, p.quote.start)
    if any(
        rx.search(t, s, e) for rx in (_CONCRETE, DECIDED_TO_ENTER, _TOGETHER_SIGNED, _BOTH_SIDES)
    ):
        return True  # a board that decided to enter one, or approved one proposed, is concrete;
        # so is the body one was signed "tillsammans med", or "the agreement" binds
    starts = [m.start() for m in re.finditer(re.escape(p.name), t[:60_000])][:20]
    return any(_SIGNED_CONCRETE.search(t, *sentence_span(t, s)) for s in starts)


#: A sentence about one concrete IOP even when only its public party is named, also in the
#: passive ("Ett IOP har undertecknats av Ekby kommun och fem föreningar") and with words between
#: ("har sedan 2022 haft IOP som verktyg och tecknat avtal"; not "har inte tecknat").
_CONCRETE = re.compile(
    r"\b(?:vi|vårt|vår|våra)\b|\b(?:har|hade) (?:tecknat|ingått|undertecknat|signerat)s?\b"
    r"|\b(?:har|hade)\b(?:(?!\b(?:inte|aldrig|ej|ingen|inget|ännu)\b)[^.\n]){1,60}?"
    r"\boch (?:tecknat|ingått|undertecknat|signerat) (?:avtal|IOP|överenskommelse|partnerskap)"
    r"|\b(?:tecknade|ingick|undertecknade|signerade)s?\b"
    r"|\bskrev (?:under\b|(?:[\wåäö]+ ){1,2}på (?:ett|en) (?:avtal|överenskommelse)\b)",
    _I,
)
#: The same, by a signing verb only (another sentence naming the body: "I Ekby kommun arbetar vi
#: med föreningar" says nothing of one IOP).
_SIGNED_CONCRETE = re.compile(
    r"\b(?:har|hade) (?:tecknat|ingått|undertecknat|signerat)s?\b"
    r"|\b(?:tecknade|ingick|undertecknade|signerade)s?\b"
    r"|\bskrev (?:under\b|(?:[\wåäö]+ ){1,2}på (?:ett|en) (?:avtal|överenskommelse)\b)",
    _I,
)


#: A capitalised word that opens a sentence before a name but is not part of it ("Utöver ...").
_LEAD_WORD = re.compile(
    r"(?:Utöver|Förutom|Genom|Enligt|Efter|Inför|Bland|Via|Hos|Trots|Även|Dessutom|Också|Men"
    r"|Medan|Både|Samt|Tillsammans|Nu|Då|Sedan|Här|Där)\s+(?=[A-ZÅÄÖ])"
)
#: What follows a name that is part of it: a web address ending ("Nattvandring.nu").
_DOMAIN_TAIL = re.compile(r"\.(?:nu|se|org|com|net|eu)(?![\wåäö])")
#: A number after a name that is part of it ("Kultur 1740"), not an amount, count or date.
_NUMBER_TAIL = re.compile(
    r"[ \t](\d{1,4})(?!\d|[.,:/–-]\d|\s*(?:%|kr\b|kronor|tkr|mnkr|miljon|procent|st\b|år\b"
    r"|personer|deltagare|timmar|dagar|platser|medlemmar|januari|februari|mars|april|maj|juni|juli"
    r"|augusti|september|oktober|november|december))"
)


def _finish_names(o: str, idea: list[Party]) -> list[Party]:
    """Idea-based names made whole where a rule cut them short or let in a word before them: a
    web-address ending ("Nattvandring.nu"), a number the text gives with the name at least twice
    ("Kultur 1740"), a sentence-opening word left out ("Utöver LP-föreningen" → "LP-föreningen").
    Each quote stays at its offsets in the original text."""
    out: list[Party] = []
    for p in idea:
        name, q = p.name, p.quote
        lead = _LEAD_WORD.match(name)
        if lead:
            name = name[lead.end() :]
            if q.text.startswith(p.name):
                q = quote(o, q.start + lead.end(), q.end)
        if q.text.endswith(name) and q.end == q.start + len(q.text):
            dom = _DOMAIN_TAIL.match(o, q.end)
            num = _NUMBER_TAIL.match(o, q.end)
            if dom:
                name, q = name + dom.group(0), quote(o, q.start, dom.end())
            elif num and o.count(f"{name} {num.group(1)}") >= 2:
                name, q = f"{name} {num.group(1)}", quote(o, q.start, num.end())
        if not _dup(out, name):
            out.append(Party(name, q, p.org_number))
    return out


#: A list line "Villberga hembygdsförening – 1 juli 2024–31 december 2027.": the partner of one
#: agreement and its period (a list of current partnerships on an IOP page).
_DATED_LINE = re.compile(
    rf"^[ \t]*([A-ZÅÄÖ][^\n–—:]{{1,80}}?)[ \t]+[–—-][ \t]+{DATE_RE}[ \t]*[–—-][ \t]*{DATE_RE}\.?[ \t]*$",
    re.MULTILINE,
)


#: A city district's administration or board, one of the city's public bodies: "Norrmalms
#: stadsdelsförvaltning", "Rinkeby-Kista stadsdelsnämnd", "Stadsdelsförvaltning Norr",
#: "Stadsområde Nordost", "SDF Majorna-Linné"; and, as the one that signs, the district itself
#: ("tillsammans med Norrmalms stadsdel tecknades ett avtal"), never a place in passing.
_DISTRICT = (
    r"(?:[A-ZÅÄÖ][\wåäö]+(?:-[A-ZÅÄÖ][\wåäö]+)*\s+(?:stadsdels(?:förvaltning|nämnd)(?:en)?"
    r"|stadsdelsområde(?:t)?|stadsdel(?:en)?(?![\wåäö]))"
    r"|(?:Stadsdelsförvaltning(?:en)?|Stadsdelsnämnd(?:en)?|Stadsdelsområde"
    r"|Stadsområde(?:sförvaltning)?|SDF)\s+[A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?)"
)
#: A municipality's or region's board or administration named in the genitive: "Ekby kommuns
#: socialförvaltning", "Region Ekbys hälso- och sjukvårdsnämnd".
_GENITIVE_BODY = (
    r"(?:[A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?\s+(?:kommuns|[Ss]tads)|Region\s+[A-ZÅÄÖ][\wåäö]+s)"
    r"\s+(?:[a-zåäö]+-\s(?:och|eller)\s)?[a-zåäö]*(?:förvaltning|nämnd|styrelse)(?:en)?(?![\wåäö])"
)
_PUBLIC_SUBJECT = (
    rf"(?:{_GENITIVE_BODY}|[A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?\s+(?:kommun|[Ss]tad)(?![\wåäö])"
    rf"|Region\s+[A-ZÅÄÖ][\wåäö]+(?:\s+län)?|{_DISTRICT})"
)
#: A speaker for a public body: "..., säger Per Ek, avdelningschef för boenden i Ekby stad".
_SPEAKER_PUBLIC = re.compile(
    r"\bsäger\s+[A-ZÅÄÖ][a-zåäö]+(?:\s+[A-ZÅÄÖ][a-zåäö\-]+)+(?:\s+\([A-ZÅÄÖ]{1,3}\))?,\s+"
    rf"[a-zåäö][^,.\n]{{0,60}}?\s(?:i|på|för|vid|inom)\s+({_PUBLIC_SUBJECT})"
)


#: A board or administration named in lower case inside a sentence, with its place if given:
#: "socialnämnden i Ekby kommun", "socialförvaltningen", "kultur- och fritidsnämnden".
_BOARD_LOWER = (
    r"(?:(?:[a-zåäö]+-\s(?:och|eller)\s[a-zåäö]*|[a-zåäö][a-zåäö\-]*)(?:nämnden|förvaltningen)"
    r"|kommunstyrelsen|regionstyrelsen)"
    r"(?:\s+i\s+(?:Region\s+)?[A-ZÅÄÖ][\wåäö]+(?:-[A-ZÅÄÖ][\wåäö]+)*(?:\s+(?:kommun|stad|län))?)?"
)
#: A name of capitalised words; an acronym's parts may be joined by a slash ("RF/SISU Gävleborg"),
#: two words by an ampersand ("Friskis & Svettis Ekby").
_PLAIN = (
    r"[A-ZÅÄÖ][\wåäöÅÄÖ\-]+(?:/[A-ZÅÄÖ][\wåäöÅÄÖ\-]+)*(?:\s(?:&\s)?[A-ZÅÄÖ][\wåäöÅÄÖ\-]+){0,3}"
    r"(?:\.(?:nu|se|org)\b)?"
)
#: Lower-case words that end an organisation's name: "Röda Korset Mora krets", "Ekby idrottsförening".
_LOWER_TAIL = (
    r"(?:\s(?:korset|ideell|ideella|förening|föreningen|stiftelse|stiftelsen|kvinnojour|brottsofferjour"
    r"|stadsmission|diakoni|krets|kretsen|idrottsförening(?:en)?|hembygdsförening(?:en)?"
    r"|studieförbund(?:et)?|tjejjour(?:en)?|kvinnojouren|brottsofferjouren|stadsmissionen"
    r"|kyrkan|församling(?:en)?|pastorat(?:et)?)(?![\wåäö]))*"
)
_SIGNED = (
    r"(?:\s+(?:har\s+)?(?:undertecknat|tecknat|ingått|tecknar|ingår|undertecknar|förlänger|förlängt"
    r"|inleder|inlett|startar|startat|sluter|slutit|skrivit|skriver\s+under|skrev\s+under"
    r"|går\s+in\s+i|gått\s+in\s+i)\b"
    r"(?=[^.\n]{0,80}(?:\bIOP\b|partnerskap|överenskommelse|avtal))"
    # a pair that has or works in one: "X kommun och Y har ett idéburet offentligt partnerskap",
    # "... samverkar i ett IOP" (the IOP right after the verb, so not "har ett gott samarbete")
    r"|\s+(?:har|samverkar\s+(?:i|genom)|driver)\s+(?:sedan\s+(?:\d{4}|länge)\s+)?"
    r"(?:samverkat\s+(?:i|genom)\s+)?(?:(?:ett|en|sitt)\s+)?(?:nytt\s+)?"
    r"(?:IOP\b|IOP-avtal|idéburet\s+offentligt\s+partnerskap|partnerskapsavtal))"
)
#: "Ekby kommun och Nattvandrarna har undertecknat ett IOP" (either order): the other one of a
#: pair that signs is the idea-based party, whatever its name looks like.
_PAIR_SIGNS = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?:({_PUBLIC_SUBJECT})\s+och\s+({_PLAIN})"
    rf"|({_PLAIN}{_LOWER_TAIL})(?<!-)\s+och\s+({_PUBLIC_SUBJECT}|{_BOARD_LOWER})){_SIGNED}"
)


#: The pair in the passive: "IOP-avtalet tecknades av Ekby kommun och Föreningen Hopp i maj".
_PAIR_PASSIVE = re.compile(
    r"\b(?:tecknades|undertecknades|ingicks|skrevs|signerades)\s+(?:av|mellan)\s+"
    rf"(?:({_PUBLIC_SUBJECT})\s+och\s+({_PLAIN})|({_PLAIN})\s+och\s+({_PUBLIC_SUBJECT}))"
)
#: The idea-based party as the subject, the public body after "med": "Ekby IK har ingått ett IOP
#: med Ekby kommun" (a sentence that opens with the name; not "vill", nor "har inte").
_IDEA_SIGNS_WITH = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*({_PLAIN}{_LOWER_TAIL})\s+(?:har\s+)?(?:nu\s+)?"
    r"(?:tecknat|ingått|undertecknat|slutit|inlett|tecknar|ingår|undertecknar|förlängt|förlänger"
    r"|fått)\s+"
    r"(?:(?!\b(?:inte|aldrig|ej|ännu|ingen|inget|något)\b)[^.\n]){0,60}?\bmed\s+"
    rf"({_PUBLIC_SUBJECT}|{_BOARD_LOWER})"
)
#: Words that open a sentence and are no name ("Vi har tecknat ...", "Det har ...").
_NOT_SUBJECT_NAME = re.compile(r"(?:Vi|Det|Den|De|Man|Nu|Även|Också|Sedan|Här|Där|Idag|Dessutom)\b")


#: Words that keep a sentence from telling of a concrete IOP: a negation, a wish, a plan.
_NOT_CONCRETE = r"(?!\b(?:inte|aldrig|ej|ännu|ingen|inget|något|vill|önskar|hoppas|söker|ansöker|planerar|kan|kunna|skulle|borde|diskuterar)\b)"
#: An IOP in passing, the pair after it: "IOP:t mellan Ekby kommun och Ekby IK förlängs".
_IOP_BETWEEN = re.compile(
    r"\bIOP(?::t|-avtalet|-avtal)?\s+mellan\s+"
    rf"(?:({_PUBLIC_SUBJECT})\s+och\s+({_PLAIN})|({_PLAIN})\s+och\s+({_PUBLIC_SUBJECT}))"
)
_AN_IOP = r"(?:IOP(?::t|-avtal(?:et)?)?|idéburet\s+offentligt\s+partnerskap)"
#: The idea-based party opens the sentence, a verb of what it does, its IOP with a public body
#: follows: "Ekby IK, som har ett IOP med Ekby kommun, driver ...", "Ekby IK får 200 000 kronor per år genom IOP:t med Ekby
#: kommun" (not "vill ha ett IOP med").
_IDEA_HAS_IOP_WITH = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*({_PLAIN})(?:,[ \t]*som)?[ \t]+"
    r"(?:driver|har|får|bedriver|arbetar|erbjuder|samverkar|samarbetar|ansvarar|ingår)\b"
    rf"(?:{_NOT_CONCRETE}[^.\n]){{0,60}}?"
    rf"\b(?:(?:ett|sitt|det|ett\s+nytt)\s+)?{_AN_IOP}\s+med\s+({_PUBLIC_SUBJECT})"
)
#: The IOP put first: "Genom ett IOP med Ekby kommun driver Ekby IK en fritidsgård".
_IOP_FIRST = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?:Genom|Inom ramen för|Via|I)\s+(?:ett|sitt|det)\s+"
    rf"{_AN_IOP}\s+med\s+({_PUBLIC_SUBJECT}),?\s+(?:driver|har|får|erbjuder|arbetar|bedriver)\s+"
    rf"({_PLAIN})"
)


def _parties_pair_signs(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """Parties of a sentence that opens "X kommun och Y har undertecknat ett IOP" (or "Y och X
    kommun ..."), or with the verb before the pair ("Idag skriver X och Y på ett IOP-avtal"): X is
    the public party, Y the idea-based one."""
    from iopkg.extract.prose import STRONG

    found = list(_PAIR_SIGNS.finditer(t, 0, min(len(t), 60_000)))
    for rx in (_PAIR_SIGNS_AFTER, _PAIR_PASSIVE, _IOP_BETWEEN):
        for m in rx.finditer(t, 0, min(len(t), 60_000)):
            if STRONG.search(t, *sentence_span(t, m.start())):
                found.append(m)  # (the verb-first pair only in a sentence that names the IOP)
    subject_first = [
        (m, 1, 2)
        for rx in (_IDEA_SIGNS_WITH, _IDEA_HAS_IOP_WITH)
        for m in rx.finditer(t, 0, min(len(t), 60_000))
    ]
    subject_first += [(m, 2, 1) for m in _IOP_FIRST.finditer(t, 0, min(len(t), 60_000))]
    for m, ig, pg in subject_first:
        name = m.group(ig)
        if (
            not STRONG.search(t, *sentence_span(t, m.start()))
            or STRONG.search(name)
            or _NOT_SUBJECT_NAME.match(name)
            or _PUBLIC_WORDS.search(name)
            or _AGENCY.search(name)
        ):
            continue
        _add(public, m.group(pg), quote(o, m.start(pg), m.end(pg)))
        if not any(_same_or_longer(p.name, name) for p in idea):
            _add(idea, name, quote(o, m.start(ig), m.end(ig)))
    for m in found:
        pg, ig = (1, 2) if m.group(1) else (4, 3)
        other = m.group(ig)
        if _PUBLIC_WORDS.search(other) or other.split()[0] in ("Kommunen", "Regionen", "Staden"):
            continue
        _add(public, m.group(pg), quote(o, m.start(pg), m.end(pg)))
        if not any(_dup([p], other) or p.name.lower().endswith(other.lower()) for p in idea):
            _add(idea, other, quote(o, m.start(ig), m.end(ig)))


#: A pair that starts a cooperation: "Ekby stadsmission och Ekbytrafiken har inlett ett samarbete"
#: (the text calls the cooperation an IOP elsewhere, "Samarbetet är inom ramen för ett IOP").
_PAIR_COOPERATES = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*({_PUBLIC_SUBJECT}|{_PLAIN}{_LOWER_TAIL})(?<!-)\s+och\s+"
    rf"({_PUBLIC_SUBJECT}|{_PLAIN}{_LOWER_TAIL})"
    r"\s+(?:har|hade)\s+(?:nu\s+)?(?:inlett|startat|påbörjat|kommit överens om)\s+"
    r"(?:ett|en)\s+(?:nytt\s+)?(?:samarbete|samverkan)\b"
)


def _parties_pair_cooperation(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """The pair of "X och Y har inlett ett samarbete" when the text calls the cooperation an IOP:
    an IOP joins a public body and an idea-based organisation, so when one of the two is known
    for one side (a form word, "X kommun") and the other for neither, the other is the other side
    ("Ekby stadsmission och Ekbytrafiken": Ekbytrafiken is the public party). Two of one side, or
    two unknown, give nothing."""
    from iopkg.extract.prose import STRONG, party_kind

    found = list(_PAIR_COOPERATES.finditer(t, 0, min(len(t), 60_000)))
    if not found or not _cooperation_called_iop(t, sentence_bounds(t), min(len(t), 60_000), STRONG):
        return
    for m in found:
        names = (m.group(1), m.group(2))
        if any(_NOT_SUBJECT_NAME.match(n) or STRONG.search(n) for n in names):
            continue
        kinds = [party_kind(n) for n in names]
        if sorted(kinds, key=str) != sorted([None, "idea"], key=str) and sorted(
            kinds, key=str
        ) != sorted([None, "public"], key=str):
            continue
        known = 0 if kinds[0] else 1
        other = 1 - known
        if kinds[known] == "idea" and names[other].lower() in municipality_names():
            continue  # a town's bare name is no public body
        for i in (0, 1):
            side = kinds[known] if i == known else ("public" if kinds[known] == "idea" else "idea")
            bucket = public if side == "public" else idea
            if not any(_same_or_longer(p.name, names[i]) for p in bucket):
                _add(bucket, names[i], quote(o, m.start(i + 1), m.end(i + 1)))


#: "Nu har föreningen och vård- och omsorgsförvaltningen tecknat en överenskommelse om IOP": the
#: association signs under its common noun, having been named in the sentence before.
_SIGNED_VERB = r"\b(?:tecknat|ingått|undertecknat|signerat|skrivit under)\b"
_ANAPHOR_SIGNS = re.compile(
    rf"\b(?:har|hade)\s+(föreningen|stiftelsen)\s+och\s+[^.\n]{{3,80}}?\s+(?:nu\s+)?{_SIGNED_VERB}"
    rf"|\b(?:har|hade)\s+[^.\n]{{3,80}}?\s+och\s+(föreningen|stiftelsen)\s+(?:nu\s+)?{_SIGNED_VERB}"
)
#: An organisation's name led by its acronym: "SPF Seniorerna Ekby", "KFUM Ekby".
_ACRONYM_LED = re.compile(r"[A-ZÅÄÖ]{2,6}(?:\s+[A-ZÅÄÖ][\wåäö\-]+){1,3}")


def _parties_anaphor_signs(t: str, o: str, idea: list[Party]) -> None:
    """The association that signs an IOP as "föreningen" (or "stiftelsen"), when no idea-based
    party is known yet and the sentences before it in the same paragraph name exactly one
    organisation that can be it: a name of an idea-based form or one led by an acronym ("Under
    2022 startade SPF Seniorerna Ekby ... Nu har föreningen och kommunen tecknat ett IOP")."""
    from iopkg.extract.prose import NAME, STRONG, party_kind

    if idea:
        return
    limit = min(len(t), 60_000)
    bounds = sentence_bounds(t)
    for m in _ANAPHOR_SIGNS.finditer(t, 0, limit):
        s, e = sentence_span(t, m.start(), bounds)
        if not STRONG.search(t, s, e) or re.search(r"\b(?:inte|ej|aldrig|ännu)\b", t[s:e], _I):
            continue
        para = max(t.rfind("\n\n", 0, s) + 2, s - 600, 0)
        noun = (m.group(1) or m.group(2)).lower()
        found: dict[str, tuple[int, int]] = {}
        for nm in NAME.finditer(t, para, s):
            name = nm.group(0).strip()
            kind = party_kind(name)
            if kind == "public" or not (kind == "idea" or _ACRONYM_LED.fullmatch(name)):
                continue
            if noun == "stiftelsen" and "stiftelse" not in name.lower() and kind == "idea":
                continue
            found.setdefault(name, (nm.start(), nm.start() + len(name)))
        if len(found) == 1:
            name, (a, b) = next(iter(found.items()))
            _add(idea, name, quote(o, a, b))
            return


#: "ingå partnerskap med de två ideella organisationerna Ekby Samtalscenter och Origo Ekby": the
#: names after a counted plural that says they are idea-based.
_NAMED_PLURAL = re.compile(
    rf"\bmed\s+(?:de\s+)?{_COUNT_RE}\s+(?:ideella|idéburna)\s+"
    r"(?:organisationerna|föreningarna|aktörerna)\s+([^.\n]{3,300})"
)


def _parties_named_plural(t: str, o: str, idea: list[Party]) -> None:
    """Idea-based parties named after "med de två ideella organisationerna" in a sentence that
    speaks of a partnership or an agreement, kept only when as many names follow as the count."""
    for m in _NAMED_PLURAL.finditer(t, 0, min(len(t), 60_000)):
        s, e = sentence_span(t, m.start())
        if not re.search(r"partnerskap|\bIOP\b|överenskommelse|\bavtal", t[s:e], _I):
            continue
        if re.search(r"\b(?:inte|ej|aldrig|kan|kunna|skulle|bör|vill)\b", t[s:e], _I):
            continue
        n = _COUNT.get(m.group(1)) or int(m.group(1))
        names = []
        for part in re.finditer(r"[^,]+?(?=,\s|\s+och\s+|\s+samt\s+|$)", m.group(2)):
            name = part.group(0).strip(" ,")
            if part.group(0).startswith((" och ", " samt ")):
                name = re.sub(r"^(?:och|samt)\s+", "", name)
            if not re.fullmatch(r"[A-ZÅÄÖ][\wåäöÅÄÖ\-]*(?:\s[A-ZÅÄÖ][\wåäöÅÄÖ\-]*){0,4}", name):
                break
            start = m.start(2) + part.start() + part.group(0).find(name)
            names.append((name, start))
        if len(names) != n:
            continue
        for name, start in names:
            _add(idea, name, quote(o, start, start + len(name)))
        return


#: "För första gången har en kommun och en idéburen organisation ingått ett IOP ... Det handlar
#: om Ekby kommun och organisationen Ekby diakoni.": the parties named in the next sentence.
_IT_IS_ABOUT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*Det\s+(?:handlar|gäller)\s+om\s+"
    r"((?:[A-ZÅÄÖ][\wåäö\-]+)(?:\s+[A-ZÅÄÖ][\wåäö\-]+){0,3}(?:\s+(?:kommun|stad|län))?)\s+och\s+"
    r"(?:(?:organisationen|föreningen|stiftelsen)\s+)?"
    r"((?:[A-ZÅÄÖ][\wåäö\-]+)(?:\s+[A-ZÅÄÖ][\wåäö\-]+){0,3}(?:\s+(?:kommun|stad|län|diakoni|förening|stiftelse))?)"
    r"\s*[.!]"
)
#: The sentence before it: two parties, left unnamed, entered or signed an IOP.
_UNNAMED_PAIR_ENTERED = re.compile(
    r"\b(?:en|ett)\s+(?:kommun|region|stad)\s+och\s+(?:en|ett)\s+(?:idéburen|ideell)\s+"
    r"(?:organisation|förening|aktör)\b[^.\n]{0,60}?\b(?:ingått|tecknat|undertecknat|ingick|tecknade)\b"
    r"|\b(?:ingått|tecknat|undertecknat|ingick|tecknade)\b[^.\n]{0,80}?\bmellan\s+(?:en|ett)\s+"
    r"(?:kommun|region|stad)\s+och\s+(?:en|ett)\s+(?:idéburen|ideell)\s+(?:organisation|förening|aktör)\b",
    _I,
)


def _parties_it_is_about(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """The public body and the idea-based organisation of "Det handlar om X kommun och
    organisationen Y" right after a sentence in which "en kommun och en idéburen organisation"
    entered an IOP; only when one name is of each kind."""
    from iopkg.extract.prose import STRONG, party_kind

    bounds = sentence_bounds(t)
    for m in _IT_IS_ABOUT.finditer(t, 0, min(len(t), 60_000)):
        ps, pe = sentence_span(t, max(0, m.start() - 2), bounds)
        if not (_UNNAMED_PAIR_ENTERED.search(t, ps, pe) and STRONG.search(t, ps, pe)):
            continue
        kinds = [party_kind(m.group(1)), party_kind(m.group(2))]
        if sorted(kinds, key=str) != ["idea", "public"]:
            continue
        for i in (1, 2):
            bucket = public if kinds[i - 1] == "public" else idea
            if not any(_same_or_longer(p.name, m.group(i)) for p in bucket):
                _add(bucket, m.group(i), quote(o, m.start(i), m.end(i)))


#: "Tillsammans med Ekby stadsdelsförvaltning tecknades i januari ett avtal om ett IOP", "...
#: har föreningen tecknat ett IOP": the public body the writer signed with (not "vill teckna",
#: nor "har inte tecknat").
_TOGETHER_SIGNED = re.compile(
    rf"\b[Tt]illsammans med ({_PUBLIC_SUBJECT})\s+"
    r"(?:(?!\b(?:inte|aldrig|ej|ännu|ingen|inget)\b)[^.\n,]){0,40}?"
    r"\b(?:tecknades|ingicks|undertecknades|skrevs|tecknat|ingått|undertecknat|tecknade|ingick"
    r"|undertecknade|skrev under|skrivit under)\b"
    r"(?=[^.\n]{0,80}?(?i:\bIOP\b|partnerskap|överenskommelse|avtal))"
)
#: "Grunden i avtalet är att både Ekby stad och organisationerna ska bidra": the agreement the
#: text speaks of binds the named public body and the organisations (left unnamed) on the other side.
_BOTH_SIDES = re.compile(
    r"\b(?i:avtalet|IOP:et|IOP:t|IOP-avtalet|partnerskapet|överenskommelsen)\s"
    r"(?:(?!\b(?:inte|ej|kan|kunna|skulle|bör)\b)[^.\n]){0,60}?\b(?:både\s+)?"
    rf"({_PUBLIC_SUBJECT})\s+och\s+(?:de\s+)?(?:idéburna\s+|ideella\s+)?"
    r"(?:organisationerna|föreningarna|föreningen|organisationen)(?![\wåäö])"
)


def _parties_together_signed(t: str, o: str, public: list[Party]) -> None:
    """The public body "tillsammans med" whom an agreement was signed, and the one an agreement
    binds "both" with the organisations, in a sentence of a text that names IOP."""
    from iopkg.extract.prose import STRONG, party_kind

    head = t[: min(len(t), 60_000)]
    if not STRONG.search(head):
        return
    for m in (*_TOGETHER_SIGNED.finditer(head), *_BOTH_SIDES.finditer(head)):
        name = m.group(1)
        if party_kind(name) == "public" or re.search(_DISTRICT, name):
            _add(public, name, quote(o, m.start(1), m.end(1)))


_PLACE_TAIL = r"(?:\s(?:i|för)\s[A-ZÅÄÖ][\wåäö]+)?"
#: A name's two fields joined by "och": "Pensionärs- och anhörigföreningen", "Mora pensionärs- och
#: anhörigförening" (not "Pensionärs-" alone).
_TWO_FIELDS = (
    r"(?:(?<=-)|(?:\s[a-zåäö]+)?\s[a-zåäö]+-)\s(?:och|eller)\s[a-zåäö]*"
    r"(?:förening(?:en)?|förbund(?:et)?|stiftelse(?:n)?|jour(?:en)?)(?![\wåäö])"
)
_WITH_NAME = rf"{_PLAIN}(?:{_TWO_FIELDS})?{_LOWER_TAIL}{_PLACE_TAIL}"
#: The same pair after the verb, in the word order of a sentence that opens with when it happens:
#: "Idag skriver Ekby stadsdelsförvaltning och KFUM Ekby på ett IOP-avtal", "I dag tecknar Ekby
#: kommun och Föreningen Hopp ett idéburet offentligt partnerskap".
_WHEN = (
    r"(?:[Ii]dag|I dag|[Ii]går|I går|Nu|Härmed|I veckan|I (?:[a-zåäö]+dags|[a-zåäö]+as)"
    rf"|I (?:{MONTH_RE})|Under [a-zåäö]+|Den \d{{1,2}} (?:{MONTH_RE})(?: \d{{4}})?"
    r"|På [a-zåäö]+dag(?:en)?)"
)
_PAIR_SIGNS_AFTER = re.compile(
    rf"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*{_WHEN},?\s+"
    r"(?:skriver|skrev|tecknar|tecknade|undertecknar|undertecknade|signerar|signerade|ingår|ingick)\s+"
    rf"(?:({_PUBLIC_SUBJECT})\s+och\s+({_WITH_NAME})|({_WITH_NAME})\s+och\s+({_PUBLIC_SUBJECT}))"
    # then what they sign, right after the pair ("på ett IOP-avtal", "ett IOP", "avtalet om IOP")
    r"(?=\s+(?:(?:på|under)\s+)?(?:ett|en|sitt|det|nu|avtal\w*|IOP\w*|överenskommelse\w*"
    r"|partnerskap\w*)(?![\wåäö])(?:(?!\b(?:inte|aldrig|ej|ännu|ingen|inget|något)\b)[^.\n]){0,40}?"
    r"(?i:\bIOP|partnerskap|överenskommelse|avtal))"
)


#: A board named as the subject of a sentence: "Socialnämnden Nordost", "Kommunstyrelsen", and
#: the boards named by two fields ("Vård- och omsorgsnämnden", "Kultur- och fritidsnämnden i Mora"),
#: a region's also by their part of it ("Östra hälso- och sjukvårdsnämnden").
_BOARD_SUBJECT = (
    r"(?:(?:(?:Östra|Västra|Norra|Södra|Mellersta)\s+[a-zåäö]+|[A-ZÅÄÖ][a-zåäö]*)-\s(?:och|eller)\s"
    r"[a-zåäö]*|[A-ZÅÄÖ][a-zåäö\-]*)(?:nämnden|styrelsen|förvaltningen)"
    r"(?:\s+i\s+(?:Region\s+)?[A-ZÅÄÖ][\wåäö]+(?:-[A-ZÅÄÖ][\wåäö]+)*(?:\s+(?:kommun|stad|län))?"
    r"|\s+[A-ZÅÄÖ][\wåäö]+(?:-[A-ZÅÄÖ][\wåäö]+)*)?"
)
#: "Ekby kommun tecknar ett IOP med Gatuvandrarna och Kvällsljuset", "Socialnämnden Nordost
#: påbörjar ett IOP med Ekby Studiecenter".
_SIGNS_WITH = re.compile(
    rf"({_PUBLIC_SUBJECT}|{_BOARD_SUBJECT})\s+(?:har\s+)?(?:nu\s+)?(?:undertecknat|tecknat|tecknar"
    rf"|ingår|ingått|sluter|slutit|påbörjar|påbörjat|inleder|inlett|skrivit"
    rf"|beslut(?:at|ade)\s+(?:den\s+\d{{1,2}}\s+[a-zåäö]+(?:\s+\d{{4}})?\s+"
    rf"|i\s+(?:[a-zåäö]+dags|går|dag)\s+"
    rf"|(?:på|vid)\s+(?:sitt\s+)?(?:sammanträde|möte)(?:t)?(?:\s+den\s+\d{{1,2}}\s+[a-zåäö]+"
    rf"(?:\s+\d{{4}})?)?\s+)?att\s+(?:ingå|teckna|godkänna|förlänga|inleda)"
    # what the body will do or chose to do: "ska ingå", "kommer att teckna", "har valt att ingå"
    rf"|(?:ska|skall|kommer\s+att|valt\s+att|väljer\s+att)\s+(?:ingå|teckna|inleda|sluta|underteckna)"
    # a board that approves one: "har godkänt ett IOP med", "antog en överenskommelse om IOP med"
    rf"|(?:godkänt|godkände|godkänner|antagit|antog)(?=\s+(?:(?:ett|en)\s+)?(?:nytt\s+|ny\s+)?"
    rf"(?:IOP|idéburet|partnerskap|överenskommelse|avtal)))"
    rf"\s+[^.\n]{{0,60}}?\bmed\s+({_WITH_NAME}(?:(?:,\s*|\s+och\s+){_WITH_NAME})*)"
)
_WITH_NAMES = rf"({_WITH_NAME}(?:(?:,\s*|\s+och\s+|\s+samt\s+){_WITH_NAME})*)"
#: "Kommunen har tecknat ett IOP med X", "Staden ingår ett partnerskap med X": the document's own
#: municipality, not named in the sentence, signs.
_OWN_BODY_SIGNS = re.compile(
    r"\b(?:[Kk]ommunen|[Ss]taden)\s+(?:har\s+)?(?:nu\s+)?(?:tecknat|tecknar|ingått|ingår|slutit"
    r"|sluter|undertecknat|undertecknar|inlett|inleder|förlängt|förlänger)\s+"
    r"(?:(?!\b(?:inte|aldrig|ej|ännu|ingen|inget|något)\b)[^.\n]){0,60}?\bmed\s+" + _WITH_NAMES
)
#: The same named after a colon in the one sentence: "Ekby kommun har tecknat IOP med tre
#: föreningar: Ekby IF, Mora FF och Föreningen Hopp" (not "vill teckna").
_COUNTED_COLON = re.compile(
    rf"(?<!\bvill\s)(?<!\bönskar\s)(?<!\bhoppas\s)(?<!\binte\s)\b(?:ingå|ingår|ingått|ingick|teckna|tecknar|tecknat|tecknade)\b[^.\n]{{0,80}}?"
    rf"\bmed\s+{_COUNT_RE}\s+(?:idéburna\s+)?(?:aktörer|organisationer|föreningar|parter)"
    rf"\s*(?::|\s[–-])\s+(){_WITH_NAMES}(?=\s*[.\n]|\s*$)"
)
#: The same with the verb first: "För att stärka dem tecknar Region Ekby ett avtal om partnerskap
#: med Nätverket Ekbys Idéburna" (the subject after the verb); and agreements the body has now:
#: "I Ekby kommun finns det idag överenskommelser med Brukarföreningen Ljus samt Navet", "Ekby
#: kommun har i dag IOP med A och B".
_SIGNS_WITH_MORE = (
    re.compile(
        rf"\b(?:tecknar|ingår|undertecknar|sluter|inleder)\s+({_PUBLIC_SUBJECT})\s+(?:nu\s+)?"
        rf"(?:ett|en)\s+[^.\n]{{0,60}}?\bmed\s+{_WITH_NAMES}"
    ),
    re.compile(
        rf"(?:\b[Ii]\s+({_PUBLIC_SUBJECT})\s+finns\s+det|\b({_PUBLIC_SUBJECT}|{_BOARD_SUBJECT})\s+har"
        rf"|\b[Hh]ar\s+({_PUBLIC_SUBJECT}))"
        rf"\s+(?:idag\s+|i dag\s+|nu\s+|också\s+|även\s+|sedan\s+(?:\d{{4}}|länge)\s+)?"
        rf"(?:(?:ett|en)\s+)?(?:liknande\s+)?"
        rf"(?:överenskommelser?|IOP(?:-avtal)?|partnerskap|idéburet\s+offentligt\s+partnerskap)"
        rf"\s+med\s+{_WITH_NAMES}"
    ),
    # the board after its verb: "I går beslutade socialnämnden i Ekby att teckna ett IOP med Y"
    re.compile(
        rf"\bbeslutade\s+({_BOARD_SUBJECT}|{_BOARD_LOWER})\s+(?:i\s+[a-zåäö]+dags\s+"
        rf"|den\s+\d{{1,2}}\s+[a-zåäö]+(?:\s+\d{{4}})?\s+)?att\s+(?:ingå|teckna|förlänga|inleda)"
        rf"\s+[^.\n]{{0,60}}?\bmed\s+{_WITH_NAMES}"
    ),
    # its IOP named in the genitive, or working with the partner "genom ett IOP": "Ekby kommuns
    # IOP med Ekby IK förlängs", "Ekby kommun samarbetar sedan 2020 med Ekby IK genom ett IOP"
    re.compile(
        r"\b([A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?\s+(?:kommun|[Ss]tad)|Region\s+[A-ZÅÄÖ][\wåäö]+)"
        rf"(?:s\s+(?:IOP(?:-avtal)?|idéburna\s+offentliga\s+partnerskap)\s+med\s+{_WITH_NAMES}"
        rf"|\s+samarbetar\s+(?:sedan\s+(?:\d{{4}}|länge)\s+)?med\s+({_WITH_NAME})"
        rf"(?=\s+(?:genom|i|inom\s+ramen\s+för|via)\s+(?:ett\s+|sitt\s+)?(?:IOP|idéburet)))"
    ),
)
#: Public bodies and agencies that are never the idea-based party ("Skolverket"; not "Nätverket").
_AGENCY = re.compile(
    r"myndighet|(?<!nät)verket\b|\bAB\b|Arbetsförmedlingen|Polisen|Länsstyrelsen|Försäkringskassan|universitet",
    _I,
)


def _parties_signs_with(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """Parties of "X kommun tecknar ett IOP med Y och Z" (a signing verb, then "med"), in a
    sentence that names an IOP or a partnership; public bodies after "med" are left out."""
    from iopkg.extract.prose import STRONG

    found = [(m, 1, 2) for m in _SIGNS_WITH.finditer(t, 0, min(len(t), 60_000))]
    found += [(m, 1, 2) for m in _SIGNS_WITH_MORE[0].finditer(t, 0, min(len(t), 60_000))]
    for m in _SIGNS_WITH_MORE[1].finditer(t, 0, min(len(t), 60_000)):
        found.append((m, next(g for g in (1, 2, 3) if m.group(g)), 4))
    found += [(m, 1, 2) for m in _SIGNS_WITH_MORE[2].finditer(t, 0, min(len(t), 60_000))]
    found += [
        (m, 1, 2 if m.group(2) else 3)
        for m in _SIGNS_WITH_MORE[3].finditer(t, 0, min(len(t), 60_000))
    ]
    for m, pg, ng in found:
        s, e = sentence_span(t, m.start())
        if not re.search(r"\bIOP\b|partnerskap", t[s:e], _I) and not (
            ng == 4 and STRONG.search(t, 0, min(len(t), 60_000))
        ):
            continue  # (agreements a body has now count in a text that names IOP elsewhere)
        _add(public, m.group(pg), quote(o, m.start(pg), m.end(pg)))
        pos = m.start(ng)
        for name in re.split(r",\s*|(?<!-)\s+och\s+|\s+samt\s+", m.group(ng)):
            i = t.find(name, pos)
            pos = i + len(name)
            if _PUBLIC_WORDS.search(name) or _AGENCY.search(name) or name in ("IOP", "Kommunen"):
                continue
            if not any(_same_or_longer(p.name, name) for p in idea):
                _add(idea, name, quote(o, i, i + len(name)))


def _same_or_longer(known: str, name: str) -> bool:
    """Whether ``known`` names the organisation ``name`` names: the same, longer in front ("KFUM
    Ekby" for "Ekby"), or with its place ("Röda Korset i Ekby" for "Röda Korset")."""
    k, n = known.lower(), name.lower()
    return k == n or k.endswith(n) or k.startswith(n + " i ")


#: "Avtalet innebär att Tjejjouren Ekby får 500 000 kronor per år": the one the agreement pays.
_AGREEMENT_PAYS = re.compile(
    rf"\b(?:Avtalet|Partnerskapet|Överenskommelsen|IOP(?::n|-avtalet))\s+innebär\s+"
    rf"(?:bland annat\s+)?att\s+({_WITH_NAME})\s+får\s+(?=\d)"
)


#: "Socialförvaltningens partner i det andra IOP-avtalet är Ekby god man- och förvaltarförening":
#: the organisation said to be the partner (or counterpart) of an agreement.
_PARTNER_IS = re.compile(
    r"\b(?:[Pp]artner|[Mm]otpart)(?:en)?\s+i\s+(?:(?:det|ett|detta)\s+)?(?:[a-zåäö]+\s+)?"
    rf"(?:IOP-avtalet|IOP:et|IOP:t|avtalet|partnerskapet|överenskommelsen)\s+är\s+({_WITH_NAME})"
)


def _parties_partner_is(t: str, o: str, idea: list[Party]) -> None:
    """The idea-based party said to be an agreement's partner ("X:s partner i IOP-avtalet är
    Y"), when its name says it is an idea-based organisation."""
    from iopkg.extract.prose import party_kind

    for m in _PARTNER_IS.finditer(t, 0, min(len(t), 60_000)):
        name = m.group(1)
        if party_kind(name) == "idea" and not any(
            _dup([p], name) or p.name.lower().endswith(name.lower()) for p in idea
        ):
            _add(idea, name, quote(o, m.start(1), m.end(1)))


def _parties_paid(t: str, o: str, idea: list[Party]) -> None:
    """The idea-based party an agreement pays ("Avtalet innebär att Tjejjouren Ekby får 500 000
    kronor per år"), when its name says it is an idea-based organisation."""
    from iopkg.extract.prose import party_kind

    for m in _AGREEMENT_PAYS.finditer(t, 0, min(len(t), 60_000)):
        name = m.group(1)
        if party_kind(name) == "idea" and not any(
            _dup([p], name) or p.name.lower().endswith(name.lower()) for p in idea
        ):
            _add(idea, name, quote(o, m.start(1), m.end(1)))


#: "Räddningsmissionen är en av de idéburna organisationerna som ...": one of the organisations the
#: text has already spoken of (the definite plural points back to the IOP's partners).
_ONE_OF_THE_ORGANISATIONS = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))([A-ZÅÄÖ][\wåäöÅÄÖ\-]*(?:\s[A-ZÅÄÖ][\wåäöÅÄÖ\-]*){0,3})"
    r"\s+är\s+en\s+av\s+de\s+(?:[a-zåäö]+\s+)?(?:idéburna|ideella)\s+organisationerna\b"
)
#: "... (IOP) och innebär att civilsamhället bemannar och Ekby stad finansierar": the municipality
#: that pays in the sentence that names the IOP.
_CITY_PAYS = re.compile(
    r"\b([A-ZÅÄÖ][\wåäö]+(?:-[A-ZÅÄÖ][\wåäö]+)?\s(?:kommun|[Ss]tad))\s+(?:finansierar|bekostar)\b"
)


def _parties_named_in_iop_text(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """One of "de idéburna organisationerna" named after an IOP word, and the municipality that
    pays in a sentence with an IOP word."""
    from iopkg.extract.prose import NOT_PARTY, STRONG, party_kind

    head = t[: min(len(t), 60_000)]
    first = STRONG.search(head)
    if first is None:
        return
    for m in _ONE_OF_THE_ORGANISATIONS.finditer(head, first.end()):
        name = m.group(1)
        if (
            _clean_name(name)
            and not NOT_PARTY.match(name)
            and party_kind(name) != "public"
            and not _dup(public + idea, name)
        ):
            _add(idea, name, quote(o, m.start(1), m.end(1)))
    for m in _CITY_PAYS.finditer(head):
        s, e = sentence_span(head, m.start())
        name = m.group(1)
        if (
            STRONG.search(head, s, e)
            and party_kind(name) == "public"
            and not _dup(public + idea, name)
        ):
            _add(public, name, quote(o, m.start(1), m.end(1)))


def _parties_dated_lines(t: str, o: str, idea: list[Party]) -> None:
    """Idea-based partners from list lines "Name – date–date" (at least two such lines, so a
    single dated line elsewhere is not read as a list); a part joined with "och" that names a
    public body ("Kart/GIS avdelningen") is left out."""
    _list_partners(t, o, idea, _DATED_LINE, r"\s+och\s+")


def _list_partners(t: str, o: str, idea: list[Party], line: re.Pattern[str], sep: str) -> None:
    """Idea-based partners from the lines of a list (at least two lines match ``line``, whose
    group 1 names the partners, split at ``sep``); parts that name a public body are left out."""
    lines = list(line.finditer(t, 0, min(len(t), 200_000)))
    if len(lines) < 2:
        return
    for m in lines:
        pos = m.start(1)
        for part in re.split(sep, m.group(1)):
            i = t.find(part, pos)
            pos = i + len(part)
            if not part[:1].isupper() or _PUBLIC_WORDS.search(part) or len(part.split()) > 6:
                continue
            if re.search(r"avdelning|enhet", part, _I):
                continue
            _add(idea, part, quote(o, i, i + len(part)))


#: A flattened table row "IOP Fritidsbanken / Fritidsbanken ideell förening / Fritidsnämnden":
#: the agreement's label, the organisation, the board in charge, one per line.
_TABLE_ROW = re.compile(
    r"^[ \t]*IOP[ \t]+[^\n]{1,60}\n\s*([A-ZÅÄÖ][^\n.:;!?]{1,80}?)[ \t]*\n\s*"
    r"[A-ZÅÄÖ][\wåäö\- ]{0,40}(?:nämnd(?:en)?|styrelsen)[ \t]*$",
    re.MULTILINE,
)


#: "Funktionsrätt Ankeby län är en annan organisation där Region Ankeby nu ingår offentligt
#: partnerskap": the organisation a relative clause has the public party enter a partnership with.
_WHERE_ENTERS = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))([A-ZÅÄÖ][\wåäö\-]+(?:[ \t](?:[A-ZÅÄÖ][\wåäö\-]+|län|i)){0,4})"
    r" är en (?:annan )?(?:organisation|förening|aktör)\b[^.\n]{0,60}? där "
    rf"{_PUBLIC_SUBJECT} (?:nu )?(?:ingår|har ingått|tecknar|har tecknat)\b[^.\n]{{0,40}}?\bpartnerskap",
)


def _parties_where_enters(t: str, o: str, idea: list[Party]) -> None:
    """Idea-based partners named as the organisation "där Region X nu ingår partnerskap"."""
    for m in _WHERE_ENTERS.finditer(t, 0, min(len(t), 200_000)):
        _add(idea, m.group(1), quote(o, m.start(1), m.end(1)))


def _parties_table_rows(t: str, o: str, idea: list[Party]) -> None:
    """Idea-based partners from a flattened table of current agreements (at least two rows): the
    line between the agreement's label "IOP X" and the board in charge; "A, B" names two."""
    _list_partners(t, o, idea, _TABLE_ROW, r"\s*,\s*")


_TAIL_WORD = r"(?:kommun|stad|län|[\wåäö]*(?:förening|stiftelse|jour|mission|nämnd|förvaltning)(?:en)?|diakoni|korset|barnen|människohjälp)"


def _clean_name(name: str) -> bool:
    """A name that ends at a name word, not in the middle of a clause."""
    words = name.split()
    return (
        0 < len(words) <= 6
        and words[0][:1].isupper()
        and (words[-1][:1].isupper() or re.fullmatch(_TAIL_WORD, words[-1]) is not None)
        and not re.search(r"\b(?:är|att|som|ska|har|för|med)\b", name)
        and not re.search(r"\b(?:Forum|Famna|Fremia|SKR|SKL)$", name)
    )


#: A whole sector named as a side of a local compact, not an organisation.
_SECTOR = re.compile(r"föreningsliv|civil\w* samhälle|idéburna sektorn|\bLÖK\b", _I)


def _parties_fallback(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """The older rules: the title's "mellan X och Y", else names in an agreement sentence."""
    for m in re.finditer(
        r"\bmellan\s+(.{3,200}?)\s+och\s+([A-ZÅÄÖ][^\n,.]*?)(?=\s+(?:avseende|gällande|om|för|kring)\b|[,.\n]|$)",
        t[:6000],
    ):
        names = [n.strip() for n in re.split(r",\s*", m.group(1))] + [m.group(2).strip()]
        if not all(n[:1].isupper() for n in names):
            continue
        if any(_SECTOR.search(n) for n in names):
            continue  # "mellan Ekbys föreningsliv och Ekby kommun": a local compact, not an IOP
        for n in names:
            bucket = public if _PUBLIC_WORDS.search(n) else idea
            bucket.append(Party(n, quote(o, m.start(), m.end())))
        break
    if not (public or idea):
        _parties_in_sentences(t, o, public, idea)


_IDEA_NAME = (
    r"(?:Föreningen|Stiftelsen|Förbundet|Riksförbundet|Ideella föreningen|Organisationen|Kooperativet)"
    r"(?:\s[A-ZÅÄÖ][\wåäöÅÄÖ\-]*)+"
)
_PUBLIC_NAME = r"(?:[A-ZÅÄÖ][\wåäö]+(?:[ \-][A-ZÅÄÖ][\wåäö]+)?\s+kommun|Region\s+[A-ZÅÄÖ][\wåäö]+)"


def _add(bucket: list[Party], name: str, q: Quote, orgnr: str | None = None) -> None:
    name = name.strip().rstrip(".,;")
    if name and not _dup(bucket, name):
        bucket.append(Party(name, q, orgnr))


#: "och" between two parties on a "Parter:" line: not in a compound ("Kultur- och fritids...").
_AND_PARTY = re.compile(r"(?<!-)\s+och\s+(?=[A-ZÅÄÖ])")


def _parties_heading(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """Parties listed under a "Parter" heading or after "Parter:" on one line."""
    for m in re.finditer(r"(?:^|\n)[ \t]*(?:\d+(?:\.\d+)*\.?\s+)?Parter(?:na)?\s*(:?)[ \t]*", t):
        if m.group(1) and t[m.end() : m.end() + 1] not in ("\n", ""):
            end = t.find("\n", m.end())
            end = len(t) if end < 0 else end
            items = [
                part
                for item in re.split(r",\s*samt\s+|,\s*|\s+samt\s+", t[m.end() : end])
                # "Socialnämnden och Kvinnojouren Lund": the first "och" before a capital joins
                # two parties; a later one may be inside a name ("Social och Mental Hälsa")
                for part in _AND_PARTY.split(item, maxsplit=1)
            ]
            pos = m.end()
            for item in items:
                i = t.find(item, pos)
                pos = i + len(item)
                if not item[:1].isupper():
                    continue
                orgnr = re.search(_ORGNR, item)
                name = re.split(r"\s*\(|\s+genom\s|,", item)[0]
                bucket = public if _PUBLIC_WORDS.search(name) else idea
                _add(
                    bucket,
                    name,
                    quote(o, i, i + len(item)),
                    None if bucket is public else (orgnr.group(1) if orgnr else None),
                )  # noqa: E501
            continue
        block = t[m.end() : m.end() + 800]
        for line in re.finditer(r"(?:^|\n)[ \t]*(?:(?:\d+(?:\.\d+)+\.?|[-•*])\s+)?([^\n]*)", block):
            item = line.group(1)
            if not item.strip():
                continue
            if line.group(0).strip() == item.strip():
                break
            name = re.split(r"\s*\(|\s+genom\s|,|;", item)[0]
            if not name[:1].isupper():
                continue
            orgnr = re.search(_ORGNR, item)
            bucket = public if _PUBLIC_WORDS.search(name) else idea
            s0 = m.end() + line.start(1)
            _add(
                bucket,
                name,
                quote(o, s0, s0 + len(item)),
                None if bucket is public else (orgnr.group(1) if orgnr else None),
            )


#: A negated sentence names no parties of an agreement.
_NOT_SIGNED = re.compile(r"\b(?:inte|ej|aldrig|ingen|inget)\b", _I)


def _parties_in_sentences(t: str, o: str, public: list[Party], idea: list[Party]) -> None:
    """Parties in a sentence about entering an agreement: "X kommun ... med Föreningen Y"."""
    for m in re.finditer(r"överenskommelse|avtal|partnerskap|\bIOP\b", t[:4000], _I):
        s, e = sentence_span(t, m.start())
        if _NOT_SIGNED.search(t, s, e):
            continue  # "... skrev X och Y inte under något IOP": no agreement between them
        # a name in a parenthesis right after another says what that one was or stands for
        # ("Föreningen Hopp (tidigare Föreningen Ljus)"): not a second party
        found = [
            f
            for f in re.finditer(_IDEA_NAME, t[s:e])
            if not re.search(rf"{_IDEA_NAME}\s*\([^()]*$", t[s : s + f.start()])
        ]
        if not found or (idea and not any(_dup(idea, f.group(0)) for f in found)):
            continue
        for f in found:
            _add(idea, f.group(0), quote(o, s + f.start(), s + f.end()))
        pm = re.search(_PUBLIC_NAME, t[s:e])
        if pm:
            _add(public, pm.group(0), quote(o, s + pm.start(), s + pm.end()))
        elif re.search(r"kommun", t[s:e], _I):
            mun = municipality(t, o)
            if mun:
                _add(public, f"{mun.quote.text.split()[0]} kommun", mun.quote)
        if public:
            return


def _dup(bucket: list[Party], name: str) -> bool:
    return any(p.name.lower() == name.lower() for p in bucket)


def activity(t: str, o: str) -> TextFact | None:
    """The named activity or project: "avseende verksamheten X", "gällande projektet X".

    :param t: masked text.
    :param o: original text.
    """
    m = re.search(
        r"(?:avseende|gällande|för|om|kring)\s+(?:verksamheten|projektet|satsningen|insatsen)\s+"
        r"([A-ZÅÄÖ][\wåäöÅÄÖ\-]*(?:\s[A-ZÅÄÖ][\wåäöÅÄÖ\-]*)*)", t
    )  # fmt: skip
    if not m:
        return None
    return TextFact(m.group(1), quote(o, m.start(1), m.end(1)))


_RANGE = re.compile(
    rf"(?:från(?: och med)?\s+|fr\.?o\.?m\.?\s+)?(?:den\s+)?({DATE_RE})\s*"
    rf"(?:–|—|-|till(?: och med)?|t\.?o\.?m\.?)\s*(?:den\s+)?({DATE_RE})"
)
#: "från 1/3 2022- 28/2 2023": both ends as day/month with the year after a space.
_SLASH_RANGE = re.compile(
    r"(?<![\d/])(\d{1,2})/(\d{1,2})\s+((?:19|20)\d{2})\s*(?:–|—|-|till(?: och med)?|t\.?o\.?m\.?)\s*"
    r"(\d{1,2})/(\d{1,2})\s+((?:19|20)\d{2})\b"
)
_YEARS = re.compile(
    r"\b(?:åren\s+|år\s+)?((?:19|20)\d{2})\s*(?:–|—|-|till(?: och med)?)\s*((?:19|20)\d{2})\b"
)
#: "för åren 2019, 2020 och 2021": consecutive years listed one by one.
_YEAR_LIST = re.compile(
    r"\b(?:åren|år)\s+((?:19|20)\d{2})((?:,\s*(?:19|20)\d{2})*)\s+och\s+((?:19|20)\d{2})\b"
)
_SEASON = re.compile(r"\b(" + "|".join(SEASONS) + r")\s+((?:19|20)\d{2})\b", _I)
_PERIOD_CONTEXT = re.compile(
    r"gäller (?:från|under|mellan|fr)|projekttiden|avtalsperiod|avtalstiden|period för överenskommelse"
    r"|överenskommelsen gäller|avtalet gäller|partnerskapet gäller|löper|giltighetstid|gäller i"
    r"|pågår|(?:partnerskap|överenskommelse|avtal|IOP)\w*[^.\n]{0,80}?\bgäller\s+(?:för\s+)?(?:åren\s+|perioden\s+)?(?=\d)|(?:^|\n)\s*(?:period|avtalsperiod|avtalstid)\s*:|(?:ingå|ingått|ingick|teckna|tecknar|tecknat) (?:en |ett )?(?:överenskommelse|avtal)|(?:överenskommelse|avtal)\w* är (?:tecknad|tecknat|ingången|ingånget)\b|från och med årsskiftet"
    r"|sträcker sig (?:från|mellan|över)(?=\s+(?:åren\s+)?\d)|(?:överenskommelse|partnerskap|IOP)\w*\b[^.]{0,200}?\bför åren\s+(?=\d)"
    r"|(?:överenskommelse|partnerskap|IOP|avtal)\w*\b[^.\n]{0,200}?\b(?:för|under) perioden\s+(?=\d)", _I
)  # fmt: skip
#: "i tre år från och med årsskiftet", "... från och med 1 april 2023", and "... från och med den
#: 1 april" (the year the document's: that day nearest its date).
_RELATIVE = re.compile(
    rf"\b(?:i|under)\s+(\d+|{NUMBER_WORDS_RE})\s+år\s+från och med\s+(årsskiftet|({DATE_RE})"
    rf"|(?:den\s+)?(\d{{1,2}})\s+({MONTH_RE})\b(?!\.?\s+\d{{4}}))",
    _I,
)


def find_range(
    t: str, start: int, end: int, doc_date: date | None = None
) -> tuple[date, date, Precision, int, int] | None:  # noqa: E501
    """The first date range in ``t[start:end]``: days, years, "i tre år från och med årsskiftet".

    :param t: text.
    :param start: where to look from.
    :param end: where to stop.
    :param doc_date: the document's date, for ranges relative to it.
    """
    found = []
    for m in _RANGE.finditer(t, start, end):
        a, b = parse_date(m.group(1)), parse_date(m.group(2))
        if a and b and a <= b:
            found.append((m.start(), a, b, Precision.day, m.end()))
            break
    for m in _SLASH_RANGE.finditer(t, start, end):
        try:
            a, b = (
                date(int(y), int(mo), int(d)) for d, mo, y in (m.group(1, 2, 3), m.group(4, 5, 6))
            )
        except ValueError:
            continue
        if a <= b:
            found.append((m.start(), a, b, Precision.day, m.end()))
            break
    for m in _YEARS.finditer(t, start, end):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 20:
            found.append((m.start(), date(a, 1, 1), date(b, 12, 31), Precision.year, m.end()))
            break
    for m in _YEAR_LIST.finditer(t, start, end):
        years = [int(y) for y in re.findall(r"\d{4}", m.group(0))]
        if all(b == a + 1 for a, b in zip(years, years[1:], strict=False)):
            found.append(
                (m.start(), date(years[0], 1, 1), date(years[-1], 12, 31), Precision.year, m.end())
            )
            break
    for m in _RELATIVE.finditer(t, start, end):
        n = parse_number(m.group(1))
        if n is None or n != int(n) or not 0 < n < 50:
            continue
        if m.group(3):
            first = parse_date(m.group(3))
        elif m.group(4):
            first = _nearest_day(int(m.group(4)), MONTHS[m.group(5).lower()], doc_date)
        elif doc_date and doc_date.year < MAXYEAR:
            first = date(doc_date.year + 1, 1, 1)
        else:
            first = None
        if first:
            if first.year + int(n) > MAXYEAR:
                continue  # no date to end on
            try:
                after = date(first.year + int(n), first.month, first.day)
            except ValueError:  # from 29 February: the years after end on 28 February
                after = date(first.year + int(n), 3, 1)
            last = after.toordinal() - 1
            found.append((m.start(), first, date.fromordinal(last), Precision.day, m.end()))
            break
    if not found:
        return None
    s, a, b, p, e = min(found, key=lambda f: f[0])
    return a, b, p, s, e


def _nearest_day(day: int, month: int, doc_date: date | None) -> date | None:
    """The day of ``month`` nearest the document's date, in its year or the year before or after
    ("från och med den 1 april" in a news item of 3 March 2023, or of 10 May 2023: 2023-04-01);
    none without a document date or for a day the month has not.

    >>> _nearest_day(1, 4, date(2023, 3, 3)), _nearest_day(15, 1, date(2023, 12, 20))
    (datetime.date(2023, 4, 1), datetime.date(2024, 1, 15))
    """
    if doc_date is None:
        return None
    days = []
    for year in (doc_date.year - 1, doc_date.year, doc_date.year + 1):
        try:
            days.append(date(year, month, day))
        except ValueError:
            continue
    return min(days, key=lambda d: abs((d - doc_date).days), default=None)


_PERIOD_LABEL = re.compile(
    r"(?:^|\n)[ \t]*(?:Period för överenskommelsen?|Avtalsperiod|Avtalstid)[ \t]*:", _I
)


#: "Partnerskapen gäller för åren ...": the period of several agreements, not of one.
_SEVERAL = re.compile(
    r"\b(?:partnerskapen|överenskommelserna|avtalen|IOP:erna)\s+(?:gäller|löper|omfattar|sträcker)",
    _I,
)


#: "Det nya avtalet väntas gälla t.o.m. 31 december 2026": an extended agreement's new end.
_NEW_UNTIL = re.compile(
    rf"\bnya (?:avtalet|överenskommelsen|partnerskapet)[^.\n]{{0,60}}?\b(?:gäll\w*|löper)\s+"
    rf"(?:t\.?\s?o\.?\s?m\.?|till och med|fram till|till)\s+({DATE_RE})",
    _I,
)


#: One end of an agreement's period, the other unsaid: "Det nya avtalet väntas gälla t.o.m. 31
#: december 2026", "ett årligt bidrag ... fram till och med 2019", "när avtalet löper ut den 31
#: december 2021" (an end); "har sedan årsskiftet 18/19 ingått ett partnerskap", "gäller från och
#: med 1 mars 2021", "Sedan den 1 januari 2022 har ett IOP gällt" (a start; "sedan" only with a
#: day). "t.o.m." needs a dot ("tom" is a word).
_END_ONLY = re.compile(
    rf"(?:\b(?:fram\s+)?(?:till och med|t\.\s?o\.?\s?m\.?|t\.?\s?o\.\s?m\.?)|\b(?:löper|går)\s+ut)"
    rf"\s+(?:den\s+)?"
    rf"(?:({DATE_RE})|((?:19|20)\d{{2}}))\b(?!\s*[-–/])",
    _I,
)
_START_ONLY = re.compile(
    rf"\b(?:(?:från och med|fr\.\s?o\.?\s?m\.?|sedan)\s+(?:den\s+)?(?:({DATE_RE})|((?:19|20)\d{{2}})\b)"
    r"|(?:sedan|från(?: och med)?)\s+årsskiftet\s+((?:19|20)?\d{2})/((?:19|20)?\d{2})\b)"
    r"(?!\s*(?:[-–—]|till\b|t\.?\s?o\.?\s?m\b))",
    _I,
)
#: The sentence must say that an agreement holds or was entered (and name the agreement).
_AGREEMENT_WORD = re.compile(r"\b(?:\w*avtal\w*|överenskommelse\w*|\w*partnerskap\w*|IOP)\b", _I)
#: "Samarbetet som löper fram till och med ...": the cooperation is the agreement when the text
#: calls it an IOP in one sentence ("Samarbetet är inom ramen för ett IOP").
_COOPERATION = re.compile(r"\b(?:samarbete(?:t|n)?|samverkan(?:en)?)\b", _I)
_HOLDS = re.compile(
    r"\b(?:gäll\w*|löp\w*|ingått|ingick|ingåtts|tecknat|tecknades|skrev\w*|startade\w*"
    r"|inleddes|får|erhåller|förläng\w*)\b",
    _I,
)


def _one_end(t: str, o: str, doc_date: date | None) -> Period | None:
    """An agreement's period known by one end only, from the first sentence that names the
    agreement, says it holds or was entered, and gives no range (see :data:`_END_ONLY`)."""
    from iopkg.extract.prose import STRONG

    bounds = sentence_bounds(t)
    limit = min(len(t), 200_000)
    found: list[tuple[int, Period]] = []
    called_iop: bool | None = None  # whether the text calls its cooperation an IOP (asked once)
    for rx, is_end in ((_END_ONLY, True), (_START_ONLY, False)):
        for m in rx.finditer(t, 0, limit):
            s, e = sentence_span(t, m.start(), bounds)
            if not _HOLDS.search(t, s, e):
                continue
            if not _AGREEMENT_WORD.search(t, s, e):
                if not _COOPERATION.search(t, s, e):
                    continue
                if called_iop is None:
                    called_iop = _cooperation_called_iop(t, bounds, limit, STRONG)
                if not called_iop:
                    continue
            if find_range(t, s, e, doc_date):
                continue  # a sentence with both ends is the two-ended rule's (or not a period)
            if m.group(2) and m.group(0)[:5].lower() == "sedan":
                continue  # "har funnits sedan 2015": how long, not a start (a day is one)
            if m.group(1):
                d, prec = parse_date(m.group(1)), Precision.day
            elif m.group(2):
                d = date(int(m.group(2)), 12, 31) if is_end else date(int(m.group(2)), 1, 1)
                prec = Precision.year
            else:  # "årsskiftet 18/19": the new year begins
                a, b = (int(x) % 100 for x in m.group(3, 4))
                if b != (a + 1) % 100:
                    continue
                y = int(m.group(4)) if len(m.group(4)) == 4 else 2000 + b
                d, prec = date(y, 1, 1), Precision.day
            if d is None:
                continue
            per = (
                Period(None, d, prec, quote(o, m.start(), m.end()))
                if is_end
                else Period(d, None, prec, quote(o, m.start(), m.end()))
            )
            found.append((m.start(), per))
            break
    return min(found, key=lambda f: f[0])[1] if found else None


def _cooperation_called_iop(t: str, bounds: list[int], limit: int, strong: re.Pattern[str]) -> bool:
    """Whether one sentence names both the cooperation and an IOP ("Samarbetet är inom ramen för
    ett idéburet offentligt partnerskap"). Linear: each IOP word's sentence is read once."""
    last = None
    for m in strong.finditer(t, 0, limit):
        span = sentence_span(t, m.start(), bounds)
        if span != last and _COOPERATION.search(t, *span):
            return True
        last = span
    return False


def several_agreements(t: str) -> bool:
    """Whether the text is about several agreements at once: their period is given in the plural
    ("Partnerskapen gäller ..."), or partners are listed one per dated line.

    :param t: masked text.
    """
    head = t[: min(len(t), 200_000)]
    return bool(_SEVERAL.search(head)) or len(_DATED_LINE.findall(head)) >= 2


def period(t: str, o: str, doc_date: date | None) -> Period | None:
    """The agreement's period, from a sentence that says what the agreement or project runs for.

    :param t: masked text.
    :param o: original text.
    :param doc_date: the document's date, for "i tre år från och med årsskiftet".
    """
    if len(_PERIOD_LABEL.findall(t, 0, min(len(t), 200_000))) >= 2:
        return None  # a period label per agreement: the text is about several agreements
    nu = _NEW_UNTIL.search(t, 0, min(len(t), 200_000))
    new_end = parse_date(nu.group(1)) if nu else None
    for m in _PERIOD_CONTEXT.finditer(t):
        s, e = sentence_span(t, m.end() - 1)
        r = find_range(t, s, e, doc_date)
        if r:
            a, b, p, rs, re_ = r
            if new_end and b < new_end:
                continue  # the extended agreement's earlier period, not the new one's
            return Period(a, b, p, quote(o, rs, re_))
        ms = _SEASON.search(t, s, e)
        if ms:
            first, last = SEASONS[ms.group(1).lower()]
            y = int(ms.group(2))
            return Period(date(y, first, 1), end_of_month(y, last), Precision.season,
                          quote(o, ms.start(), ms.end()))  # fmt: skip
    return _one_end(t, o, doc_date) or _year_of_cooperation(t, o)


#: "Det innebär att man ska samarbeta kring sociala aktiviteter under 2023": the one year the
#: parties work together, said right after the sentence in which they signed the IOP.
_COOPERATE_IN_YEAR = re.compile(
    r"\b(?:samarbeta|samverka)\b[^.\n]{0,80}?\bunder\s+(?:år\s+)?((?:19|20)\d{2})\b(?!\s*[-–—/])",
    _I,
)
_SIGNED_IOP = re.compile(_SIGNED_VERB, _I)


def _year_of_cooperation(t: str, o: str) -> Period | None:
    """A one-year period from the sentence right after the signing of an IOP that says the parties
    are to work together "under 2023" (and names no other year)."""
    from iopkg.extract.prose import STRONG

    bounds = sentence_bounds(t)
    for m in _COOPERATE_IN_YEAR.finditer(t, 0, min(len(t), 60_000)):
        s, e = sentence_span(t, m.start(), bounds)
        if len(re.findall(r"\b(?:19|20)\d{2}\b", t[s:e])) != 1:
            continue
        if re.search(r"\b(?:inte|ej|kan|kunna|skulle|bör|vill|hoppas)\b", t[s:e], _I):
            continue
        ps, pe = sentence_span(t, max(0, s - 2), bounds)
        if ps == s or not (STRONG.search(t, ps, pe) and _SIGNED_IOP.search(t, ps, pe)):
            continue
        y = int(m.group(1))
        return Period(date(y, 1, 1), date(y, 12, 31), Precision.year, quote(o, m.start(), m.end()))
    return None


def review_date(t: str, o: str) -> DateFact | None:
    """When the parties will review whether to continue: "senast X göra en översyn".

    :param t: masked text.
    :param o: original text.
    """
    for m in re.finditer(rf"senast\s+(?:den\s+)?({DATE_RE})", t):
        s, e = sentence_span(t, m.start())
        if re.search(r"översyn|utvärder|ompröv|fortsättning|förläng|omförhandl", t[s:e], _I):
            d = parse_date(m.group(1))
            if d:
                return DateFact(d, quote(o, s, e))
    return None


def notice_months(t: str, o: str) -> IntFact | None:
    """Months of notice: "uppsägningstiden 3 månader", "sägas upp med tre månaders varsel".

    :param t: masked text.
    :param o: original text.
    """
    m = re.search(
        rf"(?:uppsägningstid(?:en)?|sägas upp|uppsägning)[^.\n]{{0,40}}?\b(\d{{1,2}}|{NUMBER_WORDS_RE})\s*(?:\(\d+\)\s*)?månader",
        t, _I,
    )  # fmt: skip
    if not m:
        return None
    n = parse_number(m.group(1))
    if n is None or n != int(n) or n > 60:
        return None
    return IntFact(int(n), quote(o, m.start(), m.end()))
