"""train's --json-summary, its warnings (diverging loss, validation leaving less than a batch) and the compact
history it writes, as a user runs the CLI: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from diabetes_trainer.cli import train as train_command
from diabetes_trainer.core.record import PER_ITERATION_KEYS


def cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diabetes_trainer.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def last_json(done: subprocess.CompletedProcess) -> dict:
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_json_summary_is_the_record_without_its_per_iteration_lists():
    done = cli("train", "--epochs", "2", "--batch-size", "128", "--seed", "3", "--json-summary")
    assert done.returncode == 0, done.stderr
    summary = last_json(done)
    full = cli("runs", "show", summary["id"], "--json")
    record = json.loads(full.stdout)
    assert set(summary) == set(record) - set(PER_ITERATION_KEYS)
    assert summary["iterations"] == len(record["losses"]) == 12 and summary["final_loss"] == record["losses"][-1]
    assert summary["epochs"] == record["epochs"] and "Run time" in done.stderr


def test_json_and_json_summary_exclude_each_other():
    done = cli("train", "--json", "--json-summary")
    assert done.returncode == 2 and "not allowed with argument" in done.stderr


def test_a_long_json_line_points_to_json_summary(monkeypatch, capsys):
    record = {"iterations": 3000, "losses": [0.5] * 3000, "epochs": []}
    monkeypatch.setattr(train_command, "JSON_LINE_WARN_BYTES", 1000)
    train_command.print_json(record, summary_only=False)
    out, err = capsys.readouterr()
    assert json.loads(out) == record
    assert "the --json line is 0 MB for 3,000 iterations" in err and "--json-summary" in err
    train_command.print_json(record, summary_only=True)
    out, err = capsys.readouterr()
    assert json.loads(out) == {"iterations": 3000, "epochs": []} and err == ""


def test_a_diverging_loss_is_warned_about_with_its_numbers():
    # The largest learning rate the knob allows (10) makes this seeded run's loss rise from epoch 1 to epoch 3.
    done = cli("train", "--epochs", "3", "--batch-size", "32", "--seed", "0", "--lr", "10", "--json-summary")
    assert done.returncode == 0, done.stderr
    record = last_json(done)
    means = [e["mean_loss"] for e in record["epochs"]]
    assert "warning: the loss diverged" in done.stderr
    assert f"{means[-1]:.4f}" in done.stderr  # the run's own number
    assert "try --lr 1 (this run: --lr 10)" in done.stderr
    assert "Raise the learning rate" not in done.stdout + done.stderr  # the advice agrees with the warning


def test_a_learning_run_gets_no_divergence_warning():
    done = cli("train", "--epochs", "2", "--batch-size", "128", "--seed", "0", "--no-save")
    assert done.returncode == 0, done.stderr
    assert "diverged" not in done.stderr + done.stdout


def test_validation_leaving_less_than_a_batch_is_warned_about_before_training():
    done = cli("train", "--epochs", "1", "--batch-size", "128", "--val-fraction", "0.9", "--no-save")
    assert done.returncode == 0, done.stderr
    warning = done.stderr.index("--val-fraction 0.9 holds out 683 of the table's 759 rows and leaves 76")
    assert warning < done.stderr.index("epoch 1/1")  # before the first epoch's line
    assert "--val-fraction 0.831 or less, or a --batch-size of 76 or less" in done.stderr
    fine = cli("train", "--epochs", "1", "--batch-size", "32", "--val-fraction", "0.2", "--no-save")
    assert "holds out" not in fine.stderr


def test_train_stores_the_compact_layout():
    done = cli("train", "--epochs", "1", "--batch-size", "64", "--json")
    assert done.returncode == 0, done.stderr
    record = last_json(done)
    runs = Path(os.environ["DIABETES_TRAINER_HOME"]) / "runs"
    stored = json.loads((runs / f"{record['id']}.json").read_text(encoding="utf-8"))
    assert "losses" not in stored and (runs / stored["arrays"]["file"]).is_file()
    shown = json.loads(cli("runs", "show", record["id"], "--json").stdout)
    assert shown["losses"] == record["losses"] and "arrays" not in shown
