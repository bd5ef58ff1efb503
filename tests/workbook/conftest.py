"""Fixtures of the workbook tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from iopkg.graph import load_store
from iopkg.workbook import workbook_bytes


@pytest.fixture(scope="session")
def data_xlsx(tmp_path_factory) -> Path:
    """The shipped data exported as a workbook (do not modify; copy it)."""
    path = tmp_path_factory.mktemp("wb") / "iop.xlsx"
    path.write_bytes(workbook_bytes(load_store(include_ontology=False)))
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
