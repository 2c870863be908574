"""SessionDriver: gives each queued run its training process and pumps the process's messages into the model.

No Qt and no thread of its own: the CLI and the tests call ``run_until_idle`` (or ``pump`` in their own loop), the
window calls ``pump`` from its watcher QThread. ``request_stop`` and ``abandon`` may be called from any thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from ..core.events import RunEnded
from ..runner import protocol
from ..runner.process import TrainingProcess, WarmPool
from ..runner.sweep import pipe_failure
from .model import SessionModel
from .queue import QueuedRun

POLL_S = 0.05
FINISH_GRACE_S = 2.0  # a finished run's process exits on its own; this only bounds the wait
STOPPED_BY_FORCE = protocol.Message(protocol.ENDED, RunEnded(status="stopped", seconds=0.0, final_loss=None,
                                                             iterations=0, forced=True))


class SessionDriver:
    """Runs the model's queue: one training process per run, the pre-warmed spare for single runs and experiment
    runs, a fresh process for each sweep point (each pays its own start-up, like the tutorial's separate runs).

    ``process_factory`` makes the fresh processes (tests inject failures; the CLI keeps Ctrl+C away from them).
    """

    def __init__(self, model: SessionModel, prewarm: bool = True,
                 process_factory: Callable[[], TrainingProcess] = TrainingProcess):
        self.model = model
        self._prewarm = prewarm
        self._process_factory = process_factory
        self._pool: WarmPool | None = None
        self._process: TrainingProcess | None = None
        self._abandon = threading.Event()

    # -- any thread --------------------------------------------------------------------------------------------
    def request_stop(self) -> None:
        """Stop the current run after its batch (its tree is killed if that takes over ~2 s) and the queue."""
        self.model.request_stop()

    def abandon(self) -> None:
        """The app is closing: kill the current run's tree at the next pump, start nothing more."""
        self._abandon.set()
        self.model.request_stop()

    @property
    def current_pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None else None

    @property
    def spare_pid(self) -> int | None:
        pool = self._pool
        return pool.spare_pid if pool is not None else None

    # -- the pumping thread ------------------------------------------------------------------------------------
    def warm_up(self) -> None:
        """Start the spare training process now (the window calls it once it is on screen)."""
        if self._pool is None and not self._abandon.is_set():
            self._pool = WarmPool(enabled=self._prewarm)

    def probe_spare(self) -> dict | None:
        """The spare's READY info once it is warm (never blocks; call while idle, e.g. from a timer until known).

        The first one reaches the model's ``process_info`` and the listeners' ``on_devices_known``.
        """
        info = self._pool.spare_info() if self._pool is not None else None
        if info is not None:
            self.model.feed(protocol.Message(protocol.READY, info))
        return info

    def pump(self, timeout: float = POLL_S) -> bool:
        """One step: start the next queued run, or read what the current run sent (waiting up to ``timeout``).

        True while the model is busy (a queue is on); False once it is idle.
        """
        if self._process is None:
            run = self.model.next_run()
            if run is None:
                if not self.model.busy:
                    self._warm_spare()
                return self.model.busy
            self._start(run)
            return True
        self._read(timeout)
        return True

    def run_until_idle(self, timeout_s: float | None = None) -> None:
        """Pump until the queue is done (the CLI and tests); after ``timeout_s`` stop it, then raise TimeoutError."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while self.pump():
            if deadline is not None and time.monotonic() > deadline:
                self.abandon()
                while self.pump():
                    pass
                raise TimeoutError(f"the session did not finish within {timeout_s} s")

    def close(self) -> None:
        """End the current run (killing its tree) and the spare; leaves no process behind. Safe to call twice."""
        self.abandon()
        while self.pump(0):
            pass
        if self._pool is not None:
            self._pool.close()
            self._pool = None

    def _start(self, run: QueuedRun) -> None:
        try:
            process = self._process_factory() if run.fresh_process else self._take_spare()
        except OSError as error:  # no more processes or memory: this run fails, a sweep's next point may work
            self.model.begin_run(run, None)
            self.model.feed(protocol.Message(protocol.FAILED, pipe_failure(error)))
            self.model.end_run()
            return
        if process.info is not None:  # a warm spare said READY already (its message was read by the pool)
            self.model.feed(protocol.Message(protocol.READY, process.info))
        self.model.begin_run(run, process.pid)
        self._process = process
        try:
            process.start_run(run.config.to_dict())
        except (EOFError, OSError) as error:  # the process died before it got the run
            self.model.feed(protocol.Message(protocol.FAILED, pipe_failure(error)))
            self._finish(process, grace_s=0.0)

    def _take_spare(self) -> TrainingProcess:
        self.warm_up()
        return self._pool.take() if self._pool is not None else TrainingProcess(warm=False)

    def _read(self, timeout: float) -> None:
        process = self._process
        try:
            for message in process.messages(timeout):
                self.model.feed(message)
        except (EOFError, OSError) as error:
            if not process.finished:
                self.model.feed(protocol.Message(protocol.FAILED, pipe_failure(error)))
            self._finish(process, grace_s=0.0)
            return
        if process.finished:
            self._finish(process, FINISH_GRACE_S)
            return
        if self.model.stop_requested or self._abandon.is_set():
            process.request_stop()
            if self._abandon.is_set() or process.stop_overdue():
                # Stopped by force: the user asked, so the run ends as "stopped" with what it recorded.
                self.model.feed(STOPPED_BY_FORCE)
                self._finish(process, grace_s=0.0)

    def _finish(self, process: TrainingProcess, grace_s: float) -> None:
        try:
            process.shutdown(grace_s)
        finally:
            self._process = None
            self.model.end_run()

    def _warm_spare(self) -> None:
        # The cores are free again: get the next run's process ready (never while closing).
        if self._pool is not None and not self._abandon.is_set():
            self._pool.warm_spare()
