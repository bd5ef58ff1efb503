"""Adding a reviewed draft to ``data/``: refuse unless the result loads and validates.

Validation comes from :func:`iopkg.validate.validate` when that module exists (issue 3). It is
called with the list of data paths and must return an object with a boolean ``conforms`` (and a
``text`` or ``results`` to show); without it nothing is added.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from iopkg.errors import DataLoadError, ExtractError
from iopkg.graph import Project, load_store


@dataclass(frozen=True)
class IntoDataResult:
    """What ``--into-data`` wrote."""

    draft_path: Path
    source_path: Path


def validation_hook() -> Callable[[list[Path]], Any] | None:
    """The project's validation function, or ``None`` when it is not installed.

    >>> validation_hook() is None or callable(validation_hook())
    True
    """
    try:
        module = importlib.import_module("iopkg.validate")
    except ImportError:
        return None
    fn = getattr(module, "validate", None)
    return fn if callable(fn) else None


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def add_to_data(
    project: Project,
    document: Path,
    turtle: str,
    *,
    validate: Callable[[list[Path]], Any] | None = None,
) -> IntoDataResult:
    """Add a draft (Turtle) and its source text to the project's data, if the result validates.

    :param project: the project whose ``data/`` receives the draft.
    :param document: the source document (its text is copied under ``data/sources/``).
    :param turtle: the reviewed draft in Turtle.
    :param validate: the validation function (default: :func:`validation_hook`).
    :raises ExtractError: when the draft does not load, validation is unavailable or fails,
        or a different file of the same name is already in ``data/sources/``.
    """
    validate = validate or validation_hook()
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
    with tempfile.TemporaryDirectory() as tmp:
        candidate = Path(tmp) / draft_path.name
        candidate.write_text(turtle, encoding="utf-8")
        try:
            load_store([project.data_dir, candidate])
        except DataLoadError as e:
            raise ExtractError(
                str(document), f"the draft does not load, nothing added: {e}"
            ) from None
        if validate is None:
            raise ExtractError(
                str(document),
                "validation is not available (iopkg.validate is not installed), so nothing was "
                "added; write the draft with -o and add it by hand after review",
            )
        try:
            report = validate([project.data_dir, candidate])
        except TypeError as e:
            raise ExtractError(str(document), f"the validation hook failed: {e}") from None
        if not getattr(report, "conforms", False):
            detail = getattr(report, "text", None) or str(getattr(report, "results", ""))
            first = detail.strip().splitlines()[0] if detail.strip() else "violations"
            raise ExtractError(
                str(document), f"the draft does not validate, nothing added: {first}"
            )
    _atomic_write(draft_path, turtle.encode("utf-8"))
    if not source_path.exists():
        tmp_copy = source_path.with_name(f".{source_path.name}.tmp")
        shutil.copyfile(document, tmp_copy)
        os.replace(tmp_copy, source_path)
    return IntoDataResult(draft_path, source_path)
