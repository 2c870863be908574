"""Help → About: the versions that matter for a lab report, torch's from the training process, never imported here."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import platform  # noqa: E402

import numpy as np  # noqa: E402
import pyqtgraph as pg  # noqa: E402
import PySide6  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import qVersion  # noqa: E402
from PySide6.QtGui import QAction, QGuiApplication  # noqa: E402

from diabetes_trainer import __version__  # noqa: E402
from diabetes_trainer.gui.about_dialog import AboutDialog  # noqa: E402

READY_INFO = {"pid": 1234, "python": "3.11.99", "torch": "9.8.7+cpu", "cpu_count": 2, "cuda": False, "mps": False}


@pytest.fixture
def dialog(qtbot):
    about = AboutDialog(None)
    qtbot.addWidget(about)
    return about


def test_about_lists_this_process_versions_and_waits_for_the_training_process(dialog, no_torch_in_gui):
    text = dialog.plain_text()
    for version in (__version__, platform.python_version(), qVersion(), PySide6.__version__, pg.__version__,
                    np.__version__):
        assert version in text
    assert f"Logical cores: {os.cpu_count()}" in text
    assert "PyTorch (training process): starting…" in text
    assert "synthetic" in dialog.creditsLabel.text() and "tutorial" in dialog.creditsLabel.text()
    assert not dialog.iconLabel.pixmap().isNull()
    no_torch_in_gui()


def test_about_shows_the_training_process_versions_once_known(dialog):
    dialog.set_process_info(READY_INFO)
    text = dialog.plain_text()
    assert "PyTorch (training process): 9.8.7+cpu" in text
    assert "Python (training process): 3.11.99" in text
    assert "CUDA GPU: no" in text and "starting" not in text
    assert "9.8.7+cpu" in dialog.versionsLabel.text()


def test_copy_versions_puts_them_on_the_clipboard(dialog, qtbot):
    dialog.set_process_info(READY_INFO)
    qtbot.mouseClick(dialog.copyButton, PySide6.QtCore.Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == dialog.plain_text()


def test_help_about_opens_from_the_window_and_fills_in_when_the_process_is_ready(qtbot):
    from diabetes_trainer.gui.main_window import MainWindow

    window = MainWindow(prewarm=False)
    qtbot.addWidget(window)
    window.show()
    about = window.findChild(QAction, "aboutAction")
    assert about is not None
    about.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None and dialog.isVisible()
    assert "starting…" in dialog.plain_text()
    window.controller.devicesKnown.emit(READY_INFO)
    assert "9.8.7+cpu" in dialog.plain_text()
    about.trigger()
    assert [d for d in window.findChildren(AboutDialog) if d.isVisible()] == [dialog], "one About at a time"
    dialog.close()


@pytest.mark.timeout(180)
def test_about_shows_the_real_torch_of_the_warm_process_without_importing_it(qtbot, no_torch_in_gui):
    from diabetes_trainer.gui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.controller.process_info is not None, timeout=90_000)
    window.findChild(QAction, "aboutAction").trigger()
    dialog = window.findChild(AboutDialog)
    torch_version = window.controller.process_info["torch"]
    assert torch_version[0].isdigit()
    assert f"PyTorch (training process): {torch_version}" in dialog.plain_text()
    no_torch_in_gui()
    dialog.close()
    window.close()
