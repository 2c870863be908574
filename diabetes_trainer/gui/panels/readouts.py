"""Big live readouts (epoch, loss, time) and the progress bar: readable from the back of a classroom."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from ...core.durations import duration_parts
from ..layout import FlowLayout
from ..widgets import named

BASE_POINT_SIZE = 18


def format_duration(seconds: float) -> str:
    """1.2 s, 2 min 05 s, 1 h 03 min (core/durations.py's units and rounding), in the user's language and with
    the locale's decimal point."""
    unit, fields = duration_parts(seconds, milliseconds=False)
    translate = QCoreApplication.translate  # not "tr": lupdate reads tr(a, b) as tr(text, comment)
    if unit == "s":
        return translate("Readouts", "{value} s").format(value=QLocale().toString(max(0.0, float(seconds)), "f", 1))
    if unit == "min":
        return translate("Readouts", "{m} min {s} s").format(**fields)
    return translate("Readouts", "{h} h {m} min").format(**fields)


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
        # The headline is the epoch's running mean (what the epoch-mean curve will show); one batch's loss,
        # noisy at small batch sizes, stays beside it in small print.
        self.lastBatchLossReadout = self._readout("lastBatchLossReadout", self.tr("Loss of the last batch"))
        loss_box = QWidget()
        loss_layout = QHBoxLayout(loss_box)
        loss_layout.setContentsMargins(0, 0, 0, 0)
        loss_layout.addWidget(self.lossReadout)
        loss_layout.addWidget(self.lastBatchLossReadout, 0, Qt.AlignmentFlag.AlignBottom)
        for widget in (self.epochReadout, loss_box, self.timeReadout):
            self._flow.addWidget(widget)
        self.progressBar = named(QProgressBar(), "progressBar", self.tr("Training progress"))
        self.progressBar.setTextVisible(True)
        layout.addWidget(self.progressBar)
        self._extra: list[QLabel] = []  # readouts added by other views (views/throughput.py), in small print
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
        small = QFont(self.font())
        small.setPointSizeF(max(9.0, BASE_POINT_SIZE * scale * 0.55))
        self.lastBatchLossReadout.setFont(small)
        for label in self._extra:
            label.setFont(small)
        # About one wide letter between readouts, whatever the size: "Epoch 5 / 5   Loss 0.6625", never run together.
        self._flow.set_spacing(round(BASE_POINT_SIZE * scale), round(BASE_POINT_SIZE * scale / 4))
        bar_font = QFont(self.font())
        bar_font.setPointSizeF(max(9.0, 10 * scale))
        self.progressBar.setFont(bar_font)

    def add_readout(self, label: QLabel) -> None:
        """One more readout in the row (wrapping with the others), in the small print of the last batch's loss."""
        self._extra.append(label)
        self._flow.addWidget(label)
        self.set_font_scale(self._scale)

    def reset(self, epochs: int = 0, total_iterations: int = 0) -> None:
        self._epochs = epochs
        self._total = max(total_iterations, 0)
        self.epochReadout.setText(self.tr("Epoch –"))
        self.lossReadout.setText(self.tr("Loss –"))
        self.lastBatchLossReadout.setText("")
        self.timeReadout.setText(self.tr("Time –"))
        self.progressBar.setRange(0, max(1, self._total))
        self.progressBar.setValue(0)
        self.progressBar.setFormat(self.tr("Ready"))

    def show_progress(self, epoch: int, iteration: int, epoch_mean_loss: float, last_batch_loss: float,
                      elapsed_s: float) -> None:
        """``epoch_mean_loss``: the mean of this epoch's batch losses so far; ``last_batch_loss``: the newest one."""
        locale = QLocale()
        self.epochReadout.setText(self.tr("Epoch {epoch} / {epochs}").format(epoch=epoch, epochs=self._epochs))
        self.lossReadout.setText(self.tr("Loss {loss}").format(loss=locale.toString(float(epoch_mean_loss), "f", 4)))
        self.lossReadout.setToolTip(self.tr("Mean loss of epoch {epoch}'s batches so far").format(epoch=epoch))
        self.lastBatchLossReadout.setText(self.tr("last batch {loss}").format(
            loss=locale.toString(float(last_batch_loss), "f", 4)))
        self.timeReadout.setText(self.tr("Time {time}").format(time=format_duration(elapsed_s)))
        self.progressBar.setValue(min(iteration, self._total))
        eta = elapsed_s / iteration * (self._total - iteration) if iteration else 0.0
        self.progressBar.setFormat(self.tr(
            "Epoch {epoch}/{epochs} · iteration {iteration}/{total} · {elapsed} elapsed · ETA {eta}").format(
            epoch=epoch, epochs=self._epochs, iteration=iteration, total=self._total,
            elapsed=format_duration(elapsed_s), eta=format_duration(max(0.0, eta))))

    def show_finished(self, text: str) -> None:
        self.progressBar.setFormat(text)
