"""What distinguishes a run: its knobs that differ from TrainConfig's defaults, in the order a name lists them.

A run's automatic name ("4 workers · I/O 2 ms") is built from these, so two runs that differ only in their I/O
delay no longer look alike. The text itself is the window's (translated there); this module only picks the knobs.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any

from .config import TrainConfig

# Named first, in this order; every other field of TrainConfig follows in its declaration order. num_workers is
# always named: it is the knob the app is about, and a name needs at least one part.
LEADING = ("num_workers", "sample_delay_ms", "sample_cpu_ms", "batch_size", "epochs", "lr", "shuffle")
# Where the data came from is not a knob a comparison is about; the run list shows the data file beside the name.
NOT_NAMED = ("data_path", "extra")


def _defaults() -> dict[str, Any]:
    values = {}
    for field in fields(TrainConfig):
        if field.default is not MISSING:
            values[field.name] = field.default
        elif field.default_factory is not MISSING:  # type: ignore[misc]
            values[field.name] = field.default_factory()  # type: ignore[misc]
    return values


def distinguishing_knobs(config: dict[str, Any]) -> dict[str, Any]:
    """The knobs of ``config`` worth naming the run by: num_workers, then those that differ from the defaults."""
    defaults = _defaults()
    order = list(LEADING) + [name for name in defaults if name not in LEADING]
    picked: dict[str, Any] = {}
    for name in order:
        if name in NOT_NAMED or name not in config:
            continue
        value = config[name]
        if isinstance(value, list):  # a record's JSON list stands for the config's tuple (ignore = ())
            value = tuple(value)
        if name == "num_workers" or name not in defaults or value != defaults[name]:
            if isinstance(value, (list, tuple)):
                value = list(value)
            picked[name] = value
    return picked
