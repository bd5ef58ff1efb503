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
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from iopkg.errors import OutputError

#: The path that means standard output.
STDOUT = "-"


#: How a user asks to write over an input or inside the project's data folder anyway.
OVERRIDE_HINT = "iopkg --allow-overwrite-input COMMAND ... does it anyway"


@dataclass(frozen=True)
class OutputGuard:
    """Paths an output must not replace, enter or hold (see :func:`guard_outputs`).

    :param inputs: files and folders the running command reads.
    :param protected: folders nothing is written into unless asked (the project's ``data/``).
    """

    inputs: tuple[Path, ...] = ()
    protected: tuple[Path, ...] = ()


_GUARD: ContextVar[OutputGuard | None] = ContextVar("iopkg_output_guard", default=None)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError):  # a symlink loop, a NUL: compare as written
        return path.absolute()


@contextmanager
def guard_outputs(inputs: Iterable[Path], protected: Iterable[Path] = ()) -> Iterator[None]:
    """While the block runs, every output written through this module (and
    :func:`iopkg.publish.files.swapped_dir`) is refused with :class:`OutputError` when it is
    one of ``inputs``, lies inside an input folder or a ``protected`` folder, or (for a folder
    output) holds one of them.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "in.ttl").write_text("")
    >>> with guard_outputs([d / "in.ttl"]):
    ...     write_bytes_atomic(d / "in.ttl", b"x")
    Traceback (most recent call last):
    iopkg.errors.OutputError: ...in.ttl: is an input of this command; ...
    """
    token = _GUARD.set(
        OutputGuard(
            tuple(_resolved(Path(p)) for p in inputs),
            tuple(_resolved(Path(p)) for p in protected),
        )
    )
    try:
        yield
    finally:
        _GUARD.reset(token)


def check_output_target(target: str | Path, *, folder: bool = False) -> None:
    """Refuse an output that would replace or enter an input or a protected folder.

    :param target: the output file or folder.
    :param folder: ``target`` is a folder that will be replaced as a whole.
    :raises OutputError: when the active :func:`guard_outputs` forbids ``target``.
    """
    guard = _GUARD.get()
    if guard is None or str(target) == STDOUT:
        return
    t = _resolved(Path(target))
    for p in guard.inputs:
        if t == p:
            why = "is an input of this command"
        elif t.is_relative_to(p):
            why = f"is inside the input folder {p}"
        elif folder and p.is_relative_to(t):
            why = f"holds the input {p}"
        else:
            continue
        raise OutputError(str(target), f"{why}; give another output ({OVERRIDE_HINT})")
    for p in guard.protected:
        if t.is_relative_to(p) or (folder and p.is_relative_to(t)):
            raise OutputError(
                str(target),
                f"is in or holds the project's data folder {p}; give another output "
                f"({OVERRIDE_HINT})",
            )


def default_mode(path: Path | None, *, folder: bool = False) -> int:
    """The permissions for an output: those of the file ``path`` it replaces, else the umask
    default (0666 or 0777 less the umask, as ``open`` and ``mkdir`` give)."""
    if path is not None:
        try:
            return stat.S_IMODE(os.stat(path).st_mode)
        except (OSError, ValueError):
            pass
    mask = os.umask(0)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


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
    without an error (standard output when ``path`` is ``-``; a device or a FIFO, such as
    ``/dev/stdout``, is written into directly, not replaced).

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
    check_output_target(target)
    if target.is_dir():
        raise OutputError(str(target), "is a folder; give a file name")
    if _is_stream(target):
        # a device or a pipe (/dev/null, /dev/stdout, a FIFO, >(gzip > x)) is written into,
        # never replaced by a file: renamed over, /dev/null would become a regular file
        try:
            with open(target, "wb") as f:
                yield f
                f.flush()
        except OSError as e:
            raise OutputError(str(target), f"cannot write: {e.strerror or e}") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(str(target), f"cannot write here: {e.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, default_mode(target))
        os.replace(tmp, target)
    except OSError as e:
        raise OutputError(str(target), f"cannot write: {e.strerror or e}") from None
    finally:  # also on Ctrl-C or an error while streaming: no temp file is left behind
        Path(tmp).unlink(missing_ok=True)


def _is_stream(path: Path) -> bool:
    """Whether ``path`` (its symbolic links followed) is a device, a FIFO or a socket.

    >>> _is_stream(Path("/dev/null")), _is_stream(Path("/no/such/file"))
    (True, False)
    """
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


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
        what = "is a file" if target.is_file() else "is not a folder (a device or a pipe)"
        raise OutputError(str(target), f"{what}; give a folder for this format")
    parent = target.parent if str(target.parent) else Path(".")
    _check_folder(parent, target)
    check_output_target(target, folder=True)
    try:
        tmpdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    except OSError as e:
        raise OutputError(str(target), f"cannot write here: {e.strerror}") from None
    try:
        for name, data in files.items():
            (tmpdir / name).write_bytes(data)
            os.chmod(tmpdir / name, default_mode(target / name))
        if not target.exists():
            try:
                os.rename(tmpdir, target)
                os.chmod(target, default_mode(None, folder=True))
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
