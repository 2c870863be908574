"""The messages that cross the pipe between the window's process and the training process.

Per-batch values travel in batches (a dict of numpy arrays, flushed every ~30 ms or at an epoch's end), never one
message per batch: a batch-size-1 run makes ~760 batches per epoch, and the window must not drown in them.
Every message is a ``(kind, payload)`` tuple of picklable, torch-free values.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.events import EpochEnded, RunEnded, RunFailed, RunStarted, TrainingListener

if TYPE_CHECKING:
    from ..core.record import RecordBuilder

# child -> parent
READY = "ready"  # payload: dict(pid, python, torch, cpu_count, cuda, mps)
STARTED = "started"  # payload: RunStarted
BATCHES = "batches"  # payload: dict of arrays keyed like core.record.PER_ITERATION_KEYS
EPOCH = "epoch"  # payload: EpochEnded
ENDED = "ended"  # payload: RunEnded
FAILED = "failed"  # payload: RunFailed
TABLE = "table"  # payload: runner.table_keeper's reply: dict(id, path, summary or None, error or None)
# parent -> child
WARM = "warm"  # payload: None; import torch and warm up now (the window is idle), then say READY
READ = "read"  # payload: dict(id, path); read the table, keep it for the run, answer TABLE
RUN = "run"  # payload: TrainConfig.to_dict()
QUIT = "quit"  # payload: None

FLUSH_INTERVAL_S = 0.03


@dataclass(frozen=True)
class Message:
    kind: str
    payload: Any


def dispatch(message: Message, handlers: Mapping[str, Callable[[Any], None]]) -> None:
    """Call the handler of ``message.kind`` with its payload; a kind without a handler is ignored."""
    handler = handlers.get(message.kind)
    if handler is not None:
        handler(message.payload)


def record_handlers(builder: RecordBuilder) -> dict[str, Callable[[Any], None]]:
    """Which message feeds which step of the run record: the one mapping the sweep, the window and tests use."""
    return {STARTED: builder.on_run_start, BATCHES: builder.add_batches, EPOCH: builder.on_epoch_end,
            ENDED: builder.on_run_end, FAILED: builder.on_run_failed}


def feed_record(builder: RecordBuilder, message: Message) -> None:
    dispatch(message, record_handlers(builder))


class PipeListener(TrainingListener):
    """Collects per-batch values and sends them in arrays; everything else goes through at once."""

    def __init__(self, send, flush_interval_s: float = FLUSH_INTERVAL_S):
        self._send = send
        self._interval = flush_interval_s
        self._last_flush = -1.0  # so the very first batch is sent at once: first point on screen quickly
        self._reset()

    def _reset(self) -> None:
        self._loss: list[float] = []
        self._wait: list[float] = []
        self._compute: list[float] = []
        self._epoch: list[int] = []
        self._elapsed: list[float] = []

    def on_run_start(self, event: RunStarted) -> None:
        self._send((STARTED, event))

    def on_batch(self, epoch: int, loss: float, wait_s: float, compute_s: float, elapsed_s: float) -> None:
        self._loss.append(loss)
        self._wait.append(wait_s)
        self._compute.append(compute_s)
        self._epoch.append(epoch)
        self._elapsed.append(elapsed_s)
        # The loop already read the clock for elapsed_s: no second read per batch.
        if elapsed_s - self._last_flush >= self._interval:
            self._last_flush = elapsed_s
            self.flush()

    def flush(self) -> None:
        if not self._loss:
            return
        self._send((BATCHES, {
            "losses": np.asarray(self._loss, dtype=np.float64),
            "data_wait_s": np.asarray(self._wait, dtype=np.float64),
            "compute_s": np.asarray(self._compute, dtype=np.float64),
            "iteration_epoch": np.asarray(self._epoch, dtype=np.int32),
            "elapsed_s": np.asarray(self._elapsed, dtype=np.float64),
        }))
        self._reset()

    def on_epoch_end(self, event: EpochEnded) -> None:
        self.flush()
        self._send((EPOCH, event))

    def on_run_end(self, event: RunEnded) -> None:
        self.flush()
        self._send((ENDED, event))

    def on_run_failed(self, event: RunFailed) -> None:
        self.flush()
        self._send((FAILED, event))
