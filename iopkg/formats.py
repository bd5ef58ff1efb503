"""RDF serialisation formats known to iopkg, as one enum shared by loading and export.

>>> RdfFormat.from_path("data/x.ttl")
<RdfFormat.TURTLE: 'turtle'>
>>> RdfFormat.JSONLD.extension
'jsonld'
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox

from iopkg.errors import DataLoadError


class RdfFormat(StrEnum):
    """An RDF serialisation format."""

    TURTLE = "turtle"
    NTRIPLES = "ntriples"
    NQUADS = "nquads"
    TRIG = "trig"
    JSONLD = "jsonld"
    RDFXML = "rdfxml"

    @property
    def ox(self) -> ox.RdfFormat:
        """The pyoxigraph format object."""
        return _OX[self]

    @property
    def extension(self) -> str:
        """The usual file extension, without a dot."""
        return _EXTENSIONS[self][0]

    @property
    def media_type(self) -> str:
        """The IANA media type."""
        return self.ox.media_type

    @property
    def is_quads(self) -> bool:
        """True for formats that carry named graphs (N-Quads, TriG)."""
        return self in (RdfFormat.NQUADS, RdfFormat.TRIG)

    @classmethod
    def from_path(cls, path: str | Path) -> RdfFormat:
        """The format of a file, from its extension.

        :param path: a file name or path.
        :raises DataLoadError: when the extension is not an RDF one.

        >>> RdfFormat.from_path("x.nt").name
        'NTRIPLES'
        """
        ext = Path(path).suffix.lower().lstrip(".")
        for fmt, exts in _EXTENSIONS.items():
            if ext in exts:
                return fmt
        known = ", ".join(f".{e}" for exts in _EXTENSIONS.values() for e in exts)
        raise DataLoadError(str(path), f"unknown RDF file extension '.{ext}'; use one of {known}")


_OX = {
    RdfFormat.TURTLE: ox.RdfFormat.TURTLE,
    RdfFormat.NTRIPLES: ox.RdfFormat.N_TRIPLES,
    RdfFormat.NQUADS: ox.RdfFormat.N_QUADS,
    RdfFormat.TRIG: ox.RdfFormat.TRIG,
    RdfFormat.JSONLD: ox.RdfFormat.JSON_LD,
    RdfFormat.RDFXML: ox.RdfFormat.RDF_XML,
}

_EXTENSIONS: dict[RdfFormat, tuple[str, ...]] = {
    RdfFormat.TURTLE: ("ttl", "turtle"),
    RdfFormat.NTRIPLES: ("nt",),
    RdfFormat.NQUADS: ("nq",),
    RdfFormat.TRIG: ("trig",),
    RdfFormat.JSONLD: ("jsonld", "json"),
    RdfFormat.RDFXML: ("rdf", "owl", "xml"),
}
