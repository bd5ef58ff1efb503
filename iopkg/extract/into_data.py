"""Adding a reviewed draft to ``data/``: refuse unless the data with the draft loads and has no
SHACL Violations (:func:`iopkg.shacl.validate.validate` with the project's shapes).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from iopkg.errors import DataLoadError, ExtractError
from iopkg.graph import Project, load_store
from iopkg.io import write_bytes_atomic
from iopkg.shacl.validate import Severity, validate


@dataclass(frozen=True)
class IntoDataResult:
    """What ``--into-data`` wrote."""

    draft_path: Path
    source_path: Path


def add_to_data(
    project: Project,
    document: Path,
    turtle: str,
) -> IntoDataResult:
    """Add a draft (Turtle) and its source text to the project's data, if the result validates.

    :param project: the project whose ``data/`` receives the draft.
    :param document: the source document (its text is copied under ``data/sources/``).
    :param turtle: the reviewed draft in Turtle.
    :raises ExtractError: when the draft does not load or does not validate, or a different
        file of the same name is already in ``data/sources/`` or ``data/drafts/``.
    """
    draft_path = project.data_dir / "drafts" / f"{document.stem}.ttl"
    source_path = project.sources_dir / document.name
    try:
        source_bytes = document.read_bytes()
    except OSError as e:
        raise ExtractError(str(document), e.strerror or "cannot read") from None
    if source_path.exists() and source_path.read_bytes() != source_bytes:
        raise ExtractError(
            str(source_path),
            "a different file of this name is already in data/sources/; rename the document",
        )  # noqa: E501
    # a draft already added (perhaps edited by a reviewer since, or of another document with
    # the same stem, such as avtal.html beside avtal.txt) is never replaced
    if draft_path.exists():
        if draft_path.read_bytes() != turtle.encode("utf-8"):
            raise ExtractError(
                str(draft_path),
                "a different draft of this name is already in data/drafts/; edit that one, or "
                "move it away first to add this one",
            )
        # added before, as it is: nothing to validate (loaded twice, its blank nodes would
        # count twice); only its source text is put back if it went missing since
        if not source_path.exists():
            _copy_source(document, source_path)
        return IntoDataResult(draft_path, source_path)
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / draft_path.name
        candidate.write_text(turtle, encoding="utf-8")
        try:
            load_store([project.data_dir, candidate])
        except DataLoadError as e:
            raise ExtractError(
                str(document), f"the draft does not load, nothing added: {e}"
            ) from None
        report = validate(
            [project.data_dir, candidate], project=project, min_severity=Severity.VIOLATION
        )
        if report.has_at_least(Severity.VIOLATION):
            first = report.results[0]
            label = first.focus_labels.get("en") or first.focus_node
            raise ExtractError(
                str(document),
                f"the draft does not validate ({len(report.results)} violations), nothing "
                f"added; first: {label}: {first.messages.get('en', '')}",
            )
    draft_path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(draft_path, turtle.encode("utf-8"))
    if not source_path.exists():
        _copy_source(document, source_path)
    return IntoDataResult(draft_path, source_path)


def _copy_source(document: Path, source_path: Path) -> None:
    """Copy the document to ``data/sources/`` atomically."""
    source_path.parent.mkdir(parents=True, exist_ok=True)
    tmp_copy = source_path.with_name(f".{source_path.name}.tmp")
    shutil.copyfile(document, tmp_copy)
    os.replace(tmp_copy, source_path)
