"""Honest views, driven through the real window and a real training process: the Loss readout is the epoch's
running mean, smoothing works (and turns itself on) at batch size 1, the accuracy plot shows the majority-class
baseline, the Workers tab keeps the ended run's snapshot, and an exception in a slot reaches the banner."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sys  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QLocale, Qt  # noqa: E402
from PySide6.QtWidgets import QLabel, QPushButton, QSlider  # noqa: E402

from diabetes_trainer.core.advice import SystemInfo  # noqa: E402
from diabetes_trainer.core.config import TrainConfig  # noqa: E402
from diabetes_trainer.gui import slot_errors  # noqa: E402
from diabetes_trainer.gui.buffers import EpochRunningMean  # noqa: E402
from diabetes_trainer.gui.main_window import MainWindow  # noqa: E402
from diabetes_trainer.gui.panels.workers_table import WorkersPanel  # noqa: E402
from diabetes_trainer.runner.sweep import SweepPoint  # noqa: E402

pytestmark = pytest.mark.timeout(180)
RUN_TIMEOUT_MS = 120_000



def four_decimals(value: float) -> str:
    return QLocale().toString(float(value), "f", 4)


def test_the_running_mean_follows_epochs_chunk_by_chunk():
    mean = EpochRunningMean()
    losses = np.array([1.0, 3.0, 2.0, 4.0, 6.0])
    epochs = np.array([1, 1, 2, 2, 2])
    assert mean.add(losses[:1], epochs[:1]) == 1.0
    assert mean.add(losses[1:3], epochs[1:3]) == 2.0  # epoch 2 started inside this chunk: only its part counts
    assert mean.add(losses[3:], epochs[3:]) == 4.0 and mean.epoch == 2


def test_a_batch_size_1_run_shows_mean_loss_smoothing_baseline_and_the_ended_workers(window, qtbot):
    window.knobs.epochsSpin.setValue(2)
    window.knobs.batchSizeSpin.setValue(1)
    window.knobs.numWorkersSpin.setValue(1)
    slider = window.findChild(QSlider, "smoothingSlider")
    assert slider.value() == 0
    qtbot.mouseClick(window.findChild(QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    # Smoothing turned itself on for one-sample batches, and says so.
    assert slider.value() > 0 and window.lossPanel.smoothingLabel.text().startswith("auto")
    seen_worker_text = []
    qtbot.waitUntil(lambda: seen_worker_text.append(window.workersPanel.summaryLabel.text())
                    or not window.controller.busy, timeout=RUN_TIMEOUT_MS)
    record = window.controller.last_record
    assert record["status"] == "finished"
    losses = np.asarray(record["losses"])
    last_epoch = np.asarray(record["iteration_epoch"]) == 2
    # The headline is epoch 2's mean (what the epoch-mean point shows), the last batch stands beside it.
    assert window.readouts.lossReadout.text() == f"Loss {four_decimals(losses[last_epoch].mean())}"
    assert window.readouts.lossReadout.text() != f"Loss {four_decimals(losses[-1])}"
    assert window.findChild(QLabel, "lastBatchLossReadout").text() == f"last batch {four_decimals(losses[-1])}"
    assert record["epochs"][-1]["mean_loss"] == pytest.approx(losses[last_epoch].mean(), rel=1e-4)

    # The smoothed curve is visibly calmer than the band of one-sample losses.
    window.lossPlot.redraw_now()
    _x, raw = window.lossPlot.loss_curve().getData()
    _x, smooth = window.lossPlot.smoothed_curve().getData()
    assert len(smooth) == len(raw) == len(losses)
    assert np.std(np.diff(smooth)) < 0.05 * np.std(np.diff(raw))

    # The dashed baseline sits at the majority label's share of this run's rows.
    table = window.table
    share = max(table.positives, table.rows - table.positives) / table.rows
    assert window.accuracyPlot.majority_baseline() == pytest.approx(100 * share)
    assert f"{100 * share:.1f} %" in window.accuracyPlot.majority_baseline_text()

    # The Workers tab keeps the run's last snapshot and peaks after the run, in the singular for one worker.
    assert any(text.startswith("1 DataLoader worker ·") for text in seen_worker_text), seen_worker_text
    qtbot.waitUntil(lambda: window.workersPanel.ended, timeout=5000)
    table_widget = window.workersTable
    assert table_widget.rowCount() == 2
    roles = [table_widget.item(row, 0).text() for row in range(2)]
    assert roles == ["training process", "DataLoader worker"]
    peak_column = WorkersPanel.COLUMNS.index("peak")
    state_column = WorkersPanel.COLUMNS.index("status")
    assert all(table_widget.item(row, state_column).text() == "ended" for row in range(2))
    assert all(table_widget.item(row, peak_column).text() not in ("", "–") for row in range(2))
    assert window.workersPanel.summaryLabel.text().startswith("The run has ended. Its last snapshot: 1 DataLoader "
                                                              "worker, peak unique memory")


def test_moving_the_smoothing_slider_changes_the_curve_at_batch_size_1(window, qtbot, make_run):
    run = make_run(epochs=1, iterations_per_epoch=768)
    noisy = run.losses + np.random.default_rng(1).normal(0, 0.4, len(run))
    window.lossPlot.reset(768)
    window.lossPlot.append_batches(noisy, run.epochs, run.elapsed_s)
    slider = window.findChild(QSlider, "smoothingSlider")
    slider.setValue(30)  # the value that used to change nothing visible
    window.lossPlot.redraw_now()
    _x, smooth = window.lossPlot.smoothed_curve().getData()
    assert np.std(np.diff(smooth)) < 0.05 * np.std(np.diff(noisy))
    assert window.lossPanel.smoothingLabel.text() == "over ≈230 iterations"
    slider.setValue(0)
    window.lossPlot.redraw_now()
    smooth_after = window.lossPlot.smoothed_curve().getData()[1]
    assert smooth_after is None or len(smooth_after) == 0
    assert window.lossPanel.smoothingLabel.text() == "off"


def test_smoothing_the_user_turned_off_stays_off(window):
    panel = window.lossPanel
    assert panel.auto_smooth(1) and panel.smoothingSlider.value() > 0
    assert not panel.auto_smooth(64) and panel.smoothingSlider.value() == 0  # turned on by itself: off again
    assert panel.smoothingLabel.text() == "off"
    assert panel.auto_smooth(1) and panel.smoothingSlider.value() > 0
    panel.smoothingSlider.setValue(0)  # the user says no
    assert not panel.auto_smooth(1) and panel.smoothingSlider.value() == 0
    assert not panel.auto_smooth(32)
    panel.smoothingSlider.setValue(50)  # the user's own setting: never turned off by itself
    assert not panel.auto_smooth(64) and panel.smoothingSlider.value() == 50


@pytest.fixture
def banner_hook(monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    monkeypatch.setattr(slot_errors, "_router", None)
    slot_errors.install()  # what app.main() does


def test_an_exception_in_an_action_or_a_button_shows_in_the_banner(qtbot, monkeypatch, banner_hook, capsys):
    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    win.show()
    from diabetes_trainer.gui import about_dialog

    def broken(_parent):
        raise RuntimeError("the about text is missing")

    monkeypatch.setattr(about_dialog, "show_about", broken)
    win.aboutAction.trigger()
    qtbot.waitUntil(lambda: win.banner.isVisible(), timeout=2000)
    assert win.banner.level == "error"
    assert "RuntimeError: the about text is missing" in win.banner.text()
    assert "the about text is missing" in capsys.readouterr().err  # the traceback for a bug report
    win.banner.clear()

    def unreadable():
        raise PermissionError("the run folder is locked")

    monkeypatch.setattr(win.runsPanel.store, "list", unreadable)
    qtbot.mouseClick(win.runsPanel.runsRefreshButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.banner.isVisible(), timeout=2000)
    assert "PermissionError: the run folder is locked" in win.banner.text()
    win.close()


def test_the_sweep_dialog_passes_persistent_workers_like_the_cli(qtbot):
    from diabetes_trainer.gui.sweep_dialog import SweepDialog

    system = SystemInfo(logical_cores=2, total_memory=8 * 2**30, available_memory=4 * 2**30)
    # Slow loading makes 0 workers slowest; from 1 to 3 workers time grows linearly, mostly start-up: the
    # per-worker advice speaks about persistent_workers (with 0 workers fastest it would not apply, and is dropped).
    points = [SweepPoint(0, 1, 10.0, 0.0, 10.0, 0.6, "finished", None)]
    points += [SweepPoint(w, 1, 1.0 + w, 0.9 * w, 1.0 + 0.1 * w, 0.6, "finished", None) for w in (1, 2, 3)]
    texts = {}
    for persistent in (False, True):
        dialog = SweepDialog(TrainConfig(epochs=2, num_workers=2, persistent_workers=persistent), system=system)
        qtbot.addWidget(dialog)
        dialog.show_points(points)
        texts[persistent] = dialog.sweepAdviceLabel.text()
        assert all(row["persistent_workers"] is persistent for row in dialog.row_dicts())
        dialog.close()
    assert "persistent_workers=True" in texts[False]
    assert "persistent_workers=True" not in texts[True]
