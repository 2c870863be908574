"""The window's data controls, clicked like a student would, each followed by a real training run."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QListWidget, QPushButton, QSpinBox  # noqa: E402

from diabetes_trainer.core.data import read_table  # noqa: E402
from diabetes_trainer.gui.panels.data_options import clean_path_text  # noqa: E402

pytestmark = pytest.mark.timeout(240)
RUN_TIMEOUT_MS = 90_000



def find(win, cls, name):
    widget = win.findChild(cls, name)
    assert widget is not None, f"no {cls.__name__} named {name}"
    return widget


def raw_table(path: Path, rows: int = 80, missing_rows: tuple[int, ...] = ()) -> Path:
    """id, raw-scale features, a 'diag' label that is not named like one, and a last column 'visit'."""
    rng = np.random.default_rng(4)
    glucose = rng.normal(120, 30, rows).round()
    diag = (glucose > 120).astype(int)
    lines = ["id,Glucose,Insulin,diag,visit"]
    for i in range(rows):
        insulin = "NA" if i in missing_rows else f"{rng.integers(0, 846)}"
        lines.append(f"{i + 1},{glucose[i]:g},{insulin},{diag[i]},{i % 2}")
    path.write_text("\n".join(lines) + "\n")
    return path


def load(window, qtbot, text: str, expected: str) -> None:
    edit = find(window, QLineEdit, "dataPathEdit")
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.table is not None and window.table_path == expected, timeout=10_000)


def train(window, qtbot) -> dict:
    find(window, QSpinBox, "epochsSpin").setValue(2)
    qtbot.mouseClick(find(window, QPushButton, "startButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.busy, timeout=10_000)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=RUN_TIMEOUT_MS)
    record = window.controller.last_record
    assert record["status"] == "finished", record.get("error")
    return record


def click_box(qtbot, box: QCheckBox) -> None:
    """Click the check box's indicator (a wide box's centre may lie beyond its text, where clicks do nothing)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def reloaded(window, qtbot, action) -> None:
    before = window.table
    action()
    qtbot.waitUntil(lambda: window.table is not None and window.table is not before, timeout=10_000)


def test_path_field_accepts_home_quotes_and_file_urls(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert clean_path_text(" ~/t.csv ") == str(tmp_path / "t.csv")
    assert clean_path_text('"/data/my table.csv"') == "/data/my table.csv"
    assert clean_path_text("file:///data/my%20table.csv") == "/data/my table.csv"


def test_label_combo_ignore_list_and_preview_then_train(window, qtbot, tmp_path, monkeypatch):
    path = raw_table(tmp_path / "clinic.csv")
    monkeypatch.setenv("HOME", str(tmp_path))
    load(window, qtbot, "~/clinic.csv", str(path))  # the path field expands ~
    notes = find(window, type(window.knobs.dataSummaryLabel), "dataNotesLabel")
    assert "counts the rows 1, 2, … 80" in notes.text()  # the id column, found and ignored
    assert window.table.label_name == "visit"  # nothing named like a label: the last column

    combo = find(window, QComboBox, "targetCombo")
    reloaded(window, qtbot, lambda: combo.setCurrentIndex(combo.findText("diag")))
    assert window.table.label_name == "diag" and window.table.feature_names == ["Glucose", "Insulin", "visit"]
    assert combo.currentText() == "diag"

    ignore = find(window, QListWidget, "ignoreList")
    visit = ignore.findItems("visit", Qt.MatchFlag.MatchExactly)[0]
    ignore.setCurrentItem(visit)
    reloaded(window, qtbot, lambda: qtbot.keyClick(ignore.viewport(), Qt.Key.Key_Space))
    assert ignore.findItems("visit", Qt.MatchFlag.MatchExactly)[0].checkState() == Qt.CheckState.Checked
    assert window.table.feature_names == ["Glucose", "Insulin"]

    preview = window.knobs.dataOptions.dataPreviewTable
    headers = [preview.horizontalHeaderItem(c).text() for c in range(preview.columnCount())]
    glucose = headers.index("Glucose")
    assert preview.item(0, glucose).text() == "feature" and preview.item(0, headers.index("id")).text() == "ignored"
    as_read = read_table(path)  # the window holds no arrays: the training process read them
    glucose_max = float(as_read.features[:, as_read.feature_names.index("Glucose")].max())
    assert float(preview.item(2, glucose).text()) == pytest.approx(glucose_max, 1e-3)
    assert preview.item(5, headers.index("diag")).text() == path.read_text().splitlines()[1].split(",")[3]

    record = train(window, qtbot)
    assert record["config"]["target"] == "diag" and list(record["config"]["ignore"]) == ["id", "visit"]
    assert record["data"]["feature_names"] == ["Glucose", "Insulin"] and record["data"]["label_name"] == "diag"


def test_drop_missing_and_standardize_checkboxes_then_train(window, qtbot, tmp_path):
    path = raw_table(tmp_path / "gaps.csv", missing_rows=(3, 10))
    edit = find(window, QLineEdit, "dataPathEdit")
    edit.setText(f'"{path}"')  # Windows' "Copy as path" puts quotes around it
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=10_000)
    assert "2 rows of 80 have missing values" in window.banner.text()
    assert window.table is None

    drop = find(window, QCheckBox, "dropMissingCheck")
    click_box(qtbot, drop)
    qtbot.waitUntil(lambda: window.table is not None, timeout=10_000)
    assert window.table.rows == 78
    notes = window.knobs.dataOptions.dataNotesLabel.text()
    assert "Dropped 2 rows with missing values" in notes and "Standardize features" in notes

    standardize = find(window, QCheckBox, "standardizeCheck")
    reloaded(window, qtbot, lambda: click_box(qtbot, standardize))
    assert "Standardize features" not in window.knobs.dataOptions.dataNotesLabel.text()
    record = train(window, qtbot)
    assert record["config"]["drop_missing"] is True and record["config"]["standardize"] is True
    assert record["data"]["rows"] == 78 and len(record["data"]["standardized"]["mean"]) == 3
    assert window.banner.level != "error"


def test_a_file_url_in_the_path_field_trains(window, qtbot, tmp_path):
    path = raw_table(tmp_path / "url table.csv")
    load(window, qtbot, path.as_uri(), str(path))
    record = train(window, qtbot)
    assert record["data"]["path"] == str(path)
