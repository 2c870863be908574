"""What every lesson shares: its runs (TrainConfigs), the measured results, and a conclusion drawn from them.

A lesson never assumes its claim: ``conclude`` reads the measured records and says ``shown`` only when the numbers
support it; otherwise it says which number disagreed and, when repeats of one setting disagree, that the machine was
busy. Running the configs is the runner's job (core cannot start processes); the window and the CLI both call it.
"""

from __future__ import annotations

import os
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..config import TrainConfig
from ..record import RunRecord

BUSY_SPREAD = 0.25  # repeats of one setting that differ by more than this share: the machine was busy
LESSON_SEED = 0  # every lesson trains from the same initial weights, so losses compare run to run

# The knobs a lesson resets before setting its own: a lesson's runs differ only in what it teaches.
NEUTRAL = {"persistent_workers": False, "prefetch_factor": None, "start_method": None, "pin_memory": False,
           "device": "cpu", "sample_delay_ms": 0.0, "sample_cpu_ms": 0.0, "fail_at_row": None, "val_fraction": 0.0,
           "num_workers": 0, "shuffle": True, "batched_fetch": False}


Translate = Callable[..., str]


def english(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The conclusions' texts as written (the window passes QCoreApplication.translate instead)."""
    return text


@dataclass(frozen=True)
class LessonContext:
    """The machine and data a lesson is planned for."""

    cores: int
    rows: int | None = None  # the table's rows, when known before running

    @classmethod
    def current(cls, rows: int | None = None) -> LessonContext:
        return cls(cores=os.cpu_count() or 1, rows=rows)


@dataclass(frozen=True)
class LessonRun:
    """One training run of a lesson: ``setting`` names what it varies (repeats share a setting)."""

    setting: str
    config: TrainConfig
    repeat: int = 1


@dataclass(frozen=True)
class RunResult:
    run: LessonRun
    record: RunRecord
    workers_peak_bytes: int | None = None  # the workers' measured memory (USS), when it was sampled

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        return {"setting": self.run.setting, "repeat": self.run.repeat, "status": r.status,
                "num_workers": r.num_workers, "batch_size": r.config.get("batch_size"), "seconds": r.seconds,
                "startup_s": r.startup_s, "steady_s": r.steady_s, "mean_wait_s": r.mean_steady_wait_s,
                "iterations": r.iterations, "final_loss": r.final_loss,
                "workers_peak_bytes": self.workers_peak_bytes, "config": r.config}


@dataclass(frozen=True)
class Outcome:
    name: str
    shown: bool
    conclusion: str
    numbers: dict[str, Any]
    runs: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "shown": self.shown, "conclusion": self.conclusion, "numbers": self.numbers,
                "runs": self.runs}


class Lesson:
    """One claim of the notes. Subclasses set the class attributes and implement ``settings`` and ``judge``."""

    name = ""
    title = ""
    claim = ""  # what the notes say, in one sentence
    repeats = 1
    epochs = 3

    def settings(self, context: LessonContext) -> list[tuple[str, dict[str, Any]]]:
        """(setting name, knob changes) in the order they run."""
        raise NotImplementedError

    def judge(self, results: list[RunResult], context: LessonContext,
              translate: Translate) -> tuple[bool, str, dict[str, Any]]:
        """(shown, conclusion, numbers) from finished runs only; every sentence through ``translate``."""
        raise NotImplementedError

    def runs(self, base: TrainConfig, context: LessonContext) -> list[LessonRun]:
        """Every run, repeats interleaved (a,b,a,b) so a slow drift of the machine spreads over every setting."""
        start = base.replace(**{**NEUTRAL, "epochs": self.epochs,
                                "seed": base.seed if base.seed is not None else LESSON_SEED})
        planned = [(name, start.replace(**changes)) for name, changes in self.settings(context)]
        return [LessonRun(name, config, repeat) for repeat in range(1, self.repeats + 1) for name, config in planned]

    def conclude(self, results: list[RunResult], context: LessonContext, planned: int | None = None,
                 translate: Translate = english) -> Outcome:
        """The outcome of ``results``; ``planned`` runs were meant (fewer results: the lesson was cut short)."""
        runs = [result.to_dict() for result in results]
        if planned is not None and len(results) < planned:
            return Outcome(self.name, False, translate(
                "Lessons", "Stopped after {done} of {planned} runs, so there is nothing to compare.").format(
                done=len(results), planned=planned), {"runs_done": len(results)}, runs)
        failed = [r for r in results if not r.record.finished]
        if failed or not results:
            what = ", ".join(f"{r.run.setting} ({r.record.status or '?'})" for r in failed) or "–"
            return Outcome(self.name, False, translate(
                "Lessons", "Not every run finished ({runs}), so there is nothing to compare.").format(runs=what),
                {"failed_runs": len(failed)}, runs)
        shown, conclusion, numbers = self.judge(results, context, translate)
        spread = repeat_spread(results)
        if spread is not None:
            numbers["repeat_spread"] = spread
            if not shown and spread > BUSY_SPREAD:
                conclusion = join(translate, conclusion, translate(
                    "Lessons", "The machine was busy: repeats of one setting disagreed by {spread}; run the lesson "
                               "again on a quiet machine.").format(spread=f"{spread:.0%}"))
        return Outcome(self.name, shown, conclusion, numbers, runs)


# --- helpers the lessons share -----------------------------------------------------------------------------------

def by_setting(results: Sequence[RunResult]) -> dict[str, list[RunRecord]]:
    grouped: dict[str, list[RunRecord]] = {}
    for result in results:
        grouped.setdefault(result.run.setting, []).append(result.record)
    return grouped


def median_of(records: Sequence[RunRecord], attribute: str) -> float:
    return float(statistics.median(getattr(r, attribute) for r in records))


def repeat_spread(results: Sequence[RunResult]) -> float | None:
    """The largest (max / min - 1) of one setting's loop times over its repeats; None without repeats."""
    spreads = []
    for records in by_setting(results).values():
        times = [r.seconds for r in records if r.seconds > 0]
        if len(times) >= 2:
            spreads.append(max(times) / min(times) - 1)
    return max(spreads) if spreads else None


def join(translate: Translate, *sentences: str) -> str:
    """Sentences in a row: English puts a space between them, Chinese does not."""
    text = ""
    for sentence in sentences:
        text = sentence if not text else translate("Lessons", "{first} {second}", "two sentences in a row").format(
            first=text, second=sentence)
    return text
