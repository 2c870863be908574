"""The lessons' conclusions on synthetic records: shown only when the numbers show the claim, and why not if not."""

from __future__ import annotations

import math

import numpy as np
import pytest

from diabetes_trainer.core.config import TrainConfig
from diabetes_trainer.core.lessons import LESSONS, LessonContext, RunResult, lesson_named
from diabetes_trainer.core.record import RunRecord

ROWS = 759
CONTEXT = LessonContext(cores=2, rows=ROWS)


def make_record(config: TrainConfig, seconds: float, startup_s: float = 0.0, wait_s=None, losses=None,
                mean_loss: float = 0.6, status: str = "finished") -> RunRecord:
    """A record shaped like a real one: ceil(rows/batch) iterations per epoch, the waits given or tiny."""
    per_epoch = math.ceil(ROWS / config.batch_size)
    count = per_epoch * config.epochs
    waits = list(wait_s) if wait_s is not None else [0.0001] * count
    epochs_of = [1 + i // per_epoch for i in range(count)]
    loss_values = list(losses) if losses is not None else [mean_loss] * count
    return RunRecord.from_dict({
        "status": status, "config": config.to_dict(), "data": {"rows": ROWS, "features": 8},
        "seconds": seconds, "iterations": count, "data_wait_s": waits, "compute_s": [0.0001] * count,
        "iteration_epoch": epochs_of, "losses": loss_values, "final_loss": loss_values[-1],
        "epochs": [{"epoch": e, "worker_startup_s": startup_s / config.epochs, "mean_loss": mean_loss,
                    "accuracy": 0.7} for e in range(1, config.epochs + 1)]})


def results_for(name: str, measure) -> list[RunResult]:
    """Every planned run of a lesson, with the record ``measure(run)`` makes for it."""
    lesson = lesson_named(name)
    return [RunResult(run, *measure(run)) for run in lesson.runs(TrainConfig(), CONTEXT)]


def judged(name: str, measure):
    lesson = lesson_named(name)
    return lesson.conclude(results_for(name, measure), CONTEXT)


def test_every_lesson_has_a_unique_name_runs_and_a_claim():
    names = [lesson.name for lesson in LESSONS]
    assert len(names) == len(set(names)) == 8
    for lesson in LESSONS:
        runs = lesson.runs(TrainConfig(num_workers=3, sample_delay_ms=5, persistent_workers=True), CONTEXT)
        assert runs and lesson.claim and lesson.title
        for run in runs:
            run.config.validate()
    with pytest.raises(KeyError, match="the lessons are"):
        lesson_named("nope")


def test_lessons_ignore_the_users_loader_knobs_and_keep_the_data():
    base = TrainConfig(data_path="my.csv", num_workers=5, sample_cpu_ms=3, pin_memory=True)
    for run in lesson_named("tiny-data-zero-workers").runs(base, CONTEXT):
        assert run.config.data_path == "my.csv"
        assert run.config.sample_cpu_ms == 0 and not run.config.pin_memory and run.config.seed == 0


def test_epoch_arithmetic_shown_when_every_epoch_has_ceil_rows_over_batch():
    outcome = judged("epoch-arithmetic", lambda run: (make_record(run.config, 0.1),))
    assert outcome.shown, outcome.conclusion
    assert "iterations per epoch = ceil(759/32) = 24" in outcome.conclusion
    assert outcome.numbers["batch_32_measured_per_epoch"] == [24, 24]


def test_epoch_arithmetic_not_shown_when_an_epoch_is_short():
    def short(run):
        record = make_record(run.config, 0.1)
        raw = dict(record.raw, iteration_epoch=record.iteration_epoch[:-1] + [3])
        return (RunRecord.from_dict(raw),)

    outcome = judged("epoch-arithmetic", short)
    assert not outcome.shown and "differ" in outcome.conclusion


def _tiny(zero_s: float, worker_s: float, spread: float = 0.0):
    def measure(run):
        base = zero_s if run.config.num_workers == 0 else worker_s
        seconds = base * (1 + spread * (run.repeat - 1))
        return (make_record(run.config, seconds, startup_s=0.02 * run.config.num_workers),)
    return measure


def test_tiny_data_shown_when_zero_workers_is_fastest_and_names_the_dominant_part():
    outcome = judged("tiny-data-zero-workers", _tiny(0.05, 0.5))
    assert outcome.shown
    # 0.45 s more, of it 0.02-0.04 s start-up: the per-batch trip dominates, and the text says so.
    assert "process boundary" in outcome.conclusion and "dominates" in outcome.conclusion
    assert outcome.numbers["workers_2_startup_s"] == pytest.approx(0.04)


def test_tiny_data_not_shown_says_the_machine_was_busy_when_repeats_disagree():
    outcome = judged("tiny-data-zero-workers", _tiny(0.5, 0.3, spread=0.4))
    assert not outcome.shown
    assert "busy" in outcome.conclusion and "40%" in outcome.conclusion
    assert outcome.numbers["repeat_spread"] == pytest.approx(0.4)


def test_a_failed_run_is_never_shown():
    outcome = judged("tiny-data-zero-workers", lambda run: (make_record(run.config, 0.1, status="failed"),))
    assert not outcome.shown and "Not every run finished" in outcome.conclusion


def _stall_waits(config: TrainConfig, period: int) -> list[float]:
    per_epoch = math.ceil(ROWS / config.batch_size)
    return [0.07 if i % per_epoch and (i % per_epoch) % period == 0 else 0.0002
            for i in range(per_epoch * config.epochs)]


def test_periodic_stall_shown_when_the_period_equals_num_workers():
    outcome = judged("periodic-stall", lambda run: (make_record(run.config, 2.0, wait_s=_stall_waits(run.config, 3)),))
    assert outcome.shown, outcome.conclusion
    assert outcome.numbers["period"] == outcome.numbers["num_workers"] == 3


def test_periodic_stall_not_shown_without_a_rhythm():
    outcome = judged("periodic-stall", lambda run: (make_record(run.config, 2.0),))
    assert not outcome.shown and outcome.numbers["period"] is None
    assert "No periodic stall" in outcome.conclusion


def _io_cpu(io_times: dict, cpu_times: dict):
    def measure(run):
        table = io_times if run.config.sample_delay_ms else cpu_times
        return (make_record(run.config, table[run.config.num_workers]),)
    return measure


def test_io_vs_cpu_shown_when_io_gains_beyond_the_cores_and_cpu_does_not():
    outcome = judged("io-vs-cpu-bound", _io_cpu({0: 3.2, 2: 1.7, 4: 0.9}, {0: 1.6, 2: 0.9, 4: 0.95}))
    assert outcome.shown, outcome.conclusion
    assert outcome.numbers["io_speedup_vs_0"] == pytest.approx(3.2 / 0.9)


def test_io_vs_cpu_not_shown_when_cpu_bound_loading_still_gains_beyond_the_cores():
    outcome = judged("io-vs-cpu-bound", _io_cpu({0: 3.2, 2: 1.7, 4: 0.9}, {0: 1.6, 2: 0.9, 4: 0.5}))
    assert not outcome.shown and "still gained beyond the cores" in outcome.conclusion


def _fetch(single_wait: float, batched_wait: float, same_losses: bool = True):
    def measure(run):
        per_epoch = math.ceil(ROWS / run.config.batch_size) * run.config.epochs
        wait = batched_wait if run.config.batched_fetch else single_wait
        losses = np.linspace(0.7, 0.6, per_epoch)
        if run.config.batched_fetch and not same_losses:
            losses = losses + 0.01
        return (make_record(run.config, 0.2, wait_s=[wait] * per_epoch, losses=losses.tolist()),)
    return measure


def test_batched_fetch_shown_when_quicker_with_identical_losses():
    outcome = judged("batched-fetch", _fetch(0.0005, 0.0001))
    assert outcome.shown and outcome.numbers["same_losses"] is True
    assert "5.0x quicker" in outcome.conclusion


def test_batched_fetch_not_shown_when_the_losses_differ():
    outcome = judged("batched-fetch", _fetch(0.0005, 0.0001, same_losses=False))
    assert not outcome.shown and "losses differed" in outcome.conclusion


def test_memory_shown_when_it_grows_with_the_workers_and_compares_to_the_estimate():
    outcome = judged("memory-per-worker",
                     lambda run: (make_record(run.config, 1.0), run.config.num_workers * 10 * 2**20))
    assert outcome.shown, outcome.conclusion
    assert outcome.numbers["growth"] == pytest.approx(4.0)
    assert "per worker against an estimate" in outcome.conclusion


def test_memory_not_shown_when_it_stays_flat_or_was_not_measured():
    flat = judged("memory-per-worker", lambda run: (make_record(run.config, 1.0), 30 * 2**20))
    assert not flat.shown and "did not grow" in flat.conclusion
    unmeasured = judged("memory-per-worker", lambda run: (make_record(run.config, 1.0), None))
    assert not unmeasured.shown and "could not be measured" in unmeasured.conclusion


def test_worker_cost_splits_start_up_from_transfer_and_compares_fork_with_spawn():
    def measure(run):
        method = run.config.start_method
        startup = {"fork": 0.1, "spawn": 3.0}.get(method, 0.0)
        per_epoch = math.ceil(ROWS / 32) * run.config.epochs
        wait = 0.001 if method else 0.0001
        return (make_record(run.config, 1.0 + startup, startup_s=startup, wait_s=[wait] * per_epoch),)

    outcome = judged("worker-cost", measure)
    assert outcome.shown, outcome.conclusion
    assert outcome.numbers["spawn_vs_fork_startup"] == pytest.approx(30)
    assert outcome.numbers["fork_transfer_per_batch_s"] == pytest.approx(0.0009)


def test_batch_regimes_shown_when_computing_per_epoch_and_learning_follow_the_updates():
    def measure(run):
        batch = run.config.batch_size
        loss = {1: 0.48, 32: 0.62}.get(batch, 0.69)
        seconds = {1: 3.0, 32: 0.12}.get(batch, 0.1)
        return (make_record(run.config, seconds, mean_loss=loss),)

    outcome = judged("batch-vs-stochastic", measure)
    assert outcome.shown, outcome.conclusion
    assert "about as long per epoch (1.2x)" in outcome.conclusion
    flat = judged("batch-vs-stochastic", lambda run: (make_record(run.config, 1.0, mean_loss=0.6),))
    assert not flat.shown and "did not" in flat.conclusion


def test_a_lesson_cut_short_says_so_instead_of_concluding():
    lesson = lesson_named("tiny-data-zero-workers")
    results = results_for("tiny-data-zero-workers", _tiny(0.05, 0.5))[:4]
    outcome = lesson.conclude(results, CONTEXT, planned=6)
    assert not outcome.shown and "Stopped after 4 of 6 runs" in outcome.conclusion
