"""Where the app keeps the user's files: one folder name, ``diabetes-trainer``, under each platform's conventions.

===========  ===============================================  =========================================
             data (run history, launcher manifest)            config (settings.ini)
===========  ===============================================  =========================================
Linux, BSD   ``$XDG_DATA_HOME/diabetes-trainer``              ``$XDG_CONFIG_HOME/diabetes-trainer``
             (default ``~/.local/share/diabetes-trainer``)    (default ``~/.config/diabetes-trainer``)
Windows      ``%APPDATA%\\diabetes-trainer``                   the same folder
macOS        ``~/Library/Application Support/diabetes-trainer``  the same folder
===========  ===============================================  =========================================

The cache is ``$XDG_CACHE_HOME``, ``%LOCALAPPDATA%`` or ``~/Library/Caches`` plus ``diabetes-trainer``. These are
the folders ``platformdirs`` would give (``appauthor=False``); a few lines of standard library instead keep the
window's start-up free of another import. ``$DIABETES_TRAINER_HOME`` overrides them all: data and config are that
folder, the cache is its ``cache`` subfolder (how tests and portable lab set-ups isolate themselves).

Older versions kept the history under "Diabetes Trainer" on Windows and macOS; :func:`migrate_old_history` moves
it here once. Standard library only: the GUI, the CLI and the launcher all use this module.
"""

from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

HOME_ENV = "DIABETES_TRAINER_HOME"
APP_DIR_NAME = "diabetes-trainer"
OLD_DESKTOP_DIR_NAME = "Diabetes Trainer"  # where Windows and macOS kept the history before this module
RUNS_DIR_NAME = "runs"
SETTINGS_FILE_NAME = "settings.ini"
MANIFEST_NAME = "launcher-manifest.json"


def platform_kind(platform: str | None = None) -> str:
    """'windows', 'macos' or 'xdg' for a ``sys.platform``-style name (None: this machine)."""
    name = (platform or sys.platform).lower()
    if name.startswith("win"):
        return "windows"
    if name in ("darwin", "macos", "mac", "osx"):
        return "macos"
    return "xdg"


def absolute_env_path(variable: str) -> Path | None:
    """The folder an environment variable names; the XDG spec says relative values are invalid and ignored."""
    value = os.environ.get(variable, "")
    return Path(value) if value and os.path.isabs(value) else None


def platform_data_home(kind: str, home: Path | None = None) -> Path:
    """The platform's per-user data folder (not the app's); with ``home`` given, always the one inside it."""
    if kind == "windows":
        return (None if home else absolute_env_path("APPDATA")) or (home or Path.home()) / "AppData" / "Roaming"
    if kind == "macos":
        return (home or Path.home()) / "Library" / "Application Support"
    return (None if home else absolute_env_path("XDG_DATA_HOME")) or (home or Path.home()) / ".local" / "share"


def platform_config_home(kind: str, home: Path | None = None) -> Path:
    if kind == "xdg":
        return (None if home else absolute_env_path("XDG_CONFIG_HOME")) or (home or Path.home()) / ".config"
    return platform_data_home(kind, home)  # Windows and macOS keep settings with the data


def platform_cache_home(kind: str, home: Path | None = None) -> Path:
    if kind == "windows":
        return (None if home else absolute_env_path("LOCALAPPDATA")) or (home or Path.home()) / "AppData" / "Local"
    if kind == "macos":
        return (home or Path.home()) / "Library" / "Caches"
    return (None if home else absolute_env_path("XDG_CACHE_HOME")) or (home or Path.home()) / ".cache"


@dataclass(frozen=True)
class UserFolders:
    data: Path
    config: Path
    cache: Path

    @property
    def runs(self) -> Path:
        return self.data / RUNS_DIR_NAME

    @property
    def settings_file(self) -> Path:
        return self.config / SETTINGS_FILE_NAME

    @property
    def launcher_manifest(self) -> Path:
        return self.data / MANIFEST_NAME


def user_folders(platform: str | None = None, home: Path | None = None) -> UserFolders:
    """The app's folders. ``home`` (tests, ``install-launcher --home``) puts everything inside that home folder;
    otherwise ``$DIABETES_TRAINER_HOME`` wins, then the platform's convention."""
    if home is None and (override := os.environ.get(HOME_ENV)):
        root = Path(override).expanduser()
        return UserFolders(data=root, config=root, cache=root / "cache")
    kind = platform_kind(platform)
    return UserFolders(data=platform_data_home(kind, home) / APP_DIR_NAME,
                       config=platform_config_home(kind, home) / APP_DIR_NAME,
                       cache=platform_cache_home(kind, home) / APP_DIR_NAME)


def old_history_folder(platform: str | None = None) -> Path | None:
    """Where versions before this module kept the history, when that differs from today's folder."""
    kind = platform_kind(platform)
    if kind == "xdg" or os.environ.get(HOME_ENV):
        return None
    return platform_data_home(kind) / OLD_DESKTOP_DIR_NAME / RUNS_DIR_NAME


def migrate_old_history(platform: str | None = None) -> list[str]:
    """Move runs from the old "Diabetes Trainer" folder into today's; returns what could not be moved.

    Costs one ``stat`` when there is nothing to move. A file whose name already exists in the new folder is left
    where it is (and named in the result), so nothing is ever overwritten.
    """
    old = old_history_folder(platform)
    if old is None or not old.is_dir():
        return []
    new = user_folders(platform).runs
    problems: list[str] = []
    try:
        if not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(old), str(new))
        else:
            for entry in old.iterdir():
                if (new / entry.name).exists():
                    problems.append(f"{entry} was kept: {new / entry.name} already exists")
                    continue
                shutil.move(str(entry), str(new / entry.name))
    except OSError as error:
        problems.append(f"could not move the run history from {old} to {new}: {error.strerror or error}")
        return problems
    for leftover in (old, old.parent):  # tidy the old folders away when nothing is left in them
        try:
            leftover.rmdir()
        except FileNotFoundError:
            continue  # moved as a whole
        except OSError:
            break
    return problems


_migrated = False


def runs_home() -> Path:
    """The run history's folder; the first call in a process moves an old history there (see above)."""
    global _migrated
    if not _migrated:
        _migrated = True
        migrate_old_history()
    return user_folders().runs
