"""``diabetes-trainer-cli train``: one run in this process, ending like the tutorial (run time, final loss).

Then it explains the timings (core.advice), records the run in the history (unless --no-save) and writes the
files asked for. The run is saved before any file is written, so a failed export never loses it.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys

from ..core.config import ConfigError
from ..core.data import DataError
from ..core.events import PER_ITERATION_KEYS, TrainingListener
from ..core.runs import RunStore, RunStoreError
from .data_options import print_data_lines
from .exports import add_export_arguments, check_targets, export_record
from .knobs import add_knob_arguments, config_from_args
from .progress import ProgressListener
from .run_warnings import JSON_LINE_WARN_BYTES, ShortTrainingWarning, warn, warn_if_diverged

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


def add_parser(commands) -> None:
    parser = commands.add_parser("train", help="train once and print the run time and final loss",
                                 description="Train the tutorial's 8-6-4-1 network once.")
    add_knob_arguments(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the whole run as one JSON object (last line)")
    output.add_argument("--json-summary", action="store_true",
                        help=f"like --json without the per-iteration lists ({', '.join(PER_ITERATION_KEYS)}): a few "
                             f"kB however long the run; --export-csv or --export-json write them to a file")
    parser.add_argument("--no-save", action="store_true",
                        help="do not record the run in the history that `diabetes-trainer-cli runs` lists")
    add_export_arguments(parser, "loss")
    parser.set_defaults(func=run)


def fail(message: str, code: int) -> int:
    print(f"diabetes-trainer-cli: error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    try:
        config = config_from_args(args).validate()
    except ConfigError as exc:
        return fail(f"--{exc.knob}: {exc.message}", EXIT_BAD_INPUT)
    problem = check_targets(args.export_plot, {"--export-csv": args.export_csv, "--export-json": args.export_json})
    if problem:
        return fail(problem, EXIT_BAD_INPUT)

    # torch (and numpy) are imported only now, so that --help and argument errors answer at once.
    from ..core.advice import SystemInfo, advice_dicts, analyze_run
    from ..core.engine import train
    from ..core.record import RecordBuilder

    builder = RecordBuilder()
    progress = ProgressListener()
    data_printer = DataLinePrinter(sys.stderr if args.json or args.json_summary else sys.stdout)
    stop_requested = _install_interrupt_handler()
    ended = None
    try:
        ended = train(config, [data_printer, builder, ShortTrainingWarning(), progress], should_stop=stop_requested)
    except (ConfigError, DataError) as exc:
        progress.finish()
        message = f"--{exc.knob}: {exc.message}" if isinstance(exc, ConfigError) else str(exc)
        return fail(message, EXIT_BAD_INPUT)
    except Exception as exc:  # noqa: BLE001 - the listeners already hold a readable RunFailed
        if builder.started is None:  # it failed before the loop began: there is no run to record
            progress.finish()
            return fail(f"training could not start: {exc}", EXIT_FAILED)
    progress.finish()

    record = builder.record()
    record["advice"] = advice_dicts(analyze_run(record, SystemInfo.current()))
    as_json = args.json or args.json_summary
    out = sys.stderr if as_json else sys.stdout
    if ended is None:
        failure = builder.failure
        fail(failure.message if failure else "training failed", EXIT_FAILED)
    else:
        if ended.status == "stopped":
            print("Stopped on request.", file=out)
        print(f"Run time: {ended.seconds:.3f} s", file=out)
        if ended.final_loss is not None:
            print(f"Final loss: {ended.final_loss:.6f}", file=out)
        print_advice([item["text"] for item in record["advice"]], out)
    warn_if_diverged(record)
    if not args.no_save:
        save_run(record, out)
    written, errors = export_record(record, args.export_plot, args.export_csv, args.export_json)
    for path in written:
        print(f"Wrote {path}", file=out)
    for error in errors:
        fail(error, EXIT_BAD_INPUT)
    if as_json:
        print_json(record, summary_only=args.json_summary)
    if ended is None:
        return EXIT_FAILED
    return EXIT_BAD_INPUT if errors else EXIT_OK


def print_json(record: dict, summary_only: bool) -> None:
    """The record as one line: whole (docs/run-record.md), or without its per-iteration lists."""
    if summary_only:
        record = {key: value for key, value in record.items() if key not in PER_ITERATION_KEYS}
    line = json.dumps(record)
    if not summary_only and len(line) > JSON_LINE_WARN_BYTES:
        warn(f"the --json line is {len(line) / 1e6:.0f} MB for {record.get('iterations', 0):,} iterations; "
             f"--json-summary leaves the per-iteration lists out, --export-csv FILE writes them to a file")
    print(line)


class DataLinePrinter(TrainingListener):
    """Prints the Data line and the reader's notes when the run starts (before any progress)."""

    def __init__(self, out):
        self.out = out

    def on_run_start(self, event) -> None:
        print_data_lines(event.data, self.out, event.data.get("standardized"))


def print_advice(advice: list[str], out) -> None:
    if advice:
        print("Advice:", file=out)
        for message in advice:
            print(f"  - {message}", file=out)


def save_run(record: dict, out) -> None:
    """Store the run and put its id into ``record``; a failure to store is a warning: the run itself still counts."""
    try:
        record["id"] = RunStore().save(record)
    except RunStoreError as exc:
        print(f"diabetes-trainer-cli: warning: {exc}", file=sys.stderr)
        return
    print(f"Saved as run {record['id']} (see it with: diabetes-trainer-cli runs show {record['id']})", file=out)


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
