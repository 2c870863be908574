"""The main window driven like a person would: real window (offscreen), real training process, real pipe."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import multiprocessing.resource_tracker  # noqa: E402

import psutil  # noqa: E402
import pytest  # noqa: E402
from process_helpers import alive, descendants  # noqa: E402
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QScrollBar, QSpinBox  # noqa: E402

from diabetes_trainer.gui.main_window import MainWindow  # noqa: E402

pytestmark = pytest.mark.timeout(180)
WARM_TIMEOUT_MS = 90_000
RUN_TIMEOUT_MS = 90_000



def find(win, cls, name):
    widget = win.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def test_every_interactive_widget_has_an_object_and_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QAbstractSpinBox

    interactive = (QAbstractButton, QAbstractSpinBox, QAbstractSlider, QComboBox, QLineEdit)
    unnamed = []
    checked = 0
    for cls in interactive:
        for widget in window.findChildren(cls):
            if widget.objectName().startswith("qt_") or not widget.isVisibleTo(window):
                continue  # Qt's own internals (dock title buttons, scroll bars of scroll areas)
            if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
                continue  # the editor inside a spin box or combo box
            if isinstance(widget, QScrollBar):
                continue  # a scroll area's own bars
            checked += 1
            if not widget.objectName() or not widget.accessibleName():
                unnamed.append(f"{type(widget).__name__} {widget.objectName()!r}")
    assert checked > 20
    assert not unnamed, unnamed


def test_start_trains_and_draws_one_point_per_iteration(window, qtbot, tutorial_data, no_torch_in_gui):
    edit = find(window, QLineEdit, "dataPathEdit")
    edit.setText(str(tutorial_data))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.table_path == str(tutorial_data), timeout=10_000)
    assert "759 rows" in window.knobs.dataSummaryLabel.text()
    find(window, QSpinBox, "epochsSpin").setValue(3)
    find(window, QSpinBox, "batchSizeSpin").setValue(64)
    assert "12 iterations per epoch" in window.knobs.derivedLabel.text()
    assert "36 iterations" in window.knobs.derivedLabel.text()
    start, stop = find(window, QPushButton, "startButton"), find(window, QPushButton, "stopButton")
    assert start.isEnabled() and not stop.isEnabled()
    qtbot.mouseClick(start, Qt.MouseButton.LeftButton)
    assert not start.isEnabled() and stop.isEnabled()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=RUN_TIMEOUT_MS)
    assert start.isEnabled() and not stop.isEnabled()
    record = window.controller.last_record
    assert record["status"] == "finished" and record["iterations"] == 36
    assert window.loss_points() == 36
    x, y = window.lossPlot.loss_curve().getData()
    assert len(x) == 36 and list(y) == pytest.approx(record["losses"])
    assert "Finished" in window.readouts.progressBar.format()
    no_torch_in_gui()


def test_stop_mid_run_keeps_what_was_recorded(window, qtbot):
    find(window, QSpinBox, "epochsSpin").setValue(10_000)
    find(window, QSpinBox, "batchSizeSpin").setValue(8)
    qtbot.mouseClick(find(window, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.loss_points() >= 20, timeout=RUN_TIMEOUT_MS)
    run_pid = window.controller.session_pid()
    qtbot.mouseClick(find(window, QPushButton, "stopButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)
    record = window.controller.last_record
    assert record["status"] == "stopped"
    assert record["iterations"] >= 20 and window.loss_points() == record["iterations"]
    qtbot.waitUntil(lambda: not alive([run_pid]), timeout=5000)


def test_presets_set_the_tutorial_batch_sizes(window, qtbot):
    rows = window.table.rows
    batch = find(window, QSpinBox, "batchSizeSpin")
    qtbot.mouseClick(window.knobs.presetBatchButton, Qt.MouseButton.LeftButton)
    assert batch.value() == rows
    assert "1 iterations per epoch" in window.knobs.derivedLabel.text()
    qtbot.mouseClick(window.knobs.presetStochasticButton, Qt.MouseButton.LeftButton)
    assert batch.value() == 1
    assert f"{rows} iterations per epoch" in window.knobs.derivedLabel.text()
    qtbot.mouseClick(window.knobs.presetMiniBatchButton, Qt.MouseButton.LeftButton)
    assert batch.value() == 32


def test_a_bad_file_is_explained_and_nothing_starts(window, qtbot, tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_text("0.1,0.2,1\n0.3,oops,0\n")
    edit = find(window, QLineEdit, "dataPathEdit")
    edit.setText(str(bad))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    message = window.banner.text()
    assert "broken.csv" in message and "line 2" in message and "column 2" in message
    qtbot.mouseClick(find(window, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.wait(300)
    assert not window.controller.busy


def test_dropping_a_file_loads_it(window, qtbot, tutorial_data):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tutorial_data))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    qtbot.waitUntil(lambda: window.table_path == str(tutorial_data), timeout=10_000)
    assert window.knobs.dataPathEdit.text() == str(tutorial_data)


def test_a_killed_training_process_is_reported_and_the_next_run_works(window, qtbot):
    find(window, QSpinBox, "epochsSpin").setValue(10_000)
    qtbot.mouseClick(find(window, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.loss_points() >= 5, timeout=RUN_TIMEOUT_MS)
    psutil.Process(window.controller.session_pid()).kill()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)
    assert window.controller.last_record["status"] == "failed"
    assert "training process" in window.banner.text() and "killed" in window.banner.text()
    assert window.controller.last_record["iterations"] >= 5
    find(window, QSpinBox, "epochsSpin").setValue(1)
    qtbot.mouseClick(find(window, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=RUN_TIMEOUT_MS)
    assert window.controller.last_record["status"] == "finished"


def test_closing_mid_run_leaves_no_process_behind(qtbot):
    multiprocessing.resource_tracker.ensure_running()  # multiprocessing's own helper lives as long as we do
    before = descendants()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.controller.process_info is not None and win.table is not None,
                    timeout=WARM_TIMEOUT_MS)
    win.knobs.epochsSpin.setValue(10_000)
    win.knobs.numWorkersSpin.setValue(2)
    win.knobs.sampleDelaySpin.setValue(2.0)
    win.start()
    qtbot.waitUntil(lambda: win.loss_points() >= 2, timeout=RUN_TIMEOUT_MS)
    spawned = descendants() - before
    assert len(spawned) >= 3  # the run and its two workers (the next spare starts when the run ends)
    win.close()
    qtbot.waitUntil(lambda: not alive(spawned), timeout=3000)


def test_the_next_spare_process_starts_once_the_run_has_ended(window, qtbot):
    warm = window.controller.spare_pid()
    window.knobs.epochsSpin.setValue(10_000)
    window.start()
    qtbot.waitUntil(lambda: window.loss_points() >= 1, timeout=RUN_TIMEOUT_MS)
    assert window.controller.session_pid() == warm  # the run took the warm spare
    assert window.controller.spare_pid() is None  # and nothing new competes with it for the cores
    window.stop()
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)
    qtbot.waitUntil(lambda: window.controller.spare_pid() not in (None, warm), timeout=5000)


def test_validation_split_draws_validation_loss_and_accuracy(window, qtbot):
    window.knobs.epochsSpin.setValue(3)
    window.knobs.valFractionSpin.setValue(20)
    window.start()
    qtbot.waitUntil(lambda: not window.controller.busy and window.controller.last_record is not None,
                    timeout=RUN_TIMEOUT_MS)
    epochs = window.controller.last_record["epochs"]
    assert all(e["val_loss"] is not None and e["val_accuracy"] is not None for e in epochs)
    window.accuracyPlot.redraw_now()
    assert window.accuracyPlot.point_count() == 3 and window.accuracyPlot.validation_points() == 3
    window.lossPlot.redraw_now()
    _x, y = window.lossPlot.validation_curve().getData()
    assert len(y) == 3


@pytest.mark.parametrize(("plot_name", "label"), [("lossPlot", "Loss"), ("stallPlot", "Wait vs compute"),
                                                  ("accuracyPlot", "Accuracy")])
def test_a_plots_right_click_export_opens_the_export_dialog_on_that_plot(qtbot, plot_name, label):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from diabetes_trainer.gui.export_dialog import ExportDialog

    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    win.show()
    seen = []

    def look_and_close():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog)
        if isinstance(dialog, ExportDialog):
            seen.append(dialog.exportPlotCombo.currentText())
            dialog.reject()

    QTimer.singleShot(100, look_and_close)
    getattr(win, plot_name).scene().contextMenu[0].trigger()  # the entry pyqtgraph adds to the right-click menu
    assert isinstance(seen[0], ExportDialog) and seen[1] == label
    win.close()
