"""Peak memory of ``iopkg export -f graphml --network parties`` for one agreement with N parties
(issue 16): the co-party clique is refused above ``--max-edges`` (default 500 000) before it is
built, and the memory per edge below the limit is measured.

Run: ``.venv/bin/python bench/hostile_network.py [N ...]`` (default 100 300 1000 10000; a party
count of 10 000 is 50 million edges and must be refused in well under 2 GiB).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = """@prefix iop: <https://w3id.org/iopkg/def#> .
@prefix id: <https://w3id.org/iopkg/id/> .
@prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
id:agreement\\/big a iop:Agreement ; rdfs:label "Big"@en ;
    schema:startDate "2020-01-01"^^xsd:date ; schema:endDate "2020-12-31"^^xsd:date ;
"""


def data(n: int, folder: Path) -> Path:
    parties = " , ".join(f"id:org\\/p{i}" for i in range(n))
    orgs = "".join(
        f'id:org\\/p{i} a schema:Organization ; rdfs:label "P{i}"@en .\n' for i in range(n)
    )
    path = folder / f"big-{n}.ttl"
    path.write_text(HEAD + f"    iop:ideaBasedParty {parties} .\n" + orgs, encoding="utf-8")
    return path


def run(n: int) -> tuple[int, float, int, str]:
    with tempfile.TemporaryDirectory() as tmp:
        src = data(n, Path(tmp))
        start = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "iopkg",
                "export",
                str(src),
                "-f",
                "graphml",
                "--network",
                "parties",
                "-o",
                str(Path(tmp) / "out.graphml"),
                "-q",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        err = proc.stderr.read().strip() if proc.stderr else ""
        return os.waitstatus_to_exitcode(status), time.perf_counter() - start, usage.ru_maxrss, err


if __name__ == "__main__":
    for n in [int(a) for a in sys.argv[1:]] or [100, 300, 1000, 10000]:
        code, seconds, kb, err = run(n)
        print(
            f"{n:6} parties, {n * (n - 1) // 2:10} edges: exit {code}, {seconds:6.1f} s, "
            f"peak {kb / 1024:7.1f} MiB  {err[:120]}"
        )
