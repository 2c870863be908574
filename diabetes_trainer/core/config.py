"""The knobs of one training run, validated with messages that name the knob."""

from __future__ import annotations

import dataclasses
import math
import multiprocessing
from dataclasses import dataclass, field, fields
from typing import Any

from .knobs import MAX_WORKERS, limits, out_of_range  # noqa: F401  (MAX_WORKERS: importers of config)

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
    # How the table is read (docs/data-format.md); the defaults read the tutorial's table exactly as its script.
    target: str | None = None  # the label column, a name or a 1-based number; None: named like a label, or last
    ignore: tuple[str, ...] = ()  # columns left out, names or 1-based numbers ("none": keep a row-number column)
    positive: str | None = None  # the label value that becomes 1
    drop_missing: bool = False  # leave out rows with missing values instead of refusing the table
    standardize: bool = False  # scale each feature to mean 0, std 1 (fitted on the training rows)
    # Fetch each batch with one indexing call (a batch sampler) instead of batch_size __getitem__ calls + collate.
    batched_fetch: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        if isinstance(self.ignore, (list, str)):  # a record's JSON list, or one name given alone
            object.__setattr__(self, "ignore", (self.ignore,) if isinstance(self.ignore, str) else tuple(self.ignore))

    def validate(self) -> TrainConfig:
        """Return self, or raise ConfigError naming the first knob that is wrong."""
        # The ranges are core/knobs.py's, the same the window's spin boxes keep to.
        _whole("epochs", self.epochs, *limits("epochs"))
        _whole("batch-size", self.batch_size, *limits("batch_size"))
        _whole("num-workers", self.num_workers, *limits("num_workers"))
        _number("lr", self.lr, "the learning rate")
        if self.seed is not None:
            _whole("seed", self.seed, *limits("seed"))
        if self.prefetch_factor is not None:
            _whole("prefetch-factor", self.prefetch_factor, *limits("prefetch_factor"))
            if self.num_workers == 0:
                raise ConfigError("prefetch-factor", "only applies with num_workers > 0; leave it unset for 0 workers")
        if self.persistent_workers and self.num_workers == 0:
            raise ConfigError("persistent-workers", "needs num_workers > 0 (there are no workers to keep alive)")
        if self.start_method is not None and self.start_method not in available_start_methods():
            raise ConfigError("start-method", f"{self.start_method!r} is not available here; choose one of "
                                              f"{', '.join(available_start_methods())}")
        if self.device not in DEVICES:
            raise ConfigError("device", f"{self.device!r} is not a device; choose one of {', '.join(DEVICES)}")
        _number("sample-delay-ms", self.sample_delay_ms, "the milliseconds per sample")
        _number("sample-cpu-ms", self.sample_cpu_ms, "the milliseconds per sample")
        if self.fail_at_row is not None:
            _whole("fail-at-row", self.fail_at_row, *limits("fail_at_row"))
        _number("val-fraction", self.val_fraction, "the share of rows held out")
        _validate_table_options(self)
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


def _validate_table_options(config: TrainConfig) -> None:
    if config.data_path is not None and not str(config.data_path).strip():
        raise ConfigError("data", "the path is empty (an unset shell variable?); give a table's path, or leave "
                                  "--data out to train on the bundled sample")
    for knob, value in (("target", config.target), ("positive", config.positive)):
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise ConfigError(knob, f"must be a column name or number, not {value!r}" if knob == "target"
                              else f"must be one of the label column's values, not {value!r}")
    if not isinstance(config.ignore, tuple) or not all(isinstance(v, str) and v.strip() for v in config.ignore):
        raise ConfigError("ignore", f"must list column names or numbers, not {config.ignore!r}")
    for knob, value in (("drop-missing", config.drop_missing), ("standardize", config.standardize)):
        if not isinstance(value, bool):
            raise ConfigError(knob, f"must be true or false, not {value!r}")


def _whole(knob: str, value: Any, low: float, high: float) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigError(knob, f"must be a whole number, not {value!r}")
    if problem := out_of_range(knob.replace("-", "_"), value):
        raise ConfigError(knob, problem)


def _number(knob: str, value: Any, what: str) -> None:
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value):
        raise ConfigError(knob, f"{what} must be a number, not {value!r}")
    if problem := out_of_range(knob.replace("-", "_"), value):
        raise ConfigError(knob, f"{what} {problem}")


def iterations_per_epoch(rows: int, batch_size: int, val_fraction: float = 0.0) -> int:
    """ceil(N / batch size): the tutorial's 'Iteration' for N training rows."""
    train_rows = rows - validation_rows(rows, val_fraction)
    return max(0, math.ceil(train_rows / batch_size)) if batch_size > 0 else 0


def validation_rows(rows: int, val_fraction: float) -> int:
    if val_fraction <= 0 or rows < 2:
        return 0
    return min(rows - 1, max(1, round(rows * val_fraction)))
