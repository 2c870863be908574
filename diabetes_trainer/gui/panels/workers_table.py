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

from ...core.insight import format_bytes
from ..monitor import ROLE_TRAINING, ROLE_WORKER, ProcessSample
from ..widgets import named


def role_label(role: str) -> str:
    translate = QCoreApplication.translate  # not "tr": lupdate reads tr(a, b) as tr(text, comment)
    return {ROLE_TRAINING: translate("WorkersTable", "training process"),
            ROLE_WORKER: translate("WorkersTable", "DataLoader worker")}.get(role, translate("WorkersTable",
                                                                                           "other child"))


class WorkersPanel(QWidget):
    COLUMNS = ("role", "pid", "cpu", "rss", "uss", "core", "status")

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.summaryLabel = named(QLabel(self.tr("No training process yet.")), "workersSummaryLabel",
                                  self.tr("Workers summary"))
        self.summaryLabel.setWordWrap(True)
        headers = [self.tr("Role"), self.tr("PID"), self.tr("CPU %"), self.tr("Memory (RSS)"),
                   self.tr("Unique memory (USS)"), self.tr("Last core"), self.tr("State")]
        self.table = named(QTableWidget(0, len(headers)), "workersTable", self.tr("Training process and workers"),
                           self.tr("Our training process and each DataLoader worker, sampled twice a second. USS is "
                                   "the memory a process does not share: what it would free if it ended."))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.summaryLabel)
        layout.addWidget(self.table, 1)
        self.workers_uss = 0

    def show_samples(self, samples: list[ProcessSample]) -> None:
        self.table.setRowCount(len(samples))
        for row, sample in enumerate(samples):
            cells = (role_label(sample.role), str(sample.pid), f"{sample.cpu_percent:.0f}", format_bytes(sample.rss),
                     "–" if sample.uss is None else format_bytes(sample.uss),
                     "–" if sample.cpu_num is None else str(sample.cpu_num), sample.status)
            for column, text in enumerate(cells):
                item = self.table.item(row, column)
                if item is None:
                    item = QTableWidgetItem()
                    if column:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    self.table.setItem(row, column, item)
                item.setText(text)
        workers = [s for s in samples if s.role == ROLE_WORKER]
        self.workers_uss = sum(s.uss or 0 for s in workers)
        if not samples:
            self.summaryLabel.setText(self.tr("No training process running."))
        else:
            self.summaryLabel.setText(self.tr("{count} DataLoader workers · their unique memory: {uss}").format(
                count=len(workers), uss=format_bytes(self.workers_uss)))
