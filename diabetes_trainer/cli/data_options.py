"""The table's options on the command line (--target, --ignore, --positive, --drop-missing, --standardize) and the
``Data: …`` lines every run starts with, so the output always names the file it trained on and what was guessed."""

from __future__ import annotations

import argparse
from typing import TextIO


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("the table's columns and values (see docs/data-format.md)")
    group.add_argument("--target", metavar="COLUMN", default=None,
                       help="the label column, by name or 1-based number (default: the column named outcome, label, "
                            "target, class or y, else the last)")
    group.add_argument("--ignore", metavar="COLUMN", action="append", default=[],
                       help="leave this column out, by name or number; repeatable. Any --ignore turns off the "
                            "automatic ignoring of a row-number column; --ignore none keeps it as a feature")
    group.add_argument("--positive", metavar="VALUE", default=None,
                       help="the label value that counts as 1 (default: no/false/negative/down… are 0, else "
                            "alphabetical order)")
    group.add_argument("--drop-missing", action="store_true",
                       help="leave out rows with a missing value (empty, NA, N/A, NaN, ?, null) instead of refusing")
    group.add_argument("--standardize", action="store_true",
                       help="scale each feature to mean 0 and standard deviation 1, fitted on the training rows "
                            "(for raw values such as a glucose of 148; off by default, as in the tutorial)")


def data_option_values(args: argparse.Namespace) -> dict:
    return {"target": args.target, "ignore": tuple(args.ignore), "positive": args.positive,
            "drop_missing": args.drop_missing, "standardize": args.standardize}


def data_lines(summary: dict, standardized: dict | None = None) -> list[str]:
    """``Data: PATH · rows × features · label 1: share``, then one line per note of the reader."""
    rows, positives = int(summary["rows"]), int(summary["positives"])
    path = summary["path"] + (" (the bundled synthetic sample)" if summary.get("synthetic") else "")
    share = positives / rows if rows else 0.0
    lines = [f"Data: {path} · {rows} rows × {summary['features']} features · label 1: {positives} "
             f"({share:.1%})"]
    lines += [f"  {note}" for note in summary.get("notes") or []]
    if standardized:
        lines.append(f"  Features standardized: mean and standard deviation from the {standardized['rows']} "
                     "training rows.")
    return lines


def print_data_lines(summary: dict, out: TextIO, standardized: dict | None = None) -> None:
    for line in data_lines(summary, standardized):
        print(line, file=out, flush=True)
