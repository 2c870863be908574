"""A num_workers sweep spends its time training: its wall time against the sum of its points' prepare + loop times.

The CLI's sweep (0-4 workers x 1 repeat x 10 epochs on the tutorial's data) through ``runner.sweep.Sweep``, the
object the window's sweep dialog uses too, side by side:

- **A, now**: each point's process forked from the warm fork server (Linux), the next one started as soon as the
  current point's loop has ended (``Sweep(...)``, the default). The clock starts once the first point's process is
  warm (``Sweep.warm_up(wait=True)``), as the window's spare is before Start; the server's own start-up (one torch
  import per sweep) is shown beside it.
- **B, before**: a spawned process per point, started when its turn comes (``Sweep(..., process_factory=spawned,
  ready_ahead=False)``), clock from ``run()``: every point waits for an interpreter to start and import torch.

A point's prepare time is from handing its process the run (or from its READY, when the process was still warming
up) to its STARTED message; its loop is the record's ``seconds``. Each sweep runs in a fresh interpreter;
sides alternate A B, B A, ...
"""

from __future__ import annotations

import time

from .common import (
    TUTORIAL_DATA,
    alternating,
    emit,
    load_average,
    measure_in_subprocess,
    median,
    require_file,
    result,
)

NAME = "sweep_wall"
GOAL_RATIO = 1.3
GOAL = f"wall <= {GOAL_RATIO}x sum of points' prepare + loop (0-4 workers, 10 epochs)"
REPEATS, QUICK_REPEATS = 3, 1
NOW, BEFORE = "now", "before"
WORKERS = [0, 1, 2, 3, 4]
EPOCHS = 10


def _timed_process_class():
    from diabetes_trainer.runner import protocol
    from diabetes_trainer.runner.process import TrainingProcess

    class TimedProcess(TrainingProcess):
        """Notes when the run was handed over, when the process was warm and when the run had started."""

        def __init__(self, *args, **kwargs):
            self.marks: dict[str, float] = {}
            super().__init__(*args, **kwargs)

        def start_run(self, config_values: dict) -> None:
            self.marks["run"] = time.perf_counter()
            super().start_run(config_values)

        def messages(self, timeout: float = 0.05):
            for message in super().messages(timeout):
                if message.kind == protocol.READY:
                    self.marks["ready"] = time.perf_counter()
                elif message.kind == protocol.STARTED:
                    self.marks["started"] = time.perf_counter()
                yield message

        def prepare_s(self) -> float | None:
            if "started" not in self.marks or "run" not in self.marks:
                return None
            return self.marks["started"] - max(self.marks["run"], self.marks.get("ready", 0.0))

    return TimedProcess


def measure(side: str, data_path: str) -> None:
    """Runs in a fresh interpreter: one sweep the ``side`` way; emits its wall time and per-point figures."""
    from diabetes_trainer.core.config import TrainConfig
    from diabetes_trainer.runner import fork_server
    from diabetes_trainer.runner.sweep import Sweep

    timed = _timed_process_class()
    made: list = []

    def now_process():
        made.append(timed(start_method=fork_server.start_method()))
        return made[-1]

    def spawned_process():
        made.append(timed())
        return made[-1]

    base = TrainConfig(data_path=data_path, epochs=EPOCHS, batch_size=32, seed=0)
    if side == NOW:
        sweep = Sweep(base, WORKERS, 1, process_factory=now_process)
        began = time.perf_counter()
        sweep.warm_up(wait=True)
        warm_up_s = time.perf_counter() - began
    else:
        sweep = Sweep(base, WORKERS, 1, process_factory=spawned_process, ready_ahead=False)
        warm_up_s = 0.0
    began = time.perf_counter()
    points = sweep.run()
    wall_s = time.perf_counter() - began
    prepare = [process.prepare_s() for process in made]
    emit({"wall_s": wall_s, "warm_up_s": warm_up_s, "loop_s": [p.seconds for p in points],
          "prepare_s": [p for p in prepare if p is not None], "failed": [p.error for p in points if not p.finished],
          "fork_server": fork_server.available()})


def run(quick: bool) -> dict:
    require_file(TUTORIAL_DATA, "the tutorial's data set")
    repeats = QUICK_REPEATS if quick else REPEATS
    load_before = load_average()
    sweeps: dict[str, list[dict]] = {NOW: [], BEFORE: []}
    for _repeat, side in alternating(repeats, NOW, BEFORE):
        measured = measure_in_subprocess(NAME, "measure", {"side": side, "data_path": str(TUTORIAL_DATA)},
                                         timeout_s=600)
        measured["busy_s"] = sum(measured["loop_s"]) + sum(measured["prepare_s"])
        measured["ratio"] = measured["wall_s"] / measured["busy_s"]
        sweeps[side].append(measured)
    now_ratio = median([s["ratio"] for s in sweeps[NOW]])
    before_ratio = median([s["ratio"] for s in sweeps[BEFORE]])
    lines = []
    for side, label in ((NOW, "now (fork server, next process ready ahead)"),
                        (BEFORE, "before (spawn when its turn comes)")):
        runs = sweeps[side]
        lines.append(f"{label}: {median([s['ratio'] for s in runs]):.2f}x median of {len(runs)}; wall "
                     f"{median([s['wall_s'] for s in runs]):.2f} s for "
                     f"{median([sum(s['prepare_s']) for s in runs]):.2f} s prepare + "
                     f"{median([sum(s['loop_s']) for s in runs]):.2f} s loops")
    lines.append(f"now, the sweep's one warm-up before its clock (fork server + first process): "
                 f"{median([s['warm_up_s'] for s in sweeps[NOW]]):.2f} s; fork server used: "
                 f"{all(s['fork_server'] for s in sweeps[NOW])}")
    failures = [error for side in sweeps.values() for s in side for error in s["failed"]]
    if failures:
        lines.append(f"{len(failures)} point(s) FAILED: {failures[0]}")
    ok = now_ratio <= GOAL_RATIO and not failures
    details = {"sweeps": sweeps, "now_ratio": now_ratio, "before_ratio": before_ratio, "repeats": repeats,
               "load_average_before": load_before, "load_average_after": load_average(), "side_by_side": lines}
    return result(NAME, f"{now_ratio:.2f}x (before {before_ratio:.2f}x)", GOAL, ok, details)
