"""Feature scale: the warning when raw values will saturate the sigmoid units, and standardisation.

The tutorial's table is scaled to [-1, 1]. Raw values such as a glucose of 148 push a sigmoid unit to 0 or 1, where
its gradient vanishes: the network then learns to answer the majority class and nothing else.
"""

from __future__ import annotations

import numpy as np

SATURATING_VALUE = 5.0  # |x| beyond this already drives sigmoid(x) within 1 % of 0 or 1
RANGE_RATIO = 20.0  # one feature spanning 20x another's range dominates the first layer's sums
_SCAN_ROWS = 20_000  # a larger table's ranges come from every k-th row: a warning, not a statistic, and fast


def scale_warning(features: np.ndarray, names: list[str]) -> str | None:
    """A sentence naming the feature whose range is off, or None when the scales are comparable."""
    if features.size == 0:
        return None
    scanned = features[::max(1, features.shape[0] // _SCAN_ROWS)]
    low = scanned.min(axis=0).astype(np.float64)
    high = scanned.max(axis=0).astype(np.float64)
    span = high - low
    reach = np.maximum(np.abs(low), np.abs(high))
    widest = int(np.argmax(reach))
    varying = np.flatnonzero(span > 0)
    ratio = 1.0
    narrow = widest
    if varying.size >= 2:
        narrow = int(varying[np.argmin(span[varying])])
        wide = int(varying[np.argmax(span[varying])])
        ratio = span[wide] / span[narrow]
    advice = ("Sigmoid units saturate on such inputs and the model may only learn the majority class: "
              "standardize the features (--standardize, or 'Standardize features' in the window).")
    if reach[widest] > SATURATING_VALUE:
        extreme = low[widest] if abs(low[widest]) > abs(high[widest]) else high[widest]
        return (f"Feature {names[widest]!r} reaches {_number(extreme)} "
                f"(range {_number(low[widest])} to {_number(high[widest])}), beyond about ±{SATURATING_VALUE:g}. "
                f"{advice}")
    if ratio >= RANGE_RATIO:
        return (f"Feature {names[wide]!r} spans {_number(span[wide])} but {names[narrow]!r} only "
                f"{_number(span[narrow])} ({ratio:.0f} times less). {advice}")
    return None


def fit_standardizer(features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean, std) per feature as float32, from these rows only; a constant feature gets std 1."""
    mean = features.astype(np.float64).mean(axis=0)
    std = features.astype(np.float64).std(axis=0)
    std[std == 0] = 1.0
    return mean.astype(np.float32), std.astype(np.float32)


def standardize(features: np.ndarray, mean: np.ndarray, std: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(((features - mean) / std).astype(np.float32))


def _number(value: float) -> str:
    return f"{value:.3g}" if abs(value) < 1e5 else f"{value:.3e}"
