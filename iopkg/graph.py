"""Graph loading: the ontology and the data as one graph, with or without personal data.

The files are parsed by Oxigraph (fast, and its errors give line and column) into one
:class:`pyoxigraph.Store`. :func:`load_graph` wraps that store in an rdflib
:class:`~rdflib.Graph` (through oxrdflib), so the rdflib API and fast SPARQL share one copy.

>>> g = load_graph()
>>> from iopkg.namespaces import IOP
>>> from rdflib.namespace import RDF
>>> len(set(g.subjects(RDF.type, IOP.Agreement))) >= 68
True
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.parsers import expat

import pyoxigraph as ox

from iopkg.errors import DataLoadError
from iopkg.formats import RdfFormat
from iopkg.namespaces import GRAPH, bind_prefixes
from iopkg.progress import CountingReader, progress, silent

if TYPE_CHECKING:
    from rdflib import Graph

#: Folders under ``data/`` that are not loaded as ordinary data.
SOURCES_DIR = "sources"
PERSONAL_DIR = "personal"


@dataclass(frozen=True)
class Project:
    """Where the ontology, the data and the shapes of a project are.

    :param root: the folder holding ``ontology/``, ``data/`` and ``shapes/``.
    """

    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / SOURCES_DIR


def default_project() -> Project:
    """The embedded default project: ``$IOPKG_HOME`` if set, else the folder this package is in.

    :raises DataLoadError: when no ontology is found there.

    >>> (default_project().ontology_dir / "iop.ttl").is_file()
    True
    """
    env = os.environ.get("IOPKG_HOME")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve().parent
    candidates += [here / "_embedded", here.parent]
    for root in candidates:
        if (root / "ontology" / "iop.ttl").is_file():
            return Project(root)
    where = env or str(here.parent)
    raise DataLoadError(where, "no ontology/iop.ttl here; set IOPKG_HOME to an iopkg checkout")


def rdf_files(path: Path, *, include_personal_data: bool = False) -> list[Path]:
    """The RDF files under ``path`` (or ``path`` itself), in a stable order.

    Source texts (``sources/``) are never RDF; ``personal/`` is skipped unless asked for.

    :param path: a file or a folder.
    :param include_personal_data: also take files under a ``personal/`` folder.
    :raises DataLoadError: when ``path`` does not exist or is a file of an unknown type.

    >>> [p.name for p in rdf_files(default_project().data_dir)][:2]
    ['danderyd-kompisbyran-2018.ttl', 'lund-kompis-sverige-2019.ttl']
    """
    if not path.exists():
        raise DataLoadError(str(path), "no such file or folder")
    if path.is_file():
        RdfFormat.from_path(path)
        return [path]
    files = []
    for p in sorted(path.rglob("*")):
        rel = p.relative_to(path).parts
        if not p.is_file() or SOURCES_DIR in rel[:-1] or p.name.startswith("."):
            continue
        if PERSONAL_DIR in rel[:-1] and not include_personal_data:
            continue
        try:
            RdfFormat.from_path(p)
        except DataLoadError:
            continue  # READMEs and other non-RDF files in data folders
        files.append(p)
    return files


def load_file(
    store: ox.Store,
    path: Path,
    *,
    graph: ox.NamedNode | None = None,
    on_read: Callable[[int], None] | None = None,
    bulk: bool = False,
) -> None:
    """Parse one RDF file into ``store``.

    :param store: the store to add to.
    :param path: the file; its extension gives the format.
    :param graph: the named graph to put its triples in; the default graph when omitted.
    :param on_read: called with the bytes of the file read so far (for a progress bar).
    :param bulk: use Oxigraph's bulk loader (for an on-disk store; same errors).
    :raises DataLoadError: naming the file, line and column of a syntax error, or saying why
        the file cannot be read.
    """
    fmt = RdfFormat.from_path(path)
    if path.is_dir():
        raise DataLoadError(str(path), "is a folder, not a file")
    if fmt is RdfFormat.RDFXML:
        _check_xml(path)
    if fmt is RdfFormat.JSONLD:
        from iopkg.xmlsafe import check_json_depth

        check_json_depth(path)  # Oxigraph's JSON-LD parser crashes on deep nesting
    target = {} if graph is None else {"to_graph": graph}
    # Relative IRIs (``<>``, ``<#x>``) resolve against the file's own URL.
    target["base_iri"] = path.resolve().as_uri()
    load = store.bulk_load if bulk else store.load
    try:
        with open(path, "rb") as f:
            bom = f.read(3) == _BOM  # a UTF-8 byte-order mark is skipped, not parsed
            if not bom and on_read is None:
                # Oxigraph reads the file itself: no Python call per chunk (about 1 s less for
                # 275 MB of Turtle).
                f.close()
                load(path=str(path), format=fmt.ox, **target)
                return
            if not bom:
                f.seek(0)
            source = f if on_read is None else CountingReader(f, on_read)
            load(input=source, format=fmt.ox, **target)
    except SyntaxError as e:
        detail = str(e.msg if hasattr(e, "msg") else e)
        detail = detail.split(": ", 1)[1] if detail.startswith("Parser error") else detail
        raise DataLoadError(
            str(path),
            f"{fmt.value} syntax error: {' '.join(detail.split())}",
            line=e.lineno,
            column=e.offset,
        ) from None
    except UnicodeDecodeError:
        raise DataLoadError(str(path), "not UTF-8 text") from None
    except MemoryError as e:  # Oxigraph caps one token (e.g. a literal) at 16 MiB
        raise DataLoadError(str(path), f"a single token is too large to parse ({e})") from None
    except (OSError, ValueError) as e:
        raise DataLoadError(str(path), f"cannot read: {e}") from None


_BOM = b"\xef\xbb\xbf"


#: How deep RDF/XML may nest elements (real files nest a few dozen; see :func:`_check_xml`).
MAX_XML_DEPTH = 1000


def _check_xml(path: Path) -> None:
    """Raise :class:`DataLoadError` with line and column when ``path`` is not well-formed XML,
    or nests elements more than :data:`MAX_XML_DEPTH` deep.

    Oxigraph's RDF/XML parser accepts some truncated documents and gives no position for
    others; Expat (standard library, streaming) finds both. Its time grows with the square of
    the depth and more (8 000 nested descriptions: 1 s; 100 000, a 4 MB file: over 5 minutes).
    """
    parser = expat.ParserCreate()
    depth = 0

    def start(name: str, attrs: object) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_XML_DEPTH:  # raised through Expat's ParseFile as it is
            raise DataLoadError(
                str(path),
                f"XML nested more than {MAX_XML_DEPTH} elements deep; iopkg does not parse it",
                line=parser.CurrentLineNumber,
                column=parser.CurrentColumnNumber + 1,
            )

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    parser.StartElementHandler, parser.EndElementHandler = start, end
    try:
        with open(path, "rb") as f:
            parser.ParseFile(f)
    except expat.ExpatError as e:
        raise DataLoadError(
            str(path),
            f"rdfxml syntax error: {expat.ErrorString(e.code)}",
            line=e.lineno,
            column=e.offset + 1,
        ) from None
    except OSError as e:
        raise DataLoadError(str(path), f"cannot read: {e.strerror}") from None


def load_store(
    paths: Sequence[Path] | None = None,
    *,
    include_personal_data: bool = False,
    include_ontology: bool = True,
    project: Project | None = None,
    quiet: bool = False,
    cache: bool | None = None,
    include_reference: bool = False,
) -> ox.Store:
    """Load the ontology and data into a new Oxigraph store.

    Without the cache the store is in memory and may be changed. With it (see
    :mod:`iopkg.store_cache`) it is the read-only on-disk store built for these very files, built
    first when there is none; use ``cache=False`` to get a store you may add to.

    :param paths: files or folders of data; the project's ``data/`` when omitted.
    :param include_personal_data: also load ``personal/`` folders (names, e-mail addresses).
    :param include_ontology: also load the project's ``ontology/``.
    :param include_reference: with ``paths``, also load the project's reference data and
        vocabularies (:func:`reference_files`), which ``data/`` holds when ``paths`` is omitted.
    :param project: the project; the embedded default when omitted.
    :param quiet: no progress bar on stderr (there is none when stderr is not a terminal).
    :param cache: use the store cache; when omitted, as :func:`iopkg.store_cache.cache_enabled`
        says (off in the library unless switched on, on in the ``iopkg`` command).
    :raises DataLoadError: when a file is missing, unreadable or malformed.

    >>> len(load_store(include_ontology=False)) > 1000
    True
    """
    return _load(
        paths,
        project,
        include_personal_data,
        include_ontology,
        quiet,
        named=False,
        cache=cache,
        reference=include_reference,
    )


def _load(
    paths: Sequence[Path] | None,
    project: Project | None,
    personal: bool,
    ontology: bool,
    quiet: bool,
    *,
    named: bool,
    cache: bool | None = None,
    reference: bool = False,
) -> ox.Store:
    """Load the files into a new store, with a progress bar over their bytes."""
    from iopkg import store_cache

    project = project or default_project()
    files = list(_files(paths, project, personal, ontology, reference=reference))
    graphs = [graph_name(path, project) if named else None for path in files]

    def fill(store: ox.Store, bulk: bool = False) -> None:
        sizes = [f.stat().st_size if f.is_file() else 0 for f in files]
        with progress("Loading", total=sum(sizes), quiet=quiet) as advance:
            shown = advance is not silent  # no bar: Oxigraph reads each file by its path
            done = 0
            for path, size, graph in zip(files, sizes, graphs, strict=True):
                load_file(
                    store,
                    path,
                    graph=graph,
                    on_read=(lambda n, before=done: advance(before + n)) if shown else None,
                    bulk=bulk,
                )
                done += size
                advance(done)

    use = store_cache.cache_enabled() if cache is None else cache
    if use and files and sum(_size(f) for f in files) >= store_cache.min_bytes():
        inputs = [
            store_cache.Input(p, None if g is None else g.value)
            for p, g in zip(files, graphs, strict=True)
        ]
        origin = [str(project.root.resolve()), f"ontology={ontology}", f"reference={reference}"]
        origin += [
            str(Path(p).resolve()) for p in (paths if paths is not None else [project.data_dir])
        ]
        try:
            cached = store_cache.cached_store(
                inputs,
                lambda s: fill(s, bulk=True),
                personal=personal,
                named=named,
                origin=[*origin, f"personal={personal}", f"named={named}"],
            )
        except OSError:  # a file vanished or cannot be examined: load it as without the cache
            cached = None
        if cached is not None:
            return cached
    store = ox.Store()
    fill(store)
    return store


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reported by load_file


def load_graph(
    paths: Sequence[Path] | None = None,
    *,
    include_personal_data: bool = False,
    include_ontology: bool = True,
    project: Project | None = None,
) -> Graph:
    """The whole dataset (ontology + data) as one rdflib graph, backed by Oxigraph.

    Parameters as for :func:`load_store`; the graph may be changed, so the store cache is not
    used.

    :raises DataLoadError: when a file is missing, unreadable or malformed.
    """
    store = load_store(
        paths,
        include_personal_data=include_personal_data,
        include_ontology=include_ontology,
        project=project,
        cache=False,
    )
    return graph_of(store)


def graph_name(path: Path, project: Project | None = None) -> ox.NamedNode:
    """The name of the named graph a file is loaded into by :func:`load_dataset`.

    A file of the project is named by its path in the project without the extension; any other
    file by ``external/`` and its file name.

    :param path: the file.
    :param project: the project; the embedded default when omitted.

    >>> p = default_project()
    >>> graph_name(p.data_dir / "decisions.ttl", p).value
    'https://w3id.org/iopkg/graph/data/decisions'
    """
    project = project or default_project()
    resolved = Path(path).resolve()
    try:
        rel = resolved.relative_to(project.root.resolve()).with_suffix("").as_posix()
    except ValueError:
        rel = f"external/{resolved.with_suffix('').name}"
    return ox.NamedNode(str(GRAPH) + rel)


def load_dataset(
    paths: Sequence[Path] | None = None,
    *,
    include_personal_data: bool = False,
    include_ontology: bool = True,
    project: Project | None = None,
    quiet: bool = False,
    cache: bool | None = None,
) -> ox.Store:
    """Like :func:`load_store`, but each file goes into its own named graph (see
    :func:`graph_name`), so that quad formats can say where each triple comes from.

    Parameters as for :func:`load_store`.

    :raises DataLoadError: when a file is missing, unreadable or malformed.

    >>> names = {g.value for g in load_dataset().named_graphs()}
    >>> "https://w3id.org/iopkg/graph/ontology/iop" in names
    True
    """
    return _load(
        paths, project, include_personal_data, include_ontology, quiet, named=True, cache=cache
    )


def graph_of(store: ox.Store) -> Graph:
    """An rdflib graph over the default graph of an Oxigraph store (no copy)."""
    from oxrdflib import OxigraphStore  # imports rdflib's SPARQL engine: only when asked for
    from rdflib import Graph
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    graph = Graph(store=OxigraphStore(store=store), identifier=DATASET_DEFAULT_GRAPH_ID)
    return bind_prefixes(graph)


#: Folders of data/ that go with the ontology: municipalities (codes, counties, population) and
#: the SKOS vocabularies. Loaded with other paths by ``include_reference``.
REFERENCE_DIRS = ("reference", "vocab")


def reference_files(project: Project) -> list[Path]:
    """The RDF files of ``data/reference`` and ``data/vocab`` (:data:`REFERENCE_DIRS`).

    >>> [p.name for p in reference_files(default_project())]
    ['municipalities.ttl', 'schemes.ttl']
    """
    return [
        f
        for d in REFERENCE_DIRS
        if (project.data_dir / d).is_dir()
        for f in rdf_files(project.data_dir / d)
    ]


def _files(
    paths: Sequence[Path] | None,
    project: Project,
    personal: bool,
    ontology: bool,
    *,
    reference: bool = False,
) -> Iterable[Path]:
    """The files to load, each once (however the paths overlap)."""
    seen: set[Path] = set()
    groups: list[Iterable[Path]] = [rdf_files(project.ontology_dir)] if ontology else []
    if reference and paths is not None:
        groups.append(reference_files(project))
    for path in paths if paths is not None else [project.data_dir]:
        groups.append(rdf_files(Path(path), include_personal_data=personal))
    for group in groups:
        for f in group:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                yield f
