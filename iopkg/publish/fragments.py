"""HTML fragments that every resource page repeats many times: its facts lists, quotes and
links, its tables and the list of related resources, built as strings rather than through Jinja
macros and loops (a macro call costs some twenty Python calls, and a page makes hundreds; they
were a quarter of a page's time). The text is the same as the macros of the templates wrote
(``templates/_facts.html`` until it went), and escaped the same way (markupsafe); the page
around them stays in the templates.

>>> from iopkg.publish.site import Value
>>> str(show([Value("a & b", "x.html"), Value("text", lang="en")], "sv"))
'<a href="x.html">a &amp; b</a>; <span lang="en">text</span>'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import markupsafe
from markupsafe import Markup

from iopkg.publish.site import Value

__all__ = [
    "agreement_rows",
    "agreements_table",
    "facts",
    "links",
    "quotes",
    "related",
    "show",
    "years_table",
]


def escape(text: object) -> str:
    """``markupsafe.escape`` as text: the same five characters replaced the same way, without
    making a ``Markup`` object per value (a page escapes hundreds).

    >>> escape("<a href='x'>&</a>") == str(markupsafe.escape("<a href='x'>&</a>"))
    True
    >>> escape('"')
    '&#34;'
    """
    if type(text) is not str:
        return str(markupsafe.escape(text))
    if not ("&" in text or "<" in text or ">" in text or "'" in text or '"' in text):
        return text  # most texts: five scans are quicker than five replacements
    return (
        text.replace("&", "&amp;")
        .replace(">", "&gt;")
        .replace("<", "&lt;")
        .replace("'", "&#39;")
        .replace('"', "&#34;")
    )


def _value(v: Value, lang: str) -> str:
    if v.nested:
        return f'<dl class="facts">{_facts(v.nested, lang)}</dl>'
    if v.href:
        return f'<a href="{escape(v.href)}">{escape(v.text)}</a>'
    if v.lang and v.lang != lang:
        return f'<span lang="{escape(v.lang)}">{escape(v.text)}</span>'
    return escape(v.text)


def _show(values: Iterable[Value], lang: str) -> str:
    return "; ".join([_value(v, lang) for v in values])


def _facts(items: Iterable[tuple[str, list[Value]]], lang: str) -> str:
    return "".join([f"<dt>{escape(p)}</dt><dd>{_show(vs, lang)}</dd>" for p, vs in items])


def show(values: Iterable[Value], lang: str) -> Markup:
    """Values separated by "; ": links, nested facts, texts in another language marked."""
    return Markup(_show(values, lang))


def facts(items: Iterable[tuple[str, list[Value]]], lang: str) -> Markup:
    """A ``<dl class="facts">`` of (property label, values) pairs."""
    return Markup(f'<dl class="facts">{_facts(items, lang)}</dl>')


def quotes(items: Iterable[tuple[str, str]]) -> Markup:
    """Quoted words with the document they come from."""
    return Markup(
        "".join(
            [
                f'<blockquote lang="sv">”{escape(text)}” '
                f"<small>— {escape(doc)}</small></blockquote>"
                for text, doc in items
            ]
        )
    )


def links(items: Iterable[Mapping[str, str | None]]) -> Markup:
    """Links (``text``, ``href``) separated by ", "; a text without a page as plain text."""
    return Markup(
        ", ".join(
            [
                f'<a href="{escape(link["href"])}">{escape(link["text"])}</a>'
                if link["href"]
                else escape(link["text"])
                for link in items
            ]
        )
    )


def agreement_rows(rows: Iterable[Mapping[str, object]]) -> Markup:
    """The rows of an agreements table (organisation, municipality and decision pages), each
    on a line of its own: agreement, municipality, parties, start, end, total."""
    return Markup(
        "".join(
            [
                f'\n<tr><td><a href="{escape(a["href"])}">{escape(a["label"])}</a></td>'
                f"<td>{links([a['municipality']])}</td><td>{links(a['parties'])}</td>"  # type: ignore[list-item,arg-type]
                f"<td>{escape(a['start'])}</td><td>{escape(a['end'])}</td>"
                f'<td class="num" data-sort="{escape(a["total_raw"])}">'
                f"{escape(a['total'])}</td></tr>"
                for a in rows
            ]
        )
    )


def agreements_table(
    rows: list[Mapping[str, object]],
    w: Mapping[str, str],
    rows_total: str,
    table_id: str = "agreements",
) -> Markup:
    """A sortable table of agreements with a total row when it has more than one; ``w`` the
    page language's words. A string rather than a Jinja macro: the macro call and its loop
    were a fifth of a small page's rendering (decision pages have one row)."""
    e = escape
    head = "".join(
        [
            f'<th scope="col">{e(w[k])}</th>'
            for k in ("agreement", "municipality", "party", "start", "end")
        ]
    )
    foot = (
        f'\n<tfoot><tr><td colspan="5">{e(w["total"])} ({len(rows)})</td>'
        f'<td class="num">{e(rows_total)}</td></tr></tfoot>'
        if len(rows) > 1
        else ""
    )
    return Markup(
        f'<table class="sortable" id="{e(table_id)}">\n<thead><tr>{head}'
        f'<th scope="col" class="num">{e(w["funding_total"])}</th></tr></thead>\n'
        f"<tbody>{agreement_rows(rows)}\n</tbody>{foot}\n</table>"
    )


def years_table(
    years: Mapping[str, object], w: Mapping[str, str], per_inhabitant: bool = False
) -> Markup:
    """The money per year by source of funds, with totals (and per inhabitant for an area);
    ``w`` the page language's words. A string rather than a Jinja macro, as
    :func:`agreements_table`: a row was some twenty template steps."""
    e = escape
    num = '<th scope="col" class="num">'
    head = (
        f'<th scope="col">{e(w["year"])}</th>'
        + (f"{num}{e(w['agreements'])}</th>" if per_inhabitant else "")
        + "".join([f"{num}{e(w[k])}</th>" for k in ("municipal", "state", "other", "total")])
        + (
            f"{num}{e(w['population'])}</th>{num}{e(w['per_inhabitant'])}</th>"
            if per_inhabitant
            else ""
        )
    )
    body = "".join(
        [
            f'\n<tr><th scope="row">{e(y["year"])}</th>'
            + (f'<td class="num">{e(y["agreements"])}</td>' if per_inhabitant else "")
            + f'<td class="num">{e(y["municipal"])}</td><td class="num">{e(y["state"])}</td>'
            f'<td class="num">{e(y["other"])}</td><td class="num">{e(y["total"])}</td>'
            + (
                f'<td class="num">{e(y["population"])}</td>'
                f'<td class="num">{e(y["per_inhabitant"])}</td>'
                if per_inhabitant
                else ""
            )
            + "</tr>"
            for y in years["rows"]  # type: ignore[attr-defined]
        ]
    )
    foot = (
        f"<tr><td>{e(w['total'])}</td>"
        + ("<td></td>" if per_inhabitant else "")
        + f'<td class="num">{e(years["municipal"])}</td><td class="num">{e(years["state"])}</td>'
        f'<td class="num">{e(years["other"])}</td><td class="num">{e(years["total"])}</td>'
        + ("<td></td><td></td>" if per_inhabitant else "")
        + "</tr>"
    )
    return Markup(
        f'<table id="money-per-year">\n<caption>{e(w["money_per_year"])}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>{body}\n</tbody>\n<tfoot>{foot}</tfoot>\n"
        "</table>"
    )


def related(entries: Iterable[Mapping[str, object]], quotes_word: str, lang: str) -> Markup:
    """The items of the list of resources that point at a page's resource: the property, the
    resource, its facts and quotes (when it has no page of its own). A string rather than a
    Jinja loop: an organisation lists dozens, each some ten template steps."""
    out = []
    for r in entries:
        item = f"\n<li>{escape(r['prop'])}: {_value(r['value'], lang)}"  # type: ignore[arg-type]
        if r["facts"]:
            item += f'\n<dl class="facts">{_facts(r["facts"], lang)}</dl>'  # type: ignore[arg-type]
        if r["quotes"]:
            item += (
                f"<details><summary>{escape(quotes_word)}</summary>"
                f"{quotes(r['quotes'])}</details>"  # type: ignore[arg-type]
            )
        out.append(item + "</li>")
    return Markup("".join(out))
