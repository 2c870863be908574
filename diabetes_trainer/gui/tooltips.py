"""Long tooltips wrapped into a paragraph instead of one line running off the screen.

Qt shows a plain-text tooltip on a single line however long it is, and wraps a rich-text one at about 80
characters. A filter on each widget of a window that has a long tooltip hands it to Qt as rich text when shown, so no
widget has to remember to do it (the accessible descriptions stay plain text). Not an application-wide filter: that
would route every event of the application (paints, timers, mouse moves) through Python.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QToolTip, QWidget

WRAP_AFTER_CHARS = 60  # shorter tooltips stay on one line


def as_paragraph(text: str) -> str:
    """``text`` as a rich-text paragraph (escaped), which Qt word-wraps; rich text is returned as it is."""
    if GuiQt.mightBeRichText(text):
        return text
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


class _WrapLongTooltips(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ToolTip and isinstance(watched, QWidget):
            text = watched.toolTip()
            if len(text) > WRAP_AFTER_CHARS and not GuiQt.mightBeRichText(text):
                QToolTip.showText(event.globalPos(), as_paragraph(text), watched)
                return True
        return False


def wrap_long_tooltips(root: QWidget) -> None:
    """Install the filter on ``root`` and every widget inside it whose tooltip is long (call once it is built)."""
    wrapper = root.findChild(_WrapLongTooltips, "longTooltipWrapper")
    if wrapper is None:
        wrapper = _WrapLongTooltips(root)
        wrapper.setObjectName("longTooltipWrapper")
    for widget in [root, *root.findChildren(QWidget)]:
        if len(widget.toolTip()) > WRAP_AFTER_CHARS:
            widget.installEventFilter(wrapper)  # Qt installs a filter once per object, however often it is asked
