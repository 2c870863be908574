"""The window's exports: a plot as an image (the export dialog), the last run as CSV or JSON, written off the GUI
thread by the window's FileWriter."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from .widgets import choose_save_file

if TYPE_CHECKING:
    from .main_window import MainWindow

translate = QCoreApplication.translate


class RunExports(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window

    def plot_title(self) -> str:
        from .figures import figure_title

        w = self.window
        return figure_title(w.controller.last_record or {"config": w.knobs.config().to_dict()},
                            w.lossPlot.overlay_labels())

    def export_plot(self, plot: QWidget | None = None) -> None:
        """The export dialog (modal), on ``plot`` if given (a plot's right-click "Export plot…"), else the loss."""
        w = self.window
        plots = [(translate("MainWindow", "Loss"), w.lossPlot), (translate("MainWindow", "CPU load"), w.cpuPlot),
                 (translate("MainWindow", "Wait vs compute"), w.stallPlot),
                 (translate("MainWindow", "Accuracy"), w.accuracyPlot)]
        from .export_dialog import ExportDialog

        current = next((index for index, (_label, widget) in enumerate(plots) if widget is plot), 0)
        ExportDialog(plots, self.plot_title(), w, current=current).exec()

    def export_csv(self) -> None:
        from ..core.record_export import write_csv

        self._export_record(translate("MainWindow", "Export the run's numbers as CSV"), ".csv",
                            translate("MainWindow", "CSV (*.csv)"), write_csv)

    def export_json(self) -> None:
        from ..core.record_export import write_json

        self._export_record(translate("MainWindow", "Export the whole run as JSON"), ".json",
                            translate("MainWindow", "JSON (*.json)"), write_json)

    def _export_record(self, caption: str, suffix: str, file_filter: str, write) -> None:
        w = self.window
        record = w.controller.last_record
        if record is None:
            w.banner.show_message(translate("MainWindow", "There is no run to export yet: press Start first."), "info")
            return
        path = choose_save_file(w, caption, str(Path.home() / f"diabetes-trainer-run{suffix}"), file_filter)
        if not path:
            return
        w.statusBar().showMessage(translate("MainWindow", "Saving {path}…").format(path=path))
        w.file_writer.submit(lambda: write(record, Path(path)), lambda _result: self._on_exported(path),
                             lambda error: self._on_failed(path, error))

    def _on_exported(self, path: str) -> None:
        self.window.statusBar().showMessage(translate("MainWindow", "Saved {path}").format(path=path), 5000)

    def _on_failed(self, path: str, error: str) -> None:
        self.window.statusBar().clearMessage()
        self.window.banner.show_message(translate("MainWindow", "Could not save {path}: {error}").format(
            path=path, error=error), "error")
