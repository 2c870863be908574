"""What the session model tells its listeners: plain callbacks, in the manner of Lightning's hooks.

A listener overrides the hooks it needs; every hook has a do-nothing default, so adding a hook breaks nobody. The
hooks run on the thread that pumps the session (the CLI's main thread, the window's watcher QThread, a test): the
window's controller re-emits them as queued Qt signals, the CLI prints from them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.advice import Advice
    from ..core.events import EpochEnded
    from .queue import QueuedRun, RunQueue
    from .views import RunInfo


class SessionListener:
    """Override what you need. Order for each run: starting, started, batches/epochs…, finished (then failed)."""

    def on_table_changed(self, path: str | None, summary: dict | None) -> None:
        """A table was read (its path as typed, "" = the bundled sample, and its summary), or none is loaded."""

    def on_queue_started(self, queue: RunQueue) -> None:
        """A single run, an experiment or a sweep was accepted; its first run starts next."""

    def on_run_starting(self, run: QueuedRun, pid: int | None) -> None:
        """The run was handed to training process ``pid`` (it may still be importing torch; None: none started)."""

    def on_devices_known(self, info: dict) -> None:
        """A training process said READY for the first time: versions, cores, cuda, mps."""

    def on_run_started(self, info: RunInfo) -> None:
        """The loop started: iterations per epoch and in all, the data's summary."""

    def on_batches(self, columns: Mapping[str, Any]) -> None:
        """New iterations: equal-length arrays keyed like core.record.PER_ITERATION_KEYS."""

    def on_epoch_ended(self, summary: EpochEnded) -> None:
        """An epoch ended (mean loss, accuracy, seconds, worker start-up)."""

    def on_run_finished(self, run: QueuedRun, record: dict, insight: list[Advice]) -> None:
        """The run's process is gone; ``record`` is complete (status finished, stopped or failed) and ``insight``
        is analyze_run's advice (empty when not one iteration ran). ``record["advice"]`` holds its messages."""

    def on_failed(self, run: QueuedRun, message: str) -> None:
        """The run failed (after on_run_finished): what died and what the user can do."""

    def on_queue_finished(self, queue: RunQueue) -> None:
        """The queue is done, stopped or cut short by a failure; called once per accepted queue."""


class ListenerList(SessionListener):
    """Calls every registered listener in the order they were added."""

    def __init__(self) -> None:
        self._listeners: list[SessionListener] = []

    def add(self, listener: SessionListener) -> None:
        if listener not in self._listeners:
            self._listeners.append(listener)

    def remove(self, listener: SessionListener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def __len__(self) -> int:
        return len(self._listeners)


def _fan_out(name: str):
    def call_all(self: ListenerList, *args: Any) -> None:
        for listener in list(self._listeners):
            getattr(listener, name)(*args)

    call_all.__name__ = name
    return call_all


for _hook in [name for name in vars(SessionListener) if name.startswith("on_")]:
    setattr(ListenerList, _hook, _fan_out(_hook))
