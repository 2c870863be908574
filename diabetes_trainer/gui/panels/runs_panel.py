"""The run history: list, rename and delete stored runs, and overlay chosen ones on the loss plot.

Reading: ``RunStore.list()`` costs a ``stat`` per run thanks to its index, so ``refresh()`` runs on the GUI thread.
Overlaying parses the chosen records' JSON on the GUI thread with a busy cursor: measured 0.2 s for a record of
10^5 iterations (8 MB), 0.65 s for 3 x 10^5 (24 MB). A thread would not help: ``json.loads`` holds the GIL for the
whole file, so the GUI thread would stall just the same.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.config import iterations_per_epoch
from ...core.runs import RunStore, RunStoreError, RunSummary
from ..run_names import SEPARATOR, display_name
from ..widgets import named
from .message_banner import STYLES

OverlayTuple = tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]  # what LossPlot.set_overlays takes
ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("name", "when", "status", "workers", "io_ms", "cpu_ms", "batch", "epochs", "seconds", "final_loss")

# (parent, question) -> True to go ahead; (parent, current name) -> the new name, or None when cancelled
Confirm = Callable[[QWidget, str], bool]
AskName = Callable[[QWidget, str], "str | None"]


# --- records to overlays (no Qt: testable on its own) ------------------------------------------------------------

def _float_column(record: dict, key: str, length: int) -> np.ndarray | None:
    values = record.get(key)
    if not isinstance(values, list) or len(values) != length:
        return None
    try:
        return np.asarray([np.nan if v is None else v for v in values], dtype=np.float64)
    except (TypeError, ValueError):
        return None


def record_iterations_per_epoch(record: dict, epochs: np.ndarray | None) -> int:
    """From the data's rows and the batch size when the record has them, else the longest recorded epoch."""
    config = record.get("config") if isinstance(record.get("config"), dict) else {}
    data = record.get("data") if isinstance(record.get("data"), dict) else {}
    rows, batch = data.get("rows"), config.get("batch_size")
    val_fraction = config.get("val_fraction") or 0.0
    if isinstance(rows, int) and isinstance(batch, int) and rows > 0 and batch > 0 \
            and isinstance(val_fraction, (int, float)):
        per_epoch = iterations_per_epoch(rows, batch, float(val_fraction))
        if per_epoch > 0:
            return per_epoch
    if epochs is not None and len(epochs):
        _values, counts = np.unique(epochs, return_counts=True)
        return int(counts.max())
    return 1


def fractional_epochs(epochs: np.ndarray, per_epoch: int) -> np.ndarray:
    """x of each iteration in epochs: (epoch - 1) + (position within its epoch) / iterations per epoch.

    For complete epochs this equals iteration / iterations per epoch, as the live plot draws it; a stopped run's
    partial last epoch still ends where it stopped, not at a whole epoch.
    """
    count = len(epochs)
    if count == 0:
        return np.empty(0)
    starts = np.concatenate(([0], np.flatnonzero(np.diff(epochs) != 0) + 1))
    start_of = starts[np.searchsorted(starts, np.arange(count), side="right") - 1]
    position = np.arange(count) - start_of + 1
    return (epochs - 1) + position / max(1, per_epoch)


def overlay_from_record(record: dict, label: str) -> OverlayTuple:
    """``(label, x_iteration, x_epoch, x_time, y)`` of a stored run, equal lengths (one per iteration).

    A record without per-iteration epochs gets iteration / iterations per epoch; without elapsed times, NaN times
    (the overlay then has no points in the wall-time view).
    """
    losses = _float_column(record, "losses", len(record.get("losses") or []))
    if losses is None:
        raise ValueError("its 'losses' list is missing or holds something other than numbers")
    count = len(losses)
    iterations = np.arange(1, count + 1, dtype=np.float64)
    epochs = _float_column(record, "iteration_epoch", count)
    per_epoch = record_iterations_per_epoch(record, epochs)
    x_epoch = fractional_epochs(epochs, per_epoch) if epochs is not None else iterations / per_epoch
    x_time = _float_column(record, "elapsed_s", count)
    if x_time is None:
        x_time = np.full(count, np.nan)
    return label, iterations, x_epoch, x_time, losses


# --- the panel ---------------------------------------------------------------------------------------------------

class _RunItem(QTreeWidgetItem):
    """Sorts numbers as numbers and times as times (a plain item would sort "10" before "9")."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, SORT_ROLE), other.data(column, SORT_ROLE)
        if mine is None or theirs is None or type(mine) is not type(theirs):
            return super().__lt__(other)
        return mine < theirs


def _ask_confirmation(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, QCoreApplication.translate("RunsPanel", "Delete runs"), question,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _ask_new_name(parent: QWidget, current: str) -> str | None:
    name, ok = QInputDialog.getText(parent, QCoreApplication.translate("RunsPanel", "Rename run"),
                                    QCoreApplication.translate("RunsPanel", "Name:"), QLineEdit.EchoMode.Normal,
                                    current)
    return name if ok else None


def _local_time(created: str) -> tuple[str, float]:
    """'2024-05-01 14:03' in the user's time zone, and seconds since the epoch to sort by (0 when unreadable)."""
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        return created, 0.0
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)  # the record format says UTC
    return moment.astimezone().strftime("%Y-%m-%d %H:%M"), moment.timestamp()


class RunsPanel(QWidget):
    """Stored runs, newest first; several can be chosen and overlaid on the loss plot."""

    overlayRequested = Signal(object)  # list[OverlayTuple], for LossPlot.set_overlays
    overlayCleared = Signal()
    xModeChanged = Signal(str)  # "iteration", "epoch" or "time" (LossPlot.set_x_mode)
    runsChanged = Signal()  # a run was renamed or deleted here

    def __init__(self, parent: QWidget | None = None, root: Path | None = None, *,
                 confirm: Confirm = _ask_confirmation, ask_name: AskName = _ask_new_name, list_now: bool = True):
        """``list_now=False``: the list stays empty until ``refresh()`` (the window lists after its first paint)."""
        super().__init__(parent)
        self.setObjectName("runsPanel")
        self.setAccessibleName(self.tr("Run history"))
        self.store = RunStore(root)
        self.confirm = confirm
        self.ask_name = ask_name
        self._summaries: dict[str, RunSummary] = {}
        self._warnings: list[str] = []
        self._build()
        if list_now:
            self.refresh()

    # -- layout ------------------------------------------------------------------------------------------------
    def _build(self) -> None:
        headers = [self.tr("Name"), self.tr("When"), self.tr("Status"), self.tr("Workers"), self.tr("I/O delay (ms)"),
                   self.tr("CPU work (ms)"), self.tr("Batch"), self.tr("Epochs"), self.tr("Time (s)"),
                   self.tr("Final loss")]
        self.runsList = named(QTreeWidget(), "runsList", self.tr("Stored runs"), self.tr(
            "Your earlier runs, named by the knobs that set them apart until you rename them. Select several (Ctrl "
            "or Shift) and press Overlay to compare their loss curves; double-click a run to overlay the selection."))
        self.runsList.setColumnCount(len(headers))
        self.runsList.setHeaderLabels(headers)
        self.runsList.setRootIsDecorated(False)
        self.runsList.setUniformRowHeights(True)
        self.runsList.setAlternatingRowColors(True)
        self.runsList.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.runsList.setSortingEnabled(True)
        self.runsList.sortByColumn(COLUMNS.index("when"), Qt.SortOrder.DescendingOrder)
        header = self.runsList.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)

        self.runsRefreshButton = named(QPushButton(self.tr("Refresh")), "runsRefreshButton",
                                       self.tr("Refresh the run list"), self.tr("Read the run folder again."))
        self.runsRenameButton = named(QPushButton(self.tr("Rename…")), "runsRenameButton",
                                      self.tr("Rename the selected run"))
        self.runsDeleteButton = named(QPushButton(self.tr("Delete…")), "runsDeleteButton",
                                      self.tr("Delete the selected runs"),
                                      self.tr("Remove the selected runs' files from disk (asks first)."))
        self.runsOverlayButton = named(QPushButton(self.tr("Overlay")), "runsOverlayButton",
                                       self.tr("Overlay the selected runs"),
                                       self.tr("Draw the selected runs' loss curves behind the live run."))
        self.clearOverlayButton = named(QPushButton(self.tr("Clear overlay")), "clearOverlayButton",
                                        self.tr("Clear the overlaid runs"),
                                        self.tr("Remove the overlaid runs from the loss plot."))
        self.runsXAxisCombo = named(QComboBox(), "runsXAxisCombo", self.tr("Overlay x axis"), self.tr(
            "Compare runs by iteration, by epoch (runs with different batch sizes line up), or by wall time "
            "(which setting is faster)."))
        # The data are LossPlot's x modes.
        for label, mode in ((self.tr("Iteration"), "iteration"), (self.tr("Epoch"), "epoch"),
                            (self.tr("Time (s)"), "time")):
            self.runsXAxisCombo.addItem(label, mode)
        self.runsMessageLabel = QLabel()
        self.runsMessageLabel.setObjectName("runsMessageLabel")
        self.runsMessageLabel.setWordWrap(True)
        self.runsMessageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.runsMessageLabel.hide()

        buttons = QHBoxLayout()
        for button in (self.runsRefreshButton, self.runsRenameButton, self.runsDeleteButton):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(QLabel(self.tr("x axis:")))
        buttons.addWidget(self.runsXAxisCombo)
        buttons.addWidget(self.runsOverlayButton)
        buttons.addWidget(self.clearOverlayButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.runsMessageLabel)
        layout.addWidget(self.runsList, 1)
        layout.addLayout(buttons)

        self.runsRefreshButton.clicked.connect(self.refresh)
        self.runsRenameButton.clicked.connect(self.rename_selected)
        self.runsDeleteButton.clicked.connect(self.delete_selected)
        self.runsOverlayButton.clicked.connect(self.overlay_selected)
        self.clearOverlayButton.clicked.connect(self.overlayCleared.emit)
        self.runsList.itemDoubleClicked.connect(lambda _item, _column: self.overlay_selected())
        self.runsList.itemSelectionChanged.connect(self._update_buttons)
        self.runsXAxisCombo.currentIndexChanged.connect(
            lambda: self.xModeChanged.emit(self.runsXAxisCombo.currentData()))

    # -- listing -----------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the run folder again; damaged records are skipped with a warning line, the selection is kept."""
        selected = set(self.selected_ids())
        summaries, self._warnings = self.store.list()
        self._summaries = {summary.id: summary for summary in summaries}
        self.runsList.setSortingEnabled(False)  # sorting while filling would reorder under our feet
        self.runsList.clear()
        for summary in summaries:
            item = self._item(summary)
            self.runsList.addTopLevelItem(item)
            item.setSelected(summary.id in selected)
        self.runsList.setSortingEnabled(True)
        self._show_warnings()
        self._update_buttons()

    def _item(self, summary: RunSummary) -> QTreeWidgetItem:
        when, timestamp = _local_time(summary.created)
        seconds = "–" if summary.seconds is None else f"{summary.seconds:.2f}"
        loss = "–" if summary.final_loss is None else f"{summary.final_loss:.4f}"
        name = self.display_name(summary.id)
        texts = [name, when, self._status_text(summary.status), str(summary.num_workers),
                 f"{summary.sample_delay_ms:g}", f"{summary.sample_cpu_ms:g}",
                 str(summary.batch_size), str(summary.epochs), seconds, loss]
        sort_keys = [name.casefold(), timestamp, summary.status, summary.num_workers, summary.sample_delay_ms,
                     summary.sample_cpu_ms, summary.batch_size, summary.epochs,
                     -1.0 if summary.seconds is None else summary.seconds,
                     float("inf") if summary.final_loss is None else summary.final_loss]
        item = _RunItem(texts)
        item.setData(0, ID_ROLE, summary.id)
        if not summary.name:  # named from its knobs: shown in italics until the user names it
            font = item.font(0)
            font.setItalic(True)
            item.setFont(0, font)
        item.setToolTip(0, self.tr("Run {id}{data}").format(
            id=summary.id, data=self.tr(" on {name}").format(name=summary.data_name) if summary.data_name else ""))
        for column, key in enumerate(sort_keys):
            item.setData(column, SORT_ROLE, key)
        for column in range(COLUMNS.index("workers"), len(COLUMNS)):
            item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def _status_text(self, status: str) -> str:
        return {"finished": self.tr("finished"), "stopped": self.tr("stopped"),
                "failed": self.tr("failed")}.get(status, status)

    # -- what is shown and chosen ------------------------------------------------------------------------------
    def run_ids(self) -> list[str]:
        """The listed runs' ids, top to bottom."""
        return [self.runsList.topLevelItem(i).data(0, ID_ROLE) for i in range(self.runsList.topLevelItemCount())]

    def selected_ids(self) -> list[str]:
        """The selected runs, in list order."""
        items = self.runsList.selectedItems()
        order = {id(item): self.runsList.indexOfTopLevelItem(item) for item in items}
        return [item.data(0, ID_ROLE) for item in sorted(items, key=lambda item: order[id(item)])]

    def select_ids(self, run_ids: list[str]) -> None:
        wanted = set(run_ids)
        for index in range(self.runsList.topLevelItemCount()):
            item = self.runsList.topLevelItem(index)
            item.setSelected(item.data(0, ID_ROLE) in wanted)

    def summary(self, run_id: str) -> RunSummary:
        return self._summaries[run_id]

    def warnings(self) -> list[str]:
        return list(self._warnings)

    def message(self) -> str:
        return self.runsMessageLabel.text() if self.runsMessageLabel.isVisibleTo(self) else ""

    def x_mode(self) -> str:
        return self.runsXAxisCombo.currentData()

    # -- actions -----------------------------------------------------------------------------------------------
    def overlay_selected(self) -> list[OverlayTuple]:
        """Emit overlayRequested with the selected runs' curves (and return them); unreadable runs are reported."""
        run_ids = self.selected_ids()
        if not run_ids:
            return []
        overlays, problems = [], []
        labels = {run_id: self.overlay_label(run_id) for run_id in run_ids}
        repeated = {label for label in labels.values() if list(labels.values()).count(label) > 1}
        for run_id, label in labels.items():  # runs with the same knobs: told apart by when they ran
            if label in repeated:
                labels[run_id] = f"{label}{SEPARATOR}{_local_time(self._summaries[run_id].created)[0]}"
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for run_id in run_ids:
                try:
                    overlays.append(overlay_from_record(self.store.load(run_id), labels[run_id]))
                except RunStoreError as error:
                    problems.append(str(error))
                except ValueError as error:
                    problems.append(self.tr("Run {id} cannot be drawn: {why}.").format(id=run_id, why=error))
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_warnings(problems)
        if overlays:
            self.overlayRequested.emit(overlays)
        return overlays

    def display_name(self, run_id: str) -> str:
        """The run's name: the user's, else "4 workers · I/O 2 ms" from the knobs that set it apart."""
        summary = self._summaries[run_id]
        return display_name(summary.name, summary.knobs)

    def overlay_label(self, run_id: str) -> str:
        """The legend entry of an overlaid run: its name, and what distinguishes it when the user named it."""
        summary = self._summaries[run_id]
        automatic = display_name("", summary.knobs)
        if summary.name and summary.name != automatic:
            return self.tr("{name} ({knobs})").format(name=summary.name, knobs=automatic)
        return automatic

    def rename_selected(self) -> bool:
        run_ids = self.selected_ids()
        if len(run_ids) != 1:
            return False
        run_id = run_ids[0]
        name = self.ask_name(self, self.display_name(run_id))
        if name is None:
            return False
        try:
            self.store.rename(run_id, name)
        except RunStoreError as error:
            self._show_warnings([str(error)])
            return False
        self.refresh()
        self.runsChanged.emit()
        return True

    def delete_selected(self) -> bool:
        run_ids = self.selected_ids()
        if not run_ids:
            return False
        if len(run_ids) == 1:
            summary = self._summaries[run_ids[0]]
            question = self.tr("Delete the run “{name}”? Its file is removed from disk.").format(
                name=display_name(summary.name, summary.knobs))
        else:
            question = self.tr("Delete these %n runs? Their files are removed from disk.", "", len(run_ids))
        if not self.confirm(self, question):
            return False
        problems = []
        for run_id in run_ids:
            try:
                self.store.delete(run_id)
            except RunStoreError as error:
                problems.append(str(error))
        self.refresh()
        self._show_warnings(problems)
        self.runsChanged.emit()
        return not problems

    # -- state -------------------------------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        count = len(self.selected_ids())
        self.runsRenameButton.setEnabled(count == 1)
        self.runsDeleteButton.setEnabled(count >= 1)
        self.runsOverlayButton.setEnabled(count >= 1)

    def _show_warnings(self, extra: list[str] | None = None) -> None:
        lines = list(self._warnings) + list(extra or [])
        if not self._summaries and not lines:
            lines = [self.tr("No stored runs yet (they are kept in {folder}).").format(folder=self.store.root)]
            style = STYLES["info"]
        else:
            style = STYLES["warning"]
        self.runsMessageLabel.setText("\n".join(lines))
        self.runsMessageLabel.setStyleSheet(f"QLabel {{{style} padding: 4px;}}")
        self.runsMessageLabel.setVisible(bool(lines))
