"""A live row for the training process and each DataLoader worker: pid, CPU, memory, the core it last ran on."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.advice import format_bytes
from ..monitor import ROLE_TRAINING, ROLE_WORKER, ProcessSample
from ..widgets import named


def role_label(role: str) -> str:
    translate = QCoreApplication.translate  # not "tr": lupdate reads tr(a, b) as tr(text, comment)
    return {ROLE_TRAINING: translate("WorkersTable", "training process"),
            ROLE_WORKER: translate("WorkersTable", "DataLoader worker")}.get(role, translate("WorkersTable",
                                                                                           "other child"))


class WorkersPanel(QWidget):
    """Live rows during a run; when it ends, its last snapshot stays (state "ended") with each process's peak."""

    COLUMNS = ("role", "pid", "cpu", "rss", "uss", "peak", "core", "status")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summaryLabel = named(QLabel(self.tr("No training process yet.")), "workersSummaryLabel",
                                  self.tr("Workers summary"))
        self.summaryLabel.setWordWrap(True)
        headers = [self.tr("Role"), self.tr("PID"), self.tr("CPU %"), self.tr("Memory (RSS)"),
                   self.tr("Unique memory (USS)"), self.tr("Peak memory"), self.tr("Last core"), self.tr("State")]
        self.table = named(QTableWidget(0, len(headers)), "workersTable", self.tr("Training process and workers"),
                           self.tr("Our training process and each DataLoader worker, sampled twice a second. USS is "
                                   "the memory a process does not share: what it would free if it ended. Peak: "
                                   "the most unique memory (RSS where USS is unknown) seen during the run. "
                                   "After a run its last snapshot stays."))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.summaryLabel)
        layout.addWidget(self.table, 1)
        self.workers_uss = 0
        self._last: list[ProcessSample] = []  # the newest non-empty sampling: what stays after the run
        self._peaks: dict[int, int] = {}  # pid -> most memory seen in this run
        self.ended = False

    def peak_memory(self, pid: int) -> int | None:
        return self._peaks.get(pid)

    def show_samples(self, samples: list[ProcessSample]) -> None:
        if not samples:
            self._show_ended()
            return
        root = samples[0].pid
        if self.ended or not self._last or self._last[0].pid != root:  # another run: its own peaks
            self._peaks = {}
        self.ended = False
        self._last = list(samples)
        for sample in samples:
            memory = sample.uss if sample.uss is not None else sample.rss
            self._peaks[sample.pid] = max(self._peaks.get(sample.pid, 0), memory)
        self._fill(samples, ended=False)
        workers = [s for s in samples if s.role == ROLE_WORKER]
        self.workers_uss = sum(s.uss or 0 for s in workers)
        self.summaryLabel.setText(self._count_text(len(workers)).format(uss=format_bytes(self.workers_uss)))

    # -- the view protocol (session.views.RunView); the rows themselves come from the process monitor's samples ----
    view_id = "workers"

    def reset(self, run) -> None:
        pass  # the first sample of the new run's processes starts its own peaks (show_samples)

    def append(self, columns) -> None:
        pass

    def epoch_ended(self, summary) -> None:
        pass

    def finished(self, record: dict) -> None:
        pass  # the monitor's first empty sample marks the last snapshot "ended"

    def save_state(self) -> dict:
        return {}

    def restore_state(self, state: dict) -> None:
        pass

    def _count_text(self, workers: int) -> str:
        if workers == 1:
            return self.tr("1 DataLoader worker · its unique memory: {uss}")
        return self.tr("%n DataLoader workers · their unique memory: {uss}", "", workers)

    def _show_ended(self) -> None:
        if not self._last:
            self.table.setRowCount(0)
            self.summaryLabel.setText(self.tr("No training process running."))
            return
        if self.ended:
            return
        self.ended = True
        self._fill(self._last, ended=True)
        workers = sum(1 for s in self._last if s.role == ROLE_WORKER)
        peak = sum(self._peaks.get(s.pid, 0) for s in self._last if s.role == ROLE_WORKER)
        if workers == 1:
            text = self.tr("The run has ended. Its last snapshot: 1 DataLoader worker, peak unique memory {peak}.")
        else:
            text = self.tr("The run has ended. Its last snapshot: %n DataLoader workers, together at most {peak} "
                           "of unique memory.", "", workers)
        self.summaryLabel.setText(text.format(peak=format_bytes(peak)))

    def _fill(self, samples: list[ProcessSample], ended: bool) -> None:
        self.table.setRowCount(len(samples))
        for row, sample in enumerate(samples):
            peak = self._peaks.get(sample.pid)
            cells = (role_label(sample.role), str(sample.pid), f"{sample.cpu_percent:.0f}", format_bytes(sample.rss),
                     "–" if sample.uss is None else format_bytes(sample.uss),
                     "–" if peak is None else format_bytes(peak),
                     "–" if sample.cpu_num is None else str(sample.cpu_num),
                     self.tr("ended") if ended else sample.status)
            for column, text in enumerate(cells):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    if column:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, column, item)
                item.setText(text)
