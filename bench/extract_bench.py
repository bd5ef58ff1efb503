"""How long ``iopkg extract`` takes on 200 KB and 1 MB of text (issue 19: 1 MB in at most 5 s).

Run: ``python bench/extract_bench.py [--sizes 200000 1000000] [--kinds sources prose ...]``.
Prints one line per kind and size: characters, seconds, and characters per second. The texts are
built here, deterministically, from the project's own source documents and from word lists, in
shapes that once made the time grow faster than the input (long stretches without a sentence end,
many blanked page headers, many amounts).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from iopkg.extract.core import extract_text  # noqa: E402
from iopkg.extract.spans import municipality_names  # noqa: E402


def _sources(n: int) -> str:
    src = "\n\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "sources").glob("*.txt"))
    )  # noqa: E501
    return (src * (n // len(src) + 1))[:n]


def _prose(n: int) -> str:
    """Sentences about IOP, parties and money, with no full stop for long stretches."""
    rnd = random.Random(19)
    parts = [
        "Kommunen betalar 100 000 kr per år", "Göteborgs Stad tecknar ett IOP med Röda Korset",
        "Rädda Barnen och Föreningen Hoppet", "strax under en miljon kronor",
        "Beslutet togs i kommunstyrelsen den 16 maj", "Diarienummer KS 2020/12",
        "mellan Region Kalmar län och Stiftelsen Ljuset", "under 2021–2023", "(§ 76)",
    ]  # fmt: skip
    out, size = [], 0
    while size < n:
        p = rnd.choice(parts)
        out.append(p)
        size += len(p) + 1
    return " ".join(out)[:n]


def _headers(n: int) -> str:
    """Lines repeated on every page (blanked as page headers) between short paragraphs."""
    block = "Parter: Föreningen X\nSida\n\nFöreningen får 1 000 kr.\n"
    return (block * (n // len(block) + 1))[:n]


def _soup(n: int) -> str:
    """Words, numbers, dates and symbols in random order."""
    rnd = random.Random(7)
    words = (
        "Föreningen Stiftelsen kommun Region avtal IOP överenskommelse mellan och med 1 000 kr "
        "2021-01-01 beslut § 12 Dnr KS 2020/12 per år tkr 31 januari 2020 Kommunfullmäktige "
        "nämnden , . \n : ( ) målgrupp: styrgruppen"
    ).split(" ")
    out, size = [], 0
    while size < n:
        w = rnd.choice(words)
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n]


KINDS: dict[str, Callable[[int], str]] = {
    "sources": _sources,
    "prose": _prose,
    "headers": _headers,
    "soup": _soup,
}


def main(argv: list[str] | None = None) -> int:
    """Time the extraction of each kind of text at each size and print the figures.

    :param argv: command-line arguments.
    """
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[200_000, 1_000_000])
    ap.add_argument("--kinds", nargs="+", choices=sorted(KINDS), default=list(KINDS))
    ap.add_argument("--budget", type=float, default=5.0, help="seconds allowed per 1 MB")
    args = ap.parse_args(argv)
    municipality_names()  # reading the reference data once is not part of the per-text time
    worst = 0.0
    print(f"{'kind':<8} {'chars':>9} {'seconds':>8} {'chars/s':>10}")
    for kind in args.kinds:
        for n in args.sizes:
            text = KINDS[kind](n)
            t0 = time.perf_counter()
            extract_text(text, f"{kind}.txt")
            dt = time.perf_counter() - t0
            worst = max(worst, dt * 1_000_000 / n)
            print(f"{kind:<8} {n:>9} {dt:>8.2f} {n / dt:>10.0f}", flush=True)
    print(f"worst: {worst:.2f} s per MB (budget {args.budget:.1f} s)")
    return 0 if worst <= args.budget else 1


if __name__ == "__main__":
    sys.exit(main())
