"""The per-batch stall timeline: how long the loop waited for each batch, stacked on how long it computed.

Only the latest ``window`` batches are drawn (a ring buffer keeps at most ``MAX_WINDOW`` rows), so the cost of a
redraw does not grow with the run. Detected stalls get a marker above their bar, and the caption names the pattern.
The caption and the legend share one compact row above the bars: the plot is short (a tab under the loss plot),
and a title plus a legend would take half of it on a 1024x768 screen.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPen
from PySide6.QtWidgets import QWidget

from diabetes_trainer.gui.buffers import RingBuffer2D
from diabetes_trainer.gui.plots.theme import LIGHT, CompactSample, LivePlotWidget, PlotTheme

DEFAULT_WINDOW = 200
MAX_WINDOW = 5000
_BAR_WIDTH = 0.8
_ITERATION, _WAIT_MS, _COMPUTE_MS, _EPOCH = range(4)  # columns of the ring buffer
_COMPUTE_ROLE, _WAIT_ROLE = 0, 1  # palette roles, see theme.py
_MARKER_LIFT = 0.04  # stall markers float this share of the tallest bar above their bar
_MAX_EPOCH_LINES = 50
_HEADROOM = 1.3  # the y range reaches this multiple of the tallest bar: room for markers and the legend
_ROBUST_PERCENTILE = 99  # the y range is set by this percentile of the bars, so one slow batch cannot flatten the rest
_OUTLIER_FACTOR = 2.0  # ... when the tallest bar is more than this many times that percentile
_MIN_BARS_FOR_PERCENTILE = 20
_MAX_EPOCH_LABELS = 10  # more epoch lines than this: only every k-th is labelled, so the labels never overlap


class StallPlot(LivePlotWidget):
    """Waiting (top) and computing (bottom) time of each batch, in milliseconds, over the iteration number."""

    # Bars of the latest batches: ten frames a second read as live, and leave the GUI thread to the loss plot.
    REDRAW_INTERVAL_MS = 100

    def __init__(self, parent: QWidget | None = None, theme: PlotTheme = LIGHT):
        super().__init__(parent, theme)
        self.setObjectName("stallPlot")
        self.setAccessibleName(self.tr("Stall timeline"))
        self.setAccessibleDescription(self.tr("For each of the latest batches: the time the training loop waited "
                                              "for it and the time it spent computing on it"))
        self._rows = RingBuffer2D(MAX_WINDOW, 4)
        self._count = 0
        self._window = DEFAULT_WINDOW
        self._stall_indices = np.empty(0, dtype=np.int64)
        self._stall_text = ""
        self._follow = True  # keep the x range on the newest batches until the user pans or zooms

        empty = np.empty(0)
        self._compute_bars = pg.BarGraphItem(x=empty, height=empty, width=_BAR_WIDTH)
        self._wait_bars = pg.BarGraphItem(x=empty, y0=empty, height=empty, width=_BAR_WIDTH)
        self._stall_markers = pg.ScatterPlotItem(symbol="t", pxMode=True)
        # Bars taller than the y range (one slow batch): an upward arrow at the top edge says "off the scale".
        self._outlier_markers = pg.ScatterPlotItem(symbol="t1", pxMode=True)
        self._epoch_lines: list[pg.InfiniteLine] = []
        plot_item = self.getPlotItem()
        for item in (self._compute_bars, self._wait_bars, self._stall_markers, self._outlier_markers):
            plot_item.addItem(item)
        self.add_legend_row(compact=True)  # above the plot area, never over the data; the caption leads it
        plot_item.setLabel("left", self.tr("Time (ms)"))  # per batch: the bars; short, for a short plot
        plot_item.setLabel("bottom", self.tr("Iteration"))
        plot_item.getAxis("bottom").set_whole_number_ticks(True)
        plot_item.getViewBox().sigRangeChangedManually.connect(self._stop_following)
        self.set_theme(theme)
        self._redraw()

    # ----- feeding data -----

    def reset(self) -> None:
        """Forget all batches and stalls (a new run starts)."""
        self._rows.clear()
        self._count = 0
        self._stall_indices = np.empty(0, dtype=np.int64)
        self._stall_text = ""
        self._follow = True
        self.getPlotItem().enableAutoRange(y=True)
        self.redraw_now()

    def append(self, wait_s: np.ndarray, compute_s: np.ndarray, epochs: np.ndarray | None = None) -> None:
        """Add the next batches' waiting and computing seconds, and optionally their 1-based epochs.

        Epoch boundaries are drawn as faint vertical lines where the epoch changes.
        """
        wait_s = np.asarray(wait_s, dtype=np.float64).reshape(-1)
        compute_s = np.asarray(compute_s, dtype=np.float64).reshape(-1)
        epochs = np.full(len(wait_s), np.nan) if epochs is None else np.asarray(epochs, dtype=np.float64).reshape(-1)
        if not len(wait_s) == len(compute_s) == len(epochs):
            raise ValueError(f"wait_s, compute_s and epochs must have the same length, not "
                             f"{len(wait_s)}, {len(compute_s)} and {len(epochs)}")
        if len(wait_s) == 0:
            return
        iterations = np.arange(self._count + 1, self._count + 1 + len(wait_s), dtype=np.float64)
        self._rows.extend(np.column_stack((iterations, wait_s * 1000.0, compute_s * 1000.0, epochs)))
        self._count += len(wait_s)
        self.mark_dirty()

    def set_stalls(self, indices: np.ndarray, period: int | None = None, label: str = "") -> None:
        """Highlight stalled batches, given as 0-based positions in the run (iteration number - 1).

        ``label`` is shown as the caption; when empty, a translated one is made from ``period``
        ("stall every 4 batches") or from the number of stalls.
        """
        self._stall_indices = np.unique(np.asarray(indices, dtype=np.int64).reshape(-1))
        text = label or self._default_caption(period, len(self._stall_indices))
        self._stall_text = text  # the legend row is rebuilt only when its entries change
        self.redraw_now()

    def set_window(self, batches: int) -> None:
        """Show the latest ``batches`` batches (1 to MAX_WINDOW)."""
        if not 1 <= batches <= MAX_WINDOW:
            raise ValueError(f"the window must be between 1 and {MAX_WINDOW} batches, not {batches}")
        self._window = int(batches)
        self._follow = True
        self.redraw_now()

    # ----- for tests, exports and the window -----

    def window(self) -> int:
        return self._window

    def batch_count(self) -> int:
        """Batches received since the last reset (the newest one's iteration number)."""
        return self._count

    def visible_iterations(self) -> np.ndarray:
        """Iteration numbers of the bars drawn now."""
        return self._visible_rows()[:, _ITERATION].astype(np.int64)

    def highlighted_iterations(self) -> np.ndarray:
        """Iteration numbers of the drawn bars marked as stalls."""
        return np.asarray(self._stall_markers.getData()[0], dtype=np.float64).astype(np.int64)

    def compute_bars(self) -> pg.BarGraphItem:
        return self._compute_bars

    def wait_bars(self) -> pg.BarGraphItem:
        return self._wait_bars

    def stall_markers(self) -> pg.ScatterPlotItem:
        return self._stall_markers

    def outlier_iterations(self) -> np.ndarray:
        """Iteration numbers of the drawn bars taller than the y range (marked at its top edge)."""
        return np.asarray(self._outlier_markers.getData()[0], dtype=np.float64).astype(np.int64)

    def epoch_labels(self) -> list[str]:
        """The labels of the epoch lines drawn now ("" for a line left unlabelled)."""
        return [line.label.format if line.label is not None else "" for line in self._epoch_lines
                if line.isVisible()]

    def caption(self) -> str:
        return self._stall_text

    def epoch_boundaries(self) -> list[float]:
        """x positions of the epoch lines drawn now (between the last batch of one epoch and the next)."""
        return [line.value() for line in self._epoch_lines if line.isVisible()]

    # ----- drawing -----

    def _visible_rows(self) -> np.ndarray:
        rows = self._rows.view()
        return rows[-self._window:]

    def _redraw(self) -> None:
        rows = self._visible_rows()
        x = rows[:, _ITERATION]
        compute_ms = rows[:, _COMPUTE_MS]
        total_ms = compute_ms + rows[:, _WAIT_MS]
        self._compute_bars.setOpts(x=x, height=compute_ms)
        self._wait_bars.setOpts(x=x, y0=compute_ms, height=rows[:, _WAIT_MS])
        self._draw_stalls(x, total_ms)
        self._draw_epoch_lines(x, rows[:, _EPOCH])
        top = self._y_top(total_ms)
        above = total_ms > top
        self._outlier_markers.setData(x=x[above], y=np.full(int(above.sum()), top * 0.97))
        self._rebuild_legend_if_needed()
        if self._follow or self.getPlotItem().getViewBox().autoRangeEnabled()[0]:
            # The "A" button turns auto-range on: take that as "follow again".
            self._follow = True
            self._show_newest(top)

    def _y_top(self, total_ms: np.ndarray) -> float:
        """The top of the y range: the tallest bar plus headroom, unless one bar towers over the rest; then the
        99th percentile plus headroom (the taller bars are marked at the top edge)."""
        if not len(total_ms):
            return 1.0
        tallest = float(total_ms.max())
        if tallest <= 0:
            return 1.0
        if len(total_ms) >= _MIN_BARS_FOR_PERCENTILE:
            typical = float(np.percentile(total_ms, _ROBUST_PERCENTILE, method="lower"))
            if typical > 0 and tallest > _OUTLIER_FACTOR * typical:
                return typical * _HEADROOM
        return tallest * _HEADROOM

    def _show_newest(self, top: float) -> None:
        """The x range ends at the newest batch and spans the window, or only the run's batches while there are
        fewer (72 iterations are shown as 1..72, not 1..200); y from 0 to ``top``."""
        newest = max(self._count, 1)
        first = max(1, newest - self._window + 1)
        self.getPlotItem().getViewBox().setRange(xRange=(first - 0.5, newest + 0.5), yRange=(0.0, top),
                                                 padding=0.0)

    def _draw_stalls(self, x: np.ndarray, total_ms: np.ndarray) -> None:
        if len(x) and len(self._stall_indices):
            first = int(x[0])
            positions = self._stall_indices + 1 - first  # rows of x are consecutive iterations
            positions = positions[(positions >= 0) & (positions < len(x))]
        else:
            positions = np.empty(0, dtype=np.int64)
        top = self._y_top(total_ms)
        lift = _MARKER_LIFT * top / _HEADROOM
        # A stalled bar off the scale gets its marker just below the top edge, where it can still be seen.
        self._stall_markers.setData(x=x[positions], y=np.minimum(total_ms[positions] + lift, top * 0.92))

    def _draw_epoch_lines(self, x: np.ndarray, epochs: np.ndarray) -> None:
        changes = np.flatnonzero(np.diff(epochs) != 0) + 1 if len(epochs) > 1 else np.empty(0, dtype=np.int64)
        changes = changes[~np.isnan(epochs[changes]) & ~np.isnan(epochs[changes - 1])]  # NaN: epoch not given
        positions = x[changes] - 0.5
        if len(positions) > _MAX_EPOCH_LINES:
            positions = positions[:0]  # tiny epochs: a line at every few bars would only hatch the plot
        while len(self._epoch_lines) < len(positions):
            line = pg.InfiniteLine(angle=90, movable=False, pen=self._epoch_line_pen(), label="",
                                   labelOpts={"position": 0.97, "anchors": [(0, 0), (0, 0)],
                                              "color": self.theme.foreground})
            self.getPlotItem().addItem(line, ignoreBounds=True)
            self._epoch_lines.append(line)
        every = self._label_every(positions)
        new_epochs = epochs[changes]
        right_edge = max(self._count, 1) + 0.5  # of the newest batches' view
        for index, line in enumerate(self._epoch_lines):
            if index < len(positions):
                line.setValue(float(positions[index]))
                # Labelled with the epoch that starts there, as "epoch 3" in the loss plot's terms; not when the
                # label would run past the right edge ("Epo").
                label = self.tr("Epoch {epoch}").format(epoch=int(new_epochs[index])) if index % every == 0 else ""
                if label and (right_edge - positions[index]) * self._pixels_per_batch() < self._label_px(label):
                    label = ""
                if line.label.format != label:
                    line.label.setFormat(label)
                line.show()
            else:
                line.hide()

    def _label_every(self, positions: np.ndarray) -> int:
        """Label every k-th epoch line: at most _MAX_EPOCH_LABELS, and never closer than a label is wide."""
        if len(positions) == 0:
            return 1
        every = -(-len(positions) // _MAX_EPOCH_LABELS)
        if len(positions) > 1:
            gap_px = float(np.min(np.diff(positions))) * self._pixels_per_batch()
            label_px = self._label_px(self.tr("Epoch {epoch}").format(epoch=9999))
            if gap_px > 0:
                every = max(every, int(np.ceil(label_px / gap_px)))
        return every

    def _pixels_per_batch(self) -> float:
        span = max(self._count, 1) - max(1, self._count - self._window + 1) + 1
        return self.getPlotItem().getViewBox().width() / span

    def _label_px(self, text: str) -> float:
        return QFontMetricsF(self.theme.font(0.9)).horizontalAdvance(text) * 1.1

    def _legend_entries(self) -> list[tuple[pg.GraphicsObject | None, str]]:
        """(item, name) for each entry. The caption leads, keyed by the stall marker when there are stalls (it
        names their pattern), else with no sample ("No periodic stall")."""
        has_stalls = bool(len(self._stall_indices))
        entries = []
        if self._stall_text or has_stalls:
            entries.append((self._stall_markers if has_stalls else None, self._stall_text or self.tr("Stall")))
        entries += [(self._wait_bars, self.tr("Waiting")), (self._compute_bars, self.tr("Computing"))]
        if len(self._outlier_markers.getData()[0]):
            entries.append((self._outlier_markers, self.tr("Off scale")))
        return entries

    def _rebuild_legend_if_needed(self) -> None:
        legend = self.getPlotItem().legend
        entries = self._legend_entries()
        if [(sample.item, label.text) for sample, label in legend.items] != entries:
            legend.clear()
            for item, name in entries:
                legend.addItem(item if item is not None else _CaptionSample(), name)
            if self._stall_text:
                legend.items[0][1].setText(self._stall_text, bold=True)

    def _default_caption(self, period: int | None, count: int) -> str:
        if count == 0:
            return ""
        if period == 1:
            return self.tr("Every batch stalls")
        if period is not None:
            return self.tr("Stall every %n batches", "", period)
        if count == 1:
            return self.tr("1 stalled batch")
        return self.tr("%n stalled batches", "", count)

    def _stop_following(self) -> None:
        self._follow = False

    def _restyle(self) -> None:
        theme = self.theme
        self._compute_bars.setOpts(pen=None, brush=theme.brush(_COMPUTE_ROLE))
        self._wait_bars.setOpts(pen=None, brush=theme.brush(_WAIT_ROLE))
        self._stall_markers.setPen(pg.mkPen(theme.foreground_color(), width=1))
        self._stall_markers.setBrush(theme.foreground_color())
        self._stall_markers.setSize(theme.symbol_size * 1.5)
        self._outlier_markers.setPen(pg.mkPen(theme.foreground_color(), width=1))
        self._outlier_markers.setBrush(theme.brush(_WAIT_ROLE))
        self._outlier_markers.setSize(theme.symbol_size * 1.5)
        for line in self._epoch_lines:
            line.setPen(self._epoch_line_pen())
            line.label.setColor(theme.foreground)
            line.label.setFont(theme.font(0.9))
        self.getPlotItem().legend.update()

    def _epoch_line_pen(self) -> QPen:
        return pg.mkPen(self.theme.foreground_color(0.5), width=1, style=Qt.PenStyle.DashLine)


class _CaptionSample(CompactSample):
    """The caption's place in the legend row: no sample drawn, no width, not clickable."""

    def __init__(self):
        super().__init__(None)
        self.setFixedWidth(0)

    def boundingRect(self):  # noqa: N802 (Qt's name)
        return QRectF(0, 0, 0, 20 * self.SCALE)

    def paint(self, painter, *args) -> None:
        pass

    def mouseClickEvent(self, event) -> None:  # noqa: N802 (pyqtgraph's name)
        event.ignore()
