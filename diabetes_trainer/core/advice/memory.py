"""Worker memory: the estimate before a run, the warning when the workers may not fit."""

from __future__ import annotations

import math
import multiprocessing

from ..record import RunRecord
from .items import MEMORY_WARN_SHARE, MIB, Advice, SystemInfo

# --- worker memory (measured on this project's Linux machine: Python 3.11, torch 2.13 CPU, psutil USS) -----------
# A spawn/forkserver worker is a fresh interpreter that imports torch and unpickles the dataset: a DataLoader
# worker on the 759-row table measured USS 145 MiB (RSS 225 MiB); a bare spawned child with torch imported, 144 MiB.
SPAWN_WORKER_BYTES = 145 * MIB
# A forked worker shares the parent's pages copy-on-write; only what it writes becomes its own: measured USS
# 10.5 MiB (RSS 167 MiB). With a 206 MiB numpy/tensor dataset the forked worker stayed at 7-11 MiB USS (array
# buffers are only read, so they stay shared) while a spawned worker grew to 351 MiB (145 + the pickled copy).
FORK_WORKER_BYTES = 11 * MIB
FLOAT32_BYTES = 4


def default_start_method() -> str:
    """The platform's default start method (the first one listed is the default)."""
    return multiprocessing.get_all_start_methods()[0]


def estimate_worker_memory(num_workers: int, start_method: str | None, dataset_bytes: int) -> int:
    """Bytes all workers together add: per worker a fresh interpreter with torch plus a copy of the data (spawn,
    forkserver), or the small unique share of a copy-on-write child (fork). An upper-bound estimate for tensors,
    which torch moves to shared memory instead of copying them to spawned workers."""
    if num_workers < 0 or dataset_bytes < 0:
        raise ValueError("num_workers and dataset_bytes must not be negative")
    method = start_method or default_start_method()
    per_worker = FORK_WORKER_BYTES if method == "fork" else SPAWN_WORKER_BYTES + dataset_bytes
    return int(per_worker * num_workers)


def memory_advice(num_workers: int, method: str, workers_bytes: int, system: SystemInfo,
                  estimated: bool) -> Advice | None:
    """A warning when the workers' memory is a large share of what is available; it recommends the most workers
    that stay under that share (fewer than now)."""
    if num_workers <= 0 or system.available_memory <= 0:
        return None
    share = workers_bytes / system.available_memory
    if share < MEMORY_WARN_SHARE:
        return None
    per_worker = workers_bytes / num_workers
    fitting = math.floor(MEMORY_WARN_SHARE * system.available_memory / per_worker) if per_worker > 0 else 0
    return Advice("memory-risk", "warn", {
        "num_workers": num_workers, "start_method": method, "workers_bytes": int(workers_bytes),
        "available_bytes": int(system.available_memory), "memory_share": share, "estimated": int(estimated)},
        {"num_workers": max(0, min(num_workers - 1, fitting))})


def memory_check(num_workers: int, start_method: str | None, dataset_bytes: int,
                 system: SystemInfo) -> Advice | None:
    """The pre-run warning: estimated worker memory against available memory; None when safe."""
    method = start_method or default_start_method()
    estimate = estimate_worker_memory(num_workers, method, dataset_bytes)
    return memory_advice(num_workers, method, estimate, system, estimated=True)


def dataset_bytes_of(record: RunRecord | dict) -> int:
    """The float32 table's size from the record's data block (rows x (features + label))."""
    if not isinstance(record, RunRecord):
        record = RunRecord.from_dict(record)
    return int(record.rows * (record.features + 1) * FLOAT32_BYTES)
