"""The benchmark suite (tests/benchmarks, not run here) stays runnable: every benchmark imports and exposes run().

No timing at all: the suite itself runs with ``python -m tests.benchmarks``.
"""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SUITE = REPO_ROOT / "tests" / "benchmarks"
NOT_BENCHMARKS = {"__init__", "__main__", "common"}


@pytest.fixture
def suite(monkeypatch):
    # `tests` is a namespace package found from the repository's root, as `python -m tests.benchmarks` finds it.
    monkeypatch.syspath_prepend(str(REPO_ROOT))
    return importlib.import_module("tests.benchmarks")


def test_every_benchmark_module_is_listed_and_exposes_run(suite):
    modules = {path.stem for path in SUITE.glob("*.py")} - NOT_BENCHMARKS
    assert set(suite.BENCHMARKS) == modules
    for name in suite.BENCHMARKS:
        module = importlib.import_module(f"tests.benchmarks.{name}")
        assert name == module.NAME
        assert list(inspect.signature(module.run).parameters) == ["quick"], name
        assert isinstance(module.GOAL, str) and module.GOAL, name


def test_the_runner_lists_the_benchmarks_without_loading_torch_or_qt(suite):
    # The runner measures others; if importing the suite loaded torch or Qt, that cost would sit in every figure.
    code = ("import importlib, sys; from tests.benchmarks import BENCHMARKS; "
            "[importlib.import_module('tests.benchmarks.' + n) for n in BENCHMARKS]; "
            "print(sorted(m for m in ('torch', 'PySide6', 'pyqtgraph') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    listed = subprocess.run([sys.executable, "-m", "tests.benchmarks", "--list"], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.split() == list(suite.BENCHMARKS)
