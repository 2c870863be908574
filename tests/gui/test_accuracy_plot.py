from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

from diabetes_trainer.gui.plots.accuracy_plot import AccuracyPlot  # noqa: E402
from diabetes_trainer.gui.plots.theme import DARK  # noqa: E402


def test_training_and_validation_accuracy_in_percent(qtbot):
    plot = AccuracyPlot()
    qtbot.addWidget(plot)
    plot.append_epoch(1, 0.60, 0.55)
    plot.append_epoch(2, 0.65, None)
    plot.append_epoch(3, 0.70, 0.66)
    plot.redraw_now()
    x, y = plot._train_curve.getData()
    assert list(x) == [1, 2, 3] and np.allclose(y, [60, 65, 70])
    vx, vy = plot._validation_curve.getData()
    assert list(vx) == [1, 3] and np.allclose(vy, [55, 66])
    assert plot.point_count() == 3 and plot.validation_points() == 2
    plot.set_theme(DARK)
    plot.reset()
    assert plot.point_count() == 0 and not plot._validation_curve.isVisible()


def test_without_validation_only_training_is_drawn(qtbot):
    plot = AccuracyPlot()
    qtbot.addWidget(plot)
    plot.append_epoch(1, 0.5)
    plot.redraw_now()
    assert plot.validation_points() == 0 and not plot._validation_curve.isVisible()
    assert legend_names(plot) == ["Training accuracy"]  # no crossed-out entry for a curve that cannot exist


def legend_names(plot):
    return [label.text for _sample, label in plot.getPlotItem().legend.items]


def test_the_validation_entry_joins_the_legend_with_its_first_point_and_leaves_on_reset(qtbot):
    plot = AccuracyPlot()
    qtbot.addWidget(plot)
    plot.append_epoch(1, 0.5, 0.4)
    plot.redraw_now()
    assert legend_names(plot) == ["Training accuracy", "Validation accuracy"]
    plot.reset()
    assert legend_names(plot) == ["Training accuracy"]
