"""From a file to lines of cells: size and binary checks, gzip, text encodings, comments, delimiters, quoting.

A binary file is refused from its first bytes, before the rest is read. Text is UTF-8 (with or without BOM),
UTF-16 with BOM (Excel's "Unicode text"), or else read as Windows-1252 with a note saying so. ``#`` starts a
comment only at the start of a line, so ``#`` inside a name or a cell is just a character.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from .table_errors import DataError

MAX_FILE_BYTES = 1 << 30  # 1 GiB: far beyond any table this trainer is meant for, short of exhausting memory
DELIMITERS = (",", ";", "\t", " ")  # the values of Table.delimiter; " " means any run of whitespace
HEAD_BYTES = 8192  # enough to recognise a binary file without reading it whole
GZIP_MAGIC = b"\x1f\x8b"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_DELIMITER_SAMPLE_LINES = 20

HINT_TEXT_TABLE = "Choose a CSV text file (.csv or .csv.gz), not a spreadsheet or another binary file."
_SAVE_AS_CSV = "In the spreadsheet program choose Save As → 'CSV UTF-8 (comma delimited)' and open that file."
# First bytes of the binary files people pick by mistake, and what to call them.
_SIGNATURES = (
    (b"PK\x03\x04", "a zip archive, such as an Excel .xlsx or LibreOffice .ods workbook", _SAVE_AS_CSV),
    (b"\xd0\xcf\x11\xe0", "an old Excel .xls workbook (or another Office file)", _SAVE_AS_CSV),
    (b"%PDF", "a PDF document", HINT_TEXT_TABLE),
    (b"\x89PNG", "a PNG image", HINT_TEXT_TABLE),
    (b"\xff\xd8\xff", "a JPEG image", HINT_TEXT_TABLE),
    (b"SQLite format 3\x00", "an SQLite database", "Export the table as CSV first."),
    (b"PAR1", "a Parquet file", "Export the table as CSV first."),
    (b"\x93NUMPY", "a NumPy .npy array", "Save it as text with numpy.savetxt(path, array, delimiter=',')."),
    (b"\x7fELF", "a program", HINT_TEXT_TABLE),
)


# --- the file's bytes ---------------------------------------------------------------------------

def read_file_bytes(name: str) -> bytes:
    """The file's bytes; a binary file is refused from its first HEAD_BYTES, before the rest is read."""
    with _reading(name):
        _check_regular_file(name)
        with open(name, "rb") as handle:
            head = handle.read(HEAD_BYTES)
            check_head(head, name)
            return head + handle.read(MAX_FILE_BYTES + 1 - len(head))


def read_file_head(name: str) -> tuple[bytes, int]:
    """(the first HEAD_BYTES, the file's size), with the same checks and refusals as read_file_bytes."""
    with _reading(name):
        size = _check_regular_file(name)
        with open(name, "rb") as handle:
            head = handle.read(HEAD_BYTES)
        check_head(head, name)
        return head, size


def _check_regular_file(name: str) -> int:
    info = os.stat(name)
    if stat.S_ISDIR(info.st_mode):
        raise DataError(name, "this is a folder, not a file", "Choose a .csv or .csv.gz file inside it.")
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO or a device could block forever or never end.
        raise DataError(name, "this is not a regular file", "Choose a .csv or .csv.gz file.")
    if info.st_size > MAX_FILE_BYTES:
        raise too_large(name, info.st_size)
    return info.st_size


@contextmanager
def _reading(name: str) -> Iterator[None]:
    """Turn the operating system's errors about ``name`` into DataErrors that say what to do."""
    try:
        yield
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


def check_head(head: bytes, where: str) -> None:
    """Refuse a known binary format or NUL bytes in the first bytes (gzip is checked after decompressing)."""
    for magic, kind, hint in _SIGNATURES:
        if head.startswith(magic):
            raise DataError(where, f"the file is {kind}, not a text table", hint)
    if head.startswith(GZIP_MAGIC) or head.startswith(_UTF16_BOMS):
        return
    nul = head.find(b"\x00")
    if nul >= 0:  # NUL bytes are the surest sign of a binary file
        raise nul_error(where, head[:nul].decode("utf-8", "replace"))


def too_large(where: str, size: int) -> DataError:
    return DataError(where, f"the table is {size / 2**30:.1f} GiB; tables over 1 GiB are not supported",
                     "This trainer is made for small tables: use a sample of the rows.")


def decompress_if_gzip(raw: bytes, where: str) -> bytes:
    if not raw.startswith(GZIP_MAGIC):
        return raw
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as archive:
            data = archive.read(MAX_FILE_BYTES + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise DataError(where, f"the file is gzip-compressed but cannot be decompressed ({error})",
                        "It may be truncated or damaged: download or compress it again.") from None
    if len(data) > MAX_FILE_BYTES:
        raise too_large(where, len(data))
    check_head(data[:HEAD_BYTES], where)
    return data


# --- bytes to text ------------------------------------------------------------------------------

def decode(data: bytes, where: str) -> tuple[str, str | None]:
    """(text, a note when the encoding had to be guessed)."""
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            line = line_of_offset(data[:error.start].decode("utf-16", "replace"))
            raise DataError(where, "the file does not look like a text table (its UTF-16 text is damaged)",
                            "Save the table as CSV with UTF-8 encoding.", line=line) from None
        if "\x00" in text:
            raise nul_error(where, text[:text.index("\x00")])
        return text, None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise nul_error(where, data[:nul].decode("utf-8", "replace"))
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = line_of_offset(data[:error.start].decode("utf-8", "replace"))
        byte = data[error.start]
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252 (cp1252), Excel's usual encoding on Windows"
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined
        text, encoding = data.decode("latin-1"), "Latin-1 (ISO-8859-1)"
    note = (f"The file is not UTF-8 text (line {line} has the byte 0x{byte:02X}); it was read as {encoding}. "
            "Save it as 'CSV UTF-8' to be sure every character is read as you wrote it.")
    return text, note


def nul_error(where: str, text_before: str) -> DataError:
    return DataError(where, "the file does not look like a text table (it contains NUL bytes)", HINT_TEXT_TABLE,
                     line=line_of_offset(text_before))


def line_of_offset(text_before: str) -> int:
    return normalise_newlines(text_before).count("\n") + 1


def normalise_newlines(text: str) -> str:
    # CRLF (Windows), LF and a lone CR (classic Mac) all end a line, as in Python's universal newlines.
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


# --- text to lines and cells --------------------------------------------------------------------

def content_lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, stripped text) of every line with content; a line starting with # is a comment."""
    content = []
    for number, line in enumerate(normalise_newlines(text).split("\n"), start=1):
        line = line.strip()
        if line and line[0] != "#":
            content.append((number, line))
    return content


def detect_delimiter(sample: list[str]) -> str:
    """The delimiter that splits the first lines consistently; whitespace when no character does."""
    for candidate in (";", "\t", ","):
        counts = [line.count(candidate) for line in sample]
        if counts[0] > 0 and all(c == counts[0] for c in counts):
            if candidate == "\t" and any(not cell.strip() for line in sample for cell in line.split("\t")):
                continue  # runs of tabs align columns: a whitespace-separated table
            return candidate
    # A ragged line among the first ones: take the character half the lines use, so the error says "ragged".
    best = max((";", ","), key=lambda candidate: sum(candidate in line for line in sample))
    if 2 * sum(best in line for line in sample) >= len(sample):
        return best
    return " "


def split_cells(line: str, delimiter: str) -> list[str]:
    """The stripped cells of one line; a line with double quotes follows Python's csv rules."""
    if '"' in line:
        if delimiter == " ":
            line = line.replace("\t", " ")
        cells = next(csv.reader([line], delimiter=delimiter, skipinitialspace=True))
        if delimiter == " ":
            cells = [cell for cell in cells if cell.strip()]
        return [cell.strip() for cell in cells]
    if delimiter == " ":
        return line.split()
    return [cell.strip() for cell in line.split(delimiter)]


def sample_lines(content: list[tuple[int, str]]) -> list[str]:
    return [line for _, line in content[:_DELIMITER_SAMPLE_LINES + 1]]
