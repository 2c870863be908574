"""Labels: exactly two classes, as 0 and 1.

Numbers must be 0 or 1. Two text values map to 0 and 1 by a stated rule: a common negative word (no, false,
negative, down, 0, ...) is 0; otherwise the alphabetically first value is 0. ``positive`` names the value that
becomes 1 instead. The mapping is always reported, so nobody trains on a guess without seeing it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from .table_errors import DataError

NEGATIVE_WORDS = ("no", "n", "false", "f", "negative", "neg", "down", "0", "off", "absent", "not", "non", "none",
                  "normal", "healthy")
_MAX_VALUES_SHOWN = 8
_HINT_TWO_CLASSES = ("Keep two classes: remove the rows of the other classes (or merge them), or choose another "
                     "label column (target).")


@dataclass(frozen=True)
class Labels:
    values: np.ndarray  # (N, 1) float32 of 0 and 1
    mapping: dict[str, int] | None  # text value -> 0/1, when the labels were text or flipped
    notes: tuple[str, ...]


def numeric_labels(column: np.ndarray, lines: list[int], column_number: int, name: str, positive: str | None,
                   where: str) -> Labels:
    """0/1 numbers, checked; ``positive`` "0" swaps the classes."""
    bad = np.flatnonzero((column != 0) & (column != 1))
    if bad.size:
        first = int(bad[0])
        distinct = np.unique(column)
        if distinct.size >= 3 and not 0 < column[first] < 1:  # classes such as 0/1/2; 0.5 is a soft label
            shown = ", ".join(f"{value:g}" for value in distinct[:_MAX_VALUES_SHOWN])
            more = "" if distinct.size <= _MAX_VALUES_SHOWN else f" and {distinct.size - _MAX_VALUES_SHOWN} more"
            raise DataError(where, f"the label column {name} has {distinct.size} different values ({shown}{more}); "
                                   "it needs exactly two, 0 and 1", _HINT_TWO_CLASSES,
                            line=lines[first], column=column_number)
        raise DataError(where, f"the label ({name}) is {float(column[first]):g}; a label must be 0 or 1",
                        "Write the class as 0 or 1 (binary cross-entropy needs the two classes), or choose "
                        "another label column (target).", line=lines[first], column=column_number)
    values = np.ascontiguousarray(column.reshape(-1, 1))
    notes = []
    mapping = None
    if positive is not None and str(positive).strip():
        wanted = str(positive).strip()
        if wanted not in ("0", "1"):
            raise DataError(where, f"the positive label {wanted!r} is not one of the label column's values "
                                   "(0 and 1)", "Give 1 (the default) or 0 as the positive label.")
        if wanted == "0":
            values = np.ascontiguousarray(1 - values)
            mapping = {"0": 1, "1": 0}
            notes.append(f"Label {name}: 0 → 1, 1 → 0 (positive label: 0).")
    distinct = np.unique(values)
    if distinct.size == 1:
        notes.append(f"Every row has label {int(distinct[0])}: the model can only learn to say that.")
    return Labels(values, mapping, tuple(notes))


def text_labels(cells: list[str], lines: list[int], column_number: int, name: str, positive: str | None,
                where: str) -> Labels:
    """Two text values mapped to 0/1 by the stated rule (or ``positive``)."""
    distinct = list(dict.fromkeys(cells))
    if len(distinct) != 2:
        first_of = {value: cells.index(value) for value in distinct}
        shown = ", ".join(repr(value) for value in distinct[:_MAX_VALUES_SHOWN])
        more = "" if len(distinct) <= _MAX_VALUES_SHOWN else f" and {len(distinct) - _MAX_VALUES_SHOWN} more"
        line = lines[first_of[distinct[min(2, len(distinct) - 1)]]]
        reason = (f"the label column {name} has only one value ({shown}); it needs two classes" if len(distinct) == 1
                  else f"the label column {name} has {len(distinct)} different values ({shown}{more}); it needs "
                       "exactly two")
        raise DataError(where, reason, _HINT_TWO_CLASSES, line=line, column=column_number)
    if positive is not None and str(positive).strip():
        wanted = str(positive).strip()
        matches = [value for value in distinct if value == wanted] or \
                  [value for value in distinct if value.lower() == wanted.lower()]
        if not matches:
            raise DataError(where, f"the positive label {wanted!r} is not one of the label column's values "
                                   f"({distinct[0]!r} and {distinct[1]!r})",
                            "Give one of the two values as the positive label.")
        one = matches[0]
        zero = distinct[1] if one == distinct[0] else distinct[0]
        rule = f"positive label: {one}"
    else:
        negatives = [value for value in distinct if _reads_negative(value)]
        if len(negatives) == 1:
            zero = negatives[0]
            rule = f"{zero!r} reads as a negative word"
        else:
            zero = sorted(distinct, key=lambda value: (value.lower(), value))[0]
            rule = "alphabetical order"
        one = distinct[1] if zero == distinct[0] else distinct[0]
    values = np.fromiter((value == one for value in cells), dtype=np.float32, count=len(cells)).reshape(-1, 1)
    note = f"Label {name}: {zero} → 0, {one} → 1 ({rule}; --positive chooses the class that is 1)."
    return Labels(values, {zero: 0, one: 1}, (note,))


def _reads_negative(value: str) -> bool:
    """'No', 'tested_negative', 'non-diabetic': a value whose words include a common negative word."""
    words = re.split(r"[^0-9a-z]+", value.strip().lower())
    return value.strip().lower() in NEGATIVE_WORDS or any(word in NEGATIVE_WORDS and len(word) > 1 for word in words)
