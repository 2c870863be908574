"""Two checks on a run, from its own numbers: did the loss diverge, and does validation leave less than a batch?

They return the numbers behind the verdict (or None); the CLI and the window word them for their own knobs.
Torch-free: the window may use them.

The loss **diverged** when any of these holds (first match wins):

1. ``not-finite``: an iteration's loss is NaN or infinite (the weights have overflowed; nothing after it means
   anything).
2. ``rising``: the run finished at least two epochs and the mean loss of its last finished epoch is more than
   ``RISE_TOLERANCE`` (1 %) above that of its first: training made the model worse. The tolerance keeps a run whose
   loss has simply stopped moving (tiny learning rate) from being called diverged for noise.
3. ``blown-up``: the mean loss of the last finished epoch is above ``BLOWN_UP_LOSS`` = 2 ln 2 ≈ 1.386, twice the
   binary cross-entropy of predicting 0.5 for every row. Only confidently wrong predictions cost that much; a
   learning network starts near ln 2 and goes down. This catches the run that blew up within its first epoch and
   then stayed up (``--lr 1e9``: ~34 in every epoch), which rule 2 cannot see.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .config import validation_rows

RISE_TOLERANCE = 0.01
COIN_FLIP_LOSS = math.log(2.0)  # binary cross-entropy of predicting 0.5 for every row
BLOWN_UP_LOSS = 2 * COIN_FLIP_LOSS


@dataclass(frozen=True)
class Divergence:
    kind: str  # "not-finite", "rising" or "blown-up"
    lr: float | None
    iteration: int | None = None  # not-finite: the first such iteration, 1-based
    epoch: int | None = None  # not-finite: its epoch; rising, blown-up: the last finished epoch
    value: float | None = None  # not-finite: that loss; rising, blown-up: the last epoch's mean loss
    first_mean: float | None = None  # rising: the first epoch's mean loss


@dataclass(frozen=True)
class ShortTraining:
    """Validation holds out so many rows that fewer than one batch is left to train on."""

    rows: int
    validation_rows: int
    training_rows: int
    batch_size: int
    val_fraction: float

    @property
    def largest_fraction(self) -> float:
        """The largest --val-fraction, in thousandths, that still leaves one full batch (0: none does)."""
        if self.rows <= self.batch_size:
            return 0.0
        return math.floor((self.rows - self.batch_size) / self.rows * 1000) / 1000


def find_divergence(record: dict[str, Any]) -> Divergence | None:
    """The first of the three rules (module docstring) that the record's losses meet, or None."""
    config = record.get("config") if isinstance(record.get("config"), dict) else {}
    lr = config.get("lr") if isinstance(config.get("lr"), (int, float)) else None
    losses = record.get("losses") or []
    epochs_of = record.get("iteration_epoch") or []
    for index, loss in enumerate(losses):
        if isinstance(loss, (int, float)) and not math.isfinite(loss):
            epoch = epochs_of[index] if index < len(epochs_of) else None
            return Divergence("not-finite", lr, iteration=index + 1, epoch=epoch, value=float(loss))
    means = [(e["epoch"], float(e["mean_loss"])) for e in record.get("epochs") or []
             if isinstance(e, dict) and isinstance(e.get("mean_loss"), (int, float))]
    if not means:
        return None
    (_, first), (last_epoch, last) = means[0], means[-1]
    if not (math.isfinite(first) and math.isfinite(last)):  # a NaN mean without a NaN loss: lists left out
        return Divergence("not-finite", lr, epoch=last_epoch, value=last)
    if len(means) >= 2 and last > first * (1 + RISE_TOLERANCE):
        return Divergence("rising", lr, epoch=last_epoch, value=last, first_mean=first)
    if last > BLOWN_UP_LOSS:
        return Divergence("blown-up", lr, epoch=last_epoch, value=last)
    return None


def short_training(rows: int, batch_size: int, val_fraction: float) -> ShortTraining | None:
    """ShortTraining when validation is what leaves fewer training rows than one batch, else None."""
    held_out = validation_rows(rows, val_fraction)
    left = rows - held_out
    if held_out == 0 or left >= batch_size or rows < batch_size:
        return None  # no validation, a full batch left, or too few rows for a batch even without validation
    return ShortTraining(rows, held_out, left, batch_size, val_fraction)
