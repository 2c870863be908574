"""Our engine's training loop against the tutorial's own script: same data, knobs and seed, loop time only.

For each ``num_workers`` setting one fresh interpreter runs both, alternating (A B, B A, ...): the tutorial's script
as its own ``__main__`` (``runpy``, its printed JSON read back) and ``core.engine.train`` with a RecordBuilder
listener, i.e. with the per-batch telemetry the application records (that is what ``diabetes-trainer-cli train
--json`` runs too, minus its progress lines). Each side first runs once unmeasured, so neither pays torch's first
calls (the first optimiser alone imports ``torch._dynamo``, ~1.5 s).

Why one interpreter for both: the two loops then fork their DataLoader workers from the very same process (same
memory to copy, same libraries, same CPU placement) and each pair runs within about a second. Fresh interpreters
per run added their own ±10 % from run to run, wider than the goal's 5 %, and cost ~3 s of imports per run, so they
could afford too few runs to tell 1.05x from 1.00x. Both report the seconds of their loop alone (first
``iter(loader)`` to the last step). The losses must be equal in every run: a faster loop that computes something
else would prove nothing.
"""

from __future__ import annotations

import contextlib
import io
import json
import runpy
import sys
import warnings

from .common import (
    REFERENCE_SCRIPT,
    TUTORIAL_DATA,
    BenchmarkError,
    alternating,
    emit,
    load_average,
    measure_in_subprocess,
    median,
    require_file,
    result,
)

NAME = "engine_vs_reference"
GOAL_RATIO = 1.05
GOAL = f"<= {GOAL_RATIO:.2f}x at every num_workers 0-4"
EPOCHS = 10  # the tutorial's
BATCH_SIZE = 32
SEED = 0
WORKER_SETTINGS = (0, 1, 2, 3, 4)
# Worker start-up each epoch makes single runs vary by ±8 %: 31 pairs put the median within ~1.5 % of the truth.
PAIRS, QUICK_PAIRS = 31, 5
SETTING_TIMEOUT_S = 900

OURS = "ours"
REFERENCE = "reference"


def run_reference(num_workers: int) -> dict:
    """One run of the tutorial's script, as its own ``__main__`` in this interpreter; its printed JSON."""
    argv = [str(REFERENCE_SCRIPT), "--data", str(TUTORIAL_DATA), "--epochs", str(EPOCHS),
            "--batch-size", str(BATCH_SIZE), "--num-workers", str(num_workers), "--seed", str(SEED)]
    printed = io.StringIO()
    saved_argv, sys.argv = sys.argv, argv
    try:
        with contextlib.redirect_stdout(printed):
            runpy.run_path(str(REFERENCE_SCRIPT), run_name="__main__")
    finally:
        sys.argv = saved_argv
    return json.loads(printed.getvalue().strip().splitlines()[-1])


def run_ours(num_workers: int) -> dict:
    """One run of our engine with the telemetry the application records, reported like the reference's."""
    from diabetes_trainer.core.config import TrainConfig
    from diabetes_trainer.core.engine import train
    from diabetes_trainer.core.record import RecordBuilder

    builder = RecordBuilder()
    config = TrainConfig(data_path=str(TUTORIAL_DATA), epochs=EPOCHS, batch_size=BATCH_SIZE, shuffle=True,
                         num_workers=num_workers, seed=SEED)
    ended = train(config, [builder])
    return {"seconds": ended.seconds, "losses": builder.columns["losses"]}


def measure_pairs(num_workers: int, pairs: int) -> None:
    """Entry point of the measuring subprocess: a warm-up run each, then ``pairs`` alternating pairs."""
    # torch's "more workers than cores" warning, once per run at 3-4 workers on 2 cores, is expected here.
    warnings.simplefilter("ignore", UserWarning)
    runs = {REFERENCE: run_reference, OURS: run_ours}
    expected = runs[REFERENCE](num_workers)["losses"]
    runs[OURS](num_workers)
    seconds = {OURS: [], REFERENCE: []}
    same_losses = True
    for _pair, side in alternating(pairs, REFERENCE, OURS):
        run = runs[side](num_workers)
        seconds[side].append(run["seconds"])
        same_losses = same_losses and run["losses"] == expected
    emit({"seconds": seconds, "same_losses": same_losses, "iterations": len(expected)})


def compare(num_workers: int, pairs: int) -> dict:
    """Medians of each side and the ratio ours / reference, from one measuring interpreter."""
    measured = measure_in_subprocess(NAME, "measure_pairs", {"num_workers": num_workers, "pairs": pairs},
                                     timeout_s=SETTING_TIMEOUT_S)
    seconds = measured["seconds"]
    ours, reference = median(seconds[OURS]), median(seconds[REFERENCE])
    return {
        "num_workers": num_workers,
        "ours_s": seconds[OURS],
        "reference_s": seconds[REFERENCE],
        "ours_median_s": ours,
        "reference_median_s": reference,
        "ratio": ours / reference,
        "median_pair_ratio": median([o / r for o, r in zip(seconds[OURS], seconds[REFERENCE])]),
        "iterations": measured["iterations"],
        "same_losses": measured["same_losses"],
    }


def _spread(values: list[float]) -> str:
    """[min-max]: single runs; the medians are far steadier than this, but a range of several times means the
    machine was busy with something else."""
    return f"[{min(values):.3f}-{max(values):.3f}]"


def run(quick: bool) -> dict:
    require_file(TUTORIAL_DATA, "the tutorial's data set")
    require_file(REFERENCE_SCRIPT, "the tutorial's reference script")
    pairs = QUICK_PAIRS if quick else PAIRS
    load_before = load_average()
    settings = [compare(workers, pairs) for workers in WORKER_SETTINGS]
    if len({s["iterations"] for s in settings}) != 1:
        raise BenchmarkError("the worker settings did not all train the same number of iterations")
    worst = max(settings, key=lambda s: s["ratio"])
    same = all(s["same_losses"] for s in settings)
    lines = [f"num_workers={s['num_workers']}: ours {s['ours_median_s']:.3f} s {_spread(s['ours_s'])} vs "
             f"reference {s['reference_median_s']:.3f} s {_spread(s['reference_s'])} -> {s['ratio']:.3f}x "
             f"(median of pair ratios {s['median_pair_ratio']:.3f}x){'' if s['same_losses'] else '  LOSSES DIFFER'}"
             for s in settings]
    lines.append(f"{EPOCHS} epochs x {settings[0]['iterations'] // EPOCHS} iterations, batch {BATCH_SIZE}, "
                 f"seed {SEED}, {pairs} runs each side per setting after a warm-up run each, both in one "
                 f"interpreter per setting; identical losses in every run: {'yes' if same else 'NO'}")
    ok = same and all(s["ratio"] <= GOAL_RATIO for s in settings)
    measured = f"{worst['ratio']:.3f}x worst (num_workers={worst['num_workers']})"
    details = {"settings": settings, "epochs": EPOCHS, "batch_size": BATCH_SIZE, "seed": SEED, "pairs": pairs,
               "identical_losses": same, "load_average_before": load_before, "load_average_after": load_average(),
               "side_by_side": lines}
    return result(NAME, measured, GOAL, ok, details)
