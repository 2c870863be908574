"""The num_workers sweep chart: for each setting a stacked bar of worker start-up and steady-state time.

Each bar's total is the setting's median loop time; its lower part is the median worker start-up (capped at the
total, since medians of parts need not add up to the median of the whole) and the upper part the rest. Whiskers
span the fastest and slowest repeat; the fastest setting gets a star, and its legend entry names it. Rows arrive one
setting at a time while the sweep runs, so ``set_rows`` only marks the plot dirty.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QWidget

from diabetes_trainer.core.durations import seconds_figure
from diabetes_trainer.gui.plots.theme import LIGHT, LivePlotWidget, PlotTheme

_STEADY_ROLE, _STARTUP_ROLE, _FASTEST_ROLE = 0, 1, 4  # palette roles, see theme.py
_BAR_SHARE = 0.7  # of the smallest gap between two settings
_HEADROOM = 1.4  # the y range reaches this multiple of the tallest whisker: room for the star and the legend
_LEGEND_MARGIN_PX = 8
_STAR_LIFT = 0.06  # the star floats this share of the y range above the fastest whisker


def _number(value: Any) -> float:
    """A finite float, or NaN for a value a failed or unfinished setting does not have."""
    if value is None or isinstance(value, bool):
        return math.nan
    try:
        number = float(value)
    except (TypeError, ValueError):
        return math.nan
    return number if math.isfinite(number) else math.nan


class SweepPlot(LivePlotWidget):
    """Run time against num_workers: start-up (bottom) and steady state (top), whiskers, fastest marked."""

    def __init__(self, parent: QWidget | None = None, theme: PlotTheme = LIGHT):
        super().__init__(parent, theme)
        self.setObjectName("sweepPlot")
        self.setAccessibleName(self.tr("Sweep chart"))
        self.setAccessibleDescription(self.tr(
            "For each num_workers setting: the median training time split into worker start-up and steady "
            "state, the range of the repeats, and the fastest setting marked"))
        self._rows: list[dict] = []
        self._title = ""
        self._ticks: list[tuple[float, str]] = []

        empty = np.empty(0)
        self._startup_bars = pg.BarGraphItem(x=empty, height=empty, width=_BAR_SHARE)
        self._steady_bars = pg.BarGraphItem(x=empty, y0=empty, height=empty, width=_BAR_SHARE)
        self._whiskers = pg.ErrorBarItem(x=empty, y=empty, top=empty, bottom=empty)
        self._fastest_marker = pg.ScatterPlotItem(symbol="star", pxMode=True)
        self._fastest_text = ""
        plot_item = self.getPlotItem()
        for item in (self._startup_bars, self._steady_bars, self._whiskers, self._fastest_marker):
            plot_item.addItem(item)
        self.addLegend(offset=(-_LEGEND_MARGIN_PX, 5), colCount=2)
        self._legend_on_left = False
        plot_item.setLabel("left", self.tr("Training loop time (s)"))
        plot_item.setLabel("bottom", self.tr("num_workers"))
        plot_item.setMouseEnabled(x=False, y=False)  # a handful of bars: nothing to pan or zoom
        self.set_theme(theme)
        self._redraw()

    # ----- feeding data -----

    def set_rows(self, rows: list[dict]) -> None:
        """One dict per setting: num_workers, seconds (median), min_s, max_s, startup_s, steady_s.

        Settings without a time (every repeat failed) keep their tick, labelled as failed, but get no bar.
        """
        self._rows = sorted((dict(row) for row in rows), key=lambda row: int(row["num_workers"]))
        self.mark_dirty()

    def set_title(self, title: str) -> None:
        self._title = title
        self._show_title()

    def clear(self) -> None:
        """No settings, no title (a new sweep starts)."""
        self._rows = []
        self._title = ""
        self._show_title()
        self.redraw_now()

    # ----- for tests, exports and the window -----

    def rows(self) -> list[dict]:
        return [dict(row) for row in self._rows]

    def title(self) -> str:
        return self._title

    def fastest_row(self) -> dict | None:
        """The setting with the smallest median time (the fewest workers on a tie), or None without times."""
        timed = [row for row in self._rows if _number(row.get("seconds")) > 0]
        return dict(min(timed, key=lambda r: (_number(r["seconds"]), int(r["num_workers"])))) if timed else None

    def fastest_text(self) -> str:
        """The star's legend entry, "fastest: 0 workers, 1.02 s"; "" when no setting has a time."""
        return self._fastest_text

    def fastest_position(self) -> tuple[float, float] | None:
        """Where the star is drawn (x = num_workers), or None when no setting has a time."""
        x, y = self._fastest_marker.getData()
        return (float(x[0]), float(y[0])) if len(x) else None

    def bar_data(self) -> dict[str, np.ndarray]:
        """What the bars and whiskers show now: x, start-up and steady heights, whisker low and high."""
        startup, steady = self._startup_bars.opts, self._steady_bars.opts
        whiskers = self._whiskers.opts
        y = np.asarray(whiskers["y"], dtype=float)
        return {
            "x": np.asarray(startup["x"], dtype=float),
            "startup": np.asarray(startup["height"], dtype=float),
            "steady": np.asarray(steady["height"], dtype=float),
            "low": y - np.asarray(whiskers["bottom"], dtype=float),
            "high": y + np.asarray(whiskers["top"], dtype=float),
        }

    def tick_labels(self) -> list[tuple[float, str]]:
        """The x ticks drawn now: (num_workers, label); a failed setting's label says so."""
        return list(self._ticks)

    # ----- drawing -----

    def _redraw(self) -> None:
        timed = [row for row in self._rows if _number(row.get("seconds")) > 0]
        x = np.array([float(row["num_workers"]) for row in timed])
        seconds = np.array([_number(row["seconds"]) for row in timed])
        startup = np.nan_to_num(np.array([_number(row.get("startup_s")) for row in timed]), nan=0.0)
        startup = np.clip(startup, 0.0, seconds) if len(timed) else startup
        low = np.array([_number(row.get("min_s")) for row in timed])
        high = np.array([_number(row.get("max_s")) for row in timed])
        # A setting run once (or a row without a range) has no spread: the whisker collapses onto the bar.
        low = np.where(np.isnan(low), seconds, np.minimum(low, seconds))
        high = np.where(np.isnan(high), seconds, np.maximum(high, seconds))

        width = self._bar_width()
        self._startup_bars.setOpts(x=x, height=startup, width=width)
        self._steady_bars.setOpts(x=x, y0=startup, height=seconds - startup, width=width)
        self._whiskers.setData(x=x, y=seconds, top=high - seconds, bottom=seconds - low, beam=width * 0.4)
        self._draw_ticks()
        top = float(high.max()) * _HEADROOM if len(high) else 1.0
        self._draw_fastest(top)
        self._place_legend(x, high)
        left = min((float(row["num_workers"]) for row in self._rows), default=0.0)
        right = max((float(row["num_workers"]) for row in self._rows), default=1.0)
        self.getPlotItem().getViewBox().setRange(xRange=(left - width, right + width), yRange=(0.0, top),
                                                 padding=0.0)
        self._rebuild_legend_if_needed()

    def _bar_width(self) -> float:
        workers = sorted({int(row["num_workers"]) for row in self._rows})
        gaps = np.diff(workers)
        return _BAR_SHARE * float(gaps.min()) if len(gaps) else _BAR_SHARE

    def _draw_ticks(self) -> None:
        ticks = []
        for row in self._rows:
            workers = int(row["num_workers"])
            failed = not _number(row.get("seconds")) > 0
            ticks.append((float(workers), self.tr("{n} (failed)").format(n=workers) if failed else str(workers)))
        self._ticks = ticks
        self.getPlotItem().getAxis("bottom").setTicks([ticks] if ticks else None)

    def _place_legend(self, x: np.ndarray, high: np.ndarray) -> None:
        """Over the half whose whiskers are lower (time usually grows with workers: then top left)."""
        if len(x) > 1:
            middle = (float(x.min()) + float(x.max())) / 2
            on_left = float(high[x <= middle].max()) < float(high[x > middle].max())
        else:
            on_left = False
        if on_left != self._legend_on_left or len(x) <= 1:
            self._legend_on_left = on_left
            side = 0 if on_left else 1
            margin = _LEGEND_MARGIN_PX if on_left else -_LEGEND_MARGIN_PX
            self.getPlotItem().legend.anchor(itemPos=(side, 0), parentPos=(side, 0), offset=(margin, 5))

    def _draw_fastest(self, top: float) -> None:
        """A star above the fastest setting's whisker; its legend entry names the setting and its time.

        The text lives in the legend, not beside the star, so it is never cut off at the plot's edge and never
        covers a neighbouring bar, whatever the window size.
        """
        best = self.fastest_row()
        if best is None:
            self._fastest_marker.setData(x=[], y=[])
            self._fastest_text = ""
            return
        workers, seconds = int(best["num_workers"]), _number(best["seconds"])
        slowest_repeat = _number(best.get("max_s"))
        high = seconds if math.isnan(slowest_repeat) else max(seconds, slowest_repeat)
        self._fastest_marker.setData(x=[float(workers)], y=[high + _STAR_LIFT * top])
        time_text = seconds_figure(seconds)
        if workers == 1:
            self._fastest_text = self.tr("fastest: 1 worker, {seconds} s").format(seconds=time_text)
        else:
            self._fastest_text = self.tr("fastest: {n} workers, {seconds} s").format(n=workers, seconds=time_text)

    def _legend_entries(self) -> list[tuple[pg.GraphicsObject, str]]:
        if not any(_number(row.get("seconds")) > 0 for row in self._rows):
            return []
        return [
            (self._steady_bars, self.tr("Steady state")),
            (self._startup_bars, self.tr("Worker start-up")),
            (self._whiskers, self.tr("Fastest–slowest repeat")),
            (self._fastest_marker, self._fastest_text),
        ]

    def _rebuild_legend_if_needed(self) -> None:
        legend = self.getPlotItem().legend
        if [(sample.item, label.text) for sample, label in legend.items] != self._legend_entries():
            legend.clear()
            for item, name in self._legend_entries():
                legend.addItem(item, name)

    def _show_title(self) -> None:
        plot_item = self.getPlotItem()
        if self._title:
            plot_item.setTitle(self._title, color=self.theme.foreground,
                               size=f"{self.theme.font_point_size * 1.2:g}pt")
        else:
            plot_item.setTitle(None)

    def _restyle(self) -> None:
        theme = self.theme
        self._startup_bars.setOpts(pen=None, brush=theme.brush(_STARTUP_ROLE))
        self._steady_bars.setOpts(pen=None, brush=theme.brush(_STEADY_ROLE))
        self._whiskers.setData(pen=pg.mkPen(theme.foreground_color(), width=max(1.0, self.line_width * 0.75)))
        self._fastest_marker.setPen(pg.mkPen(theme.foreground_color(), width=1))
        self._fastest_marker.setBrush(theme.brush(_FASTEST_ROLE))
        self._fastest_marker.setSize(theme.symbol_size * 2.2)
        # Bars are read against the y grid only; vertical lines would run through them.
        self.getPlotItem().showGrid(x=False, y=True, alpha=theme.grid_alpha)
        self._show_title()
        self.getPlotItem().legend.update()
