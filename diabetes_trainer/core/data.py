"""Read a table (numeric features and a two-class label) from the CSV-like files people actually have.

The rules, one module each: ``table_text`` (bytes, encodings, comments, delimiters, quoting), ``table_columns``
(metadata line, header, which column is the label, which are ignored), ``table_cells`` (numbers and missing
values; the np.loadtxt fast path), ``table_labels`` (two classes as 0/1) and ``table_scale`` (feature scale).
docs/data-format.md states them for users.

Anything unusable is refused with a :class:`DataError` that names the file, the 1-based line and cell, and what to
do. Anything guessed is reported in :attr:`Table.notes` (label mapping, dropped rows, ignored columns, encoding,
feature scale), which the CLI and the window show before a run.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field

import numpy as np

from .table_cells import MISSING_MARKS, Block, looks_numeric, parse_rows
from .table_columns import (
    IGNORE_NOTHING,
    Roles,
    check_enough_columns,
    choose_roles,
    default_label,
    find_layout,
    hint_shape,
    is_row_numbering,
)
from .table_errors import DataError, count, preview
from .table_labels import Labels, numeric_labels, text_labels
from .table_scale import scale_warning
from .table_text import (
    DELIMITERS,
    GZIP_MAGIC,
    HEAD_BYTES,
    MAX_FILE_BYTES,
    check_head,
    content_lines,
    decode,
    decompress_if_gzip,
    read_file_bytes,
    read_file_head,
    split_cells,
    too_large,
)

__all__ = ["DELIMITERS", "DataError", "ReadOptions", "Table", "parse_table_bytes", "read_table"]
PREVIEW_ROWS = 8


@dataclass(frozen=True)
class ReadOptions:
    """How to read a table: the TrainConfig fields of the same names."""

    target: str | None = None
    ignore: tuple[str, ...] = ()
    positive: str | None = None
    drop_missing: bool = False
    standardize: bool = False  # only changes the notes: no scale warning when the run standardises anyway

    @classmethod
    def of(cls, config) -> ReadOptions:
        return cls(target=config.target, ignore=tuple(config.ignore), positive=config.positive,
                   drop_missing=config.drop_missing, standardize=config.standardize)


@dataclass(frozen=True, eq=False)  # eq=False: comparing numpy arrays with == has no single truth value
class Table:
    """A table read from ``path``: float32 features (N, F) and float32 0/1 labels (N, 1), both C-contiguous."""

    path: str
    features: np.ndarray
    labels: np.ndarray
    header: list[str] | None  # every column's name as written, or None without a header row
    delimiter: str
    feature_names: list[str] = field(default_factory=list)
    label_name: str = "y"
    notes: tuple[str, ...] = ()  # what the reader guessed or did, in words, for the CLI and the window
    label_mapping: dict[str, int] | None = None
    columns: tuple[tuple[str, str], ...] = ()  # (name, role) of every column; role: feature, label or ignored
    preview_rows: tuple[tuple[str, ...], ...] = ()  # the first data rows' cells as written
    missing_counts: dict[int, int] = field(default_factory=dict)  # 0-based column: missing cells, before any drop
    scale_off: bool = False  # the raw features' scales would saturate the sigmoid units (table_scale.scale_warning)

    @property
    def rows(self) -> int:
        return int(self.features.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.features.shape[1])

    @property
    def positives(self) -> int:
        return int(np.count_nonzero(self.labels == 1))

    def summary(self) -> dict:
        return {"path": self.path, "rows": self.rows, "features": self.n_features,
                "positives": self.positives, "header": list(self.header) if self.header is not None else None,
                "feature_names": list(self.feature_names), "label_name": self.label_name,
                "notes": list(self.notes), "label_mapping": dict(self.label_mapping) if self.label_mapping else None,
                "scale_off": self.scale_off}


def read_table(path: str | os.PathLike, options: ReadOptions | None = None) -> Table:
    """Read the table at ``path``; raise DataError (and nothing else) when it cannot be used."""
    try:
        name = os.fsdecode(os.fspath(path))
    except TypeError:
        raise DataError(repr(path), "this is not a file path",
                        "Give the path of a .csv or .csv.gz file.") from None
    options = options or ReadOptions()
    head, size = read_file_head(name)
    if not head.startswith(GZIP_MAGIC):
        # The plainest files go to np.loadtxt on the path itself, without being read here first.
        fast = _read_whole_file_fast(head, size, name, options, name, lambda: read_file_bytes(name))
        if fast[0] is not None:
            return _assemble(name, options, *fast, None)
    return _parse(read_file_bytes(name), name, options, try_fast=False)


def parse_table_bytes(raw: bytes, path_for_messages: str, options: ReadOptions | None = None) -> Table:
    """Parse the bytes of a table file; errors name ``path_for_messages``. Raises DataError only."""
    return _parse(raw, path_for_messages, options or ReadOptions(), try_fast=True)


def _parse(raw: bytes, where: str, options: ReadOptions, try_fast: bool) -> Table:
    if len(raw) > MAX_FILE_BYTES:
        raise too_large(where, len(raw))
    check_head(raw[:HEAD_BYTES], where)
    data = decompress_if_gzip(raw, where)
    blocks = layout = all_rows = None
    if try_fast or data is not raw:
        blocks, layout, all_rows = _read_whole_file_fast(data[:HEAD_BYTES], len(data), io.BytesIO(data), options,
                                                         where, lambda: data)
    encoding_note = None
    if blocks is None:
        text, encoding_note = decode(data, where)
        content = content_lines(text)
        if not content:
            reason = ("the file is empty" if not text.strip()
                      else "the file has no data rows, only blank lines and # comment lines")
            raise DataError(where, reason, hint_shape())
        layout = find_layout(content, where)
        check_enough_columns(layout, where)
        all_rows = lambda: layout.rows  # noqa: E731
    return _assemble(where, options, blocks, layout, all_rows, encoding_note)


def _assemble(where: str, options: ReadOptions, blocks, layout, all_rows, encoding_note: str | None) -> Table:
    """The Table from parsed blocks (None: parse the layout's rows now): roles, labels, missing values, notes."""
    header = layout.header
    roles = choose_roles(header, layout.width, options.target, tuple(options.ignore), where)
    if blocks is None:
        parse = lambda strict: parse_rows(layout.rows, layout.delimiter, layout.width,  # noqa: E731
                                          layout.width_line, where, roles.label, frozenset(roles.ignored), strict)
        blocks = parse(False)
        if any(roles.label in block.texts for block in blocks) and any(b.label_cells is None for b in blocks):
            blocks = parse(True)  # text labels: every block's label cells are needed as written
    rows = all_rows()  # the fast path's rows are a lazy list: its files never need their line numbers
    values = blocks[0].values if len(blocks) == 1 else np.concatenate([b.values for b in blocks])
    lines = _LineNumbers(rows)
    offsets = np.cumsum([0] + [len(b.values) for b in blocks])
    texts = {}  # 0-based column: the row indices (whole table) of its text cells, with the text
    for block, offset in zip(blocks, offsets):
        for column, cells in block.texts.items():
            texts.setdefault(column, []).extend((offset + row, text) for row, text in cells)
    missing = None
    if any(b.missing is not None for b in blocks):
        missing = np.concatenate([b.missing if b.missing is not None else np.zeros(b.values.shape, bool)
                                  for b in blocks])

    notes = [encoding_note] if encoding_note else []
    notes += layout.notes
    _ignore_empty_columns(roles, missing, header, layout.width, rows, where, notes)
    _refuse_text_features(texts, roles, header, lines, layout.delimiter, where)
    _guess_index_column(roles, values, missing, texts, header, layout.width, notes)
    used = [column for column in range(layout.width) if column not in roles.ignored]
    feature_columns = [column for column in used if column != roles.label]
    keep = _rows_to_keep(missing, used, rows, header, options.drop_missing, where, notes)

    label_number, label_name = roles.label + 1, _name(header, roles.label) if header is not None else "y"
    label_lines = lines if keep is None else [lines[int(i)] for i in np.flatnonzero(keep)]
    if roles.label in texts and (keep is None or any(keep[row] for row, _ in texts[roles.label])):
        cells = [cell for block in blocks for cell in block.label_cells]
        if keep is not None:
            cells = [cell for cell, kept in zip(cells, keep) if kept]
        _refuse_mixed_labels(cells, label_lines, label_number, label_name, where)
        labels: Labels = text_labels(cells, label_lines, label_number, repr(label_name), options.positive, where)
    else:
        column = values[:, roles.label] if keep is None else values[keep, roles.label]
        labels = numeric_labels(column, label_lines, label_number, repr(label_name), options.positive, where)
    notes += labels.notes

    features = values[:, feature_columns] if keep is None else values[keep][:, feature_columns]
    features = np.ascontiguousarray(features)
    feature_names = [_name(header, column) for column in feature_columns]
    warning = scale_warning(features, feature_names)
    if warning and not options.standardize:
        notes.append(warning)
    columns = tuple((_name(header, column), "label" if column == roles.label else
                     "ignored" if column in roles.ignored else "feature") for column in range(layout.width))
    preview = tuple(tuple(split_cells(line, layout.delimiter)) for _, line in rows[:PREVIEW_ROWS])
    return Table(path=where, features=features, labels=labels.values, header=header, delimiter=layout.delimiter,
                 feature_names=feature_names, label_name=label_name, notes=tuple(notes),
                 label_mapping=labels.mapping, columns=columns, preview_rows=preview, scale_off=warning is not None,
                 missing_counts={} if missing is None else
                 {int(c): int(n) for c, n in enumerate(missing.sum(axis=0)) if n})


def _read_whole_file_fast(head: bytes, size: int, source, options: ReadOptions, where: str, load_all):
    """(blocks, layout, rows getter) from one np.loadtxt over the whole text, or (None, None, None).

    Only for the plainest files (the tutorial's kind): no quotes, no #, header (if any) on line 1, no metadata
    line, 0/1 labels in the last column, nothing missing. Anything else takes the line-by-line path, which
    finds the rule that applies; this one only makes the common case as fast as np.loadtxt itself.
    """
    nothing = None, None, None
    # No need to look for quotes or # lines: loadtxt (quotechar and comments None) refuses both, and then the
    # line-by-line path reads the file.
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or options.target or options.positive:
        return nothing
    try:
        head_text = (head if len(head) >= size else head[:head.rfind(b"\n") + 1]).decode("utf-8-sig")
    except UnicodeDecodeError:
        return nothing
    head_content = content_lines(head_text)
    if len(head_content) < 2 or head_content[0][0] != 1:
        return nothing
    layout = find_layout(head_content, where)
    if layout.notes or layout.width < 2 or (layout.header is not None and layout.header_line != 1):
        return nothing
    try:
        # loadtxt decodes the bytes itself: faster than handing it the text. (A file changed since it was read
        # gives other values or a failure here, which the line-by-line path then judges on the bytes read.)
        encoding = "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
        delimiter = None if layout.delimiter == " " else layout.delimiter
        values = np.loadtxt(source, encoding=encoding, delimiter=delimiter, dtype=np.float32,
                            comments=None, ndmin=2, quotechar=None,
                            skiprows=0 if layout.header is None else 1)
    except Exception:  # any failure: the line-by-line path finds the exact rule and cell
        return nothing
    labels = values[:, -1] if values.shape[1] == layout.width else None
    if labels is None or not ((labels == 0) | (labels == 1)).all() or not np.isfinite(values).all():
        return nothing
    if layout.header is not None and default_label(layout.header, layout.width) != layout.width - 1:
        return nothing
    layout.rows = head_content[1:] if layout.header is not None else head_content
    return [Block(values)], layout, lambda: _AllRows(load_all, layout)


class _AllRows:
    """The data rows of a fast-read file, split into lines only if something asks for them."""

    def __init__(self, load_all, layout):
        self._load_all, self._layout, self._rows = load_all, layout, None

    def _all(self):
        if self._rows is None:
            content = content_lines(self._load_all().decode("utf-8-sig"))
            self._rows = content[1:] if self._layout.header is not None else content
        return self._rows

    def __getitem__(self, index):
        if isinstance(index, slice) and (index.start or 0) == 0 and (index.stop or 0) <= len(self._layout.rows):
            return self._layout.rows[index]  # the preview: the first lines are known already
        return self._all()[index]

    def __len__(self):
        return len(self._all())


class _LineNumbers:
    def __init__(self, rows):
        self._rows = rows

    def __getitem__(self, index):
        return self._rows[index][0]


def _name(header: list[str] | None, column: int) -> str:
    if header is not None and header[column]:
        return header[column]
    return f"x{column + 1}" if header is None else f"column {column + 1}"


def _refuse_text_features(texts, roles: Roles, header, lines, delimiter, where) -> None:
    firsts = [(cells[0][0], column, cells[0][1]) for column, cells in texts.items()
              if column != roles.label and column not in roles.ignored]
    if not firsts:
        return
    row, column, cell = min(firsts)
    name = _name(header, column)
    hint = (f"Column {column + 1} ({name!r}) is a feature and must hold numbers: correct the cell, or leave the "
            f"column out with --ignore {column + 1} (in the window: tick it under 'Ignore these columns').")
    if delimiter != "," and "," in cell and looks_numeric(cell.replace(",", ".", 1)):
        hint = "Use a decimal point (0.5), not a decimal comma (0,5)."
    raise DataError(where, f"the cell {preview(cell)} is not a number", hint, line=lines[row], column=column + 1)


def _refuse_mixed_labels(cells, lines, column_number, name, where) -> None:
    numeric = [looks_numeric(cell) for cell in cells]
    if any(numeric):
        row = numeric.index(False)
        raise DataError(where, f"the label {preview(cells[row])} is text while other labels in column {name!r} "
                               "are numbers", "Write every label the same way: 0/1, or two words such as No/Yes.",
                        line=lines[row], column=column_number)


def _guess_index_column(roles: Roles, values, missing, texts, header, width, notes) -> None:
    if roles.ignored.get(0) == "index":
        notes.append(f"Column 1 has no name (row names, as R and pandas write them): it is ignored. Give "
                     f"--ignore {IGNORE_NOTHING} to use it as a feature.")
    elif roles.guess_index and 0 not in texts and width - len(roles.ignored) >= 3 \
            and (missing is None or not missing[:, 0].any()) and is_row_numbering(values[:, 0].astype(np.float64)):
        roles.ignored[0] = "index"
        first = int(values[0, 0])
        notes.append(f"Column 1 ({_name(header, 0)!r}) counts the rows {first}, {first + 1}, … "
                     f"{first + len(values) - 1}: a row number, not a measurement, so it is ignored. Give "
                     f"--ignore {IGNORE_NOTHING} to use it as a feature.")
    asked = [_name(header, column) for column, why in sorted(roles.ignored.items()) if why == "asked"]
    if asked:
        notes.append(f"Ignored as asked: {', '.join(repr(name) for name in asked)}.")


def _ignore_empty_columns(roles: Roles, missing, header, width, rows, where, notes) -> None:
    """A column with no value at all (a trailing comma on every line, pandas' 'Unnamed: 32') is left out."""
    if missing is None or len(missing) < 2:
        return
    empty = [column for column in np.flatnonzero(missing.all(axis=0)) if column not in roles.ignored]
    if roles.label in empty:
        raise DataError(where, f"the label column {roles.label + 1} ({_name(header, roles.label)!r}) has no values",
                        "Choose the label column with --target NAME (in the window: 'Label column').",
                        line=rows[0][0], column=roles.label + 1)
    if empty and width - len(roles.ignored) - len(empty) >= 2:
        for column in empty:
            roles.ignored[int(column)] = "empty"
        names = ", ".join(f"{column + 1} ({_name(header, column)!r})" for column in empty)
        notes.append(f"Column {names} has no values at all: ignored." if len(empty) == 1
                     else f"Columns {names} have no values at all: ignored.")


def _rows_to_keep(missing, used, rows, header, drop_missing, where, notes) -> np.ndarray | None:
    if missing is None:
        return None
    affected = missing[:, used].any(axis=1)
    n_affected = int(np.count_nonzero(affected))
    if not n_affected:
        return None
    first = int(np.flatnonzero(affected)[0])
    column = used[int(np.flatnonzero(missing[first, used])[0])]
    marks = ", ".join(repr(mark) if mark else "empty" for mark in MISSING_MARKS)
    if not drop_missing:
        raise DataError(where, f"{count(n_affected, 'row')} of {len(rows)} {'has' if n_affected == 1 else 'have'} "
                               f"missing values (the first in column {column + 1}, {_name(header, column)!r}; "
                               f"missing means {marks})",
                        "Leave those rows out with --drop-missing (in the window: 'Drop rows with missing "
                        "values'), or fill the values in.", line=rows[first][0], column=column + 1)
    if n_affected == len(rows):
        raise DataError(where, f"every one of the {len(rows)} rows has a missing value", "Fill the values in, or "
                        "ignore the columns that are mostly empty.", line=rows[first][0], column=column + 1)
    notes.append(f"Dropped {count(n_affected, 'row')} with missing values ({n_affected / len(rows):.1%} of "
                 f"{len(rows)}); {len(rows) - n_affected} rows are left.")
    return ~affected
