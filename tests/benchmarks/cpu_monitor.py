"""What the live CPU monitor itself costs: CPU time of a GUI process running CpuMonitor at 10 Hz, against the same
event loop without it, idle and while watching a busy process tree.

In a fresh interpreter (QApplication, no window), segments with and without the monitor alternate; each segment's
cost is this process's CPU time (``time.process_time()``, all its threads) over the segment's wall time. The busy
tree stands in for a training run with DataLoader workers: a root process and 4 children, each busy about 10 % of
the time, the children replaced every second like non-persistent workers at each epoch. What the monitor's cost
depends on is how many processes it reads and how often they change, not how hard they work, so the tree keeps
the machine (shared, 2 cores) mostly free.
"""

from __future__ import annotations

import subprocess
import sys
import time

from .common import (
    alternating,
    emit,
    load_average,
    measure_in_subprocess,
    median,
    qt_app,
    result,
    run_event_loop,
)

NAME = "cpu_monitor"
GOAL_PERCENT_OF_CORE = 2.0
GOAL = f"<= {GOAL_PERCENT_OF_CORE:g} % of one core at 10 Hz"
SECONDS_PER_SIDE, QUICK_SECONDS_PER_SIDE = 20.0, 5.0  # monitored time per mode; the same again without
SEGMENT_S, QUICK_SEGMENT_S = 2.5, 1.25
IDLE, WATCHING = "idle", "watching a busy tree"
WITH, WITHOUT = "with monitor", "without"
TREE_WORKERS = 4
TREE_DUTY = 0.10

# The busy tree: ends by itself after its time, or as soon as the measuring process is gone.
_TREE_CODE = """
import multiprocessing as mp, os, sys, time

def spin(duty, until):
    while time.monotonic() < until:
        busy_until = time.monotonic() + 0.01 * duty
        while time.monotonic() < busy_until:
            pass
        time.sleep(0.01 * (1 - duty))

if __name__ == "__main__":
    workers, duty, seconds, watcher = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    ctx = mp.get_context("fork")
    end = time.monotonic() + seconds
    while time.monotonic() < end and os.getppid() == watcher:
        generation = [ctx.Process(target=spin, args=(duty, time.monotonic() + 1.0)) for _ in range(workers)]
        for child in generation:
            child.start()
        spin(duty, time.monotonic() + 1.0)
        for child in generation:
            child.join()
"""


def _start_tree(seconds: float) -> subprocess.Popen:
    import os

    return subprocess.Popen([sys.executable, "-c", _TREE_CODE, str(TREE_WORKERS), str(TREE_DUTY),
                             str(seconds), str(os.getpid())])


def _segment(seconds: float) -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds) while the event loop runs for ``seconds``."""
    cpu, wall = time.process_time(), time.perf_counter()
    run_event_loop(seconds)
    return time.process_time() - cpu, time.perf_counter() - wall


def _measure_mode(watch_tree: bool, pairs: int, segment_s: float) -> dict:
    from diabetes_trainer.gui.monitor import CpuMonitor

    tree = _start_tree(pairs * segment_s * 2 + 30) if watch_tree else None
    monitor = CpuMonitor(interval_ms=100)
    ticks: list[float] = []
    monitor.coresSampled.connect(lambda at, _cores: ticks.append(at))
    shares: dict[str, list[float]] = {WITH: [], WITHOUT: []}
    ticks_per_s = []
    try:
        if tree is not None:
            run_event_loop(1.5)  # let the tree's first generation of children appear
        for _pair, side in alternating(pairs, WITH, WITHOUT):
            if side == WITH:
                ticks.clear()
                monitor.start()
                monitor.set_watched_pid(tree.pid if tree is not None else None)
            cpu_s, wall_s = _segment(segment_s)
            if side == WITH:
                monitor.stop()
                monitor.set_watched_pid(None)
                ticks_per_s.append(len(ticks) / wall_s)
            shares[side].append(100.0 * cpu_s / wall_s)
    finally:
        if tree is not None:
            tree.kill()
            tree.wait()
    return {"percent_of_core": shares, "ticks_per_s": ticks_per_s, "pairs": pairs, "segment_s": segment_s}


def measure(seconds_per_side: float, segment_s: float) -> None:
    """Runs in the measuring subprocess: both modes, each alternating segments with and without the monitor."""
    qt_app()
    pairs = max(1, round(seconds_per_side / segment_s))
    emit({"modes": {mode: _measure_mode(mode == WATCHING, pairs, segment_s) for mode in (IDLE, WATCHING)}})


def run(quick: bool) -> dict:
    seconds = QUICK_SECONDS_PER_SIDE if quick else SECONDS_PER_SIDE
    segment_s = QUICK_SEGMENT_S if quick else SEGMENT_S
    load_before = load_average()
    measured = measure_in_subprocess(NAME, "measure", {"seconds_per_side": seconds, "segment_s": segment_s},
                                     timeout_s=seconds * 4 + 120)
    figures = {}
    lines = []
    for mode, data in measured["modes"].items():
        with_monitor = median(data["percent_of_core"][WITH])
        without = median(data["percent_of_core"][WITHOUT])
        cost = with_monitor - without
        figures[mode] = {"with_percent": with_monitor, "without_percent": without, "cost_percent": cost,
                         "ticks_per_s": median(data["ticks_per_s"])}
        lines.append(f"{mode}: {with_monitor:.2f} % of a core with the monitor vs {without:.2f} % without -> "
                     f"costs {cost:.2f} % ({figures[mode]['ticks_per_s']:.1f} ticks/s, {data['pairs']} x "
                     f"{data['segment_s']:g} s each side)")
    worst = max(figures, key=lambda mode: figures[mode]["cost_percent"])
    ok = all(f["cost_percent"] <= GOAL_PERCENT_OF_CORE for f in figures.values())
    details = {"figures": figures, **measured, "tree": {"workers": TREE_WORKERS, "duty": TREE_DUTY},
               "load_average_before": load_before, "load_average_after": load_average(), "side_by_side": lines}
    text = f"{figures[worst]['cost_percent']:.2f} % of a core ({worst}; " + ", ".join(
        f"{mode} {f['cost_percent']:.2f} %" for mode, f in figures.items() if mode != worst) + ")"
    return result(NAME, text, GOAL, ok, details)
