"""What a draft needs to describe its resources fully, as the text says it: the document's and the
agreement's titles, what the activity is when it has no name, who receives each contribution, and
who receives the reports. Nothing here is guessed: when the words are not in the text, the value
stays empty and the Turtle draft leaves the resource out (see :func:`iopkg.extract.turtle.left_out`).

>>> t = "Avtal om IOP\\n\\nVerksamheten finansieras av kommunen med 100 000 kr."
>>> document_title(t, t).value
'Avtal om IOP'
"""

from __future__ import annotations

import dataclasses
import re

from iopkg.extract.model import Draft, Quote, Recipient, RecipientKind, TextFact
from iopkg.extract.spans import quote, sentence_span

_I = re.IGNORECASE
_KIND_LINE = re.compile(
    r"[#*\s]*((?:IOP-)?(?:överenskommelse|avtal|tjänsteskrivelse|tjänsteutlåtande|förslag till beslut"
    r"|förslag om|pressmeddelande|protokollsutdrag|utdrag ur protokoll|nyhet)\b[^\n]*)", _I,
)  # fmt: skip
_AGREEMENT = re.compile(
    r"(?:överenskommelse(?:n)?|avtal(?:et)?) om (?:idéburet offentligt partnerskap|IOP)\b[^\n]*", _I
)
_AGREEMENT_END = re.compile(
    r",\s*daterad|\.\s|\.$|\s+för (?:perioden|projekttiden|tiden|åren)\b|\s+i tre år|\s+och att\b"
)
_SUBTITLE = re.compile(r"\n[ \t]*\n[ \t]*([\-–][^\n]+(?:\n(?![ \t]*\n)[^\n]+)*)")


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[*#]", "", text)).strip(" -–")


def document_title(t: str, o: str) -> TextFact | None:
    """The document's title: the first line (of the first 40) that names its kind ("Överenskommelse
    om ...", "Tjänsteskrivelse", "Pressmeddelande", ...), with an agreement's subtitle paragraph
    ("- mellan A och B avseende ...") when one follows.

    :param t: masked text.
    :param o: original text.

    >>> document_title("10 juni\\n\\nÖverenskommelse om IOP\\n\\n- mellan A och B\\n\\nBakgrund", "")
    TextFact(value='Överenskommelse om IOP - mellan A och B', quote=Quote(text='', start=9, end=49))
    """
    pos = 0
    for n, line in enumerate(t.splitlines(keepends=True)):
        if n >= 40:
            break
        m = _KIND_LINE.fullmatch(line.rstrip("\n"))
        if m and not re.search(r"testdokument|påhittat", line, _I):
            start, end = pos + m.start(1), pos + m.end(1)
            sub = _SUBTITLE.match(t, end)
            if sub and re.match(r"^[\-–]\s*(?:mellan|gällande|avseende)", sub.group(1)):
                end = sub.end(1)
            q = quote(o, start, end) if o else Quote("", start, end)
            value = _clean(t[start:end])
            return TextFact(value, q) if value else None
        pos += len(line)
    return None


def agreement_title(t: str, o: str, draft: Draft) -> TextFact | None:
    """The name the text gives the agreement: an agreement's own title, else the first "Överens-
    kommelse(n) om idéburet offentligt partnerskap ..." up to the end of its phrase.

    :param t: masked text.
    :param o: original text.
    :param draft: the draft so far (its document title and type).
    """
    title = draft.title
    if title and re.match(r"(?:IOP-)?(?:överenskommelse|avtal)", title.value, _I):
        return title
    m = _AGREEMENT.search(t)
    if not m:
        return None
    end = m.end()
    cut = _AGREEMENT_END.search(t, m.start(), end)
    if cut:
        end = cut.start()
    value = _clean(t[m.start() : end])
    return TextFact(value[:1].upper() + value[1:], quote(o, m.start(), end)) if value else None


def activity_description(t: str, o: str, draft: Draft) -> TextFact | None:
    """What the activity is when the text gives it no name: the agreement title's "gällande X"
    / "avseende X", else the words "<idea-based party>(s) verksamhet".

    :param t: masked text.
    :param o: original text.
    :param draft: the draft so far (its agreement title and idea-based parties).
    """
    at = draft.agreement_title
    if at:
        seg = t[at.quote.start : at.quote.end]
        m = re.search(r"\b(?:gällande|avseende)\s+(.+?)(?=\s+mellan\b|$)", seg, _I | re.S)
        if m:
            s = at.quote.start + m.start(1)
            return TextFact(_clean(m.group(1)), quote(o, s, at.quote.start + m.end(1)))
    if not draft.idea_parties:
        return None
    names = sorted({p.name for p in draft.idea_parties}, key=len, reverse=True)
    first: dict[str, re.Match[str]] = {}
    alternation = "|".join(re.escape(n) for n in names)
    for m in re.finditer(rf"\b({alternation})s?\s+verksamhet\b", t):  # one pass for all names
        first.setdefault(m.group(1), m)
    for p in draft.idea_parties:  # the first party (in draft order) that has a match
        if p.name in first:
            m = first[p.name]
            return TextFact(_clean(m.group(0)), quote(o, m.start(), m.end()))
    return None


_TO_ACTIVITY = re.compile(
    r"\b(?:verksamhet(?:en)?|projekt(?:et)?|partnerskap(?:et)?|insatsen|genomförandet|bidra[rg]?)\b",
    _I,
)
_LIST_LINE = re.compile(r"^\s*[-•*]|•|<ul|\t")


def _lead_in(t: str, start: int) -> tuple[int, int] | None:
    """The line that introduces the list or table holding ``start`` (within 2 000 characters)."""
    line_start = t.rfind("\n", 0, start) + 1
    line_end = t.find("\n", start)
    line = t[line_start : line_end if line_end >= 0 else len(t)]
    if not _LIST_LINE.search(line):
        return None
    pos = line_start - 1
    while pos > 0 and start - pos < 2000:
        prev_start = t.rfind("\n", 0, pos) + 1
        prev = t[prev_start:pos]
        if prev.strip() and not _LIST_LINE.search(prev):
            return prev_start, pos
        pos = prev_start - 1
    return None


def recipient(t: str, o: str, draft: Draft, q: Quote, giver: str | None) -> Recipient | None:
    """Who the text says receives the contribution quoted by ``q``: a party named after "till",
    "åt" or "erbjuda", else the activity when the words (or the line that introduces the list the
    quote stands in) say the activity, project or partnership is financed or contributed to.

    :param t: masked text.
    :param o: original text.
    :param draft: the draft (its parties).
    :param q: the contribution's quote.
    :param giver: the funder or giver (never its own recipient).

    >>> from iopkg.extract.model import Party
    >>> t = "Kommunen ska erbjuda Föreningen X en utbildning."
    >>> d = Draft("x.txt", t, idea_parties=[Party("Föreningen X", Quote("", 0, 0))])
    >>> recipient(t, t, d, Quote(t, 0, len(t)), "Kommunen").name
    'Föreningen X'
    """
    seg = t[q.start : q.end]
    for p in [*draft.idea_parties, *draft.public_parties]:
        if giver and p.name.lower() == giver.lower():
            continue
        m = re.search(rf"\b(?:till|åt|erbjuda|erbjuds)\s+({re.escape(p.name)})\b", seg, _I)
        if m:
            s = q.start + m.start(1)
            return Recipient(RecipientKind.organisation, quote(o, s, s + len(p.name)), p.name)
    spans = [(q.start, q.end)]
    lead = _lead_in(t, q.start)
    if lead:
        spans.append(lead)
    for s, e in spans:
        m = _TO_ACTIVITY.search(t, s, e)
        if m:
            return Recipient(RecipientKind.activity, quote(o, m.start(), m.end()))
    return None


_REPORTS_TO = re.compile(
    r"\b(styrgrupp(?:en)?)\b|\btill\s+(kommunfullmäktige|kommunstyrelsen|regionstyrelsen"
    r"|[a-zåäö\-]+nämnden)\b", _I,
)  # fmt: skip


def reports_to(t: str, o: str, draft: Draft) -> TextFact | None:
    """Who receives the reports, in the reporting sentence: the steering group, or a board named
    after "till" (a bare "nämnden" names no board and is not used).

    :param t: masked text.
    :param o: original text.
    :param draft: the draft (its reporting duty).
    """
    r = draft.reporting_per_year
    if r is None:
        return None
    s, e = sentence_span(t, r.quote.start)
    m = _REPORTS_TO.search(t, min(s, r.quote.start), max(e, r.quote.end))
    if not m:
        return None
    g = 1 if m.group(1) else 2
    return TextFact(m.group(g).lower(), quote(o, m.start(g), m.end(g)))


def describe(t: str, o: str, draft: Draft) -> None:
    """Fill the draft's titles, activity description, recipients and report receiver in place.

    :param t: masked text.
    :param o: original text.
    :param draft: the draft with its other fields already extracted.
    """
    draft.title = document_title(t, o)
    draft.agreement_title = agreement_title(t, o, draft)
    if draft.activity is None:
        draft.activity_description = activity_description(t, o, draft)
    draft.funding_flows = [
        dataclasses.replace(f, recipient=recipient(t, o, draft, f.quote, f.funder))
        for f in draft.funding_flows
    ]
    draft.in_kind = [
        dataclasses.replace(k, recipient=recipient(t, o, draft, k.quote, k.giver))
        for k in draft.in_kind
    ]
    draft.reports_to = reports_to(t, o, draft)
