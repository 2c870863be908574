"""The sweep dialog's results table: one row per num_workers setting, the fastest one in bold.

Its texts stay in the sweep dialog's translation context ("SweepDialog"), where the catalogue has them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ..core.durations import seconds_figure
from ..runner.sweep import SweepRow, fastest

TABLE_COLUMNS = ("num_workers", "seconds", "min_s", "max_s", "startup_s", "steady_s", "runs", "failed")


class SweepTable(QTableWidget):
    """Read-only, whole rows selected, columns stretched to the width; ``fill`` shows a sweep's rows."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(0, len(TABLE_COLUMNS), parent)
        self.setHorizontalHeaderLabels([
            QCoreApplication.translate("SweepDialog", "Workers"),
            QCoreApplication.translate("SweepDialog", "Median s"),
            QCoreApplication.translate("SweepDialog", "Min s"),
            QCoreApplication.translate("SweepDialog", "Max s"),
            QCoreApplication.translate("SweepDialog", "Start-up s"),
            QCoreApplication.translate("SweepDialog", "Steady s"),
            QCoreApplication.translate("SweepDialog", "Runs"),
            QCoreApplication.translate("SweepDialog", "Failed")])
        self.verticalHeader().hide()
        self.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def fill(self, rows: list[SweepRow]) -> None:
        best = fastest(rows)
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            values = row.to_dict()
            for column, key in enumerate(TABLE_COLUMNS):
                value = values[key]
                if value is None:
                    text = "–"
                elif isinstance(value, float):
                    text = seconds_figure(value)
                else:
                    text = str(value)
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if best is not None and row.num_workers == best.num_workers:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setToolTip(QCoreApplication.translate("SweepDialog", "The fastest setting"))
                self.setItem(index, column, item)
