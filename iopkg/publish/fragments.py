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

from markupsafe import Markup, escape

from iopkg.publish.site import Value

__all__ = ["facts", "links", "quotes", "show"]


def _value(v: Value, lang: str) -> str:
    if v.nested:
        return f'<dl class="facts">{_facts(v.nested, lang)}</dl>'
    if v.href:
        return f'<a href="{escape(v.href)}">{escape(v.text)}</a>'
    if v.lang and v.lang != lang:
        return f'<span lang="{escape(v.lang)}">{escape(v.text)}</span>'
    return str(escape(v.text))


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
                else str(escape(link["text"]))
                for link in items
            ]
        )
    )
