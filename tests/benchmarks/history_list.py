"""Listing 1,000 saved runs (``RunStore.list()``, what the window's Runs panel and ``diabetes-trainer-cli runs``
call) stays quick however long the runs were.

A history of 1,000 runs is built once in a scratch folder in each layout: a classroom's runs of the tutorial
(10 epochs at batch size 32: 240 iterations) with every tenth a batch-size-1 run (7,590 iterations).

- **A**: today's layout, a small JSON per run beside its ``.npz`` (core/runs.py).
- **B**: the previous layout, each run one JSON with its per-iteration lists (as ``RunStore`` wrote them until
  2026-11-29; today's ``RunStore`` still reads them).

Each listing runs in a fresh interpreter (nothing cached in memory, as when the window or the CLI starts), twice
per layout: **cold**, without the index file (``index.json``, a cache of the summaries: missing after an upgrade or
when it was deleted, so every run's JSON is read), and **warm**, with the index the cold listing wrote (a ``stat``
per run). Alternating A and B, 5 times each (quick: 2). Measured: the ``list()`` call alone, not the interpreter's
start; its CPU time is shown beside, as on a busy machine the wall time includes waiting for a core.
**Goal: ≤ 200 ms for A, cold** (the warm case is then only faster).
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from .common import alternating, emit, measure_in_subprocess, median, ms, result

NAME = "history_list"
GOAL_S = 0.200
GOAL = f"<= {GOAL_S * 1000:.0f} ms for 1,000 runs (no index)"
RUNS = 1000
REPEATS, QUICK_REPEATS = 5, 2
COMPACT, OLD = "compact layout", "old layout"


def build(root: str, layout: str, count: int) -> None:
    """In a fresh interpreter: ``count`` runs in ``root``, in the compact layout or the old one."""
    import numpy as np

    from diabetes_trainer.core.atomic_files import atomic_write_text
    from diabetes_trainer.core.runs import RunStore, new_run_id

    from .record_size import synthetic_record

    store = RunStore(Path(root))
    store.root.mkdir(parents=True, exist_ok=True)
    short, long = synthetic_record(240, seed=1), synthetic_record(7590, seed=2)
    short["config"]["batch_size"], short["config"]["epochs"] = 32, 10
    short["iteration_epoch"] = np.repeat(np.arange(1, 11), 24).tolist()
    for number in range(count):
        record = dict(long if number % 10 == 9 else short)
        record["created"] = f"2026-{1 + number % 12:02d}-{1 + number % 28:02d}T{number % 24:02d}:00:00+00:00"
        record["id"] = f"{new_run_id()[:16]}{number:06x}"
        if layout == COMPACT:
            store.save(record)
        else:
            atomic_write_text(store.root / f"{record['id']}.json", json.dumps(record, separators=(",", ":")))
    (store.root / "index.json").unlink(missing_ok=True)
    emit({"bytes": sum(p.stat().st_size for p in store.root.iterdir())})


def measure(root: str, cold: bool) -> None:
    """In a fresh interpreter: one ``list()``, without the index when ``cold``."""
    from diabetes_trainer.core.runs import RunStore

    store = RunStore(Path(root))
    if cold:
        store.index_path.unlink(missing_ok=True)
    started, cpu_started = time.perf_counter(), time.process_time()
    summaries, warnings = store.list()
    took, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    emit({"seconds": took, "cpu_seconds": cpu, "runs": len(summaries), "warnings": len(warnings)})


def run(quick: bool) -> dict:
    repeats = QUICK_REPEATS if quick else REPEATS
    times: dict[tuple[str, str], list[float]] = {}
    cpu: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="history-list-") as scratch:
        roots = {side: str(Path(scratch) / side.replace(" ", "-")) for side in (COMPACT, OLD)}
        sizes = {side: measure_in_subprocess(NAME, "build", {"root": roots[side], "layout": side, "count": RUNS},
                                             timeout_s=1200)["bytes"] for side in (COMPACT, OLD)}
        for _repeat, side in alternating(repeats, COMPACT, OLD):
            for mode in ("cold", "warm"):
                data = measure_in_subprocess(NAME, "measure", {"root": roots[side], "cold": mode == "cold"})
                if data["runs"] != RUNS or data["warnings"]:
                    raise RuntimeError(f"{side}: listed {data['runs']} runs with {data['warnings']} warnings")
                times.setdefault((side, mode), []).append(data["seconds"])
                cpu.setdefault((side, mode), []).append(data["cpu_seconds"])
    medians = {f"{side}, {mode}": median(values) for (side, mode), values in times.items()}
    cpu_medians = {f"{side}, {mode}": median(values) for (side, mode), values in cpu.items()}
    # CPU time beside wall time: on a busy machine the gap is time spent waiting for a core.
    lines = [f"{side}: cold {ms(medians[f'{side}, cold'])} (CPU {ms(cpu_medians[f'{side}, cold'])}), warm "
             f"{ms(medians[f'{side}, warm'])} (CPU {ms(cpu_medians[f'{side}, warm'])}); medians of {repeats}, "
             f"{RUNS:,} runs, {sizes[side] / 1e6:.0f} MB on disk" for side in (COMPACT, OLD)]
    compact_cold = medians[f"{COMPACT}, cold"]
    lines.append(f"cold: compact is {medians[f'{OLD}, cold'] / compact_cold:.1f}x faster than the old layout")
    measured = f"{ms(compact_cold)} cold, {ms(medians[f'{COMPACT}, warm'])} warm (old: {ms(medians[f'{OLD}, cold'])})"
    return result(NAME, measured, GOAL, compact_cold <= GOAL_S,
                  {"side_by_side": lines, "medians_s": medians, "cpu_medians_s": cpu_medians,
                   "raw": {f"{s}, {m}": v for (s, m), v in times.items()}, "bytes": sizes})
