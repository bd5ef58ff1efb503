"""Reading a document's text (UTF-8 or PDF) and masking the noise a PDF leaves in it.

Masking replaces noise (repeated page headers, HTML tags of flattened tables) by spaces of the same
length, so that character offsets found in the masked text are offsets in the original text.

>>> mask_noise("a <b>x</b> y")
'a    x     y'
"""

from __future__ import annotations

import html
import io
import re
from collections import Counter
from pathlib import Path

from iopkg.errors import ExtractError

_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")


def decode(data: bytes, name: str) -> str:
    """Turn the bytes of a document into text: PDF through pypdf, else UTF-8 (BOM allowed). An
    HTML page (``.html``, ``.htm``) is read as its reader sees it: markup blanked out
    (:func:`mask_html`) and character references decoded, so "500&nbsp;000&nbsp;kr" is an
    amount and "G&ouml;teborgs Stad" a name.

    :param data: the file's bytes.
    :param name: the file name, for messages.
    :raises ExtractError: when the bytes are neither UTF-8 text nor a readable PDF.

    >>> decode("§ 16".encode(), "x.txt")
    '§ 16'
    >>> decode("<p>500&nbsp;000 kr till G&ouml;teborgs Stad &amp; Co</p>".encode(), "x.html").strip()
    '500\xa0000 kr till Göteborgs Stad & Co'
    """
    if data.startswith(b"%PDF"):
        return _pdf_text(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ExtractError(
            name, f"not UTF-8 text (byte {e.start}); convert it, e.g. iconv -f latin1 -t utf-8"
        ) from None
    if "\x00" in text:
        raise ExtractError(name, "binary data, not text (it contains NUL bytes)")
    if name.lower().endswith((".html", ".htm")):
        return html.unescape(mask_html(text))
    return text


def mask_html(text: str) -> str:
    """An HTML page with what a reader does not see as text (tags, comments, scripts, styles)
    blanked out by spaces, line breaks kept: the words stay at their offsets in the file, so a
    quote's offsets still point into it, and nothing is drafted from a script or an attribute.

    >>> mask_html('<p class="x">IOP</p><script>var a = "500 000 kr";</script>\\n').strip()
    'IOP'
    >>> len(mask_html('<b>IOP</b>')), mask_html('<b>IOP</b>').index('IOP')
    (10, 3)
    """
    return _HTML_HIDDEN.sub(lambda m: _NOT_NEWLINE.sub(" ", m.group()), text)


_HTML_HIDDEN = re.compile(
    r"<(script|style|template|noscript)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<[^>]*>",
    re.IGNORECASE | re.DOTALL,
)
_NOT_NEWLINE = re.compile(r"[^\n]")


def _pdf_text(data: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise ExtractError(name, "reading PDF needs pypdf: pip install pypdf") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as e:
        raise ExtractError(
            name, f"cannot read PDF: {str(e).splitlines()[0] if str(e) else e}"
        ) from None
    except RecursionError:  # arrays or dictionaries nested thousands deep: pypdf recurses
        raise ExtractError(name, "cannot read PDF: it is nested too deeply") from None
    return "\n\n".join(pages)


def read_document(path: Path) -> str:
    """Read a document file into text.

    :param path: a .txt/.md/.html or .pdf file.
    :raises ExtractError: when the file cannot be read or decoded.
    """
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ExtractError(str(path), e.strerror or "cannot read the file") from None
    return decode(data, str(path))


def repeated_header_lines(text: str, min_count: int = 3) -> set[str]:
    """Short lines that recur on several pages (page headers, footers, author names).

    :param text: the document text.
    :param min_count: how often a line must occur.

    >>> sorted(repeated_header_lines("A\\nx y.\\nA\\nz.\\nA\\n"))
    ['A']
    """
    lines = [ln.strip() for ln in text.splitlines()]
    counts = Counter(ln for ln in lines if 0 < len(ln) <= 40 and not ln.endswith((".", ":", ";")))
    return {ln for ln, n in counts.items() if n >= min_count and not ln.startswith(("-", "•", "*"))}


def mask_noise(text: str) -> str:
    """Blank out HTML tags and repeated header lines, keeping every offset.

    :param text: the document text.
    """
    masked = _TAG.sub(lambda m: " " * len(m.group(0)), text)
    headers = repeated_header_lines(text)
    if headers:
        out = []
        for line in masked.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            if body.strip() in headers:
                out.append(" " * len(body) + line[len(body) :])
            else:
                out.append(line)
        masked = "".join(out)
    return _LONG_BLANK.sub(_plug, masked)


#: Blank runs longer than this get a plug in their middle: patterns like ``\s*`` then cannot run
#: across pages of blanked headers, which made matching quadratic.
_LONG_BLANK = re.compile(r"\s{48,}")
_PLUG = "\x1f"


def _plug(m: re.Match[str]) -> str:
    s = m.group(0)
    keep = 16
    return s[:keep] + _PLUG * (len(s) - 2 * keep) + s[-keep:]
