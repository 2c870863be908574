"""Plots keep their texts whole and their legends off the data, at any size and after presentation mode."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from diabetes_trainer.gui.plots.theme import LIGHT  # noqa: E402


def settle(qtbot) -> None:
    qtbot.wait(20)


def test_the_cpu_legend_comes_back_to_its_size_after_presentation_mode(qtbot):
    from diabetes_trainer.gui.plots.cpu_plot import CpuPlot

    plot = CpuPlot(cores=2)
    qtbot.addWidget(plot)
    plot.resize(500, 260)
    plot.show()
    settle(qtbot)
    before = plot.legend().sceneBoundingRect().size()
    plot.set_theme(LIGHT.scaled(1.5))
    settle(qtbot)
    assert plot.legend().sceneBoundingRect().width() > before.width()
    plot.set_theme(LIGHT)
    settle(qtbot)
    after = plot.legend().sceneBoundingRect().size()
    assert after.width() == pytest.approx(before.width(), abs=1)
    assert after.height() == pytest.approx(before.height(), abs=1)


def test_a_vertical_axis_title_longer_than_the_axis_is_drawn_smaller_and_whole(stall_plot, qtbot):
    stall_plot.set_theme(LIGHT.scaled(1.5))
    stall_plot.resize(500, 110)
    settle(qtbot)
    axis = stall_plot.getPlotItem().getAxis("left")
    drawn = axis.label.boundingRect().width() * axis.label.scale()
    assert axis.label.scale() < 1
    assert drawn <= axis.size().height() + 1
    top = axis.mapToScene(axis.label.pos()).y()  # the rotated title's end, at the bottom
    assert top <= axis.sceneBoundingRect().bottom() + 1 and top - drawn >= axis.sceneBoundingRect().top() - 1
    stall_plot.resize(500, 600)  # room again: full size
    settle(qtbot)
    assert axis.label.scale() == 1


@pytest.mark.parametrize("name", ["loss_plot", "stall_plot", "cpu_plot"])
def test_legends_sit_above_the_plot_area(name, request, qtbot):
    if name == "cpu_plot":
        from diabetes_trainer.gui.plots.cpu_plot import CpuPlot

        plot = CpuPlot(cores=4)
        qtbot.addWidget(plot)
        plot.resize(400, 240)
        plot.show()
    else:
        plot = request.getfixturevalue(name)
    if name == "loss_plot":
        plot.reset(10)
        plot.append_batches(np.linspace(0.7, 0.6, 30), np.repeat([1, 2, 3], 10), np.linspace(0, 1, 30))
    elif name == "stall_plot":
        plot.append(np.full(30, 0.002), np.full(30, 0.001), np.repeat([1, 2, 3], 10))
    plot.redraw_now()
    settle(qtbot)
    legend = plot.getPlotItem().legend
    assert legend.items
    area = plot.getPlotItem().getViewBox().sceneBoundingRect()
    box = legend.sceneBoundingRect()
    assert box.bottom() <= area.top() + 1, (box, area)
    assert plot.sceneRect().contains(box)
