"""Help → Guided tour, clicked through page by page in the real window: each page names an area and outlines it."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, QRect, Qt  # noqa: E402
from PySide6.QtWidgets import QPushButton  # noqa: E402

from diabetes_trainer.gui.main_window import MainWindow  # noqa: E402

pytestmark = pytest.mark.timeout(60)


@pytest.fixture
def window(qtbot):
    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    win.resize(1280, 820)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def area(widget, window) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def test_the_tour_walks_every_area_and_the_lessons_and_back(window, qtbot):
    help_menu = window.menuBar().findChild(type(window.menuBar().actions()[0].menu()), "helpMenu")
    assert window.guidedTourAction in help_menu.actions()
    window.guidedTourAction.trigger()
    tour = window.guided_tour
    assert tour.isVisible() and not tour.isModal()
    back, forward = tour.findChild(QPushButton, "tourBackButton"), tour.findChild(QPushButton, "tourNextButton")
    assert not back.isEnabled()

    expected = [("Knobs", window.controlsDock), ("Start, Stop and Sweep", window.startButton.parentWidget()),
                ("Loss", window.lossPanel), ("CPU", window.cpuPanel), ("Wait vs compute", window.insightTabs),
                ("Accuracy, Advice, Workers", window.insightTabs), ("Experiments and Runs", window.insightTabs),
                ("The notes' lessons", None)]
    seen_tabs = []
    for step, (title, target) in enumerate(expected, start=1):
        assert tour.stepLabel.text() == f"Step {step} of {len(expected)}"
        assert tour.titleLabel.text() == title and len(tour.textLabel.text()) > 80
        if target is None:
            assert not tour.highlight.isVisible()
        else:
            assert tour.highlight.isVisible() and tour.highlight.geometry() == area(target, window)
        if target is window.insightTabs:
            seen_tabs.append(window.insightTabs.currentWidget())
        if step < len(expected):
            qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    # The tab pages bring the tab they talk about forward.
    assert seen_tabs == [window.stallPlot, window.advicePanel, window.runsPanel]
    assert "0 workers is fastest" in tour.textLabel.text() and forward.text() == "Finish"

    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert tour.titleLabel.text() == "Experiments and Runs" and tour.highlight.isVisible()
    qtbot.mouseClick(tour.findChild(QPushButton, "tourCloseButton"), Qt.MouseButton.LeftButton)
    assert not tour.isVisible() and not tour.highlight.isVisible()

    window.guidedTourAction.trigger()  # opens again at the first page
    assert tour.isVisible() and tour.titleLabel.text() == "Knobs"
    for _ in range(len(expected)):
        qtbot.mouseClick(forward, Qt.MouseButton.LeftButton)
    assert not tour.isVisible() and not tour.highlight.isVisible()  # Finish closes it


def test_the_outline_follows_a_resized_window(window, qtbot):
    window.guidedTourAction.trigger()
    tour = window.guided_tour
    qtbot.mouseClick(tour.nextButton, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tour.nextButton, Qt.MouseButton.LeftButton)  # the loss panel
    window.resize(1100, 760)
    qtbot.waitUntil(lambda: tour.highlight.geometry() == area(window.lossPanel, window), timeout=2000)
    tour.close()


def test_every_tour_control_is_named(window):
    window.guidedTourAction.trigger()
    for button in window.guided_tour.findChildren(QPushButton):
        assert button.objectName() and button.accessibleName()
    window.guided_tour.close()
