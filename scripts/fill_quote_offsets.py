r"""Fill in iop:startOffset / iop:endOffset of every quote in data/*.ttl from data/sources/.

Usage: python scripts/fill_quote_offsets.py [data]

A quote is written in Turtle as

    id:quote\/X a iop:Quote ; prov:wasQuotedFrom id:source\/FILE ;
        prov:value "verbatim words" .

and this script rewrites its last line to end in ``; iop:startOffset N ; iop:endOffset M .``,
where N and M are the first occurrence of the words in ``data/sources/FILE.txt``. It exits 1 and
names every quote whose words are not found verbatim.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

QUOTE = re.compile(
    r'(prov:wasQuotedFrom id:source\\/(?P<src>\w+) ;\s*\n\s*prov:value "(?P<text>(?:[^"\\]|\\.)*)")'
    r"(?: ; iop:startOffset \d+ ; iop:endOffset \d+)? \."
)


def fill(path: Path, sources: Path) -> list[str]:
    problems: list[str] = []
    text = path.read_text(encoding="utf-8")

    def repl(m: re.Match[str]) -> str:
        src = (sources / f"{m['src']}.txt").read_text(encoding="utf-8")
        words = m["text"].encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        start = src.find(words)
        if start < 0:
            problems.append(f"{path}: not found in {m['src']}: {words[:70]!r}")
            return m.group(0)
        return f"{m.group(1)} ; iop:startOffset {start} ; iop:endOffset {start + len(words)} ."

    new = QUOTE.sub(repl, text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return problems


def main() -> int:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "data")
    problems: list[str] = []
    for path in sorted(data.rglob("*.ttl")):
        problems += fill(path, data / "sources")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
