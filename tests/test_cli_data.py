"""The CLI on a student's own tables (generated here): the Data line, the table options, --standardize."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

HEADER = "Pregnancies,Glucose,BloodPressure,SkinThickness,Insulin,BMI,DiabetesPedigreeFunction,Age,Outcome"


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diabetes_trainer.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def raw_scale_table(path: Path, rows: int = 600, seed: int = 3, labels=("0", "1")) -> float:
    """A Pima-shaped table in raw units whose label follows glucose, BMI and age; returns the majority share."""
    rng = np.random.default_rng(seed)
    glucose = np.round(rng.normal(120, 30, rows)).clip(44, 199)
    bmi = np.round(rng.normal(32, 7, rows), 1).clip(18, 67)
    age = np.round(21 + rng.exponential(11, rows)).clip(21, 81)
    insulin = np.round(rng.uniform(0, 846, rows))
    logit = 0.06 * (glucose - 120) + 0.12 * (bmi - 32) + 0.04 * (age - 33) - 0.7
    outcome = (rng.random(rows) < 1 / (1 + np.exp(-logit))).astype(int)
    columns = [rng.integers(0, 15, rows), glucose, rng.integers(40, 110, rows), rng.integers(0, 60, rows),
               insulin, bmi, np.round(rng.uniform(0.078, 2.42, rows), 3), age]
    lines = [HEADER] + [",".join(f"{c[i]:g}" for c in columns) + "," + labels[outcome[i]] for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return max(outcome.mean(), 1 - outcome.mean())


def final_accuracy(done: subprocess.CompletedProcess) -> float:
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])["epochs"][-1]["accuracy"]


def test_standardize_makes_a_raw_scale_table_learn_beyond_the_majority_share(tmp_path):
    path = tmp_path / "pima_raw.csv"
    majority = raw_scale_table(path)
    common = ("train", "--data", str(path), "--epochs", "40", "--lr", "0.5", "--seed", "2", "--json", "--no-save")
    raw = cli(*common)
    assert "beyond about ±5" in raw.stderr and "--standardize" in raw.stderr  # the warning before the run
    assert final_accuracy(raw) == pytest.approx(majority, abs=0.02)  # the sigmoids saturate: one class only
    scaled = cli(*common, "--standardize")
    assert final_accuracy(scaled) >= majority + 0.08, scaled.stderr
    record = json.loads(scaled.stdout.strip().splitlines()[-1])
    assert record["config"]["standardize"] is True
    assert len(record["data"]["standardized"]["mean"]) == 8 and record["data"]["standardized"]["rows"] == 600
    assert "Features standardized" in scaled.stderr and "beyond about" not in scaled.stderr


def test_the_data_line_names_file_rows_features_and_label_share(tmp_path):
    path = tmp_path / "yes_no.csv"
    raw_scale_table(path, rows=40, labels=("No", "Yes"))
    done = cli("train", "--data", str(path), "--epochs", "1", "--standardize", "--no-save")
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    positives = sum(line.endswith(",Yes") for line in path.read_text().splitlines())
    assert first == f"Data: {path} · 40 rows × 8 features · label 1: {positives} ({positives / 40:.1%})"
    assert "Label 'Outcome': No → 0, Yes → 1" in done.stdout


def test_table_options_reach_the_reader(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("id,a,b,note,y\n" + "\n".join(f"r{i},{i % 3},{i % 5},x,{'up' if i % 2 else 'down'}"
                                                   for i in range(12)) + "\n1,NA,2,x,up\n")
    refused = cli("train", "--data", str(path), "--epochs", "1", "--no-save", "--ignore", "id", "--ignore", "note")
    assert refused.returncode == 2 and "1 row of 13 has missing values" in refused.stderr
    assert "--drop-missing" in refused.stderr
    done = cli("train", "--data", str(path), "--epochs", "1", "--no-save", "--ignore", "id", "--ignore", "4",
               "--drop-missing", "--positive", "down")
    assert done.returncode == 0, done.stderr
    assert "Dropped 1 row with missing values" in done.stdout and "up → 0, down → 1" in done.stdout
    assert "· 12 rows × 2 features ·" in done.stdout
    wrong = cli("train", "--data", str(path), "--epochs", "1", "--no-save", "--target", "nope")
    assert wrong.returncode == 2 and "'nope' is not in the table" in wrong.stderr


def test_an_empty_data_path_is_refused():
    done = cli("train", "--data", "", "--epochs", "1", "--no-save")
    assert done.returncode == 2 and "--data: the path is empty" in done.stderr and "Data:" not in done.stdout


def test_sweep_prints_the_data_line_too(tmp_path):
    path = tmp_path / "t.csv"
    raw_scale_table(path, rows=40)
    done = cli("sweep", "--data", str(path), "--workers", "0", "--epochs", "1", "--standardize")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Data: {path} · 40 rows × 8 features")
