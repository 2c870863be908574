"""The Experiments tab's entries: the core's lessons (core.lessons), with their titles and claims translated.

The window runs a lesson's configs one after another (its TrainingController, so the plots show each run) and hands
the finished records back to the lesson, which draws the conclusion from them: the same model as
``diabetes-trainer-cli lesson run``.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ..core.config import TrainConfig
from ..core.lessons import LESSONS, Lesson, LessonContext, LessonRun, Outcome, RunResult
from ..core.record import RunRecord

# lupdate reads translate(context, "literal") only: no wrapper around it, or its strings stay English.
translate = QCoreApplication.translate


def _texts() -> dict[str, tuple[str, str]]:
    """Each lesson's title and what it shows, translated (the keys are the lessons' stable names)."""
    return {
        "batch-vs-stochastic": (
            translate("Experiments", "Batch, stochastic and mini-batch"),
            translate("Experiments", "One batch per epoch is quickest per epoch but learns least per epoch; one "
                                     "sample per batch learns most per epoch but is slowest; mini-batches sit in "
                                     "between. Runs batch sizes: all rows, 32 and 1.")),
        "epoch-arithmetic": (
            translate("Experiments", "Epoch, batch size and iterations"),
            translate("Experiments", "One epoch is one pass over all rows; it takes ceil(rows / batch size) "
                                     "iterations. Runs batch sizes 32, 100 and all rows, and counts.")),
        "tiny-data-zero-workers": (
            translate("Experiments", "Tiny data: 0 workers is fastest"),
            translate("Experiments", "The tutorial's surprise: on a small table held in memory, num_workers=0 is "
                                     "fastest. Runs 0, 1 and 2 workers twice each and splits the workers' "
                                     "extra time into start-up and steady state.")),
        "worker-cost": (
            translate("Experiments", "What a worker costs: fork and spawn"),
            translate("Experiments", "A worker costs start-up every epoch (a spawned one, as on Windows and macOS, "
                                     "is a fresh Python importing torch) and a trip through a process boundary for "
                                     "every batch. Runs 0 workers, 2 forked and 2 spawned.")),
        "periodic-stall": (
            translate("Experiments", "The stall every num_workers batches"),
            translate("Experiments", "With slow loading (2 ms per sample) each of 3 workers prepares a whole "
                                     "batch, so the loop waits for the first worker again every 3 batches. The "
                                     "Wait vs compute tab marks the stalls.")),
        "memory-per-worker": (
            translate("Experiments", "Memory grows with the workers"),
            translate("Experiments", "Every worker is a process with its own memory. Runs 1, 2 and 4 workers and "
                                     "measures their memory against the estimate.")),
        "io-vs-cpu-bound": (
            translate("Experiments", "I/O-bound vs CPU-bound loading"),
            translate("Experiments", "Workers that wait (a slow disk: 2 ms sleep per sample) gain even beyond the "
                                     "core count; workers that compute (1 ms of work per sample) only up to it.")),
        "batched-fetch": (
            translate("Experiments", "Fetch a whole batch at once"),
            translate("Experiments", "Beyond the notes: for data in memory, one batched index per batch (a batch "
                                     "sampler) against batch-size calls of __getitem__ plus collate, with the same "
                                     "losses.")),
    }


@dataclass(frozen=True)
class Experiment:
    lesson: Lesson
    title: str
    explanation: str

    @property
    def id(self) -> str:
        return self.lesson.name

    def configs(self, current: TrainConfig, rows: int | None = None) -> list[LessonRun]:
        """The runs, on the user's data file and learning rate, with the lesson's knobs."""
        return self.lesson.runs(current, LessonContext.current(rows))

    def conclude(self, results: list[RunResult], rows: int | None = None, planned: int | None = None) -> Outcome:
        return self.lesson.conclude(results, LessonContext.current(rows), planned, QCoreApplication.translate)


def experiments() -> list[Experiment]:
    texts = _texts()
    return [Experiment(lesson, *texts.get(lesson.name, (lesson.title, lesson.claim))) for lesson in LESSONS]


def result_row(label: str, record: RunRecord) -> dict:
    """What the experiment table shows for one run."""
    return {"label": label, "status": record.status, "seconds": record.seconds, "startup_s": record.startup_s,
            "wait_share": record.wait_share, "final_loss": record.final_loss}


def conclusion_text(outcome: Outcome) -> str:
    verdict = (translate("Experiments", "Shown on this machine:") if outcome.shown
               else translate("Experiments", "Not shown on this machine:"))
    return f"{verdict} {outcome.conclusion}"
