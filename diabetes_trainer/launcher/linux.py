"""Linux and other XDG desktops: a ``.desktop`` entry in ``<data home>/applications``, the app icon in
``<data home>/icons/hicolor`` and, with ``--desktop``, a trusted copy of the entry on the desktop."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from diabetes_trainer import APP_NAME
from diabetes_trainer.core.user_folders import absolute_env_path
from diabetes_trainer.paths import resource

from .common import APP_ID, InstallPlan, LauncherError
from .manifest import Recorder

ICON_SIZES = (16, 32, 48, 64, 128, 256)
DESKTOP_ENTRY_NAME = f"{APP_ID}.desktop"
TEMPLATE_NAME = f"{APP_ID}.desktop.in"

# Desktop Entry spec, "The Exec key": an argument holding any of these must be double-quoted.
_EXEC_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# ...and inside the double quotes these four need a backslash.
_EXEC_QUOTED_ESCAPES = frozenset('"`$\\')


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


# --- the desktop entry -------------------------------------------------------------------------------


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


# --- install and uninstall ---------------------------------------------------------------------------


def install_xdg(recorder: Recorder, plan: InstallPlan) -> list[str]:
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


def after_uninstall_xdg(data_home: Path, removed: list[Path]) -> None:
    """Rebuild the MIME cache for the entries that remain; a rebuilt cache no longer counts as removed."""
    applications = data_home / "applications"
    if applications.is_dir() and any(applications.glob("*.desktop")):
        _run_tool(["update-desktop-database", str(applications)])
        cache = applications / "mimeinfo.cache"
        if cache.exists() and cache in removed:
            removed.remove(cache)
