"""Finding the program a launcher starts: the ``diabetes-trainer`` gui-script that pip installed."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from diabetes_trainer.core.user_folders import platform_kind

from .common import GUI_SCRIPT, LauncherError


def gui_script_name(kind: str) -> str:
    return GUI_SCRIPT + (".exe" if kind == "windows" else "")


def is_launchable(path: Path, kind: str) -> bool:
    return path.is_file() and (kind == "windows" or os.access(path, os.X_OK))


def find_gui_executable(platform: str | None = None) -> Path:
    """The ``diabetes-trainer`` gui-script pip installed: next to this Python (venv), in the scripts
    folders, or on PATH."""
    kind = platform_kind(platform)
    name = gui_script_name(kind)
    # Not resolved: a venv's python is a symlink to the base interpreter, and the script sits beside the link.
    folders = [Path(sys.executable).parent]
    for scheme in (sysconfig.get_default_scheme(), sysconfig.get_preferred_scheme("user")):
        try:
            folders.append(Path(sysconfig.get_path("scripts", scheme)))
        except KeyError:
            continue
    for folder in folders:
        if is_launchable(folder / name, kind):
            return Path(os.path.abspath(folder / name))
    on_path = shutil.which(name)
    if on_path:
        return Path(os.path.abspath(on_path))
    raise LauncherError(
        f"the program '{name}' was not found next to {sys.executable} nor on PATH. Install Diabetes Trainer "
        "into this Python first (pip install diabetes-trainer, or pip install -e . in a source checkout), "
        "then run install-launcher again with that environment's diabetes-trainer-cli."
    )
