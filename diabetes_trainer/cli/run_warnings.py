"""The CLI's warnings about a run, worded from the run's own numbers (core/run_checks.py decides when)."""

from __future__ import annotations

import sys
from typing import TextIO

from ..core.events import RunStarted, TrainingListener
from ..core.run_checks import COIN_FLIP_LOSS, Divergence, ShortTraining, find_divergence, short_training

JSON_LINE_WARN_BYTES = 10_000_000  # a --json line this long is worth a hint about --json-summary


def warn(message: str, stream: TextIO | None = None) -> None:
    print(f"diabetes-trainer-cli: warning: {message}", file=stream or sys.stderr, flush=True)


class ShortTrainingWarning(TrainingListener):
    """Warns before the first batch when validation leaves fewer training rows than one batch."""

    def on_run_start(self, event: RunStarted) -> None:
        config = event.config
        found = short_training(int(event.data.get("rows") or 0), int(config["batch_size"]),
                               float(config.get("val_fraction") or 0.0))
        if found is not None:
            warn(short_training_message(found))


def short_training_message(found: ShortTraining) -> str:
    fix = (f"use --val-fraction {found.largest_fraction:g} or less, or a --batch-size of {found.training_rows} "
           f"or less" if found.largest_fraction > 0
           else f"use --val-fraction 0, or a --batch-size of {found.training_rows} or less")
    return (f"--val-fraction {found.val_fraction:g} holds out {found.validation_rows} of the table's {found.rows} "
            f"rows and leaves {found.training_rows} to train on, fewer than one batch of {found.batch_size}: every "
            f"epoch is a single step on {found.training_rows} rows. To train on full batches, {fix}.")


def divergence_message(found: Divergence) -> str:
    if found.kind == "not-finite":
        where = f" at iteration {found.iteration}" if found.iteration is not None else ""
        where += f" (epoch {found.epoch})" if found.epoch is not None else ""
        what = f"the loss became {found.value}{where}: the weights overflowed"
    elif found.kind == "rising":
        what = (f"the mean loss rose from {found.first_mean:.4f} in epoch 1 to {found.value:.4f} in epoch "
                f"{found.epoch}: training made the model worse")
    else:
        what = (f"the mean loss of epoch {found.epoch} is {found.value:.4f}, over twice the {COIN_FLIP_LOSS:.3f} of "
                f"predicting 0.5 for every row: the predictions are confidently wrong")
    if found.lr is None:
        return f"the loss diverged: {what}. Try a lower --lr."
    return (f"the loss diverged: {what}. The learning rate is probably too high: try --lr {found.lr / 10:g} "
            f"(this run: --lr {found.lr:g}), then lower it further if the loss still does not fall.")


def warn_if_diverged(record: dict) -> bool:
    found = find_divergence(record)
    if found is not None:
        warn(divergence_message(found))
    return found is not None
