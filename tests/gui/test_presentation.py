"""Presentation mode, plot theme and zoom: everything grows for a projector, and everything comes back."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QAction, QKeySequence  # noqa: E402
from PySide6.QtWidgets import QApplication, QToolButton  # noqa: E402

from diabetes_trainer.gui.plots.theme import DARK, LIGHT, LivePlotWidget  # noqa: E402
from diabetes_trainer.gui.presentation import PRESENTATION_SCALE, ZOOM_LEVELS, high_contrast  # noqa: E402


@pytest.fixture
def window(qtbot):
    from diabetes_trainer.gui.main_window import MainWindow

    font = QApplication.font()
    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    QApplication.setFont(font)


def plots(window) -> list[LivePlotWidget]:
    found = window.findChildren(LivePlotWidget)
    assert len(found) >= 3  # loss, CPU, stall timeline at least
    return found


def action(window, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def readout_size(window) -> float:
    return window.readouts.epochReadout.font().pointSizeF()


def test_presentation_mode_enlarges_everything_and_leaving_restores_it(window, qtbot):
    font = QApplication.font().pointSizeF()
    readout = readout_size(window)
    widths = {plot: plot.line_width for plot in plots(window)}
    geometry = window.geometry()
    toggle = action(window, "presentationModeAction")
    assert toggle.isCheckable() and not toggle.isChecked()

    toggle.trigger()
    assert window.isFullScreen()
    assert QApplication.font().pointSizeF() == pytest.approx(font * PRESENTATION_SCALE)
    assert readout_size(window) == pytest.approx(readout * PRESENTATION_SCALE)
    for plot, width in widths.items():
        assert plot.line_width == pytest.approx(width * PRESENTATION_SCALE)
        assert plot.theme.background == "#FFFFFF" and plot.theme.grid_alpha >= 0.35, "high contrast, light"

    toggle.trigger()
    qtbot.waitUntil(lambda: not window.isFullScreen())
    assert QApplication.font().pointSizeF() == pytest.approx(font)
    assert readout_size(window) == pytest.approx(readout)
    assert {plot: plot.line_width for plot in plots(window)} == widths
    assert all(plot.theme == LIGHT for plot in widths)
    qtbot.waitUntil(lambda: window.geometry() == geometry)


def test_presentation_mode_has_f11_and_a_toolbar_button(window):
    toggle = action(window, "presentationModeAction")
    assert QKeySequence("F11") in toggle.shortcuts()
    assert toggle in window.toolbar.actions()
    button = window.findChild(QToolButton, "presentationModeActionButton")
    assert button is not None and button.isVisible() and button.accessibleName()


def test_f11_toggles_presentation_mode(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.presentation.enabled and window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.presentation.enabled


def test_the_dark_theme_reaches_every_plot_in_and_out_of_presentation(window):
    dark, light = action(window, "themeDarkAction"), action(window, "themeLightAction")
    assert light.isChecked() and not dark.isChecked()
    dark.trigger()
    assert dark.isChecked() and not light.isChecked()
    assert all(plot.theme == DARK for plot in plots(window))
    window.presentation.set_enabled(True)
    for plot in plots(window):
        assert plot.theme.background == "#000000" and plot.theme.foreground == "#FFFFFF"
        assert plot.theme == high_contrast(DARK).scaled(PRESENTATION_SCALE)
    window.presentation.set_enabled(False)
    light.trigger()
    assert all(plot.theme == LIGHT for plot in plots(window))


def test_zoom_keys_step_the_fonts_and_reset(window):
    font = QApplication.font().pointSizeF()
    zoom_in, zoom_out, reset = (action(window, name) for name in ("zoomInAction", "zoomOutAction", "zoomResetAction"))
    assert QKeySequence("Ctrl+0") in reset.shortcuts()
    assert QKeySequence(QKeySequence.StandardKey.ZoomIn)[0] == QKeySequence("Ctrl++")[0]
    zoom_in.trigger()
    zoom_in.trigger()
    assert window.presentation.zoom == 1.25
    assert QApplication.font().pointSizeF() == pytest.approx(font * 1.25)
    assert window.lossPlot.line_width == pytest.approx(LIGHT.line_width * 1.25)
    zoom_out.trigger()
    assert window.presentation.zoom == 1.1
    for _ in ZOOM_LEVELS:
        zoom_out.trigger()
    assert window.presentation.zoom == ZOOM_LEVELS[0] and not zoom_out.isEnabled()
    reset.trigger()
    assert window.presentation.zoom == 1.0 and zoom_out.isEnabled()
    assert QApplication.font().pointSizeF() == pytest.approx(font)


def test_zoom_and_presentation_multiply(window):
    font = QApplication.font().pointSizeF()
    window.presentation.set_zoom(1.5)
    window.presentation.set_enabled(True)
    assert QApplication.font().pointSizeF() == pytest.approx(font * 1.5 * PRESENTATION_SCALE)
    window.presentation.set_enabled(False)
    assert QApplication.font().pointSizeF() == pytest.approx(font * 1.5)
    window.presentation.reset_zoom()


def test_tab_walks_the_knobs_in_reading_order(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    knobs = window.knobs
    knobs.numWorkersSpin.setValue(1)  # the DataLoader options are only enabled (reachable) with workers
    knobs.dataPathEdit.setFocus()
    qtbot.waitUntil(lambda: knobs.dataPathEdit.hasFocus())
    visited = []
    for _ in range(40):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        owner = widget.parentWidget() if widget.objectName() == "qt_spinbox_lineedit" else widget
        visited.append(owner.objectName())
        if owner is window.startButton:
            break
    expected = ["browseButton", "presetBatchButton", "presetStochasticButton", "presetMiniBatchButton", "epochsSpin",
                "batchSizeSpin", "shuffleCheck", "numWorkersSpin", "lrSpin", "seedSpin", "valFractionSpin",
                "persistentCheck", "prefetchSpin", "startMethodCombo", "deviceCombo", "sampleDelaySpin",
                "sampleCpuSpin", "failAtRowSpin", "startButton"]
    assert [name for name in visited if name in expected] == expected, visited
