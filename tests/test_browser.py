"""A real browser: headless Chromium (Debian ``chromium`` + ``chromium-driver``) opens the
published index and an agreement page served on 127.0.0.1; facts render, no console errors."""

from __future__ import annotations

import functools
import json
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

from iopkg.graph import default_project, rdf_files
from iopkg.publish import Publisher, publish

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    publish(
        out,
        base_url="https://example.org/iop",
        publisher=Publisher("402000-0008", "Exempelförvaltningen"),
        paths=[f for f in rdf_files(default_project().data_dir) if f.name != "register.ttl"],
    )
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    binary = shutil.which("chromium")
    driver_path = shutil.which("chromedriver")
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


def test_index_renders_sortable_tables_without_console_errors(browser, site_url):
    browser.get(f"{site_url}/index.html")
    assert browser.title.startswith("Start")
    rows = browser.find_elements(By.CSS_SELECTOR, "#agreements tbody tr")
    assert len(rows) == 4
    text = browser.find_element(By.ID, "agreements").text
    assert "RådRum (Lund, 2019–2021)" in text and "Lunds kommun" in text
    chart = browser.find_element(By.ID, "chart")
    assert browser.execute_script("return arguments[0].naturalWidth", chart) > 0  # it loaded

    def first_column() -> list[str]:
        return [
            r.find_elements(By.TAG_NAME, "td")[0].text
            for r in browser.find_elements(By.CSS_SELECTOR, "#agreements tbody tr")
        ]

    start = browser.find_elements(By.CSS_SELECTOR, "#agreements thead th")[3]
    start.click()
    ascending = first_column()
    assert ascending[0].startswith("Kompisbyrån Danderyd")  # starts 2018-09-11
    start.click()
    assert first_column() == list(reversed(ascending))
    assert _errors(browser) == []


def test_agreement_page_renders_facts_and_jsonld(browser, site_url):
    browser.get(f"{site_url}/id/agreement/lund-radrum-2019.html")
    body = browser.find_element(By.TAG_NAME, "body").text
    assert browser.find_element(By.ID, "label").text == "RådRum (Lund, 2019–2021)"
    for fact in ("2019-07-01", "2021-06-30", "520 000 kr", "Individuell människohjälp"):
        assert fact in body, fact
    assert browser.find_elements(By.TAG_NAME, "blockquote")
    script = browser.find_element(By.CSS_SELECTOR, 'script[type="application/ld+json"]')
    data = json.loads(browser.execute_script("return arguments[0].textContent", script))
    assert "lund-radrum-2019" in json.dumps(data)
    browser.find_element(By.LINK_TEXT, "Lunds kommun").click()
    assert browser.current_url.endswith("/id/municipality/1281.html")
    assert "1281" in browser.find_element(By.TAG_NAME, "body").text
    assert _errors(browser) == []


def test_console_errors_are_caught(browser, site_url, tmp_path):
    """The console check is not vacuous: a missing script shows up as an error."""
    browser.get(f"{site_url}/no-such-page.html")
    assert _errors(browser), "a 404 should log a console error"
    assert Path(tmp_path).exists()
