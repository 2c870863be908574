"""When a run's loss counts as diverged, and when validation leaves less than a batch to train on."""

from __future__ import annotations

import math

import pytest

from diabetes_trainer.core.run_checks import BLOWN_UP_LOSS, find_divergence, short_training


def with_epoch_means(record: dict, means: list[float]) -> dict:
    epochs = [dict(e, mean_loss=m) for e, m in zip(record["epochs"], means)]
    return {**record, "epochs": epochs}


def test_a_learning_run_has_not_diverged(make_fake_record):
    assert find_divergence(make_fake_record()) is None


@pytest.mark.parametrize("bad", [math.nan, math.inf])
def test_a_non_finite_loss_names_its_iteration_and_epoch(make_fake_record, bad):
    record = make_fake_record(epochs=3, iterations_per_epoch=10)
    record["losses"][14] = bad
    found = find_divergence(record)
    assert (found.kind, found.iteration, found.epoch, found.lr) == ("not-finite", 15, 2, 0.01)
    assert str(found.value) == str(bad)


def test_rising_means_the_last_epoch_above_the_first_by_more_than_one_percent(make_fake_record):
    record = make_fake_record(epochs=4)
    found = find_divergence(with_epoch_means(record, [0.60, 0.58, 0.61, 0.6061]))
    assert (found.kind, found.epoch, found.first_mean, found.value) == ("rising", 4, 0.60, 0.6061)
    assert find_divergence(with_epoch_means(record, [0.60, 0.58, 0.61, 0.6059])) is None  # within 1 %: noise


def test_a_run_that_blew_up_in_its_first_epoch_and_stayed_up(make_fake_record):
    # --lr 1e9 on the tutorial's net: ~34 in every epoch, a little lower at the end.
    record = with_epoch_means(make_fake_record(epochs=3), [34.0, 33.5, 33.9])
    found = find_divergence(record)
    assert (found.kind, found.epoch, found.value) == ("blown-up", 3, 33.9)
    one_epoch = with_epoch_means(make_fake_record(epochs=1), [BLOWN_UP_LOSS + 0.01])
    assert find_divergence(one_epoch).kind == "blown-up"
    assert find_divergence(with_epoch_means(make_fake_record(epochs=1), [BLOWN_UP_LOSS - 0.01])) is None


def test_a_summary_without_per_iteration_lists_is_still_checked(make_fake_record):
    record = {key: value for key, value in make_fake_record(epochs=2).items() if key != "losses"}
    assert find_divergence(with_epoch_means(record, [0.6, math.nan])).kind == "not-finite"
    assert find_divergence({"config": {}, "epochs": []}) is None


def test_short_training_only_when_validation_is_the_cause():
    found = short_training(759, 32, 0.99)
    assert (found.validation_rows, found.training_rows, found.batch_size) == (751, 8, 32)
    assert found.largest_fraction == 0.957  # rounded down: 0.958 would round to 727 held out, 32 left
    assert short_training(759, 32, 0.957) is None
    assert short_training(759, 32, 0.0) is None  # no validation
    assert short_training(20, 32, 0.5) is None  # fewer rows than a batch even without validation
    assert short_training(32, 32, 0.1).largest_fraction == 0.0
