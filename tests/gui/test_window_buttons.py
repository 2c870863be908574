"""The window's buttons that no other test clicks by name: Sweep… and the sweep dialog's Close, the message
banner's dismiss button, About's Copy versions. Each is found by its objectName, clicked, and checked for what
the user then sees."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QToolButton  # noqa: E402

pytestmark = pytest.mark.timeout(180)


def test_sweep_button_opens_the_sweep_dialog_and_its_close_button_closes_it(window, qtbot):
    qtbot.mouseClick(window.findChild(QPushButton, "sweepButton"), Qt.MouseButton.LeftButton)
    dialog = window.sweep_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.sweep_config().epochs == window.knobs.config().epochs  # the sweep starts from the user's knobs
    qtbot.mouseClick(dialog.findChild(QPushButton, "sweepCloseButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_the_banner_close_button_dismisses_the_message(window, qtbot):
    window.banner.show_message("The table could not be read.", "error")
    assert window.banner.isVisible()
    qtbot.mouseClick(window.banner.findChild(QToolButton, "messageCloseButton"), Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible() and window.banner.level == ""


def test_about_copy_versions_button_puts_the_versions_on_the_clipboard(window, qtbot):
    window.show_about()
    dialog = next(w for w in QApplication.topLevelWidgets() if w.findChild(QPushButton, "aboutCopyButton"))
    qtbot.mouseClick(dialog.findChild(QPushButton, "aboutCopyButton"), Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert "PySide6" in copied and "Python" in copied
    dialog.close()
