"""The window's fitting pieces clicked like a person would: the Knobs drawer, the wrapping view buttons, the title."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QRect, QSize, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QScrollArea, QToolButton  # noqa: E402

from diabetes_trainer.gui.i18n import app_display_name, install_translators  # noqa: E402
from diabetes_trainer.gui.layout import first_window_size  # noqa: E402


@pytest.fixture
def window(qtbot):
    from diabetes_trainer.gui.main_window import MainWindow

    font = QApplication.font()
    win = MainWindow(prewarm=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.presentation.set_enabled(False)
    win.close()
    QApplication.setFont(font)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_presentation_closes_the_knobs_drawer_its_button_opens_it_and_leaving_brings_it_back(window, qtbot):
    dock = window.controlsDock
    drawer = window.findChild(QToolButton, "knobsDrawerActionButton")
    assert drawer is not None and drawer.accessibleName() and drawer.toolTip()
    assert dock.isVisible() and drawer.isChecked()

    window.presentation.set_enabled(True)
    qtbot.waitUntil(lambda: not dock.isVisible())
    assert drawer.isVisible() and not drawer.isChecked()
    click(qtbot, drawer)
    qtbot.waitUntil(dock.isVisible)
    assert drawer.isChecked() and window.knobs.epochsSpin.isVisible()
    click(qtbot, drawer)
    qtbot.waitUntil(lambda: not dock.isVisible())

    window.presentation.set_enabled(False)
    qtbot.waitUntil(dock.isVisible)
    assert drawer.isChecked()


def test_the_knobs_panel_is_as_wide_as_its_content(window, qtbot):
    scroll = window.findChild(QScrollArea, "knobsScrollArea")
    assert scroll.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    qtbot.waitUntil(lambda: window.knobs.width() >= window.knobs.minimumSizeHint().width())
    window.presentation.set_zoom(1.5)  # larger text: the panel widens with it instead of cutting its rows
    qtbot.waitUntil(lambda: window.knobs.width() >= window.knobs.minimumSizeHint().width())
    window.presentation.reset_zoom()


def test_view_buttons_switch_views_and_wrap_when_narrow(window, qtbot):
    holder = window.insightTabsHolder
    tabs = window.insightTabs
    assert [holder.button(i).text() for i in range(tabs.count())] == [tabs.tabText(i) for i in range(tabs.count())]
    runs = window.findChild(QToolButton, "runsPanelTabButton")
    assert runs is not None and runs.accessibleName() == tabs.tabText(tabs.indexOf(window.runsPanel))
    click(qtbot, runs)
    assert tabs.currentWidget() is window.runsPanel and runs.isChecked()
    tabs.setCurrentWidget(window.stallPlot)  # switched by the program (an experiment): the buttons follow
    assert window.findChild(QToolButton, "stallPlotTabButton").isChecked() and not runs.isChecked()



def test_the_view_buttons_wrap_onto_rows_and_stay_whole_when_narrow(qtbot):
    from PySide6.QtWidgets import QWidget

    from diabetes_trainer.gui.layout import WrappingTabs

    holder = WrappingTabs()
    qtbot.addWidget(holder)
    names = ["Wait vs compute", "Accuracy", "Advice", "Workers", "Experiments", "Runs"]
    for name in names:
        page = QWidget()
        page.setObjectName(name.split()[0].lower())
        holder.tabs.addTab(page, name)
    holder.resize(1000, 300)
    holder.show()
    qtbot.waitExposed(holder)
    assert len({holder.button(i).y() for i in range(len(names))}) == 1, "one row when wide"
    holder.resize(260, 300)
    qtbot.waitUntil(lambda: len({holder.button(i).y() for i in range(len(names))}) >= 2)
    for index, name in enumerate(names):
        button = holder.button(index)
        assert button.text() == name and button.objectName() == f"{name.split()[0].lower()}TabButton"
        assert holder.buttonBar.rect().contains(button.geometry()), f"{name} shown whole"
        assert button.width() >= button.sizeHint().width()
    click(qtbot, holder.button(4))
    assert holder.tabs.currentIndex() == 4


def test_the_title_leaves_the_app_name_to_qt(window):
    assert app_display_name() not in window.windowTitle()
    install_translators(QApplication.instance(), "en")  # as main() does: it sets the display name
    assert QApplication.applicationDisplayName() == app_display_name(), "Qt appends it once"


@pytest.mark.parametrize(("screen", "expected"), [
    (QRect(0, 0, 1024, 768), QSize(972, 729)),
    (QRect(0, 0, 1920, 1080), QSize(1280, 820)),
    (QRect(0, 0, 3840, 2160), QSize(1280, 820)),
])
def test_the_first_window_size_fits_the_screen(screen, expected):
    assert first_window_size(screen) == expected


def test_a_long_tooltip_is_shown_wrapped_as_a_paragraph(window, qtbot):
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QLabel, QToolTip

    spin = window.knobs.numWorkersSpin
    assert len(spin.toolTip()) > 150, "a long one"
    event = QHelpEvent(QHelpEvent.Type.ToolTip, QPoint(5, 5), spin.mapToGlobal(QPoint(5, 5)))
    QApplication.sendEvent(spin, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text().startswith("<p>") and "num_workers" in QToolTip.text()
    tip = next(w for w in QApplication.topLevelWidgets() if w.objectName() == "qtooltip_label" and w.isVisible())
    assert isinstance(tip, QLabel) and tip.wordWrap()
    one_line = tip.fontMetrics().horizontalAdvance(spin.toolTip())
    assert tip.width() < one_line / 2 and tip.width() < window.screen().availableGeometry().width()
    assert spin.accessibleDescription() == spin.toolTip(), "screen readers keep the plain text"
    QToolTip.hideText()


def test_a_window_closed_in_presentation_mode_reopens_with_the_knobs_back_after_leaving_it(qtbot):
    from diabetes_trainer.gui.main_window import MainWindow
    from diabetes_trainer.gui.settings import AppSettings

    font = QApplication.font()
    first = MainWindow(prewarm=False)
    qtbot.addWidget(first)
    first.show()
    first.presentation.set_enabled(True)
    first.window_settings.save()
    first.close()
    second = MainWindow(prewarm=False, settings=AppSettings.open())
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    assert second.presentation.enabled and not second.controlsDock.isVisible()
    drawer = second.findChild(QToolButton, "knobsDrawerActionButton")
    assert not drawer.isChecked()
    second.presentation.set_enabled(False)
    qtbot.waitUntil(second.controlsDock.isVisible)
    assert drawer.isChecked()
    second.close()
    QApplication.setFont(font)
