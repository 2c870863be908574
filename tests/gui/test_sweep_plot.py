"""The sweep chart: stacked start-up + steady bars, repeat whiskers, the fastest setting starred and named."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402

from diabetes_trainer.gui.plots.sweep_plot import SweepPlot  # noqa: E402
from diabetes_trainer.gui.plots.theme import DARK, LIGHT  # noqa: E402

ROWS = [
    {"num_workers": 0, "seconds": 1.02, "min_s": 0.98, "max_s": 1.10, "startup_s": 0.0, "steady_s": 1.02},
    {"num_workers": 2, "seconds": 2.50, "min_s": 2.40, "max_s": 2.90, "startup_s": 1.60, "steady_s": 0.90},
    {"num_workers": 4, "seconds": 4.10, "min_s": 3.90, "max_s": 4.30, "startup_s": 3.20, "steady_s": 0.90},
]


@pytest.fixture
def plot(qtbot):
    widget = SweepPlot()
    qtbot.addWidget(widget)
    widget.resize(640, 400)
    widget.show()
    return widget


def legend_labels(plot: SweepPlot) -> list[str]:
    return [label.text for _sample, label in plot.getPlotItem().legend.items]


def test_bars_stack_startup_under_steady_and_whiskers_span_the_repeats(plot):
    plot.set_rows(ROWS)
    plot.redraw_now()
    bars = plot.bar_data()
    assert list(bars["x"]) == [0, 2, 4]
    assert bars["startup"] == pytest.approx([0.0, 1.60, 3.20])
    # The bar's total is the median time the table shows, whatever the parts' own medians add up to.
    assert bars["startup"] + bars["steady"] == pytest.approx([1.02, 2.50, 4.10])
    assert bars["low"] == pytest.approx([0.98, 2.40, 3.90])
    assert bars["high"] == pytest.approx([1.10, 2.90, 4.30])
    assert [workers for workers, _label in plot.tick_labels()] == [0, 2, 4]
    assert plot.objectName() == "sweepPlot"


def test_the_fastest_setting_gets_a_star_and_a_named_legend_entry(plot):
    plot.set_rows(ROWS)
    plot.redraw_now()
    assert plot.fastest_text() == "fastest: 0 workers, 1.02 s"
    x, y = plot.fastest_position()
    assert x == 0 and y > 1.10  # above the fastest setting's whisker
    assert "fastest: 0 workers, 1.02 s" in legend_labels(plot)
    assert plot.fastest_row()["num_workers"] == 0


def test_the_star_moves_when_a_later_setting_is_faster(plot):
    plot.set_rows([*ROWS, {"num_workers": 1, "seconds": 0.5, "min_s": 0.5, "max_s": 0.5, "startup_s": 0.2}])
    plot.redraw_now()
    assert plot.fastest_text() == "fastest: 1 worker, 0.50 s"
    assert plot.fastest_position()[0] == 1
    assert list(plot.bar_data()["x"]) == [0, 1, 2, 4]  # drawn in num_workers order, whatever the arrival order


def test_rows_arriving_live_are_drawn_at_most_once_per_interval(plot, qtbot):
    plot.set_rows(ROWS[:1])
    assert list(plot.bar_data()["x"]) == [0]
    plot.set_rows(ROWS)
    assert plot.is_dirty() and list(plot.bar_data()["x"]) == [0]
    qtbot.waitUntil(lambda: len(plot.bar_data()["x"]) == 3, timeout=2000)


def test_a_failed_setting_keeps_its_tick_but_gets_no_bar(plot):
    failed = {"num_workers": 8, "seconds": None, "min_s": None, "max_s": None, "startup_s": None,
              "steady_s": None, "runs": 0, "failed": 3}
    plot.set_rows([*ROWS, failed])
    plot.redraw_now()
    assert list(plot.bar_data()["x"]) == [0, 2, 4]
    ticks = dict(plot.tick_labels())
    assert "failed" in ticks[8] and ticks[0] == "0"


def test_a_single_run_per_setting_has_no_spread_and_missing_startup_draws_as_steady(plot):
    plot.set_rows([{"num_workers": 3, "seconds": 2.0}])
    plot.redraw_now()
    bars = plot.bar_data()
    assert bars["startup"] == pytest.approx([0.0]) and bars["steady"] == pytest.approx([2.0])
    assert bars["low"] == pytest.approx([2.0]) and bars["high"] == pytest.approx([2.0])
    assert plot.fastest_text() == "fastest: 3 workers, 2.00 s"


def test_clear_and_nothing_timed_show_no_star_and_no_legend(plot):
    plot.set_rows(ROWS)
    plot.set_title("Training time vs num_workers")
    plot.redraw_now()
    assert plot.getPlotItem().titleLabel.text == "Training time vs num_workers"
    plot.clear()
    assert plot.rows() == [] and plot.title() == ""
    assert plot.fastest_text() == "" and plot.fastest_position() is None
    assert legend_labels(plot) == []
    assert len(plot.bar_data()["x"]) == 0


def test_themes_recolour_without_losing_the_data(plot):
    plot.set_rows(ROWS)
    plot.redraw_now()
    plot.set_theme(DARK)
    plot.redraw_now()
    assert plot.backgroundBrush().color() == QColor(DARK.background)
    assert plot.fastest_text() == "fastest: 0 workers, 1.02 s"
    plot.set_theme(LIGHT.scaled(1.5))
    assert np.array_equal(plot.bar_data()["x"], [0, 2, 4])

