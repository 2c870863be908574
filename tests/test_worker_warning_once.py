"""torch's "more workers than suggested" warning reaches the terminal once per run, not twice."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

WARNING = "This DataLoader will create"


def suggested_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@pytest.mark.skipif(suggested_workers() > 8, reason="would start more than 9 worker processes on this machine")
def test_the_worker_count_warning_is_printed_once(tmp_path):
    workers = suggested_workers() + 1  # one more than torch suggests: it warns
    env = {**os.environ, "DIABETES_TRAINER_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "diabetes_trainer.cli", "train", "--num-workers", str(workers),
                           "--epochs", "2", "--no-save"], capture_output=True, text=True, timeout=240, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stderr.count(WARNING) == 1, done.stderr
