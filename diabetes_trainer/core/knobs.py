"""Every TrainConfig field as a knob, one line each: its limits, its CLI option, its widget in the window.

The limits are the one rule for what a knob accepts: ``TrainConfig.validate`` (and so the CLI, the sweep and the
stored settings) refuses what lies outside them, and the window's spin boxes cannot go outside them. The option and
widget names let tests/gui/test_knob_registry.py enumerate ``dataclasses.fields(TrainConfig)`` and check that each field
can be set in the window and on the command line, and survives the round trip.

Adding a field to TrainConfig: add its line to KNOBS (the test fails until there is one), its widget to
gui/panels/knobs.py and its option to cli/knobs.py.

No imports from the rest of the app: core/config.py reads its limits from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_WORKERS = 64
MAX_BATCH = 10_000_000
MAX_SAMPLE_MS = 10_000.0
MAX_VAL_FRACTION = 0.9  # at least a tenth of the rows stays for training (validation_rows keeps at least one)


@dataclass(frozen=True)
class Knob:
    field: str  # the TrainConfig field
    option: str  # the CLI option; without its dashes, the name ConfigError gives the knob
    widget: str  # the objectName of its control in gui/panels/knobs.py
    low: float | None = None  # the smallest value accepted (None: no numeric range)
    high: float | None = None
    example: Any = None  # a valid value that is not the default, for the round-trip test (bools: the other one)

    @property
    def name(self) -> str:
        return self.option.lstrip("-")


KNOBS = (
    Knob("data_path", "--data", "dataPathEdit", example="table.csv"),
    Knob("epochs", "--epochs", "epochsSpin", 1, 100_000, example=7),
    Knob("batch_size", "--batch-size", "batchSizeSpin", 1, MAX_BATCH, example=16),
    Knob("shuffle", "--shuffle", "shuffleCheck"),
    Knob("num_workers", "--num-workers", "numWorkersSpin", 0, MAX_WORKERS, example=2),
    Knob("lr", "--lr", "lrSpin", 1e-5, 10.0, example=0.05),
    Knob("seed", "--seed", "seedSpin", 0, 2_147_483_647, example=42),  # the largest a spin box holds
    Knob("persistent_workers", "--persistent-workers", "persistentCheck"),
    Knob("prefetch_factor", "--prefetch-factor", "prefetchSpin", 1, 64, example=4),
    Knob("start_method", "--start-method", "startMethodCombo", example="spawn"),
    Knob("pin_memory", "--pin-memory", "pinMemoryCheck"),
    Knob("device", "--device", "deviceCombo", example="cuda"),
    Knob("sample_delay_ms", "--sample-delay-ms", "sampleDelaySpin", 0.0, MAX_SAMPLE_MS, example=1.5),
    Knob("sample_cpu_ms", "--sample-cpu-ms", "sampleCpuSpin", 0.0, MAX_SAMPLE_MS, example=0.25),
    Knob("fail_at_row", "--fail-at-row", "failAtRowSpin", 0, MAX_BATCH, example=3),
    Knob("val_fraction", "--val-fraction", "valFractionSpin", 0.0, MAX_VAL_FRACTION, example=0.2),
    Knob("target", "--target", "targetCombo", example="Outcome"),
    Knob("ignore", "--ignore", "ignoreList", example=("Id",)),
    Knob("positive", "--positive", "positiveCombo", example="Yes"),
    Knob("drop_missing", "--drop-missing", "dropMissingCheck"),
    Knob("standardize", "--standardize", "standardizeCheck"),
    Knob("batched_fetch", "--batched-fetch", "batchedFetchCheck"),
)
NOT_KNOBS = ("extra",)  # TrainConfig fields that are no knob of the user's (extra: values carried along)

BY_FIELD = {knob.field: knob for knob in KNOBS}


def limits(field: str) -> tuple[float, float]:
    """(low, high) of a numeric knob."""
    knob = BY_FIELD[field]
    if knob.low is None or knob.high is None:
        raise KeyError(f"{field} has no numeric range")
    return knob.low, knob.high


def out_of_range(field: str, value: float) -> str:
    """The message for a value outside the knob's range ("" when inside), the same in the CLI and the window."""
    low, high = limits(field)
    if low <= value <= high:
        return ""
    return f"must be between {plain_number(low)} and {plain_number(high)}, not {value!r}"


def plain_number(number: float) -> str:
    """10000000, 0.9, 0.00001: as a person writes them, never 1e+07."""
    return str(int(number)) if float(number).is_integer() else f"{number:.10f}".rstrip("0")
