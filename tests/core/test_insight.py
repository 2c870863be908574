from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from diabetes_trainer.core.advice import (
    FORK_WORKER_BYTES,
    MIB,
    SPAWN_WORKER_BYTES,
    WORKER_HANDOFF_S,
    Advice,
    StallPattern,
    SystemInfo,
    advise_sweep,
    analyze_run,
    detect_periodic_stall,
    estimate_worker_memory,
    format_seconds,
    memory_check,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
TWO_CORES = SystemInfo(logical_cores=2, total_memory=16 * 2**30, available_memory=12 * 2**30)
EPOCHS, PER_EPOCH = 10, 24


def kinds(advice: list[Advice]) -> list[str]:
    """The kinds found, without the time split every run with iterations ends with."""
    return [a.kind for a in advice if a.kind != "time-split"]


def epoch_of(count: int = EPOCHS * PER_EPOCH) -> list[int]:
    return [i // PER_EPOCH + 1 for i in range(count)]


def rotation_waits(period: int, stall_s: float = 0.052, seed: int = 1) -> np.ndarray:
    """Waits of the notes' worker rotation: a stall at every period-th batch of each epoch, noise elsewhere,
    and a start-up wait at each epoch's first batch."""
    rng = np.random.default_rng(seed)
    count = EPOCHS * PER_EPOCH
    waits = rng.uniform(0.0001, 0.0005, count)
    position = np.arange(count) % PER_EPOCH
    stalls = (position % period == 0) & (position > 0)
    waits[stalls] = stall_s + rng.normal(0, 0.004, stalls.sum())
    waits[position == 0] = 0.4 + rng.uniform(0, 0.1, EPOCHS)
    return waits


# --- periodic stalls ---------------------------------------------------------------------------------------------

def test_period_four_with_noise_is_found():
    waits = rotation_waits(4)
    pattern = detect_periodic_stall(waits, 4, epoch_of())
    assert pattern is not None
    assert pattern.period == 4
    assert pattern.stall_count == EPOCHS * 5  # positions 4, 8, 12, 16, 20 of each epoch
    assert set(pattern.stall_indices % PER_EPOCH) == {4, 8, 12, 16, 20}
    assert pattern.mean_stall_s == pytest.approx(0.052, abs=0.002)
    assert pattern.mean_other_s < 0.001
    assert pattern.num_workers == 4 and format_seconds(pattern.mean_stall_s).endswith("ms")


def test_period_two_is_found_although_half_the_batches_stall():
    pattern = detect_periodic_stall(rotation_waits(2), 2, epoch_of())
    assert pattern is not None and pattern.period == 2


def test_period_not_matching_num_workers_is_reported_as_such():
    pattern = detect_periodic_stall(rotation_waits(3), 6, epoch_of())
    assert pattern is not None and pattern.period == 3
    assert pattern.num_workers == 6


@pytest.mark.parametrize("seed", range(5))
def test_flat_noise_is_no_pattern(seed):
    rng = np.random.default_rng(seed)
    count = EPOCHS * PER_EPOCH
    assert detect_periodic_stall(rng.normal(0.002, 0.0003, count), 4, epoch_of()) is None
    assert detect_periodic_stall(rng.exponential(0.005, count), 4, epoch_of()) is None
    assert detect_periodic_stall(rng.uniform(0, 0.01, count), 4, epoch_of()) is None


def test_rhythm_is_found_when_the_first_epoch_is_messy():
    # As recorded with 4 persistent workers on 2 cores: while the workers start, epoch 1 has no clean rhythm.
    waits = rotation_waits(4, seed=3)
    waits[1:PER_EPOCH] = np.random.default_rng(3).uniform(0.0002, 0.02, PER_EPOCH - 1)
    pattern = detect_periodic_stall(waits, 4, epoch_of())
    assert pattern is not None and pattern.period == 4


def test_epoch_start_up_waits_are_not_stalls():
    waits = np.full(EPOCHS * PER_EPOCH, 0.0003)
    waits[::PER_EPOCH] = 0.5
    assert detect_periodic_stall(waits, 2, epoch_of()) is None


def test_a_few_random_hiccups_are_no_pattern():
    waits = np.full(EPOCHS * PER_EPOCH, 0.0003)
    waits[[17, 90, 91, 150, 233]] = 0.05
    assert detect_periodic_stall(waits, 4, epoch_of()) is None


def test_zero_workers_have_no_rotation():
    assert detect_periodic_stall(rotation_waits(4), 0, epoch_of()) is None


def test_without_epochs_only_the_first_batch_is_ignored():
    waits = rotation_waits(4)[:PER_EPOCH]
    pattern = detect_periodic_stall(waits, 4)
    assert pattern is not None and pattern.period == 4 and pattern.stall_count == 5


def test_stall_pattern_compares_without_numpy_errors():
    a = StallPattern(4, np.array([4, 8]), 0.05, 0.001, 4)
    assert a == StallPattern(4, np.array([4, 8, 12]), 0.05, 0.001, 4)


# --- memory ------------------------------------------------------------------------------------------------------

def test_worker_memory_estimate_by_start_method():
    data = 10 * MIB
    assert estimate_worker_memory(0, "spawn", data) == 0
    assert estimate_worker_memory(3, "spawn", data) == 3 * (SPAWN_WORKER_BYTES + data)
    assert estimate_worker_memory(3, "forkserver", data) == estimate_worker_memory(3, "spawn", data)
    assert estimate_worker_memory(3, "fork", data) == 3 * FORK_WORKER_BYTES
    assert estimate_worker_memory(3, "fork", data) < estimate_worker_memory(3, "spawn", data) / 5
    with pytest.raises(ValueError):
        estimate_worker_memory(-1, "spawn", data)


def test_memory_check_warns_only_when_memory_is_tight():
    tight = SystemInfo(logical_cores=2, total_memory=2 * 2**30, available_memory=600 * MIB)
    advice = memory_check(3, "spawn", 1000, tight)
    assert advice is not None and advice.kind == "memory-risk" and advice.severity == "warn"
    assert advice.numbers["memory_share"] >= 0.5 and "spawn" in advice.message and "3 workers" in advice.message
    assert memory_check(3, "fork", 1000, tight) is None
    assert memory_check(0, "spawn", 1000, tight) is None
    assert memory_check(3, "spawn", 1000, TWO_CORES) is None


def test_memory_check_says_when_it_does_not_fit_at_all():
    advice = memory_check(8, "spawn", 0, SystemInfo(2, 2**30, 300 * MIB))
    assert advice is not None and "more than is available" in advice.message


def test_system_info_current_reads_this_machine():
    system = SystemInfo.current()
    assert system.logical_cores >= 1 and 0 < system.available_memory <= system.total_memory


# --- run rules ---------------------------------------------------------------------------------------------------

def test_tutorial_run_with_zero_workers_keeps_zero(make_fake_record):
    # Measured: 0.1 ms waiting and 0.3 ms computing per batch, so waiting is 25% of the loop yet tiny per batch.
    advice = analyze_run(make_fake_record(), TWO_CORES)
    assert kinds(advice) == ["zero-workers-best"]
    assert advice[0].numbers["mean_wait_s"] == pytest.approx(0.0001)
    assert "num_workers = 0" in advice[0].message and "0.10 ms per batch" in advice[0].message


def test_zero_workers_with_a_tiny_share_of_waiting_keeps_zero(make_fake_record):
    record = make_fake_record(wait_s=0.002, compute_s=0.05)
    assert kinds(analyze_run(record, TWO_CORES)) == ["zero-workers-best"]


def test_zero_workers_waiting_fast_but_often_is_not_loader_bound(make_fake_record):
    record = make_fake_record(wait_s=WORKER_HANDOFF_S / 2, compute_s=0.0001)
    assert kinds(analyze_run(record, TWO_CORES)) == ["zero-workers-best"]


def test_zero_workers_waiting_long_is_not_zero_workers_best(make_fake_record):
    record = make_fake_record(wait_s=0.003, compute_s=0.01)
    assert kinds(analyze_run(record, TWO_CORES)) == []


def test_workers_on_instant_data_that_still_wait_suggest_zero(make_fake_record):
    # Measured on the tutorial's table with 2 forked workers: about 1.1 ms waiting per batch.
    record = make_fake_record(num_workers=2, wait_s=0.0011, compute_s=0.0012, worker_startup_s=0.03)
    advice = analyze_run(record, TWO_CORES)
    assert kinds(advice) == ["worker-overhead"]
    assert "num_workers=0" in advice[0].message and "1.1 ms per batch" in advice[0].message
    heavy_wait = make_fake_record(num_workers=1, wait_s=0.002, compute_s=0.0003, worker_startup_s=0.03)
    assert "loader-bound" not in kinds(analyze_run(heavy_wait, TWO_CORES))
    assert "worker-overhead" in kinds(analyze_run(heavy_wait, TWO_CORES))


def test_io_like_slow_loading_is_loader_bound_beyond_cores(make_fake_record):
    record = make_fake_record(sample_delay_ms=5, wait_s=0.16)
    advice = analyze_run(record, TWO_CORES)
    bound = next(a for a in advice if a.kind == "loader-bound")
    assert bound.severity == "suggest" and bound.numbers["loading"] == "io"
    assert bound.recommend["num_workers"] > TWO_CORES.logical_cores
    assert "beyond the core count" in bound.message and "num_workers = 0" in bound.message
    assert f"Try num_workers = {bound.recommend['num_workers']}." in bound.message
    assert "zero-workers-best" not in kinds(advice)


def test_cpu_like_slow_loading_is_loader_bound_up_to_cores(make_fake_record):
    record = make_fake_record(sample_cpu_ms=2, wait_s=0.064)
    bound = next(a for a in analyze_run(record, TWO_CORES) if a.kind == "loader-bound")
    assert bound.numbers["loading"] == "cpu" and bound.recommend == {"num_workers": 2}
    assert "until the 2 cores are busy" in bound.message and "Try num_workers = 2." in bound.message


def test_cpu_like_loading_at_the_core_count_asks_for_cheaper_samples(make_fake_record):
    record = make_fake_record(num_workers=2, sample_cpu_ms=2, wait_s=0.03, worker_startup_s=0.01)
    bound = next(a for a in analyze_run(record, TWO_CORES) if a.kind == "loader-bound")
    assert bound.recommend == {} and "cheaper" in bound.message and "Try" not in bound.message


def test_epoch_start_up_does_not_count_as_loader_bound(make_fake_record):
    record = make_fake_record(num_workers=2, worker_startup_s=0.7, start_method="spawn")
    found = kinds(analyze_run(record, TWO_CORES))
    assert "startup-bound" in found and "loader-bound" not in found


def test_startup_bound_suggests_zero_on_in_memory_data_and_persistent_workers_otherwise(make_fake_record):
    record = make_fake_record(num_workers=2, worker_startup_s=0.7, start_method="spawn")
    advice = next(a for a in analyze_run(record, TWO_CORES) if a.kind == "startup-bound")
    assert advice.numbers["startup_share"] >= 0.5
    assert advice.recommend == {"num_workers": 0}
    assert "num_workers=0" in advice.message and "persistent_workers=True" not in advice.message
    assert "spawn" in advice.message
    assert advice.numbers["in_memory"] == 1 and advice.numbers["persistent_workers"] == 0
    slow = make_fake_record(num_workers=2, worker_startup_s=0.7, sample_delay_ms=0.01)
    advice = next(a for a in analyze_run(slow, TWO_CORES) if a.kind == "startup-bound")
    assert advice.recommend == {"persistent_workers": True} and "persistent_workers=True" in advice.message


def test_startup_bound_with_persistent_workers_does_not_suggest_them_again(make_fake_record):
    record = make_fake_record(num_workers=2, worker_startup_s=0.7, persistent_workers=True, start_method="fork")
    advice = next(a for a in analyze_run(record, TWO_CORES) if a.kind == "startup-bound")
    assert "persistent_workers=True" not in advice.message and "spawn" not in advice.message


def test_short_start_up_is_not_startup_bound(make_fake_record):
    record = make_fake_record(num_workers=2, worker_startup_s=0.001)
    assert "startup-bound" not in kinds(analyze_run(record, TWO_CORES))


def test_more_workers_than_cores_with_cpu_loading_is_cpu_saturated(make_fake_record):
    record = make_fake_record(num_workers=4, sample_cpu_ms=1, wait_s=0.001, worker_startup_s=0.01)
    advice = next(a for a in analyze_run(record, TWO_CORES) if a.kind == "cpu-saturated")
    assert advice.recommend == {"num_workers": 2} and "at most 2" in advice.message
    within = make_fake_record(num_workers=2, sample_cpu_ms=1, wait_s=0.001, worker_startup_s=0.01)
    assert "cpu-saturated" not in kinds(analyze_run(within, TWO_CORES))
    io_only = make_fake_record(num_workers=4, sample_delay_ms=1, wait_s=0.00003, worker_startup_s=0.01)
    assert "cpu-saturated" not in kinds(analyze_run(io_only, TWO_CORES))


def test_measured_worker_memory_against_available_memory(make_fake_record):
    record = make_fake_record(num_workers=4, worker_startup_s=0.01)
    system = SystemInfo(logical_cores=2, total_memory=2**31, available_memory=2**30)
    advice = analyze_run(record, system, workers_memory_bytes=700 * MIB)
    assert advice[0].kind == "memory-risk" and advice[0].numbers["estimated"] == 0
    assert "used 700 MiB" in advice[0].message
    assert "memory-risk" not in kinds(analyze_run(record, system, workers_memory_bytes=100 * MIB))


def test_estimated_worker_memory_without_a_measurement(make_fake_record):
    record = make_fake_record(num_workers=4, start_method="spawn", worker_startup_s=0.01)
    system = SystemInfo(logical_cores=2, total_memory=2**31, available_memory=800 * MIB)
    advice = analyze_run(record, system)
    assert advice[0].kind == "memory-risk" and advice[0].numbers["estimated"] == 1


def test_periodic_stall_is_named(make_fake_record):
    record = make_fake_record(num_workers=4, wait_s=rotation_waits(4), worker_startup_s=0.0)
    advice = next(a for a in analyze_run(record, TWO_CORES) if a.kind == "periodic-stall")
    assert advice.severity == "suggest" and advice.numbers["period"] == 4
    assert "Every 4 batches the loop waited 5" in advice.message and " ms for data" in advice.message
    assert "loader-saturated" not in kinds(analyze_run(record, TWO_CORES))


def test_loader_saturated_when_workers_keep_up(make_fake_record):
    record = make_fake_record(num_workers=2, wait_s=0.00001, worker_startup_s=0.001)
    advice = analyze_run(record, TWO_CORES)
    assert kinds(advice) == ["loader-saturated"]
    assert "won't help" in advice[0].message


def test_io_loading_at_the_core_count_still_gains_from_more_workers(make_fake_record):
    record = make_fake_record(num_workers=2, sample_delay_ms=1, wait_s=0.0002, compute_s=0.0006,
                              worker_startup_s=0.001)
    advice = next(a for a in analyze_run(record, TWO_CORES) if a.kind == "io-bound-more-workers")
    assert advice.recommend == {"num_workers": 4} and "more workers than cores" in advice.message
    slow = make_fake_record(num_workers=2, sample_cpu_ms=1, wait_s=0.0002, compute_s=0.0006,
                            worker_startup_s=0.001)
    assert "io-bound-more-workers" not in kinds(analyze_run(slow, TWO_CORES))


def test_pin_memory_on_the_cpu_is_gpu_unused(make_fake_record):
    assert "gpu-unused" in kinds(analyze_run(make_fake_record(pin_memory=True), TWO_CORES))
    assert "gpu-unused" not in kinds(analyze_run(make_fake_record(pin_memory=True, device="cuda"), TWO_CORES))


def test_the_time_split_names_the_dominant_part_when_nothing_else_fires(make_fake_record):
    record = make_fake_record(num_workers=1, sample_delay_ms=0.1, wait_s=0.0001, compute_s=0.0004,
                              worker_startup_s=0.001)
    advice = analyze_run(record, TWO_CORES)
    assert [a.kind for a in advice] == ["time-split"]
    split = advice[0]
    assert split.numbers["dominant"] == "compute" and split.recommend == {}
    assert f"{EPOCHS * PER_EPOCH} iterations" in split.message
    assert "The largest part is computing" in split.message


def test_empty_or_odd_records_still_get_an_answer():
    assert kinds(analyze_run({}, TWO_CORES)) == ["summary"]
    odd = {"config": {"num_workers": "two"}, "data_wait_s": ["x", None], "epochs": ["?"], "seconds": None}
    assert len(analyze_run(odd, TWO_CORES)) >= 1


def test_junk_in_a_records_timings_counts_as_zero(make_fake_record):
    clean = make_fake_record(num_workers=4, wait_s=rotation_waits(4))
    junk_positions = [5, 17, 30, 31, 99]
    dirty = {**clean, "data_wait_s": list(clean["data_wait_s"])}
    for position, junk in zip(junk_positions, [None, "x", True, float("nan"), float("inf")], strict=True):
        dirty["data_wait_s"][position] = junk
    zeroed = {**clean, "data_wait_s": [0.0 if i in junk_positions else v for i, v in enumerate(clean["data_wait_s"])]}
    assert analyze_run(dirty, TWO_CORES) == analyze_run(zeroed, TWO_CORES)
    assert "periodic-stall" in kinds(analyze_run(dirty, TWO_CORES))


def test_advice_is_ordered_warn_suggest_info(make_fake_record):
    record = make_fake_record(num_workers=4, start_method="spawn", worker_startup_s=0.7, pin_memory=True)
    advice = analyze_run(record, SystemInfo(2, 2**31, 800 * MIB))
    assert [a.severity for a in advice] == sorted((a.severity for a in advice),
                                                  key=["warn", "suggest", "info"].index)
    assert kinds(advice)[0] == "memory-risk" and "gpu-unused" in kinds(advice)


def test_neutral_tutorial_record_fires_no_problem_rules(make_fake_record):
    problems = {"loader-bound", "startup-bound", "cpu-saturated", "memory-risk", "periodic-stall",
                "io-bound-more-workers", "gpu-unused"}
    for record in (make_fake_record(), make_fake_record(num_workers=2, wait_s=0.00001, worker_startup_s=0.001)):
        assert not problems & set(kinds(analyze_run(record, TWO_CORES)))


# --- sweeps ------------------------------------------------------------------------------------------------------

def test_tutorial_sweep_zero_is_best_and_each_worker_costs_a_second():
    rows = [{"num_workers": 0, "seconds": 1.0, "startup_s": 0.0}] + [
        {"num_workers": k, "seconds": 6.0 + 1.0 * k, "startup_s": 5.2 + 0.95 * k, "persistent_workers": False}
        for k in range(1, 9)]
    advice = advise_sweep(rows, TWO_CORES)
    assert kinds(advice) == ["sweep-fastest", "zero-workers-best", "per-worker-cost"]
    cost = advice[2]
    assert cost.numbers["seconds_per_worker"] == pytest.approx(1.0)
    assert cost.numbers["startup_s_per_worker"] == pytest.approx(0.95)
    assert "+1.0 s per extra worker" in cost.message and "starting workers, not loading" in cost.message
    # 0 workers was fastest and is recommended: persistent workers would not apply, so they are not suggested.
    assert cost.numbers["not_persistent"] == 1 and cost.recommend == {}
    assert advice[0].recommend == {"num_workers": 0}
    assert advice[1].numbers["next_best_s"] == pytest.approx(7.0)
    assert advice[1].numbers["dominant"] == "startup" and "starting the workers is what" in advice[1].message


def test_io_sweep_speeds_up_beyond_the_cores():
    rows = [{"num_workers": k, "seconds": s} for k, s in [(0, 10.0), (1, 5.5), (2, 3.0), (4, 1.8), (6, 1.5)]]
    advice = advise_sweep(rows, TWO_CORES)
    assert {"workers-speedup", "io-bound-more-workers"} <= set(kinds(advice))
    speedup = next(a for a in advice if a.kind == "workers-speedup")
    assert speedup.numbers["speedup"] == pytest.approx(10.0 / 1.5) and "6.7x" in speedup.message
    assert "per-worker-cost" not in kinds(advice)


def test_cpu_sweep_gets_slower_beyond_the_cores():
    rows = [{"num_workers": k, "seconds": s} for k, s in [(0, 4.0), (1, 2.2), (2, 1.5), (4, 1.9), (6, 2.3)]]
    advice = advise_sweep(rows, TWO_CORES)
    saturated = next(a for a in advice if a.kind == "cpu-saturated")
    assert saturated.numbers["best_workers"] == 2 and saturated.numbers["beyond_workers"] == 4


def test_sweep_without_usable_rows():
    assert kinds(advise_sweep([], TWO_CORES)) == ["summary"]
    failed = [{"num_workers": 2, "seconds": None}, {"num_workers": 3}]
    assert kinds(advise_sweep(failed, TWO_CORES)) == ["summary"]


def test_sweep_skips_failed_settings():
    rows = [{"num_workers": 0, "seconds": 2.0}, {"num_workers": 1, "seconds": None}, {"num_workers": 2, "seconds": 1.0}]
    fastest = advise_sweep(rows, TWO_CORES)[0]
    assert fastest.numbers["fastest_workers"] == 2 and fastest.numbers["settings"] == 2


def test_insight_imports_neither_torch_nor_qt():
    # psutil too is imported only when SystemInfo.current() asks for this machine.
    code = ("import sys, diabetes_trainer.core.advice; "
            "print(sorted(m for m in ('torch', 'PySide6', 'pyqtgraph', 'psutil') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert result.stdout.strip() == "[]"
