"""``iopkg.publish``: the folder, the DCAT-AP-SE catalogue, dumps, VoID, pages, no personal data."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import RDF, BNode, Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from iopkg.errors import PublishError
from iopkg.export.rdf import export_rdf as serialize
from iopkg.graph import default_project
from iopkg.publish import Licence, Publisher, publish
from iopkg.publish.catalogue import is_valid_org_number
from iopkg.publish.check import check, validate_catalogue

BASE = "https://example.org/iop"
#: Fictitious, Luhn-valid (group digit 4 is not used for Swedish organisations).
ORG = "402000-0008"
#: A fictitious publisher: group digit 4 is not used for Swedish organisation numbers.
PUBLISHER = Publisher(ORG, "Exempelförvaltningen")
VCARD = "http://www.w3.org/2006/vcard/ns#"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pub") / "site"
    publish(out, base_url=BASE, publisher=Publisher(ORG, "Exempelförvaltningen"))
    return out


@pytest.fixture(scope="module")
def catalogue(site) -> Graph:
    return Graph().parse(site / "catalog.rdf", format="xml")


def _personal_strings() -> tuple[list[str], list[str]]:
    g = Graph().parse(default_project().data_dir / "personal" / "persons.ttl")
    names = [str(o) for o in g.objects(None, URIRef(VCARD + "fn"))]
    emails = [str(o).removeprefix("mailto:") for o in g.objects(None, URIRef(VCARD + "hasEmail"))]
    return names, emails


def _texts(folder: Path):
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            data = p.read_bytes()
            # the dumps are .gz, Pagefind's index files gzipped CBOR under other names
            plain = gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data
            yield p, plain.decode("utf-8", errors="replace" if "pagefind" in p.parts else "strict")


def test_folder_has_dumps_catalogue_void_ontology_and_pages(site):
    for name in (
        "catalog.rdf",
        "catalog.ttl",
        "void.ttl",
        ".well-known/void",
        "index.html",
        "ontology.html",
        "ontology/iop.ttl",
        "dumps/SHA256SUMS",
        "id/agreement/lund-radrum-2019.html",
        "id/municipality/1281.html",
        "id/org/individuell-manniskohjalp.html",
        "id/decision/lund-kf-2019-01-31-16.html",
    ):
        assert (site / name).is_file(), name
    for ext in ("ttl", "nt", "jsonld"):
        plain = (site / f"dumps/iopkg.{ext}").read_bytes()
        assert gzip.decompress((site / f"dumps/iopkg.{ext}.gz").read_bytes()) == plain
    # only municipalities that something refers to get a page (those of the documents and of
    # the register: 20 of 290)
    pages = {p.name for p in (site / "id/municipality").iterdir()}
    assert {"0162.html", "1281.html", "0381.html"} <= pages and len(pages) == 20


def test_dumps_hold_the_graph_and_agree(site, store):
    graphs = []
    for name, fmt in (
        ("iopkg.ttl", ox.RdfFormat.TURTLE),
        ("iopkg.nt", ox.RdfFormat.N_TRIPLES),
        ("iopkg.jsonld", ox.RdfFormat.JSON_LD),
    ):
        s = ox.Store()
        s.load(path=str(site / "dumps" / name), format=fmt)
        graphs.append(serialize(s, __import__("iopkg.formats").formats.RdfFormat.NTRIPLES))
    assert graphs[0] == graphs[1] == graphs[2]
    assert len(graphs[0].splitlines()) == len(store)


def test_a_publication_is_the_same_bytes_on_every_build(tmp_path, site):
    # Dumps, catalogue (RDF/XML too), pages with embedded JSON-LD of blank nodes, chart: a
    # rebuild changes no file, so a mirror or harvester sees only real changes.
    # Pagefind's index too: its binary writes filters in hash-map order, which publish
    # rewrites canonically (iopkg.publish.pagefind_canon).
    other = tmp_path / "again"
    publish(other, base_url=BASE, publisher=Publisher(ORG, "Exempelförvaltningen"))
    files = sorted(p.relative_to(site) for p in site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
    for lang in ("sv", "en"):  # one index (shard) per language: fewer than 2 000 agreements
        entry = json.loads(
            (site / f"pagefind/{lang}/000/pagefind-entry.json").read_text(encoding="utf-8")
        )
        assert {k: v["page_count"] for k, v in entry["languages"].items()} == {lang: 68}
    assert any(b"_:b" in (site / f).read_bytes() for f in files if f.suffix == ".html")
    for f in files:
        assert (other / f).read_bytes() == (site / f).read_bytes(), f


def test_a_publication_from_the_store_cache_writes_the_same_pages_and_dumps(
    tmp_path, site, monkeypatch
):
    # publish(cache=True) reads the on-disk store (opened once, read by the forked page and
    # dump processes) instead of a copy parsed into memory: the resource pages and the dumps
    # are the same bytes. (The index's type column and the search rows still follow the store's
    # own order of a resource's several values, which differs between the two stores.)
    monkeypatch.setenv("IOPKG_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("IOPKG_CACHE_MIN_BYTES", "0")  # data/ is under the usual threshold
    other = tmp_path / "cached"
    publish(other, base_url=BASE, publisher=PUBLISHER, cache=True)
    assert list((tmp_path / "cache").glob("store-*/db"))  # it was read from the cache
    pages = sorted(p.relative_to(site) for p in (site / "id").rglob("*.html"))
    assert len(pages) > 100
    assert pages == sorted(p.relative_to(other) for p in (other / "id").rglob("*.html"))
    dumps = sorted(p.relative_to(site) for p in (site / "dumps").iterdir())
    for f in [*pages, *(Path("en") / p for p in pages), *dumps]:
        assert (other / f).read_bytes() == (site / f).read_bytes(), f


def test_catalogue_conforms_to_dcat_ap_3_and_dcat_ap_se(catalogue):
    assert validate_catalogue(catalogue) == []


def test_catalog_ttl_is_the_same_graph(catalogue, site):
    assert Graph().parse(site / "catalog.ttl").isomorphic(catalogue)


def test_shapes_do_catch_a_broken_catalogue(catalogue):
    broken = Graph()
    for t in catalogue:
        broken.add(t)
    ds = next(broken.subjects(RDF.type, DCAT.Dataset))
    broken.remove((ds, DCTERMS.publisher, None))  # SE addition: publisher is mandatory
    broken.remove((None, DCTERMS.license, None))  # SE addition: catalogue licence mandatory
    messages = [p.message for p in validate_catalogue(broken)]
    assert any("DCAT-AP-SE requires a publisher" in m for m in messages), messages
    assert any("DCAT-AP-SE requires a licence" in m for m in messages), messages


def test_catalogue_content(catalogue, site, store):
    cat = next(catalogue.subjects(RDF.type, DCAT.Catalog))
    ds = next(catalogue.subjects(RDF.type, DCAT.Dataset))
    pub = URIRef("http://dataportal.se/organisation/SE4020000008")
    assert catalogue.value(cat, DCTERMS.publisher) == pub == catalogue.value(ds, DCTERMS.publisher)
    assert (pub, RDF.type, FOAF.Organization) in catalogue
    assert catalogue.value(cat, DCTERMS.license) == URIRef(
        "http://publications.europa.eu/resource/authority/licence/CC0"
    )
    themes = set(catalogue.objects(ds, DCAT.theme))
    assert URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI") in themes
    dists = set(catalogue.objects(ds, DCAT.distribution))
    assert len(dists) == 6
    service = next(catalogue.subjects(RDF.type, DCAT.DataService))
    assert str(catalogue.value(service, DCAT.endpointURL)) == f"{BASE}/sparql"
    for cls in (DCAT.Catalog, DCAT.Dataset, DCAT.Distribution, FOAF.Agent, URIRef(VCARD + "Kind")):
        for node in catalogue.subjects(RDF.type, cls):
            assert not isinstance(node, BNode), cls
    assert not any(isinstance(s, BNode) for s in catalogue.subjects())
    period = catalogue.value(ds, DCTERMS.temporal)
    # the register's earliest start (Göteborg 2013) and latest end (Enköping 2027)
    assert str(catalogue.value(period, DCAT.startDate)) == "2013-01-01"
    assert str(catalogue.value(period, DCAT.endDate)) == "2027-12-31"
    spatial = {str(s) for s in catalogue.objects(ds, DCTERMS.spatial)}
    assert "https://w3id.org/iopkg/id/municipality/1281" in spatial
    assert "https://w3id.org/iopkg/id/municipality/0162" in spatial
    for d in dists:
        name = str(catalogue.value(d, DCAT.downloadURL))[len(BASE) + 1 :]
        data = (site / name).read_bytes()
        assert int(catalogue.value(d, DCAT.byteSize)) == len(data)


def test_void_counts_and_links(site, store):
    void = Graph().parse(site / "void.ttl")
    assert void.isomorphic(Graph().parse(site / ".well-known/void", format="turtle"))
    v = "http://rdfs.org/ns/void#"
    ds = next(void.subjects(RDF.type, URIRef(v + "Dataset")))
    assert int(void.value(ds, URIRef(v + "triples"))) == len(store)
    assert str(void.value(ds, URIRef(v + "uriSpace"))) == "https://w3id.org/iopkg/id/"
    assert len(set(void.objects(ds, URIRef(v + "dataDump")))) == 6
    assert void.value(ds, URIRef(v + "sparqlEndpoint")) is not None


def test_agreement_page_shows_facts_quotes_links_and_jsonld(site):
    html = (site / "id/agreement/lund-radrum-2019.html").read_text(encoding="utf-8")
    assert "RådRum (Lund, 2019–2021)" in html
    assert "2019-07-01" in html and "520 000 kr" in html and 'lang="sv"' in html
    assert 'href="../org/individuell-manniskohjalp.html"' in html
    assert 'href="../municipality/1281.html"' in html
    assert "<blockquote" in html
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    g = Graph().parse(data=block, format="json-ld")
    radrum = URIRef("https://w3id.org/iopkg/id/agreement/lund-radrum-2019")
    assert str(g.value(radrum, URIRef("https://schema.org/startDate"))) == "2019-07-01"
    json.loads(block)


def _jsonld(html: str) -> Graph:
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    return Graph().parse(data=block, format="json-ld")


def test_a_flow_is_shown_in_full_on_its_agreement_page_only(site):
    """A funding flow's facts and quotes are on its agreement's page; its funder's and
    recipient's pages link it there and keep only the statement pointing at them."""
    flow = URIRef("https://w3id.org/iopkg/id/flow/lund-radrum-2019-a")
    amount = URIRef("https://schema.org/amount")
    agreement = (site / "id/agreement/lund-radrum-2019.html").read_text(encoding="utf-8")
    assert _jsonld(agreement).value(flow, amount) is not None
    assert "RådRum 2019-07-01 – 2020-06-30: 520 000 kr" in agreement
    for page, prop in (
        ("id/org/individuell-manniskohjalp.html", "https://w3id.org/iopkg/def#recipient"),
        ("id/unit/lund-socialforvaltningen.html", "https://schema.org/funder"),
    ):
        html = (site / page).read_text(encoding="utf-8")
        g = _jsonld(html)
        assert g.value(flow, amount) is None, page
        assert set(g.predicates(flow, None)) == {URIRef(prop)}, page
        link = '<a href="../agreement/lund-radrum-2019.html">RådRum 2019-07-01 – 2020-06-30: 520'
        assert link in html, page


def test_ontology_page_documents_classes_in_sv_and_en(site):
    html = (site / "ontology.html").read_text(encoding="utf-8")
    assert "iop:Agreement" in html and "iop:publicParty" in html
    assert "Överenskommelse" in html or "överenskommelse" in html


def test_index_loads_no_external_script(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "<script src" not in html and "http" not in html.split("<script>", 1)[1]


def test_every_page_links_the_one_stylesheet_instead_of_repeating_it(site):
    # the rules were inlined in each of 500 000 pages at 100 000 agreements (0.65 GB of the site)
    css = site / "assets" / "style.css"
    assert "font-family" in css.read_text(encoding="utf-8")
    pages = [
        p for p in site.rglob("*.html") if p.name != "console.html" and "assets" not in p.parts
    ]
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        [href] = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html)
        assert (page.parent / href).resolve() == css.resolve(), page
        assert "body { font-family" not in html, page


def test_chart_hook_is_called_and_shown(tmp_path):
    out = tmp_path / "site"
    publish(
        out,
        base_url=BASE,
        publisher=PUBLISHER,
        chart=lambda p: p.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>"),
    )
    assert (out / "chart.svg").is_file()
    assert 'src="chart.svg"' in (out / "index.html").read_text(encoding="utf-8")


def test_no_personal_data_in_a_default_publication(site):
    names, emails = _personal_strings()
    assert len(names) == 15 and len(emails) == 5
    email_re = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
    for path, text in _texts(site):
        low = text.lower()
        for s in names + emails:
            assert s.lower() not in low, (path, s)
        assert not email_re.search(text), (path, email_re.search(text).group())


def test_personal_data_only_on_request_with_warning(tmp_path):
    out = tmp_path / "site"
    report = publish(out, base_url=BASE, publisher=PUBLISHER, include_personal_data=True)
    assert report.personal_data and any("personal data" in w for w in report.warnings)
    names, _ = _personal_strings()
    text = "".join(t for _, t in _texts(out))
    assert any(n in text for n in names)
    assert 'id="personal-warning"' in (out / "index.html").read_text(encoding="utf-8")
    assert "Includes personal data" in (out / "catalog.ttl").read_text(encoding="utf-8")


def test_cc_by_licence_on_distributions(tmp_path):
    out = tmp_path / "site"
    publish(out, base_url=BASE, publisher=PUBLISHER, licence=Licence.cc_by_4_0)
    g = Graph().parse(out / "catalog.ttl")
    lic = {
        str(o)
        for d in g.subjects(RDF.type, DCAT.Distribution)
        for o in g.objects(d, DCTERMS.license)
    }
    assert lic == {"http://publications.europa.eu/resource/authority/licence/CC_BY_4_0"}
    assert validate_catalogue(g) == []


def test_check_passes_then_finds_tampering_and_broken_links(tmp_path):
    out = tmp_path / "site"
    publish(out, base_url=BASE, publisher=PUBLISHER)
    report = check(out)
    assert report.ok, report.problems
    assert report.files_checked == 6 and report.links_checked > 100
    with open(out / "dumps/iopkg.nt", "ab") as f:
        f.write(b"# extra\n")
    (out / "id/municipality/0162.html").unlink()
    problems = [str(p) for p in check(out).problems]
    assert any(p.startswith("dumps/iopkg.nt: size") for p in problems), problems
    assert any("checksum" in p for p in problems)
    assert any("broken link" in p and "0162.html" in p for p in problems)


def test_a_failed_publication_leaves_the_previous_folder_whole(tmp_path):
    out = tmp_path / "site"
    publish(out, base_url=BASE, publisher=PUBLISHER)
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def boom(path: Path) -> None:
        raise RuntimeError("chart failed")

    with pytest.raises(RuntimeError):
        publish(out, base_url=BASE, publisher=PUBLISHER, chart=boom)
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]


def test_no_data_chooses_where_a_page_is_written_or_breaks_its_script(tmp_path):
    """An IRI with ``..`` wrote its page outside the publication, and IRIs outside the id:
    namespace were cut at id:'s length, so that two of them shared one page; and paths that
    differ only in case are one file on macOS and Windows."""
    data = tmp_path / "data.ttl"
    data.write_text(
        "@prefix iop: <https://w3id.org/iopkg/def#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/iopkg/id/../../../escaped> a iop:Decision ; rdfs:label "A"@sv .\n'
        '<https://lund.se/iop/1> a iop:Decision ; rdfs:label "B"@sv .\n'
        '<https://lund.se/iop/2> a iop:Decision ; rdfs:label "C"@sv .\n'
        '<https://w3id.org/iopkg/id/decision/x> a iop:Decision ; rdfs:label "D"@sv .\n'
        '<https://w3id.org/iopkg/id/decision/X> a iop:Decision ; rdfs:label "E"@sv .\n'
        '<https://w3id.org/iopkg/id/decision/s> a iop:Decision ; rdfs:label "S"@sv ;\n'
        '  rdfs:comment "<!--<script> & </script>"@sv .\n',
        encoding="utf-8",
    )
    out = tmp_path / "pub" / "site"
    publish(out, base_url=BASE, publisher=PUBLISHER, paths=[data])
    assert [p for p in tmp_path.rglob("escaped*") if out not in p.parents] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.ttl", "pub"]
    # and none whose paths differ only in case (one page on macOS and Windows)
    pages = [*(out / "ext").iterdir(), *(out / "id" / "decision").iterdir()]
    assert len({str(p).casefold() for p in pages}) == len(pages) == 6
    titles = sorted(
        re.search(r"<h1 id=\"label\">(.*?)</h1>", p.read_text()).group(1) for p in pages
    )
    assert titles == ["A", "B", "C", "D", "E", "S"]
    assert len({p.name for p in (out / "en" / "ext").iterdir()}) == 4
    assert check(out).ok
    # the embedded JSON-LD holds no "<": "<!--<script>" made the HTML parser run past the
    # script's end, and "</script>" ends it
    html = (out / "id" / "decision" / "s.html").read_text(encoding="utf-8")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block
    comment = URIRef("http://www.w3.org/2000/01/rdf-schema#comment")
    assert {str(o) for o in _jsonld(html).objects(None, comment)} == {"<!--<script> & </script>"}


def test_bad_inputs_are_errors():
    with pytest.raises(PublishError, match="--base-url"):
        publish(Path("/nonexistent/x"), base_url="example.org", publisher=PUBLISHER)
    with pytest.raises(PublishError, match="org"):
        publish(Path("/nonexistent/x"), base_url=BASE, publisher=Publisher("212000-0000", "X"))
    assert is_valid_org_number("845000-8175") and not is_valid_org_number("841231-1234")
    assert hashlib.sha256(b"").hexdigest()


def test_index_shows_the_comparison_chart(site):
    chart = (site / "chart.svg").read_text(encoding="utf-8")
    assert chart.lstrip().startswith(("<?xml", "<svg")) and "</svg>" in chart
    index = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="chart.svg"' in index and "without the comparison chart" not in index


def test_chart_is_for_reports_stacked_swedish_with_source_line_and_text(site):
    svg = (site / "chart.svg").read_text(encoding="utf-8")
    assert "<text" in svg  # svg.fonttype none: text stays text, not paths
    for words in ("kommunal budget", "statligt bidrag", "Källa:", "Lunds kommun"):
        assert words in svg, words
    assert re.search(r">\d{1,3}(?:[\u00a0 ]\d{3})+<", svg)  # thousands separated: 200 000
    english = (site / "en" / "chart.svg").read_text(encoding="utf-8")
    assert "municipal budget" in english and "Source:" in english
    assert re.search(r">\d{1,3}(?:,\d{3})+<", english)


def test_pages_show_no_raw_terms_and_index_is_one_language(site):
    from iopkg.publish.i18n import Lang

    for lang in Lang:
        root = site / lang.prefix if lang.prefix else site
        for page in (
            "index.html",
            "id/agreement/lund-radrum-2019.html",
            "id/municipality/1281.html",
            "id/org/individuell-manniskohjalp.html",
        ):
            html = (root / page).read_text(encoding="utf-8")
            body = html.split('<main id="main">', 1)[1].split("<script", 1)[0]
            text = re.sub(r"<[^>]+>", " ", body)
            for raw in ("schema:", "dct:", "rov:", "iop:", "skos:", "(sv)", "(en)", "P1Y"):
                assert raw not in text, (lang, page, raw)
            assert f'<html lang="{lang.value}">' in html
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Namn" in index and ">Name<" not in index
    municipality = (site / "id/municipality/1281.html").read_text(encoding="utf-8")
    assert "130 288" in municipality and "1 544 486 kr" in municipality


def test_decision_page_lists_what_rests_on_it(site):
    html = (site / "id/decision/lund-kf-2019-01-31-16.html").read_text(encoding="utf-8")
    rests = html.split("Vilar på detta beslut", 1)[1].split("</table>", 1)[0]
    assert "RådRum (Lund, 2019–2021)" in rests


def test_ontology_page_documents_reused_terms_with_prefixes_and_examples(site):
    html = (site / "ontology.html").read_text(encoding="utf-8")
    for term in ("schema:amount", "schema:value", "skos:prefLabel", "eli:date_document"):
        assert f"<code>{term}</code>" in html, term
    assert "PREFIX iop: &lt;https://w3id.org/iopkg/def#&gt;" in html
    assert "?s a iop:Agreement" in html


def test_index_shows_the_register_completeness(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    section = index[index.index('<table id="completeness">') :]
    section = section[: section.index("</table>")]
    assert "64 överenskommelser är kända bara från offentliga webbsidor" in index
    assert '<td class="num">34/64</td><td class="num">53 %</td>' in section  # period
    assert '<td class="num">9/64</td><td class="num">14 %</td>' in section  # money
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "64 agreements are known only from public web pages" in english


def test_publish_leaves_the_callers_objects_collectable(site):
    """The pages are written with what they hold frozen out of the collector's full collections
    (gc.freeze); the caller's objects are unfrozen afterwards."""
    import gc

    assert gc.get_freeze_count() == 0


#: Characters XML 1.0 cannot hold, even escaped (besides surrogates, which UTF-8 cannot encode).
_XML_ILLEGAL = [chr(c) for c in range(0x20) if c not in (0x9, 0xA, 0xD)] + ["\ufffe", "\uffff"]


@pytest.mark.parametrize("char", _XML_ILLEGAL, ids=lambda c: f"U+{ord(c):04X}")
def test_page_text_with_a_character_xml_cannot_hold_is_refused(tmp_path: Path, char: str) -> None:
    from iopkg.errors import ExportError
    from iopkg.publish.files import write_text

    page = tmp_path / "p.html"
    with pytest.raises(ExportError, match=f"U\\+{ord(char):04X}"):
        write_text(page, f"<p>Kvinnojouren ⇅ {char} 1 686 000 kr</p>")
    assert not page.exists()
    write_text(tmp_path / "p.txt", char)  # not XML: written as it is
    assert (tmp_path / "p.txt").read_text(encoding="utf-8") == char


def test_page_text_of_any_plane_is_written(tmp_path: Path) -> None:
    from iopkg.publish.files import write_text

    text = "<p>Överenskommelse \u2013 idéburet \ufffd \U0001d538 ⇅</p>"
    write_text(tmp_path / "p.html", text)
    assert (tmp_path / "p.html").read_text(encoding="utf-8") == text


def _search_records(n: int) -> list:
    from iopkg.publish.search import SearchRecord

    return [
        SearchRecord(
            url=f"id/a{i:03d}.html",
            lang="sv",
            title=f"Avtal {i} med Kvinnojouren",
            content="idéburet offentligt partnerskap",
            filters={"municipality": ["Lund"], "year": [str(2019 + i % 3)]},
            meta={"start": f"{2019 + i % 3}-01-01", "row": "[]"},
        )
        for i in range(n)
    ]


def _shards_of_two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int) -> tuple[Path, Path]:
    """``n`` records' search documents in shards of two: (documents folder, site folder)."""
    from iopkg.publish import search

    monkeypatch.setattr(search, "SHARD_SIZE", 2)
    docs, out = tmp_path / "docs", tmp_path / "site"
    search.write_documents(docs, "sv", _search_records(n), out)
    return docs, out


def test_the_indexer_indexes_every_shard_and_removes_its_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from iopkg.publish import search

    docs, out = _shards_of_two(tmp_path, monkeypatch, 9)
    indexer = search.start_indexing(docs, "sv", 9, out)
    assert indexer.wait() == (0, "")
    shards = sorted(p.name for p in (out / "pagefind" / "sv").iterdir() if p.is_dir())
    assert shards == ["000", "001", "002", "003", "004"]
    assert all((out / "pagefind" / "sv" / s / "pagefind-entry.json").is_file() for s in shards)
    assert not any((docs / "sv").iterdir())  # each shard's documents deleted once read


def test_a_failing_shard_fails_the_index_and_starts_no_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from iopkg.publish import search

    docs, out = _shards_of_two(tmp_path, monkeypatch, 12)
    for shard in ("000", "001"):  # both first runs fail: nothing to index
        shutil.rmtree(docs / "sv" / shard)
        (docs / "sv" / shard).mkdir()
    code, err = search.start_indexing(docs, "sv", 12, out).wait()
    assert code != 0 and "not able to build an index" in err
    # the failure stops the others: the last shards are never started
    assert not (out / "pagefind" / "sv" / "005").exists()
    with pytest.raises(PublishError, match="search: Pagefind failed"):
        search.finish_index([(code, err)])


def test_search_documents_written_as_they_come_equal_those_sorted_first(tmp_path: Path) -> None:
    from iopkg.publish import search

    records = _search_records(7)
    shuffled = records[3:] + records[:3]
    a, b = tmp_path / "a", tmp_path / "b"
    assert search.write_documents(a / "docs", "sv", shuffled, a) == 7
    n = search.write_documents(b / "docs", "sv", iter(search.order(records)), b, ordered=True)
    assert n == 7
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in files)
    with pytest.raises(ValueError, match="not in order at id/a"):
        search.write_documents(tmp_path / "c", "sv", shuffled, tmp_path / "c", ordered=True)


def test_a_money_cell_sorts_by_the_kronor_it_shows(tmp_path: Path) -> None:
    # rates over part of a year give totals in öre; the table's sort key was the total cut to
    # whole kronor while the cell showed it rounded (187 670 against 187 671 kr)
    from iopkg.synth.generate import generate

    generate(60, tmp_path / "synth", seed=1)
    project = default_project()
    out = tmp_path / "site"
    paths = [tmp_path / "synth" / "synthetic.ttl"]
    paths += [project.data_dir / "reference", project.data_dir / "vocab"]
    publish(out, base_url=BASE, publisher=PUBLISHER, paths=paths, quiet=True)
    cells = [
        cell
        for page in out.rglob("*.html")
        for cell in re.findall(r'data-sort="([^"]*)">([^<]*)<', page.read_text(encoding="utf-8"))
    ]
    assert len(cells) > 500
    assert [c for c in cells if re.sub(r"\D", "", c[1]) != c[0]] == []
