"""The preset buttons show which regime the batch size is in, and clicking one checks it and only it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QToolButton  # noqa: E402

PRESETS = ("presetBatchButton", "presetStochasticButton", "presetMiniBatchButton")


@pytest.fixture
def window(qtbot):
    from diabetes_trainer.gui.main_window import MainWindow

    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.table is not None, timeout=10_000)
    yield win
    win.close()


def checked(window) -> list[str]:
    return [name for name in PRESETS if window.findChild(QToolButton, name).isChecked()]


@pytest.mark.parametrize(("name", "batch_size"), [
    ("presetStochasticButton", lambda rows: 1),
    ("presetMiniBatchButton", lambda rows: 32),
    ("presetBatchButton", lambda rows: rows),
])
def test_clicking_a_preset_checks_it_alone_and_sets_the_batch_size(window, qtbot, name, batch_size):
    button = window.findChild(QToolButton, name)
    assert button.isCheckable() and button.accessibleName()
    window.knobs.batchSizeSpin.setValue(64)
    assert checked(window) == [], "64 is no preset"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.knobs.batchSizeSpin.value() == batch_size(window.table.rows)
    assert checked(window) == [name]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second click leaves it on: it is still the regime
    assert checked(window) == [name]


def test_the_presets_follow_the_batch_size_knob(window):
    spin = window.knobs.batchSizeSpin
    spin.setValue(1)
    assert checked(window) == ["presetStochasticButton"]
    spin.setValue(32)
    assert checked(window) == ["presetMiniBatchButton"]
    spin.setValue(window.table.rows + 100)  # larger than the table: every epoch is one batch
    assert checked(window) == ["presetBatchButton"]
    spin.setValue(33)
    assert checked(window) == []
