"""``diabetes-trainer-cli install-launcher``: its options, and printing what was done."""

from __future__ import annotations

import sys
from pathlib import Path

from .common import LauncherError
from .install import install_launcher, uninstall_launcher


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
