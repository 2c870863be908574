"""The accuracy plot as a run view: each epoch's accuracy against the majority-class baseline of the table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...core.events import EpochEnded
from ...session.views import RunInfo
from ..plots.accuracy_plot import AccuracyPlot


class AccuracyView:
    view_id = "accuracy"

    def __init__(self, plot: Callable[[], AccuracyPlot]):
        self._plot = plot  # the plot is built after the window's first paint, or when first asked for

    def reset(self, run: RunInfo) -> None:
        plot = self._plot()
        plot.reset()
        rows, positives = run.data.get("rows"), run.data.get("positives")
        if isinstance(rows, int) and isinstance(positives, int):
            plot.set_majority_baseline(rows, positives)

    def append(self, columns: Mapping[str, Any]) -> None:
        pass  # accuracy is measured once per epoch

    def epoch_ended(self, summary: EpochEnded) -> None:
        self._plot().append_epoch(summary.epoch, summary.accuracy, summary.val_accuracy)

    def finished(self, record: dict) -> None:
        if self._plot().is_dirty():
            self._plot().redraw_now()

    def save_state(self) -> dict:
        return {}

    def restore_state(self, state: dict) -> None:
        pass
