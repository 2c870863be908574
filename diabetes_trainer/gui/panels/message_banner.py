"""An inline message above the plots: errors stay visible (and selectable) until dismissed, no modal dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from ..widgets import named

STYLES = {
    "error": "background:#fde2e1; color:#7a1010; border:1px solid #d33;",
    "warning": "background:#fff3cd; color:#5c4200; border:1px solid #d9a400;",
    "info": "background:#e3f0ff; color:#0b3a75; border:1px solid #5b8fd9;",
}


class MessageBanner(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        named(self, "messageBanner", self.tr("Message"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.closeButton = named(QToolButton(), "messageCloseButton", self.tr("Dismiss message"))
        self.closeButton.setText("✕")
        self.closeButton.clicked.connect(self.clear)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.closeButton, 0, Qt.AlignmentFlag.AlignTop)
        self.level = ""
        self.hide()

    def show_message(self, text: str, level: str = "error") -> None:
        self.level = level
        self.setStyleSheet(f"QFrame#messageBanner {{{STYLES[level]}}} QLabel {{border:none;}}")
        self.label.setText(text)
        self.show()

    def text(self) -> str:
        return self.label.text()

    def clear(self) -> None:
        self.level = ""
        self.label.clear()
        self.hide()
