"""The plots' shared look (colours, line widths, fonts) and the live-redraw base class they build on.

Colours come from the Okabe–Ito palette, which stays distinguishable with the common colour-vision
deficiencies. Palette positions are roles shared by every plot, so a colour means the same thing everywhere:

    0  the main series (loss per iteration; time spent computing; the first CPU core)
    1  the second series (epoch mean loss; time spent waiting for data)
    2  the third series (validation loss)
    3+ further series (overlaid runs, more CPU cores), cycling

``LIGHT`` is for projectors (white background, dark lines); ``DARK`` for dark desktops;
``theme.scaled(1.5)`` is presentation mode (thicker lines, larger text, bigger symbols).
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from diabetes_trainer.gui.plots.pyqtgraph_adapter import (
    GridAxisItem,
    LazyMenuViewBox,
    keep_subclass_clear,
    opaque_on,
    replace_export_action,
)

# The eight Okabe–Ito colours, in a role order that keeps the strongest contrast first on each background.
_OKABE_ITO_ON_LIGHT = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow: weak on white, so last
)
# On a dark background the dark blue and black are hard to see: sky blue takes the main role, white replaces black.
_OKABE_ITO_ON_DARK = (
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#F0E442",  # yellow
    "#FFFFFF",  # white
    "#0072B2",  # blue: weak on dark grey, so last
)


@dataclass(frozen=True)
class PlotTheme:
    """How every plot looks. Colours are ``#RRGGBB`` strings; sizes are in screen pixels and points."""

    name: str
    background: str
    foreground: str
    grid_alpha: float
    palette: tuple[str, ...]
    line_width: float
    font_point_size: float
    symbol_size: float = 8.0

    def color(self, index: int, alpha: float = 1.0) -> QColor:
        """The palette colour in role ``index`` (cycling past the end), with opacity ``alpha`` in [0, 1]."""
        color = QColor(self.palette[index % len(self.palette)])
        color.setAlphaF(alpha)
        return color

    def muted_color(self, index: int, strength: float) -> QColor:
        """Palette role ``index`` mixed into the background, opaque: looks see-through, draws fast.

        pyqtgraph strokes a curve whose pen has any transparency as one big path, which takes seconds for
        thousands of zig-zagging points; an opaque pen is drawn as separate segments in milliseconds.
        """
        return opaque_on(self.color(index, strength), QColor(self.background))

    def foreground_color(self, alpha: float = 1.0) -> QColor:
        color = QColor(self.foreground)
        color.setAlphaF(alpha)
        return color

    def pen(self, index: int, width: float | None = None, style: Qt.PenStyle = Qt.PenStyle.SolidLine,
            alpha: float = 1.0) -> QPen:
        """A cosmetic pen (width in pixels, whatever the zoom) in palette role ``index``."""
        return pg.mkPen(self.color(index, alpha), width=self.line_width if width is None else width, style=style)

    def brush(self, index: int, alpha: float = 1.0) -> QBrush:
        return QBrush(self.color(index, alpha))

    def font(self, scale: float = 1.0) -> QFont:
        font = QFont()
        font.setPointSizeF(self.font_point_size * scale)
        return font

    def scaled(self, factor: float) -> PlotTheme:
        """This theme with lines, text and symbols ``factor`` times larger (presentation mode)."""
        if factor <= 0:
            raise ValueError(f"the scale factor must be greater than 0, not {factor}")
        return dataclasses.replace(
            self,
            name=f"{self.name}×{factor:g}",
            line_width=self.line_width * factor,
            font_point_size=self.font_point_size * factor,
            symbol_size=self.symbol_size * factor,
        )


LIGHT = PlotTheme(
    name="light",
    background="#FFFFFF",
    foreground="#000000",
    grid_alpha=0.25,
    palette=_OKABE_ITO_ON_LIGHT,
    line_width=2.0,
    font_point_size=10.0,
)

DARK = PlotTheme(
    name="dark",
    background="#1E1E1E",
    foreground="#E6E6E6",
    grid_alpha=0.2,
    palette=_OKABE_ITO_ON_DARK,
    line_width=2.0,
    font_point_size=10.0,
)

THEMES = {"light": LIGHT, "dark": DARK}  # by the name the settings file and the View menu use
DEFAULT_THEME = "light"  # projectors wash out dark backgrounds


def apply_theme(plot_widget: pg.PlotWidget, theme: PlotTheme) -> None:
    """Give a PlotWidget the theme's background, axis pens, tick and label fonts, grid and legend colours.

    Series colours are the plot's own business (each plot's ``set_theme`` restyles its curves).
    """
    plot_widget.setBackground(theme.background)
    plot_item = plot_widget.getPlotItem()
    axis_pen = pg.mkPen(theme.foreground_color(), width=max(1.0, theme.line_width / 2))
    label_style = {"color": theme.foreground, "font-size": f"{theme.font_point_size:g}pt"}
    for name in ("left", "bottom", "right", "top"):
        axis = plot_item.getAxis(name)
        axis.setPen(axis_pen)
        axis.setTextPen(theme.foreground_color())
        axis.setTickFont(theme.font())
        if isinstance(axis, GridAxisItem):
            axis.set_background(theme.background)
        # Two tick levels, not three: the third level's grid lines cost ~20 ms per repaint and add only clutter.
        axis.setStyle(maxTickLevel=1)
        # Re-setting the label is the public way to restyle it; it keeps the text.
        axis.setLabel(axis.labelText or None, axis.labelUnits or None, **label_style)
    plot_item.showGrid(x=True, y=True, alpha=theme.grid_alpha)

    if plot_item.legend is not None:
        style_legend(plot_item.legend, theme)

    title = plot_item.titleLabel
    if title.isVisible():
        title.setText(title.text, color=theme.foreground, size=f"{theme.font_point_size * 1.2:g}pt")


def style_legend(legend: pg.LegendItem, theme: PlotTheme) -> None:
    """A legend in the theme's colours and font size, on a mostly opaque background."""
    background = QColor(theme.background)
    background.setAlphaF(0.85)
    legend.setBrush(background)
    legend.setPen(theme.foreground_color(0.4))
    legend.setLabelTextColor(theme.foreground)
    legend.setLabelTextSize(f"{theme.font_point_size * getattr(legend, 'text_scale', 1.0):g}pt")
    for _sample, label in legend.items:
        label.setText(label.text)  # the new colour and size only apply when the text is set again
        # The legend measures its entries by their current size: after smaller text (leaving presentation mode)
        # they would keep the larger one, and the legend stay big.
        label.resize(label.preferredSize())
    legend.updateSize()


class CompactSample(pg.ItemSample):
    """A legend sample drawn at 60 % of pyqtgraph's 20-pixel square, for a short plot's legend row; a gap on its
    left keeps it apart from the entry before it (the row's spacing is small, between sample and label too)."""

    SCALE = 0.6
    GAP_PX = 6

    def __init__(self, item):
        super().__init__(item)
        self.setFixedWidth(self.GAP_PX + round(20 * self.SCALE))
        self.setFixedHeight(round(20 * self.SCALE))

    def boundingRect(self):  # noqa: N802 (Qt's name)
        return QRectF(0, 0, self.GAP_PX + 20 * self.SCALE, 20 * self.SCALE)

    def paint(self, painter, *args) -> None:
        painter.translate(self.GAP_PX, 0)
        painter.scale(self.SCALE, self.SCALE)
        super().paint(painter, *args)


class LegendRow(pg.LegendItem):
    """A legend in its own row of the plot's layout, above the plot area: it never covers the data, and it takes
    as many columns as the plot is wide (one row when it can, more on a narrow plot or in presentation mode).

    ``compact``: smaller samples, text and spacing, for a plot with little height to spare."""

    SPACING_PX = 8
    MARGIN_PX = 4
    FRAME_PX = 2 * MARGIN_PX + 4  # the margins around the entries, the frame, rounding
    COMPACT_TEXT_SCALE = 0.85
    COMPACT_TEXT_MARGIN_PX = 1

    def __init__(self, plot_item: pg.PlotItem, compact: bool = False):
        # No offset: placed by the layout, not anchored over the view.
        super().__init__(horSpacing=self.SPACING_PX // 2 if compact else self.SPACING_PX,
                         sampleType=CompactSample if compact else pg.ItemSample)
        self._compact = compact
        self.text_scale = self.COMPACT_TEXT_SCALE if compact else 1.0  # read by style_legend
        self._plot_item = plot_item
        self.layout.setContentsMargins(self.MARGIN_PX, self.MARGIN_PX / 2, self.MARGIN_PX, self.MARGIN_PX / 2)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        layout = plot_item.layout
        layout.removeItem(plot_item.getAxis("top"))  # its row (hidden axis, never shown) holds the legend
        layout.addItem(self, 1, 0, 1, 3)  # the whole width, the left axis's too: more room on a narrow plot
        layout.setAlignment(self, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom)
        plot_item.legend = self
        plot_item.getViewBox().sigResized.connect(self.fit_columns)

    def _room(self) -> float:
        views = self.scene().views() if self.scene() is not None else []
        # The plot's own width may still be that of a wider legend; the view's is what is shown.
        return float(views[0].width()) if views else self._plot_item.width()

    def fit_columns(self) -> None:
        # The text's own width: a label's box is stretched to its grid column's width by the layout.
        widths = [sample.boundingRect().width() + label.itemRect().width() for sample, label in self.items]
        if not widths:
            return
        room = self._room() - self.FRAME_PX
        columns = 1
        for count in range(len(widths), 0, -1):
            column_widths = [max(widths[start::count]) for start in range(count)]
            # The grid spaces every column: between each sample and its label too.
            if sum(column_widths) + self.layout.horizontalSpacing() * (2 * count - 1) <= room:
                columns = count
                break
        self.setColumnCount(columns)

    def addItem(self, item, name) -> None:  # noqa: N802 (pyqtgraph's name)
        super().addItem(item, name)
        if self._compact:
            # Qt pads every text with 4 px on each side; in a legend of two rows that is 16 px of a short plot.
            label = self.items[-1][1]
            label.item.document().setDocumentMargin(self.COMPACT_TEXT_MARGIN_PX)
            label.updateMin()
            label.resize(label.preferredSize())
        self.fit_columns()
        self._back_to_the_view()

    def removeItem(self, item) -> None:  # noqa: N802 (pyqtgraph's name)
        super().removeItem(item)
        self.fit_columns()
        self._back_to_the_view()

    def _back_to_the_view(self) -> None:
        """A wider legend made the plot wider than its view; once it is narrower again, so is the plot."""
        views = self.scene().views() if self.scene() is not None else []
        view_range = getattr(views[0], "range", None) if views else None
        if view_range is not None and self._plot_item.geometry() != view_range:
            self._plot_item.setGeometry(view_range)

    def updateSize(self) -> None:  # noqa: N802 (pyqtgraph's name)
        # pyqtgraph moves a floating legend to (0, 0) here; in a layout, asking the layout again is enough.
        self.layout.invalidate()
        self.updateGeometry()
        self.update()


PAINT_BUDGET_FACTOR = 4.0  # redraw no more often than every 4 paint durations: at most ~25% of the GUI thread
MAX_REDRAW_INTERVAL_MS = 250.0  # ... but at least 4 times a second, so the plot still looks live
STAGGER_MS = 8.0  # live plots redraw at least this far apart, each in a paint of its own


class LivePlotWidget(pg.PlotWidget):
    """A themed PlotWidget fed in chunks: appending marks it dirty, a timer redraws at most ~30 times a second.

    Subclasses implement ``_redraw()`` (push the numpy views into their items) and ``_restyle()`` (apply
    ``self.theme`` and ``self.line_width`` to their items), and call ``mark_dirty()`` after new data.
    """

    # The right-click menu's "Export plot…": whoever shows the plot opens the application's export dialog for it.
    exportRequested = Signal()

    REDRAW_INTERVAL_MS = 33
    _last_redraw_of_any = float("-inf")  # shared by all live plots: their redraws take turns (STAGGER_MS)

    def __init__(self, parent: QWidget | None = None, theme: PlotTheme = LIGHT):
        axes = {name: GridAxisItem(name) for name in ("left", "bottom", "right", "top")}
        super().__init__(parent, axisItems=axes, viewBox=LazyMenuViewBox())
        for axis in axes.values():
            axis.put_behind_the_data()
        # PlotItem shows every axis it is handed; ours have left and bottom ones (a plot shows another itself).
        for name in ("right", "top"):
            self.getPlotItem().hideAxis(name)
        keep_subclass_clear(self)
        self._theme = theme
        self._line_width = theme.line_width
        self._dirty = False
        self._redraw_timer = QTimer(self)
        self._redraw_timer.setSingleShot(True)
        self._redraw_timer.setInterval(self.REDRAW_INTERVAL_MS)
        self._redraw_timer.timeout.connect(self._redraw_if_dirty)
        self._last_redraw = float("-inf")
        self._paint_ms = 0.0
        self._take_over_export_action()

    def _take_over_export_action(self) -> None:
        """pyqtgraph's right-click menu offers "Export...", its own exporter dialog, whose SVG exporter fails on
        current PySide6 (pyqtgraph issue 3485): our entry in its place asks for the application's export dialog."""
        scene = self.scene()
        action = QAction(QCoreApplication.translate("LivePlotWidget", "Export plot…"), scene)
        action.triggered.connect(self.exportRequested)
        replace_export_action(scene, action)

    @property
    def theme(self) -> PlotTheme:
        return self._theme

    @property
    def line_width(self) -> float:
        return self._line_width

    def add_legend_row(self, compact: bool = False) -> LegendRow:
        """The plot's legend, in a row above the plot area (LegendRow) instead of floating over the data."""
        return LegendRow(self.getPlotItem(), compact)

    def set_theme(self, theme: PlotTheme) -> None:
        """Switch colours, fonts and line width (the line width becomes the theme's)."""
        self._theme = theme
        self._line_width = theme.line_width
        apply_theme(self, theme)
        self._restyle()

    def set_line_width(self, width: float) -> None:
        if width <= 0:
            raise ValueError(f"the line width must be greater than 0, not {width}")
        self._line_width = float(width)
        self._restyle()

    def mark_dirty(self) -> None:
        """Ask for a redraw: at once if the last one is at least one interval ago (so the first point of a run
        shows without delay), else when the interval is up; many calls in between cost one redraw."""
        self._dirty = True
        if self._redraw_timer.isActive():
            return
        since_last_ms = (time.monotonic() - self._last_redraw) * 1000.0
        interval = self.redraw_interval_ms()
        if since_last_ms >= interval:
            self._redraw_if_dirty()
        else:
            self._redraw_timer.start(max(1, int(interval - since_last_ms)))

    def redraw_interval_ms(self) -> float:
        """~30 Hz, slowed down when painting is expensive (a slow machine, a busy core, a huge plot) so that
        this plot never takes more than about a quarter of the GUI thread: the window stays responsive."""
        return min(MAX_REDRAW_INTERVAL_MS, max(self.REDRAW_INTERVAL_MS, PAINT_BUDGET_FACTOR * self._paint_ms))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        legend = self.getPlotItem().legend if self.getPlotItem() is not None else None
        if isinstance(legend, LegendRow):
            legend.fit_columns()  # before the layout: a narrower view may need more rows of entries
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        started = time.perf_counter()
        super().paintEvent(event)
        # A running average, so one slow frame (a resize, the first paint) does not throttle the plot for long.
        self._paint_ms = 0.7 * self._paint_ms + 0.3 * (time.perf_counter() - started) * 1000.0

    def redraw_now(self) -> None:
        """Draw pending data immediately (before an export, or in a test) instead of waiting for the timer."""
        self._redraw_timer.stop()
        self._dirty = False
        self._redraw_and_settle()

    def is_dirty(self) -> bool:
        return self._dirty

    def close(self) -> None:
        # PlotWidget.close() drops the PlotItem; a redraw already queued must not reach for it.
        self._redraw_timer.stop()
        self._dirty = False
        super().close()

    def _redraw_if_dirty(self) -> None:
        if not self._dirty or self.getPlotItem() is None:
            return
        now = time.monotonic()
        since_any_ms = (now - LivePlotWidget._last_redraw_of_any) * 1000.0
        if since_any_ms < STAGGER_MS:
            # Another plot has just redrawn: let its paint go first. Qt paints every changed widget of the window in
            # one go, so two plots redrawn together would hold the window for both paints at once.
            self._redraw_timer.start(max(1, round(STAGGER_MS - since_any_ms)))
            return
        self._dirty = False
        self._last_redraw = LivePlotWidget._last_redraw_of_any = now
        self._redraw_and_settle()

    def _redraw_and_settle(self) -> None:
        self._redraw()
        # pyqtgraph applies auto-range lazily, at the start of the next paint; the new range then moves the axes
        # and curves, which asks for a second paint of the whole plot. Settling it now costs one paint, not two.
        self.scene().prepareForPaint()

    def _redraw(self) -> None:
        raise NotImplementedError

    def _restyle(self) -> None:
        raise NotImplementedError
