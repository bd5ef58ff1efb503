"""Pages of a listing read by key from a cached store: the same rows as the whole listing's
slice, keys kept with the entry, and the reach of a page's facts."""

from __future__ import annotations

import json
from dataclasses import replace

import pyoxigraph as ox
import pytest
from rows import concat_columns, normalised
from typer.testing import CliRunner

from iopkg import store_cache
from iopkg.cli import app
from iopkg.errors import QueryError, QueryTimeoutError
from iopkg.graph import load_store
from iopkg.sparql import paging
from iopkg.sparql.catalogue import bind_params
from iopkg.sparql.files import packaged_query, parse_query_text
from iopkg.sparql.paging import first_keys, page_keys, paged_stream, reach
from iopkg.sparql.source import LocalSource
from iopkg.synth.generate import generate

runner = CliRunner()
PAGED = ("agreements", "funding-flows", "decisions")


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("IOPKG_CACHE_DIR", str(folder))
    monkeypatch.setenv("IOPKG_CACHE_MIN_BYTES", "0")
    store_cache.use_cache(None)
    yield folder
    store_cache.use_cache(None)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth")
    generate(150, folder, seed=3)
    return folder


def cells(query, columns, rows) -> list[tuple]:
    """Rows in their order, each GROUP_CONCAT cell's items sorted (their order is the store's)."""
    concat = concat_columns(query)
    return [normalised(columns, [row], concat)[0] for row in rows]


def pages_equal_the_listing(cached: ox.Store, parsed: ox.Store, lang: str) -> int:
    checked = 0
    for name in PAGED:
        query = packaged_query(name)
        bindings = bind_params(query, {"lang": lang})
        with LocalSource(parsed).stream(query, bindings) as (columns, rows):
            whole = cells(query, columns, list(rows))
        assert len(whole) > 6, name
        for limit in (1, 4, 7):
            for offset in [*range(0, len(whole) + limit, limit), len(whole) + 10]:
                with paged_stream(cached, query, bindings, offset, limit) as (columns, rows):
                    page = cells(query, columns, list(rows))
                assert page == whole[offset : offset + limit], (name, offset, limit)
                checked += 1
    return checked


def test_every_page_is_the_slice_of_the_whole_listing(cache_dir):
    cached = load_store(cache=True, quiet=True)
    assert store_cache.entry_of(cached) is not None
    assert pages_equal_the_listing(cached, load_store(cache=False), "en") > 50


def test_pages_of_synthetic_data_in_swedish(cache_dir, synthetic):
    cached = load_store([synthetic], cache=True, quiet=True, include_reference=True)
    parsed = load_store([synthetic], cache=False, include_reference=True)
    assert pages_equal_the_listing(cached, parsed, "sv") > 50


def test_a_listing_read_to_its_end_by_key_is_the_whole_listing(cache_dir, synthetic):
    cached = load_store([synthetic], cache=True, quiet=True, include_reference=True)
    parsed = load_store([synthetic], cache=False, include_reference=True)
    for name in PAGED:
        query = packaged_query(name)
        bindings = bind_params(query, {"lang": "sv"})
        with LocalSource(parsed).stream(query, bindings) as (columns, rows):
            whole = cells(query, columns, list(rows))
        for offset in (0, 5, len(whole) - 1, len(whole), len(whole) + 3):
            # a few keys per small store, so the rows come from many of them
            with paged_stream(cached, query, bindings, offset, None, chunk=7) as (columns, rows):
                assert cells(query, columns, list(rows)) == whole[offset:], (name, offset)


def test_a_listing_read_by_key_stops_at_its_deadline(cache_dir):
    cached = load_store(cache=True, quiet=True)
    query = packaged_query("agreements")
    with pytest.raises(QueryTimeoutError, match="agreements: stopped after --timeout"):
        with paged_stream(cached, query, bind_params(query, {}), 0, None, 1e-9, chunk=1) as (
            _,
            rows,
        ):
            list(rows)


def test_the_keys_are_computed_once_and_kept_with_the_entry(cache_dir):
    cached = load_store(cache=True, quiet=True)
    query = packaged_query("decisions")
    # without its groups, a first page sorts every key and keeps them
    query = replace(query, page=replace(query.page, groups=None, ungrouped=None))
    bindings = bind_params(query, {})
    with paged_stream(cached, query, bindings, 2, 3) as (_, rows):
        first = list(rows)
    (kept,) = (store_cache.entry_of(cached) / "derived").glob("keys-*.pickle")
    stamp = kept.stat().st_mtime_ns
    with paged_stream(cached, query, bindings, 2, 3) as (_, rows):
        assert list(rows) == first
    assert kept.stat().st_mtime_ns == stamp
    # another language has keys of its own (the funding-flows keys depend on the labels)
    with paged_stream(cached, query, bind_params(query, {"lang": "sv"}), 0, 1) as (_, rows):
        assert len(list(rows)) == 1
    assert len(list(kept.parent.glob("keys-*.pickle"))) == 2


@pytest.mark.parametrize("name", PAGED)
def test_a_first_page_is_found_by_groups_and_the_whole_keys_kept_once_read(
    cache_dir, synthetic, monkeypatch, name
):
    monkeypatch.setattr(paging, "MOST_GROUPS", 8)  # rounds smaller than the 150 agreements
    cached = load_store([synthetic], cache=True, quiet=True, include_reference=True)
    parsed = load_store([synthetic], cache=False, include_reference=True)
    query = packaged_query(name)
    bindings = bind_params(query, {"lang": "sv"})
    whole = page_keys(parsed, query.page, bindings)
    derived = store_cache.entry_of(cached) / "derived"
    assert len(whole) > 100
    for count in (1, 2, 17, 60, len(whole) // 2):
        for kept in derived.glob("*.pickle"):
            kept.unlink()
        assert first_keys(cached, query.page, bindings, count) == whole[:count], count
        # the groups are kept; the keys only when every group was read
        assert list(derived.glob("groups-*.pickle"))
        assert not list(derived.glob("keys-*.pickle"))
    assert first_keys(cached, query.page, bindings, len(whole) + 5) == whole
    (kept,) = derived.glob("keys-*.pickle")
    assert page_keys(cached, query.page, bindings) == whole


def test_cli_pages_are_the_same_with_and_without_the_cache(cache_dir):
    for name in PAGED:
        args = ["query", "run", name, "--limit", "3", "--offset", "2", "-f", "json"]
        warm = runner.invoke(app, args)
        cold = runner.invoke(app, ["--no-cache", *args])
        assert warm.exit_code == cold.exit_code == 0, warm.output
        query = packaged_query(name)
        a, b = json.loads(warm.output), json.loads(cold.output)
        assert len(a) == len(b) == 3
        columns = list(b[0])
        assert cells(query, columns, [list(r.values()) for r in a]) == cells(
            query, columns, [list(r.values()) for r in b]
        )


def test_reach_takes_incoming_subjects_and_steps_out():
    e = "http://e/"
    store = ox.Store()
    n = {k: ox.NamedNode(e + k) for k in ("key", "in", "a", "b", "c", "other", "p")}
    p = n["p"]
    store.extend(
        ox.Quad(s, p, o)
        for s, o in [
            (n["in"], n["key"]),  # a flow pointing to the key
            (n["key"], n["a"]),  # one step out
            (n["a"], n["b"]),  # two steps out
            (n["b"], n["c"]),  # three: not reached
            (n["other"], n["a"]),  # points to a reached node, not to the key: not taken
        ]
    )
    store.add(ox.Quad(n["in"], p, ox.Literal("x")))
    mini = reach(store, [n["key"]], 1, 2)
    got = {(q.subject.value[len(e) :], str(q.object)) for q in mini}
    assert got == {
        ("in", f"<{e}key>"),
        ("in", '"x"'),
        ("key", f"<{e}a>"),
        ("a", f"<{e}b>"),
    }
    assert len(reach(store, [n["key"]], 0, 1)) == 1


def test_an_unreadable_page_line_is_one_error():
    with pytest.raises(QueryError, match="cannot read '# page: agreement"):
        parse_query_text("# page: agreement (keys x)\nSELECT * WHERE { }", "q")


EDGES = """
@prefix iop: <https://w3id.org/iopkg/def#> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix e: <https://example.org/> .
@prefix eli: <http://data.europa.eu/eli/ontology#> .
e:m1 iop:municipalityCode "0100" ; rdfs:label "One"@en .
e:m2 rdfs:label "Two, no code"@en .
e:m3 iop:municipalityCode "0200" ; rdfs:label "Three"@en .
e:m4 iop:municipalityCode "0200" ; rdfs:label "Four, same code"@en .
e:org rdfs:label "Club"@en .
e:a iop:municipality e:m2 .
e:b iop:municipality e:m2, e:m3 ; schema:startDate "2021-01-01"^^xsd:date .
e:c iop:municipality e:m1 .
e:d iop:municipality e:m3 ; schema:startDate "2020-01-01"^^xsd:date .
e:g iop:municipality e:m4 ; schema:startDate "2020-06-01"^^xsd:date .
e:h iop:municipality e:m1, e:m3 .
e:a a iop:Agreement ; iop:publicParty e:m2 .
e:b a iop:Agreement ; iop:publicParty e:m3 .
e:c a iop:Agreement ; iop:publicParty e:m1 .
e:d a iop:Agreement ; iop:publicParty e:m3 .
e:g a iop:Agreement ; iop:publicParty e:m4 .
e:h a iop:Agreement ; iop:publicParty e:m1 .
e:f1 a iop:FundingFlow ; schema:funder e:m1 ; iop:recipient e:org ; iop:underAgreement e:c, e:a .
e:f2 a iop:FundingFlow ; schema:funder e:m1 ; iop:recipient e:org ; iop:underAgreement e:c .
e:f3 a iop:InKindContribution ; iop:giver e:m3 ; iop:recipient e:org ; iop:underAgreement e:b .
e:f4 a iop:FundingFlow ; schema:funder e:m2 ; iop:recipient e:nolabel ; iop:underAgreement e:a .
e:f5 a iop:FundingFlow ; schema:funder e:m4 ; iop:recipient e:org ; iop:underAgreement e:h ;
  schema:startDate "2020-01-01"^^xsd:date .
e:f6 a iop:FundingFlow ; schema:funder e:m3 ; iop:recipient e:org ; iop:underAgreement e:h .
e:d1 a iop:Decision ; eli:date_document "2020-05-01"^^xsd:date ;
  iop:proposalDate "2016-01-01"^^xsd:date .
e:d2 a iop:Decision ; iop:meetingDate "2019-03-01"^^xsd:date ;
  iop:proposalDate "2018-01-01"^^xsd:date .
e:d3 a iop:Decision ; iop:proposalDate "2018-06-01"^^xsd:date .
e:d4 a iop:Decision .
e:d5 a iop:Decision ; eli:date_document "2021-01-01"^^xsd:date, "2017-01-01"^^xsd:date .
e:d6 a iop:Decision ; eli:date_document "2020-05-01"^^xsd:date .
e:d0 a iop:Decision .
e:d7 a iop:Decision ; iop:meetingDate "2016-01-01"^^xsd:date ;
  eli:date_document "2022-01-01"^^xsd:date .
e:x eli:date_document "2015-01-01"^^xsd:date .
"""


@pytest.mark.parametrize("name", PAGED)
def test_first_keys_by_groups_on_shared_groups_and_missing_codes(
    cache_dir, tmp_path, monkeypatch, name
):
    """Agreements in two municipalities, municipalities without a code or with the same code,
    a flow under two agreements, a flow without a recipient's label, decisions with dates of
    several kinds, with two dates of one kind, with the same date, without a date: by groups,
    the same keys in the same order as sorting them all."""
    monkeypatch.setattr(paging, "MOST_GROUPS", 1)  # a round per group (and its ties)
    data = tmp_path / "edges.ttl"
    data.write_text(EDGES, encoding="utf-8")
    cached = load_store([data], cache=True, quiet=True)
    parsed = load_store([data], cache=False)
    query = packaged_query(name)
    bindings = bind_params(query, {})
    whole = page_keys(parsed, query.page, bindings)
    assert len(whole) == {"agreements": 6, "funding-flows": 5, "decisions": 8}[name]
    derived = store_cache.entry_of(cached) / "derived"
    for count in range(1, len(whole) + 2):
        for kept in derived.glob("*.pickle"):
            kept.unlink()
        assert first_keys(cached, query.page, bindings, count) == whole[:count], count
