"""The "Export plot" dialog: which plot, which format, how large, which title, which file; or the clipboard.

Export errors (a folder that does not exist, no permission, a full disk) are shown inside the dialog, which stays
open so the user can pick another file; the work itself is ``gui.exporting``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from .exporting import ExportError, copy_plot_to_clipboard, export_plot
from .panels.message_banner import STYLES
from .tooltips import wrap_long_tooltips
from .widgets import ChooseFile, choose_save_file, named

FORMATS = (("PNG", ".png"), ("SVG", ".svg"), ("PDF", ".pdf"))
DEFAULT_WIDTH_PX, DEFAULT_HEIGHT_PX, DEFAULT_DPI = 1600, 1000, 150
MIN_SIDE_PX, MAX_SIDE_PX = 64, 8000  # the range gui.exporting accepts
MIN_DPI, MAX_DPI = 36, 1200

def _file_stem(label: str) -> str:
    """'CPU load' -> 'cpu-load': a file name made from the plot's label."""
    stem = re.sub(r"[^0-9a-zA-Z]+", "-", label).strip("-").lower()
    return stem or "plot"


def _refresh_pending(widget: QWidget) -> None:
    """A live plot draws new data on a timer; draw it now so the file has everything the screen will show."""
    redraw_now = getattr(widget, "redraw_now", None)
    if callable(redraw_now):
        redraw_now()


class ExportDialog(QDialog):
    """Export one of the window's plots to PNG, SVG or PDF, or copy it to the clipboard."""

    def __init__(
        self,
        plots: Sequence[tuple[str, QWidget]],
        title: str = "",
        parent: QWidget | None = None,
        *,
        current: int = 0,
        directory: str | Path | None = None,
        plot_titles: Mapping[str, str] | None = None,
        choose_file: ChooseFile = choose_save_file,
    ):
        """``plots``: (label, plot widget) pairs; ``title``: the prefilled title; ``plot_titles``: a title per label
        that replaces the prefilled one when the user picks that plot (unless they edited the title)."""
        super().__init__(parent)
        if not plots:
            raise ValueError("the export dialog needs at least one plot")
        self.setObjectName("exportDialog")
        self.setAccessibleName(self.tr("Export plot"))
        self.setWindowTitle(self.tr("Export plot"))
        self._plots = list(plots)
        self._plot_titles = dict(plot_titles or {})
        self._choose_file = choose_file
        self._directory = Path(directory) if directory else Path.home()
        self._title_edited = False
        self.exported_path: Path | None = None
        self._build(title)
        self.setMinimumWidth(560)  # room for a full path and a two-line error message
        self.exportPlotCombo.setCurrentIndex(max(0, min(current, len(self._plots) - 1)))
        self._on_plot_changed()
        wrap_long_tooltips(self)

    # -- layout ------------------------------------------------------------------------------------------------
    def _build(self, title: str) -> None:
        self.exportPlotCombo = named(QComboBox(), "exportPlotCombo", self.tr("Plot to export"))
        for label, _widget in self._plots:
            self.exportPlotCombo.addItem(label)
        self.exportFormatCombo = named(QComboBox(), "exportFormatCombo", self.tr("File format"), self.tr(
            "PNG: an image for slides and documents. SVG and PDF: vector drawings that stay sharp at any size."))
        for name, extension in FORMATS:
            self.exportFormatCombo.addItem(name, extension)
        self.exportWidthSpin = self._spin("exportWidthSpin", self.tr("Width in pixels"), MIN_SIDE_PX, MAX_SIDE_PX,
                                          DEFAULT_WIDTH_PX, self.tr(" px"))
        self.exportHeightSpin = self._spin("exportHeightSpin", self.tr("Height in pixels"), MIN_SIDE_PX,
                                           MAX_SIDE_PX, DEFAULT_HEIGHT_PX, self.tr(" px"))
        self.exportDpiSpin = self._spin("exportDpiSpin", self.tr("Dots per inch"), MIN_DPI, MAX_DPI, DEFAULT_DPI,
                                        self.tr(" dpi"))
        size_hint = self.tr("The figure's width x height in pixels at this many dots per inch; SVG and PDF keep "
                            "the same physical size. 150 dpi suits reports, 300 dpi print.")
        for spin in (self.exportWidthSpin, self.exportHeightSpin, self.exportDpiSpin):
            spin.setToolTip(size_hint)
            spin.setAccessibleDescription(size_hint)
        self.exportTitleEdit = named(QLineEdit(title), "exportTitleEdit", self.tr("Title above the plot"),
                                     self.tr("Printed above the plot; leave empty for none."))
        self.exportFileEdit = named(QLineEdit(), "exportFileEdit", self.tr("File to write"))
        self.exportBrowseButton = named(QPushButton(self.tr("Browse…")), "exportBrowseButton",
                                        self.tr("Choose the file"))
        self.exportCopyButton = named(QPushButton(self.tr("Copy to clipboard")), "exportCopyButton",
                                      self.tr("Copy the plot to the clipboard"),
                                      self.tr("Put the plot on the clipboard as an image, to paste into a document."))
        self.exportMessageLabel = QLabel()
        self.exportMessageLabel.setObjectName("exportMessageLabel")
        self.exportMessageLabel.setWordWrap(True)
        self.exportMessageLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.exportMessageLabel.hide()

        size_row = QHBoxLayout()
        size_row.addWidget(self.exportWidthSpin)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.exportHeightSpin)
        size_row.addWidget(self.exportDpiSpin)
        file_row = QHBoxLayout()
        file_row.addWidget(self.exportFileEdit, 1)
        file_row.addWidget(self.exportBrowseButton)
        form = QFormLayout()
        form.addRow(self.tr("Plot:"), self.exportPlotCombo)
        form.addRow(self.tr("Format:"), self.exportFormatCombo)
        form.addRow(self.tr("Size:"), size_row)
        form.addRow(self.tr("Title:"), self.exportTitleEdit)
        form.addRow(self.tr("File:"), file_row)

        self.buttonBox = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                          | QDialogButtonBox.StandardButton.Cancel)
        self.buttonBox.setObjectName("exportButtonBox")
        self.exportOkButton = named(self.buttonBox.button(QDialogButtonBox.StandardButton.Ok), "exportOkButton",
                                    self.tr("Export"))
        self.exportOkButton.setText(self.tr("Export"))
        self.exportCancelButton = named(self.buttonBox.button(QDialogButtonBox.StandardButton.Cancel),
                                        "exportCancelButton", self.tr("Cancel"))
        self.buttonBox.addButton(self.exportCopyButton, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.exportMessageLabel)
        layout.addWidget(self.buttonBox)

        self.exportPlotCombo.currentIndexChanged.connect(self._on_plot_changed)
        self.exportFormatCombo.currentIndexChanged.connect(self._on_format_changed)
        self.exportFileEdit.textEdited.connect(self._on_file_edited)
        self.exportTitleEdit.textEdited.connect(self._on_title_edited)
        self.exportBrowseButton.clicked.connect(self.browse)
        self.exportCopyButton.clicked.connect(self.copy_to_clipboard)
        self.buttonBox.accepted.connect(self.accept)
        self.buttonBox.rejected.connect(self.reject)

    def _spin(self, name: str, accessible: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
        spin = named(QSpinBox(), name, accessible)
        spin.setRange(low, high)
        spin.setValue(value)
        spin.setSuffix(suffix)
        spin.setAccelerated(True)
        return spin

    # -- what is chosen ----------------------------------------------------------------------------------------
    def plot_widget(self) -> QWidget:
        return self._plots[self.exportPlotCombo.currentIndex()][1]

    def extension(self) -> str:
        return self.exportFormatCombo.currentData()

    def file_path(self) -> Path:
        """The file as typed, with the chosen format's extension added when the name has none."""
        text = self.exportFileEdit.text().strip()
        path = Path(text).expanduser()
        if not path.suffix:
            path = path.with_name(path.name + self.extension())
        return path

    # -- reactions ---------------------------------------------------------------------------------------------
    def _on_plot_changed(self) -> None:
        label = self._plots[self.exportPlotCombo.currentIndex()][0]
        if not self._title_edited and label in self._plot_titles:
            self.exportTitleEdit.setText(self._plot_titles[label])
        current = self.exportFileEdit.text().strip()
        folder = Path(current).expanduser().parent if current else self._directory
        self.exportFileEdit.setText(str(folder / f"{_file_stem(label)}{self.extension()}"))
        self._clear_message()

    def _on_format_changed(self) -> None:
        text = self.exportFileEdit.text().strip()
        if text:
            path = Path(text)
            self.exportFileEdit.setText(str(path.with_suffix(self.extension()) if path.suffix
                                            else path.with_name(path.name + self.extension())))
        self._clear_message()

    def _on_file_edited(self, text: str) -> None:
        """Typing a name ending in .svg picks SVG: the extension and the format never disagree."""
        index = self.exportFormatCombo.findData(Path(text.strip()).suffix.lower())
        if index >= 0 and index != self.exportFormatCombo.currentIndex():
            self.exportFormatCombo.blockSignals(True)
            self.exportFormatCombo.setCurrentIndex(index)
            self.exportFormatCombo.blockSignals(False)
        self._clear_message()

    def _on_title_edited(self, _text: str) -> None:
        self._title_edited = True

    def browse(self) -> None:
        filters = ";;".join(self.tr("{name} files (*{ext})").format(name=name, ext=ext) for name, ext in FORMATS)
        chosen = self._choose_file(self, self.tr("Export the plot as"), str(self.file_path()), filters)
        if chosen:
            self.exportFileEdit.setText(chosen)
            self._on_file_edited(chosen)

    # -- doing it ----------------------------------------------------------------------------------------------
    def export(self) -> bool:
        """Write the file; on failure show why in the dialog and return False."""
        if not self.exportFileEdit.text().strip():
            self._show_message(self.tr("Choose a file to export to (Browse…)."), error=True)
            return False
        try:
            self.exported_path = self.export_now(
                self.plot_widget(), self.file_path(), self.exportTitleEdit.text().strip(),
                self.exportWidthSpin.value(), self.exportHeightSpin.value(), self.exportDpiSpin.value())
        except ExportError as error:
            self._show_message(str(error), error=True)
            return False
        return True

    def accept(self) -> None:
        if self.export():
            super().accept()

    def copy_to_clipboard(self) -> None:
        widget = self.plot_widget()
        _refresh_pending(widget)
        try:
            copy_plot_to_clipboard(widget, self.exportTitleEdit.text().strip(), self.exportWidthSpin.value(),
                                   self.exportHeightSpin.value())
        except ExportError as error:
            self._show_message(str(error), error=True)
            return
        self._show_message(self.tr("Copied the plot to the clipboard."), error=False)

    @staticmethod
    def export_now(widget: QWidget, path: str | Path, title: str = "", width_px: int = DEFAULT_WIDTH_PX,
                   height_px: int = DEFAULT_HEIGHT_PX, dpi: int = DEFAULT_DPI) -> Path:
        """Export without showing the dialog (the format follows the extension); raises ExportError."""
        _refresh_pending(widget)
        return export_plot(widget, path, title, width_px, height_px, dpi)

    # -- messages ----------------------------------------------------------------------------------------------
    def message(self) -> str:
        return self.exportMessageLabel.text() if self.exportMessageLabel.isVisibleTo(self) else ""

    def _show_message(self, text: str, error: bool) -> None:
        self.exportMessageLabel.setText(text)
        style = STYLES["error" if error else "info"]
        self.exportMessageLabel.setStyleSheet(f"QLabel {{{style} padding: 4px;}}")
        self.exportMessageLabel.show()

    def _clear_message(self) -> None:
        self.exportMessageLabel.clear()
        self.exportMessageLabel.hide()
