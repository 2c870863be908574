"""The window shows a table's summary without parsing it: the spare training process reads it and answers."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from diabetes_trainer.core import data  # noqa: E402
from diabetes_trainer.gui.main_window import MainWindow  # noqa: E402

pytestmark = pytest.mark.timeout(120)
READ_TIMEOUT_MS = 60_000


@pytest.fixture
def window(qtbot, monkeypatch):
    def no_parsing_here(*_args, **_kwargs):
        raise AssertionError("the window's process parsed a table")

    # Only this (the window's) process: the reading process is spawned and has the real functions.
    monkeypatch.setattr(data, "read_table", no_parsing_here)
    monkeypatch.setattr(data, "parse_table_bytes", no_parsing_here)
    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.table is not None, timeout=READ_TIMEOUT_MS)  # the bundled sample
    yield win
    win.close()


def test_a_table_loads_in_the_reading_process_and_its_summary_and_preview_show(window, qtbot, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("age,bmi,sick\n30,20.5,0\n40,31.5,1\n50,25.0,1\n")
    window.knobs.dataPathEdit.setText(str(path))
    window.load_data(str(path))
    assert "Reading people.csv" in window.knobs.dataSummaryLabel.text()
    qtbot.waitUntil(lambda: window.table_path == str(path), timeout=READ_TIMEOUT_MS)
    assert (window.table.rows, window.table.n_features, window.table.positives) == (3, 2, 2)
    text = window.knobs.dataSummaryLabel.text()
    assert "3 rows" in text and "2 features" in text and "age, bmi, sick" in text
    stats = {column["name"]: column for column in window.table.preview["stats"]}
    assert (stats["age"]["min"], stats["age"]["max"], stats["age"]["mean"]) == (30.0, 50.0, 40.0)
    assert stats["bmi"]["missing"] == 0 and window.table.preview["first_rows"][1] == [40.0, 31.5, 1.0]
    assert window.table.nbytes == 3 * 3 * 4


def test_a_bad_table_shows_the_readers_message(window, qtbot, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,0\n1,x,1\n")
    window.knobs.dataPathEdit.setText(str(bad))
    window.load_data(str(bad))
    qtbot.waitUntil(lambda: window.banner.level == "error", timeout=READ_TIMEOUT_MS)
    assert window.table is None
    assert "bad.csv, line 2, column 2" in window.banner.text()
