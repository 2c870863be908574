"""What the training loop tells its listeners: plain, picklable, torch-free data.

The loop knows nothing about who listens (the CLI's progress bar, the pipe to the window, a test). Per-batch
values go through ``TrainingListener.on_batch`` as bare numbers because it runs once per iteration and must stay
cheap; the rarer events are small frozen dataclasses.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The per-iteration columns of a run record (docs/run-record.md): the lists a long run is made of.
PER_ITERATION_KEYS = ("losses", "data_wait_s", "compute_s", "iteration_epoch", "elapsed_s")

@dataclass(frozen=True)
class RunStarted:
    config: dict[str, Any]
    data: dict[str, Any]  # Table.summary() plus "synthetic"
    iterations_per_epoch: int
    total_iterations: int
    environment: dict[str, Any]
    pid: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class EpochEnded:
    epoch: int  # 1-based
    iterations: int
    mean_loss: float
    accuracy: float  # on the training rows, after the epoch's last step
    seconds: float
    worker_startup_s: float  # from iter(loader) to the first batch
    val_loss: float | None = None
    val_accuracy: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class RunEnded:
    status: str  # "finished" or "stopped"
    seconds: float  # the training loop only
    final_loss: float | None
    iterations: int
    forced: bool = False  # the process tree was killed before the loop could report (times are unknown)


@dataclass(frozen=True)
class RunFailed:
    kind: str  # "worker-died", "data", "process-died", "config", "error"
    message: str  # what died and what the user can do


class TrainingListener:
    """Hooks the loop calls; override what you need. Each must be quick: it runs inside the training loop."""

    def on_run_start(self, event: RunStarted) -> None:
        pass

    def on_batch(self, epoch: int, loss: float, wait_s: float, compute_s: float, elapsed_s: float) -> None:
        pass

    def on_epoch_end(self, event: EpochEnded) -> None:
        pass

    def on_run_end(self, event: RunEnded) -> None:
        pass

    def on_run_failed(self, event: RunFailed) -> None:
        pass
