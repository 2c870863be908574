"""Put a double-clickable Diabetes Trainer launcher in the applications menu, and take it away again.

``diabetes-trainer-cli install-launcher`` writes, for the current user only (no admin rights needed):

- Linux and other XDG desktops: a ``.desktop`` entry in ``<data home>/applications`` and the app icon in
  ``<data home>/icons/hicolor``; with ``--desktop`` a trusted copy on the desktop too.
- Windows: a Start-menu shortcut (and with ``--desktop`` a desktop one) made by PowerShell's WScript.Shell,
  pointing at pip's ``diabetes-trainer.exe``, which starts the window without a console.
- macOS: ``~/Applications/Diabetes Trainer.app``, a minimal bundle whose executable ``exec``s the gui-script.

Every file and folder it creates is listed in ``launcher-manifest.json`` beside the run history (see
``diabetes-trainer-cli paths``; ``$DIABETES_TRAINER_HOME`` moves it too) so that
``--uninstall`` removes exactly those and nothing else. Standard library only: no Qt, no torch, no pywin32.
"""

from __future__ import annotations

import json
import os
import plistlib
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

from diabetes_trainer import APP_NAME, ORGANIZATION_DOMAIN, __version__
from diabetes_trainer.core.user_folders import (
    absolute_env_path,
    platform_data_home,
    platform_kind,
    user_folders,
)
from diabetes_trainer.paths import resource

APP_ID = "diabetes-trainer"
GUI_SCRIPT = "diabetes-trainer"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
MANIFEST_FORMAT = 1
DESKTOP_ENTRY_NAME = f"{APP_ID}.desktop"
TEMPLATE_NAME = f"{APP_ID}.desktop.in"
SHORTCUT_NAME = f"{APP_NAME}.lnk"
BUNDLE_NAME = f"{APP_NAME}.app"
SHORTCUT_DESCRIPTION = "Watch mini-batch training and PyTorch's DataLoader at work"
UNINSTALL_HINT = "To remove it again: diabetes-trainer-cli install-launcher --uninstall"

# Desktop Entry spec, "The Exec key": an argument holding any of these must be double-quoted.
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# ...and inside the double quotes these four need a backslash.
_EXEC_QUOTED_ESCAPES = frozenset('"`$\\')
# PowerShell treats the typographic single quotes like ' inside single-quoted strings.
_POWERSHELL_SINGLE_QUOTES = "'\u2018\u2019\u201a\u201b"


class LauncherError(RuntimeError):
    """The launcher cannot be installed or removed; the message says what to do."""


@dataclass
class LauncherResult:
    installed: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


# --- where things go -------------------------------------------------------------------------------------


def manifest_path(home: Path | None = None, platform: str | None = None) -> Path:
    """Where install_launcher records what it created (core/user_folders.py: with the run history)."""
    return user_folders(platform, _absolute_home(home)).launcher_manifest


def _absolute_home(home: Path | None) -> Path | None:
    return Path(home).expanduser().absolute() if home is not None else None


def _xdg_desktop_dir(home: Path | None) -> Path:
    """The XDG desktop folder (often localised, e.g. ~/桌面), from user-dirs.dirs; else ~/Desktop."""
    base = home or Path.home()
    if home is None and (from_env := absolute_env_path("XDG_DESKTOP_DIR")):
        return from_env
    config_home = (None if home else absolute_env_path("XDG_CONFIG_HOME")) or base / ".config"
    try:
        lines = (config_home / "user-dirs.dirs").read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    for line in lines:
        key, _, value = line.strip().partition("=")
        if key != "XDG_DESKTOP_DIR":
            continue
        value = value.strip().strip('"')
        if value.startswith("$HOME"):
            value = str(base) + value[len("$HOME") :]
        desktop = Path(value)
        # "$HOME/" means the user switched the desktop folder off: fall back rather than litter home.
        if desktop.is_absolute() and desktop != base:
            return desktop
    return base / "Desktop"


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


# --- the program to launch ---------------------------------------------------------------------------


def _gui_script_name(kind: str) -> str:
    return GUI_SCRIPT + (".exe" if kind == "windows" else "")


def _is_launchable(path: Path, kind: str) -> bool:
    return path.is_file() and (kind == "windows" or os.access(path, os.X_OK))


def find_gui_executable(platform: str | None = None) -> Path:
    """The ``diabetes-trainer`` gui-script pip installed: next to this Python (venv), in the scripts
    folders, or on PATH."""
    kind = platform_kind(platform)
    name = _gui_script_name(kind)
    # Not resolved: a venv's python is a symlink to the base interpreter, and the script sits beside the link.
    folders = [Path(sys.executable).parent]
    for scheme in (sysconfig.get_default_scheme(), sysconfig.get_preferred_scheme("user")):
        try:
            folders.append(Path(sysconfig.get_path("scripts", scheme)))
        except KeyError:
            continue
    for folder in folders:
        if _is_launchable(folder / name, kind):
            return Path(os.path.abspath(folder / name))
    on_path = shutil.which(name)
    if on_path:
        return Path(os.path.abspath(on_path))
    raise LauncherError(
        f"the program '{name}' was not found next to {sys.executable} nor on PATH. Install Diabetes Trainer "
        "into this Python first (pip install diabetes-trainer, or pip install -e . in a source checkout), "
        "then run install-launcher again with that environment's diabetes-trainer-cli."
    )


@dataclass(frozen=True)
class _Plan:
    program: Path  # absolute path of the gui-script to launch
    home: Path | None  # the home folder given for tests, None for the user's real one
    data_home: Path
    desktop: bool


# --- file recording ----------------------------------------------------------------------------------


class _Recorder:
    """Creates files and folders and remembers which ones it created, for the manifest."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.dirs: list[Path] = []

    def make_dir(self, path: Path) -> None:
        missing = []
        probe = path
        while not probe.exists() and probe != probe.parent:
            missing.append(probe)
            probe = probe.parent
        path.mkdir(parents=True, exist_ok=True)
        self.dirs.extend(reversed(missing))

    def write_bytes(self, path: Path, data: bytes, mode: int = 0o644) -> Path:
        self.make_dir(path.parent)
        if path.is_symlink():
            path.unlink()  # write our own file, never through someone else's link
        path.write_bytes(data)
        path.chmod(mode)
        self.files.append(path)
        return path

    def write_text(self, path: Path, text: str, mode: int = 0o644) -> Path:
        return self.write_bytes(path, text.encode("utf-8"), mode)

    def copy(self, source: Path, target: Path) -> Path:
        return self.write_bytes(target, source.read_bytes())

    def symlink(self, link: Path, target: Path) -> Path:
        self.make_dir(link.parent)
        if link.is_symlink():
            link.unlink()
        link.symlink_to(target, target_is_directory=True)
        self.files.append(link)
        return link


def _unique(paths: list[Path]) -> list[Path]:
    return list(dict.fromkeys(paths))


def _read_manifest(path: Path) -> dict | None:
    """The manifest's content, None when there is none; LauncherError (with line and column) when damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise LauncherError(f"cannot read {path}: {error.strerror}") from None
    try:
        data = json.loads(text)
        files = [Path(p) for p in data["files"]]
        dirs = [Path(p) for p in data["dirs"]]
    except json.JSONDecodeError as error:
        raise LauncherError(
            f"{path}, line {error.lineno}, column {error.colno}: the launcher manifest is damaged "
            f"({error.msg}). Remove the launcher files it lists by hand, then delete {path}."
        ) from None
    except (KeyError, TypeError):
        raise LauncherError(
            f"{path}: the launcher manifest lacks its 'files' and 'dirs' lists. Remove the launcher files "
            f"by hand, then delete {path}."
        ) from None
    return {"platform": data.get("platform", ""), "files": files, "dirs": dirs}


def _write_manifest(path: Path, kind: str, recorder: _Recorder, previous: dict | None) -> None:
    """Record this install's files and folders, keeping those of earlier installs that are not removed yet."""
    files = _unique((previous["files"] if previous else []) + recorder.files)
    dirs = _unique((previous["dirs"] if previous else []) + recorder.dirs)
    payload = {
        "format": MANIFEST_FORMAT,
        "app_version": __version__,
        "platform": kind,
        "files": [str(p) for p in files],
        "dirs": [str(p) for p in dirs],
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _run_tool(argv: list[str]) -> bool:
    """Run an optional helper program quietly; False when it is missing or fails (the install stands)."""
    if shutil.which(argv[0]) is None:
        return False
    try:
        completed = subprocess.run(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return completed.returncode == 0


# --- Linux and other XDG desktops --------------------------------------------------------------------


def _exec_argument(argument: str) -> str:
    if any(char in _EXEC_RESERVED for char in argument):
        argument = '"' + "".join("\\" + c if c in _EXEC_QUOTED_ESCAPES else c for c in argument) + '"'
    return argument.replace("%", "%%")


def desktop_exec_value(program: Path) -> str:
    """The Exec value that runs ``program``: quoted when it has reserved characters, ``%`` doubled, and
    backslashes escaped once more for the string level (which readers undo before the quoting)."""
    argument = str(program)
    if any(ord(char) < 32 for char in argument):
        raise LauncherError(f"the program path {argument!r} contains a control character; a desktop entry "
                            "cannot name it. Install Diabetes Trainer into a folder with a plain name.")
    arguments = [argument]
    if "%" in argument:
        # GLib checks that Exec's first word exists before it turns %% back into %, so such a program
        # must not come first; env runs it unchanged.
        arguments.insert(0, shutil.which("env") or "/usr/bin/env")
    return " ".join(_exec_argument(a) for a in arguments).replace("\\", "\\\\")


def _desktop_string_value(text: str) -> str:
    return text.replace("\\", "\\\\")


def render_desktop_entry(program: Path, icon: Path) -> str:
    """The shipped .desktop template filled in for ``program`` and ``icon`` (both absolute paths)."""
    template = resource(TEMPLATE_NAME).read_text(encoding="utf-8")
    text = (
        template.replace("@TRYEXEC@", _desktop_string_value(str(program)))
        .replace("@EXEC@", desktop_exec_value(program))
        .replace("@ICON@", _desktop_string_value(str(icon)))
    )
    leftover = re.search(r"@[A-Z_]+@", text)
    if leftover:
        raise LauncherError(f"{resource(TEMPLATE_NAME)}: placeholder {leftover.group()} has no value; "
                            "this installation of Diabetes Trainer is damaged, reinstall it.")
    return text


def _install_xdg(recorder: _Recorder, plan: _Plan) -> list[str]:
    program, home, data_home = plan.program, plan.home, plan.data_home
    icons_root = data_home / "icons" / "hicolor"
    for size in ICON_SIZES:
        theme_icon = icons_root / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        recorder.copy(resource("icons", f"{APP_ID}-{size}.png"), theme_icon)
    recorder.copy(resource("icons", f"{APP_ID}.svg"), icons_root / "scalable" / "apps" / f"{APP_ID}.svg")
    # An absolute Icon path resolves even where the user icon-theme cache is stale; the theme copies above
    # serve the window's theme icon (StartupWMClass) and menus that look the name up.
    entry = render_desktop_entry(program, icons_root / "256x256" / "apps" / f"{APP_ID}.png")

    applications = data_home / "applications"
    menu_entry = recorder.write_text(applications / DESKTOP_ENTRY_NAME, entry)
    messages = [f"Menu entry: {menu_entry}", f"Icons: {len(ICON_SIZES) + 1} files under {icons_root}"]
    if plan.desktop:
        shortcut = recorder.write_text(_xdg_desktop_dir(home) / DESKTOP_ENTRY_NAME, entry, mode=0o755)
        # GNOME only launches desktop files the user trusted; gio may lack a metadata store, which is fine.
        trusted = _run_tool(["gio", "set", str(shortcut), "metadata::trusted", "true"])
        messages.append(f"Desktop shortcut: {shortcut}" + ("" if trusted else
                        " (if the desktop asks, right-click it and choose 'Allow Launching')"))

    cache = applications / "mimeinfo.cache"
    cache_existed = cache.exists()
    _run_tool(["update-desktop-database", str(applications)])
    if not cache_existed and cache.exists():
        recorder.files.append(cache)  # made for our entry; uninstall rebuilds it if other entries remain
    messages.append(f"Start '{APP_NAME}' from the applications menu (Education or Science).")
    return messages


def _after_uninstall_xdg(data_home: Path, removed: list[Path]) -> None:
    """Rebuild the MIME cache for the entries that remain; a rebuilt cache no longer counts as removed."""
    applications = data_home / "applications"
    if applications.is_dir() and any(applications.glob("*.desktop")):
        _run_tool(["update-desktop-database", str(applications)])
        cache = applications / "mimeinfo.cache"
        if cache.exists() and cache in removed:
            removed.remove(cache)


# --- Windows -----------------------------------------------------------------------------------------


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


def _install_windows(recorder: _Recorder, plan: _Plan) -> list[str]:
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


# --- macOS -------------------------------------------------------------------------------------------


def bundle_info_plist() -> dict:
    """Info.plist of the launcher bundle."""
    reversed_domain = ".".join(reversed(ORGANIZATION_DOMAIN.split(".")))
    return {
        "CFBundleName": APP_NAME,
        "CFBundleDisplayName": APP_NAME,
        "CFBundleIdentifier": f"{reversed_domain}.launcher",
        "CFBundleExecutable": APP_ID,
        "CFBundleIconFile": f"{APP_ID}.icns",
        "CFBundlePackageType": "APPL",
        "CFBundleInfoDictionaryVersion": "6.0",
        "CFBundleShortVersionString": __version__,
        "CFBundleVersion": __version__,
        "LSApplicationCategoryType": "public.app-category.education",
        "NSHighResolutionCapable": True,
    }


def bundle_launch_script(program: Path) -> str:
    header = "#!/bin/sh\n# Made by diabetes-trainer-cli install-launcher.\n"
    return header + f'exec {shlex.quote(str(program))} "$@"\n'


def _install_macos(recorder: _Recorder, plan: _Plan) -> list[str]:
    program, home = plan.program, plan.home
    base = home or Path.home()
    bundle = base / "Applications" / BUNDLE_NAME
    contents = bundle / "Contents"
    recorder.make_dir(bundle)
    recorder.write_bytes(contents / "Info.plist", plistlib.dumps(bundle_info_plist()))
    recorder.write_text(contents / "MacOS" / APP_ID, bundle_launch_script(program), mode=0o755)
    recorder.copy(resource("icons", f"{APP_ID}.icns"), contents / "Resources" / f"{APP_ID}.icns")
    recorder.copy(resource("icons", f"{APP_ID}-256.png"), contents / "Resources" / f"{APP_ID}.png")
    messages = [f"App bundle: {bundle}"]
    if plan.desktop:
        alias = recorder.symlink(base / "Desktop" / BUNDLE_NAME, bundle)
        messages.append(f"Desktop link: {alias}")
    messages.append(f"Start '{APP_NAME}' from Applications in your home folder (or Launchpad).")
    return messages


_INSTALLERS = {"xdg": _install_xdg, "windows": _install_windows, "macos": _install_macos}


# --- public entry points -----------------------------------------------------------------------------


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
    home = _absolute_home(home)
    program = Path(os.path.abspath(executable)) if executable else find_gui_executable(platform)
    if not _is_launchable(program, kind):
        raise LauncherError(f"{program} is not an executable file; point install-launcher at the "
                            f"'{_gui_script_name(kind)}' program that pip installed.")
    data_home = platform_data_home(kind, home)
    manifest = manifest_path(home, platform)
    previous = _read_manifest(manifest)
    recorder = _Recorder()
    result = LauncherResult()
    try:
        result.messages += _INSTALLERS[kind](recorder, _Plan(program, home, data_home, desktop))
    except OSError as error:
        reason = error.strerror or str(error)
        raise LauncherError(f"cannot write {error.filename or 'a launcher file'}: {reason}. "
                            "Check that you own that folder and that the disk is not full.") from None
    finally:
        # Even a half-done install is recorded, so --uninstall can clean it up.
        if recorder.files or recorder.dirs:
            recorder.make_dir(manifest.parent)
            _write_manifest(manifest, kind, recorder, previous)
    result.installed = _unique(recorder.files) + [manifest]
    result.messages.append(UNINSTALL_HINT)
    return result


def uninstall_launcher(home: Path | None = None, platform: str | None = None) -> LauncherResult:
    """Remove exactly the files and folders install_launcher recorded; folders only when they are empty."""
    kind = platform_kind(platform)
    home = _absolute_home(home)
    data_home = platform_data_home(kind, home)
    manifest = manifest_path(home, platform)
    result = LauncherResult()
    recorded = _read_manifest(manifest)
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
        _after_uninstall_xdg(data_home, result.removed)

    shown = [p for p in result.removed if p.suffix in (".desktop", ".lnk", ".app")]
    result.messages[:0] = [f"Removed {p}" for p in shown]
    result.messages.append(f"Removed {len(result.removed)} files and folders that install-launcher created.")
    return result


def add_cli_parser(subparsers) -> None:
    """Register ``install-launcher`` on the CLI's subparsers (handler: ``func=run_cli``)."""
    parser = subparsers.add_parser(
        "install-launcher",
        help="add Diabetes Trainer to your applications menu, or remove it",
        description="Install a menu entry with the app's icon for the current user, so the app starts with "
        "a double-click. --uninstall removes exactly what an earlier install created.",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--uninstall", action="store_true", help="remove what install-launcher installed")
    action.add_argument("--desktop", action="store_true", help="also put a shortcut on the desktop")
    parser.add_argument("--home", type=Path, metavar="DIR",
                        help="use DIR instead of your home folder (for testing)")
    parser.set_defaults(func=run_cli)


def run_cli(args) -> int:
    """Carry out ``install-launcher`` and print what was done; 0 on success, 2 with a message on failure."""
    try:
        if args.uninstall:
            result = uninstall_launcher(home=args.home)
        else:
            result = install_launcher(home=args.home, desktop=getattr(args, "desktop", False))
    except LauncherError as error:
        print(f"install-launcher: error: {error}", file=sys.stderr)
        return 2
    for message in result.messages:
        print(message)
    return 0
