"""Start -> the first loss point on screen, with the pre-warmed training process and without one.

Drives the real MainWindow (offscreen) in a fresh interpreter. Each start gets a fresh window, as a student who
opens the app and presses Start: with pre-warm the window waits until its spare training process is ready
(``controller.process_info``) before the clock starts; without (``MainWindow(prewarm=False)``) Start has to spawn the
process and import torch first. The clock stops when the loss plot has finished the first paint that shows a point (its
curve holds data after a redraw).
"""

from __future__ import annotations

import sys
import time

from .common import (
    TUTORIAL_DATA,
    alternating,
    emit,
    load_average,
    measure_in_subprocess,
    median,
    ms,
    qt_app,
    require_file,
    result,
    wait_until,
    watch_first_paint,
)

NAME = "first_point"
GOAL_S = 0.3
GOAL = f"<= {GOAL_S * 1000:.0f} ms pre-warmed"
REPEATS, QUICK_REPEATS = 5, 2
WARM, COLD = "pre-warmed", "cold"
READY_TIMEOUT_S = 120
FIRST_POINT_TIMEOUT_S = 120


def _one_start(prewarm: bool, data_path: str) -> dict:
    from diabetes_trainer.core.config import TrainConfig
    from diabetes_trainer.gui.main_window import MainWindow

    window = MainWindow(prewarm=prewarm)
    window.show()
    try:
        window.knobs.set_config(TrainConfig(data_path=data_path, epochs=10, batch_size=32, seed=0))
        window.load_data(data_path)
        wait_until(lambda: window.table_path == data_path, 30, "the data file to load")
        if prewarm:
            wait_until(lambda: window.controller.process_info is not None, READY_TIMEOUT_S,
                       "the spare training process to be ready")
        curve = window.lossPlot.loss_curve()

        def has_point() -> bool:  # the curve gets its data in a redraw, not when the chunk arrives
            return curve.xData is not None and len(curve.xData) >= 1

        marks: dict[str, float] = {}

        def on_plot_changed(*_args) -> None:
            if "data" not in marks and has_point():
                marks["data"] = time.perf_counter()

        curve.sigPlotChanged.connect(on_plot_changed)
        watch = watch_first_paint(window.lossPlot.viewport(), has_point)
        started = time.perf_counter()
        window.start()
        wait_until(lambda: watch.painted_at is not None, FIRST_POINT_TIMEOUT_S, "the first loss point")
        timing = {"first_point_s": watch.painted_at - started, "first_data_s": marks["data"] - started,
                  "paint_s": watch.painted_at - watch.paint_started_at}
        window.stop()
        wait_until(lambda: not window.controller.busy, 30, "the run to stop")
        return timing
    finally:
        window.close()
        window.deleteLater()


def measure(data_path: str, repeats: int) -> None:
    """Runs in the measuring subprocess: alternate pre-warmed and cold starts, emit all timings."""
    app = qt_app()
    timings: dict[str, list[dict]] = {WARM: [], COLD: []}
    for _repeat, side in alternating(repeats, WARM, COLD):
        timings[side].append(_one_start(side == WARM, data_path))
        app.processEvents()
    emit({"timings": timings, "torch_in_gui": "torch" in sys.modules})


def run(quick: bool) -> dict:
    require_file(TUTORIAL_DATA, "the tutorial's data set")
    repeats = QUICK_REPEATS if quick else REPEATS
    load_before = load_average()
    measured = measure_in_subprocess(NAME, "measure", {"data_path": str(TUTORIAL_DATA), "repeats": repeats},
                                     timeout_s=repeats * 2 * 240)
    warm = [t["first_point_s"] for t in measured["timings"][WARM]]
    cold = [t["first_point_s"] for t in measured["timings"][COLD]]
    warm_s, cold_s = median(warm), median(cold)
    warm_data = [t["first_data_s"] for t in measured["timings"][WARM]]
    warm_paint = [t["paint_s"] for t in measured["timings"][WARM]]
    lines = [
        f"pre-warmed: {ms(warm_s)} median of {len(warm)} ({', '.join(ms(s) for s in warm)})",
        f"cold (prewarm=False): {ms(cold_s)} median of {len(cold)} ({', '.join(ms(s) for s in cold)}); "
        f"pre-warm saves {ms(cold_s - warm_s)} ({cold_s / warm_s:.1f}x faster)",
        f"pre-warmed breakdown (medians): curve has the point after {ms(median(warm_data))}, "
        f"that paint takes {ms(median(warm_paint))}",
    ]
    if measured["torch_in_gui"]:
        lines.append("torch WAS imported into the GUI process")
    ok = warm_s <= GOAL_S and not measured["torch_in_gui"]
    details = {"prewarmed_s": warm, "cold_s": cold, "prewarmed_median_s": warm_s, "cold_median_s": cold_s,
               "timings": measured["timings"], "torch_in_gui": measured["torch_in_gui"], "repeats": repeats,
               "load_average_before": load_before, "load_average_after": load_average(), "side_by_side": lines}
    return result(NAME, f"{ms(warm_s)} pre-warmed (cold {ms(cold_s)})", GOAL, ok, details)
