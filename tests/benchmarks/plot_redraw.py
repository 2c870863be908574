"""The loss plot holding 1,000,000 points (a long batch-size-1 run): a forced redraw plus repaint, and the memory.

In a fresh interpreter, the real MainWindow (offscreen, no training process) gets a million iterations fed into its
loss plot in pipe-sized chunks. Timed: ``redraw_now()`` (hands pyqtgraph the buffers) followed by a synchronous
repaint of the plot area, once with the view showing all points and once zoomed to 1 % of them, side by side with
the same on an empty LossPlot of the same size. Then the whole GUI process's RSS.
"""

from __future__ import annotations

import time

from .common import (
    emit,
    load_average,
    measure_in_subprocess,
    median,
    ms,
    process_rss,
    qt_app,
    result,
    wait_until,
)

NAME = "plot_redraw"
GOAL_REDRAW_S = 0.030
MB = 1_000_000
GOAL_RSS_BYTES = 300 * MB
GOAL = f"<= {GOAL_REDRAW_S * 1000:.0f} ms, RSS <= {GOAL_RSS_BYTES / MB:.0f} MB"
POINTS = 1_000_000
ITERATIONS_PER_EPOCH = 759  # batch size 1 on the tutorial's table
CHUNK = 2_000  # about what the pipe delivers per 30 ms flush in a fast batch-size-1 run
REPEATS, QUICK_REPEATS = 15, 5
EMPTY, ALL, ZOOMED = "empty plot", "1M points, all in view", "1M points, zoomed to 1%"


def _feed(plot, points: int) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    plot.reset(ITERATIONS_PER_EPOCH)
    for first in range(0, points, CHUNK):
        index = np.arange(first, min(first + CHUNK, points))
        # A falling, noisy loss: the zig-zag shape that makes long curves expensive to draw.
        losses = 0.45 + 0.25 * np.exp(-index / 200_000) + rng.normal(0.0, 0.05, len(index))
        plot.append_batches(losses, index // ITERATIONS_PER_EPOCH + 1, index * 0.0004)
    plot.redraw_now()


def _show(plot, view: str) -> None:
    """Put the view in place and let everything it triggers settle, outside the timing."""
    from PySide6.QtWidgets import QApplication

    plot_item = plot.getPlotItem()
    if view == ZOOMED:
        plot_item.setXRange(POINTS * 0.5, POINTS * 0.51, padding=0)
    else:
        plot_item.enableAutoRange()
    plot.redraw_now()
    plot.viewport().repaint()
    QApplication.processEvents()


def _timed_redraw(plot) -> float:
    started = time.perf_counter()
    plot.redraw_now()
    plot.viewport().repaint()
    return time.perf_counter() - started


def measure(points: int, repeats: int) -> None:
    """Runs in the measuring subprocess."""
    qt_app()
    from diabetes_trainer.gui.main_window import MainWindow
    from diabetes_trainer.gui.plots.loss_plot import LossPlot

    window = MainWindow(prewarm=False)
    window.show()
    wait_until(lambda: window.table is not None, 30, "the bundled sample to load")
    rss_before = process_rss()
    full = window.lossPlot
    started = time.perf_counter()
    _feed(full, points)
    feed_s = time.perf_counter() - started
    empty = LossPlot()
    empty.resize(full.size())
    empty.show()
    empty.reset(ITERATIONS_PER_EPOCH)

    timings: dict[str, list[float]] = {EMPTY: [], ALL: [], ZOOMED: []}
    drawn_points: dict[str, int] = {}
    order = [EMPTY, ALL, ZOOMED]
    for repeat in range(repeats):
        for view in order[repeat % 3:] + order[:repeat % 3]:  # each case takes each place in turn
            plot = empty if view == EMPTY else full
            _show(plot, view)
            timings[view].append(_timed_redraw(plot))
            x, _y = plot.loss_curve().getData()  # what pyqtgraph drew after clipping and downsampling
            drawn_points[view] = 0 if x is None else len(x)
    rss_after = process_rss()
    emit({"timings": timings, "drawn_points": drawn_points, "points": full.point_count(),
          "plot_size": [full.width(), full.height()], "feed_s": feed_s, "rss_before_bytes": rss_before,
          "rss_bytes": rss_after})
    empty.close()
    window.close()


def run(quick: bool) -> dict:
    repeats = QUICK_REPEATS if quick else REPEATS
    load_before = load_average()
    measured = measure_in_subprocess(NAME, "measure", {"points": POINTS, "repeats": repeats}, timeout_s=600)
    medians = {view: median(values) for view, values in measured["timings"].items()}
    slowest_view = max((ALL, ZOOMED), key=lambda view: medians[view])
    rss = measured["rss_bytes"]
    lines = [f"{view}: {ms(medians[view])} median of {len(measured['timings'][view])} "
             f"({measured['drawn_points'][view]:,} points drawn after clipping/downsampling)"
             for view in (EMPTY, ALL, ZOOMED)]
    width, height = measured["plot_size"]
    lines.append(f"GUI process RSS {rss / MB:.0f} MB with {measured['points']:,} points "
                 f"({measured['rss_before_bytes'] / MB:.0f} MB before feeding them, fed in "
                 f"{measured['feed_s']:.1f} s); plot area {width}x{height} px")
    ok = medians[slowest_view] <= GOAL_REDRAW_S and rss <= GOAL_RSS_BYTES and measured["points"] == POINTS
    details = {"medians_s": medians, **measured, "repeats": repeats, "load_average_before": load_before,
               "load_average_after": load_average(), "side_by_side": lines}
    text = (f"{ms(medians[slowest_view])} ({slowest_view.split(', ')[1]}; empty {ms(medians[EMPTY])}), "
            f"RSS {rss / MB:.0f} MB")
    return result(NAME, text, GOAL, ok, details)
