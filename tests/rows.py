"""Comparing query answers whose GROUP_CONCAT cells and equally ranked rows may come in any
order (SPARQL leaves both to the store)."""

from __future__ import annotations

import re

_CONCAT = re.compile(
    r'GROUP_CONCAT\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)',
    re.I,
)
_ALIAS = re.compile(r"\(\s*(?:\w+\()?\?(\w+)[^()]*\)?\s+AS\s+\?(\w+)\s*\)", re.I)


def concat_columns(query) -> dict[str, str]:
    """The columns a query fills with GROUP_CONCAT, and their separators."""
    found = {col: sep for sep, col in _CONCAT.findall(query.text)}
    for inner, outer in _ALIAS.findall(query.text):  # (?sources AS ?source) and the like
        if inner in found:
            found.setdefault(outer, found[inner])
    return found


def normalised(columns, rows, concat: dict[str, str]) -> list:
    """Rows sorted, with the items of each GROUP_CONCAT cell sorted. SPARQL leaves both to the
    store (the order inside a GROUP_CONCAT, and of rows that ORDER BY ranks equal), and the
    on-disk store keeps another order than the in-memory one. Every cell is compared."""

    def cell(col, value):
        text = getattr(value, "value", value)
        if col in concat and isinstance(text, str):
            return tuple(sorted(text.split(concat[col])))
        return str(value)

    return sorted(tuple(cell(c, v) for c, v in zip(columns, row, strict=True)) for row in rows)
