"""The notes' periodic stall: with slow loading the loop waits for the first worker again every num_workers batches.

Found from the per-iteration waits alone, so a recorded run, a live run and a lesson all detect it the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..record import first_batch_mask

# --- stall detection -------------------------------------------------------------------------------------------
STALL_FACTOR = 3.0  # a stall waits at least this many times the median of the batches off the rhythm ...
STALL_MIN_S = 0.001  # ... and at least this long in absolute terms
MIN_STALLS = 3
MIN_RHYTHM_BATCHES = 5  # batches on the rhythm needed to judge it (fewer: random noise fits too often)
PERIODIC_MIN_PRECISION = 0.6  # share of all stalls that must fall on the rhythm (random hiccups are allowed)
PERIODIC_MIN_RECALL = 0.75  # share of the rhythm's batches that must be stalls (rules out half the period)
PERIODIC_MIN_EPOCH_SHARE = 0.5  # share of epochs that must show the rhythm


@dataclass(frozen=True)
class StallPattern:
    """Stalls that recur every ``period`` batches: the worker rotation of the notes."""

    period: int  # batches between stalls (ideally == num_workers)
    stall_indices: np.ndarray = field(compare=False)  # iteration indices (0-based, global) that are stalls
    mean_stall_s: float
    mean_other_s: float
    num_workers: int = 0

    @property
    def stall_count(self) -> int:
        return int(len(self.stall_indices))


def _epoch_spans(count: int, epoch_of_iteration: Sequence[int] | None) -> list[tuple[int, int]]:
    """(start, stop) of each epoch's iterations; one span when epochs are unknown."""
    first = np.flatnonzero(first_batch_mask(count, epoch_of_iteration))
    bounds = [*first.tolist(), count]
    return [(bounds[i], bounds[i + 1]) for i in range(len(first))]


def _phase_mask(waits: np.ndarray, spans: list[tuple[int, int]], period: int) -> np.ndarray:
    """In each epoch, the batches at the one phase (position mod period) that waits longest (by median).

    The phase is chosen per epoch because the rotation restarts with every epoch and need not start at the
    same worker."""
    mask = np.zeros(len(waits), dtype=bool)
    for start, stop in spans:
        positions = np.arange(start + 1, stop)  # the epoch's first batch waits for start-up: not part of it
        if len(positions) < 2 * period:
            continue
        phases = [positions[(positions - start) % period == phase] for phase in range(period)]
        slowest = max(phases, key=lambda at: float(np.median(waits[at])))
        mask[slowest] = True
    return mask


def _shows_rhythm(on: np.ndarray, stall: np.ndarray) -> bool:
    hits = int((on & stall).sum())
    return hits > 0 and hits / on.sum() >= PERIODIC_MIN_RECALL and hits / stall.sum() >= PERIODIC_MIN_PRECISION


def detect_periodic_stall(wait_s: Sequence[float], num_workers: int,
                          epoch_of_iteration: Sequence[int] | None = None) -> StallPattern | None:
    """Find stalls that recur every ``period`` batches (2 <= period <= num_workers); None if there is no rhythm.

    Each epoch's first batch is ignored (it waits for the workers to start). For each candidate period the
    slowest phase of each epoch is compared with the other batches: a stall waits more than STALL_FACTOR times
    the other batches' median and more than STALL_MIN_S. An epoch shows the rhythm when its phase holds most of
    its stalls (precision) and is stalled most of the time (recall); the period is the smallest one that most
    epochs show (workers that are still starting make the first epoch messy). With 0 or 1 workers there is no
    rotation: None.
    """
    waits = np.asarray(wait_s, dtype=float)
    steady = ~first_batch_mask(len(waits), epoch_of_iteration) & np.isfinite(waits)
    waits = np.where(steady, waits, 0.0)
    spans = _epoch_spans(len(waits), epoch_of_iteration)
    longest = max((stop - start - 1 for start, stop in spans), default=0)
    for period in range(2, min(num_workers, longest // 2) + 1):
        on = _phase_mask(waits, spans, period) & steady
        off = steady & ~on
        if on.sum() < MIN_RHYTHM_BATCHES or not off.any():
            continue
        threshold = max(STALL_FACTOR * float(np.median(waits[off])), STALL_MIN_S)
        stall = steady & (waits > threshold)
        hits = on & stall
        judged = [(start, stop) for start, stop in spans if on[start:stop].any()]
        showing = sum(_shows_rhythm(on[start:stop], stall[start:stop]) for start, stop in judged)
        if hits.sum() >= MIN_STALLS and showing >= PERIODIC_MIN_EPOCH_SHARE * len(judged):
            others = steady & ~stall
            return StallPattern(period=period, stall_indices=np.flatnonzero(hits),
                                mean_stall_s=float(waits[hits].mean()),
                                mean_other_s=float(waits[others].mean()) if others.any() else 0.0,
                                num_workers=int(num_workers))
    return None
