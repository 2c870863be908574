"""The num_workers sweep dialog: the tutorial's 0..8 workers experiment, run for real and charted as it goes.

The sweep blocks while it runs (each point is a fresh training process), so it lives on a QThread: a
SweepWorker (sweep_worker.py) moved to that thread runs it and reports every finished point through queued signals.
The GUI thread only starts it, asks it to cancel (thread-safe) and, when the dialog or the window closes, waits for
it a bounded time. The results table is sweep_table.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QThread, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.advice import SystemInfo, advise_sweep
from ..core.atomic_files import atomic_write_text
from ..core.config import MAX_WORKERS, TrainConfig
from ..core.record_export import sweep_to_csv_text
from ..runner.sweep import DEFAULT_REPEAT, MAX_REPEAT, Sweep, SweepPoint, SweepRow, parse_workers, summarize
from .advice_text import advice_text
from .export_dialog import ExportDialog
from .panels.message_banner import STYLES
from .plots.sweep_plot import SweepPlot
from .sweep_table import SweepTable
from .sweep_worker import SweepWorker
from .tooltips import wrap_long_tooltips
from .widgets import ChooseFile, choose_save_file, named

DEFAULT_WORKERS = "0-8"  # the tutorial's experiment
CLOSE_WAIT_MS = 3000  # a cancelled point's process tree is gone within ~2 s (Sweep.cancel)


class SweepDialog(QDialog):
    """Time the current knobs at several num_workers settings, repeated, each run in a fresh process."""

    sweepFinished = Signal(object)  # list[SweepPoint] once a sweep ends (finished, cancelled or failed)

    def __init__(self, base_config: TrainConfig, parent: QWidget | None = None, *,
                 choose_file: ChooseFile = choose_save_file, system: SystemInfo | None = None):
        super().__init__(parent)
        self.setObjectName("sweepDialog")
        self.setAccessibleName(self.tr("num_workers sweep"))
        self.setWindowTitle(self.tr("num_workers sweep"))
        self.base_config = base_config
        self.choose_file = choose_file
        self.system = system or SystemInfo.current()
        self._points: list[SweepPoint] = []
        self._sweep: Sweep | None = None
        self._worker: SweepWorker | None = None
        self._thread: QThread | None = None
        self._failure = ""
        self._build()
        self._on_settings_changed()
        self._set_running(False)
        self.resize(1000, 860)
        wrap_long_tooltips(self)

    # -- layout ------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        cores = self.system.logical_cores
        self.sweepIntroLabel = QLabel(self.tr(
            "This repeats the tutorial's experiment: the same training, once per num_workers setting (the tutorial "
            "tried 0 to 8), each run in a fresh process, timing the training loop. Each bar splits the time into "
            "starting the DataLoader's workers and the steady state after it. The knobs are the window's, except "
            "num_workers and epochs."))
        self.sweepIntroLabel.setObjectName("sweepIntroLabel")
        self.sweepIntroLabel.setWordWrap(True)

        self.sweepWorkersEdit = named(QLineEdit(DEFAULT_WORKERS), "sweepWorkersEdit", self.tr("Worker settings"),
                                      self.tr("The num_workers settings to time: a range like 0-8, a list like "
                                              "0,2,4, or both like 0-4,8 (at most {max}).").format(max=MAX_WORKERS))
        suggestion = f"0-{min(2 * cores, MAX_WORKERS)}"
        self.sweepWorkersEdit.setPlaceholderText(suggestion)
        self.sweepRepeatSpin = named(QSpinBox(), "sweepRepeatSpin", self.tr("Repeats per setting"), self.tr(
            "Each setting runs this many times; the chart shows the median and the fastest and slowest run, "
            "so one run slowed down by the rest of the computer does not decide."))
        self.sweepRepeatSpin.setRange(1, MAX_REPEAT)
        self.sweepRepeatSpin.setValue(DEFAULT_REPEAT)
        self.sweepEpochsSpin = named(QSpinBox(), "sweepEpochsSpin", self.tr("Epochs per run"), self.tr(
            "Epochs of every run in the sweep; fewer epochs finish the sweep sooner."))
        self.sweepEpochsSpin.setRange(1, 1_000_000)
        self.sweepEpochsSpin.setValue(self.base_config.epochs)
        self.sweepHintLabel = QLabel()
        self.sweepHintLabel.setObjectName("sweepHintLabel")
        self.sweepHintLabel.setWordWrap(True)
        self._cores_hint = self.tr("This computer has {cores} logical cores; {suggestion} also shows what happens "
                                   "beyond them.").format(cores=cores, suggestion=suggestion)
        self.sweepErrorLabel = QLabel()
        self.sweepErrorLabel.setObjectName("sweepErrorLabel")
        self.sweepErrorLabel.setWordWrap(True)
        self.sweepErrorLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sweepErrorLabel.setStyleSheet(f"QLabel {{{STYLES['error']} padding: 4px;}}")
        self.sweepErrorLabel.hide()

        self.sweepStartButton = named(QPushButton(self.tr("Start sweep")), "sweepStartButton",
                                      self.tr("Start the sweep"))
        self.sweepCancelButton = named(QPushButton(self.tr("Cancel sweep")), "sweepCancelButton",
                                       self.tr("Cancel the sweep"),
                                       self.tr("Stop the run in progress; the finished runs stay in the table."))
        self.sweepExportButton = named(QPushButton(self.tr("Export")), "sweepExportButton",
                                       self.tr("Export the sweep"),
                                       self.tr("Save the chart (PNG, SVG, PDF) or the table (CSV)."))
        export_menu = QMenu(self.sweepExportButton)
        export_menu.setObjectName("sweepExportMenu")
        self.exportChartAction = export_menu.addAction(self.tr("Chart (PNG, SVG, PDF)…"))
        self.exportChartAction.setObjectName("sweepExportChartAction")
        self.exportCsvAction = export_menu.addAction(self.tr("Table as CSV…"))
        self.exportCsvAction.setObjectName("sweepExportCsvAction")
        self.sweepExportButton.setMenu(export_menu)
        self.sweepCloseButton = named(QPushButton(self.tr("Close")), "sweepCloseButton",
                                      self.tr("Close the sweep dialog"),
                                      self.tr("Closing during a sweep cancels it."))

        self.sweepProgressBar = named(QProgressBar(), "sweepProgressBar", self.tr("Sweep progress"))
        self.sweepProgressBar.setTextVisible(True)
        self.sweepStatusLabel = QLabel()
        self.sweepStatusLabel.setObjectName("sweepStatusLabel")
        self.sweepStatusLabel.setWordWrap(True)

        self.sweepPlot = SweepPlot()
        self.sweepTable = named(SweepTable(), "sweepTable", self.tr("Sweep results"))
        self.sweepAdviceLabel = QLabel()
        self.sweepAdviceLabel.setObjectName("sweepAdviceLabel")
        self.sweepAdviceLabel.setWordWrap(True)
        self.sweepAdviceLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        settings = QHBoxLayout()
        for text, widget, stretch in ((self.tr("num_workers:"), self.sweepWorkersEdit, 2),
                                      (self.tr("Repeats:"), self.sweepRepeatSpin, 0),
                                      (self.tr("Epochs:"), self.sweepEpochsSpin, 0)):
            label = QLabel(text)
            label.setBuddy(widget)
            settings.addWidget(label)
            settings.addWidget(widget, stretch)
            settings.addSpacing(12)
        buttons = QHBoxLayout()
        buttons.addWidget(self.sweepStartButton)
        buttons.addWidget(self.sweepCancelButton)
        buttons.addWidget(self.sweepProgressBar, 1)
        buttons.addWidget(self.sweepExportButton)
        buttons.addWidget(self.sweepCloseButton)
        results = QWidget()
        results_layout = QVBoxLayout(results)
        results_layout.setContentsMargins(0, 0, 0, 0)
        results_layout.addWidget(self.sweepTable, 1)
        results_layout.addWidget(self.sweepAdviceLabel)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("sweepSplitter")
        splitter.addWidget(self.sweepPlot)
        splitter.addWidget(results)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([440, 300])

        layout = QVBoxLayout(self)
        layout.addWidget(self.sweepIntroLabel)
        layout.addLayout(settings)
        layout.addWidget(self.sweepHintLabel)
        layout.addWidget(self.sweepErrorLabel)
        layout.addLayout(buttons)
        layout.addWidget(self.sweepStatusLabel)
        layout.addWidget(splitter, 1)

        self.sweepWorkersEdit.textChanged.connect(self._on_settings_changed)
        self.sweepRepeatSpin.valueChanged.connect(self._on_settings_changed)
        self.sweepEpochsSpin.valueChanged.connect(self._on_settings_changed)
        self.sweepWorkersEdit.returnPressed.connect(self.start)
        self.sweepStartButton.clicked.connect(self.start)
        self.sweepCancelButton.clicked.connect(self.cancel)
        self.sweepCloseButton.clicked.connect(self.reject)
        self.exportChartAction.triggered.connect(self.export_chart)
        self.sweepPlot.exportRequested.connect(self.export_chart)  # its right-click "Export plot…"
        self.exportCsvAction.triggered.connect(self.export_csv)

    # -- settings ----------------------------------------------------------------------------------------------
    def sweep_config(self) -> TrainConfig:
        """The window's knobs with the sweep's epochs (num_workers is set per point)."""
        return self.base_config.replace(epochs=self.sweepEpochsSpin.value())

    def _on_settings_changed(self) -> None:
        if self.is_running():
            return
        try:
            workers = parse_workers(self.sweepWorkersEdit.text())
        except ValueError as error:
            self._show_error(self.tr("num_workers: {why}").format(why=error))
            self.sweepHintLabel.setText(self._cores_hint)
            self.sweepStartButton.setEnabled(False)
            return
        self._show_error("")
        runs = len(workers) * self.sweepRepeatSpin.value()
        self.sweepHintLabel.setText(self.tr("{settings} settings × {repeats} repeats = {runs} runs. {cores}").format(
            settings=len(workers), repeats=self.sweepRepeatSpin.value(), runs=runs, cores=self._cores_hint))
        self.sweepStartButton.setEnabled(True)

    # -- running -----------------------------------------------------------------------------------------------
    def start(self) -> bool:
        """Start the sweep on its thread; False (and the reason shown) when the settings cannot run."""
        if self.is_running():
            return False
        try:
            workers = parse_workers(self.sweepWorkersEdit.text())
            sweep = Sweep(self.sweep_config(), workers, self.sweepRepeatSpin.value())
        except ValueError as error:  # ConfigError is a ValueError: a knob the sweep cannot use
            self._show_error(self.tr("Cannot start the sweep: {why}").format(why=error))
            return False
        self._show_error("")
        self._points = []
        self._failure = ""
        self._sweep = sweep
        self.show_points([])
        self.sweepPlot.set_title(self._chart_title())
        self.sweepProgressBar.setRange(0, sweep.total_points)
        self.sweepProgressBar.setValue(0)
        self.sweepProgressBar.setFormat(self.tr("%v of %m runs"))

        self._thread = QThread()
        self._thread.setObjectName("sweep-thread")
        self._worker = SweepWorker(sweep)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # Bound methods of objects living on the GUI thread: Qt queues these calls there.
        self._worker.pointFinished.connect(self._on_point)
        self._worker.progressed.connect(self._on_progress)
        self._worker.failed.connect(self._on_failed)
        self._worker.finished.connect(self._on_finished)
        # Direct: a queued quit would wait for the GUI thread, which may itself be waiting in cancel_and_wait().
        self._worker.finished.connect(self._thread.quit, Qt.ConnectionType.DirectConnection)
        self._set_running(True)
        self._show_next_point(0)
        self._thread.start()
        return True

    def cancel(self) -> None:
        """Stop the run in progress; the finished points stay (the worker reports them when it is done)."""
        if self._sweep is not None and self.is_running():
            self._sweep.cancel()
            self.sweepCancelButton.setEnabled(False)
            self.sweepStatusLabel.setText(self.tr("Cancelling: stopping the run in progress…"))

    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def cancel_and_wait(self, timeout_ms: int = CLOSE_WAIT_MS) -> bool:
        """Cancel and wait (at most ``timeout_ms``) until the sweep's thread, and so its processes, ended."""
        if not self.is_running():
            return True
        if self._sweep is not None:
            self._sweep.cancel()
        return self._thread.wait(timeout_ms)

    def done(self, result: int) -> None:
        # Accept, reject, Esc and the title bar's close button all end here: no sweep outlives the dialog.
        self.cancel_and_wait()
        super().done(result)

    @Slot(object)
    def _on_point(self, point: SweepPoint) -> None:
        self._points.append(point)
        self.show_points(self._points)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        self.sweepProgressBar.setRange(0, total)
        self.sweepProgressBar.setValue(done)
        if done < total and not (self._sweep and self._sweep.cancelled):
            self._show_next_point(done)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._failure = message

    @Slot(object)
    def _on_finished(self, points: list[SweepPoint]) -> None:
        self._points = list(points)
        self.show_points(self._points)
        total = self._sweep.total_points if self._sweep else len(points)
        failed_runs = [p for p in points if not p.finished]
        if self._failure:
            text = self.tr("The sweep stopped with an error after {done} of {total} runs: {why}").format(
                done=len(points), total=total, why=self._failure)
        elif self._sweep is not None and self._sweep.cancelled and len(points) < total:
            text = self.tr("Cancelled after {done} of {total} runs; the finished runs are kept.").format(
                done=len(points), total=total)
        else:
            text = self.tr("Finished: {done} runs.").format(done=len(points))
        if failed_runs:
            text += " " + self.tr("%n run(s) failed, the first with: {why}", "", len(failed_runs)).format(
                why=failed_runs[0].error or self.tr("no message"))
        self.sweepStatusLabel.setText(text)
        self._set_running(False)
        self._on_settings_changed()
        self.sweepFinished.emit(list(points))

    def _show_next_point(self, done: int) -> None:
        sweep = self._sweep
        if sweep is None or done >= sweep.total_points:
            return
        # Sweep runs its repeats interleaved: every setting once, then every setting again.
        workers = sweep.workers[done % len(sweep.workers)]
        repeat = done // len(sweep.workers) + 1
        self.sweepStatusLabel.setText(self.tr("Running num_workers = {workers} (repeat {repeat} of {repeats})…")
                                      .format(workers=workers, repeat=repeat, repeats=sweep.repeat))

    def _set_running(self, running: bool) -> None:
        for widget in (self.sweepWorkersEdit, self.sweepRepeatSpin, self.sweepEpochsSpin):
            widget.setEnabled(not running)
        self.sweepStartButton.setEnabled(not running)
        self.sweepCancelButton.setEnabled(running)
        self.sweepExportButton.setEnabled(not running and bool(self._points))

    # -- results -----------------------------------------------------------------------------------------------
    def points(self) -> list[SweepPoint]:
        return list(self._points)

    def rows(self) -> list[SweepRow]:
        return summarize(self._points)

    def row_dicts(self) -> list[dict]:
        """The table's rows as dicts (SweepRow.to_dict), plus persistent_workers for the advice: the knob as set,
        on every row, exactly as the CLI passes it (a 0-worker row is no sign that the knob is off)."""
        persistent = self.base_config.persistent_workers
        return [{**row.to_dict(), "persistent_workers": persistent} for row in self.rows()]

    def show_points(self, points: list[SweepPoint]) -> None:
        """Fill the chart, the table and the advice from these points (also used to show a finished sweep)."""
        self._points = list(points)
        rows = summarize(self._points)
        self.sweepPlot.set_rows([row.to_dict() for row in rows])
        self.sweepTable.fill(rows)
        if rows:
            advice = advise_sweep(self.row_dicts(), self.system, self.base_config.to_dict())
            self.sweepAdviceLabel.setText("\n".join(f"• {advice_text(item)}" for item in advice))
        else:
            self.sweepAdviceLabel.setText("")
        self.sweepExportButton.setEnabled(not self.is_running() and bool(self._points))

    def _chart_title(self) -> str:
        config = self.sweep_config()
        data = os.path.basename(config.data_path) if config.data_path else self.tr("the bundled sample")
        if config.epochs == 1:
            title = self.tr("Training time vs num_workers — {data}, batch {batch}, 1 epoch, median of {repeat}")
        else:
            title = self.tr("Training time vs num_workers — {data}, batch {batch}, {epochs} epochs, median of {repeat}")
        return title.format(data=data, batch=config.batch_size, epochs=config.epochs,
                            repeat=self.sweepRepeatSpin.value())

    # -- exporting ---------------------------------------------------------------------------------------------
    def export_chart(self) -> ExportDialog:
        """Open the export dialog for the chart (PNG, SVG or PDF), window-modal; its errors are shown inside it."""
        dialog = ExportDialog([(self.tr("Sweep"), self.sweepPlot)], self.sweepPlot.title() or self._chart_title(),
                              self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def export_csv(self, path: str | Path | None = None) -> Path | None:
        """Write the table as CSV (to ``path``, or where the user chooses); errors are shown in the dialog."""
        if path is None:
            chosen = self.choose_file(self, self.tr("Save the sweep table"), str(Path.home() / "sweep.csv"),
                                      self.tr("CSV files (*.csv)"))
            if not chosen:
                return None
            path = chosen
        path = Path(path)
        if not path.suffix:
            path = path.with_suffix(".csv")
        try:
            atomic_write_text(path, sweep_to_csv_text([row.to_dict() for row in self.rows()]))
        except OSError as error:
            self._show_error(self.tr("The table was not saved: {why}").format(why=error.strerror or error))
            return None
        self.sweepStatusLabel.setText(self.tr("Saved the table to {path}.").format(path=path))
        return path

    # -- messages ----------------------------------------------------------------------------------------------
    def error_text(self) -> str:
        return self.sweepErrorLabel.text() if self.sweepErrorLabel.isVisibleTo(self) else ""

    def _show_error(self, text: str) -> None:
        self.sweepErrorLabel.setText(text)
        self.sweepErrorLabel.setVisible(bool(text))
