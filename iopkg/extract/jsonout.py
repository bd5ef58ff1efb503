"""The draft as JSON: the fields of issue 7, every value with its quote and offsets.

>>> from iopkg.extract.core import extract_text
>>> draft_to_dict(extract_text("Uppsägningstiden är 3 månader.", "x.txt"))["noticeMonths"]["value"]
3
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from iopkg.extract.model import Draft, Quote
from iopkg.extract.turtle import left_out


def _q(q: Quote | None) -> dict[str, Any] | None:
    return None if q is None else {"text": q.text, "start": q.start, "end": q.end}


def _d(v: Any) -> Any:
    return v.isoformat() if v is not None else None


def _num(v: Decimal) -> int | float:
    return int(v) if v == v.to_integral_value() else float(v)


def draft_to_dict(d: Draft) -> dict[str, Any]:
    """Turn a draft into plain JSON data.

    :param d: the draft.
    """

    def val(f: Any, conv: Any = lambda x: x) -> dict[str, Any] | None:
        return None if f is None else {"value": conv(f.value), "quote": _q(f.quote)}

    return {
        "source": d.source,
        "classification": None if d.classification is None else {
            "value": d.classification.value, "score": d.classification_score},
        "documentType": None if d.document_type is None else {
            "value": d.document_type.value, "quote": _q(d.document_type_quote)},
        "documentDate": val(d.document_date, _d),
        "municipality": None if d.municipality is None else {
            "name": d.municipality.name, "code": d.municipality.code,
            "quote": _q(d.municipality.quote)},
        "region": val(d.region),
        "publicParties": [{"name": p.name, "quote": _q(p.quote)} for p in d.public_parties],
        "ideaParties": [{"name": p.name, "orgNumber": p.org_number, "quote": _q(p.quote)}
                        for p in d.idea_parties],
        "activity": val(d.activity),
        "period": None if d.period is None else {
            "start": _d(d.period.start), "end": _d(d.period.end),
            "precision": d.period.precision.value, "quote": _q(d.period.quote)},
        "reviewDate": val(d.review_date, _d),
        "noticeMonths": val(d.notice_months),
        "fundingFlows": [{
            "amount": _num(f.amount), "currency": f.currency, "start": _d(f.start),
            "end": _d(f.end), "ratePerYear": f.rate_per_year, "ceiling": f.ceiling,
            "funder": f.funder,
            "sourceOfFunds": f.source_of_funds.value if f.source_of_funds else None,
            "legalBasis": f.legal_basis, "quote": _q(f.quote)} for f in d.funding_flows],
        "inKind": [{"kind": k.kind.value, "giver": k.giver, "description": k.description,
                    "quote": _q(k.quote)} for k in d.in_kind],
        "mentionedAmounts": [{"amount": _num(a.amount), "qualifier": a.qualifier.value,
                              "ratePerYear": a.rate_per_year, "quote": _q(a.quote)}
                             for a in d.mentioned_amounts],
        "decisions": [{"body": x.body, "date": _d(x.date), "year": x.year,
                       "dateInferred": x.date_inferred, "paragraph": x.paragraph,
                       "registryNumber": x.registry_number, "quote": _q(x.quote)}
                      for x in d.decisions],
        "legalReferences": [{"value": r.value, "quote": _q(r.quote)} for r in d.legal_references],
        "targetGroups": [{"kind": g.kind.value, "concept": g.concept, "quote": _q(g.quote)}
                         for g in d.target_groups],
        "steeringGroupRoles": [{"value": r.value, "quote": _q(r.quote)}
                               for r in d.steering_group_roles],
        "reportingPerYear": val(d.reporting_per_year),
        "missing": d.missing(),
        "leftOutOfTurtle": left_out(d),
    }  # fmt: skip


def drafts_to_json(drafts: list[Draft]) -> str:
    """Serialise drafts as a JSON array (UTF-8 text, indented).

    :param drafts: the drafts.

    >>> drafts_to_json([])
    '[]'
    """
    return json.dumps([draft_to_dict(d) for d in drafts], ensure_ascii=False, indent=2)
