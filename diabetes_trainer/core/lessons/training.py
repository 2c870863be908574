"""Lessons about the training loop itself: batch size regimes and the epoch / batch / iteration arithmetic."""

from __future__ import annotations

import math
from typing import Any

from ..advice import format_seconds
from .base import Lesson, LessonContext, RunResult, Translate, by_setting, join, median_of

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

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
        grouped = by_setting(results)
        order = ["batch", "mini-batch", "stochastic"]
        names = {"batch": translate("Lessons", "one batch"), "mini-batch": translate("Lessons", "mini-batches"),
                 "stochastic": translate("Lessons", "one sample per batch")}
        per_epoch = {name: median_of(grouped[name], "seconds_per_epoch") for name in order}
        loss = {name: grouped[name][0].epoch_mean_loss() for name in order}
        iterations = {name: grouped[name][0].iterations // max(1, grouped[name][0].epochs) for name in order}
        # A typical step times the steps per epoch: the process's first step also warms torch up.
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
        sentences = [translate(
            "Lessons", "Time per epoch: {batch_name} {batch_s} ({batch_compute} computing, iterations: {batch_n}), "
                       "{mini_name} {mini_s} ({mini_compute}, {mini_n}), {sgd_name} {sgd_s} ({sgd_compute}, "
                       "{sgd_n}).").format(
            batch_name=names["batch"], batch_s=format_seconds(per_epoch["batch"]),
            batch_compute=format_seconds(compute["batch"]), batch_n=iterations["batch"],
            mini_name=names["mini-batch"], mini_s=format_seconds(per_epoch["mini-batch"]),
            mini_compute=format_seconds(compute["mini-batch"]), mini_n=iterations["mini-batch"],
            sgd_name=names["stochastic"], sgd_s=format_seconds(per_epoch["stochastic"]),
            sgd_compute=format_seconds(compute["stochastic"]), sgd_n=iterations["stochastic"])]
        if known:
            sentences.append(translate(
                "Lessons", "Mean loss in epoch {epoch}: {batch}, {mini}, {sgd}.").format(
                epoch=epochs, batch=f"{loss['batch']:.4f}", mini=f"{loss['mini-batch']:.4f}",
                sgd=f"{loss['stochastic']:.4f}"))
        ratio = per_epoch["mini-batch"] / per_epoch["batch"] if per_epoch["batch"] > 0 else float("inf")
        numbers["mini_batch_vs_batch_time"] = ratio
        if max(ratio, 1 / ratio) < MINI_VS_BATCH_CLOSE:
            sentences.append(translate(
                "Lessons", "One batch and mini-batches took about as long per epoch ({ratio}x): loading the same rows "
                           "dominates both epochs, not their {few} and {many} steps.").format(
                ratio=f"{ratio:.1f}", few=iterations["batch"], many=iterations["mini-batch"]))
        else:
            faster, other = ("mini-batch", "batch") if ratio < 1 else ("batch", "mini-batch")
            sentences.append(translate(
                "Lessons", "Epochs with {faster} were {ratio}x quicker than with {other}: {other_compute} of "
                           "computing in {other_n} steps against {faster_compute} in {faster_n}.").format(
                faster=names[faster], other=names[other], ratio=f"{max(ratio, 1 / ratio):.1f}",
                other_compute=format_seconds(compute[other]), other_n=iterations[other],
                faster_compute=format_seconds(compute[faster]), faster_n=iterations[faster]))
        if slower and learns:
            sentences.append(translate(
                "Lessons", "One sample per batch was slowest per epoch, and more updates per epoch lowered the loss "
                           "further after the same number of epochs: mini-batches trade between the two."))
        if not slower:
            sentences.append(translate("Lessons", "One sample per batch was not the slowest per epoch here."))
        if not learns:
            sentences.append(translate(
                "Lessons", "The loss after equal epochs did not fall with more updates per epoch here."))
        return slower and learns, join(translate, *sentences), numbers


class EpochArithmetic(Lesson):
    name = "epoch-arithmetic"
    title = "Epoch, batch size and iterations"
    claim = "One epoch is one pass over all rows; it takes ceil(rows / batch size) iterations."
    epochs = 2

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        whole = context.rows or WHOLE_TABLE_BATCH
        return [("batch 32", {"batch_size": 32}), ("batch 100", {"batch_size": 100}),
                (f"batch {whole}", {"batch_size": whole})]

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
        sentences, numbers, all_match = [], {}, True
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
            sentences.append(translate(
                "Lessons", "{rows} rows in batches of {batch}: iterations per epoch = ceil({rows}/{batch}) = "
                           "{expected} (the last batch holds {last} rows); measured {measured} over {epochs} epochs, "
                           "{total} in all.").format(rows=rows, batch=batch, expected=expected, last=last,
                                          measured=", ".join(map(str, counted)) or "–", epochs=len(counted),
                                          total=record.iterations))
        numbers["rows"] = results[0].record.rows
        sentences.append(
            translate("Lessons", "Every epoch took exactly ceil(rows / batch size) iterations.") if all_match
            else translate("Lessons", "The measured iterations differ from ceil(rows / batch size)."))
        return all_match, join(translate, *sentences), numbers


def _iterations_per_epoch(iteration_epoch: list | None) -> list[int]:
    if not iteration_epoch:
        return []
    counts: dict[int, int] = {}
    for epoch in iteration_epoch:
        counts[epoch] = counts.get(epoch, 0) + 1
    return [counts[epoch] for epoch in sorted(counts)]
