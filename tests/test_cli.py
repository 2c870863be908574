"""diabetes-trainer-cli as a user runs it: a real subprocess, its exit code, stdout and stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def cli(*args: str, timeout: float = 180) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diabetes_trainer.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_train_json_prints_the_whole_run_as_the_last_line():
    done = cli("train", "--epochs", "2", "--batch-size", "64", "--seed", "1", "--json")
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout.strip().splitlines()[-1])
    assert record["config"]["batch_size"] == 64 and record["config"]["seed"] == 1
    assert record["iterations"] == len(record["losses"]) == len(record["data_wait_s"]) == len(record["compute_s"])
    assert record["final_loss"] == record["losses"][-1]
    assert record["seconds"] > 0
    assert [e["epoch"] for e in record["epochs"]] == [1, 2]
    assert all(e["worker_startup_s"] > 0 for e in record["epochs"])
    assert "Run time" in done.stderr  # the human ending moves to stderr so stdout stays machine-readable


def test_train_ends_like_the_tutorial():
    done = cli("train", "--epochs", "1")
    assert done.returncode == 0, done.stderr
    assert "Run time:" in done.stdout and "Final loss:" in done.stdout


def test_train_on_the_tutorial_file_matches_the_reference_losses(tutorial_data, reference_script):
    ours = cli("train", "--data", str(tutorial_data), "--epochs", "2", "--seed", "5", "--json")
    theirs = subprocess.run([sys.executable, str(reference_script), "--data", str(tutorial_data), "--epochs", "2",
                             "--seed", "5"], capture_output=True, text=True, timeout=180, check=True)
    a = json.loads(ours.stdout.strip().splitlines()[-1])["losses"]
    b = json.loads(theirs.stdout.strip().splitlines()[-1])["losses"]
    assert len(a) == len(b) and max(abs(x - y) for x, y in zip(a, b)) <= 1e-6


@pytest.mark.parametrize(("args", "named"), [
    (["--batch-size", "0"], "--batch-size"),
    (["--epochs", "0"], "--epochs"),
    (["--num-workers", "99"], "--num-workers"),
    (["--lr", "-1"], "--lr"),
    (["--epochs", "ten"], "--epochs"),
    (["--device", "cuda"], "--device"),
])
def test_bad_knobs_exit_2_naming_the_knob(args, named):
    done = cli("train", *args)
    if named == "--device" and done.returncode == 0:
        pytest.skip("this machine has CUDA")
    assert done.returncode == 2
    assert named in done.stderr
    assert "Traceback" not in done.stderr


def test_bad_files_exit_2_naming_file_and_line(tmp_path):
    missing = tmp_path / "nope.csv"
    done = cli("train", "--data", str(missing))
    assert done.returncode == 2 and "nope.csv" in done.stderr and "Traceback" not in done.stderr

    ragged = tmp_path / "ragged.csv"
    ragged.write_text("0.1,0.2,1\n0.3,0.4,0\n0.5,1\n")
    done = cli("train", "--data", str(ragged))
    assert done.returncode == 2 and "ragged.csv" in done.stderr and "line 3" in done.stderr


def test_importing_the_package_and_cli_loads_neither_torch_nor_qt():
    code = ("import sys, diabetes_trainer, diabetes_trainer.cli, diabetes_trainer.core.config, "
            "diabetes_trainer.core.data, diabetes_trainer.core.record; "
            "bad = [m for m in ('torch', 'PySide6', 'pyqtgraph') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
