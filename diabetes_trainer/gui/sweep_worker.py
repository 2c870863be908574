"""The sweep's thread: a QObject worker, moved to a QThread, that runs a Sweep and reports every finished point.

The sweep blocks while it runs (each point is a fresh training process), so it cannot run on the GUI thread. The
worker's signals reach the GUI thread queued; the GUI thread only starts it, asks the Sweep to cancel (thread-safe)
and waits for the thread a bounded time.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal, Slot

from ..runner.sweep import Sweep, SweepPoint


class SweepWorker(QObject):
    """Runs a Sweep on the thread it is moved to; everything it reports reaches the GUI thread queued."""

    pointFinished = Signal(object)  # SweepPoint
    progressed = Signal(int, int)  # points done, points in all
    failed = Signal(str)  # an unexpected error, as text (never a traceback in the window)
    finished = Signal(object)  # list[SweepPoint]: every finished point, also after a cancel or a failure

    def __init__(self, sweep: Sweep):
        super().__init__()
        self.sweep = sweep
        self._points: list[SweepPoint] = []

    @Slot()
    def run(self) -> None:
        try:
            self.sweep.run(on_point=self._on_point, on_progress=self.progressed.emit)
        except Exception as error:  # the sweep's thread must end and say why, whatever went wrong
            self.failed.emit(f"{type(error).__name__}: {error}")
        finally:
            self.finished.emit(list(self._points))

    def _on_point(self, point: SweepPoint) -> None:
        self._points.append(point)
        self.pointFinished.emit(point)
