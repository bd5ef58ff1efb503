"""The static search index: one Pagefind record per agreement and language, with the filters
of the search page (municipality, county, organisation, focus area, year active, source of
funds) and, as metadata, the agreement's row of the catalogue query ``agreements`` (so the
page's CSV download equals ``iopkg query run agreements``).

Pagefind (PyPI ``pagefind[bin]``) writes a chunked index under ``pagefind/`` that the browser
loads piece by piece, so the search works from any static host and stays fast at 100 000
agreements. The records are added directly (``add_custom_record``) rather than by crawling the
written pages: the filters and the row are data, not text to scrape.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from html import escape
from pathlib import Path

from iopkg.errors import PublishError
from iopkg.publish.pagefind_canon import canonicalise

#: Where the index goes in the publication folder.
SEARCH_DIR = "pagefind"


@dataclass(frozen=True)
class SearchRecord:
    """One agreement in one language, as the search page shows and filters it."""

    url: str
    lang: str
    title: str
    content: str
    filters: dict[str, list[str]]
    meta: dict[str, str]


def write_search_index(out: Path, records: list[SearchRecord]) -> int:
    """Write Pagefind's index of ``records`` to ``out/pagefind``.

    Each record becomes a small HTML document (title and words in ``data-pagefind-body``,
    filters and metadata as attributes) in a temporary folder that the Pagefind binary indexes
    in one run. (Pagefind's Python API answers one record per 0.1 s poll: 20 000 s for 100 000
    agreements in two languages.)

    :param out: the publication folder (being built).
    :param records: the agreements to index.
    :return: the number of records indexed.
    :raises PublishError: when Pagefind is not installed or fails.
    """
    with tempfile.TemporaryDirectory(prefix="iopkg-search-") as tmp:
        root = Path(tmp)
        write_documents(root, sorted(records, key=lambda r: (r.lang, r.url)))
        finish_index(out, run_pagefind(root, out))
    return len(records)


def write_documents(root: Path, records: list[SearchRecord], start: int = 0) -> None:
    """Write the documents Pagefind reads for ``records`` (sorted by language and URL) under
    ``root``, numbered from ``start``: the records of all languages sorted together are
    numbered 0, 1, ..., so that a process can write one language's share."""
    root.mkdir(parents=True, exist_ok=True)  # Pagefind's --site, even with no records
    for i, r in enumerate(records, start):
        doc = root / r.lang / f"{i:07d}.html"
        if i == start or not doc.parent.is_dir():
            doc.parent.mkdir(parents=True, exist_ok=True)
        doc.write_text(_document(r), encoding="utf-8")


def _binary() -> str:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]

        binary = str(get_executable())
    except (ImportError, FileNotFoundError):
        binary = shutil.which("pagefind") or ""
    if not binary:
        raise PublishError("search", "Pagefind is not installed (pip install 'pagefind[bin]')")
    return binary


def start_pagefind(root: Path, out: Path) -> subprocess.Popen[str]:
    """Start the Pagefind binary on the documents under ``root``, writing ``out/pagefind``.

    :raises PublishError: when Pagefind is not installed.
    """
    return subprocess.Popen(
        [_binary(), "--site", str(root), "--output-path", str(out / SEARCH_DIR), "--silent"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run_pagefind(root: Path, out: Path) -> tuple[int, str]:
    """Run Pagefind (:func:`start_pagefind`) to the end: its exit code and error output."""
    proc = start_pagefind(root, out)
    _, err = proc.communicate()
    return proc.returncode, err


def finish_index(out: Path, done: tuple[int, str]) -> None:
    """Check how Pagefind ended (exit code, error output) and make its index reproducible.

    :raises PublishError: when Pagefind failed.
    """
    code, err = done
    if code != 0:
        last = (err.strip().splitlines() or ["no message"])[-1]
        raise PublishError("search", f"Pagefind failed: {last}")
    canonicalise(out / SEARCH_DIR)  # the same bytes on every build
    # Pagefind also writes its ready-made UIs; the site has its own page, so they go (they
    # would be third-party code served for nothing).
    for extra in sorted((out / SEARCH_DIR).glob("pagefind-*ui*")) + [
        out / SEARCH_DIR / "pagefind-highlight.js"
    ]:
        if extra.is_file():
            extra.unlink()


def _document(r: SearchRecord) -> str:
    """A record as the HTML Pagefind reads: each metadata value and filter value as the text
    of its own element outside the indexed body (so commas and colons need no escaping), the
    words in the body."""
    meta = {"title": r.title, "url": r.url, **r.meta}
    tags = "".join(f'<p data-pagefind-meta="{escape(k)}">{escape(v)}</p>' for k, v in meta.items())
    tags += "".join(
        f'<p data-pagefind-filter="{escape(k)}">{escape(v)}</p>'
        for k, vs in r.filters.items()
        for v in vs
    )
    tags += f'<p data-pagefind-sort="start">{escape(r.meta.get("start", ""))}</p>'
    return (
        f'<!DOCTYPE html><html lang="{escape(r.lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(r.title)}</title></head><body>{tags}"
        f"<main data-pagefind-body><h1>{escape(r.title)}</h1><p>{escape(r.content)}</p></main>"
        "</body></html>\n"
    )


def row_meta(row: list[str]) -> str:
    """An agreement's query row as the JSON the search page reads back."""
    return json.dumps(row, ensure_ascii=False)
