"""Iteration and epoch axes show whole numbers only, also on an empty plot or one with two points."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402


def shown_ticks(plot, axis_name: str = "bottom") -> list[float]:
    """The tick values the axis draws for its current range and length."""
    plot.redraw_now()
    axis = plot.getPlotItem().getAxis(axis_name)
    low, high = plot.getPlotItem().getViewBox().viewRange()[0 if axis_name == "bottom" else 1]
    return [value for _spacing, values in axis.tickValues(low, high, axis.width()) for value in values]


def all_whole(values: list[float]) -> bool:
    return bool(values) and all(float(v).is_integer() for v in values)


def test_an_empty_loss_plot_shows_whole_iterations(loss_plot):
    ticks = shown_ticks(loss_plot)
    assert all_whole(ticks), ticks


def test_a_two_point_loss_plot_shows_whole_iterations(loss_plot):
    loss_plot.reset(iterations_per_epoch=2)
    loss_plot.append_batches(np.array([0.7, 0.6]), np.array([1, 1]), np.array([0.1, 0.2]))
    ticks = shown_ticks(loss_plot)
    assert all_whole(ticks), ticks


def test_the_time_axis_keeps_its_fractions(loss_plot):
    loss_plot.reset(iterations_per_epoch=2)
    loss_plot.append_batches(np.array([0.7, 0.6]), np.array([1, 1]), np.array([0.1, 0.2]))
    loss_plot.set_x_mode("time")
    assert not all_whole(shown_ticks(loss_plot)), "seconds may be 0.15"


@pytest.mark.parametrize("count", [0, 2])
def test_the_stall_plot_shows_whole_iterations(stall_plot, count):
    stall_plot.append(np.full(count, 0.001), np.full(count, 0.001))
    ticks = shown_ticks(stall_plot)
    assert all_whole(ticks), ticks


def test_the_accuracy_plot_shows_whole_epochs(qtbot):
    from diabetes_trainer.gui.plots.accuracy_plot import AccuracyPlot

    plot = AccuracyPlot()
    qtbot.addWidget(plot)
    plot.resize(600, 300)
    plot.show()
    plot.append_epoch(1, 0.6, None)
    plot.append_epoch(2, 0.7, None)
    ticks = shown_ticks(plot)
    assert all_whole(ticks), ticks
