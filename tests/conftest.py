"""Shared fixtures: where the third-party tutorial data lives (never inside the project) and isolation."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
TUTORIAL_DATA = SHARED / "data" / "diabetes.csv.gz"
REFERENCE_SCRIPT = SHARED / "reference" / "seed_train.py"


@pytest.fixture
def tutorial_data() -> Path:
    if not TUTORIAL_DATA.exists():
        pytest.skip(f"the tutorial's data set is not at {TUTORIAL_DATA} (it lives beside the repo, in shared/)")
    return TUTORIAL_DATA


@pytest.fixture
def reference_script() -> Path:
    if not REFERENCE_SCRIPT.exists():
        pytest.skip(f"the tutorial's reference script is not at {REFERENCE_SCRIPT}")
    return REFERENCE_SCRIPT


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """Every test writes its run history and settings into a scratch folder, never the user's."""
    home = tmp_path_factory.mktemp("trainer-home")
    monkeypatch.setenv("DIABETES_TRAINER_HOME", str(home))
    return home


def python_command() -> list[str]:
    return [sys.executable]


os.environ.setdefault("PYTHONHASHSEED", "0")
