"""``diabetes-trainer-cli runs``: the run history (list, show, rename, delete, export), without torch or Qt.

Qt is loaded only by ``runs export --plot``.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path

from ..core.runs import RunStore, RunStoreError, RunSummary
from .exports import check_targets, export_record

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
DEFAULT_LIMIT = 20
NAME_WIDTH = 24


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "runs", help="list the recorded runs; show, rename, delete or export one",
        description="The run history: every run of `train` and of the window is recorded. Without an action, "
                    "lists the most recent runs.")
    parser.add_argument("--json", action="store_true", help='print {"runs": [...]} as one JSON object')
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                        help="list at most N runs, newest first (default %(default)s; 0 lists all)")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")

    show = actions.add_parser("show", help="one run's settings, times, epochs and advice")
    show.add_argument("run_id", metavar="ID")
    # SUPPRESS: "runs --json show ID" keeps the --json given before the action.
    show.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="print the whole record")

    rename = actions.add_parser("rename", help="give a run a name (an empty name removes it)")
    rename.add_argument("run_id", metavar="ID")
    rename.add_argument("name", metavar="NAME")

    delete = actions.add_parser("delete", help="delete a run from the history")
    delete.add_argument("run_id", metavar="ID")

    export = actions.add_parser("export", help="write a run's loss figure, CSV or JSON")
    export.add_argument("run_id", metavar="ID")
    export.add_argument("--csv", metavar="FILE", type=Path, default=None,
                        help="the per-iteration table (a header row, then one row per iteration)")
    export.add_argument("--plot", metavar="FILE", type=Path, action="append", default=[],
                        help="the loss figure; .png, .svg or .pdf by the name (repeatable)")
    export.add_argument("--json", dest="json_file", metavar="FILE", type=Path, default=None,
                        help="the whole run record")
    parser.set_defaults(func=run)


def fail(message: str, code: int) -> int:
    print(f"diabetes-trainer-cli: error: {message}", file=sys.stderr)
    return code


def run(args: argparse.Namespace) -> int:
    store = RunStore()
    action = args.action or "list"
    if action == "list":
        return list_runs(store, args.limit, args.json)
    try:
        store.path_of(args.run_id)
    except RunStoreError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    if not store.path_of(args.run_id).is_file():
        return fail(f"there is no run {args.run_id} in {store.root}; `diabetes-trainer-cli runs` lists the runs",
                    EXIT_BAD_INPUT)
    handlers = {"show": show_run, "rename": rename_run, "delete": delete_run, "export": export_run}
    try:
        return handlers[action](store, args)
    except RunStoreError as exc:
        return fail(str(exc), EXIT_FAILED)


# --- list --------------------------------------------------------------------------------------------------------

def list_runs(store: RunStore, limit: int, as_json: bool) -> int:
    if limit < 0:
        return fail(f"--limit: must be 0 (all) or more, not {limit}", EXIT_BAD_INPUT)
    summaries, warnings = store.list()
    for warning in warnings:
        print(f"diabetes-trainer-cli: warning: {warning}", file=sys.stderr)
    shown = summaries[:limit] if limit else summaries
    if as_json:
        print(json.dumps({"runs": [summary.to_dict() for summary in shown]}, ensure_ascii=False))
        return EXIT_OK
    if not summaries:
        print(f"No runs recorded yet in {store.root}. `diabetes-trainer-cli train` records one.")
        return EXIT_OK
    print(_table(shown))
    if len(shown) < len(summaries):
        print(f"({len(summaries) - len(shown)} older runs not shown; --limit 0 lists all)")
    return EXIT_OK


def _table(summaries: list[RunSummary]) -> str:
    header = ["ID", "NAME", "WHEN", "STATUS", "WORKERS", "BATCH", "EPOCHS", "SECONDS", "FINAL LOSS"]
    rows = [[s.id, _shorten(s.name, NAME_WIDTH), local_time(s.created), s.status, str(s.num_workers),
             str(s.batch_size), str(s.epochs), "" if s.seconds is None else f"{s.seconds:.3f}",
             "" if s.final_loss is None else f"{s.final_loss:.4f}"] for s in summaries]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    numeric = {4, 5, 6, 7, 8}
    lines = []
    for row in [header, *rows]:
        cells = [cell.rjust(width) if i in numeric else cell.ljust(width)
                 for i, (cell, width) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def local_time(created: str) -> str:
    """'2024-05-01 14:03' in this computer's time zone; the text as stored when it is not a time."""
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        return created
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


# --- show, rename, delete, export ----------------------------------------------------------------------------------

def show_run(store: RunStore, args: argparse.Namespace) -> int:
    record = store.load(args.run_id)
    if getattr(args, "json", False):
        print(json.dumps(record, ensure_ascii=False))
        return EXIT_OK
    print(describe(record))
    return EXIT_OK


def describe(record: dict) -> str:
    config = record.get("config") if isinstance(record.get("config"), dict) else {}
    data = record.get("data") if isinstance(record.get("data"), dict) else {}
    lines = [f"Run {record.get('id', '')}" + (f" \"{record['name']}\"" if record.get("name") else ""),
             f"When: {local_time(str(record.get('created', '')))}",
             f"Status: {record.get('status', '')}"]
    error = record.get("error")
    if isinstance(error, dict) and error.get("message"):
        lines.append(f"Error: {error['message']}")
    if data:
        source = "the bundled synthetic sample" if data.get("synthetic") else str(data.get("path", ""))
        lines.append(f"Data: {source} ({data.get('rows', '?')} rows, {data.get('features', '?')} features)")
    if config:
        lines.append("Knobs: " + ", ".join(f"{key}={value}" for key, value in config.items()))
    if isinstance(record.get("seconds"), (int, float)):
        lines.append(f"Run time: {record['seconds']:.3f} s")
    if isinstance(record.get("final_loss"), (int, float)):
        lines.append(f"Final loss: {record['final_loss']:.6f} after {record.get('iterations', '?')} iterations")
    epochs = [e for e in record.get("epochs") or [] if isinstance(e, dict)]
    if epochs:
        lines.append("Epochs:")
        lines.append("  epoch  mean loss  accuracy  seconds  start-up s")
        for e in epochs:
            lines.append(f"  {e.get('epoch', ''):>5}  {_number(e.get('mean_loss'), '.4f'):>9}  "
                         f"{_number(e.get('accuracy'), '.1%'):>8}  {_number(e.get('seconds'), '.3f'):>7}  "
                         f"{_number(e.get('worker_startup_s'), '.3f'):>10}")
    # Advice items carry their text (older records stored the text alone).
    advice = [a.get("text") if isinstance(a, dict) else a for a in record.get("advice") or []]
    advice = [a for a in advice if isinstance(a, str) and a]
    if advice:
        lines.append("Advice:")
        lines.extend(f"  - {message}" for message in advice)
    return "\n".join(lines)


def _number(value: object, spec: str) -> str:
    return format(value, spec) if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def rename_run(store: RunStore, args: argparse.Namespace) -> int:
    store.rename(args.run_id, args.name)
    name = args.name.strip()
    print(f"Renamed run {args.run_id} to \"{name}\"." if name else f"Run {args.run_id} has no name now.")
    return EXIT_OK


def delete_run(store: RunStore, args: argparse.Namespace) -> int:
    store.delete(args.run_id)
    print(f"Deleted run {args.run_id}.")
    return EXIT_OK


def export_run(store: RunStore, args: argparse.Namespace) -> int:
    if not (args.plot or args.csv or args.json_file):
        return fail("runs export: say what to write: --csv FILE, --plot FILE or --json FILE", EXIT_BAD_INPUT)
    problem = check_targets(args.plot, {"--csv": args.csv, "--json": args.json_file}, plot_option="--plot")
    if problem:
        return fail(problem, EXIT_BAD_INPUT)
    record = store.load(args.run_id)
    written, errors = export_record(record, args.plot, args.csv, args.json_file)
    for path in written:
        print(f"Wrote {path}")
    for error in errors:
        fail(error, EXIT_BAD_INPUT)
    return EXIT_BAD_INPUT if errors else EXIT_OK
