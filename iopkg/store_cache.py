"""A persistent store per set of input files, so that a command does not parse them again.

The first load of a set of files builds an on-disk Oxigraph store (the bulk loader) in a cache
folder; later loads of the same files open it read-only, which takes milliseconds instead of
seconds. An entry is keyed by what was loaded: every file's resolved path, size, modification
and change times and inode, the named graphs they go to, the personal-data choice, the iopkg and
pyoxigraph versions and the layout version of the cache. Any change gives another key, so a
stale entry is never opened (and is removed when its replacement is built).

Inputs under 1 MiB in all are parsed as before (opening a store saves nothing on them).

An entry is built in a temporary folder; its marker file (the key and the size, modification
time and a digest of the ends of every file of the store) is written last, and the folder is
then renamed into place. An entry without a marker, with another key, or whose files differ
from those the marker lists is corrupt: it is removed and built again, never used. Builds of
one key are serialised by a file lock, so two commands at once build it once and both use it.
A block damaged in the middle of a file is found by RocksDB's own block checksums when it is
read, and the query fails with an error rather than answer from it.

Where: ``$IOPKG_CACHE_DIR`` if set, else the platform's user cache folder (``platformdirs``,
``~/.cache/iopkg/stores`` on Linux). The library loads without the cache unless it is switched
on (:func:`use_cache`, or ``IOPKG_CACHE=on``); the ``iopkg`` command switches it on unless
``--no-cache`` is given or ``IOPKG_CACHE=off``.

>>> import tempfile, os
>>> os.environ["IOPKG_CACHE_DIR"] = tempfile.mkdtemp()
>>> os.environ["IOPKG_CACHE_MIN_BYTES"] = "0"  # the shipped data is small: cache it anyway
>>> from iopkg.graph import load_store
>>> built = load_store(cache=True, quiet=True)
>>> again = load_store(cache=True, quiet=True)
>>> len(again) == len(built) == len(load_store(cache=False))
True
>>> info = cache_info()
>>> len(info.entries), info.entries[0].files > 0
(1, True)
>>> clear_cache().entries
1
>>> del os.environ["IOPKG_CACHE_DIR"], os.environ["IOPKG_CACHE_MIN_BYTES"]
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from iopkg import __version__
from iopkg.errors import CacheError, NotKeptError

if TYPE_CHECKING:
    import pyoxigraph as ox

#: Environment variable naming the cache folder.
ENV_DIR = "IOPKG_CACHE_DIR"
#: Environment variable switching the cache on (``on``) or off (``off``).
ENV_SWITCH = "IOPKG_CACHE"
#: The layout of an entry; a new layout gives new keys.
LAYOUT = 1
#: Entries kept (most recently used first); older ones are removed after a build.
MAX_ENTRIES = 8
#: Inputs smaller than this (bytes) are parsed, not cached: parsing them takes about as long as
#: opening a store, and building one takes longer. ``$IOPKG_CACHE_MIN_BYTES`` overrides it.
MIN_BYTES = 2**20
#: Seconds a command waits for another one building the same entry.
LOCK_TIMEOUT = 3600.0

T = TypeVar("T")

_PREFIX = "store-"
_TMP_PREFIX = "tmp-"
_MARKER = "iopkg-cache.json"
_DB = "db"
_DERIVED = "derived"
_DERIVED_MAGIC = b"iopkg-derived-1\n"
_USED = "used"
_ON = ("1", "on", "yes", "true")
_OFF = ("0", "off", "no", "false")

_switch: bool | None = None


def use_cache(enabled: bool | None) -> None:
    """Switch the cache on or off for this process (``None``: back to ``$IOPKG_CACHE``).

    :func:`iopkg.graph.load_store` uses it when its ``cache`` argument is not given.
    """
    global _switch
    _switch = enabled


def cache_enabled() -> bool:
    """Whether loads use the cache: :func:`use_cache`, else ``$IOPKG_CACHE`` (default off)."""
    if _switch is not None:
        return _switch
    return os.environ.get(ENV_SWITCH, "").strip().lower() in _ON


def min_bytes() -> int:
    """Inputs of fewer bytes than this are parsed, not cached (:data:`MIN_BYTES`)."""
    try:
        return int(os.environ.get("IOPKG_CACHE_MIN_BYTES", MIN_BYTES))
    except ValueError:
        return MIN_BYTES


def cache_switched_off() -> bool:
    """Whether ``$IOPKG_CACHE`` says ``off`` (the command line then does not switch it on)."""
    return os.environ.get(ENV_SWITCH, "").strip().lower() in _OFF


def cache_dir() -> Path:
    """The cache folder: ``$IOPKG_CACHE_DIR``, else ``stores/`` in the user cache folder.

    >>> cache_dir().name
    'stores'
    """
    env = os.environ.get(ENV_DIR, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("iopkg", appauthor=False)) / "stores"


@dataclass(frozen=True)
class Input:
    """One file to load, and the named graph it goes to (``None``: the default graph)."""

    path: Path
    graph: str | None = None


def cache_key(inputs: Sequence[Input], *, personal: bool, named: bool) -> tuple[str, list]:
    """The key of an entry and the description of its inputs that the key is the hash of.

    :raises OSError: when a file cannot be examined.
    """
    import pyoxigraph as ox

    files = []
    for item in inputs:
        path = item.path.resolve()
        st = path.stat()
        files.append([str(path), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, item.graph])
    what = {
        "layout": LAYOUT,
        "iopkg": __version__,
        "pyoxigraph": ox.__version__,
        "personal": personal,
        "named": named,
        "files": files,
    }
    text = json.dumps(what, sort_keys=True).encode()
    return hashlib.sha256(text).hexdigest()[:32], files


def _db_files(db: Path) -> dict[str, list]:
    """Size, modification time and a digest of the first and last 4 KiB of every file of a
    store (RocksDB checks each block's own checksum when it reads it)."""
    out: dict[str, list] = {}
    for p in sorted(db.iterdir()):
        st = p.stat()
        digest = hashlib.sha256()
        with open(p, "rb") as f:
            digest.update(f.read(_EDGE))
            if st.st_size > 2 * _EDGE:
                f.seek(-_EDGE, os.SEEK_END)
            digest.update(f.read(_EDGE))
        out[p.name] = [st.st_size, st.st_mtime_ns, digest.hexdigest()[:16]]
    return out


_EDGE = 4096


def _read_marker(entry: Path) -> dict | None:
    try:
        marker = json.loads((entry / _MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return marker if isinstance(marker, dict) else None


def _check(entry: Path, key: str) -> bool:
    """Whether ``entry`` is a complete, unaltered store for ``key``."""
    marker = _read_marker(entry)
    if marker is None or marker.get("key") != key:
        return False
    try:
        return _db_files(entry / _DB) == marker.get("db_files")
    except OSError:
        return False


def _open(entry: Path, key: str) -> ox.Store | None:
    """The store of a sound entry, opened read-only; ``None`` when it is missing or corrupt."""
    import pyoxigraph as ox

    if not _check(entry, key):
        return None
    try:
        store = ox.Store.read_only(str(entry / _DB))
    except OSError:
        return None
    with contextlib.suppress(OSError):
        (entry / _USED).touch()
    _FROM_CACHE[id(store)] = (store, entry)
    while len(_FROM_CACHE) > MAX_ENTRIES * 2:  # a long-lived process opening many entries
        del _FROM_CACHE[next(iter(_FROM_CACHE))]
    return store


#: Stores opened from the cache in this process, by ``id``, with their entry folder.
_FROM_CACHE: dict[int, tuple[ox.Store, Path]] = {}


def entry_of(store: ox.Store) -> Path | None:
    """The entry folder of a store opened from the cache (or :func:`attach`-ed to one),
    ``None`` for any other store."""
    item = _FROM_CACHE.get(id(store))
    return item[1] if item is not None and item[0] is store else None


def kept_or_in_memory(
    cached: ox.Store,
    load_memory: Callable[[], ox.Store],
    compute: Callable[[ox.Store], T],
    *,
    then: Callable[[ox.Store], None] | None = None,
) -> T:
    """``compute(cached)`` from the results kept with the cached store's entry when every
    :func:`derived` result it asks for is there; else ``compute`` on a store loaded into memory
    by ``load_memory`` (from the same files), whose results are kept with the entry.

    For work that reads the whole graph (validation: 2-4 times faster in memory than on disk):
    the first command computes it in memory, later ones read it back. ``then`` runs on the
    in-memory store after ``compute``, while its results are still kept with the entry.
    """
    global _kept_only
    before, _kept_only = _kept_only, True
    try:
        return compute(cached)
    except NotKeptError:
        pass
    finally:
        _kept_only = before
    memory = load_memory()
    entry = entry_of(cached)
    if entry is not None:
        _FROM_CACHE[id(memory)] = (memory, entry)  # the caller does not change it
    try:
        result = compute(memory)
        if then is not None:
            then(memory)
        return result
    finally:
        _FROM_CACHE.pop(id(memory), None)  # so that it can be freed


#: Within :func:`kept_or_in_memory`'s first try, :func:`derived` raises
#: :class:`~iopkg.errors.NotKeptError` instead of computing a result that is not kept.
_kept_only = False


def derived(
    store: ox.Store, kind: str, parts: Sequence[str | bytes], compute: Callable[[], T]
) -> T:
    """The result of ``compute()`` on ``store``, kept with the store's cache entry.

    An entry's store never changes (another input is another entry), so what is computed from it
    alone (the validation report, the summary, the comparison) can be kept beside it and read
    back by the next command instead of being computed again, as a linter keeps its results per
    file. ``parts`` must name everything besides the store that the result depends on (the
    shapes, the queries' text, the parameters); with the iopkg version and ``kind`` they are the
    key. A result that cannot be read back whole (a truncated or altered file: its digest is
    checked) is computed again and replaces it; one that cannot be written is simply not kept.
    Stores not opened from the cache are not kept: ``compute()`` runs every time.

    The file is a pickle, read only from the user's own cache folder, with the same trust as the
    store beside it.
    """
    import pickle

    path = _derived_path(store, kind, parts)
    if path is None:
        return compute()
    found, result = _read_kept(path)
    if found:
        return result
    if _kept_only:
        raise NotKeptError(f"{kind}: not kept in {path.parent.parent}")
    result = compute()
    body = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        path.parent.mkdir(exist_ok=True)
        tmp.write_bytes(_DERIVED_MAGIC + hashlib.sha256(body).digest() + body)
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return result


def kept(store: ox.Store, kind: str, parts: Sequence[str | bytes]) -> tuple[bool, object]:
    """``(True, result)`` when :func:`derived` has kept a result for these arguments, else
    ``(False, None)``; computes nothing."""
    path = _derived_path(store, kind, parts)
    return (False, None) if path is None else _read_kept(path)


def _derived_path(store: ox.Store, kind: str, parts: Sequence[str | bytes]) -> Path | None:
    entry = entry_of(store)
    if entry is None:
        return None
    digest = hashlib.sha256(f"{__version__}\0{kind}".encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return entry / _DERIVED / f"{kind}-{digest.hexdigest()[:32]}.pickle"


def _read_kept(path: Path) -> tuple[bool, object]:
    import pickle

    try:
        blob = path.read_bytes()
    except OSError:
        blob = b""
    head = len(_DERIVED_MAGIC) + 32
    if blob.startswith(_DERIVED_MAGIC) and len(blob) > head:
        body = blob[head:]
        if hashlib.sha256(body).digest() == blob[len(_DERIVED_MAGIC) : head]:
            with contextlib.suppress(Exception):
                return True, pickle.loads(body)  # noqa: S301 - written by iopkg into the user's cache
    return False, None


def cached_store(
    inputs: Sequence[Input],
    build: Callable[[ox.Store], None],
    *,
    personal: bool,
    named: bool,
    origin: Sequence[str] = (),
) -> ox.Store | None:
    """The store for ``inputs``: opened from the cache, or built by ``build`` and kept.

    :param inputs: the files, in load order, and their graphs.
    :param build: loads the files into the (empty, on-disk) store it is given; the errors it
        raises (:class:`~iopkg.errors.DataLoadError`) pass through, and nothing is kept.
    :param personal: whether personal data is loaded (part of the key).
    :param named: whether files go to named graphs (part of the key).
    :param origin: what the caller was asked to load (folders and options): an entry of the same
        origin with another key is stale and is removed once this one is built.
    :returns: a read-only store, or ``None`` when the cache folder cannot be used (the caller
        then loads into memory as without the cache).
    """
    from filelock import FileLock, Timeout

    key, files = cache_key(inputs, personal=personal, named=named)
    root = cache_dir()
    entry = root / f"{_PREFIX}{key}"
    store = _open(entry, key)
    if store is not None:
        return store
    try:
        root.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(root / f"{_PREFIX}{key}.lock"), timeout=LOCK_TIMEOUT)
        lock.acquire()
    except (OSError, Timeout):
        return None
    try:
        store = _open(entry, key)  # another command may have built it while this one waited
        if store is not None:
            return store
        if entry.exists():  # half-built or corrupt: never used, built again
            shutil.rmtree(entry, ignore_errors=True)
        try:
            _build(root, entry, key, files, build, list(origin))
        except OSError:
            return None
        _evict(root, keep=entry, origin=list(origin))
        return _open(entry, key)
    finally:
        lock.release()


def _build(
    root: Path,
    entry: Path,
    key: str,
    files: list,
    build: Callable[[ox.Store], None],
    origin: list[str],
) -> None:
    """Build an entry in a temporary folder, write its marker last and rename it into place."""
    import pyoxigraph as ox

    tmp = root / f"{_TMP_PREFIX}{key}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    store = None
    try:
        store = ox.Store(str(tmp / _DB))
        build(store)
        store.flush()
        triples = _count_while(store, store.optimize)
        store = None
        gc.collect()  # closes the database before its files are listed and the folder renamed
        marker = {
            "key": key,
            "iopkg": __version__,
            "built": time.time(),
            "quads": triples,
            "inputs": [f[0] for f in files],
            "origin": origin,
            "db_files": _db_files(tmp / _DB),
        }
        marker_tmp = tmp / f".{_MARKER}.tmp"
        marker_tmp.write_text(json.dumps(marker), encoding="utf-8")
        os.replace(marker_tmp, tmp / _MARKER)
        (tmp / _USED).touch()
        os.rename(tmp, entry)
    except BaseException:
        store = None  # the traceback keeps this frame: close the database before removing it
        gc.collect()
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _count_while(store: ox.Store, work: Callable[[], None]) -> int:
    """The quads in ``store``, counted on another thread while ``work`` runs (both release the
    GIL: at 6.3 million quads the count's 0.8 s disappears under optimize's 6 s)."""
    import threading

    counted: list[int] = []
    counter = threading.Thread(target=lambda: counted.append(len(store)), daemon=True)
    counter.start()
    try:
        work()
    finally:
        counter.join()
    if not counted:
        return len(store)  # the count failed on its thread: count again here, raising its error
    return counted[0]


def _entries(root: Path) -> Iterator[Path]:
    if not root.is_dir():
        return
    for p in sorted(root.iterdir()):
        if p.is_dir() and p.name.startswith(_PREFIX):
            yield p


def _last_used(entry: Path) -> float:
    try:
        return (entry / _USED).stat().st_mtime
    except OSError:
        return 0.0


def _evict(root: Path, keep: Path, origin: list[str]) -> None:
    """Remove entries of the same origin in an older state, and all but the newest
    :data:`MAX_ENTRIES`. A command that has one open keeps reading it (POSIX)."""
    others = [e for e in _entries(root) if e != keep]
    stale = []
    for e in others:
        marker = _read_marker(e)
        if marker is None or (origin and marker.get("origin") == origin):
            stale.append(e)
    rest = sorted((e for e in others if e not in stale), key=_last_used, reverse=True)
    stale += rest[MAX_ENTRIES - 1 :]
    for e in stale:
        if e.name.startswith(_PREFIX):
            shutil.rmtree(e, ignore_errors=True)


@dataclass(frozen=True)
class CacheEntry:
    """One stored entry.

    :param path: its folder.
    :param complete: whether its marker is there (else a build was interrupted or it is damaged).
    :param files: how many input files it holds.
    :param quads: quads in its store.
    :param size: bytes on disk.
    :param built: when it was built (seconds since the epoch; 0 when unknown).
    :param last_used: when it was last opened.
    """

    path: Path
    complete: bool
    files: int
    quads: int
    size: int
    built: float
    last_used: float


@dataclass(frozen=True)
class CacheInfo:
    """The cache folder and its entries."""

    directory: Path
    entries: tuple[CacheEntry, ...]

    @property
    def size(self) -> int:
        """Bytes of all entries."""
        return sum(e.size for e in self.entries)


def _size(folder: Path) -> int:
    total = 0
    for p in folder.rglob("*"):
        with contextlib.suppress(OSError):
            if p.is_file():
                total += p.stat().st_size
    return total


def cache_info() -> CacheInfo:
    """What the cache holds (entries and interrupted builds), newest use first."""
    root = cache_dir()
    entries = []
    dirs = list(_entries(root))
    if root.is_dir():
        dirs += [p for p in root.iterdir() if p.is_dir() and p.name.startswith(_TMP_PREFIX)]
    for e in dirs:
        marker = _read_marker(e) or {}
        entries.append(
            CacheEntry(
                path=e,
                complete=e.name.startswith(_PREFIX) and bool(marker),
                files=len(marker.get("inputs", [])),
                quads=int(marker.get("quads", 0)),
                size=_size(e),
                built=float(marker.get("built", 0.0)),
                last_used=_last_used(e),
            )
        )
    entries.sort(key=lambda e: e.last_used, reverse=True)
    return CacheInfo(root, tuple(entries))


@dataclass(frozen=True)
class ClearResult:
    """What :func:`clear_cache` removed."""

    directory: Path
    entries: int
    size: int


def clear_cache() -> ClearResult:
    """Remove every entry, interrupted build and lock file iopkg wrote in the cache folder;
    nothing else there is touched.

    :raises CacheError: when an entry cannot be removed.
    """
    info = cache_info()
    root = info.directory
    for e in info.entries:
        try:
            shutil.rmtree(e.path)
        except FileNotFoundError:
            pass
        except OSError as err:
            raise CacheError(str(e.path), f"cannot remove: {err.strerror or err}") from None
    if root.is_dir():
        for p in root.glob(f"{_PREFIX}*.lock"):
            with contextlib.suppress(OSError):
                p.unlink()
    return ClearResult(root, len(info.entries), info.size)
