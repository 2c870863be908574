"""The loss plot as a run view: every batch's loss, the epoch means, smoothing chosen for the run's batch size."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...core.events import EpochEnded
from ...session.views import RunInfo
from ..panels.loss_panel import LossPanel
from ..run_names import automatic_name


class LossView:
    view_id = "loss"

    def __init__(self, panel: LossPanel):
        self.panel = panel
        self.plot = panel.plot

    def reset(self, run: RunInfo) -> None:
        self.plot.reset(run.iterations_per_epoch)
        self.panel.auto_smooth(int(run.config.get("batch_size", 1)))  # small batches draw a band, not a curve
        self.plot.set_run_label(automatic_name(run.config))

    def append(self, columns: Mapping[str, Any]) -> None:
        self.plot.append_batches(columns["losses"], columns["iteration_epoch"], columns["elapsed_s"])

    def epoch_ended(self, summary: EpochEnded) -> None:
        self.plot.append_epoch(summary.epoch, summary.mean_loss, summary.val_loss)

    def finished(self, record: dict) -> None:
        if self.plot.is_dirty():  # it redraws on a timer: the run's last batches show as it says it is finished
            self.plot.redraw_now()

    def save_state(self) -> dict:
        return {"x_mode": self.plot.x_mode(), "smoothing": self.panel.smoothingSlider.value()}

    def restore_state(self, state: dict) -> None:
        combo = self.panel.xAxisCombo
        if combo.findData(state.get("x_mode")) >= 0:
            combo.setCurrentIndex(combo.findData(state["x_mode"]))
        if isinstance(state.get("smoothing"), int):
            self.panel.smoothingSlider.setValue(state["smoothing"])
