"""Advice as data: rules read a run record (or a sweep's rows) and emit items; ``render`` words them."""

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
