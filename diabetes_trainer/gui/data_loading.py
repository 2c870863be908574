"""The window's view of a data table: the training process reads it, the window only gets its summary and preview.

Parsing in this process, even on a worker thread, holds Python's lock (a 5M-row table froze the window for 1.6 s)
and the training process then read the file again. Now the spare training process reads the table once, keeps it
for the next run (runner.table_keeper) and answers with plain values, which a timer picks up here.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QFileDialog

from ..core.data import ReadOptions

if TYPE_CHECKING:
    from .main_window import MainWindow

translate = QCoreApplication.translate

POLL_MS = 20  # while a table is being read: how soon its summary shows once it is there


class TableInfo:
    """What the window knows of a table: counts and names for the summary, ``nbytes`` for the memory check, and
    ``preview`` ({"columns", "first_rows", "stats": [{name, min, max, mean, missing}]}) as plain values."""

    def __init__(self, summary: dict):
        self.summary = summary

    @property
    def path(self) -> str:
        return self.summary["path"]

    @property
    def rows(self) -> int:
        return int(self.summary["rows"])

    @property
    def n_features(self) -> int:
        return int(self.summary["features"])

    @property
    def positives(self) -> int:
        return int(self.summary["positives"])

    @property
    def feature_names(self) -> list[str]:
        return list(self.summary.get("feature_names") or [])

    @property
    def label_name(self) -> str:
        return self.summary.get("label_name") or "y"

    @property
    def header(self) -> list[str] | None:
        return self.summary.get("header")

    @property
    def nbytes(self) -> int:
        return int(self.summary["nbytes"])

    @property
    def preview(self) -> dict:
        return self.summary["preview"]

    # What the data panel shows: each column's role, the reader's notes and label mapping, the first rows as written.
    @property
    def columns(self) -> list[tuple[str, str]]:
        return [tuple(column) for column in self.summary.get("columns") or []]

    @property
    def notes(self) -> list[str]:
        return list(self.summary.get("notes") or [])

    @property
    def label_mapping(self) -> dict[str, int] | None:
        return self.summary.get("label_mapping")

    @property
    def preview_rows(self) -> list[list[str]]:
        return self.summary.get("preview_rows") or []

    def column_stats(self, column: int) -> dict | None:
        """{min, max, mean, missing} of the file's 0-based ``column`` (None for an ignored column)."""
        stats = self.summary.get("column_stats") or []
        return stats[column] if column < len(stats) else None


class TableReader(QObject):
    """Asks the controller's spare process to read a table; says ``loaded`` or ``failed`` for the latest ask."""

    loaded = Signal(str, object)  # the path as asked (empty: the bundled sample), TableInfo
    failed = Signal(str, str)  # the path as asked, the DataError's message

    def __init__(self, controller, parent: QObject | None = None):
        super().__init__(parent)
        self._controller = controller
        self._request_id = 0
        self._path = ""
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check)

    def read(self, path: str, options: dict | None = None) -> None:
        """Read ``path`` ("" = the bundled sample) with the reader's ``options`` (core.data.ReadOptions' fields);
        an earlier read still going on is no longer reported."""
        self._request_id += 1
        self._path = path
        self._controller.read_table(self._request_id, path, options or {})
        self._poll.start()

    def reading(self) -> bool:
        return self._poll.isActive()

    def wait(self, timeout_ms: int = 5000) -> bool:
        """Nothing runs in this process to wait for; stops polling (the window is closing)."""
        self._poll.stop()
        return True

    def _check(self) -> None:
        reply = self._controller.table_reply(self._request_id)
        if reply is None:
            return
        self._poll.stop()
        if reply.get("summary") is not None:
            self.loaded.emit(self._path, TableInfo(reply["summary"]))
        else:
            self.failed.emit(self._path, reply.get("error") or "the table could not be read")


class DataSource(QObject):
    """The window's table: which file was read and how, its summary in the knobs panel, a failure in the banner.

    ``table`` (TableInfo), ``table_path`` (the path as typed, "" = the bundled sample) and ``table_options`` (how it
    was read) say what the next run trains on; a Start with another path or options loads that first and starts
    once it is read (``start_when_loaded``).
    """

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.table: TableInfo | None = None  # read by the spare training process, not here
        self.table_path: str | None = None
        self.table_options: ReadOptions | None = None
        self.start_when_loaded = False
        self.reader = TableReader(window.controller, self)
        self.reader.loaded.connect(self._on_loaded)
        self.reader.failed.connect(self._on_failed)

    def browse(self) -> None:
        knobs = self.window.knobs
        start_dir = str(Path(knobs.dataPathEdit.text()).parent) if knobs.dataPathEdit.text() else ""
        path, _ = QFileDialog.getOpenFileName(self.window, translate("MainWindow", "Open a data table"), start_dir,
                                              translate("MainWindow",
                                                        "Tables (*.csv *.csv.gz *.txt *.tsv *.gz);;All files (*)"))
        if path:
            knobs.dataPathEdit.setText(path)
            self.load(path)

    def load(self, path: str) -> None:
        knobs = self.window.knobs
        knobs.dataSummaryLabel.setText(translate("MainWindow", "Reading {name}…").format(
            name=os.path.basename(path) or translate("MainWindow", "the bundled sample")))
        self.table_options = ReadOptions.of(knobs.config())
        self.reader.read(path, dataclasses.asdict(self.table_options))

    def summary_html(self, path: str, table: TableInfo) -> str:
        """The knobs panel's lines about the table: its name, counts, label balance and columns."""
        positives = table.positives
        share = positives / table.rows if table.rows else 0.0
        lines = [
            translate("MainWindow", "<b>{name}</b>{synthetic}").format(
                name=os.path.basename(table.path),
                synthetic=translate("MainWindow", " (synthetic sample data, not medical data)") if not path else ""),
            translate("MainWindow",
                      "{rows} rows · {features} features · label 1: {positives} ({share:.0%}), label 0: {negatives}")
            .format(rows=table.rows, features=table.n_features, positives=positives, share=share,
                    negatives=table.rows - positives),
        ]
        if table.header:
            lines.append(translate("MainWindow", "Columns: {names}").format(names=", ".join(table.header)))
        return "<br>".join(lines)

    def _on_loaded(self, path: str, table: TableInfo) -> None:
        w = self.window
        self.table, self.table_path = table, path
        w.knobs.dataSummaryLabel.setText(self.summary_html(path, table))
        w.knobs.dataSummaryLabel.setToolTip(table.path)
        w.knobs.dataOptions.show_table(table)
        w.knobs.set_data_rows(table.rows)
        if w.banner.level == "error" and not w.controller.busy:
            w.banner.clear()
        w.statusBar().showMessage(translate("MainWindow", "Loaded {path}").format(path=table.path), 5000)
        if self.start_when_loaded:
            self.start_when_loaded = False
            w.start()

    def _on_failed(self, path: str, message: str) -> None:
        w = self.window
        self.start_when_loaded = False
        self.table, self.table_path = None, None
        w.knobs.set_data_rows(None)
        w.knobs.dataSummaryLabel.setText(translate("MainWindow", "Cannot use this file."))
        w.knobs.dataOptions.show_failure()
        w.banner.show_message(message, "error")
        w.statusBar().showMessage(translate("MainWindow", "Could not read the data file"), 5000)
