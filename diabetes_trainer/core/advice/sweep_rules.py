"""Conclusions of a num_workers sweep, from its rows' median times and their start-up / steady-state split."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..record import finite
from .items import Advice, SystemInfo, by_severity, consistent

LINEAR_FIT_MIN_R2 = 0.9  # time vs num_workers counts as "linear" above this coefficient of determination
LINEAR_FIT_MIN_POINTS = 3
SWEEP_SLOWER_MARGIN = 1.05  # beyond the cores, "slower" means at least 5% slower than the best


def _linear_fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    """Slope, intercept and R² of a least-squares line."""
    slope, intercept = np.polyfit(x, y, 1)
    residual = float(((y - (slope * x + intercept)) ** 2).sum())
    total = float(((y - y.mean()) ** 2).sum())
    r2 = 1 - residual / total if total > 0 else 0.0
    return float(slope), float(intercept), r2


def _sweep_rows(rows: list[dict]) -> list[dict]:
    valid = []
    for row in rows:
        workers = row.get("num_workers")
        if isinstance(workers, int) and not isinstance(workers, bool) and workers >= 0 \
                and finite(row.get("seconds"), -1.0) > 0:
            valid.append(row)
    return sorted(valid, key=lambda r: r["num_workers"])


def _split(row: dict, reference: dict) -> tuple[float, float]:
    """(extra start-up, extra steady state) of ``row`` over ``reference``; steady = seconds - start-up when absent."""
    def parts(r: dict) -> tuple[float, float]:
        seconds = float(r["seconds"])
        startup = finite(r.get("startup_s"), 0.0)
        steady = finite(r.get("steady_s"), seconds - startup)
        return startup, steady

    (s1, t1), (s0, t0) = parts(row), parts(reference)
    return s1 - s0, t1 - t0


def _zero_fastest(valid: list[dict]) -> Advice:
    """0 workers won: how much more the next best took, and which part of that dominated (from the numbers)."""
    zero, runner_up = valid[0], min(valid[1:], key=lambda r: float(r["seconds"]))
    startup, steady = _split(runner_up, zero)
    return Advice("zero-workers-best", "info", {
        "fastest_s": float(zero["seconds"]), "next_best_s": float(runner_up["seconds"]),
        "next_best_workers": runner_up["num_workers"], "extra_startup_s": startup, "extra_steady_s": steady,
        "dominant": "startup" if startup >= steady else "steady", "num_workers": 0})


def _per_worker_cost(rows: list[dict]) -> Advice | None:
    with_workers = [r for r in rows if r["num_workers"] >= 1]
    fitted = with_workers if len(with_workers) >= LINEAR_FIT_MIN_POINTS else rows
    if len(fitted) < LINEAR_FIT_MIN_POINTS:
        return None
    x = np.array([r["num_workers"] for r in fitted], dtype=float)
    y = np.array([float(r["seconds"]) for r in fitted])
    slope, _, r2 = _linear_fit(x, y)
    if slope <= 0 or r2 < LINEAR_FIT_MIN_R2:
        return None
    numbers: dict[str, Any] = {"seconds_per_worker": slope, "r2": r2, "from_workers": int(x.min()),
                               "to_workers": int(x.max())}
    startups = [finite(r.get("startup_s"), float("nan")) for r in fitted]
    if all(math.isfinite(s) for s in startups):
        startup_slope, _, _ = _linear_fit(x, np.array(startups))
        numbers["startup_s_per_worker"] = startup_slope
        numbers["steady_s_per_worker"] = slope - startup_slope
        numbers["dominant"] = "startup" if startup_slope >= 0.5 * slope else "steady"
    # Only the settings with workers say whether they were persistent (0 workers has nothing to keep alive).
    flags = [r.get("persistent_workers") for r in with_workers]
    not_persistent = bool(flags) and all(flag is False for flag in flags)
    numbers["not_persistent"] = int(not_persistent)
    starts_dominate = numbers.get("dominant") == "startup"
    return Advice("per-worker-cost", "info", numbers,
                  {"persistent_workers": True} if not_persistent and starts_dominate else {})


def _beyond_cores(rows: list[dict], best: dict, cores: int) -> Advice | None:
    if best["num_workers"] > cores:
        return Advice("io-bound-more-workers", "info", {"fastest_workers": best["num_workers"],
                                                        "logical_cores": cores})
    beyond = [r for r in rows if r["num_workers"] > cores]
    if best["num_workers"] >= 1 and beyond and \
            min(float(r["seconds"]) for r in beyond) > SWEEP_SLOWER_MARGIN * float(best["seconds"]):
        fastest_beyond = min(beyond, key=lambda r: float(r["seconds"]))
        return Advice("cpu-saturated", "info", {
            "best_workers": best["num_workers"], "best_s": float(best["seconds"]),
            "beyond_workers": fastest_beyond["num_workers"], "beyond_s": float(fastest_beyond["seconds"]),
            "logical_cores": cores})
    return None


def advise_sweep(rows: list[dict], system: SystemInfo, config: dict | None = None) -> list[Advice]:
    """Conclusions from a num_workers sweep.

    rows: ``{"num_workers": k, "seconds": median loop time, "startup_s": median total start-up (optional),
    "steady_s": (optional), "persistent_workers": bool (optional)}``; rows without a positive time are skipped.
    ``config``: the sweep's shared knobs, so nothing already set is recommended.
    """
    valid = _sweep_rows(rows)
    if not valid:
        return [Advice("summary", "info", {"settings": 0})]
    best = min(valid, key=lambda r: float(r["seconds"]))
    worst = max(valid, key=lambda r: float(r["seconds"]))
    advice = [Advice("sweep-fastest", "info", {
        "fastest_workers": best["num_workers"], "fastest_s": float(best["seconds"]),
        "slowest_workers": worst["num_workers"], "slowest_s": float(worst["seconds"]), "settings": len(valid)},
        {"num_workers": best["num_workers"]} if len(valid) > 1 else {})]
    reference = valid[0]  # 0 workers when the sweep has it, else the fewest
    ref_s, best_s = float(reference["seconds"]), float(best["seconds"])
    if len(valid) > 1 and best is reference and reference["num_workers"] == 0:
        advice.append(_zero_fastest(valid))
    elif best is not reference:
        startup, steady = _split(best, reference)
        advice.append(Advice("workers-speedup", "info", {
            "speedup": ref_s / best_s, "best_workers": best["num_workers"], "best_s": best_s,
            "reference_workers": reference["num_workers"], "reference_s": ref_s,
            "saved_steady_s": -steady, "extra_startup_s": startup}))
    for extra in (_per_worker_cost(valid), _beyond_cores(valid, best, max(1, system.logical_cores))):
        if extra is not None:
            advice.append(extra)
    return consistent(by_severity(advice), dict(config or {}))
