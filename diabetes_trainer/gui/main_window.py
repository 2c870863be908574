"""The main window: composes the panels and wires them to the training controller. It owns no training logic."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..core.config import ConfigError, TrainConfig, iterations_per_epoch
from ..core.data import ReadOptions
from ..core.events import RunStarted
from ..core.insight import SystemInfo, analyze_run, memory_check
from ..core.runs import RunStore
from ..session.views import RunInfo, ViewList
from .advice_text import advice_dicts, advice_text
from .controller import TrainingController
from .data_loading import TableInfo, TableReader
from .experiment_queue import ExperimentQueue
from .experiments import Experiment
from .file_writer import FileWriter
from .i18n import app_display_name, build_language_menu
from .layout import ContentWidthScrollArea, WrappingTabs, first_window_size
from .monitor import CpuMonitor
from .panels.advice_view import AdvicePanel
from .panels.experiments_panel import ExperimentsPanel
from .panels.knobs import KnobsPanel
from .panels.loss_panel import LossPanel
from .panels.message_banner import MessageBanner
from .panels.readouts import Readouts
from .panels.runs_panel import RunsPanel
from .panels.workers_table import WorkersPanel
from .plots.accuracy_plot import AccuracyPlot
from .plots.cpu_plot import CpuPanel
from .plots.stall_plot import StallPlot
from .plots.theme import LivePlotWidget
from .presentation import PresentationMode
from .settings import AppSettings, WindowSettings
from .tooltips import wrap_long_tooltips
from .views.accuracy_view import AccuracyView
from .views.loss_view import LossView
from .views.readouts_view import ReadoutsView, finished_text
from .views.stall_view import StallView
from .views.throughput import ThroughputReadout
from .widgets import choose_save_file, focus_chain, name_toolbar_buttons, named

if TYPE_CHECKING:  # the dialogs load on first use: the window opens faster without them
    from .sweep_dialog import SweepDialog

# A finished run goes into the history this long after the window has shown its end (see FileWriter.submit).
HISTORY_SAVE_DELAY_MS = 300


class MainWindow(QMainWindow):
    # View → Language: the application rebuilds the window in that language (app.switch_language).
    languageRequested = Signal(str)

    def __init__(self, prewarm: bool = True, parent: QWidget | None = None, settings: AppSettings | None = None):
        """``settings``: where the window is restored from and saved to on close (default: AppSettings.open())."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        # Qt appends the application's display name to the title: the title itself does not repeat it.
        self.setWindowTitle(self.tr("Mini-batches and the DataLoader, made visible"))
        self.setAcceptDrops(True)
        wrap_long_tooltips(QApplication.instance())  # one paragraph, not one line running off the screen
        self.controller = TrainingController(self, prewarm=prewarm)
        self.monitor = CpuMonitor(parent=self)
        self.table: TableInfo | None = None  # read by the spare training process, not here
        self.table_path: str | None = None  # the path as typed ("" = the bundled sample) that `table` came from
        self.table_options: ReadOptions | None = None  # how `table` was read (label column, ignored columns, …)
        self._reader = TableReader(self.controller, self)
        self._start_when_loaded = False
        self.experiment_queue = ExperimentQueue(self)
        self._peak_workers_uss = 0
        self.sweep_dialog: SweepDialog | None = None
        self.guided_tour = None  # built on first use (Help → Guided tour)
        self.run_store = RunStore()
        self.file_writer = FileWriter(self)  # the history and exports are written off the GUI thread
        self._painted = False
        # Asked before a run whose workers may not fit in memory; tests replace it.
        self.confirm_memory_risk = self._ask_memory_risk
        self.confirm_close_mid_run = self._ask_close_mid_run  # the user closes the window while a run goes
        self._user_close = False  # File → Quit: asks like the window's close button
        self._close_when_stopped = False
        self._build_central()
        # The one list of live views: each is told of every run's start, batches, epochs and end (session.views).
        self.views = ViewList([LossView(self.lossPanel), ReadoutsView(self.readouts), ThroughputReadout(self.readouts),
                               StallView(self.stallPlot), AccuracyView(lambda: self.accuracyPlot), self.advicePanel,
                               self.workersPanel])
        self._build_controls_dock()
        self._build_actions()
        self._connect()
        self._set_tab_order()
        self._set_busy(False)
        self.statusBar().showMessage(self.tr("Ready. Pick a data file or use the bundled sample, then press Start."))
        self.resize(first_window_size(self.screen().availableGeometry()))
        self.window_settings = WindowSettings(self, settings if settings is not None else AppSettings.open())
        self.window_settings.restore()
        self.presentation.sync_knobs_drawer()
        self.load_data(self.knobs.dataPathEdit.text().strip())

    # -- layout ------------------------------------------------------------------------------------------------
    def _build_central(self) -> None:
        central = QWidget()
        layout = QVBoxLayout(central)
        self.banner = MessageBanner()
        self.readouts = Readouts()
        layout.addWidget(self.banner)
        layout.addWidget(self.readouts)
        self.lossPanel = LossPanel()
        self.lossPlot = self.lossPanel.plot
        self.cpuPanel = CpuPanel()
        self.cpuPlot = self.cpuPanel.plot
        # The tab buttons wrap onto a second row when narrow: every view's name stays whole (layout.py).
        self.insightTabsHolder = WrappingTabs()
        self.insightTabs = named(self.insightTabsHolder.tabs, "insightTabs", self.tr("Insight views"))
        self.insightTabs.setMinimumWidth(240)  # its tables scroll: leave the CPU plot beside it room to breathe
        self.stallPlot = StallPlot()
        self.workersPanel = WorkersPanel()
        self.workersTable = self.workersPanel.table
        self.advicePanel = AdvicePanel()
        self.adviceView = self.advicePanel.view
        self.experimentsPanel = ExperimentsPanel()
        self.runsPanel = RunsPanel(list_now=False)  # listed after the first paint: a long history takes a while
        self.runsList = self.runsPanel.findChild(QWidget, "runsList")
        # Its tab starts hidden: the plot is built after the window's first paint (or when first asked for).
        self._accuracy_plot: AccuracyPlot | None = None
        self._accuracy_page = QWidget()
        self._accuracy_page.setObjectName("accuracyPage")
        QVBoxLayout(self._accuracy_page).setContentsMargins(0, 0, 0, 0)
        for page, name in ((self.advicePanel, "advicePanel"), (self.workersPanel, "workersPanel"),
                           (self.experimentsPanel, "experimentsPanel")):
            page.setObjectName(page.objectName() or name)  # the tab buttons are named after their pages
        self.insightTabs.addTab(self.stallPlot, self.tr("Wait vs compute"))
        self.insightTabs.addTab(self._accuracy_page, self.tr("Accuracy"))
        self.insightTabs.addTab(self.advicePanel, self.tr("Advice"))
        self.insightTabs.addTab(self.workersPanel, self.tr("Workers"))
        self.insightTabs.addTab(self.experimentsPanel, self.tr("Experiments"))
        self.insightTabs.addTab(self.runsPanel, self.tr("Runs"))
        bottom = QSplitter(Qt.Orientation.Horizontal)
        bottom.setObjectName("bottomSplitter")
        bottom.setChildrenCollapsible(False)  # a dragged splitter must not hide the insight views entirely
        bottom.addWidget(self.cpuPanel)
        bottom.addWidget(self.insightTabsHolder)
        bottom.setStretchFactor(0, 1)
        bottom.setStretchFactor(1, 1)
        bottom.setSizes([500, 500])
        self.bottomSplitter = bottom
        self.mainSplitter = QSplitter(Qt.Orientation.Vertical)
        self.mainSplitter.setObjectName("mainSplitter")
        self.mainSplitter.addWidget(self.lossPanel)
        self.mainSplitter.addWidget(bottom)
        self.mainSplitter.setStretchFactor(0, 3)
        self.mainSplitter.setStretchFactor(1, 2)
        self.mainSplitter.setSizes([400, 370])
        layout.addWidget(self.mainSplitter, 1)
        self.setCentralWidget(central)

    def _build_controls_dock(self) -> None:
        self.knobs = KnobsPanel()
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll = ContentWidthScrollArea()  # as wide as the knobs need: no horizontal scroll bar
        scroll.setObjectName("knobsScrollArea")
        scroll.setWidget(self.knobs)
        layout.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.startButton = named(QPushButton(self.tr("Start")), "startButton", self.tr("Start training"),
                                 self.tr("Start training with these knobs (Ctrl+R or F5)"))
        self.stopButton = named(QPushButton(self.tr("Stop")), "stopButton", self.tr("Stop training"),
                                self.tr("Stop after the current batch (Esc)"))
        self.sweepButton = named(QPushButton(self.tr("Sweep…")), "sweepButton", self.tr("num_workers sweep"),
                                 self.tr("Time these knobs at several num_workers settings, like the tutorial's "
                                         "0 to 8 experiment"))
        buttons.addWidget(self.startButton)
        buttons.addWidget(self.stopButton)
        buttons.addWidget(self.sweepButton)
        layout.addLayout(buttons)
        self.controlsDock = QDockWidget(self.tr("Knobs"), self)
        self.controlsDock.setObjectName("controlsDock")
        self.controlsDock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                      | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.controlsDock.setWidget(holder)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.controlsDock)

    def _build_actions(self) -> None:
        self.openAction = self._action("openAction", self.tr("&Open data…"), QKeySequence.StandardKey.Open,
                                       self.browse_data)
        self.quitAction = self._action("quitAction", self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                                       self.request_close)
        self.startAction = self._action("startAction", self.tr("&Start"), [QKeySequence("Ctrl+R"),
                                                                          QKeySequence("F5")], self.start)
        self.stopAction = self._action("stopAction", self.tr("S&top"), QKeySequence("Esc"), self.stop)
        self.sweepAction = self._action("sweepAction", self.tr("S&weep num_workers…"), QKeySequence("Ctrl+Shift+R"),
                                        self.open_sweep)
        self.sweepAction.setIconText(self.tr("Sweep…"))  # the toolbar's short name: it fits a 1024-px projector
        self.exportPlotAction = self._action("exportPlotAction", self.tr("&Export plot…"), QKeySequence("Ctrl+E"),
                                             lambda: self.export_plot())
        self.exportCsvAction = self._action("exportCsvAction", self.tr("Export run as &CSV…"),
                                            QKeySequence("Ctrl+Shift+E"), self.export_csv)
        self.exportJsonAction = self._action("exportJsonAction", self.tr("Export run as &JSON…"), None,
                                             self.export_json)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.openAction)
        file_menu.addSeparator()
        file_menu.addAction(self.exportPlotAction)
        file_menu.addAction(self.exportCsvAction)
        file_menu.addAction(self.exportJsonAction)
        file_menu.addSeparator()
        file_menu.addAction(self.quitAction)
        run_menu = self.menuBar().addMenu(self.tr("&Run"))
        run_menu.addAction(self.startAction)
        run_menu.addAction(self.stopAction)
        run_menu.addAction(self.sweepAction)
        self.toolbar = self.addToolBar(self.tr("Main"))
        self.toolbar.setObjectName("mainToolBar")
        self.toolbar.addAction(self.openAction)
        self.toolbar.addAction(self.startAction)
        self.toolbar.addAction(self.stopAction)
        self.toolbar.addAction(self.sweepAction)
        self.toolbar.addAction(self.exportPlotAction)
        self.toolbar.addAction(self.exportCsvAction)
        self._build_view_and_help()
        self.toolbar.addSeparator()
        self.toolbar.addAction(self.presentation.knobsDrawerAction)
        self.toolbar.addAction(self.presentationModeAction)
        name_toolbar_buttons(self.toolbar)

    def _build_view_and_help(self) -> None:
        self.presentation = PresentationMode(self)
        p = self.presentation
        self.presentationModeAction = p.presentationModeAction
        self.restoreDefaultsAction = self._action("restoreDefaultsAction", self.tr("&Restore defaults"), None,
                                                  self.restore_defaults)
        self.restoreDefaultsAction.setStatusTip(self.tr("Put the knobs and the window layout back as on a first start"))
        self.aboutAction = self._action("aboutAction", self.tr("&About {app}").format(app=app_display_name()), None,
                                        self.show_about)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.setObjectName("viewMenu")
        view_menu.addAction(p.presentationModeAction)
        view_menu.addAction(p.knobsDrawerAction)
        view_menu.addSeparator()
        view_menu.addActions([p.themeLightAction, p.themeDarkAction])
        view_menu.addSeparator()
        view_menu.addActions([p.zoomInAction, p.zoomOutAction, p.zoomResetAction])
        view_menu.addSeparator()
        self.languageMenu = build_language_menu(view_menu, self.languageRequested.emit)
        view_menu.addSeparator()
        view_menu.addAction(self.restoreDefaultsAction)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.setObjectName("helpMenu")
        self.guidedTourAction = self._action("guidedTourAction", self.tr("Guided &tour"), QKeySequence("F1"),
                                             self.show_guided_tour)
        self.guidedTourAction.setStatusTip(self.tr("A short tour of the window's areas and the notes' lessons"))
        help_menu.addAction(self.guidedTourAction)
        help_menu.addSeparator()
        help_menu.addAction(self.aboutAction)

    def _set_tab_order(self) -> None:
        """Tab walks the knobs in reading order, then Start, Stop and Sweep."""
        chain = [*focus_chain(self.knobs), self.startButton, self.stopButton, self.sweepButton]
        for before, after in zip(chain, chain[1:]):
            QWidget.setTabOrder(before, after)

    def _action(self, name: str, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    def _connect(self) -> None:
        self.startButton.clicked.connect(self.start)
        self.stopButton.clicked.connect(self.stop)
        self.knobs.dataPathSubmitted.connect(self.load_data)
        self.knobs.dataOptions.optionsChanged.connect(lambda: self.load_data(self.knobs.config().data_path or ""))
        self.knobs.browseRequested.connect(self.browse_data)
        self._reader.loaded.connect(self._on_table_loaded)
        self._reader.failed.connect(self._on_table_failed)
        c = self.controller
        c.runStarted.connect(self._on_run_started)
        c.batchesArrived.connect(self.views.on_batches)
        c.epochEnded.connect(self.views.on_epoch_ended)
        c.runFinished.connect(self._on_run_finished)
        c.busyChanged.connect(self._set_busy)
        c.processChanged.connect(self.monitor.set_watched_pid)
        c.devicesKnown.connect(lambda info: self.knobs.set_devices(bool(info.get("cuda")), bool(info.get("mps"))))
        self.cpuPanel.attach(self.monitor)
        self.monitor.processesSampled.connect(self._on_processes)
        self.experimentsPanel.runRequested.connect(self.run_experiment)
        self.sweepButton.clicked.connect(self.open_sweep)
        self.runsPanel.overlayRequested.connect(self.lossPlot.set_overlays)
        self.runsPanel.overlayCleared.connect(self.lossPlot.clear_overlays)
        self.runsPanel.xModeChanged.connect(self._set_x_mode)
        for plot in (self.lossPlot, self.stallPlot):
            self._export_on_request(plot)

    def _export_on_request(self, plot: LivePlotWidget) -> None:
        plot.exportRequested.connect(lambda: self.export_plot(plot))

    @property
    def accuracyPlot(self) -> AccuracyPlot:  # noqa: N802 (named like the window's other widgets)
        self._build_accuracy_plot()
        return self._accuracy_plot

    def _build_accuracy_plot(self) -> None:
        """Once: the plot in the Accuracy tab, in the theme the window shows now."""
        if self._accuracy_plot is None:
            self._accuracy_plot = AccuracyPlot(theme=self.presentation.plot_theme())
            self._accuracy_page.layout().addWidget(self._accuracy_plot)
            self._export_on_request(self._accuracy_plot)

    # -- window life -------------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.monitor.start()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            # The window is on screen: now start the spare process, list the run history and build the hidden
            # accuracy tab (a timer of 0 s runs once this frame is done, so none of it delays the window).
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        self.controller.warm_up()
        self.runsPanel.refresh()
        self._build_accuracy_plot()

    def request_close(self) -> None:
        """Close as the user asked (File → Quit): mid-run, ask first like the window's close button does."""
        self._user_close = True
        self.close()

    def stop_then_close(self) -> None:
        """Stop the run (it is kept as "stopped"), then close; at once when idle. Ctrl+C and SIGTERM end here."""
        if not self.controller.busy:
            self.close()
            return
        self._close_when_stopped = True
        self.stop()
        self.controller.stop(last=True)  # no spare process for a next run that will not come

    def _ask_close_mid_run(self) -> bool:
        from .closing import ask_stop_before_closing  # on demand: rarely needed

        return ask_stop_before_closing(self)

    def _ask_then_stop_and_close(self) -> None:
        if self.controller.busy and not self._close_when_stopped and self.confirm_close_mid_run():
            self.stop_then_close()

    def closeEvent(self, event) -> None:
        from_user, self._user_close = event.spontaneous() or self._user_close, False
        if from_user and self.controller.busy:
            # Ask outside this event: while it is being handled, Qt ignores the close() that follows the stop.
            event.ignore()  # the window closes once the run has stopped and been recorded (_on_run_finished)
            if not self._close_when_stopped:
                QTimer.singleShot(0, self, self._ask_then_stop_and_close)
            return
        self.window_settings.save()
        if self.sweep_dialog is not None and self.sweep_dialog.is_running():
            self.sweep_dialog.cancel_and_wait()
        self.monitor.stop()
        self.controller.shutdown()
        self._reader.wait(2000)
        self.file_writer.wait()  # the last run and exports must reach the disk before we go
        super().closeEvent(event)

    def dragEnterEvent(self, event) -> None:
        if _local_file(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        path = _local_file(event.mimeData())
        if path:
            event.acceptProposedAction()
            self.knobs.dataPathEdit.setText(path)
            self.load_data(path)

    # -- data ----------------------------------------------------------------------------------------------------
    def browse_data(self) -> None:
        start_dir = str(Path(self.knobs.dataPathEdit.text()).parent) if self.knobs.dataPathEdit.text() else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a data table"), start_dir,
                                              self.tr("Tables (*.csv *.csv.gz *.txt *.tsv *.gz);;All files (*)"))
        if path:
            self.knobs.dataPathEdit.setText(path)
            self.load_data(path)

    def load_data(self, path: str) -> None:
        self.knobs.dataSummaryLabel.setText(self.tr("Reading {name}…").format(
            name=os.path.basename(path) or self.tr("the bundled sample")))
        self.table_options = ReadOptions.of(self.knobs.config())
        self._reader.read(path, dataclasses.asdict(self.table_options))

    def _on_table_loaded(self, path: str, table: TableInfo) -> None:
        self.table, self.table_path = table, path
        positives = table.positives
        share = positives / table.rows if table.rows else 0.0
        lines = [
            self.tr("<b>{name}</b>{synthetic}").format(
                name=os.path.basename(table.path),
                synthetic=self.tr(" (synthetic sample data, not medical data)") if not path else ""),
            self.tr("{rows} rows · {features} features · label 1: {positives} ({share:.0%}), label 0: {negatives}")
            .format(rows=table.rows, features=table.n_features, positives=positives, share=share,
                    negatives=table.rows - positives),
        ]
        if table.header:
            lines.append(self.tr("Columns: {names}").format(names=", ".join(table.header)))
        self.knobs.dataSummaryLabel.setText("<br>".join(lines))
        self.knobs.dataSummaryLabel.setToolTip(table.path)
        self.knobs.dataOptions.show_table(table)
        self.knobs.set_data_rows(table.rows)
        if self.banner.level == "error" and not self.controller.busy:
            self.banner.clear()
        self.statusBar().showMessage(self.tr("Loaded {path}").format(path=table.path), 5000)
        if self._start_when_loaded:
            self._start_when_loaded = False
            self.start()

    def _on_table_failed(self, path: str, message: str) -> None:
        self._start_when_loaded = False
        self.table, self.table_path = None, None
        self.knobs.set_data_rows(None)
        self.knobs.dataSummaryLabel.setText(self.tr("Cannot use this file."))
        self.knobs.dataOptions.show_failure()
        self.banner.show_message(message, "error")
        self.statusBar().showMessage(self.tr("Could not read the data file"), 5000)

    # -- runs ----------------------------------------------------------------------------------------------------
    def start(self) -> None:
        """Start a run with the knobs as they are (the Start button)."""
        self.experiment_queue.abort()
        self.start_config(self.knobs.config())

    def start_config(self, config: TrainConfig) -> bool:
        """Validate, check memory, and start; False (with the reason shown) when it cannot start."""
        if self.controller.busy:
            return False
        try:
            config.validate()
        except ConfigError as exc:
            self.banner.show_message(self.tr("Cannot start: {knob}: {message}").format(
                knob=exc.knob, message=exc.message), "error")
            return False
        typed = config.data_path or ""
        if self.table is None or self.table_path != typed or self.table_options != ReadOptions.of(config):
            # The path was typed but not loaded yet: load it, and start once it is read (or show why not).
            self._start_when_loaded = True
            self.load_data(typed)
            return False
        risk = memory_check(config.num_workers, config.start_method,
                            self.table.nbytes, SystemInfo.current())
        if risk is not None and not self.confirm_memory_risk(advice_text(risk)):
            self.banner.show_message(advice_text(risk), "warning")
            return False
        self.banner.clear()
        ipe = iterations_per_epoch(self.table.rows, config.batch_size, config.val_fraction)
        self.views.on_run_started(RunInfo(config.to_dict(), dict(self.table.summary), ipe, ipe * config.epochs, 0))
        self._peak_workers_uss = 0
        self.controller.start(config)
        self.statusBar().showMessage(self.tr("Starting the training process…"))
        return True

    def _ask_memory_risk(self, text: str) -> bool:
        answer = QMessageBox.warning(self, self.tr("Workers may not fit in memory"),
                                     text + "\n\n" + self.tr("Start anyway?"),
                                     QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                     QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    # -- experiments ---------------------------------------------------------------------------------------------
    def run_experiment(self, experiment: Experiment) -> None:
        self.experiment_queue.run(experiment)

    def stop(self) -> None:
        if self.controller.busy:
            self.experiment_queue.drop_remaining()  # a stop ends the whole experiment, not just this run
            self.controller.stop()
            self.statusBar().showMessage(self.tr("Stopping after the current batch…"))

    def _set_busy(self, busy: bool) -> None:
        self.startButton.setEnabled(not busy)
        self.startAction.setEnabled(not busy)
        self.stopButton.setEnabled(busy)
        self.stopAction.setEnabled(busy)
        self.knobs.set_running(busy)
        self.experimentsPanel.runButton.setEnabled(not busy and not self.experiment_queue.active)
        self.sweepButton.setEnabled(not busy)
        self.sweepAction.setEnabled(not busy)
        has_run = self.controller.last_record is not None
        self.exportCsvAction.setEnabled(has_run and not busy)
        self.exportJsonAction.setEnabled(has_run and not busy)

    def _on_run_started(self, event: RunStarted) -> None:
        self.views.on_run_started(RunInfo.from_started(event))
        self.statusBar().showMessage(self.tr("Training (pid {pid})…").format(pid=event.pid))

    def _on_processes(self, samples) -> None:
        self.workersPanel.show_samples(samples)
        if self.controller.busy:
            self._peak_workers_uss = max(self._peak_workers_uss, self.workersPanel.workers_uss)

    def _on_run_finished(self, record: dict) -> None:
        advice = []
        if record["iterations"]:
            advice = analyze_run(record, SystemInfo.current(), self._peak_workers_uss or None)
            record["advice"] = advice_dicts(advice)
            self._save_run(record)
        self.views.on_run_finished(None, record, advice)
        status = record["status"]
        if status == "failed":
            self.banner.show_message(record["error"]["message"], "error")
        text = finished_text(record)
        self.statusBar().showMessage(text)
        if self._close_when_stopped:
            QTimer.singleShot(0, self.close)  # the record is submitted to the history: close now writes it
            return
        if self.experiment_queue.active:
            self.experiment_queue.run_finished(record)

    # -- history, sweep, exports -------------------------------------------------------------------------------
    def _save_run(self, record: dict) -> None:
        store, snapshot = self.run_store, dict(record)  # the worker reads it while the window goes on
        self.file_writer.submit(lambda: store.save(snapshot), lambda _run_id: self.runsPanel.refresh(),
                                self._on_run_save_failed, after_ms=HISTORY_SAVE_DELAY_MS)

    def _on_run_save_failed(self, error: str) -> None:
        self.banner.show_message(self.tr("The run could not be saved to the history: {error}").format(error=error),
                                 "warning")

    def _set_x_mode(self, mode: str) -> None:
        combo = self.lossPanel.xAxisCombo
        combo.setCurrentIndex(max(0, combo.findData(mode)))

    def open_sweep(self) -> None:
        if self.controller.busy:
            return
        if self.sweep_dialog is not None and self.sweep_dialog.is_running():
            self.sweep_dialog.raise_()
            return
        from .sweep_dialog import SweepDialog

        self.sweep_dialog = SweepDialog(self.knobs.config(), self)
        self.sweep_dialog.setWindowModality(Qt.WindowModality.WindowModal)  # one timing at a time: no Start meanwhile
        self.sweep_dialog.show()

    def _plot_title(self) -> str:
        from .figures import figure_title

        record = self.controller.last_record
        overlays = self.lossPlot.overlay_labels()
        return figure_title(record or {"config": self.knobs.config().to_dict()}, overlays)

    def export_plot(self, plot: QWidget | None = None) -> None:
        """The export dialog (modal), on ``plot`` if given (a plot's right-click "Export plot…"), else the loss."""
        plots = [(self.tr("Loss"), self.lossPlot), (self.tr("CPU load"), self.cpuPlot),
                 (self.tr("Wait vs compute"), self.stallPlot), (self.tr("Accuracy"), self.accuracyPlot)]
        from .export_dialog import ExportDialog

        current = next((index for index, (_label, widget) in enumerate(plots) if widget is plot), 0)
        dialog = ExportDialog(plots, self._plot_title(), self, current=current)
        dialog.exec()

    def _export_record(self, caption: str, suffix: str, file_filter: str, write) -> None:
        record = self.controller.last_record
        if record is None:
            self.banner.show_message(self.tr("There is no run to export yet: press Start first."), "info")
            return
        suggested = str(Path.home() / f"diabetes-trainer-run{suffix}")
        path = choose_save_file(self, caption, suggested, file_filter)
        if not path:
            return
        self.statusBar().showMessage(self.tr("Saving {path}…").format(path=path))
        self.file_writer.submit(lambda: write(record, Path(path)), lambda _result: self._on_exported(path),
                                lambda error: self._on_export_failed(path, error))

    def _on_exported(self, path: str) -> None:
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)

    def _on_export_failed(self, path: str, error: str) -> None:
        self.statusBar().clearMessage()
        self.banner.show_message(self.tr("Could not save {path}: {error}").format(path=path, error=error), "error")

    def export_csv(self) -> None:
        from ..core.record_export import write_csv

        self._export_record(self.tr("Export the run's numbers as CSV"), ".csv", self.tr("CSV (*.csv)"), write_csv)

    def export_json(self) -> None:
        from ..core.record_export import write_json

        self._export_record(self.tr("Export the whole run as JSON"), ".json", self.tr("JSON (*.json)"), write_json)

    # -- view --------------------------------------------------------------------------------------------------------
    def training_in_progress(self) -> bool:
        """A run, an experiment between its runs, or a sweep: what a rebuild of the window would cut short."""
        sweeping = self.sweep_dialog is not None and self.sweep_dialog.is_running()
        return self.controller.busy or self.experiment_queue.active or sweeping

    def restore_defaults(self) -> None:
        self.window_settings.restore_defaults()
        self.statusBar().showMessage(self.tr("Knobs and layout are back at their defaults."), 5000)

    def show_guided_tour(self) -> None:
        from .guided_tour import GuidedTour  # on demand, like the About dialog

        if self.guided_tour is None:
            self.guided_tour = GuidedTour(self)
        self.guided_tour.go(0)
        self.guided_tour.show()
        self.guided_tour.raise_()

    def show_about(self) -> None:
        from .about_dialog import show_about  # on demand: not needed for the window's first frame

        show_about(self)

    # -- for tests and tools --------------------------------------------------------------------------------------
    def loss_points(self) -> int:
        return self.lossPlot.point_count()


def _local_file(mime) -> str:
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                return url.toLocalFile()
    return ""

