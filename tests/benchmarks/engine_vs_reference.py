"""Our engine's training loop against the tutorial's own script: same data, knobs and seed, loop time only.

Both run in fresh interpreters, alternating, so each pays the same process start, imports and first-call costs, and
both report the seconds of their loop alone. Ours runs ``core.engine.train`` with a RecordBuilder listener, i.e. with
the per-batch telemetry the application records (the reference records only the losses); that is what
``diabetes-trainer-cli train --json`` runs too, minus its progress lines. The losses must be equal: a faster loop
that computes something else would prove nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys

from .common import (
    REFERENCE_SCRIPT,
    REPO_ROOT,
    TUTORIAL_DATA,
    BenchmarkError,
    alternating,
    load_average,
    median,
    require_file,
    result,
    subprocess_env,
)

NAME = "engine_vs_reference"
GOAL_RATIO = 1.05
GOAL = f"<= {GOAL_RATIO:.2f}x at every num_workers 0-4"
EPOCHS = 10  # the tutorial's
BATCH_SIZE = 32
SEED = 0
WORKER_SETTINGS = (0, 1, 2, 3, 4)
REPEATS, QUICK_REPEATS = 11, 3  # worker start-up makes single runs vary by +-15 %: many pairs
RUN_TIMEOUT_S = 300

OURS = "ours"
REFERENCE = "reference"


def reference_command(num_workers: int) -> list[str]:
    return [sys.executable, str(REFERENCE_SCRIPT), "--data", str(TUTORIAL_DATA), "--epochs", str(EPOCHS),
            "--batch-size", str(BATCH_SIZE), "--num-workers", str(num_workers), "--seed", str(SEED)]


def ours_command(num_workers: int) -> list[str]:
    knobs = {"data_path": str(TUTORIAL_DATA), "epochs": EPOCHS, "batch_size": BATCH_SIZE, "shuffle": True,
             "num_workers": num_workers, "seed": SEED}
    code = "from tests.benchmarks.engine_vs_reference import train_ours; train_ours()"
    return [sys.executable, "-c", code, json.dumps(knobs)]


def train_ours() -> None:
    """Entry point of the 'ours' subprocess: print the run like the reference does (one JSON line)."""
    from diabetes_trainer.core.config import TrainConfig
    from diabetes_trainer.core.engine import train
    from diabetes_trainer.core.record import RecordBuilder

    builder = RecordBuilder()
    ended = train(TrainConfig(**json.loads(sys.argv[1])), [builder])
    print(json.dumps({"seconds": ended.seconds, "final_loss": ended.final_loss, "iterations": ended.iterations,
                      "losses": builder.columns["losses"]}))


def _one_run(command: list[str], what: str) -> dict:
    try:
        done = subprocess.run(command, cwd=REPO_ROOT, env=subprocess_env(), capture_output=True, text=True,
                              timeout=RUN_TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"{what} took longer than {RUN_TIMEOUT_S} s") from exc
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        tail = "\n".join(done.stderr.strip().splitlines()[-10:])
        raise BenchmarkError(f"{what} exited with code {done.returncode}:\n{tail}")
    return json.loads(lines[-1])


def compare(num_workers: int, repeats: int) -> dict:
    """Alternate reference and ours ``repeats`` times each; medians and the ratio ours / reference."""
    seconds = {OURS: [], REFERENCE: []}
    losses = {}
    for _repeat, side in alternating(repeats, REFERENCE, OURS):
        command = ours_command(num_workers) if side == OURS else reference_command(num_workers)
        run = _one_run(command, f"{side} with num_workers={num_workers}")
        seconds[side].append(run["seconds"])
        losses.setdefault(side, run["losses"])
    ours, reference = median(seconds[OURS]), median(seconds[REFERENCE])
    pair_ratios = [o / r for o, r in zip(seconds[OURS], seconds[REFERENCE])]
    return {
        "num_workers": num_workers,
        "ours_s": seconds[OURS],
        "reference_s": seconds[REFERENCE],
        "ours_median_s": ours,
        "reference_median_s": reference,
        "ratio": ours / reference,
        "median_pair_ratio": median(pair_ratios),
        "iterations": len(losses[OURS]),
        "same_losses": losses[OURS] == losses[REFERENCE],
    }


def _spread(values: list[float]) -> str:
    """[min-max]: when this is wider than the goal's 5 % margin, the machine was too noisy for the ratio."""
    return f"[{min(values):.3f}-{max(values):.3f}]"


def run(quick: bool) -> dict:
    require_file(TUTORIAL_DATA, "the tutorial's data set")
    require_file(REFERENCE_SCRIPT, "the tutorial's reference script")
    repeats = QUICK_REPEATS if quick else REPEATS
    load_before = load_average()
    settings = [compare(workers, repeats) for workers in WORKER_SETTINGS]
    worst = max(settings, key=lambda s: s["ratio"])
    same = all(s["same_losses"] for s in settings)
    lines = [f"num_workers={s['num_workers']}: ours {s['ours_median_s']:.3f} s {_spread(s['ours_s'])} vs "
             f"reference {s['reference_median_s']:.3f} s {_spread(s['reference_s'])} -> {s['ratio']:.3f}x "
             f"(median of pair ratios {s['median_pair_ratio']:.3f}x){'' if s['same_losses'] else '  LOSSES DIFFER'}"
             for s in settings]
    lines.append(f"{EPOCHS} epochs x {settings[0]['iterations'] // EPOCHS} iterations, batch {BATCH_SIZE}, "
                 f"seed {SEED}, {repeats} runs each side per setting; identical losses: {'yes' if same else 'NO'}")
    ok = same and all(s["ratio"] <= GOAL_RATIO for s in settings)
    measured = f"{worst['ratio']:.3f}x worst (num_workers={worst['num_workers']})"
    details = {"settings": settings, "epochs": EPOCHS, "batch_size": BATCH_SIZE, "seed": SEED, "repeats": repeats,
               "identical_losses": same, "load_average_before": load_before, "load_average_after": load_average(),
               "side_by_side": lines}
    return result(NAME, measured, GOAL, ok, details)
