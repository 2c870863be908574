"""Help → Guided tour: a few pages that name each area of the window, with that area outlined, then the notes'
lessons and where to try each one. Not modal: the window stays usable while the tour is open."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .widgets import named

HIGHLIGHT_STYLE = "QFrame#tourHighlight {border: 3px solid #e8a400; background: rgba(232, 164, 0, 36);}"


@dataclass(frozen=True)
class TourPage:
    title: str
    text: str
    target: QWidget | None  # the area outlined in the window; None: nothing (a page about the notes)
    show: object = None  # called before the page shows (e.g. to bring a tab forward)


class Highlight(QFrame):
    """An outline drawn over one widget of the window; clicks go through it."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("tourHighlight")
        self.setStyleSheet(HIGHLIGHT_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.target: QWidget | None = None
        self.hide()

    def outline(self, target: QWidget | None) -> None:
        self.target = target
        if target is None or not target.isVisible():
            self.hide()
            return
        top_left = target.mapTo(self.parentWidget(), QPoint(0, 0))
        self.setGeometry(top_left.x(), top_left.y(), target.width(), target.height())
        self.show()
        self.raise_()


class GuidedTour(QDialog):
    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("guidedTourDialog")
        self.setAccessibleName(self.tr("Guided tour"))
        self.setWindowTitle(self.tr("Guided tour"))
        self.setModal(False)
        self._window = window
        self.highlight = Highlight(window)
        self.pages = self._pages(window)
        self.index = 0
        self.stepLabel = named(QLabel(), "tourStepLabel", self.tr("Tour step"))
        self.titleLabel = named(QLabel(), "tourTitleLabel", self.tr("Tour page title"))
        font = self.titleLabel.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.titleLabel.setFont(font)
        self.textLabel = named(QLabel(), "tourTextLabel", self.tr("Tour page text"))
        self.textLabel.setWordWrap(True)
        self.textLabel.setMinimumWidth(420)
        self.backButton = named(QPushButton(self.tr("< Back")), "tourBackButton", self.tr("Previous tour page"))
        self.nextButton = named(QPushButton(self.tr("Next >")), "tourNextButton", self.tr("Next tour page"))
        self.closeButton = named(QPushButton(self.tr("Close")), "tourCloseButton", self.tr("Close the tour"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.stepLabel)
        buttons.addStretch(1)
        for button in (self.backButton, self.nextButton, self.closeButton):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.titleLabel)
        layout.addWidget(self.textLabel, 1)
        layout.addLayout(buttons)
        self.backButton.clicked.connect(lambda: self.go(self.index - 1))
        self.nextButton.clicked.connect(self._next)
        self.closeButton.clicked.connect(self.close)
        window.installEventFilter(self)  # the outline follows the window's resizes
        self.go(0)

    def _pages(self, w) -> list[TourPage]:
        tabs = w.insightTabs

        def tab(widget):
            return lambda: tabs.setCurrentWidget(widget)

        return [
            TourPage(self.tr("Knobs"), self.tr(
                "Everything a run depends on: the data file, epochs, batch size, shuffle, learning rate and "
                "num_workers, plus a simulated slow disk (I/O delay) or heavy preprocessing (CPU work) per sample. "
                "The presets set the notes' batch, stochastic and mini-batch gradient descent. The line under the "
                "batch size works out iterations per epoch = rows ÷ batch size, rounded up."), w.controlsDock),
            TourPage(self.tr("Start, Stop and Sweep"), self.tr(
                "Start trains in a separate process with these knobs; Stop ends it after the current batch and keeps "
                "what was recorded. Sweep times the same knobs at several num_workers settings, like the notes' 0 to "
                "8 experiment."), w.startButton.parentWidget()),
            TourPage(self.tr("Loss"), self.tr(
                "The big Loss number is the mean of the current epoch's batch losses so far; the last batch's loss "
                "stands beside it in small print. The plot shows one point per iteration, the epoch means as dots, "
                "and a smoothed trend (the Smoothing slider; it turns itself on for tiny batches)."), w.lossPanel),
            TourPage(self.tr("CPU"), self.tr(
                "Each logical core's load over the last seconds, and how much of the machine our training process "
                "and its DataLoader workers use: watch the workers appear when num_workers > 0."), w.cpuPanel),
            TourPage(self.tr("Wait vs compute"), self.tr(
                "For every batch: how long the loop waited for data and how long it computed. With slow loading and "
                "several workers the waits come in a rhythm, one stall every num_workers batches."), tabs,
                tab(w.stallPlot)),
            TourPage(self.tr("Accuracy, Advice, Workers"), self.tr(
                "Accuracy per epoch, with a dashed line at the share of the most common label: a curve on that line "
                "has only learnt to answer one class. Advice reads the finished run's numbers. Workers lists the "
                "training process and each worker with its memory, and keeps the last snapshot after the run."),
                tabs, tab(w.advicePanel)),
            TourPage(self.tr("Experiments and Runs"), self.tr(
                "Experiments replay the notes' comparisons with one click. Runs keeps every run, named by the knobs "
                "that set it apart; select several and press Overlay to compare their loss curves."), tabs,
                tab(w.runsPanel)),
            TourPage(self.tr("The notes' lessons"), self.tr(
                "What the notes claim, to check on this machine: (1) one batch per epoch is smooth but slow to learn, "
                "one sample per step is fast per step but noisy, mini-batches sit between; (2) an epoch is "
                "rows ÷ batch size iterations; (3) for a small table already in memory, 0 workers is fastest; "
                "(4) every worker costs start-up time and a trip across a process boundary per batch; (5) slow "
                "loading stalls once every num_workers batches; (6) memory grows with each worker; (7) workers "
                "beyond the core count still help when loading waits on I/O, not when it computes. The Experiments "
                "tab and Sweep measure each one; the Advice tab says what your runs showed."), None),
        ]

    def go(self, index: int) -> None:
        self.index = max(0, min(index, len(self.pages) - 1))
        page = self.pages[self.index]
        if callable(page.show):
            page.show()
        self.stepLabel.setText(self.tr("Step {step} of {steps}").format(step=self.index + 1, steps=len(self.pages)))
        self.titleLabel.setText(page.title)
        self.textLabel.setText(page.text)
        self.backButton.setEnabled(self.index > 0)
        last = self.index == len(self.pages) - 1
        self.nextButton.setText(self.tr("Finish") if last else self.tr("Next >"))
        self.highlight.outline(page.target)

    def _next(self) -> None:
        if self.index == len(self.pages) - 1:
            self.close()
        else:
            self.go(self.index + 1)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest) \
                and self.isVisible():
            self.highlight.outline(self.pages[self.index].target)
        return False

    def closeEvent(self, event) -> None:
        self.highlight.hide()
        super().closeEvent(event)

    def done(self, result: int) -> None:  # Esc
        self.highlight.hide()
        super().done(result)
