"""A chart of the comparison for reports: money per group (municipality, county, ...) and year,
stacked by source of funds, one small panel per group, labels in Swedish or English, amounts
with thousands separators, a source line, and SVG text kept as text (matplotlib, Agg backend).

>>> tick(1686000, "sv"), tick(1686000, "en")
('1 686 000', '1,686,000')
"""

from __future__ import annotations

import io
import math
from pathlib import Path

from iopkg.analysis.compare import ComparisonRow
from iopkg.errors import IopkgError
from iopkg.io import write_bytes_atomic
from iopkg.xmlsafe import check_xml_bytes

FORMATS = (".png", ".svg")
#: At most this many panels (the groups with the most money); the rest are named in a note.
MAX_PANELS = 12
#: Colours of the sources of funds (ColorBrewer Set2: tell apart in print and in grey).
COLOURS = {"municipal": "#66c2a5", "state": "#fc8d62", "other": "#8da0cb"}
WORDS = {
    "sv": {
        "municipal": "kommunal budget",
        "state": "statligt bidrag",
        "other": "annan källa",
        "year": "år",
        "money": "kronor",
        "title": "Pengar i IOP-överenskommelser per år, efter finansieringskälla",
        "source": "Källa: iopkg, överenskommelser och beslut i data/ (belopp fördelade per dag "
        "över perioden).",
        "more": "Ytterligare {n} grupper visas inte.",
    },
    "en": {
        "municipal": "municipal budget",
        "state": "state grant",
        "other": "other source",
        "year": "year",
        "money": "SEK",
        "title": "Money in IOP agreements per year, by source of funds",
        "source": "Source: iopkg, agreements and decisions in data/ (amounts spread per day "
        "over their period).",
        "more": "{n} more groups are not shown.",
    },
}


def tick(value: float, lang: str) -> str:
    """An axis label with the thousands separator of ``lang``."""
    text = f"{value:,.0f}"
    return text.replace(",", " ") if lang == "sv" else text


def draw_chart(
    rows: list[ComparisonRow],
    path: Path,
    title: str = "",
    *,
    lang: str = "sv",
    source: str | None = None,
) -> None:
    """Draw money per group and year, stacked by source of funds, into a PNG or SVG file
    (atomically; the same rows give the same bytes).

    :param rows: the comparison.
    :param path: the file; its suffix (``.png`` or ``.svg``) gives the format.
    :param title: the chart's title (a default in ``lang`` when empty).
    :param lang: ``sv`` or ``en``, for every label.
    :param source: the source line (a default "Källa: ..." when omitted).
    :raises IopkgError: on another suffix or language, or when the file cannot be written.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise IopkgError(f"{path}: a chart is written as .png or .svg")
    if lang not in WORDS:
        raise IopkgError(f"--lang {lang}: a chart is labelled in sv or en")
    words = WORDS[lang]
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    years = sorted({r.year for r in rows})
    totals: dict[str, float] = {}
    for r in rows:
        totals[r.label] = totals.get(r.label, 0.0) + float(r.funding)
    groups = sorted(totals, key=lambda g: (-totals[g], g))
    shown, hidden = groups[:MAX_PANELS], groups[MAX_PANELS:]
    cols = min(3, max(1, len(shown)))
    nrows = max(1, math.ceil(len(shown) / cols))
    fig = Figure(figsize=(4.2 * cols + 0.6, 3.0 * nrows + 1.4))
    axes = fig.subplots(nrows, cols, sharey=True, squeeze=False)
    top = max((float(r.funding) for r in rows), default=0.0)
    for i, ax in enumerate(axes.flat):
        if i >= len(shown):
            ax.set_axis_off()
            continue
        label = shown[i]
        by_year = {r.year: r for r in rows if r.label == label}
        bottom = [0.0] * len(years)
        for src in ("municipal", "state", "other"):
            values = [float(getattr(by_year[y], src)) if y in by_year else 0.0 for y in years]
            ax.bar(
                years,
                values,
                bottom=bottom,
                color=COLOURS[src],
                label=words[src],
                edgecolor="white",
                linewidth=0.5,
            )
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_title(label, fontsize=10)
        ax.set_xticks(years)
        ax.tick_params(axis="x", labelrotation=45, labelsize=8)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: tick(v, lang)))
        ax.set_ylim(0, top * 1.1 or 1)
        ax.spines[["top", "right"]].set_visible(False)
        if i % cols == 0:
            ax.set_ylabel(words["money"])
    handles, labels = axes.flat[0].get_legend_handles_labels()
    fig.legend(
        handles, labels, loc="upper center", ncols=3, frameon=False, bbox_to_anchor=(0.5, 0.95)
    )
    fig.suptitle(title or words["title"], fontsize=12, y=0.99)
    note = source or words["source"]
    if hidden:
        note += " " + words["more"].format(n=len(hidden))
    fig.text(0.01, 0.01, note, fontsize=8, ha="left", va="bottom", wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 0.9))
    buf = io.BytesIO()
    # A fixed hash salt and no date: the same comparison gives the same SVG bytes on every run;
    # text stays text (fonttype none), so a report can edit and search it.
    with matplotlib.rc_context({"svg.hashsalt": "iopkg", "svg.fonttype": "none"}):
        fig.savefig(buf, format=suffix[1:], metadata={"Date": None} if suffix == ".svg" else None)
    if Path(path).suffix.lower() == ".svg":
        check_xml_bytes(buf.getvalue(), str(path))
    write_bytes_atomic(Path(path), buf.getvalue())
