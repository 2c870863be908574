"""Lessons about slow loading: the periodic stall, I/O-bound vs CPU-bound workers, and fetching whole batches."""

from __future__ import annotations

from typing import Any

import numpy as np

from ..advice import detect_periodic_stall, format_seconds
from ..config import MAX_WORKERS
from .base import Lesson, LessonContext, RunResult, Translate, by_setting, join, median_of

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

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
        record = results[0].record
        pattern = detect_periodic_stall(record.waits, record.num_workers, record.iteration_epoch)
        numbers: dict[str, Any] = {"num_workers": record.num_workers, "period": pattern.period if pattern else None}
        if pattern is None:
            return False, translate(
                "Lessons", "No periodic stall was detected with {workers} workers (mean wait per batch "
                           "{wait}).").format(workers=record.num_workers,
                                              wait=format_seconds(record.mean_steady_wait_s)), numbers
        numbers.update({"stalls": pattern.stall_count, "mean_stall_s": pattern.mean_stall_s,
                        "mean_other_s": pattern.mean_other_s})
        shown = pattern.period == record.num_workers
        sentences = [translate(
            "Lessons", "Every {period} batches the loop waited {stall} for data (other batches {other}; {count} "
                       "stalls).").format(period=pattern.period, stall=format_seconds(pattern.mean_stall_s),
                                          other=format_seconds(pattern.mean_other_s), count=pattern.stall_count)]
        sentences.append(
            translate("Lessons", "The period equals num_workers = {workers}: the workers finish their batches "
                                 "together, the loop takes them one by one and then waits for the first worker's "
                                 "next batch.").format(workers=record.num_workers) if shown
            else translate("Lessons", "The period differs from num_workers = {workers}.").format(
                workers=record.num_workers))
        return shown, join(translate, *sentences), numbers


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

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
        grouped = by_setting(results)
        cores = context.cores
        times = {}
        for kind in ("I/O", "CPU"):
            times[kind] = [median_of(grouped[name], "seconds") for name in grouped if name.startswith(f"{kind},")]
        io, cpu = times["I/O"], times["CPU"]
        most = min(2 * cores, MAX_WORKERS)
        io_speedup = io[0] / io[2]
        io_beyond = io[1] / io[2]
        cpu_beyond = cpu[1] / cpu[2]
        numbers = {"cores": cores, "io_seconds": io, "cpu_seconds": cpu, "io_speedup_vs_0": io_speedup,
                   "io_gain_beyond_cores": io_beyond, "cpu_gain_beyond_cores": cpu_beyond,
                   "workers": [0, cores, most]}
        io_ok = io_speedup >= IO_SPEEDUP_MIN and io_beyond >= BEYOND_CORES_GAIN
        cpu_ok = cpu_beyond < CPU_BEYOND_CORES_MAX_GAIN
        sentences = [translate(
            "Lessons", "I/O-like loading (2 ms sleep per sample): 0, {cores} and {most} workers took {t0}, {t1} and "
                       "{t2}: {speedup}x faster with {most} than with 0, and {beyond}x from {cores} (the cores) to "
                       "{most}.").format(cores=cores, most=most, t0=format_seconds(io[0]), t1=format_seconds(io[1]),
                                         t2=format_seconds(io[2]), speedup=f"{io_speedup:.1f}",
                                         beyond=f"{io_beyond:.2f}"),
            translate(
            "Lessons", "CPU-like loading (1 ms of work per sample): {t0}, {t1} and {t2}: {beyond}x from {cores} to "
                       "{most} workers.").format(cores=cores, most=most, t0=format_seconds(cpu[0]),
                                                 t1=format_seconds(cpu[1]), t2=format_seconds(cpu[2]),
                                                 beyond=f"{cpu_beyond:.2f}")]
        if io_ok and cpu_ok:
            sentences.append(translate("Lessons", "Waiting workers overlap beyond the cores; computing workers stop "
                                                  "gaining once the cores are busy."))
        if not io_ok:
            sentences.append(translate(
                "Lessons", "The I/O-bound runs did not gain as expected (at least {speedup}x against 0 and {beyond}x "
                           "beyond the cores).").format(speedup=f"{IO_SPEEDUP_MIN:g}", beyond=f"{BEYOND_CORES_GAIN:g}"))
        if not cpu_ok:
            sentences.append(translate("Lessons", "The CPU-bound runs still gained beyond the cores here."))
        return io_ok and cpu_ok, join(translate, *sentences), numbers


class BatchedFetch(Lesson):
    name = "batched-fetch"
    title = "Fetch a whole batch at once (beyond the notes)"
    claim = ("For data already in memory, indexing a whole batch at once (a batch sampler) beats batch_size calls "
             "of __getitem__ plus collate, with exactly the same losses.")
    repeats = 2
    epochs = 5

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        return [("per-sample __getitem__", {"batched_fetch": False}), ("batched fetch", {"batched_fetch": True})]

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
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
        sentences = [translate(
            "Lessons", "Fetching a batch took {single} per batch with per-sample __getitem__ + collate and {batched} "
                       "with one batched index (median over {repeats} runs; whole loop {single_s} vs "
                       "{batched_s}).").format(
            single=format_seconds(wait_single), batched=format_seconds(wait_batched), repeats=len(single),
            single_s=format_seconds(numbers["per_sample_s"]), batched_s=format_seconds(numbers["batched_s"]))]
        sentences.append(
            translate("Lessons", "The losses were identical iteration by iteration.") if same
            else translate("Lessons", "The losses differed (largest difference {difference}).").format(
                difference=difference))
        if faster and same:
            ratio = wait_single / wait_batched if wait_batched > 0 else float("inf")
            sentences.append(translate(
                "Lessons", "The batched fetch was {ratio}x quicker at loading, for the same training.").format(
                ratio=f"{ratio:.1f}"))
        elif not faster:
            sentences.append(translate("Lessons", "The batched fetch was not quicker here."))
        return faster and same, join(translate, *sentences), numbers
