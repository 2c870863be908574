"""A run's name as the window shows it: the user's name, else one built from what distinguishes the run.

"4 workers · I/O 2 ms · batch 1": the knobs come from core.run_names.distinguishing_knobs (num_workers, then those
that differ from the defaults); each is worded here, translated. A knob this module has no words for (one added
later) still shows as "knob value", so a new knob never makes two different runs look alike.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from ..core.run_names import distinguishing_knobs

SEPARATOR = " · "


def _number(value: Any) -> str:
    if isinstance(value, float):
        return QLocale().toString(value, "g", 6)
    return str(value)


def knob_text(knob: str, value: Any) -> str:
    """One knob as a name part, e.g. ``("sample_delay_ms", 2.0)`` -> "I/O 2 ms"."""
    translate = QCoreApplication.translate  # not "tr": lupdate reads tr(a, b) as tr(text, comment)
    if knob == "num_workers" and isinstance(value, int):
        return translate("RunNames", "1 worker") if value == 1 else \
            translate("RunNames", "%n workers", "", value)
    if knob == "epochs" and isinstance(value, int):
        return translate("RunNames", "1 epoch") if value == 1 else translate("RunNames", "%n epochs", "", value)
    if isinstance(value, bool):
        on_off = {
            "shuffle": (translate("RunNames", "shuffled"), translate("RunNames", "not shuffled")),
            "persistent_workers": (translate("RunNames", "persistent workers"), ""),
            "pin_memory": (translate("RunNames", "pinned memory"), ""),
            "standardize": (translate("RunNames", "standardized"), ""),
            "drop_missing": (translate("RunNames", "incomplete rows dropped"), ""),
            "batched_fetch": (translate("RunNames", "whole batches fetched"), ""),
        }.get(knob)
        if on_off is not None and on_off[0 if value else 1]:
            return on_off[0 if value else 1]
        state = translate("RunNames", "on") if value else translate("RunNames", "off")
        return f"{knob} {state}"
    worded = {
        "sample_delay_ms": translate("RunNames", "I/O {value} ms"),
        "sample_cpu_ms": translate("RunNames", "CPU {value} ms"),
        "batch_size": translate("RunNames", "batch {value}"),
        "lr": translate("RunNames", "lr {value}"),
        "seed": translate("RunNames", "seed {value}"),
        "prefetch_factor": translate("RunNames", "prefetch {value}"),
        "start_method": translate("RunNames", "{value} start"),
        "device": translate("RunNames", "on {value}"),
        "fail_at_row": translate("RunNames", "fails at row {value}"),
        "target": translate("RunNames", "label {value}"),
        "positive": translate("RunNames", "{value} = 1"),
    }
    if knob == "val_fraction" and isinstance(value, (int, float)):
        return translate("RunNames", "{percent} % validation").format(percent=_number(round(100 * value, 1)))
    if knob in worded and value is not None:
        return worded[knob].format(value=_number(value))
    if knob == "ignore" and isinstance(value, list):
        return translate("RunNames", "without {columns}").format(columns=", ".join(map(str, value)))
    if isinstance(value, list):
        value = ", ".join(map(str, value))
    return f"{knob} {_number(value)}"


def automatic_name(config: dict[str, Any]) -> str:
    """"4 workers · I/O 2 ms": a run named by the knobs that distinguish it."""
    return SEPARATOR.join(knob_text(knob, value) for knob, value in distinguishing_knobs(config).items())


def name_from_knobs(knobs: dict[str, Any]) -> str:
    """The automatic name from knobs already picked (RunSummary.knobs)."""
    return SEPARATOR.join(knob_text(knob, value) for knob, value in knobs.items())


def display_name(name: str, knobs: dict[str, Any]) -> str:
    """The user's name when the run has one, else the automatic name."""
    return name or name_from_knobs(knobs)
