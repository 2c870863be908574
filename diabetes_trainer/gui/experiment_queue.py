"""The window's experiment queue: a lesson's runs one after another, then the lesson's conclusion.

Each run goes through the window's own start (validation, memory check, plots), so the user watches every run; the
knobs show each run's settings while it trains and are put back exactly as the user left them afterwards. Anything
that breaks in between is shown in the window's banner, never only on stderr.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ..core.lessons import LessonRun, RunResult
from ..core.record import RunRecord
from . import knob_state
from .experiments import Experiment

if TYPE_CHECKING:
    from .main_window import MainWindow


class ExperimentQueue(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.experiment: Experiment | None = None
        self.queue: list[LessonRun] = []
        self.current: LessonRun | None = None
        self.results: list[RunResult] = []
        self.planned = 0
        self._knobs_before: list = []

    @property
    def active(self) -> bool:
        return self.experiment is not None

    def _rows(self) -> int | None:
        return self.window.table.rows if self.window.table is not None else None

    def run(self, experiment: Experiment) -> None:
        w = self.window
        if w.controller.busy or self.active:
            return
        try:
            queue = experiment.configs(w.knobs.config(), self._rows())
        except Exception as error:  # noqa: BLE001 (whatever broke, the user sees it in the window)
            self.show_error(error)
            return
        self.experiment, self.queue, self.results, self.planned = experiment, queue, [], len(queue)
        self._knobs_before = knob_state.take(w.knobs)
        w.experimentsPanel.begin()
        w.experimentsPanel.set_running(True)
        w.insightTabs.setCurrentWidget(w.experimentsPanel)
        self.next_run()

    def next_run(self) -> None:
        if not self.active:
            return
        if not self.queue:
            self.finish()
            return
        w = self.window
        self.current = self.queue.pop(0)
        try:
            w.knobs.set_config(self.current.config)  # show what is running: the knobs are the lesson
            w.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Experiment {title}: {label}").format(
                title=self.experiment.title, label=self.current.setting))
            started = w.start_config(self.current.config)
        except Exception as error:  # noqa: BLE001
            self.show_error(error)
            started = False
        if not started:
            self.finish()

    def run_finished(self, record: dict) -> None:
        try:
            run_record = RunRecord.from_dict(record)
            self.results.append(RunResult(self.current, run_record, self.window.runs.peak_workers_uss or None))
            self.window.experimentsPanel.add_result(self.current.setting, run_record)
        except Exception as error:  # noqa: BLE001
            self.show_error(error)
            self.finish()
            return
        if record.get("status") == "finished":
            QTimer.singleShot(0, self.next_run)
        else:
            self.finish()

    def finish(self) -> None:
        if self.active:
            try:
                outcome = self.experiment.conclude(self.results, self._rows(), self.planned)
                self.window.experimentsPanel.finish(outcome)
            except Exception as error:  # noqa: BLE001
                self.show_error(error)
        self.abort()

    def drop_remaining(self) -> None:
        self.queue = []

    def abort(self) -> None:
        self.experiment, self.queue, self.current = None, [], None
        self.window.experimentsPanel.set_running(False)
        if self._knobs_before:  # the user's knobs, exactly as they were before the experiment
            knob_state.put_back(self._knobs_before)
            self._knobs_before = []

    def show_error(self, error: Exception) -> None:
        text = QCoreApplication.translate("MainWindow", "Something went wrong: {error}")
        self.window.banner.show_message(text.format(error=f"{type(error).__name__}: {error}"), "error")
