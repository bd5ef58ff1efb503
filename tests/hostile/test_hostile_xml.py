"""Issue 16, part 6: control characters never reach an XML output (RDF/XML, catalog.rdf,
GraphML, GEXF, HTML, SVG); URLs and e-mail with quotes or brackets are refused; every XML output
of a publication with hostile (but legal) text parses with lxml; deep nesting gives one line."""

from __future__ import annotations

import shutil

import pytest
from hostile import PUBLISHER, ROOT, assert_error, cli
from lxml import etree, html

AGREEMENT = ROOT / "data" / "agreements" / "lund-radrum-2019.ttl"


def _data(tmp_path, label: str):
    d = tmp_path / "data"
    d.mkdir()
    shutil.copy(ROOT / "data" / "organisations.ttl", d)
    text = AGREEMENT.read_text(encoding="utf-8")
    old = 'schema:startDate "2019-07-01"^^xsd:date ;'
    assert old in text
    escaped = label.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(f"\\u{ord(c):04X}" if ord(c) < 0x20 else c for c in escaped)
    (d / "v.ttl").write_text(
        text.replace(old, f'{old}\n    rdfs:comment "{escaped}"@en ;', 1), encoding="utf-8"
    )
    return d


SITE = ("--base-url", "https://e.org/iop")


def test_control_character_refused_in_every_xml_output(tmp_path):
    d = _data(tmp_path, "Ex\x01ample")
    assert_error(cli("export", d, "-f", "rdfxml", "-o", tmp_path / "g.rdf"), "g.rdf", "U+0001")
    assert not (tmp_path / "g.rdf").exists()
    line = assert_error(cli("publish", d, "-o", tmp_path / "site", *SITE, *PUBLISHER), "U+0001")
    assert "Ex\\x01ample" in line
    assert not (tmp_path / "site").exists()
    # formats that can hold it escape it and read back
    assert cli("export", d, "-f", "ntriples", "-o", tmp_path / "g.nt").exit_code == 0
    assert "\\u0001" in (tmp_path / "g.nt").read_text(encoding="utf-8")


def test_publisher_name_with_control_character():
    args = ("--publisher-org-number", "402000-0008", "--publisher-name", "Ex\x01")
    assert_error(cli("publish", "-o", "/tmp/never", *SITE, *args), "--publisher-name", "control")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--base-url", 'https://e.org/"><script>'),
        ("--base-url", "https://e.org/a>b"),
        ("--endpoint-url", 'https://e.org/sparql"'),
        ("--contact-email", 'a"b@e.org'),
        ("--contact-email", "a@e.org>"),
    ],
)
def test_urls_and_email_with_quotes_or_brackets(tmp_path, option, value):
    args = (
        [*SITE, *PUBLISHER, option, value]
        if option != "--base-url"
        else ["--base-url", value, *PUBLISHER]
    )
    assert_error(cli("publish", "-o", tmp_path / "site", *args), option)
    assert not (tmp_path / "site").exists()


def test_every_xml_output_parses(tmp_path):
    label = "A & B <c> \"d\" 'e' ]]> é 💡 \t tab"
    d = _data(tmp_path, label)
    site = tmp_path / "site"
    result = cli(
        "publish",
        d,
        "-o",
        site,
        *SITE,
        "--publisher-org-number",
        "402000-0008",
        "--publisher-name",
        'Förvaltning & <"Co">',
        "--contact-email",
        "info@e.org",
    )
    assert result.exit_code == 0, result.output
    assert cli("export", d, "-f", "rdfxml", "-o", tmp_path / "g.rdf").exit_code == 0
    for fmt in ("graphml", "gexf"):
        out = tmp_path / f"n.{fmt}"
        assert cli("export", d, "-f", fmt, "--network", "funding", "-o", out).exit_code == 0
    assert cli("compare", "--data", d, "--chart", tmp_path / "c.svg").exit_code == 0
    xml_files = [
        tmp_path / "g.rdf",
        tmp_path / "n.graphml",
        tmp_path / "n.gexf",
        tmp_path / "c.svg",
        *site.rglob("*.rdf"),
        *site.rglob("*.svg"),
    ]
    for f in xml_files:
        etree.parse(str(f), etree.XMLParser(resolve_entities=False, no_network=True))
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        html.parse(str(page))
    catalog = etree.parse(str(site / "catalog.rdf"))
    assert 'Förvaltning & <"Co">' in etree.tostring(catalog, encoding="unicode").replace(
        "&amp;", "&"
    ).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')


def test_deep_nesting_gives_one_line(tmp_path):
    n = 4000
    deep = tmp_path / "deep.jsonld"
    deep.write_text('{"@id": "http://e/x", "http://e/p": ' * n + '"v"' + "}" * n)
    assert_error(cli("info", deep), "deep.jsonld", "nested")
    ttl = tmp_path / "deep.ttl"
    n = 2000
    ttl.write_text("<http://e/x> <http://e/p> " + "[ <http://e/p> " * n + '"v"' + " ]" * n + " .\n")
    for args in (
        ["export", ttl, "-o", tmp_path / "o.ttl"],
        ["publish", ttl, "-o", tmp_path / "site", *SITE, *PUBLISHER],
    ):
        result = cli(*args)
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            assert_error(result, "nested too deeply")


def _nested_rdfxml(n: int) -> str:
    """RDF/XML with ``n`` descriptions, each the object of the one around it."""
    return (
        '<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:e="http://e/">'
        + "<rdf:Description><e:p>" * n
        + "x"
        + "</e:p></rdf:Description>" * n
        + "</rdf:RDF>\n"
    )


def test_deeply_nested_rdfxml_is_refused_before_it_is_parsed(tmp_path):
    """RDF/XML 100 000 descriptions deep (a 4 MB file) kept Oxigraph's parser busy for more
    than five minutes (its time grows faster than the square of the depth)."""
    deep = tmp_path / "deep.rdf"
    deep.write_text(_nested_rdfxml(100_000))
    assert_error(cli("info", deep), "deep.rdf:1:", "nested more than 1000 elements deep")
    shallow = tmp_path / "ok.rdf"  # 400 elements deep: loaded
    shallow.write_text(_nested_rdfxml(200))
    assert cli("info", shallow).exit_code == 0
