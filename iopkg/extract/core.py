"""Extraction of a draft from a document's text: the one entry point the CLI and tests call.

>>> d = extract_text("Uppsägningstiden är 3 månader.", "x.txt")
>>> d.notice_months.value
3
"""

from __future__ import annotations

from pathlib import Path

from iopkg.extract import describe, fields, governance, money, prose
from iopkg.extract.model import Classification, Draft
from iopkg.extract.text import mask_noise, read_document


def extract_text(text: str, source: str) -> Draft:
    """Find the IOP facts in a text; what is not found stays empty.

    :param text: the document text.
    :param source: the document's name (file name), kept in the draft.
    :returns: the draft, every value with its quote and offsets in ``text``.
    """
    o = text
    t = mask_noise(text)
    draft = Draft(source=source, text=text)
    dt = fields.document_type(t, o)
    draft.classification, draft.classification_score = prose.classify(t, dt[0] if dt else None)
    if draft.classification == Classification.not_iop:
        return draft  # nothing is drafted from a text that is not about an IOP
    if dt:
        draft.document_type, draft.document_type_quote = dt
    draft.document_date = fields.document_date(t, o)
    draft.municipality = fields.municipality(t, o)
    draft.region = fields.region(t, o)
    draft.public_parties, draft.idea_parties = fields.parties(t, o)
    draft.region, draft.municipality = fields.region_of_parties(
        draft.region, draft.municipality, draft.public_parties
    )
    draft.municipality = fields.municipality_of_districts(draft.municipality, draft.public_parties)
    draft.municipality = fields.municipality_of_public(o, draft.municipality, draft.public_parties)
    draft.public_parties, draft.idea_parties = fields.parties_of_own_municipality(
        t, o, draft.municipality, draft.public_parties, draft.idea_parties
    )
    draft.activity = fields.activity(t, o)
    doc_day = draft.document_date.value if draft.document_date else None
    draft.period = fields.period(t, o, doc_day)
    draft.review_date = fields.review_date(t, o)
    draft.notice_months = fields.notice_months(t, o)
    draft.funding_flows = money.funding_flows(t, o, draft.period, draft.mentioned_amounts)
    if fields.several_agreements(t):
        # a period or a sum in a text about several agreements belongs to one of them, unsaid which
        draft.period, draft.funding_flows = None, []
    draft.in_kind = money.in_kind(t, o, draft.funding_flows)
    today = fields.release_day(o, draft.document_type, draft.document_date)
    draft.decisions = governance.decisions(t, o, doc_day, today)
    draft.legal_references = governance.legal_references(t, o)
    draft.target_groups = governance.target_groups(t, o)
    draft.steering_group_roles = governance.steering_group_roles(t, o)
    p = draft.period
    draft.reporting_per_year = governance.reporting_per_year(
        t, o, p.start if p else None, p.end if p else None
    )
    describe.describe(t, o, draft)
    return draft


def extract_file(path: Path) -> Draft:
    """Read a document (UTF-8 text or PDF) and extract its draft.

    :param path: the document.
    :raises iopkg.errors.ExtractError: when it cannot be read.
    """
    return extract_text(read_document(path), path.name)
