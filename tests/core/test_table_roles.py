"""The reader on real-shaped tables made here: column roles, text labels, missing values, encodings, notes."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pytest

from diabetes_trainer.core.data import DataError, ReadOptions, Table, read_table
from diabetes_trainer.core.table_scale import fit_standardizer, standardize

PIMA_HEADER = ("Pregnancies,Glucose,BloodPressure,SkinThickness,Insulin,BMI,DiabetesPedigreeFunction,Age,"
               "Outcome")


def pima_like(rows: int = 60, seed: int = 1) -> np.ndarray:
    """Raw values shaped like the Kaggle Pima table (not the table itself): integers, a 0-846 insulin, 0/1."""
    rng = np.random.default_rng(seed)
    columns = [rng.integers(0, 15, rows), rng.integers(60, 200, rows), rng.integers(40, 110, rows),
               rng.integers(0, 60, rows), rng.integers(0, 847, rows), np.round(rng.uniform(18, 60, rows), 1),
               np.round(rng.uniform(0.078, 2.42, rows), 3), rng.integers(21, 81, rows), rng.integers(0, 2, rows)]
    table = np.column_stack(columns).astype(np.float64)
    table[0, -1], table[1, -1] = 0, 1
    return table


def rows_text(values: np.ndarray) -> list[str]:
    return [",".join(f"{value:g}" for value in row) for row in values]


def write(tmp_path: Path, text: str | bytes, name: str = "t.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def read(path: Path, **options) -> Table:
    return read_table(path, ReadOptions(**options))


def refused(path: Path, **options) -> DataError:
    with pytest.raises(DataError) as caught:
        read(path, **options)
    assert caught.value.reason and caught.value.hint
    return caught.value


# --- column roles -------------------------------------------------------------------------------

def test_kaggle_pima_form_reads_with_names_and_a_scale_warning(tmp_path):
    values = pima_like()
    table = read(write(tmp_path, "\n".join([PIMA_HEADER, *rows_text(values)])))
    assert table.label_name == "Outcome" and table.feature_names[1] == "Glucose"
    assert table.features.shape == (60, 8)
    np.testing.assert_array_equal(table.labels[:, 0], values[:, -1].astype(np.float32))
    warning = [note for note in table.notes if "standardize" in note]
    assert len(warning) == 1 and "'Insulin'" in warning[0] or "'Glucose'" in warning[0], table.notes
    assert not [n for n in read(write(tmp_path, "\n".join([PIMA_HEADER, *rows_text(values)]), "s.csv"),
                                standardize=True).notes if "standardize" in n]


def test_the_label_first_header_trains_on_outcome_not_on_the_last_column(tmp_path):
    values = pima_like()
    names = PIMA_HEADER.split(",")
    header = ",".join([names[-1], *names[:-1]])
    lines = [header, *(",".join(f"{v:g}" for v in [row[-1], *row[:-1]]) for row in values)]
    table = read(write(tmp_path, "\n".join(lines)))
    assert table.label_name == "Outcome" and "Age" in table.feature_names
    np.testing.assert_array_equal(table.labels[:, 0], values[:, -1].astype(np.float32))
    assert [role for _, role in table.columns][:2] == ["label", "feature"]


@pytest.mark.parametrize("target", ["Age", "age", "8"])
def test_target_by_name_or_number(tmp_path, target):
    text = "a,b,c,Age,e,f,g,h,Outcome\n" + "\n".join(f"{i},{i % 3},2,{i % 2},1,1,1,1,5" for i in range(5, 12))
    text = text.replace("c,Age", "Age,c") if target == "8" else text
    table = read(write(tmp_path, text), target=target, ignore=("Outcome",))
    assert table.label_name == ("Age" if target != "8" else "h")


def test_unknown_target_lists_the_columns(tmp_path):
    error = refused(write(tmp_path, "a,b,Outcome\n1,2,0\n3,4,1\n"), target="Glucose")
    assert "'Glucose'" in error.reason and "'a', 'b', 'Outcome'" in error.hint


def test_ignore_by_name_and_number(tmp_path):
    table = read(write(tmp_path, "id,a,b,c,y\nx1,1,2,3,0\nx2,4,5,6,1\n"), ignore=("id", "3"))
    assert table.feature_names == ["a", "c"]
    assert any("Ignored as asked: 'id', 'b'" in note for note in table.notes)


def test_ignoring_the_label_is_refused(tmp_path):
    assert "is the label" in refused(write(tmp_path, "a,b,y\n1,2,0\n3,4,1\n"), ignore=("y",)).reason


@pytest.mark.parametrize("first_name", ["", "Unnamed: 0"])
def test_an_empty_named_first_column_is_ignored_with_a_note(tmp_path, first_name):
    text = f'"{first_name}","a","b","y"\n"r1",1,2,0\n"r2",3,4,1\n"r3",5,6,0\n'
    table = read(write(tmp_path, text))
    assert table.feature_names == ["a", "b"] and any("Column 1" in note for note in table.notes)


def test_r_write_table_header_without_a_row_name_cell(tmp_path):
    table = read(write(tmp_path, '"a" "b" "y"\n"1" 0.5 2 0\n"2" 0.1 3 1\n"3" 0.2 4 0\n'))
    assert table.feature_names == ["a", "b"] and table.rows == 3


def test_a_1_to_n_index_column_is_ignored_unless_asked(tmp_path):
    values = pima_like(20)
    lines = ["OBS," + PIMA_HEADER] + [f"{i}," + line for i, line in enumerate(rows_text(values), start=1)]
    path = write(tmp_path, "\n".join(lines))
    table = read(path)
    assert table.n_features == 8 and "OBS" not in table.feature_names
    assert any("counts the rows 1, 2, … 20" in note for note in table.notes)
    assert read(path, ignore=("none",)).n_features == 9


def test_an_all_empty_column_is_ignored_and_an_empty_label_explained(tmp_path):
    rows = (f"{i * 7},{'MB'[i % 2]},{i / 3:.2f},{i * 9}," for i in range(6))
    text = "id,diagnosis,radius,area,Unnamed: 5\n" + "\n".join(rows)
    table = read(write(tmp_path, text), target="diagnosis")
    assert table.feature_names == ["id", "radius", "area"] and table.label_mapping == {"B": 0, "M": 1}
    assert "Column 5 ('Unnamed: 5') has no values at all: ignored." in table.notes
    error = refused(write(tmp_path, text, "u.csv"))
    assert "has no values" in error.reason and "--target" in error.hint


# --- labels -------------------------------------------------------------------------------------

def test_yes_no_labels_are_mapped_and_the_mapping_reported(tmp_path):
    table = read(write(tmp_path, "a,b,Diabetic\n1,2,Yes\n3,4,No\n5,6,Yes\n"))
    np.testing.assert_array_equal(table.labels[:, 0], [1, 0, 1])
    assert table.label_mapping == {"No": 0, "Yes": 1}
    assert any("No → 0, Yes → 1" in note for note in table.notes)


def test_text_labels_without_a_negative_word_are_alphabetical_and_positive_overrides(tmp_path):
    path = write(tmp_path, "a,b,diagnosis\n1,2,malignant\n3,4,benign\n")
    assert read(path).label_mapping == {"benign": 0, "malignant": 1}
    table = read(path, positive="benign")
    assert table.label_mapping == {"malignant": 0, "benign": 1}
    np.testing.assert_array_equal(table.labels[:, 0], [0, 1])
    assert "'Up'" in refused(path, positive="Up").reason


@pytest.mark.parametrize(("values", "zero"), [(("tested_positive", "tested_negative"), "tested_negative"),
                                              (("diabetic", "non-diabetic"), "non-diabetic"),
                                              (("True", "False"), "False")])
def test_negative_words_inside_label_values(tmp_path, values, zero):
    table = read(write(tmp_path, f"a,class\n1,{values[0]}\n2,{values[1]}\n"))
    assert table.label_mapping[zero] == 0 and "reads as a negative word" in table.notes[-1]


def test_up_down_labels(tmp_path):
    table = read(write(tmp_path, "Lag1,Lag2,Direction\n0.1,0.2,Up\n-0.3,0.1,Down\n"))
    assert table.label_mapping == {"Down": 0, "Up": 1}


def test_three_label_values_are_refused_naming_them(tmp_path):
    error = refused(write(tmp_path, "a,b,class\n1,2,setosa\n3,4,versicolor\n5,6,virginica\n"))
    assert "'setosa', 'versicolor', 'virginica'" in error.reason and "two classes" in error.hint


def test_numeric_classes_0_1_2_are_refused_naming_them(tmp_path):
    error = refused(write(tmp_path, "a,b,class\n1,2,0\n3,4,1\n5,6,2\n"))
    assert "(0, 1, 2)" in error.reason and (error.line, error.column) == (4, 3)


def test_all_half_labels_are_refused(tmp_path):
    error = refused(write(tmp_path, "1,2,0.5\n3,4,0.5\n"))
    assert (error.line, error.column) == (1, 3) and "0.5" in error.reason


# --- missing values -----------------------------------------------------------------------------

@pytest.mark.parametrize("mark", ["", "NA", "N/A", "NaN", "?", "null"])
def test_missing_values_are_counted_and_dropped_on_request(tmp_path, mark):
    values = pima_like(30)
    lines = rows_text(values)
    for row in (3, 7, 8):
        cells = lines[row].split(",")
        cells[4] = mark
        lines[row] = ",".join(cells)
    path = write(tmp_path, "\n".join([PIMA_HEADER, *lines]))
    error = refused(path)
    assert error.reason.startswith("3 rows of 30 have missing values") and (error.line, error.column) == (5, 5)
    assert "--drop-missing" in error.hint
    table = read(path, drop_missing=True)
    assert table.rows == 27 and any("Dropped 3 rows with missing values" in note for note in table.notes)
    np.testing.assert_array_equal(table.features, np.delete(values, [3, 7, 8], axis=0)[:, :-1].astype(np.float32))


def test_text_labels_only_on_dropped_rows_leave_numeric_labels(tmp_path):
    table = read(write(tmp_path, "a,b,y\n1,2,0\nNA,3,Yes\n4,5,1\n"), drop_missing=True)
    np.testing.assert_array_equal(table.labels[:, 0], [0, 1])


def test_missing_values_in_an_ignored_column_do_not_count(tmp_path):
    table = read(write(tmp_path, "a,note,b,y\n1,NA,2,0\n3,,4,1\n"), ignore=("note",))
    assert table.rows == 2


# --- text ---------------------------------------------------------------------------------------

def test_cp1252_file_is_read_with_a_note(tmp_path):
    text = "Größe,Gewicht,Ergebnis\n1,2,Nein\n3,4,Ja\n"
    table = read(write(tmp_path, text.encode("cp1252")))
    assert table.feature_names == ["Größe", "Gewicht"]
    assert any("not UTF-8" in note and "cp1252" in note for note in table.notes)


def test_hash_and_quoted_comma_inside_header_names(tmp_path):
    table = read(write(tmp_path, '# made by hand\n"Blood, pressure",#pregnancies,y\n1,2,0\n3,4,1\n'))
    assert table.feature_names == ["Blood, pressure", "#pregnancies"]


def test_a_metadata_first_line_is_skipped_with_a_note(tmp_path):
    rng = np.random.default_rng(5)
    body = [",".join([*(f"{v:.3f}" for v in rng.uniform(0, 30, 5)), str(i % 2)]) for i in range(12)]
    table = read(write(tmp_path, "\n".join(["12,5,malignant,benign", *body])))
    assert table.rows == 12 and table.n_features == 5
    assert any("description line" in note and "Line 1" in note for note in table.notes)


@pytest.mark.parametrize(("head", "kind"), [(b"PK\x03\x04", "zip"), (b"\xd0\xcf\x11\xe0", ".xls"),
                                            (b"%PDF-1.7", "PDF")])
def test_a_binary_file_is_refused_from_its_first_bytes(tmp_path, head, kind, monkeypatch):
    path = write(tmp_path, head + b"\x00" * (1 << 20))
    reads = []
    real_open = open

    class Spy:
        def __init__(self, handle):
            self.handle = handle

        def read(self, size=-1):
            reads.append(size)
            return self.handle.read(size)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

    from diabetes_trainer.core import table_text
    monkeypatch.setattr(table_text, "open", lambda *a, **k: Spy(real_open(*a, **k)), raising=False)
    error = refused(path)
    assert kind in error.reason and reads == [table_text.HEAD_BYTES]


def test_gzip_of_a_workbook_is_refused_too(tmp_path):
    assert "zip" in refused(write(tmp_path, gzip.compress(b"PK\x03\x04" + b"x" * 100), "t.csv.gz")).reason


# --- standardisation and speed ------------------------------------------------------------------

def test_standardizer_uses_the_rows_it_is_given():
    rows = np.array([[1.0, 100.0], [3.0, 100.0]], dtype=np.float32)
    mean, std = fit_standardizer(rows)
    np.testing.assert_array_equal(mean, [2, 100]) and np.testing.assert_array_equal(std, [1, 1])
    np.testing.assert_array_equal(standardize(np.array([[5.0, 101.0]], dtype=np.float32), mean, std), [[3, 1]])


# Reading speed against np.loadtxt is a benchmark (tests/benchmarks/table_load.py), not a timed unit test.
