"""Writes files off the GUI thread, one at a time in the order asked: runs into the history, exported numbers.

A long run's record is tens of megabytes; encoding it and waiting for the disk on the GUI thread would freeze the
window for seconds. The callbacks run back on the GUI thread, so they may touch widgets.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

# What a write may fail with and the user should read: the disk (OSError) and our own stores' errors, which say
# which file and what to do (RunStoreError is a RuntimeError); a bad value in a record is a ValueError.
WRITE_ERRORS = (OSError, RuntimeError, ValueError)


class FileWriter(QObject):
    _finished = Signal(object, object)  # (callback, its argument): emitted on the worker, delivered here

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one at a time, in the order asked
        self._held: list[_WriteTask] = []  # asked with a delay, not started yet
        self._finished.connect(self._call_back)

    def submit(self, write: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[str], None],
               *, after_ms: int = 0) -> None:
        """Run ``write()`` on the worker; then ``on_done(its result)`` or ``on_error(message)`` on this thread.

        ``after_ms``: hold the write back about that long (a write asked meanwhile waits behind it, and starts it).
        Encoding takes Python's lock in turns with the window's thread, so a write that can wait (the history)
        waits until the window has drawn what just happened.
        """
        task = _WriteTask(self._finished, write, on_done, on_error)
        if after_ms <= 0 and not self._held:
            self._pool.start(task)
            return
        self._held.append(task)  # behind any held one: writes keep the order they were asked in
        QTimer.singleShot(max(0, after_ms), self, self._start_held)

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Block until everything asked is written, held writes too (the window calls this as it closes)."""
        self._start_held()
        return self._pool.waitForDone(timeout_ms)

    def _start_held(self) -> None:
        held, self._held = self._held, []
        for task in held:
            self._pool.start(task)

    @Slot(object, object)
    def _call_back(self, callback: Callable[[Any], None], argument: Any) -> None:
        callback(argument)


class _WriteTask(QRunnable):
    def __init__(self, finished: Signal, write: Callable[[], Any], on_done: Callable[[Any], None],
                 on_error: Callable[[str], None]):
        super().__init__()
        self._finished = finished
        self._write = write
        self._on_done = on_done
        self._on_error = on_error

    def run(self) -> None:
        try:
            result = self._write()
        except WRITE_ERRORS as exc:
            self._finished.emit(self._on_error, str(exc) or type(exc).__name__)
            return
        self._finished.emit(self._on_done, result)
