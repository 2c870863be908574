"""The engine reads the table with the run's options; --standardize is fitted on the training rows only."""

from __future__ import annotations

import numpy as np
import pytest

from diabetes_trainer.core.config import ConfigError, TrainConfig
from diabetes_trainer.core.engine import prepare


def raw_table(path, rows=40):
    rng = np.random.default_rng(8)
    lines = ["id,glucose,insulin,Outcome"] + [f"{i + 1},{rng.normal(120, 30):.1f},{rng.integers(0, 846)},"
                                              f"{'Yes' if i % 3 else 'No'}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_standardize_uses_training_rows_and_applies_them_to_validation_rows(tmp_path):
    path = raw_table(tmp_path / "t.csv")
    config = TrainConfig(data_path=str(path), val_fraction=0.25, seed=3, standardize=True)
    prepared = prepare(config)
    train_x = prepared.eval_x.numpy()
    np.testing.assert_allclose(train_x.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(train_x.std(axis=0), 1, atol=1e-4)
    mean, std = (np.array(prepared.scaling[key], dtype=np.float32) for key in ("mean", "std"))
    assert prepared.scaling["rows"] == 30 and prepared.table.n_features == 2  # the id column is left out
    order = np.random.default_rng(3).permutation(40)
    raw_val = prepared.table.features[np.sort(order[:10])]
    np.testing.assert_array_equal(prepared.val_x.numpy(), ((raw_val - mean) / std).astype(np.float32))
    assert abs(float(prepared.val_x.numpy().mean())) > 1e-6  # not refitted on the validation rows


def test_without_standardize_the_features_are_the_tables_own(tmp_path):
    path = raw_table(tmp_path / "t.csv")
    prepared = prepare(TrainConfig(data_path=str(path), seed=1))
    assert prepared.scaling is None
    assert prepared.eval_x.numpy().tobytes() == prepared.table.features.tobytes()


@pytest.mark.parametrize(("changes", "knob"), [({"data_path": ""}, "data"), ({"target": " "}, "target"),
                                               ({"ignore": ("a", "")}, "ignore"), ({"standardize": 1}, "standardize"),
                                               ({"drop_missing": "yes"}, "drop-missing")])
def test_table_options_are_validated(changes, knob):
    with pytest.raises(ConfigError) as caught:
        TrainConfig(**changes).validate()
    assert caught.value.knob == knob


def test_a_record_list_of_ignored_columns_comes_back_as_a_tuple():
    config = TrainConfig.from_dict({**TrainConfig(ignore=("id",)).to_dict(), "ignore": ["id", "3"]})
    assert config.ignore == ("id", "3") and config.validate() is config
