"""Small helpers every panel uses: stable object names and accessible names, the save-file question."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFormLayout, QWidget

# (parent, caption, start path, filter) -> chosen path or "" (QFileDialog.getSaveFileName's shape, minus the tuple).
# Dialogs take one as a parameter so tests can answer for the user.
ChooseFile = Callable[[QWidget, str, str, str], str]


def choose_save_file(parent: QWidget | None, caption: str, start: str, filters: str) -> str:
    """Ask where to save: the path chosen, or "" when the user cancelled."""
    path, _selected = QFileDialog.getSaveFileName(parent, caption, start, filters)
    return path


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


def focus_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab can reach inside ``root``, in reading order: its layouts item by item, form layouts row by
    row (label, then field), group boxes and other containers entered where they stand."""
    chain: list[QWidget] = []

    def visit_widget(widget: QWidget) -> None:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        elif widget.layout() is not None:
            visit_layout(widget.layout())

    def visit_item(item) -> None:
        if item is None:
            return
        if item.widget() is not None:
            visit_widget(item.widget())
        elif item.layout() is not None:
            visit_layout(item.layout())

    def visit_layout(layout) -> None:
        if isinstance(layout, QFormLayout):
            for row in range(layout.rowCount()):
                for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                             QFormLayout.ItemRole.SpanningRole):
                    visit_item(layout.itemAt(row, role))
        else:
            for index in range(layout.count()):
                visit_item(layout.itemAt(index))

    if root.layout() is not None:
        visit_layout(root.layout())
    return chain
