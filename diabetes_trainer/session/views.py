"""The view protocol: what every live plot and panel implements so the window can keep one list of views.

A view is told about a run in four steps and can save and restore its own state (axis choices, smoothing…, never
the run's data, which the record holds). Adding a view is one new class that has these six methods plus one line in
the window's list; ``ViewList`` then calls it at the right moments. No Qt here: a view may be a QWidget, the
CLI's progress printer or a test's recorder.

Order per run: ``reset`` once (before any data), ``append`` and ``epoch_ended`` as the run goes, ``finished``
once with the complete record (also for a stopped or failed run). Every method is called on the thread that owns
the view (the window's controller forwards the session's callbacks to the GUI thread first).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..core.events import EpochEnded, RunStarted
from .listeners import SessionListener

if TYPE_CHECKING:
    from ..core.advice import Advice
    from .queue import QueuedRun


@dataclass(frozen=True)
class RunInfo:
    """What a view needs to lay out a run before its first batch."""

    config: dict[str, Any]  # TrainConfig.to_dict() as the training process received it
    data: dict[str, Any]  # the table's summary: rows, features, positives, header, path
    iterations_per_epoch: int
    total_iterations: int
    pid: int
    label: str = ""  # the experiment's variant or sweep point, "" for a single run

    @property
    def epochs(self) -> int:
        return int(self.config.get("epochs", 0))

    @classmethod
    def from_started(cls, event: RunStarted, label: str = "") -> RunInfo:
        data = dict(event.data) if isinstance(event.data, dict) else {}
        return cls(dict(event.config), data, event.iterations_per_epoch, event.total_iterations, event.pid, label)


@runtime_checkable
class RunView(Protocol):
    """One live view of a run (a plot, a readout, a panel)."""

    def reset(self, run: RunInfo) -> None:
        """Forget the previous run and get ready for this one (axes, totals, labels)."""

    def append(self, columns: Mapping[str, Any]) -> None:
        """New iterations: equal-length arrays keyed like core.record.PER_ITERATION_KEYS (losses, data_wait_s,
        compute_s, iteration_epoch, elapsed_s). Keep it cheap: it runs ~30 times a second; redraw on a timer."""

    def epoch_ended(self, summary: EpochEnded) -> None:
        """An epoch ended: its mean loss, accuracy (and validation values), seconds and worker start-up."""

    def finished(self, record: dict) -> None:
        """The run is over; ``record`` is complete (docs/run-record.md), ``record["advice"]`` its insight."""

    def save_state(self) -> dict:
        """The view's own choices (JSON-able), for the window's settings; not the run's data."""

    def restore_state(self, state: dict) -> None:
        """Apply what ``save_state`` returned; ignore unknown or missing keys (settings from other versions)."""


class ViewList(SessionListener):
    """The window's one list of views, subscribed to the session: calls each view at each step of each run."""

    def __init__(self, views: Iterable[RunView] = ()):
        self.views: list[RunView] = []
        for view in views:
            self.add(view)

    def add(self, view: RunView) -> None:
        if not isinstance(view, RunView):
            raise TypeError(f"{type(view).__name__} does not implement the view protocol (session.views.RunView)")
        self.views.append(view)

    def on_run_started(self, info: RunInfo) -> None:
        for view in self.views:
            view.reset(info)

    def on_batches(self, columns: Mapping[str, Any]) -> None:
        for view in self.views:
            view.append(columns)

    def on_epoch_ended(self, summary: EpochEnded) -> None:
        for view in self.views:
            view.epoch_ended(summary)

    def on_run_finished(self, run: QueuedRun, record: dict, insight: list[Advice]) -> None:
        for view in self.views:
            view.finished(record)

    def save_state(self) -> dict[str, dict]:
        """Every view's state keyed by its ``view_id`` (default: its class name)."""
        return {view_key(view): view.save_state() for view in self.views}

    def restore_state(self, states: Mapping[str, dict]) -> None:
        for view in self.views:
            state = states.get(view_key(view)) if isinstance(states, Mapping) else None
            if isinstance(state, dict):
                view.restore_state(state)


def view_key(view: RunView) -> str:
    return str(getattr(view, "view_id", "") or type(view).__name__)
