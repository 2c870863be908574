"""Per-core CPU load over the last minute, with the training process tree's share of the machine on top.

A few cores are drawn as one line each (with a legend); many cores as a heat map (time across, cores up),
because 64 overlapping lines say nothing. The "our training" line is the tree's share of the whole machine,
drawn thick over either view so a class can see how much of the computer the run actually uses.

Samples go into ring buffers (600 rows: 60 s at 10 Hz); a ~10 Hz dirty timer redraws, not every sample.
"""

from __future__ import annotations

import math
import time

import numpy as np
import psutil
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from diabetes_trainer.gui.buffers import RingBuffer2D
from diabetes_trainer.gui.monitor import CpuMonitor
from diabetes_trainer.gui.plots.theme import LIGHT, LivePlotWidget, PlotTheme, style_legend

HISTORY_S = 60.0
SAMPLE_RATE_HZ = 10.0
DEFAULT_HEATMAP_THRESHOLD = 16  # more logical cores than this: a heat map instead of lines
MODE_LINES = "lines"
MODE_HEATMAP = "heatmap"
TREE_LINE_FACTOR = 2.5  # the "our training" line is this many times thicker than a core's line
_GAP_S = 1.0  # tree-share samples further apart than this are not joined (two runs, or a pause)
_PERCENT_TICKS = (0, 25, 50, 75, 100)
_LEGEND_MARGIN_PX = 8
_LEGEND_SPACING_PX = 12
_FLOOR_ROOM = 0.02
_MAX_LEGEND_BAND = 0.5  # of the plot's height
_LEGEND_LABEL_PADDING_PX = 30  # a legend's frame and the gap between its sample and label
_MIN_WRAP_WIDTH_PX = 60
_CORE_STYLES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)


class CpuPlot(LivePlotWidget):
    """Load of every logical core (percent) over the seconds before now, and our training's share."""

    REDRAW_INTERVAL_MS = 100

    def __init__(
        self,
        parent: QWidget | None = None,
        theme: PlotTheme = LIGHT,
        cores: int | None = None,
        heatmap_threshold: int = DEFAULT_HEATMAP_THRESHOLD,
        history_s: float = HISTORY_S,
        sample_rate_hz: float = SAMPLE_RATE_HZ,
    ):
        super().__init__(parent, theme)
        self.setObjectName("cpuPlot")
        self.setAccessibleName(self.tr("CPU load per core"))
        self.setAccessibleDescription(self.tr(
            "The load of every logical core over the last minute, and the share of the whole machine "
            "that our training uses"))
        self._heatmap_threshold = heatmap_threshold
        self._history_s = float(history_s)
        self._capacity = max(2, round(history_s * sample_rate_hz))
        # The share can get an extra gap row per sample at worst; twice the capacity always covers the window.
        self._share = RingBuffer2D(2 * self._capacity, 2)  # columns: time.monotonic(), percent of machine
        self._core_curves: list[pg.PlotDataItem] = []
        self._heatmap: pg.ImageItem | None = None
        self._colour_bar: pg.ColorBarItem | None = None

        plot_item = self.getPlotItem()
        plot_item.setMouseEnabled(x=False, y=False)  # a fixed window that scrolls by itself
        plot_item.setMenuEnabled(False)
        plot_item.hideButtons()
        plot_item.setXRange(-self._history_s, 0.0, padding=0.0)
        plot_item.setLabel("bottom", self.tr("Seconds ago"))
        # Two legends: the cores' (top left, as many columns as fit) and our training's (top right), so the
        # long "our training" label does not widen every column of the cores' legend.
        self._legend = self.addLegend(offset=(_LEGEND_MARGIN_PX, _LEGEND_MARGIN_PX))
        self._tree_curve = pg.PlotDataItem(connect="finite")
        self._tree_curve.setZValue(10)
        self._tree_legend = pg.LegendItem(offset=(-_LEGEND_MARGIN_PX, _LEGEND_MARGIN_PX))
        self._tree_legend.setParentItem(plot_item.getViewBox())
        self._tree_legend.addItem(self._tree_curve, self.tr("Our training (% of the machine)"))
        plot_item.getViewBox().sigResized.connect(self._fit_legend)

        self._build(cores or psutil.cpu_count(logical=True) or 1)
        self.set_theme(theme)
        self._redraw()

    # ----- feeding data -----

    def add_sample(self, t: float, per_core: np.ndarray) -> None:
        """One reading of every core (percent, 0-100) at ``t`` seconds of time.monotonic()."""
        per_core = np.asarray(per_core, dtype=np.float64).reshape(-1)
        if len(per_core) != self.core_count:
            self._build(len(per_core))  # CPUs came online or went offline: start over with the new count
        self._cores.push(np.concatenate(([t], per_core)))
        self.mark_dirty()

    def add_tree_share(self, t: float, percent: float) -> None:
        """Our training process tree's share of the whole machine (percent) at ``t``."""
        if len(self._share):
            last_t = self._share.view()[-1, 0]
            if t - last_t > _GAP_S:
                self._share.push((last_t, np.nan))  # break the line: nothing was measured in between
        self._share.push((t, percent))
        self.mark_dirty()

    def reset(self) -> None:
        """Forget all samples."""
        self._cores.clear()
        self._share.clear()
        self.redraw_now()

    # ----- for tests, exports and the panel -----

    @property
    def core_count(self) -> int:
        return self._cores.columns - 1

    @property
    def mode(self) -> str:
        return MODE_HEATMAP if self._heatmap is not None else MODE_LINES

    @property
    def capacity(self) -> int:
        """How many samples per core are kept (the last ``history_s`` seconds at the sample rate)."""
        return self._capacity

    @property
    def core_curves(self) -> list[pg.PlotDataItem]:
        """One curve per core in line mode; empty in heat-map mode."""
        return list(self._core_curves)

    @property
    def tree_curve(self) -> pg.PlotDataItem:
        return self._tree_curve

    @property
    def heatmap(self) -> pg.ImageItem | None:
        return self._heatmap

    def samples(self) -> np.ndarray:
        """The stored core readings, oldest first: column 0 is the time, then one column per core."""
        return self._cores.view()

    def legends(self) -> tuple[pg.LegendItem, pg.LegendItem]:
        """The cores' legend and our training's."""
        return self._legend, self._tree_legend

    def legend_labels(self) -> list[str]:
        """The cores' legend, then our training's."""
        return [label.text for _sample, label in self._legend.items + self._tree_legend.items]

    # ----- building and drawing -----

    def _build(self, cores: int) -> None:
        """(Re)create the items for ``cores`` logical cores: lines or a heat map."""
        self._cores = RingBuffer2D(self._capacity, 1 + cores)
        plot_item = self.getPlotItem()
        self._legend.clear()
        for curve in self._core_curves:
            plot_item.removeItem(curve)
        self._core_curves = []
        if self._heatmap is not None:
            plot_item.removeItem(self._heatmap)
            self._heatmap = None
        if self._colour_bar is not None:
            plot_item.layout.removeItem(self._colour_bar)
            self._colour_bar.setParentItem(None)
            if self._colour_bar.scene() is not None:
                self._colour_bar.scene().removeItem(self._colour_bar)
            self._colour_bar = None
        plot_item.removeItem(self._tree_curve)

        if cores > self._heatmap_threshold:
            self._build_heatmap(cores)
        else:
            for index in range(cores):
                curve = pg.PlotDataItem(name=self.tr("CPU {index}").format(index=index))
                plot_item.addItem(curve)
                self._core_curves.append(curve)
            plot_item.setLabel("left", self.tr("Load (%)"))
            plot_item.hideAxis("right")
            self._set_ticks("left", [(p, str(p)) for p in _PERCENT_TICKS])
        plot_item.addItem(self._tree_curve)
        self._legend.setVisible(bool(self._legend.items))
        self._restyle()
        self._fit_legend()

    def _build_heatmap(self, cores: int) -> None:
        plot_item = self.getPlotItem()
        self._heatmap = pg.ImageItem(axisOrder="col-major")  # image[x, y]: time across, cores up
        self._heatmap.setLevels((0.0, 100.0))
        plot_item.addItem(self._heatmap)
        self._colour_bar = pg.ColorBarItem(
            values=(0, 100), colorMap=pg.colormap.get("viridis"), interactive=False, width=15)
        self._colour_bar.setImageItem(self._heatmap, insert_in=plot_item)
        plot_item.setLabel("left", self.tr("Logical core"))
        step = max(1, _nice_step(cores / 8))
        self._set_ticks("left", [(index + 0.5, str(index)) for index in range(0, cores, step)])
        # The tree share is drawn on the core axis (share x cores = cores' worth used); the right axis reads %.
        plot_item.showAxis("right")
        plot_item.setLabel("right", self.tr("Our training (% of the machine)"))
        self._set_ticks("right", [(cores * p / 100.0, str(p)) for p in _PERCENT_TICKS])

    def _set_ticks(self, axis: str, ticks: list[tuple[float, str]]) -> None:
        self.getPlotItem().getAxis(axis).setTicks([ticks, []])

    def _value_top(self) -> float:
        return float(self.core_count) if self._heatmap is not None else 100.0

    def _fit_legend(self) -> None:
        """Arrange the legends to fit the width, and keep a band above the data for them, so that they
        never hide a core at 100 %."""
        view_box = self.getPlotItem().getViewBox()
        band = self._arrange_legends(view_box.width()) + 1.5 * _LEGEND_MARGIN_PX
        view_height = view_box.height()
        top = self._value_top()
        if band <= view_height * _MAX_LEGEND_BAND:  # otherwise the data would be squeezed: let them overlap
            top = top * view_height / (view_height - band)
        # A little room below zero keeps an idle core's line and the "0" tick label visible.
        self.getPlotItem().setYRange(-_FLOOR_ROOM * self._value_top(), top, padding=0.0)

    def _arrange_legends(self, width: float) -> float:
        """Cores' legend top left with as many columns as fit; ours beside it, or under it when that is
        lower overall. Returns the height the legends take."""
        margin = _LEGEND_MARGIN_PX
        tree = self._tree_legend
        self._wrap_tree_label(width - 2 * margin)
        entries = self._legend.items
        if not entries:
            tree.setOffset((-margin, margin))
            return tree.height()
        widest = max(sample.boundingRect().width() + label.boundingRect().width() for sample, label in entries)

        def columns_within(room: float) -> int:
            return max(1, min(len(entries), int(room // (widest + _LEGEND_SPACING_PX))))

        room_beside = width - tree.width() - 3 * margin
        beside = columns_within(room_beside)
        below = columns_within(width - 2 * margin)
        self._legend.setColumnCount(beside)
        # Not even one column beside ours (a narrow plot, presentation mode): they would overlap, so go below.
        height_beside = max(self._legend.height(), tree.height()) if room_beside >= widest else math.inf
        if below > beside or height_beside == math.inf:
            self._legend.setColumnCount(below)
            height_below = self._legend.height() + margin / 2 + tree.height()
            if height_below < height_beside:
                tree.setOffset((margin, margin + self._legend.height() + margin / 2))
                return height_below
            self._legend.setColumnCount(beside)
        tree.setOffset((-margin, margin))
        return height_beside

    def _wrap_tree_label(self, room: float) -> None:
        """Our training's label on two lines when one would be wider than the plot (a narrow window)."""
        tree = self._tree_legend
        sample, label = tree.items[0]
        text = label.item
        text.setTextWidth(-1)
        label_room = room - sample.boundingRect().width() - _LEGEND_LABEL_PADDING_PX
        if text.boundingRect().width() > label_room > _MIN_WRAP_WIDTH_PX:
            text.setTextWidth(label_room)
        label.updateMin()
        label.resize(label.preferredSize())
        tree.updateSize()

    def _redraw(self) -> None:
        rows = self._cores.view()
        shares = self._share.view()
        latest = max(rows[-1, 0] if len(rows) else -math.inf, shares[-1, 0] if len(shares) else -math.inf)
        now = latest if math.isfinite(latest) else 0.0
        seconds_ago = rows[:, 0] - now
        if self._heatmap is not None:
            self._draw_heatmap(rows, seconds_ago)
        else:
            for index, curve in enumerate(self._core_curves):
                curve.setData(seconds_ago, rows[:, 1 + index])
        share_y = shares[:, 1] if self._heatmap is None else shares[:, 1] * self.core_count / 100.0
        self._tree_curve.setData(shares[:, 0] - now, share_y)

    def _draw_heatmap(self, rows: np.ndarray, seconds_ago: np.ndarray) -> None:
        assert self._heatmap is not None
        if len(rows) < 2:
            self._heatmap.clear()
            return
        self._heatmap.setImage(rows[:, 1:], autoLevels=False, levels=(0.0, 100.0))
        step = (seconds_ago[-1] - seconds_ago[0]) / (len(rows) - 1)  # samples are evenly spaced (10 Hz)
        self._heatmap.setRect(QRectF(seconds_ago[0] - step / 2, 0.0, step * len(rows), self.core_count))

    def _restyle(self) -> None:
        theme = self.theme
        colours = _core_colours(theme)
        for index, curve in enumerate(self._core_curves):
            style = _CORE_STYLES[(index // len(colours)) % len(_CORE_STYLES)]
            curve.setPen(pg.mkPen(colours[index % len(colours)], width=self.line_width, style=style))
        # Foreground colour with a halo of the background: distinct from every core, readable on the heat map.
        width = self.line_width * TREE_LINE_FACTOR
        self._tree_curve.setPen(pg.mkPen(theme.foreground_color(), width=width))
        self._tree_curve.setShadowPen(pg.mkPen(QColor(theme.background), width=width + 3))
        if self._colour_bar is not None:
            axis = self._colour_bar.axis
            axis.setPen(theme.foreground_color())
            axis.setTextPen(theme.foreground_color())
            axis.setLabel(self.tr("Load (%)"), color=theme.foreground)
        style_legend(self._tree_legend, theme)
        self._fit_legend()


def _core_colours(theme: PlotTheme) -> list[QColor]:
    """The palette without its greys (black, white), which are close to the "our training" line."""
    colours = [theme.color(index) for index in range(len(theme.palette))]
    return [colour for colour in colours if colour.hsvSaturation() > 40] or colours


def _nice_step(raw: float) -> int:
    """1, 2, 5, 10, 20, 50, ... at or above ``raw``: tick spacing for the core axis."""
    if raw <= 1:
        return 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


class CpuPanel(QWidget):
    """The CPU plot with a big line of text under it: our training's share and the average load."""

    LABEL_INTERVAL_MS = 500  # numbers that change ten times a second cannot be read; twice is fine

    def __init__(self, parent: QWidget | None = None, theme: PlotTheme = LIGHT, cores: int | None = None,
                 heatmap_threshold: int = DEFAULT_HEATMAP_THRESHOLD):
        super().__init__(parent)
        self.setObjectName("cpuPanel")
        self.setAccessibleName(self.tr("CPU load"))
        self.plot = CpuPlot(self, theme, cores=cores, heatmap_threshold=heatmap_threshold)
        self.share_label = QLabel(self)
        self.share_label.setObjectName("cpuTreeShareLabel")
        self.share_label.setAccessibleName(self.tr("Our training's share of the machine"))
        self.average_label = QLabel(self)
        self.average_label.setObjectName("cpuAverageLoadLabel")
        self.average_label.setAccessibleName(self.tr("Load of the whole machine"))
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.share_label.setFont(big)
        medium = QFont(self.font())
        medium.setPointSizeF(medium.pointSizeF() * 1.05)
        self.average_label.setFont(medium)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        for label in (self.share_label, self.average_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            label.setWordWrap(True)
            label.setContentsMargins(6, 0, 6, 0)
            layout.addWidget(label)

        self._monitor: CpuMonitor | None = None
        self._watching = False
        self._share_sum = self._share_count = 0.0
        self._load_sum = self._load_count = 0.0
        self._label_timer = QTimer(self)
        self._label_timer.setInterval(self.LABEL_INTERVAL_MS)
        self._label_timer.timeout.connect(self.update_labels)
        self._show_not_running()
        self.average_label.setText(self.tr("Whole machine: measuring…"))

    def attach(self, monitor: CpuMonitor) -> None:
        """Show what ``monitor`` measures (replacing any monitor attached before)."""
        self.detach()
        self._monitor = monitor
        monitor.coresSampled.connect(self._on_cores)
        monitor.treeShare.connect(self._on_tree_share)
        monitor.watchedPidChanged.connect(self._on_watched_pid)
        self._watching = monitor.watched_pid is not None
        self._label_timer.start()

    def detach(self) -> None:
        if self._monitor is None:
            return
        self._monitor.coresSampled.disconnect(self._on_cores)
        self._monitor.treeShare.disconnect(self._on_tree_share)
        self._monitor.watchedPidChanged.disconnect(self._on_watched_pid)
        self._monitor = None
        self._label_timer.stop()

    def set_theme(self, theme: PlotTheme) -> None:
        self.plot.set_theme(theme)

    def _on_cores(self, t: float, per_core: np.ndarray) -> None:
        self.plot.add_sample(t, per_core)
        if len(per_core):
            self._load_sum += float(np.mean(per_core))
            self._load_count += 1

    def _on_tree_share(self, percent: float) -> None:
        # The monitor emits the share right after the cores of the same tick: the same time.
        rows = self.plot.samples()
        self.plot.add_tree_share(float(rows[-1, 0]) if len(rows) else time.monotonic(), percent)
        self._share_sum += percent
        self._share_count += 1

    def _on_watched_pid(self, pid: int | None) -> None:
        self._watching = pid is not None
        self._share_sum = self._share_count = 0.0
        if not self._watching:
            self._show_not_running()

    def update_labels(self) -> None:
        """Show the means of the samples since the last update (called by a timer twice a second)."""
        cores = self.plot.core_count
        if self._load_count:
            average = self._load_sum / self._load_count
            if cores == 1:
                text = self.tr("Whole machine: {percent:.0f} % busy (all programs, 1 core)")
            else:
                text = self.tr("Whole machine: {percent:.0f} % busy (all programs, {cores} cores)")
            self.average_label.setText(text.format(percent=average, cores=cores))
        if self._share_count and self._watching:
            share = self._share_sum / self._share_count
            used = share / 100.0 * cores
            if cores == 1:
                text = self.tr("Our training: {percent:.0f} % of the machine ({used:.1f} of 1 core)")
            else:
                text = self.tr("Our training: {percent:.0f} % of the machine ({used:.1f} of {cores} cores)")
            self.share_label.setText(text.format(percent=share, used=used, cores=cores))
        self._load_sum = self._load_count = 0.0
        self._share_sum = self._share_count = 0.0

    def _show_not_running(self) -> None:
        self.share_label.setText(self.tr("Our training: not running"))
