"""Extractors for money and contributions in kind.

>>> flows = funding_flows("Föreningen får 1,3 mnkr för 2023–2025.", "Föreningen får 1,3 mnkr för 2023–2025.", None)
>>> flows[0].amount, flows[0].start.isoformat(), flows[0].rate_per_year
(Decimal('1300000'), '2023-01-01', False)
"""

from __future__ import annotations

import re

from iopkg.extract.fields import find_range
from iopkg.extract.model import (
    AmountQualifier,
    FundingFlow,
    InKind,
    InKindType,
    MentionedAmount,
    Period,
    SourceOfFunds,
)
from iopkg.extract.parse import NUMBER_RE, NUMBER_WORDS_RE, parse_amount
from iopkg.extract.spans import quote, sentence_bounds, sentence_span

_I = re.IGNORECASE
_MONEY = re.compile(
    rf"(?<![\w,])((?:en halv|{NUMBER_RE}|{NUMBER_WORDS_RE})\s?"
    r"(?:miljoner kronor|miljon kronor|tusen kronor|mnkr|mkr|msek|tkr|tsek|kronor|kr\b|sek\b"
    r"|miljoner\b|miljon\b))", _I
)  # fmt: skip
#: A bare "miljon(er)" is money only in a sentence about money.
_MONEY_CONTEXT = re.compile(
    r"kronor|\bkr\b|bidrag|ersätt|finansi|budget|\bstöd|\bmedel\b|bevilja|pengar|satsa", _I
)
_APPROX = re.compile(
    r"(?:cirka|ca\.?|ungefär|omkring|runt|drygt|knappt|nästan|närmare|strax under|strax över"
    r"|över|mer än|mindre än|uppemot|kring|i storleksordningen)\s*$",
    _I,
)
_APPLIED = re.compile(
    r"(?:ansöker|ansökt|ansökte|ansökan|söker|sökt|sökte|begär|begärt|begärde|äskar|äskat)\s+(?:om\s+)?"
    r"(?:[a-zåäö]+\s+){0,2}$",
    _I,
)
_EARLIER = re.compile(
    r"(?:tidigare|förra årets|föregående års?|hittills)\s+(?:[a-zåäö]+\s+){0,3}$", _I
)
#: "höjer bidraget till föreningen med 50 000 kronor": a change to a grant, not the sum paid.
_INCREASE = re.compile(
    r"\b(?:höj(?:er|s|t|de|ning(?:en)?)|ök(?:ar|as|at|ade|ning(?:en)?)|utök(?:ar|as|at|ade)"
    r"|sänk(?:er|s|t|te|ning(?:en)?)|minsk(?:ar|as|at|ade|ning(?:en)?))\b[^.\n]{0,100}\bmed\s+$",
    _I,
)
#: "2,82 kronor per invånare": an average or a price per person, not a flow.
_PER_UNIT = re.compile(
    r"\s*(?:per|/)\s*(?:(?:kommun)?invånare|deltagare|person|individ|timme|tim|medlem|besök|elev|barn|plats|dygn|natt)\b",
    _I,
)
_BUDGET = re.compile(r"budget|budgetram|ekonomisk ram|(?<!inom )ramen för|budgeter", _I)
_CEILING = re.compile(
    r"(?:upp till|högst|maximalt|max\.?|som mest|tak(?:et)? på|ram(?:en)? på|ram om|uppgå till högst)\s*$",
    _I,
)  # noqa: E501
_RATE = re.compile(
    r"^\s*(?:\S+\s+){0,3}?(?:per (?:kalender)?år|/år\b|om året|årligen|i året|varje år)", _I
)
#: "ett årligt bidrag på 120 000 kronor": the rate said before the amount.
_RATE_BEFORE = re.compile(r"\bårlig[ta]?\s+(?:[\wåäö]+\s+){0,2}(?:på|om)\s*$", _I)
#: "... 120 000 kronor fram till och med 2026": an end year with no start.
_UNTIL_YEAR = re.compile(
    r"^\s*(?:[\wåäö]+\s+){0,3}?(?:fram\s+)?(?:till och med|t\.\s?o\.\s?m\.?)\s+((?:19|20)\d{2})\b"
    r"(?!\s*[-–])",
    _I,
)
_YEAR_BEFORE = re.compile(
    r"\b(?:[Åå]r|[Ff]ör|[Uu]nder)\s+((?:19|20)\d{2})(?:\s*(?:–|—|-|till)\s*((?:19|20)\d{2}))?\b[^.\n]{0,20}$"
)  # noqa: E501
#: "För 2017 fastställs det ekonomiska stödet ... till 1 428 000 kronor": the sentence opens with
#: the year it speaks of, and names no other year before the amount.
_YEAR_LEAD = re.compile(
    r"^\W*(?:[Ff]ör|[Uu]nder) (?:år )?((?:19|20)\d{2})()\b(?![^\n]*\b(?:19|20)\d{2}\b)"
)
_YEAR_AFTER = re.compile(
    r"^[^.\n]{0,40}?\b(?:för|under|avser)\s+(?:år\s+)?((?:19|20)\d{2})\b(?!\s*(?:–|—|-|till))"
)  # noqa: E501
_STATE = re.compile(
    r"länsstyrelse|statlig|staten\b|arbetsförmedling|migrationsverk|socialstyrelse|myndigheten för",
    _I,
)  # noqa: E501
_MUNICIPAL = re.compile(r"kommun|förvaltning|nämnd|kontoret", _I)
_FUNDER = re.compile(
    r"(?:finansieras (?:av|genom)|[Ff]inansieringen från|bidrag från|medel från|beviljad[^.]{0,40}? från|från)\s+"
    r"((?:[A-ZÅÄÖ][\wåäö\-]*)(?:\s(?:i|och|för|kommuns?|regionen|[A-ZÅÄÖ][\wåäö\-]*))*)"
    r"|((?:[A-ZÅÄÖ][\wåäö\-]*)(?:\s(?:i|och|[A-ZÅÄÖ][\wåäö\-]*))*)\s+(?:beviljar|bidrar med|betalar|finansierar|avsätter|går in med|skjuter till)"
)  # fmt: skip


#: A promise, spoken or not, is no agreement: "fått muntligt löfte om ersättning", "lovat".
_PROMISE = re.compile(r"\b(?:löfte\w*|muntlig\w*|(?:ut)?lovat|(?:ut)?lovade)\b", _I)


def qualifier(t: str, s: int, start: int, end: int) -> AmountQualifier | None:
    """Why the amount at ``t[start:end]`` (in the sentence starting at ``s``) is not an exact,
    current flow: "cirka", "strax under", "ansöker om", "det tidigare", a budget frame.

    :param t: masked text.
    :param s: start of the sentence.
    :param start: start of the amount.
    :param end: end of the amount.

    >>> t = "Föreningen ansöker om 3 400 000 kronor."
    >>> qualifier(t, 0, 22, 38).value
    'applied-for'
    """
    before = t[max(s, start - 60) : start]
    if _PER_UNIT.match(t, end, min(len(t), end + 40)):
        return AmountQualifier.per_unit
    if re.search(r"\bskulle\b", t[max(s, start - 150) : start], _I):
        return AmountQualifier.conditional
    if _PROMISE.search(t, max(s, start - 150), start):
        return AmountQualifier.conditional  # "fått muntligt löfte ... om att få 37 000 kronor/år"
    if _APPROX.search(before):
        return AmountQualifier.approximate
    if _APPLIED.search(before):
        return AmountQualifier.applied_for
    if _EARLIER.search(before):
        return AmountQualifier.earlier
    if _INCREASE.search(t, max(s, start - 150), start):
        return AmountQualifier.increase
    if re.search(r"tkr|mnkr|mkr", t[start:end], _I) and _table_row(t, start, end):
        return AmountQualifier.budget_frame  # a row of a budget table
    if _share_line(t, start, end):
        return AmountQualifier.share
    sentence_end = t.find(".", end, end + 300)
    sentence = t[max(s, start - 300) : sentence_end if 0 <= sentence_end < end + 300 else end + 300]
    if _BUDGET.search(sentence):
        return AmountQualifier.budget_frame
    return None


#: A line that is only a recipient and its amount: "Ekby IF 495 000 kronor."
_SHARE_LINE = re.compile(
    r"[ \t]*[A-ZÅÄÖ][^\n\d]{1,80}?[ \t]+\d[\d \u00a0.]*(?:,\d+)?[ \t]*(?:kr|kronor|kr\.)\.?[ \t]*"
)


def _share_line(t: str, start: int, end: int) -> bool:
    """Whether the amount stands on a line of its own with a name before it, among at least two
    more such lines nearby (blank lines between them allowed): a sum shared out among several
    recipients, each with its own agreement or grant, not the one agreement's money."""
    ls = t.rfind("\n", max(0, start - 120), start) + 1
    le = t.find("\n", end, end + 40)
    le = le if le >= 0 else len(t)
    if not _SHARE_LINE.fullmatch(t, ls, le):
        return False
    # up to six lines on each side, nearest first; a line of over 200 characters ends the walk
    # (the windows hold seven such lines, so a line they cut is still over 200 characters)
    window = 7 * 201
    before = t[max(0, ls - 1 - window) : max(0, ls - 1)].split("\n")[::-1][:6]
    after = t[le + 1 : le + 1 + window].split("\n")[:6]
    return _share_lines_next(before) + _share_lines_next(after) >= 2


def _share_lines_next(lines: list[str]) -> int:
    """How many share lines follow one another in ``lines`` (blank lines skipped)."""
    n = 0
    for line in lines:
        if not line.strip():
            continue
        if len(line) > 200 or not _SHARE_LINE.fullmatch(line):
            break
        n += 1
    return n


def _table_row(t: str, start: int, end: int) -> bool:
    """Whether the amount stands in a row of numbers (a table), not in a sentence."""
    ls = max(t.rfind("\n", max(0, start - 300), start) + 1, start - 300)
    le = t.find("\n", end, end + 300)
    line = t[ls : le if le >= 0 else min(len(t), end + 300)]
    cells = re.sub(r"\d{4}-\d{2}-\d{2}|\b(?:19|20)\d{2}\b", " ", line)
    numbers = len(re.findall(r"(?<![\w,])\d[\d \u00a0]*(?:,\d+)?", cells))
    letters = len(re.findall(r"[^\W\d_]", line))
    tabular = "\t" in line or "|" in line or letters < 0.5 * len(line.strip())
    return numbers >= 3 and tabular


def funding_flows(
    t: str, o: str, agreement: Period | None, mentioned: list[MentionedAmount] | None = None
) -> list[FundingFlow]:
    """Sums of money with their period, rate, ceiling, funder, source and legal basis.

    Amounts with a qualifier (about, applied for, earlier, budget frame) are not flows: they go to
    ``mentioned`` when it is given.

    :param t: masked text.
    :param o: original text.
    :param agreement: the agreement period, for rates per year given without their own period.
    :param mentioned: receives the qualified amounts.
    """
    bounds = sentence_bounds(t)
    matches = [m for m in _MONEY.finditer(t) if parse_amount(m.group(1)) is not None]
    out: list[FundingFlow] = []
    for i, m in enumerate(matches):
        amount = parse_amount(m.group(1))
        assert amount is not None
        if amount <= 0:
            continue
        s, e = sentence_span(t, m.start(), bounds)
        nxt = matches[i + 1].start() if i + 1 < len(matches) and matches[i + 1].start() < e else e
        after = t[m.end() : nxt]
        before = t[s : m.start()]
        rate = bool(_RATE.match(after) or _RATE_BEFORE.search(before[-60:]))
        if re.search(r"miljon(?:er)?$", m.group(1), _I) and not _MONEY_CONTEXT.search(t[s:e]):
            continue
        q = qualifier(t, s, m.start(), m.end())
        if q is not None:
            if mentioned is not None:
                mentioned.append(MentionedAmount(amount, q, quote(o, s, e), rate))
            continue
        ceiling = bool(_CEILING.search(before[-80:]))
        start = end = None
        r = find_range(t, m.end(), nxt)
        if r:
            start, end = r[0], r[1]
        else:
            yb = _YEAR_BEFORE.search(before[-80:]) or _YEAR_LEAD.match(before[:300])
            ya = _YEAR_AFTER.match(after)
            w0 = len(before) - len(before[-80:])  # where the window of yb starts in before
            if (
                yb
                and ya
                and (
                    yb.re
                    is _YEAR_LEAD  # the amount's own year wins over the sentence's opening one
                    or _year_of_previous_amount(matches, i, s, s + w0 + yb.start())
                )
            ):
                # "För 2021 ... 380 000 kronor och 650 000 kronor för 2022", "380 000 kronor för
                # 2021 och 650 000 kronor för år 2022": 2021 is the first amount's, not the second's
                yb = None
            if (
                yb
                and yb.re is _YEAR_BEFORE  # (a year that opens the sentence frames it all)
                and _year_in_other_clause(before, w0 + yb.start(), w0 + yb.end(yb.lastindex or 1))
            ):
                yb = None  # "Utöver det som föreningarna gav under 2016, avsattes 2 000 000 kronor"
            if yb:
                from datetime import date

                start = date(int(yb.group(1)), 1, 1)
                end = date(int(yb.group(2) or yb.group(1)), 12, 31)
            elif ya:
                from datetime import date

                start, end = date(int(ya.group(1)), 1, 1), date(int(ya.group(1)), 12, 31)
            elif until := _UNTIL_YEAR.match(after):
                from datetime import date

                end = date(int(until.group(1)), 12, 31)  # "fram till och med 2026": no start
            elif agreement and (
                rate
                or re.match(
                    r"^[^.\n]{0,30}?(?:avtalsperioden|avtalstiden|överenskommelsens (?:period|giltighetstid))",
                    after,
                    _I,
                )
            ):  # noqa: E501
                start, end = agreement.start, agreement.end
        sentence = t[max(s, m.start() - 250) : min(e, m.end() + 250)]  # bounded: linear work
        funder = _funder(sentence) or _funder_before(t, s)
        if _STATE.search(funder or "") or (funder is None and _STATE.search(sentence)):
            source = SourceOfFunds.state
        elif funder and re.search(r"region", funder, _I):
            source = SourceOfFunds.other
        elif _MUNICIPAL.search(funder or sentence):
            source = SourceOfFunds.municipal
        else:
            source = None
        lb = re.search(
            r"(?:paragraf|§)\s*(\d+\s?[a-z]?)\s+i\s+(?:förordningen|lagen)\s*\(((?:19|20)\d{2}:\d+)\)",
            sentence,
        )  # noqa: E501
        legal = f"SFS {lb.group(2)} § {lb.group(1).replace(' ', '')}" if lb else None
        flow = FundingFlow(amount, quote(o, s, e), "SEK", start, end, rate, ceiling, funder,
                           source, legal)  # fmt: skip
        if not any(
            (f.amount, f.start, f.end, f.rate_per_year) == (amount, start, end, rate) for f in out
        ):
            out.append(flow)
    return _without_totals_of_rates(out, t)


#: A clause that belongs to something else than the amount after it: a relative clause ("som
#: föreningarna gav under 2016,") or one that sets another thing beside it ("Utöver ...,").
_OTHER_CLAUSE = re.compile(r"\bsom\b|^\W*(?:Utöver|Förutom|Jämfört med)\b", _I)


def _year_in_other_clause(before: str, ys: int, ye: int) -> bool:
    """Whether the year at ``before[ys:ye]`` (the sentence up to an amount) stands in a clause
    closed by a comma before the amount and opened by "som", "Utöver" or "Förutom": that year
    dates the clause's own matter, not the amount. Bounded: 200 characters before the year."""
    if "," not in before[ye:]:
        return False
    head = before[max(0, ys - 200) : ys]
    clause = head[head.rfind(",") + 1 :]
    return bool(_OTHER_CLAUSE.search(clause))


def _year_of_previous_amount(matches: list[re.Match[str]], i: int, s: int, year_at: int) -> bool:
    """Whether the year found before amount ``i`` (at ``year_at``) follows an earlier amount of
    the same sentence, and so belongs to that amount."""
    return i > 0 and matches[i - 1].start() >= s and matches[i - 1].end() <= year_at


_YEARS_WORD = {2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex"}


def _without_totals_of_rates(flows: list[FundingFlow], t: str) -> list[FundingFlow]:
    """The flows less each sum that is the whole of a rate per year the text also gives ("satsar
    1,5 miljoner kronor" beside "500 000 kronor per år under en treårsperiod"): the same money said
    twice, not a second flow; and less each rate that is the other rates added up ("en miljon
    årligen" beside 650 000 and 350 000 kronor per år). Only when the text says that number of years ("tre år",
    "treårsperiod", "3-årigt") or the rate's own dates span them. Linear in the flows."""
    rates: dict[object, list[FundingFlow]] = {}
    for f in flows:
        if f.rate_per_year and f.amount > 0:
            rates.setdefault(f.amount, []).append(f)
    if not rates:
        return flows
    said: dict[int, bool] = {}

    def total(f: FundingFlow) -> bool:
        for k, word in _YEARS_WORD.items():
            if f.amount % k:
                continue
            for r in rates.get(f.amount / k, []):
                if r.start and r.end and r.end.year - r.start.year + 1 == k:
                    return True
                if k not in said:
                    said[k] = bool(re.search(rf"\b(?:{word}|{k})[ \-]?år", t[:200_000], _I))
                if said[k]:
                    return True
        return False

    rate_amounts = {f.amount for fs in rates.values() for f in fs}
    whole = sum(rate_amounts)

    def sum_of_others(f: FundingFlow) -> bool:
        # "650 000 kronor årligen", "350 000 kronor per år" and "en miljon årligen": the last is
        # the first two added up, said again, not a third rate (at least two others, distinct)
        return len(rate_amounts) >= 3 and whole - f.amount == f.amount

    return [
        f
        for f in flows
        if not (f.rate_per_year and sum_of_others(f))
        and (
            f.rate_per_year
            # "Under tre års tid får X 150 000 kronor" beside "ett årligt bidrag på 150 000
            # kronor": the yearly sum said loosely, not a second flow
            or not (total(f) or (f.amount in rate_amounts and f.start is None and f.end is None))
        )
    ]


def _funder_before(t: str, s: int) -> str | None:
    pattern = r"finansieras (?:av|genom)\s+([A-ZÅÄÖ][^:\n.]{1,60}?)\s*:"
    found = re.findall(pattern, t[max(0, s - 400) : s])
    return found[-1].strip() if found else None


def _funder(sentence: str) -> str | None:
    m = _FUNDER.search(sentence)
    if not m:
        return None
    name = (m.group(1) or m.group(2) or "").strip()
    name = re.sub(r"\s+(?:i|och|för)$", "", name)
    return name or None


_KINDS = [
    (r"\d+\s?%|procent av en tjänst|tjänst(?:e)?(?:tid|grad)|personal(?:resurs|tid)", InKindType.staff_time),
    (r"it-system|digital plattform|bokningssystem", InKindType.it_system),
    (r"tolk", InKindType.interpreting),
    (r"projektstöd", InKindType.project_support),
    (r"lokal|lokaler|utrymme", InKindType.premises),
    (r"marknadsföring|kommunikation|informationsspridning", InKindType.communication),
    (r"volontär|frivillig", InKindType.volunteer_work),
    (r"kunskap|kompetens|perspektiv", InKindType.knowledge),
    (r"utbildning", InKindType.training),
]  # fmt: skip
_TABLE = re.compile(r"([A-ZÅÄÖ][^<>\t\n•]{1,80}?)\s*<ul[^>]*>(.*?)(?=\t|\n|$)")
_CONTRIB = re.compile(
    r"bidrar med|bidra med|står för|ställer[^.]{0,40}?till förfogande|tillhandahåller|upplåter"
    r"|upplåtelse av lokal|fritt nyttjande av lokal|erbjud(?:a|er)[^.]{0,60}?(?:utbildning|lokal|resurser i form av)",
    _I,
)  # fmt: skip


def kind_of(text: str) -> InKindType | None:
    """The kind of an in-kind item, from its first telling word.

    :param text: the item as written.

    >>> kind_of("Lokaler för möten")
    <InKindType.premises: 'inkind-premises'>
    """
    for pattern, kind in _KINDS:
        if re.search(pattern, text, _I):
            return kind
    return None


def in_kind(t: str, o: str, flows: list[FundingFlow]) -> list[InKind]:
    """Contributions in kind from flattened tables ("Giver <ul>• item • item") and sentences.

    :param t: masked text (tags blanked).
    :param o: original text (tags kept: the table structure is read from it).
    :param flows: the funding flows, whose funder gives premises offered with the money.
    """
    out: list[InKind] = []

    def add(kind: InKindType, giver: str | None, desc: str, s: int, e: int) -> None:
        if not any(
            k.kind == kind and (k.giver or "").lower() == (giver or "").lower() for k in out
        ):
            out.append(InKind(kind, quote(o, s, e), giver, desc.strip()))

    for m in _TABLE.finditer(o):
        giver = re.sub(r"\s*\([^)]*\)\s*$", "", m.group(1)).strip()
        base = m.start(2)
        for item in re.finditer(r"•\s*([^•]+)", m.group(2)):
            k = kind_of(item.group(1))
            if k:
                add(k, giver, item.group(1), base + item.start(1), base + item.end(1))
    bounds = sentence_bounds(t)
    for m in _CONTRIB.finditer(t):
        s, e = sentence_span(t, m.start(), bounds)
        tail = t[m.start() : e]
        k = kind_of(tail)
        if not k:
            continue
        head = t[s : m.start()]
        giver = None
        gm = re.search(
            r"erbjuder (?:den |det )?([A-ZÅÄÖ][\wåäö]*(?: [A-ZÅÄÖ][\wåäö]*)*) resurser", tail
        )
        if gm:
            giver = gm.group(1)
        elif re.search(r"fritt nyttjande", tail, _I):
            giver = next(
                (f.funder for f in flows if f.quote.start <= m.start() < f.quote.end + 400), None
            )
        elif m2 := re.match(
            r"\s*(?:\d+(?:\.\d+)*\.?\s+)?(?:Utöver detta|Därutöver|Dessutom|Vidare|Även|Därtill|Samtidigt)\s*$",
            head,
        ):  # noqa: E501
            sm = re.match(
                r"\s*(?:ställer|bidrar|står|tillhandahåller|upplåter)\s+([A-ZÅÄÖ][\wåäö]+(?: [A-ZÅÄÖ][\wåäö]+)*|[a-zåäö]+(?:en|et))\b",
                t[m.start() - len(head) + m2.end() :],
            )  # noqa: E501
            giver = sm.group(1) if sm else None
        else:
            head = re.sub(r"^\s*\d+(?:\.\d+)*\.?\s+", "", head)
            hm = re.match(
                r"\s*((?:[A-ZÅÄÖ][\wåäö\-]*)(?:\s(?:i|och|[a-zåäö\-]*förvaltningen|[A-ZÅÄÖ][\wåäö\-]*))*)",
                head,
            )  # noqa: E501
            giver = hm.group(1) if hm and hm.group(1) else None
        add(k, giver, tail, s, e)
    return out
