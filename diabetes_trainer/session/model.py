"""SessionModel: what a run is, without Qt: the table, the config, the queue of runs, the record, the insight.

The model holds state and tells listeners what changed; it starts no process itself. A ``SessionDriver`` hands each
queued run to a training process and feeds the process's messages back in (``begin_run``, ``feed``, ``end_run``).
The window, the CLI and the tests drive it the same way: submit a queue, pump the driver, listen.

Thread use: ``submit``/``run``/``request_stop`` may be called from any thread (a lock guards the queue); the
driver's pump calls the rest, and the listeners run on the pump's thread.
"""

from __future__ import annotations

import threading

from ..core.advice import Advice, SystemInfo, analyze_run, dataset_bytes_of, memory_check
from ..core.config import TrainConfig
from ..core.record import RecordBuilder
from ..runner import protocol
from ..runner.sweep import Sweep, point_of
from .listeners import ListenerList, SessionListener
from .queue import QueuedRun, RunQueue
from .views import RunInfo


class SessionBusy(RuntimeError):
    """A queue was submitted while another one runs."""


class SessionModel:
    def __init__(self, config: TrainConfig | None = None, system: SystemInfo | None = None):
        self.listeners = ListenerList()
        self.config = config or TrainConfig()
        self.table_path: str | None = None  # as the user typed it; "" = the bundled sample; None = nothing loaded
        self.table_summary: dict | None = None  # core.data.Table.summary(): path, rows, features, positives, header
        self.queue: RunQueue | None = None
        self.current: QueuedRun | None = None
        self.builder: RecordBuilder | None = None  # the record being built, while a run is on
        self.run_info: RunInfo | None = None
        self.last_record: dict | None = None
        self.last_insight: list[Advice] = []
        self.process_info: dict | None = None  # the first READY: versions, cores, devices
        self.peak_workers_bytes = 0  # the current run's workers' peak memory, as measured by the caller
        self._system = system
        self._lock = threading.Lock()

    # -- listeners ---------------------------------------------------------------------------------------------
    def add_listener(self, listener: SessionListener) -> None:
        self.listeners.add(listener)

    def remove_listener(self, listener: SessionListener) -> None:
        self.listeners.remove(listener)

    # -- table and config ----------------------------------------------------------------------------------------
    def set_table(self, path: str, summary: dict) -> None:
        """The table at ``path`` ("" = the bundled sample) was read; runs from now on train on it."""
        self.table_path, self.table_summary = path, dict(summary)
        self.config = self.config.replace(data_path=path or None)
        self.listeners.on_table_changed(path, self.table_summary)

    def clear_table(self) -> None:
        """The table could not be read: no table is loaded (the config keeps its path, so Start can retry)."""
        self.table_path, self.table_summary = None, None
        self.listeners.on_table_changed(None, None)

    def load_table(self, path: str) -> dict:
        """Read the table here (the CLI and tests; the window reads on a worker thread and calls ``set_table``).

        Raises core.data.DataError with the file, line and column, and leaves no table loaded.
        """
        from ..core.data import read_table
        from ..core.sample import sample_data_path

        try:
            table = read_table(path or sample_data_path())
        except Exception:
            self.clear_table()
            raise
        self.set_table(path, table.summary())
        return self.table_summary

    def table_is_current(self, config: TrainConfig) -> bool:
        """True when the loaded table is the one ``config`` trains on (else load it first)."""
        return self.table_summary is not None and (self.table_path or None) == (config.data_path or None)

    def set_config(self, config: TrainConfig) -> None:
        self.config = config

    def memory_risk(self, config: TrainConfig | None = None) -> Advice | None:
        """The pre-run warning when the workers may not fit in memory; None when safe or no table is loaded."""
        config = config or self.config
        if self.table_summary is None:
            return None
        return memory_check(config.num_workers, config.start_method, dataset_bytes_of({"data": self.table_summary}),
                            self.system())

    def system(self) -> SystemInfo:
        return self._system or SystemInfo.current()

    # -- queueing ------------------------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """A queue is accepted and not yet finished (between an experiment's runs too)."""
        return self.queue is not None

    def submit(self, queue: RunQueue) -> RunQueue:
        """Accept a queue; its configs are validated first (core.config.ConfigError names the knob)."""
        for run in queue.runs:
            run.config.validate()
        with self._lock:
            if self.queue is not None:
                raise SessionBusy("a run is already going on: stop it first")
            self.queue = queue
        self.listeners.on_queue_started(queue)
        return queue

    def run(self, config: TrainConfig | None = None) -> RunQueue:
        """One run of ``config`` (default: the current config)."""
        return self.submit(RunQueue.single(config or self.config))

    def run_experiment(self, name: str, runs: list[tuple[str, TrainConfig]]) -> RunQueue:
        return self.submit(RunQueue.experiment(name, runs))

    def run_sweep(self, sweep: Sweep, name: str = "") -> RunQueue:
        return self.submit(RunQueue.sweep(sweep, name))

    def request_stop(self) -> None:
        """Stop the current run after its batch and start nothing more from the queue (the driver acts on it)."""
        with self._lock:
            if self.queue is not None:
                self.queue.stopped = True

    @property
    def stop_requested(self) -> bool:
        queue = self.queue
        return queue is not None and queue.stopped

    # -- the driver's side -------------------------------------------------------------------------------------
    def next_run(self) -> QueuedRun | None:
        """The next run to start, or None (and the queue ends here when nothing more will start)."""
        with self._lock:
            queue = self.queue
            if queue is None or self.current is not None:
                return None
            if not queue.finished:
                run = queue.runs[queue.position]
                queue.position += 1
                return run
            self.queue = None
        self.listeners.on_queue_finished(queue)
        return None

    def begin_run(self, run: QueuedRun, pid: int | None) -> None:
        """The driver handed ``run`` to process ``pid`` (None: no process could be started)."""
        self.current = run
        self.builder = RecordBuilder(run.config.to_dict())
        self.run_info = None
        self.peak_workers_bytes = 0
        self.listeners.on_run_starting(run, pid)

    def feed(self, message: protocol.Message) -> None:
        """One message from the training process: into the record, then to the listeners."""
        kind, payload = message.kind, message.payload
        if kind == protocol.READY:
            if self.process_info is None:
                self.process_info = payload
                self.listeners.on_devices_known(payload)
            return
        if self.builder is None:
            return
        protocol.feed_record(self.builder, message)
        if kind == protocol.STARTED:
            self.run_info = RunInfo.from_started(payload, self.current.label if self.current else "")
            self.listeners.on_run_started(self.run_info)
        elif kind == protocol.BATCHES:
            self.listeners.on_batches(payload)
        elif kind == protocol.EPOCH:
            self.listeners.on_epoch_ended(payload)

    def note_workers_memory(self, workers_bytes: int) -> None:
        """The workers' memory measured now (the window's process monitor); the run's insight uses the peak."""
        self.peak_workers_bytes = max(self.peak_workers_bytes, int(workers_bytes))

    def end_run(self) -> dict:
        """The run's process is gone: complete the record, derive its insight, tell the listeners; the record."""
        run, builder = self.current, self.builder
        if run is None or builder is None:
            raise RuntimeError("end_run without a run")
        record = builder.record()
        insight: list[Advice] = []
        if record["iterations"]:
            insight = analyze_run(record, self.system(), self.peak_workers_bytes or None)
            record["advice"] = [item.message for item in insight]
        with self._lock:
            queue = self.queue
            self.current, self.builder = None, None
            self.last_record, self.last_insight = record, insight
            if queue is not None:
                queue.records.append(record)
                if run.sweep_point is not None:
                    queue.points.append(point_of(record, *run.sweep_point))
                if record["status"] != "finished" and queue.stop_on_failure:
                    queue.cut_short = True
        self.listeners.on_run_finished(run, record, insight)
        if record["status"] == "failed":
            error = record.get("error") or {}
            self.listeners.on_failed(run, str(error.get("message") or "the run failed"))
        return record

