"""The reader's one error type and the small text helpers its messages share."""

from __future__ import annotations

_CELL_PREVIEW_CHARS = 24


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


def preview(cell: str) -> str:
    """A cell's text for a message: quoted, and shortened when long."""
    shown = cell if len(cell) <= _CELL_PREVIEW_CHARS else cell[:_CELL_PREVIEW_CHARS - 1] + "…"
    return repr(shown)


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
