"""Install the launcher for this platform, recording each file it creates, and remove exactly those again."""

from __future__ import annotations

import os
from pathlib import Path

from diabetes_trainer.core.user_folders import platform_data_home, platform_kind

from .common import InstallPlan, LauncherError, LauncherResult, absolute_home
from .gui_script import find_gui_executable, gui_script_name, is_launchable
from .linux import after_uninstall_xdg, install_xdg
from .macos import install_macos
from .manifest import Recorder, manifest_path, read_manifest, unique, write_manifest
from .windows import install_windows

UNINSTALL_HINT = "To remove it again: diabetes-trainer-cli install-launcher --uninstall"

_INSTALLERS = {"xdg": install_xdg, "windows": install_windows, "macos": install_macos}


def install_launcher(
    home: Path | None = None,
    desktop: bool = False,
    platform: str | None = None,
    *,
    executable: Path | None = None,
) -> LauncherResult:
    """Install the menu entry (and with ``desktop`` a desktop shortcut) for the current user.

    ``home`` puts everything under that folder instead of the user's (ignoring XDG_DATA_HOME/APPDATA);
    ``platform`` picks the layout ('linux', 'win32', 'darwin'; default: this machine); ``executable`` is the
    program to launch (default: :func:`find_gui_executable`). Installing again updates the files in place."""
    kind = platform_kind(platform)
    home = absolute_home(home)
    program = Path(os.path.abspath(executable)) if executable else find_gui_executable(platform)
    if not is_launchable(program, kind):
        raise LauncherError(f"{program} is not an executable file; point install-launcher at the "
                            f"'{gui_script_name(kind)}' program that pip installed.")
    data_home = platform_data_home(kind, home)
    manifest = manifest_path(home, platform)
    previous = read_manifest(manifest)
    recorder = Recorder()
    result = LauncherResult()
    try:
        result.messages += _INSTALLERS[kind](recorder, InstallPlan(program, home, data_home, desktop))
    except OSError as error:
        reason = error.strerror or str(error)
        raise LauncherError(f"cannot write {error.filename or 'a launcher file'}: {reason}. "
                            "Check that you own that folder and that the disk is not full.") from None
    finally:
        # Even a half-done install is recorded, so --uninstall can clean it up.
        if recorder.files or recorder.dirs:
            recorder.make_dir(manifest.parent)
            write_manifest(manifest, kind, recorder, previous)
    result.installed = unique(recorder.files) + [manifest]
    result.messages.append(UNINSTALL_HINT)
    return result


def uninstall_launcher(home: Path | None = None, platform: str | None = None) -> LauncherResult:
    """Remove exactly the files and folders install_launcher recorded; folders only when they are empty."""
    kind = platform_kind(platform)
    home = absolute_home(home)
    data_home = platform_data_home(kind, home)
    manifest = manifest_path(home, platform)
    result = LauncherResult()
    recorded = read_manifest(manifest)
    if recorded is None:
        result.messages.append(f"Nothing to remove: no launcher is installed here (no {manifest}).")
        return result

    for path in recorded["files"]:
        if path.is_dir() and not path.is_symlink():
            result.messages.append(f"Kept {path}: it is now a folder, not the file the launcher installed.")
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise LauncherError(f"cannot remove {path}: {error.strerror or error}. Fix the permissions "
                                "and run install-launcher --uninstall again.") from None
        result.removed.append(path)
    manifest.unlink()
    result.removed.append(manifest)
    for folder in sorted(recorded["dirs"], key=lambda p: len(p.parts), reverse=True):
        try:
            folder.rmdir()
        except FileNotFoundError:
            continue
        except OSError:
            result.messages.append(f"Kept {folder}: it holds files the launcher did not install.")
            continue
        result.removed.append(folder)
    if kind == "xdg":
        after_uninstall_xdg(data_home, result.removed)

    shown = [p for p in result.removed if p.suffix in (".desktop", ".lnk", ".app")]
    result.messages[:0] = [f"Removed {p}" for p in shown]
    result.messages.append(f"Removed {len(result.removed)} files and folders that install-launcher created.")
    return result
