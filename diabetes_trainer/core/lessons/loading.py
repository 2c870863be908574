"""Lessons about slow loading: the periodic stall, I/O-bound vs CPU-bound workers, and fetching whole batches."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..advice import detect_periodic_stall, format_seconds
from ..config import MAX_WORKERS
from .base import Lesson, LessonContext, RunResult, by_setting, median_of

IO_SPEEDUP_MIN = 2.0  # I/O-bound: the most workers at least this much faster than 0
BEYOND_CORES_GAIN = 1.25  # I/O-bound: 2x cores workers at least this much faster than cores workers
CPU_BEYOND_CORES_MAX_GAIN = 1.15  # CPU-bound: 2x cores workers at most this much faster than cores workers
SAME_LOSS_TOLERANCE = 1e-6


class PeriodicStall(Lesson):
    name = "periodic-stall"
    title = "The stall every num_workers batches"
    claim = ("With slow loading each worker prepares a whole batch, so the loop waits for the first worker again "
             "every num_workers batches.")
    workers = 3

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        return [(f"{self.workers} workers, 2 ms per sample", {"num_workers": self.workers, "sample_delay_ms": 2.0})]

    def judge(self, results: list[RunResult], context: LessonContext) -> tuple[bool, str, dict[str, Any]]:
        record = results[0].record
        pattern = detect_periodic_stall(record.waits, record.num_workers, record.iteration_epoch)
        numbers: dict[str, Any] = {"num_workers": record.num_workers, "period": pattern.period if pattern else None}
        if pattern is None:
            return False, (f"No periodic stall was detected with {record.num_workers} workers (mean wait per batch "
                           f"{format_seconds(record.mean_steady_wait_s)})."), numbers
        numbers.update({"stalls": pattern.stall_count, "mean_stall_s": pattern.mean_stall_s,
                        "mean_other_s": pattern.mean_other_s})
        shown = pattern.period == record.num_workers
        text = (f"Every {pattern.period} batches the loop waited {format_seconds(pattern.mean_stall_s)} for data "
                f"(other batches {format_seconds(pattern.mean_other_s)}; {pattern.stall_count} stalls).")
        text += (f" The period equals num_workers = {record.num_workers}: the workers finish their batches together, "
                 f"the loop takes them one by one and then waits for the first worker's next batch." if shown
                 else f" The period differs from num_workers = {record.num_workers}.")
        return shown, text, numbers


class IoVersusCpu(Lesson):
    name = "io-vs-cpu-bound"
    title = "I/O-bound loading gains beyond the cores, CPU-bound only up to them"
    claim = ("Workers that wait (disk, network) overlap their waits even beyond the core count; workers that compute "
             "only help until the cores are busy.")
    epochs = 2

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        counts = (0, context.cores, min(2 * context.cores, MAX_WORKERS))
        return ([(f"I/O, {n} workers", {"num_workers": n, "sample_delay_ms": 2.0}) for n in counts]
                + [(f"CPU, {n} workers", {"num_workers": n, "sample_cpu_ms": 1.0}) for n in counts])

    def judge(self, results: list[RunResult], context: LessonContext) -> tuple[bool, str, dict[str, Any]]:
        grouped = by_setting(results)
        cores = context.cores
        times = {}
        for kind in ("I/O", "CPU"):
            times[kind] = [median_of(grouped[name], "seconds") for name in grouped if name.startswith(f"{kind},")]
        io, cpu = times["I/O"], times["CPU"]
        io_speedup = io[0] / io[2]
        io_beyond = io[1] / io[2]
        cpu_beyond = cpu[1] / cpu[2]
        numbers = {"cores": cores, "io_seconds": io, "cpu_seconds": cpu, "io_speedup_vs_0": io_speedup,
                   "io_gain_beyond_cores": io_beyond, "cpu_gain_beyond_cores": cpu_beyond,
                   "workers": [0, cores, 2 * cores]}
        io_ok = io_speedup >= IO_SPEEDUP_MIN and io_beyond >= BEYOND_CORES_GAIN
        cpu_ok = cpu_beyond < CPU_BEYOND_CORES_MAX_GAIN
        text = (f"I/O-like loading (2 ms sleep per sample): 0, {cores}, {2 * cores} workers took "
                f"{', '.join(format_seconds(t) for t in io)}: {io_speedup:.1f}x faster with {2 * cores} than 0, and "
                f"{io_beyond:.2f}x from {cores} (the cores) to {2 * cores}. CPU-like loading (1 ms of work per "
                f"sample): {', '.join(format_seconds(t) for t in cpu)}: {cpu_beyond:.2f}x from {cores} to "
                f"{2 * cores} workers.")
        if io_ok and cpu_ok:
            text += (" Waiting workers overlap beyond the cores; computing workers stop gaining once the cores are "
                     "busy.")
        if not io_ok:
            text += (f" The I/O-bound runs did not gain beyond the cores as expected (at least {IO_SPEEDUP_MIN:g}x "
                     f"against 0 and {BEYOND_CORES_GAIN:g}x beyond the cores).")
        if not cpu_ok:
            text += " The CPU-bound runs still gained beyond the cores here."
        return io_ok and cpu_ok, text, numbers


class BatchedFetch(Lesson):
    name = "batched-fetch"
    title = "Fetch a whole batch at once (beyond the notes)"
    claim = ("For data already in memory, indexing a whole batch at once (a batch sampler) beats batch_size calls "
             "of __getitem__ plus collate, with exactly the same losses.")
    repeats = 2
    epochs = 5

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        return [("per-sample __getitem__", {"batched_fetch": False}), ("batched fetch", {"batched_fetch": True})]

    def judge(self, results: list[RunResult], context: LessonContext) -> tuple[bool, str, dict[str, Any]]:
        grouped = by_setting(results)
        single, batched = grouped["per-sample __getitem__"], grouped["batched fetch"]
        wait_single = median_of(single, "mean_steady_wait_s")
        wait_batched = median_of(batched, "mean_steady_wait_s")
        a, b = single[0].losses, batched[0].losses
        same = len(a) == len(b) and len(a) > 0 and bool(np.all(np.abs(a - b) <= SAME_LOSS_TOLERANCE))
        difference = float(np.max(np.abs(a - b))) if len(a) == len(b) and len(a) else None
        numbers = {"per_sample_wait_per_batch_s": wait_single, "batched_wait_per_batch_s": wait_batched,
                   "per_sample_s": median_of(single, "seconds"), "batched_s": median_of(batched, "seconds"),
                   "same_losses": same, "max_loss_difference": difference}
        faster = wait_batched < wait_single
        text = (f"Fetching a batch took {format_seconds(wait_single)} per batch with per-sample __getitem__ + collate "
                f"and {format_seconds(wait_batched)} with one batched index (median over {self.repeats} runs; whole "
                f"loop {format_seconds(numbers['per_sample_s'])} vs {format_seconds(numbers['batched_s'])}).")
        text += (" The losses were identical iteration by iteration." if same
                 else f" The losses differed (largest difference {difference}).")
        if faster and same:
            ratio = wait_single / wait_batched if wait_batched > 0 else float("inf")
            text += f" The batched fetch was {ratio:.1f}x quicker at loading, for the same training."
        elif not faster:
            text += " The batched fetch was not quicker here."
        return faster and same, text, numbers
