"""A run record's numbers as CSV and JSON files for lab reports and spreadsheets.

CSV: comma-separated, a header row, "\\n" line endings, UTF-8, floats at full precision (``repr``), empty cells
for values a run did not record. Stdlib only: the GUI uses this module.
"""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

from diabetes_trainer.core.atomic_files import atomic_write_text

CSV_COLUMNS = ["iteration", "epoch", "loss", "data_wait_s", "compute_s", "elapsed_s"]
EPOCH_COLUMNS = ["epoch", "iterations", "mean_loss", "accuracy", "seconds", "worker_startup_s", "val_loss",
                 "val_accuracy"]
SWEEP_LEADING_COLUMNS = ["num_workers", "seconds", "startup_s"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else str(value)  # "nan", "inf": spreadsheets read both
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def _table(columns: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return buffer.getvalue()


def _column(record: dict, key: str) -> list:
    values = record.get(key)
    return values if isinstance(values, list) else []


def _at(values: list, index: int) -> Any:
    return values[index] if index < len(values) else None


def record_to_csv_text(record: dict) -> str:
    """One row per iteration (iteration and epoch 1-based); as many rows as the longest per-iteration list."""
    columns = {key: _column(record, key) for key in ("losses", "iteration_epoch", "data_wait_s", "compute_s",
                                                     "elapsed_s")}
    count = max(len(values) for values in columns.values())
    rows = [[i + 1, _at(columns["iteration_epoch"], i), _at(columns["losses"], i), _at(columns["data_wait_s"], i),
             _at(columns["compute_s"], i), _at(columns["elapsed_s"], i)] for i in range(count)]
    return _table(CSV_COLUMNS, rows)


def epochs_to_csv_text(record: dict) -> str:
    """One row per epoch: its loss, accuracy, time and worker start-up."""
    epochs = [e for e in _column(record, "epochs") if isinstance(e, dict)]
    return _table(EPOCH_COLUMNS, [[epoch.get(key) for key in EPOCH_COLUMNS] for epoch in epochs])


def sweep_to_csv_text(rows: list[dict]) -> str:
    """One row per sweep setting: num_workers, seconds and startup_s first, then any other keys as they appear."""
    columns = [c for c in SWEEP_LEADING_COLUMNS if any(c in row for row in rows)]
    for row in rows:
        columns += [key for key in row if key not in columns]
    return _table(columns, [[row.get(key) for key in columns] for row in rows])


def write_csv(record: dict, path: Path) -> None:
    """The per-iteration table; atomic (a failed write leaves any old file untouched)."""
    atomic_write_text(Path(path), record_to_csv_text(record))


def write_json(record: dict, path: Path) -> None:
    """The whole record, indented by 1; atomic."""
    atomic_write_text(Path(path), json.dumps(record, indent=1, ensure_ascii=False) + "\n")
