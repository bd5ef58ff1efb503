"""Make Pagefind's index the same bytes on every build.

Pagefind's binary writes the values of each filter, and the list of filters in its metadata
file, in hash-map order, which changes from run to run; the file names hash the contents, so
they change too. This rewrites the index canonically: filter values sorted, the filter list
sorted, each rewritten file gzipped without a time stamp and named by the SHA-256 of its
content, and ``pagefind-entry.json`` pointing at the renamed metadata. Nothing else changes
(what is indexed, the fragments, the word index).

The files are ``gzip("pagefind_dcd" + CBOR)``; the small CBOR codec below reads and writes the
subset Pagefind uses (integers, strings, arrays, maps, simple values and floats), encoding
lengths and integers in their shortest form, as Pagefind's own encoder does.

>>> decode(encode(["county", [["Skåne län", [0, 1, 300]], ["x", []]], -2, None, True]))
['county', [['Skåne län', [0, 1, 300]], ['x', []]], -2, None, True]
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAGIC = b"pagefind_dcd"


@dataclass(frozen=True)
class Map:
    """A CBOR map, its pairs in their order."""

    pairs: tuple[tuple[Any, Any], ...]


@dataclass(frozen=True)
class Raw:
    """A CBOR item kept as its bytes (floats, tags)."""

    data: bytes


def _head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for info, fmt, limit in ((24, ">B", 1 << 8), (25, ">H", 1 << 16), (26, ">I", 1 << 32)):
        if n < limit:
            return bytes([major << 5 | info]) + struct.pack(fmt, n)
    return bytes([major << 5 | 27]) + struct.pack(">Q", n)


def encode(item: Any) -> bytes:
    """CBOR of ``item`` (shortest forms)."""
    if item is None:
        return b"\xf6"
    if item is True:
        return b"\xf5"
    if item is False:
        return b"\xf4"
    if isinstance(item, int):
        return _head(0, item) if item >= 0 else _head(1, -1 - item)
    if isinstance(item, str):
        data = item.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, list):
        return _head(4, len(item)) + b"".join(encode(x) for x in item)
    if isinstance(item, Map):
        return _head(5, len(item.pairs)) + b"".join(encode(k) + encode(v) for k, v in item.pairs)
    if isinstance(item, Raw):
        return item.data
    raise TypeError(f"cannot encode {type(item).__name__}")


def decode(data: bytes) -> Any:
    """The item that ``data`` encodes (all of it)."""
    item, end = _decode(data, 0)
    if end != len(data):
        raise ValueError(f"{len(data) - end} bytes after the CBOR item")
    return item


def _decode(data: bytes, i: int) -> tuple[Any, int]:
    start = i
    major, info = data[i] >> 5, data[i] & 31
    i += 1
    if info < 24:
        n = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        n = int.from_bytes(data[i : i + size], "big")
        i += size
    else:
        raise ValueError(f"unsupported CBOR length {info} at {start}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        chunk = data[i : i + n]
        return (chunk.decode("utf-8") if major == 3 else bytes(chunk)), i + n
    if major == 4:
        out = []
        for _ in range(n):
            x, i = _decode(data, i)
            out.append(x)
        return out, i
    if major == 5:
        pairs = []
        for _ in range(n):
            k, i = _decode(data, i)
            v, i = _decode(data, i)
            pairs.append((k, v))
        return Map(tuple(pairs)), i
    if major == 6:
        _, i = _decode(data, i)
        return Raw(data[start:i]), i
    if info < 24:
        return {20: False, 21: True, 22: None}.get(info, Raw(data[start:i])), i
    return Raw(data[start:i]), i


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path}: not a Pagefind file")
    return decode(data[len(MAGIC) :])


def _write(folder: Path, stem_lang: str, suffix: str, item: Any, digits: int) -> str:
    payload = MAGIC + encode(item)
    name = f"{stem_lang}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(payload, mtime=0))
    return name


def _sort_key(x: Any) -> str:
    return json.dumps(x, default=repr, ensure_ascii=False)


def canonicalise(index: Path) -> None:
    """Rewrite the Pagefind index in ``index`` (the ``pagefind/`` folder) canonically."""
    renamed: dict[str, str] = {}
    filters = index / "filter"
    for path in sorted(filters.glob("*.pf_filter")) if filters.is_dir() else []:
        item = _read(path)
        if isinstance(item, list) and len(item) == 2 and isinstance(item[1], list):
            item = [item[0], sorted(item[1], key=_sort_key)]
        old = path.name.removesuffix(".pf_filter")
        lang, _, digest = old.rpartition("_")
        path.unlink()
        renamed[old] = _write(filters, lang, ".pf_filter", item, len(digest))

    def fix(x: Any) -> Any:
        if isinstance(x, str):
            return renamed.get(x, x)
        if isinstance(x, list):
            items = [fix(v) for v in x]
            pairs = all(isinstance(v, list) and len(v) == 2 and isinstance(v[1], str) for v in x)
            if x and pairs and any(v[1] in renamed for v in x):
                items.sort(key=_sort_key)  # the list of (filter, file) pairs
            return items
        if isinstance(x, Map):
            return Map(tuple((fix(k), fix(v)) for k, v in x.pairs))
        return x

    entry_path = index / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang in entry.get("languages", {}).values():
        old = lang["hash"]
        meta = index / f"pagefind.{old}.pf_meta"
        item = fix(_read(meta))
        meta.unlink()
        code, _, digest = old.rpartition("_")
        lang["hash"] = _write(index, f"pagefind.{code}", ".pf_meta", item, len(digest))
        lang["hash"] = lang["hash"].removeprefix("pagefind.")
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        encoding="utf-8",
    )
