"""The loss plot with its own controls: x axis (iteration, epoch, wall time) and smoothing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from ..layout import WholeTextComboBox
from ..plots.loss_plot import LossPlot
from ..widgets import named

# At batch sizes up to this, each point is the loss of a handful of samples: a band, not a curve. Smoothing turns
# itself on there (at AUTO_SMOOTHING %) unless the user turned it off.
AUTO_SMOOTHING_MAX_BATCH = 8
AUTO_SMOOTHING = 30


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
                                         "losses become a readable trend. The slider sets the share of an epoch it "
                                         "averages over. 0: off."))
        self.smoothingSlider.setRange(0, 99)
        self.smoothingLabel = QLabel()
        self.smoothingLabel.setObjectName("smoothingLabel")
        self._auto_setting = False  # the slider is being moved by auto_smooth, not by the user
        self._user_turned_off = False
        self.auto_smoothing_on = False
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
        self.plot.smoothingSpanChanged.connect(self._show_span)
        self._on_smoothing(0)

    def auto_smooth(self, batch_size: int) -> bool:
        """Before a run: turn smoothing on for small batches when it is off and the user did not turn it off, and
        off again for larger batches when it was turned on that way. True when smoothing is on by itself."""
        if batch_size > AUTO_SMOOTHING_MAX_BATCH:
            if self.auto_smoothing_on:
                self._set_automatically(0)
            return False
        if self.smoothingSlider.value() or self._user_turned_off:
            return self.auto_smoothing_on
        self._set_automatically(AUTO_SMOOTHING)
        return True

    def _set_automatically(self, value: int) -> None:
        self._auto_setting = True
        try:
            self.smoothingSlider.setValue(value)
        finally:
            self._auto_setting = False
        self.auto_smoothing_on = value > 0
        self._show_span(self.plot.smoothing_span())

    def _on_smoothing(self, value: int) -> None:
        if not self._auto_setting:
            self._user_turned_off = self.auto_smoothing_on and value == 0
            self.auto_smoothing_on = False
        self.plot.set_smoothing(value / 100.0)

    def _show_span(self, span: float) -> None:
        if span <= 0:
            self.smoothingLabel.setText(self.tr("off"))
            return
        text = self.tr("over ≈%n iterations", "", max(1, round(span)))
        self.smoothingLabel.setText(self.tr("auto: {span}").format(span=text) if self.auto_smoothing_on else text)
