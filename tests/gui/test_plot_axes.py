"""How the plots draw for a smooth window: opaque grid lines behind the data, ranges settled before a paint, turns."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QPointF  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402

from diabetes_trainer.gui.plots.pyqtgraph_adapter import GridAxisItem, opaque_on  # noqa: E402
from diabetes_trainer.gui.plots.theme import DARK, LIGHT  # noqa: E402


def tick_pens(axis: GridAxisItem):
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _axis_spec, tick_specs, _text_specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [pen for pen, _start, _end in tick_specs]


def test_opaque_on_is_what_the_see_through_colour_looks_like_on_the_background():
    see_through = QColor(0, 0, 0)
    see_through.setAlphaF(0.25)
    assert opaque_on(see_through, QColor("#FFFFFF")).getRgb() == pytest.approx((191, 191, 191, 255), abs=1)
    assert opaque_on(QColor("#D55E00"), QColor("#1E1E1E")) == QColor("#D55E00")  # opaque stays as it is


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
def test_grid_lines_are_opaque_and_look_as_the_see_through_ones_did(loss_plot, fake_run, theme):
    loss_plot.set_theme(theme)
    loss_plot.reset(fake_run.iterations_per_epoch)
    loss_plot.append_batches(fake_run.losses, fake_run.epochs, fake_run.elapsed_s)
    loss_plot.redraw_now()
    background = QColor(theme.background)
    for name in ("left", "bottom"):
        axis = loss_plot.getPlotItem().getAxis(name)
        pens = tick_pens(axis)
        assert len(pens) >= 4  # a grid, not a bare axis
        assert all(pen.color().alpha() == 255 for pen in pens)
        # Each is the theme's foreground at some grid strength, mixed into the background.
        foreground, grid = QColor(theme.foreground), QColor(pens[0].color())
        assert grid != foreground and grid != background
        between = [min(f, b) - 1 <= g <= max(f, b) + 1
                   for f, b, g in zip(foreground.getRgb()[:3], background.getRgb()[:3], grid.getRgb()[:3],
                                      strict=True)]
        assert all(between)


def test_axes_and_their_grid_sit_behind_the_data(loss_plot):
    plot_item = loss_plot.getPlotItem()
    view_box_z = plot_item.getViewBox().zValue()
    assert all(plot_item.getAxis(name).zValue() < view_box_z for name in ("left", "bottom", "right", "top"))


def test_a_curve_crossing_a_grid_line_keeps_its_colour(loss_plot):
    """Drawn over the data, an opaque grid line would cut a flat curve wherever it crosses it."""
    loss_plot.reset(1)
    count = 2000
    loss_plot.append_batches(np.full(count, 0.5), np.ones(count, dtype=np.int64), np.arange(count) * 0.001)
    loss_plot.getPlotItem().getViewBox().setYRange(0.0, 1.0, padding=0)
    loss_plot.redraw_now()
    image = loss_plot.grab().toImage()
    curve = QColor(LIGHT.palette[0]).rgb()
    rows = [y for y in range(image.height()) if sum(image.pixel(x, y) == curve for x in range(image.width())) > 50]
    assert rows, "the flat curve is not on the plot"
    view_box = loss_plot.getPlotItem().getViewBox()
    first, last = view_box.mapViewToScene(QPointF(1, 0.5)), view_box.mapViewToScene(QPointF(count, 0.5))
    row = max(rows, key=lambda y: sum(image.pixel(x, y) == curve for x in range(image.width())))
    along_the_curve = range(int(first.x()) + 2, int(last.x()) - 2)
    assert len(along_the_curve) > 300
    assert all(image.pixel(x, row) == curve for x in along_the_curve)


def test_a_redraw_moves_the_range_at_once_not_at_the_next_paint(loss_plot, fake_run):
    """pyqtgraph would apply auto-range at the start of the next paint, and the new range then costs a second
    paint of the whole plot; the redraw settles it, so one paint shows the new data in the new range."""
    loss_plot.reset(fake_run.iterations_per_epoch)
    loss_plot.append_batches(fake_run.losses[:10], fake_run.epochs[:10], fake_run.elapsed_s[:10])
    loss_plot.redraw_now()
    loss_plot.append_batches(fake_run.losses[10:], fake_run.epochs[10:], fake_run.elapsed_s[10:])
    loss_plot.redraw_now()  # no event processed between this and the check
    (x_min, x_max), (y_min, y_max) = loss_plot.getPlotItem().getViewBox().viewRange()
    assert x_min <= 1 and x_max >= len(fake_run)
    assert y_min <= fake_run.losses.min() and y_max >= fake_run.losses.max()


def test_no_axis_rescales_its_label_every_frame(loss_plot):
    """The hidden right and top axes follow the view too; with pyqtgraph's SI prefix on they would re-parse
    their label's HTML at every range change."""
    plot_item = loss_plot.getPlotItem()
    assert not any(plot_item.getAxis(name).autoSIPrefix for name in ("left", "bottom", "right", "top"))


def test_two_plots_with_new_data_redraw_in_turns_not_in_one_paint(qtbot, fake_run):
    """Qt paints every changed widget of a window in one go: two plots redrawn together would hold the window
    for both paints. The second waits a few milliseconds, so each gets a paint of its own."""
    from diabetes_trainer.gui.plots.loss_plot import LossPlot
    from diabetes_trainer.gui.plots.theme import STAGGER_MS

    first, second = LossPlot(), LossPlot()
    for plot in (first, second):
        qtbot.addWidget(plot)
        plot.reset(fake_run.iterations_per_epoch)
    qtbot.wait(int(STAGGER_MS) + 50)
    first.append_batches(fake_run.losses[:5], fake_run.epochs[:5], fake_run.elapsed_s[:5])
    second.append_batches(fake_run.losses[:5], fake_run.epochs[:5], fake_run.elapsed_s[:5])
    assert not first.is_dirty() and second.is_dirty()  # the first drew at once, the second waits its turn
    qtbot.waitUntil(lambda: not second.is_dirty(), timeout=1000)
    assert len(second.loss_curve().getData()[0]) == 5


def test_plots_show_a_left_and_a_bottom_axis_only(loss_plot, stall_plot):
    for plot in (loss_plot, stall_plot):
        plot_item = plot.getPlotItem()
        shown = [name for name in ("left", "bottom", "right", "top") if plot_item.getAxis(name).isVisible()]
        assert shown == ["left", "bottom"]


def test_labels_read_as_set_and_hidden_ones_are_not_parsed(qtbot, loss_plot):
    """Axis labels are parsed as HTML only when shown and changed; what is shown is always the latest text."""
    axis = loss_plot.getPlotItem().getAxis("left")
    assert "Loss" in axis.label.toPlainText()
    hidden = loss_plot.getPlotItem().getAxis("right")
    parsed = []
    hidden.label.setHtml = lambda html: parsed.append(html)  # the item's parse, watched
    hidden.setTextPen("#FF0000")  # pyqtgraph re-makes the label at every pen change
    hidden.setLabel("")  # still nothing to show
    assert parsed == []
    del hidden.label.setHtml
    hidden.setTextPen("#00AA00")
    hidden.setLabel("Seconds")  # shown: parsed once, with the pen set while it was hidden
    assert hidden.label.isVisibleTo(hidden)
    assert hidden.label.toPlainText().strip() == "Seconds"
    assert "#00aa00" in hidden.label.toHtml().lower()
    axis.setLabel("Loss (mean)")
    assert axis.label.toPlainText().strip() == "Loss (mean)"


def test_the_view_menu_is_built_at_the_first_right_click_not_with_the_plot(loss_plot):
    view = loss_plot.getPlotItem().getViewBox()
    assert view.menu is None and view.menuEnabled()
    menu = view.getMenu(None)
    assert menu is not None and any(action.text() == "View All" for action in menu.actions())
    assert view.getContextMenus(None) == menu.actions()
    view.setMenuEnabled(False)
    assert view.menu is None and view.getMenu(None) is None and view.getContextMenus(None) == []


def test_the_right_click_export_entry_asks_for_the_applications_dialog(qtbot, loss_plot):
    """pyqtgraph's own "Export..." dialog cannot write SVG with current PySide6; the entry asks the window."""
    action = loss_plot.scene().contextMenu[0]
    assert action.text() == "Export plot…"
    with qtbot.waitSignal(loss_plot.exportRequested, timeout=1000):
        action.trigger()
    assert getattr(loss_plot.scene(), "exportDialog", None) is None  # pyqtgraph's dialog was not opened
