"""Fake run records shaped like the runner's (docs/run-record.md): 10 epochs x 24 iterations by default."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

ROWS = 759
BATCH_SIZE = 32


def fake_record(*, epochs: int = 10, iterations_per_epoch: int = 24, num_workers: int = 0,
                wait_s: float | Sequence[float] = 0.0001, compute_s: float | Sequence[float] = 0.0003,
                worker_startup_s: float = 0.0, persistent_workers: bool = False, start_method: str | None = None,
                sample_delay_ms: float = 0.0, sample_cpu_ms: float = 0.0, pin_memory: bool = False,
                device: str = "cpu", status: str = "finished", created: str = "2026-05-09T07:35:25+00:00",
                name: str = "", data_path: str | None = "/work/shared/data/diabetes.csv.gz",
                seed: int = 0) -> dict:
    """A finished run record. The default timings are the tutorial's table measured with 0 workers on a 2-core
    machine: about 0.1 ms waiting for each batch and 0.3 ms computing.

    ``wait_s``/``compute_s``: one value for every iteration or one per iteration. ``worker_startup_s`` is per epoch
    and also added to each epoch's first wait, as the runner measures it (from ``iter(loader)`` to the first batch).
    """
    count = epochs * iterations_per_epoch
    waits = np.broadcast_to(np.asarray(wait_s, dtype=float), (count,)).copy()
    compute = np.broadcast_to(np.asarray(compute_s, dtype=float), (count,)).copy()
    iteration_epoch = np.repeat(np.arange(1, epochs + 1), iterations_per_epoch)
    waits[::iterations_per_epoch] += worker_startup_s
    elapsed = np.cumsum(waits + compute)
    rng = np.random.default_rng(seed)
    losses = 0.65 - 0.1 * np.log1p(np.arange(count) / 50) + rng.normal(0, 0.01, count)
    losses = losses.astype(np.float32).astype(float)  # torch's losses are float32 values
    epoch_rows = []
    for e in range(epochs):
        span = slice(e * iterations_per_epoch, (e + 1) * iterations_per_epoch)
        epoch_rows.append({
            "epoch": e + 1, "iterations": iterations_per_epoch, "mean_loss": float(losses[span].mean()),
            "accuracy": 0.65 + 0.005 * e, "seconds": float((waits[span] + compute[span]).sum()),
            "worker_startup_s": worker_startup_s if num_workers else float(waits[span][0]),
            "val_loss": None, "val_accuracy": None,
        })
    config = {
        "data_path": data_path, "epochs": epochs, "batch_size": BATCH_SIZE, "shuffle": True,
        "num_workers": num_workers, "lr": 0.01, "seed": seed, "persistent_workers": persistent_workers,
        "prefetch_factor": None, "start_method": start_method, "pin_memory": pin_memory, "device": device,
        "sample_delay_ms": sample_delay_ms, "sample_cpu_ms": sample_cpu_ms, "val_fraction": 0.0,
    }
    return {
        "schema": 1, "name": name, "created": created, "status": status, "error": None, "config": config,
        "data": {"path": data_path, "rows": ROWS, "features": 8, "positives": 497, "header": None,
                 "synthetic": data_path is None},
        "seconds": float(elapsed[-1]), "final_loss": float(losses[-1]), "iterations": count,
        "losses": losses.tolist(), "data_wait_s": waits.tolist(), "compute_s": compute.tolist(),
        "iteration_epoch": iteration_epoch.tolist(), "elapsed_s": elapsed.tolist(), "epochs": epoch_rows,
        "advice": [],
        "environment": {"python": "3.11.7", "torch": "2.13.0", "numpy": "2.4.6", "platform": "Linux",
                        "cpu_count": 2, "start_method": "fork"},
    }


@pytest.fixture
def make_fake_record():
    """The ``fake_record`` factory, for tests that build their own variants."""
    return fake_record
