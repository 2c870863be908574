"""``python -m tests.benchmarks [--quick] [--only NAME ...] [--json FILE]``, from the repository's root.

Runs the benchmarks one after another (never in parallel: they would measure each other), prints each one's side
by side figures as it finishes, then the machine and a table (Markdown, so the README can quote it as it is).
Exit code 0 when every goal is met, 1 when one is missed or a benchmark could not measure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from diabetes_trainer.core.user_folders import HOME_ENV

from . import BENCHMARKS
from .common import BenchmarkError, load_average, machine_info, result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks",
                                     description="Diabetes Trainer's benchmark suite: each goal measured side by "
                                                 "side (A against B, alternating, medians) in one run.")
    parser.add_argument("--quick", action="store_true",
                        help="fewer repeats and shorter phases (a few minutes): for development, not for quoting")
    parser.add_argument("--only", nargs="+", metavar="NAME", choices=BENCHMARKS,
                        help=f"run only these, in the suite's order ({', '.join(BENCHMARKS)})")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write the machine and all results here")
    parser.add_argument("--list", action="store_true", help="print the benchmarks' names and exit")
    return parser.parse_args(argv)


def run_one(name: str, quick: bool) -> dict:
    """One benchmark's result; a benchmark that cannot measure becomes a failed row that says why."""
    started = time.perf_counter()
    module = importlib.import_module(f"{__package__}.{name}")
    try:
        outcome = module.run(quick)
    except BenchmarkError as exc:
        outcome = result(name, "could not measure", module.GOAL, False, {"error": str(exc),
                                                                        "side_by_side": [str(exc)]})
    except Exception as exc:  # noqa: BLE001 - one broken benchmark must not lose the others' figures
        outcome = result(name, "crashed", module.GOAL, False,
                         {"error": "".join(traceback.format_exception(exc)), "side_by_side": [repr(exc)]})
    outcome["details"]["wall_s"] = time.perf_counter() - started
    return outcome


def format_machine(machine: dict) -> list[str]:
    physical = f" ({machine['physical_cores']} physical)" if machine.get("physical_cores") else ""
    load = ", ".join(f"{value:g}" for value in machine["load_average"]) or "n/a"
    return [
        f"Machine: {machine['cpu']}, {machine['logical_cores']} logical cores{physical}, "
        f"{machine['memory_gib']:g} GiB memory, {machine['os']}",
        f"Python {machine['python']}, torch {machine['torch']}, PySide6 {machine['pyside6']}, "
        f"pyqtgraph {machine['pyqtgraph']}, numpy {machine['numpy']}, psutil {machine['psutil']}",
        f"Load average (1, 5, 15 min) at the start: {load}; at the end: "
        f"{', '.join(f'{value:g}' for value in machine['load_average_end']) or 'n/a'}",
    ]


def format_table(results: list[dict]) -> list[str]:
    rows = [("benchmark", "measured", "goal", "result")]
    rows += [(r["name"], r["measured"], r["goal"], "pass" if r["ok"] else "FAIL") for r in results]
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    lines = ["| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |" for row in rows]
    lines.insert(1, "|" + "|".join("-" * (width + 2) for width in widths) + "|")
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.list:
        print("\n".join(BENCHMARKS))
        return 0
    names = [name for name in BENCHMARKS if not args.only or name in args.only]
    with tempfile.TemporaryDirectory(prefix="diabetes-trainer-benchmarks-") as home:
        # The measured windows save their runs and settings: into a throw-away home, not the user's history.
        os.environ.setdefault(HOME_ENV, home)
        return _run(names, args)


def _run(names: list[str], args: argparse.Namespace) -> int:
    machine = machine_info()
    started_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    began = time.perf_counter()
    print(f"Running {len(names)} benchmark(s){' (quick)' if args.quick else ''}: {', '.join(names)}", flush=True)
    results = []
    for index, name in enumerate(names, 1):
        print(f"\n[{index}/{len(names)}] {name} ...", flush=True)
        outcome = run_one(name, args.quick)
        results.append(outcome)
        for line in outcome["details"].get("side_by_side", []):
            print(f"    {line}", flush=True)
        print(f"    -> {'pass' if outcome['ok'] else 'FAIL'} in {outcome['details']['wall_s']:.0f} s", flush=True)
    machine["load_average_end"] = load_average()
    total_s = time.perf_counter() - began

    print()
    print("\n".join(format_machine(machine)))
    print(f"Mode: {'quick' if args.quick else 'full'}; started {started_at}; took {total_s / 60:.1f} min")
    print()
    print("\n".join(format_table(results)))
    if args.json:
        report = {"started": started_at, "quick": args.quick, "seconds": total_s, "machine": machine,
                  "results": results}
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nWrote {args.json}")
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
