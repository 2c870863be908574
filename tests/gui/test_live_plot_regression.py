"""Guard against PySide6 6.12.0's "Fatal Python error: none_dealloc" on Python 3.11.

That release drops a reference to None on every ``QPainter.setPen(QPen)``; after a few thousand calls None's
refcount hits zero and the interpreter aborts, i.e. within seconds of any live pyqtgraph plot. The body runs
in a child process, so a crash shows up here as a failed return code with its stderr instead of killing pytest.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
MIN_SET_PEN_CALLS = 5000

LIVE_PLOTTING = r"""
import sys
import time

import numpy as np
import PySide6
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

import pyqtgraph as pg
from diabetes_trainer.gui.plots.loss_plot import LossPlot
from diabetes_trainer.gui.plots.stall_plot import StallPlot

SECONDS = 3.0
MIN_CALLS = 6000
GIVE_UP_SECONDS = 90.0
PENS_PER_PAINT = 200


class PenChurn(QWidget):
    # The 20-line repro: nothing but QPainter.setPen(QPen) in a paint loop.
    set_pen_calls = 0

    def paintEvent(self, event):
        painter = QPainter(self)
        for index in range(PENS_PER_PAINT):
            painter.setPen(QPen(QColor(index % 256, 80, 160), 1 + index % 3))
            painter.drawLine(0, index, self.width(), index)
            PenChurn.set_pen_calls += 1
        painter.end()


app = QApplication(sys.argv)
rng = np.random.default_rng(0)
loss_plot, stall_plot, plain = LossPlot(), StallPlot(), pg.PlotWidget()
loss_plot.reset(24)
loss_plot.set_smoothing(0.8)
curve = plain.plot(pen="b")
churn = PenChurn()
widgets = (loss_plot, stall_plot, plain, churn)
for widget in widgets:
    widget.resize(400, 300)
    widget.show()

frames = 0
started = time.perf_counter()


def frame():
    global frames
    frames += 1
    count = 30
    epochs = np.full(count, frames // 10 + 1)
    loss_plot.append_batches(rng.random(count), epochs, np.linspace(frames, frames + 1, count))
    if frames % 10 == 0:
        loss_plot.append_epoch(frames // 10, 0.5, 0.6)
    stall_plot.append(rng.random(count) * 0.01, rng.random(count) * 0.005, epochs)
    loss_plot.set_line_width(1 + frames % 4)  # a new pen for every curve, every frame
    stall_plot.set_line_width(1 + frames % 3)
    curve.setData(rng.random(500), pen=pg.mkPen((frames * 7) % 256, 100, 200, width=1 + frames % 3))
    loss_plot.redraw_now()
    for widget in widgets:
        # A graphics view paints in its viewport; repaint() paints now instead of scheduling.
        (widget.viewport() if hasattr(widget, "viewport") else widget).repaint()
    elapsed = time.perf_counter() - started
    if (elapsed > SECONDS and PenChurn.set_pen_calls >= MIN_CALLS) or elapsed > GIVE_UP_SECONDS:
        app.quit()


timer = QTimer()
timer.timeout.connect(frame)
timer.start(0)
app.exec()
print(f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}: {frames} frames, "
      f"{PenChurn.set_pen_calls} explicit setPen calls, {loss_plot.point_count()} loss points")
print(f"SET_PEN_CALLS={PenChurn.set_pen_calls}")
"""


def test_live_plots_survive_thousands_of_set_pen_calls():
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO_ROOT))
    result = subprocess.run([sys.executable, "-c", LIVE_PLOTTING], capture_output=True, text=True, env=env,
                            timeout=120, cwd=REPO_ROOT)
    report = f"return code {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    assert result.returncode == 0, report
    assert "none_dealloc" not in result.stderr, report
    calls = int(result.stdout.rsplit("SET_PEN_CALLS=", 1)[1].split()[0])
    assert calls >= MIN_SET_PEN_CALLS, report
