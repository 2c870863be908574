"""Every experiment button, clicked in the real window: its runs train in a real process and a conclusion shows."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QPushButton, QSpinBox  # noqa: E402

from diabetes_trainer.gui import knob_state  # noqa: E402
from diabetes_trainer.gui.main_window import MainWindow  # noqa: E402

pytestmark = pytest.mark.timeout(600)
WARM_TIMEOUT_MS = 90_000
EXPERIMENT_TIMEOUT_MS = 240_000


@pytest.fixture
def window(qtbot):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.controller.process_info is not None, timeout=WARM_TIMEOUT_MS)
    qtbot.waitUntil(lambda: win.table is not None, timeout=10_000)
    yield win
    win.close()


def _values(state):
    return [(widget.objectName(), value) for widget, value in state]


def _user_knobs(window) -> None:
    """Knobs no experiment uses, including ones TrainConfig would drop (persistent with workers, a prefetch)."""
    window.findChild(QSpinBox, "epochsSpin").setValue(7)
    window.findChild(QSpinBox, "numWorkersSpin").setValue(3)
    window.knobs.persistentCheck.setChecked(True)
    window.knobs.prefetchSpin.setValue(5)
    window.knobs.sampleDelaySpin.setValue(0.25)
    window.knobs.startMethodCombo.setCurrentIndex(window.knobs.startMethodCombo.count() - 1)


def test_every_experiment_runs_to_its_conclusion_and_restores_the_knobs(window, qtbot):
    panel = window.experimentsPanel
    _user_knobs(window)
    before = _values(knob_state.take(window.knobs))
    button = window.findChild(QPushButton, "runExperimentButton")
    assert panel.list.count() >= 4
    for row in range(panel.list.count()):
        panel.list.setCurrentRow(row)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert not window.banner.isVisible() or window.banner.level != "error", window.banner.text()
        qtbot.waitUntil(lambda: window._experiment is None and not window.controller.busy,
                        timeout=EXPERIMENT_TIMEOUT_MS)
        title = panel.list.item(row).text()
        assert window.banner.level != "error", f"{title}: {window.banner.text()}"
        runs = len(panel.current().configs(window.knobs.config()))
        assert panel.table.rowCount() == runs, title
        assert all(r["status"] == "finished" for r in panel.rows), (title, panel.rows)
        text = panel.conclusionLabel.text()
        assert text and text != "Running…", title
        fastest = min(panel.rows, key=lambda r: r["seconds"])
        assert fastest["label"] in text, (title, text)
        assert _values(knob_state.take(window.knobs)) == before, f"{title} changed the user's knobs"


def test_an_error_in_the_experiment_action_shows_in_the_banner(window, qtbot, monkeypatch):
    experiment = window.experimentsPanel.current()

    def broken(_current):
        raise TypeError("replace() got multiple values")

    monkeypatch.setattr(type(experiment), "configs", lambda self, current: broken(current))
    qtbot.mouseClick(window.findChild(QPushButton, "runExperimentButton"), Qt.MouseButton.LeftButton)
    assert window.banner.isVisible() and window.banner.level == "error"
    assert "replace() got multiple values" in window.banner.text()
    assert not window.controller.busy and window._experiment is None
