"""Small helpers every panel uses: stable object names and accessible names, set in one place."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def named(widget: QWidget, object_name: str, accessible_name: str, tooltip: str = "") -> QWidget:
    """Give a widget its stable objectName (tests and settings use it) and its accessibleName (screen readers)."""
    widget.setObjectName(object_name)
    widget.setAccessibleName(accessible_name)
    if tooltip:
        widget.setToolTip(tooltip)
        widget.setAccessibleDescription(tooltip)
    return widget


def name_toolbar_buttons(toolbar) -> None:
    """Toolbar buttons are made by Qt for each action; give them names derived from their action's."""
    for action in toolbar.actions():
        button = toolbar.widgetForAction(action)
        if button is not None and action.objectName():
            button.setObjectName(f"{action.objectName()}Button")
            button.setAccessibleName(action.text().replace("&", ""))
