"""Open the real MainWindow on an offscreen screen of a given size and print, as JSON, what does not fit.

Run by test_layout_fit.py in a fresh process per screen (Qt reads the offscreen screen's size once, at start):

    python tests/gui/layout_probe.py WIDTH HEIGHT [DEVICE_PIXEL_RATIO] [LANGUAGE]

It prints one JSON object: {"normal": [...], "presentation": [...], "after": [...], "sizes": {...}}, each list the
problems found in that state (normal window, presentation mode, normal again after leaving it).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def configure_screen(width: int, height: int, ratio: float) -> None:
    config = {"screens": [{"name": "probe", "x": 0, "y": 0, "width": width, "height": height,
                           "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": ratio}]}
    path = Path(tempfile.mkdtemp(prefix="layout-probe-")) / "screen.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={path}"


def settle(app, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def show_a_finished_run(window) -> None:
    """Plots as after a run of 10 epochs × 24 batches with a stall every 4th batch and one very slow batch."""
    import numpy as np

    count, per_epoch = 240, 24
    iteration = np.arange(1, count + 1)
    epochs = (iteration - 1) // per_epoch + 1
    wait = np.where(iteration % 4 == 0, 0.02, 0.0005)
    wait[100] = 0.5
    compute = np.full(count, 0.004)
    window.lossPlot.reset(per_epoch)
    window.lossPlot.append_batches(0.7 - 0.05 * iteration / count, epochs, np.cumsum(wait + compute))
    for epoch in range(1, 11):
        window.lossPlot.append_epoch(epoch, 0.7 - 0.005 * epoch, 0.71 - 0.005 * epoch)
        window.accuracyPlot.append_epoch(epoch, 0.6 + 0.01 * epoch, 0.58 + 0.01 * epoch)
    window.stallPlot.append(wait, compute, epochs)
    window.stallPlot.set_stalls(np.flatnonzero(iteration % 4 == 0), 4)
    for plot in (window.lossPlot, window.stallPlot, window.accuracyPlot):
        plot.redraw_now()


def probe(width: int, height: int, ratio: float, language: str | None) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from PySide6.QtWidgets import QApplication, QScrollArea, QToolButton
    from text_fit import layout_problems, plot_problems

    from diabetes_trainer.gui.i18n import install_translators
    from diabetes_trainer.gui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    if language:
        install_translators(app, language)
    window = MainWindow(prewarm=False)
    window.show()
    deadline = time.monotonic() + 20
    while window.table is None and time.monotonic() < deadline:  # the sample table is read off the GUI thread
        app.processEvents()
        time.sleep(0.01)
    # The longest readouts a run shows, as at the end of one (the texts that once ran into each other).
    window.readouts.reset(10, 480)
    window.readouts.show_progress(10, 480, 0.6625, 0.7128, 125.0)
    show_a_finished_run(window)
    settle(app)
    screen = window.screen().availableGeometry()

    def state() -> list[str]:
        settle(app)
        found = layout_problems(window) + plot_problems(window)
        frame = window.frameGeometry()
        if not screen.contains(frame):
            found.append(f"the window {frame} is larger than the screen {screen}")
        extension = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if extension is not None and extension.isVisible():
            hidden = [b.objectName() for b in window.toolbar.findChildren(QToolButton) if not b.isVisible()]
            found.append(f"the toolbar hides buttons behind its » button: {hidden}")
        scroll = window.findChild(QScrollArea, "knobsScrollArea")
        if scroll is not None and scroll.isVisible():
            if scroll.horizontalScrollBar().isVisible():
                found.append("the Knobs panel shows a horizontal scroll bar")
            knobs = window.knobs
            # The data section folds its columns and preview away: the training knobs are in view at first.
            batch = knobs.batchSizeSpin
            bottom = batch.mapTo(scroll.viewport(), batch.rect().bottomLeft()).y()
            if scroll.verticalScrollBar().value() == 0 and bottom > scroll.viewport().height():
                found.append(f"the batch size knob is below the fold: at {bottom} px of {scroll.viewport().height()}")
            if knobs.width() < knobs.minimumSizeHint().width():
                found.append(f"the Knobs panel is cut: {knobs.width()} px of {knobs.minimumSizeHint().width()}")
        return found

    normal = state()
    sizes = {"window": [window.width(), window.height()], "screen": [screen.width(), screen.height()]}
    window.presentation.set_enabled(True)
    presentation = state()
    sizes["presentation"] = [window.width(), window.height()]
    window.presentation.set_enabled(False)
    after = state()
    window.close()
    return {"normal": normal, "presentation": presentation, "after": after, "sizes": sizes}


if __name__ == "__main__":
    width, height = int(sys.argv[1]), int(sys.argv[2])
    ratio = float(sys.argv[3]) if len(sys.argv) > 3 else 1.0
    language = sys.argv[4] if len(sys.argv) > 4 else None
    configure_screen(width, height, ratio)
    os.environ.setdefault("DIABETES_TRAINER_HOME", tempfile.mkdtemp(prefix="layout-probe-home-"))
    print(json.dumps(probe(width, height, ratio, language)))
