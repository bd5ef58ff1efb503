"""Writing query results: an aligned table, CSV, TSV, JSON, JSON lines or SPARQL JSON results.

>>> import pyoxigraph as ox
>>> r = QueryResult(("a", "n"), [(ox.NamedNode("https://w3id.org/iopkg/id/x"), ox.Literal(3))])
>>> print(render(r, OutputFormat.csv).strip())
a,n
https://w3id.org/iopkg/id/x,3
>>> print(render(r, OutputFormat.table))
a     n
----  -
id:x  3
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any, BinaryIO

import pyoxigraph as ox

from iopkg.namespaces import XSD, curie
from iopkg.sparql.result import QueryResult, python_value

_XSD_STRING = str(XSD.string)


class OutputFormat(StrEnum):
    """How query results are written."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    sparql_json = "sparql-json"


def _text(term: Any, compact: bool) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return curie(term.value, brackets=False) if compact else term.value
    return str(term.value)


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _sparql_json(result: QueryResult) -> str:
    bindings = []
    for row in result.rows:
        b: dict[str, Any] = {}
        for col, term in zip(result.columns, row, strict=True):
            if isinstance(term, ox.NamedNode):
                b[col] = {"type": "uri", "value": term.value}
            elif isinstance(term, ox.BlankNode):
                b[col] = {"type": "bnode", "value": term.value}
            elif isinstance(term, ox.Literal):
                b[col] = {"type": "literal", "value": term.value}
                if term.language:
                    b[col]["xml:lang"] = term.language
                elif term.datatype.value != _XSD_STRING:
                    b[col]["datatype"] = term.datatype.value
        bindings.append(b)
    doc = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def csv_writer(out: Any, *, delimiter: str = ",") -> Callable[[Sequence[Any]], None]:
    """A function that writes one CSV row to the text file ``out``, with ``\\n`` line ends.

    The csv module quotes only the line-end characters it writes itself, so a value holding a
    lone carriage return would be read back as a line break: a row with one is quoted whole.

    :param out: a text file opened with ``newline=""`` (or a ``StringIO``).
    :param delimiter: the field separator.

    >>> buf = io.StringIO()
    >>> write = csv_writer(buf)
    >>> write(["a", "b,c"]); write(["x\\ry", 1])
    >>> buf.getvalue()
    'a,"b,c"\\n"x\\ry","1"\\n'
    """
    plain = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    quoted = csv.writer(out, delimiter=delimiter, lineterminator="\n", quoting=csv.QUOTE_ALL)

    def write(row: Sequence[Any]) -> None:
        (quoted if any("\r" in str(c) for c in row) else plain).writerow(row)

    return write


def _tsv_cell(text: str) -> str:
    """TSV has no quoting in most readers: a tab or line break becomes a space."""
    return text.replace("\t", " ").replace("\n", " ").replace("\r", " ")


def render(result: QueryResult, fmt: OutputFormat) -> str:
    """The result as text in a format.

    :param result: the query result.
    :param fmt: the format; ``table`` shortens IRIs to CURIEs, the others write them in full.
    """
    fmt = OutputFormat(fmt)
    if fmt is OutputFormat.sparql_json:
        return _sparql_json(result)
    if fmt in (OutputFormat.json, OutputFormat.jsonl):
        records = [{k: _json_value(v) for k, v in r.items()} for r in result.records()]
        if fmt is OutputFormat.json:
            return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if fmt in (OutputFormat.csv, OutputFormat.tsv):
        buf = io.StringIO()
        write = csv_writer(buf, delimiter="," if fmt is OutputFormat.csv else "\t")
        write(result.columns)
        for row in result.rows:
            cells = [_text(t, False) for t in row]
            write(cells if fmt is OutputFormat.csv else [_tsv_cell(c) for c in cells])
        return buf.getvalue()
    cells = [[" ".join(_text(t, True).split()) for t in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines)


#: The formats written row by row, so a result of any size streams in little memory.
STREAMING = (OutputFormat.csv, OutputFormat.tsv, OutputFormat.jsonl)


def write_rows(
    columns: tuple[str, ...], rows: Iterable[tuple[Any, ...]], fmt: OutputFormat, out: BinaryIO
) -> int:
    """Write rows as they come, in a :data:`STREAMING` format; return how many were written.

    :param columns: the column names.
    :param rows: RDF terms (or ``None``), one tuple per row; read once.
    :param fmt: csv, tsv or jsonl.
    :param out: a binary file.
    :raises ValueError: for a format that needs all rows first (table, json, sparql-json).

    >>> import io, pyoxigraph as ox
    >>> buf = io.BytesIO()
    >>> write_rows(("n",), iter([(ox.Literal(1),), (ox.Literal(2),)]), OutputFormat.jsonl, buf)
    2
    >>> buf.getvalue()
    b'{"n": 1}\\n{"n": 2}\\n'
    """
    if fmt not in STREAMING:
        raise ValueError(f"{fmt} is not a streaming format")
    text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=False)
    count = 0
    try:
        if fmt is OutputFormat.jsonl:
            for row in rows:
                record = {
                    c: _json_value(python_value(t)) for c, t in zip(columns, row, strict=True)
                }
                text.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
            return count
        write = csv_writer(text, delimiter="," if fmt is OutputFormat.csv else "\t")
        write(columns)
        for row in rows:
            cells = [_text(t, False) for t in row]
            write(cells if fmt is OutputFormat.csv else [_tsv_cell(c) for c in cells])
            count += 1
        return count
    finally:
        text.flush()
        text.detach()


__all__ = [
    "STREAMING",
    "OutputFormat",
    "csv_writer",
    "python_value",
    "render",
    "write_rows",
]
