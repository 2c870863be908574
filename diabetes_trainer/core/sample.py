"""The bundled synthetic sample data set: our own, generated here, not medical data.

Eight features shaped like the tutorial's table (pregnancies, glucose, blood pressure, skin fold, insulin, BMI,
pedigree, age; each min-max scaled to [-1, 1] over a fixed range) and a 0/1 label drawn from a noisy logistic
rule, so that the tutorial's 8-6-4-1 sigmoid network visibly learns on it.

Only uniform draws (``Generator.random``) are used and every other distribution is built from them here, so the
shipped file does not depend on numpy's algorithms for normal or exponential variates.

Regenerate the shipped file with ``python -m diabetes_trainer.core.sample [PATH]``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

from diabetes_trainer.paths import resource

DEFAULT_ROWS = 759
DEFAULT_FEATURES = 8
DEFAULT_SEED = 20261127
FEATURE_DECIMALS = 6

# (name, low, high): the raw range scaled to [-1, 1] (values outside are clipped), in the tutorial's order.
COLUMNS = (
    ("pregnancies", 0.0, 12.0),
    ("glucose", 58.0, 178.0),
    ("blood_pressure", 40.0, 100.0),
    ("skin_fold", 10.0, 50.0),
    ("insulin", 14.0, 400.0),
    ("bmi", 18.0, 45.0),
    ("pedigree", 0.078, 1.5),
    ("age", 21.0, 70.0),
)

# The label rule on the scaled columns x1..x8 (1-based, as in the README): P(label = 1) = sigmoid(logit).
# Label 1 is the majority class and falls with glucose, BMI, pedigree and age, as in the tutorial's table.
LABEL_INTERCEPT = -1.4
LABEL_WEIGHTS = {2: -6.0, 6: -4.0, 7: -2.0, 8: -3.0}


def generate_sample(rows: int = DEFAULT_ROWS, features: int = DEFAULT_FEATURES,
                    seed: int = DEFAULT_SEED) -> np.ndarray:
    """A (rows, features + 1) float64 array: features in [-1, 1] (6 decimals), then the 0/1 label.

    The label always follows the eight base columns; with ``features`` < 8 only the first columns are shown
    (the rest stay hidden causes), with more the extra columns are uniform noise that the label ignores.
    """
    if isinstance(rows, bool) or not isinstance(rows, int) or rows < 1:
        raise ValueError(f"rows must be a whole number of at least 1, not {rows!r}")
    if isinstance(features, bool) or not isinstance(features, int) or features < 1:
        raise ValueError(f"features must be a whole number of at least 1, not {features!r}")
    rng = np.random.default_rng(seed)
    raw = _raw_columns(rng, rows)
    base = np.column_stack([_scaled(raw[name], low, high) for name, low, high in COLUMNS])
    labels = (rng.random(rows) < _sigmoid(_label_logit(base))).astype(np.float64)
    if features <= len(COLUMNS):
        shown = base[:, :features]
    else:
        noise = _rounded(2.0 * rng.random((rows, features - len(COLUMNS))) - 1.0)
        shown = np.column_stack([base, noise])
    return np.column_stack([shown, labels])


def sample_csv_text(rows: int = DEFAULT_ROWS, features: int = DEFAULT_FEATURES, seed: int = DEFAULT_SEED) -> str:
    """The CSV text of the sample: no header, comma-separated, ``%.6f`` features, ``%d`` label, LF endings."""
    table = generate_sample(rows, features, seed)
    lines = [",".join([*(f"{value:.{FEATURE_DECIMALS}f}" for value in row[:-1]), f"{int(row[-1]):d}"])
             for row in table]
    return "\n".join(lines) + "\n"


def write_sample(path: str | os.PathLike, rows: int = DEFAULT_ROWS, features: int = DEFAULT_FEATURES,
                 seed: int = DEFAULT_SEED) -> Path:
    """Write the sample as CSV to ``path`` (byte-identical on every platform) and return the path."""
    target = Path(path)
    target.write_bytes(sample_csv_text(rows, features, seed).encode("ascii"))
    return target


def sample_data_path() -> Path:
    """The shipped sample file (resources/data/sample_diabetes.csv)."""
    return resource("data", "sample_diabetes.csv")


def data_file(path: str | os.PathLike | None) -> Path:
    """The table a run reads: the given path, or the bundled sample when there is none (no path, or empty)."""
    return Path(path) if path else sample_data_path()


def _raw_columns(rng: np.random.Generator, rows: int) -> dict[str, np.ndarray]:
    """Plausible raw measurements; a shared "metabolic" factor links glucose, BMI, skin fold, insulin and blood
    pressure, and age drives pregnancies and blood pressure, as risk factors go together in real tables."""
    metabolic = _normal(rng, rows)
    age = 21.0 + np.floor(_exponential(rng, rows) * 11.0)
    pregnancies = np.floor(_exponential(rng, rows) * (1.2 + 0.1 * (age - 21.0)))
    glucose = np.round(118.0 + 0.3 * (age - 33.0) + 30.0 * (0.6 * metabolic + 0.8 * _normal(rng, rows)))
    blood_pressure = np.round(64.0 + 0.25 * (age - 21.0) + 11.0 * (0.4 * metabolic + 0.9 * _normal(rng, rows)))
    bmi = np.round(31.0 + 6.5 * (0.7 * metabolic + 0.7 * _normal(rng, rows)), 1)
    skin_fold = np.round(8.0 + 0.65 * bmi + 6.0 * _normal(rng, rows))
    insulin = np.round(np.exp(np.log(90.0) + 0.012 * (glucose - 118.0) + 0.5 * _normal(rng, rows)))
    pedigree = np.round(np.exp(np.log(0.37) + 0.55 * _normal(rng, rows)), 3)
    return {"pregnancies": pregnancies, "glucose": glucose, "blood_pressure": blood_pressure,
            "skin_fold": skin_fold, "insulin": insulin, "bmi": bmi, "pedigree": pedigree, "age": age}


def _label_logit(base: np.ndarray) -> np.ndarray:
    logit = np.full(base.shape[0], LABEL_INTERCEPT)
    for column, weight in LABEL_WEIGHTS.items():
        logit += weight * base[:, column - 1]
    return logit


def _normal(rng: np.random.Generator, n: int) -> np.ndarray:
    # Box-Muller from two uniforms; 1 - u keeps the logarithm away from zero.
    u1, u2 = rng.random(n), rng.random(n)
    return np.sqrt(-2.0 * np.log(1.0 - u1)) * np.cos(2.0 * np.pi * u2)


def _exponential(rng: np.random.Generator, n: int) -> np.ndarray:
    return -np.log(1.0 - rng.random(n))


def _scaled(raw: np.ndarray, low: float, high: float) -> np.ndarray:
    return _rounded(np.clip(2.0 * (raw - low) / (high - low) - 1.0, -1.0, 1.0))


def _rounded(values: np.ndarray) -> np.ndarray:
    # Round to what the CSV keeps, so generated and re-read values agree; + 0.0 turns -0.0 into 0.0.
    return np.round(values, FEATURE_DECIMALS) + 0.0


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print("usage: python -m diabetes_trainer.core.sample [PATH]\n"
              "Regenerate the synthetic sample data set (default: the shipped resources/data file).")
        return 0 if args and args[0] in ("-h", "--help") else 2
    target = Path(args[0]) if args else sample_data_path()
    try:
        write_sample(target)
    except OSError as error:
        print(f"cannot write {target}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {DEFAULT_ROWS} rows of synthetic sample data to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
