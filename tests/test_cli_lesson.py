"""diabetes-trainer-cli lesson as a user runs it: a real subprocess and real training processes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from diabetes_trainer.core.lessons import LESSONS

pytestmark = pytest.mark.timeout(240)


def cli(*args: str, timeout: float = 200) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diabetes_trainer.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


def test_lesson_list_names_every_lesson_with_its_claim():
    done = cli("lesson", "list")
    assert done.returncode == 0, done.stderr
    for lesson in LESSONS:
        assert lesson.name in done.stdout and lesson.claim in done.stdout


def test_an_unknown_lesson_exits_2_listing_the_lessons():
    done = cli("lesson", "run", "no-such-lesson")
    assert done.returncode == 2
    assert "no-such-lesson" in done.stderr and "epoch-arithmetic" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_epoch_arithmetic_lesson_runs_end_to_end_and_shows_its_claim(tutorial_data):
    done = cli("lesson", "run", "epoch-arithmetic", "--data", str(tutorial_data), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) == {"name", "shown", "conclusion", "numbers", "runs"}
    assert result["name"] == "epoch-arithmetic" and result["shown"] is True
    assert result["numbers"]["rows"] == 759
    assert result["numbers"]["batch_32_measured_per_epoch"] == [24, 24]
    assert [run["iterations"] for run in result["runs"]] == [48, 16, 2]
    assert all(run["status"] == "finished" for run in result["runs"])
    assert "iterations per epoch = ceil(759/32) = 24" in result["conclusion"]
