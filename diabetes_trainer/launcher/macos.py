"""macOS: ``~/Applications/Diabetes Trainer.app``, a minimal bundle whose executable ``exec``s the gui-script;
with ``--desktop`` a link to it on the desktop."""

from __future__ import annotations

import plistlib
import shlex
from pathlib import Path

from diabetes_trainer import APP_NAME, ORGANIZATION_DOMAIN, __version__
from diabetes_trainer.paths import resource

from .common import APP_ID, InstallPlan
from .manifest import Recorder

BUNDLE_NAME = f"{APP_NAME}.app"


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


def install_macos(recorder: Recorder, plan: InstallPlan) -> list[str]:
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
