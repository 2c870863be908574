"""Property tests of the table reader: any bytes give a Table or a DataError, valid tables round-trip."""

from __future__ import annotations

import gzip

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from diabetes_trainer.core import table_cells, table_text
from diabetes_trainer.core.data import DataError, ReadOptions, parse_table_bytes

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Errors about the file as a whole; every other error points at a line.
FILE_LEVEL_REASONS = ("empty", "no data rows", "gzip", "GiB", "not a text table")

TABLE_CHARACTERS = list("0123456789.,;\t \n\r#-+eE\"'nafiNAx_") + ["\x00", "\xa0", "\u0661", "\ufeff", "\u2028",
                                                                   "\x0b", "\x1c", "\xe9"]
table_like_text = st.text(alphabet=st.sampled_from(TABLE_CHARACTERS), max_size=200)


FLOAT32 = st.floats(width=32, allow_nan=False, allow_infinity=False)
# Rounded to fewer digits, values near the float32 limit would overflow: keep a margin for the table tests.
TABLE_FLOAT32 = st.floats(min_value=-2.0**126, max_value=2.0**126, width=32)
LABEL = st.sampled_from([0.0, 1.0])
FORMATS = {
    "repr": lambda value: repr(float(value)),  # exact: parses back to the very float32
    "g": lambda value: f"{value:.9g}",
    "e": lambda value: f"{value:.3E}",
    "short": lambda value: f"{value:.2f}",
}
COMMENT = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=12)
NEWLINES = ("\n", "\r\n", "\r")


@st.composite
def valid_tables(draw, compressed=True):
    """(file bytes, expected features, expected labels, header or None, delimiter, cell style)."""
    rows = draw(st.integers(1, 25))
    columns = draw(st.integers(2, 9))
    delimiter = draw(st.sampled_from([",", ";", "\t", " "]))
    style = draw(st.sampled_from(sorted(FORMATS)))
    padded = draw(st.booleans())
    newline = draw(st.sampled_from(NEWLINES))
    cells = [[FORMATS[style](value) for value in [*draw(st.lists(TABLE_FLOAT32, min_size=columns - 1,
                                                                   max_size=columns - 1)), draw(LABEL)]]
             for _ in range(rows)]
    header = None
    lines = []
    if draw(st.booleans()):
        prefix = draw(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCXYZ_", max_size=6))
        header = [f"c{prefix}{index}" for index in range(columns)]
        quote = draw(st.sampled_from(["", '"', "'"]))
        lines.append(delimiter.join(f"{quote}{name}{quote}" for name in header))
    for row in cells:
        lines.append(delimiter.join(f" {cell} " if padded else cell for cell in row))
    # Comment lines (a # at the start only) and blank lines anywhere, including before the header and at the end.
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(lines)))
        lines.insert(position, draw(st.sampled_from(["", "   ", "#", "# " + draw(COMMENT)])))
    text = newline.join(lines) + newline * draw(st.integers(0, 3))
    raw = text.encode("utf-8")
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw
    if compressed and draw(st.booleans()):
        raw = gzip.compress(raw, mtime=0)
    values = np.array([[float(cell) for cell in row] for row in cells]).astype(np.float32)
    return raw, values, header, delimiter, padded


@st.composite
def mutated_tables(draw):
    """A valid table with a few characters replaced, deleted or inserted: errors deep inside the rows."""
    text = bytearray(draw(valid_tables(compressed=False))[0])
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(TABLE_CHARACTERS)).encode("utf-8")
        action = draw(st.sampled_from(["replace", "delete", "insert"]))
        end = position + (0 if action == "insert" else 1)
        text[position:end] = b"" if action == "delete" else piece
    return bytes(text)


any_input = st.one_of(
    st.binary(max_size=300),
    table_like_text.map(lambda text: text.encode("utf-8")),
    table_like_text.map(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8")),
    table_like_text.map(lambda text: text.encode("utf-16")),
    table_like_text.map(lambda text: gzip.compress(text.encode("utf-8"), mtime=0)),
    st.binary(max_size=60).map(lambda raw: b"\x1f\x8b" + raw),
    mutated_tables(),
)


def line_count_bound(raw: bytes) -> int | None:
    """At least as many lines as the text has (exact for UTF-8); None when gzip data cannot be unpacked."""
    if raw.startswith(b"\x1f\x8b"):
        try:
            raw = gzip.decompress(raw)
        except Exception:
            return None
    return raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


@FAST
@given(any_input)
def test_any_bytes_give_a_table_or_a_located_data_error(raw):
    try:
        table = parse_table_bytes(raw, "fuzz.csv")
    except DataError as error:
        assert str(error).startswith("fuzz.csv")
        assert error.reason and error.hint
        if error.line is None:
            assert any(word in error.reason for word in FILE_LEVEL_REASONS), str(error)
            assert error.column is None
        else:
            bound = line_count_bound(raw)
            assert error.line >= 1 and (bound is None or error.line <= bound), str(error)
            assert error.column is None or error.column >= 1
        return
    assert table.features.dtype == np.float32 and table.labels.dtype == np.float32
    assert table.rows >= 1 and table.n_features >= 1
    assert table.labels.shape == (table.rows, 1)
    assert np.isfinite(table.features).all() and np.isfinite(table.labels).all()
    assert ((table.labels >= 0) & (table.labels <= 1)).all()
    assert table.header is None or len(table.header) == len(table.columns)
    assert sum(role == "feature" for _, role in table.columns) == table.n_features


@FAST
@given(valid_tables())
def test_valid_tables_round_trip_to_the_same_float32_values(case):
    raw, values, header, delimiter, padded = case
    table = parse_table_bytes(raw, "generated.csv", ReadOptions(ignore=("none",)))  # no row-number guess
    assert table.features.tobytes() == np.ascontiguousarray(values[:, :-1]).tobytes()
    assert table.labels.tobytes() == np.ascontiguousarray(values[:, [-1]]).tobytes()
    assert table.header == header
    if not padded:
        assert table.delimiter == delimiter


@FAST
@given(st.lists(FLOAT32, min_size=2, max_size=20))
def test_exact_text_gives_back_the_very_float32_values(numbers):
    labels = [0.0] * len(numbers)
    text = "\n".join(f"{float(value)!r},{label}" for value, label in zip(numbers, labels))
    table = parse_table_bytes(text.encode(), "exact.csv")
    assert table.features[:, 0].tobytes() == np.array(numbers, dtype=np.float32).tobytes()


CELL = st.one_of(
    FLOAT32.map(lambda value: repr(float(value))),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda value: f"{value:.17g}"),
    st.text(alphabet=st.sampled_from(list("0123456789.eE+-_ \"'nafiINtyx") + ["\xa0", "\u0661", "\u2028"]),
            max_size=6),
)


@FAST
@given(st.integers(1, 4), st.sampled_from([",", ";", " "]), st.data())
def test_the_fast_path_accepts_only_what_the_strict_pass_accepts(width, delimiter, draw):
    """np.loadtxt (fast) must never be more lenient than the reference cell-by-cell pass, nor disagree."""
    rows = draw.draw(st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=5))
    lines = [(number, delimiter.join(row).strip()) for number, row in enumerate(rows, start=1)]
    assume(all(line for _, line in lines))
    expected = len(table_text.split_cells(lines[0][1], delimiter))
    fast = table_cells._parse_fast(lines, delimiter)
    try:
        block = table_cells._parse_strict(lines, delimiter, expected, 1, "cells.csv", expected - 1, frozenset())
        strict = block.values if block.missing is None and not block.texts else None
    except DataError:
        strict = None
    fast_accepted = fast is not None and fast.shape[1] == expected and bool(np.isfinite(fast).all())
    if fast_accepted:
        assert strict is not None, f"loadtxt accepted {lines!r}, the strict pass did not"
        assert fast.tobytes() == strict.tobytes()
