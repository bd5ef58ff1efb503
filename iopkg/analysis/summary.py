"""A summary of the graph: counts by class and by source document, and each agreement with the
decisions and funding flows it rests on and the documents they come from.

>>> from iopkg.graph import load_store
>>> s = summarize(load_store())
>>> len(s.agreements), s.class_counts["iop:Agreement"]
(20, 68)
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from iopkg.namespaces import curie
from iopkg.sparql.files import packaged_query
from iopkg.sparql.source import LocalSource


@dataclass(frozen=True)
class Fact:
    """A resource of the graph, with its label and the source documents it cites."""

    iri: str
    label: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class AgreementSummary:
    """An agreement with the decisions it rests on and its funding flows."""

    agreement: Fact
    decisions: tuple[Fact, ...]
    flows: tuple[Fact, ...]


@dataclass(frozen=True)
class SourceCount:
    """How many resources cite a source document, and how many quotes come from it."""

    document: str
    label: str
    resources: int
    quotes: int


@dataclass(frozen=True)
class GraphSummary:
    """Counts and agreements of a graph."""

    triples: int
    class_counts: dict[str, int]
    sources: tuple[SourceCount, ...]
    agreements: tuple[AgreementSummary, ...]


def summarize(store: ox.Store, *, lang: str = "en") -> GraphSummary:
    """Summarise the graph in ``store``.

    :param store: an Oxigraph store with the dataset.
    :param lang: language of the labels (``sv`` or ``en``).
    """
    from iopkg.store_cache import derived

    names = ("internal/class-counts", "internal/source-counts", "internal/agreement-facts")
    texts = [packaged_query(name).text for name in names]
    return derived(store, "summary", [lang, *texts], lambda: _summarize(store, lang))


def _summarize(store: ox.Store, lang: str) -> GraphSummary:
    bind = {"lang": ox.Literal(lang)}
    source = LocalSource(store)
    classes = {
        curie(r["class"].value): int(r["resources"].value)
        for r in source.select(packaged_query("internal/class-counts")).solutions()
    }
    sources = tuple(
        SourceCount(
            r["document"].value,
            r["label"].value if r["label"] else "",
            int(r["resources"].value),
            int(r["quotes"].value),
        )
        for r in source.select(packaged_query("internal/source-counts"), bind).solutions()
    )
    facts: dict[str, dict[str, list[Fact]]] = {}
    labels: dict[str, str] = {}
    for r in source.select(packaged_query("internal/agreement-facts"), bind).solutions():
        a = r["agreement"].value
        labels[a] = r["agreementLabel"].value
        docs = tuple(sorted(r["sources"].value.split())) if r["sources"] else ()
        fact = Fact(r["fact"].value, r["factLabel"].value, docs)
        facts.setdefault(a, {}).setdefault(r["kind"].value, []).append(fact)
    agreements = tuple(
        AgreementSummary(
            kinds["agreement"][0], tuple(kinds.get("decision", ())), tuple(kinds.get("flow", ()))
        )
        for a, kinds in sorted(facts.items(), key=lambda kv: labels[kv[0]])
    )
    return GraphSummary(len(store), classes, sources, agreements)


def format_summary(summary: GraphSummary) -> str:
    """The summary as plain text, for the terminal.

    >>> s = GraphSummary(3, {"iop:Agreement": 1}, (), ())
    >>> print(format_summary(s).splitlines()[0])
    Graph: 3 triples
    """
    lines = [f"Graph: {summary.triples} triples", "", "Resources by class:"]
    lines += [f"  {n:6d}  {c}" for c, n in summary.class_counts.items()]
    documents = summary.class_counts.get("iop:SourceDocument", 0)
    shown = f"; {len(summary.sources)} shown" if documents > len(summary.sources) else ""
    lines += ["", f"By source document ({documents}{shown}; resources citing it, quotes from it):"]
    for s in summary.sources:
        name = s.document.rsplit("/", 1)[-1]
        lines.append(f"  {name}  {s.resources:4d} resources  {s.quotes:4d} quotes  {s.label}")
    agreements = summary.class_counts.get("iop:Agreement", 0)
    shown = (
        f"; {len(summary.agreements)} shown, all of them: iopkg query run agreements"
        if agreements > len(summary.agreements)
        else ""
    )
    lines += ["", f"Agreements ({agreements}{shown}):"]
    for a in summary.agreements:
        lines.append(f"  {a.agreement.label}  [{', '.join(a.agreement.sources)}]")
        for d in a.decisions:
            lines.append(f"      decision: {d.label}  [{', '.join(d.sources)}]")
        for f in a.flows:
            lines.append(f"      funding:  {f.label}  [{', '.join(f.sources)}]")
    return "\n".join(lines)
