"""RunRecord: a record read once, its derived numbers (start-up, steady wait, shares) computed in one place."""

from __future__ import annotations

import pytest

from diabetes_trainer.core.record import RunRecord


def record(**changes) -> dict:
    values = {
        "status": "finished", "seconds": 1.0, "iterations": 4, "final_loss": 0.5,
        "data_wait_s": [0.3, 0.01, 0.2, 0.01], "compute_s": [0.05] * 4, "iteration_epoch": [1, 1, 2, 2],
        "losses": [0.7, 0.6, 0.55, 0.5], "data": {"rows": 100, "features": 8, "positives": 65},
        "epochs": [{"epoch": 1, "worker_startup_s": 0.3, "mean_loss": 0.65, "accuracy": 0.6},
                   {"epoch": 2, "worker_startup_s": 0.2, "mean_loss": 0.52, "accuracy": 0.65}],
        "config": {"num_workers": 2, "batch_size": 50, "epochs": 2, "sample_delay_ms": 1.0},
    }
    values.update(changes)
    return values


def test_derived_numbers_come_from_one_reading():
    r = RunRecord.from_dict(record())
    assert r.startup_s == pytest.approx(0.5) and r.steady_s == pytest.approx(0.5)
    # Each epoch's first batch waits for the workers' start-up: the steady wait leaves them out.
    assert r.steady_wait_s == pytest.approx(0.02) and r.steady_batches == 2
    assert r.wait_share == pytest.approx(0.02) and r.compute_share == pytest.approx(0.2)
    assert r.startup_share == pytest.approx(0.5) and r.seconds_per_epoch == pytest.approx(0.5)
    assert r.epoch_mean_loss() == pytest.approx(0.52) and r.final_accuracy == pytest.approx(0.65)
    assert r.majority_share == pytest.approx(0.65) and r.majority_label == 1
    assert r.dominant_part() == ("startup", pytest.approx(0.5))
    assert r.samples_loaded == 200 and not r.in_memory_instant


def test_odd_records_read_as_absent_values_never_as_errors():
    odd = RunRecord.from_dict({"config": {"num_workers": "two"}, "data_wait_s": ["x", None], "epochs": ["?"],
                               "seconds": None, "final_loss": True, "data": {"positives": "many"}})
    assert odd.num_workers == 0 and odd.final_loss is None and odd.positives is None
    assert odd.seconds == 0.0 and odd.wait_share == 0.0 and odd.majority_share is None
    assert RunRecord.from_dict(None).status == "" and RunRecord.from_dict([]).iterations == 0


def test_a_record_without_a_time_is_timed_by_its_waits_and_computes():
    r = RunRecord.from_dict(record(seconds=None))
    assert r.seconds == pytest.approx(0.52 + 0.2)
