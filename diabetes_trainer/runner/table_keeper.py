"""A training process reads the table the window asks about, keeps it, and answers with a summary and a preview.

The window's process never parses a table: parsing holds Python's lock (a 5M-row table froze the window for 1.6 s)
and took ~13x the arrays' memory there. The process that will train reads it instead, once: the run that follows
uses the arrays already read, unless the file has changed on disk since. No torch, no Qt here.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np

from ..core.data import DataError, ReadOptions, Table, read_table
from ..core.sample import data_file

PREVIEW_ROWS = 5


@dataclass(frozen=True)
class KeptTable:
    path: str  # as the window asked ("" = the bundled sample), as in TrainConfig.data_path
    signature: tuple[int, int] | None  # the file's (size, mtime_ns) before it was read
    options: ReadOptions  # how it was read (label column, ignored columns, missing values)
    table: Table


def read(request: dict) -> tuple[KeptTable | None, dict]:
    """Read the table a READ message asks for: (what to keep for the run, the TABLE reply for the window)."""
    path = request.get("path") or ""
    reply = {"id": request.get("id"), "path": path, "summary": None, "error": None}
    try:
        options = ReadOptions(**{key: tuple(value) if key == "ignore" else value
                                 for key, value in (request.get("options") or {}).items()})
        resolved = data_file(path)
        signature = _signature(resolved)
        table = read_table(resolved, options)
    except DataError as exc:
        reply["error"] = str(exc)
        return None, reply
    except MemoryError:
        reply["error"] = (f"{path}: the table does not fit in this computer's memory. "
                          "Use a sample of its rows.")
        return None, reply
    reply["summary"] = describe(table)
    return KeptTable(path, signature, options, table), reply


def table_for_run(kept: KeptTable | None, data_path: str | None, options: ReadOptions) -> Table | None:
    """The kept table if the run is about the same file read the same way, unchanged since it was read; else None
    (read afresh)."""
    if kept is None or kept.path != (data_path or "") or _without_scale(kept.options) != _without_scale(options):
        return None
    try:
        if _signature(data_file(kept.path)) != kept.signature:
            return None
    except (DataError, OSError):
        return None
    return kept.table


def _without_scale(options: ReadOptions) -> ReadOptions:
    # standardize changes only the reader's notes (the run scales the arrays itself): the same arrays serve.
    return ReadOptions(options.target, tuple(options.ignore), options.positive, options.drop_missing)


def describe(table: Table) -> dict:
    """Plain values only (the window unpickles it without numpy's help): counts, names, size, a preview."""
    names = [*table.feature_names, table.label_name]
    columns = [table.features[:, index] for index in range(table.n_features)] + [table.labels[:, 0]]
    return {
        **table.summary(),
        "feature_names": list(table.feature_names),
        "label_name": table.label_name,
        "delimiter": table.delimiter,
        "nbytes": int(table.features.nbytes + table.labels.nbytes),
        "preview": {
            "columns": names,
            "first_rows": [[_plain(value) for value in row]
                           for row in np.hstack([table.features[:PREVIEW_ROWS], table.labels[:PREVIEW_ROWS]])],
            "stats": [dict(name=name, **_column_stats(column)) for name, column in zip(names, columns)],
        },
        # Every column of the file as the data panel lists it: (name, role), the first rows as written, stats.
        "columns": [list(column) for column in table.columns],
        "preview_rows": [list(row) for row in table.preview_rows[:PREVIEW_ROWS]],
        "column_stats": _file_column_stats(table),
    }


def _file_column_stats(table: Table) -> list[dict | None]:
    """Stats per column of the file (None for an ignored one), with the missing cells counted before any drop."""
    stats, feature = [], 0
    for index, (_, role) in enumerate(table.columns):
        if role == "feature":
            values, feature = table.features[:, feature], feature + 1
        elif role == "label":
            values = table.labels[:, 0]
        else:
            stats.append(None)
            continue
        stats.append({**_column_stats(values), "missing": int(table.missing_counts.get(index, 0))})
    return stats


def _column_stats(column: np.ndarray) -> dict:
    # Column by column, no copy of the table: a 5M-row column's temporaries are a few MB.
    missing = int(np.count_nonzero(np.isnan(column)))
    if missing == column.size:
        return {"min": None, "max": None, "mean": None, "missing": missing}
    mean = np.nanmean(column, dtype=np.float64) if missing else column.mean(dtype=np.float64)
    return {"min": _plain(np.fmin.reduce(column)), "max": _plain(np.fmax.reduce(column)), "mean": _plain(mean),
            "missing": missing}


def _plain(value) -> float | None:
    value = float(value)
    return value if math.isfinite(value) else None


def _signature(path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None  # read_table says what is wrong with it
    return info.st_size, info.st_mtime_ns
