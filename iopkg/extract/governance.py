"""Extractors for how the partnership is governed and grounded: decisions, statutes, target
groups, steering group roles and reporting.

Like :mod:`iopkg.extract.fields`, each reads the masked text ``t`` and quotes the original ``o``.

>>> [d.paragraph for d in decisions("Kommunfullmäktige beslutade 2019-01-31, § 16.", "Kommunfullmäktige beslutade 2019-01-31, § 16.")]
[16]
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from iopkg.extract.model import Decision, IntFact, TargetGroup, TargetKind, TextFact
from iopkg.extract.parse import (
    DATE_RE,
    MONTH_RE,
    MONTHS,
    NUMBER_WORDS_RE,
    REGISTRY_RE,
    parse_date,
    parse_number,
    parse_paragraph,
    parse_registry_number,
)  # fmt: skip
from iopkg.extract.spans import quote, sentence_span

_I = re.IGNORECASE

_BODY = re.compile(
    r"(kommunfullmäktige|fullmäktiges?|kommunstyrelsen|regionfullmäktige|regionstyrelsen"
    r"|[a-zåäö\-]*nämnd(?:en|ens)?)", _I,
)  # fmt: skip
#: A date after "beslut" (not "delegationsbeslut 2017-03-07": a report listing decisions taken by
#: officials, the title of an agenda item) or before a "§".
_DECISION_DATE = re.compile(
    rf"(?<!delegations)beslut\w*[^.\n]{{0,60}}?({DATE_RE})|({DATE_RE})[,:]?\s*(?:§\s*\d+|\d+\s*§)"
)
_PARA_AFTER = re.compile(r"[,:]?\s{0,3}\(?\s{0,3}(§\s*\d{1,4}|\d{1,4}\s*§)")
_BODY_WORDS = (
    r"kommunfullmäktige|regionfullmäktige|fullmäktige|kommunstyrelsen|regionstyrelsen"
    r"|[a-zåäö\-]*nämnden|[a-zåäö\-]*nämnd [A-ZÅÄÖ][\wåäö]+"
)
_BODY_GENITIVE = (
    r"kommunfullmäktiges|regionfullmäktiges|kommunstyrelsens|regionstyrelsens|[a-zåäö\-]*nämndens"
)
#: "Beslutet togs i kommunstyrelsen den 16 maj", "Socialnämnden beslutade den 3 mars",
#: "beslutades det på omsorgsnämndens sammanträde den 13 juni".
_PROSE_DAY = re.compile(
    rf"(?:[Bb]eslutet (?:togs|fattades) (?:av|i) (?:{_BODY_WORDS})|(?i:{_BODY_WORDS}) (?:beslutade|fattade beslut|tog beslut)\w*"
    rf"|[Bb]eslutades(?: det)? (?:på|vid|i) (?:{_BODY_GENITIVE}) sammanträde)"
    rf"(?: [\wåäö ]{{0,40}}?)? den (\d{{1,2}}) ({MONTH_RE})\b(?!\.?\s+\d{{4}})"
)
#: "Vid sammanträdet den 30 augusti beslutade socialnämnden Nordost": a meeting's date, then the
#: board's decision (the year, when missing, is the document's).
_PROSE_MEETING = re.compile(
    rf"[Vv]id (?:sammanträdet|mötet|(?:{_BODY_GENITIVE}) (?:sammanträde|möte)) (?:den |det )?"
    rf"(\d{{1,2}}) ({MONTH_RE})(?: ((?:19|20)\d{{2}}))? beslutade (?i:{_BODY_WORDS})"
)
#: "Regionfullmäktige beslutade 2010", "beslut i kommunfullmäktige år 2019".
_PROSE_YEAR = re.compile(
    rf"(?i:{_BODY_WORDS}) (?:beslutade|fattade beslut|tog beslut)\w*(?: [a-zåäö]+){{0,3}}? (?:år |under )?((?:19|20)\d{{2}})\b(?!-\d)"
)
#: "Torsdagen 29 september 2016 antog kommunfullmäktige reglerna ...": a full date right before
#: a board's decision verb and the board.
_DATE_THEN_BODY = re.compile(
    rf"({DATE_RE}),?\s+(?:antog|beslutade|godkände|fastställde)\s+(?i:{_BODY_WORDS})\b"
)
#: "Riktlinjerna antogs av kommunstyrelsen den 29 november 2022": the passive, the board before
#: the full date; also "Beslutet fattades av socialnämnden den 5 maj 2022" and the active
#: "Socialnämnden godkände den 5 maj 2022 ...".
#: What was decided may stand between ("Beslutet om IOP med X fattades av socialnämnden den D"),
#: and the meeting after the object ("Socialnämnden godkände IOP-avtalet med X vid sammanträdet
#: den D").
_BODY_THEN_DATE = re.compile(
    rf"(?:\b(?:antogs|godkändes|fastställdes|beslutades|klubbades)\s+(?:av|i)\s+(?i:{_BODY_WORDS})"
    rf"|\b[Bb]eslutet(?:\s+om\s+[^.\n]{{1,60}}?)?\s+(?:togs|fattades)\s+(?:av|i)\s+(?i:{_BODY_WORDS})"
    rf"|\b(?i:{_BODY_WORDS})\s+(?:antog|godkände|fastställde|klubbade)"
    rf"|\b(?i:{_BODY_WORDS})(?:\s+i\s+[A-ZÅÄÖ][\wåäö]+(?:\s+(?:kommun|stad))?)?"
    rf"\s+(?:antog|godkände|fastställde|beslutade\s+om)\s+[^.\n]{{1,80}}?"
    rf"\s+(?:vid|på)\s+(?:sitt\s+)?(?:sammanträdet|sammanträde|mötet|möte))"
    rf"\s+den\s+({DATE_RE})"
)
#: "Idag har regionstyrelsen i Region Ekby beslutat att ...", "Kommunstyrelsen beslutade i dag
#: att ...": a decision taken on the day a dated press release or news item was written.
_TODAY = r"(?:[Ii]dag|[Ii] dag)"
_BODY_PLACE = (
    r"(?:\s+i\s+(?:Region\s+[A-ZÅÄÖ][\wåäö]+(?:\s+län)?|[A-ZÅÄÖ][\wåäö]+(?:\s+(?:kommun|stad))?))?"
)
_VERB_DECIDED = r"(?:beslutat|beslutade|fattat beslut|fattade beslut|tagit beslut|tog beslut)\b"
_YESTERDAY = r"(?:[Ii]går|[Ii] går)"
#: The same "igår", "i går": the day before the release's day.
_YESTERDAY_DECIDED = re.compile(
    rf"\b{_YESTERDAY},?\s+(?:har\s+)?(?i:{_BODY_WORDS}){_BODY_PLACE}\s+{_VERB_DECIDED}"
    rf"|\b{_YESTERDAY},?\s+{_VERB_DECIDED}\s+(?i:{_BODY_WORDS})"
    rf"|\b(?i:{_BODY_WORDS}){_BODY_PLACE}\s+{_VERB_DECIDED}\s+{_YESTERDAY}\b"
)
_TODAY_DECIDED = re.compile(
    rf"\b{_TODAY},?\s+(?:har\s+)?(?i:{_BODY_WORDS}){_BODY_PLACE}\s+{_VERB_DECIDED}"
    rf"|\b(?i:{_BODY_WORDS}){_BODY_PLACE}\s+(?:har\s+)?"
    rf"(?:{_TODAY}\s+{_VERB_DECIDED}|{_VERB_DECIDED}\s+{_TODAY}\b)"
)


#: Registry numbers as municipalities write them: "Diarienummer 0193/15", "Dnr KS/2016:7",
#: "KSN-2016-1422", "KS/2012:628-805".
_REG_LABELLED = re.compile(
    r"(?:[Dd]iarienummer|[Dd]nr|[Ää]rendenummer)\.?\s{0,3}:?\s{0,3}"
    r"((?:[A-ZÅÄÖ]{1,6}[ /\-]?)?\d{2,4}[/:.\-]\d{1,5}(?:[\-:/]\d{1,5})?|\d{2}[A-ZÅÄÖ]{1,4}\d{2,6})\b"
)
_REG_OTHER = re.compile(
    r"(?<![\w/])([A-ZÅÄÖ]{2,6}/(?:19|20)\d{2}:\d{1,5}(?:-\d{1,5})?|[A-ZÅÄÖ]{2,6}-(?:19|20)\d{2}-\d{2,6})(?![\w/])"
)


#: What may follow a decision in prose, in the same clause: its paragraph and its registry
#: number, as "(§ 76, diarienummer 0193/15)", ", § 76", "(dnr KS 2016/123)".
_TAIL_PARA = re.compile(r"[,:]?\s{0,3}\(?\s{0,3}(§\s*\d{1,4}|\d{1,4}\s*§)")
_TAIL_REG = re.compile(r"\s{0,3}[,;]?\s{0,3}\(?\s{0,3}(?=[Dd]iarienummer|[Dd]nr|[Ää]rendenummer)")


def _tail(t: str, end: int) -> tuple[int | None, str | None, int]:
    """The paragraph and the labelled registry number written right after a decision in prose
    that ends at ``end``, and where they end (``end`` when there are none)."""
    para = None
    pm = _TAIL_PARA.match(t, end)
    if pm:
        para, end = parse_paragraph(pm.group(1)), pm.end()
    regno = None
    lm = _TAIL_REG.match(t, end)
    if lm:
        rm = _REG_LABELLED.match(t, lm.end())
        if rm:
            text = rm.group(1).strip()
            regno = parse_registry_number(text) or text
            end = rm.end()
    return para, regno, end


#: More decisions than this in one text are not read (a register or garbage, not an IOP text);
#: the bound keeps the work linear.
MAX_DECISIONS = 60


def decisions(
    t: str, o: str, doc_date: date | None = None, release_day: date | None = None
) -> list[Decision]:
    """Decisions named in the text: a date near "beslut" or a "§", decisions in prose ("Beslutet
    togs i kommunstyrelsen den 16 maj.", "Regionfullmäktige beslutade 2010", "29 september 2016
    antog kommunfullmäktige ..."), and registry numbers.

    :param t: masked text.
    :param o: original text.
    :param doc_date: the document's date: the year of a decision date written without one.
    :param release_day: the day a dated press release or news item was written (see
        :func:`iopkg.extract.fields.release_day`): a board's decision "idag" was taken on it.
    """
    out: dict[tuple, Decision] = {}
    for m in _DECISION_DATE.finditer(t):
        if len(out) >= MAX_DECISIONS:
            break
        g = 1 if m.group(1) else 2
        d = parse_date(m.group(g))
        if not d:
            continue
        pm = _PARA_AFTER.match(t, m.end(g))
        para = parse_paragraph(pm.group(1)) if pm else None
        s, e = sentence_span(t, m.start(g))
        reg = re.search(REGISTRY_RE, t[s:e])
        regno = parse_registry_number(reg.group(0)) if reg else None
        body = _body(t[s : m.end(g)])
        end = pm.end() if pm else m.end(g)
        if regno is None:  # "2021-11-24 § 112, dnr FRN-2021-3345": the number after it
            _, regno, end = _tail(t, end)
        out.setdefault((d, para, regno), Decision(quote(o, m.start(), end), body, d, para, regno))
    for text in (t, o):
        for m in re.finditer(REGISTRY_RE, text):
            if len(out) >= MAX_DECISIONS:
                break
            regno = parse_registry_number(m.group(0))
            if not regno or any(k[2] == regno for k in out):
                continue
            s, e = sentence_span(text, m.start())
            near = [
                k for k, v in out.items() if k[2] is None and abs(v.quote.start - m.start()) < 200
            ]
            if near:
                old = out.pop(near[0])
                out[(near[0][0], near[0][1], regno)] = Decision(
                    old.quote, old.body, old.date, old.paragraph, regno
                )
                continue
            dm = re.search(rf"(?:daterat?|den)\s+({DATE_RE})", text[s:e])
            d = parse_date(dm.group(1)) if dm else None
            if d is None and not _case_context(text, m.start(), m.end()):
                continue
            out[(d, None, regno)] = Decision(quote(o, s, e), _body(text[s:e]), d, None, regno)
    for rx in (_PROSE_DAY, _PROSE_MEETING) if doc_date is not None else (_PROSE_MEETING,):
        for m in _near_word(rx, t, "eslut"):
            d, inferred = _day_date(m, doc_date)
            if d is not None and not any(k[0] == d for k in out):
                para, regno, end = _tail(t, m.end())
                if regno is not None:  # read with its decision here, not on its own below
                    out.pop((None, None, regno), None)
                out[(d, para, regno)] = Decision(
                    quote(o, m.start(), end), _body(m.group(0)), d, para, regno,
                    date_inferred=inferred,
                )  # fmt: skip
    if release_day is not None:  # "idag beslutade": the release's day; "igår": the day before
        for rx, day in (
            (_TODAY_DECIDED, release_day),
            (_YESTERDAY_DECIDED, release_day - timedelta(days=1)),
        ):
            for m in _near_word(rx, t, "eslut"):
                if len(out) < MAX_DECISIONS and not any(k[0] == day for k in out):
                    out[(day, None, None)] = Decision(
                        quote(o, m.start(), m.end()), _body(m.group(0)), day, None, None,
                        date_inferred=True,
                    )  # fmt: skip
    for m in (*_DATE_THEN_BODY.finditer(t), *_BODY_THEN_DATE.finditer(t)):
        d = parse_date(m.group(1))
        if d is not None and len(out) < MAX_DECISIONS and not any(k[0] == d for k in out):
            out[(d, None, None)] = Decision(
                quote(o, m.start(), m.end()), _body(m.group(0)), d, None, None
            )
    for m in _near_word(_PROSE_YEAR, t, "eslut"):
        if len(out) >= MAX_DECISIONS:
            break
        y = int(m.group(1))
        if not any(isinstance(k[0], date) and k[0].year == y for k in out):
            out.setdefault(
                (f"year-{y}", None, None),
                Decision(quote(o, m.start(), m.end()), _body(m.group(0)), None, year=y),
            )
    for rx in (_REG_LABELLED, _REG_OTHER):
        for m in rx.finditer(t):
            if len(out) >= MAX_DECISIONS:
                break
            regno = m.group(1).strip()
            if parse_registry_number(regno) or any(k[2] == regno for k in out):
                continue
            if any(
                v.quote.start <= m.start(1) < v.quote.end and v.registry_number
                for v in out.values()
            ):
                continue
            if not _case_context(t, m.start(1), m.end(1)):
                continue
            out[(None, None, regno)] = Decision(
                quote(o, m.start(1), m.end(1)), None, None, None, regno
            )
    return list(out.values())


def _day_date(m: re.Match[str], doc_date: date | None) -> tuple[date | None, bool]:
    """The date of a ``_PROSE_DAY`` or ``_PROSE_MEETING`` match (day in group 1, month in group 2,
    a year in group 3 if the pattern has one) and whether its year was taken from the document
    date (the last such day on or before it); no date when the year is neither given nor known."""
    month, day = MONTHS[m.group(2).lower()], int(m.group(1))
    if m.re.groups >= 3 and m.group(3):
        year, inferred = int(m.group(3)), False
    elif doc_date is not None:
        year = (
            doc_date.year if (month, day) <= (doc_date.month, doc_date.day) else doc_date.year - 1
        )
        inferred = True
    else:
        return None, False
    try:
        return date(year, month, day), inferred
    except ValueError:
        return None, False


#: What shows that a registry number belongs to a case that was decided or is put for decision:
#: "beslut", a "§", "Ärendet har tilldelats diarienummer", "ärendenummer 13 i ... kallelse".
_CASE_WORDS = re.compile(r"beslut|§|\bärendet\b|ärendenummer|tilldelats", _I)
#: A numbered agenda line "3. Idéburet Offentligt partnerskap (IOP) Brottsofferjouren Dnr 2017/5".
_AGENDA_ITEM = re.compile(r"\s*\d{1,3}[.)]\s+\S")
#: How far around a registry number its case words are looked for (within its paragraph).
CASE_REACH = 160


def _case_context(t: str, start: int, end: int) -> bool:
    """Whether the registry number at ``t[start:end]`` stands where a case is decided: its
    paragraph (up to a blank line, at most ``CASE_REACH`` characters either side) has a decision
    word and is not a numbered agenda line. A number alone in an agenda or in a list of other
    documents' titles ("Dnr KS/2016:7. Avtal ...") is no decision."""
    lo = max(0, start - CASE_REACH)
    hi = min(len(t), end + CASE_REACH)
    before = t.rfind("\n\n", lo, start)
    after = t.find("\n\n", end, hi)
    ps = before + 2 if before >= 0 else lo
    pe = after if after >= 0 else hi
    if _AGENDA_ITEM.match(t, ps):
        return False
    return _CASE_WORDS.search(t, ps, pe) is not None


def _near_word(rx: re.Pattern[str], t: str, word: str, reach: int = 90) -> list[re.Match[str]]:
    """Matches of ``rx`` that contain ``word``: found by looking only around each occurrence of
    the word (a literal scan), which is far quicker on long texts than ``rx.finditer``.

    :param rx: the pattern; every match of it contains ``word``.
    :param t: the text.
    :param word: a literal every match contains.
    :param reach: how far a match may start before the word and end after it.
    """
    out: list[re.Match[str]] = []
    last_end = -1
    i = t.find(word)
    while i >= 0 and len(out) < MAX_DECISIONS:
        m = rx.search(t, max(last_end, i - reach), min(len(t), i + len(word) + reach))
        if m and m.start() <= i < m.end():
            out.append(m)
            last_end = m.end()
        i = t.find(word, i + 1)
    return out


def _body(text: str) -> str | None:
    found = _BODY.findall(text)
    if not found:
        return None
    b = found[-1].lower()
    if b.startswith("fullmäktige"):
        return "kommunfullmäktige"
    return re.sub(r"(nämnd)(?:en|ens)?$", r"\1en", b)


def legal_references(t: str, o: str) -> list[TextFact]:
    """SFS numbers of statutes ("(2016:38)", "SFS 2010:1122").

    :param t: masked text.
    :param o: original text.
    """
    out: dict[str, TextFact] = {}
    for m in re.finditer(r"(?<![\d:])((?:19|20)\d{2}:\d{1,4})(?![\d:])", t):
        out.setdefault(m.group(1), TextFact(m.group(1), quote(o, m.start(), m.end())))
    return list(out.values())


_TARGETS = [
    (r"asylsökande", "target-asylum-seekers"),
    (r"nyanl[äa]nd|nya i sverige|nya svenskar|nyinflyttade flyktingar", "target-newly-arrived"),
    (r"\betablerade", "target-established-residents"),
    (r"\balla\b[^.]{0,25}?(?:invånare|bor\b|lundabor|medborgare)|\balla invånare", "target-all-residents"),
    (r"volontär|frivilliga\b", "target-volunteers"),
    (r"missbruk|beroende", "target-people-with-addiction"),
    (r"anhöriga|närstående", "target-relatives"),
    (r"föräldrar till (?:små|mindre|yngre) barn|småbarnsföräldrar", "target-parents-of-young-children"),
]  # fmt: skip


def target_groups(t: str, o: str) -> list[TargetGroup]:
    """Target groups from "Direkt målgrupp:", "Indirekt målgrupp:", "Målgrupp:" paragraphs.

    :param t: masked text.
    :param o: original text.
    """
    out: list[TargetGroup] = []
    for m in re.finditer(
        r"(?:^|\n)[ \t#*]*(Direkt|Indirekt|Primär|Sekundär)?\s*målgrupp(?:en)?\**\s*:", t, _I
    ):
        kind = (
            TargetKind.indirect
            if (m.group(1) or "").lower() in ("indirekt", "sekundär")
            else TargetKind.direct
        )
        rest = m.end()
        para = re.match(r"[ \t]*\n?\s*(.+?)(?=\n\s*\n|$)", t[rest : rest + 600], re.DOTALL)
        if not para:
            continue
        s, e = rest + para.start(1), rest + para.end(1)
        for pattern, concept in _TARGETS:
            if re.search(pattern, t[s:e], _I) and not any(
                g.kind == kind and g.concept == concept for g in out
            ):
                out.append(TargetGroup(kind, concept, quote(o, m.start(), e)))
    return out


def steering_group_roles(t: str, o: str) -> list[TextFact]:
    """Role titles of steering group members: bullets after "ska ingå i styrgrupp",
    "X ingår i styrgruppen", "Styrgruppen består av ... samt en X".

    :param t: masked text.
    :param o: original text.
    """
    out: list[TextFact] = []

    def add(title: str, s: int, e: int) -> None:
        title = re.split(r"\s+[–—-]\s+|\s*\(|,|\.|:", title.strip(), maxsplit=1)[0].strip()
        title = re.sub(r"\s+\d+\s*%$", "", title)
        if title and not any(r.value.lower() == title.lower() for r in out):
            out.append(TextFact(title, quote(o, s, e)))

    for m in re.finditer(
        r"(?:ska ingå i|ingår i|består av följande|ledamöter i) styrgrupp(?:en)?\s*:", t, _I
    ):
        pos, found = m.end(), ""
        for line in t[m.end() : m.end() + 2000].splitlines(keepends=True):
            b = re.match(r"[ \t]*([-•*]|\d+\.)\s+([^\n]+)", line)
            style = None if b is None else ("n" if b.group(1)[0].isdigit() else "b")
            if b and found and style != found:
                break
            if b:
                found = style
                if not re.match(r"övriga|andra ", b.group(2), _I):
                    add(b.group(2), pos + b.start(2), pos + b.end(2))
            elif line.strip() and pos > m.end() + 2:
                break
            pos += len(line)
    for m in re.finditer(
        r"\b([A-ZÅÄÖa-zåäö][\wåäö/]+)(?:\s+\d+\s*%)?\s+(?:som\s+)?ingår i styrgrupp", t
    ):
        if m.group(1).lower() not in ("som", "och", "part", "parterna", "den"):
            add(m.group(1), m.start(), m.end())
    for m in re.finditer(r"[Ss]tyrgruppen består av[^.]*?\bsamt (?:en|ett)\s+([\wåäö ]+?)\.", t):
        add(m.group(1), m.start(1), m.end(1))
    return out


_FREQ = [
    (r"kvartalsvis|fyra gånger per år|varje kvartal", 4),
    (r"halvårsvis|två gånger per år|varje halvår|en gång per halvår", 2),
    (r"en gång per år|årligen|varje (?:hel )?årsskifte|årlig(?:a)? (?:uppföljnings)?rapport", 1),
]


def reporting_per_year(t: str, o: str, start: date | None, end: date | None) -> IntFact | None:
    """How many times a year the activity is reported on.

    :param t: masked text.
    :param o: original text.
    :param start: start of the agreement period, for "N tillfällen till <date>".
    :param end: end of the agreement period.
    """
    word = rf"(\d+|{NUMBER_WORDS_RE})\s*(?:\(\d+\)\s*)?"
    for m in re.finditer(
        rf"(?:rapport|redovis|följer upp)[^.\n]{{0,80}}?\b{word}(?:tillfällen|gånger)\s+(?:på ett år|per år|om året|årligen|till\s+({DATE_RE}))",
        t,
        _I,
    ):  # noqa: E501
        n = parse_number(m.group(1))
        if n is None or n != int(n) or not 0 < n <= 52:
            continue
        if m.group(2):
            until = parse_date(m.group(2))
            if not (until and start and until > start):
                continue
            months = (until.year - start.year) * 12 + until.month - start.month + 1
            n = round(n * 12 / months)
        return IntFact(int(n), quote(o, *sentence_span(t, m.start())))
    for pattern, n in _FREQ:
        m = re.search(
            rf"(?:rapport|redovis|uppfölj|följ)[^.\n]{{0,100}}?(?:{pattern})|(?:{pattern})[^.\n]{{0,60}}?(?:rapport|redovis|uppfölj)",
            t,
            _I,
        )  # noqa: E501
        if m:
            return IntFact(n, quote(o, *sentence_span(t, m.start())))
    return None
