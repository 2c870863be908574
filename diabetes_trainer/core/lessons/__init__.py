"""The notes' claims as lessons: each knows its runs and concludes from the measured numbers (no Qt, no torch)."""

from __future__ import annotations

from .base import Lesson, LessonContext, LessonRun, Outcome, RunResult
from .loading import BatchedFetch, IoVersusCpu, PeriodicStall
from .training import BatchRegimes, EpochArithmetic
from .workers import MemoryPerWorker, TinyDataZeroWorkers, WorkerCost

LESSONS: tuple[Lesson, ...] = (BatchRegimes(), EpochArithmetic(), TinyDataZeroWorkers(), WorkerCost(),
                               PeriodicStall(), MemoryPerWorker(), IoVersusCpu(), BatchedFetch())


def lesson_named(name: str) -> Lesson:
    """The lesson called ``name``; KeyError naming the lessons there are."""
    for lesson in LESSONS:
        if lesson.name == name:
            return lesson
    raise KeyError(f"no lesson {name!r}; the lessons are: {', '.join(lesson.name for lesson in LESSONS)}")


__all__ = ["LESSONS", "Lesson", "LessonContext", "LessonRun", "Outcome", "RunResult", "lesson_named"]
