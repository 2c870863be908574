from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from diabetes_trainer.core import runs
from diabetes_trainer.core.record_export import (
    CSV_COLUMNS,
    EPOCH_COLUMNS,
    epochs_to_csv_text,
    record_to_csv_text,
    sweep_to_csv_text,
    write_csv,
    write_json,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


def parse(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_iteration_table_has_one_row_per_iteration(make_fake_record):
    record = make_fake_record()
    text = record_to_csv_text(record)
    assert text.splitlines()[0] == ",".join(CSV_COLUMNS)
    rows = parse(text)
    assert len(rows) == 240
    assert [rows[0]["iteration"], rows[0]["epoch"]] == ["1", "1"]
    assert [rows[-1]["iteration"], rows[-1]["epoch"]] == ["240", "10"]
    assert rows[24]["epoch"] == "2" and rows[23]["epoch"] == "1"


def test_iteration_table_keeps_full_precision(make_fake_record):
    record = make_fake_record()
    rows = parse(record_to_csv_text(record))
    for column, key in (("loss", "losses"), ("data_wait_s", "data_wait_s"), ("compute_s", "compute_s"),
                        ("elapsed_s", "elapsed_s")):
        assert [float(r[column]) for r in rows] == record[key]


def test_short_lists_leave_empty_cells():
    record = {"losses": [0.7, 0.6, float("nan")], "iteration_epoch": [1, 1], "data_wait_s": [0.001]}
    rows = parse(record_to_csv_text(record))
    assert len(rows) == 3
    assert rows[2] == {"iteration": "3", "epoch": "", "loss": "nan", "data_wait_s": "", "compute_s": "",
                       "elapsed_s": ""}


def test_a_record_without_iterations_is_a_header_only():
    assert record_to_csv_text({}) == ",".join(CSV_COLUMNS) + "\n"


def test_epoch_table(make_fake_record):
    record = make_fake_record(epochs=3)
    rows = parse(epochs_to_csv_text(record))
    assert list(rows[0]) == EPOCH_COLUMNS and len(rows) == 3
    assert [r["epoch"] for r in rows] == ["1", "2", "3"]
    assert float(rows[1]["mean_loss"]) == record["epochs"][1]["mean_loss"]
    assert rows[0]["val_loss"] == "" and rows[0]["iterations"] == "24"


def test_sweep_table_puts_the_main_columns_first():
    rows = [{"seconds": 1.02, "num_workers": 0, "repeats": [1.0, 1.02, 1.1], "startup_s": 0.0},
            {"num_workers": 2, "seconds": 8.1, "startup_s": 6.5, "persistent_workers": False}]
    parsed = parse(sweep_to_csv_text(rows))
    assert list(parsed[0]) == ["num_workers", "seconds", "startup_s", "repeats", "persistent_workers"]
    assert parsed[0]["repeats"] == "[1.0,1.02,1.1]" and parsed[0]["persistent_workers"] == ""
    assert parsed[1] == {"num_workers": "2", "seconds": "8.1", "startup_s": "6.5", "repeats": "",
                         "persistent_workers": "false"}


def test_write_csv_and_json_round_trip(tmp_path, make_fake_record):
    record = make_fake_record(name="实验 1")
    write_csv(record, tmp_path / "run.csv")
    write_json(record, tmp_path / "run.json")
    assert (tmp_path / "run.csv").read_text(encoding="utf-8") == record_to_csv_text(record)
    text = (tmp_path / "run.json").read_text(encoding="utf-8")
    assert json.loads(text) == record
    assert text.startswith('{\n "schema": 1,') and "实验 1" in text


def test_failed_export_leaves_the_old_file_and_no_temp_file(tmp_path, make_fake_record, monkeypatch):
    target = tmp_path / "run.csv"
    target.write_text("my earlier export")

    def failing_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runs.os, "replace", failing_replace)
    with pytest.raises(OSError, match="could not write .*run.csv"):
        write_csv(make_fake_record(), target)
    with pytest.raises(OSError, match="could not write .*run.json"):
        write_json(make_fake_record(), tmp_path / "run.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.csv"]
    assert target.read_text() == "my earlier export"


def test_export_imports_neither_torch_nor_qt():
    code = ("import sys, diabetes_trainer.core.record_export; "
            "print(sorted(m for m in ('torch', 'PySide6', 'pyqtgraph', 'numpy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert result.stdout.strip() == "[]"
