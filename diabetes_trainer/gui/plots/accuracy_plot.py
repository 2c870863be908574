"""Accuracy after each epoch: on the training rows, and on the held-out validation rows when there are some."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QWidget

from ..buffers import GrowableArray
from .theme import LIGHT, LivePlotWidget, PlotTheme

_TRAIN_ROLE, _VALIDATION_ROLE = 0, 1  # palette roles, see theme.py


def majority_share(rows: int, positives: int) -> tuple[int, float] | None:
    """The majority label (1 or 0) and its share of the rows: the accuracy of answering it for everyone."""
    if rows <= 0 or not 0 <= positives <= rows:
        return None
    return (1, positives / rows) if 2 * positives >= rows else (0, 1 - positives / rows)


class AccuracyPlot(LivePlotWidget):
    def __init__(self, parent: QWidget | None = None, theme: PlotTheme = LIGHT):
        super().__init__(parent, theme)
        self.setObjectName("accuracyPlot")
        self.setAccessibleName(self.tr("Accuracy per epoch"))
        self.setAccessibleDescription(self.tr("Share of rows the network classifies correctly after each epoch, "
                                              "on the training rows and on the validation rows"))
        self._epochs = GrowableArray()
        self._train = GrowableArray()
        self._validation = GrowableArray()
        self.add_legend_row()  # above the plot area, never over the data
        self._train_curve = self.plot(name=self.tr("Training accuracy"), symbol="o")
        self._validation_curve = self.plot(symbol="s")  # in the legend once there is a validation split
        plot_item = self.getPlotItem()
        plot_item.setLabel("left", self.tr("Accuracy (%)"))
        plot_item.setLabel("bottom", self.tr("Epoch"))
        plot_item.getAxis("bottom").set_whole_number_ticks(True)  # epochs are counted, never 2.5
        plot_item.setYRange(0, 100)
        # Dashed: the accuracy a network reaches by answering the majority label for every row. A curve lying on it
        # has learnt nothing but the label shares.
        self._baseline = pg.InfiniteLine(angle=0, movable=False, label="",
                                         labelOpts={"position": 0.02, "anchors": [(0, 1), (0, 1)]})
        self._baseline.setObjectName("majorityBaseline")
        self._baseline.setVisible(False)
        plot_item.addItem(self._baseline, ignoreBounds=True)
        self.set_theme(theme)

    def set_majority_baseline(self, rows: int, positives: int) -> None:
        """Show the majority-label share of the run's ``rows`` (``positives`` of them labelled 1); hide if unknown."""
        majority = majority_share(rows, positives)
        self._baseline.setVisible(majority is not None)
        if majority is None:
            return
        label, share = majority
        self._baseline.setValue(100.0 * share)
        self._baseline.label.setFormat(self.tr("always answering {label}: {share} %").format(
            label=label, share=QLocale().toString(100.0 * share, "f", 1)))

    def majority_baseline(self) -> float | None:
        """The baseline's height in percent, or None when it is hidden."""
        return float(self._baseline.value()) if self._baseline.isVisible() else None

    def majority_baseline_text(self) -> str:
        return self._baseline.label.format if self._baseline.isVisible() else ""

    def reset(self) -> None:
        for buffer in (self._epochs, self._train, self._validation):
            buffer.clear()
        self.redraw_now()

    def append_epoch(self, epoch: int, accuracy: float, val_accuracy: float | None = None) -> None:
        self._epochs.append(float(epoch))
        self._train.append(100.0 * accuracy)
        self._validation.append(np.nan if val_accuracy is None else 100.0 * val_accuracy)
        self.mark_dirty()

    def point_count(self) -> int:
        return len(self._epochs)

    def validation_points(self) -> int:
        return int(np.count_nonzero(np.isfinite(self._validation.view())))

    def _redraw(self) -> None:
        epochs = self._epochs.view()
        self._train_curve.setData(epochs, self._train.view())
        validation = self._validation.view()
        shown = np.isfinite(validation)
        self._validation_curve.setData(epochs[shown], validation[shown])
        has_validation = bool(shown.any())
        self._validation_curve.setVisible(has_validation)
        legend = self.getPlotItem().legend
        listed = any(sample.item is self._validation_curve for sample, _label in legend.items)
        if has_validation and not listed:
            legend.addItem(self._validation_curve, self.tr("Validation accuracy"))
        elif listed and not has_validation:
            legend.removeItem(self._validation_curve)

    def _restyle(self) -> None:
        theme = self.theme
        for curve, role in ((self._train_curve, _TRAIN_ROLE), (self._validation_curve, _VALIDATION_ROLE)):
            curve.setPen(theme.pen(role, width=self.line_width))
            curve.setSymbolBrush(theme.brush(role))
            curve.setSymbolPen(pg.mkPen(theme.color(role)))
            curve.setSymbolSize(theme.symbol_size)
        self._baseline.setPen(pg.mkPen(theme.foreground, width=max(1.0, self.line_width / 2),
                                       style=Qt.PenStyle.DashLine))
        self._baseline.label.setColor(theme.foreground)
