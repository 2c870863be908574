"""Big live readouts (epoch, loss, time) and the progress bar: readable from the back of a classroom."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from ..layout import FlowLayout
from ..widgets import named

BASE_POINT_SIZE = 18


def format_duration(seconds: float) -> str:
    """1.2 s, 2 min 05 s, 1 h 03 min: in the user's locale's digits and decimal point."""
    locale = QLocale()
    translate = QCoreApplication.translate  # not "tr": lupdate reads tr(a, b) as tr(text, comment)
    if seconds < 60:
        return translate("Readouts", "{value} s").format(value=locale.toString(float(seconds), "f", 1))
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return translate("Readouts", "{m} min {s} s").format(m=minutes, s=f"{secs:02d}")
    return translate("Readouts", "{h} h {m} min").format(h=minutes // 60, m=f"{minutes % 60:02d}")


class Readouts(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        # The three readouts wrap onto two rows when the window is narrow, rather than running into each other.
        self._flow = FlowLayout()
        layout.addLayout(self._flow)
        self.epochReadout = self._readout("epochReadout", self.tr("Current epoch"))
        self.lossReadout = self._readout("lossReadout", self.tr("Current loss"))
        self.timeReadout = self._readout("timeReadout", self.tr("Time so far"))
        for label in (self.epochReadout, self.lossReadout, self.timeReadout):
            self._flow.addWidget(label)
        self.progressBar = named(QProgressBar(), "progressBar", self.tr("Training progress"))
        self.progressBar.setTextVisible(True)
        layout.addWidget(self.progressBar)
        self._scale = 1.0
        self.set_font_scale(1.0)
        self.reset()

    def _readout(self, name: str, accessible: str) -> QLabel:
        label = named(QLabel(), name, accessible)
        return label

    def set_font_scale(self, scale: float) -> None:
        self._scale = scale
        font = QFont(self.font())
        font.setPointSizeF(BASE_POINT_SIZE * scale)
        font.setBold(True)
        for label in (self.epochReadout, self.lossReadout, self.timeReadout):
            label.setFont(font)
        # About one wide letter between readouts, whatever the size: "Epoch 5 / 5   Loss 0.6625", never run together.
        self._flow.set_spacing(round(BASE_POINT_SIZE * scale), round(BASE_POINT_SIZE * scale / 4))
        bar_font = QFont(self.font())
        bar_font.setPointSizeF(max(9.0, 10 * scale))
        self.progressBar.setFont(bar_font)

    def reset(self, epochs: int = 0, total_iterations: int = 0) -> None:
        self._epochs = epochs
        self._total = max(total_iterations, 0)
        self.epochReadout.setText(self.tr("Epoch –"))
        self.lossReadout.setText(self.tr("Loss –"))
        self.timeReadout.setText(self.tr("Time –"))
        self.progressBar.setRange(0, max(1, self._total))
        self.progressBar.setValue(0)
        self.progressBar.setFormat(self.tr("Ready"))

    def show_progress(self, epoch: int, iteration: int, loss: float, elapsed_s: float) -> None:
        locale = QLocale()
        self.epochReadout.setText(self.tr("Epoch {epoch} / {epochs}").format(epoch=epoch, epochs=self._epochs))
        self.lossReadout.setText(self.tr("Loss {loss}").format(loss=locale.toString(float(loss), "f", 4)))
        self.timeReadout.setText(self.tr("Time {time}").format(time=format_duration(elapsed_s)))
        self.progressBar.setValue(min(iteration, self._total))
        eta = elapsed_s / iteration * (self._total - iteration) if iteration else 0.0
        self.progressBar.setFormat(self.tr(
            "Epoch {epoch}/{epochs} · iteration {iteration}/{total} · {elapsed} elapsed · ETA {eta}").format(
            epoch=epoch, epochs=self._epochs, iteration=iteration, total=self._total,
            elapsed=format_duration(elapsed_s), eta=format_duration(max(0.0, eta))))

    def show_finished(self, text: str) -> None:
        self.progressBar.setFormat(text)
