"""The window's side of a training run: a QObject on a QThread that reads the pipe and re-emits Qt signals.

The GUI thread never touches the pipe (no blocking ``recv``, no ``join``): it only receives queued signals, and asks
for a stop through a thread-safe event.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot

from ..core.events import RunEnded
from ..runner import protocol
from ..runner.process import TrainingProcess

POLL_S = 0.05


class RunSession(QObject):
    """Watches one TrainingProcess from its own thread until the run ends and the process tree is gone."""

    message = Signal(object)  # every protocol.Message from the process, in order (the controller dispatches it)
    finished = Signal()  # the process and its children are gone; the session can be dropped

    def __init__(self, process: TrainingProcess):
        super().__init__()
        self.process = process
        self._stop = threading.Event()
        self._abandon = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName(f"run-session-{process.pid}")
        self.moveToThread(self._thread)
        self._thread.started.connect(self._watch)
        # Direct: quit must reach the thread even while the GUI thread is blocked in wait() (window closing).
        self.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)

    def start(self, config_values: dict) -> None:
        self.process.start_run(config_values)
        self._thread.start()

    def request_stop(self) -> None:
        """Stop after the current batch; the tree is killed if that takes longer than ~2 s."""
        self._stop.set()

    def abandon(self) -> None:
        """The window is closing: kill the tree now, do not wait for the run to wind down."""
        self._abandon.set()
        self._stop.set()

    def wait(self, timeout_ms: int = 3000) -> bool:
        return self._thread.wait(timeout_ms)

    def dispose(self) -> None:
        """Break the thread <-> session reference cycle so both (and the thread's wake-up pipe) go at once."""
        self._thread.wait(3000)
        self._thread.started.disconnect(self._watch)
        self._thread = None

    @Slot()
    def _watch(self) -> None:
        process = self.process
        try:
            while not process.finished and not self._abandon.is_set():
                for message in process.messages(POLL_S):
                    self.message.emit(message)
                if self._stop.is_set():
                    process.request_stop()
                    if process.stop_overdue():
                        break
            if not process.finished:
                # Stopped by force (overdue or the window is closing): the user asked, so it ends as "stopped".
                forced = RunEnded(status="stopped", seconds=0.0, final_loss=None, iterations=0, forced=True)
                self.message.emit(protocol.Message(protocol.ENDED, forced))
        finally:
            process.shutdown(0.0 if self._abandon.is_set() else 0.5)
            # Hand ourselves back to the GUI thread: an object left in a finished thread keeps that thread's
            # event dispatcher (and its wake-up pipe) alive, one leak per run.
            self.moveToThread(QCoreApplication.instance().thread())
            self.finished.emit()
