"""A language switch keeps what the window shows: the new-language window takes over the old one's state.

Qt widgets keep the text they were built with, so the window is rebuilt in the new language (app.switch_language);
this module hands the rebuilt window everything a user would miss: the warm spare process (no second warm-up),
the last run drawn again from its record (loss, wait vs compute, accuracy, advice, readouts), the runs overlaid on
the loss plot, the loss plot's x axis and smoothing, and the insight tab in view.
"""

from __future__ import annotations

import numpy as np

from ..core.insight import SystemInfo, analyze_run


def carry_over(old, new) -> None:
    """Give the freshly built window ``new`` the state of ``old`` (a MainWindow each), before ``old`` closes."""
    new.controller.adopt(old.controller)
    new.load_data(new.knobs.dataPathEdit.text().strip())  # asked of the adopted spare, which may hold it already
    record = old.controller.last_record
    if record is not None and record.get("iterations"):
        _show_run(new, record, getattr(old, "_peak_workers_uss", 0))
    new.lossPlot.set_overlays(old.lossPlot.overlays())
    new.lossPanel.xAxisCombo.setCurrentIndex(old.lossPanel.xAxisCombo.currentIndex())
    new.lossPanel.smoothingSlider.setValue(old.lossPanel.smoothingSlider.value())
    new.insightTabs.setCurrentIndex(old.insightTabs.currentIndex())


def _show_run(window, record: dict, peak_workers_uss: int) -> None:
    """Draw a finished run again from its record, the way the live telemetry drew it."""
    epochs = np.asarray(record["iteration_epoch"], dtype=np.int64)
    iterations_per_epoch = int(np.count_nonzero(epochs == epochs[0])) if len(epochs) else 1
    losses = np.asarray(record["losses"], dtype=np.float64)
    elapsed = np.asarray(record["elapsed_s"], dtype=np.float64)
    window.lossPlot.reset(iterations_per_epoch)
    window.lossPlot.append_batches(losses, epochs, elapsed)
    window.stallPlot.reset()
    window.stallPlot.append(np.asarray(record["data_wait_s"], dtype=np.float64),
                            np.asarray(record["compute_s"], dtype=np.float64), epochs)
    window.accuracyPlot.reset()
    for epoch in record.get("epochs", []):
        window.lossPlot.append_epoch(epoch["epoch"], epoch["mean_loss"], epoch.get("val_loss"))
        window.accuracyPlot.append_epoch(epoch["epoch"], epoch["accuracy"], epoch.get("val_accuracy"))
    window.controller.last_record = record
    window._peak_workers_uss = peak_workers_uss
    window._update_stalls()
    window.advicePanel.show_advice(analyze_run(record, SystemInfo.current(), peak_workers_uss or None))
    total_epochs = int(record.get("config", {}).get("epochs", epochs[-1] if len(epochs) else 0))
    window.readouts.reset(total_epochs, iterations_per_epoch * total_epochs)
    if len(losses):
        last_epoch_mean = float(losses[epochs == epochs[-1]].mean())
        window.readouts.show_progress(int(epochs[-1]), len(losses), last_epoch_mean, float(losses[-1]),
                                      float(elapsed[-1]))
    window.readouts.show_finished(window.finished_text(record))
    window._set_busy(False)  # exports of the run are available again
    for plot in (window.lossPlot, window.stallPlot, window.accuracyPlot):
        plot.redraw_now()
