"""The app's folders: one name (diabetes-trainer) on every OS, $DIABETES_TRAINER_HOME over all, old history moved."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from diabetes_trainer.core import user_folders as folders
from diabetes_trainer.core.runs import RunStore
from diabetes_trainer.core.user_folders import migrate_old_history, runs_home, user_folders

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def user_home(monkeypatch, tmp_path) -> Path:
    """A machine without the override, whose home is a scratch folder and without XDG/APPDATA variables."""
    monkeypatch.delenv(folders.HOME_ENV, raising=False)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "APPDATA", "LOCALAPPDATA"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    return tmp_path


def test_home_env_var_wins(monkeypatch, tmp_path):
    monkeypatch.setenv(folders.HOME_ENV, str(tmp_path / "teacher"))
    assert runs_home() == tmp_path / "teacher" / "runs"
    assert RunStore().root == tmp_path / "teacher" / "runs"
    for platform in ("linux", "win32", "darwin"):
        found = user_folders(platform)
        assert (found.runs, found.settings_file, found.launcher_manifest, found.cache) == (
            tmp_path / "teacher" / "runs", tmp_path / "teacher" / "settings.ini",
            tmp_path / "teacher" / "launcher-manifest.json", tmp_path / "teacher" / "cache")


def test_linux_follows_xdg(monkeypatch, user_home):
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(user_home / "xdg"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user_home / "conf"))
    assert runs_home() == user_home / "xdg" / "diabetes-trainer" / "runs"
    assert user_folders().settings_file == user_home / "conf" / "diabetes-trainer" / "settings.ini"
    assert user_folders().launcher_manifest == user_home / "xdg" / "diabetes-trainer" / "launcher-manifest.json"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/is/invalid")  # the XDG spec: ignore relative values
    assert runs_home() == user_home / ".local" / "share" / "diabetes-trainer" / "runs"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert runs_home() == user_home / ".local" / "share" / "diabetes-trainer" / "runs"
    assert user_folders().settings_file == user_home / ".config" / "diabetes-trainer" / "settings.ini"
    assert user_folders().cache == user_home / ".cache" / "diabetes-trainer"


def test_windows_keeps_everything_in_one_appdata_folder(monkeypatch, user_home):
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(user_home / "Roaming"))
    monkeypatch.setenv("LOCALAPPDATA", str(user_home / "Local"))
    found = user_folders()
    assert found.runs == user_home / "Roaming" / "diabetes-trainer" / "runs"
    assert found.settings_file == user_home / "Roaming" / "diabetes-trainer" / "settings.ini"
    assert found.launcher_manifest == user_home / "Roaming" / "diabetes-trainer" / "launcher-manifest.json"
    assert found.cache == user_home / "Local" / "diabetes-trainer"
    monkeypatch.delenv("APPDATA")
    assert runs_home() == user_home / "AppData" / "Roaming" / "diabetes-trainer" / "runs"


def test_macos_keeps_everything_in_application_support(monkeypatch, user_home):
    monkeypatch.setattr(sys, "platform", "darwin")
    support = user_home / "Library" / "Application Support" / "diabetes-trainer"
    found = user_folders()
    assert (found.runs, found.settings_file, found.launcher_manifest) == (
        support / "runs", support / "settings.ini", support / "launcher-manifest.json")
    assert found.cache == user_home / "Library" / "Caches" / "diabetes-trainer"


def test_a_given_home_ignores_the_environment(monkeypatch, user_home, tmp_path):
    monkeypatch.setenv(folders.HOME_ENV, str(tmp_path / "ignored"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "ignored-too"))
    fake = tmp_path / "fake-home"
    assert user_folders("win32", home=fake).data == fake / "AppData" / "Roaming" / "diabetes-trainer"


@pytest.mark.parametrize("platform, old_parent", [
    ("darwin", Path("Library") / "Application Support"),
    ("win32", Path("AppData") / "Roaming"),
])
def test_an_old_history_is_moved_once_into_the_new_folder(monkeypatch, user_home, platform, old_parent):
    monkeypatch.setattr(sys, "platform", platform)
    old = user_home / old_parent / "Diabetes Trainer" / "runs"
    old.mkdir(parents=True)
    (old / "20240101-000000-abcdef.json").write_text(json.dumps({"id": "20240101-000000-abcdef"}))
    assert migrate_old_history() == []
    new = user_folders().runs
    assert (new / "20240101-000000-abcdef.json").is_file()
    assert not old.exists() and not old.parent.exists()  # the emptied old folders are tidied away
    assert migrate_old_history() == []  # nothing left to move: a no-op


def test_migration_merges_and_never_overwrites(monkeypatch, user_home):
    monkeypatch.setattr(sys, "platform", "win32")
    old = user_home / "AppData" / "Roaming" / "Diabetes Trainer" / "runs"
    old.mkdir(parents=True)
    (old / "a.json").write_text("old a")
    (old / "b.json").write_text("old b")
    new = user_folders().runs
    new.mkdir(parents=True)
    (new / "a.json").write_text("new a")
    problems = migrate_old_history()
    assert (new / "a.json").read_text() == "new a" and (new / "b.json").read_text() == "old b"
    assert len(problems) == 1 and "a.json" in problems[0] and "already exists" in problems[0]
    assert (old / "a.json").read_text() == "old a"  # kept where it was, not lost


def test_linux_and_the_override_have_nothing_to_migrate(monkeypatch, user_home, tmp_path):
    monkeypatch.setattr(sys, "platform", "linux")
    assert folders.old_history_folder() is None
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv(folders.HOME_ENV, str(tmp_path / "teacher"))
    assert folders.old_history_folder() is None


def test_cli_paths_prints_one_tree(tmp_path):
    env = {**os.environ, folders.HOME_ENV: str(tmp_path / "teacher"), "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run([sys.executable, "-m", "diabetes_trainer.cli", "paths"], capture_output=True,
                            text=True, env=env, cwd=REPO_ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(": ", 1) for line in result.stdout.splitlines() if ": " in line)
    assert lines["runs"] == str(tmp_path / "teacher" / "runs")
    assert lines["settings"] == str(tmp_path / "teacher" / "settings.ini")
    assert lines["launcher manifest"] == str(tmp_path / "teacher" / "launcher-manifest.json")
    assert lines["cache"] == str(tmp_path / "teacher" / "cache")
