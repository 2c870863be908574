"""Which line is the header, and which column plays which role: label, feature or ignored.

The label is the column named like one (outcome, label, target, class, y; any case) or else the last; the
user may name another (``target``, a name or a 1-based number). Columns in ``ignore`` are left out, and so is a
first column that only numbers the rows (an empty name, or the values 1..N or 0..N-1), with a note; listing any
column in ``ignore`` (or the word ``none``) turns that guess off.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .table_cells import looks_numeric
from .table_errors import DataError, count, preview
from .table_text import detect_delimiter, sample_lines, split_cells

LABEL_NAMES = ("outcome", "label", "target", "class", "y")
IGNORE_NOTHING = "none"  # ignore=("none",): no automatic index column either
_HINT_SHAPE = "A table needs one row per example: the feature values and a 0/1 label, comma-separated."


@dataclass
class Layout:
    delimiter: str
    header: list[str] | None
    header_line: int | None
    rows: list[tuple[int, str]]
    width: int
    width_line: int
    notes: list[str]


def find_layout(content: list[tuple[int, str]], where: str) -> Layout:
    """Delimiter, metadata line, header and data rows of the content lines."""
    notes: list[str] = []
    sample = sample_lines(content)
    delimiter = detect_delimiter(sample)
    header_cells_short = False
    if len(sample) >= 3:
        rest_delimiter = detect_delimiter(sample[1:])
        widths = [len(split_cells(line, rest_delimiter)) for line in sample]
        if widths[0] != widths[1] and all(width == widths[1] for width in widths[1:]):
            delimiter = rest_delimiter
            first_cells = split_cells(sample[0], delimiter)
            if widths[0] == widths[1] - 1 and _is_header(first_cells):
                header_cells_short = True  # R's write.table: no name above the row names
            else:
                line, text = content[0]
                notes.append(f"Line {line} ({preview(text)}) has {count(widths[0], 'cell')} while the other "
                             f"lines have {widths[1]}: it was read as a description line, not as data, and "
                             "skipped.")
                content = content[1:]
    first_line, first = content[0]
    cells = split_cells(first, delimiter)
    if not _is_header(cells):
        return Layout(delimiter, None, None, content, len(cells), first_line, notes)
    names = [cell.strip().strip("'").strip() for cell in cells]
    if header_cells_short:
        names.insert(0, "")
    rows = content[1:]
    if not rows:
        raise DataError(where, "the file has a header row but no data rows",
                        "Add the data rows below the header.", line=first_line)
    return Layout(delimiter, names, first_line, rows, len(names), first_line, notes)


def _is_header(cells: list[str]) -> bool:
    # Mostly words: a header. Mostly numbers: a data row whose odd cells get a precise error later.
    return 2 * sum(1 for cell in cells if looks_numeric(cell)) <= len(cells)


def check_enough_columns(layout: Layout, where: str) -> None:
    if layout.width < 2:
        raise DataError(where, "the table has only 1 column; it needs at least one feature column and "
                               "a label column",
                        "Separate the columns with commas, semicolons, tabs or spaces.", line=layout.width_line)


@dataclass
class Roles:
    label: int  # 0-based column
    ignored: dict[int, str]  # 0-based column: why ("asked" or "index")
    guess_index: bool  # whether a first column of row numbers may still be found in the values


def choose_roles(header: list[str] | None, width: int, target: str | None, ignore: tuple[str, ...],
                 where: str) -> Roles:
    if target is not None and str(target).strip():
        label = resolve_column(str(target), header, width, where, "target")
    else:
        label = default_label(header, width)
    ignored: dict[int, str] = {}
    explicit = [ref for ref in ignore if str(ref).strip().lower() != IGNORE_NOTHING
                or (header and IGNORE_NOTHING in (name.lower() for name in header))]
    for ref in explicit:
        column = resolve_column(str(ref), header, width, where, "ignore")
        if column == label:
            raise DataError(where, f"column {column + 1} ({column_name(header, column)}) is the label, so it "
                                   "cannot also be ignored",
                            "Choose another label column (target), or remove it from the ignore list.")
        ignored[column] = "asked"
    guess_index = not ignore and label != 0
    if guess_index and header is not None and (header[0] == "" or header[0].lower().startswith("unnamed")) \
            and width - len(ignored) >= 3:  # a label and a feature must be left
        ignored[0] = "index"
        guess_index = False
    if len(ignored) >= width - 1:
        raise DataError(where, "no feature columns are left once the ignored columns are left out",
                        "Ignore fewer columns: the model needs at least one feature.")
    return Roles(label, ignored, guess_index)


def default_label(header: list[str] | None, width: int) -> int:
    if header is not None:
        named = [index for index, name in enumerate(header) if name.strip().lower() in LABEL_NAMES]
        if named:
            return named[-1]
    return width - 1


def resolve_column(ref: str, header: list[str] | None, width: int, where: str, option: str) -> int:
    """The 0-based column a name (any case) or a 1-based number refers to."""
    text = ref.strip()
    if header is not None:
        for wanted in (text, text.lower()):
            matches = [i for i, name in enumerate(header) if (name if wanted is text else name.lower()) == wanted]
            if matches:
                return matches[0]
    if text.isdigit() and 1 <= int(text) <= width:
        return int(text) - 1
    names = ", ".join(repr(name) for name in header) if header is not None else "(no header row)"
    raise DataError(where, f"the {option} column {text!r} is not in the table",
                    f"Give a column name or a number from 1 to {width}. The columns: {names}.")


def column_name(header: list[str] | None, column: int) -> str:
    if header is not None and header[column]:
        return repr(header[column])
    return f"x{column + 1}"


def is_row_numbering(values: np.ndarray) -> bool:
    """Whether a column counts the rows (1..N or 0..N-1): a row number, not something to learn from."""
    rows = values.shape[0]
    if rows < 3:
        return False
    start = values[0]
    return start in (0.0, 1.0) and bool(np.array_equal(values, np.arange(rows, dtype=np.float64) + start))


def hint_shape() -> str:
    return _HINT_SHAPE
