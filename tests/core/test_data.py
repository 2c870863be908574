"""The table reader: the formats people have, the refusals with file/line/column, and np.loadtxt parity."""

from __future__ import annotations

import gzip
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from diabetes_trainer.core import table_cells, table_text
from diabetes_trainer.core.data import DataError, Table, parse_table_bytes, read_table

REPO_ROOT = Path(__file__).parents[2]

ROWS = [[0.5, -0.25, 1.0], [-1.0, 0.125, 0.0], [0.75, 0.0, 1.0]]
EXPECTED_FEATURES = np.array([row[:-1] for row in ROWS], dtype=np.float32)
EXPECTED_LABELS = np.array([[row[-1]] for row in ROWS], dtype=np.float32)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def csv_text(delimiter: str = ",", newline: str = "\n") -> str:
    return newline.join(delimiter.join(repr(value) for value in row) for row in ROWS) + newline


def assert_rows(table: Table) -> None:
    np.testing.assert_array_equal(table.features, EXPECTED_FEATURES)
    np.testing.assert_array_equal(table.labels, EXPECTED_LABELS)


def refusal(path: Path, line: int | None = None, column: int | None = None) -> DataError:
    with pytest.raises(DataError) as caught:
        read_table(path)
    error = caught.value
    assert error.path == str(path)
    assert str(error).startswith(f"{path}")
    assert (error.line, error.column) == (line, column), str(error)
    assert error.reason and error.hint, "every refusal says what is wrong and what to do"
    return error


# --- accepted formats ---------------------------------------------------------------------------------

def test_plain_comma_table(tmp_path):
    table = read_table(write(tmp_path, "t.csv", csv_text()))
    assert_rows(table)
    assert table.features.dtype == np.float32 and table.labels.dtype == np.float32
    assert table.features.flags.c_contiguous and table.labels.flags.c_contiguous
    assert (table.rows, table.n_features, table.positives) == (3, 2, 2)
    assert table.header is None and table.delimiter == ","
    assert table.feature_names == ["x1", "x2"] and table.label_name == "y"


def test_summary_is_json_safe(tmp_path):
    path = write(tmp_path, "t.csv", "a,b,label\n" + csv_text())
    summary = read_table(path).summary()
    assert json.loads(json.dumps(summary)) == {"path": str(path), "rows": 3, "features": 2, "positives": 2,
                                               "header": ["a", "b", "label"], "feature_names": ["a", "b"],
                                               "label_name": "label", "notes": [], "label_mapping": None,
                                               "scale_off": False}


def test_path_like_and_str_are_both_accepted(tmp_path):
    path = write(tmp_path, "t.csv", csv_text())
    assert_rows(read_table(path))
    assert_rows(read_table(str(path)))


@pytest.mark.parametrize("name", ["t.csv.gz", "t.csv", "t.dat"])
def test_gzip_is_detected_by_its_magic_bytes_not_the_name(tmp_path, name):
    table = read_table(write(tmp_path, name, gzip.compress(csv_text().encode())))
    assert_rows(table)


def test_a_gz_name_on_plain_text_is_read_as_text(tmp_path):
    assert_rows(read_table(write(tmp_path, "t.csv.gz", csv_text())))


@pytest.mark.parametrize(("delimiter", "expected"), [(",", ","), (";", ";"), ("\t", "\t"), (" ", " "),
                                                     ("   ", " "), (" \t ", "\t"), ("\t\t", " ")])
def test_delimiters_are_detected(tmp_path, delimiter, expected):
    table = read_table(write(tmp_path, "t.csv", csv_text(delimiter)))
    assert_rows(table)
    assert table.delimiter == expected


def test_header_is_detected_and_names_are_cleaned(tmp_path):
    path = write(tmp_path, "t.csv", ' "glucose" , \'bmi\',  Outcome \n' + csv_text())
    table = read_table(path)
    assert_rows(table)
    assert table.header == ["glucose", "bmi", "Outcome"]
    assert table.feature_names == ["glucose", "bmi"] and table.label_name == "Outcome"


def test_header_with_semicolons_and_whitespace_tables(tmp_path):
    assert read_table(write(tmp_path, "a.csv", "a;b;y\n" + csv_text(";"))).header == ["a", "b", "y"]
    assert read_table(write(tmp_path, "b.csv", "a  b\ty\n" + csv_text("  "))).header == ["a", "b", "y"]


@pytest.mark.parametrize("header", ["", "a,b,y\n"])
def test_utf8_bom_is_ignored(tmp_path, header):
    table = read_table(write(tmp_path, "t.csv", b"\xef\xbb\xbf" + (header + csv_text()).encode()))
    assert_rows(table)
    assert table.header == (["a", "b", "y"] if header else None)


def test_utf16_with_bom_as_excel_writes_it(tmp_path):
    table = read_table(write(tmp_path, "t.txt", ("a\tb\ty\r\n" + csv_text("\t", "\r\n")).encode("utf-16")))
    assert_rows(table)
    assert table.header == ["a", "b", "y"]


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_line_endings(tmp_path, newline):
    assert_rows(read_table(write(tmp_path, "t.csv", csv_text(newline=newline))))


def test_blank_lines_comments_and_padding(tmp_path):
    text = ("# exported by hand\n\n   \n"
            "  0.5 , -0.25 ,1.0   \n"
            "  # an indented comment line\n"
            "\n"
            "#-1,-1,-1\n"
            "-1.0,0.125,0.0\n"
            "\t0.75,\t0.0,\t1.0\n"
            "\n\n# the end\n\n")
    assert_rows(read_table(write(tmp_path, "t.csv", text)))


def test_feature_width_comes_from_the_file(tmp_path):
    rng = np.random.default_rng(7)
    for width in (1, 3, 12):
        values = np.round(rng.uniform(-1, 1, (5, width)), 4)
        labels = np.array([0, 1, 1, 0, 1])
        text = "\n".join(",".join([*map(str, row), str(label)]) for row, label in zip(values, labels))
        table = read_table(write(tmp_path, f"w{width}.csv", text))
        assert table.features.shape == (5, width)
        np.testing.assert_array_equal(table.features, values.astype(np.float32))
        np.testing.assert_array_equal(table.labels[:, 0], labels.astype(np.float32))


def test_quoted_numbers_are_accepted(tmp_path):
    text = "\n".join(",".join(f'"{value!r}"' for value in row) for row in ROWS)
    assert_rows(read_table(write(tmp_path, "t.csv", text)))


def test_number_spellings(tmp_path):
    table = read_table(write(tmp_path, "t.csv", "+1.5e-1,.5,5.,-0,1E0\n"))
    np.testing.assert_array_equal(table.features, np.array([[0.15, 0.5, 5.0, 0.0]], dtype=np.float32))
    assert table.labels[0, 0] == 1


def test_a_label_between_0_and_1_is_refused_with_line_and_column(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "1,0\n2,1\n3,0.5\n4,1\n"), line=3, column=2)
    assert error.reason == "the label ('y') is 0.5; a label must be 0 or 1"


def test_values_agree_with_loadtxt_past_one_block(tmp_path):
    rng = np.random.default_rng(3)
    rows = table_cells.BLOCK_ROWS * 2 + 17
    xy = np.column_stack([rng.standard_normal((rows, 4)), rng.integers(0, 2, rows)])
    path = write(tmp_path, "big.csv", "\n".join(",".join(f"{v:.7g}" for v in row) for row in xy))
    table = read_table(path)
    expected = np.loadtxt(path, delimiter=",", dtype=np.float32)
    assert table.features.tobytes() == expected[:, :-1].tobytes()
    assert table.labels.tobytes() == expected[:, [-1]].tobytes()


# --- parity with the tutorial's np.loadtxt ------------------------------------------------------------

def test_bitwise_parity_with_loadtxt_on_the_tutorial_data(tutorial_data):
    # tutorial_data (tests/conftest.py) is ../shared/data/diabetes.csv.gz beside the repo, or a skip saying so.
    expected = np.loadtxt(tutorial_data, delimiter=",", dtype=np.float32)
    table = read_table(tutorial_data)
    assert table.features.shape == (759, 8) and table.labels.shape == (759, 1)
    assert table.features.dtype == expected.dtype == table.labels.dtype
    assert table.features.tobytes() == expected[:, :-1].tobytes()
    assert table.labels.tobytes() == expected[:, [-1]].tobytes()
    assert table.positives == 496


def test_the_strict_cell_by_cell_pass_has_the_same_parity(tutorial_data):
    # Quoting every cell sends the whole file through the strict pass instead of np.loadtxt.
    text = gzip.decompress(tutorial_data.read_bytes()).decode()
    quoted = "\n".join(",".join(f'"{cell}"' for cell in line.split(",")) for line in text.splitlines())
    table = parse_table_bytes(quoted.encode(), "quoted.csv")
    expected = np.loadtxt(tutorial_data, delimiter=",", dtype=np.float32)
    assert table.features.tobytes() == expected[:, :-1].tobytes()
    assert table.labels.tobytes() == expected[:, [-1]].tobytes()


# --- refusals -----------------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    error = refusal(tmp_path / "nope.csv")
    assert "does not exist" in error.reason


def test_directory(tmp_path):
    error = refusal(tmp_path)
    assert "folder" in error.reason


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = write(tmp_path, "t.csv", csv_text())
    path.chmod(0)
    try:
        error = refusal(path)
    finally:
        path.chmod(0o644)
    assert "permission denied" in error.reason


def test_permission_error_while_opening(tmp_path, monkeypatch):
    # Also covers running as root, where chmod 0 does not stop reading.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(table_text, "open", refuse, raising=False)
    assert "permission denied" in refusal(write(tmp_path, "t.csv", csv_text())).reason


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")
def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    assert "not a regular file" in refusal(fifo).reason


def test_not_a_path():
    with pytest.raises(DataError) as caught:
        read_table(3)  # an int would otherwise open file descriptor 3
    assert "not a file path" in str(caught.value)


def test_a_nul_in_the_path(tmp_path):
    assert "cannot be read" in refusal(Path(f"{tmp_path}/a\0b.csv")).reason


@pytest.mark.parametrize("content", ["", "\n\n  \n", "\r\n"])
def test_empty_file(tmp_path, content):
    assert "empty" in refusal(write(tmp_path, "t.csv", content)).reason


def test_only_comments(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "# a comment\n\n# another\n"))
    assert "no data rows" in error.reason


def test_nul_bytes_say_the_file_is_not_a_text_table(tmp_path):
    error = refusal(write(tmp_path, "t.csv", b"1,0\n1,1\n\x00\x01\x02"), line=3)
    assert "does not look like a text table" in error.reason


def test_invalid_utf8_is_read_as_cp1252_and_the_bad_cell_named(tmp_path):
    error = refusal(write(tmp_path, "t.csv", b"1,0\r\n1,1\r\n1\xe9,0\r\n"), line=3, column=1)
    assert error.reason == "the cell '1é' is not a number"


def test_corrupt_gzip(tmp_path):
    truncated = gzip.compress(csv_text().encode() * 50)[:40]
    error = refusal(write(tmp_path, "t.csv.gz", truncated))
    assert "cannot be decompressed" in error.reason


def test_ragged_row_names_both_lines(tmp_path):
    text = "# comment\n\n1,2,3,1\n\n1,2,3,0\n1,2,1\n"
    error = refusal(write(tmp_path, "t.csv", text), line=6)
    assert error.reason == "the row has 3 cells, expected 4 as on line 3"


def test_header_and_rows_of_different_widths(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "a,b,y\n1,2,3,1\n"), line=2)
    assert error.reason == "the row has 4 cells, expected 3 as on line 1"


def test_ragged_row_in_a_later_block(tmp_path):
    rows = ["0.5,0.25,1"] * (table_cells.BLOCK_ROWS + 100)
    rows[table_cells.BLOCK_ROWS + 50] = "0.5,1"
    refusal(write(tmp_path, "t.csv", "\n".join(rows)), line=table_cells.BLOCK_ROWS + 51)


def test_non_numeric_cell_names_line_column_and_text(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "1,2,1\n\n3,abc,0\n"), line=3, column=2)
    assert error.reason == "the cell 'abc' is not a number"


def test_long_cell_text_is_shortened(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "1,2,1\n3," + "x" * 500 + ",0\n"), line=2, column=2)
    assert "x" * 20 in error.reason and "x" * 40 not in error.reason and "…" in error.reason


def test_bad_cell_in_a_later_block(tmp_path):
    rows = ["0.5,0.25,1"] * (table_cells.BLOCK_ROWS * 2)
    rows[-3] = "0.5,?,1"
    refusal(write(tmp_path, "t.csv", "\n".join(rows)), line=len(rows) - 2, column=2)


@pytest.mark.parametrize(("text", "column"), [("1,,1\n", 2), ("1,2,\n", 3)])
def test_empty_cell(tmp_path, text, column):
    assert "empty" in refusal(write(tmp_path, "t.csv", text), line=1, column=column).reason


def test_decimal_comma_gets_a_specific_hint(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "1;0,5;1\n2;0,25;0\n"), line=1, column=2)
    assert "decimal point" in error.hint


@pytest.mark.parametrize(("cell", "word"), [("nan", "NaN"), ("NaN", "NaN"), ("-inf", "infinite"),
                                            ("Infinity", "infinite")])
def test_nan_and_infinity(tmp_path, cell, word):
    error = refusal(write(tmp_path, "t.csv", f"1,2,1\n3,{cell},0\n"), line=2, column=2)
    assert word in error.reason


def test_nan_in_a_later_block(tmp_path):
    rows = ["0.5,0.25,1"] * (table_cells.BLOCK_ROWS + 10)
    rows[table_cells.BLOCK_ROWS + 5] = "nan,0.25,1"
    refusal(write(tmp_path, "t.csv", "\n".join(rows)), line=table_cells.BLOCK_ROWS + 6, column=1)


def test_number_too_large_for_float32(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "1,2,1\n3,1e39,0\n"), line=2, column=2)
    assert "too large" in error.reason


@pytest.mark.parametrize("label", ["2", "-1", "1.5"])
def test_labels_outside_0_1(tmp_path, label):
    error = refusal(write(tmp_path, "t.csv", f"# c\n1,2,1\n3,4,{label}\n"), line=3, column=3)
    assert "must be 0 or 1" in error.reason


def test_a_single_column(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "\n1\n0\n"), line=2)
    assert "only 1 column" in error.reason


def test_a_single_column_with_header(tmp_path):
    assert "only 1 column" in refusal(write(tmp_path, "t.csv", "label\n1\n0\n"), line=1).reason


def test_header_only(tmp_path):
    error = refusal(write(tmp_path, "t.csv", "# c\na,b,label\n\n"), line=2)
    assert "no data rows" in error.reason


def test_mostly_numeric_first_row_is_data_not_a_header(tmp_path):
    refusal(write(tmp_path, "t.csv", "1,2,x\n1,2,1\n"), line=1, column=3)


def test_file_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(table_text, "MAX_FILE_BYTES", 64)
    error = refusal(write(tmp_path, "t.csv", csv_text() * 10))
    assert "not supported" in error.reason


def test_gzip_that_expands_over_the_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(table_text, "MAX_FILE_BYTES", 200)
    compressed = gzip.compress(b"0,0\n" * 1000)
    assert len(compressed) < 200
    assert "not supported" in refusal(write(tmp_path, "t.csv.gz", compressed)).reason


# --- the error itself ---------------------------------------------------------------------------------

def test_error_text_format():
    assert str(DataError("d.csv", "bad", "Fix it.", line=12, column=3)) == "d.csv, line 12, column 3: bad. Fix it."
    assert str(DataError("d.csv", "bad", "Fix it.", line=12)) == "d.csv, line 12: bad. Fix it."
    assert str(DataError("d.csv", "bad", "Fix it.")) == "d.csv: bad. Fix it."
    assert isinstance(DataError("d.csv", "bad"), ValueError)


def test_error_survives_pickling_between_processes():
    error = DataError("d.csv", "bad", "Fix it.", line=4, column=2)
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.reason, copy.hint, copy.line, copy.column) == ("d.csv", "bad", "Fix it.", 4, 2)
    assert str(copy) == str(error)


def test_the_reader_does_not_import_torch():
    code = "import sys, diabetes_trainer.core.data; sys.exit('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, timeout=60)
    assert result.returncode == 0, result.stderr or "diabetes_trainer.core.data imported torch"
