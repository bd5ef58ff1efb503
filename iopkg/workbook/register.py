"""The register (``data/register/``, a CSV workbook folder) as the generated ``data/register.ttl``.

The register is part of the default data as a generated Turtle file, so that loading needs no
workbook import (:mod:`iopkg.graph` stays below this package). :func:`register_store` imports the
folder with the rest of ``data/`` as context: where a register row names a resource of ``data/``
(same IRI, e.g. ``id:unit/lund-socialnamnden``) by another name, the data's ``rdfs:label`` stays
and the row's name becomes a ``skos:altLabel``. ``scripts/build_register.py`` writes the file;
``tests/test_register_build.py`` fails when it differs from what the import gives.

>>> from iopkg.graph import default_project
>>> store, relabelled = register_store(default_project().data_dir / "register")
>>> len(store) > 2000, relabelled
(True, 2)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from iopkg.errors import WorkbookError
from iopkg.export.rdf import export_rdf
from iopkg.formats import RdfFormat
from iopkg.graph import Project, default_project, load_store, rdf_files
from iopkg.io import write_bytes_atomic
from iopkg.namespaces import RDFS, SKOS
from iopkg.workbook.importer import import_workbook

__all__ = ["REGISTER_FILE", "REGISTER_FOLDER", "RegisterBuild", "build_register", "register_store"]

#: The register's CSV folder and its generated Turtle file, relative to the project's data/.
REGISTER_FOLDER = "register"
REGISTER_FILE = "register.ttl"

_LABEL = ox.NamedNode(str(RDFS.label))
_ALT_LABEL = ox.NamedNode(str(SKOS.altLabel))
_HEADER = (
    b"# Generated from data/register/ (CSV workbook folder) by scripts/build_register.py:\n"
    b"# do not edit; edit the CSV files and run the script (docs/data-model.md).\n"
)


@dataclass(frozen=True)
class RegisterBuild:
    """What :func:`build_register` wrote.

    :param output: the Turtle file.
    :param triples: triples written.
    :param relabelled: labels of register rows that became ``skos:altLabel`` because ``data/``
        names the same resource otherwise.
    """

    output: Path
    triples: int
    relabelled: int


def _context(project: Project, folder: Path, exclude: Path) -> ox.Store:
    """The rest of ``data/``: every RDF file but the generated register itself."""
    files = [
        f
        for f in rdf_files(project.data_dir)
        if f.resolve() != exclude.resolve() and folder.resolve() not in f.resolve().parents
    ]
    return load_store(files, project=project, include_ontology=False, quiet=True, cache=False)


def _known_labels(context: ox.Store, subject: ox.NamedNode | ox.BlankNode, lang: str | None):
    return {
        q.object
        for q in context.quads_for_pattern(subject, _LABEL, None)
        if isinstance(q.object, ox.Literal) and q.object.language == lang
    }


def register_store(
    folder: str | Path, *, project: Project | None = None, exclude: Path | None = None
) -> tuple[ox.Store, int]:
    """Import the register folder; labels of resources ``data/`` already names become altLabels.

    :param folder: the CSV workbook folder (``data/register``).
    :param exclude: a file of ``data/`` not to take as context (the generated file itself).
    :returns: the store and the number of labels turned into ``skos:altLabel``.
    :raises WorkbookError: naming the first problem when the folder does not import cleanly.
    """
    project = project or default_project()
    folder = Path(folder)
    result = import_workbook(folder, project=project)
    if not result.ok:
        first = result.problems[0]
        raise WorkbookError(first.where, f"{first.en} ({len(result.problems)} problem(s))")
    context = _context(project, folder, exclude or project.data_dir / REGISTER_FILE)
    store = ox.Store()
    quads = []
    relabelled = 0
    for q in result.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        predicate = q.predicate
        if predicate == _LABEL and isinstance(q.object, ox.Literal):
            known = _known_labels(context, q.subject, q.object.language)
            if known and q.object not in known:
                predicate = _ALT_LABEL
                relabelled += 1
        quads.append(ox.Quad(q.subject, predicate, q.object, ox.DefaultGraph()))
    store.extend(quads)
    return store, relabelled


def build_register(
    folder: str | Path | None = None,
    output: str | Path | None = None,
    *,
    project: Project | None = None,
) -> RegisterBuild:
    """Write the register's Turtle (``data/register.ttl`` by default), atomically.

    :param folder: the CSV folder; ``data/register`` of the project by default.
    :param output: the Turtle file; ``data/register.ttl`` by default.
    :raises WorkbookError: when the folder does not import cleanly.
    :raises OutputError: when the file cannot be written.
    """
    project = project or default_project()
    folder = Path(folder) if folder else project.data_dir / REGISTER_FOLDER
    out = Path(output) if output else project.data_dir / REGISTER_FILE
    store, relabelled = register_store(folder, project=project, exclude=out)
    write_bytes_atomic(out, _HEADER + export_rdf(store, RdfFormat.TURTLE))
    return RegisterBuild(out, len(store), relabelled)
