"""diabetes-trainer-cli: train, sweep, list runs, install a desktop launcher, show where files live.

Sub-commands import torch only when they train, so ``--help`` and ``runs`` answer at once.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__, launcher
from . import lesson as lesson_command
from . import paths as paths_command
from . import runs as runs_command
from . import sweep as sweep_command
from . import train as train_command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diabetes-trainer-cli",
        description="Train the PyTorch tutorial's diabetes network and see what the DataLoader does.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    train_command.add_parser(commands)
    sweep_command.add_parser(commands)
    runs_command.add_parser(commands)
    lesson_command.add_parser(commands)
    launcher.add_cli_parser(commands)
    paths_command.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def console_main() -> int:
    """The diabetes-trainer-cli entry point: main(), then a quick exit.

    With torch loaded, the interpreter's own shutdown takes over a second here; everything is printed and every
    process we started has ended by now, so skip it.
    """
    code = main()
    if "torch" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
