"""Evaluation with gold kept apart from its texts (--texts), splits (--split), scored fields and
party aliases; and the real-document gold files are well formed (texts are not in the repo)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.extract.evaluate import FIELDS, evaluate

REAL = Path(__file__).parent / "extract" / "gold" / "real"


def _gold(folder: Path, name: str, split: str, facts: dict) -> None:
    g = {"document": f"{name}.txt", "split": split, "fields": ["publicParties", "ideaParties"],
         "facts": facts}  # fmt: skip
    (folder / f"{name}.gold.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")


def test_texts_folder_split_fields_and_aliases(tmp_path):
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir()
    texts.mkdir()
    (texts / "a.txt").write_text(
        "Ale kommun tecknar ett IOP med Föreningen Ljus.", encoding="utf-8"
    )  # noqa: E501
    (texts / "b.txt").write_text("Ale kommun tecknar ett IOP med Stiftelsen Mod.", encoding="utf-8")  # noqa: E501
    _gold(
        gold,
        "a",
        "tune",
        {
            "publicParties": [{"name": "Ale kommun"}],
            "ideaParties": [{"name": "Ljus", "aliases": ["Föreningen Ljus"]}],
        },
    )
    _gold(gold, "b", "heldout", {"publicParties": [{"name": "Ale kommun"}]})
    ev = evaluate([gold], texts, "tune")
    assert len(ev.documents) == 1
    assert set(ev.by_field()) == {"publicParties", "ideaParties"}
    o = ev.overall()
    assert (o.tp, o.fp, o.fn) == (2, 0, 0)
    held = evaluate([gold], texts, "heldout").overall()
    assert (held.tp, held.fp, held.fn) == (1, 1, 0)  # Stiftelsen Mod is not in that gold
    r = CliRunner().invoke(
        app, ["extract", "--evaluate", str(gold), "--texts", str(tmp_path / "nope")]
    )  # noqa: E501
    assert r.exit_code == 2 and r.output.startswith("Error: ")


def test_skip_missing_scores_the_documents_present_and_counts_the_rest(tmp_path):
    gold, texts = tmp_path / "gold", tmp_path / "texts"
    gold.mkdir()
    texts.mkdir()
    (texts / "b.txt").write_text("Ale kommun tecknar ett IOP med Stiftelsen Mod.", encoding="utf-8")
    _gold(gold, "a", "heldout", {"publicParties": [{"name": "Ale kommun"}]})  # a.txt is missing
    _gold(gold, "b", "heldout", {"publicParties": [{"name": "Ale kommun"}]})
    ev = evaluate([gold], texts, skip_missing=True)
    assert [d.gold.name for d in ev.documents] == ["b.gold.json"]
    assert [p.name for p in ev.skipped] == ["a.gold.json"]
    o = ev.overall()
    assert (o.tp, o.fp, o.fn) == (1, 1, 0)
    args = ["extract", "--evaluate", str(gold), "--texts", str(texts)]
    r = CliRunner().invoke(app, [*args, "--skip-missing", "--details"])
    assert r.exit_code == 0, r.output
    assert "documents: 1\n" in r.output
    assert "skipped (document not in the texts folder): 1" in r.output
    assert "a.gold.json: skipped: document not found" in r.output
    # without the flag the first missing document stops the run with one line naming it
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 2 and r.output.startswith("Error: ") and "a.txt" in r.output


def test_real_gold_files_are_complete_and_split_in_halves():
    files = sorted(REAL.glob("*.gold.json"))
    assert len(files) >= 20
    splits = {}
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        assert g["url"].startswith("http")
        assert g["accessed"] in ("2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29")
        assert g["split"] in (
            "tune",
            "heldout",
            "heldout2",
            "heldout3",
            "heldout4",
            "heldout5",
            "heldout6",
            "heldout7",
            "heldout8",
            "heldout9",
            "heldout10",
            "heldout11",
            "heldout12",
            "heldout13",
            "heldout14",
            "heldout15",
            "heldout16",
            "heldout17",
            "heldout18",
            "heldout19",
            "heldout20",
        ) and set(g["fields"]) <= set(FIELDS)
        assert g["classification"] in ("agreement", "decision-or-report", "news", "not-iop")
        assert all(len(q.split()) <= 25 for q in g["quotes"])  # short quotes only
        assert not (REAL / g["document"]).exists()  # page texts stay out of the repository
        splits.setdefault(g["split"], []).append(f.name)
    assert abs(len(splits["tune"]) - len(splits["heldout"])) <= 1
