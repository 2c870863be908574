"""The Knobs panel's folding "Columns and preview" section: closed by default so the training knobs stay in view on a
small screen, opened by a click, and by itself when a table needs a look (mapped text labels, reader's notes, a
table that could not be read)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QComboBox, QLineEdit, QScrollArea, QSpinBox, QTableWidget, QToolButton  # noqa: E402

from diabetes_trainer.gui.main_window import MainWindow  # noqa: E402

pytestmark = pytest.mark.timeout(240)
WARM_TIMEOUT_MS = 90_000


def open_window(qtbot) -> MainWindow:
    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1024, 740)
    win.show()
    qtbot.waitUntil(lambda: win.controller.process_info is not None, timeout=WARM_TIMEOUT_MS)
    qtbot.waitUntil(lambda: win.table is not None, timeout=10_000)
    return win


@pytest.fixture
def window(qtbot):
    win = open_window(qtbot)
    yield win
    win.close()


def find(win, cls, name):
    widget = win.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def load(window, qtbot, path: Path) -> None:
    edit = find(window, QLineEdit, "dataPathEdit")
    edit.setText(str(path))
    before = window.table
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.table is not before or window.banner.isVisible(), timeout=10_000)


def yes_no_table(path: Path, rows: int = 60) -> Path:
    lines = ["glucose,bmi,diabetic"] + [f"{100 + i},{20 + i % 7},{'Yes' if i % 3 == 0 else 'No'}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def plain_table(path: Path, rows: int = 60) -> Path:
    lines = ["glucose,bmi,outcome"] + [f"{(i % 10) / 10},{(i % 7) / 7},{i % 2}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


def section_shown(window) -> bool:
    return window.knobs.dataOptions.columnsSection.isVisible()


def test_the_section_is_closed_at_first_and_a_click_opens_and_closes_it(window, qtbot):
    toggle = find(window, QToolButton, "columnsToggle")
    assert toggle.accessibleName() == "Columns and preview" and toggle.text() == "Columns and preview"
    assert toggle.isCheckable() and not toggle.isChecked()
    # The bundled sample needs no look: label column, ignore list and preview are folded away ...
    assert not section_shown(window)
    for cls, name in ((QComboBox, "targetCombo"), (QTableWidget, "dataPreviewTable")):
        assert not find(window, cls, name).isVisible()
    assert find(window, type(window.knobs.dataOptions.dropMissingCheck), "dropMissingCheck").isVisible()
    assert window.knobs.dataOptions.standardizeCheck.isVisible()
    # ... and the training knobs are in view on a 768-pixel-high screen, without scrolling.
    scroll = find(window, QScrollArea, "knobsScrollArea")
    batch = find(window, QSpinBox, "batchSizeSpin")
    bottom = batch.mapTo(scroll.viewport(), batch.rect().bottomLeft()).y()
    assert 0 < bottom <= scroll.viewport().height(), (bottom, scroll.viewport().height())

    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert toggle.isChecked() and section_shown(window)
    preview = find(window, QTableWidget, "dataPreviewTable")
    assert preview.isVisible() and preview.columnCount() == window.table.n_features + 1
    assert find(window, QComboBox, "targetCombo").isVisible()

    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert not toggle.isChecked() and not section_shown(window) and not preview.isVisible()


def test_yes_no_labels_open_the_section_and_the_choice_is_remembered(window, qtbot, tmp_path):
    load(window, qtbot, yes_no_table(tmp_path / "yes_no.csv"))
    assert window.table is not None and window.table.label_mapping
    toggle = find(window, QToolButton, "columnsToggle")
    assert toggle.isChecked() and section_shown(window), "mapped text labels: the reader should see the mapping"
    positive = find(window, QComboBox, "positiveCombo")
    assert positive.isVisible() and positive.isEnabled()
    assert sorted(positive.itemText(i) for i in range(1, positive.count())) == ["No", "Yes"]

    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)  # seen it: fold it away
    assert not section_shown(window)
    load(window, qtbot, plain_table(tmp_path / "plain.csv"))
    assert window.table.label_mapping is None and not window.table.notes
    assert not section_shown(window), "a table that needs no look keeps the reader's choice"

    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)  # the reader wants it open, from now on
    assert section_shown(window)
    window.close()
    again = open_window(qtbot)
    try:
        assert again.knobs.dataOptions.columns_open()
        assert find(again, QToolButton, "columnsToggle").isChecked() and section_shown(again)
    finally:
        again.close()


def test_a_table_that_cannot_be_read_opens_the_section(window, qtbot, tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("a,b,outcome\n1,2,0\n3,NA,1\n" + "".join(f"{i},{i},{i % 2}\n" for i in range(40)))
    load(window, qtbot, path)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert "missing" in window.banner.text()
    assert section_shown(window), "the label column or the value counted as 1 may be the fix"
