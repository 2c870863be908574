"""Advice in the user's language: the core's one renderer, with Qt's translate (QtCore only, no widgets)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.advice import Advice, render


def advice_text(advice: Advice) -> str:
    """The item's text in the installed language (English when no translator is installed)."""
    return render(advice, QCoreApplication.translate)


def advice_dicts(advice: list[Advice]) -> list[dict]:
    """The items as stored in a run record and printed by ``--json``: kind, severity, numbers, recommend, text."""
    return [item.to_dict(advice_text(item)) for item in advice]
