"""A chart of the comparison: monetary funding per group per year (matplotlib, Agg backend)."""

from __future__ import annotations

import io
from pathlib import Path

from iopkg.analysis.compare import ComparisonRow
from iopkg.errors import IopkgError
from iopkg.io import write_bytes_atomic
from iopkg.xmlsafe import check_xml_bytes

FORMATS = (".png", ".svg")


def draw_chart(rows: list[ComparisonRow], path: Path, title: str = "") -> None:
    """Draw funding per group per year as grouped bars into a PNG or SVG file (atomically).

    :param rows: the comparison.
    :param path: the file; its suffix (``.png`` or ``.svg``) gives the format.
    :param title: the chart's title.
    :raises IopkgError: on another suffix, or when the file cannot be written.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise IopkgError(f"{path}: a chart is written as .png or .svg")
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    years = sorted({r.year for r in rows})
    groups = sorted({r.label for r in rows})
    fig = Figure(figsize=(max(6.0, 1.2 * len(years) + 2), 4.5))
    ax = fig.subplots()
    width = 0.8 / max(1, len(groups))
    for i, label in enumerate(groups):
        by_year = {r.year: float(r.funding) for r in rows if r.label == label}
        xs = [y - 0.4 + width * (i + 0.5) for y in years]
        ax.bar(xs, [by_year.get(y, 0.0) for y in years], width=width, label=label)
    ax.set_xticks(years)
    ax.set_xlabel("year")
    ax.set_ylabel("monetary funding (SEK)")
    ax.set_title(title or "IOP funding per year")
    if groups:
        ax.legend(fontsize="small")
    fig.tight_layout()
    buf = io.BytesIO()
    # A fixed hash salt and no date: the same comparison gives the same SVG bytes on every run.
    with matplotlib.rc_context({"svg.hashsalt": "iopkg"}):
        fig.savefig(buf, format=suffix[1:], metadata={"Date": None} if suffix == ".svg" else None)
    if Path(path).suffix.lower() == ".svg":
        check_xml_bytes(buf.getvalue(), str(path))
    write_bytes_atomic(Path(path), buf.getvalue())
