"""Plots keep their texts whole and their legends off the data, at any size and after presentation mode."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from diabetes_trainer.gui.plots.theme import LIGHT  # noqa: E402


def settle(qtbot) -> None:
    qtbot.wait(20)


def test_cpu_legends_come_back_to_their_size_after_presentation_mode(qtbot):
    from diabetes_trainer.gui.plots.cpu_plot import CpuPlot

    plot = CpuPlot(cores=2)
    qtbot.addWidget(plot)
    plot.resize(500, 260)
    plot.show()
    settle(qtbot)
    before = [legend.sceneBoundingRect().size() for legend in plot.legends()]
    plot.set_theme(LIGHT.scaled(1.5))
    settle(qtbot)
    assert plot.legends()[1].sceneBoundingRect().width() > before[1].width()
    plot.set_theme(LIGHT)
    settle(qtbot)
    after = [legend.sceneBoundingRect().size() for legend in plot.legends()]
    for old, new in zip(before, after, strict=True):
        assert new.width() == pytest.approx(old.width(), abs=1) and new.height() == pytest.approx(old.height(), abs=1)


def test_a_narrow_cpu_plot_wraps_our_training_label_inside_the_plot(qtbot):
    from diabetes_trainer.gui.plots.cpu_plot import CpuPlot

    plot = CpuPlot(cores=2)
    qtbot.addWidget(plot)
    plot.resize(280, 220)
    plot.show()
    settle(qtbot)
    scene = plot.sceneRect()
    for legend in plot.legends():
        assert scene.contains(legend.sceneBoundingRect()), (legend.sceneBoundingRect(), scene)
    cores, ours = (legend.sceneBoundingRect() for legend in plot.legends())
    assert not cores.intersects(ours), "the two legends do not overlap"


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


@pytest.mark.parametrize("name", ["loss_plot", "stall_plot"])
def test_legends_sit_above_the_plot_area(name, request, qtbot):
    plot = request.getfixturevalue(name)
    if name == "loss_plot":
        plot.reset(10)
        plot.append_batches(np.linspace(0.7, 0.6, 30), np.repeat([1, 2, 3], 10), np.linspace(0, 1, 30))
    else:
        plot.append(np.full(30, 0.002), np.full(30, 0.001), np.repeat([1, 2, 3], 10))
    plot.redraw_now()
    settle(qtbot)
    legend = plot.getPlotItem().legend
    assert legend.items
    area = plot.getPlotItem().getViewBox().sceneBoundingRect()
    box = legend.sceneBoundingRect()
    assert box.bottom() <= area.top() + 1, (box, area)
    assert plot.sceneRect().contains(box)
