"""Running a lesson: each of its configs in a fresh training process (like the sweep), the workers' memory sampled.

No Qt here: the CLI runs a lesson on its main thread. The lesson itself (core.lessons) plans the runs and concludes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import psutil

from ..core.config import TrainConfig
from ..core.lessons import Lesson, LessonContext, LessonRun, Outcome, RunResult
from ..core.record import RecordBuilder, RunRecord
from . import protocol
from .process import TrainingProcess
from .sweep import CANCEL_GRACE_S, FINISH_GRACE_S, POLL_S, pipe_failure

MEMORY_SAMPLE_S = 0.1  # reading a process's unique set size parses /proc/PID/smaps: not every poll


class LessonRunner:
    """Runs every run of ``lesson`` in order; ``cancel`` may be called from any thread."""

    def __init__(self, lesson: Lesson, base: TrainConfig, context: LessonContext,
                 process_factory: Callable[[], TrainingProcess] = TrainingProcess):
        self.lesson = lesson
        self.context = context
        self.runs = [LessonRun(run.setting, run.config.validate(), run.repeat)
                     for run in lesson.runs(base, context)]
        self._process_factory = process_factory
        self._cancelled = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def cancel(self) -> None:
        self._cancelled.set()

    def run(self, on_result: Callable[[RunResult], None] | None = None) -> Outcome:
        results: list[RunResult] = []
        for run in self.runs:
            result = None if self.cancelled else run_one(run, self._process_factory, self._cancelled)
            if result is None:
                break
            results.append(result)
            if on_result is not None:
                on_result(result)
        return self.lesson.conclude(results, self.context, planned=len(self.runs))


def run_one(run: LessonRun, process_factory: Callable[[], TrainingProcess],
            cancelled: threading.Event) -> RunResult | None:
    """One run in a fresh process, its workers' peak memory sampled; None when cancelled meanwhile."""
    config_values = run.config.to_dict()
    builder = RecordBuilder(config_values)
    peak = 0
    process = process_factory()
    grace = FINISH_GRACE_S
    try:
        process.start_run(config_values)
        next_sample = 0.0
        while not process.finished:
            if cancelled.is_set():
                process.request_stop()
                grace = CANCEL_GRACE_S
                return None
            for message in process.messages(POLL_S):
                protocol.feed_record(builder, message)
            if run.config.num_workers and time.monotonic() >= next_sample:
                peak = max(peak, workers_memory(process.pid))
                next_sample = time.monotonic() + MEMORY_SAMPLE_S
    except (EOFError, OSError) as error:
        builder.failure = builder.failure or pipe_failure(error)
    finally:
        process.shutdown(grace)
    return RunResult(run, RunRecord.from_dict(builder.record()), peak or None)


def workers_memory(pid: int) -> int:
    """The summed unique set size of a training process's children (its DataLoader workers), 0 if unreadable."""
    total = 0
    try:
        children = psutil.Process(pid).children(recursive=True)
    except psutil.Error:
        return 0
    for child in children:
        try:
            total += child.memory_full_info().uss
        except psutil.Error:
            continue
    return total
