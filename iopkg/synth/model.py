"""The plan of one synthetic agreement, organisation numbers, and the violations injected.

>>> import random
>>> n = luhn_org_number(random.Random(1), "802")
>>> len(n), n[6], luhn_valid(n)
(11, '-', True)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from stdnum import luhn
from stdnum.se import orgnr

from iopkg.namespaces import SYNTH


@dataclass(frozen=True)
class Municipality:
    """A municipality of the reference data with what synthetic data needs of it."""

    code: str
    name: str
    county: str
    county_code: str
    county_sv: str
    county_en: str
    inhabitants: int


@dataclass
class OrgPlan:
    """An idea-based organisation; ``number`` is its organisation number, if registered."""

    local: str
    municipality: Municipality
    index: int
    number: str | None


@dataclass
class Contribution:
    """A contribution under an agreement: ``form`` is ``inkind``, ``amount`` or ``rate``.

    ``giver``/``recipient`` of ``None`` mean the agreement's public party.
    """

    form: str
    giver: str | None = None
    recipient: str | None = None
    kind: str = ""
    value: int = 0
    currency: str = "SEK"
    start: date | None = None
    end: date | None = None
    source: str = ""
    has_funder: bool = True

    @property
    def is_money(self) -> bool:
        return self.form != "inkind"


@dataclass
class AgreementPlan:
    """Everything drawn for one agreement, before it is written (violations edit the plan)."""

    index: int
    municipality: Municipality
    domain: int
    start: date
    end: date
    months: int
    parties: list[OrgPlan]
    decided: date
    paragraph: int
    review: date | None
    guideline_max: int | None
    contributions: list[Contribution] = field(default_factory=list)
    municipality_code: str = ""
    has_public_party: bool = True
    has_idea_party: bool = True
    has_source: bool = True
    #: False when the idea-based parties are meant to contribute nothing (an injected warning).
    parties_give: bool = True
    decision_has_date: bool = True
    decision_has_body: bool = True
    municipality_guideline_max: int = 0

    def __post_init__(self) -> None:
        self.municipality_code = self.municipality_code or self.municipality.code

    @property
    def local(self) -> str:
        return f"agreement/{self.index + 1:06d}"

    @property
    def iri(self) -> str:
        return str(SYNTH[self.local])

    @property
    def decision_local(self) -> str:
        return f"decision/{self.index + 1:06d}"

    @property
    def source_local(self) -> str:
        return f"source/{self.index + 1:06d}"

    def contribution_local(self, k: int) -> str:
        """Local name of the ``k``-th contribution."""
        form = "inkind" if self.contributions[k].form == "inkind" else "flow"
        return f"{form}/{self.index + 1:06d}-{k + 1}"


class ViolationKind(StrEnum):
    """A rule of the IOP shapes broken on purpose, once, in an otherwise conforming agreement."""

    END_BEFORE_START = "end-before-start"
    LONGER_THAN_GUIDELINE = "longer-than-guideline"
    NEGATIVE_AMOUNT = "negative-amount"
    NON_ISO_CURRENCY = "non-iso-currency"
    FLOW_WITHOUT_FUNDER = "flow-without-funder"
    FLOW_OUTSIDE_PERIOD = "flow-outside-period"
    BAD_LUHN = "bad-luhn"
    PERSONNUMMER_ORG_NUMBER = "personnummer-org-number"
    UNKNOWN_MUNICIPALITY = "unknown-municipality"
    MISSING_PUBLIC_PARTY = "missing-public-party"
    MISSING_IDEA_BASED_PARTY = "missing-idea-based-party"
    MISSING_SOURCE = "missing-source"
    DECISION_WITHOUT_DATE = "decision-without-date"
    DECISION_WITHOUT_BODY = "decision-without-body"
    REVIEW_OUTSIDE_PERIOD = "review-outside-period"
    IDEA_PARTY_CONTRIBUTES_NOTHING = "idea-party-contributes-nothing"

    @property
    def severity(self) -> str:
        """``Warning`` for suspicious data (as the IOP rules say), else ``Violation``.

        >>> ViolationKind.FLOW_OUTSIDE_PERIOD.severity, ViolationKind.BAD_LUHN.severity
        ('Warning', 'Violation')
        """
        warnings = (ViolationKind.FLOW_OUTSIDE_PERIOD, ViolationKind.IDEA_PARTY_CONTRIBUTES_NOTHING)
        return "Warning" if self in warnings else "Violation"


def add_months(d: date, months: int) -> date:
    """The same day ``months`` later (the last day of a shorter month).

    >>> add_months(date(2019, 7, 1), 24), add_months(date(2020, 1, 31), 1)
    (datetime.date(2021, 7, 1), datetime.date(2020, 2, 29))
    """
    y, mo = divmod(d.year * 12 + d.month - 1 + months, 12)
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, mo + 1, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def luhn_check_digit(digits: str) -> int:
    """The Luhn check digit of the first nine digits of a Swedish organisation number.

    >>> luhn_check_digit("845000817")
    5
    """
    return int(luhn.calc_check_digit(digits))


def luhn_valid(number: str) -> bool:
    """Whether ``NNNNNN-NNNN`` (hyphen optional) has a valid check digit.

    >>> luhn_valid("845000-8175"), luhn_valid("845000-8176")
    (True, False)
    """
    return len(number.replace("-", "")) == 10 and orgnr.is_valid(number)


def luhn_org_number(rng: random.Random, prefix: str) -> str:
    """A valid 10-digit number ``NNNNNN-NNNN`` starting with ``prefix``, the rest drawn.

    :param rng: the random generator.
    :param prefix: the leading digits (at most nine).
    """
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(9 - len(prefix)))
    digits = body + str(luhn_check_digit(body))
    return f"{digits[:6]}-{digits[6:]}"


def inject(
    plan: AgreementPlan, kind: ViolationKind, rng: random.Random, known_codes: frozenset[str]
) -> str:
    """Break one rule in ``plan`` and return the IRI of the node a validator should report.

    :param plan: the agreement's plan, edited in place.
    :param kind: the rule to break.
    :param rng: the violations' own random generator (the main one is left untouched).
    :param known_codes: the municipality codes of the reference list.
    """
    if kind in (ViolationKind.END_BEFORE_START, ViolationKind.LONGER_THAN_GUIDELINE):
        _break_period(plan, kind)
        return plan.iri
    if kind in _MONEY_KINDS:
        return _break_money(plan, kind, rng)
    if kind in (ViolationKind.BAD_LUHN, ViolationKind.PERSONNUMMER_ORG_NUMBER):
        return _break_org_number(plan, kind, rng)
    if kind is ViolationKind.UNKNOWN_MUNICIPALITY:
        plan.municipality_code = rng.choice(
            [c for c in (f"{n:04d}" for n in range(9900, 10000)) if c not in known_codes]
        )
        return plan.iri
    return _break_statement(plan, kind, rng)


_MONEY_KINDS = frozenset(
    {
        ViolationKind.NEGATIVE_AMOUNT,
        ViolationKind.NON_ISO_CURRENCY,
        ViolationKind.FLOW_WITHOUT_FUNDER,
        ViolationKind.FLOW_OUTSIDE_PERIOD,
    }
)


def _break_period(plan: AgreementPlan, kind: ViolationKind) -> None:
    """End before start, or a period longer than the municipality's guideline."""
    if kind is ViolationKind.END_BEFORE_START:
        plan.start, plan.end = plan.end, plan.start
        plan.review, plan.guideline_max = None, None
        for c in plan.contributions:  # undated rates cannot lie outside the (empty) period
            if c.is_money:
                c.form, c.start, c.end = "rate", None, None
        return
    old_end = plan.end
    plan.guideline_max = plan.municipality_guideline_max
    plan.months = plan.guideline_max + 6
    plan.end = add_months(plan.start, plan.months) - timedelta(days=1)
    for c in plan.contributions:
        if c.end == old_end:
            c.end = plan.end


def _break_money(plan: AgreementPlan, kind: ViolationKind, rng: random.Random) -> str:
    """Spoil one money flow; its IRI."""
    k = _money_flow(plan, rng)
    c = plan.contributions[k]
    if kind is ViolationKind.NEGATIVE_AMOUNT:
        c.value = -c.value
    elif kind is ViolationKind.NON_ISO_CURRENCY:
        c.currency = "kronor"
    elif kind is ViolationKind.FLOW_WITHOUT_FUNDER:
        c.has_funder = False
    else:
        c.end = plan.end + timedelta(days=rng.randint(31, 365))
    return str(SYNTH[plan.contribution_local(k)])


def _break_org_number(plan: AgreementPlan, kind: ViolationKind, rng: random.Random) -> str:
    """Add a party whose org number has a wrong check digit or is a personal identity number;
    the IRI of its org number."""
    m = plan.municipality
    if kind is ViolationKind.BAD_LUHN:
        good = luhn_org_number(rng, f"8{rng.randrange(10)}{rng.randint(20, 99)}")
        number = good[:-1] + str((int(good[-1]) + rng.randint(1, 9)) % 10)
    else:
        birth = f"{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        number = luhn_org_number(rng, birth)
    org = OrgPlan(f"org/{m.code}-x{plan.index + 1:06d}", m, plan.index, number)
    plan.parties.append(org)
    return str(SYNTH[f"{org.local}/orgnr"])


def _break_statement(plan: AgreementPlan, kind: ViolationKind, rng: random.Random) -> str:
    """Leave out or misplace one statement of the agreement or its decision; the node's IRI."""
    K = ViolationKind
    if kind is K.MISSING_PUBLIC_PARTY:
        plan.has_public_party = False
    elif kind is K.MISSING_IDEA_BASED_PARTY:
        plan.has_idea_party = False
    elif kind is K.MISSING_SOURCE:
        plan.has_source = False
    elif kind is K.DECISION_WITHOUT_DATE:
        plan.decision_has_date = False
        return str(SYNTH[plan.decision_local])
    elif kind is K.DECISION_WITHOUT_BODY:
        plan.decision_has_body = False
        return str(SYNTH[plan.decision_local])
    elif kind is K.REVIEW_OUTSIDE_PERIOD:
        plan.review = plan.end + timedelta(days=rng.randint(30, 200))
    elif kind is K.IDEA_PARTY_CONTRIBUTES_NOTHING:
        _money_flow(plan, rng)
        plan.contributions = [c for c in plan.contributions if c.giver is None]
        plan.parties_give = False
    return plan.iri


def _money_flow(plan: AgreementPlan, rng: random.Random) -> int:
    """Index of a dated municipal flow of ``plan``, added when it has none."""
    for k, c in enumerate(plan.contributions):
        if c.is_money and c.start is not None:
            return k
    plan.contributions.append(
        Contribution(
            "amount",
            recipient=plan.parties[0].local,
            value=rng.randint(2, 150) * 10000,
            start=plan.start,
            end=plan.end,
            source="municipal",
        )
    )
    return len(plan.contributions) - 1
