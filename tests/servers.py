"""SPARQL servers for tests: Oxigraph and Virtuoso Open Source 7, each on 127.0.0.1 on a free
port with a temporary database, loaded with files and stopped afterwards."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
VSP = Path("/var/lib/virtuoso-opensource-7/vsp")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph() -> str:
    exe = Path(sys.executable).parent / "oxigraph"
    return str(exe) if exe.exists() else (shutil.which("oxigraph") or "oxigraph")


def _wait(url: str, proc: subprocess.Popen, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{what} did not start in {seconds} s")


def normal(rows) -> list:
    """Rows as a sorted list, GROUP_CONCAT lists as sets, numbers as numbers, labels as text
    with their language (so representation differences between servers do not count)."""
    from decimal import Decimal, InvalidOperation

    def cell(t):
        if t is None:
            return ("unbound",)
        if not hasattr(t, "datatype"):
            return (type(t).__name__, t.value)
        if t.datatype.value.endswith("#boolean"):  # Virtuoso answers booleans as 0 and 1
            return ("number", Decimal(1 if t.value in ("true", "1") else 0))
        try:
            return ("number", Decimal(t.value).normalize())
        except InvalidOperation:
            pass
        parts = re.split(r"; | ", t.value)
        return ("text", tuple(sorted(parts)), str(t.language or ""))

    return sorted(tuple(cell(t) for t in row) for row in rows)


INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
MaxClientConnections = 4
CheckpointInterval = 0
CaseMode = 2
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 1
AsyncQueueMaxThreads = 2
MaxQueryMem = 500M

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {vsp}
MaxClientConnections = 4
ServerThreads = 4
EnabledDavVSP = 0
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
DefaultQuery = ASK {{}}
"""


def isql(port: int, sql: str) -> str:
    """Run SQL statements through ``isql-vt`` (the bulk loader lives there)."""
    done = subprocess.run(
        [ISQL or "isql-vt", f"127.0.0.1:{port}", "dba", "dba", f"exec={sql}"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
        raise RuntimeError(f"isql failed: {done.stdout}\n{done.stderr}")
    return done.stdout


@contextmanager
def virtuoso(dump: Path, workdir: Path, graph: str = "urn:iopkg:test") -> Iterator[str]:
    """Virtuoso with ``dump`` (N-Quads or N-Triples) bulk-loaded; yields the /sparql URL.

    N-Quads keep their graphs; N-Triples go to ``graph``. Queries with no FROM see every graph.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    sql, http = free_port(), free_port()
    ini = workdir / "virtuoso.ini"
    ini.write_text(INI.format(d=workdir, sql=sql, http=http, vsp=VSP), encoding="utf-8")
    load = workdir / "load"
    load.mkdir(exist_ok=True)
    shutil.copy(dump, load / dump.name)
    proc = subprocess.Popen(
        [VIRTUOSO or "virtuoso-t", "+foreground", "+configfile", str(ini)],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{http}/sparql"
    try:
        _wait(url + "?" + urllib.parse.urlencode({"query": "ASK {}"}), proc, "virtuoso-t", 120)
        isql(
            sql,
            f"ld_dir('{load}', '{dump.name}', '{graph}'); rdf_loader_run(); checkpoint;",
        )
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@contextmanager
def oxigraph_server(files: Sequence[Path], workdir: Path, *, union: bool = False) -> Iterator[str]:
    """``oxigraph serve`` (writable) on a fresh location; yields the base URL.

    :param files: loaded with ``oxigraph load`` before the server starts (may be empty).
    :param union: ``--union-default-graph``: the default graph is the union of all graphs.
    """
    location = workdir / "oxigraph"
    location.mkdir(parents=True, exist_ok=True)
    if files:
        subprocess.run(
            [oxigraph(), "load", "--location", str(location), "--file", *map(str, files)],
            check=True,
            capture_output=True,
        )
    port = free_port()
    args = [oxigraph(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union:
        args.append("--union-default-graph")
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/query?query=ASK%7B%7D", proc, "oxigraph")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
