"""Group 6 of issue 9: by default no person's name or e-mail leaves iopkg; a personnummer given
as an organisation number is rejected by validation."""

from __future__ import annotations

import urllib.parse
import urllib.request

import pytest
from hostile import PREFIXES, PUBLISHER, cli, free_port
from rdflib import Graph, Namespace

from iopkg.graph import default_project, load_store
from iopkg.publish.server import serve_store

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
PERSONS = Graph().parse(default_project().data_dir / "personal" / "persons.ttl")
SECRETS = sorted(
    {str(o) for o in PERSONS.objects(None, VCARD.fn)}
    | {str(o).removeprefix("mailto:") for o in PERSONS.objects(None, VCARD.hasEmail)}
)


def _leaks(text: str) -> list[str]:
    return [s for s in SECRETS if s in text]


def test_the_secrets_are_the_fifteen_names_and_five_addresses():
    assert len(SECRETS) == 20


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "nquads", "trig", "jsonld", "rdfxml"])
def test_rdf_exports_hold_no_personal_data(fmt):
    result = cli("export", "-f", fmt)
    assert result.exit_code == 0
    assert _leaks(result.stdout) == []
    assert _leaks(cli("export", "-f", fmt, "--include-personal-data").stdout)  # test can fail


@pytest.mark.parametrize(
    "fmt", ["graphml", "gexf", "cytoscape-json", "node-link-json", "csv-edges"]
)
@pytest.mark.parametrize("kind", ["parties", "funding", "municipalities"])
def test_network_exports_hold_no_personal_data(fmt, kind):
    result = cli("export", "-f", fmt, "--network", kind)
    assert result.exit_code == 0, result.output
    assert _leaks(result.stdout) == []


def test_tables_publication_and_query_results_hold_no_personal_data(tmp_path):
    assert cli("export", "-f", "csv", "-o", tmp_path / "tables").exit_code == 0
    assert (
        cli("publish", "-o", tmp_path / "site", "--base-url", "https://e.org", *PUBLISHER).exit_code
        == 0
    )
    for path in tmp_path.rglob("*"):
        if path.is_file() and not path.name.endswith(".gz"):
            assert _leaks(path.read_text(encoding="utf-8", errors="replace")) == [], path
    dump = cli("query", "run", "--sparql", "SELECT * WHERE { ?s ?p ?o }", "-f", "csv")
    assert _leaks(dump.stdout) == []


def test_served_endpoint_holds_no_personal_data():
    with serve_store(load_store(), port=free_port()) as server:
        query = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
        request = urllib.request.Request(
            f"{server.query_url}?{query}", headers={"Accept": "text/csv"}
        )
        body = urllib.request.urlopen(request, timeout=30).read().decode("utf-8")
    assert "https://w3id.org/iopkg/id/" in body
    assert _leaks(body) == []


def test_personnummer_as_org_number_is_rejected(tmp_path):
    data = tmp_path / "org.ttl"
    data.write_text(
        PREFIXES
        + """@prefix rov: <http://www.w3.org/ns/regorg#> .
@prefix adms: <http://www.w3.org/ns/adms#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
id:org\\/x a iop:IdeaBasedOrganisation ; rdfs:label "X"@sv , "X"@en ;
    rov:registration id:org\\/x\\/orgnr .
id:org\\/x\\/orgnr a adms:Identifier ; skos:notation "811218-9876" .
""",
        encoding="utf-8",
    )
    result = cli("validate", default_project().data_dir, data)
    assert result.exit_code == 1, result.output
    assert "personal identity number (personnummer)" in result.stdout
