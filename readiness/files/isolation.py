"""Reading an upload in a separate, limited process, so one file cannot take the server down.

calamine lays a sheet out as a dense grid, so a stray cell far from the plan can ask for
gigabytes (and when an allocation fails, Rust aborts the whole process: the server, with every
session in it); and turning a sheet's cells into Python holds the GIL, so a long read in the
server process stalls every other session. A Reader runs the reading in a child process instead,
with an address-space limit (RLIMIT_AS), at a lower CPU priority, and with a wall-clock budget.
Calls and their results, progress messages and problems travel over a socket, pickled.

The child is a fresh interpreter started by subprocess, not a multiprocessing "spawn" or
"forkserver" process: those import the parent's __main__ in the child, and inside a Streamlit
script run __main__ is the app itself, so each upload would run app.py again. Not "fork" either:
the Streamlit server has threads.

A Word document is read in the same kind of process, and its problems speak of a document; so is
a load of KPI files (read_limited), whose problems name the file being read when a limit was met:
parquet unpacks a 234 KB file of one long string repeated into gigabytes, and pandas turning a
million-row CSV file into Python strings holds the GIL as calamine does. A Reader made inside a
reader's process (a KPI load reads the council's own workbooks too) builds its object there, in
place: that process is already limited.
"""

from __future__ import annotations

import logging
import os
import resource
import signal
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection, Pipe
from pathlib import Path

from readiness.files.limits import Limits, out_of_memory, out_of_time, words_for
from readiness.files.problems import ImportFailed, Problem, file_problem

logger = logging.getLogger(__name__)
# The folder that holds the readiness package, for the child's sys.path.
_CODE_ROOT = str(Path(__file__).resolve().parents[2])
_START_CHILD = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "from readiness.files.isolation import serve; serve(int(sys.argv[2]))"
)
# The child's exit status after a MemoryError (Rust's allocation failures abort it: SIGABRT).
_OUT_OF_MEMORY_EXIT = 3
_MEMORY_SIGNALS = (-signal.SIGABRT, -signal.SIGKILL, _OUT_OF_MEMORY_EXIT)
# Behind the plan's own pages: a reader yields the CPU to every other session.
_NICENESS = 10
# RLIMIT_AS counts address space reserved, not memory used: pyarrow's default allocator
# (mimalloc) reserves 1.7 GB to read LAIT's data set, glibc an arena of 64 MB for each of pyarrow's
# threads. With the system allocator and two arenas the same read reserves 480 MB (it uses 230).
_CHILD_ENVIRONMENT = {"ARROW_DEFAULT_MEMORY_POOL": "system", "MALLOC_ARENA_MAX": "2"}
# True in a reader's process: a Reader made there builds its object in place.
_in_reader = False


class Reader:
    """An object built by `factory(*args)` in a limited child process; `call` runs its methods.

    The budget of `limits.seconds` covers the whole life of the reader: opening and every call.
    Close it (or let read_plan's `finally` close the Book holding it) to end the child.
    """

    def __init__(self, file: str, limits: Limits, factory, *args) -> None:
        self.file = file
        self._limits = limits
        self._seconds_left = limits.seconds
        if _in_reader:
            self._in_place = factory(*args)
            return
        self._conn, theirs = Pipe()
        try:
            self._child = subprocess.Popen(
                [sys.executable, "-c", _START_CHILD, _CODE_ROOT, str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                env={**os.environ, **_CHILD_ENVIRONMENT},
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                # A Rust panic in calamine prints its own report to stderr; nothing the reader
                # prints belongs in the server's console or on the user's screen. What went
                # wrong comes back over the socket (and a bug's traceback goes to the log).
                stderr=subprocess.DEVNULL,
            )
        finally:
            theirs.close()
        try:
            self._ask((limits.memory_bytes, factory, args), None)
        except BaseException:
            self.close()
            raise

    def call(self, method: str, *args, progress=None):
        """`method(*args, progress)` on the child's object; its progress reaches `progress`."""
        if _in_reader:
            return getattr(self._in_place, method)(*args, progress)
        return self._ask((method, args), progress)

    def close(self) -> None:
        """End the child at once: it holds nothing worth a clean exit, and may be busy."""
        if _in_reader:
            return
        self._conn.close()
        self._child.kill()
        self._child.wait()

    def _ask(self, message, progress):
        """Send `message`, pass on the child's progress, and return its answer (or raise)."""
        try:
            self._conn.send(message)
        except ConnectionError:  # the child has already ended
            raise ImportFailed([self._death()]) from None
        while True:
            started = time.monotonic()
            ready = self._conn.poll(max(self._seconds_left, 0))
            self._seconds_left -= time.monotonic() - started
            if not ready:
                self._child.kill()
                raise ImportFailed([out_of_time(self.file, self._limits)])
            try:
                kind, *value = self._conn.recv()
            except (EOFError, ConnectionError):  # reset, if it ended with a message unread
                raise ImportFailed([self._death()]) from None
            if kind == "progress":
                if progress:
                    progress(*value)
            elif kind == "failed":
                raise ImportFailed(value[0])
            elif kind == "panicked":
                raise ImportFailed([_unreadable(self.file)])
            elif kind == "raised":
                exc, trace = value
                logger.error("The reader failed on %s:\n%s", self.file, trace)
                raise exc
            else:
                return value[0]

    def _death(self) -> Problem:
        """The problem to report for a child that ended without answering."""
        status = self._child.wait()
        if status in _MEMORY_SIGNALS:
            return out_of_memory(self.file, self._limits)
        words = words_for(self.file)
        return Problem(
            self.file,
            None,
            None,
            None,
            None,
            f"The {words.file} reader stopped unexpectedly (exit status {status}).",
            f"{words.again}; if it still fails, send the file to whoever looks after this service.",
        )


def _unreadable(file: str) -> Problem:
    return file_problem(
        file,
        "The file holds something the reader cannot handle (for example a date far outside "
        "any calendar, which Excel shows as ####), so it cannot be read.",
        "Open it in Excel, correct or clear the cells showing ####, save it under a new name "
        "and import that copy.",
    )


def read_limited(file: str, limits: Limits, function: Callable, *args):
    """`function(*args, progress)` run in a reader, and what it returns (or the ImportFailed it
    raises). The function calls `progress(name)` as it starts on each of several files, so that a
    limit met names the file being read; `file` names them all until then."""
    reader = Reader(file, limits, _Call, function, args)

    def reading(name: str) -> None:
        reader.file = name

    try:
        return reader.call("result", progress=reading)
    finally:
        reader.close()


class _Call:
    """read_limited's side in the reader: the function, called when its result is asked for."""

    def __init__(self, function: Callable, args: tuple) -> None:
        self._function = function
        self._args = args

    def result(self, progress: Callable[[str], None]):
        return self._function(*self._args, progress)


def serve(fd: int) -> None:
    """The child: build the object, then answer calls until the parent closes the socket."""
    global _in_reader
    _in_reader = True
    conn = Connection(fd)
    memory_bytes, factory, args = conn.recv()
    _limit_self(memory_bytes)

    def progress(*value) -> None:
        conn.send(("progress", *value))

    built = []  # the object itself stays here: only what its methods return is sent
    try:
        if not _answer(conn, lambda: built.append(factory(*args))):
            return
        while True:
            try:
                method, args = conn.recv()
            except EOFError:
                return
            _answer(conn, lambda m=method, a=args: getattr(built[0], m)(*a, progress))
    except MemoryError:
        os._exit(_OUT_OF_MEMORY_EXIT)


def _answer(conn: Connection, work) -> bool:
    """Send back work()'s result, or its problems; whether it succeeded."""
    try:
        result = work()
    except ImportFailed as failed:
        # Sent as the problems: ImportFailed itself does not survive pickling.
        conn.send(("failed", failed.problems))
        return False
    except MemoryError:
        raise
    except Exception as exc:  # a bug, not the file: raised again in the server, as it was
        # The pickled exception loses its traceback: it travels as text, for the server's log.
        conn.send(("raised", exc, traceback.format_exc()))
        return False
    except BaseException as exc:
        # A Rust panic in the reading library (pyo3's PanicException, a BaseException) is the
        # file holding something the library cannot handle, such as a date serial far out of
        # range: the file is unreadable, the server is fine.
        if type(exc).__name__ != "PanicException":
            raise
        conn.send(("panicked", str(exc)))
        return False
    conn.send(("done", result))
    return True


def _limit_self(memory_bytes: int) -> None:
    """Cap this process's address space (never above a limit it already has) and lower its
    priority."""
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        memory_bytes = min(memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    os.nice(_NICENESS)
