"""Keeping XML outputs well-formed, and deep nesting away from recursive parsers.

XML 1.0 cannot hold most control characters (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F) nor
U+FFFE/U+FFFF, even escaped. A value holding one would make RDF/XML, ``catalog.rdf`` (harvested
by dataportal.se), HTML pages or an SVG chart unreadable, so iopkg refuses to write such a file
and names the value (:func:`check_xml_bytes`); the formats that can hold them (Turtle, N-Triples,
JSON-LD, CSV) escape them.

>>> check_xml_bytes(b"<a>ok</a>", "x.rdf")
>>> check_xml_bytes("<a>Ex\\x01ample</a>".encode(), "x.rdf")
Traceback (most recent call last):
iopkg.errors.ExportError: x.rdf: holds U+0001 in '<a>Ex\\x01ample</a>', which XML cannot hold; ...
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import BinaryIO

from iopkg.errors import DataLoadError, ExportError

_FORBIDDEN = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
#: File names whose contents are XML (or HTML) and must be checked before they are written.
XML_SUFFIXES = (".rdf", ".xml", ".owl", ".html", ".svg", ".graphml", ".gexf")
#: Every byte but the control characters of :data:`_FORBIDDEN` (deleted by ``bytes.translate``,
#: which leaves only forbidden ones).
_ALLOWED_BYTES = bytes(b for b in range(256) if not _FORBIDDEN.fullmatch(bytes([b])))


def check_xml_bytes(data: bytes, where: str) -> None:
    """Refuse XML output holding a character XML cannot hold, naming it and its context.

    :param data: the UTF-8 output.
    :param where: the file or format, for the message.
    :raises ExportError: at the first such character.
    """
    if not data.translate(None, _ALLOWED_BYTES) and b"\xef\xbf\xbe" not in data:
        if b"\xef\xbf\xbf" not in data:
            return  # the common case, ten times faster than the expression (pages, at 100 000)
    m = _FORBIDDEN.search(data)
    if m is None:
        return
    char = m.group().decode("utf-8")
    context = data[max(0, m.start() - 30) : m.end() + 30].decode("utf-8", "replace")
    raise ExportError(
        where,
        f"holds U+{ord(char):04X} in {context!r}, which XML cannot hold; remove it from the data",
    )


def check_xml_text(text: str, data: bytes, where: str) -> None:
    """:func:`check_xml_bytes` for ``data``, the UTF-8 encoding of ``text``: U+FFFE and U+FFFF
    are looked for in the text, where a search for one character costs almost nothing, rather
    than as three bytes in ``data`` (three quarters of the check's time on a page).

    :raises ExportError: at the first character XML cannot hold.

    >>> check_xml_text("<a>\uffff</a>", "<a>\uffff</a>".encode(), "p.html")
    Traceback (most recent call last):
    iopkg.errors.ExportError: p.html: holds U+FFFF in '<a>\uffff</a>', which XML cannot hold; ...
    """
    if "\ufffe" in text or "\uffff" in text or data.translate(None, _ALLOWED_BYTES):
        check_xml_bytes(data, where)


class XmlCheckingWriter:
    """A binary stream that checks everything written through it with :func:`check_xml_bytes`."""

    def __init__(self, out: BinaryIO, where: str) -> None:
        self.out = out
        self.where = where
        self._tail = b""

    def write(self, data: bytes) -> int:
        check_xml_bytes(self._tail + bytes(data), self.where)  # a U+FFFE split across writes
        self._tail = bytes(data[-2:])
        return self.out.write(data)

    def flush(self) -> None:
        self.out.flush()


def check_json_depth(path: Path) -> None:
    """Refuse a JSON(-LD) file nested deeper than Python's recursion limit (about 1 000 levels)
    before Oxigraph's JSON-LD parser, which recurses and crashes the whole process at a few
    thousand levels, sees it. Python's own JSON parser stops with RecursionError instead.

    :raises DataLoadError: naming the file.
    """
    try:
        data = path.read_bytes()
        json.loads(data)
    except RecursionError:
        raise DataLoadError(
            str(path),
            f"JSON nested more than about {sys.getrecursionlimit()} levels deep; "
            "iopkg does not parse it",
        ) from None
    except (OSError, ValueError):
        return  # not readable or not JSON: the RDF parser reports it, with line and column
