"""The bundled synthetic sample data set: reproducible, plausible, readable by the table reader."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from diabetes_trainer.core import sample
from diabetes_trainer.core.data import read_table
from diabetes_trainer.core.sample import (
    DEFAULT_SEED,
    generate_sample,
    sample_csv_text,
    sample_data_path,
    write_sample,
)

REPO_ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def default_sample() -> np.ndarray:
    return generate_sample()


def test_the_shipped_file_is_exactly_what_the_generator_writes(tmp_path):
    shipped = sample_data_path().read_bytes()
    assert sample_csv_text().encode("ascii") == shipped
    assert write_sample(tmp_path / "again.csv").read_bytes() == shipped


def test_the_shipped_file_lives_in_the_resources_folder():
    assert sample_data_path() == REPO_ROOT / "resources" / "data" / "sample_diabetes.csv"
    assert sample_data_path().is_file()


def test_shape_ranges_and_labels(default_sample):
    assert default_sample.shape == (759, 9)
    features, labels = default_sample[:, :-1], default_sample[:, -1]
    assert features.min() >= -1.0 and features.max() <= 1.0
    assert set(np.unique(labels)) == {0.0, 1.0}
    assert 0.60 <= labels.mean() <= 0.66


def test_features_are_spread_out_and_not_all_alike(default_sample):
    features = default_sample[:, :-1]
    assert (features.std(axis=0) > 0.2).all(), "every column should use a good part of [-1, 1]"
    assert len({round(float(np.median(column)), 2) for column in features.T}) >= 6
    skewness = ((features - features.mean(0)) ** 3).mean(0) / features.std(0) ** 3
    assert skewness.max() > 0.5 and abs(skewness[1]) < 0.5, "some columns skewed, glucose roughly symmetric"


def test_the_label_follows_the_documented_rule(default_sample):
    features, labels = default_sample[:, :-1], default_sample[:, -1]
    correlations = [np.corrcoef(features[:, column - 1], labels)[0, 1] for column in sample.LABEL_WEIGHTS]
    assert all(value < -0.1 for value in correlations), correlations
    # Rows the rule calls near-certain mostly have that label (the rule is noisy, not random).
    probability = 1 / (1 + np.exp(-sample._label_logit(features)))
    assert labels[probability > 0.9].mean() > 0.85 and labels[probability < 0.1].mean() < 0.15


def test_features_carry_six_decimals(default_sample):
    scaled = default_sample[:, :-1] * 1e6
    np.testing.assert_allclose(scaled, np.round(scaled), atol=1e-6)


def test_deterministic_for_a_seed():
    np.testing.assert_array_equal(generate_sample(seed=5), generate_sample(seed=5))
    assert not np.array_equal(generate_sample(seed=5), generate_sample(seed=6))
    assert DEFAULT_SEED == 20261127


def test_other_widths_keep_the_same_base_columns_and_labels(default_sample):
    narrow, wide = generate_sample(features=3), generate_sample(features=12)
    assert narrow.shape == (759, 4) and wide.shape == (759, 13)
    np.testing.assert_array_equal(narrow[:, :3], default_sample[:, :3])
    np.testing.assert_array_equal(wide[:, :8], default_sample[:, :8])
    np.testing.assert_array_equal(narrow[:, -1], default_sample[:, -1])
    np.testing.assert_array_equal(wide[:, -1], default_sample[:, -1])
    assert wide[:, 8:-1].min() >= -1 and wide[:, 8:-1].max() <= 1


@pytest.mark.parametrize(("rows", "features"), [(0, 8), (10, 0), (2.5, 8), (True, 8), (10, "8")])
def test_bad_sizes_are_refused(rows, features):
    with pytest.raises(ValueError):
        generate_sample(rows=rows, features=features)


def test_the_reader_reads_the_shipped_file_to_the_generated_values(default_sample):
    table = read_table(sample_data_path())
    assert (table.rows, table.n_features, table.header, table.delimiter) == (759, 8, None, ",")
    assert table.features.tobytes() == default_sample[:, :-1].astype(np.float32).tobytes()
    assert table.labels.tobytes() == default_sample[:, [-1]].astype(np.float32).tobytes()
    assert table.positives == int(default_sample[:, -1].sum())


def test_the_file_format(default_sample):
    lines = sample_data_path().read_text(encoding="ascii").split("\n")
    assert lines[-1] == "" and "\r" not in "".join(lines)
    first = lines[0].split(",")
    assert len(first) == 9 and first[-1] in ("0", "1")
    assert all(len(cell.split(".")[1]) == 6 for cell in first[:-1])


def test_small_custom_sample_round_trips_through_the_reader(tmp_path):
    path = write_sample(tmp_path / "small.csv", rows=20, features=3, seed=1)
    table = read_table(path)
    assert (table.rows, table.n_features) == (20, 3)
    np.testing.assert_array_equal(table.features, generate_sample(20, 3, 1)[:, :-1].astype(np.float32))


def test_command_line_writes_the_file(tmp_path, capsys):
    target = tmp_path / "regenerated.csv"
    assert sample.main([str(target)]) == 0
    assert target.read_bytes() == sample_data_path().read_bytes()
    assert str(target) in capsys.readouterr().out


def test_command_line_usage_and_write_errors(tmp_path, capsys):
    assert sample.main(["a.csv", "b.csv"]) == 2
    assert "usage" in capsys.readouterr().out
    assert sample.main(["--help"]) == 0
    assert sample.main([str(tmp_path / "missing-folder" / "x.csv")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_module_entry_point(tmp_path):
    target = tmp_path / "via_module.csv"
    result = subprocess.run([sys.executable, "-m", "diabetes_trainer.core.sample", str(target)], cwd=REPO_ROOT,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == sample_data_path().read_bytes()


def test_the_sample_module_does_not_import_torch():
    code = "import sys, diabetes_trainer.core.sample; sys.exit('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)}, timeout=60)
    assert result.returncode == 0, result.stderr or "diabetes_trainer.core.sample imported torch"


def test_the_readme_is_honest_about_the_data():
    readme = (REPO_ROOT / "resources" / "data" / "README.md").read_text(encoding="utf-8")
    terms = "".join(f" - {-weight}·x{column}" for column, weight in sample.LABEL_WEIGHTS.items())
    rule = f"sigmoid({sample.LABEL_INTERCEPT}{terms})"
    for fact in ("synthetic", "not medical data", str(DEFAULT_SEED), "python -m diabetes_trainer.core.sample", rule):
        assert fact in readme, fact
