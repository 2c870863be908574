"""Advice over a grid of runs (workers 0-4 x I/O delay 0/2 ms x CPU 0/0.5 ms, 1-8 cores), property-based: never two
values for one knob, never what the run already has, and always the dominant part of the time."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from diabetes_trainer.core.advice import SystemInfo, advise_sweep, analyze_run, render
from diabetes_trainer.core.record import RunRecord

ROWS, BATCH = 759, 32
PER_EPOCH = math.ceil(ROWS / BATCH)


@st.composite
def runs(draw):
    workers = draw(st.integers(0, 4))
    delay = draw(st.sampled_from([0.0, 2.0]))
    cpu = draw(st.sampled_from([0.0, 0.5]))
    epochs = draw(st.integers(1, 4))
    persistent = workers > 0 and draw(st.booleans())
    # What the loop could measure with such loading: the loader's cost per batch, hidden in part by the workers.
    load_s = BATCH * (delay + cpu) / 1000
    base_wait = draw(st.floats(0.00002, 0.003))
    hidden = draw(st.floats(0.0, 1.0))
    wait = base_wait + load_s * (1 - hidden if workers else 1)
    compute = draw(st.floats(0.0001, 0.002))
    startup = draw(st.floats(0.0, 2.0)) if workers else draw(st.floats(0.0, 0.001))
    stall_period = draw(st.sampled_from([0, workers])) if workers >= 2 else 0
    count = epochs * PER_EPOCH
    waits = []
    for i in range(count):
        position = i % PER_EPOCH
        value = wait
        if stall_period and position and position % stall_period == 0:
            value = wait + load_s * 2 + 0.01
        if position == 0:
            value += startup / epochs
        waits.append(value)
    accuracy = draw(st.sampled_from([0.653, 0.70, 0.77]))
    record = {
        "status": "finished", "iterations": count, "data_wait_s": waits, "compute_s": [compute] * count,
        "iteration_epoch": [1 + i // PER_EPOCH for i in range(count)], "seconds": sum(waits) + compute * count,
        "losses": [0.6] * count, "final_loss": 0.6, "data": {"rows": ROWS, "features": 8, "positives": 496},
        "epochs": [{"epoch": e, "worker_startup_s": startup / epochs, "mean_loss": 0.6, "accuracy": accuracy}
                   for e in range(1, epochs + 1)],
        "config": {"num_workers": workers, "batch_size": BATCH, "epochs": epochs, "lr": 0.01,
                   "persistent_workers": persistent, "sample_delay_ms": delay, "sample_cpu_ms": cpu,
                   "start_method": draw(st.sampled_from(["fork", "spawn"])), "pin_memory": draw(st.booleans()),
                   "device": "cpu"},
    }
    cores = draw(st.integers(1, 8))
    memory = draw(st.sampled_from([2**30, 16 * 2**30]))
    return record, SystemInfo(logical_cores=cores, total_memory=memory, available_memory=memory // 2)


@settings(max_examples=300, deadline=None)
@given(runs())
def test_a_runs_advice_never_conflicts_never_repeats_a_setting_and_names_the_dominant_part(case):
    record, system = case
    advice = analyze_run(record, system)
    config = record["config"]
    chosen: dict = {}
    for item in advice:
        for knob, value in item.recommend.items():
            assert chosen.setdefault(knob, value) == value, (knob, [a.recommend for a in advice])
            assert config.get(knob) != value, (item.kind, knob, value)
        text = render(item)
        assert "{" not in text and text.strip()
        if "num_workers" in item.recommend:
            assert str(item.recommend["num_workers"]) in text, (item.kind, text)
    if chosen.get("num_workers") == 0:
        assert "persistent_workers" not in chosen
    splits = [a for a in advice if a.kind == "time-split"]
    assert len(splits) == 1
    r = RunRecord.from_dict(record)
    part, share = r.dominant_part()
    assert splits[0].numbers["dominant"] == part
    assert share >= max(r.startup_share, r.wait_share, r.compute_share) - 1e-9


@settings(max_examples=150, deadline=None)
@given(st.lists(st.floats(0.05, 5.0), min_size=2, max_size=9), st.booleans(), st.integers(1, 8))
def test_a_sweeps_advice_never_conflicts_and_never_suggests_what_is_set(times, persistent, cores):
    rows = [{"num_workers": k, "seconds": t, "startup_s": t * 0.3 if k else 0.0,
             "persistent_workers": persistent and k > 0} for k, t in enumerate(times)]
    advice = advise_sweep(rows, SystemInfo(cores, 2**33, 2**32), {"persistent_workers": persistent})
    chosen: dict = {}
    for item in advice:
        for knob, value in item.recommend.items():
            assert chosen.setdefault(knob, value) == value
        if persistent:
            assert "persistent_workers" not in item.recommend
        assert "{" not in render(item)


def test_the_issue_run_four_workers_io_delay_two_cores_gets_one_num_workers():
    """4 workers, 2 ms I/O delay, 2 cores: once "use at most 2" and "try 5" in one list; now one value."""
    count = 3 * PER_EPOCH
    record = {"status": "finished", "iterations": count, "data_wait_s": [0.004] * count,
              "compute_s": [0.006] * count, "iteration_epoch": [1 + i // PER_EPOCH for i in range(count)],
              "seconds": 0.01 * count, "data": {"rows": ROWS, "features": 8},
              "epochs": [{"epoch": e, "worker_startup_s": 0.02} for e in (1, 2, 3)],
              "config": {"num_workers": 4, "batch_size": BATCH, "epochs": 3, "sample_delay_ms": 2.0}}
    advice = analyze_run(record, SystemInfo(2, 2**33, 2**32))
    values = {item.recommend["num_workers"] for item in advice if "num_workers" in item.recommend}
    assert len(values) <= 1
    assert "cpu-saturated" not in [a.kind for a in advice]


def test_a_model_that_answers_one_class_is_named_with_what_to_try():
    count = 2 * PER_EPOCH
    record = {"status": "finished", "iterations": count, "data_wait_s": [0.0001] * count,
              "compute_s": [0.0003] * count, "iteration_epoch": [1 + i // PER_EPOCH for i in range(count)],
              "seconds": 0.0004 * count, "final_loss": 0.645, "data": {"rows": ROWS, "features": 8, "positives": 496},
              "epochs": [{"epoch": e, "accuracy": 496 / ROWS} for e in (1, 2)],
              "config": {"num_workers": 0, "batch_size": BATCH, "epochs": 2, "lr": 0.01}}
    item = next(a for a in analyze_run(record, SystemInfo(2, 2**33, 2**32)) if a.kind == "predicts-one-class")
    assert item.recommend == {"lr": 0.1, "epochs": 6}  # scaled features (like the tutorial's): not the cause
    record["data"]["scale_off"] = True  # the reader's scale check fired: raw values such as a glucose of 148
    item = next(a for a in analyze_run(record, SystemInfo(2, 2**33, 2**32)) if a.kind == "predicts-one-class")
    assert item.recommend == {"standardize": True, "lr": 0.1, "epochs": 6}
    text = render(item)
    assert "65%" in text and "label 1" in text and "0.01 to 0.1" in text and "6 instead of 2" in text
    record["epochs"][-1]["accuracy"] = 0.77
    assert "predicts-one-class" not in [a.kind for a in analyze_run(record, SystemInfo(2, 2**33, 2**32))]
    record["epochs"][-1]["accuracy"] = 496 / ROWS
    record["config"]["standardize"] = True
    item = next(a for a in analyze_run(record, SystemInfo(2, 2**33, 2**32)) if a.kind == "predicts-one-class")
    assert "standardize" not in item.recommend and "Standardize" not in render(item)


def test_a_model_stuck_on_one_class_with_overshooting_steps_is_told_to_lower_the_rate():
    count = 2 * PER_EPOCH
    record = {"status": "finished", "iterations": count, "data_wait_s": [0.0001] * count,
              "compute_s": [0.0003] * count, "iteration_epoch": [1 + i // PER_EPOCH for i in range(count)],
              "seconds": 0.0004 * count, "final_loss": 0.9, "data": {"rows": ROWS, "features": 8, "positives": 496},
              "epochs": [{"epoch": 1, "accuracy": 496 / ROWS, "mean_loss": 1.21},
                         {"epoch": 2, "accuracy": 496 / ROWS, "mean_loss": 0.98}],
              "config": {"num_workers": 0, "batch_size": BATCH, "epochs": 2, "lr": 10.0}}
    item = next(a for a in analyze_run(record, SystemInfo(2, 2**33, 2**32)) if a.kind == "predicts-one-class")
    assert item.recommend["lr"] == 1.0  # never 100: above the knob's limit, and the steps already overshoot
    assert "Lower the learning rate from 10 to 1" in render(item) and "0.9800" in render(item)
    record["epochs"][1]["mean_loss"] = 1.5  # rising from 1.21
    item = next(a for a in analyze_run(record, SystemInfo(2, 2**33, 2**32)) if a.kind == "predicts-one-class")
    assert item.recommend["lr"] == 1.0 and "Lower" in render(item)
