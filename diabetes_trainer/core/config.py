"""The knobs of one training run, validated with messages that name the knob."""

from __future__ import annotations

import dataclasses
import math
import multiprocessing
from dataclasses import dataclass, field, fields
from typing import Any

MAX_WORKERS = 64
DEVICES = ("cpu", "cuda", "mps")


class ConfigError(ValueError):
    """A knob has a value that cannot be used; ``knob`` names it the way the CLI spells it."""

    def __init__(self, knob: str, message: str):
        super().__init__(f"{knob}: {message}")
        self.knob = knob
        self.message = message


def available_start_methods() -> list[str]:
    """The multiprocessing start methods this platform offers (fork is absent on Windows)."""
    return list(multiprocessing.get_all_start_methods())


@dataclass(frozen=True)
class TrainConfig:
    """Everything that decides what a run computes and how its data is loaded.

    ``data_path`` None means the bundled synthetic sample data set. ``seed`` None means "no seed"
    (torch's own random initialisation, different each run), as in the tutorial.
    """

    data_path: str | None = None
    epochs: int = 10
    batch_size: int = 32
    shuffle: bool = True
    num_workers: int = 0
    lr: float = 0.01
    seed: int | None = None
    # DataLoader's deeper options (the insight issue).
    persistent_workers: bool = False
    prefetch_factor: int | None = None  # None: torch's default (2) when there are workers
    start_method: str | None = None  # None: the platform's default (fork on Linux, spawn elsewhere)
    pin_memory: bool = False
    device: str = "cpu"
    # The workload simulator: make __getitem__ slow on purpose.
    sample_delay_ms: float = 0.0  # I/O-like: sleep per sample
    sample_cpu_ms: float = 0.0  # CPU-like: busy computation per sample
    fail_at_row: int | None = None  # the simulator raises in __getitem__ for this row: how failures reach you
    val_fraction: float = 0.0  # share of rows held out for validation (0: none, as in the tutorial)
    # Fetch each batch with one indexing call (a batch sampler) instead of batch_size __getitem__ calls + collate.
    batched_fetch: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def validate(self) -> TrainConfig:
        """Return self, or raise ConfigError naming the first knob that is wrong."""
        _whole("epochs", self.epochs, low=1)
        _whole("batch-size", self.batch_size, low=1)
        _whole("num-workers", self.num_workers, low=0, high=MAX_WORKERS)
        if not isinstance(self.lr, (int, float)) or isinstance(self.lr, bool) or not math.isfinite(self.lr) \
                or self.lr <= 0:
            raise ConfigError("lr", f"the learning rate must be a number greater than 0, not {self.lr!r}")
        if self.seed is not None:
            _whole("seed", self.seed, low=0, high=2**63 - 1)
        if self.prefetch_factor is not None:
            _whole("prefetch-factor", self.prefetch_factor, low=1, high=1024)
            if self.num_workers == 0:
                raise ConfigError("prefetch-factor", "only applies with num_workers > 0; leave it unset for 0 workers")
        if self.persistent_workers and self.num_workers == 0:
            raise ConfigError("persistent-workers", "needs num_workers > 0 (there are no workers to keep alive)")
        if self.start_method is not None and self.start_method not in available_start_methods():
            raise ConfigError("start-method", f"{self.start_method!r} is not available here; choose one of "
                                              f"{', '.join(available_start_methods())}")
        if self.device not in DEVICES:
            raise ConfigError("device", f"{self.device!r} is not a device; choose one of {', '.join(DEVICES)}")
        for knob, value in (("sample-delay-ms", self.sample_delay_ms), ("sample-cpu-ms", self.sample_cpu_ms)):
            if not isinstance(value, (int, float)) or not math.isfinite(value) or not 0 <= value <= 10_000:
                raise ConfigError(knob, f"must be between 0 and 10000 milliseconds per sample, not {value!r}")
        if self.fail_at_row is not None:
            _whole("fail-at-row", self.fail_at_row, low=0)
        if not isinstance(self.val_fraction, (int, float)) or not 0 <= self.val_fraction < 1:
            raise ConfigError("val-fraction", f"must be at least 0 and below 1, not {self.val_fraction!r}")
        return self

    @property
    def uses_workers(self) -> bool:
        return self.num_workers > 0

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> TrainConfig:
        """Build from a dict, ignoring unknown keys (records written by newer versions stay readable)."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in known})

    def replace(self, **changes: Any) -> TrainConfig:
        return dataclasses.replace(self, **changes)


def _whole(knob: str, value: Any, low: int, high: int | None = None) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigError(knob, f"must be a whole number, not {value!r}")
    if value < low or (high is not None and value > high):
        bound = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise ConfigError(knob, f"must be {bound}, not {value}")


def iterations_per_epoch(rows: int, batch_size: int, val_fraction: float = 0.0) -> int:
    """ceil(N / batch size): the tutorial's 'Iteration' for N training rows."""
    train_rows = rows - validation_rows(rows, val_fraction)
    return max(0, math.ceil(train_rows / batch_size)) if batch_size > 0 else 0


def validation_rows(rows: int, val_fraction: float) -> int:
    if val_fraction <= 0 or rows < 2:
        return 0
    return min(rows - 1, max(1, round(rows * val_fraction)))
