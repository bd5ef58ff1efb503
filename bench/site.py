"""Publish and search figures of the static site (issue 20): publish N synthetic agreements,
serve the folder on 127.0.0.1, and measure in headless Chromium how long the index page takes
to load (until ``load``) and how long the search page takes to answer a query and a filter
(as the page measures it: ``#status[data-ms]`` until the first 25 rows are shown,
``data-search-ms`` for Pagefind's answer alone, ``data-count-ms`` until every shard of the
index has answered and the page shows the number of matches).

    python bench/site.py --agreements 1000 --workdir /tmp/site-bench

Needs the Debian packages chromium and chromium-driver, and ``npm ci`` in js/.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import shutil
import statistics
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def _cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and its waited-for children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def publish_site(n: int, work: Path, cache: bool = False) -> dict:
    from iopkg.publish import Publisher, publish
    from iopkg.synth.generate import generate  # noqa: F401 - the same generator as bench/run.py

    data = work / "synth"
    if not (data / "synthetic.ttl").is_file():
        from typer.testing import CliRunner

        from iopkg.cli import app

        r = CliRunner().invoke(app, ["synth", "-n", str(n), "-o", str(data), "-q"])
        assert r.exit_code == 0, r.output
    out = work / "site"
    paths = [data / "synthetic.ttl", ROOT / "data" / "reference", ROOT / "data" / "vocab"]
    if cache:  # built before the clock starts, as by an earlier command on the same files
        from iopkg.graph import load_store

        load_store(paths, quiet=True, cache=True)
    t = time.perf_counter()
    cpu = _cpu_seconds()
    report = publish(
        out,
        base_url="https://example.org/iopkg",
        paths=paths,
        publisher=Publisher("402000-0008", "Bench"),
        quiet=True,
        cache=cache,
    )
    seconds = time.perf_counter() - t
    return {
        "publish_seconds": round(seconds, 1),
        # user + system of this process and its children (the page processes, the dumps,
        # Pagefind): on a shared machine, the wall time alone says little
        "publish_cpu_seconds": round(_cpu_seconds() - cpu, 1),
        "pages": report.pages,
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        # the largest child (a page process or the dumps); children share the store
        # copy-on-write, so the sum overstates the machine's use
        "peak_child_mib": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "site_mib": round(sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20),
        "search_files": sum(1 for _ in (out / "pagefind").rglob("*")),
    }


def browse(out: Path, queries: list[str]) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        loads = []
        for _ in range(3):
            driver.get(f"{url}/index.html")
            loads.append(
                driver.execute_script(
                    "var t = performance.getEntriesByType('navigation')[0];"
                    "return t.loadEventEnd - t.startTime;"
                )
            )
        driver.get(f"{url}/search.html")
        started = time.perf_counter()
        WebDriverWait(driver, 60).until(
            lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true"
        )
        ready = time.perf_counter() - started
        answers, index_only, counted = [], [], []
        for q in queries:
            box = driver.find_element(By.ID, "q")
            box.clear()
            driver.execute_script(
                "var s = document.getElementById('status'); s.dataset.ms = '';"
                "s.dataset.countMs = ''"
            )
            box.send_keys(q)
            WebDriverWait(driver, 60).until(
                lambda d: (
                    d.find_element(By.ID, "status").get_attribute("data-count-ms") not in ("", None)
                )
            )
            status = driver.find_element(By.ID, "status")
            answers.append(int(status.get_attribute("data-ms")))
            index_only.append(int(status.get_attribute("data-search-ms")))
            counted.append(int(status.get_attribute("data-count-ms")))
        box.clear()
        driver.execute_script("document.getElementById('status').dataset.ms = ''")
        select = Select(driver.find_element(By.ID, "filter-municipality"))
        select.select_by_index(1)
        WebDriverWait(driver, 30).until(
            lambda d: d.find_element(By.ID, "status").get_attribute("data-ms") not in ("", None)
        )
        filtered = int(driver.find_element(By.ID, "status").get_attribute("data-ms"))
    finally:
        driver.quit()
        httpd.shutdown()
        httpd.server_close()
    return {
        "index_load_ms": round(statistics.median(loads)),
        "search_page_ready_s": round(ready, 2),
        "search_ms_median": round(statistics.median(answers)),
        "search_ms_max": max(answers),
        "pagefind_ms_median": round(statistics.median(index_only)),
        "count_ms_median": round(statistics.median(counted)),
        "count_ms_max": max(counted),
        "filter_ms": filtered,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--agreements", type=int, default=1000)
    ap.add_argument("--workdir", type=Path, required=True)
    ap.add_argument("--skip-publish", action="store_true", help="measure an existing site")
    ap.add_argument(
        "--cache",
        action="store_true",
        help="publish from the on-disk store cache (built first, outside the clock)",
    )
    ap.add_argument("--skip-browse", action="store_true", help="publish only")
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    out = {} if args.skip_publish else publish_site(args.agreements, args.workdir, args.cache)
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    if not args.skip_browse:
        out |= browse(args.workdir / "site", ["förening", "Stockholm", "2021", "idrott", "kommun"])
    print(json.dumps({"agreements": args.agreements, **out}, indent=1))


if __name__ == "__main__":
    main()
