"""Every experiment button, clicked in the real window: its runs train in a real process and a conclusion shows."""

from __future__ import annotations

import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QPushButton, QSpinBox  # noqa: E402

from diabetes_trainer.core.lessons import LESSONS  # noqa: E402
from diabetes_trainer.gui import knob_state  # noqa: E402
from diabetes_trainer.gui.experiments import Experiment  # noqa: E402

pytestmark = pytest.mark.timeout(1500)
EXPERIMENT_TIMEOUT_MS = 300_000



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


@pytest.fixture
def quick_lessons(monkeypatch):
    """Every lesson with its own settings but one epoch and no repeats: the window's flow, not the timing, is under
    test here (tests/core/test_lessons.py judges the numbers; the CLI test runs a lesson as it is)."""
    for lesson in LESSONS:
        monkeypatch.setattr(lesson, "epochs", 1)
        monkeypatch.setattr(lesson, "repeats", 1)


def test_every_experiment_runs_to_its_conclusion_and_restores_the_knobs(window, qtbot, quick_lessons):
    panel = window.experimentsPanel
    queue = window.experiment_queue
    _user_knobs(window)
    before = _values(knob_state.take(window.knobs))
    button = window.findChild(QPushButton, "runExperimentButton")
    assert panel.list.count() == len(LESSONS)
    for row in range(panel.list.count()):
        panel.list.setCurrentRow(row)
        experiment = panel.current()
        planned = experiment.configs(window.knobs.config(), window.table.rows)
        title = panel.list.item(row).text()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert queue.active, f"{title}: {window.banner.text()}"
        started = time.monotonic()
        try:
            qtbot.waitUntil(lambda: not queue.active and not window.controller.busy, timeout=EXPERIMENT_TIMEOUT_MS)
        except Exception:
            pytest.fail(f"{title} did not finish: {len(queue.results)} of {len(planned)} runs done, "
                        f"status bar {window.statusBar().currentMessage()!r}")
        print(f"{title}: {time.monotonic() - started:.1f} s", file=sys.stderr)
        assert window.banner.level != "error", f"{title}: {window.banner.text()}"
        assert panel.table.rowCount() == len(planned) == len(queue.results), title
        assert [r.run.config for r in queue.results] == [run.config for run in planned], title
        assert all(r["status"] == "finished" for r in panel.rows), (title, panel.rows)
        # The conclusion on screen is the lesson's, drawn from exactly these runs' records.
        outcome = experiment.conclude(queue.results, window.table.rows)
        assert panel.outcome is not None and panel.outcome.name == experiment.id
        assert panel.outcome.conclusion == outcome.conclusion and panel.outcome.shown == outcome.shown
        assert outcome.conclusion in panel.conclusionLabel.text()
        verdict = "Shown on this machine:" if outcome.shown else "Not shown on this machine:"
        assert panel.conclusionLabel.text().startswith(verdict), title
        assert _values(knob_state.take(window.knobs)) == before, f"{title} changed the user's knobs"


def test_an_error_in_the_experiment_action_shows_in_the_banner(window, qtbot, monkeypatch):
    def broken(self, current, rows=None):
        raise TypeError("replace() got multiple values")

    monkeypatch.setattr(Experiment, "configs", broken)
    qtbot.mouseClick(window.findChild(QPushButton, "runExperimentButton"), Qt.MouseButton.LeftButton)
    assert window.banner.isVisible() and window.banner.level == "error"
    assert "replace() got multiple values" in window.banner.text()
    assert not window.controller.busy and not window.experiment_queue.active


def test_stop_during_an_experiment_ends_it_says_so_and_restores_the_knobs(window, qtbot, quick_lessons):
    panel, queue = window.experimentsPanel, window.experiment_queue
    _user_knobs(window)
    before = _values(knob_state.take(window.knobs))
    panel.select("tiny-data-zero-workers")
    qtbot.mouseClick(window.findChild(QPushButton, "runExperimentButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.controller.busy, timeout=EXPERIMENT_TIMEOUT_MS)
    qtbot.mouseClick(window.findChild(QPushButton, "stopButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not queue.active and not window.controller.busy, timeout=EXPERIMENT_TIMEOUT_MS)
    planned = len(panel.current().configs(window.knobs.config(), window.table.rows))
    assert len(queue.results) < planned
    assert panel.conclusionLabel.text().startswith("Not shown on this machine: Stopped after")
    assert f"of {planned} runs" in panel.conclusionLabel.text()
    assert _values(knob_state.take(window.knobs)) == before
    assert window.banner.level != "error", window.banner.text()


def test_a_double_click_on_a_lesson_replays_it(window, qtbot, quick_lessons):
    panel, queue = window.experimentsPanel, window.experiment_queue
    row = next(i for i, e in enumerate(panel.experiments) if e.id == "epoch-arithmetic")
    item = panel.list.item(row)
    window.insightTabs.setCurrentWidget(panel)  # the user opens the Experiments tab, scrolls to the lesson
    qtbot.waitUntil(panel.list.isVisible)
    panel.list.scrollToItem(item)
    rect = panel.list.visualItemRect(item)
    assert panel.list.viewport().rect().contains(rect.center())
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert queue.active and panel.current().id == "epoch-arithmetic"
    qtbot.waitUntil(lambda: not queue.active and not window.controller.busy, timeout=EXPERIMENT_TIMEOUT_MS)
    assert panel.outcome is not None and panel.outcome.name == "epoch-arithmetic"
    assert panel.outcome.conclusion in panel.conclusionLabel.text()


def test_on_a_small_screen_the_lessons_list_goes_above_the_results(qtbot):
    from diabetes_trainer.gui.panels.experiments_panel import NARROW_WIDTH, ExperimentsPanel

    panel = ExperimentsPanel()
    qtbot.addWidget(panel)
    panel.resize(NARROW_WIDTH - 200, 400)  # the insight tabs' width on a 1024x768 screen
    panel.show()
    details = panel.detailsScroll  # the explanation, results and conclusion
    qtbot.waitUntil(lambda: panel.list.geometry().bottom() < details.geometry().top())
    assert details.width() > panel.width() * 0.8  # the explanation gets the whole width
    panel.resize(NARROW_WIDTH + 300, 400)
    qtbot.waitUntil(lambda: panel.list.geometry().right() < details.geometry().left())
