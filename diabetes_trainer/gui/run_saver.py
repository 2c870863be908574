"""Writes finished runs to the history off the GUI thread: a long run's record is megabytes, fsync'ed."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.runs import RunStore


class RunSaver(QObject):
    saved = Signal(str)  # the run's id
    failed = Signal(str)  # what went wrong

    def __init__(self, store: RunStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # one at a time, in the order the runs ended

    def save(self, record: dict) -> None:
        self._pool.start(_SaveTask(self, dict(record)))

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Block until every queued record is written (the window calls this as it closes)."""
        return self._pool.waitForDone(timeout_ms)


class _SaveTask(QRunnable):
    def __init__(self, saver: RunSaver, record: dict):
        super().__init__()
        self._saver = saver
        self._record = record

    def run(self) -> None:
        try:
            run_id = self._saver.store.save(self._record)
        except OSError as exc:
            self._saver.failed.emit(str(exc))
            return
        self._saver.saved.emit(run_id)
