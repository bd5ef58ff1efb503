"""HTML fragments that every resource page repeats many times: its facts lists, quotes and
links, built as strings rather than through Jinja macros (a macro call costs some twenty Python
calls, and a page makes hundreds; they were a quarter of a page's time). The text is the same
as the macros in ``templates/_facts.html`` wrote, and escaped the same way (markupsafe).

>>> from iopkg.publish.site import Value
>>> str(show([Value("a & b", "x.html"), Value("text", lang="en")], "sv"))
'<a href="x.html">a &amp; b</a>; <span lang="en">text</span>'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import markupsafe
from markupsafe import Markup

from iopkg.publish.site import Value

__all__ = ["agreement_rows", "facts", "links", "quotes", "show"]


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
