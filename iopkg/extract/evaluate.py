"""Evaluation of drafts against hand-written gold files: precision, recall and F1 per field.

A gold file is JSON: ``{"document": "<path relative to the gold file>", "facts": {...}}`` with the
fields of :func:`iopkg.extract.jsonout.draft_to_dict` (quotes not needed). Each fact becomes a key
(see :func:`fact_keys`); a field's score counts keys found in both, only in the draft, only in gold.

>>> Score(tp=9, fp=1, fn=0).f1
0.947...
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from iopkg.errors import ExtractError
from iopkg.extract.core import extract_text
from iopkg.extract.jsonout import draft_to_dict
from iopkg.extract.text import read_document

FIELDS = [
    "documentType", "documentDate", "municipality", "region", "publicParties", "ideaParties",
    "activity", "period", "reviewDate", "noticeMonths", "fundingFlows", "inKind", "decisions",
    "legalReferences", "targetGroups", "steeringGroupRoles", "reportingPerYear",
]  # fmt: skip


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, and the measures."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """Share of extracted facts that are in gold (1.0 when nothing was extracted)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold facts that were extracted (1.0 when gold is empty)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one.

        :param other: the score to add.
        """
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class DocumentResult:
    """Per-field scores and the differing keys for one gold document."""

    gold: Path
    scores: dict[str, Score]
    only_in_draft: dict[str, list[str]]
    only_in_gold: dict[str, list[str]]
    fields: list[str] = field(default_factory=lambda: list(FIELDS))


@dataclass
class Evaluation:
    """Scores per field and overall, summed over documents (micro-averaged)."""

    documents: list[DocumentResult] = field(default_factory=list)
    #: gold files left out because their document was not in the texts folder (``skip_missing``)
    skipped: list[Path] = field(default_factory=list)

    def by_field(self) -> dict[str, Score]:
        """Field name to summed score."""
        out = {f: Score() for f in FIELDS}
        for d in self.documents:
            for f, s in d.scores.items():
                if f in d.fields:
                    out[f].add(s)
        return {f: s for f, s in out.items() if any(f in d.fields for d in self.documents)}

    def overall(self) -> Score:
        """All fields summed."""
        total = Score()
        for s in self.by_field().values():
            total.add(s)
        return total


def norm(name: Any) -> str:
    """Normalise a name for comparison: lower case, no hyphens, "Lunds kommun" = "Lund kommun".

    :param name: the name.

    >>> norm("Kultur- och fritidsförvaltningen i Lund")
    'kultur och fritidsförvaltningen'
    """
    s = re.sub(r"[\-–]", " ", str(name or "").lower())
    s = re.sub(r"\s+", " ", s).strip(" .,;:")
    s = re.sub(r"(\w)s kommun\b", r"\1 kommun", s)
    s = re.sub(r"((?:förvaltningen|nämnden|kontoret)) i [\wåäö]+$", r"\1", s)
    return s


def _role(v: Any) -> str:
    s = re.split(r"\s+[–—-]\s+|\s*\(|,|\.|:", str(v or "").strip(), maxsplit=1)[0]
    return norm(re.sub(r"\s+\d+\s*%$", "", s))


def _amount(v: Any) -> str:
    return str(Decimal(str(v)).normalize()) if v is not None else ""


def fact_keys(facts: dict[str, Any]) -> dict[str, set[str]]:
    """The comparable keys of each field of a draft dict or gold facts.

    :param facts: a dict shaped like :func:`draft_to_dict` output.
    """

    def one(name: str, f: Any) -> set[str]:
        v = facts.get(name)
        return set() if v in (None, [], {}) else {f(v)}

    def many(name: str, f: Any) -> set[str]:
        return {f(v) for v in facts.get(name) or []}

    return {
        "documentType": one("documentType", lambda v: v["value"]),
        "documentDate": one("documentDate", lambda v: v["value"]),
        "municipality": one("municipality", lambda v: v.get("code") or norm(v.get("name"))),
        "region": one("region", lambda v: norm(v["value"])),
        "publicParties": many("publicParties", lambda v: norm(v["name"])),
        "ideaParties": many("ideaParties", lambda v: f"{norm(v['name'])}|{v.get('orgNumber') or ''}"),  # noqa: E501
        "activity": one("activity", lambda v: norm(v["value"])),
        "period": one("period", lambda v: f"{v['start']}/{v['end']}"),
        "reviewDate": one("reviewDate", lambda v: v["value"]),
        "noticeMonths": one("noticeMonths", lambda v: str(v["value"])),
        "fundingFlows": many("fundingFlows", lambda v: "|".join([
            _amount(v["amount"]), str(v.get("start")), str(v.get("end")),
            "rate" if v.get("ratePerYear") else "sum", "ceiling" if v.get("ceiling") else ""])),
        "inKind": many("inKind", lambda v: f"{v['kind']}|{norm(v.get('giver'))}"),
        "decisions": many("decisions", lambda v: f"{v.get('date') or v.get('year')}|{v.get('paragraph')}|{v.get('registryNumber')}"),  # noqa: E501
        "legalReferences": many("legalReferences", lambda v: v["value"]),
        "targetGroups": many("targetGroups", lambda v: f"{v['kind']}|{v['concept']}"),
        "steeringGroupRoles": many("steeringGroupRoles", lambda v: _role(v["value"])),
        "reportingPerYear": one("reportingPerYear", lambda v: str(v["value"])),
    }  # fmt: skip


def _alias_map(facts: dict[str, Any]) -> dict[str, dict[str, str]]:
    """For each party field: normalised alias -> normalised gold name."""
    out: dict[str, dict[str, str]] = {}
    for f in ("publicParties", "ideaParties"):
        m: dict[str, str] = {}
        for p in facts.get(f) or []:
            for a in p.get("aliases") or []:
                m[norm(a)] = norm(p["name"])
        out[f] = m
    return out


def _apply_aliases(facts: dict[str, Any], aliases: dict[str, dict[str, str]]) -> dict[str, Any]:
    out = dict(facts)
    for f, m in aliases.items():
        if m and facts.get(f):
            out[f] = [{**p, "name": m.get(norm(p.get("name")), p.get("name"))} for p in facts[f]]
    return out


def evaluate_gold(path: Path, texts: Path | None = None) -> DocumentResult:
    """Extract the document a gold file names and compare.

    :param path: the gold JSON file.
    :param texts: folder holding the documents (default: relative to the gold file).
    :raises ExtractError: when the gold file or its document cannot be read.
    """
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = _document_path(gold, path, texts)
        facts = gold["facts"]
        fields = [f for f in gold.get("fields", FIELDS) if f in FIELDS]
        aliases = _alias_map(facts)
        gold_keys = fact_keys(facts)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        raise ExtractError(str(path), f"not a gold file ({type(e).__name__}: {e})") from None
    draft = extract_text(read_document(doc), doc.name)
    got = fact_keys(_apply_aliases(draft_to_dict(draft), aliases))
    scores, extra, lacking = {}, {}, {}
    for f in FIELDS:
        g, p = gold_keys[f], got[f]
        scores[f] = Score(len(g & p), len(p - g), len(g - p))
        extra[f] = sorted(p - g)
        lacking[f] = sorted(g - p)
    return DocumentResult(path, scores, extra, lacking, fields)


def evaluate(
    paths: list[Path],
    texts: Path | None = None,
    split: str | None = None,
    *,
    skip_missing: bool = False,
) -> Evaluation:
    """Evaluate against several gold files (folders are searched for ``*.gold.json``).

    :param paths: gold files or folders.
    :param texts: folder holding the documents, for gold files kept apart from their texts.
    :param split: only gold files whose ``split`` is this (e.g. ``"heldout"``).
    :param skip_missing: leave out (and list in ``Evaluation.skipped``) the gold files whose
        document is not in the texts folder, instead of stopping at the first.
    :raises ExtractError: when a gold file is unreadable, a document is missing (unless
        ``skip_missing``) or no gold file is given.
    """
    files: list[Path] = []
    for p in paths:
        files.extend(sorted(p.rglob("*.gold.json")) if p.is_dir() else [p])
    if split is not None:
        files = [f for f in files if _split_of(f) == split]
    if not files:
        raise ExtractError(", ".join(map(str, paths)) or "-", "no gold files (*.gold.json) found")
    if not skip_missing:
        return Evaluation([evaluate_gold(f, texts) for f in files])
    ev = Evaluation()
    for f in files:
        if _document_of(f, texts).is_file():
            ev.documents.append(evaluate_gold(f, texts))
        else:
            ev.skipped.append(f)
    return ev


def _document_path(gold: dict[str, Any], path: Path, texts: Path | None) -> Path:
    """Where the document of gold file ``path`` (parsed: ``gold``) is."""
    return (texts if texts is not None else path.parent) / gold["document"]


def _document_of(path: Path, texts: Path | None) -> Path:
    try:
        return _document_path(json.loads(path.read_text(encoding="utf-8")), path, texts)
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ExtractError(str(path), f"not a gold file ({type(e).__name__}: {e})") from None


def _split_of(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("split")
    except (OSError, ValueError, AttributeError):
        raise ExtractError(str(path), "not a gold file (unreadable JSON)") from None


def format_evaluation(ev: Evaluation, *, details: bool = False) -> str:
    """A table of precision, recall and F1 per field and overall.

    :param ev: the evaluation.
    :param details: also list the facts only in the draft or only in gold, per document.
    """
    lines = [f"{'field':<20} {'tp':>4} {'fp':>4} {'fn':>4} {'P':>6} {'R':>6} {'F1':>6}"]
    rows = [*ev.by_field().items(), ("overall", ev.overall())]
    for name, s in rows:
        lines.append(f"{name:<20} {s.tp:>4} {s.fp:>4} {s.fn:>4} "
                     f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}")  # fmt: skip
    lines.insert(len(lines) - 1, "-" * 54)
    lines.append(f"documents: {len(ev.documents)}")
    if ev.skipped:
        lines.append(f"skipped (document not in the texts folder): {len(ev.skipped)}")
        if details:
            lines.extend(f"{p.name}: skipped: document not found" for p in ev.skipped)
    if details:
        for d in ev.documents:
            for f in d.fields:
                for k in d.only_in_draft[f]:
                    lines.append(f"{d.gold.name}: {f}: only in draft: {k}")
                for k in d.only_in_gold[f]:
                    lines.append(f"{d.gold.name}: {f}: only in gold: {k}")
    return "\n".join(lines)
