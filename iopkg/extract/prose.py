"""Facts written in running text: whether a text is about an IOP at all, and the parties of an IOP
named in sentences ("Kramfors kommun ingår ett IOP med Kvinnoforum", lists such as "mellan Göteborgs
kommun och ... (Röda Korset, Rädda Barnen ... och Reningsborg)").

>>> t = "Malmö stad tecknar ett IOP med Röda Korset och Föreningen Hoppet."
>>> pub, idea = prose_parties(t, t)
>>> [p.name for p in pub], [p.name for p in idea]
(['Malmö stad'], ['Röda Korset', 'Föreningen Hoppet'])
>>> classify("Budget 2024: 400 tkr till gator och parker. " * 12, None)
(<Classification.not_iop: 'not-iop'>, 0.0)
"""

from __future__ import annotations

import re

from iopkg.extract.model import Classification, DocumentType, Party
from iopkg.extract.spans import municipality_names, quote, sentence_bounds, sentence_span

_I = re.IGNORECASE

#: Words that only an IOP text uses.
STRONG = re.compile(
    r"\bIOP\b|\bIOP(?::?er|:s|-avtal\w*)|idéburet offentligt partnerskap"
    r"|idéburna offentliga partnerskap\w*|idéburet offentligt partnerskaps?",
    _I,
)
_REPORT = re.compile(r"\bbeslut\w*|\brapport\w*|\butredning\w*|\brevision\w*|\bprotokoll\w*", _I)


#: Texts shorter than this (characters) without an IOP word are not classified when they have an
#: agreement word (a snippet of an agreement); without one they are not about an IOP (a short news
#: item on a shelter without funding).
MIN_CLASSIFIABLE = 400
_AGREEMENT_WORD = re.compile(
    r"avtal|överenskommelse|partnerskap|samverkan|samarbet|uppsägning|\bparter(?:na)?\b"
    r"|\bpart\b|avtalstid|\bingå\w*|\btecknar\b|\btecknat\b|\bmellan\b|§|\bdnr\b|diarienummer"
    r"|beslut|kronor|\bkr\b|tkr|mnkr|bidrag",
    _I,
)
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(
    r"[A-Za-zÅÄÖåäöÉé][a-zåäöéü\-]*[.,:;!?)]*|\(?[A-ZÅÄÖ]{2,}[.,:;)]*|[\d\s.,:%–-]+|[-–•§|]"
)


def _garbage(t: str) -> bool:
    """Mostly tokens that are neither words nor numbers: not a readable text."""
    tokens = _TOKEN.findall(t, 0, min(len(t), 20_000))
    if len(tokens) < 30:
        return False
    words = sum(1 for x in tokens if _WORD.fullmatch(x))
    return words < 0.6 * len(tokens)


def classify(t: str, doc_type: DocumentType | None) -> tuple[Classification | None, float]:
    """Whether a text is about an IOP and what kind of text it is, with a score in [0, 1]
    (how sure: 0 for no IOP word at all, rising with the number of IOP words).

    :param t: masked text.
    :param doc_type: the document type found, if any.
    """
    if _garbage(t):
        return Classification.not_iop, 0.0
    n = len(STRONG.findall(t, 0, min(len(t), 200_000)))
    if n == 0:
        if len(t.strip()) < MIN_CLASSIFIABLE and _AGREEMENT_WORD.search(t):
            return None, 0.0  # a snippet of an agreement: too short to tell, facts are still read
        return Classification.not_iop, 0.0  # no IOP word, and no agreement word in a snippet
    if n <= _PASSING_MAX and _iop_only_elsewhere(t):
        return Classification.not_iop, 0.0
    score = round(min(1.0, 0.5 + 0.1 * n), 2)
    if doc_type == DocumentType.agreement:
        return Classification.agreement, score
    if doc_type in (DocumentType.board_report, DocumentType.minutes):
        return Classification.decision_or_report, score
    if doc_type in (DocumentType.news, DocumentType.press_release):
        return Classification.news, score
    if len(_REPORT.findall(t, 0, min(len(t), 50_000))) >= 2:
        return Classification.decision_or_report, score
    return Classification.news, score


#: A text with at most this many IOP words may name an IOP only in passing.
_PASSING_MAX = 2
#: A capitalised word, possibly a municipality's name (or its genitive).
_CAP_WORD = re.compile(r"\b[A-ZÅÄÖ][a-zåäöé]{2,}\b")
#: Words that tie another place's IOP to the text's own matter ("också", "liksom"): not in passing.
_LIKEWISE = re.compile(r"\b(?:också|även|liksom|likt|samma|likadant|precis som)\b", _I)


def _places(t: str, s: int, e: int, names: dict[str, str]) -> list[tuple[str, int]]:
    """Municipalities of the reference data named in ``t[s:e]`` by a capitalised word ("Ekby",
    "Ekbys"), with their positions."""
    out = []
    for m in _CAP_WORD.finditer(t, s, e):
        w = m.group(0).lower()
        key = w if w in names else w[:-1] if w.endswith("s") and w[:-1] in names else None
        if key:
            out.append((key, m.start()))
    return out


def _iop_only_elsewhere(t: str) -> bool:
    """Whether the text names an IOP only in passing, as another place's: every sentence with an
    IOP word names a municipality, none of them the one the text names most (at least twice, and
    more often than any of those), and none ties that IOP to the text's own matter ("också", "liksom"). A text on
    one town's cooperation with organisations, never called an IOP, that mentions "i Ekby har
    kommunen och tre föreningar ingått ett IOP" as an example is not about an IOP.

    :param t: masked text (with at most :data:`_PASSING_MAX` IOP words).
    """
    names = municipality_names()
    limit = min(len(t), 200_000)
    spans: list[tuple[int, int]] = []
    for m in STRONG.finditer(t, 0, limit):
        s, e = sentence_span(t, m.start())
        if spans and spans[-1] == (s, e):
            continue
        spans.append((s, e))
    if not spans or not names:
        return False
    inside: set[str] = set()
    for s, e in spans:
        found = {k for k, _ in _places(t, s, e, names)}
        if not found or _LIKEWISE.search(t, s, e):
            return False
        inside |= found
    counts: dict[str, int] = {}
    for key, _ in _places(t, 0, limit, names):
        counts[key] = counts.get(key, 0) + 1
    own = max(counts, key=lambda k: counts[k])
    return counts[own] >= 2 and own not in inside and counts[own] > max(counts[k] for k in inside)


_ANCHOR = re.compile(
    r"\bIOP|idéburet offentligt partnerskap|idéburna offentliga partnerskap|partnerskap"
    r"|överenskommelse|samverkansavtal|\bavtal\b"
    r"|\b(?:har|hade) (?:ingått|tecknat|undertecknat|signerat|skrivit under) (?:avtalet|partnerskapet)\b",
    _I,
)
#: "Idag skriver Ekby stadsdelsförvaltning och KFUM Ekby på ett IOP-avtal": signing by writing
#: one's name "på" the agreement, with the parties between the verb and "på".
_SIGNS_ON = (
    r"\bskr(?:iver|ev|ivit)\b[^.\n]{0,80}?\bpå\s+(?:ett|en)\s+"
    r"(?:[\wåäö\-]*avtal|IOP\b|överenskommelse|idéburet offentligt partnerskap)"
)
_RELATION = re.compile(
    r"\bmellan\b|\bmed\s+(?:(?-i:[A-ZÅÄÖ])|föreningen|stiftelsen|kvinno|brottsoffer|kommunen|regionen)|\bingå\w*|\bingick\b|\bteckna\w*|\bsignera\w*|\bunderteckna\w*"
    r"|\bskri(?:ver|vit|vs|va|vits) (?:under|avtal)\b|\bskrev (?:[\wåäö]+ ){1,2}på (?:ett|en) avtal\b"
    rf"|{_SIGNS_ON}|\bDeltagare\b|\bParter\b|\betablerats\b|\btillsammans med\b|\bhar IOP"
    r"|\b(?:har|hade) kommit överens\b",
    _I,
)
#: Modal, conditional, negated or instructing sentences and questions describe IOP in general or
#: a possibility, not one agreement.
_GENERIC = re.compile(
    r"\b(?:kan|kunna|bör|måste|skulle|om ni|om din|hur|kontakta|möjlighet\w*|utredning\w*"
    r"|fråga|inte|ingen|inget|ej|intresserad\w*|löfte|avser|avsikt\w*|planerar|tänker)\b|\?"
    r"|^\W*(?:Ingå|Kontakta)\b",
    _I,
)
#: A citation in parentheses, "(Göteborgs stad, Social resursförvaltning, 2013)".
_CITATION = re.compile(r"\([^()]{0,200}\b(?:19|20)\d{2}\)")
_LEADS = re.compile(r"^\W*(?:Deltagare|Parter(?:na)?)\b", _I)
_CAP = r"[A-ZÅÄÖ][\wåäöÅÄÖ&]*(?:-[A-ZÅÄÖa-zåäö][\wåäö]*)*"
_COMPOUND = r"[A-ZÅÄÖa-zåäö][\wåäö]*-\s(?:och|eller)\s[\wåäö]+"
_TAIL = (
    r"(?:kommun|stad|Stad|län|kvinnojour(?:en)?|tjejjour(?:en)?|brottsofferjour(?:en)?"
    r"|stadsmission(?:en)?|kyrkliga|diakoni|korset|barnen|kvinnoforum|förening(?:en)?"
    r"|stiftelse(?:n)?|idrottsförening(?:en)?|hembygdsförening(?:en)?|studieförbund(?:et)?"
    r"|krets(?:en)?|rödakorskrets(?:en)?|räddningsmission(?:en)?|resursförvaltning|[\wåäö]*förvaltning(?:en)?"
    r"|[\wåäö]*nämnd(?:en)?|styrelse(?:n)?|ekonomi|kvinnoförening(?:en)?"
    r"|(?<=Hela )människan)"  # "Hela människan": the organisation, its second word in lower case
)
_LOWHEAD = (
    r"(?:föreningen|stiftelsen|kvinnoforum|kvinnojouren|tjejj?ouren|kommunstyrelsen|regionstyrelsen"
    r"|[a-zåäö]+nämnd(?:en)?|[a-zåäö]+förvaltningen)"
)
#: An organisation whose name is its web address, in lower case, after the word that says what
#: it is: "stiftelsen nattvandring.nu" (the name is "nattvandring.nu").
_WEB_NAME = r"(?:föreningen|stiftelsen)[ \t][a-zåäö][\wåäö\-]*\.(?:nu|se|org)\b"
#: A place's organisation named by two fields in lower case after it: "Mora pensionärs- och
#: anhörigförening", "Ekby god man- och förvaltarförening" (one name, not "Mora" and a fragment).
_COMPOUND_TAIL = (
    r"(?:[a-zåäö]+[ \t])?[a-zåäö]+-[ \t](?:och|eller)[ \t][a-zåäö]*"
    r"(?:förening(?:en)?|förbund(?:et)?|stiftelse(?:n)?|jour(?:en)?)(?![\wåäö])"
)
_NAME = re.compile(
    rf"(?:{_WEB_NAME}|{_COMPOUND}|{_CAP}|{_LOWHEAD})(?:[ \t](?:{_COMPOUND_TAIL}|{_CAP}|{_TAIL}(?![\wåäö])|i[ \t]{_CAP})|/[ \t]?{_CAP})*"
)  # "Kvinnojouren Nacka/Värmdö": one organisation for two towns  # a tail word ends a word ("stad" is not the start of "stadsmission")
_SPLIT = re.compile(
    r"\s*(?:,|;|:|\(|\)|\s–\s|\s-\s|(?<!- )\boch\b|\bsamt\b|\bmellan\b|\btillsammans med\b|\bmed\b)\s*"
)

_PUBLIC = re.compile(
    r"(?:\bkommuns?|\b[Ss]tads?)$|^Region\s[A-ZÅÄÖ]|regionen$|nämnd(?:en)?\b|styrelsen\b"
    r"|förvaltning(?:en)?\b|^Landstinget\s|(?:samordnings|kommunal)förbund(?:et)?\b"
    # a city district's administration: "SDF Majorna-Linné", "Stadsområde Nordost"
    r"|^SDF\s|stads(?:dels)?område(?:t)?\b",
    _I,
)
_IDEA = re.compile(
    r"förening|stiftelse|stadsmission|kvinnojour|tjejj?our|brottsofferjour|röda korset"
    r"|rädda barnen|frälsningsarmén|diakoni|räddningsmission|fritidsbanken|skyddsvärnet"
    r"|fryshuset|kvinnoforum|idrottsklubb|studieförbund|studiefrämjandet|\bsensus\b|\bbilda\b"
    r"|reningsborg|människohjälp|caritas|församling|\biogt|hela människan|länkarna|verdandi"
    r"|kunskapscenter|\bkrets(?:en)?\b|rödakorskrets|läkarmissionen|erikshjälpen|\bideell|\bkeg\b|\bhospice\b"
    # movements known by their acronyms: "KFUM Central", "RF-SISU Ekby", "RF/SISU Ekby"
    r"|\bkfu[mk]\b|\bsisu\b|riksidrottsförbund|\bscout",
    _I,
)
#: Umbrella bodies and words that look like names but are not parties.
NOT_PARTY = re.compile(
    r"^(?:IOP|Forum|Famna|Fremia|SKL|SKR|LOU|EU|Sverige|Sveriges|Ett|En|Den|Det|De|Vi|Nu|När"
    r"|Idéburet|Idéburna|Partnerskapet|Överenskommelsen|Avtalet|Kommunen|Regionen"
    r"|Syftet|Målet|Avsikten|Tanken|Uppdraget|Beslutet|Samarbetet|Parterna|Verksamhet(?:en|erna)?"
    r"|Förening(?:ar|arna)|Organisation(?:er|erna)|Kommuner(?:na)?)\b"
)
#: A common noun in lower case before a name says what the party is; it is not part of the name.
_DESCRIPTOR = re.compile(
    r"(?:föreningen|stiftelsen)\s+(?=[A-ZÅÄÖ]|[a-zåäö][\wåäö\-]*\.(?:nu|se|org)\b)"
)
#: The words before a name that is only the second half of a compound ("Kvinno- och ...").
_FRAGMENT = re.compile(r"[\wåäö]-\s(?:och|eller)\s$")
#: A whole sector as the other side: "mellan X och idéburen sektor" names a relation in general
#: (a compact, a guideline's aim), not the parties of one agreement.
_SECTOR_AFTER = re.compile(
    r"\s+(?:och|och den|samt|samt den)\s+(?:(?:idébur(?:en|na)|ideell(?:a)?|civila|frivilliga)\s+sektor\w*"
    r"|civilsamhälle\w*|det civila samhället|föreningsliv\w*)",
    _I,
)
#: A name the sentence itself calls idea-based: "ett IOP med Locker room-talk, en ideell
#: organisation som ..." (the name may go on in lower case).
_SAID_TO_BE_IDEA = re.compile(
    r"\bmed\s+([A-ZÅÄÖ][\wåäöÅÄÖ\-]*(?:\s[\wåäöÅÄÖ\-]+){0,3}),\s+(?:en|ett)\s+"
    r"(?:ideell|idéburen|ideellt driven)\s+(?:organisation|förening|stiftelse)\b"
)
_PERSON_AFTER = re.compile(r"^\s*(?:\([A-ZÅÄÖ]{1,3}\))?\s*,?\s*(?:säger|berättar|menar)\b")


def party_kind(name: str) -> str | None:
    if _PUBLIC.search(name):
        m = re.fullmatch(r"(.+?)\s+(?:kommuns?|[Ss]tads?)", name)
        if m:  # "X kommun", "X stad": only for a municipality in the reference data
            base = m.group(1).lower()
            names = municipality_names()
            known = base in names or (base.endswith("s") and base[:-1] in names)
            return "public" if known and name[:1].isupper() else None
        return "public"
    if _IDEA.search(name):
        return "idea"
    return None


def _units(t: str) -> list[tuple[int, int]]:
    """Sentences, cut again at line ends (titles and list lines are units of their own)."""
    out = []
    b = sentence_bounds(t)
    for i, s in enumerate(b):
        e = b[i + 1] if i + 1 < len(b) else len(t)
        pos = s
        for line in t[s:e].split("\n"):
            if line.strip():
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
    return out


#: More parties than this are not read from sentences (a register, not an IOP text).
MAX_PARTIES = 30


def prose_parties(t: str, o: str, limit: int = 60_000) -> tuple[list[Party], list[Party]]:
    """Public and idea-based parties named in sentences about entering or having an IOP.

    :param t: masked text.
    :param o: original text.
    :param limit: only the first ``limit`` characters are read (parties are named early).
    """
    public: list[Party] = []
    idea: list[Party] = []
    head = t[:limit]
    prev = ""
    units = _units(head)
    # "Samarbetet bygger på ... idéburet offentligt partnerskap (IOP)": the cooperation the text
    # speaks of is an IOP, so a sentence on entering "ett samarbete" is about it.
    iop_named = any(_NAMES_IT_IOP.match(head[a:b]) for a, b in units)
    for i, (s, e) in enumerate(units):
        if len(public) + len(idea) >= MAX_PARTIES:
            break
        unit = _CITATION.sub(lambda m: " " * len(m.group(0)), head[s:e])
        before, prev = prev, unit
        after = head[units[i + 1][0] : units[i + 1][1]] if i + 1 < len(units) else ""
        anchored = (
            _ANCHOR.search(unit)
            or (_LEADS.match(unit) and _ANCHOR.search(before))
            or _NAMES_IT_IOP.match(after)
            or (iop_named and re.search(r"\bsamarbete\b", unit, _I))
        )
        if _LOCAL_COMPACT.search(unit) and not STRONG.search(unit):
            continue  # a local compact (överenskommelse om samverkan) is not an IOP
        if len(unit) > 1500 or not (
            anchored and (_RELATION.search(unit) or _DECIDED_TO_ENTER.search(unit))
        ):
            continue
        if _GENERIC.search(unit, 0, _purpose_start(unit)):
            continue  # (a purpose clause, "för att skapa möjligheter ...", says nothing of that)
        items = []
        pos = 0
        for m in _SPLIT.finditer(unit):
            items.append((pos, m.start()))
            pos = m.end()
        items.append((pos, len(unit)))
        found: list[tuple[str, str | None, int, int, bool]] = []
        for a, b in items:
            item = unit[a:b]
            for nm in _NAME.finditer(item):
                name = nm.group(0).strip()
                if NOT_PARTY.match(name) or len(name) < 3:
                    continue
                if item[nm.end() : nm.end() + 1].isalpha() or (
                    re.fullmatch(r"[a-zåäö]+", name)
                    and not (
                        _BOARD.fullmatch(name)
                        and (
                            _BOARD_ACTS_BEFORE.search(unit, 0, a + nm.start())
                            or _BOARD_ACTS_AFTER.match(unit, a + nm.end())
                        )
                    )
                ):
                    continue  # cut inside a word ("föreningen|s"), or a bare common noun
                    # (a board, "socialnämnden", is one body: it counts only where it signs)
                if (
                    name.endswith("s")
                    and not name.endswith("krets")  # "Uppsala rödakorskrets har ...": a name
                    and re.match(r"\s+[a-zåäö]", item[nm.end() :])
                ):
                    continue  # a genitive ("Röda Korsets arbete"): an owner, not a party
                if _FRAGMENT.search(unit, 0, a + nm.start()):
                    continue  # "Kvinno- och Tjejjourers Riksförbund": the end of a longer name
                if _PERSON_AFTER.match(item[nm.end() :]) or re.search(
                    r"\bsäger\s*$", unit[: a + nm.start()]
                ):
                    continue
                if _SECTOR_AFTER.match(unit, a + nm.end()):
                    continue  # "samverkan mellan Ale kommun och idéburen sektor": no agreement
                whole = nm.start() == 0 and not item[nm.end() :].strip(" .!")
                kind = party_kind(name)
                d = _DESCRIPTOR.match(name)
                skip = d.end() if d else 0  # "föreningen Ljuset": the name is "Ljuset"
                found.append((name[skip:], kind, a + nm.start() + skip, a + nm.end(), whole))
        for m in _SAID_TO_BE_IDEA.finditer(unit):
            if not any(f[2] <= m.start(1) < f[3] and f[1] for f in found):
                found.append((m.group(1), "idea", m.start(1), m.end(1), False))
        found = _without_expansions(unit, found)
        ideas = sum(1 for f in found if f[1] == "idea")
        signed = bool(_SIGNS.search(unit)) and not _DECIDES.search(unit)
        decided = bool(_DECIDED_TO_ENTER.search(unit))
        signs = signed or decided
        sv = _SUBJECT_VERB.search(unit)
        subject = sv.start() if sv and _subject_list(unit[: sv.start()]) else -1
        named = subject >= 0 and any(f[1] and f[2] < subject for f in found)
        for name, kind, a, b, whole in found:
            if kind is None and ideas >= 2 and whole and len(name.split()) <= 4:
                kind = "idea"  # a plain name in a list of idea-based organisations
            last = b <= subject and not unit[b:subject].strip()  # "... och Z har ingått"
            if (
                kind is None
                and named
                and b <= subject
                and (whole or last)
                and len(name.split()) <= 4
            ):
                kind = "idea"  # a plain name in the subject list "X, Y och Z har ingått avtalet"
            if kind is None:
                continue
            if kind == "public" and _COMMITTEE.search(name) and not signs:
                continue  # a board deciding or proposing is not itself the party
            if kind == "public" and not signed and _WHOLE_BODY.search(name):
                continue  # "Kommunstyrelsen beslutar att teckna ...": the municipality is the party
            bucket = public if kind == "public" else idea
            if not any(p.name.lower() == name.lower() for p in public + idea):
                bucket.append(Party(name, quote(o, s + a, s + b)))
        # the municipality as a whole enters with a partner this sentence names, not beside a
        # whole sector ("samverkan mellan Ale kommun och idéburen sektor antog kommunfullmäktige")
        if (
            idea
            and not public
            and any(f[1] == "idea" for f in found)
            and _WHOLE_MUNICIPALITY.search(unit)
        ):
            m = _MUNICIPALITY_NAME.search(t, 0, min(len(t), 5000))
            if m:
                public.append(Party(m.group(0), quote(o, m.start(), m.end())))
    return _drop_shorter(public), _drop_shorter(idea)


#: A parenthesis: what it holds right after a name says what the name stands for.
_PAREN = re.compile(r"\(([^()\n]{1,200})\)")


def _without_expansions(
    unit: str, found: list[tuple[str, str | None, int, int, bool]]
) -> list[tuple[str, str | None, int, int, bool]]:
    """The names found, less those inside a parenthesis right after another name found: "RF/SISU
    Ekby (Riksidrottsförbundet och SISU Idrottsutbildarna)" spells out one party's name, it does
    not add two."""
    drop = set()
    for m in _PAREN.finditer(unit):
        before = unit[: m.start()].rstrip()
        if any(f[3] == len(before) for f in found):
            drop.update(i for i, f in enumerate(found) if m.start() < f[2] < m.end())
    return [f for i, f in enumerate(found) if i not in drop]


def _purpose_start(unit: str) -> int:
    """Where a purpose clause ("... för att skapa ...") starts, or the unit's end."""
    m = re.search(r"\s(?:för att|i syfte att)\s", unit)
    return m.start() if m else len(unit)


def _subject_list(head: str) -> bool:
    """Whether the words before the verb are only a list of names ("Kommunen, Bräcke diakoni,
    Frälsningsarmén och Stadsmissionen"), not a clause that only ends with names."""
    parts = [p for p in re.split(r"\s*,\s*|\s+och\s+|\s+samt\s+", head.strip()) if p]
    return len(parts) >= 2 and all(
        re.fullmatch(r"(?:[A-ZÅÄÖ]|föreningen |stiftelsen )[^\s,]*(?:\s[^\s,]+){0,4}", p)
        and not re.search(r"\s(?:är|var|har|ska|som|att|med|för)\b", p)
        for p in parts
    )


def _drop_shorter(bucket: list[Party]) -> list[Party]:
    """Leave out a name that is the start of a longer one found too ("Kvinnojouren" when
    "Kvinnojouren Kalmar" is there)."""
    names = [p.name.lower() for p in bucket]
    return [
        p
        for p in bucket
        if not any(n != p.name.lower() and n.startswith(p.name.lower() + " ") for n in names)
    ]


_LOCAL_COMPACT = re.compile(
    r"överenskommelse(?:n)? om samverkan|lokala överenskommelse"
    r"|överenskommelse(?:n)? mellan [^.\n]{0,60}föreningsliv|\bLÖK\b",
    _I,
)
_COMMITTEE = re.compile(r"nämnd|styrelse|förvaltning", _I)
_SIGNS = re.compile(
    rf"{_SIGNS_ON}|"
    r"\bsigner\w*|\bteckna(?:t|de|r)\b|\bunderteckna(?:t|de|r|s)\b"
    r"|\bskri(?:ver|vit|vs|vits) (?:under|avtal)\b|\bingår\b|\bingick\b|i uppdrag att ingå"
    r"|\bskrev (?:under\b|(?:[\wåäö]+ ){1,2}på (?:ett|en|avtal|överenskommelse)\b)"
    r"|^\W*Deltagare\b|\b(?:har|hade) kommit överens\b"
    r"|\b(?:har|hade) (?:sedan (?:19|20)\d{2} )?(?:en|ett) (?:överenskommelse|avtal|partnerskap|IOP)\b"
    r"|\b(?:har|hade) (?:ingått|tecknat|undertecknat|signerat|skrivit under) (?:avtalet|partnerskapet)\b",
    _I,
)
#: The signing verbs, for the other modules' rules.
SIGNS = _SIGNS
#: An organisation's name as the sentences name it, for the other modules' rules.
NAME = _NAME
#: The verb after a subject list of the parties: "X, Y och Z har ingått avtalet." Every name in
#: that list is a party, with or without an organisation-form word.
_SUBJECT_VERB = re.compile(
    r"\s(?:har|hade) (?:ingått|tecknat|undertecknat|signerat|skrivit under|kommit överens)\b", _I
)
#: A sentence that names the agreement the sentence before it speaks of as an IOP.
_NAMES_IT_IOP = re.compile(
    r"^\W*(?:Samarbetet|Partnerskapet|Avtalet|Överenskommelsen)\b[^\n]{0,200}?"
    r"(?:\bIOP\b|idéburet offentligt partnerskap)",
    _I,
)
#: "Socialnämnden beslutade att anta en ny överenskommelse med X": the board that decided to enter
#: an agreement with a named partner is the party (not one that decided to propose or look into one).
_DECIDED_TO_ENTER = re.compile(
    r"\bbeslut\w*\s+(?:[\wåäö]+\s+)?att\s+(?:anta|ingå|teckna)\s+(?:en|ett)\s+(?:ny(?:tt)?\s+)?"
    r"(?:överenskommelse|avtal|IOP|partnerskap|idéburet offentligt partnerskap)\w*"
    r"(?:\s+(?:om|kring)\s+[^.\n]{0,60}?)?\s+med\s"
    # "beslutade socialnämnden Väster att godkänna ett förslag till ett gemensamt IOP"
    r"|\bbeslut\w*\s+(?:[\wåäö]+\s+){0,3}att\s+godkänna\s+(?:ett\s+)?förslag\s+till\s+"
    r"(?:ett\s+)?(?:[\wåäö]+\s+)?(?:IOP|idéburet offentligt partnerskap)\b",
    _I,
)
#: A board named in lower case ("skrev socialnämnden på"): one body, not a common noun.
_BOARD = re.compile(r"[a-zåäö]+nämnden")
#: The boards that act for the whole municipality or region: the body is the party, not they.
_WHOLE_BODY = re.compile(r"^(?:kommun|region)(?:styrelsen|fullmäktige)$", _I)
#: ... and only as the one that acts, right after or before its verb ("skrev socialnämnden på",
#: "socialnämnden har tecknat"; not a title, "ordförande i kultur och bildningsnämnden").
_BOARD_ACTS_BEFORE = re.compile(
    r"\b(?:skrev|tecknade|undertecknade|signerade|tecknar|undertecknar|signerar)\s+$", _I
)
_BOARD_ACTS_AFTER = re.compile(
    r"\s+(?:(?:har|hade)\s+(?:tecknat|undertecknat|signerat|skrivit under|ingått)"
    r"|skrev|tecknade|undertecknade|signerade|ingick|tecknar|ingår"
    r"|beslutade\s+att\s+(?:anta|ingå|teckna))\b",
    _I,
)
#: The decision to enter, for the other modules' rules.
DECIDED_TO_ENTER = _DECIDED_TO_ENTER
_DECIDES = re.compile(r"\bbeslut\w* att\b|\bföreslå\w*|\bgodkänn\w*", _I)
#: Boards that act for the municipality as a whole: the municipality is the party.
_WHOLE_MUNICIPALITY = re.compile(r"\bkommunstyrelsen\b|\bkommunfullmäktige\b|\bkommunen\b", _I)
_MUNICIPALITY_NAME = re.compile(r"\b[A-ZÅÄÖ][\wåäö]+(?:-[A-ZÅÄÖ][\wåäö]+)? kommun\b")
