"""Live CPU sampling for the window: every logical core, and the training process tree.

A QTimer on the GUI thread reads psutil ten times a second. Every call is non-blocking (psutil's per-core
reading compares with the previous call; the tree's CPU is the difference of cumulative CPU times), so a
tick costs a few /proc reads, not a sleep. The expensive parts, finding the tree's processes (a scan of
every process on the machine) and USS (a walk of the memory map), run at a lower rate.

The tree's CPU counts what its processes used between two ticks, including processes that lived and died
between two scans: DataLoader workers that are not persistent start (expensively) every epoch, and that
start-up cost is exactly what a class should see. Where the OS reports the CPU time of children a process
has waited for (Linux), a worker's time is picked up from its parent when it ends. A burst that is only
seen late (a new worker's first half second) is spread over the following ticks instead of being clipped,
so the share never exceeds 100 % and no CPU time is lost.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

import numpy as np
import psutil
from PySide6.QtCore import QObject, QTimer, Signal

ROLE_TRAINING = "training"
ROLE_WORKER = "worker"
ROLE_OTHER_CHILD = "other child"

PROCESS_SAMPLE_PERIOD_S = 0.5  # the process table and the scan for new processes
USS_PERIOD_S = 1.0

# Children of the training process that are multiprocessing's helpers, not DataLoader workers.
_HELPER_MARKERS = ("resource_tracker", "semaphore_tracker", "forkserver")
# A process can end between any two calls (a worker at the end of an epoch): never an error here.
_UNREADABLE = (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied)
# On Linux, a waited-for child's CPU time moves into its parent's children_user/children_system; elsewhere
# psutil reports those as 0.
_REAPED_TIME_MOVES_TO_PARENT = sys.platform.startswith("linux")


@dataclass(frozen=True)
class ProcessSample:
    """One process of the watched tree, as a row of the worker table."""

    pid: int
    role: str  # ROLE_TRAINING, ROLE_WORKER or ROLE_OTHER_CHILD
    cpu_percent: float  # like top, since the previous table: 100 means one core fully busy
    rss: int  # bytes
    uss: int | None  # bytes; None until measured, or when the OS does not let us
    cpu_num: int | None  # the core it last ran on; None where psutil cannot tell
    name: str
    status: str


class _Tracked:
    """A cached psutil.Process and the cumulative CPU times already accounted for."""

    __slots__ = ("process", "role", "name", "own_s", "children_s", "table_own_s", "table_at", "uss", "uss_at")

    def __init__(self, process: psutil.Process, role: str, name: str) -> None:
        self.process = process
        self.role = role
        self.name = name
        self.own_s = 0.0  # user + system CPU seconds counted so far (from 0: all of a new process's time)
        self.children_s = 0.0  # CPU seconds of its ended, waited-for children counted so far
        self.table_own_s: float | None = None  # own_s at the previous table, for the table's percentage
        self.table_at = 0.0
        self.uss: int | None = None
        self.uss_at = float("-inf")


def _cpu_seconds(process: psutil.Process) -> tuple[float, float]:
    """(own user+system, ended children's user+system) cumulative CPU seconds."""
    times = process.cpu_times()
    children = times.children_user + times.children_system if _REAPED_TIME_MOVES_TO_PARENT else 0.0
    return times.user + times.system, children


def _runs_python(process: psutil.Process, python_exe: str | None) -> bool:
    try:
        if process.name().lower().startswith("python"):
            return True
        return python_exe is not None and process.exe() == python_exe
    except _UNREADABLE:
        return False


def _is_multiprocessing_helper(process: psutil.Process) -> bool:
    try:
        command = " ".join(process.cmdline())
    except _UNREADABLE:
        return False
    return any(marker in command for marker in _HELPER_MARKERS)


class CpuMonitor(QObject):
    """Samples per-core load continuously and, while a pid is watched, that process tree's share."""

    coresSampled = Signal(float, object)  # time.monotonic(), np.ndarray of percent per logical core
    treeShare = Signal(float)  # the watched tree's CPU as percent of the whole machine (0-100)
    processesSampled = Signal(object)  # list[ProcessSample], training process first
    watchedPidChanged = Signal(object)  # the new root pid, or None (also when the watched process ended)

    def __init__(self, interval_ms: int = 100, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._logical_cores = psutil.cpu_count(logical=True) or 1
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._root: _Tracked | None = None
        self._tracked: dict[int, _Tracked] = {}
        self._python_exe: str | None = None
        self._next_scan = 0.0
        self._last_measure = 0.0
        self._backlog_s = 0.0  # CPU seconds measured but not yet shown (a late-seen burst), may be < 0
        self._counted_s = 0.0

    @property
    def logical_cores(self) -> int:
        return self._logical_cores

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def watched_pid(self) -> int | None:
        return None if self._root is None else self._root.process.pid

    @property
    def tree_cpu_seconds(self) -> float:
        """CPU seconds the watched tree (or the last one, after it ended) used while it was watched."""
        return self._counted_s

    def is_running(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        if self._timer.isActive():
            return
        psutil.cpu_percent(percpu=True)  # the first non-blocking reading is meaningless; this primes it
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def set_watched_pid(self, pid: int | None) -> None:
        """Watch the process tree rooted at pid (our training process); None stops watching."""
        if pid == self.watched_pid:
            return
        self._forget_tree()
        self._counted_s = 0.0
        if pid is not None:
            try:
                root = psutil.Process(pid)
            except _UNREADABLE:
                root = None
            if root is not None:
                self._root = self._track(root, ROLE_TRAINING, count_history=False)
            if self._root is not None:
                try:
                    self._python_exe = root.exe()
                except _UNREADABLE:
                    self._python_exe = None
                self._scan_tree(count_history=False)  # what ran before the watch is not ours to show
                self._last_measure = time.monotonic()
                self._next_scan = self._last_measure + PROCESS_SAMPLE_PERIOD_S
        if pid is None:
            self.processesSampled.emit([])  # the tree is gone: no stale rows in the workers table
        self.watchedPidChanged.emit(self.watched_pid)

    # ----- the tree -----

    def _forget_tree(self) -> None:
        self._root = None
        self._tracked.clear()
        self._python_exe = None
        self._backlog_s = 0.0

    def _track(self, process: psutil.Process, role: str, count_history: bool) -> _Tracked | None:
        try:
            if count_history and process.status() == psutil.STATUS_ZOMBIE:
                return None  # ended already: its time reaches its parent's children times when it is waited for
            tracked = _Tracked(process, role, process.name())
            if not count_history:
                tracked.own_s, tracked.children_s = _cpu_seconds(process)
        except _UNREADABLE:
            return None
        self._tracked[process.pid] = tracked
        return tracked

    def _scan_tree(self, count_history: bool = True) -> None:
        """Find the root's descendants: drop those that left, start accounting for new ones."""
        assert self._root is not None
        try:
            children = self._root.process.children(recursive=True)
        except _UNREADABLE:
            children = []
        root_pid = self._root.process.pid
        current = {root_pid} | {child.pid for child in children}
        for pid in list(self._tracked):
            if pid not in current:
                del self._tracked[pid]
        for child in children:
            known = self._tracked.get(child.pid)
            # psutil.Process equality includes the creation time, so a recycled pid counts as new.
            if known is not None and known.process == child:
                continue
            # New since the last scan: born after it, so all its CPU time is this run's.
            self._track(child, self._role_of(child, root_pid), count_history)

    def _role_of(self, child: psutil.Process, root_pid: int) -> str:
        try:
            direct = child.ppid() == root_pid
        except _UNREADABLE:
            return ROLE_OTHER_CHILD
        if direct and _runs_python(child, self._python_exe) and not _is_multiprocessing_helper(child):
            return ROLE_WORKER
        return ROLE_OTHER_CHILD

    def _root_has_ended(self) -> bool:
        assert self._root is not None
        try:
            return self._root.process.status() == psutil.STATUS_ZOMBIE
        except _UNREADABLE:
            return True

    # ----- sampling -----

    def _tick(self) -> None:
        now = time.monotonic()
        per_core = np.asarray(psutil.cpu_percent(percpu=True), dtype=np.float64)
        self.coresSampled.emit(now, per_core)
        if self._root is None:
            return
        sample_processes = now >= self._next_scan
        if sample_processes:
            self._next_scan = now + PROCESS_SAMPLE_PERIOD_S
            if self._root_has_ended():
                self._end_watch()
                return
            self._scan_tree()
        used_s = self._measure_cpu(now)
        if used_s is None:
            self._end_watch()
            return
        self._counted_s += used_s
        self.treeShare.emit(self._share_of_machine(used_s, now))
        if sample_processes:
            self.processesSampled.emit(self._samples(now))

    def _measure_cpu(self, now: float) -> float | None:
        """CPU seconds the tree used since the last tick; None when the root itself is gone."""
        used_s = 0.0
        for pid, tracked in list(self._tracked.items()):
            try:
                own_s, children_s = _cpu_seconds(tracked.process)
            except psutil.AccessDenied:
                continue
            except (psutil.NoSuchProcess, psutil.ZombieProcess):
                if tracked is self._root:
                    return None
                del self._tracked[pid]
                if _REAPED_TIME_MOVES_TO_PARENT:
                    # Its whole lifetime arrives in its parent's children times; what was counted already
                    # must not be counted twice.
                    used_s -= tracked.own_s + tracked.children_s
                continue
            used_s += (own_s - tracked.own_s) + (children_s - tracked.children_s)
            tracked.own_s, tracked.children_s = own_s, children_s
            if tracked.table_own_s is None:
                tracked.table_own_s, tracked.table_at = own_s, now
        return used_s

    def _share_of_machine(self, used_s: float, now: float) -> float:
        """Percent of all cores over the time since the last tick; excess waits for the next ticks."""
        elapsed = max(now - self._last_measure, 1e-3)
        self._last_measure = now
        capacity_s = elapsed * self._logical_cores
        pending = self._backlog_s + used_s
        shown = min(max(pending, 0.0), capacity_s)
        self._backlog_s = min(pending - shown, capacity_s * 10)  # a bounded catch-up, never a long echo
        return 100.0 * shown / capacity_s

    def _end_watch(self) -> None:
        self._forget_tree()
        self.processesSampled.emit([])
        self.watchedPidChanged.emit(None)

    def _samples(self, now: float) -> list[ProcessSample]:
        samples = []
        for tracked in self._tracked.values():
            sample = self._sample(tracked, now)
            if sample is not None:
                samples.append(sample)
        order = {ROLE_TRAINING: 0, ROLE_WORKER: 1, ROLE_OTHER_CHILD: 2}
        samples.sort(key=lambda s: (order[s.role], s.pid))
        return samples

    def _sample(self, tracked: _Tracked, now: float) -> ProcessSample | None:
        process = tracked.process
        try:
            with process.oneshot():
                rss = process.memory_info().rss
                status = process.status()
                cpu_num = process.cpu_num() if hasattr(process, "cpu_num") else None
        except _UNREADABLE:
            return None
        cpu_percent = 0.0
        if tracked.table_own_s is not None and now > tracked.table_at:
            cpu_percent = 100.0 * (tracked.own_s - tracked.table_own_s) / (now - tracked.table_at)
            tracked.table_own_s, tracked.table_at = tracked.own_s, now
        if now - tracked.uss_at >= USS_PERIOD_S:
            tracked.uss_at = now
            try:
                tracked.uss = process.memory_full_info().uss
            except (*_UNREADABLE, AttributeError):
                tracked.uss = None
        return ProcessSample(
            pid=process.pid,
            role=tracked.role,
            cpu_percent=max(0.0, cpu_percent),
            rss=rss,
            uss=tracked.uss,
            cpu_num=cpu_num,
            name=tracked.name,
            status=status,
        )
