"""Reads a data table off the GUI thread (a large file must not freeze the window) and reports back by signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..core.data import DataError, ReadOptions, Table, read_table
from ..core.sample import data_file


class TableReader(QObject):
    loaded = Signal(str, object)  # the path as asked (empty: the bundled sample), Table
    failed = Signal(str, str)  # the path as asked, the DataError's message

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)

    def read(self, path: str, options: ReadOptions | None = None) -> None:
        self._pool.start(_ReadTask(self, path, options))

    def wait(self, timeout_ms: int = 5000) -> bool:
        return self._pool.waitForDone(timeout_ms)


class _ReadTask(QRunnable):
    def __init__(self, reader: TableReader, path: str, options: ReadOptions | None):
        super().__init__()
        self._reader = reader
        self._path = path
        self._options = options

    def run(self) -> None:
        try:
            table: Table = read_table(data_file(self._path), self._options)
        except DataError as exc:
            self._reader.failed.emit(self._path, str(exc))
            return
        self._reader.loaded.emit(self._path, table)
