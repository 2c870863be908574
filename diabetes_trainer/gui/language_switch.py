"""A language switch keeps what the window shows: the new-language window takes over the old one's state.

Qt widgets keep the text they were built with, so the window is rebuilt in the new language (app.switch_language);
this module hands the rebuilt window everything a user would miss: the warm spare process (no second warm-up),
every view's own choices (``save_state``/``restore_state`` through the window's one list of views, e.g. the loss
plot's x axis and smoothing), the last run played again through the same list from its record, the runs overlaid
on the loss plot, and the insight tab in view.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from ..core.events import EpochEnded
from ..session.views import RunInfo, ViewList

_EPOCH_FIELDS = {field.name for field in dataclasses.fields(EpochEnded)}


def carry_over(old, new) -> None:
    """Give the freshly built window ``new`` the state of ``old`` (a MainWindow each), before ``old`` closes."""
    new.controller.adopt(old.controller)
    new.load_data(new.knobs.dataPathEdit.text().strip())  # asked of the adopted spare, which may hold it already
    new.views.restore_state(old.views.save_state())
    record = old.controller.last_record
    if record is not None and record.get("iterations"):
        new.runs.peak_workers_uss = old.runs.peak_workers_uss
        replay(new.views, record)
        new.runs.set_busy(False)  # exports of the run are available again
    new.lossPlot.set_overlays(old.lossPlot.overlays())
    new.insightTabs.setCurrentIndex(old.insightTabs.currentIndex())


def replay(views: ViewList, record: dict) -> None:
    """Tell every view a finished run again from its record, the way its live telemetry told them."""
    epochs = np.asarray(record["iteration_epoch"], dtype=np.int64)
    iterations_per_epoch = int(np.count_nonzero(epochs == epochs[0])) if len(epochs) else 1
    config = dict(record.get("config") or {})
    total_epochs = int(config.get("epochs", epochs[-1] if len(epochs) else 0))
    views.on_run_started(RunInfo(config, dict(record.get("data") or {}), iterations_per_epoch,
                                 iterations_per_epoch * total_epochs, 0))
    views.on_batches({key: np.asarray(record[key], dtype=np.int64 if key == "iteration_epoch" else np.float64)
                      for key in ("losses", "data_wait_s", "compute_s", "iteration_epoch", "elapsed_s")})
    for epoch in record.get("epochs", []):
        views.on_epoch_ended(EpochEnded(**{key: value for key, value in epoch.items() if key in _EPOCH_FIELDS}))
    views.on_run_finished(None, record, [])
