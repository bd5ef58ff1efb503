"""The static search index: one Pagefind record per agreement and language, with the filters
of the search page (municipality, county, organisation, focus area, year active, source of
funds) and, as metadata, the agreement's row of the catalogue query ``agreements`` (so the
page's CSV download equals ``iopkg query run agreements``).

Pagefind (PyPI ``pagefind[bin]``) writes a chunked index that the browser loads piece by
piece, so the search works from any static host. Its WebAssembly search grows with the square
of the matches, though: for each matching page it walks every (word, page) entry of the
matched words, and it counts every loaded filter value against the matches with a linear scan
(``pagefind_core_search`` 1.5.2). One index of 10 000 agreements took 0.4-1.5 s for a word
that every agreement holds ("kommun"), and would take about a hundred times that at 100 000.
So each language's records are split into *shards* of at most :data:`SHARD_SIZE` agreements,
in the order the search page lists them (start date, then page), each a Pagefind index of its
own under ``pagefind/<lang>/<shard>/``: a search costs at most a shard's square per shard, the
page shows the first rows as soon as the first shards have answered, and counts the rest
after. The filter values for the page's selects are written once, to
``pagefind/<lang>/filters.json``, rather than read from every shard's filter index.

The records are added as small documents that the Pagefind binary indexes (not by crawling the
written pages): the filters and the row are data, not text to scrape.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path

from iopkg.errors import PublishError
from iopkg.publish.files import write_text
from iopkg.publish.pagefind_canon import canonicalise

#: Where the index goes in the publication folder.
SEARCH_DIR = "pagefind"

#: Agreements per Pagefind index. A word every agreement holds costs about 20 ms in a shard of
#: this size (measured at 10 000 agreements in headless Chromium: 0.56 s for one index of
#: 10 000, and the cost grows with the square of the shard), so the first page of rows comes
#: from a few fast searches whatever the size of the register.
SHARD_SIZE = 2000

#: Filter values the search page offers, in this order (the keys of ``SearchRecord.filters``).
FILTER_KEYS = ("municipality", "county", "organisation", "focus", "year", "source")


@dataclass(frozen=True)
class SearchRecord:
    """One agreement in one language, as the search page shows and filters it."""

    url: str
    lang: str
    title: str
    content: str
    filters: dict[str, list[str]]
    meta: dict[str, str]


def shard_sizes(count: int) -> list[int]:
    """The number of agreements in each shard of an index of ``count`` agreements.

    >>> shard_sizes(4500), shard_sizes(0)
    ([2000, 2000, 500], [])
    """
    return [min(SHARD_SIZE, count - i) for i in range(0, count, SHARD_SIZE)]


def shard_path(lang: str, shard: int) -> str:
    """The shard's folder, relative to the publication (ends with ``/``, as Pagefind's
    ``basePath`` does).

    >>> shard_path("sv", 3)
    'pagefind/sv/003/'
    """
    return f"{SEARCH_DIR}/{lang}/{shard:03d}/"


def _order_key(r: SearchRecord) -> tuple[str, str, str]:
    return r.lang, r.meta.get("start", ""), r.url


def order(records: Iterable[SearchRecord]) -> list[SearchRecord]:
    """The records in the order the search page lists them: by start date, then page."""
    return sorted(records, key=_order_key)


def write_search_index(out: Path, records: list[SearchRecord]) -> int:
    """Write Pagefind's index of ``records`` (any languages) to ``out/pagefind``, in one
    process (``iopkg publish`` builds each language's in the process that writes its pages,
    after them: :func:`write_documents`, :func:`start_indexing` and :func:`finish_index`).

    :param out: the publication folder (being built).
    :param records: the agreements to index.
    :return: the number of records indexed.
    :raises PublishError: when Pagefind is not installed or fails.
    """
    with tempfile.TemporaryDirectory(prefix="iopkg-search-") as tmp:
        root = Path(tmp)
        done = []
        for lang in sorted({r.lang for r in records}):
            mine = [r for r in records if r.lang == lang]
            write_documents(root, lang, mine, out)
            indexer = start_indexing(root, lang, len(mine), out)
            done.append(indexer.wait())
        finish_index(done)
    return len(records)


def write_documents(
    root: Path, lang: str, records: Iterable[SearchRecord], out: Path, *, ordered: bool = False
) -> int:
    """Write the documents Pagefind reads for ``lang``'s ``records`` under ``root/lang/NNN``
    (a folder per shard, in :func:`order`), and the values of each filter to
    ``out/pagefind/lang/filters.json`` (what the search page's selects offer).

    :param ordered: the records come in :func:`order` already; each is then written as it
        comes, so they need not be held at once (100 000 records and their labels were 360 MB).
    :return: the number of documents written.
    :raises ValueError: when ``ordered`` records are not in order.
    """
    values: dict[str, set[str]] = {k: set() for k in FILTER_KEYS}
    folder = root / lang
    last: tuple[str, str, str] | None = None
    count = 0
    for count, r in enumerate(records if ordered else order(records), 1):
        key = _order_key(r)
        if last is not None and key < last:
            raise ValueError(f"search records not in order at {r.url}")
        last = key
        shard, place = divmod(count - 1, SHARD_SIZE)
        if place == 0:
            folder = root / lang / f"{shard:03d}"
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{place:04d}.html").write_text(_document(r), encoding="utf-8")
        for k, vs in r.filters.items():
            values.setdefault(k, set()).update(vs)
    (out / SEARCH_DIR / lang).mkdir(parents=True, exist_ok=True)
    write_text(
        out / SEARCH_DIR / lang / "filters.json",
        json.dumps({k: sorted(v) for k, v in values.items()}, ensure_ascii=False, indent=0) + "\n",
    )
    return count


def _binary() -> str:
    try:
        from pagefind_bin import get_executable  # type: ignore[import-not-found]

        binary = str(get_executable())
    except (ImportError, FileNotFoundError):
        binary = shutil.which("pagefind") or ""
    if not binary:
        raise PublishError("search", "Pagefind is not installed (pip install 'pagefind[bin]')")
    return binary


class Indexer:
    """Pagefind run on one language's shards, one after another, in a thread (so that Ctrl-C
    and SIGTERM stop it at once): :meth:`wait` gives the first failure's exit code and error output,
    or ``(0, "")``. Each shard's documents are deleted, and its index tidied
    (:func:`_finish_shard`), while Pagefind indexes the next shard."""

    def __init__(self, runs: list[tuple[Path, Path]]) -> None:
        self._runs = runs
        self._binary = _binary() if runs else ""
        self._proc: subprocess.Popen[str] | None = None
        self._stopped = False
        self._lock = threading.Lock()
        self._done: tuple[int, str] = (0, "")
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        done: tuple[Path, Path] | None = None  # the shard indexed last, not yet tidied
        for site, output in self._runs:
            with self._lock:
                if self._stopped:
                    return
                self._proc = subprocess.Popen(
                    [self._binary, "--site", str(site), "--output-path", str(output), "--silent"],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            # shard by shard while the next is indexed, rather than at the end or between the
            # runs: at 100 000 agreements the documents are 200 000 files to delete and the
            # shards 100 indexes, and deleting a shard's 2 000 documents waited 0.5 s on the
            # disk, with the cores idle, before the next run began
            if done is not None:
                _tidy(*done)
            _, err = self._proc.communicate()
            if self._proc.returncode != 0:
                self._done = (self._proc.returncode, err)
                return
            done = (site, output)
        if done is not None:
            _tidy(*done)

    def kill(self) -> None:
        """Stop the running Pagefind and start no other."""
        with self._lock:
            self._stopped = True
            if self._proc is not None and self._proc.poll() is None:
                self._proc.kill()
        self._thread.join()

    def wait(self) -> tuple[int, str]:
        """Wait for every shard: the first failure's exit code and error output, or (0, "")."""
        self._thread.join()
        return self._done


def start_indexing(root: Path, lang: str, count: int, out: Path) -> Indexer:
    """Start Pagefind on ``lang``'s shards of documents under ``root`` (written by
    :func:`write_documents`), writing ``out/pagefind/lang/NNN/``. No agreements, no index:
    the search page says there is nothing to search yet.

    :param count: the number of records of the language.
    :raises PublishError: when Pagefind is not installed (and there is something to index).
    """
    return Indexer(
        [
            (root / lang / f"{shard:03d}", out / shard_path(lang, shard))
            for shard in range(len(shard_sizes(count)))
        ]
    )


#: What each shard keeps besides its index: Pagefind's own search UIs go (third-party code
#: served for nothing), and its JavaScript is kept once per language (in shard 000, where the
#: search page imports it and its worker starts).
_UI = ("pagefind-*ui*", "pagefind-highlight.js")
_SCRIPTS = ("pagefind.js", "pagefind-worker.js")


def finish_index(done: Iterable[tuple[int, str]]) -> None:
    """Check how the Pagefind runs ended (exit codes and error output). Each shard was made
    reproducible and lean as soon as it was indexed (:class:`Indexer`).

    :raises PublishError: when Pagefind failed.
    """
    for code, err in done:
        if code != 0:
            last = (err.strip().splitlines() or ["no message"])[-1]
            raise PublishError("search", f"Pagefind failed: {last}")


def _tidy(site: Path, output: Path) -> None:
    """Delete a shard's documents, which Pagefind has read, and finish its index."""
    shutil.rmtree(site, ignore_errors=True)
    _finish_shard(output)


def _finish_shard(shard: Path) -> None:
    """Make one shard's index reproducible (:func:`canonicalise`) and lean: Pagefind's UIs,
    WebAssembly for languages the shard has not, and (but in shard 000) its scripts go."""
    entry = shard / "pagefind-entry.json"
    if not entry.is_file():
        return
    canonicalise(shard)  # the same bytes on every build
    wasm = {
        f"wasm.{v['wasm']}.pagefind"
        for v in json.loads(entry.read_text(encoding="utf-8"))["languages"].values()
    }
    extra = [p for pattern in _UI for p in shard.glob(pattern)]
    extra += [p for p in shard.glob("wasm.*.pagefind") if p.name not in wasm]
    if shard.name != "000":
        extra += [shard / name for name in _SCRIPTS]
    for path in sorted(extra):
        if path.is_file():
            path.unlink()


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
