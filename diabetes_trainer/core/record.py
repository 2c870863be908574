"""Builds the run record (docs/run-record.md) from the loop's events; torch-free so the window can use it too.

The window feeds it batched arrays from the pipe, the CLI feeds it the loop's events directly: both end up with the
same record, and a run that died still has everything it recorded.
"""

from __future__ import annotations

import datetime as _dt
import math
import multiprocessing
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .events import PER_ITERATION_KEYS, EpochEnded, RunEnded, RunFailed, RunStarted, TrainingListener

SCHEMA_VERSION = 1


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


# --- reading a record: one type every reader uses --------------------------------------------------------------

def finite(value: Any, default: float = 0.0) -> float:
    """A JSON value as a finite float, or ``default`` (bools, strings, NaN and missing values are not numbers)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return default
    return float(value)


def _floats(values: Any) -> np.ndarray:
    """A record's list of numbers as floats, anything that is not a finite number as 0 (vectorised: a long run's
    record has millions and the window reads it on the GUI thread as the run ends)."""
    if not isinstance(values, list):
        return np.zeros(0)
    if set(map(type, values)) <= {float, int}:  # not bool: numpy would take True for 1.0
        try:
            array = np.array(values, dtype=float)
        except (TypeError, ValueError):
            array = None
        if array is not None and array.ndim == 1:
            array[~np.isfinite(array)] = 0.0
            return array
    return np.array([finite(v) for v in values], dtype=float)


def _object(values: Any, key: str) -> dict:
    value = values.get(key) if isinstance(values, dict) else None
    return value if isinstance(value, dict) else {}


def first_batch_mask(count: int, epoch_of_iteration: Any) -> np.ndarray:
    """True at each epoch's first batch, whose wait includes starting the workers."""
    first = np.zeros(count, dtype=bool)
    if count == 0:
        return first
    first[0] = True
    if epoch_of_iteration is not None and len(epoch_of_iteration) == count:
        epochs = np.asarray(epoch_of_iteration)
        first[1:] = epochs[1:] != epochs[:-1]
    return first


@dataclass(frozen=True)
class RunRecord:
    """A run record (docs/run-record.md) read once, with every derived number computed here and nowhere else.

    ``from_dict`` accepts whatever a reader finds (old, partial or hand-edited records): anything missing or
    malformed reads as absent, never as an exception.
    """

    raw: dict = field(repr=False, compare=False)
    status: str
    config: dict
    rows: int  # data rows (0 when unknown)
    positives: int | None  # rows labelled 1, when the record says
    features: int
    scale_off: bool  # the raw features' scales would saturate the sigmoid units (the reader's scale check)
    num_workers: int
    persistent: bool
    start_method: str
    delay_ms: float
    cpu_ms: float
    device: str
    pin_memory: bool
    epochs: int
    iterations: int
    seconds: float  # the training loop (the sum of waits and computes when the record has no time)
    final_loss: float | None
    startup_s: float  # every epoch's worker start-up (iter(loader) to its first batch), summed
    steady_wait_s: float  # waits without each epoch's first batch (those include the start-up)
    steady_batches: int
    compute_s: float
    waits: np.ndarray = field(repr=False, compare=False)
    computes: np.ndarray = field(repr=False, compare=False)
    losses: np.ndarray = field(repr=False, compare=False)
    iteration_epoch: list | None = field(repr=False, compare=False)
    epoch_stats: list = field(repr=False, compare=False)

    @classmethod
    def from_dict(cls, record: Any) -> RunRecord:
        if not isinstance(record, dict):
            record = {}
        config = _object(record, "config")
        environment = _object(record, "environment")
        data = _object(record, "data")
        waits = _floats(record.get("data_wait_s"))
        compute = _floats(record.get("compute_s"))
        iteration_epoch = record.get("iteration_epoch")
        if not isinstance(iteration_epoch, list) or len(iteration_epoch) != len(waits):
            iteration_epoch = None
        first = first_batch_mask(len(waits), iteration_epoch)
        raw_epochs = record.get("epochs")
        epochs = [e for e in raw_epochs if isinstance(e, dict)] if isinstance(raw_epochs, list) else []
        seconds = finite(record.get("seconds"))
        if seconds <= 0:
            seconds = float(waits.sum() + compute.sum())
        final = record.get("final_loss")
        return cls(
            raw=record, status=str(record.get("status") or ""), config=config,
            rows=int(finite(data.get("rows"))),
            positives=int(data["positives"]) if isinstance(data.get("positives"), int) else None,
            features=int(finite(data.get("features"), 8)), scale_off=data.get("scale_off") is True,
            num_workers=int(finite(config.get("num_workers"))), persistent=bool(config.get("persistent_workers")),
            start_method=str(config.get("start_method") or environment.get("start_method")
                             or multiprocessing.get_all_start_methods()[0]),
            delay_ms=finite(config.get("sample_delay_ms")), cpu_ms=finite(config.get("sample_cpu_ms")),
            device=str(config.get("device") or "cpu"), pin_memory=bool(config.get("pin_memory")),
            epochs=len(epochs) or int(finite(config.get("epochs"), 1)),
            iterations=int(finite(record.get("iterations"), len(waits))), seconds=seconds,
            final_loss=float(final) if isinstance(final, (int, float)) and not isinstance(final, bool) else None,
            startup_s=sum(finite(e.get("worker_startup_s")) for e in epochs),
            steady_wait_s=float(waits[~first].sum()), steady_batches=int((~first).sum()),
            compute_s=float(compute.sum()), waits=waits, computes=compute, losses=_floats(record.get("losses")),
            iteration_epoch=iteration_epoch, epoch_stats=epochs)

    # -- derived numbers -------------------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @property
    def steady_s(self) -> float:
        """The loop without the workers' start-up."""
        return max(0.0, self.seconds - self.startup_s)

    def share(self, part_s: float) -> float:
        return part_s / self.seconds if self.seconds > 0 else 0.0

    @property
    def wait_share(self) -> float:
        return self.share(self.steady_wait_s)

    @property
    def compute_share(self) -> float:
        return self.share(self.compute_s)

    @property
    def startup_share(self) -> float:
        return self.share(self.startup_s)

    @property
    def mean_steady_wait_s(self) -> float:
        return self.steady_wait_s / self.steady_batches if self.steady_batches else 0.0

    @property
    def median_compute_s(self) -> float:
        """One training step's typical time: the median resists the process's first step, which warms torch up."""
        return float(np.median(self.computes)) if len(self.computes) else 0.0

    @property
    def seconds_per_epoch(self) -> float:
        return self.seconds / self.epochs if self.epochs else 0.0

    @property
    def in_memory_instant(self) -> bool:
        """No simulated loading work: the data is in memory and a sample costs nothing to fetch."""
        return self.delay_ms == 0 and self.cpu_ms == 0

    @property
    def samples_loaded(self) -> int:
        batch = int(finite(self.config.get("batch_size"), 32))
        return self.rows * self.epochs if self.rows else self.iterations * batch

    def epoch_mean_loss(self, epoch: int = -1) -> float | None:
        """An epoch's mean training loss (the last epoch by default)."""
        if not self.epoch_stats:
            return None
        value = self.epoch_stats[epoch].get("mean_loss")
        return finite(value) if isinstance(value, (int, float)) else None

    @property
    def final_accuracy(self) -> float | None:
        if not self.epoch_stats:
            return None
        value = self.epoch_stats[-1].get("accuracy")
        return finite(value) if isinstance(value, (int, float)) else None

    @property
    def majority_share(self) -> float | None:
        """The share of the more common label: the accuracy of a model that answers it for every row."""
        if self.positives is None or self.rows <= 0:
            return None
        return max(self.positives, self.rows - self.positives) / self.rows

    @property
    def majority_label(self) -> int | None:
        if self.positives is None or self.rows <= 0:
            return None
        return 1 if self.positives * 2 >= self.rows else 0

    def dominant_part(self) -> tuple[str, float]:
        """Which part of the loop's time is largest: ("startup" | "wait" | "compute" | "other", its share)."""
        other = max(0.0, self.seconds - self.startup_s - self.steady_wait_s - self.compute_s)
        parts = {"startup": self.startup_s, "wait": self.steady_wait_s, "compute": self.compute_s, "other": other}
        name = max(parts, key=parts.get)
        return name, self.share(parts[name])
