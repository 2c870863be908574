"""The rules that explain one run from its record: each returns an Advice item (numbers + recommendation) or None."""

from __future__ import annotations

import math

from ..config import MAX_WORKERS
from ..knobs import limits
from ..record import RunRecord
from ..run_checks import COIN_FLIP_LOSS, find_divergence
from .items import Advice, SystemInfo, by_severity, consistent
from .memory import dataset_bytes_of, estimate_worker_memory, memory_advice
from .stalls import StallPattern, detect_periodic_stall

LOADER_BOUND_SHARE = 0.40  # waiting for data at least this share of the loop: loader-bound
LOADER_SATURATED_SHARE = 0.05  # waiting below this share: loading keeps up
STARTUP_BOUND_SHARE = 0.50  # worker start-up at least this share of the loop: startup-bound
CPU_HEAVY_COMPUTE_SHARE = 0.50  # the training step itself keeps a core busy at least this share of the loop
IO_LIKE_WAIT_FACTOR = 3.0  # wait this many times the loader's known CPU work: the rest is waiting (I/O-like)
IO_WORKERS_PER_CORE = 2  # the notes: I/O-bound loading keeps gaining up to ~2x cores (and more)
MAX_SPEEDUP_ESTIMATE = 20.0  # cap when estimating how many more loaders would hide a wait share near 100%
# What a batch costs the loop when a worker builds it: pickling, a queue, unpickling. Measured on the 759-row table
# (batch 32, fork, 2 cores): the loop waited a median 1.0-1.3 ms per batch with 1-2 workers, 0.10 ms with 0.
# A main process that loads a batch faster than this cannot be beaten by workers.
WORKER_HANDOFF_S = 0.001
ONE_CLASS_TOLERANCE = 0.002  # accuracy this close to the majority share: the model answers one class for all
LR_STEP = 10.0  # the one-class advice suggests a learning rate this many times higher ...
EPOCHS_STEP = 3  # ... and this many times more epochs


def io_like(r: RunRecord) -> bool:
    """Loading mostly waits (sleep, disk) rather than computes; unknown causes count as CPU-like (safer)."""
    if r.delay_ms > 0 or r.cpu_ms > 0:
        loader_cpu_s = r.cpu_ms / 1000 * r.samples_loaded
        return r.delay_ms >= r.cpu_ms or r.steady_wait_s > IO_LIKE_WAIT_FACTOR * loader_cpu_s
    return False


def _loader_bound(r: RunRecord, cores: int) -> Advice | None:
    if r.wait_share < LOADER_BOUND_SHARE:
        return None
    if r.num_workers == 0 and r.mean_steady_wait_s < WORKER_HANDOFF_S:
        return None  # the main process loads a batch faster than a worker could hand one over
    if r.num_workers > 0 and r.in_memory_instant:
        return None  # the wait is hand-over overhead, not loading: more workers add more of it (worker-overhead)
    loaders_now = max(r.num_workers, 1)
    needed = math.ceil(loaders_now * min(1 / max(1e-9, 1 - r.wait_share), MAX_SPEEDUP_ESTIMATE))
    numbers = {"wait_share": r.wait_share, "wait_s": r.steady_wait_s, "loop_s": r.seconds,
               "num_workers": r.num_workers, "logical_cores": cores, "loading": "io" if io_like(r) else "cpu"}
    if io_like(r):
        suggested = min(MAX_WORKERS, max(r.num_workers + 1, needed))
    elif r.num_workers < cores:
        suggested = min(cores, max(r.num_workers + 1, needed))
    else:
        suggested = None  # CPU work and the cores are busy: more workers would only compete
    return Advice("loader-bound", "suggest", numbers, {} if suggested is None else {"num_workers": suggested})


def _startup_bound(r: RunRecord) -> Advice | None:
    if r.num_workers <= 0 or r.startup_share < STARTUP_BOUND_SHARE:
        return None
    numbers = {"startup_s": r.startup_s, "loop_s": r.seconds, "startup_share": r.startup_share,
               "epochs": r.epochs, "per_epoch_startup_s": r.startup_s / max(1, r.epochs),
               "num_workers": r.num_workers, "persistent_workers": int(r.persistent),
               "in_memory": int(r.in_memory_instant), "start_method": r.start_method}
    # One remedy: small in-memory data needs no workers at all; otherwise start them once per run.
    if r.in_memory_instant:
        recommend = {"num_workers": 0}
    elif not r.persistent:
        recommend = {"persistent_workers": True}
    else:
        recommend = {}
    return Advice("startup-bound", "suggest", numbers, recommend)


def _cpu_saturated(r: RunRecord, cores: int) -> Advice | None:
    cpu_loading = r.cpu_ms > 0
    # Sleeping (I/O-like) workers do not compete for the cores, however busy the training step keeps one.
    compute_heavy = r.compute_share >= CPU_HEAVY_COMPUTE_SHARE and not io_like(r)
    if r.num_workers <= cores or not (cpu_loading or compute_heavy):
        return None
    return Advice("cpu-saturated", "suggest", {
        "num_workers": r.num_workers, "logical_cores": cores, "sample_cpu_ms": r.cpu_ms,
        "compute_share": r.compute_share}, {"num_workers": cores})


def _periodic_stall(r: RunRecord, pattern: StallPattern | None, cores: int) -> Advice | None:
    if pattern is None:
        return None
    stall_total = pattern.mean_stall_s * pattern.stall_count
    share = r.share(stall_total)
    # Stalls that cost almost nothing are worth seeing but not worth changing anything for.
    severity = "suggest" if share >= LOADER_SATURATED_SHARE else "info"
    helps = severity == "suggest" and (io_like(r) or r.num_workers < cores)
    return Advice("periodic-stall", severity, {
        "period": pattern.period, "stalls": pattern.stall_count, "mean_stall_s": pattern.mean_stall_s,
        "mean_other_s": pattern.mean_other_s, "stall_total_s": stall_total, "stall_share": share,
        "num_workers": r.num_workers}, {"num_workers": min(MAX_WORKERS, r.num_workers + 1)} if helps else {})


def _loader_saturated(r: RunRecord, pattern: StallPattern | None) -> Advice | None:
    if r.num_workers <= 0 or pattern is not None or r.wait_share >= LOADER_SATURATED_SHARE:
        return None
    return Advice("loader-saturated", "info", {
        "wait_share": r.wait_share, "wait_s": r.steady_wait_s, "loop_s": r.seconds, "num_workers": r.num_workers})


def _zero_workers_best(r: RunRecord) -> Advice | None:
    if r.num_workers != 0 or r.iterations == 0 or r.steady_batches == 0:
        return None
    if r.wait_share >= LOADER_SATURATED_SHARE and r.mean_steady_wait_s >= WORKER_HANDOFF_S:
        return None
    return Advice("zero-workers-best", "info", {
        "wait_share": r.wait_share, "wait_s": r.steady_wait_s, "loop_s": r.seconds,
        "mean_wait_s": r.mean_steady_wait_s, "handoff_s": WORKER_HANDOFF_S, "num_workers": 0})


def _worker_overhead(r: RunRecord) -> Advice | None:
    if r.num_workers <= 0 or not r.in_memory_instant or r.wait_share < LOADER_SATURATED_SHARE:
        return None
    return Advice("worker-overhead", "suggest", {
        "wait_share": r.wait_share, "wait_s": r.steady_wait_s, "loop_s": r.seconds,
        "mean_wait_s": r.mean_steady_wait_s, "num_workers": r.num_workers}, {"num_workers": 0})


def _io_bound_more_workers(r: RunRecord, cores: int) -> Advice | None:
    # Above LOADER_BOUND_SHARE the loader-bound advice already says the same.
    if not (io_like(r) and r.num_workers >= cores and LOADER_SATURATED_SHARE <= r.wait_share < LOADER_BOUND_SHARE):
        return None
    suggested = min(MAX_WORKERS, max(r.num_workers + 1, IO_WORKERS_PER_CORE * cores))
    return Advice("io-bound-more-workers", "suggest", {
        "wait_share": r.wait_share, "num_workers": r.num_workers, "logical_cores": cores,
        "sample_delay_ms": r.delay_ms}, {"num_workers": suggested})


def _gpu_unused(r: RunRecord) -> Advice | None:
    if not (r.pin_memory and r.device == "cpu"):
        return None
    return Advice("gpu-unused", "info", {"device": r.device, "pin_memory": 1}, {"pin_memory": False})


def _one_class(r: RunRecord) -> Advice | None:
    """The final accuracy equals the majority label's share: the network answers one class for every row."""
    accuracy, majority = r.final_accuracy, r.majority_share
    if accuracy is None or majority is None or abs(accuracy - majority) > ONE_CLASS_TOLERANCE:
        return None
    lr = float(r.config.get("lr") or 0.01)
    recommend: dict = {}
    if r.scale_off and not r.config.get("standardize"):  # only where the features' scales are the likely cause
        recommend["standardize"] = True
    last_mean = r.epoch_mean_loss()
    above_coin_flip = last_mean is not None and last_mean > COIN_FLIP_LOSS
    if above_coin_flip or find_divergence(r.raw) is not None:
        # Worse than answering 0.5 for every row, or rising: the steps overshoot, a larger one would not help.
        recommend["lr"] = round(lr / LR_STEP, 6)
    elif lr * LR_STEP <= limits("lr")[1]:
        recommend["lr"] = round(lr * LR_STEP, 6)
    epochs = min(r.epochs * EPOCHS_STEP, int(limits("epochs")[1]))
    if epochs > r.epochs:
        recommend["epochs"] = epochs
    return Advice("predicts-one-class", "suggest", {
        "accuracy": accuracy, "majority_share": majority, "majority_label": r.majority_label, "lr": lr,
        "epochs": r.epochs, "final_loss": r.final_loss, "last_mean_loss": last_mean,
        "above_coin_flip": int(above_coin_flip)}, recommend)


def _time_split(r: RunRecord) -> Advice | None:
    """Which part of the loop's time dominates: starting workers, waiting for data, or computing."""
    if r.iterations == 0 or r.seconds <= 0:
        return None
    part, share = r.dominant_part()
    return Advice("time-split", "info", {
        "loop_s": r.seconds, "iterations": r.iterations, "startup_s": r.startup_s, "wait_s": r.steady_wait_s,
        "compute_s": r.compute_s, "startup_share": r.startup_share, "wait_share": r.wait_share,
        "compute_share": r.compute_share, "dominant": part, "dominant_share": share, "num_workers": r.num_workers})


def analyze_run(record: dict | RunRecord, system: SystemInfo, workers_memory_bytes: int | None = None) -> list[Advice]:
    """Explain a run's timings: warn, suggest, info, then which part of the time dominated; never two values for
    one knob, never a value the run already has.

    ``workers_memory_bytes``: the workers' measured memory; None estimates it from the start method and data size.
    """
    r = record if isinstance(record, RunRecord) else RunRecord.from_dict(record)
    cores = max(1, system.logical_cores)
    pattern = detect_periodic_stall(r.waits, r.num_workers, r.iteration_epoch)
    estimated = workers_memory_bytes is None
    workers_bytes = (estimate_worker_memory(r.num_workers, r.start_method, dataset_bytes_of(r))
                     if estimated else int(workers_memory_bytes))
    found = [
        memory_advice(r.num_workers, r.start_method, workers_bytes, system, estimated),
        _one_class(r),
        _loader_bound(r, cores),
        _startup_bound(r),
        _cpu_saturated(r, cores),
        _periodic_stall(r, pattern, cores),
        _io_bound_more_workers(r, cores),
        _worker_overhead(r),
        _loader_saturated(r, pattern),
        _zero_workers_best(r),
        _gpu_unused(r),
    ]
    advice = by_severity([a for a in found if a is not None])
    split = _time_split(r)
    if split is not None:
        advice.append(split)
    if not advice:
        advice = [Advice("summary", "info", {"iterations": r.iterations})]
    return consistent(advice, r.config)
