import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402

from diabetes_trainer.gui.monitor import CpuMonitor  # noqa: E402
from diabetes_trainer.gui.plots.cpu_plot import (  # noqa: E402
    MODE_HEATMAP,
    MODE_LINES,
    TREE_LINE_FACTOR,
    CpuPanel,
    CpuPlot,
)
from diabetes_trainer.gui.plots.theme import DARK, LIGHT  # noqa: E402

T0 = 5000.0  # a time.monotonic() value
DT = 0.1


def _plot(qtbot, **kwargs) -> CpuPlot:
    plot = CpuPlot(**kwargs)
    qtbot.addWidget(plot)
    plot.resize(700, 320)
    plot.show()
    return plot


def _feed(plot: CpuPlot, count: int, cores: int) -> np.ndarray:
    """count samples; core c at sample i reads (i + 10 c) % 101. Returns them, oldest first."""
    values = np.array([[(i + 10 * c) % 101 for c in range(cores)] for i in range(count)], dtype=float)
    for i, row in enumerate(values):
        plot.add_sample(T0 + i * DT, row)
    return values


def test_few_cores_are_drawn_as_one_line_each_with_a_legend(qtbot):
    plot = _plot(qtbot, cores=4)
    assert plot.objectName() == "cpuPlot"
    assert plot.accessibleName()
    assert plot.mode == MODE_LINES
    assert len(plot.core_curves) == 4
    assert plot.heatmap is None
    assert plot.legend_labels() == ["CPU 0", "1", "2", "3", "Our training"]
    colours = {curve.opts["pen"].color().name() for curve in plot.core_curves}
    assert len(colours) == 4

    values = _feed(plot, 20, 4)
    plot.redraw_now()
    for core, curve in enumerate(plot.core_curves):
        x, y = curve.getData()
        np.testing.assert_allclose(y, values[:, core])
        np.testing.assert_allclose(x, np.arange(-19, 1) * DT, atol=1e-9)  # seconds ago, newest at 0


def test_many_cores_are_drawn_as_a_heat_map(qtbot):
    plot = _plot(qtbot, cores=6, heatmap_threshold=4)
    assert plot.mode == MODE_HEATMAP
    assert plot.core_curves == []
    assert plot.legend_labels() == ["Our training"]

    values = _feed(plot, 30, 6)
    plot.redraw_now()
    image = plot.heatmap.image
    assert image.shape == (30, 6)  # time across, cores up
    np.testing.assert_allclose(image, values)
    rect = plot.heatmap.mapRectToParent(plot.heatmap.boundingRect())
    assert rect.height() == pytest.approx(6)
    assert rect.right() == pytest.approx(DT / 2)  # the newest column is centred on "0 s ago"
    assert rect.left() == pytest.approx(-29 * DT - DT / 2)


def test_the_threshold_decides_the_mode(qtbot):
    assert _plot(qtbot, cores=16).mode == MODE_LINES
    assert _plot(qtbot, cores=17).mode == MODE_HEATMAP


def test_the_ring_keeps_the_last_minute_in_order(qtbot):
    plot = _plot(qtbot, cores=2)
    assert plot.capacity == 600
    values = _feed(plot, 650, 2)
    plot.redraw_now()
    samples = plot.samples()
    assert len(samples) == 600
    np.testing.assert_allclose(samples[:, 0], T0 + np.arange(50, 650) * DT)
    x, y = plot.core_curves[1].getData()
    np.testing.assert_allclose(y, values[50:, 1])
    assert x[0] == pytest.approx(-59.9) and x[-1] == pytest.approx(0.0)
    assert plot.getPlotItem().getViewBox().viewRange()[0] == pytest.approx([-60.0, 0.0])


def test_the_tree_share_line_is_thick_and_breaks_across_a_pause(qtbot):
    plot = _plot(qtbot, cores=2)
    _feed(plot, 40, 2)
    for i in range(10):
        plot.add_tree_share(T0 + i * DT, 30.0)
    for i in range(30, 40):  # two seconds without a share: the run ended, another began
        plot.add_tree_share(T0 + i * DT, 60.0)
    plot.redraw_now()
    x, y = plot.tree_curve.getData()
    assert x[-1] == pytest.approx(0.0)
    assert np.isnan(y[10])  # the break between the runs
    np.testing.assert_allclose(y[:10], 30.0)
    np.testing.assert_allclose(y[11:], 60.0)
    core_width = plot.core_curves[0].opts["pen"].widthF()
    assert plot.tree_curve.opts["pen"].widthF() == pytest.approx(core_width * TREE_LINE_FACTOR)


def test_in_heat_map_mode_the_share_is_drawn_in_cores_worth(qtbot):
    plot = _plot(qtbot, cores=20)
    _feed(plot, 5, 20)
    plot.add_tree_share(T0 + 4 * DT, 50.0)
    plot.redraw_now()
    _x, y = plot.tree_curve.getData()
    assert y[-1] == pytest.approx(10.0)  # half the machine = 10 of 20 cores


def test_redraws_at_most_once_per_interval(qtbot):
    plot = _plot(qtbot, cores=2)
    plot.add_sample(T0, [10.0, 20.0])  # nothing drawn lately: drawn at once
    _x, y = plot.core_curves[0].getData()
    np.testing.assert_allclose(y, [10.0])
    plot.add_sample(T0 + 0.1, [30.0, 20.0])
    assert plot.is_dirty()  # within the interval: not drawn per sample, the timer does it
    _x, y = plot.core_curves[0].getData()
    assert len(y) == 1
    qtbot.waitUntil(lambda: not plot.is_dirty(), timeout=2000)
    _x, y = plot.core_curves[0].getData()
    np.testing.assert_allclose(y, [10.0, 30.0])


def test_reset_forgets_everything(qtbot):
    plot = _plot(qtbot, cores=2)
    _feed(plot, 10, 2)
    plot.add_tree_share(T0, 40.0)
    plot.reset()
    assert len(plot.samples()) == 0
    x, _y = plot.tree_curve.getData()
    assert x is None or len(x) == 0


def test_a_different_number_of_cores_rebuilds_the_plot(qtbot):
    plot = _plot(qtbot, cores=2, heatmap_threshold=3)
    plot.add_sample(T0, [1.0, 2.0])
    plot.add_sample(T0 + DT, [1.0, 2.0, 3.0, 4.0])
    assert plot.core_count == 4
    assert plot.mode == MODE_HEATMAP
    assert len(plot.samples()) == 1


def test_theme_and_line_width(qtbot):
    plot = _plot(qtbot, cores=2)
    plot.set_line_width(3.0)
    assert plot.core_curves[0].opts["pen"].widthF() == pytest.approx(3.0)
    assert plot.tree_curve.opts["pen"].widthF() == pytest.approx(3.0 * TREE_LINE_FACTOR)
    plot.set_theme(DARK)
    assert plot.tree_curve.opts["pen"].color() == QColor(DARK.foreground)
    assert plot.backgroundBrush().color() == QColor(DARK.background)
    plot.set_theme(LIGHT)
    assert plot.tree_curve.opts["pen"].color() == QColor(LIGHT.foreground)
    core_colours = {curve.opts["pen"].color().name() for curve in plot.core_curves}
    assert QColor(LIGHT.foreground).name() not in core_colours  # never confused with our training


@pytest.mark.parametrize(("cores", "threshold"), [(2, 16), (8, 16), (32, 16)], ids=["2-lines", "8-lines", "heatmap"])
# The CPU plot's sizes in a 1024x768 window, normal and in presentation mode (knobs in a drawer); wider ones.
@pytest.mark.parametrize(("scale", "size"),
                         [(1.0, (290, 190)), (1.5, (500, 200)), (1.0, (700, 320)), (1.5, (900, 400))],
                         ids=["1024x768", "1024x768-presentation", "wide", "wide-presentation"])
def test_the_legend_is_a_row_above_the_data(qtbot, cores, threshold, scale, size):
    plot = _plot(qtbot, cores=cores, heatmap_threshold=threshold)
    plot.set_theme(LIGHT.scaled(scale))
    plot.resize(*size)
    qtbot.wait(50)
    view_box = plot.getPlotItem().getViewBox()
    area = view_box.sceneBoundingRect()
    legend = plot.legend().sceneBoundingRect()
    assert legend.bottom() <= area.top() + 1, (legend, area)  # above the data area, never over it
    assert plot.sceneRect().contains(legend)
    assert legend.height() <= 0.25 * plot.sceneRect().height()  # one row, two for 8 cores on a small screen
    low, high = view_box.viewRange()[1]
    top = cores if plot.mode == MODE_HEATMAP else 100.0
    assert low < 0.0 < top < high


def test_a_cpu_legend_fits_one_row_on_a_1024_screen(qtbot):
    plot = _plot(qtbot, cores=2)
    plot.resize(290, 190)  # the CPU plot's size in a 1024x768 window
    qtbot.wait(50)
    assert plot.legend().columnCount == 3


def test_the_panel_shows_our_share_in_words(qtbot):
    monitor = CpuMonitor()
    panel = CpuPanel(cores=2)
    qtbot.addWidget(panel)
    assert panel.objectName() == "cpuPanel"
    panel.attach(monitor)
    assert panel.share_label.text() == "Our training: not running"

    monitor.watchedPidChanged.emit(1234)
    for i in range(5):
        monitor.coresSampled.emit(T0 + i * DT, np.array([50.0, 90.0]))
        monitor.treeShare.emit(37.0)
    panel.update_labels()
    assert panel.share_label.text() == "Our training: 37 % of the machine (0.7 of 2 cores)"
    assert panel.average_label.text() == "Whole machine: 70 % busy (all programs, 2 cores)"
    assert len(panel.plot.samples()) == 5

    monitor.watchedPidChanged.emit(None)
    assert panel.share_label.text() == "Our training: not running"

    panel.detach()
    monitor.coresSampled.emit(T0 + 1.0, np.array([1.0, 1.0]))
    assert len(panel.plot.samples()) == 5


def test_the_panel_follows_a_real_monitor(qtbot):
    monitor = CpuMonitor(interval_ms=50)
    panel = CpuPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 400)
    panel.show()
    panel.attach(monitor)
    monitor.start()
    try:
        qtbot.waitUntil(lambda: len(panel.plot.samples()) >= 3, timeout=3000)
        qtbot.waitUntil(lambda: "%" in panel.average_label.text(), timeout=3000)
    finally:
        monitor.stop()
    assert not panel.grab().isNull()
