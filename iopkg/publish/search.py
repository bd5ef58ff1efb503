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

import asyncio
import json
from dataclasses import dataclass
from pathlib import Path

from iopkg.errors import PublishError

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

    :param out: the publication folder (being built).
    :param records: the agreements to index.
    :return: the number of records indexed.
    :raises PublishError: when Pagefind is not installed or fails.
    """
    try:
        from pagefind.index import IndexConfig, PagefindIndex
    except ImportError as e:  # pragma: no cover - a dependency
        raise PublishError(
            "search", "Pagefind is not installed (pip install 'pagefind[bin]')"
        ) from e

    async def run() -> None:
        config = IndexConfig(output_path=str(out / SEARCH_DIR))
        async with PagefindIndex(config=config) as index:
            for r in sorted(records, key=lambda r: (r.lang, r.url)):
                await index.add_custom_record(
                    url=r.url,
                    content=r.content,
                    language=r.lang,
                    meta={"title": r.title, **r.meta},
                    filters={k: v for k, v in r.filters.items() if v},
                    sort={"start": r.meta.get("start", "")},
                )

    try:
        asyncio.run(run())
    except PublishError:
        raise
    except Exception as e:  # noqa: BLE001 - Pagefind's service raises plain exceptions
        raise PublishError("search", f"Pagefind failed: {e}") from e
    # Pagefind also writes its ready-made UIs; the site has its own page, so they go (they
    # would be third-party code served for nothing).
    for extra in sorted((out / SEARCH_DIR).glob("pagefind-*ui*")) + [
        out / SEARCH_DIR / "pagefind-highlight.js"
    ]:
        if extra.is_file():
            extra.unlink()
    return len(records)


def row_meta(row: list[str]) -> str:
    """An agreement's query row as the JSON the search page reads back."""
    return json.dumps(row, ensure_ascii=False)
