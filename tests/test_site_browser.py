"""The published site in a real browser (headless Chromium, Debian ``chromium`` and
``chromium-driver``, served on 127.0.0.1): Swedish first with a language switch, search and
each filter over Pagefind's static index, the CSV download equal to ``iopkg query run``, and
axe-core finding no serious or critical violation."""

from __future__ import annotations

import csv
import functools
import io
import shutil
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait
from typer.testing import CliRunner

from iopkg.cli import app
from iopkg.graph import default_project, rdf_files
from iopkg.publish import Publisher, publish

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
]


#: The documents' data without the generated register (data/register.ttl): the pages and counts
#: these tests read are those of the four documented agreements.
SEED = [f for f in rdf_files(default_project().data_dir) if f.name != "register.ttl"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _published(out):
    """The documents' data published to ``out`` and served on 127.0.0.1: the server and
    its URL."""
    publish(
        out,
        base_url="https://example.org/iop",
        publisher=Publisher("402000-0008", "Exempelförvaltningen"),
        quiet=True,
        paths=SEED,
    )
    return _serve(out)


def _serve(out):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    httpd, url = _published(tmp_path_factory.mktemp("site-browser") / "site")
    yield url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def sharded(tmp_path_factory):
    """The same data published with one agreement per Pagefind index (shard), so that a
    search asks four indexes in turn, as a register of 10 000 agreements asks five."""
    from iopkg.publish import search

    out = tmp_path_factory.mktemp("site-sharded") / "site"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search, "SHARD_SIZE", 1)
        httpd, url = _published(out)
    yield out, url
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    assert binary and driver_path, "install the Debian packages chromium and chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    yield driver
    driver.quit()


def _errors(driver) -> list[str]:
    return [e["message"] for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def _search(browser, site_url, path="search.html"):
    browser.get(f"{site_url}/{path}")
    WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true"
    )


def _settle(browser, count: int | None = None) -> int:
    """Wait until the status shows a count (and the table has those rows, up to 25)."""

    def ready(d):
        n = d.find_element(By.ID, "status").get_attribute("data-count")
        rows = len(d.find_elements(By.CSS_SELECTOR, "#results tbody tr"))
        return n is not None and (count is None or int(n) == count) and rows == min(int(n), 25)

    WebDriverWait(browser, 20).until(ready)
    return int(browser.find_element(By.ID, "status").get_attribute("data-count"))


def _titles(browser) -> list[str]:
    return [
        a.text for a in browser.find_elements(By.CSS_SELECTOR, "#results tbody td:first-child a")
    ]


def test_pages_are_swedish_first_with_an_english_switch(browser, site_url):
    browser.get(f"{site_url}/id/agreement/lund-radrum-2019.html")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "sv"
    summary = browser.find_element(By.ID, "summary").text
    assert "Individuell människohjälp" in summary and "920 000 kr" in summary
    assert "2019-07-01 – 2021-06-30" in summary
    body = browser.find_element(By.TAG_NAME, "body").text
    for raw in ("schema:", "dct:", "(sv)", "(en)", "rov:", "iop:"):
        assert raw not in body, raw
    browser.find_element(By.ID, "lang-switch").click()
    assert browser.current_url.endswith("/en/id/agreement/lund-radrum-2019.html")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    assert "SEK 920,000" in browser.find_element(By.ID, "summary").text
    browser.find_element(By.ID, "lang-switch").click()
    assert browser.current_url.endswith("/id/agreement/lund-radrum-2019.html")
    assert "/en/" not in browser.current_url
    assert _errors(browser) == []


def test_search_finds_by_words_in_titles_parties_and_activities(browser, site_url):
    _search(browser, site_url)
    assert _settle(browser) == 4  # no term, no filter: every agreement
    box = browser.find_element(By.ID, "q")
    box.send_keys("människohjälp")  # a party's name
    _settle(browser, 1)
    assert _titles(browser) == ["RådRum (Lund, 2019–2021)"]
    box.clear()
    box.send_keys("Kompisbyrån")  # an activity and a party
    _settle(browser, 1)
    assert _titles(browser)[0].startswith("Kompisbyrån Danderyd")
    box.send_keys(Keys.CONTROL, "a", Keys.DELETE)
    _settle(browser, 4)
    assert _errors(browser) == []


@pytest.mark.parametrize(
    ("filter_id", "value", "expected"),
    [
        ("municipality", "Danderyds kommun", 1),
        ("county", "Skåne län", 3),
        ("organisation", "Kompis Sverige", 1),
        ("focus", "integration och inkludering", "focus"),
        ("year", "2022", 1),
        ("source", "kommunal budget", "source"),
    ],
)
def test_each_filter_narrows_the_table(browser, site_url, filter_id, value, expected):
    _search(browser, site_url)
    _settle(browser, 4)
    Select(browser.find_element(By.ID, f"filter-{filter_id}")).select_by_value(value)
    if isinstance(expected, str):  # what the data says, asked with SPARQL
        expected = _count(expected)
    assert 0 < expected < 4
    assert _settle(browser, expected) == expected


def _count(what: str) -> int:
    from iopkg.graph import load_store

    pattern = {
        "focus": "?a iop:focusArea vocab:focus-integration",
        "source": "?f iop:underAgreement ?a ; iop:sourceOfFunds vocab:source-municipal",
    }[what]
    rows = load_store(SEED).query(
        "PREFIX iop: <https://w3id.org/iopkg/def#> PREFIX vocab: <https://w3id.org/iopkg/vocab/> "
        f"SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ ?a a iop:Agreement . {pattern} }}"
    )
    return int(next(iter(rows))[0].value)


def _lund_csv(browser) -> tuple[str, str]:
    """Select Lund's agreements and download them: the page's CSV, and the output of
    ``iopkg query run agreements`` for the rows of Lund (municipality code 1281)."""
    Select(browser.find_element(By.ID, "filter-municipality")).select_by_value("Lunds kommun")
    _settle(browser, 3)
    browser.find_element(By.ID, "csv").click()
    WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.ID, "csv").get_attribute("data-csv")
    )
    text = browser.execute_script("return document.getElementById('csv').dataset.csv")
    result = CliRunner().invoke(
        app,
        ["query", "run", "agreements", "--param", "lang=sv", "--format", "csv"]
        + [a for f in SEED for a in ("--data", str(f))],
    )
    lines = result.output.splitlines(keepends=True)
    return text, lines[0] + "".join(
        line for line in lines[1:] if next(csv.reader([line]))[3] == "1281"
    )


def test_csv_download_equals_query_run(browser, site_url):
    _search(browser, site_url)
    _settle(browser, 4)
    text, expected = _lund_csv(browser)
    assert text == expected
    assert len(expected.splitlines()) == 4


def test_english_search_page_searches_english_records(browser, site_url):
    _search(browser, site_url, "en/search.html")
    assert _settle(browser) == 4
    Select(browser.find_element(By.ID, "filter-source")).select_by_value("municipal budget")
    assert _settle(browser) >= 1
    assert _errors(browser) == []


def test_search_answers_quickly(browser, site_url):
    _search(browser, site_url)
    _settle(browser, 4)
    started = time.perf_counter()
    browser.find_element(By.ID, "q").send_keys("RådRum")
    _settle(browser, 1)
    assert time.perf_counter() - started < 3
    assert int(browser.find_element(By.ID, "status").get_attribute("data-ms")) < 300


def test_xlsx_download_holds_the_filtered_rows(browser, site_url):
    import base64
    import zipfile

    _search(browser, site_url)
    _settle(browser, 4)
    Select(browser.find_element(By.ID, "filter-municipality")).select_by_value("Danderyds kommun")
    _settle(browser, 1)
    browser.find_element(By.ID, "xlsx").click()
    WebDriverWait(browser, 30).until(
        lambda d: d.find_element(By.ID, "xlsx").get_attribute("data-xlsx")
    )
    data = browser.execute_script("return document.getElementById('xlsx').dataset.xlsx")
    book = zipfile.ZipFile(io.BytesIO(base64.b64decode(data)))
    text = "".join(book.read(n).decode("utf-8") for n in book.namelist() if n.endswith(".xml"))
    assert "danderyd-kompisbyran-2018" in text and "totalOverPeriodSEK" in text
    assert "lund-radrum-2019" not in text


def test_network_view_renders_its_nodes_and_finds_one(browser, site_url):
    from iopkg.analysis.network import NetworkKind, build_network
    from iopkg.graph import load_store

    browser.get(f"{site_url}/network.html")
    WebDriverWait(browser, 20).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true"
    )
    expected = build_network(load_store(SEED), NetworkKind.FUNDING).number_of_nodes()
    assert browser.execute_script("return window.iopkgNetwork.graph.order") == expected
    # sigma drew them: its canvases are in the container, with the node labels layer
    assert browser.find_elements(By.CSS_SELECTOR, "#graph canvas")
    legend = browser.find_element(By.ID, "legend").text
    assert "idéburen organisation" in legend and "kommun" in legend
    browser.find_element(By.ID, "node-search").send_keys("Individuell människohjälp")
    info = browser.find_element(By.ID, "node-info").text
    assert info.startswith("Individuell människohjälp: idéburen organisation") and "kr" in info
    assert _errors(browser) == []


def test_console_opens_with_prefixes_and_runs_every_catalogue_example(browser):
    from iopkg.graph import load_store
    from iopkg.publish.console import serve_console
    from iopkg.publish.server import serve_store
    from iopkg.sparql.catalogue import catalogue, run_query
    from iopkg.sparql.source import LocalSource

    store = load_store()
    listed = str(len(run_query("agreements", source=LocalSource(store)).rows))
    with serve_store(store, port=_free_port(), cors=True) as server:
        console = serve_console(server.query_url, port=0)
        try:
            browser.get(console.url)
            query = browser.find_element(By.ID, "query").get_attribute("value")
            assert "PREFIX iop: <https://w3id.org/iopkg/def#>" in query
            options = Select(browser.find_element(By.ID, "example")).options[1:]
            assert [o.text.split(" — ")[0] for o in options] == [q.name for q in catalogue()]
            for i, name in enumerate(o.text for o in options):
                Select(browser.find_element(By.ID, "example")).select_by_value(str(i))
                browser.find_element(By.ID, "run").click()
                WebDriverWait(browser, 20).until(
                    lambda d: (
                        d.find_element(By.ID, "status").get_attribute("data-rows") not in (None, "")
                    )
                )
                rows = browser.find_element(By.ID, "status").get_attribute("data-rows")
                assert rows != "error", (name, browser.find_element(By.ID, "status").text)
                browser.execute_script("document.getElementById('status').dataset.rows = ''")
            agreements = [o for o in options if o.text.startswith("agreements ")][0]
            Select(browser.find_element(By.ID, "example")).select_by_visible_text(agreements.text)
            browser.find_element(By.ID, "run").click()
            WebDriverWait(browser, 20).until(
                lambda d: d.find_element(By.ID, "status").get_attribute("data-rows") == listed
            )
        finally:
            console.stop()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "id/agreement/lund-radrum-2019.html",
        "id/org/individuell-manniskohjalp.html",
        "id/municipality/1281.html",
        "id/county/12.html",
        "id/decision/lund-kf-2019-01-31-16.html",
        "search.html",
        "network.html",
        "ontology.html",
        "en/index.html",
        "en/search.html",
    ],
)
def test_axe_finds_no_serious_or_critical_violation(browser, site_url, page):
    from axe_selenium_python import Axe

    browser.get(f"{site_url}/{page}")
    if page.endswith(("search.html", "network.html")):
        WebDriverWait(browser, 20).until(
            lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true"
        )
    axe = Axe(browser)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, axe.report(bad)
    assert results["passes"], "axe ran no rule"


def test_keyboard_reaches_search_filters_and_downloads(browser, site_url):
    _search(browser, site_url)
    _settle(browser, 4)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # the skip link first
    assert browser.switch_to.active_element.get_attribute("class") == "skip"
    reached = []
    for _ in range(40):
        browser.switch_to.active_element.send_keys(Keys.TAB)
        reached.append(browser.switch_to.active_element.get_attribute("id"))
    for wanted in ("q", "filter-municipality", "filter-source", "csv", "xlsx"):
        assert wanted in reached, (wanted, reached)
    # a filter works from the keyboard alone
    select = browser.find_element(By.ID, "filter-municipality")
    select.send_keys("Danderyds kommun")
    assert _settle(browser, 1) == 1


def test_a_search_over_several_index_shards_finds_and_downloads_the_same(browser, sharded):
    out, url = sharded
    for lang in ("sv", "en"):
        shards = sorted(p.name for p in (out / "pagefind" / lang).iterdir() if p.is_dir())
        assert shards == ["000", "001", "002", "003"]
        # Pagefind's script and worker once per language, its UIs never
        assert (out / "pagefind" / lang / "000" / "pagefind.js").is_file()
        assert not list((out / "pagefind" / lang).glob("00[123]/pagefind*.js"))
        assert not list((out / "pagefind").rglob("pagefind-*ui*"))
    _search(browser, url)
    assert _settle(browser) == 4
    starts = [
        td.text for td in browser.find_elements(By.CSS_SELECTOR, "#results tbody td:nth-child(4)")
    ]
    assert starts == sorted(starts)  # the shards in the table's order
    browser.find_element(By.ID, "q").send_keys("människohjälp")
    _settle(browser, 1)
    assert _titles(browser) == ["RådRum (Lund, 2019–2021)"]
    browser.find_element(By.ID, "q").send_keys(Keys.CONTROL, "a", Keys.DELETE)
    _settle(browser, 4)
    text, expected = _lund_csv(browser)  # three rows, from three shards
    assert text == expected and len(expected.splitlines()) == 4
    assert _errors(browser) == []


def test_data_without_agreements_publishes_a_search_page_with_nothing_to_search(browser, tmp_path):
    data = default_project().data_dir
    out = tmp_path / "site"
    result = CliRunner().invoke(
        app,
        [
            "publish",
            "-o",
            str(out),
            "--base-url",
            "https://example.org/iop",
            "--publisher-org-number",
            "402000-0008",
            "--publisher-name",
            "Exempelförvaltningen",
            str(data / "reference"),
            str(data / "vocab"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert not list((out / "pagefind").rglob("*.pf_meta"))  # no index to load
    httpd, url = _serve(out)
    try:
        for path, words in (("search.html", "inga avtal"), ("en/search.html", "no agreements")):
            _search(browser, url, path)
            status = browser.find_element(By.ID, "status")
            assert words in status.text and status.get_attribute("data-count") == "0"
            assert not browser.find_elements(By.CSS_SELECTOR, "#results tbody tr")
            assert browser.find_element(By.ID, "csv").get_attribute("disabled")
        assert _errors(browser) == []
    finally:
        httpd.shutdown()
        httpd.server_close()
