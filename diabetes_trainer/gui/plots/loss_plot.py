"""The live loss plot: one point per iteration, epoch means, validation loss, smoothing and overlaid runs.

Built for long runs: the data live in growing numpy buffers, appending only marks the plot dirty, and the
~30 Hz redraw hands pyqtgraph views of those buffers (no copies), which it downsamples (peak) and clips to the
visible range. Everything computed per point (x values in all three modes, the moving average) is computed once,
vectorised, when the chunk arrives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget

from diabetes_trainer.gui.buffers import GrowableArray, ema_weight, exponential_moving_average, smoothing_span
from diabetes_trainer.gui.plots.theme import LIGHT, LivePlotWidget, PlotTheme

X_MODES = ("iteration", "epoch", "time")
MAX_SMOOTHING = 0.99
_RAW_STRENGTH_WHEN_SMOOTHED = 0.35  # the raw curve fades back so the smoothed one reads as the signal
_DOWNSAMPLE_BINS_PER_PIXEL = 2.0
_FIRST_OVERLAY_ROLE = 3  # palette roles 0-2 belong to the live run's curves


@dataclass(frozen=True)
class Overlay:
    """A finished run drawn behind the live one: one y per iteration and its x in each x mode."""

    label: str
    x_iteration: np.ndarray
    x_epoch: np.ndarray
    x_time: np.ndarray
    y: np.ndarray

    def x(self, mode: str) -> np.ndarray:
        return {"iteration": self.x_iteration, "epoch": self.x_epoch, "time": self.x_time}[mode]


def _long_curve() -> pg.PlotDataItem:
    # pyqtgraph's default keeps 5 peak bins per pixel; 2 look the same and paint about twice as fast.
    return pg.PlotDataItem(autoDownsampleFactor=_DOWNSAMPLE_BINS_PER_PIXEL)


class LossPlot(LivePlotWidget):
    """Training loss over iterations, epochs or seconds, fed in chunks from the training process."""

    smoothingSpanChanged = Signal(float)  # iterations the smoothed curve averages over (0: off)

    def __init__(self, parent: QWidget | None = None, theme: PlotTheme = LIGHT):
        super().__init__(parent, theme)
        self.setObjectName("lossPlot")
        self.setAccessibleName(self.tr("Loss plot"))
        self.setAccessibleDescription(self.tr("Training loss of every iteration, the mean loss of every epoch "
                                              "and, when there is a validation split, the validation loss"))
        self._iterations_per_epoch = 1
        self._x_mode = "iteration"
        self._smoothing = 0.0
        self._all_finite = True

        self._losses = GrowableArray(np.float64)
        self._batch_epochs = GrowableArray(np.int64)
        self._x_by_mode = {mode: GrowableArray(np.float64) for mode in X_MODES}
        self._smoothed = GrowableArray(np.float64)
        self._epoch_losses: dict[int, tuple[float, float]] = {}  # epoch -> (mean loss, validation loss or NaN)
        self._overlays: list[Overlay] = []
        self._run_label = ""  # the live run's name: its legend entry says it once other runs are overlaid
        self._overlay_curves: list[pg.PlotDataItem] = []

        plot_item = self.getPlotItem()
        # On the PlotItem, not on each curve: PlotItem.addItem overwrites a curve's own downsampling and
        # clipping with the PlotItem's settings (those of its context menu).
        plot_item.setDownsampling(auto=True, mode="peak")
        plot_item.setClipToView(True)
        self._loss_curve = _long_curve()
        self._smoothed_curve = _long_curve()
        self._epoch_curve = pg.PlotDataItem(symbol="o")
        self._validation_curve = pg.PlotDataItem(symbol="t1")
        for item in (self._loss_curve, self._smoothed_curve, self._epoch_curve, self._validation_curve):
            plot_item.addItem(item)
        self.add_legend_row()  # above the plot area, never over the data
        plot_item.setLabel("left", self.tr("Loss (BCE)"))
        self._update_x_label()
        self.set_theme(theme)

    # ----- feeding data -----

    def reset(self, iterations_per_epoch: int) -> None:
        """Forget the live run (a new one starts); overlaid runs stay."""
        if iterations_per_epoch < 1:
            raise ValueError(f"iterations_per_epoch must be at least 1, not {iterations_per_epoch}")
        span_before = self.smoothing_span()
        self._iterations_per_epoch = int(iterations_per_epoch)
        if self.smoothing_span() != span_before:
            self.smoothingSpanChanged.emit(self.smoothing_span())
        for buffer in (self._losses, self._batch_epochs, self._smoothed, *self._x_by_mode.values()):
            buffer.clear()
        self._epoch_losses.clear()
        self._all_finite = True
        self.getPlotItem().enableAutoRange()
        self.redraw_now()

    def clear(self) -> None:
        """Forget the live run and the overlays."""
        self._overlays = []
        self._rebuild_overlay_curves()
        self.reset(self._iterations_per_epoch)

    def append_batches(self, losses: np.ndarray, epochs: np.ndarray, elapsed_s: np.ndarray) -> None:
        """Add the next iterations: their loss, 1-based epoch and seconds since the loop started."""
        losses = np.asarray(losses, dtype=np.float64).reshape(-1)
        epochs = np.asarray(epochs, dtype=np.int64).reshape(-1)
        elapsed_s = np.asarray(elapsed_s, dtype=np.float64).reshape(-1)
        if not len(losses) == len(epochs) == len(elapsed_s):
            raise ValueError(f"losses, epochs and elapsed_s must have the same length, not "
                             f"{len(losses)}, {len(epochs)} and {len(elapsed_s)}")
        if len(losses) == 0:
            return
        first = len(self._losses) + 1
        iterations = np.arange(first, first + len(losses), dtype=np.float64)
        self._x_by_mode["iteration"].append(iterations)
        self._x_by_mode["epoch"].append(iterations / self._iterations_per_epoch)
        self._x_by_mode["time"].append(elapsed_s)
        self._losses.append(losses)
        self._batch_epochs.append(epochs)
        # Checked per chunk so the redraw can skip pyqtgraph's own scan of all points.
        self._all_finite = self._all_finite and bool(np.isfinite(losses).all() and np.isfinite(elapsed_s).all())
        if self._smoothing > 0:
            self._smoothed.append(exponential_moving_average(losses, self._ema_weight(), self._smoothed.last()))
        self.mark_dirty()

    def append_epoch(self, epoch: int, mean_loss: float, val_loss: float | None = None) -> None:
        """Record an epoch's mean training loss (and validation loss); drawn where that epoch's last batch is."""
        self._epoch_losses[int(epoch)] = (float(mean_loss), np.nan if val_loss is None else float(val_loss))
        self.mark_dirty()

    # ----- what is shown -----

    def set_x_mode(self, mode: str) -> None:
        """x is the iteration number, the fractional epoch (iteration / iterations per epoch) or elapsed seconds."""
        if mode not in X_MODES:
            raise ValueError(f"x mode must be one of {', '.join(X_MODES)}, not {mode!r}")
        if mode == self._x_mode:
            return
        self._x_mode = mode
        self._update_x_label()
        self._show_overlay_data()
        self.getPlotItem().enableAutoRange()
        self.redraw_now()

    def x_mode(self) -> str:
        return self._x_mode

    def set_smoothing(self, smoothing: float) -> None:
        """Smoothing strength in [0, 0.99]: the moving average spans that share of an epoch (buffers.smoothing_span);
        0 turns the smoothed curve off."""
        if not 0.0 <= smoothing <= MAX_SMOOTHING:
            raise ValueError(f"smoothing must be between 0 and {MAX_SMOOTHING}, not {smoothing}")
        self._smoothing = float(smoothing)
        self._recompute_smoothed()
        self._restyle()
        self.redraw_now()
        self.smoothingSpanChanged.emit(self.smoothing_span())

    def smoothing(self) -> float:
        return self._smoothing

    def smoothing_span(self) -> float:
        """Iterations the smoothed curve averages over at this run's iterations per epoch; 0 when off."""
        return smoothing_span(self._smoothing, self._iterations_per_epoch) if self._smoothing > 0 else 0.0

    def _ema_weight(self) -> float:
        return ema_weight(self.smoothing_span())

    def _recompute_smoothed(self) -> None:
        self._smoothed.clear()
        if self._smoothing > 0 and len(self._losses):
            self._smoothed.append(exponential_moving_average(self._losses.view(), self._ema_weight()))

    def set_overlays(self, overlays: list[tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]) -> None:
        """Draw finished runs for comparison: ``(label, x_iteration, x_epoch, x_time, y)`` each, equal lengths."""
        checked = []
        for label, x_iteration, x_epoch, x_time, y in overlays:
            arrays = [np.asarray(a, dtype=np.float64).reshape(-1) for a in (x_iteration, x_epoch, x_time, y)]
            if len({len(a) for a in arrays}) != 1:
                raise ValueError(f"overlay {label!r}: x_iteration, x_epoch, x_time and y must have the same length")
            checked.append(Overlay(str(label), *arrays))
        self._overlays = checked
        self._rebuild_overlay_curves()

    def clear_overlays(self) -> None:
        self.set_overlays([])

    def overlay_labels(self) -> list[str]:
        return [overlay.label for overlay in self._overlays]

    def set_run_label(self, label: str) -> None:
        """Name the live run ("4 workers · I/O 2 ms"); the legend shows it beside overlaid runs."""
        self._run_label = str(label)
        self._rebuild_legend()
    def overlays(self) -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """The runs drawn for comparison, as ``set_overlays`` takes them."""
        return [(o.label, o.x_iteration, o.x_epoch, o.x_time, o.y) for o in self._overlays]

    # ----- for tests, exports and the window -----

    def point_count(self) -> int:
        """How many per-iteration points the loss curve holds (one per iteration received)."""
        return len(self._losses)

    def iterations_per_epoch(self) -> int:
        return self._iterations_per_epoch

    def loss_curve(self) -> pg.PlotDataItem:
        return self._loss_curve

    def smoothed_curve(self) -> pg.PlotDataItem:
        return self._smoothed_curve

    def epoch_curve(self) -> pg.PlotDataItem:
        return self._epoch_curve

    def validation_curve(self) -> pg.PlotDataItem:
        return self._validation_curve

    def overlay_curves(self) -> list[pg.PlotDataItem]:
        return list(self._overlay_curves)

    # ----- drawing -----

    def _redraw(self) -> None:
        x = self._x_by_mode[self._x_mode].view()
        self._loss_curve.setData(x, self._losses.view(), skipFiniteCheck=self._all_finite)
        if self._smoothing > 0:
            self._smoothed_curve.setData(x, self._smoothed.view(), skipFiniteCheck=self._all_finite)
        else:
            self._smoothed_curve.setData([], [])
        epoch_x, means, validation = self._epoch_points()
        self._epoch_curve.setData(epoch_x, means)
        has_validation = ~np.isnan(validation)
        self._validation_curve.setData(epoch_x[has_validation], validation[has_validation])
        self._rebuild_legend_if_needed()

    def _epoch_points(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """x of each recorded epoch's last batch in the current mode, its mean loss and validation loss."""
        if not self._epoch_losses:
            empty = np.empty(0)
            return empty, empty, empty
        epochs = np.fromiter(sorted(self._epoch_losses), dtype=np.int64)
        values = np.array([self._epoch_losses[e] for e in epochs.tolist()], dtype=np.float64).reshape(-1, 2)
        batch_epochs = self._batch_epochs.view()  # non-decreasing, so the end of epoch e is a binary search
        last_iteration = np.searchsorted(batch_epochs, epochs, side="right")
        # An epoch whose batches have not all arrived yet sits where it will end.
        not_arrived = epochs > (batch_epochs[-1] if len(batch_epochs) else 0)
        last_iteration = np.where(not_arrived, epochs * self._iterations_per_epoch, last_iteration)
        if self._x_mode == "iteration":
            x = last_iteration.astype(np.float64)
        elif self._x_mode == "epoch":
            x = last_iteration / self._iterations_per_epoch
        else:
            elapsed = self._x_by_mode["time"].view()
            known = (last_iteration >= 1) & (last_iteration <= len(elapsed))
            x = np.full(len(epochs), np.nan)
            x[known] = elapsed[last_iteration[known] - 1]
        shown = ~np.isnan(x)
        return x[shown], values[shown, 0], values[shown, 1]

    def _show_overlay_data(self) -> None:
        for overlay, curve in zip(self._overlays, self._overlay_curves, strict=True):
            finite = bool(np.isfinite(overlay.y).all() and np.isfinite(overlay.x(self._x_mode)).all())
            curve.setData(overlay.x(self._x_mode), overlay.y, skipFiniteCheck=finite)

    def _rebuild_overlay_curves(self) -> None:
        plot_item = self.getPlotItem()
        for curve in self._overlay_curves:
            plot_item.removeItem(curve)
        self._overlay_curves = []
        for _overlay in self._overlays:
            curve = _long_curve()
            curve.setZValue(-1)  # behind the live run
            plot_item.addItem(curve)
            self._overlay_curves.append(curve)
        self._show_overlay_data()
        self._restyle()
        self._rebuild_legend()

    def _legend_entries(self) -> list[tuple[pg.PlotDataItem, str]]:
        if self._overlays and self._run_label:
            entries = [(self._loss_curve, self.tr("{name} (this run)").format(name=self._run_label))]
        else:
            entries = [(self._loss_curve, self.tr("Loss per iteration"))]
        if self._smoothing > 0:
            entries.append((self._smoothed_curve, self.tr("Smoothed loss")))
        if self._epoch_losses:
            entries.append((self._epoch_curve, self.tr("Epoch mean loss")))
        if any(not np.isnan(validation) for _mean, validation in self._epoch_losses.values()):
            entries.append((self._validation_curve, self.tr("Validation loss")))
        entries.extend((curve, overlay.label) for overlay, curve in zip(self._overlays, self._overlay_curves,
                                                                         strict=True))
        return entries

    def _rebuild_legend_if_needed(self) -> None:
        legend = self.getPlotItem().legend
        shown = [sample.item for sample, _label in legend.items]
        if shown != [item for item, _name in self._legend_entries()]:
            self._rebuild_legend()

    def _rebuild_legend(self) -> None:
        """Only series that have something to show get an entry, in a fixed order."""
        legend = self.getPlotItem().legend
        legend.clear()
        for item, name in self._legend_entries():
            legend.addItem(item, name)

    def _update_x_label(self) -> None:
        labels = {
            "iteration": self.tr("Iteration"),
            "epoch": self.tr("Epoch"),
            "time": self.tr("Time (s)"),
        }
        self.getPlotItem().setLabel("bottom", labels[self._x_mode])
        self.getPlotItem().getAxis("bottom").set_whole_number_ticks(self._x_mode == "iteration")

    def _restyle(self) -> None:
        theme, width = self.theme, self.line_width
        # The per-iteration curve is the dense one (up to millions of points): half the width, as wide lines cost
        # Qt's raster painter about twice as much. The epoch means and the smoothed trend carry the full width.
        raw_width = max(1.0, width / 2)
        if self._smoothing > 0:
            self._loss_curve.setPen(pg.mkPen(theme.muted_color(0, _RAW_STRENGTH_WHEN_SMOOTHED), width=raw_width))
        else:
            self._loss_curve.setPen(theme.pen(0, raw_width))
        self._smoothed_curve.setPen(theme.pen(0, width * 1.5))
        self._epoch_curve.setPen(theme.pen(1, width))
        self._epoch_curve.setSymbolPen(theme.pen(1, 1))
        self._epoch_curve.setSymbolBrush(theme.brush(1))
        self._epoch_curve.setSymbolSize(theme.symbol_size)
        self._validation_curve.setPen(theme.pen(2, width, style=Qt.PenStyle.DashLine))
        self._validation_curve.setSymbolPen(theme.pen(2, 1))
        self._validation_curve.setSymbolBrush(theme.brush(2))
        self._validation_curve.setSymbolSize(theme.symbol_size)
        overlay_roles = len(theme.palette) - _FIRST_OVERLAY_ROLE  # cycle without reusing the live run's colours
        for index, curve in enumerate(self._overlay_curves):
            curve.setPen(theme.pen(_FIRST_OVERLAY_ROLE + index % overlay_roles, width))
        self.getPlotItem().legend.update()
