"""Dumps of the published graph: deterministic bytes from
:func:`iopkg.export.rdf.export_rdf`, written
atomically, gzipped (with a zero timestamp, so the bytes are stable) when the name ends in ``.gz``.

>>> import gzip, pyoxigraph as ox, tempfile, pathlib
>>> s = ox.Store()
>>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nt.gz"
>>> _ = write_dump(s, RdfFormat.NTRIPLES, p)
>>> gzip.decompress(p.read_bytes())
b'<http://e/a> <http://e/p> "x" .\\n'
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from iopkg.errors import OutputError
from iopkg.export.rdf import export_rdf, write_from_ntriples, write_rdf
from iopkg.formats import RdfFormat
from iopkg.io import write_bytes_atomic


def write_dump(store: ox.Store, fmt: RdfFormat, path: Path) -> bytes:
    """Write ``store`` to ``path`` in ``fmt``, atomically and deterministically.

    :param store: the graph.
    :param fmt: the RDF format.
    :param path: the file to write; a ``.gz`` suffix gzips the output.
    :returns: the bytes written.
    :raises OutputError: when the file cannot be written.
    """
    data = export_rdf(store, fmt)
    if path.suffix == ".gz":
        data = gzipped(data)
    write_bytes_atomic(path, data)
    return data


def gzipped(data: bytes) -> bytes:
    """``data`` gzipped with a zero timestamp (stable bytes) at level 6 (gzip's default: nearly
    the size of level 9 in a third of the time, which counts for dumps of millions of triples).

    >>> gzip.decompress(gzipped(b"x"))
    b'x'
    """
    return gzip.compress(data, compresslevel=6, mtime=0)


def write_dump_pair(store: ox.Store, fmt: RdfFormat, plain: Path) -> tuple[Path, Path]:
    """Stream ``store`` in ``fmt`` to ``plain`` and, in the same pass, gzipped to ``plain.gz``
    (inside a folder being built, so not atomically; nothing of the graph is held as text).

    :param store: the graph.
    :param fmt: the RDF format.
    :param plain: the plain file; the gzipped one is beside it.
    :returns: the plain and the gzipped file.
    :raises OutputError: when a file cannot be written.

    >>> import tempfile, pathlib
    >>> s = ox.Store()
    >>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    >>> a, b = write_dump_pair(s, RdfFormat.NTRIPLES, pathlib.Path(tempfile.mkdtemp()) / "g.nt")
    >>> gzip.decompress(b.read_bytes()) == a.read_bytes() == export_rdf(s, RdfFormat.NTRIPLES)
    True
    """
    return _write_pair(plain, lambda out: write_rdf(store, fmt, out))


def write_dump_pair_from(ntriples: Path, fmt: RdfFormat, plain: Path) -> tuple[Path, Path]:
    """:func:`write_dump_pair` for a format made from the N-Triples dump already written (the
    same bytes, parsed back rather than read from the store again:
    :func:`~iopkg.export.rdf.write_from_ntriples`).

    :param ntriples: the plain N-Triples dump of the same store.
    :param fmt: Turtle or JSON-LD.
    :param plain: the plain file; the gzipped one is beside it.
    :returns: the plain and the gzipped file.
    :raises OutputError: when a file cannot be written.
    """
    return _write_pair(plain, lambda out: write_from_ntriples(ntriples, fmt, out))


def _write_pair(plain: Path, write: Callable[[BinaryIO], object]) -> tuple[Path, Path]:
    packed = plain.with_name(plain.name + ".gz")
    try:
        with (
            plain.open("wb") as f,
            packed.open("wb") as g,
            gzip.GzipFile(filename="", mode="wb", fileobj=g, compresslevel=6, mtime=0) as z,
        ):
            write(_Both(f, z))
    except OSError as e:
        raise OutputError(str(plain), f"cannot write: {e.strerror or e}") from None
    return plain, packed


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file, read in chunks.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "x"
    >>> _ = f.write_bytes(b"x")
    >>> sha256_file(f) == hashlib.sha256(b"x").hexdigest()
    True
    """
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


class _Both:
    """Writes to a plain file and a gzip stream (whose flush is left to its close: a zlib sync
    flush mid-stream would only cost compression)."""

    def __init__(self, plain: BinaryIO, packed: gzip.GzipFile) -> None:
        self.plain, self.packed = plain, packed

    def write(self, data: bytes) -> int:
        self.plain.write(data)
        return self.packed.write(data)

    def flush(self) -> None:
        self.plain.flush()
