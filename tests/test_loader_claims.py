"""The tutorial notes' claims, measured end to end through the CLI (a real DataLoader, real workers):

- I/O-bound loading: 4 workers are at least 2x faster than 0, and the advice for 0 workers says to raise them;
- tiny in-memory data with spawned workers: start-up dominates, and the advice points to persistent workers or 0.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.timeout(600)


def train(*args: str) -> dict:
    done = subprocess.run([sys.executable, "-m", "diabetes_trainer.cli", "train", "--json", "--no-save", "--seed", "0",
                           *args], capture_output=True, text=True, timeout=500)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_io_bound_loading_gains_from_workers_and_the_advice_says_so():
    slow = ("--epochs", "1", "--batch-size", "32", "--sample-delay-ms", "2")
    zero = train(*slow, "--num-workers", "0")
    four = train(*slow, "--num-workers", "4")
    assert zero["seconds"] >= 2 * four["seconds"], (zero["seconds"], four["seconds"])
    # The advice items (docs/run-record.md) recommend workers for the slow loader, and say so in words.
    assert any(item["recommend"].get("num_workers", 0) > 0 for item in zero["advice"]), zero["advice"]
    assert "num_workers" in " ".join(item["text"] for item in zero["advice"])


def test_spawned_workers_on_tiny_data_are_startup_bound_and_the_advice_says_so():
    record = train("--epochs", "3", "--num-workers", "2", "--start-method", "spawn")
    startup = sum(e["worker_startup_s"] for e in record["epochs"])
    assert startup >= 0.5 * record["seconds"], (startup, record["seconds"])
    recommended = [item["recommend"] for item in record["advice"]]
    assert any(r.get("persistent_workers") is True or r.get("num_workers") == 0 for r in recommended), recommended
