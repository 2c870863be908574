"""Throughput readout: rows per second of the current epoch, from the run's own telemetry.

Rows so far in the epoch (its batches times the batch size, the last batch of an epoch holding what is left of
the training rows) over the seconds since the epoch began (the elapsed time of the previous epoch's last batch, or
the run's start for the first epoch, so the first epoch includes the workers' start-up).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLabel

from ...core.config import validation_rows
from ...core.events import EpochEnded
from ...session.views import RunInfo
from ..panels.readouts import Readouts
from ..widgets import named


class ThroughputReadout:
    view_id = "throughput"

    def __init__(self, readouts: Readouts):
        translate = QCoreApplication.translate
        self.label = named(QLabel(), "throughputReadout", translate("ThroughputReadout", "Rows per second"),
                           translate("ThroughputReadout", "Training rows of the current epoch so far, divided by "
                                     "the seconds since the epoch began"))
        readouts.add_readout(self.label)
        self._show(None)

    def reset(self, run: RunInfo) -> None:
        rows = int(run.data.get("rows") or 0)
        self._train_rows = max(0, rows - validation_rows(rows, float(run.config.get("val_fraction", 0.0))))
        self._batch_size = max(1, int(run.config.get("batch_size", 1)))
        self._epoch, self._batches, self._epoch_start, self._last_elapsed = 0, 0, 0.0, 0.0
        self._show(None)

    def append(self, columns: Mapping[str, Any]) -> None:
        epochs = np.asarray(columns["iteration_epoch"]).reshape(-1)
        elapsed = np.asarray(columns["elapsed_s"], dtype=np.float64).reshape(-1)
        if not len(epochs):
            return
        newest = int(epochs[-1])
        first = int(np.searchsorted(epochs, newest, side="left"))  # telemetry epochs never decrease
        if newest != self._epoch:
            self._epoch, self._batches = newest, 0
            self._epoch_start = float(elapsed[first - 1]) if first else self._last_elapsed
        self._batches += len(epochs) - first
        self._last_elapsed = float(elapsed[-1])
        self._show(self.rows_per_second())

    def rows_per_second(self) -> float | None:
        seconds = self._last_elapsed - self._epoch_start
        rows = min(self._batches * self._batch_size, self._train_rows or self._batches * self._batch_size)
        return rows / seconds if seconds > 0 and rows else None

    def epoch_ended(self, summary: EpochEnded) -> None:
        pass

    def finished(self, record: dict) -> None:
        pass  # the last epoch's rate stays

    def save_state(self) -> dict:
        return {}

    def restore_state(self, state: dict) -> None:
        pass

    def _show(self, rate: float | None) -> None:
        translate = QCoreApplication.translate  # not "tr": lupdate reads tr(a, b) as tr(text, comment)
        if rate is None:
            self.label.setText(translate("ThroughputReadout", "Rows/s –"))
        else:
            text = translate("ThroughputReadout", "{rate} rows/s")
            self.label.setText(text.format(rate=QLocale().toString(rate, "f", 0)))
