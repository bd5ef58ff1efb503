"""Drafts from documents: IOP facts found in Swedish agreements and board reports, with quotes.

>>> from iopkg.extract import extract_text
>>> extract_text("Föreningen får 520 tkr.", "x.txt").funding_flows[0].amount
Decimal('520000')
"""

from iopkg.extract.core import extract_file, extract_text
from iopkg.extract.model import Draft

__all__ = ["Draft", "extract_file", "extract_text"]
