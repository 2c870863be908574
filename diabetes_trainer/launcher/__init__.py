"""Put a double-clickable Diabetes Trainer launcher in the applications menu, and take it away again.

``diabetes-trainer-cli install-launcher`` writes, for the current user only (no admin rights needed):

- Linux and other XDG desktops (``linux.py``): a ``.desktop`` entry in ``<data home>/applications`` and the app
  icon in ``<data home>/icons/hicolor``; with ``--desktop`` a trusted copy on the desktop too.
- Windows (``windows.py``): a Start-menu shortcut (and with ``--desktop`` a desktop one) made by PowerShell's
  WScript.Shell, pointing at pip's ``diabetes-trainer.exe``, which starts the window without a console.
- macOS (``macos.py``): ``~/Applications/Diabetes Trainer.app``, a minimal bundle whose executable ``exec``s the
  gui-script.

Every file and folder it creates is listed in ``launcher-manifest.json`` beside the run history (``manifest.py``;
see ``diabetes-trainer-cli paths``; ``$DIABETES_TRAINER_HOME`` moves it too) so that ``--uninstall``
(``install.py``) removes exactly those and nothing else. Standard library only: no Qt, no torch, no pywin32.
"""

from __future__ import annotations

from .cli import add_cli_parser, run_cli
from .common import APP_ID, GUI_SCRIPT, LauncherError, LauncherResult
from .gui_script import find_gui_executable
from .install import UNINSTALL_HINT, install_launcher, uninstall_launcher
from .linux import DESKTOP_ENTRY_NAME, ICON_SIZES, TEMPLATE_NAME, desktop_exec_value, render_desktop_entry
from .macos import BUNDLE_NAME, bundle_info_plist, bundle_launch_script
from .manifest import MANIFEST_FORMAT, manifest_path
from .windows import SHORTCUT_DESCRIPTION, SHORTCUT_NAME, powershell_shortcut_command

__all__ = [
    "APP_ID",
    "BUNDLE_NAME",
    "DESKTOP_ENTRY_NAME",
    "GUI_SCRIPT",
    "ICON_SIZES",
    "MANIFEST_FORMAT",
    "SHORTCUT_DESCRIPTION",
    "SHORTCUT_NAME",
    "TEMPLATE_NAME",
    "UNINSTALL_HINT",
    "LauncherError",
    "LauncherResult",
    "add_cli_parser",
    "bundle_info_plist",
    "bundle_launch_script",
    "desktop_exec_value",
    "find_gui_executable",
    "install_launcher",
    "manifest_path",
    "powershell_shortcut_command",
    "render_desktop_entry",
    "run_cli",
    "uninstall_launcher",
]
