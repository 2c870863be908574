"""Per-core CPU load over the last minute, with the training process tree's share of the machine on top.

A few cores are drawn as one line each; many cores as a heat map (time across, cores up), because 64 overlapping
lines say nothing. The "our training" line is the tree's share of the whole machine, drawn thick over either view
so a class can see how much of the computer the run actually uses. The legend is a row above the plot area: on a
small plot (a 1024x768 screen, presentation mode) a legend over the data would hide most of it.

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
from diabetes_trainer.gui.plots.theme import LIGHT, LivePlotWidget, PlotTheme

HISTORY_S = 60.0
SAMPLE_RATE_HZ = 10.0
DEFAULT_HEATMAP_THRESHOLD = 16  # more logical cores than this: a heat map instead of lines
MODE_LINES = "lines"
MODE_HEATMAP = "heatmap"
TREE_LINE_FACTOR = 2.5  # the "our training" line is this many times thicker than a core's line
_GAP_S = 1.0  # tree-share samples further apart than this are not joined (two runs, or a pause)
_PERCENT_TICKS = (0, 25, 50, 75, 100)
_FLOOR_ROOM = 0.02  # below 0: an idle core's line stays visible
_CEILING_ROOM = 0.1  # above the top: a core at 100 % and the "100" tick stay visible
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
        # One legend, above the plot area: the cores, then our training (its share in words is under the plot).
        self._legend = self.add_legend_row(compact=True)
        self._tree_curve = pg.PlotDataItem(connect="finite", name=self.tr("Our training"))
        self._tree_curve.setZValue(10)

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

    def legend(self) -> pg.LegendItem:
        """The legend row above the plot area."""
        return self._legend

    def legend_labels(self) -> list[str]:
        """The cores' entries, then our training's."""
        return [label.text for _sample, label in self._legend.items]

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
                # "CPU 0", then only the numbers: 8 cores take one row of the legend less on a small screen.
                name = self.tr("CPU {index}").format(index=index) if index == 0 else str(index)
                curve = pg.PlotDataItem(name=name)
                plot_item.addItem(curve)
                self._core_curves.append(curve)
            plot_item.setLabel("left", self.tr("Load (%)"))
            plot_item.hideAxis("right")
            self._set_ticks("left", [(p, str(p)) for p in _PERCENT_TICKS])
        plot_item.addItem(self._tree_curve)  # named: the legend row adds it after the cores
        self._restyle()
        plot_item.setYRange(-_FLOOR_ROOM * self._value_top(), (1 + _CEILING_ROOM) * self._value_top(), padding=0.0)

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
