"""Lessons about the training loop itself: batch size regimes and the epoch / batch / iteration arithmetic."""

from __future__ import annotations

import math
from typing import Any

from ..advice import format_seconds
from .base import Lesson, LessonContext, RunResult, by_setting, median_of

MINI_VS_BATCH_CLOSE = 1.5  # mini-batch epochs within this factor of one-batch epochs count as "about as long"
WHOLE_TABLE_BATCH = 100_000  # more rows than any table here: one batch per epoch when the rows are unknown


class BatchRegimes(Lesson):
    name = "batch-vs-stochastic"
    title = "Batch, stochastic and mini-batch gradient descent"
    claim = ("One batch per epoch is quickest per epoch but learns least per epoch; one sample per batch learns most "
             "per epoch but is slowest; mini-batches sit in between.")
    epochs = 3  # one sample per batch makes 759 iterations an epoch: three epochs keep the lesson under a minute

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        whole = context.rows or WHOLE_TABLE_BATCH
        return [("batch", {"batch_size": whole}), ("mini-batch", {"batch_size": 32}),
                ("stochastic", {"batch_size": 1})]

    def judge(self, results: list[RunResult], context: LessonContext) -> tuple[bool, str, dict[str, Any]]:
        grouped = by_setting(results)
        order = ["batch", "mini-batch", "stochastic"]
        per_epoch = {name: median_of(grouped[name], "seconds_per_epoch") for name in order}
        # The same rows are loaded every epoch whatever the batch size; what the iterations add is the updates.
        # (a typical step times the steps per epoch: the process's first step also warms torch up)
        loss = {name: grouped[name][0].epoch_mean_loss() for name in order}
        iterations = {name: grouped[name][0].iterations // max(1, grouped[name][0].epochs) for name in order}
        compute = {name: median_of(grouped[name], "median_compute_s") * iterations[name] for name in order}
        epochs = grouped["batch"][0].epochs
        numbers: dict[str, Any] = {"epochs": epochs}
        for name in order:
            key = name.replace("-", "_")
            numbers[f"{key}_seconds_per_epoch"] = per_epoch[name]
            numbers[f"{key}_compute_per_epoch_s"] = compute[name]
            numbers[f"{key}_iterations_per_epoch"] = iterations[name]
            numbers[f"{key}_last_epoch_loss"] = loss[name]
        # The iterations' cost shows where there are many of them (one sample per batch); between one batch and 24
        # the same rows' loading can outweigh the steps, and the text says which did.
        slower = per_epoch["stochastic"] > max(per_epoch["batch"], per_epoch["mini-batch"])
        known = all(value is not None for value in loss.values())
        learns = known and loss["stochastic"] < loss["mini-batch"] < loss["batch"]
        times = ", ".join(f"{name} {format_seconds(per_epoch[name])} of which {format_seconds(compute[name])} "
                          f"computing ({iterations[name]} iteration{'' if iterations[name] == 1 else 's'})"
                          for name in order)
        losses = ", ".join(f"{name} {loss[name]:.4f}" for name in order) if known else "not recorded"
        text = f"Time per epoch: {times}. Mean loss in epoch {epochs}: {losses}."
        ratio = per_epoch["mini-batch"] / per_epoch["batch"] if per_epoch["batch"] > 0 else float("inf")
        numbers["mini_batch_vs_batch_time"] = ratio
        if max(ratio, 1 / ratio) < MINI_VS_BATCH_CLOSE:
            text += (f" One batch and mini-batches took about as long per epoch ({ratio:.1f}x): loading the same "
                     f"rows dominates both epochs, not their {iterations['batch']} and {iterations['mini-batch']} "
                     f"steps.")
        else:
            faster, other = ("mini-batch", "batch") if ratio < 1 else ("batch", "mini-batch")
            text += (f" {faster.capitalize()} epochs were {max(ratio, 1 / ratio):.1f}x quicker than {other} epochs: "
                     f"{format_seconds(compute[other])} of computing in {iterations[other]} step"
                     f"{'' if iterations[other] == 1 else 's'} against {format_seconds(compute[faster])} in "
                     f"{iterations[faster]}.")
        if slower and learns:
            text += (" One sample per batch was slowest per epoch, and more updates per epoch lowered the loss "
                     "further after the same number of epochs: mini-batches trade between the two.")
        else:
            if not slower:
                text += " One sample per batch was not the slowest per epoch here."
            if not learns:
                text += " The loss after equal epochs did not fall with more updates per epoch here."
        return slower and learns, text, numbers


class EpochArithmetic(Lesson):
    name = "epoch-arithmetic"
    title = "Epoch, batch size and iterations"
    claim = "One epoch is one pass over all rows; it takes ceil(rows / batch size) iterations."
    epochs = 2

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        whole = context.rows or WHOLE_TABLE_BATCH
        return [("batch 32", {"batch_size": 32}), ("batch 100", {"batch_size": 100}),
                (f"batch {whole}", {"batch_size": whole})]

    def judge(self, results: list[RunResult], context: LessonContext) -> tuple[bool, str, dict[str, Any]]:
        parts, numbers, all_match = [], {}, True
        for setting, records in by_setting(results).items():
            record = records[0]
            batch = int(record.config.get("batch_size") or 0)
            rows = record.rows
            expected = math.ceil(rows / batch) if batch and rows else 0
            counted = _iterations_per_epoch(record.iteration_epoch)
            matches = rows > 0 and bool(counted) and all(count == expected for count in counted)
            all_match = all_match and matches
            last = rows - (expected - 1) * batch if expected else 0
            key = setting.replace(" ", "_")
            numbers[f"{key}_expected_per_epoch"] = expected
            numbers[f"{key}_measured_per_epoch"] = counted
            numbers[f"{key}_iterations"] = record.iterations
            noun = "iteration" if expected == 1 else "iterations"
            parts.append(f"{rows} rows in batches of {batch}: ceil({rows}/{batch}) = {expected} {noun} per "
                         f"epoch (the last holds {last} rows); measured {', '.join(map(str, counted)) or 'none'} over "
                         f"{len(counted)} epochs, {record.iterations} in all")
        numbers["rows"] = results[0].record.rows
        text = "; ".join(parts) + "."
        text += (" Every epoch took exactly ceil(rows / batch size) iterations." if all_match
                 else " The measured iterations differ from ceil(rows / batch size).")
        return all_match, text, numbers


def _iterations_per_epoch(iteration_epoch: list | None) -> list[int]:
    if not iteration_epoch:
        return []
    counts: dict[int, int] = {}
    for epoch in iteration_epoch:
        counts[epoch] = counts.get(epoch, 0) + 1
    return [counts[epoch] for epoch in sorted(counts)]
