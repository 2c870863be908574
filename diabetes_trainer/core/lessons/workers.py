"""Lessons about what DataLoader workers cost: time on tiny in-memory data, start-up vs transfer, memory."""

from __future__ import annotations

from typing import Any

from ..advice import FLOAT32_BYTES, estimate_worker_memory, format_bytes, format_seconds
from ..config import available_start_methods
from ..record import RunRecord
from .base import Lesson, LessonContext, RunResult, Translate, by_setting, join, median_of

MEMORY_GROWTH_MIN = 1.5  # peak worker memory at the most workers vs the fewest, for "memory grows with workers"


def _extra_time(with_workers: list[RunRecord], without: list[RunRecord]) -> tuple[float, float, float]:
    """(extra seconds over 0 workers, of it start-up, of it steady state), medians."""
    extra = median_of(with_workers, "seconds") - median_of(without, "seconds")
    startup = median_of(with_workers, "startup_s") - median_of(without, "startup_s")
    steady = median_of(with_workers, "steady_s") - median_of(without, "steady_s")
    return extra, startup, steady


def _dominant(startup: float, steady: float, translate: Translate) -> str:
    return (translate("Lessons", "starting the workers (every epoch)") if startup >= steady
            else translate("Lessons", "the per-batch trip through the process boundary (pickling, a queue, "
                                      "unpickling)"))


class TinyDataZeroWorkers(Lesson):
    name = "tiny-data-zero-workers"
    title = "Tiny in-memory data: 0 workers is fastest"
    claim = "On a small table held in memory, num_workers=0 is fastest: workers cost more than they save."
    repeats = 2  # every run is a fresh process: two of each keep the lesson under a minute
    epochs = 5

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        return [(f"{n} workers", {"num_workers": n}) for n in (0, 1, 2)]

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
        grouped = by_setting(results)
        zero = grouped["0 workers"]
        zero_s = median_of(zero, "seconds")
        numbers: dict[str, Any] = {"zero_workers_s": zero_s}
        sentences, shown = [translate("Lessons", "Median over {repeats} runs: 0 workers {seconds}.").format(
            repeats=len(zero), seconds=format_seconds(zero_s))], True
        for setting in ("1 workers", "2 workers"):
            records = grouped[setting]
            workers = records[0].num_workers
            seconds = median_of(records, "seconds")
            extra, startup, steady = _extra_time(records, zero)
            numbers.update({f"workers_{workers}_s": seconds, f"workers_{workers}_startup_s": startup,
                            f"workers_{workers}_steady_extra_s": steady})
            shown = shown and seconds > zero_s
            sentences.append(translate(
                "Lessons", "num_workers = {workers}: {seconds} ({startup} more start-up, {steady} more steady state: "
                           "{dominant} dominates).").format(
                workers=workers, seconds=format_seconds(seconds), startup=format_seconds(startup),
                steady=format_seconds(steady), dominant=_dominant(startup, steady, translate)))
        sentences.append(
            translate("Lessons", "0 workers was fastest: the main process builds a batch of this table faster than "
                                 "a worker can hand one over.") if shown
            else translate("Lessons", "0 workers was not the fastest here."))
        return shown, join(translate, *sentences), numbers


class WorkerCost(Lesson):
    name = "worker-cost"
    title = "What each worker costs: start-up and transfer, fork and spawn"
    claim = ("A worker costs start-up every epoch (a spawned one a fresh Python importing torch) and a trip through "
             "a process boundary for every batch.")
    epochs = 2  # a spawned worker starts in seconds, every epoch: two epochs show it

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        methods = [m for m in ("fork", "spawn") if m in available_start_methods()]
        return [("0 workers", {})] + [(f"2 workers, {m}", {"num_workers": 2, "start_method": m}) for m in methods]

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
        grouped = by_setting(results)
        zero = grouped.pop("0 workers")
        zero_wait = median_of(zero, "mean_steady_wait_s")
        numbers: dict[str, Any] = {"zero_workers_wait_per_batch_s": zero_wait}
        sentences, startups, transfer_ok = [], {}, True
        for records in grouped.values():
            method = str(records[0].config.get("start_method"))
            startup_epoch = median_of(records, "startup_s") / max(1, records[0].epochs)
            transfer = median_of(records, "mean_steady_wait_s") - zero_wait
            startups[method] = startup_epoch
            transfer_ok = transfer_ok and transfer > 0
            numbers[f"{method}_startup_per_epoch_s"] = startup_epoch
            numbers[f"{method}_transfer_per_batch_s"] = transfer
            sentences.append(translate(
                "Lessons", "2 workers, {method}: {startup} start-up per epoch, {transfer} more wait per batch than 0 "
                           "workers.").format(method=method, startup=format_seconds(startup_epoch),
                                              transfer=format_seconds(transfer)))
        spawn_dearer = "spawn" not in startups or "fork" not in startups or startups["spawn"] > startups["fork"]
        shown = transfer_ok and spawn_dearer and bool(startups)
        if "spawn" in startups and "fork" in startups:
            ratio = startups["spawn"] / startups["fork"] if startups["fork"] > 0 else float("inf")
            numbers["spawn_vs_fork_startup"] = ratio
            sentences.append(translate(
                "Lessons", "Spawn started {ratio}x slower than fork: a spawned worker is a fresh Python that imports "
                           "torch and receives a copy of the dataset.").format(ratio=f"{ratio:.0f}") if spawn_dearer
                else translate("Lessons", "Spawn did not start slower than fork here."))
        if not transfer_ok:
            sentences.append(translate(
                "Lessons", "Batches from workers did not wait longer than batches built in the main process here."))
        return shown, join(translate, *sentences), numbers


class MemoryPerWorker(Lesson):
    name = "memory-per-worker"
    title = "Memory grows with the workers"
    claim = "Every worker is a process with its own memory: many workers can exhaust it."
    epochs = 3

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        # Persistent, slow-ish loading: the workers live the whole run, long enough to be measured.
        return [(f"{n} workers", {"num_workers": n, "persistent_workers": True, "sample_delay_ms": 1.0})
                for n in (1, 2, 4)]

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
        measured = [(r.record.num_workers, r.workers_peak_bytes, r.record) for r in results
                    if r.workers_peak_bytes]
        if len(measured) < 2:
            return False, translate("Lessons", "The workers' memory could not be measured (they ended before a "
                                               "sample)."), {}
        measured.sort(key=lambda item: item[0])
        numbers: dict[str, Any] = {}
        parts = []
        for workers, peak, record in measured:
            method = record.start_method
            dataset = record.rows * (record.features + 1) * FLOAT32_BYTES
            numbers[f"workers_{workers}_bytes"] = peak
            numbers[f"workers_{workers}_per_worker_bytes"] = peak / workers
            numbers["estimate_per_worker_bytes"] = estimate_worker_memory(1, method, dataset)
            numbers["start_method"] = method
            parts.append(translate("Lessons", "num_workers = {workers}: {total} ({each} each)").format(
                workers=workers, total=format_bytes(peak), each=format_bytes(peak // workers)))
        fewest, most = measured[0], measured[-1]
        growth = most[1] / fewest[1]
        numbers["growth"] = growth
        grows = all(b[1] > a[1] for a, b in zip(measured, measured[1:])) and growth >= MEMORY_GROWTH_MIN
        per_worker = sum(peak / workers for workers, peak, _ in measured) / len(measured)
        estimate = numbers["estimate_per_worker_bytes"]
        sentences = [translate(
            "Lessons", "Peak memory of the workers (unique set size): {parts}. From {fewest} to {most} workers it "
                       "grew {growth}x. Measured about {per_worker} per worker against an estimate of {estimate} "
                       "per {method} worker ({ratio}x the estimate).").format(
            parts="; ".join(parts), fewest=fewest[0], most=most[0], growth=f"{growth:.1f}",
            per_worker=format_bytes(int(per_worker)), estimate=format_bytes(estimate), method=numbers["start_method"],
            ratio=f"{per_worker / estimate:.1f}")]
        sentences.append(
            translate("Lessons", "Each worker adds its own memory: many workers can exhaust it (a spawned worker, a "
                                 "fresh Python with torch, costs far more).") if grows
            else translate("Lessons", "The memory did not grow with the workers here."))
        return grows, join(translate, *sentences), numbers
