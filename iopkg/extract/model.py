"""The draft: typed facts found in one document, each with the words it came from.

>>> q = Quote("§ 16", 10, 14)
>>> q.end - q.start == len(q.text)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum


class DocumentType(StrEnum):
    """What kind of document the text is."""

    agreement = "agreement"
    board_report = "board-report"
    minutes = "minutes"
    press_release = "press-release"
    news = "news"
    other = "other"


class Classification(StrEnum):
    """What a text is with respect to IOP: the agreement itself, a decision or report about one,
    news about one (or about IOP in general), or not about an IOP at all."""

    agreement = "agreement"
    decision_or_report = "decision-or-report"
    news = "news"
    not_iop = "not-iop"


class AmountQualifier(StrEnum):
    """Why an amount named in the text is not an exact, current funding flow."""

    approximate = "approximate"
    applied_for = "applied-for"
    earlier = "earlier"
    budget_frame = "budget-frame"
    per_unit = "per-unit"
    conditional = "conditional"
    increase = "increase"
    #: one recipient's line in a list sharing a sum among several ("Ekby IF 495 000 kronor.")
    share = "share"


class Precision(StrEnum):
    """How exactly the text gives a date or a period."""

    day = "day"
    month = "month"
    season = "season"
    year = "year"


class SourceOfFunds(StrEnum):
    """Where money comes from (the project's vocab:source-* concepts)."""

    municipal = "source-municipal"
    state = "source-state"
    other = "source-other"


class InKindType(StrEnum):
    """Kinds of contribution in kind (the project's vocab:inkind-* concepts)."""

    premises = "inkind-premises"
    staff_time = "inkind-staff-time"
    volunteer_work = "inkind-volunteer-work"
    it_system = "inkind-it-system"
    knowledge = "inkind-knowledge"
    communication = "inkind-communication"
    project_support = "inkind-project-support"
    interpreting = "inkind-interpreting"
    training = "inkind-training"


class TargetKind(StrEnum):
    """Direct or indirect target group."""

    direct = "direct"
    indirect = "indirect"


@dataclass(frozen=True)
class Quote:
    """Words of the source and where they are (Unicode code points from 0, end exclusive)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class TextFact:
    """A fact whose value is a short text (a name, a title, a code)."""

    value: str
    quote: Quote


@dataclass(frozen=True)
class DateFact:
    """A day named in the text."""

    value: date
    quote: Quote


@dataclass(frozen=True)
class IntFact:
    """A whole number (months of notice, reports per year)."""

    value: int
    quote: Quote


@dataclass(frozen=True)
class Municipality:
    """A municipality, with its SCB code when it is a known Swedish municipality."""

    name: str
    code: str | None
    quote: Quote


@dataclass(frozen=True)
class Party:
    """A party to the agreement; idea-based parties may carry an organisation number."""

    name: str
    quote: Quote
    org_number: str | None = None


@dataclass(frozen=True)
class Period:
    """A span of time; ``precision`` says how exactly the text gives it. A text may give one end
    only ("gäller t.o.m. 31 december 2026", "ingått sedan årsskiftet 18/19"): the other is None,
    never guessed (at least one end is set)."""

    start: date | None
    end: date | None
    precision: Precision
    quote: Quote


class RecipientKind(StrEnum):
    """Who receives a contribution: a named organisation, or the partnership's activity."""

    organisation = "organisation"
    activity = "activity"


@dataclass(frozen=True)
class Recipient:
    """The receiver of a contribution as the text names it (``name`` for an organisation)."""

    kind: RecipientKind
    quote: Quote
    name: str | None = None


@dataclass(frozen=True)
class FundingFlow:
    """Money: an amount for a period, or a rate per calendar year (``rate_per_year``)."""

    amount: Decimal
    quote: Quote
    currency: str = "SEK"
    start: date | None = None
    end: date | None = None
    rate_per_year: bool = False
    ceiling: bool = False
    funder: str | None = None
    source_of_funds: SourceOfFunds | None = None
    legal_basis: str | None = None
    recipient: Recipient | None = None


@dataclass(frozen=True)
class InKind:
    """A contribution in kind."""

    kind: InKindType
    quote: Quote
    giver: str | None = None
    description: str = ""
    recipient: Recipient | None = None


@dataclass(frozen=True)
class Decision:
    """A decision named in the text: body, date, paragraph, registry number (any may be missing)."""

    quote: Quote
    body: str | None = None
    date: date | None = None
    paragraph: int | None = None
    registry_number: str | None = None
    date_inferred: bool = False
    year: int | None = None


@dataclass(frozen=True)
class MentionedAmount:
    """An amount the text names with a qualifier (about, applied for, earlier, budget frame):
    kept for the reviewer, never turned into a funding flow."""

    amount: Decimal
    qualifier: AmountQualifier
    quote: Quote
    rate_per_year: bool = False


@dataclass(frozen=True)
class TargetGroup:
    """A target group as a concept of the project's vocabulary (``vocab:target-*``)."""

    kind: TargetKind
    concept: str
    quote: Quote


@dataclass
class Draft:
    """Everything found in one document. Empty fields are missing, never guessed."""

    source: str
    text: str
    classification: Classification | None = None
    classification_score: float = 0.0
    document_type: DocumentType | None = None
    document_type_quote: Quote | None = None
    document_date: DateFact | None = None
    municipality: Municipality | None = None
    region: TextFact | None = None
    public_parties: list[Party] = field(default_factory=list)
    idea_parties: list[Party] = field(default_factory=list)
    activity: TextFact | None = None
    period: Period | None = None
    review_date: DateFact | None = None
    notice_months: IntFact | None = None
    funding_flows: list[FundingFlow] = field(default_factory=list)
    mentioned_amounts: list[MentionedAmount] = field(default_factory=list)
    in_kind: list[InKind] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    legal_references: list[TextFact] = field(default_factory=list)
    target_groups: list[TargetGroup] = field(default_factory=list)
    steering_group_roles: list[TextFact] = field(default_factory=list)
    reporting_per_year: IntFact | None = None
    title: TextFact | None = None
    agreement_title: TextFact | None = None
    activity_description: TextFact | None = None
    reports_to: TextFact | None = None

    def missing(self) -> list[str]:
        """Names (JSON spelling) of the fields that were not found.

        >>> Draft("x.txt", "").missing()[:2]
        ['documentType', 'documentDate']
        """
        names = {
            "documentType": self.document_type, "documentDate": self.document_date,
            "municipality": self.municipality, "region": self.region,
            "publicParties": self.public_parties, "ideaParties": self.idea_parties,
            "activity": self.activity, "period": self.period, "reviewDate": self.review_date,
            "noticeMonths": self.notice_months, "fundingFlows": self.funding_flows,
            "inKind": self.in_kind, "decisions": self.decisions,
            "legalReferences": self.legal_references, "targetGroups": self.target_groups,
            "steeringGroupRoles": self.steering_group_roles,
            "reportingPerYear": self.reporting_per_year,
        }  # fmt: skip
        return [k for k, v in names.items() if v is None or v == []]
