"""Re-check a published folder: the catalogue against the DCAT-AP 3.0.1 and DCAT-AP-SE shapes,
the dumps against their sizes and SHA-256 checksums, and every internal link of every page.

The shapes are copies of the official files (see ``dcat_shapes/PROVENANCE.md``).

>>> [p.name for p in shape_files()][:2]
['dcat-ap-SHACL.ttl', 'dcat-ap-se-additions.ttl']
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyshacl
from rdflib import RDF, SH, Graph
from rdflib.namespace import DCAT, FOAF

from iopkg.errors import PublishError
from iopkg.namespaces import SPDX


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a publication: where (file or node) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass(frozen=True)
class CheckReport:
    """The result of :func:`check`: ``ok`` when there are no problems."""

    folder: Path
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0
    links_checked: int = 0

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def shape_files() -> list[Path]:
    """The official shape files bundled with iopkg (DCAT-AP 3.0.1 split files + SE additions)."""
    folder = Path(str(resources.files("iopkg.publish") / "dcat_shapes"))
    return sorted(folder.glob("*.ttl"))


def dcat_shapes() -> Graph:
    """The DCAT-AP 3.0.1 shapes together with the DCAT-AP-SE additions, as one graph.

    Two ``sh:property`` links of the upstream ``dcat:DataServiceShape`` point to shapes that
    the file does not define; pySHACL refuses such links, so they are dropped (they carry no
    constraint).
    """
    g = Graph()
    for f in shape_files():
        g.parse(f, format="turtle")
    for s, o in list(g.subject_objects(SH.property)):
        if (o, None, None) not in g:
            g.remove((s, SH.property, o))
    return g


def validate_catalogue(catalogue: Graph, where: str = "catalog.rdf") -> list[Problem]:
    """SHACL violations of a catalogue graph (warnings and infos are not problems).

    :param catalogue: the DCAT graph.
    :param where: the file name to report.
    """
    _, report, _ = pyshacl.validate(catalogue, shacl_graph=dcat_shapes(), allow_warnings=True)
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        if report.value(r, SH.resultSeverity) != SH.Violation:
            continue
        node, path = report.value(r, SH.focusNode), report.value(r, SH.resultPath)
        msg = report.value(r, SH.resultMessage)
        out.append(Problem(where, f"SHACL violation on <{node}> {path}: {msg}"))
    return sorted(out, key=str)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def _local(folder: Path, page: Path, link: str, base_url: str | None) -> Path | None:
    """The file a link points to, or None for an external or data: link."""
    if base_url and link.startswith(base_url.rstrip("/") + "/"):
        return folder / unquote(urlsplit(link[len(base_url.rstrip("/")) + 1 :]).path)
    parts = urlsplit(link)
    if parts.scheme or link.startswith("//") or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def check(folder: Path) -> CheckReport:
    """Check a publication folder written by :func:`iopkg.publish.publish`.

    :param folder: the folder.
    :raises PublishError: when ``folder`` is not a publication (no ``catalog.rdf``).
    """
    folder = Path(folder)
    cat_file = folder / "catalog.rdf"
    if not cat_file.is_file():
        raise PublishError(
            str(folder),
            "not a publication folder (no catalog.rdf); "
            "write one with iopkg publish -o DIR --base-url URL",
        )
    problems: list[Problem] = []
    catalogue = Graph()
    try:
        catalogue.parse(cat_file, format="xml")
    except Exception as e:  # noqa: BLE001  (rdflib raises many parser error types)
        raise PublishError(str(cat_file), f"not RDF/XML: {str(e).splitlines()[0]}") from None
    problems += validate_catalogue(catalogue)
    home = catalogue.value(
        next(catalogue.subjects(RDF.type, DCAT.Catalog), None),
        FOAF.homepage,
    )
    base_url = str(home).rsplit("/", 1)[0] if home else None
    files = 0
    for dist in sorted(catalogue.subjects(RDF.type, DCAT.Distribution)):
        url = catalogue.value(dist, DCAT.downloadURL)
        if url is None or base_url is None or not str(url).startswith(base_url + "/"):
            continue
        path = folder / str(url)[len(base_url) + 1 :]
        name = path.relative_to(folder).as_posix()
        if not path.is_file():
            problems.append(Problem(name, "listed in the catalogue but missing"))
            continue
        files += 1
        data = path.read_bytes()
        size = catalogue.value(dist, DCAT.byteSize)
        if size is not None and int(size) != len(data):
            problems.append(Problem(name, f"size {len(data)} bytes, catalogue says {size}"))
        cs = catalogue.value(dist, SPDX.checksum)
        want = catalogue.value(cs, SPDX.checksumValue) if cs is not None else None
        if want is not None and hashlib.sha256(data).hexdigest() != str(want):
            problems.append(Problem(name, "SHA-256 checksum differs from the catalogue's"))
    links = 0
    root = folder.resolve()
    for page in sorted(folder.rglob("*.html")):
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            target = _local(root, page.resolve(), link, base_url)
            if target is None:
                continue
            links += 1
            if not target.exists():
                problems.append(
                    Problem(page.relative_to(folder).as_posix(), f"broken link '{link}'")
                )
    return CheckReport(folder, problems, files, links)
