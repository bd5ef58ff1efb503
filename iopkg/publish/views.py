"""What each kind of page shows before its list of sourced facts: an agreement's parties,
period, money per year and decisions; an organisation's agreements in every municipality; a
municipality's or county's agreements and money per year by source of funds; what rests on a
decision. The money comes from :mod:`iopkg.analysis.compare`, so every page agrees with
``iopkg compare``.

>>> from iopkg.graph import load_store
>>> facts = AgreementFacts.collect(load_store())
>>> a = facts.agreements["https://w3id.org/iopkg/id/agreement/lund-radrum-2019"]
>>> a.start, a.end, a.total
('2019-07-01', '2021-06-30', Decimal('920000.00'))
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import pyoxigraph as ox

from iopkg.analysis.compare import (
    CENT,
    ComparisonRow,
    FundsSource,
    GroupBy,
    compare_areas,
    money_by_agreement,
)
from iopkg.namespaces import ELI, IOP, RDF, SCHEMA
from iopkg.sparql.source import LocalSource

_DG = ox.DefaultGraph()
_SCHEMA = str(SCHEMA)
_ELI = str(ELI)
RDF_TYPE = ox.NamedNode(str(RDF.type))


def _p(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


P_MUNICIPALITY = _p(str(IOP.municipality))
P_COUNTY = _p(str(IOP.county))
P_IDEA = _p(str(IOP.ideaBasedParty))
P_PUBLIC = _p(str(IOP.publicParty))
P_CONTRIBUTING = _p(str(IOP.contributingUnit))
P_FOCUS = _p(str(IOP.focusArea))
P_ACTIVITY = _p(str(IOP.activity))
P_DECISION = _p(str(IOP.restsOnDecision))
P_START = _p(_SCHEMA + "startDate")
P_END = _p(_SCHEMA + "endDate")
P_FUNDER = _p(_SCHEMA + "funder")
P_UNDER = _p(str(IOP.underAgreement))
P_POPULATION = _p(str(IOP.population))
P_INHABITANTS = _p(str(IOP.inhabitants))
P_YEAR = _p(str(IOP.year))
P_DATE_DOCUMENT = _p(_ELI + "date_document")
P_PASSED_BY = _p(_ELI + "passed_by")
AGREEMENT = _p(str(IOP.Agreement))


@dataclass
class Agreement:
    """What the summaries need of one agreement (IRIs; labels are looked up per language)."""

    iri: str
    municipality: str | None = None
    county: str | None = None
    idea_parties: list[str] = field(default_factory=list)
    public_parties: list[str] = field(default_factory=list)
    contributing: list[str] = field(default_factory=list)
    focus_areas: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    start: str = ""
    end: str = ""
    money: dict[int, dict[FundsSource, Decimal]] = field(default_factory=dict)

    @cached_property
    def total(self) -> Decimal:
        """All money attributed to the agreement, over all years and sources (read once
        :meth:`AgreementFacts.collect` has filled ``money``; the index and the organisation
        pages sum it for every agreement they list)."""
        return sum((sum(v.values(), Decimal(0)) for v in self.money.values()), Decimal(0)).quantize(
            CENT
        )

    @property
    def years(self) -> list[int]:
        """The calendar years the agreement is active in."""
        if len(self.start) < 4 or len(self.end) < 4:
            return sorted(self.money)
        return list(range(int(self.start[:4]), int(self.end[:4]) + 1))

    @property
    def sources(self) -> list[FundsSource]:
        """The sources of funds that pay something under the agreement."""
        return [s for s in FundsSource if any(v.get(s) for v in self.money.values())]

    @property
    def organisations(self) -> list[str]:
        """Every party, idea-based and public, and contributing unit."""
        return self.idea_parties + self.public_parties + self.contributing


@dataclass
class AgreementFacts:
    """Every agreement's summary, and the reverse indexes the other pages need."""

    agreements: dict[str, Agreement]
    by_organisation: dict[str, list[str]]
    by_municipality: dict[str, list[str]]
    by_county: dict[str, list[str]]
    by_decision: dict[str, list[str]]

    @classmethod
    def collect(cls, store: ox.Store) -> AgreementFacts:
        """Read the summaries from ``store`` (index lookups, one pass per agreement)."""

        # One copy of each IRI: a few hundred municipalities, parties and focus areas recur in
        # 100 000 summaries, and each read of the store makes a new string.
        shared = {}.setdefault

        def objs(s: ox.NamedNode, p: ox.NamedNode) -> list[str]:
            return sorted(
                shared(v, v)
                for v in (q.object.value for q in store.quads_for_pattern(s, p, None, _DG))
            )

        money = money_by_agreement(LocalSource(store))
        out: dict[str, Agreement] = {}
        county_of: dict[str, str | None] = {}
        for q in store.quads_for_pattern(None, RDF_TYPE, AGREEMENT, _DG):
            s = q.subject
            if not isinstance(s, ox.NamedNode):
                continue
            a = Agreement(s.value)
            ms = objs(s, P_MUNICIPALITY)
            a.municipality = ms[0] if ms else None
            if a.municipality is not None:
                if a.municipality not in county_of:
                    cs = objs(ox.NamedNode(a.municipality), P_COUNTY)
                    county_of[a.municipality] = cs[0] if cs else None
                a.county = county_of[a.municipality]
            a.idea_parties = objs(s, P_IDEA)
            a.public_parties = objs(s, P_PUBLIC)
            a.contributing = objs(s, P_CONTRIBUTING)
            a.focus_areas = objs(s, P_FOCUS)
            a.activities = objs(s, P_ACTIVITY)
            a.decisions = objs(s, P_DECISION)
            a.start = next(iter(objs(s, P_START)), "")
            a.end = next(iter(objs(s, P_END)), "")
            a.money = money.get(s.value, {})
            out[s.value] = a
        by_org: dict[str, list[str]] = defaultdict(list)
        by_mun: dict[str, list[str]] = defaultdict(list)
        by_county: dict[str, list[str]] = defaultdict(list)
        by_dec: dict[str, list[str]] = defaultdict(list)
        for iri in sorted(out):
            a = out[iri]
            for o in dict.fromkeys(a.organisations):
                by_org[o].append(iri)
            if a.municipality:
                by_mun[a.municipality].append(iri)
            if a.county:
                by_county[a.county].append(iri)
            for d in a.decisions:
                by_dec[d].append(iri)
        return cls(out, dict(by_org), dict(by_mun), dict(by_county), dict(by_dec))


@dataclass(frozen=True)
class AreaYears:
    """The comparison rows of each municipality and county, by language."""

    rows: dict[str, list[ComparisonRow]]
    #: the comparison by municipality as :func:`~iopkg.analysis.compare.compare` gives it (the
    #: chart's rows)
    by_municipality: list[ComparisonRow] = field(default_factory=list)

    @classmethod
    def collect(cls, store: ox.Store, lang: str) -> AreaYears:
        """:func:`iopkg.analysis.compare.compare` by municipality and by county."""
        return cls.collect_languages(store, [lang])[lang]

    @classmethod
    def collect_languages(cls, store: ox.Store, langs: list[str]) -> dict[str, AreaYears]:
        """:meth:`collect` in each of ``langs``, the money computed once
        (:func:`iopkg.analysis.compare.compare_areas`)."""
        found = compare_areas(LocalSource(store), langs)
        out = {}
        for lang in langs:
            rows: dict[str, list[ComparisonRow]] = defaultdict(list)
            for by in (GroupBy.municipality, GroupBy.county):
                for r in found[by, lang]:
                    rows[r.group].append(r)
            out[lang] = cls(dict(rows), found[GroupBy.municipality, lang])
        return out


def population(store: ox.Store, area: str) -> list[tuple[str, int]]:
    """(year, inhabitants) of a municipality, oldest first."""
    out = []
    for q in store.quads_for_pattern(ox.NamedNode(area), P_POPULATION, None, _DG):
        years = [x.object.value for x in store.quads_for_pattern(q.object, P_YEAR, None, _DG)]
        n = [x.object.value for x in store.quads_for_pattern(q.object, P_INHABITANTS, None, _DG)]
        if years and n:
            out.append((years[0][:4], int(n[0])))
    return sorted(out)
