"""An advice item is data: what was found (``kind``), how much it matters, the numbers behind it and at most the
knob values it suggests. Its text comes from one renderer (``texts.py``), English or translated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..durations import format_seconds  # noqa: F401 (re-exported: the advice texts use it)

MIB = 2**20
SEVERITIES = ("warn", "suggest", "info")
MEMORY_WARN_SHARE = 0.50  # workers' memory at least this share of the available memory: warn


@dataclass(frozen=True)
class Advice:
    kind: str  # a stable id, see core.advice's docstring
    severity: str  # "warn" | "suggest" | "info"
    numbers: dict[str, Any] = field(default_factory=dict, compare=False)
    recommend: dict[str, Any] = field(default_factory=dict)  # knob -> suggested value; never what is already set

    @property
    def message(self) -> str:
        """The English text (the same renderer the window translates)."""
        from .texts import render

        return render(self)

    def to_dict(self, text: str | None = None) -> dict[str, Any]:
        return {"kind": self.kind, "severity": self.severity, "numbers": dict(self.numbers),
                "recommend": dict(self.recommend), "text": self.message if text is None else text}


@dataclass(frozen=True)
class SystemInfo:
    logical_cores: int
    total_memory: int  # bytes
    available_memory: int  # bytes

    @classmethod
    def current(cls) -> SystemInfo:
        import psutil  # only here: the rules themselves need no system access

        memory = psutil.virtual_memory()
        return cls(logical_cores=psutil.cpu_count(logical=True) or 1, total_memory=int(memory.total),
                   available_memory=int(memory.available))


def by_severity(advice: list[Advice]) -> list[Advice]:
    return sorted(advice, key=lambda a: SEVERITIES.index(a.severity))


def consistent(advice: list[Advice], config: dict[str, Any]) -> list[Advice]:
    """One value per knob across a run's advice, and nothing the run already has.

    The items are taken in order (most important first): an item keeps a recommendation only when the run does not
    already have that value and no earlier item recommended a different one. Persistent workers or a prefetch
    factor are dropped once an earlier item recommended 0 workers (they would not apply).
    """
    claimed: dict[str, Any] = {}
    kept = []
    for item in advice:
        recommend = {}
        for knob, value in item.recommend.items():
            if knob in config and config[knob] == value:
                continue
            if knob in claimed and claimed[knob] != value:
                continue
            if knob in ("persistent_workers", "prefetch_factor") and claimed.get("num_workers") == 0:
                continue
            recommend[knob] = value
        claimed.update(recommend)
        kept.append(Advice(item.kind, item.severity, item.numbers, recommend))
    return kept


def format_bytes(count: int) -> str:
    if count >= 2**30:
        return f"{count / 2**30:.1f} GiB"
    return f"{count / MIB:.0f} MiB"
