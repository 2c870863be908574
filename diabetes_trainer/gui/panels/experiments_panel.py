"""The named experiments: pick one, read what it shows, run it, compare its runs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.lessons import Outcome
from ...core.record import RunRecord
from ..experiments import Experiment, conclusion_text, experiments, result_row
from ..widgets import named

NARROW_WIDTH = 640  # below this the lessons list goes above the results instead of beside them


class ExperimentsPanel(QWidget):
    runRequested = Signal(object)  # the Experiment to run

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.experiments: list[Experiment] = experiments()
        self.rows: list[dict] = []
        self.outcome: Outcome | None = None
        layout = QHBoxLayout(self)
        self.list = named(QListWidget(), "experimentsList", self.tr("Experiments"),
                          self.tr("Experiments that replay the tutorial notes' findings. Double-click one to run it."))
        for experiment in self.experiments:
            self.list.addItem(experiment.title)
        layout.addWidget(self.list)
        self._layout = layout
        # The explanation, results and conclusion scroll together: on a projector's small screen the tab may be
        # short, and the loss plot above must not be squeezed to make room for them.
        details = QWidget()
        right = QVBoxLayout(details)
        right.setContentsMargins(0, 0, 0, 0)
        self.explanationLabel = named(QLabel(), "experimentExplanation", self.tr("What the experiment shows"))
        self.explanationLabel.setWordWrap(True)
        self.runButton = named(QPushButton(self.tr("Run experiment")), "runExperimentButton",
                               self.tr("Run the selected experiment"),
                               self.tr("Runs each setting of the experiment one after the other, then compares."))
        self.table = named(QTableWidget(0, 5), "experimentTable", self.tr("Experiment results"))
        self.table.setHorizontalHeaderLabels([self.tr("Run"), self.tr("Time"), self.tr("Worker start-up"),
                                              self.tr("Waiting for data"), self.tr("Final loss")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.conclusionLabel = named(QLabel(), "experimentConclusion", self.tr("Experiment conclusion"))
        self.conclusionLabel.setWordWrap(True)
        right.addWidget(self.explanationLabel)
        right.addWidget(self.runButton)
        right.addWidget(self.table, 1)
        right.addWidget(self.conclusionLabel)
        self.detailsScroll = QScrollArea()
        self.detailsScroll.setObjectName("experimentDetailsScroll")
        self.detailsScroll.setWidgetResizable(True)
        self.detailsScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.detailsScroll.setWidget(details)
        self.table.setMinimumHeight(self.fontMetrics().height() * 5)
        layout.addWidget(self.detailsScroll, 1)
        self.list.currentRowChanged.connect(self._show_explanation)
        self.runButton.clicked.connect(self._run)
        self.list.itemActivated.connect(lambda _item: self._run())  # a double-click (or Enter) replays it at once
        self.list.setCurrentRow(0)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_layout(event.size().width())

    def _fit_layout(self, width: int) -> None:
        """Side by side when there is room; on a small screen (1024x768: ~280 px wide) the lessons list goes on
        top, a few rows high, so the explanation, results and conclusion get the whole width."""
        narrow = width < NARROW_WIDTH
        self._layout.setDirection(QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight)
        rows = self.list.sizeHintForRow(0) if self.list.count() else self.fontMetrics().height()
        self.list.setMaximumWidth(16777215 if narrow else 280)
        self.list.setMaximumHeight(rows * 4 + 2 * self.list.frameWidth() if narrow else 16777215)
        self.list.setMinimumHeight(rows * 2 + 2 * self.list.frameWidth())

    def current(self) -> Experiment:
        return self.experiments[max(0, self.list.currentRow())]

    def select(self, experiment_id: str) -> None:
        for row, experiment in enumerate(self.experiments):
            if experiment.id == experiment_id:
                self.list.setCurrentRow(row)

    def set_running(self, running: bool) -> None:
        self.runButton.setEnabled(not running)
        self.list.setEnabled(not running)

    def begin(self) -> None:
        self.rows = []
        self.outcome = None
        self.table.setRowCount(0)
        self.conclusionLabel.setText(self.tr("Running…"))

    def add_result(self, label: str, record: RunRecord) -> None:
        row = result_row(label, record)
        self.rows.append(row)
        index = self.table.rowCount()
        self.table.insertRow(index)
        loss = row["final_loss"]
        cells = (row["label"] if row["status"] == "finished" else f"{row['label']} ({row['status']})",
                 f"{row['seconds']:.2f} s", f"{row['startup_s']:.2f} s", f"{row['wait_share']:.0%}",
                 "–" if loss is None else f"{loss:.4f}")
        for column, text in enumerate(cells):
            self.table.setItem(index, column, QTableWidgetItem(text))

    def finish(self, outcome: Outcome) -> None:
        """The lesson's own conclusion, drawn from the runs above (the same as the command line's)."""
        self.outcome = outcome
        self.conclusionLabel.setText(conclusion_text(outcome))

    def _show_explanation(self, row: int) -> None:
        if 0 <= row < len(self.experiments):
            self.explanationLabel.setText(self.experiments[row].explanation)

    def _run(self) -> None:
        self.runRequested.emit(self.current())
