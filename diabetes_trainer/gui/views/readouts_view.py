"""The big readouts as a run view: epoch, the epoch's running mean loss, time, progress, and how the run ended."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from ...core.events import EpochEnded
from ...session.views import RunInfo
from ..buffers import EpochRunningMean
from ..panels.readouts import Readouts, format_duration


def finished_text(record: dict) -> str:
    """How the run ended, for the readouts and the status bar."""
    translate = QCoreApplication.translate
    seconds = format_duration(record["seconds"])
    final = record["final_loss"]
    final_text = "–" if final is None else f"{final:.4f}"
    if record["status"] == "failed":
        return translate("MainWindow", "Failed after {n} iterations").format(n=record["iterations"])
    if record["status"] == "stopped":
        return translate("MainWindow", "Stopped after {n} iterations · {seconds} · loss {loss}").format(
            n=record["iterations"], seconds=seconds, loss=final_text)
    return translate("MainWindow", "Finished: {n} iterations in {seconds} · final loss {loss}").format(
        n=record["iterations"], seconds=seconds, loss=final_text)


class ReadoutsView:
    view_id = "readouts"

    def __init__(self, readouts: Readouts):
        self.readouts = readouts
        self._epoch_mean = EpochRunningMean()  # the Loss readout's number
        self._iterations = 0

    def reset(self, run: RunInfo) -> None:
        self.readouts.reset(run.epochs, run.total_iterations)
        self._epoch_mean.reset()
        self._iterations = 0

    def append(self, columns: Mapping[str, Any]) -> None:
        losses, epochs, elapsed = columns["losses"], columns["iteration_epoch"], columns["elapsed_s"]
        if not len(losses):
            return
        self._iterations += len(losses)
        epoch_mean = self._epoch_mean.add(losses, epochs)
        self.readouts.show_progress(int(epochs[-1]), self._iterations, epoch_mean, float(losses[-1]),
                                    float(elapsed[-1]))

    def epoch_ended(self, summary: EpochEnded) -> None:
        pass  # the batches already moved every readout

    def finished(self, record: dict) -> None:
        self.readouts.show_finished(finished_text(record))

    def save_state(self) -> dict:
        return {}

    def restore_state(self, state: dict) -> None:
        pass
