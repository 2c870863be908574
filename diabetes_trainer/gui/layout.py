"""Layout pieces that let the window fit any screen from a 1024×768 projector to 4K.

- ``first_window_size``: the first size of the window, clamped to the screen's available area;
- ``FlowLayout``: widgets in rows that wrap to the next line when the width runs out;
- ``WrappingTabs``: the insight views' tab buttons in a FlowLayout above a QTabWidget whose own tab bar is
  hidden: every tab stays readable (never elided, never scrolled away), on two rows when narrow;
- ``WholeTextComboBox``: a combo box wide enough for the full advance of its longest item (CJK punctuation);
- ``ContentWidthScrollArea``: a vertical-only scroll area as wide as its content needs (no horizontal bar).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLayout,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

PREFERRED_WINDOW_SIZE = QSize(1280, 820)
SCREEN_SHARE = 0.95  # a first window leaves a little of the screen free around it


def first_window_size(available: QRect, preferred: QSize = PREFERRED_WINDOW_SIZE) -> QSize:
    """``preferred``, but never larger than the screen's available area (minus a margin for the frame)."""
    width = min(preferred.width(), int(available.width() * SCREEN_SHARE))
    height = min(preferred.height(), int(available.height() * SCREEN_SHARE))
    return QSize(width, height)


class FlowLayout(QLayout):
    """Items left to right, wrapping to a new row when the next one would not fit (Qt's flow layout example)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 2):
        super().__init__(parent)
        self._items: list = []
        self._spacing = self._row_spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def set_spacing(self, between_items: int, between_rows: int) -> None:
        self._spacing, self._row_spacing = between_items, between_rows
        self.invalidate()

    def addItem(self, item) -> None:  # noqa: N802 (Qt's name)
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802 (Qt's name)
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802 (Qt's name)
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 (Qt's name)
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 (Qt's name)
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = sum(item.sizeHint().width() for item in self._items) + self._spacing * max(0, len(self._items) - 1)
        height = max((item.sizeHint().height() for item in self._items), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:  # noqa: N802 (Qt's name)
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, row_height = rect.x(), rect.y(), 0
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and row_height > 0:
                x, y, row_height = rect.x(), y + row_height + self._row_spacing, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + self._spacing
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


class _TabsWidget(QTabWidget):
    """A QTabWidget that tells its WrappingTabs when tabs come and go (its own tab bar stays hidden)."""

    def __init__(self, owner: WrappingTabs):
        super().__init__()
        self._owner = owner
        self.tabBar().hide()
        self.currentChanged.connect(owner._show_current)

    def tabInserted(self, index: int) -> None:  # noqa: N802 (Qt's name)
        super().tabInserted(index)
        self._owner.sync()

    def tabRemoved(self, index: int) -> None:  # noqa: N802 (Qt's name)
        super().tabRemoved(index)
        self._owner.sync()


class WrappingTabs(QWidget):
    """The tab buttons (checkable, one checked) wrap over as many rows as the width needs; ``tabs`` is the
    QTabWidget with the pages, used like any QTabWidget (addTab, setCurrentWidget, setTabText + sync())."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.buttonBar = QWidget()
        self.buttonBar.setObjectName("insightTabButtons")
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.buttonBar.setSizePolicy(policy)
        self._flow = FlowLayout(self.buttonBar)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idClicked.connect(lambda index: self.tabs.setCurrentIndex(index))
        self._buttons: list[QToolButton] = []
        self.tabs = _TabsWidget(self)
        layout.addWidget(self.buttonBar)
        layout.addWidget(self.tabs, 1)

    def button(self, index: int) -> QToolButton:
        return self._buttons[index]

    def sync(self) -> None:
        """One button per tab, named after its page and showing the tab's text (call after setTabText)."""
        tabs = self.tabs
        while len(self._buttons) < tabs.count():
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            self._group.addButton(button, len(self._buttons))
            self._flow.addWidget(button)
            self._buttons.append(button)
        while len(self._buttons) > tabs.count():
            button = self._buttons.pop()
            self._group.removeButton(button)
            self._flow.removeWidget(button)
            button.deleteLater()
        for index, button in enumerate(self._buttons):
            page = tabs.widget(index)
            text = tabs.tabText(index)
            button.setText(text)
            button.setObjectName(f"{page.objectName() or f'tab{index}'}TabButton")
            button.setAccessibleName(text.replace("&", ""))
            button.setToolTip(tabs.tabToolTip(index))
        self._show_current(tabs.currentIndex())
        self.buttonBar.updateGeometry()

    def _show_current(self, index: int) -> None:
        if 0 <= index < len(self._buttons):
            self._buttons[index].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.LanguageChange):
            self.sync()


class ContentWidthScrollArea(QScrollArea):
    """Scrolls up and down only, and asks for the width its widget needs plus the vertical scroll bar's."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _extra_width(self) -> int:
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, self)
        return bar + 2 * self.frameWidth() + 2

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        return QSize(content.minimumSizeHint().width() + self._extra_width(), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        content = self.widget()
        if content is None:
            return hint
        return QSize(content.minimumSizeHint().width() + self._extra_width(), hint.height())

    def eventFilter(self, watched, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()  # the content's width changed (a font change): the dock follows
        return super().eventFilter(watched, event)


class WholeTextComboBox(QComboBox):
    """Qt sizes a combo box by its items' ink; full-width punctuation such as "）" advances further than its
    ink, and the last glyph would be cut. This one asks for each item's whole advance, at any font size."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._widened(super().sizeHint())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return self._widened(super().minimumSizeHint())

    def _widened(self, hint: QSize) -> QSize:
        metrics = self.fontMetrics()
        advance = max((metrics.horizontalAdvance(self.itemText(i)) for i in range(self.count())), default=0)
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        option.rect = QRect(QPoint(0, 0), hint)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        return QSize(hint.width() + max(0, advance - field.width()), hint.height())
