"""Atomic writes for publication: a whole folder is built beside the target, synced to disk
once, then swapped in (:func:`swapped_dir`); files inside the folder being built are written
plainly (:func:`write_text`, :func:`write_bytes`), since nobody sees them before the swap.
Single files elsewhere go through :mod:`iopkg.io` (:func:`atomic_write_text`).

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write_text(d / "a.txt", "hi")
>>> (d / "a.txt").read_text()
'hi'
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from iopkg.errors import OutputError, PublishError
from iopkg.io import check_output_target, default_mode, write_bytes_atomic
from iopkg.xmlsafe import XML_SUFFIXES, check_xml_bytes, check_xml_text

#: The file :func:`swapped_dir` leaves in each folder it writes: only a folder holding it (or
#: an empty one) is ever replaced, so a folder of someone's own files is never deleted.
MARKER = ".iopkg-publication"
MARKER_TEXT = (
    "This folder was written by iopkg publish, which replaces it as a whole on the next run.\n"
)


def atomic_write_text(path: Path, text: str) -> None:
    """Write UTF-8 text atomically (:func:`iopkg.io.write_bytes_atomic`).

    :param path: the target file.
    :param text: the text.
    :raises OutputError: when the folder cannot be written.
    """
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file inside a folder being built by :func:`swapped_dir` (no fsync of its own:
    the folder is synced once before the swap).

    :param path: the file.
    :param data: the bytes.
    :raises OutputError: when the file cannot be written.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "b.txt"
    >>> write_bytes(f, b"x"); f.read_bytes()
    b'x'
    """
    if Path(path).suffix.lower() in XML_SUFFIXES:
        check_xml_bytes(data, str(path))  # catalog.rdf, pages: never ill-formed
    _write(path, data)


def _write(path: Path, data: bytes) -> None:
    try:
        with open(path, "wb") as f:
            f.write(data)
    except OSError as e:
        raise OutputError(str(path), f"cannot write: {e.strerror or e}") from None


def write_text(path: Path, text: str) -> None:
    """:func:`write_bytes` for UTF-8 text (an XML file's text is checked as text:
    :func:`~iopkg.xmlsafe.check_xml_text`).

    :param path: the file.
    :param text: the text.
    :raises OutputError: when the file cannot be written.
    :raises ExportError: when an XML or HTML file would hold a character XML cannot hold.
    """
    data = text.encode("utf-8")
    if Path(path).suffix.lower() in XML_SUFFIXES:
        check_xml_text(text, data, str(path))
    _write(path, data)


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
    ['.iopkg-publication', 'x']
    """
    target = Path(target)
    if target.exists() and not target.is_dir():
        raise PublishError(str(target), "exists and is not a folder")
    _check_replaceable(target)
    check_output_target(target, folder=True)
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.build-"))
    except OSError as e:
        raise PublishError(str(parent), f"cannot create a folder here: {e.strerror}") from None
    try:
        yield build
        (build / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        build.chmod(default_mode(target, folder=True))
        os.sync()  # one flush for all files written into ``build``, before it becomes visible
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


def _check_replaceable(target: Path) -> None:
    """Refuse to replace the current folder (or one holding it), and any folder that is not
    empty and does not hold :data:`MARKER`.

    :raises PublishError: with what to do instead.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "thesis.docx").write_text("x")
    >>> _check_replaceable(d)
    Traceback (most recent call last):
    iopkg.errors.PublishError: ...: holds files iopkg did not write (no .iopkg-publication); ...
    """
    try:
        resolved = target.resolve()
        cwd = Path.cwd().resolve()
    except (OSError, RuntimeError) as e:
        raise PublishError(str(target), f"cannot resolve the folder: {e}") from None
    if cwd.is_relative_to(resolved):
        raise PublishError(
            str(target),
            "is the current folder or holds it, which publish would replace as a whole; "
            "give a new subfolder, e.g. -o site",
        )
    if not target.is_dir():
        return
    try:
        empty = next(target.iterdir(), None) is None
    except OSError as e:
        raise PublishError(str(target), f"cannot read the folder: {e.strerror}") from None
    if not empty and not (target / MARKER).is_file():
        raise PublishError(
            str(target),
            f"holds files iopkg did not write (no {MARKER}); publish replaces its folder as a "
            "whole, so give a new or empty folder",
        )
