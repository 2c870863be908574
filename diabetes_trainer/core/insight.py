"""Why a DataLoader setting is fast or slow: rules that read a run record's timings.

The rules follow the tutorial's notes on ``num_workers``: each worker prepares a whole batch; when loading is slow
the main process stalls every ``num_workers`` batches waiting for the first worker's next batch; 0 workers wins on
tiny in-memory data because every worker costs start-up time; many workers can exhaust memory; I/O-bound loading
gains from workers even beyond the core count, CPU-bound loading only up to it.

Advice kinds (stable ids a GUI may translate by):

- ``loader-bound``: waiting for data is a large share of the loop; raise num_workers (how far depends on whether
  loading is I/O-like or CPU-like). Not when the data needs no loading work (that wait is ``worker-overhead``) nor
  when 0 workers wait less per batch than a worker's hand-over would cost.
- ``startup-bound``: starting workers (every epoch) costs a large share of the loop; use persistent_workers or 0.
- ``cpu-saturated``: more workers than logical cores while the work is CPU-bound; use fewer.
- ``memory-risk``: the workers' estimated or measured memory is a large share of the available memory.
- ``periodic-stall``: the loop stalls at a regular rhythm, the worker rotation of the notes; raise num_workers.
- ``loader-saturated``: workers keep up (tiny wait, no stall): more workers will not help.
- ``zero-workers-best``: 0 workers and a tiny wait (a tiny share of the loop, or less per batch than a worker's
  hand-over costs), or, in a sweep, 0 was fastest: keep 0 on tiny data.
- ``io-bound-more-workers``: I/O-like loading at or beyond the core count still waits: more workers still help.
- ``worker-overhead``: workers on data that needs no loading work (no simulated delay) and the loop still waits:
  handing batches over from worker processes costs more than building them in the main process; try 0.
- ``gpu-unused``: pin_memory is on but training runs on the CPU, so pinning is work for a GPU that is not used.
- ``summary``: neutral numbers, given when no rule fires.
- ``sweep-fastest``, ``workers-speedup``, ``per-worker-cost``: conclusions of a num_workers sweep.

This module never imports torch: the GUI uses it.
"""

from __future__ import annotations

import math
import multiprocessing
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from diabetes_trainer.core.config import MAX_WORKERS
from diabetes_trainer.core.durations import format_seconds

MIB = 2**20

# --- stall detection -------------------------------------------------------------------------------------------
STALL_FACTOR = 3.0  # a stall waits at least this many times the median of the batches off the rhythm ...
STALL_MIN_S = 0.001  # ... and at least this long in absolute terms
MIN_STALLS = 3
MIN_RHYTHM_BATCHES = 5  # batches on the rhythm needed to judge it (fewer: random noise fits too often)
PERIODIC_MIN_PRECISION = 0.6  # share of all stalls that must fall on the rhythm (random hiccups are allowed)
PERIODIC_MIN_RECALL = 0.75  # share of the rhythm's batches that must be stalls (rules out half the period)
PERIODIC_MIN_EPOCH_SHARE = 0.5  # share of epochs that must show the rhythm

# --- run rules ---------------------------------------------------------------------------------------------------
LOADER_BOUND_SHARE = 0.40  # waiting for data at least this share of the loop: loader-bound
LOADER_SATURATED_SHARE = 0.05  # waiting below this share: loading keeps up
STARTUP_BOUND_SHARE = 0.50  # worker start-up at least this share of the loop: startup-bound
CPU_HEAVY_COMPUTE_SHARE = 0.50  # the training step itself keeps a core busy at least this share of the loop
IO_LIKE_WAIT_FACTOR = 3.0  # wait this many times the loader's known CPU work: the rest is waiting (I/O-like)
IO_WORKERS_PER_CORE = 2  # the notes: I/O-bound loading keeps gaining up to ~2x cores (and more)
MAX_SPEEDUP_ESTIMATE = 20.0  # cap when estimating how many more loaders would hide a wait share near 100%
MEMORY_WARN_SHARE = 0.50  # workers' memory at least this share of the available memory: warn
# What a batch costs the loop when a worker builds it: pickling, a queue, unpickling. Measured on the 759-row table
# (batch 32, fork, 2 cores): the loop waited a median 1.0-1.3 ms per batch with 1-2 workers, 0.10 ms with 0.
# A main process that loads a batch faster than this cannot be beaten by workers.
WORKER_HANDOFF_S = 0.001

# --- worker memory (measured on this project's Linux machine: Python 3.11, torch 2.13 CPU, psutil USS) -----------
# A spawn/forkserver worker is a fresh interpreter that imports torch and unpickles the dataset: a DataLoader
# worker on the 759-row table measured USS 145 MiB (RSS 225 MiB); a bare spawned child with torch imported, 144 MiB.
SPAWN_WORKER_BYTES = 145 * MIB
# A forked worker shares the parent's pages copy-on-write; only what it writes becomes its own: measured USS
# 10.5 MiB (RSS 167 MiB). With a 206 MiB numpy/tensor dataset the forked worker stayed at 7-11 MiB USS (array
# buffers are only read, so they stay shared) while a spawned worker grew to 351 MiB (145 + the pickled copy).
FORK_WORKER_BYTES = 11 * MIB
FLOAT32_BYTES = 4

# --- sweeps ------------------------------------------------------------------------------------------------------
LINEAR_FIT_MIN_R2 = 0.9  # time vs num_workers counts as "linear" above this coefficient of determination
LINEAR_FIT_MIN_POINTS = 3
SWEEP_SLOWER_MARGIN = 1.05  # beyond the cores, "slower" means at least 5% slower than the best

SEVERITIES = ("warn", "suggest", "info")


@dataclass(frozen=True)
class StallPattern:
    """Stalls that recur every ``period`` batches: the worker rotation of the notes."""

    period: int  # batches between stalls (ideally == num_workers)
    stall_indices: np.ndarray = field(compare=False)  # iteration indices (0-based, global) that are stalls
    mean_stall_s: float
    mean_other_s: float
    num_workers: int = 0

    @property
    def stall_count(self) -> int:
        return int(len(self.stall_indices))

    def describe(self) -> str:
        text = (f"Every {self.period} batches the loop waited {format_seconds(self.mean_stall_s)} for data "
                f"(other batches: {format_seconds(self.mean_other_s)}; {self.stall_count} stalls).")
        if self.num_workers and self.period == self.num_workers:
            text += (f" That matches num_workers = {self.num_workers}: the main process came back to the first "
                     f"worker before its next batch was ready.")
        elif self.num_workers:
            text += f" (num_workers is {self.num_workers}.)"
        return text


@dataclass(frozen=True)
class Advice:
    kind: str  # a stable id, see the module docstring
    severity: str  # "info" | "suggest" | "warn"
    message: str  # English, with the numbers behind it
    numbers: dict[str, float | int | str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class SystemInfo:
    logical_cores: int
    total_memory: int  # bytes
    available_memory: int  # bytes

    @classmethod
    def current(cls) -> SystemInfo:
        import psutil  # only here: the rules themselves need no system access

        memory = psutil.virtual_memory()
        return cls(logical_cores=psutil.cpu_count(logical=True) or 1, total_memory=int(memory.total),
                   available_memory=int(memory.available))


def format_bytes(count: int) -> str:
    if count >= 2**30:
        return f"{count / 2**30:.1f} GiB"
    return f"{count / MIB:.0f} MiB"


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


# --- periodic stalls ---------------------------------------------------------------------------------------------

def _first_batch_mask(count: int, epoch_of_iteration: Sequence[int] | None) -> np.ndarray:
    """True at each epoch's first batch, whose wait includes starting the workers."""
    first = np.zeros(count, dtype=bool)
    if count == 0:
        return first
    first[0] = True
    if epoch_of_iteration is not None and len(epoch_of_iteration) == count:
        epochs = np.asarray(epoch_of_iteration)
        first[1:] = epochs[1:] != epochs[:-1]
    return first


def _epoch_spans(count: int, epoch_of_iteration: Sequence[int] | None) -> list[tuple[int, int]]:
    """(start, stop) of each epoch's iterations; one span when epochs are unknown."""
    first = np.flatnonzero(_first_batch_mask(count, epoch_of_iteration))
    bounds = [*first.tolist(), count]
    return [(bounds[i], bounds[i + 1]) for i in range(len(first))]


def _phase_mask(waits: np.ndarray, spans: list[tuple[int, int]], period: int) -> np.ndarray:
    """In each epoch, the batches at the one phase (position mod period) that waits longest (by median).

    The phase is chosen per epoch because the rotation restarts with every epoch and need not start at the
    same worker."""
    mask = np.zeros(len(waits), dtype=bool)
    for start, stop in spans:
        positions = np.arange(start + 1, stop)  # the epoch's first batch waits for start-up: not part of it
        if len(positions) < 2 * period:
            continue
        phases = [positions[(positions - start) % period == phase] for phase in range(period)]
        slowest = max(phases, key=lambda at: float(np.median(waits[at])))
        mask[slowest] = True
    return mask


def _shows_rhythm(on: np.ndarray, stall: np.ndarray) -> bool:
    hits = int((on & stall).sum())
    return hits > 0 and hits / on.sum() >= PERIODIC_MIN_RECALL and hits / stall.sum() >= PERIODIC_MIN_PRECISION


def detect_periodic_stall(wait_s: Sequence[float], num_workers: int,
                          epoch_of_iteration: Sequence[int] | None = None) -> StallPattern | None:
    """Find stalls that recur every ``period`` batches (2 <= period <= num_workers); None if there is no rhythm.

    Each epoch's first batch is ignored (it waits for the workers to start). For each candidate period the
    slowest phase of each epoch is compared with the other batches: a stall waits more than STALL_FACTOR times
    the other batches' median and more than STALL_MIN_S. An epoch shows the rhythm when its phase holds most of
    its stalls (precision) and is stalled most of the time (recall); the period is the smallest one that most
    epochs show (workers that are still starting make the first epoch messy). With 0 or 1 workers there is no
    rotation: None.
    """
    waits = np.asarray(wait_s, dtype=float)
    steady = ~_first_batch_mask(len(waits), epoch_of_iteration) & np.isfinite(waits)
    waits = np.where(steady, waits, 0.0)
    spans = _epoch_spans(len(waits), epoch_of_iteration)
    longest = max((stop - start - 1 for start, stop in spans), default=0)
    for period in range(2, min(num_workers, longest // 2) + 1):
        on = _phase_mask(waits, spans, period) & steady
        off = steady & ~on
        if on.sum() < MIN_RHYTHM_BATCHES or not off.any():
            continue
        threshold = max(STALL_FACTOR * float(np.median(waits[off])), STALL_MIN_S)
        stall = steady & (waits > threshold)
        hits = on & stall
        judged = [(start, stop) for start, stop in spans if on[start:stop].any()]
        showing = sum(_shows_rhythm(on[start:stop], stall[start:stop]) for start, stop in judged)
        if hits.sum() >= MIN_STALLS and showing >= PERIODIC_MIN_EPOCH_SHARE * len(judged):
            others = steady & ~stall
            return StallPattern(period=period, stall_indices=np.flatnonzero(hits),
                                mean_stall_s=float(waits[hits].mean()),
                                mean_other_s=float(waits[others].mean()) if others.any() else 0.0,
                                num_workers=int(num_workers))
    return None


# --- memory ------------------------------------------------------------------------------------------------------

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


def _memory_advice(num_workers: int, method: str, workers_bytes: int, system: SystemInfo,
                   estimated: bool) -> Advice | None:
    if num_workers <= 0 or system.available_memory <= 0:
        return None
    share = workers_bytes / system.available_memory
    if share < MEMORY_WARN_SHARE:
        return None
    how = "need about" if estimated else "used"
    fit = ("more than is available" if share >= 1
           else f"{_percent(share)} of the {format_bytes(system.available_memory)} available")
    why = ("each spawned worker starts a fresh Python with torch and its own copy of the data"
           if method != "fork" else "each forked worker keeps its own share of memory")
    message = (f"{num_workers} workers {how} {format_bytes(workers_bytes)}, {fit} ({method}: {why}): lower "
               f"num_workers or close other programs. Too many workers can exhaust memory (the notes hit a paging "
               f"file error at 3 workers).")
    return Advice("memory-risk", "warn", message, {
        "num_workers": num_workers, "start_method": method, "workers_bytes": int(workers_bytes),
        "available_bytes": int(system.available_memory), "memory_share": share, "estimated": int(estimated)})


def memory_check(num_workers: int, start_method: str | None, dataset_bytes: int,
                 system: SystemInfo) -> Advice | None:
    """The pre-run warning: estimated worker memory against available memory; None when safe."""
    method = start_method or default_start_method()
    estimate = estimate_worker_memory(num_workers, method, dataset_bytes)
    return _memory_advice(num_workers, method, estimate, system, estimated=True)


def dataset_bytes_of(record: dict) -> int:
    """The float32 table's size from the record's data block (rows x (features + label))."""
    data = _object(record, "data")
    rows = _number(data.get("rows"), 0)
    features = _number(data.get("features"), 8)
    return int(rows * (features + 1) * FLOAT32_BYTES)


# --- one run -----------------------------------------------------------------------------------------------------

def _number(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return default
    return value


def _floats(values: Any) -> np.ndarray:
    """A record's list of numbers as floats, anything that is not a finite number as 0.

    Vectorised when the list holds only numbers: a long run's record has millions, and the window analyses it on
    the GUI thread as the run ends.
    """
    if not isinstance(values, list):
        return np.zeros(0)
    if set(map(type, values)) <= {float, int}:  # not bool: numpy would take True for 1.0
        try:
            array = np.array(values, dtype=float)
        except (TypeError, ValueError):
            array = None
        if array is not None and array.ndim == 1:
            array[~np.isfinite(array)] = 0.0
            return array
    return np.array([_number(v, 0.0) for v in values], dtype=float)


@dataclass(frozen=True)
class _RunTimes:
    """The numbers the rules read, taken once from a record."""

    num_workers: int
    persistent: bool
    start_method: str
    delay_ms: float
    cpu_ms: float
    device: str
    pin_memory: bool
    epochs: int
    iterations: int
    loop_s: float
    steady_wait_s: float  # waits without each epoch's first batch (those include worker start-up)
    steady_batches: int
    compute_s: float
    startup_s: float
    samples_loaded: int
    waits: np.ndarray
    iteration_epoch: list | None

    @property
    def wait_share(self) -> float:
        return self.steady_wait_s / self.loop_s if self.loop_s > 0 else 0.0

    @property
    def compute_share(self) -> float:
        return self.compute_s / self.loop_s if self.loop_s > 0 else 0.0

    @property
    def startup_share(self) -> float:
        return self.startup_s / self.loop_s if self.loop_s > 0 else 0.0

    @property
    def loader_cpu_s(self) -> float:
        return self.cpu_ms / 1000 * self.samples_loaded

    @property
    def io_like(self) -> bool:
        """Loading mostly waits (sleep, disk) rather than computes; unknown causes count as CPU-like (safer)."""
        if self.delay_ms > 0 or self.cpu_ms > 0:
            return self.delay_ms >= self.cpu_ms or self.steady_wait_s > IO_LIKE_WAIT_FACTOR * self.loader_cpu_s
        return False

    @property
    def in_memory_instant(self) -> bool:
        return self.delay_ms == 0 and self.cpu_ms == 0

    @property
    def mean_steady_wait_s(self) -> float:
        return self.steady_wait_s / self.steady_batches if self.steady_batches else 0.0


def _object(values: Any, key: str) -> dict:
    """A nested JSON object of the record, or {} when it is missing or not an object."""
    value = values.get(key) if isinstance(values, dict) else None
    return value if isinstance(value, dict) else {}


def _run_times(record: dict) -> _RunTimes:
    if not isinstance(record, dict):
        record = {}
    config = _object(record, "config")
    environment = _object(record, "environment")
    waits = _floats(record.get("data_wait_s"))
    compute = _floats(record.get("compute_s"))
    iteration_epoch = record.get("iteration_epoch")
    if not isinstance(iteration_epoch, list) or len(iteration_epoch) != len(waits):
        iteration_epoch = None
    first = _first_batch_mask(len(waits), iteration_epoch)
    raw_epochs = record.get("epochs")
    epochs = [e for e in raw_epochs if isinstance(e, dict)] if isinstance(raw_epochs, list) else []
    startup = sum(_number(e.get("worker_startup_s"), 0.0) for e in epochs)
    steady_wait = float(waits[~first].sum())
    loop = _number(record.get("seconds"), 0.0)
    if loop <= 0:
        loop = float(waits.sum() + compute.sum())
    iterations = int(_number(record.get("iterations"), len(waits)))
    batch_size = int(_number(config.get("batch_size"), 32))
    rows = int(_number(_object(record, "data").get("rows"), 0))
    run_epochs = len(epochs) or int(_number(config.get("epochs"), 1))
    samples = rows * run_epochs if rows else iterations * batch_size
    return _RunTimes(
        num_workers=int(_number(config.get("num_workers"), 0)),
        persistent=bool(config.get("persistent_workers")),
        start_method=str(config.get("start_method") or environment.get("start_method") or default_start_method()),
        delay_ms=float(_number(config.get("sample_delay_ms"), 0.0)),
        cpu_ms=float(_number(config.get("sample_cpu_ms"), 0.0)),
        device=str(config.get("device") or "cpu"), pin_memory=bool(config.get("pin_memory")),
        epochs=run_epochs, iterations=iterations, loop_s=float(loop), steady_wait_s=steady_wait,
        steady_batches=int((~first).sum()), compute_s=float(compute.sum()), startup_s=float(startup),
        samples_loaded=samples, waits=waits, iteration_epoch=iteration_epoch)


def _loader_bound(t: _RunTimes, system: SystemInfo) -> Advice | None:
    if t.wait_share < LOADER_BOUND_SHARE:
        return None
    if t.num_workers == 0 and t.mean_steady_wait_s < WORKER_HANDOFF_S:
        return None  # the main process loads a batch faster than a worker could hand one over
    if t.num_workers > 0 and t.in_memory_instant:
        return None  # the wait is hand-over overhead, not loading: more workers add more of it (worker-overhead)
    cores = max(1, system.logical_cores)
    loaders_now = max(t.num_workers, 1)
    needed = math.ceil(loaders_now * min(1 / max(1e-9, 1 - t.wait_share), MAX_SPEEDUP_ESTIMATE))
    head = (f"Waiting for data took {_percent(t.wait_share)} of the loop ({format_seconds(t.steady_wait_s)} of "
            f"{format_seconds(t.loop_s)}, not counting each epoch's first batch) with num_workers = {t.num_workers} "
            f"on {cores} logical cores")
    numbers: dict[str, float | int | str] = {
        "wait_share": t.wait_share, "wait_s": t.steady_wait_s, "loop_s": t.loop_s, "num_workers": t.num_workers,
        "logical_cores": cores, "loading": "io" if t.io_like else "cpu"}
    if t.io_like:
        suggested = min(MAX_WORKERS, max(t.num_workers + 1, needed))
        numbers["suggested_workers"] = suggested
        message = (f"{head}: raise num_workers. Loading here waits rather than computes, so workers overlap their "
                   f"waits even beyond the core count: try about {suggested} (the notes: I/O-bound loading keeps "
                   f"gaining up to {IO_WORKERS_PER_CORE}x the cores, here {IO_WORKERS_PER_CORE * cores}, and more).")
    elif t.num_workers < cores:
        suggested = min(cores, max(t.num_workers + 1, needed))
        numbers["suggested_workers"] = suggested
        message = (f"{head}: raise num_workers. Loading here is CPU work, which workers only speed up until the "
                   f"cores are busy: try {suggested} (at most {cores}).")
    else:
        numbers["suggested_workers"] = t.num_workers
        message = (f"{head}. Loading here is CPU work and num_workers already reaches the {cores} cores, so more "
                   f"workers would only compete for them: make each sample cheaper to load instead.")
    return Advice("loader-bound", "suggest", message, numbers)


def _startup_bound(t: _RunTimes) -> Advice | None:
    if t.num_workers <= 0 or t.startup_share < STARTUP_BOUND_SHARE:
        return None
    per_epoch = t.startup_s / max(1, t.epochs)
    message = (f"Starting the workers took {_percent(t.startup_share)} of the loop ({format_seconds(t.startup_s)} "
               f"of {format_seconds(t.loop_s)}, about {format_seconds(per_epoch)} per epoch over {t.epochs} "
               f"epochs).")
    remedies = []
    if not t.persistent:
        remedies.append("set persistent_workers=True so the workers start once per run, not once per epoch")
    if t.in_memory_instant:
        remedies.append("use num_workers=0: this data is small and in memory, so the main process loads a batch "
                        "faster than a worker can start")
    if remedies:
        joined = "; or ".join(remedies)
        message += f" {joined[0].upper()}{joined[1:]}."
    if t.start_method in ("spawn", "forkserver"):
        message += (f" Start method {t.start_method} costs more than fork: every worker is a fresh Python that "
                    f"imports torch and receives a copy of the dataset.")
    return Advice("startup-bound", "suggest", message, {
        "startup_s": t.startup_s, "loop_s": t.loop_s, "startup_share": t.startup_share, "epochs": t.epochs,
        "per_epoch_startup_s": per_epoch, "num_workers": t.num_workers, "persistent_workers": int(t.persistent),
        "in_memory": int(t.in_memory_instant), "start_method": t.start_method})


def _cpu_saturated(t: _RunTimes, system: SystemInfo) -> Advice | None:
    cores = max(1, system.logical_cores)
    cpu_loading = t.cpu_ms > 0
    compute_heavy = t.compute_share >= CPU_HEAVY_COMPUTE_SHARE
    if t.num_workers <= cores or not (cpu_loading or compute_heavy):
        return None
    why = (f"each sample costs {t.cpu_ms:g} ms of CPU" if cpu_loading
           else f"the training step keeps a core busy {_percent(t.compute_share)} of the loop")
    message = (f"num_workers = {t.num_workers} is more than the {cores} logical cores while {why}: the processes "
               f"take turns on the cores and slow each other down. Use at most {cores}.")
    return Advice("cpu-saturated", "suggest", message, {
        "num_workers": t.num_workers, "logical_cores": cores, "sample_cpu_ms": t.cpu_ms,
        "compute_share": t.compute_share, "suggested_workers": cores})


def _periodic_stall(t: _RunTimes, pattern: StallPattern | None) -> Advice | None:
    if pattern is None:
        return None
    stall_total = pattern.mean_stall_s * pattern.stall_count
    share = stall_total / t.loop_s if t.loop_s > 0 else 0.0
    # Stalls that cost almost nothing are worth seeing but not worth changing anything for.
    severity = "suggest" if share >= LOADER_SATURATED_SHARE else "info"
    message = (f"{pattern.describe()} Together the stalls cost {format_seconds(stall_total)} "
               f"({_percent(share)} of the loop): raising num_workers (now {t.num_workers}) gives the first worker "
               f"time to finish its next batch.")
    return Advice("periodic-stall", severity, message, {
        "period": pattern.period, "stalls": pattern.stall_count, "mean_stall_s": pattern.mean_stall_s,
        "mean_other_s": pattern.mean_other_s, "stall_total_s": stall_total, "stall_share": share,
        "num_workers": t.num_workers})


def _loader_saturated(t: _RunTimes, pattern: StallPattern | None) -> Advice | None:
    if t.num_workers <= 0 or pattern is not None or t.wait_share >= LOADER_SATURATED_SHARE:
        return None
    message = (f"Waiting for data took only {_percent(t.wait_share)} of the loop ({format_seconds(t.steady_wait_s)} "
               f"of {format_seconds(t.loop_s)}) with no periodic stall: loading keeps up with training, so more "
               f"workers than {t.num_workers} won't help.")
    return Advice("loader-saturated", "info", message, {
        "wait_share": t.wait_share, "wait_s": t.steady_wait_s, "loop_s": t.loop_s, "num_workers": t.num_workers})


def _zero_workers_best(t: _RunTimes) -> Advice | None:
    if t.num_workers != 0 or t.iterations == 0 or t.steady_batches == 0:
        return None
    if t.wait_share >= LOADER_SATURATED_SHARE and t.mean_steady_wait_s >= WORKER_HANDOFF_S:
        return None
    message = (f"With num_workers = 0 the loop waited {format_seconds(t.mean_steady_wait_s)} per batch "
               f"({_percent(t.wait_share)} of the loop, {format_seconds(t.steady_wait_s)} of "
               f"{format_seconds(t.loop_s)}): the main process builds a batch faster than a worker process could "
               f"hand one over (about {format_seconds(WORKER_HANDOFF_S)}), let alone start. Keep 0 on small "
               f"in-memory data (the tutorial's finding).")
    return Advice("zero-workers-best", "info", message, {
        "wait_share": t.wait_share, "wait_s": t.steady_wait_s, "loop_s": t.loop_s,
        "mean_wait_s": t.mean_steady_wait_s, "handoff_s": WORKER_HANDOFF_S, "num_workers": 0})


def _worker_overhead(t: _RunTimes) -> Advice | None:
    if t.num_workers <= 0 or not t.in_memory_instant or t.wait_share < LOADER_SATURATED_SHARE:
        return None
    message = (f"The data is small and in memory, yet with {t.num_workers} workers the loop still waited "
               f"{format_seconds(t.mean_steady_wait_s)} per batch ({_percent(t.wait_share)} of the loop): handing a "
               f"batch over from a worker process (pickling, a queue, unpickling) costs more than building it in the "
               f"main process. Try num_workers=0 (the tutorial's finding: 0 was fastest).")
    return Advice("worker-overhead", "suggest", message, {
        "wait_share": t.wait_share, "wait_s": t.steady_wait_s, "loop_s": t.loop_s,
        "mean_wait_s": t.mean_steady_wait_s, "num_workers": t.num_workers})


def _io_bound_more_workers(t: _RunTimes, system: SystemInfo) -> Advice | None:
    cores = max(1, system.logical_cores)
    # Above LOADER_BOUND_SHARE the loader-bound advice already says the same.
    if not (t.io_like and t.num_workers >= cores
            and LOADER_SATURATED_SHARE <= t.wait_share < LOADER_BOUND_SHARE):
        return None
    suggested = min(MAX_WORKERS, max(t.num_workers + 1, IO_WORKERS_PER_CORE * cores))
    message = (f"Loading waits rather than computes ({t.delay_ms:g} ms per sample) and still took "
               f"{_percent(t.wait_share)} of the loop with {t.num_workers} workers on {cores} cores: for I/O-bound "
               f"loading more workers than cores still help; try {suggested}.")
    return Advice("io-bound-more-workers", "suggest", message, {
        "wait_share": t.wait_share, "num_workers": t.num_workers, "logical_cores": cores,
        "sample_delay_ms": t.delay_ms, "suggested_workers": suggested})


def _gpu_unused(t: _RunTimes) -> Advice | None:
    if not (t.pin_memory and t.device == "cpu"):
        return None
    message = ("pin_memory=True only speeds up copying batches to a GPU; this run trains on the CPU, so pinning is "
               "extra work for no gain: turn pin_memory off.")
    return Advice("gpu-unused", "info", message, {"device": t.device, "pin_memory": 1})


def _summary(t: _RunTimes) -> Advice:
    if t.iterations == 0 or t.loop_s <= 0:
        return Advice("summary", "info", "No iterations were recorded, so there are no timings to explain.",
                      {"iterations": t.iterations})
    message = (f"The loop took {format_seconds(t.loop_s)} for {t.iterations} iterations: "
               f"{_percent(t.wait_share)} waiting for data, {_percent(t.compute_share)} computing, "
               f"{format_seconds(t.startup_s)} starting workers (num_workers = {t.num_workers}).")
    return Advice("summary", "info", message, {
        "loop_s": t.loop_s, "iterations": t.iterations, "wait_share": t.wait_share,
        "compute_share": t.compute_share, "startup_s": t.startup_s, "num_workers": t.num_workers})


def _by_severity(advice: list[Advice]) -> list[Advice]:
    return sorted(advice, key=lambda a: SEVERITIES.index(a.severity))


def analyze_run(record: dict, system: SystemInfo, workers_memory_bytes: int | None = None) -> list[Advice]:
    """Explain a run's timings; always at least one Advice, ordered warn, suggest, info.

    ``workers_memory_bytes``: the workers' measured memory; None estimates it from the start method and data size.
    """
    t = _run_times(record)
    pattern = detect_periodic_stall(t.waits, t.num_workers, t.iteration_epoch)
    estimated = workers_memory_bytes is None
    workers_bytes = (estimate_worker_memory(t.num_workers, t.start_method, dataset_bytes_of(record))
                     if estimated else int(workers_memory_bytes))
    found = [
        _memory_advice(t.num_workers, t.start_method, workers_bytes, system, estimated),
        _loader_bound(t, system),
        _startup_bound(t),
        _cpu_saturated(t, system),
        _periodic_stall(t, pattern),
        _io_bound_more_workers(t, system),
        _worker_overhead(t),
        _loader_saturated(t, pattern),
        _zero_workers_best(t),
        _gpu_unused(t),
    ]
    advice = [a for a in found if a is not None]
    return _by_severity(advice or [_summary(t)])


# --- sweeps ------------------------------------------------------------------------------------------------------

def _linear_fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Slope, intercept and R² of a least-squares line."""
    slope, intercept = np.polyfit(x, y, 1)
    residual = float(((y - (slope * x + intercept)) ** 2).sum())
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - residual / total if total > 0 else 0.0
    return float(slope), float(intercept), r2


def _sweep_rows(rows: list[dict]) -> list[dict]:
    valid = []
    for row in rows:
        workers, seconds = row.get("num_workers"), row.get("seconds")
        if isinstance(workers, int) and not isinstance(workers, bool) and workers >= 0 \
                and _number(seconds, -1.0) > 0:
            valid.append(row)
    return sorted(valid, key=lambda r: r["num_workers"])


def _per_worker_cost(rows: list[dict]) -> Advice | None:
    with_workers = [r for r in rows if r["num_workers"] >= 1]
    fitted = with_workers if len(with_workers) >= LINEAR_FIT_MIN_POINTS else rows
    if len(fitted) < LINEAR_FIT_MIN_POINTS:
        return None
    x = np.array([r["num_workers"] for r in fitted], dtype=float)
    y = np.array([float(r["seconds"]) for r in fitted])
    slope, _, r2 = _linear_fit(x, y)
    if slope <= 0 or r2 < LINEAR_FIT_MIN_R2:
        return None
    low, high = int(x.min()), int(x.max())
    message = (f"Time grew about linearly with the workers: +{format_seconds(slope)} per extra worker "
               f"(R² = {r2:.2f} over {low}–{high} workers), like the tutorial's \"+1 s per worker\".")
    numbers: dict[str, float | int | str] = {"seconds_per_worker": slope, "r2": r2, "from_workers": low,
                                             "to_workers": high}
    startups = [_number(r.get("startup_s"), float("nan")) for r in fitted]
    if all(math.isfinite(s) for s in startups):
        startup_slope, _, _ = _linear_fit(x, np.array(startups))
        numbers["startup_s_per_worker"] = startup_slope
        if startup_slope >= 0.5 * slope:
            message += (f" Start-up alone grew +{format_seconds(startup_slope)} per worker: starting workers, not "
                        f"loading, is what each one adds.")
    not_persistent = any(r.get("persistent_workers") is False for r in fitted)
    numbers["not_persistent"] = int(not_persistent)
    if not_persistent:
        message += " Setting persistent_workers=True starts them once per run instead of once per epoch."
    return Advice("per-worker-cost", "info", message, numbers)


def _beyond_cores(rows: list[dict], best: dict, cores: int) -> Advice | None:
    if best["num_workers"] > cores:
        message = (f"The fastest setting ({best['num_workers']} workers) uses more workers than the {cores} "
                   f"logical cores: loading waits rather than computes, so extra workers overlap their waits.")
        return Advice("io-bound-more-workers", "info", message, {
            "fastest_workers": best["num_workers"], "logical_cores": cores})
    beyond = [r for r in rows if r["num_workers"] > cores]
    if best["num_workers"] >= 1 and beyond and \
            min(float(r["seconds"]) for r in beyond) > SWEEP_SLOWER_MARGIN * float(best["seconds"]):
        fastest_beyond = min(beyond, key=lambda r: float(r["seconds"]))
        message = (f"Beyond the {cores} logical cores more workers made it slower ({best['num_workers']} workers: "
                   f"{format_seconds(float(best['seconds']))}; {fastest_beyond['num_workers']} workers: "
                   f"{format_seconds(float(fastest_beyond['seconds']))}): CPU-bound workers compete for the cores.")
        return Advice("cpu-saturated", "info", message, {
            "best_workers": best["num_workers"], "best_s": float(best["seconds"]),
            "beyond_workers": fastest_beyond["num_workers"], "beyond_s": float(fastest_beyond["seconds"]),
            "logical_cores": cores})
    return None


def advise_sweep(rows: list[dict], system: SystemInfo) -> list[Advice]:
    """Conclusions from a num_workers sweep.

    rows: ``{"num_workers": k, "seconds": median loop time, "startup_s": median total start-up (optional),
    "persistent_workers": bool (optional)}``; rows without a positive time (failed settings) are skipped.
    """
    valid = _sweep_rows(rows)
    if not valid:
        return [Advice("summary", "info", "There are no finished sweep settings to compare.", {"settings": 0})]
    best = min(valid, key=lambda r: float(r["seconds"]))
    worst = max(valid, key=lambda r: float(r["seconds"]))
    best_s, worst_s = float(best["seconds"]), float(worst["seconds"])
    advice = [Advice("sweep-fastest", "info",
                     f"The fastest setting was num_workers = {best['num_workers']} ({format_seconds(best_s)}); the "
                     f"slowest was {worst['num_workers']} ({format_seconds(worst_s)}).",
                     {"fastest_workers": best["num_workers"], "fastest_s": best_s,
                      "slowest_workers": worst["num_workers"], "slowest_s": worst_s, "settings": len(valid)})]
    reference = valid[0]  # 0 workers when the sweep has it, else the fewest
    ref_s = float(reference["seconds"])
    if len(valid) > 1 and best is reference and reference["num_workers"] == 0:
        next_best_s = min(float(r["seconds"]) for r in valid[1:])
        advice.append(Advice("zero-workers-best", "info",
                             f"0 workers was fastest ({format_seconds(ref_s)}, the next best "
                             f"{format_seconds(next_best_s)}): every worker adds start-up cost that small in-memory "
                             f"data never earns back (the tutorial's finding).",
                             {"fastest_s": ref_s, "next_best_s": next_best_s, "num_workers": 0}))
    elif best is not reference:
        speedup = ref_s / best_s
        advice.append(Advice("workers-speedup", "info",
                             f"num_workers = {best['num_workers']} was {speedup:.1f}x faster than "
                             f"{reference['num_workers']} workers ({format_seconds(best_s)} vs "
                             f"{format_seconds(ref_s)}).",
                             {"speedup": speedup, "best_workers": best["num_workers"], "best_s": best_s,
                              "reference_workers": reference["num_workers"], "reference_s": ref_s}))
    for extra in (_per_worker_cost(valid), _beyond_cores(valid, best, max(1, system.logical_cores))):
        if extra is not None:
            advice.append(extra)
    return _by_severity(advice)
