"""``diabetes-trainer-cli paths``: where this user's run history, settings and launcher manifest live."""

from __future__ import annotations

import sys

from ..core.user_folders import HOME_ENV, migrate_old_history, user_folders


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "paths", help="print the folders where runs, settings and the launcher manifest are kept",
        description=f"Print the folders this user's files live in. ${HOME_ENV} moves them all into one folder.")
    parser.set_defaults(func=run)


def run(args) -> int:
    for problem in migrate_old_history():  # so the printed runs folder is the one that holds the runs
        print(f"diabetes-trainer-cli: warning: {problem}", file=sys.stderr)
    found = user_folders()
    print(f"runs: {found.runs}")
    print(f"settings: {found.settings_file}")
    print(f"launcher manifest: {found.launcher_manifest}")
    print(f"cache: {found.cache}")
    return 0
