"""The loss plot with its own controls: x axis (iteration, epoch, wall time) and smoothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from ..layout import WholeTextComboBox
from ..plots.loss_plot import LossPlot
from ..widgets import named


class LossPanel(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        controls = QHBoxLayout()
        self.xAxisCombo = named(WholeTextComboBox(), "xAxisCombo", self.tr("Loss plot x axis"), self.tr(
            "Draw the loss against iterations (one point per mini-batch step), epochs, or seconds."))
        for label, mode in ((self.tr("Iteration"), "iteration"), (self.tr("Epoch"), "epoch"),
                            (self.tr("Time (s)"), "time")):
            self.xAxisCombo.addItem(label, mode)
        self.smoothingSlider = named(QSlider(Qt.Orientation.Horizontal), "smoothingSlider",
                                     self.tr("Loss smoothing"), self.tr(
                                         "Exponential moving average over the per-iteration loss: noisy mini-batch "
                                         "losses become a readable trend. 0: off."))
        self.smoothingSlider.setRange(0, 99)
        self.smoothingLabel = QLabel()
        controls.addWidget(QLabel(self.tr("x axis:")))
        controls.addWidget(self.xAxisCombo)
        controls.addSpacing(16)
        controls.addWidget(QLabel(self.tr("Smoothing:")))
        controls.addWidget(self.smoothingSlider, 1)
        controls.addWidget(self.smoothingLabel)
        layout.addLayout(controls)
        self.plot = LossPlot()
        layout.addWidget(self.plot, 1)
        self.xAxisCombo.currentIndexChanged.connect(lambda: self.plot.set_x_mode(self.xAxisCombo.currentData()))
        self.smoothingSlider.valueChanged.connect(self._on_smoothing)
        self._on_smoothing(0)

    def _on_smoothing(self, value: int) -> None:
        self.plot.set_smoothing(value / 100.0)
        self.smoothingLabel.setText(self.tr("off") if value == 0 else f"{value / 100.0:.2f}")
