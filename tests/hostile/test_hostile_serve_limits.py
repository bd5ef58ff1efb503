"""Issue 16, part 7 (served endpoint): server-side query timeout, limits on concurrent queries
and answer size, clients that hang up; 200 concurrent requests are all answered."""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

from hostile import ROOT, free_port

from iopkg.graph import load_store
from iopkg.publish.gateway import GatewayLimits
from iopkg.publish.server import serve_store

ASK = urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
# a query that runs for minutes: a five-way cross product of the graph
SLOW = urllib.parse.urlencode(
    {
        "query": "SELECT (COUNT(*) AS ?n) WHERE "
        "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    }
)


def _status(url: str, timeout: float = 60) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def test_200_concurrent_requests_are_all_answered():
    store = load_store([ROOT / "data" / "agreements"])
    with serve_store(store, port=free_port(), limits=GatewayLimits(max_concurrent=2)) as server:
        results: list[int] = []
        lock = threading.Lock()

        def one() -> None:
            status, _ = _status(f"{server.query_url}?{ASK}", timeout=120)
            with lock:
                results.append(status)

        threads = [threading.Thread(target=one) for _ in range(200)]
        for t in threads:
            t.start()
        for t in threads:  # bounded: each request has its own 120 s timeout
            t.join(180)
        assert len(results) == 200 and set(results) == {200}, sorted(set(results))


def test_server_side_timeout_stops_a_long_query():
    store = load_store([ROOT / "data" / "agreements"])
    with serve_store(store, port=free_port(), limits=GatewayLimits(timeout=1)) as server:
        start = time.monotonic()
        status, body = _status(f"{server.query_url}?{SLOW}", timeout=60)
        assert status >= 400, body[:200]
        assert time.monotonic() - start < 30
        assert _status(f"{server.query_url}?{ASK}")[0] == 200  # still serving


def test_answer_size_limit():
    store = load_store([ROOT / "data" / "agreements"])
    limits = GatewayLimits(max_result_bytes=1000)
    with serve_store(store, port=free_port(), limits=limits) as server:
        q = urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
        status, body = _status(f"{server.query_url}?{q}")
        assert status == 507 and "larger than 1000 bytes" in body
        assert _status(f"{server.query_url}?{ASK}")[0] == 200


def test_a_client_that_hangs_up_frees_its_slot_after_the_timeout():
    store = load_store([ROOT / "data" / "agreements"])
    limits = GatewayLimits(timeout=2, max_concurrent=1)
    with serve_store(store, port=free_port(), limits=limits) as server:
        sock = socket.create_connection((server.host, server.port), timeout=10)
        sock.sendall(f"GET /query?{SLOW} HTTP/1.0\r\nHost: x\r\n\r\n".encode())
        time.sleep(0.5)
        sock.close()  # gone while its query runs
        start = time.monotonic()
        status, _ = _status(f"{server.query_url}?{ASK}", timeout=60)
        assert status == 200
        assert time.monotonic() - start < 20  # served once the dropped query's time is up
