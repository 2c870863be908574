"""Builds the run record (docs/run-record.md) from the loop's events; torch-free so the window can use it too.

The window feeds it batched arrays from the pipe, the CLI feeds it the loop's events directly: both end up with the
same record, and a run that died still has everything it recorded.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .events import EpochEnded, RunEnded, RunFailed, RunStarted, TrainingListener

SCHEMA_VERSION = 1
PER_ITERATION_KEYS = ("losses", "data_wait_s", "compute_s", "iteration_epoch", "elapsed_s")


class RecordBuilder(TrainingListener):
    def __init__(self, config: dict[str, Any] | None = None):
        self.started: RunStarted | None = None
        self.config = dict(config or {})
        self.columns: dict[str, list] = {key: [] for key in PER_ITERATION_KEYS}
        self.epochs: list[dict[str, Any]] = []
        self.ended: RunEnded | None = None
        self.failure: RunFailed | None = None
        self.created = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")

    # -- listener hooks (the CLI path) -------------------------------------------------------------------------
    def on_run_start(self, event: RunStarted) -> None:
        self.started = event
        self.config = dict(event.config)

    def on_batch(self, epoch: int, loss: float, wait_s: float, compute_s: float, elapsed_s: float) -> None:
        c = self.columns
        c["losses"].append(loss)
        c["data_wait_s"].append(wait_s)
        c["compute_s"].append(compute_s)
        c["iteration_epoch"].append(epoch)
        c["elapsed_s"].append(elapsed_s)

    def on_epoch_end(self, event: EpochEnded) -> None:
        self.epochs.append(event.to_dict())

    def on_run_end(self, event: RunEnded) -> None:
        self.ended = event

    def on_run_failed(self, event: RunFailed) -> None:
        self.failure = event

    # -- batched input (the window's path: arrays from the pipe) -----------------------------------------------
    def add_batches(self, columns: dict[str, Any]) -> None:
        """Append equal-length sequences keyed like PER_ITERATION_KEYS (lists or numpy arrays)."""
        for key in PER_ITERATION_KEYS:
            values = columns[key]
            self.columns[key].extend(values.tolist() if hasattr(values, "tolist") else values)

    @property
    def iterations(self) -> int:
        return len(self.columns["losses"])

    @property
    def status(self) -> str:
        if self.failure is not None:
            return "failed"
        return self.ended.status if self.ended is not None else "stopped"

    def record(self) -> dict[str, Any]:
        losses = self.columns["losses"]
        elapsed = self.columns["elapsed_s"]
        measured = self.ended is not None and not self.ended.forced
        seconds = self.ended.seconds if measured else (elapsed[-1] if elapsed else 0.0)
        started = self.started
        return {
            "schema": SCHEMA_VERSION,
            "id": "",
            "name": "",
            "created": self.created,
            "status": self.status,
            "error": None if self.failure is None else {"kind": self.failure.kind, "message": self.failure.message},
            "config": self.config,
            "data": dict(started.data) if started else {},
            "seconds": seconds,
            "final_loss": losses[-1] if losses else None,
            "iterations": len(losses),
            **{key: list(values) for key, values in self.columns.items()},
            "epochs": list(self.epochs),
            "advice": [],
            "environment": dict(started.environment) if started else {},
        }
