"""TrainingController: owns the pre-warmed process pool and the current run; the window only sees its signals.

Everything here runs on the GUI thread and returns at once: process start-up and reaping happen in the
RunSession's thread, and the spare process warms up on its own.
"""

from __future__ import annotations

import atexit
import contextlib
import weakref
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.config import TrainConfig
from ..core.record import RecordBuilder
from ..runner import protocol

if TYPE_CHECKING:
    from ..runner.process import WarmPool
    from .session import RunSession


# Controllers whose window may never be closed (a script that builds the window and returns): see _shut_all.
_controllers: weakref.WeakSet = weakref.WeakSet()
_exit_handler_registered = False


def _shut_all() -> None:
    """At interpreter exit: end the runs' sessions and the spares of windows nobody closed."""
    for controller in list(_controllers):
        # RuntimeError: its Qt half is already gone; the runner's own exit handler ends its processes.
        with contextlib.suppress(RuntimeError):
            controller.shutdown()


def _register_exit_handler() -> None:
    # After runner.process is imported: atexit runs the last registered first, so this runs before the runner's
    # handler (which kills any process left) and before multiprocessing's (which would join a waiting spare).
    global _exit_handler_registered
    if not _exit_handler_registered:
        _exit_handler_registered = True
        atexit.register(_shut_all)


class TrainingController(QObject):
    runStarted = Signal(object)  # RunStarted
    batchesArrived = Signal(object)  # dict of numpy arrays
    epochEnded = Signal(object)  # EpochEnded
    runFinished = Signal(object)  # the run record (dict); status finished, stopped or failed
    processChanged = Signal(object)  # pid of the training process, or None when no run
    devicesKnown = Signal(object)  # the warm process's READY info: versions, cuda, mps
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None, prewarm: bool = True):
        super().__init__(parent)
        self._pool: WarmPool | None = None
        self._warm_started = False
        self._prewarm = prewarm
        self._session: RunSession | None = None
        self._builder: RecordBuilder | None = None
        self._closing = False
        self.process_info: dict | None = None
        self.last_record: dict | None = None
        # Until the spare says READY we do not know whether this machine has CUDA (the GUI never imports torch).
        self._ready_probe = QTimer(self)
        self._ready_probe.setInterval(200)
        self._ready_probe.timeout.connect(self._probe_spare)

    def warm_up(self) -> None:
        """Start the spare training process (call once the window is on screen)."""
        if not self._warm_started and not self._closing:
            self._warm_started = True
            self._ensure_pool().warm_spare()
            if self.process_info is None:
                self._ready_probe.start()

    def _ensure_pool(self) -> WarmPool:
        if self._pool is None:
            # Imported here, after the window's first paint: the window appears without waiting for them.
            from ..runner.process import WarmPool

            _register_exit_handler()  # before any process starts: an interpreter exit then never hangs on it
            _controllers.add(self)
            self._pool = WarmPool(enabled=self._prewarm, start=False)
        return self._pool

    def read_table(self, request_id: int, path: str, options: dict | None = None) -> None:
        """Have the spare process read a table (it keeps it for the next run); see ``table_reply``."""
        if not self._closing:
            self._ensure_pool().read_table(request_id, path, options)

    def table_reply(self, request_id: int) -> dict | None:
        """The answer to ``read_table(request_id)`` (summary or error), None while it is being read."""
        if self._pool is None:
            return {"id": request_id, "summary": None, "error": "The window is closing."}
        return self._pool.table_reply(request_id)

    def adopt(self, other: TrainingController) -> None:
        """Take over ``other``'s warm spare, what it reported and its last run (the window was rebuilt).

        ``other`` must be idle; it is left without a pool, so closing it ends no process.
        """
        if other.busy:
            return
        if self._pool is not None:  # the new window's own first table read: the adopted spare reads it instead
            self._pool.close()
        self._pool, other._pool = other._pool, None
        if self._pool is not None:
            _register_exit_handler()
            _controllers.add(self)
        self._warm_started = other._warm_started
        self._builder = other._builder
        self.last_record = other.last_record
        if other.process_info is not None:
            self._on_ready(other.process_info)
        elif self._pool is not None:
            self._ready_probe.start()

    def _probe_spare(self) -> None:
        info = self._pool.spare_info() if self._pool is not None else None
        if info is not None:
            self._ready_probe.stop()
            self._on_ready(info)

    @property
    def busy(self) -> bool:
        return self._session is not None

    @property
    def record_builder(self) -> RecordBuilder | None:
        return self._builder

    def start(self, config: TrainConfig) -> None:
        if self._session is not None or self._closing:
            return
        from .session import RunSession

        self.warm_up()
        process = self._pool.take()
        session = RunSession(process)
        self._builder = RecordBuilder(config.to_dict())
        session.message.connect(self._on_message)
        session.finished.connect(self._on_session_finished)
        self._session = session
        session.start(config.to_dict())
        self.busyChanged.emit(True)
        self.processChanged.emit(process.pid)

    def stop(self, last: bool = False) -> None:
        """Stop the run after its current batch; ``last``: the window closes next, so start no spare after it."""
        if last:
            self._closing = True
            self._ready_probe.stop()
        if self._session is not None:
            self._session.request_stop()

    def shutdown(self) -> None:
        """The window is closing: end the run and the spare now, leaving no process behind."""
        self._closing = True
        self._ready_probe.stop()
        if self._session is not None:
            self._session.abandon()
            self._session.wait(5000)
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _warm_spare(self) -> None:
        # Not if the window is closing, or a new run (the next experiment) has started meanwhile.
        if self._pool is not None and not self._closing and self._session is None:
            self._pool.warm_spare()

    def spare_pid(self) -> int | None:
        return self._pool.spare_pid if self._pool is not None else None

    def session_pid(self) -> int | None:
        return self._session.process.pid if self._session is not None else None

    # -- from the session thread (queued onto the GUI thread) --------------------------------------------------
    def _on_ready(self, info: dict) -> None:
        if self.process_info is None:
            self._ready_probe.stop()
            self.process_info = info
            self.devicesKnown.emit(info)

    def _on_message(self, message: protocol.Message) -> None:
        """The record first (runner.protocol's one message-to-record mapping), then the window's signals."""
        if self._builder is not None:
            protocol.feed_record(self._builder, message)
        protocol.dispatch(message, {protocol.READY: self._on_ready, protocol.STARTED: self.runStarted.emit,
                                    protocol.BATCHES: self.batchesArrived.emit, protocol.EPOCH: self.epochEnded.emit})

    def _on_session_finished(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            session.dispose()  # its thread is past its last line: this returns at once
        # Now that the cores are free, get the next run's process ready; in an event of its own, after the window
        # has shown the run's end (starting a process takes the GUI thread a few milliseconds).
        QTimer.singleShot(0, self, self._warm_spare)
        if self._builder is not None:
            self.last_record = self._builder.record()
        self.processChanged.emit(None)
        self.busyChanged.emit(False)
        if self.last_record is not None:
            self.runFinished.emit(self.last_record)
