"""Find visible texts that do not fit their widget, and widgets that lie outside their window.

Used by test_layout_fit.py (through layout_probe.py, one offscreen screen size per process). A text "fits" when its
width in the widget's font (``QFontMetrics.horizontalAdvance``) is at most the width the widget's style gives its
contents; an elided tab does not fit; a wrapped label fits when the height its text needs at its width is at most
its height.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QStyleOptionGroupBox,
    QTabBar,
    QToolButton,
    QWidget,
)

SLACK_PX = 1  # rounding of fractional advances


def _plain(text: str) -> str:
    """A button or title's text as drawn: the mnemonic '&' removed ('&&' is a literal '&')."""
    return re.sub(r"&(.)", r"\1", text)


def _where(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    parent = widget.parentWidget()
    while parent is not None and not widget.objectName():
        if parent.objectName():
            return f"{parent.objectName()}/{name}"
        parent = parent.parentWidget()
    return name


def _visible_rect(widget: QWidget, window: QWidget) -> QRect:
    """The part of ``widget`` (in window coordinates) not clipped by its ancestors, e.g. a scroll area."""
    rect = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        rect = rect.intersected(QRect(parent.mapTo(window, parent.rect().topLeft()), parent.size()))
        parent = parent.parentWidget()
    return rect


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.pixmap() is not None and not label.pixmap().isNull():
        return None
    contents = label.contentsRect().adjusted(label.margin(), label.margin(), -label.margin(), -label.margin())
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text))
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK_PX:
            return f"needs {needed} px of height at its width {label.width()}, has {label.height()}"
        return None
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        needed = document.idealWidth()
    else:
        metrics = QFontMetrics(label.font())
        needed = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
    if needed > contents.width() + SLACK_PX:
        return f"needs {needed:.0f} px, has {contents.width()}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    text = _plain(button.text())
    if not text:
        return None
    style = button.style()
    if isinstance(button, QToolButton):
        if button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
            return None
        needed = button.sizeHint().width()
        if needed > button.width() + SLACK_PX:
            return f"needs {needed} px, has {button.width()}"
        return None
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    element = {QPushButton: QStyle.SubElement.SE_PushButtonContents,
               QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
               QRadioButton: QStyle.SubElement.SE_RadioButtonContents}
    kind = next((kind for cls, kind in element.items() if isinstance(button, cls)), None)
    if kind is None:
        return None
    contents = style.subElementRect(kind, option, button)
    available = contents.width()
    if not button.icon().isNull():
        available -= button.iconSize().width() + 4
    needed = QFontMetrics(button.font()).horizontalAdvance(text)
    if isinstance(button, QPushButton):
        needed += 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button) // 2
    if needed > available + SLACK_PX:
        return f"needs {needed} px, has {available}"
    return None


def _tab_problems(bar: QTabBar) -> list[str]:
    problems = []
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        rect, hint = bar.tabRect(index), bar.tabSizeHint(index)
        text = bar.tabText(index)
        horizontal = bar.shape() in (QTabBar.Shape.RoundedNorth, QTabBar.Shape.RoundedSouth,
                                     QTabBar.Shape.TriangularNorth, QTabBar.Shape.TriangularSouth)
        have, need = (rect.width(), hint.width()) if horizontal else (rect.height(), hint.height())
        if have + SLACK_PX < need:
            problems.append(f"tab {text!r} is elided: needs {need} px, has {have}")
        if not bar.rect().contains(rect):
            problems.append(f"tab {text!r} lies outside its tab bar (scrolled away)")
    return problems


def _group_problem(box: QGroupBox) -> str | None:
    if not box.title():
        return None
    option = QStyleOptionGroupBox()
    box.initStyleOption(option)
    label = box.style().subControlRect(QStyle.ComplexControl.CC_GroupBox, option,
                                       QStyle.SubControl.SC_GroupBoxLabel, box)
    needed = QFontMetrics(box.font()).horizontalAdvance(_plain(box.title()))
    if needed > label.width() + SLACK_PX or label.right() > box.rect().right() + SLACK_PX:
        return f"title needs {needed} px, has {label.width()} (box {box.width()} wide)"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                         QStyle.SubControl.SC_ComboBoxEditField, combo)
    metrics = QFontMetrics(combo.font())
    for index in range(combo.count()):
        needed = metrics.horizontalAdvance(combo.itemText(index))
        if needed > field.width() + SLACK_PX:
            return f"item {combo.itemText(index)!r} needs {needed} px, has {field.width()}"
    return None


def layout_problems(window: QWidget) -> list[str]:
    """Every visible text of ``window`` that does not fit, and every visible widget outside the window."""
    problems: list[str] = []
    bounds = window.rect()
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not window:
            continue
        visible = _visible_rect(widget, window)
        if visible.isEmpty():
            continue  # scrolled out of view, or squeezed to nothing inside a scroll area: not shown
        own = QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())
        if not bounds.contains(visible):
            problems.append(f"{_where(widget)} lies outside the window: {own} not in {bounds}")
        if own != visible and not _inside_scroll_area(widget):
            problems.append(f"{_where(widget)} is cut by its parent: shows {visible.size()} of {own.size()}")
        problem = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QGroupBox):
            problem = _group_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
        if isinstance(widget, QTabBar):
            problems.extend(f"{_where(widget)}: {p}" for p in _tab_problems(widget))
        if problem:
            problems.append(f"{_where(widget)} {type(widget).__name__} {_text(widget)!r}: {problem}")
    return problems


def _inside_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent.objectName() == "qt_scrollarea_viewport":
            return True
        parent = parent.parentWidget()
    return False


def _text(widget: QWidget) -> str:
    for getter in ("text", "title", "currentText"):
        if hasattr(widget, getter):
            return str(getattr(widget, getter)())[:60]
    return ""


MIN_DATA_SHARE = 0.45  # of a plot's height: titles, legends and axes may not take more than the rest


def plot_problems(window: QWidget) -> list[str]:
    """Axis titles longer than their axis, legends not inside their plot or over its data, and data areas squeezed
    by what surrounds them, of every visible pyqtgraph plot."""
    import pyqtgraph as pg

    problems = []
    for plot in window.findChildren(pg.PlotWidget):
        if not plot.isVisible() or _visible_rect(plot, window).isEmpty():
            continue
        item = plot.getPlotItem()
        name = plot.objectName() or type(plot).__name__
        for side in ("left", "bottom", "right"):
            axis = item.getAxis(side)
            if not axis.isVisible() or not axis.label.isVisible() or not axis.labelText:
                continue
            drawn = axis.label.boundingRect().width() * axis.label.scale()
            room = axis.size().height() if side in ("left", "right") else axis.size().width()
            if drawn > room + SLACK_PX:
                problems.append(f"{name}: the {side} axis title {axis.labelText!r} needs {drawn:.0f} px, "
                                f"has {room:.0f}")
        scene = plot.sceneRect()
        area = item.getViewBox().sceneBoundingRect()
        for legend in plot.scene().items():
            if isinstance(legend, pg.LegendItem) and legend.isVisible() and legend.items:
                box = legend.sceneBoundingRect()
                if not scene.adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(box):
                    problems.append(f"{name}: a legend lies outside the plot: {box} not in {scene}")
                if box.intersected(area).height() > SLACK_PX:
                    problems.append(f"{name}: a legend covers the data: {box} over {area}")
        if area.height() < MIN_DATA_SHARE * scene.height():
            problems.append(f"{name}: the data get {area.height():.0f} px of the plot's {scene.height():.0f}")
    return problems
