"""``diabetes-trainer-cli sweep``: the tutorial's num_workers experiment, timed, with a table, advice and a chart.

Each run trains in a fresh process (runner.sweep). A terminal's Ctrl+C reaches the whole foreground process group;
the training processes are started with SIGINT ignored, so only this process hears it: it cancels the sweep, kills
the current run's process tree, and still prints the runs that finished.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from typing import TYPE_CHECKING

from ..core.config import ConfigError
from ..runner.sweep import DEFAULT_REPEAT, MAX_REPEAT
from .data_options import print_data_lines
from .exports import add_export_arguments, check_targets, export_sweep
from .knobs import add_knob_arguments, config_from_args

if TYPE_CHECKING:
    from ..runner.process import TrainingProcess
    from ..runner.sweep import Sweep, SweepPoint, SweepRow

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_WORKERS = "0-8"  # the tutorial's sweep


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "sweep", help="time the same training for several num_workers settings and say which is fastest",
        description="Train once per num_workers setting (each in a fresh process, like separate runs of the "
                    "tutorial's script), time the training loops and compare them. --persistent-workers and "
                    "--prefetch-factor apply to the settings with workers.")
    parser.add_argument("--workers", default=DEFAULT_WORKERS, metavar="LIST",
                        help="the settings: a range 0-8, a list 0,2,4 or both 0-4,8 (default %(default)s)")
    parser.add_argument("--repeat", type=int, default=DEFAULT_REPEAT,
                        help=f"runs per setting, 1 to {MAX_REPEAT}; the table shows their median (default %(default)s)")
    add_knob_arguments(parser, with_workers=False)
    parser.add_argument("--json", action="store_true",
                        help='print {"rows", "points", "advice", "config"} as one JSON object (last line)')
    add_export_arguments(parser, "sweep", with_json=False)
    parser.set_defaults(func=run)


def fail(message: str, code: int) -> int:
    print(f"diabetes-trainer-cli: error: {message}", file=sys.stderr)
    return code


def shielded_process() -> TrainingProcess:
    """A training process that ignores SIGINT: it inherits the ignored disposition across spawn's exec, and
    Python keeps an inherited SIG_IGN instead of installing its KeyboardInterrupt handler. (A Ctrl+C pressed in
    the few milliseconds of the spawn is lost; pressing it again works.) Processes forked from the fork server
    inherit the server's disposition, and the server is started by the first of these calls, so ignores it too."""
    from ..runner.sweep import sweep_process

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return sweep_process()
    finally:
        signal.signal(signal.SIGINT, previous)


def run(args: argparse.Namespace) -> int:
    # numpy, psutil and multiprocessing only now: --help answers at once.
    from ..core.advice import SystemInfo, advice_dicts, advise_sweep
    from ..core.data import DataError, ReadOptions, read_table
    from ..core.sample import data_file
    from ..runner.sweep import Sweep, parse_workers, summarize

    try:
        workers = parse_workers(args.workers)
    except ValueError as exc:
        return fail(f"--workers: {exc}", EXIT_BAD_INPUT)
    if not 1 <= args.repeat <= MAX_REPEAT:
        return fail(f"--repeat: must be between 1 and {MAX_REPEAT}, not {args.repeat}", EXIT_BAD_INPUT)
    try:
        base = config_from_args(args)
        sweep = Sweep(base, workers, args.repeat, process_factory=shielded_process)
    except ConfigError as exc:
        return fail(f"--{exc.knob}: {exc.message}", EXIT_BAD_INPUT)
    problem = check_targets(args.export_plot, {"--export-csv": args.export_csv})
    if problem:
        return fail(problem, EXIT_BAD_INPUT)
    out = sys.stderr if args.json else sys.stdout
    try:  # once here, not as many failed runs as there are points; and the Data line names what is trained on
        table = read_table(data_file(base.data_path), ReadOptions.of(base))
    except DataError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    print_data_lines({**table.summary(), "synthetic": not base.data_path}, out)
    settings = ", ".join(map(str, workers))
    repeats = f"{args.repeat} repeats" if args.repeat > 1 else "1 repeat"
    print(f"Sweeping num_workers {settings}: {sweep.total_points} runs ({repeats}), each in a fresh training "
          f"process. Ctrl+C stops and shows the runs that finished.", file=sys.stderr, flush=True)
    points = _run_with_ctrl_c(sweep)

    rows = summarize(points)
    row_dicts = [row.to_dict() for row in rows]
    if sweep.cancelled:
        print(f"Cancelled after {len(points)} of {sweep.total_points} runs.", file=out)
    advice = advise_sweep([{**row, "persistent_workers": base.persistent_workers and row["num_workers"] > 0}
                           for row in row_dicts], SystemInfo.current(), base.to_dict())
    items = advice_dicts(advice)
    config = {key: value for key, value in base.to_dict().items() if key != "num_workers"}
    errors: list[str] = []
    if points:  # a sweep cancelled before its first run has nothing to show
        print(format_table(rows), file=out)
        print("Advice:", file=out)
        for item in items:
            print(f"  - {item['text']}", file=out)
        written, errors = export_sweep(row_dicts, config, args.repeat, args.export_plot, args.export_csv)
        for path in written:
            print(f"Wrote {path}", file=out)
        for error in errors:
            fail(error, EXIT_BAD_INPUT)
    if args.json:
        print(json.dumps({"rows": row_dicts, "points": [p.to_dict() for p in points],
                          "advice": items if points else [], "config": config,
                          "workers": workers, "repeat": args.repeat, "cancelled": sweep.cancelled}))
    if not points:
        return EXIT_INTERRUPTED
    if not any(point.finished for point in points):
        return fail("every run failed; the table lists why", EXIT_FAILED)
    return EXIT_BAD_INPUT if errors else EXIT_OK


def _run_with_ctrl_c(sweep: Sweep) -> list[SweepPoint]:
    def cancel(signum, frame):
        if not sweep.cancelled:
            print("\ncancelling: stopping the current run (its processes are killed within 2 s)", file=sys.stderr,
                  flush=True)
        sweep.cancel()

    previous = signal.signal(signal.SIGINT, cancel)
    try:
        return sweep.run(on_point=lambda point: _print_point(point, sweep))
    finally:
        signal.signal(signal.SIGINT, previous)


def _print_point(point: SweepPoint, sweep: Sweep) -> None:
    head = f"[{sweep.position(point)}/{sweep.total_points}] num_workers {point.num_workers}"
    if sweep.repeat > 1:
        head += f" (repeat {point.repeat} of {sweep.repeat})"
    if point.finished:
        loss = "" if point.final_loss is None else f", final loss {point.final_loss:.4f}"
        text = (f"{head}: {point.seconds:.3f} s (start-up {point.startup_s:.3f} s, steady {point.steady_s:.3f} s)"
                f"{loss}")
    else:
        text = f"{head}: failed: {point.error}"
    print(text, file=sys.stderr, flush=True)


def format_table(rows: list[SweepRow]) -> str:
    """Seconds are medians over the finished repeats; the fastest setting is marked."""
    from ..runner.sweep import fastest

    best = fastest(rows)
    header = ["num_workers", "median s", "min s", "max s", "start-up s", "steady s", "runs"]
    lines = []
    body = []
    for row in rows:
        times = [row.seconds, row.min_s, row.max_s, row.startup_s, row.steady_s]
        cells = [str(row.num_workers)] + (["failed", "", "", "", ""] if row.seconds is None
                                          else [f"{value:.3f}" for value in times])
        cells.append(f"{row.runs}/{row.runs + row.failed}")
        body.append((cells, row is best))
    widths = [max(len(cells[i]) for cells in [header] + [c for c, _ in body]) for i in range(len(header))]
    lines.append("  ".join(cell.rjust(width) for cell, width in zip(header, widths)))
    for cells, is_best in body:
        line = "  ".join(cell.rjust(width) for cell, width in zip(cells, widths))
        lines.append(line + ("  <- fastest" if is_best else ""))
    return "\n".join(lines)
