"""Advice in the user's language: the core's one renderer, with Qt's translate (QtCore only, no widgets)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.advice import Advice, render
from ..core.advice import advice_dicts as _advice_dicts


def advice_text(advice: Advice) -> str:
    """The item's text in the installed language (English when no translator is installed)."""
    return render(advice, QCoreApplication.translate)


def advice_dicts(advice: list[Advice]) -> list[dict]:
    """The items as stored in a run record, their text in the installed language."""
    return _advice_dicts(advice, QCoreApplication.translate)
