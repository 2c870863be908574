"""The sweep dialog with real training processes: a 2-setting sweep to the end, a cancel, and bad input."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil  # noqa: E402
import pytest  # noqa: E402
from process_helpers import alive  # noqa: E402
from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QLineEdit  # noqa: E402

from diabetes_trainer.core.advice import SystemInfo  # noqa: E402
from diabetes_trainer.core.config import TrainConfig  # noqa: E402
from diabetes_trainer.gui.sweep_dialog import SweepDialog  # noqa: E402
from diabetes_trainer.runner.sweep import SweepPoint  # noqa: E402

pytestmark = pytest.mark.timeout(240)
SWEEP_TIMEOUT_MS = 120_000
DEFAULT_CONFIG = TrainConfig(epochs=5, batch_size=64)
SYSTEM = SystemInfo(logical_cores=2, total_memory=8 * 2**30, available_memory=4 * 2**30)


def training_processes() -> set[int]:
    """Our spawned descendants (training processes and their DataLoader workers), not multiprocessing's tracker;
    on Linux the sweep's fork server and the processes it forks, which show the server's command line."""
    found = set()
    for child in psutil.Process().children(recursive=True):
        try:
            command = " ".join(child.cmdline())
            if ("spawn_main" in command or "forkserver" in command) and child.status() != psutil.STATUS_ZOMBIE:
                found.add(child.pid)
        except psutil.Error:
            pass
    return found




@pytest.fixture
def seen_processes():
    """Every training process (or worker) alive at some 0.1 s tick while the test runs."""
    seen: set[int] = set()
    timer = QTimer()
    timer.setInterval(100)
    timer.timeout.connect(lambda: seen.update(training_processes()))
    timer.start()
    yield seen
    timer.stop()


@pytest.fixture
def make_dialog(qtbot):
    made = []

    def make(config: TrainConfig = DEFAULT_CONFIG, **kwargs) -> SweepDialog:
        dialog = SweepDialog(config, system=SYSTEM, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        made.append(dialog)
        return dialog

    yield make
    for dialog in made:
        assert dialog.cancel_and_wait(), "a sweep thread outlived its test"


def table_column(dialog: SweepDialog, column: int) -> list[str]:
    return [dialog.sweepTable.item(row, column).text() for row in range(dialog.sweepTable.rowCount())]


def test_defaults_follow_the_tutorial_and_the_window(make_dialog):
    dialog = make_dialog()
    assert dialog.sweepWorkersEdit.text() == "0-8"
    assert dialog.sweepRepeatSpin.value() == 3 and dialog.sweepEpochsSpin.value() == 5
    assert "9 settings × 3 repeats = 27 runs" in dialog.sweepHintLabel.text()
    assert "0-4" in dialog.sweepHintLabel.text()  # twice the (fake) 2 cores
    assert "tutorial" in dialog.sweepIntroLabel.text()
    assert dialog.sweepStartButton.isEnabled() and not dialog.sweepCancelButton.isEnabled()
    # The same defaults and limit as diabetes-trainer-cli sweep: the Sweep object owns them.
    from diabetes_trainer.cli import build_parser
    from diabetes_trainer.runner.sweep import DEFAULT_REPEAT, MAX_REPEAT
    cli_defaults = build_parser().parse_args(["sweep"])
    assert dialog.sweepRepeatSpin.value() == cli_defaults.repeat == DEFAULT_REPEAT
    assert dialog.sweepRepeatSpin.maximum() == MAX_REPEAT


@pytest.mark.parametrize(("text", "expected"), [("0-x", "'0-x'"), ("8-2", "2-8"), ("", "0-8"), ("0-99", "64")])
def test_bad_workers_text_is_explained_inline(make_dialog, qtbot, text, expected):
    dialog = make_dialog()
    dialog.sweepWorkersEdit.setText(text)
    assert expected in dialog.error_text()
    assert dialog.sweepErrorLabel.isVisible()
    assert not dialog.sweepStartButton.isEnabled()
    assert not dialog.start() and not dialog.is_running()
    dialog.sweepWorkersEdit.setText("0,2")
    assert dialog.error_text() == "" and dialog.sweepStartButton.isEnabled()


def test_a_knob_the_sweep_cannot_use_is_explained_not_raised(make_dialog):
    dialog = make_dialog(TrainConfig(epochs=1, device="tpu"))
    assert not dialog.start()
    assert "device" in dialog.error_text() and not dialog.is_running()


@pytest.mark.slow
def test_a_real_two_setting_sweep_fills_the_table_chart_and_advice(make_dialog, qtbot, tmp_path, seen_processes):
    dialog = make_dialog()
    dialog.sweepWorkersEdit.setText("0,1")
    dialog.sweepRepeatSpin.setValue(1)
    dialog.sweepEpochsSpin.setValue(1)
    with qtbot.waitSignal(dialog.sweepFinished, timeout=SWEEP_TIMEOUT_MS) as finished:
        qtbot.mouseClick(dialog.sweepStartButton, Qt.MouseButton.LeftButton)
        assert dialog.is_running() and dialog.sweepCancelButton.isEnabled()
        assert not dialog.sweepStartButton.isEnabled() and not dialog.sweepWorkersEdit.isEnabled()
    points = finished.args[0]
    assert [(p.num_workers, p.status) for p in points] == [(0, "finished"), (1, "finished")]
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=5000)

    assert table_column(dialog, 0) == ["0", "1"]
    assert table_column(dialog, 6) == ["1", "1"] and table_column(dialog, 7) == ["0", "0"]
    best = min(points, key=lambda p: (p.seconds, p.num_workers))
    best_row = [p.num_workers for p in points].index(best.num_workers)
    assert dialog.sweepTable.item(best_row, 0).font().bold()
    assert not dialog.sweepTable.item(1 - best_row, 0).font().bold()
    dialog.sweepPlot.redraw_now()
    assert list(dialog.sweepPlot.bar_data()["x"]) == [0, 1]
    assert dialog.sweepPlot.fastest_text().startswith(f"fastest: {best.num_workers} worker")
    assert "num_workers = " in dialog.sweepAdviceLabel.text()
    assert dialog.sweepProgressBar.value() == dialog.sweepProgressBar.maximum() == 2
    assert dialog.sweepStatusLabel.text().startswith("Finished")
    assert dialog.sweepStartButton.isEnabled() and dialog.sweepExportButton.isEnabled()

    assert seen_processes, "the sweep's training processes were never seen"
    qtbot.waitUntil(lambda: not alive(seen_processes), timeout=5000)

    csv_path = dialog.export_csv(tmp_path / "sweep")
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    assert csv_path.name == "sweep.csv" and lines[0].startswith("num_workers,seconds,startup_s")
    assert [line.split(",")[0] for line in lines[1:]] == ["0", "1"]


@pytest.mark.slow
def test_cancel_mid_sweep_keeps_the_finished_points_and_leaves_no_process(make_dialog, qtbot, seen_processes):
    # Each run sleeps 1 ms per sample (~0.8 s an epoch): the second run is surely still going when cancelled.
    dialog = make_dialog(TrainConfig(epochs=2, batch_size=64, sample_delay_ms=1.0))
    dialog.sweepWorkersEdit.setText("0")
    dialog.sweepRepeatSpin.setValue(3)
    dialog.sweepEpochsSpin.setValue(2)
    assert dialog.start()
    qtbot.waitUntil(lambda: len(dialog.points()) == 1, timeout=SWEEP_TIMEOUT_MS)
    # The first run's process is reaped before its point is reported: a process now is the second run's.
    qtbot.waitUntil(lambda: bool(training_processes()), timeout=SWEEP_TIMEOUT_MS)
    with qtbot.waitSignal(dialog.sweepFinished, timeout=10_000) as finished:
        qtbot.mouseClick(dialog.sweepCancelButton, Qt.MouseButton.LeftButton)
        assert not dialog.sweepCancelButton.isEnabled()
    assert len(finished.args[0]) == 1
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=5000)
    assert dialog.sweepTable.rowCount() == 1 and table_column(dialog, 6) == ["1"]
    dialog.sweepPlot.redraw_now()
    assert list(dialog.sweepPlot.bar_data()["x"]) == [0]
    assert "Cancelled after 1 of 3 runs" in dialog.sweepStatusLabel.text()
    assert dialog.sweepStartButton.isEnabled() and dialog.sweepWorkersEdit.isEnabled()
    assert len(seen_processes) >= 2
    qtbot.waitUntil(lambda: not alive(seen_processes), timeout=5000)


def test_closing_mid_sweep_cancels_and_waits(make_dialog, qtbot):
    dialog = make_dialog(TrainConfig(epochs=50, batch_size=8))
    dialog.sweepWorkersEdit.setText("0-1")
    dialog.sweepRepeatSpin.setValue(1)
    assert dialog.start()
    qtbot.waitUntil(lambda: bool(training_processes()), timeout=SWEEP_TIMEOUT_MS)
    running = training_processes()
    dialog.close()
    assert not dialog.is_running() and not dialog.isVisible()
    qtbot.waitUntil(lambda: not alive(running), timeout=5000)


def test_fake_points_show_as_table_chart_and_advice(make_dialog, qtbot, tmp_path):
    dialog = make_dialog()
    points = [SweepPoint(w, r, 1.0 + w + 0.01 * r, 0.9 * w, 1.0 + 0.1 * w, 0.6, "finished", None)
              for r in (1, 2, 3) for w in (0, 1, 2, 3)]
    points.append(SweepPoint(4, 1, 0.0, 0.0, 0.0, None, "failed", "the training process died"))
    dialog.show_points(points)
    assert table_column(dialog, 0) == ["0", "1", "2", "3", "4"]
    assert table_column(dialog, 1)[0] == "1.02" and table_column(dialog, 1)[4] == "–"
    assert table_column(dialog, 7) == ["0", "0", "0", "0", "1"]
    assert dialog.sweepTable.item(0, 1).font().bold() and not dialog.sweepTable.item(1, 1).font().bold()
    assert "0 workers was fastest" in dialog.sweepAdviceLabel.text()
    assert dialog.sweepExportButton.isEnabled()
    dialog.sweepPlot.redraw_now()
    assert dialog.sweepPlot.fastest_text() == "fastest: 0 workers, 1.02 s"


def test_the_chart_exports_through_the_export_dialog(make_dialog, qtbot, tmp_path):
    dialog = make_dialog()
    dialog.show_points([SweepPoint(0, 1, 1.0, 0.0, 1.0, 0.6, "finished", None)])
    export = dialog.export_chart()
    assert export.isVisible() and export.plot_widget() is dialog.sweepPlot
    assert export.exportTitleEdit.text().startswith("Training time vs num_workers")
    export.exportFileEdit.setText(str(tmp_path / "sweep.pdf"))
    qtbot.mouseClick(export.exportOkButton, Qt.MouseButton.LeftButton)
    assert (tmp_path / "sweep.pdf").read_bytes().startswith(b"%PDF")


def test_csv_export_errors_are_shown_inline(make_dialog, tmp_path):
    dialog = make_dialog()
    dialog.show_points([SweepPoint(0, 1, 1.0, 0.0, 1.0, 0.6, "finished", None)])
    assert dialog.export_csv(tmp_path / "missing" / "sweep.csv") is None
    assert "missing" in dialog.error_text()
    chosen = tmp_path / "chosen.csv"
    dialog.choose_file = lambda *_args: str(chosen)
    assert dialog.export_csv() == chosen and chosen.exists()


def test_every_control_is_named(make_dialog):
    dialog = make_dialog()
    names = {"sweepWorkersEdit", "sweepRepeatSpin", "sweepEpochsSpin", "sweepStartButton", "sweepCancelButton",
             "sweepExportButton", "sweepTable", "sweepPlot"}
    assert names <= {w.objectName() for w in dialog.findChildren(object) if hasattr(w, "objectName")}
    for cls in (QAbstractButton, QAbstractSpinBox, QLineEdit):
        for widget in dialog.findChildren(cls):
            if widget.objectName().startswith("qt_") or (
                    isinstance(widget, QLineEdit) and isinstance(widget.parent(), QAbstractSpinBox)):
                continue  # Qt's own parts: a table's corner button, a spin box's editor
            assert widget.objectName() and widget.accessibleName(), type(widget).__name__
