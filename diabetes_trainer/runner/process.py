"""TrainingProcess: one training run in its own spawned process, with pre-warm, stop, and a whole-tree kill.

No Qt here: the window watches a TrainingProcess from a QThread, the CLI's sweep and the tests use it directly.
"""

from __future__ import annotations

import atexit
import contextlib
import multiprocessing
import multiprocessing.util  # before our exit handler: atexit runs the last registered first
import signal
import threading
import time
import weakref
from collections.abc import Iterator

import psutil

from ..core.events import RunEnded, RunFailed
from . import protocol
from .child import child_main

STOP_GRACE_S = 2.0
KILL_WAIT_S = 1.0

# Every training process not shut down yet, so the exit handler can end them (see shutdown_all).
_live: weakref.WeakSet = weakref.WeakSet()
_live_lock = threading.Lock()


class TrainingProcess:
    """A spawned process that imports torch at once (pre-warm) and trains the one config it is handed.

    Spawn on every OS, so that what works here works on Windows and macOS too; a sweep passes
    ``start_method="forkserver"`` on Linux to fork its processes from a server that has torch imported already
    (runner.fork_server).
    """

    def __init__(self, warm: bool = True, start_method: str = "spawn") -> None:
        ctx = multiprocessing.get_context(start_method)
        self._conn, child_conn = ctx.Pipe(duplex=True)
        self._stop = ctx.Event()
        self._process = ctx.Process(target=child_main, args=(child_conn, self._stop),
                                    name="diabetes-trainer-training", daemon=False)
        with _sigint_blocked():  # until the child has its own session (child_main), a Ctrl+C is for us only
            self._process.start()
        with _live_lock:
            _live.add(self)
        self._pid = self._process.pid
        child_conn.close()  # ours is the only parent end: EOF reaches us when the child dies
        self.info: dict | None = None  # the READY payload: versions, pid, devices
        self.started_run = False
        self._finished = False  # an ENDED or FAILED message arrived, or we made one up
        self._stop_requested_at: float | None = None
        self._released = False
        self._warm_sent = False
        self.table_reply: dict | None = None  # the last TABLE answer (runner.table_keeper), kept, not yielded
        if warm:
            self.warm_up()

    @property
    def pid(self) -> int:
        return self._pid

    @property
    def finished(self) -> bool:
        return self._finished

    def is_alive(self) -> bool:
        return not self._released and self._process.is_alive()

    def warm_up(self) -> None:
        """Have the process import torch and warm up now (it says READY when done). Once; never blocks."""
        if self._warm_sent or self.started_run:
            return
        self._warm_sent = True
        with contextlib.suppress(BrokenPipeError, OSError):
            self._conn.send((protocol.WARM, None))

    def read_table(self, request_id: int, path: str, options: dict | None = None) -> None:
        """Have the process read the table at ``path`` ("" = the bundled sample) with the reader's ``options``
        (core.data.ReadOptions' fields) and keep it for its run; its answer lands in ``table_reply`` while messages
        are read. Never blocks."""
        if self.started_run:
            raise RuntimeError("the process is training; it reads tables before its run only")
        self._conn.send((protocol.READ, {"id": request_id, "path": path, "options": dict(options or {})}))

    def start_run(self, config_values: dict) -> None:
        """Hand the process its run; it starts as soon as the process is warm (at once when pre-warmed)."""
        if self.started_run:
            raise RuntimeError("a training process runs one config only")
        self.started_run = True
        self._conn.send((protocol.RUN, config_values))

    def request_stop(self) -> None:
        """Ask the loop to stop after the current batch; ``enforce_stop`` kills the tree if it takes too long."""
        self._stop.set()
        if self._stop_requested_at is None:
            self._stop_requested_at = time.monotonic()

    def stop_overdue(self) -> bool:
        return (self._stop_requested_at is not None and not self._finished
                and time.monotonic() - self._stop_requested_at > STOP_GRACE_S)

    def messages(self, timeout: float = 0.05) -> Iterator[protocol.Message]:
        """Yield the messages waiting now (waiting at most ``timeout`` for the first one).

        When the process dies without saying goodbye, yields a FAILED message that says so, once.
        """
        if self._conn.closed:
            return
        try:
            ready = self._conn.poll(timeout)
            while ready:
                kind, payload = self._conn.recv()
                if kind == protocol.TABLE:  # for whoever asked (read_table), not for a run's listeners
                    self.table_reply = payload
                    ready = self._conn.poll(0)
                    continue
                if kind == protocol.READY:
                    self.info = payload
                elif kind in (protocol.ENDED, protocol.FAILED):
                    self._finished = True
                yield protocol.Message(kind, payload)
                ready = self._conn.poll(0)
        except (EOFError, OSError):
            self._process.join(KILL_WAIT_S)
            if not self._finished:
                self._finished = True
                if self._stop.is_set():  # we asked it to stop: its end is that stop, not a failure to explain
                    yield protocol.Message(protocol.ENDED, RunEnded(status="stopped", seconds=0.0, final_loss=None,
                                                                    iterations=0, forced=True))
                else:
                    yield protocol.Message(protocol.FAILED, self._death_notice())

    def _death_notice(self) -> RunFailed:
        code = self._process.exitcode
        if code is not None and code < 0:
            try:
                how = f"was killed by signal {signal.Signals(-code).name}"
            except ValueError:
                how = f"was killed by signal {-code}"
        elif code is None:
            how = "stopped answering"
        else:
            how = f"exited with code {code}"
        return RunFailed("process-died", f"The training process (pid {self.pid}) {how} before the run finished. "
                                         "What was recorded so far is kept. Start again; if it happens again, "
                                         "try fewer workers or a smaller batch size.")

    def wait_ready(self, timeout: float = 30.0) -> dict:
        """Block until the process is warm (tests and the CLI; never call this on the GUI thread)."""
        self.warm_up()
        deadline = time.monotonic() + timeout
        while self.info is None:
            if time.monotonic() > deadline:
                raise TimeoutError("the training process did not start in time")
            for message in self.messages(0.1):
                if message.kind == protocol.FAILED:
                    raise RuntimeError(message.payload.message)
        return self.info

    def shutdown(self, grace_s: float = STOP_GRACE_S) -> None:
        """Stop gracefully, then kill the process and all its descendants; reap them. Safe to call twice."""
        if self._released:
            return
        if self._process.is_alive() and not self.started_run:
            with contextlib.suppress(BrokenPipeError, OSError):
                self._conn.send((protocol.QUIT, None))
        self._stop.set()
        self._process.join(grace_s if self.started_run else min(grace_s, 0.5))
        if self._process.is_alive() or _descendants(self.pid):
            # multiprocessing must reap its own child (else it never learns the exit code and keeps its pipes).
            kill_tree(self.pid, reap_root=False)
            self._process.join(KILL_WAIT_S)
        self._conn.close()
        if self._process.exitcode is not None:
            self._process.close()  # releases the sentinel pipe now: 100 runs must not leak 100 handles
            self._released = True
            with _live_lock:
                _live.discard(self)

    def __repr__(self) -> str:
        return f"TrainingProcess(pid={self.pid}, alive={self.is_alive()})"


@contextlib.contextmanager
def _sigint_blocked():
    """Block SIGINT in this thread while a child is spawned: the blocked mask survives fork and exec.

    The child unblocks it once it runs in its own session (runner.child), so a terminal's Ctrl+C, which goes to
    the whole foreground process group, reaches only the app, which then stops the run itself.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def shutdown_all() -> None:
    """End every training process still alive (spares, runs) and their workers.

    Registered with atexit after multiprocessing's own handler, so it runs first: that handler joins every
    non-daemon child, and a spare waiting for its config would make the interpreter wait at exit forever.
    """
    with _live_lock:
        processes = list(_live)
    for process in processes:
        with contextlib.suppress(Exception):
            process.shutdown(0.0)


atexit.register(shutdown_all)


def _descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return []


def kill_tree(pid: int, wait_s: float = KILL_WAIT_S, reap_root: bool = True) -> None:
    """Kill a process and every descendant (DataLoader workers included), children first, and wait for them.

    ``reap_root=False`` leaves waiting for the root to its parent (multiprocessing's join), which must do it.
    """
    try:
        root = psutil.Process(pid)
        descendants = root.children(recursive=True)
    except psutil.Error:
        return
    for proc in [*descendants, root]:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    psutil.wait_procs([*descendants, root] if reap_root else descendants, timeout=wait_s)


class WarmPool:
    """Keeps one spare training process, so Start answers at once (first loss point in ~0.1 s).

    ``take()`` hands out the spare and leaves the pool empty: starting the next interpreter (~0.2 s of a core)
    while a run has just begun would compete with that run and the window for the cores. ``warm_spare()`` (when
    the window is idle again) starts the next spare and has it import torch and warm up. ``close()`` ends it.

    The spare also reads the tables the window shows (``read_table``), keeps the last one and trains on it: a
    table is parsed once, and never in the window's process. ``start=False`` leaves the first spare to the first
    ``read_table`` or ``warm_spare``; with ``enabled=False`` a spare is made only to read a table, and not warmed.
    """

    def __init__(self, enabled: bool = True, start: bool = True) -> None:
        self.enabled = enabled
        self._spare: TrainingProcess | None = TrainingProcess(warm=True) if enabled and start else None
        self._last_read: str | None = None  # the path of the last table asked for: the next spare reads it too
        self._last_options: dict = {}  # and how it was to be read
        self._read_ids = 0

    def take(self) -> TrainingProcess:
        """The spare if there is a live one, else a new process that warms up on its way to the run."""
        process, self._spare = self._spare, None
        if process is not None and process.is_alive():
            return process
        if process is not None:
            process.shutdown(0)
        return TrainingProcess(warm=False)

    def warm_spare(self) -> None:
        """Get the next run's process ready: start one if there is none (or it died), and warm it up."""
        if not self.enabled:
            return
        self._drop_dead_spare()
        if self._spare is None:
            self._spare = TrainingProcess(warm=True)
            if self._last_read is not None:  # the next run is most likely on the same table: have it ready
                self._read_ids += 1
                self._spare.read_table(-self._read_ids, self._last_read, self._last_options)  # nobody waits
        else:
            self._spare.warm_up()

    def read_table(self, request_id: int, path: str, options: dict | None = None) -> None:
        """Have the spare (a new, unwarmed one if there is none) read ``path`` and keep it for the next run; the
        answer comes from ``table_reply(request_id)``. Returns at once."""
        self._last_read, self._last_options = path, dict(options or {})
        self._drop_dead_spare()
        if self._spare is None:
            self._spare = TrainingProcess(warm=False)
        with contextlib.suppress(BrokenPipeError, OSError):  # it just died: table_reply says so
            self._spare.read_table(request_id, path, options)

    def table_reply(self, request_id: int) -> dict | None:
        """The spare's answer to ``read_table(request_id)``: None while it reads; never blocks."""
        spare = self._spare
        if spare is not None:
            for _ in spare.messages(0):
                pass
            reply = spare.table_reply
            if reply is not None and reply.get("id") == request_id:
                return reply
            if spare.is_alive() and not spare.finished:
                return None
        return {"id": request_id, "path": self._last_read, "summary": None,
                "error": f"{self._last_read or 'The bundled sample'}: the process that reads the table ended "
                         "before it finished (the table may not fit in memory). Try again, or use a smaller table."}

    def _drop_dead_spare(self) -> None:
        if self._spare is not None and not self._spare.is_alive():
            self._spare.shutdown(0)
            self._spare = None

    def spare_info(self) -> dict | None:
        """The spare's READY info once it is warm (versions, devices); never blocks."""
        spare = self._spare
        if spare is None:
            return None
        if spare.info is None:
            for _ in spare.messages(0):
                pass
        return spare.info

    @property
    def spare_pid(self) -> int | None:
        return self._spare.pid if self._spare is not None else None

    def close(self) -> None:
        if self._spare is not None:
            self._spare.shutdown(0.5)
            self._spare = None
