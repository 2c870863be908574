"""What every platform's launcher installer shares: the app's file names, the install plan, the result and the
error that carries a message for the user."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

APP_ID = "diabetes-trainer"
GUI_SCRIPT = "diabetes-trainer"


class LauncherError(RuntimeError):
    """The launcher cannot be installed or removed; the message says what to do."""


@dataclass
class LauncherResult:
    installed: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class InstallPlan:
    program: Path  # absolute path of the gui-script to launch
    home: Path | None  # the home folder given for tests, None for the user's real one
    data_home: Path
    desktop: bool


def absolute_home(home: Path | None) -> Path | None:
    return Path(home).expanduser().absolute() if home is not None else None
