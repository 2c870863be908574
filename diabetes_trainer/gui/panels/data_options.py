"""How the table is read, and what the model will get: label column, ignored columns, missing values, scaling,
the reader's notes, and a preview (the first rows; each column's role, min, max, mean and missing count).

The column roles and the preview fold away ("Columns and preview"): open, they take ~400 px, and on a 768-pixel
screen they would push the training knobs below the fold. They open by themselves when the table needs a look:
the reader has a note (an ignored index column, dropped rows, a scale warning), the labels were mapped (Yes/No),
or the table could not be read (the label column or the value counted as 1 may be the fix)."""

from __future__ import annotations

import os
from urllib.parse import unquote, urlparse

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.table_columns import IGNORE_NOTHING
from ..data_loading import TableInfo
from ..widgets import named

PREVIEW_FIRST_ROWS = 5


def clean_path_text(text: str) -> str:
    """What a person pastes as a path: ``~/x.csv``, ``"C:\\x.csv"`` (Windows "Copy as path"), ``file:///x.csv``."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    if text.lower().startswith("file://"):
        url = urlparse(text)
        text = unquote(url.path)
        if os.name == "nt" and len(text) > 2 and text[0] == "/" and text[2] == ":":
            text = text[1:]  # file:///C:/x.csv
    return os.path.expanduser(text) if text.startswith("~") else text


class DataOptionsPanel(QWidget):
    optionsChanged = Signal()  # the table must be read again with the new options

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._refs: list[str] = []  # how each column is named in target/ignore: its name, or its 1-based number
        self._ignore_touched = False
        self._explicit_ignore: tuple[str, ...] = ()  # as set from a config, until a table shows its columns
        self._chosen_open = False  # the reader's own choice; a table that needs a look opens it without changing it
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.dropMissingCheck = named(QCheckBox(self.tr("Drop rows with missing values")), "dropMissingCheck",
                                      self.tr("Drop rows with missing values"), self.tr(
                                          "Leave out rows with an empty, NA, N/A, NaN, ? or null cell instead of "
                                          "refusing the table."))
        self.standardizeCheck = named(QCheckBox(self.tr("Standardize features")), "standardizeCheck",
                                      self.tr("Standardize features"), self.tr(
                                          "Scale every feature to mean 0 and standard deviation 1, fitted on the "
                                          "training rows. Raw values such as a glucose of 148 saturate the sigmoid "
                                          "units; the tutorial's table is already scaled, so it is off by default."))
        self.dropMissingCheck.toggled.connect(self.optionsChanged)
        self.standardizeCheck.toggled.connect(self.optionsChanged)
        layout.addWidget(self.dropMissingCheck)
        layout.addWidget(self.standardizeCheck)
        self.dataNotesLabel = named(QLabel(), "dataNotesLabel", self.tr("What the reader noticed"))
        self.dataNotesLabel.setWordWrap(True)
        self.dataNotesLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.dataNotesLabel)
        self.columnsToggle = named(QToolButton(), "columnsToggle", self.tr("Columns and preview"), self.tr(
            "Show or hide the label column, the columns to ignore and a preview of the table."))
        self.columnsToggle.setText(self.tr("Columns and preview"))
        self.columnsToggle.setCheckable(True)
        self.columnsToggle.setAutoRaise(True)
        self.columnsToggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.columnsToggle.toggled.connect(self._show_columns)
        self.columnsToggle.clicked.connect(self._columns_chosen)  # a click, not an automatic opening
        layout.addWidget(self.columnsToggle)
        self.columnsSection = named(QWidget(), "columnsSection", self.tr("Columns and preview"))
        section = QVBoxLayout(self.columnsSection)
        section.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.columnsSection)
        form = QFormLayout()
        self.targetCombo = named(QComboBox(), "targetCombo", self.tr("Label column"), self.tr(
            "The column the model learns to predict. Automatic: the column named outcome, label, target, class or "
            "y, else the last one."))
        self.targetCombo.addItem(self.tr("automatic"), None)
        self.targetCombo.currentIndexChanged.connect(self._target_changed)
        form.addRow(self.tr("Label column:"), self.targetCombo)
        self.positiveCombo = named(QComboBox(), "positiveCombo", self.tr("Label value that counts as 1"), self.tr(
            "For text labels such as Yes/No: the value the model learns as 1. Automatic: no, false, negative, down "
            "and the like are 0, else the values in alphabetical order."))
        self.positiveCombo.addItem(self.tr("automatic"), None)
        self.positiveCombo.currentIndexChanged.connect(self._target_changed)
        form.addRow(self.tr("Counts as 1:"), self.positiveCombo)
        section.addLayout(form)
        self.ignoreList = named(QListWidget(), "ignoreList", self.tr("Columns to ignore"), self.tr(
            "Ticked columns are left out of the features, such as an id or a row number."))
        self.ignoreList.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.ignoreList.setMaximumHeight(96)
        self.ignoreList.itemChanged.connect(self._ignore_changed)
        section.addWidget(QLabel(self.tr("Ignore these columns:")))
        section.addWidget(self.ignoreList)
        self.dataPreviewTable = named(QTableWidget(), "dataPreviewTable", self.tr("Data preview"), self.tr(
            "Each column's role, min, max, mean and missing count, then the first rows as written in the file."))
        self.dataPreviewTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.dataPreviewTable.setMinimumHeight(160)
        section.addWidget(self.dataPreviewTable)
        self._show_columns(False)

    # -- the folding section ------------------------------------------------------------------------------------
    def columns_open(self) -> bool:
        """Whether the reader chose to see the columns and the preview (what the settings remember)."""
        return self._chosen_open

    def set_columns_open(self, on: bool) -> None:
        """The reader's choice, as remembered from the last start; a table that needs a look still opens it."""
        self._chosen_open = bool(on)
        self.columnsToggle.setChecked(self._chosen_open)

    def _columns_chosen(self, on: bool) -> None:
        self._chosen_open = on

    def _show_columns(self, on: bool) -> None:
        self.columnsSection.setVisible(on)
        self.columnsToggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    def _open_columns_if(self, needs_a_look: bool) -> None:
        self.columnsToggle.setChecked(self._chosen_open or needs_a_look)

    # -- values --------------------------------------------------------------------------------------------------
    def values(self) -> dict:
        """The TrainConfig fields this panel sets."""
        return {"target": self.targetCombo.currentData(), "positive": self.positiveCombo.currentData(),
                "ignore": self._ignore_values(),
                "drop_missing": self.dropMissingCheck.isChecked(), "standardize": self.standardizeCheck.isChecked()}

    def set_values(self, target: str | None, positive: str | None, ignore: tuple[str, ...], drop_missing: bool,
                   standardize: bool) -> None:
        self.blockSignals(True)
        for combo, value in ((self.targetCombo, target), (self.positiveCombo, positive)):
            index = combo.findData(value)
            if value is not None and index < 0:  # not in this table (or no table yet): kept as it was given
                combo.addItem(value, value)
                index = combo.count() - 1
            combo.setCurrentIndex(max(0, index))
        self._ignore_touched = bool(ignore)
        self._explicit_ignore = tuple(ignore)
        self.dropMissingCheck.setChecked(drop_missing)
        self.standardizeCheck.setChecked(standardize)
        self.blockSignals(False)

    def _ignore_values(self) -> tuple[str, ...]:
        if not self._ignore_touched:
            return ()  # the reader's own guess (a row-number column)
        if self.ignoreList.count() == 0:
            return self._explicit_ignore
        ticked = tuple(self.ignoreList.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.ignoreList.count())
                       if self.ignoreList.item(i).checkState() == Qt.CheckState.Checked)
        return ticked or (IGNORE_NOTHING,)

    def _target_changed(self) -> None:
        if not self.signalsBlocked():
            self.optionsChanged.emit()

    def _ignore_changed(self) -> None:
        if self.ignoreList.signalsBlocked():
            return
        self._ignore_touched = True
        self.optionsChanged.emit()

    # -- showing a table -----------------------------------------------------------------------------------------
    def show_table(self, table: TableInfo | None) -> None:
        """Fill the combo, the list, the notes and the preview from the table as read (None: nothing read)."""
        self.blockSignals(True)
        self.ignoreList.blockSignals(True)
        try:
            self._fill_choices(table)
        finally:
            self.ignoreList.blockSignals(False)
            self.blockSignals(False)
        notes = list(table.notes) if table is not None else []
        self.dataNotesLabel.setText("\n".join(f"• {note}" for note in notes))
        self.dataNotesLabel.setVisible(bool(notes))
        self._fill_preview(table)
        self._open_columns_if(bool(notes) or bool(table is not None and table.label_mapping))

    def _fill_choices(self, table: TableInfo | None) -> None:
        wanted = self.targetCombo.currentData()
        while self.targetCombo.count() > 1:
            self.targetCombo.removeItem(1)
        self.ignoreList.clear()
        if table is None:
            return  # the positive value stays as chosen: it may be what makes the table readable
        names = [name for name, _ in table.columns]
        self._refs = [name if table.header is not None and table.header[i] and names.count(name) == 1
                      else str(i + 1) for i, name in enumerate(names)]
        for (name, role), ref in zip(table.columns, self._refs):
            self.targetCombo.addItem(name, ref)
            if role == "label":
                continue
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if role == "ignored" else Qt.CheckState.Unchecked)
            self.ignoreList.addItem(item)
        self.targetCombo.setCurrentIndex(max(0, self.targetCombo.findData(wanted)))
        wanted_positive = self.positiveCombo.currentData()
        while self.positiveCombo.count() > 1:
            self.positiveCombo.removeItem(1)
        for value in sorted(table.label_mapping or {}):  # text labels only: numbers are 0 and 1 already
            self.positiveCombo.addItem(value, value)
        self.positiveCombo.setEnabled(self.positiveCombo.count() > 1)
        self.positiveCombo.setCurrentIndex(max(0, self.positiveCombo.findData(wanted_positive)))

    def show_failure(self) -> None:
        """The table could not be read: keep the choices (they may be the fix), drop the old preview."""
        self.dataNotesLabel.setVisible(False)
        self._fill_preview(None)
        self._open_columns_if(True)

    def _fill_preview(self, table: TableInfo | None) -> None:
        view = self.dataPreviewTable
        view.clear()
        if table is None:
            view.setRowCount(0)
            view.setColumnCount(0)
            return
        stats_names = [self.tr("role"), self.tr("min"), self.tr("max"), self.tr("mean"), self.tr("missing")]
        first_rows = table.preview_rows[:PREVIEW_FIRST_ROWS]
        view.setColumnCount(len(table.columns))
        view.setRowCount(len(stats_names) + len(first_rows))
        view.setHorizontalHeaderLabels([name for name, _ in table.columns])
        view.setVerticalHeaderLabels(stats_names + [self.tr("row {n}").format(n=n) for n in
                                              range(1, len(first_rows) + 1)])
        roles = {"feature": self.tr("feature"), "label": self.tr("label"), "ignored": self.tr("ignored")}
        for column, (_, role) in enumerate(table.columns):
            stats = table.column_stats(column)
            cells = [roles.get(role, role)]
            if stats is not None and stats.get("min") is not None:
                cells += [f"{stats['min']:.4g}", f"{stats['max']:.4g}", f"{stats['mean']:.4g}", str(stats["missing"])]
            else:
                cells += ["–", "–", "–", "–"]
            for row, text in enumerate(cells):
                view.setItem(row, column, QTableWidgetItem(text))
            for row, line in enumerate(first_rows, start=len(stats_names)):
                view.setItem(row, column, QTableWidgetItem(line[column] if column < len(line) else ""))
        view.resizeColumnsToContents()
