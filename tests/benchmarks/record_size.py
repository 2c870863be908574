"""How much disk a long run's history takes: one epoch at batch size 1 over a 1,000,000-row table.

**The record is synthesised, not trained**: 1M iterations at batch size 1 take ~10 minutes of training on this
machine, and the file's size depends only on the numbers' count and spread. It has the shape the engine records
(docs/run-record.md): per iteration a float32 loss (one sample's binary cross-entropy, -log of a Beta-distributed
probability, so every value differs), a data wait and a compute time drawn from gamma distributions around the
tutorial's batch-size-1 timings (~40 us and ~250 us, every value different, so the compressor finds no repeats),
the epoch, and the elapsed time summed from them.

- **A**: ``RunStore.save`` of today: the small JSON plus the ``.npz`` of per-iteration arrays (core/run_arrays.py).
- **B**: the previous layout, everything in one compact JSON (what ``RunStore.save`` wrote until 2026-11-29:
  ``json.dumps(record, separators=(",", ":"))`` to ``<id>.json``), written the same atomic way.

Both write the same record into a scratch folder, alternating, 3 times each (quick: 1), in one fresh interpreter;
each write is also read back (``RunStore.load`` / ``json.loads``). **Goal: ≤ 16 bytes per iteration** for A (all
files of the run together).
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from .common import alternating, emit, measure_in_subprocess, median, result

NAME = "record_size"
GOAL_BYTES_PER_ITERATION = 16.0
GOAL = f"<= {GOAL_BYTES_PER_ITERATION:g} bytes per iteration (1M iterations)"
ITERATIONS = 1_000_000
REPEATS, QUICK_REPEATS = 3, 1
COMPACT, OLD = "compact (.npz + JSON)", "old (one JSON)"


def synthetic_record(iterations: int, seed: int = 0) -> dict:
    import numpy as np

    rng = np.random.default_rng(seed)
    probability = rng.beta(6, 3, iterations)  # of the right class: mostly right, sometimes badly wrong
    losses = (-np.log(probability)).astype(np.float32).astype(float)  # torch's losses are float32
    waits = rng.gamma(4.0, 10e-6, iterations)
    compute = rng.gamma(6.0, 42e-6, iterations)
    elapsed = np.cumsum(waits + compute + rng.gamma(2.0, 2e-6, iterations))
    config = {"data_path": "big.csv", "epochs": 1, "batch_size": 1, "shuffle": True, "num_workers": 0,
              "lr": 0.01, "seed": 0, "persistent_workers": False, "prefetch_factor": None, "start_method": None,
              "pin_memory": False, "device": "cpu", "sample_delay_ms": 0.0, "sample_cpu_ms": 0.0,
              "val_fraction": 0.0}
    return {
        "schema": 1, "name": "", "created": "2026-11-29T12:00:00+00:00", "status": "finished", "error": None,
        "config": config, "data": {"path": "big.csv", "rows": iterations, "features": 8, "positives": 0,
                                   "header": None, "synthetic": False},
        "seconds": float(elapsed[-1]), "final_loss": float(losses[-1]), "iterations": iterations,
        "losses": losses.tolist(), "data_wait_s": waits.tolist(), "compute_s": compute.tolist(),
        "iteration_epoch": [1] * iterations, "elapsed_s": elapsed.tolist(),
        "epochs": [{"epoch": 1, "iterations": iterations, "mean_loss": float(losses.mean()), "accuracy": 0.7,
                    "seconds": float(elapsed[-1]), "worker_startup_s": float(waits[0]), "val_loss": None,
                    "val_accuracy": None}],
        "advice": [], "environment": {"python": "3.11", "torch": "2.13.0", "numpy": np.__version__},
    }


def measure(iterations: int, repeats: int) -> None:
    """In a fresh interpreter: both layouts written and read back, alternating."""
    from diabetes_trainer.core.atomic_files import atomic_write_text
    from diabetes_trainer.core.runs import RunStore

    record = synthetic_record(iterations)
    figures: dict[str, list[dict]] = {COMPACT: [], OLD: []}
    with tempfile.TemporaryDirectory(prefix="record-size-") as scratch:
        for repeat, side in alternating(repeats, COMPACT, OLD):
            root = Path(scratch) / f"{repeat}-{'a' if side == COMPACT else 'b'}"
            root.mkdir()
            started = time.perf_counter()
            if side == COMPACT:
                store = RunStore(root)
                run_id = store.save(record)
                saved = time.perf_counter()
                store.load(run_id)
            else:
                path = root / "20261129-120000-abcdef.json"
                atomic_write_text(path, json.dumps(record, separators=(",", ":"), ensure_ascii=False))
                saved = time.perf_counter()
                json.loads(path.read_text(encoding="utf-8"))
            loaded = time.perf_counter()
            size = sum(p.stat().st_size for p in root.iterdir() if p.name != "index.json")
            figures[side].append({"bytes": size, "save_s": saved - started, "load_s": loaded - saved})
    emit({"figures": figures, "iterations": iterations})


def run(quick: bool) -> dict:
    repeats = QUICK_REPEATS if quick else REPEATS
    data = measure_in_subprocess(NAME, "measure", {"iterations": ITERATIONS, "repeats": repeats}, timeout_s=1200)
    iterations = data["iterations"]
    lines, summary = [], {}
    for side in (COMPACT, OLD):
        runs = data["figures"][side]
        per_iteration = median([r["bytes"] for r in runs]) / iterations
        summary[side] = {"bytes_per_iteration": per_iteration, "save_s": median([r["save_s"] for r in runs]),
                         "load_s": median([r["load_s"] for r in runs])}
        lines.append(f"{side}: {per_iteration:.2f} bytes per iteration ({median([r['bytes'] for r in runs]) / 1e6:.1f}"
                     f" MB for {iterations:,}); save {summary[side]['save_s']:.2f} s, load "
                     f"{summary[side]['load_s']:.2f} s (medians of {len(runs)})")
    compact = summary[COMPACT]["bytes_per_iteration"]
    lines.append(f"compact is {summary[OLD]['bytes_per_iteration'] / compact:.1f}x smaller; the record is "
                 f"synthesised (1 epoch, batch size 1, {iterations:,} rows), not trained")
    measured = f"{compact:.2f} B/iteration (old JSON {summary[OLD]['bytes_per_iteration']:.1f})"
    return result(NAME, measured, GOAL, compact <= GOAL_BYTES_PER_ITERATION,
                  {"side_by_side": lines, "summary": summary, "raw": data["figures"]})
