"""The main window: composes the panels, the live views and the modules that run things; it owns no run logic.

Its parts are built in window_parts.py; a run's life (checks, busy controls, the finished run, the history) is in
run_lifecycle.py, the table in data_loading.py, exports in run_exports.py, experiments in experiment_queue.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QWidget

from ..core.config import TrainConfig
from ..core.runs import RunStore
from ..session.views import ViewList
from . import window_parts
from .controller import TrainingController
from .data_loading import DataSource, TableInfo
from .experiment_queue import ExperimentQueue
from .experiments import Experiment
from .file_writer import FileWriter
from .layout import first_window_size
from .monitor import CpuMonitor
from .plots.accuracy_plot import AccuracyPlot
from .plots.theme import LivePlotWidget
from .run_exports import RunExports
from .run_lifecycle import RunLifecycle
from .settings import AppSettings, WindowSettings
from .tooltips import wrap_long_tooltips
from .views.accuracy_view import AccuracyView
from .views.loss_view import LossView
from .views.readouts_view import ReadoutsView
from .views.stall_view import StallView
from .views.throughput import ThroughputReadout

if TYPE_CHECKING:  # the dialogs load on first use: the window opens faster without them
    from .sweep_dialog import SweepDialog


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
        self.controller = TrainingController(self, prewarm=prewarm)
        self.monitor = CpuMonitor(parent=self)
        self.experiment_queue = ExperimentQueue(self)
        self.sweep_dialog: SweepDialog | None = None
        self.guided_tour = None  # built on first use (Help → Guided tour)
        self.run_store = RunStore()
        self.file_writer = FileWriter(self)  # the history and exports are written off the GUI thread
        self._painted = False
        self._user_close = False  # File → Quit: asks like the window's close button
        window_parts.build_central(self)
        # The one list of live views: each is told of every run's start, batches, epochs and end (session.views).
        self.views = ViewList([LossView(self.lossPanel), ReadoutsView(self.readouts), ThroughputReadout(self.readouts),
                               StallView(self.stallPlot), AccuracyView(lambda: self.accuracyPlot), self.advicePanel,
                               self.workersPanel])
        self.runs = RunLifecycle(self)
        self.data = DataSource(self)
        self.exports = RunExports(self)
        # Asked before a run whose workers may not fit in memory, and when the user closes mid-run; tests replace them.
        self.confirm_memory_risk = self.runs.ask_memory_risk
        self.confirm_close_mid_run = self._ask_close_mid_run
        window_parts.build_controls_dock(self)
        window_parts.build_actions(self)
        self._connect()
        window_parts.set_tab_order(self)
        self.runs.set_busy(False)
        self.statusBar().showMessage(self.tr("Ready. Pick a data file or use the bundled sample, then press Start."))
        self.resize(first_window_size(self.screen().availableGeometry()))
        self.window_settings = WindowSettings(self, settings if settings is not None else AppSettings.open())
        self.window_settings.restore()
        self.presentation.sync_knobs_drawer()
        # The table is read once the window is on screen (_after_first_paint): reading it starts the spare
        # training process, which must not delay the first frame.
        self.knobs.dataSummaryLabel.setText(self.tr("Reading the table…"))
        wrap_long_tooltips(self)  # one paragraph, not one line running off the screen

    def _connect(self) -> None:
        self.startButton.clicked.connect(self.start)
        self.stopButton.clicked.connect(self.stop)
        self.knobs.dataPathSubmitted.connect(self.load_data)
        self.knobs.dataOptions.optionsChanged.connect(lambda: self.load_data(self.knobs.config().data_path or ""))
        self.knobs.browseRequested.connect(self.browse_data)
        c = self.controller
        c.runStarted.connect(self.runs.on_run_started)
        c.batchesArrived.connect(self.views.on_batches)
        c.epochEnded.connect(self.views.on_epoch_ended)
        c.runFinished.connect(self.runs.on_run_finished)
        c.busyChanged.connect(self.runs.set_busy)
        c.processChanged.connect(self.monitor.set_watched_pid)
        c.devicesKnown.connect(lambda info: self.knobs.set_devices(bool(info.get("cuda")), bool(info.get("mps"))))
        self.cpuPanel.attach(self.monitor)
        self.monitor.processesSampled.connect(self.workersPanel.show_samples)
        self.monitor.processesSampled.connect(self.runs.on_processes)
        self.experimentsPanel.runRequested.connect(self.run_experiment)
        self.sweepButton.clicked.connect(self.open_sweep)
        self.runsPanel.overlayRequested.connect(self.lossPlot.set_overlays)
        self.runsPanel.overlayCleared.connect(self.lossPlot.clear_overlays)
        self.runsPanel.xModeChanged.connect(lambda mode: self.views.restore_state({"loss": {"x_mode": mode}}))
        for plot in (self.lossPlot, self.stallPlot):
            self._export_on_request(plot)

    def _export_on_request(self, plot: LivePlotWidget) -> None:
        plot.exportRequested.connect(lambda: self.export_plot(plot))

    @property
    def accuracyPlot(self) -> AccuracyPlot:  # noqa: N802 (named like the window's other widgets)
        """Built once, in the theme the window shows now: after the first paint, or when first asked for."""
        if self._accuracy_plot is None:
            self._accuracy_plot = AccuracyPlot(theme=self.presentation.plot_theme())
            self._accuracy_page.layout().addWidget(self._accuracy_plot)
            self._export_on_request(self._accuracy_plot)
        return self._accuracy_plot

    # What the next run trains on (data_loading.DataSource).
    table: TableInfo | None = property(lambda self: self.data.table)
    table_path: str | None = property(lambda self: self.data.table_path)

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
        if self.data.table_options is None:  # nothing asked yet (a language switch asks the adopted spare itself)
            self.load_data(self.knobs.dataPathEdit.text().strip())
        self.controller.warm_up()
        self.runsPanel.refresh()
        _ = self.accuracyPlot

    def request_close(self) -> None:
        """Close as the user asked (File → Quit): mid-run, ask first like the window's close button does."""
        self._user_close = True
        self.close()

    def stop_then_close(self) -> None:
        """Stop the run (it is kept as "stopped"), then close; at once when idle. Ctrl+C and SIGTERM end here."""
        self.runs.stop_then_close()

    def _ask_close_mid_run(self) -> bool:
        from .closing import ask_stop_before_closing  # on demand: rarely needed

        return ask_stop_before_closing(self)

    def closeEvent(self, event) -> None:
        from_user, self._user_close = event.spontaneous() or self._user_close, False
        if from_user and self.controller.busy:
            # Ask outside this event: while it is being handled, Qt ignores the close() that follows the stop.
            event.ignore()  # the window closes once the run has stopped and been recorded (RunLifecycle)
            if not self.runs.close_when_stopped:
                QTimer.singleShot(0, self, self.runs.ask_then_stop_and_close)
            return
        self.window_settings.save()
        if self.sweep_dialog is not None and self.sweep_dialog.is_running():
            self.sweep_dialog.cancel_and_wait()
        self.monitor.stop()
        self.controller.shutdown()
        self.data.reader.wait(2000)
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

    # -- what the menus, buttons and tests call ----------------------------------------------------------------
    def browse_data(self) -> None:
        self.data.browse()

    def load_data(self, path: str) -> None:
        self.data.load(path)

    def start(self) -> None:
        self.runs.start()

    def start_config(self, config: TrainConfig) -> bool:
        return self.runs.start_config(config)

    def stop(self) -> None:
        self.runs.stop()

    def run_experiment(self, experiment: Experiment) -> None:
        self.experiment_queue.run(experiment)

    def export_plot(self, plot: QWidget | None = None) -> None:
        self.exports.export_plot(plot)

    def export_csv(self) -> None:
        self.exports.export_csv()

    def export_json(self) -> None:
        self.exports.export_json()

    def open_sweep(self) -> None:
        self.runs.open_sweep()

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

    def loss_points(self) -> int:  # for tests and tools
        return self.lossPlot.point_count()


def _local_file(mime) -> str:
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                return url.toLocalFile()
    return ""
