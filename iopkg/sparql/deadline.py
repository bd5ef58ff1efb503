"""Queries on the embedded store with a deadline, streaming their rows.

Oxigraph cannot cancel a query, and one step of a query (a large join feeding ``COUNT``) can run
for ever without yielding a row. So the query runs in a forked child process (which shares the
store's memory copy-on-write, so nothing is copied up front); the child writes the results as
SPARQL JSON into a pipe and the parent parses them as they arrive. A timer kills the child at
the deadline, and the parent raises :class:`QueryTimeoutError`. Rows are yielded one by one, so
a result of a million rows is never held in memory as a whole.

:func:`call_with_deadline` does the same for a whole computation (``iopkg compare``): the child
runs it and sends back the pickled result, which is small.

Where ``os.fork`` does not exist (Windows), the work runs in-process without a deadline.

>>> import pyoxigraph as ox
>>> s = ox.Store()
>>> s.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal(1)))
>>> with stream_query(s, "SELECT ?o WHERE { ?s ?p ?o }", timeout=10) as (columns, rows):
...     columns, [r[0].value for r in rows]
(('o',), ['1'])
"""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pyoxigraph as ox

from iopkg.errors import IopkgError, QueryFailedError, QueryTimeoutError
from iopkg.sparql.result import Row, answer_rows

T = TypeVar("T")


@contextmanager
def stream_query(
    store: ox.Store, text: str, *, timeout: float | None, name: str = "query"
) -> Iterator[tuple[tuple[str, ...], Iterator[Row]]]:
    """Run a read query; yield its column names and an iterator of its rows.

    An ASK query gives one column ``result`` and one row with a boolean literal.

    :param store: the store to query.
    :param text: a SELECT or ASK query (already checked and bound).
    :param timeout: seconds before the query (and the reading of its rows) is stopped;
        ``None`` for no deadline.
    :param name: the query's name, for messages.
    :raises QueryTimeoutError: when the deadline passes (also while rows are read).
    :raises QueryFailedError: when the store fails to evaluate the query.
    """
    if timeout is None or not hasattr(os, "fork"):
        answer = store.query(text)
        yield answer_rows(answer)
        return
    read_fd, write_fd = os.pipe()
    err_read, err_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: evaluate, write SPARQL JSON to the pipe, never return
        code = 0
        try:
            os.close(read_fd)
            os.close(err_read)
            with os.fdopen(write_fd, "wb") as out:
                store.query(text).serialize(out, ox.QueryResultsFormat.JSON)
        except BrokenPipeError:
            pass  # the parent stopped reading
        except BaseException as e:  # noqa: BLE001 - reported to the parent, then exit
            os.write(err_write, " ".join(str(e).split()).encode("utf-8")[:2000])
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    os.close(err_write)
    timer, fired = _kill_at(pid, timeout)
    pipe = os.fdopen(read_fd, "rb")
    try:
        try:
            answer = ox.parse_query_results(pipe, ox.QueryResultsFormat.JSON)
            columns, rows = answer_rows(answer)
        except (SyntaxError, OSError) as e:
            _raise_child_error(fired, err_read, name, timeout, e)
            raise  # unreachable; for type checkers
        yield columns, _checked(rows, fired, err_read, name, timeout)
    finally:
        timer.cancel()
        kill_quietly(pid)
        pipe.close()
        os.close(err_read)


def call_with_deadline(func: Callable[[], T], *, timeout: float | None, name: str) -> T:
    """Run ``func()`` in a forked child and return its (picklable) result, or stop it at the
    deadline.

    An :class:`IopkgError` raised in the child is raised again here (as a plain
    :class:`IopkgError` with the same message and exit code when it cannot be unpickled).

    :param func: the work; it must not depend on changes it makes to the parent's state.
    :param timeout: seconds before the child is killed; ``None`` runs ``func`` in-process.
    :param name: what runs, for messages.
    :raises QueryTimeoutError: when the deadline passes.
    :raises QueryFailedError: when the child fails otherwise.

    >>> call_with_deadline(lambda: sum(range(10)), timeout=30, name="sum")
    45
    """
    if timeout is None or not hasattr(os, "fork"):
        return func()
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send (ok, result or error), never return
        code = 0
        try:
            os.close(read_fd)
            try:
                payload = pickle.dumps((True, func()))
            except IopkgError as e:
                payload = pickle.dumps((False, (_portable(e), str(e), e.exit_code)))
            except BaseException as e:  # noqa: BLE001 - reported to the parent, then exit
                message = f"{name} failed: {' '.join(str(e).split()) or type(e).__name__}"
                payload = pickle.dumps((False, (None, message, 2)))
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
        except BaseException:  # noqa: BLE001 - the parent sees an empty answer
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    timer, fired = _kill_at(pid, timeout)
    try:
        with os.fdopen(read_fd, "rb") as pipe:
            data = pipe.read()
    finally:
        timer.cancel()
        kill_quietly(pid)
    if fired.is_set():
        raise QueryTimeoutError(
            f"{name}: stopped after --timeout {timeout:g} s; give a longer --timeout or less data"
        )
    try:
        ok, value = pickle.loads(data)
    except Exception:  # noqa: BLE001 - the child died without an answer
        raise QueryFailedError(f"{name}: stopped without an answer") from None
    if ok:
        return value
    error, message, exit_code = value
    if not isinstance(error, IopkgError):
        error = IopkgError(message)
        error.exit_code = exit_code
    raise error


def _portable(error: IopkgError) -> IopkgError | None:
    """The error if it survives pickling (not every subclass's arguments do), else None."""
    try:
        return pickle.loads(pickle.dumps(error))
    except Exception:  # noqa: BLE001 - the parent then raises a plain IopkgError
        return None


def _kill_at(pid: int, timeout: float) -> tuple[threading.Timer, threading.Event]:
    """A started timer that kills ``pid`` after ``timeout`` s, and the event it sets then."""
    fired = threading.Event()

    def kill() -> None:
        fired.set()
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill)
    timer.daemon = True
    timer.start()
    return timer, fired


def kill_quietly(pid: int) -> None:
    """Kill a child process if it still runs, and reap it."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _checked(
    rows: Iterator[Row], fired: threading.Event, err_read: int, name: str, timeout: float
) -> Iterator[Row]:
    try:
        yield from rows
    except (SyntaxError, OSError) as e:
        _raise_child_error(fired, err_read, name, timeout, e)
    if fired.is_set():  # killed between two complete rows: the result is cut short
        raise QueryTimeoutError(f"{name}: stopped after --timeout {timeout:g} s")


def _raise_child_error(
    fired: threading.Event, err_read: int, name: str, timeout: float, e: Exception
) -> None:
    if fired.is_set():
        raise QueryTimeoutError(
            f"{name}: stopped after --timeout {timeout:g} s; make the query "
            "more selective or give a longer --timeout"
        ) from None
    detail = os.read(err_read, 4000).decode("utf-8", "replace") or " ".join(str(e).split())
    raise QueryFailedError(f"{name}: query failed: {detail}") from None
