"""From rows of text to numbers: np.loadtxt when it can, a strict cell-by-cell pass when it cannot.

Values match ``np.loadtxt(path, delimiter=",", dtype=np.float32)`` bit for bit, because the fast path *is*
``np.loadtxt`` (on pre-cleaned lines). A block loadtxt refuses goes through the strict pass, which is also the
reference parser: it accepts quoted numbers, recognises missing values, and keeps text cells for the caller to
judge (text is fine in the label column and in ignored columns, nowhere else).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from .table_errors import DataError, count, preview
from .table_text import split_cells

BLOCK_ROWS = 8192  # rows per np.loadtxt call; a bad cell costs a strict pass over one block only
# Doubles from here on round to infinity as float32 (half an ulp above the largest float32, ties to even).
_FLOAT32_OVERFLOW = 2.0**128 - 2.0**103
# What loadtxt and float() accept as a finite number (they agree on digits, signs, points and exponents).
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_INFINITE = re.compile(r"[+-]?(?:inf|infinity)", re.IGNORECASE)
MISSING_MARKS = ("", "NA", "N/A", "NaN", "?", "null")  # as documented; compared case-insensitively
_MISSING = frozenset(mark.lower() for mark in MISSING_MARKS) | {"+nan", "-nan"}


def is_missing(cell: str) -> bool:
    return cell.lower() in _MISSING


def looks_numeric(cell: str) -> bool:
    return bool(_NUMBER.fullmatch(cell) or _INFINITE.fullmatch(cell) or cell.lower() in ("nan", "+nan", "-nan"))


@dataclass
class Block:
    """Parsed rows: float32 values (NaN where missing or text), where cells were missing, the text cells."""

    values: np.ndarray
    missing: np.ndarray | None = None  # (N, C) bool; None: nothing missing
    texts: dict[int, list[tuple[int, str]]] = field(default_factory=dict)  # 0-based column: (row, text)
    label_cells: list[str] | None = None  # the label column's cells as written (strict pass only)


def parse_rows(rows, delimiter: str, width: int, width_line: int, where: str, label_column: int,
               skip: frozenset[int], strict: bool = False) -> list[Block]:
    """The blocks of the data rows, or the DataError of the first bad row or cell."""
    blocks = []
    for start in range(0, len(rows), BLOCK_ROWS):
        block_rows = rows[start:start + BLOCK_ROWS]
        values = None if strict else _parse_fast(block_rows, delimiter)
        if values is None or values.shape[1] != width or not np.isfinite(values).all():
            blocks.append(_parse_strict(block_rows, delimiter, width, width_line, where, label_column, skip))
        else:
            blocks.append(Block(values))
    return blocks


def _parse_fast(rows, delimiter) -> np.ndarray | None:
    """np.loadtxt on the cleaned lines (fast, bitwise what the tutorial's loadtxt gives); None if it fails."""
    lines = [line for _, line in rows]
    if any('"' in line for line in lines):
        return None  # loadtxt refuses quoted numbers, the strict pass does not
    try:
        xy = np.loadtxt(lines, delimiter=None if delimiter == " " else delimiter, dtype=np.float32,
                        comments=None, ndmin=2, quotechar=None)
    except Exception:  # any failure: the strict pass is the reference and finds the exact cell
        return None
    return xy if xy.shape[0] == len(rows) else None


def _parse_strict(rows, delimiter, width, width_line, where, label_column, skip) -> Block:
    """Cell by cell: numbers parsed as float64 and rounded to float32 as loadtxt does."""
    values = np.zeros((len(rows), width), dtype=np.float64)
    missing = np.zeros((len(rows), width), dtype=bool)
    texts: dict[int, list[tuple[int, str]]] = {}
    label_cells = []
    for index, (number, line) in enumerate(rows):
        cells = split_cells(line, delimiter)
        check_width(number, len(cells), width, width_line, where)
        label_cells.append(cells[label_column])
        row = values[index]
        for column, cell in enumerate(cells):
            if column in skip:
                continue
            if _NUMBER.fullmatch(cell):
                value = float(cell)
                if abs(value) >= _FLOAT32_OVERFLOW:
                    raise DataError(where, f"{preview(cell)} is too large for 32-bit floats (limit: about 3.4e38)",
                                    "Scale the column to a smaller range, e.g. [-1, 1].", line=number,
                                    column=column + 1)
                row[column] = value
            elif cell.lower() in _MISSING:
                row[column] = np.nan
                missing[index, column] = True
            elif _INFINITE.fullmatch(cell):
                raise DataError(where, f"the cell {preview(cell)} is infinite",
                                "Replace it with a finite number, or remove the row: training cannot use "
                                "infinity.", line=number, column=column + 1)
            else:
                row[column] = np.nan
                texts.setdefault(column, []).append((index, cell))
    return Block(values.astype(np.float32), missing if missing.any() else None, texts, label_cells)


def check_width(line: int, cells: int, expected: int, expected_line: int, where: str) -> None:
    if cells != expected:
        raise DataError(where, f"the row has {count(cells, 'cell')}, expected {expected} as on "
                               f"line {expected_line}",
                        "Every row needs the same number of columns: the features, then the label.",
                        line=line)
