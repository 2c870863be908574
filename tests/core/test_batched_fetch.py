"""batched_fetch: one indexing call per batch (a batch sampler) trains exactly like per-sample __getitem__ + collate."""

from __future__ import annotations

import pytest

from diabetes_trainer.core.config import TrainConfig
from diabetes_trainer.core.engine import train
from diabetes_trainer.core.record import RecordBuilder


def losses(config: TrainConfig) -> list[float]:
    builder = RecordBuilder()
    train(config, [builder])
    return builder.columns["losses"]


@pytest.mark.parametrize("changes", [
    {"shuffle": True},
    {"shuffle": False, "batch_size": 100},
    {"num_workers": 2},
    {"sample_delay_ms": 0.01},
])
def test_batched_fetch_gives_the_same_losses_as_per_sample_fetching(tutorial_data, changes):
    config = TrainConfig(data_path=str(tutorial_data), epochs=2, seed=3, **changes)
    per_sample = losses(config)
    assert per_sample and losses(config.replace(batched_fetch=True)) == per_sample
