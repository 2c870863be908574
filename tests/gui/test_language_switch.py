"""View → Language keeps what the window shows: a finished run's curves, the overlays, the x axis, the spare process;
and pyqtgraph's right-click menus speak the chosen language too."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QLocale, Qt  # noqa: E402
from PySide6.QtGui import QAction  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402
from shiboken6 import isValid  # noqa: E402

from diabetes_trainer.gui.i18n import install_translators  # noqa: E402

pytestmark = pytest.mark.timeout(240)
WARM_MS = 90_000


@pytest.fixture
def trained_window(qapp, qtbot):
    """A window (built like the app builds it) that has trained 3 epochs and overlays that run on its loss plot."""
    from diabetes_trainer.gui.app import _windows, open_main_window

    locale = QLocale()
    window = open_main_window()
    window.show()
    qtbot.waitUntil(lambda: window.controller.process_info is not None and window.table is not None, timeout=WARM_MS)
    window.knobs.epochsSpin.setValue(3)
    window.knobs.valFractionSpin.setValue(20)
    window.start()
    qtbot.waitUntil(lambda: window.controller.last_record is not None and not window.controller.busy,
                    timeout=WARM_MS)
    qtbot.waitUntil(lambda: window.runsPanel.runsList.topLevelItemCount() == 1, timeout=10_000)
    window.runsPanel.runsList.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(window.runsPanel.runsOverlayButton, Qt.MouseButton.LeftButton)
    assert len(window.lossPlot.overlay_curves()) == 1
    yield window
    for opened in list(_windows):
        if isValid(opened):
            opened.close()
            opened.deleteLater()
    install_translators(qapp, "en")
    QLocale.setDefault(locale)


def test_switching_language_keeps_the_run_its_overlay_and_the_x_axis(trained_window, qtbot):
    from diabetes_trainer.gui.app import _windows

    old = trained_window
    old.lossPanel.xAxisCombo.setCurrentIndex(old.lossPanel.xAxisCombo.findData("epoch"))
    points = old.loss_points()
    x_before, y_before = (np.copy(a) for a in old.lossPlot.loss_curve().getOriginalDataset())
    spare = old.controller.spare_pid()
    rate = old.findChild(QLabel, "throughputReadout").text().split()[0].replace(",", "")
    old.findChild(QAction, "languageAction_zh_CN").trigger()
    new = _windows[-1]
    assert new is not old and new.isVisible() and not old.isVisible()
    # Every view of the one list is told the run again: the Throughput readout shows its last rate, in Chinese.
    new_rate, unit = new.findChild(QLabel, "throughputReadout").text().split()
    assert new_rate.replace(",", "") == rate and unit == "行/秒"
    assert new.startButton.text() == "开始"
    assert new.loss_points() == points > 0
    assert new.lossPanel.xAxisCombo.currentData() == "epoch"
    assert new.lossPanel.xAxisCombo.currentText() == "轮次"
    new.lossPlot.redraw_now()
    x_after, y_after = new.lossPlot.loss_curve().getOriginalDataset()
    np.testing.assert_allclose(x_after, x_before)  # the same points, drawn against epochs as before
    np.testing.assert_allclose(y_after, y_before)
    assert new.lossPlot.epoch_curve().getOriginalDataset()[1] is not None
    assert len(new.lossPlot.overlay_curves()) == 1
    assert new.accuracyPlot.point_count() == 3 and new.accuracyPlot.validation_points() == 3
    assert new.controller.last_record["iterations"] == points
    assert new.exportCsvAction.isEnabled(), "the run can still be exported"
    assert new.controller.spare_pid() == spare, "the warm spare process is handed over, not restarted"
    assert new.stallPlot.batch_count() == points
    # How the run ended, now in Chinese word order ("完成：3.9 秒 内 120 次迭代" read like English).
    assert new.readouts.progressBar.format().startswith(f"完成：共 {points} 次迭代，用时 ")


def test_pyqtgraph_menus_speak_the_chosen_language(trained_window):
    from diabetes_trainer.gui.app import _windows

    trained_window.findChild(QAction, "languageAction_zh_CN").trigger()
    new = _windows[-1]
    menu = new.lossPlot.getPlotItem().getViewBox().getMenu(None)
    texts = [action.text() for action in menu.actions() if action.text()]
    assert "显示全部" in texts and "X 轴" in texts and "Y 轴" in texts and "鼠标模式" in texts
    assert not {"View All", "X axis", "Mouse Mode"} & set(texts)


@pytest.fixture
def chinese(qapp):
    locale = QLocale()
    install_translators(qapp, "zh_CN")
    yield qapp
    install_translators(qapp, "en")
    QLocale.setDefault(locale)


def ink_rows(widget) -> tuple[int, int]:
    """First and last pixel row with dark text in the widget's text area (inside its frame, left of its buttons)."""
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    width, height = image.width(), image.height()
    gray = np.frombuffer(image.constBits(), np.uint8, image.bytesPerLine() * height).reshape(height, -1)[:, :width]
    rows = np.where((gray[3:height - 3, 6:width - 30] < 120).any(axis=1))[0] + 3
    return int(rows.min()), int(rows.max())


def test_chinese_sits_in_the_middle_of_a_spin_box(chinese, qtbot):
    from PySide6.QtWidgets import QSpinBox

    from diabetes_trainer.gui.i18n import script_family

    if script_family("zh_CN") is None:
        pytest.skip("no font for Simplified Chinese is installed (Debian: fonts-noto-cjk)")
    assert chinese.font().families()[0] == script_family("zh_CN")
    box = QSpinBox()
    qtbot.addWidget(box)
    box.setRange(0, 9)
    box.setSpecialValueText("默认（2）")  # what the prefetch factor knob shows at its default
    box.resize(220, box.sizeHint().height())
    box.show()
    qtbot.waitExposed(box)
    top, bottom = ink_rows(box)
    # It sat ~1.5 px high, its top touching the frame, when Qt laid the box out for the Latin font.
    assert abs((top + bottom) / 2 - (box.height() - 1) / 2) < 1.0, (top, bottom, box.height())
