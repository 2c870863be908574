"""The knob widgets' exact state, taken before an experiment changes the knobs and put back after it.

TrainConfig cannot carry it: it drops what does not apply (persistent workers with 0 workers, a prefetch factor the
spin box shows as "default"), and the user must find every box as they left it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget


def take(panel: QWidget) -> list[tuple[QWidget, object]]:
    """(widget, value) for every value-holding child of ``panel``."""
    state: list[tuple[QWidget, object]] = []
    for widget in panel.findChildren(QWidget):
        if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            state.append((widget, widget.value()))
        elif isinstance(widget, QComboBox):
            state.append((widget, widget.currentIndex()))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append((widget, widget.isChecked()))
        elif isinstance(widget, QLineEdit) and not isinstance(widget.parent(), (QAbstractSpinBox, QComboBox)):
            state.append((widget, widget.text()))
    return state


def put_back(state: list[tuple[QWidget, object]]) -> None:
    # Twice: a widget's handler may adjust another one (workers enable the persistent box) on the first pass.
    for _ in range(2):
        for widget, value in state:
            if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
                widget.setValue(value)
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(value)
            elif isinstance(widget, QAbstractButton):
                widget.setChecked(value)
            elif isinstance(widget, QLineEdit):
                widget.setText(value)
