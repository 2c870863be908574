"""What every benchmark shares: paths, the result shape, A/B alternation, measuring in a fresh subprocess, waiting
inside a Qt event loop without blocking it, and a description of the machine.

Stdlib and psutil only at import time: the runner itself must stay light (no torch, no Qt), so that what it loads
never shows up in what it measures. Qt is imported inside the helpers that need it, in the measuring subprocesses.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT.parent / "shared"
TUTORIAL_DATA = SHARED / "data" / "diabetes.csv.gz"
REFERENCE_SCRIPT = SHARED / "reference" / "seed_train.py"

RESULT_MARKER = "BENCH-RESULT "  # the line a measuring subprocess prints its JSON on (anything else is chatter)


class BenchmarkError(RuntimeError):
    """A benchmark could not measure (missing input, a subprocess that failed): says what and what to do."""


# -- results ---------------------------------------------------------------------------------------------------------
def result(name: str, measured: str, goal: str, ok: bool, details: dict[str, Any]) -> dict[str, Any]:
    """The shape every ``run(quick)`` returns; ``details["side_by_side"]`` holds the lines the runner prints."""
    return {"name": name, "measured": measured, "goal": goal, "ok": bool(ok), "details": details}


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between ranks, like numpy's default; no numpy needed here."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = (len(ordered) - 1) * q / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def alternating(repeats: int, a: str = "A", b: str = "B") -> Iterator[tuple[int, str]]:
    """(repeat, label) in the order A B, B A, A B, ...: each side goes first equally often, so a machine that
    slowly gets busier (or quieter) during the run favours neither side."""
    for repeat in range(repeats):
        for label in ((a, b) if repeat % 2 == 0 else (b, a)):
            yield repeat, label


def load_average() -> list[float]:
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except (AttributeError, OSError):  # Windows has no load average
        return []


def require_file(path: Path, what: str) -> Path:
    if not path.exists():
        raise BenchmarkError(f"{what} is not at {path}; it lives beside the repository, in shared/ "
                             f"(run the suite from a checkout that has ../shared next to it)")
    return path


# -- subprocesses ----------------------------------------------------------------------------------------------------
def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment of a measuring subprocess: ours, plus Qt drawing offscreen (comparable on any machine)."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra)
    return env


def python_call(module: str, function: str, kwargs: dict[str, Any] | None = None) -> list[str]:
    """The command that runs ``tests.benchmarks.<module>.<function>(**kwargs)`` in a fresh interpreter.

    ``python -c`` rather than ``-m``: multiprocessing's spawn re-imports a ``-m`` main module in every training
    process it starts, and a ``-c`` main module is never re-imported.
    """
    code = (f"import json, sys; from tests.benchmarks.{module} import {function}; "
            f"{function}(**json.loads(sys.argv[1]))")
    return [sys.executable, "-c", code, json.dumps(kwargs or {})]


def measure_in_subprocess(module: str, function: str, kwargs: dict[str, Any] | None = None,
                          timeout_s: float = 600.0) -> dict[str, Any]:
    """Run a measuring function in a fresh interpreter (cwd = the repository) and return the dict it emitted."""
    command = python_call(module, function, kwargs)
    try:
        done = subprocess.run(command, cwd=REPO_ROOT, env=subprocess_env(), capture_output=True, text=True,
                              timeout=timeout_s)
    except subprocess.TimeoutExpired as exc:
        raise BenchmarkError(f"{module}.{function} took longer than {timeout_s:.0f} s; the machine may be "
                             f"overloaded, rerun later or with --quick") from exc
    return parse_result(done, f"{module}.{function}")


def parse_result(done: subprocess.CompletedProcess, what: str) -> dict[str, Any]:
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_MARKER)]
    if done.returncode != 0 or not lines:
        tail = "\n".join((done.stderr or "").strip().splitlines()[-15:])
        raise BenchmarkError(f"{what} exited with code {done.returncode} without a result:\n{tail}")
    return json.loads(lines[-1][len(RESULT_MARKER):])


def emit(data: dict[str, Any]) -> None:
    """A measuring subprocess hands its figures back to the runner (the last such line wins)."""
    print(RESULT_MARKER + json.dumps(data), flush=True)


# -- Qt, inside the measuring subprocesses ---------------------------------------------------------------------------
def qt_app():
    """The QApplication of this (measuring) process, offscreen unless a platform was chosen explicitly."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([sys.argv[0] or "benchmark"])


def run_event_loop(seconds: float) -> None:
    """Let the Qt event loop run (timers fire, signals arrive) for ``seconds``, then return."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(max(0, int(seconds * 1000)), loop.quit)
    loop.exec()


def wait_until(predicate: Callable[[], bool], timeout_s: float, what: str, poll_ms: int = 10) -> None:
    """Run the event loop until ``predicate()`` holds; BenchmarkError naming ``what`` after ``timeout_s``.

    A real event loop with a polling timer, not a processEvents spin: spinning would eat a core that the training
    process on this 2-core machine needs, and skew the very timings we take.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    if predicate():
        return
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s
    state = {"timed_out": False}

    def check() -> None:
        if predicate():
            loop.quit()
        elif time.monotonic() > deadline:
            state["timed_out"] = True
            loop.quit()

    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    if state["timed_out"]:
        raise BenchmarkError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def wait_until_quiet(pid: int | None, timeout_s: float = 120.0, window_s: float = 0.5,
                     max_cpu_s: float = 0.02) -> None:
    """Run the event loop until process ``pid`` uses (almost) no CPU over ``window_s``: a warm spare training
    process that has imported torch and now waits for its run. Returns at once for None or a gone process."""
    if pid is None:
        return
    try:
        process = psutil.Process(pid)
    except psutil.Error:
        return
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            before = sum(process.cpu_times()[:2])
            run_event_loop(window_s)
            used = sum(process.cpu_times()[:2]) - before
        except psutil.Error:
            return
        if used <= max_cpu_s:
            return
    raise BenchmarkError(f"the spare training process {pid} was still busy after {timeout_s:.0f} s")


def watch_first_paint(widget, ready: Callable[[], bool] = lambda: True):
    """Time the first paint of ``widget`` that happens once ``ready()`` holds; returns the watcher, whose
    ``painted_at`` (time.perf_counter) is None until then. Keep a reference to it while waiting.

    The watcher delivers that paint event itself and then swallows the original, so ``painted_at`` is when the
    painting has *finished*, not when it was asked for.
    """
    from PySide6.QtCore import QCoreApplication, QEvent, QObject

    class PaintWatch(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.paint_started_at: float | None = None
            self.painted_at: float | None = None

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() != QEvent.Type.Paint or self.painted_at is not None or not ready():
                return False
            self.paint_started_at = time.perf_counter()
            watched.removeEventFilter(self)
            QCoreApplication.sendEvent(watched, event)  # inside the same paint cycle, so it paints for real
            self.painted_at = time.perf_counter()
            return True

    watch = PaintWatch()
    widget.installEventFilter(watch)
    return watch


def thread_schedstat() -> tuple[float, float] | None:
    """(seconds on a CPU, seconds waiting in the run queue for one) of the calling thread so far; None where the
    kernel does not say (not Linux). The waiting part is what a busy machine, not our code, adds to a stall."""
    try:
        on_cpu_ns, waiting_ns, _slices = Path("/proc/thread-self/schedstat").read_text().split()[:3]
    except (OSError, ValueError):
        return None
    return int(on_cpu_ns) / 1e9, int(waiting_ns) / 1e9


def process_rss() -> int:
    return psutil.Process().memory_info().rss


# -- the machine -----------------------------------------------------------------------------------------------------
def _version(*distributions: str) -> str:
    for name in distributions:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def machine_info() -> dict[str, Any]:
    """What the figures were measured on (versions from package metadata: the runner imports neither torch nor Qt)."""
    memory = psutil.virtual_memory().total
    return {
        "cpu": cpu_model(),
        "logical_cores": psutil.cpu_count(logical=True) or 1,
        "physical_cores": psutil.cpu_count(logical=False),
        "memory_gib": round(memory / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "torch": _version("torch"),
        "pyside6": _version("PySide6-Essentials", "PySide6"),
        "pyqtgraph": _version("pyqtgraph"),
        "numpy": _version("numpy"),
        "psutil": _version("psutil"),
        "load_average": load_average(),
    }
