"""``diabetes-trainer-cli train``: one run in this process, ending like the tutorial (run time, final loss)."""

from __future__ import annotations

import argparse
import json
import signal
import sys

from ..core.config import ConfigError
from ..core.data import DataError
from .knobs import add_knob_arguments, config_from_args
from .progress import ProgressListener

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def add_parser(commands) -> None:
    parser = commands.add_parser("train", help="train once and print the run time and final loss",
                                 description="Train the tutorial's 8-6-4-1 network once.")
    add_knob_arguments(parser)
    parser.add_argument("--json", action="store_true", help="print the whole run as one JSON object (last line)")
    parser.set_defaults(func=run)


def fail(message: str, code: int) -> int:
    print(f"diabetes-trainer-cli: error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    try:
        config = config_from_args(args).validate()
    except ConfigError as exc:
        return fail(f"--{exc.knob}: {exc.message}", EXIT_BAD_INPUT)

    # torch is imported only now, so that --help and argument errors answer at once.
    from ..core.engine import train
    from ..core.record import RecordBuilder

    builder = RecordBuilder()
    progress = ProgressListener()
    stop_requested = _install_interrupt_handler()
    try:
        ended = train(config, [builder, progress], should_stop=stop_requested)
    except (ConfigError, DataError) as exc:
        progress.finish()
        message = f"--{exc.knob}: {exc.message}" if isinstance(exc, ConfigError) else str(exc)
        return fail(message, EXIT_BAD_INPUT)
    except Exception:  # noqa: BLE001 - the listeners already hold a readable RunFailed
        progress.finish()
        failure = builder.failure
        return fail(failure.message if failure else "training failed", EXIT_FAILED)
    progress.finish()

    record = builder.record()
    out = sys.stderr if args.json else sys.stdout
    if ended.status == "stopped":
        print("Stopped on request.", file=out)
    print(f"Run time: {ended.seconds:.3f} s", file=out)
    if ended.final_loss is not None:
        print(f"Final loss: {ended.final_loss:.6f}", file=out)
    if args.json:
        print(json.dumps(record))
    return EXIT_OK


def _install_interrupt_handler():
    """First Ctrl+C asks the loop to stop after the current batch; a second one interrupts at once."""
    state = {"stop": False}

    def handler(signum, frame):
        if state["stop"]:
            raise KeyboardInterrupt
        state["stop"] = True
        print("\nstopping after this batch (Ctrl+C again to abort)", file=sys.stderr)

    signal.signal(signal.SIGINT, handler)
    return lambda: state["stop"]
