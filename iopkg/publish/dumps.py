"""Dumps of the published graph: deterministic bytes from :func:`iopkg.export.export_rdf`, written
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
from pathlib import Path

import pyoxigraph as ox

from iopkg.export import export_rdf
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
