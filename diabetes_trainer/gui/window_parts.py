"""The main window's parts: the plots and panels, the knobs dock, the menus and the toolbar (MainWindow composes them).

Functions, not a class: each builds widgets onto the window ``w`` and names them there (``w.lossPanel``,
``w.startAction``…), where tests and the settings find them. Texts keep the "MainWindow" translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from .i18n import app_display_name, build_language_menu
from .layout import ContentWidthScrollArea, WrappingTabs
from .panels.advice_view import AdvicePanel
from .panels.experiments_panel import ExperimentsPanel
from .panels.knobs import KnobsPanel
from .panels.loss_panel import LossPanel
from .panels.message_banner import MessageBanner
from .panels.readouts import Readouts
from .panels.runs_panel import RunsPanel
from .panels.workers_table import WorkersPanel
from .plots.cpu_plot import CpuPanel
from .plots.stall_plot import StallPlot
from .presentation import PresentationMode
from .widgets import focus_chain, name_toolbar_buttons, named

translate = QCoreApplication.translate


def build_central(w) -> None:
    central = QWidget()
    layout = QVBoxLayout(central)
    w.banner = MessageBanner()
    w.readouts = Readouts()
    layout.addWidget(w.banner)
    layout.addWidget(w.readouts)
    w.lossPanel = LossPanel()
    w.lossPlot = w.lossPanel.plot
    w.cpuPanel = CpuPanel()
    w.cpuPlot = w.cpuPanel.plot
    # The tab buttons wrap onto a second row when narrow: every view's name stays whole (layout.py).
    w.insightTabsHolder = WrappingTabs()
    w.insightTabs = named(w.insightTabsHolder.tabs, "insightTabs", translate("MainWindow", "Insight views"))
    w.insightTabs.setMinimumWidth(240)  # its tables scroll: leave the CPU plot beside it room to breathe
    w.stallPlot = StallPlot()
    w.workersPanel = WorkersPanel()
    w.workersTable = w.workersPanel.table
    w.advicePanel = AdvicePanel()
    w.adviceView = w.advicePanel.view
    w.experimentsPanel = ExperimentsPanel()
    w.runsPanel = RunsPanel(list_now=False)  # listed after the first paint: a long history takes a while
    w.runsList = w.runsPanel.findChild(QWidget, "runsList")
    # Its tab starts hidden: the plot is built after the window's first paint (or when first asked for).
    w._accuracy_plot = None  # an AccuracyPlot once built (MainWindow.accuracyPlot)
    w._accuracy_page = QWidget()
    w._accuracy_page.setObjectName("accuracyPage")
    QVBoxLayout(w._accuracy_page).setContentsMargins(0, 0, 0, 0)
    for page, name in ((w.advicePanel, "advicePanel"), (w.workersPanel, "workersPanel"),
                       (w.experimentsPanel, "experimentsPanel")):
        page.setObjectName(page.objectName() or name)  # the tab buttons are named after their pages
    w.insightTabs.addTab(w.stallPlot, translate("MainWindow", "Wait vs compute"))
    w.insightTabs.addTab(w._accuracy_page, translate("MainWindow", "Accuracy"))
    w.insightTabs.addTab(w.advicePanel, translate("MainWindow", "Advice"))
    w.insightTabs.addTab(w.workersPanel, translate("MainWindow", "Workers"))
    w.insightTabs.addTab(w.experimentsPanel, translate("MainWindow", "Experiments"))
    w.insightTabs.addTab(w.runsPanel, translate("MainWindow", "Runs"))
    bottom = QSplitter(Qt.Orientation.Horizontal)
    bottom.setObjectName("bottomSplitter")
    bottom.setChildrenCollapsible(False)  # a dragged splitter must not hide the insight views entirely
    bottom.addWidget(w.cpuPanel)
    bottom.addWidget(w.insightTabsHolder)
    bottom.setStretchFactor(0, 1)
    bottom.setStretchFactor(1, 1)
    bottom.setSizes([500, 500])
    w.bottomSplitter = bottom
    w.mainSplitter = QSplitter(Qt.Orientation.Vertical)
    w.mainSplitter.setObjectName("mainSplitter")
    w.mainSplitter.addWidget(w.lossPanel)
    w.mainSplitter.addWidget(bottom)
    w.mainSplitter.setStretchFactor(0, 3)
    w.mainSplitter.setStretchFactor(1, 2)
    w.mainSplitter.setSizes([400, 370])
    layout.addWidget(w.mainSplitter, 1)
    w.setCentralWidget(central)

def build_controls_dock(w) -> None:
    w.knobs = KnobsPanel()
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    scroll = ContentWidthScrollArea()  # as wide as the knobs need: no horizontal scroll bar
    scroll.setObjectName("knobsScrollArea")
    scroll.setWidget(w.knobs)
    layout.addWidget(scroll, 1)
    buttons = QHBoxLayout()
    w.startButton = named(QPushButton(translate("MainWindow", "Start")), "startButton",
                          translate("MainWindow", "Start training"),
                          translate("MainWindow", "Start training with these knobs (Ctrl+R or F5)"))
    w.stopButton = named(QPushButton(translate("MainWindow", "Stop")), "stopButton",
                         translate("MainWindow", "Stop training"),
                         translate("MainWindow", "Stop after the current batch (Esc)"))
    w.sweepButton = named(QPushButton(translate("MainWindow", "Sweep…")), "sweepButton",
                          translate("MainWindow", "num_workers sweep"),
                          translate("MainWindow", "Time these knobs at several num_workers settings, like the "
                                                  "tutorial's 0 to 8 experiment"))
    buttons.addWidget(w.startButton)
    buttons.addWidget(w.stopButton)
    buttons.addWidget(w.sweepButton)
    layout.addLayout(buttons)
    w.controlsDock = QDockWidget(translate("MainWindow", "Knobs"), w)
    w.controlsDock.setObjectName("controlsDock")
    w.controlsDock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                               | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
    w.controlsDock.setWidget(holder)
    w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, w.controlsDock)

def build_actions(w) -> None:
    w.openAction = _action(w, "openAction", translate("MainWindow", "&Open data…"), QKeySequence.StandardKey.Open,
                           w.browse_data)
    w.quitAction = _action(w, "quitAction", translate("MainWindow", "&Quit"), QKeySequence.StandardKey.Quit,
                           w.request_close)
    w.startAction = _action(w, "startAction", translate("MainWindow", "&Start"),
                            [QKeySequence("Ctrl+R"), QKeySequence("F5")], w.start)
    w.stopAction = _action(w, "stopAction", translate("MainWindow", "S&top"), QKeySequence("Esc"), w.stop)
    w.sweepAction = _action(w, "sweepAction", translate("MainWindow", "S&weep num_workers…"),
                            QKeySequence("Ctrl+Shift+R"), w.open_sweep)
    # The toolbar's short name: it fits a 1024-px projector.
    w.sweepAction.setIconText(translate("MainWindow", "Sweep…"))
    w.exportPlotAction = _action(w, "exportPlotAction", translate("MainWindow", "&Export plot…"),
                                 QKeySequence("Ctrl+E"), lambda: w.export_plot())
    w.exportCsvAction = _action(w, "exportCsvAction", translate("MainWindow", "Export run as &CSV…"),
                                QKeySequence("Ctrl+Shift+E"), w.export_csv)
    w.exportJsonAction = _action(w, "exportJsonAction", translate("MainWindow", "Export run as &JSON…"), None,
                                 w.export_json)
    file_menu = w.menuBar().addMenu(translate("MainWindow", "&File"))
    file_menu.addAction(w.openAction)
    file_menu.addSeparator()
    file_menu.addAction(w.exportPlotAction)
    file_menu.addAction(w.exportCsvAction)
    file_menu.addAction(w.exportJsonAction)
    file_menu.addSeparator()
    file_menu.addAction(w.quitAction)
    run_menu = w.menuBar().addMenu(translate("MainWindow", "&Run"))
    run_menu.addAction(w.startAction)
    run_menu.addAction(w.stopAction)
    run_menu.addAction(w.sweepAction)
    w.toolbar = w.addToolBar(translate("MainWindow", "Main"))
    w.toolbar.setObjectName("mainToolBar")
    w.toolbar.addAction(w.openAction)
    w.toolbar.addAction(w.startAction)
    w.toolbar.addAction(w.stopAction)
    w.toolbar.addAction(w.sweepAction)
    w.toolbar.addAction(w.exportPlotAction)
    w.toolbar.addAction(w.exportCsvAction)
    _build_view_and_help(w)
    w.toolbar.addSeparator()
    w.toolbar.addAction(w.presentation.knobsDrawerAction)
    w.toolbar.addAction(w.presentationModeAction)
    name_toolbar_buttons(w.toolbar)

def _build_view_and_help(w) -> None:
    w.presentation = PresentationMode(w)
    p = w.presentation
    w.presentationModeAction = p.presentationModeAction
    w.restoreDefaultsAction = _action(w, "restoreDefaultsAction", translate("MainWindow", "&Restore defaults"),
                                      None, w.restore_defaults)
    w.restoreDefaultsAction.setStatusTip(translate("MainWindow",
                                                   "Put the knobs and the window layout back as on a first start"))
    w.aboutAction = _action(w, "aboutAction", translate("MainWindow", "&About {app}").format(app=app_display_name()),
                            None, w.show_about)
    view_menu = w.menuBar().addMenu(translate("MainWindow", "&View"))
    view_menu.setObjectName("viewMenu")
    view_menu.addAction(p.presentationModeAction)
    view_menu.addAction(p.knobsDrawerAction)
    view_menu.addSeparator()
    view_menu.addActions([p.themeLightAction, p.themeDarkAction])
    view_menu.addSeparator()
    view_menu.addActions([p.zoomInAction, p.zoomOutAction, p.zoomResetAction])
    view_menu.addSeparator()
    w.languageMenu = build_language_menu(view_menu, w.languageRequested.emit)
    view_menu.addSeparator()
    view_menu.addAction(w.restoreDefaultsAction)
    help_menu = w.menuBar().addMenu(translate("MainWindow", "&Help"))
    help_menu.setObjectName("helpMenu")
    w.guidedTourAction = _action(w, "guidedTourAction", translate("MainWindow", "Guided &tour"), QKeySequence("F1"),
                                 w.show_guided_tour)
    w.guidedTourAction.setStatusTip(translate("MainWindow",
                                              "A short tour of the window's areas and the notes' lessons"))
    help_menu.addAction(w.guidedTourAction)
    help_menu.addSeparator()
    help_menu.addAction(w.aboutAction)

def set_tab_order(w) -> None:
    """Tab walks the knobs in reading order, then Start, Stop and Sweep."""
    chain = [*focus_chain(w.knobs), w.startButton, w.stopButton, w.sweepButton]
    for before, after in zip(chain, chain[1:]):
        QWidget.setTabOrder(before, after)

def _action(w, name: str, text: str, shortcut, slot) -> QAction:
    action = QAction(text, w)
    action.setObjectName(name)
    if isinstance(shortcut, list):
        action.setShortcuts(shortcut)
    elif shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    return action
