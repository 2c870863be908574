"""What the session runs: a queue of configs, made from a single run, an experiment or a sweep.

A queue is plain data plus its results; the session model walks it one run at a time and the driver gives each run
its training process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..core.config import TrainConfig
from ..runner.sweep import Sweep, SweepPoint

SINGLE = "run"
EXPERIMENT = "experiment"
SWEEP = "sweep"


@dataclass(frozen=True)
class QueuedRun:
    config: TrainConfig
    label: str = ""  # the experiment's variant label; for a sweep point, "{workers} workers #{repeat}"
    index: int = 0  # position in its queue, from 0
    sweep_point: tuple[int, int] | None = None  # (num_workers, repeat) of a sweep point
    fresh_process: bool = False  # a sweep point pays its own process start, like the tutorial's separate runs


@dataclass
class RunQueue:
    """The runs of one request, in order, and what came of them."""

    kind: str  # SINGLE, EXPERIMENT or SWEEP
    name: str
    runs: tuple[QueuedRun, ...]
    # An experiment stops at its first run that does not finish (its comparison would be meaningless); a sweep
    # records the failed point and goes on, as the CLI's sweep does.
    stop_on_failure: bool = True
    records: list[dict] = field(default_factory=list)
    points: list[SweepPoint] = field(default_factory=list)  # a sweep's timed points, in the order they ran
    stopped: bool = False  # the user asked to stop: the current run ends as "stopped", the rest never start
    cut_short: bool = False  # a run failed and stop_on_failure ended the queue there
    position: int = 0  # how many runs have been handed out

    @classmethod
    def single(cls, config: TrainConfig, name: str = "") -> RunQueue:
        return cls(SINGLE, name, (QueuedRun(config),))

    @classmethod
    def experiment(cls, name: str, runs: Iterable[tuple[str, TrainConfig]]) -> RunQueue:
        """A named list of (label, config), run in that order; it ends at a run that does not finish."""
        queued = tuple(QueuedRun(config, label, index) for index, (label, config) in enumerate(runs))
        if not queued:
            raise ValueError(f"the experiment {name!r} has no runs")
        return cls(EXPERIMENT, name, queued)

    @classmethod
    def sweep(cls, sweep: Sweep, name: str = "") -> RunQueue:
        """The sweep's points in its interleaved order (every setting once per repeat), each in a fresh process."""
        queued = tuple(QueuedRun(sweep.configs[workers], f"{workers} workers #{repeat}", index, (workers, repeat),
                                 fresh_process=True)
                       for index, (workers, repeat) in enumerate(sweep_order(sweep)))
        return cls(SWEEP, name, queued, stop_on_failure=False)

    @property
    def total(self) -> int:
        return len(self.runs)

    @property
    def finished(self) -> bool:
        """Nothing more will start: every run was handed out, or the queue was stopped or cut short."""
        return self.stopped or self.cut_short or self.position >= len(self.runs)


def sweep_order(sweep: Sweep) -> list[tuple[int, int]]:
    """(num_workers, repeat) in the order ``Sweep.run`` runs them: the Sweep's own order."""
    return sweep.order()
