"""Read a numeric table (features, then a 0/1 label) from the CSV-like files people actually have.

Accepted: ``.csv`` or gzip-compressed (detected by its magic bytes); comma, semicolon, tab or whitespace
delimiters; an optional header row; UTF-8 with or without BOM (and UTF-16 with BOM, as Excel's "Unicode text"
writes it); CRLF, LF or CR line ends; blank lines, ``#`` comment lines and trailing ``# ...`` comments.

Anything else is refused with a :class:`DataError` that names the file, the 1-based line and cell, and what to
do. Nothing else escapes: the GUI shows these messages to students as they are.

Values match ``np.loadtxt(path, delimiter=",", dtype=np.float32)`` bit for bit, because the fast path *is*
``np.loadtxt`` (on pre-cleaned lines). When it fails, a strict cell-by-cell pass finds the first offending
cell for the message; that pass is also the reference parser (it accepts quoted numbers, loadtxt does not).
"""

from __future__ import annotations

import gzip
import io
import os
import re
import stat
import zlib
from dataclasses import dataclass

import numpy as np

MAX_FILE_BYTES = 1 << 30  # 1 GiB: far beyond any table this trainer is meant for, short of exhausting memory
DELIMITERS = (",", ";", "\t", " ")  # the values of Table.delimiter; " " means any run of whitespace
_GZIP_MAGIC = b"\x1f\x8b"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DELIMITER_SAMPLE_LINES = 20
_BLOCK_ROWS = 8192  # rows per np.loadtxt call; a bad cell costs a strict pass over one block only
_CELL_PREVIEW_CHARS = 24
# Doubles from here on round to infinity as float32 (half an ulp above the largest float32, ties to even).
_FLOAT32_OVERFLOW = 2.0**128 - 2.0**103

# What loadtxt and float() accept as a finite number (they agree on digits, signs, points and exponents).
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_NON_FINITE = re.compile(r"[+-]?(?:nan|inf|infinity)", re.IGNORECASE)
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+", re.ASCII)

_HINT_TEXT_TABLE = "Choose a CSV text file (.csv or .csv.gz), not a spreadsheet or another binary file."
_HINT_NUMBERS = ("Every cell must be a plain number such as 0.25 or -1e-3: remove text columns and fill in "
                 "or remove missing values.")
_HINT_SHAPE = "A table needs one row per example: the feature values, then the 0/1 label, comma-separated."


class DataError(ValueError):
    """A table cannot be used; says where (file, 1-based line and cell) and what the user can do about it."""

    def __init__(self, path: str, reason: str, hint: str = "", *, line: int | None = None,
                 column: int | None = None):
        self.path = path
        self.reason = reason
        self.hint = hint
        self.line = line
        self.column = column
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column {self.column}"
        text = f"{where}: {self.reason}."
        return f"{text} {self.hint}" if self.hint else text

    def __reduce__(self):
        # Errors travel from the training process to the GUI; the keyword-only fields need explicit pickling.
        return _rebuild_data_error, (self.path, self.reason, self.hint, self.line, self.column)


def _rebuild_data_error(path, reason, hint, line, column) -> DataError:
    return DataError(path, reason, hint, line=line, column=column)


@dataclass(frozen=True, eq=False)  # eq=False: comparing numpy arrays with == has no single truth value
class Table:
    """A table read from ``path``: float32 features (N, F) and float32 labels (N, 1), both C-contiguous."""

    path: str
    features: np.ndarray
    labels: np.ndarray
    header: list[str] | None
    delimiter: str

    @property
    def rows(self) -> int:
        return int(self.features.shape[0])

    @property
    def n_features(self) -> int:
        return int(self.features.shape[1])

    @property
    def positives(self) -> int:
        return int(np.count_nonzero(self.labels == 1))

    @property
    def feature_names(self) -> list[str]:
        if self.header is not None:
            return list(self.header[:-1])
        return [f"x{i}" for i in range(1, self.n_features + 1)]

    @property
    def label_name(self) -> str:
        return self.header[-1] if self.header is not None else "y"

    def summary(self) -> dict:
        return {"path": self.path, "rows": self.rows, "features": self.n_features,
                "positives": self.positives, "header": list(self.header) if self.header is not None else None}


def read_table(path: str | os.PathLike) -> Table:
    """Read the table at ``path``; raise DataError (and nothing else) when it cannot be used."""
    try:
        name = os.fsdecode(os.fspath(path))
    except TypeError:
        raise DataError(repr(path), "this is not a file path",
                        "Give the path of a .csv or .csv.gz file.") from None
    return parse_table_bytes(_read_file_bytes(name), name)


def parse_table_bytes(raw: bytes, path_for_messages: str) -> Table:
    """Parse the bytes of a table file; errors name ``path_for_messages``. Raises DataError only."""
    where = path_for_messages
    if len(raw) > MAX_FILE_BYTES:
        raise _too_large(where, len(raw))
    text = _decode(_decompress_if_gzip(raw, where), where)
    content = _content_lines(text)
    if not content:
        reason = ("the file is empty" if not text.strip()
                  else "the file has no data rows, only blank lines and # comments")
        raise DataError(where, reason, _HINT_SHAPE)
    delimiter = _detect_delimiter([line for _, line in content[:_DELIMITER_SAMPLE_LINES]])
    header, header_line, rows = _split_header(content, delimiter)
    if not rows:
        raise DataError(where, "the file has a header row but no data rows",
                        "Add the data rows below the header.", line=header_line)
    xy = _parse_rows(rows, delimiter, header, header_line, where)
    _check_labels(xy, rows, where)
    return Table(path=where, features=np.ascontiguousarray(xy[:, :-1]),
                 labels=np.ascontiguousarray(xy[:, [-1]]), header=header, delimiter=delimiter)


# --- bytes to text --------------------------------------------------------------------------------

def _read_file_bytes(name: str) -> bytes:
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise DataError(name, "this is a folder, not a file", "Choose a .csv or .csv.gz file inside it.")
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO or a device could block forever or never end.
            raise DataError(name, "this is not a regular file", "Choose a .csv or .csv.gz file.")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(name, info.st_size)
        with open(name, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)
    except DataError:
        raise
    except FileNotFoundError:
        raise DataError(name, "the file does not exist", "Check the folder and the file name.") from None
    except IsADirectoryError:
        raise DataError(name, "this is a folder, not a file",
                        "Choose a .csv or .csv.gz file inside it.") from None
    except PermissionError:
        raise DataError(name, "the file cannot be read (permission denied)",
                        "Check the file's permissions, or copy it to a folder you can read.") from None
    except (OSError, ValueError) as error:  # ValueError: e.g. a NUL character in the path
        detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise DataError(name, f"the file cannot be read ({detail})", "Check the path and the file.") from None


def _too_large(where: str, size: int) -> DataError:
    return DataError(where, f"the table is {size / 2**30:.1f} GiB; tables over 1 GiB are not supported",
                     "This trainer is made for small tables: use a sample of the rows.")


def _decompress_if_gzip(raw: bytes, where: str) -> bytes:
    if not raw.startswith(_GZIP_MAGIC):
        return raw
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as archive:
            data = archive.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise DataError(where, f"the file is gzip-compressed but cannot be decompressed ({error})",
                        "It may be truncated or damaged: download or compress it again.") from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(where, len(data))
    return data


def _decode(data: bytes, where: str) -> str:
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            line = _line_of_offset(data[:error.start].decode("utf-16", "replace"))
            raise DataError(where, "the file does not look like a text table (its UTF-16 text is damaged)",
                            "Save the table as CSV with UTF-8 encoding.", line=line) from None
        if "\x00" in text:
            raise _nul_error(where, text[:text.index("\x00")])
        return text
    nul = data.find(b"\x00")
    if nul >= 0:  # checked before decoding: NUL bytes are the surest sign of a binary file
        raise _nul_error(where, data[:nul].decode("utf-8", "replace"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = _line_of_offset(data[:error.start].decode("utf-8", "replace"))
        raise DataError(where, "the file does not look like a text table (it is not valid UTF-8 text)",
                        f"{_HINT_TEXT_TABLE} Save it with UTF-8 encoding.", line=line) from None


def _nul_error(where: str, text_before: str) -> DataError:
    return DataError(where, "the file does not look like a text table (it contains NUL bytes)", _HINT_TEXT_TABLE,
                     line=_line_of_offset(text_before))


def _line_of_offset(text_before: str) -> int:
    return _normalise_newlines(text_before).count("\n") + 1


def _normalise_newlines(text: str) -> str:
    # CRLF (Windows), LF and a lone CR (classic Mac) all end a line, as in Python's universal newlines.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# --- text to rows ---------------------------------------------------------------------------------

def _content_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, text without comment and surrounding space) of every line that has content."""
    content = []
    for number, line in enumerate(_normalise_newlines(text).split("\n"), start=1):
        if "#" in line:
            line = line[:line.index("#")]
        line = line.strip()
        if line:
            content.append((number, line))
    return content


def _detect_delimiter(sample: list[str]) -> str:
    """The delimiter that splits the first lines consistently; whitespace when no character does."""
    for candidate in (";", "\t", ","):
        counts = [line.count(candidate) for line in sample]
        if counts[0] > 0 and all(count == counts[0] for count in counts):
            if candidate == "\t" and any(not cell.strip() for line in sample for cell in line.split("\t")):
                continue  # runs of tabs align columns: a whitespace-separated table
            return candidate
    # A ragged line among the first ones: take the character half the lines use, so the error says "ragged".
    best = max((";", ","), key=lambda candidate: sum(candidate in line for line in sample))
    if 2 * sum(best in line for line in sample) >= len(sample):
        return best
    return " "


def _split_cells(line: str, delimiter: str) -> list[str]:
    if delimiter == " ":
        return line.split()
    return [cell.strip() for cell in line.split(delimiter)]


def _split_header(content, delimiter):
    """(header names or None, the header's line or None, the data rows)."""
    first_line, first = content[0]
    cells = _split_cells(first, delimiter)
    numeric = sum(1 for cell in cells if _looks_numeric(cell))
    # Mostly words: a header. Mostly numbers: a data row whose odd cells get a precise error later.
    if 2 * numeric > len(cells):
        return None, None, content
    names = [cell.strip().strip("\"'").strip() for cell in cells]
    return names, first_line, content[1:]


def _looks_numeric(cell: str) -> bool:
    cell = _unquote(cell)
    return bool(_NUMBER.fullmatch(cell) or _NON_FINITE.fullmatch(cell))


def _unquote(cell: str) -> str:
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        return cell[1:-1].strip()
    return cell


# --- rows to numbers ------------------------------------------------------------------------------

def _parse_rows(rows, delimiter, header, header_line, where) -> np.ndarray:
    """The float32 (N, columns) array of the data rows, or the DataError of the first bad row or cell.

    Block by block: np.loadtxt first; a block it refuses (or with NaN, infinity or the wrong width) goes
    through the strict pass, so an error at the end of a long file costs one strict block, not the file.
    """
    if header is not None:
        expected, expected_line = len(header), header_line
    else:
        expected, expected_line = len(_split_cells(rows[0][1], delimiter)), rows[0][0]
    if expected < 2:
        _check_width(rows[0], len(_split_cells(rows[0][1], delimiter)), expected, expected_line, where)
        raise DataError(where, "the table has only 1 column; it needs at least one feature column and "
                               "a label column",
                        "Separate the columns with commas, semicolons, tabs or spaces.", line=expected_line)
    blocks = []
    for start in range(0, len(rows), _BLOCK_ROWS):
        block_rows = rows[start:start + _BLOCK_ROWS]
        block = _parse_rows_fast(block_rows, delimiter)
        if block is None or block.shape[1] != expected or not np.isfinite(block).all():
            block = _parse_rows_strict(block_rows, delimiter, expected, expected_line, where)
        blocks.append(block)
    return blocks[0] if len(blocks) == 1 else np.concatenate(blocks)


def _parse_rows_fast(rows, delimiter) -> np.ndarray | None:
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


def _parse_rows_strict(rows, delimiter, expected, expected_line, where) -> np.ndarray:
    """Cell by cell: the values (parsed as float64, rounded to float32 as loadtxt does) or the first error."""
    values: list[float] = []
    for number, line in rows:
        cells = _split_cells(line, delimiter)
        _check_width((number, line), len(cells), expected, expected_line, where)
        for column, cell in enumerate(cells, start=1):
            values.append(_cell_value(cell, where, number, column, delimiter))
    return np.array(values, dtype=np.float64).astype(np.float32).reshape(len(rows), expected)


def _check_width(row, cells: int, expected: int, expected_line: int, where: str) -> None:
    if cells != expected:
        raise DataError(where, f"the row has {_count(cells, 'cell')}, expected {expected} as on "
                               f"line {expected_line}",
                        "Every row needs the same number of columns: the features, then the label.",
                        line=row[0])


def _cell_value(cell: str, where: str, line: int, column: int, delimiter: str) -> float:
    text = _unquote(cell)
    if _NUMBER.fullmatch(text):
        value = float(text)
        if abs(value) < _FLOAT32_OVERFLOW:
            return value
        raise DataError(where, f"{_preview(cell)} is too large for 32-bit floats (limit: about 3.4e38)",
                        "Scale the column to a smaller range, e.g. [-1, 1].", line=line, column=column)
    if _NON_FINITE.fullmatch(text):
        kind = "not a number (NaN)" if "nan" in text.lower() else "infinite"
        raise DataError(where, f"the cell {_preview(cell)} is {kind}",
                        "Fill in or remove the missing value: training cannot use NaN or infinity.",
                        line=line, column=column)
    if not text:
        raise DataError(where, "the cell is empty", "Fill in the missing value or remove the row.",
                        line=line, column=column)
    hint = _HINT_NUMBERS
    if delimiter != "," and _DECIMAL_COMMA.fullmatch(text):
        hint = "Use a decimal point (0.5), not a decimal comma (0,5)."
    raise DataError(where, f"the cell {_preview(cell)} is not a number", hint, line=line, column=column)


def _check_labels(xy: np.ndarray, rows, where: str) -> None:
    outside = np.flatnonzero((xy[:, -1] < 0) | (xy[:, -1] > 1))
    if outside.size:
        row = int(outside[0])
        raise DataError(where, f"the label (the last column) is {float(xy[row, -1]):g}; binary cross-entropy "
                               "needs labels between 0 and 1",
                        "Put the 0/1 outcome in the last column.", line=rows[row][0], column=xy.shape[1])


def _preview(cell: str) -> str:
    shown = cell if len(cell) <= _CELL_PREVIEW_CHARS else cell[:_CELL_PREVIEW_CHARS - 1] + "…"
    return repr(shown)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
