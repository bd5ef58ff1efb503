"""Open-data publication: a static folder with dumps, a DCAT-AP-SE catalogue, VoID, pages.

:func:`publish` builds the folder beside the target and swaps it in, so a failed publication
leaves the previous folder whole. :func:`iopkg.publish.check.check` re-validates one.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "site"
>>> org = Publisher("402000-0008", "Exempelförvaltningen")  # fictitious: group digit 4 is unused
>>> report = publish(out, base_url="https://example.org/iop", publisher=org)
>>> (out / "catalog.rdf").is_file(), report.personal_data
(True, False)
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph

from iopkg.errors import PublishError
from iopkg.export.rdf import canonical_order
from iopkg.formats import RdfFormat
from iopkg.graph import Project, default_project, load_store, rdf_files
from iopkg.progress import progress
from iopkg.publish.catalogue import (
    DumpFile,
    Licence,
    Publisher,
    build_catalogue,
    is_valid_org_number,
)
from iopkg.publish.console import console_page
from iopkg.publish.dumps import sha256_file, write_dump_pair, write_dump_pair_from
from iopkg.publish.files import swapped_dir, write_bytes, write_text
from iopkg.publish.pages import ChartHook, ComparisonChart, write_pages
from iopkg.publish.vendor import copy_vendor
from iopkg.publish.void import build_void

__all__ = ["DUMP_FORMATS", "Licence", "PublishReport", "Publisher", "publish"]

#: The dump formats, each also written gzipped.
DUMP_FORMATS = (RdfFormat.TURTLE, RdfFormat.NTRIPLES, RdfFormat.JSONLD)
DUMP_STEM = "dumps/iopkg"
PERSONAL_DATA_WARNING = (
    "Warning: this publication includes personal data (names and e-mail "
    "addresses of persons); do not put it online without a legal basis."
)


@dataclass(frozen=True)
class PublishReport:
    """What :func:`publish` wrote."""

    folder: Path
    triples: int
    dumps: list[DumpFile]
    pages: int
    personal_data: bool
    warnings: list[str] = field(default_factory=list)


def comparison_chart(store: ox.Store) -> ChartHook:
    """A chart hook drawing the comparison by municipality and year of ``store``, in English
    when the file is in the site's ``en/`` folder, else in Swedish
    (:class:`~iopkg.publish.pages.ComparisonChart`)."""
    return ComparisonChart(store)


def publish(
    out: Path,
    *,
    base_url: str,
    licence: Licence = Licence.cc0,
    publisher: Publisher,
    include_personal_data: bool = False,
    endpoint_url: str | None = None,
    paths: list[Path] | None = None,
    project: Project | None = None,
    chart: ChartHook | None = None,
    quiet: bool = False,
    cache: bool | None = None,
) -> PublishReport:
    """Write the publication folder ``out`` (replacing it as a whole).

    :param out: the folder to write.
    :param base_url: the URL the folder will be served at (``http(s)://...``).
    :param licence: licence of the data (the catalogue metadata is always CC0).
    :param publisher: the publishing organisation (its org number identifies it on dataportal.se).
    :param include_personal_data: also publish names and e-mail addresses of persons.
    :param endpoint_url: the SPARQL endpoint's URL; ``BASE/sparql`` when omitted.
    :param paths: data files or folders; the project's ``data/`` when omitted.
    :param project: the project (ontology, shapes); the embedded default when omitted.
    :param chart: writes the comparison chart; :func:`comparison_chart` of the data when omitted.
    :param quiet: no progress bars on stderr (there are none when stderr is not a terminal).
    :param cache: read the data from the on-disk store cache (:mod:`iopkg.store_cache`), built
        first if need be, rather than from a copy parsed into memory; when omitted, as
        :func:`iopkg.store_cache.cache_enabled` says (on in the ``iopkg`` command). From the
        cache, the page processes read the store from disk and hold only what they look up
        (at 100 000 agreements the copy in memory is about 2 GiB in every process).
    :raises PublishError: on a bad base URL or org number, or when the folder cannot be written.
    :raises DataLoadError: when the data cannot be loaded.
    """
    _check_url("--base-url", base_url)
    if endpoint_url is not None:
        _check_url("--endpoint-url", endpoint_url)
    if publisher.contact_email is not None and not _EMAIL.fullmatch(publisher.contact_email):
        raise PublishError(
            "--contact-email", f"{publisher.contact_email!r} is not an e-mail address"
        )
    if _CONTROL.search(publisher.name):
        raise PublishError(
            "--publisher-name",
            f"{publisher.name!r} holds a control character, which the catalogue cannot hold",
        )
    base = base_url.rstrip("/")
    project = project or default_project()
    if not is_valid_org_number(publisher.org_number):
        raise PublishError(
            "--publisher-org-number",
            f"'{publisher.org_number}' is not a "
            "10-digit Swedish organisation number with a valid check digit",
        )
    endpoint_url = endpoint_url or f"{base}/sparql"
    store = load_store(
        paths,
        include_personal_data=include_personal_data,
        project=project,
        quiet=quiet,
        cache=cache,
    )
    warnings = [PERSONAL_DATA_WARNING] if include_personal_data else []
    with swapped_dir(Path(out)) as build:
        (build / "dumps").mkdir()
        ontology = _copy_project_rdf(project, build)
        written: list[list[DumpFile]] = []

        def dumps_and_metadata() -> list[DumpFile]:
            """The dumps, then the catalogue and VoID that describe them (in a process of its
            own, beside the pages)."""
            dumps = _write_dumps(store, build, quiet=True)
            _write_metadata(
                store,
                build,
                base=base,
                dumps=dumps,
                publisher=publisher,
                licence=licence,
                endpoint_url=endpoint_url,
                personal_data=include_personal_data,
            )
            return dumps

        def downloads(side: list[object]) -> list[dict[str, object]]:
            """The index page's download rows, from the dumps written beside the pages."""
            dumps: list[DumpFile] = side[0]  # type: ignore[assignment]
            written.append(dumps)
            return [
                {
                    "name": d.name,
                    "format": d.fmt.media_type + (" (gzip)" if d.gzipped else ""),
                    "size": d.size,
                    "sha256": d.sha256,
                }
                for d in dumps
            ]

        write_text(build / "console.html", console_page(endpoint_url, "sv"))
        missing = copy_vendor(build)
        if missing:
            warnings.append(
                "Warning: browser libraries not installed (run `npm ci` in js/): "
                + ", ".join(missing)
                + "; the site is written without the features they serve."
            )
        # The dumps and the catalogue are written in a process of their own beside the pages.
        pages = write_pages(
            store,
            build,
            ontology=ontology,
            downloads=downloads,
            include_personal_data=include_personal_data,
            chart=chart if chart is not None else comparison_chart(store),
            quiet=quiet,
            vendor_missing=tuple(missing),
            side_jobs=[dumps_and_metadata],
        )
        dumps = written[0]
    return PublishReport(Path(out), len(store), dumps, pages, include_personal_data, warnings)


#: Characters a URL or e-mail address in the catalogue and the pages may not hold: they would
#: end an XML attribute or an HTML tag (RFC 3986 does not allow them unescaped either).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_URL_BAD = re.compile(r"[\x00-\x20\x7f\"<>\\^`{|}]")
_EMAIL = re.compile(r"[^@\s\"<>()\[\]\\,;:]+@[^@\s\"<>()\[\]\\,;:]+\.[^@\s\"<>()\[\]\\,;:]+")


def _check_url(option: str, url: str) -> None:
    """Refuse a URL that is not http(s) or holds a character that must be escaped.

    >>> _check_url("--base-url", 'https://e.org/"><script>')
    Traceback (most recent call last):
    iopkg.errors.PublishError: --base-url: ... holds '"', which a URL cannot hold unescaped; ...
    """
    if not url.startswith(("http://", "https://")):
        raise PublishError(option, f"'{url}' is not an http(s) URL")
    bad = _URL_BAD.search(url)
    if bad:
        raise PublishError(
            option,
            f"{url!r} holds {bad.group()!r}, which a URL cannot hold unescaped; "
            "percent-encode it (e.g. %22 for a quote)",
        )


def _copy_project_rdf(project: Project, build: Path) -> Graph:
    """Copy the ontology and the shapes into ``build``; the ontology as a graph."""
    for sub, src in (("ontology", project.ontology_dir), ("shapes", project.shapes_dir)):
        (build / sub).mkdir()
        for f in rdf_files(src) if src.is_dir() else []:
            shutil.copyfile(f, build / sub / f.name)
    ontology = Graph()
    for f in sorted((build / "ontology").iterdir()):
        ontology.parse(
            f,
            format=RdfFormat.from_path(f)
            .value.replace("ntriples", "nt")
            .replace("rdfxml", "xml")
            .replace("jsonld", "json-ld"),
        )
    return ontology


def _write_metadata(
    store: ox.Store,
    build: Path,
    *,
    base: str,
    dumps: list[DumpFile],
    publisher: Publisher,
    licence: Licence,
    endpoint_url: str,
    personal_data: bool,
) -> None:
    """The DCAT-AP-SE catalogue (Turtle and RDF/XML) and the VoID description."""
    catalogue = build_catalogue(
        store,
        base_url=base,
        dumps=dumps,
        publisher=publisher,
        licence=licence,
        endpoint_url=endpoint_url,
        personal_data=personal_data,
    )
    write_text(build / "catalog.ttl", catalogue.serialize(format="turtle"))
    write_bytes(build / "catalog.rdf", _stable_rdfxml(catalogue))
    void = build_void(
        store, base_url=base, dump_names=[d.name for d in dumps], endpoint_url=endpoint_url
    ).serialize(format="turtle")
    write_text(build / "void.ttl", void)
    (build / ".well-known").mkdir()
    write_text(build / ".well-known" / "void", void)


def _write_dumps(store: ox.Store, build: Path, quiet: bool = False) -> list[DumpFile]:
    """Write each dump format plain and gzipped, plus ``dumps/SHA256SUMS`` (into the folder
    ``build/dumps``, made beforehand)."""
    files: dict[RdfFormat, tuple[Path, Path]] = {}
    nt = RdfFormat.NTRIPLES
    with progress("Writing dumps", total=len(DUMP_FORMATS), quiet=quiet) as advance:
        # N-Triples from the store; the other formats parsed back from it (same bytes, faster)
        files[nt] = write_dump_pair(store, nt, build / f"{DUMP_STEM}.{nt.extension}")
        advance(1)
        for done, fmt in enumerate((f for f in DUMP_FORMATS if f is not nt), 2):
            path = build / f"{DUMP_STEM}.{fmt.extension}"
            files[fmt] = write_dump_pair_from(files[nt][0], fmt, path)
            advance(done)
    dumps = [
        DumpFile(
            path.relative_to(build).as_posix(), fmt, gz, path.stat().st_size, sha256_file(path)
        )
        for fmt in DUMP_FORMATS
        for path, gz in zip(files[fmt], (False, True), strict=True)
    ]
    sums = "".join(f"{d.sha256}  {Path(d.name).name}\n" for d in dumps)
    write_text(build / "dumps" / "SHA256SUMS", sums)
    return dumps


def _stable_rdfxml(graph: Graph) -> bytes:
    """RDF/XML of an rdflib graph with the same bytes on every run (rdflib's pretty-xml orders
    namespaces and nodes differently from run to run, so a harvester would see a new catalogue
    each time). Not through a store: it would turn dcat:byteSize's xsd:nonNegativeInteger into
    xsd:integer."""
    nt = graph.serialize(format="nt", encoding="utf-8")
    quads = canonical_order(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    iris = {q.predicate.value for q in quads} | {
        q.object.value for q in quads if q.predicate.value == str(RDF.type)
    }
    prefixes = {
        p: str(ns)
        for p, ns in graph.namespaces()
        if p and any(iri.startswith(str(ns)) for iri in iris)
    }
    return ox.serialize(
        [q.triple for q in quads],
        format=ox.RdfFormat.RDF_XML,
        prefixes=dict(sorted(prefixes.items())),
    )
