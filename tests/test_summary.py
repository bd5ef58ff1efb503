"""The summary behind ``iopkg info``."""

from __future__ import annotations

from iopkg.analysis.summary import format_summary, summarize


def test_summary_lists_agreements_with_decisions_flows_and_sources(store):
    s = summarize(store, lang="sv")
    by_label = {a.agreement.label: a for a in s.agreements}
    radrum = by_label["RådRum (Lund, 2019–2021)"]
    assert {d.label for d in radrum.decisions} >= {"Kommunfullmäktige Lund 2019-01-31 § 16"}
    assert len(radrum.flows) == 2
    assert radrum.agreement.sources == ("000_f3ab1bfbfeda5899.txt", "002_dc08453122fb49b0.txt")
    # the four agreements known from their own text are shown before the register's
    seed = [a for a in s.agreements if any(d.endswith(".txt") for d in a.agreement.sources)]
    assert len(seed) == 4
    assert sum(len(a.flows) for a in seed) == 6
    assert s.class_counts["iop:Agreement"] == 4 + 64  # data/agreements/ and the register
    assert {c.document.rsplit("/", 1)[-1] for c in s.sources if c.resources and c.quotes} == {
        "000_f3ab1bfbfeda5899",
        "001_3a24a337d59ea139",
        "002_dc08453122fb49b0",
        "003_1ce86bf4cc044917",
        "004_a0ea0bab7adf4e3b",
    }
    text = format_summary(s)
    assert "Agreements (68; 20 shown" in text and "752 734 kr" in text


def test_summary_of_many_agreements_shows_the_first_twenty(tmp_path, project):
    """At scale the summary stays a summary: 20 agreements and documents, with the totals."""
    from iopkg.graph import load_store
    from iopkg.synth.generate import generate

    generate(60, tmp_path, seed=2)
    store = load_store([tmp_path, project.data_dir / "reference"])
    s = summarize(store, lang="en")
    labels = [a.agreement.label for a in s.agreements]
    assert len(labels) == 20 and labels == sorted(labels)
    assert len(s.sources) == 20
    text = format_summary(s)
    assert "Agreements (60; 20 shown, all of them: iopkg query run agreements):" in text
    assert f"By source document ({s.class_counts['iop:SourceDocument']}; 20 shown;" in text
