"""Workbook rows -> RDF in the project's ontology, checked cell by cell and then with the shapes.

IRIs are minted from the rows' ids in the project's IRI space, so a re-import gives the same
IRIs and the workbook's agreements sit beside the ones of ``data/``:

============  ===========================================================
sheet         IRI
============  ===========================================================
Avtal         ``id:agreement/ID`` (and its activity ``id:activity/ACTIVITY-ID``)
Parter        ``id:org/ID`` (organisations), ``id:unit/ID`` (boards, councils,
              administrations), ``id:municipality/CODE`` (kind ``kommun``),
              ``id:region/CODE`` (kind ``region``)
Beslut        ``id:decision/ID``
Ekonomi       ``id:flow/ID``
Insatser      ``id:inkind/ID``
Källor        ``id:source/ID``
Identiteter   ``id:identity/PARTY/OTHER``
============  ===========================================================

>>> from iopkg.graph import default_project
>>> result = import_workbook(default_project().root / "tests/fixtures/workbook/register")
... # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from iopkg.graph import Project, default_project, load_store
from iopkg.namespaces import (
    ADMS,
    DCTERMS,
    ELI,
    ID,
    IOP,
    ORG,
    RDF,
    RDFS,
    ROV,
    SCHEMA,
    SKOS,
    VOCAB,
    XSD,
)
from iopkg.workbook.problems import Problem
from iopkg.workbook.reader import Row, Workbook, read_workbook
from iopkg.workbook.spec import (
    ENUM_LISTS,
    ID_PATTERN,
    SCHEME_LISTS,
    SHEETS,
    AmountKind,
    ColType,
    IdentityVerdict,
    PartyKind,
    Sheet,
)
from iopkg.workbook.values import (
    BadValue,
    Places,
    check_orgnr,
    is_year_only,
    parse_amount,
    parse_date,
    parse_int,
    parse_url,
    parse_year,
    vocab_lists,
)

_RDF = str(RDF)
_RDFS = str(RDFS)
_SKOS = str(SKOS)
_DCT = str(DCTERMS)
_ORG = str(ORG)
_XSD = str(XSD)


class _Terms:
    """Oxigraph IRIs of one namespace, made once per name: ``IOPX.Agreement``,
    ``IDX["agreement/x"]`` (rdflib's namespaces make a validated URIRef on every access)."""

    def __init__(self, base: object) -> None:
        self._base = str(base)

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("_"):
            raise AttributeError(name)
        node = ox.NamedNode(self._base + name)
        setattr(self, name, node)
        return node

    def __getitem__(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(self._base + name)


IOPX = _Terms(IOP)
IDX = _Terms(ID)
SCHEMAX = _Terms(SCHEMA)
ELIX = _Terms(ELI)
ROVX = _Terms(ROV)
ADMSX = _Terms(ADMS)

_NODES: dict[str, ox.NamedNode] = {}


def N(iri: object) -> ox.NamedNode:  # noqa: N802
    """A Oxigraph IRI from a string, an rdflib URIRef or an Oxigraph IRI (vocabulary terms are
    cached)."""
    if isinstance(iri, ox.NamedNode):
        return iri
    key = str(iri)
    node = _NODES.get(key)
    if node is None:
        node = ox.NamedNode(key)
        if len(_NODES) < 10_000:
            _NODES[key] = node
    return node


TYPE = N(_RDF + "type")
LABEL = N(_RDFS + "label")
ALT_LABEL = N(_SKOS + "altLabel")
NOTATION = N(_SKOS + "notation")
SKOS_NOTE = N(_SKOS + "note")
TITLE = N(_DCT + "title")
SOURCE = N(_DCT + "source")
DESCRIPTION = N(_DCT + "description")
DCT_DATE = N(_DCT + "date")
DCT_TYPE = N(_DCT + "type")
IDENTIFIER = N(_DCT + "identifier")
PUBLISHER = N(_DCT + "publisher")
UNIT_OF = N(_ORG + "unitOf")
ORGANIZATION = N(_ORG + "Organization")
XSD_DATE = N(_XSD + "date")
XSD_GYEAR = N(_XSD + "gYear")
XSD_DECIMAL = N(_XSD + "decimal")
XSD_POSINT = N(_XSD + "positiveInteger")
XSD_BOOLEAN = N(_XSD + "boolean")

#: Party kind -> (class IRIs, IRI path segment).
PARTY_CLASSES: dict[PartyKind, tuple[tuple[str, ...], str]] = {
    PartyKind.IDEA_BASED: ((str(IOP.IdeaBasedOrganisation),), "org"),
    PartyKind.BOARD: ((str(IOP.Board),), "unit"),
    PartyKind.COUNCIL: ((str(IOP.Council),), "unit"),
    PartyKind.ADMINISTRATION: ((str(IOP.Administration),), "unit"),
    PartyKind.STATE_BODY: ((str(IOP.StateBody),), "org"),
    PartyKind.OTHER: ((_ORG + "Organization",), "org"),
}
_PUBLIC_UNIT = (PartyKind.BOARD, PartyKind.COUNCIL, PartyKind.ADMINISTRATION)

#: Which column a property of each sheet's resources comes from, to put a shape's result at
#: its cell.
PATH_COLUMNS: dict[Sheet, dict[str, str]] = {
    Sheet.AGREEMENTS: {
        "dct:title": "title",
        "rdfs:label": "title",
        "schema:startDate": "startDate",
        "schema:endDate": "endDate",
        "iop:municipality": "municipality",
        "iop:publicParty": "publicParty",
        "iop:ideaBasedParty": "ideaBasedParties",
        "iop:activity": "activity",
        "iop:focusArea": "focusArea",
        "iop:restsOnDecision": "decisions",
        "dct:source": "source",
    },
    Sheet.PARTIES: {
        "rdfs:label": "name",
        "org:unitOf": "municipality",
        "rov:registration": "orgNumber",
        "dct:source": "source",
    },
    Sheet.DECISIONS: {
        "eli:passed_by": "body",
        "eli:date_document": "date",
        "iop:proposalDate": "date",
        "iop:year": "date",
        "iop:paragraph": "paragraph",
        "iop:decisionStatus": "status",
        "iop:proposedBy": "proposedBy",
        "iop:municipality": "body",
        "dct:source": "source",
        "rdfs:label": "label",
    },
    Sheet.FUNDING_FLOWS: {
        "iop:underAgreement": "agreement",
        "schema:funder": "funder",
        "iop:recipient": "recipient",
        "schema:amount": "amount",
        "iop:ratePerYear": "amount",
        "schema:startDate": "startDate",
        "schema:endDate": "endDate",
        "iop:fiscalYear": "fiscalYear",
        "iop:sourceOfFunds": "sourceOfFunds",
        "dct:source": "source",
    },
    Sheet.IN_KIND: {
        "iop:underAgreement": "agreement",
        "iop:giver": "giver",
        "iop:recipient": "recipient",
        "iop:inKindType": "type",
        "schema:startDate": "startDate",
        "schema:endDate": "endDate",
        "dct:source": "source",
        "rdfs:label": "description",
    },
    Sheet.SOURCES: {
        "dct:title": "title",
        "rdfs:label": "title",
        "iop:localCopy": "document",
        "schema:url": "url",
        "iop:accessDate": "accessed",
        "dct:date": "published",
    },
    Sheet.IDENTITIES: {},
}


@dataclass
class ImportResult:
    """What an import produced.

    :param store: the imported triples (nothing else).
    :param problems: every problem found, at its cell; empty when the import succeeded.
    :param rows: data rows read.
    :param seconds: wall time.
    """

    store: ox.Store
    problems: list[Problem]
    rows: int = 0
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __len__(self) -> int:
        return len(self.store)


@dataclass
class Reference:
    """What an import checks against: municipalities, regions, vocabularies, the source texts."""

    store: ox.Store
    places: Places
    lists: dict[str, dict[str, str]]
    sources_dir: Path

    @classmethod
    def load(cls, project: Project | None = None) -> Reference:
        project = project or default_project()
        store = load_store(
            [project.data_dir / "reference", project.data_dir / "vocab"],
            project=project,
            quiet=True,
        )
        lists = vocab_lists(store, SCHEME_LISTS)
        for name, enum in ENUM_LISTS.items():
            lists[name] = {e.value: e.value for e in enum}
            lists[name + ":pref"] = lists[name]
        return cls(store, Places.from_store(store), lists, project.sources_dir)

    def choices(self, name: str) -> list[str]:
        """The values a dropdown offers (Swedish preferred labels)."""
        if name == "places":
            return self.places.choices()
        return list(self.lists[name + ":pref"])


_REFERENCE: dict[Path, Reference] = {}


def reference(project: Project | None = None) -> Reference:
    """The (cached) :class:`Reference` of a project."""
    project = project or default_project()
    if project.root not in _REFERENCE:
        _REFERENCE[project.root] = Reference.load(project)
    return _REFERENCE[project.root]


def slug(text: str) -> str:
    """An IRI-safe slug: ``Röda Korset Lund`` -> ``roda-korset-lund``."""
    t = unicodedata.normalize("NFKD", text.casefold())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"


def decimal_literal(value: Decimal) -> ox.Literal:
    """``520000.0`` style lexical form (at least one decimal), as the data writes amounts."""
    value = value.normalize()
    text = format(value, "f")
    if "." not in text:
        text += ".0"
    return ox.Literal(text, datatype=XSD_DECIMAL)


def date_literal(d: dt.date) -> ox.Literal:
    return ox.Literal(d.isoformat(), datatype=XSD_DATE)


class _Importer:
    def __init__(self, book: Workbook, ref: Reference, problems: list[Problem]) -> None:
        self.book = book
        self.ref = ref
        self.problems = problems
        self.quads: list[ox.Quad] = []
        self.node_rows: dict[str, tuple[Sheet, Row]] = {}  # IRI or _:bnode -> row
        self.by_id: dict[Sheet, dict[str, Row]] = {s: {} for s in Sheet}
        self.party_iri: dict[str, ox.NamedNode] = {}
        self.party_of_iri: dict[ox.NamedNode, str] = {}
        self.unit_of: dict[ox.NamedNode, ox.NamedNode] = {}
        self.party_kind: dict[str, PartyKind] = {}
        self.alias: dict[str, str] = {}
        self.activity_iri: dict[str, ox.NamedNode] = {}
        self.lookup = {
            name: {k.casefold(): v for k, v in values.items()}
            for name, values in ref.lists.items()
            if not name.endswith(":pref")
        }
        self._emitted_regions: set[str] = set()

    # -- problems and cells ---------------------------------------------------------------

    def problem(self, row: Row, key: str | None, en: str, sv: str, value: object = None) -> None:
        where = self.book.where(row.sheet, row.number, key)
        cell = row.cells.get(key or "")
        if cell is not None:
            where = self.book.where(row.sheet, None) + "!" + cell.ref
        shown = None if value is None else _show(value)
        self.problems.append(Problem(where, en, sv, shown))

    def add(self, s: ox.NamedNode | ox.BlankNode, p: ox.NamedNode, o: object) -> None:
        self.quads.append(ox.Quad(s, p, o))  # type: ignore[arg-type]

    def value(self, row: Row, key: str) -> object | None:
        """The parsed value of a cell, or None (empty, or a problem was recorded)."""
        col = SHEETS[row.sheet].column(key)
        raw = row.get(key)
        if raw is None:
            if col.required:
                self.problem(
                    row,
                    key,
                    f"{col.sv} ({key}) is required",
                    f"{col.sv} ({key}) måste fyllas i",
                )
            return None
        t = col.type
        if isinstance(raw, bool) or (
            isinstance(raw, dt.date)
            and t not in (ColType.DATE,)
            or isinstance(raw, int | float)
            and t
            in (
                ColType.URL,
                ColType.CHOICE,
                ColType.CHOICES,
                ColType.REFS,
                ColType.TEXTS,
                ColType.TEXT,
            )
            and key not in ("registryNumber",)
        ):
            self.problem(
                row,
                key,
                f"wrong type of cell ({_kind(raw)}); expected {_expected(t)}",
                f"fel sorts cell ({_kind(raw)}); väntade {_expected(t, 'sv')}",
                raw,
            )
            return None
        try:
            return self._parse(row, key, t, raw)
        except BadValue as e:
            self.problem(row, key, e.en, e.sv, raw)
            return None

    def _parse(self, row: Row, key: str, t: ColType, raw: object) -> object:
        if t in (ColType.TEXT, ColType.ID, ColType.REF):
            text = " ".join(str(raw).split()) if t != ColType.TEXT else str(raw).strip()
            if t == ColType.ID and not ID_PATTERN.match(text):
                raise BadValue(
                    "an id has only letters A–Z, digits and . _ -, and does not start with .",
                    "ett id har bara bokstäverna A–Z, siffror och . _ -, och börjar inte med .",
                )
            return text
        if t in (ColType.REFS, ColType.TEXTS, ColType.CHOICES):
            items = [x.strip() for x in str(raw).split(";") if x.strip()]
            if t == ColType.CHOICES:
                return [self._choice(SHEETS[row.sheet].column(key).choices or "", x) for x in items]
            return items
        if t == ColType.CHOICE:
            return self._choice(SHEETS[row.sheet].column(key).choices or "", str(raw))
        if t == ColType.DATE:
            return parse_date(raw, end=key in ("endDate",))
        if t == ColType.YEAR:
            return parse_year(raw)
        if t == ColType.INT:
            return parse_int(raw)
        if t == ColType.AMOUNT:
            return parse_amount(raw)  # type: ignore[arg-type]
        if t == ColType.URL:
            return parse_url(raw)
        if t == ColType.ORGNR:
            return check_orgnr(raw)
        if t == ColType.PLACE:
            return self.ref.places.resolve(raw)
        raise AssertionError(t)

    def _choice(self, name: str, text: str) -> str:
        hit = self.lookup[name].get(" ".join(text.split()).casefold())
        if hit is None:
            options = self.ref.choices(name)
            close = difflib.get_close_matches(text, options, n=2, cutoff=0.5)
            hint_en = f"; did you mean {' or '.join(close)}?" if close else ""
            hint_sv = f"; menade du {' eller '.join(close)}?" if close else ""
            raise BadValue(
                f"not in the list ({', '.join(options)}){hint_en}",
                f"finns inte i listan ({', '.join(options)}){hint_sv}",
            )
        return hit

    def refs(
        self, row: Row, key: str, sheet: Sheet, resolve: Callable[[str], object | None]
    ) -> list:
        raw = self.value(row, key)
        items = [raw] if isinstance(raw, str) else (raw or [])
        out = []
        for item in items:
            target = resolve(item)
            if target is None:
                known = list(self.by_id[sheet])
                close = difflib.get_close_matches(item, known, n=2, cutoff=0.6)
                hint_en = f"; did you mean {' or '.join(close)}?" if close else ""
                hint_sv = f"; menade du {' eller '.join(close)}?" if close else ""
                self.problem(
                    row,
                    key,
                    f"no row with this id on the sheet {sheet.title}{hint_en}",
                    f"ingen rad med detta id på bladet {sheet.title}{hint_sv}",
                    item,
                )
            else:
                out.append(target)
        return out

    def party(self, pid: str) -> ox.NamedNode | None:
        return self.party_iri.get(self.alias.get(pid, pid))

    def source_refs(self, s: ox.NamedNode, row: Row) -> list[ox.NamedNode]:
        sources = self.refs(row, "source", Sheet.SOURCES, self._source_iri)
        for src in sources:
            self.add(s, SOURCE, src)
        if row.text("locator"):
            self.add(s, IOPX.locator, ox.Literal(row.text("locator")))
        return sources

    def _source_iri(self, sid: str) -> ox.NamedNode | None:
        return IDX["source/" + sid] if sid in self.by_id[Sheet.SOURCES] else None

    def notes(self, s: ox.NamedNode, row: Row) -> None:
        if row.text("note"):
            self.add(s, IOPX.ambiguityNote, ox.Literal(row.text("note"), language="en"))
        if "noteSv" in row.cells and row.text("noteSv"):
            self.add(s, IOPX.ambiguityNote, ox.Literal(row.text("noteSv"), language="sv"))

    def labels(self, s: ox.NamedNode, p: ox.NamedNode, sv: str, en: str) -> None:
        if sv:
            self.add(s, p, ox.Literal(sv, language="sv"))
        if en:
            self.add(s, p, ox.Literal(en, language="en"))

    def mark(self, node: ox.NamedNode | ox.BlankNode, row: Row) -> None:
        key = node.value if isinstance(node, ox.NamedNode) else "_:" + node.value
        self.node_rows[key] = (row.sheet, row)

    # -- passes ---------------------------------------------------------------------------

    def run(self) -> None:
        self.index()
        self.identities_first()
        for row in self.book.rows.get(Sheet.SOURCES, []):
            self.source(row)
        for row in self.book.rows.get(Sheet.PARTIES, []):
            self.party_row(row)
        for row in self.book.rows.get(Sheet.DECISIONS, []):
            self.decision(row)
        for row in self.book.rows.get(Sheet.AGREEMENTS, []):
            self.agreement(row)
        for row in self.book.rows.get(Sheet.FUNDING_FLOWS, []):
            self.flow(row)
        for row in self.book.rows.get(Sheet.IN_KIND, []):
            self.in_kind(row)
        for row in self.book.rows.get(Sheet.IDENTITIES, []):
            self.identity(row)

    def index(self) -> None:
        for sheet, rows in self.book.rows.items():
            if sheet is Sheet.IDENTITIES:
                continue
            for row in rows:
                rid = row.text("id")
                if not rid:
                    continue
                if rid.casefold().startswith("exempel"):
                    self.problem(
                        row,
                        "id",
                        "an example row of the template: delete it",
                        "en exempelrad i mallen: radera den",
                        rid,
                    )
                    continue
                if not ID_PATTERN.match(rid):
                    self.problem(
                        row,
                        "id",
                        "an id has only letters A–Z, digits and . _ -, and does not start with .",
                        "ett id har bara bokstäverna A–Z, siffror och . _ -, och börjar inte med .",
                        rid,
                    )
                    continue
                if rid in self.by_id[sheet]:
                    first = self.by_id[sheet][rid]
                    self.problem(
                        row,
                        "id",
                        f"the id is already used on row {first.number}",
                        f"id:t används redan på rad {first.number}",
                        rid,
                    )
                    continue
                self.by_id[sheet][rid] = row
        for pid, row in self.by_id[Sheet.PARTIES].items():
            kind = self.lookup["party-kind"].get(row.text("kind").casefold())
            if kind is None:
                continue
            k = PartyKind(kind)
            self.party_kind[pid] = k
            if k in PARTY_CLASSES:
                self.party_iri[pid] = IDX[f"{PARTY_CLASSES[k][1]}/{pid}"]
            else:
                try:
                    place = self.ref.places.resolve(
                        row.get("municipality") or row.text("name"),
                        region_hint=k is PartyKind.REGION,
                    )
                except BadValue:
                    continue  # reported when the row is converted
                self.party_iri[pid] = self._place_iri(place)
        for pid, iri in self.party_iri.items():
            self.party_of_iri.setdefault(iri, pid)
        for aid, row in self.by_id[Sheet.AGREEMENTS].items():
            act = row.text("activityId") or aid
            self.activity_iri[act] = IDX["activity/" + act]

    def _place_iri(self, place: tuple[str, str]) -> ox.NamedNode:
        kind, code = place
        if kind == "m":
            return IDX["municipality/" + code]
        iri = IDX["region/" + code]
        if code not in self._emitted_regions:
            self._emitted_regions.add(code)
            self.add(iri, TYPE, IOPX.Region)
            label = self.ref.places.region_label(code)
            self.add(iri, LABEL, ox.Literal(label, language="sv"))
            self.add(iri, LABEL, ox.Literal(label, language="en"))
            self.add(iri, IOPX.county, IDX["county/" + code])
        return iri

    def identities_first(self) -> None:
        for row in self.book.rows.get(Sheet.IDENTITIES, []):
            kept, other = row.text("party"), row.text("sameAs")
            verdict = self.lookup["identity-verdict"].get(row.text("decision").casefold())
            if verdict == IdentityVerdict.SAME and other in self.by_id[Sheet.PARTIES]:
                if other == kept:
                    continue
                self.alias[other] = kept

    def source(self, row: Row) -> None:
        sid = row.text("id")
        if self.by_id[Sheet.SOURCES].get(sid) is not row:
            return
        s = IDX["source/" + sid]
        self.mark(s, row)
        self.add(s, TYPE, IOPX.SourceDocument)
        title = self.value(row, "title")
        if title:
            self.add(s, TITLE, ox.Literal(str(title), language="sv"))
        self.labels(s, LABEL, row.text("label") or str(title or ""), row.text("labelEn"))
        url, document = self.value(row, "url"), row.text("document")
        if url:
            self.add(s, SCHEMAX.url, N(url))
        if document:
            if (
                "/" in document
                or "\\" in document
                or not (self.ref.sources_dir / document).is_file()
            ):
                self.problem(
                    row,
                    "document",
                    "no such file under data/sources/ (give the file name only)",
                    "ingen sådan fil under data/sources/ (ange bara filnamnet)",
                    document,
                )
            else:
                self.add(s, IDENTIFIER, ox.Literal(document))
                self.add(s, IOPX.localCopy, ox.Literal("sources/" + document))
        if not url and not document:
            self.problem(
                row,
                "url",
                "give the page's URL or a document under data/sources/",
                "ange sidans URL eller ett dokument under data/sources/",
            )
        publisher = row.text("publisher")
        if publisher:
            iri = self.party(publisher) if publisher in self.by_id[Sheet.PARTIES] else None
            self.add(s, PUBLISHER, iri if iri is not None else ox.Literal(publisher))
        kind = self.value(row, "sourceKind")
        if kind:
            self.add(s, DCT_TYPE, N(kind))
        published = self.value(row, "published")
        if published:
            self.add(s, DCT_DATE, date_literal(published))  # type: ignore[arg-type]
        accessed = self.value(row, "accessed")
        if accessed:
            self.add(s, IOPX.accessDate, date_literal(accessed))  # type: ignore[arg-type]
        elif url and not document:
            self.problem(
                row,
                "accessed",
                "a web page needs the date it was accessed",
                "en webbsida behöver datum då den hämtades",
            )
        if url and not document and not kind and row.get("sourceKind") is None:
            self.problem(
                row,
                "sourceKind",
                "a web page needs its kind of source (Typ av källa)",
                "en webbsida behöver sin typ av källa",
            )

    def party_row(self, row: Row) -> None:
        pid = row.text("id")
        if self.by_id[Sheet.PARTIES].get(pid) is not row:
            return
        name = self.value(row, "name")
        kind_v = self.value(row, "kind")
        place = self.value(row, "municipality")
        orgnr = self.value(row, "orgNumber")
        aliases = self.value(row, "aliases") or []
        if kind_v is None:
            return
        kind = PartyKind(kind_v)
        if pid in self.alias:  # merged into another party: its names become alternative labels
            kept = self.party(pid)
            if kept is not None and name:
                self.add(kept, ALT_LABEL, ox.Literal(str(name)))
            for a in aliases:  # type: ignore[union-attr]
                self.add(kept, ALT_LABEL, ox.Literal(a))  # type: ignore[arg-type]
            return
        if kind in (PartyKind.MUNICIPALITY, PartyKind.REGION):
            if pid not in self.party_iri:
                try:
                    self.ref.places.resolve(
                        row.get("municipality") or row.text("name"),
                        region_hint=kind is PartyKind.REGION,
                    )
                except BadValue as e:
                    key = "municipality" if row.get("municipality") else "name"
                    self.problem(row, key, e.en, e.sv, row.get(key))
            return  # the reference data describes it
        s = self.party_iri[pid]
        self.mark(s, row)
        for cls in PARTY_CLASSES[kind][0]:
            self.add(s, TYPE, N(cls))
        self.labels(s, LABEL, str(name or ""), row.text("nameEn"))
        for a in aliases:  # type: ignore[union-attr]
            self.add(s, ALT_LABEL, ox.Literal(a))
        if kind in _PUBLIC_UNIT:
            if place is None and row.get("municipality") is None:
                self.problem(
                    row,
                    "municipality",
                    "a board, council or administration needs its municipality or region",
                    "en nämnd, ett fullmäktige eller en förvaltning behöver sin kommun eller "
                    "region",
                )
            elif place is not None:
                self.unit_of[s] = self._place_iri(place)  # type: ignore[arg-type]
                self.add(s, UNIT_OF, self.unit_of[s])
        if orgnr:
            ident = IDX[f"{PARTY_CLASSES[kind][1]}/{pid}/orgnr"]
            self.add(s, TYPE, ROVX.RegisteredOrganization)
            self.add(s, ROVX.registration, ident)
            self.add(ident, TYPE, ADMSX.Identifier)
            self.add(ident, NOTATION, ox.Literal(str(orgnr)))
            self.add(ident, LABEL, ox.Literal(f"Organisationsnummer {orgnr}", language="sv"))
            self.add(ident, LABEL, ox.Literal(f"Organisation number {orgnr}", language="en"))
            self.mark(ident, row)
        self.source_refs(s, row)
        if row.text("note"):
            self.add(s, SKOS_NOTE, ox.Literal(row.text("note"), language="en"))

    def decision(self, row: Row) -> None:
        did = row.text("id")
        if self.by_id[Sheet.DECISIONS].get(did) is not row:
            return
        s = IDX["decision/" + did]
        self.mark(s, row)
        self.add(s, TYPE, IOPX.Decision)
        body = self.refs(row, "body", Sheet.PARTIES, self.party)
        for b in body:
            self.add(s, ELIX.passed_by, b)
        status = self.value(row, "status")
        if status:
            self.add(s, IOPX.decisionStatus, N(status))
        date = self.value(row, "date")
        if date is not None:
            if is_year_only(row.get("date")):
                self.add(s, IOPX.year, ox.Literal(str(date.year), datatype=XSD_GYEAR))  # type: ignore[attr-defined]
            elif status == str(VOCAB["decision-status-proposed"]):
                self.add(s, IOPX.proposalDate, date_literal(date))  # type: ignore[arg-type]
            else:
                self.add(s, ELIX.date_document, date_literal(date))  # type: ignore[arg-type]
        meeting = self.value(row, "meetingDate")
        if meeting:
            self.add(s, IOPX.meetingDate, date_literal(meeting))  # type: ignore[arg-type]
        paragraph = self.value(row, "paragraph")
        if paragraph:
            self.add(s, IOPX.paragraph, ox.Literal(str(paragraph), datatype=XSD_POSINT))
        if row.text("registryNumber"):
            self.add(s, IOPX.registryNumber, ox.Literal(row.text("registryNumber")))
        for p in self.refs(row, "proposedBy", Sheet.PARTIES, self.party):
            self.add(s, IOPX.proposedBy, p)
        self.labels(s, DESCRIPTION, row.text("subject"), row.text("subjectEn"))
        if body:
            muni = self._municipality_of(body[0])
            if muni is not None:
                self.add(s, IOPX.municipality, muni)
        label = row.text("label")
        if not label:
            parts = [self._name(body[0]) if body else "Beslut"]
            if row.get("date") is not None and date is not None:
                parts.append(str(date.year) if is_year_only(row.get("date")) else date.isoformat())  # type: ignore[attr-defined]
            if paragraph:
                parts.append(f"§ {paragraph}")
            if row.text("registryNumber"):
                parts.append(row.text("registryNumber"))
            label = " ".join(parts)
        self.labels(s, LABEL, label, row.text("labelEn"))
        self.source_kinds(s, self.source_refs(s, row))
        self.notes(s, row)

    def _municipality_of(self, node: ox.NamedNode) -> ox.NamedNode | None:
        if node.value.startswith(str(ID["municipality/"])) or node.value.startswith(
            str(ID["region/"])
        ):
            return node
        return self.unit_of.get(node)

    def _name(self, node: ox.NamedNode) -> str:
        pid = self.party_of_iri.get(node)
        if pid is not None:
            return self.by_id[Sheet.PARTIES][pid].text("name")
        return node.value.rsplit("/", 1)[-1]

    def agreement(self, row: Row) -> None:
        aid = row.text("id")
        if self.by_id[Sheet.AGREEMENTS].get(aid) is not row:
            return
        s = IDX["agreement/" + aid]
        self.mark(s, row)
        self.add(s, TYPE, IOPX.Agreement)
        title = self.value(row, "title")
        self.labels(s, TITLE, str(title or ""), row.text("titleEn"))
        self.labels(
            s,
            LABEL,
            row.text("label") or str(title or ""),
            row.text("labelEn") or row.text("titleEn"),
        )
        place = self.value(row, "municipality")
        if place:
            self.add(s, IOPX.municipality, self._place_iri(place))  # type: ignore[arg-type]
        for p in self.refs(row, "publicParty", Sheet.PARTIES, self.party):
            self.add(s, IOPX.publicParty, p)
            pid = self.party_of_iri.get(p)
            if pid and self.party_kind.get(pid) not in (
                *_PUBLIC_UNIT,
                PartyKind.MUNICIPALITY,
                PartyKind.REGION,
            ):
                self.problem(
                    row,
                    "publicParty",
                    "the public party must be a board, council, administration, municipality "
                    "or region (Parter: kind)",
                    "den offentliga parten ska vara en nämnd, ett fullmäktige, en förvaltning, "
                    "en kommun eller en region (Parter: Typ)",
                    pid,
                )
        for p in self.refs(row, "ideaBasedParties", Sheet.PARTIES, self.party):
            self.add(s, IOPX.ideaBasedParty, p)
            pid = self.party_of_iri.get(p)
            if pid and self.party_kind.get(pid) is not PartyKind.IDEA_BASED:
                self.problem(
                    row,
                    "ideaBasedParties",
                    "an idea-based party must be of kind 'idéburen organisation' (Parter: kind)",
                    "en idéburen part ska ha typen 'idéburen organisation' (Parter: Typ)",
                    pid,
                )
        activity = self.value(row, "activity")
        act = self.activity_iri[row.text("activityId") or aid]
        self.add(s, IOPX.activity, act)
        if activity:
            self.add(act, TYPE, IOPX.Activity)
            self.labels(act, LABEL, str(activity), row.text("activityEn"))
            self.mark(act, row)
        for c in self.value(row, "focusArea") or []:  # type: ignore[union-attr]
            self.add(s, IOPX.focusArea, N(c))
        for key, p in (("startDate", SCHEMA.startDate), ("endDate", SCHEMA.endDate)):
            d = self.value(row, key)
            if d is not None:
                self.add(s, N(p), date_literal(d))  # type: ignore[arg-type]
                if is_year_only(row.get(key)):
                    which, edge = ("start", "first") if key == "startDate" else ("end", "last")
                    self.add(
                        s,
                        IOPX.ambiguityNote,
                        ox.Literal(
                            f"Only the year is given for the {which} date ({row.get(key)}); "
                            f"{d.isoformat()} is its {edge} day.",  # type: ignore[attr-defined]
                            language="en",
                        ),
                    )
        for d in self.refs(row, "decisions", Sheet.DECISIONS, self._decision_iri):
            self.add(s, IOPX.restsOnDecision, d)
        sources = self.source_refs(s, row)
        if activity:
            for src in sources:
                self.add(act, SOURCE, src)
        self.source_kinds(s, sources)
        self.notes(s, row)

    def source_kinds(self, s: ox.NamedNode, sources: list[ox.NamedNode]) -> None:
        """Mark a resource known only from web pages with the kinds of its sources
        (iop:sourceKind); nothing when one of its sources is a document of data/sources/."""
        kinds = []
        for src in sources:
            srow = self.by_id[Sheet.SOURCES][src.value.rsplit("/", 1)[-1]]
            if srow.text("document"):
                return
            kind = self.lookup["document-type"].get(srow.text("sourceKind").casefold())
            if kind:
                kinds.append(kind)
        for k in sorted(set(kinds)):
            self.add(s, IOPX.sourceKind, N(k))

    def _decision_iri(self, did: str) -> ox.NamedNode | None:
        return IDX["decision/" + did] if did in self.by_id[Sheet.DECISIONS] else None

    def _agreement_iri(self, aid: str) -> ox.NamedNode | None:
        return IDX["agreement/" + aid] if aid in self.by_id[Sheet.AGREEMENTS] else None

    def _party_or_activity(self, pid: str) -> ox.NamedNode | None:
        return self.party(pid) or self.activity_iri.get(pid)

    def contribution(
        self, row: Row, sheet: Sheet, prefix: str, cls: ox.NamedNode
    ) -> tuple[ox.NamedNode, list[ox.NamedNode]] | None:
        """A funding flow's or help in kind's IRI, type and agreements (``None`` for a row
        whose id another row of the sheet already took)."""
        rid = row.text("id")
        if self.by_id[sheet].get(rid) is not row:
            return None
        s = IDX[prefix + rid]
        self.mark(s, row)
        self.add(s, TYPE, cls)
        agreements = self.refs(row, "agreement", Sheet.AGREEMENTS, self._agreement_iri)
        for a in agreements:
            self.add(s, IOPX.underAgreement, a)
        return s, agreements

    def dates(self, s: ox.NamedNode, row: Row) -> None:
        for key, p in (("startDate", SCHEMA.startDate), ("endDate", SCHEMA.endDate)):
            d = self.value(row, key)
            if d is not None:
                self.add(s, N(p), date_literal(d))  # type: ignore[arg-type]

    def flow(self, row: Row) -> None:
        made = self.contribution(row, Sheet.FUNDING_FLOWS, "flow/", IOPX.FundingFlow)
        if made is None:
            return
        s, _ = made
        fid = row.text("id")
        for p in self.refs(row, "funder", Sheet.PARTIES, self.party):
            self.add(s, SCHEMAX.funder, p)
        for p in self.refs(row, "recipient", Sheet.PARTIES, self._party_or_activity):
            self.add(s, IOPX.recipient, p)
        amount = self.value(row, "amount")
        kind = self.value(row, "amountKind")
        if amount is not None:
            value, says_per_year = amount  # type: ignore[misc]
            if kind == AmountKind.FIXED and says_per_year:
                self.problem(
                    row,
                    "amountKind",
                    "the amount says per year but the kind is 'fast belopp'",
                    "beloppet säger per år men beloppstypen är 'fast belopp'",
                    row.get("amountKind"),
                )
            per_year = says_per_year or kind == AmountKind.PER_YEAR
            money = ox.BlankNode()
            self.add(s, IOPX.ratePerYear if per_year else SCHEMAX.amount, money)
            self.add(money, TYPE, SCHEMAX.MonetaryAmount)
            self.add(money, SCHEMAX.value, decimal_literal(value))
            self.add(money, SCHEMAX.currency, ox.Literal("SEK"))
            self.mark(money, row)
        self.dates(s, row)
        year = self.value(row, "fiscalYear")
        if year:
            self.add(s, IOPX.fiscalYear, ox.Literal(str(year), datatype=XSD_GYEAR))
        sof = self.value(row, "sourceOfFunds")
        if sof:
            self.add(s, IOPX.sourceOfFunds, N(sof))
        label = row.text("label")
        if not label and amount is not None:
            agreement = self.by_id[Sheet.AGREEMENTS].get(row.text("agreement"))
            head = agreement.text("label") or agreement.text("title") if agreement else fid
            label = f"{head}: {_kr(amount[0])}{' per år' if per_year else ''}"  # type: ignore[index]
        self.labels(s, LABEL, label, row.text("labelEn"))
        self.source_refs(s, row)
        self.notes(s, row)

    def in_kind(self, row: Row) -> None:
        made = self.contribution(row, Sheet.IN_KIND, "inkind/", IOPX.InKindContribution)
        if made is None:
            return
        s, agreements = made
        for p in self.refs(row, "giver", Sheet.PARTIES, self.party):
            self.add(s, IOPX.giver, p)
        recipients = self.refs(row, "recipient", Sheet.PARTIES, self._party_or_activity)
        if not recipients and row.get("recipient") is None and agreements:
            arow = self.by_id[Sheet.AGREEMENTS][row.text("agreement")]
            recipients = [self.activity_iri[arow.text("activityId") or arow.text("id")]]
        for p in recipients:
            self.add(s, IOPX.recipient, p)
        t = self.value(row, "type")
        if t:
            self.add(s, IOPX.inKindType, N(t))
        self.labels(s, LABEL, str(self.value(row, "description") or ""), row.text("descriptionEn"))
        self.dates(s, row)
        self.source_refs(s, row)
        self.notes(s, row)

    def identity(self, row: Row) -> None:
        kept_id, other = row.text("party"), row.text("sameAs")
        kept = self.refs(row, "party", Sheet.PARTIES, self.party)
        verdict = self.value(row, "decision")
        self.value(row, "sameAs")
        if not kept or not verdict or not other:
            return
        s = IDX[f"identity/{kept_id}/{slug(other)}"]
        self.mark(s, row)
        same = verdict == IdentityVerdict.SAME
        self.add(s, TYPE, IOPX.IdentityReview)
        self.add(s, IOPX.reviewedParty, kept[0])
        self.add(s, IOPX.otherName, ox.Literal(other))
        self.add(
            s,
            IOPX.isSameOrganisation,
            ox.Literal("true" if same else "false", datatype=XSD_BOOLEAN),
        )
        if row.text("evidence"):
            self.add(s, IOPX.evidence, ox.Literal(row.text("evidence")))
        reviewed = self.value(row, "reviewed")
        if reviewed:
            self.add(s, DCT_DATE, date_literal(reviewed))  # type: ignore[arg-type]
        for src in self.refs(row, "source", Sheet.SOURCES, self._source_iri):
            self.add(s, SOURCE, src)
        if same and other not in self.by_id[Sheet.PARTIES]:
            self.add(kept[0], ALT_LABEL, ox.Literal(other))


def _kr(value: Decimal) -> str:
    q = value.quantize(Decimal(1)) if value == value.to_integral() else value
    text = f"{q:,}".replace(",", "\u00a0")
    return f"{text.replace('.', ',')} kr"


def _show(value: object) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, int | float):
        return "number"
    return "text"


def _expected(t: ColType, lang: str = "en") -> str:
    en = {
        ColType.DATE: "a date",
        ColType.AMOUNT: "an amount",
        ColType.YEAR: "a year",
        ColType.INT: "a whole number",
        ColType.URL: "a URL (text)",
    }
    sv = {
        ColType.DATE: "ett datum",
        ColType.AMOUNT: "ett belopp",
        ColType.YEAR: "ett år",
        ColType.INT: "ett heltal",
        ColType.URL: "en URL (text)",
    }
    return (sv if lang == "sv" else en).get(t, "text" if lang == "en" else "text")


def convert(book: Workbook, ref: Reference, problems: list[Problem]) -> _Importer:
    """Turn the rows into quads (no validation with the shapes yet)."""
    imp = _Importer(book, ref, problems)
    imp.run()
    return imp


def import_workbook(
    path: str | Path,
    *,
    project: Project | None = None,
    shapes: bool = True,
    sources_dir: Path | None = None,
) -> ImportResult:
    """Read a workbook or CSV folder, convert it to RDF and validate it with the shapes.

    :param path: an ``.xlsx`` file or a folder of CSV files.
    :param project: the project whose reference data, vocabularies and shapes are used.
    :param shapes: validate with the project's SHACL shapes (Violations become problems).
    :param sources_dir: where the documents of Källor are; the project's ``data/sources/``.
    :raises WorkbookError: when the input cannot be read or is refused as hostile.
    """
    start = time.perf_counter()
    project = project or default_project()
    problems: list[Problem] = []
    book = read_workbook(path, problems)
    timings = {"read": time.perf_counter() - start}
    ref = reference(project)
    if sources_dir is not None:
        ref = dataclasses.replace(ref, sources_dir=Path(sources_dir))
    imp = convert(book, ref, problems)
    store = ox.Store()
    store.bulk_extend(imp.quads)
    imp.quads = []  # the store has them; a list of Python quads is the largest object here
    timings["convert"] = time.perf_counter() - start - timings["read"]
    if shapes:
        reported = {p.where for p in problems}
        problems.extend(
            p for p in _shape_problems(imp, store, ref, project) if p.where not in reported
        )
        timings["shapes"] = time.perf_counter() - start - timings["read"] - timings["convert"]
    return ImportResult(
        store=store,
        problems=problems,
        rows=sum(len(r) for r in book.rows.values()),
        seconds=time.perf_counter() - start,
        timings={k: round(v, 2) for k, v in timings.items()},
    )


def _shape_problems(
    imp: _Importer, store: ox.Store, ref: Reference, project: Project
) -> list[Problem]:
    from iopkg.shacl.validate import Severity, validate

    check = ox.Store()
    check.bulk_extend(store.quads_for_pattern(None, None, None))
    check.bulk_extend(ref.store.quads_for_pattern(None, None, None))
    for f in sorted(project.ontology_dir.glob("*.ttl")):
        check.load(path=str(f), format=ox.RdfFormat.TURTLE)
    report = validate(store=check, project=project, quiet=True, min_severity=Severity.VIOLATION)
    out: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for r in report.results:
        hit = imp.node_rows.get(r.focus_node)
        if hit is None:
            continue
        sheet, row = hit
        key = PATH_COLUMNS[sheet].get(r.path or "", None)
        if r.source_shape == "iopsh:period":
            key = "endDate"  # the end before the start: point at the end date
        if key is None and sheet is Sheet.FUNDING_FLOWS and r.focus_node.startswith("_:"):
            key = "amount"
        where_key = key or "id"
        cell = row.cells.get(where_key)
        where = (
            f"{imp.book.where(sheet)}!{cell.ref}"
            if cell
            else imp.book.where(sheet, row.number, where_key)
        )
        if (where, r.message("en")) in seen:
            continue
        seen.add((where, r.message("en")))
        value = None if cell is None else _show(cell.value)
        out.append(Problem(where, r.message("en"), r.message("sv"), value))
    return out
