"""Runs describe themselves: named by the knobs that set them apart, renamable, and those names in the Runs table,
the loss plot's legend and the export title; the Runs table shows I/O delay and CPU work; one name for time."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton  # noqa: E402

from diabetes_trainer.core.config import TrainConfig  # noqa: E402
from diabetes_trainer.core.run_names import distinguishing_knobs  # noqa: E402
from diabetes_trainer.gui.main_window import MainWindow  # noqa: E402
from diabetes_trainer.gui.panels.runs_panel import COLUMNS  # noqa: E402
from diabetes_trainer.gui.run_names import automatic_name  # noqa: E402

pytestmark = pytest.mark.timeout(240)
RUN_TIMEOUT_MS = 120_000


def test_names_list_workers_then_what_differs_from_the_defaults(qapp):
    assert automatic_name(TrainConfig().to_dict()) == "0 workers"
    assert automatic_name(TrainConfig(num_workers=4, sample_delay_ms=2.0).to_dict()) == "4 workers · I/O 2 ms"
    assert automatic_name(TrainConfig(num_workers=1, sample_cpu_ms=0.5, batch_size=1, epochs=1,
                                      shuffle=False).to_dict()) == "1 worker · CPU 0.5 ms · batch 1 · 1 epoch · " \
                                                                   "not shuffled"
    assert automatic_name(TrainConfig(num_workers=2, persistent_workers=True, pin_memory=True).to_dict()) == \
        "2 workers · persistent workers · pinned memory"
    # Every knob that differs is named, in words or as "knob value": two different runs never share a name.
    for field, value in (("seed", 3), ("val_fraction", 0.2), ("prefetch_factor", 4), ("fail_at_row", 7)):
        config = TrainConfig(num_workers=1).to_dict() | {field: value}
        assert list(distinguishing_knobs(config)) == ["num_workers", field]
        assert automatic_name(config) != "1 worker"


def test_one_name_for_elapsed_time_everywhere(qtbot):
    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    loss_combo, runs_combo = win.lossPanel.xAxisCombo, win.runsPanel.runsXAxisCombo
    names = {loss_combo.itemText(loss_combo.findData("time")), runs_combo.itemText(runs_combo.findData("time")),
             win.runsPanel.runsList.headerItem().text(COLUMNS.index("seconds"))}
    win.lossPlot.set_x_mode("time")
    names.add(win.lossPlot.getPlotItem().getAxis("bottom").labelText)
    assert names == {"Time (s)"}
    win.close()



def train(window, qtbot, **knobs) -> dict:
    knobs = {"epochsSpin": 1, "batchSizeSpin": 64, **knobs}
    for name, value in knobs.items():
        getattr(window.knobs, name).setValue(value)
    qtbot.mouseClick(window.startButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.controller.busy and window.controller.last_record is not None,
                    timeout=RUN_TIMEOUT_MS)
    record = window.controller.last_record
    assert record["status"] == "finished"
    return record


def test_runs_are_named_listed_renamed_and_named_in_legend_and_export_title(window, qtbot):
    panel = window.runsPanel
    train(window, qtbot, numWorkersSpin=1, sampleDelaySpin=0.5)
    qtbot.waitUntil(lambda: len(panel.run_ids()) == 1, timeout=10_000)
    train(window, qtbot, numWorkersSpin=0, sampleDelaySpin=0.0)
    qtbot.waitUntil(lambda: len(panel.run_ids()) == 2, timeout=10_000)

    window.insightTabs.setCurrentWidget(panel)
    rows = {}
    for index in range(panel.runsList.topLevelItemCount()):
        item = panel.runsList.topLevelItem(index)
        rows[item.text(0)] = [item.text(c) for c in range(len(COLUMNS))]
    delayed = rows["1 worker · I/O 0.5 ms · batch 64 · 1 epoch"]
    plain = rows["0 workers · batch 64 · 1 epoch"]
    io, cpu = COLUMNS.index("io_ms"), COLUMNS.index("cpu_ms")
    assert (delayed[io], delayed[cpu]) == ("0.5", "0") and (plain[io], plain[cpu]) == ("0", "0")
    assert panel.runsList.headerItem().text(io) == "I/O delay (ms)"

    # Rename the delayed run through the Rename… button; the dialog offers its current name.
    delayed_id = next(run_id for run_id in panel.run_ids() if panel.summary(run_id).sample_delay_ms == 0.5)
    offered = []
    panel.ask_name = lambda _parent, current: offered.append(current) or "slow disk"
    panel.select_ids([delayed_id])
    rename = window.findChild(QPushButton, "runsRenameButton")
    assert rename.isEnabled()
    qtbot.mouseClick(rename, Qt.MouseButton.LeftButton)
    assert offered == ["1 worker · I/O 0.5 ms · batch 64 · 1 epoch"]
    assert panel.display_name(delayed_id) == "slow disk"

    # Overlay it: the legend names it (and what sets it apart) and names the live run.
    panel.select_ids([delayed_id])
    qtbot.mouseClick(window.findChild(QPushButton, "runsOverlayButton"), Qt.MouseButton.LeftButton)
    window.lossPlot.redraw_now()
    legend = [label.text for _sample, label in window.lossPlot.getPlotItem().legend.items]
    assert "slow disk (1 worker · I/O 0.5 ms · batch 64 · 1 epoch)" in legend
    assert "0 workers · batch 64 · 1 epoch (this run)" in legend

    # The export dialog's title names the overlaid run too.
    seen = []

    def look_and_close():
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.exportTitleEdit.text())
        dialog.reject()

    QTimer.singleShot(200, look_and_close)
    window.exportPlotAction.trigger()
    assert seen and seen[0].startswith("Loss — batch 64 · 1 epoch")
    assert seen[0].endswith("compared with slow disk (1 worker · I/O 0.5 ms · batch 64 · 1 epoch)")
    assert window.findChild(QComboBox, "runsXAxisCombo") is not None


def test_names_and_worker_counts_read_in_chinese_with_plurals(qapp, qtbot):
    from PySide6.QtCore import QLocale

    from diabetes_trainer.gui.i18n import install_translators
    from diabetes_trainer.gui.monitor import ROLE_TRAINING, ROLE_WORKER, ProcessSample
    from diabetes_trainer.gui.panels.workers_table import WorkersPanel

    locale = QLocale()
    assert install_translators(qapp, "zh_CN") == "zh_CN"
    try:
        assert automatic_name(TrainConfig(num_workers=4, sample_delay_ms=2.0).to_dict()) == "4 个工作进程 · I/O 2 毫秒"
        panel = WorkersPanel()
        qtbot.addWidget(panel)
        samples = [ProcessSample(1, ROLE_TRAINING, 50.0, 2**20, 2**20, 0, "python", "running")]
        samples += [ProcessSample(10 + i, ROLE_WORKER, 10.0, 2**20, 2**20, 1, "python", "running") for i in range(3)]
        panel.show_samples(samples)
        assert panel.summaryLabel.text().startswith("3 个 DataLoader 工作进程")
    finally:
        install_translators(qapp, "en")
        QLocale.setDefault(locale)
    panel.show_samples(samples[:2])
    assert panel.summaryLabel.text().startswith("1 DataLoader worker · its unique memory")
    panel.show_samples(samples[:1])
    assert panel.summaryLabel.text().startswith("0 DataLoader workers")
