"""Atomic output: write to a temporary file in the target folder, then ``os.replace`` it.

An existing output is never left truncated: either the old bytes or the new ones are there.
A missing folder or an unwritable path raises :class:`~iopkg.errors.OutputError` (exit 2).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> write_bytes_atomic(d / "x.txt", b"hello")
>>> (d / "x.txt").read_bytes()
b'hello'
>>> write_files_atomic(d / "tables", {"a.csv": b"1"})
>>> sorted(p.name for p in (d / "tables").iterdir())
['a.csv']
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from iopkg.errors import OutputError

#: The path that means standard output.
STDOUT = "-"


def _check_folder(folder: Path, target: Path) -> None:
    if "\x00" in str(target):  # the OS cannot take it, and Python raises ValueError
        raise OutputError(
            str(target).replace("\x00", "\\x00"), "a file name cannot hold a NUL character (\\x00)"
        )
    if not folder.exists():
        raise OutputError(str(target), f"folder {folder} does not exist; create it first")
    if not folder.is_dir():
        raise OutputError(str(target), f"{folder} is not a folder")


@contextmanager
def atomic_writer(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through: it replaces ``path`` only when the block ends
    without an error (standard output when ``path`` is ``-``).

    Use it to stream large outputs; :func:`write_bytes_atomic` for bytes already in memory.

    :param path: the output file, or ``-``.
    :raises OutputError: when the folder is missing or the file cannot be written.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "rows.csv"
    >>> with atomic_writer(p) as f:
    ...     _ = f.write(b"a,b\\n")
    >>> p.read_bytes()
    b'a,b\\n'
    """
    if str(path) == STDOUT:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    _check_folder(folder, target)
    if target.is_dir():
        raise OutputError(str(target), "is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(str(target), f"cannot write here: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as e:
        raise OutputError(str(target), f"cannot write: {e.strerror or e}") from None
    finally:  # also on Ctrl-C or an error while streaming: no temp file is left behind
        Path(tmp).unlink(missing_ok=True)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically (or to standard output when ``path`` is ``-``).

    :param path: the output file, or ``-``.
    :param data: the bytes to write.
    :raises OutputError: when the folder is missing or the file cannot be written.
    """
    with atomic_writer(path) as f:
        f.write(data)


def write_files_atomic(folder: str | Path, files: Mapping[str, bytes]) -> None:
    """Write several files into ``folder``, each one atomically.

    All files are first written into a temporary folder next to ``folder`` (same file system);
    only when every one is complete are they moved into place with ``os.replace``, one by one.
    ``folder`` itself is created if its parent exists. Other files in ``folder`` are kept.

    :param folder: the output folder.
    :param files: file names (no subfolders) and their bytes.
    :raises OutputError: when the parent folder is missing or nothing can be written there.
    """
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise OutputError(str(target), "is a file; give a folder for this format")
    parent = target.parent if str(target.parent) else Path(".")
    _check_folder(parent, target)
    try:
        tmpdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as e:
        raise OutputError(str(target), f"cannot write here: {e.strerror}") from None
    try:
        for name, data in files.items():
            (tmpdir / name).write_bytes(data)
            os.chmod(tmpdir / name, 0o644)
        if not target.exists():
            try:
                os.rename(tmpdir, target)
                os.chmod(target, 0o755)
                return
            except OSError:
                target.mkdir(exist_ok=True)
        for name in files:
            os.replace(tmpdir / name, target / name)
    except OSError as e:
        raise OutputError(str(target), f"cannot write: {e.strerror or e}") from None
    finally:
        if tmpdir.exists():
            shutil.rmtree(tmpdir, ignore_errors=True)
