"""Shared fixtures: the project's dataset, loaded once per session."""

from __future__ import annotations

import os
import tempfile

import pyoxigraph as ox
import pytest
from rdflib import Graph

from iopkg.graph import Project, default_project, graph_of, load_store, rdf_files

# The iopkg command uses the store cache (~/.cache/iopkg); tests run it without, unless they ask
# for it (tests/test_store_cache.py, with a cache folder of their own) or IOPKG_CACHE=on is set.
os.environ.setdefault("IOPKG_CACHE", "off")
os.environ.setdefault("IOPKG_CACHE_DIR", tempfile.mkdtemp(prefix="iopkg-test-cache-"))


@pytest.fixture(scope="session")
def project() -> Project:
    return default_project()


@pytest.fixture(scope="session")
def store() -> ox.Store:
    """The dataset without personal data (do not modify)."""
    return load_store()


@pytest.fixture(scope="session")
def seed_store(project: Project) -> ox.Store:
    """The dataset without the register (data/register.ttl, generated from data/register/):
    the agreements known from their own documents, for figures read from those documents."""
    files = [f for f in rdf_files(project.data_dir) if f.name != "register.ttl"]
    return load_store(files, include_reference=True, quiet=True, cache=False)


@pytest.fixture(scope="session")
def seed_graph(seed_store: ox.Store) -> Graph:
    """An rdflib view of :func:`seed_store` (do not modify)."""
    return graph_of(seed_store)


@pytest.fixture(scope="session")
def graph(store: ox.Store) -> Graph:
    """An rdflib view of :func:`store` (do not modify)."""
    return graph_of(store)


@pytest.fixture(scope="session")
def personal_store() -> ox.Store:
    """The dataset with personal data (do not modify)."""
    return load_store(include_personal_data=True)
