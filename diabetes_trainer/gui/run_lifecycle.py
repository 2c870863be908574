"""A run's life in the window: checks before it starts, what the window shows while it goes, what happens after.

Start (validate, load the typed table first, the memory check), busy/idle controls, the peak memory of the workers
(from the process monitor's samples), and the finished run: its insight (core.advice.analyze_run), the views
told through the window's one list, the history save, the experiment queue's next run. MainWindow wires it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from ..core.advice import SystemInfo, analyze_run, memory_check
from ..core.config import ConfigError, TrainConfig, iterations_per_epoch
from ..core.data import ReadOptions
from ..core.events import RunStarted
from ..session.views import RunInfo
from .advice_text import advice_dicts, advice_text
from .monitor import ROLE_WORKER
from .views.readouts_view import finished_text

if TYPE_CHECKING:
    from .main_window import MainWindow

translate = QCoreApplication.translate

# A finished run goes into the history this long after the window has shown its end (see FileWriter.submit).
HISTORY_SAVE_DELAY_MS = 300


class RunLifecycle(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.peak_workers_uss = 0  # the most unique memory the run's DataLoader workers held together
        self.close_when_stopped = False  # the window closes once the run has stopped and been recorded

    def start(self) -> None:
        """Start a run with the knobs as they are (the Start button)."""
        self.window.experiment_queue.abort()
        self.window.start_config(self.window.knobs.config())

    def start_config(self, config: TrainConfig) -> bool:
        """Validate, check memory, and start; False (with the reason shown) when it cannot start."""
        w = self.window
        if w.controller.busy:
            return False
        try:
            config.validate()
        except ConfigError as exc:
            w.banner.show_message(translate("MainWindow", "Cannot start: {knob}: {message}").format(
                knob=exc.knob, message=exc.message), "error")
            return False
        typed = config.data_path or ""
        data = w.data
        if data.table is None or data.table_path != typed or data.table_options != ReadOptions.of(config):
            # The path was typed but not loaded yet: load it, and start once it is read (or show why not).
            data.start_when_loaded = True
            w.load_data(typed)
            return False
        risk = memory_check(config.num_workers, config.start_method, data.table.nbytes, SystemInfo.current())
        if risk is not None and not w.confirm_memory_risk(advice_text(risk)):
            w.banner.show_message(advice_text(risk), "warning")
            return False
        w.banner.clear()
        ipe = iterations_per_epoch(data.table.rows, config.batch_size, config.val_fraction)
        w.views.on_run_started(RunInfo(config.to_dict(), dict(data.table.summary), ipe, ipe * config.epochs, 0))
        self.peak_workers_uss = 0
        w.controller.start(config)
        w.statusBar().showMessage(translate("MainWindow", "Starting the training process…"))
        return True

    def ask_memory_risk(self, text: str) -> bool:
        answer = QMessageBox.warning(self.window, translate("MainWindow", "Workers may not fit in memory"),
                                     text + "\n\n" + translate("MainWindow", "Start anyway?"),
                                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                     QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def stop(self) -> None:
        w = self.window
        if w.controller.busy:
            w.experiment_queue.drop_remaining()  # a stop ends the whole experiment, not just this run
            w.controller.stop()
            w.statusBar().showMessage(translate("MainWindow", "Stopping after the current batch…"))

    def stop_then_close(self) -> None:
        w = self.window
        if not w.controller.busy:
            w.close()
            return
        self.close_when_stopped = True
        self.stop()
        w.controller.stop(last=True)  # no spare process for a next run that will not come

    def ask_then_stop_and_close(self) -> None:
        w = self.window
        if w.controller.busy and not self.close_when_stopped and w.confirm_close_mid_run():
            self.stop_then_close()

    def open_sweep(self) -> None:
        w = self.window
        if w.controller.busy:
            return
        if w.sweep_dialog is not None and w.sweep_dialog.is_running():
            w.sweep_dialog.raise_()
            return
        from .sweep_dialog import SweepDialog

        w.sweep_dialog = SweepDialog(w.knobs.config(), w)
        w.sweep_dialog.setWindowModality(Qt.WindowModality.WindowModal)  # one timing at a time: no Start meanwhile
        w.sweep_dialog.show()

    def set_busy(self, busy: bool) -> None:
        w = self.window
        w.startButton.setEnabled(not busy)
        w.startAction.setEnabled(not busy)
        w.stopButton.setEnabled(busy)
        w.stopAction.setEnabled(busy)
        w.knobs.set_running(busy)
        w.experimentsPanel.runButton.setEnabled(not busy and not w.experiment_queue.active)
        w.sweepButton.setEnabled(not busy)
        w.sweepAction.setEnabled(not busy)
        has_run = w.controller.last_record is not None
        w.exportCsvAction.setEnabled(has_run and not busy)
        w.exportJsonAction.setEnabled(has_run and not busy)

    def on_run_started(self, event: RunStarted) -> None:
        self.window.views.on_run_started(RunInfo.from_started(event))
        self.window.statusBar().showMessage(translate("MainWindow", "Training (pid {pid})…").format(pid=event.pid))

    def on_processes(self, samples) -> None:
        if self.window.controller.busy:
            workers_uss = sum(sample.uss or 0 for sample in samples if sample.role == ROLE_WORKER)
            self.peak_workers_uss = max(self.peak_workers_uss, workers_uss)

    def on_run_finished(self, record: dict) -> None:
        w = self.window
        advice = []
        if record["iterations"]:
            advice = analyze_run(record, SystemInfo.current(), self.peak_workers_uss or None)
            record["advice"] = advice_dicts(advice)
            self.save(record)
        w.views.on_run_finished(None, record, advice)
        if record["status"] == "failed":
            w.banner.show_message(record["error"]["message"], "error")
        w.statusBar().showMessage(finished_text(record))
        if self.close_when_stopped:
            QTimer.singleShot(0, w.close)  # the record is submitted to the history: close now writes it
            return
        if w.experiment_queue.active:
            w.experiment_queue.run_finished(record)

    def save(self, record: dict) -> None:
        w = self.window
        store, snapshot = w.run_store, dict(record)  # the worker reads it while the window goes on
        w.file_writer.submit(lambda: store.save(snapshot), lambda _run_id: w.runsPanel.refresh(),
                             self._on_save_failed, after_ms=HISTORY_SAVE_DELAY_MS)

    def _on_save_failed(self, error: str) -> None:
        self.window.banner.show_message(translate(
            "MainWindow", "The run could not be saved to the history: {error}").format(error=error), "warning")
