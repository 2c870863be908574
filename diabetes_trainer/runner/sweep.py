"""A num_workers sweep: the tutorial's experiment (0..8 workers, each timed) run for real, one fresh process a point.

Every point trains in its own spawned TrainingProcess, so each pays its own DataLoader start-up like the tutorial's
separate runs, and nothing (workers, caches, random state) carries over. Starting that process and importing torch
is not timed: a point's ``seconds`` is the record's training-loop time. Nor is it waited for: on Linux the processes
are forked from a server that has torch imported already (runner.fork_server), and each next point's process is
started as soon as the current point's loop has ended, while that process reports and exits, so it never competes
with a measured loop and is ready when its turn comes. Repeats are interleaved (0,1,2,0,1,2 rather
than 0,0,1,1,2,2) so a slow drift of a shared machine spreads over all settings instead of biasing one.

No Qt here: the CLI runs a sweep on its main thread, the window on a worker thread.
"""

from __future__ import annotations

import contextlib
import statistics
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from ..core.config import MAX_WORKERS, TrainConfig
from ..core.events import RunFailed
from ..core.record import RecordBuilder, RunRecord
from . import fork_server, protocol
from .process import TrainingProcess

POLL_S = 0.05
# The window's dialog and the CLI both read these (one rule): medians of 3 runs resist the odd slow run; 20 repeats
# of 9 settings are already an hour-long sweep of the tutorial's table.
DEFAULT_REPEAT = 3
MAX_REPEAT = 20
FINISH_GRACE_S = 2.0  # a finished run's process exits on its own; this only bounds the wait
CANCEL_GRACE_S = 0.5  # then the tree is killed: a cancel completes within ~2 s even with stuck workers


# --- parsing "0-8", "0,2,4", "0-4,8" -----------------------------------------------------------------------------

def parse_workers(text: str) -> list[int]:
    """The num_workers settings a text names, sorted and unique; ValueError naming the part that is wrong."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("no settings given: write them like 0-8, 0,2,4 or 0-4,8")
    settings: set[int] = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            raise ValueError(f"{text.strip()!r} has an empty part between commas: write it like 0,2,4")
        low_text, dash, high_text = part.partition("-")
        low = _setting(low_text, part)
        high = _setting(high_text, part) if dash else low
        if high < low:
            raise ValueError(f"the range {part!r} goes downwards: write it as {high}-{low}")
        settings.update(range(low, high + 1))
    return sorted(settings)


def _setting(text: str, part: str) -> int:
    text = text.strip()
    if not text.isdigit() or not text.isascii():
        raise ValueError(f"{part!r} is not a number of workers or a range such as 0-8 (whole numbers from 0 to "
                         f"{MAX_WORKERS})")
    value = int(text)
    if value > MAX_WORKERS:
        raise ValueError(f"{part!r}: {value} workers is more than the maximum of {MAX_WORKERS}")
    return value


# --- results -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SweepPoint:
    """One timed run of one setting."""

    num_workers: int
    repeat: int  # 1-based
    seconds: float  # the training loop (for a failed run: up to its last recorded iteration)
    startup_s: float  # the epochs' worker start-up (iter(loader) to the first batch), summed
    steady_s: float  # seconds - startup_s
    final_loss: float | None
    status: str  # "finished" or "failed"
    error: str | None

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class SweepRow:
    """One setting over its repeats: medians of the finished runs (None when every repeat failed)."""

    num_workers: int
    seconds: float | None
    min_s: float | None
    max_s: float | None
    startup_s: float | None
    steady_s: float | None
    runs: int  # finished
    failed: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def summarize(points: list[SweepPoint]) -> list[SweepRow]:
    """One row per setting, by num_workers; medians resist the odd run slowed down by the rest of the machine."""
    by_workers: dict[int, list[SweepPoint]] = {}
    for point in points:
        by_workers.setdefault(point.num_workers, []).append(point)
    rows = []
    for workers in sorted(by_workers):
        done = [p for p in by_workers[workers] if p.finished]
        failed = len(by_workers[workers]) - len(done)
        if not done:
            rows.append(SweepRow(workers, None, None, None, None, None, runs=0, failed=failed))
            continue
        seconds = [p.seconds for p in done]
        rows.append(SweepRow(workers, statistics.median(seconds), min(seconds), max(seconds),
                             statistics.median(p.startup_s for p in done), statistics.median(p.steady_s for p in done),
                             runs=len(done), failed=failed))
    return rows


def fastest(rows: list[SweepRow]) -> SweepRow | None:
    """The row with the smallest median time (the fewer workers on a tie); None when no setting finished."""
    timed = [row for row in rows if row.seconds is not None]
    return min(timed, key=lambda row: (row.seconds, row.num_workers)) if timed else None


def setting_config(base: TrainConfig, num_workers: int) -> TrainConfig:
    """``base`` with ``num_workers``; options that only exist with workers are dropped for 0 (they would not apply,
    and TrainConfig refuses them), so ``--persistent-workers`` sweeps 0..8 meaning "for the settings with workers"."""
    with_workers = num_workers > 0
    return base.replace(num_workers=num_workers, persistent_workers=base.persistent_workers and with_workers,
                        prefetch_factor=base.prefetch_factor if with_workers else None)


# --- running -----------------------------------------------------------------------------------------------------

def sweep_process() -> TrainingProcess:
    """A fresh training process for one point: forked from the warm fork server on Linux, spawned elsewhere."""
    return TrainingProcess(start_method=fork_server.start_method())


class Sweep:
    """Runs every setting ``repeat`` times; ``run`` blocks, ``cancel`` may be called from any thread.

    ``process_factory`` makes each point's fresh process (the CLI's keeps Ctrl+C away from it; tests inject
    failures); it is called on the thread that runs the sweep. ``ready_ahead=False`` makes each point's process
    only when its turn comes (the benchmark's baseline: how sweeps ran before).
    """

    def __init__(self, base: TrainConfig, workers: list[int], repeat: int = DEFAULT_REPEAT,
                 process_factory: Callable[[], TrainingProcess] = sweep_process, ready_ahead: bool = True):
        if not workers:
            raise ValueError("a sweep needs at least one num_workers setting")
        if isinstance(repeat, bool) or not isinstance(repeat, int) or not 1 <= repeat <= MAX_REPEAT:
            raise ValueError(f"repeat must be a whole number from 1 to {MAX_REPEAT}, not {repeat!r}")
        self.workers = list(dict.fromkeys(workers))
        self.repeat = repeat
        # Every setting is checked now, so a bad knob is reported before the first process starts.
        self.configs = {w: setting_config(base, w).validate() for w in self.workers}
        self.base = base
        self._process_factory = process_factory
        self._ready_ahead = ready_ahead
        self._next_process: TrainingProcess | None = None  # the next point's, started while the last one exits
        self._cancelled = threading.Event()

    @property
    def total_points(self) -> int:
        return len(self.workers) * self.repeat

    def order(self) -> list[tuple[int, int]]:
        """(num_workers, repeat) in the order they run: repeats interleaved (0,1,2,0,1,2), see the module's doc."""
        return [(workers, repeat) for repeat in range(1, self.repeat + 1) for workers in self.workers]

    def position(self, point: SweepPoint) -> int:
        """The 1-based place of ``point`` in :meth:`order` ("[4/27]")."""
        return self.order().index((point.num_workers, point.repeat)) + 1

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        """Stop the current run (its whole process tree is gone within ~2 s); ``run`` then returns what finished."""
        self._cancelled.set()
        fork_server.kill()  # a process start waiting for the server's torch import returns now

    def run(self, on_point: Callable[[SweepPoint], None] | None = None,
            on_progress: Callable[[int, int], None] | None = None) -> list[SweepPoint]:
        """Every point in order (for each repeat, each setting); blocks. After a cancel: the points done so far.

        ``on_point(point)`` and ``on_progress(done, total)`` are called on this thread after each point.
        """
        points: list[SweepPoint] = []
        order = self.order()
        try:
            for index, (workers, repeat) in enumerate(order):
                more = index + 1 < len(order)
                point = None if self.cancelled else self._run_point(workers, repeat, more)
                if point is None:
                    return points
                points.append(point)
                if on_point is not None:
                    on_point(point)
                if on_progress is not None:
                    on_progress(len(points), self.total_points)
            return points
        finally:
            self._discard_next_process()
            fork_server.stop()  # an idle interpreter with torch: not kept between sweeps

    def warm_up(self, wait: bool = False) -> None:
        """Start the first point's process now (``wait``: until it is warm), e.g. while the user reads the
        sweep's settings; ``run`` then starts training at once."""
        if self._next_process is None:
            self._next_process = self._process_factory()
        if wait:
            self._next_process.wait_ready()

    def _take_process(self) -> TrainingProcess:
        process, self._next_process = self._next_process, None
        if process is not None and process.is_alive():
            return process
        if process is not None:
            process.shutdown(0)
        return self._process_factory()

    def _ready_next_process(self) -> None:
        if self._ready_ahead and not self.cancelled and self._next_process is None:
            with contextlib.suppress(OSError, EOFError):  # the next point then tries again and reports the error
                self._next_process = self._process_factory()

    def _discard_next_process(self) -> None:
        process, self._next_process = self._next_process, None
        if process is not None:
            process.shutdown(0)

    def _run_point(self, workers: int, repeat: int, more: bool) -> SweepPoint | None:
        """One run in a fresh process; None when the sweep was cancelled meanwhile. ``more``: another point
        follows, whose process is started once this one's loop has ended."""
        config_values = self.configs[workers].to_dict()
        builder = RecordBuilder(config_values)
        try:
            process = self._take_process()
        except (OSError, EOFError) as error:  # no more processes or memory: this point fails, the next may work
            if self.cancelled:  # the fork server was killed while we waited for it
                return None
            return _failed_point(workers, repeat, f"the training process could not be started: {error}")
        grace = FINISH_GRACE_S
        try:
            process.start_run(config_values)
            while not process.finished:
                if self.cancelled:
                    process.request_stop()
                    grace = CANCEL_GRACE_S
                    return None
                for message in process.messages(POLL_S):
                    protocol.feed_record(builder, message)
        except (EOFError, OSError) as error:  # the process died while we handed it the run
            builder.failure = builder.failure or pipe_failure(error)
        finally:
            if more:  # the measured loop is over: the next process gets ready while this one reports and exits
                self._ready_next_process()
            process.shutdown(grace)
        return point_of(builder.record(), workers, repeat)


def pipe_failure(error: Exception) -> RunFailed:
    return RunFailed("process-died", f"The pipe to the training process broke ({error}); the run was abandoned.")


def point_of(record: dict, workers: int, repeat: int) -> SweepPoint:
    run = RunRecord.from_dict(record)  # start-up and steady state are derived there, as for every other reader
    status = "finished" if run.finished else "failed"
    error = record.get("error") or None
    message = error.get("message") if isinstance(error, dict) else None
    if status == "failed" and not message:
        message = f"the run ended as {record.get('status')!r} without finishing"
    return SweepPoint(num_workers=workers, repeat=repeat, seconds=run.seconds, startup_s=run.startup_s,
                      steady_s=run.steady_s, final_loss=run.final_loss, status=status, error=message)


def _failed_point(workers: int, repeat: int, message: str) -> SweepPoint:
    return SweepPoint(num_workers=workers, repeat=repeat, seconds=0.0, startup_s=0.0, steady_s=0.0, final_loss=None,
                      status="failed", error=message)
