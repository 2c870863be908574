"""Long tooltips wrapped into a paragraph instead of one line running off the screen.

Qt shows a plain-text tooltip on a single line however long it is, and wraps a rich-text one at about 80
characters. One application-wide filter hands every long plain tooltip to Qt as rich text, so no widget has to
remember to do it (the accessible descriptions stay plain text).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

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


_installed: _WrapLongTooltips | None = None


def wrap_long_tooltips(app: QApplication) -> None:
    """Install the filter on ``app`` (once per process)."""
    global _installed
    if _installed is None:
        _installed = _WrapLongTooltips(app)
        app.installEventFilter(_installed)
