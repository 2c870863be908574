"""Windows: a Start-menu shortcut (and with ``--desktop`` a desktop one) made by PowerShell's WScript.Shell,
pointing at pip's ``diabetes-trainer.exe``, which starts the window without a console."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from diabetes_trainer import APP_NAME
from diabetes_trainer.paths import resource

from .common import APP_ID, InstallPlan, LauncherError
from .manifest import Recorder

SHORTCUT_NAME = f"{APP_NAME}.lnk"
SHORTCUT_DESCRIPTION = "Watch mini-batch training and PyTorch's DataLoader at work"

# PowerShell treats the typographic single quotes like ' inside single-quoted strings.
_POWERSHELL_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


def _windows_shell_folder(value_name: str) -> Path | None:
    """A folder from the registry's User Shell Folders (follows OneDrive redirection), if readable."""
    try:
        import winreg  # Windows-only module of the standard library
    except ImportError:
        return None
    key_path = r"Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders"
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, key_path) as key:
            raw, _kind = winreg.QueryValueEx(key, value_name)
    except OSError:
        return None
    return Path(os.path.expandvars(raw))


def _windows_programs_dir(home: Path | None, data_home: Path) -> Path:
    default = data_home / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    return default if home else (_windows_shell_folder("Programs") or default)


def _windows_desktop_dir(home: Path | None) -> Path:
    default = (home or Path.home()) / "Desktop"
    return default if home else (_windows_shell_folder("Desktop") or default)


def _powershell_literal(text: str) -> str:
    """A single-quoted PowerShell string: nothing inside is expanded; quote characters are doubled."""
    return "'" + "".join(c * 2 if c in _POWERSHELL_SINGLE_QUOTES else c for c in text) + "'"


def powershell_shortcut_command(
    shortcuts: list[Path], target: Path, icon: Path, working_dir: Path
) -> list[str]:
    """The argv that makes each ``.lnk`` in ``shortcuts`` point at ``target`` with ``icon`` (WScript.Shell).

    One line with single-quoted literals only, so Windows' command-line quoting cannot split or alter it."""
    statements = ["$ErrorActionPreference = 'Stop'", "$shell = New-Object -ComObject WScript.Shell"]
    for link in shortcuts:
        statements += [
            f"$link = $shell.CreateShortcut({_powershell_literal(str(link))})",
            f"$link.TargetPath = {_powershell_literal(str(target))}",
            f"$link.WorkingDirectory = {_powershell_literal(str(working_dir))}",
            f"$link.IconLocation = {_powershell_literal(f'{icon},0')}",
            f"$link.Description = {_powershell_literal(SHORTCUT_DESCRIPTION)}",
            "$link.Save()",
        ]
    return ["powershell", "-NoProfile", "-NonInteractive", "-Command", "; ".join(statements)]


def _run_powershell(argv: list[str]) -> None:
    try:
        completed = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                   timeout=120, check=False)
    except FileNotFoundError:
        raise LauncherError("PowerShell (powershell.exe) was not found; it ships with Windows 7 and later. "
                            "Ask your administrator to restore it, or create the shortcut by hand.") from None
    except subprocess.TimeoutExpired:
        raise LauncherError("PowerShell did not finish creating the shortcuts within 2 minutes.") from None
    if completed.returncode != 0:
        detail = (completed.stderr or completed.stdout).strip().splitlines()
        raise LauncherError("PowerShell could not create the shortcuts: "
                            + (detail[0] if detail else f"exit code {completed.returncode}"))


def install_windows(recorder: Recorder, plan: InstallPlan) -> list[str]:
    program, home, data_home = plan.program, plan.home, plan.data_home
    icon = recorder.copy(resource("icons", f"{APP_ID}.ico"), data_home / APP_ID / f"{APP_ID}.ico")
    shortcuts = [_windows_programs_dir(home, data_home) / SHORTCUT_NAME]
    if plan.desktop:
        shortcuts.append(_windows_desktop_dir(home) / SHORTCUT_NAME)
    for link in shortcuts:
        recorder.make_dir(link.parent)
    _run_powershell(powershell_shortcut_command(shortcuts, program, icon, home or Path.home()))
    missing = [str(link) for link in shortcuts if not link.is_file()]
    if missing:
        raise LauncherError(f"PowerShell reported success but did not write {', '.join(missing)}.")
    recorder.files.extend(shortcuts)
    messages = [f"Start-menu shortcut: {shortcuts[0]}"]
    if plan.desktop:
        messages.append(f"Desktop shortcut: {shortcuts[1]}")
    messages.append(f"Start '{APP_NAME}' from the Start menu.")
    return messages
