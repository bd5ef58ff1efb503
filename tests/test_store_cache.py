"""The store cache: same answers as parsing, rebuilt on any change, never used when damaged,
safe when two commands build it at once."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rows import concat_columns, normalised
from typer.testing import CliRunner

from iopkg import store_cache
from iopkg.cli import app
from iopkg.errors import DataLoadError
from iopkg.graph import default_project, load_dataset, load_graph, load_store
from iopkg.sparql.catalogue import catalogue, run_query
from iopkg.sparql.source import LocalSource

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("IOPKG_CACHE_DIR", str(folder))
    monkeypatch.delenv("IOPKG_CACHE", raising=False)
    monkeypatch.setenv("IOPKG_CACHE_MIN_BYTES", "0")  # the shipped data is under 1 MiB
    store_cache.use_cache(None)
    yield folder
    store_cache.use_cache(None)


@pytest.fixture
def data(tmp_path):
    """A copy of the shipped data (agreements and the rest), to change."""
    folder = tmp_path / "data"
    shutil.copytree(default_project().data_dir, folder, ignore=shutil.ignore_patterns("sources"))
    return folder


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []


def marker(entry: Path) -> dict:
    return json.loads((entry / "iopkg-cache.json").read_text())


def quads(store: ox.Store) -> list[str]:
    """The quads, blank nodes written as ``_:`` (each parse labels them afresh), sorted."""
    return sorted(re.sub(r"_:[0-9a-f]+", "_:", str(q)) for q in store)


def test_second_load_opens_the_built_store_read_only(cache_dir, data):
    first = load_store([data], cache=True, quiet=True)
    [entry] = entries(cache_dir)
    built = marker(entry)["built"]
    second = load_store([data], cache=True, quiet=True)
    assert marker(entry)["built"] == built  # opened, not built again
    assert quads(second) == quads(first) == quads(load_store([data], cache=False))
    with pytest.raises((OSError, RuntimeError), match="read-write"):
        second.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))


def test_without_cache_nothing_is_written_and_the_store_is_writable(cache_dir, data):
    store = load_store([data], quiet=True)  # the library default: off
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    graph = load_graph([data])  # an rdflib graph may be changed: never from the cache
    store_cache.use_cache(True)
    assert load_graph([data]) is not None and len(graph) > 0
    assert not cache_dir.exists()


def test_named_graphs_and_personal_data_are_entries_of_their_own(cache_dir, data):
    plain = load_store([data], cache=True, quiet=True)
    named = load_dataset([data], cache=True, quiet=True)
    personal = load_store([data], include_personal_data=True, cache=True, quiet=True)
    assert len(entries(cache_dir)) == 3
    assert {q.graph_name for q in named} != {ox.DefaultGraph()}
    assert quads(named) == quads(load_dataset([data], cache=False))
    assert len(personal) > len(plain)
    assert quads(personal) == quads(load_store([data], include_personal_data=True, cache=False))


@pytest.mark.parametrize("personal", [False, True])
def test_every_catalogue_query_gives_the_same_answer_from_the_cache(cache_dir, personal):
    cached = load_store(include_personal_data=personal, cache=True, quiet=True)
    parsed = load_store(include_personal_data=personal, cache=False)
    for q in catalogue():
        a = run_query(q, source=LocalSource(cached))
        b = run_query(q, source=LocalSource(parsed))
        concat = concat_columns(q)
        assert a.columns == b.columns and len(a.rows) == len(b.rows), q.name
        assert normalised(a.columns, a.rows, concat) == normalised(b.columns, b.rows, concat)
        # Same rows; their order may differ only among rows that ORDER BY ranks equal.


def test_cli_output_is_the_same_with_and_without_cache_for_every_query(cache_dir):
    for q in catalogue():
        warm = [runner.invoke(app, ["query", "run", q.name, "-f", "json"]) for _ in range(2)]
        cold = runner.invoke(app, ["--no-cache", "query", "run", q.name, "-f", "json"])
        assert cold.exit_code == 0 and warm[0].exit_code == 0, cold.output + warm[0].output
        assert warm[0].output == warm[1].output
        concat = concat_columns(q)
        norm = []
        for r in (warm[1], cold):
            records = json.loads(r.output)
            columns = list(records[0]) if records else []
            norm.append(normalised(columns, [list(x.values()) for x in records], concat))
        assert norm[0] == norm[1], q.name
    assert len(entries(cache_dir)) == 1  # one entry for the default data


@pytest.mark.parametrize("change", ["touch", "modify", "add", "remove", "version"])
def test_any_change_to_the_inputs_rebuilds(cache_dir, data, change, monkeypatch):
    load_store([data], cache=True, quiet=True)
    [old] = entries(cache_dir)
    target = data / "decisions.ttl"
    extra = '\n<https://example.org/x> <http://www.w3.org/2000/01/rdf-schema#label> "x" .\n'
    if change == "touch":
        st = target.stat()
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    elif change == "modify":
        with open(target, "a", encoding="utf-8") as f:
            f.write(extra)
    elif change == "add":
        (data / "extra.ttl").write_text(extra, encoding="utf-8")
    elif change == "remove":
        (data / "decisions.ttl").unlink()
    else:
        monkeypatch.setattr(store_cache, "__version__", "999.0")
    store = load_store([data], cache=True, quiet=True)
    [new] = entries(cache_dir)  # the stale entry of the same inputs is gone
    assert new != old
    assert quads(store) == quads(load_store([data], cache=False))
    if change in ("modify", "add"):
        assert any("https://example.org/x" in q for q in quads(store))


def _damage(entry: Path, how: str) -> None:
    db = entry / "db"
    if how == "truncate":
        sst = max(db.glob("*.sst"), key=lambda p: p.stat().st_size)
        with open(sst, "r+b") as f:
            f.truncate(sst.stat().st_size // 2)
    elif how == "garbage":
        sst = max(db.glob("*.sst"), key=lambda p: p.stat().st_size)
        with open(sst, "r+b") as f:
            f.seek(100)
            f.write(b"\x00garbage\xff" * 50)
    elif how == "garbage-same-time":  # as if rewritten within the clock tick of the build
        sst = max(db.glob("*.sst"), key=lambda p: p.stat().st_size)
        st = sst.stat()
        with open(sst, "r+b") as f:
            f.seek(100)
            f.write(b"\x00garbage\xff" * 50)
        os.utime(sst, ns=(st.st_atime_ns, st.st_mtime_ns))
    elif how == "no-marker":
        (entry / "iopkg-cache.json").unlink()
    elif how == "bad-marker":
        (entry / "iopkg-cache.json").write_text("{not json", encoding="utf-8")
    elif how == "other-key":
        m = marker(entry)
        m["key"] = "0" * 32
        (entry / "iopkg-cache.json").write_text(json.dumps(m), encoding="utf-8")
    elif how == "missing-file":
        next(db.glob("*.sst")).unlink()
    elif how == "no-db":
        shutil.rmtree(db)


@pytest.mark.parametrize(
    "how",
    [
        "truncate",
        "garbage",
        "garbage-same-time",
        "no-marker",
        "bad-marker",
        "other-key",
        "missing-file",
        "no-db",
    ],
)
def test_a_damaged_entry_is_rebuilt_never_used(cache_dir, data, how):
    load_store([data], cache=True, quiet=True)
    [entry] = entries(cache_dir)
    built = marker(entry)["built"]
    _damage(entry, how)
    store = load_store([data], cache=True, quiet=True)
    assert marker(entry)["built"] > built
    assert quads(store) == quads(load_store([data], cache=False))


def test_an_interrupted_build_is_ignored_and_cleared(cache_dir, data):
    cache_dir.mkdir()
    half = cache_dir / "tmp-0123-1-abc"
    (half / "db").mkdir(parents=True)
    (half / "db" / "000001.sst").write_bytes(b"partial")
    foreign = cache_dir / "notes.txt"
    foreign.write_text("not iopkg's", encoding="utf-8")
    load_store([data], cache=True, quiet=True)
    info = store_cache.cache_info()
    assert sorted(e.complete for e in info.entries) == [False, True]
    result = runner.invoke(app, ["cache", "clear"])
    assert result.exit_code == 0 and "Removed 2 entries" in result.output
    assert sorted(p.name for p in cache_dir.iterdir()) == ["notes.txt"]  # only iopkg's removed


def test_a_bad_file_gives_the_same_one_line_error_and_leaves_nothing(cache_dir, data):
    (data / "bad.ttl").write_text('@prefix x: <http://e/> .\nx:a x:p "open .\n', encoding="utf-8")
    with pytest.raises(DataLoadError) as parsed:
        load_store([data], cache=False)
    with pytest.raises(DataLoadError) as cached:
        load_store([data], cache=True, quiet=True)
    assert str(cached.value) == str(parsed.value)
    assert ":2:" in str(cached.value)
    assert entries(cache_dir) == []  # no entry, no temporary folder
    cli = runner.invoke(app, ["query", "run", "agreements", "--data", str(data)])
    assert cli.exit_code == 2
    assert cli.output.strip() == f"Error: {parsed.value}"


_BUILD = """
import sys
from pathlib import Path
from iopkg.graph import load_store
store = load_store([Path(sys.argv[1])], cache=True, quiet=True)
print(len(store))
"""


def test_two_processes_building_at_once_build_one_sound_entry(cache_dir, data):
    env = {**os.environ, "IOPKG_CACHE_DIR": str(cache_dir), "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _BUILD, str(data)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode == 0 for p in procs), [o[1] for o in outs]
    expected = str(len(load_store([data], cache=False)))
    assert [o[0].strip() for o in outs] == [expected] * 3
    [entry] = entries(cache_dir)
    assert entry.name.startswith("store-")
    assert marker(entry)["quads"] == int(expected)


def test_cli_no_cache_writes_nothing_and_info_shows_the_folder(cache_dir):
    result = runner.invoke(app, ["--no-cache", "query", "run", "active-on", "-f", "csv"])
    assert result.exit_code == 0 and not cache_dir.exists()
    result = runner.invoke(app, ["query", "run", "active-on", "-f", "csv"])
    assert result.exit_code == 0 and len(entries(cache_dir)) == 1
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0
    assert f"Cache folder: {cache_dir}" in info.output and "1 entries" in info.output
    assert store_cache.cache_enabled() is False  # the command's switch does not outlive it


def test_cache_folder_follows_the_platform_unless_set(monkeypatch):
    monkeypatch.delenv("IOPKG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere/cache")
    assert store_cache.cache_dir() == Path("/somewhere/cache/iopkg/stores")
    monkeypatch.setenv("IOPKG_CACHE_DIR", "/elsewhere")
    assert store_cache.cache_dir() == Path("/elsewhere")


def test_an_unusable_cache_folder_falls_back_to_parsing(tmp_path, monkeypatch, data):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("IOPKG_CACHE_DIR", str(blocker / "cache"))
    store = load_store([data], cache=True, quiet=True)
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
    assert len(store) == len(load_store([data], cache=False)) + 1


def kept(folder: Path) -> dict[str, Path]:
    """The results kept with the (only) entry, by kind."""
    (entry,) = entries(folder)
    return {p.name.split("-")[0]: p for p in sorted((entry / "derived").glob("*.pickle"))}


def without_seconds(text: str) -> str:
    return re.sub(r"\(\d+\.\d s;", "(s;", text)


def test_run_keeps_its_results_with_the_entry_and_reads_them_back(cache_dir):
    plain = runner.invoke(app, ["--no-cache", "run", "-q"])
    first = runner.invoke(app, ["run", "-q"])
    assert first.exit_code == plain.exit_code == 0, first.output
    files = kept(cache_dir)
    assert sorted(files) == ["compare", "coverage", "keys", "summary", "validation"]
    # the keys of the three paged listings, computed in memory for the run's language
    (entry,) = entries(cache_dir)
    listing_keys = sorted((entry / "derived").glob("keys-*"))
    assert len(listing_keys) == 3
    page = runner.invoke(app, ["query", "run", "funding-flows", "--limit", "2", "-f", "csv"])
    assert page.exit_code == 0 and len(page.output.splitlines()) == 3
    assert sorted((entry / "derived").glob("keys-*")) == listing_keys  # read, none computed
    stamps = {k: p.stat().st_mtime_ns for k, p in files.items()}
    second = runner.invoke(app, ["run", "-q"])
    assert without_seconds(second.output) == without_seconds(first.output)
    assert without_seconds(second.output) == without_seconds(plain.output)
    assert {
        k: p.stat().st_mtime_ns for k, p in kept(cache_dir).items()
    } == stamps  # read, not written
    # validate reads the report run kept (same shapes, same minimum severity)
    checked = runner.invoke(app, ["validate", "-q"])
    assert checked.output == runner.invoke(app, ["--no-cache", "validate", "-q"]).output
    assert kept(cache_dir)["validation"].stat().st_mtime_ns == stamps["validation"]


@pytest.mark.parametrize("how", ["truncated", "flipped", "empty"])
def test_a_damaged_kept_result_is_computed_again(cache_dir, how):
    plain = runner.invoke(app, ["--no-cache", "validate", "-q"])
    assert runner.invoke(app, ["validate", "-q"]).exit_code == 0
    path = kept(cache_dir)["validation"]
    blob = path.read_bytes()
    if how == "truncated":
        path.write_bytes(blob[: len(blob) // 2])
    elif how == "flipped":
        path.write_bytes(blob[:-10] + bytes([blob[-10] ^ 0xFF]) + blob[-9:])
    else:
        path.write_bytes(b"")
    again = runner.invoke(app, ["validate", "-q"])
    assert again.exit_code == 0 and again.output == plain.output
    assert path.read_bytes() == blob  # computed again and kept whole


def test_other_shapes_or_language_are_other_results(cache_dir, tmp_path):
    assert runner.invoke(app, ["validate", "-q"]).exit_code == 0
    shapes = tmp_path / "shapes"
    shutil.copytree(ROOT / "shapes", shapes)
    strict = shapes / "strict.ttl"
    strict.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix iop: <https://w3id.org/iopkg/def#> .\n"
        "<urn:x:NoAgreements> a sh:NodeShape ; sh:targetClass iop:Agreement ;\n"
        '  sh:not [ sh:class iop:Agreement ] ; sh:message "no agreements allowed" .\n',
        encoding="utf-8",
    )
    args = ["validate", "-q", "--shapes", str(shapes)]
    changed = runner.invoke(app, args)
    assert (
        changed.exit_code == 1
        and changed.output == runner.invoke(app, ["--no-cache", *args]).output
    )
    assert len([p for p in (entries(cache_dir)[0] / "derived").glob("validation-*")]) == 2
    strict.unlink()  # the same folder, other bytes: another report
    assert runner.invoke(app, args).exit_code == 0
    assert len([p for p in (entries(cache_dir)[0] / "derived").glob("validation-*")]) == 3
    sv = runner.invoke(app, ["run", "-q", "--lang", "sv"])
    plain_sv = runner.invoke(app, ["--no-cache", "run", "-q", "--lang", "sv"])
    assert without_seconds(sv.output) == without_seconds(plain_sv.output)
    assert len(list((entries(cache_dir)[0] / "derived").glob("summary-*"))) == 1
    assert runner.invoke(app, ["run", "-q"]).exit_code == 0
    assert len(list((entries(cache_dir)[0] / "derived").glob("summary-*"))) == 2


def test_small_inputs_are_parsed_not_cached(cache_dir, data, monkeypatch):
    monkeypatch.setenv("IOPKG_CACHE_MIN_BYTES", str(10 * 2**20))
    store = load_store([data], cache=True, quiet=True)
    assert not cache_dir.exists()
    store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x")))
