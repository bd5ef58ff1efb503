"""Atomic writes: one file (temp file + ``os.replace``) and a whole folder (build beside, swap).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write_bytes(d / "a.txt", b"hi")
>>> (d / "a.txt").read_bytes()
b'hi'
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from iopkg.errors import PublishError


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and ``os.replace``.

    :param path: the target file; its folder must exist.
    :param data: the bytes to write.
    :raises PublishError: when the folder cannot be written.
    """
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as e:
        raise PublishError(str(path), f"cannot write: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    """:func:`atomic_write_bytes` for UTF-8 text.

    :param path: the target file.
    :param text: the text.
    :raises PublishError: when the folder cannot be written.
    """
    atomic_write_bytes(path, text.encode("utf-8"))


@contextmanager
def swapped_dir(target: Path) -> Iterator[Path]:
    """Yield a fresh temp folder beside ``target``; on success it replaces ``target``.

    On any error the temp folder is removed and ``target`` is left as it was.

    :param target: the folder to (re)create.
    :raises PublishError: when the parent folder cannot be written or ``target`` is a file.

    >>> import tempfile, pathlib
    >>> t = pathlib.Path(tempfile.mkdtemp()) / "site"
    >>> with swapped_dir(t) as d:
    ...     _ = (d / "x").write_text("1")
    >>> sorted(p.name for p in t.iterdir())
    ['x']
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise PublishError(str(target), "exists and is not a folder")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.build-"))
    except OSError as e:
        raise PublishError(str(parent), f"cannot create a folder here: {e.strerror}") from None
    try:
        yield build
        build.chmod(0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.old-"))
            old.rmdir()
            os.replace(target, old)
            try:
                os.replace(build, target)
            except OSError:
                os.replace(old, target)  # put the previous folder back
                raise
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(build, target)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
