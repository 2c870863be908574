"""Why a DataLoader setting is fast or slow: advice as data.

The rules follow the tutorial's notes on ``num_workers``: each worker prepares a whole batch; when loading is slow
the main process stalls every ``num_workers`` batches waiting for the first worker's next batch; 0 workers wins on
tiny in-memory data because every worker costs start-up time; many workers can exhaust memory; I/O-bound loading
gains from workers even beyond the core count, CPU-bound loading only up to it.

The rules read a run record (or a sweep's rows) and emit items {kind, severity, numbers, recommend}; ``render``
(``texts``) words each one, English or translated. Advice kinds (stable ids):

- ``loader-bound``: waiting for data is a large share of the loop; recommends num_workers (how far depends on
  whether loading is I/O-like or CPU-like).
- ``startup-bound``: starting workers (every epoch) costs a large share of the loop; recommends 0 workers on
  in-memory data, else persistent_workers.
- ``cpu-saturated``: more workers than logical cores while the work is CPU-bound; recommends the core count.
- ``memory-risk``: the workers' estimated or measured memory is a large share of the available memory.
- ``periodic-stall``: the loop stalls at a regular rhythm, the worker rotation of the notes.
- ``loader-saturated``: workers keep up (tiny wait, no stall): more workers will not help.
- ``zero-workers-best``: 0 workers and a tiny wait, or, in a sweep, 0 was fastest (and what the runner-up paid).
- ``io-bound-more-workers``: I/O-like loading at or beyond the core count still waits: more workers still help.
- ``worker-overhead``: workers on data that needs no loading work and the loop still waits: try 0.
- ``gpu-unused``: pin_memory is on but training runs on the CPU.
- ``predicts-one-class``: the final accuracy is the majority label's share: the model answers one class.
- ``time-split``: which part of the loop's time dominates (start-up, waiting for data, computing).
- ``summary``: nothing to explain (no iterations, no finished sweep settings).
- ``sweep-fastest``, ``workers-speedup``, ``per-worker-cost``: conclusions of a num_workers sweep.

This module never imports torch: the GUI uses it.
"""

from __future__ import annotations

from .items import MIB, SEVERITIES, Advice, SystemInfo, consistent, format_bytes, format_seconds
from .memory import (
    FLOAT32_BYTES,
    FORK_WORKER_BYTES,
    SPAWN_WORKER_BYTES,
    dataset_bytes_of,
    default_start_method,
    estimate_worker_memory,
    memory_check,
)
from .run_rules import IO_WORKERS_PER_CORE, WORKER_HANDOFF_S, analyze_run
from .stalls import StallPattern, detect_periodic_stall
from .sweep_rules import advise_sweep
from .texts import advice_dicts, render

__all__ = [
    "FLOAT32_BYTES", "FORK_WORKER_BYTES", "IO_WORKERS_PER_CORE", "MIB", "SEVERITIES", "SPAWN_WORKER_BYTES",
    "WORKER_HANDOFF_S", "Advice", "StallPattern", "SystemInfo", "advice_dicts", "advise_sweep", "analyze_run",
    "consistent", "dataset_bytes_of", "default_start_method", "detect_periodic_stall", "estimate_worker_memory",
    "format_bytes", "format_seconds", "memory_check", "render",
]
