"""The wait-vs-compute plot as a run view: each batch's waiting and computing time, periodic stalls marked."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication

from ...core.advice import detect_periodic_stall
from ...core.events import EpochEnded
from ...session.views import RunInfo
from ..buffers import GrowableArray
from ..plots.stall_plot import StallPlot


class StallView:
    view_id = "stall"

    def __init__(self, plot: StallPlot):
        self.plot = plot
        self._wait = GrowableArray(np.float64)  # the whole run's, for the stall pattern
        self._epochs = GrowableArray(np.int64)
        self._workers = 0

    def reset(self, run: RunInfo) -> None:
        self.plot.reset()
        self._wait.clear()
        self._epochs.clear()
        self._workers = int(run.config.get("num_workers", 0))

    def append(self, columns: Mapping[str, Any]) -> None:
        self.plot.append(columns["data_wait_s"], columns["compute_s"], columns["iteration_epoch"])
        self._wait.append(np.asarray(columns["data_wait_s"], dtype=np.float64))
        self._epochs.append(np.asarray(columns["iteration_epoch"], dtype=np.int64))

    def epoch_ended(self, summary: EpochEnded) -> None:
        self._mark_stalls()

    def finished(self, record: dict) -> None:
        if self.plot.is_dirty():
            self.plot.redraw_now()
        if record.get("iterations"):
            self._mark_stalls()

    def _mark_stalls(self) -> None:
        pattern = detect_periodic_stall(self._wait.view(), self._workers, self._epochs.view())
        if pattern is not None:
            self.plot.set_stalls(pattern.stall_indices, pattern.period)
        else:
            self.plot.set_stalls(np.empty(0, dtype=np.int64), None,
                                 QCoreApplication.translate("MainWindow", "No periodic stall"))

    def save_state(self) -> dict:
        return {}

    def restore_state(self, state: dict) -> None:
        pass
