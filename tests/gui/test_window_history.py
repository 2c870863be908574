"""Issue 5 in the window: every run lands in the history, the exports are reachable, a sweep can be closed."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import csv  # noqa: E402
import json  # noqa: E402

import psutil  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget  # noqa: E402

from diabetes_trainer.core.runs import RunStore  # noqa: E402
from diabetes_trainer.gui.main_window import MainWindow  # noqa: E402

pytestmark = pytest.mark.timeout(300)



def run_once(window, qtbot, epochs=2):
    window.knobs.epochsSpin.setValue(epochs)
    window.start()
    qtbot.waitUntil(lambda: not window.controller.busy and window.controller.last_record is not None,
                    timeout=90_000)
    return window.controller.last_record


def test_a_finished_run_is_recorded_listed_and_exportable(window, qtbot, tmp_path, monkeypatch):
    for name in ("exportPlotAction", "exportCsvAction", "exportJsonAction", "sweepAction"):
        assert window.findChild(QAction, name) is not None, name
    assert not window.exportCsvAction.isEnabled()  # nothing to export before the first run
    record = run_once(window, qtbot)
    qtbot.waitUntil(lambda: len(window.runsPanel.run_ids()) == 1, timeout=10_000)  # saved off the GUI thread
    summaries, warnings = RunStore().list()
    assert not warnings and len(summaries) == 1 and summaries[0].iterations == record["iterations"]
    assert window.runsPanel.run_ids() == [summaries[0].id]
    assert record["advice"], "the advice is part of the record"

    target = tmp_path / "run.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    assert window.exportCsvAction.isEnabled()
    window.exportCsvAction.trigger()  # written off the GUI thread; atomic, so once it exists it is whole
    qtbot.waitUntil(lambda: target.exists() and "Saved" in window.statusBar().currentMessage(), timeout=10_000)
    rows = list(csv.reader(target.open()))
    assert rows[0][:3] == ["iteration", "epoch", "loss"] and len(rows) == record["iterations"] + 1

    target = tmp_path / "run.json"
    window.exportJsonAction.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert json.loads(target.read_text())["losses"] == record["losses"]


def test_an_export_that_cannot_be_written_says_where_and_why(window, qtbot, tmp_path, monkeypatch):
    run_once(window, qtbot, epochs=1)
    target = tmp_path / "no such folder" / "run.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.exportCsvAction.trigger()
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert str(target) in window.banner.text() and "folder does not exist" in window.banner.text()
    assert not target.parent.exists()
    assert window.exportCsvAction.isEnabled()  # nothing lost: the run can still be exported elsewhere


def test_overlaying_stored_runs_draws_them_on_the_loss_plot(window, qtbot):
    run_once(window, qtbot, epochs=1)
    run_once(window, qtbot, epochs=2)
    panel = window.runsPanel
    qtbot.waitUntil(lambda: len(panel.run_ids()) == 2, timeout=10_000)
    panel.select_ids(panel.run_ids())
    qtbot.mouseClick(panel.findChild(QPushButton, "runsOverlayButton"), pytest.importorskip("PySide6.QtCore").Qt
                     .MouseButton.LeftButton)
    assert len(window.lossPlot.overlay_curves()) == 2


def test_closing_the_window_mid_sweep_leaves_no_process(qtbot):
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.table is not None, timeout=30_000)
    win.knobs.epochsSpin.setValue(200)
    win.open_sweep()
    dialog = win.sweep_dialog
    dialog.sweepWorkersEdit.setText("0,1")
    dialog.sweepRepeatSpin.setValue(3)
    assert dialog.start()
    qtbot.waitUntil(lambda: len(psutil.Process().children(recursive=True)) > len(before) + 1, timeout=60_000)
    spawned = {p.pid for p in psutil.Process().children(recursive=True)} - before
    win.close()

    def gone():
        return not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
                       for pid in spawned)

    qtbot.waitUntil(gone, timeout=4000)


def test_a_run_the_history_cannot_store_is_reported_and_stays_exportable(window, qtbot, tmp_path, monkeypatch):
    from diabetes_trainer.core.runs import RunStoreError

    def full_disk(record):
        raise RunStoreError(f"run {record['id'] or 'new'} was not saved: No space left on device (the disk is full)")

    monkeypatch.setattr(window.run_store, "save", full_disk)
    record = run_once(window, qtbot, epochs=1)
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert "could not be saved to the history" in window.banner.text() and "disk is full" in window.banner.text()
    target = tmp_path / "run.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.exportJsonAction.trigger()
    qtbot.waitUntil(target.exists, timeout=10_000)
    assert json.loads(target.read_text())["iterations"] == record["iterations"]


def test_the_window_appears_first_then_lists_the_history(qtbot):
    stored = RunStore().save({"status": "finished", "config": {"epochs": 1, "batch_size": 32}, "iterations": 24,
                              "seconds": 0.1, "final_loss": 0.6, "losses": [0.6] * 24})
    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    assert win.runsPanel.run_ids() == []  # nothing read before the window is on screen
    assert win.findChild(QWidget, "accuracyPlot") is None  # the hidden tab's plot is not built yet either
    win.show()
    qtbot.waitUntil(lambda: win.runsPanel.run_ids() == [stored], timeout=10_000)
    qtbot.waitUntil(lambda: win.findChild(QWidget, "accuracyPlot") is not None, timeout=10_000)
    assert win.accuracyPlot.theme == win.presentation.plot_theme()
    win.close()
