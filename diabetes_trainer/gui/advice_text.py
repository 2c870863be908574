"""Advice in the user's language: core.insight writes English with numbers; the window re-words known kinds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.insight import Advice


def advice_text(advice: Advice) -> str:
    """The advice's message, translated when a translation of that exact message exists."""
    translated = QCoreApplication.translate("Advice", advice.message)
    return translated or advice.message
