"""How long the app's window takes to appear, against the least any PySide6 + pyqtgraph window could take.

Each sample is a fresh interpreter, timed from launch until the window has finished its first paint: ours builds
QApplication + MainWindow(prewarm=False) (pre-warm off so no training process is spawned, as the spare only starts
after the first paint anyway), the baseline a QMainWindow holding one pyqtgraph PlotWidget. Alternating, medians.
The app's subprocess also reports whether torch got into the GUI process (it must not: that alone costs seconds).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
import time

from .common import (
    REPO_ROOT,
    BenchmarkError,
    alternating,
    load_average,
    median,
    ms,
    python_call,
    result,
    subprocess_env,
)

NAME = "window_startup"
GOAL_RATIO = 1.3
GOAL = f"<= {GOAL_RATIO}x the bare window, no torch"
REPEATS, QUICK_REPEATS = 9, 3
APP, BASELINE = "app", "bare PySide6 + pyqtgraph"
WINDOW_SIZE = (1280, 820)  # the app's own default size, for both
STARTUP_TIMEOUT_S = 120
PAINTED = "PAINTED"


def show_window(kind: str) -> None:
    """Entry point of one timed subprocess: build, show, print PAINTED once painted, then report and exit."""
    import os

    imports_started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    class FirstPaint(QObject):
        """Notices the first paint event of any widget (which one paints first depends on the window)."""

        seen = False

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                self.seen = True
            return False

    app = QApplication([sys.argv[0] or "benchmark"])
    if kind == APP:
        from diabetes_trainer.gui.main_window import MainWindow

        window = MainWindow(prewarm=False)
    else:
        import pyqtgraph as pg

        window = QMainWindow()
        window.setCentralWidget(pg.PlotWidget())
        window.resize(*WINDOW_SIZE)
    built = time.perf_counter()
    first_paint = FirstPaint()
    app.installEventFilter(first_paint)
    window.show()
    # All widgets of a window paint in one go, inside one processEvents() call: the first frame is complete when
    # the call that saw a paint event returns.
    while not first_paint.seen or not window.windowHandle().isExposed():
        app.processEvents()
        if not first_paint.seen:
            time.sleep(0.001)
    app.removeEventFilter(first_paint)
    painted = time.perf_counter()
    print(PAINTED, flush=True)
    print(json.dumps({"build_s": built - imports_started, "show_to_paint_s": painted - built,
                      "torch_loaded": "torch" in sys.modules}), flush=True)
    window.close()


def _one_start(kind: str) -> dict:
    """Seconds from launching the interpreter to the PAINTED line, plus the subprocess's own breakdown."""
    command = python_call(NAME, "show_window", {"kind": kind})
    lines: list[tuple[float, str]] = []  # (when it arrived, the line)
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=subprocess_env(), stdout=subprocess.PIPE,
                                   stderr=errors, text=True)
        # A reader thread stamps each line as it arrives, so a subprocess that hangs cannot hang us too.
        reader = threading.Thread(target=lambda: lines.extend((time.perf_counter(), line.strip())
                                                              for line in process.stdout), daemon=True)
        reader.start()
        try:
            process.wait(timeout=STARTUP_TIMEOUT_S)
        except subprocess.TimeoutExpired as exc:
            process.kill()
            process.wait()
            raise BenchmarkError(f"the {kind} window did not start and close within {STARTUP_TIMEOUT_S} s") from exc
        reader.join(5)
        errors.seek(0)
        error_tail = "\n".join(errors.read().strip().splitlines()[-10:])
    painted = [at for at, line in lines if line == PAINTED]
    if process.returncode != 0 or not painted or not lines[-1][1].startswith("{"):
        raise BenchmarkError(f"the {kind} window's subprocess failed (exit code {process.returncode}):\n{error_tail}")
    return {"seconds": painted[0] - started, **json.loads(lines[-1][1])}


def _compile_package() -> None:
    """Byte-compile our package first, as a real install (pip install .) does: the libraries on the other side
    come compiled from their wheels, and with PYTHONDONTWRITEBYTECODE set (as on these machines) our editable
    sources would otherwise be compiled again at every start, ~60 ms that no installed copy pays."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO_ROOT / "diabetes_trainer")],
                   env={**subprocess_env(), "PYTHONDONTWRITEBYTECODE": ""}, check=True)


def run(quick: bool) -> dict:
    repeats = QUICK_REPEATS if quick else REPEATS
    _compile_package()
    load_before = load_average()
    samples: dict[str, list[dict]] = {APP: [], BASELINE: []}
    for _repeat, kind in alternating(repeats, APP, BASELINE):
        samples[kind].append(_one_start(kind))
    seconds = {kind: [s["seconds"] for s in runs] for kind, runs in samples.items()}
    medians = {kind: median(values) for kind, values in seconds.items()}
    ratio = medians[APP] / medians[BASELINE]
    torch_loaded = any(s["torch_loaded"] for s in samples[APP])
    lines = [f"{kind}: {ms(medians[kind])} median of {len(seconds[kind])} from launch to first paint "
             f"(in-process: imports + build {ms(median([s['build_s'] for s in samples[kind]]))}, show -> painted "
             f"{ms(median([s['show_to_paint_s'] for s in samples[kind]]))})" for kind in (APP, BASELINE)]
    lines.append(f"ratio {ratio:.2f}x; torch in the GUI process: {'YES' if torch_loaded else 'no'}")
    details = {"seconds": seconds, "medians_s": medians, "ratio": ratio, "samples": samples,
               "torch_in_gui": torch_loaded, "repeats": repeats, "load_average_before": load_before,
               "load_average_after": load_average(), "side_by_side": lines}
    measured = f"{ratio:.2f}x ({ms(medians[APP])} vs {ms(medians[BASELINE])})"
    if torch_loaded:
        measured += "; torch loaded!"
    ok = ratio <= GOAL_RATIO and not torch_loaded
    return result(NAME, measured, GOAL, ok, details)
