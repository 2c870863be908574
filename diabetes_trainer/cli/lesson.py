"""``diabetes-trainer-cli lesson list|run NAME``: the notes' claims, each replayed and judged from its numbers."""

from __future__ import annotations

import argparse
import json
import signal
import sys

from ..core.config import ConfigError, TrainConfig

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 0, 1, 2, 130


def add_parser(commands) -> None:
    parser = commands.add_parser(
        "lesson", help="replay one of the notes' claims and say whether this machine's numbers show it",
        description="Each lesson runs a few short trainings (each in a fresh process) and draws its conclusion "
                    "from the measured numbers: 'shown' is computed, never assumed.")
    actions = parser.add_subparsers(dest="lesson_action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the lessons, with what each one claims")
    listing.set_defaults(func=list_lessons)
    running = actions.add_parser("run", help="run a lesson and print its conclusion")
    running.add_argument("name", help="a lesson's name (see: lesson list)")
    running.add_argument("--data", metavar="PATH", default=None,
                         help="CSV or CSV.GZ table (default: the bundled synthetic sample)")
    running.add_argument("--lr", type=float, default=TrainConfig.lr, help="SGD learning rate (default %(default)s)")
    running.add_argument("--json", action="store_true",
                         help='print {"name", "shown", "conclusion", "numbers", "runs"} as one JSON object (last line)')
    running.set_defaults(func=run_lesson)


def fail(message: str, code: int) -> int:
    print(f"diabetes-trainer-cli: error: {message}", file=sys.stderr)
    return code


def list_lessons(args: argparse.Namespace) -> int:
    from ..core.lessons import LESSONS

    width = max(len(lesson.name) for lesson in LESSONS)
    for lesson in LESSONS:
        print(f"{lesson.name.ljust(width)}  {lesson.title}. {lesson.claim}")
    return EXIT_OK


def run_lesson(args: argparse.Namespace) -> int:
    from ..core.data import DataError, read_table
    from ..core.lessons import LessonContext, lesson_named
    from ..core.sample import data_file
    from ..runner.lessons import LessonRunner
    from .sweep import shielded_process

    try:
        lesson = lesson_named(args.name)
    except KeyError as exc:
        return fail(str(exc.args[0]), EXIT_BAD_INPUT)
    try:
        rows = read_table(data_file(args.data)).rows
    except DataError as exc:
        return fail(str(exc), EXIT_BAD_INPUT)
    try:
        runner = LessonRunner(lesson, TrainConfig(data_path=args.data, lr=args.lr), LessonContext.current(rows),
                              process_factory=shielded_process)
    except ConfigError as exc:
        return fail(f"--{exc.knob}: {exc.message}", EXIT_BAD_INPUT)
    print(f"Lesson {lesson.name}: {lesson.claim} {len(runner.runs)} runs, each in a fresh training process.",
          file=sys.stderr, flush=True)
    out = sys.stderr if args.json else sys.stdout
    total = len(runner.runs)
    done = []

    def progress(result) -> None:
        done.append(result)
        r = result.record
        print(f"[{len(done)}/{total}] {result.run.setting}: {r.status}, {r.seconds:.3f} s "
              f"(start-up {r.startup_s:.3f} s)", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, lambda signum, frame: runner.cancel())
    try:
        outcome = runner.run(on_result=progress)
    finally:
        signal.signal(signal.SIGINT, previous)
    print(f"{'Shown' if outcome.shown else 'Not shown'}: {outcome.conclusion}", file=out)
    if args.json:
        print(json.dumps(outcome.to_dict(), default=_plain))
    if runner.cancelled:
        return EXIT_INTERRUPTED
    return EXIT_OK if all(run["status"] == "finished" for run in outcome.runs) else EXIT_FAILED


def _plain(value):
    """numpy numbers and other stragglers as JSON numbers or text."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)
