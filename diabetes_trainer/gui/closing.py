"""Closing the window while a run goes: ask first, and let the run end as "stopped" (kept) before the window goes."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def ask_stop_before_closing(parent: QWidget) -> bool:
    """True: stop the run, keep what it recorded, then close. False: keep the window and the run going."""
    box = QMessageBox(parent)
    box.setObjectName("closeMidRunDialog")
    box.setAccessibleName(QCoreApplication.translate("Closing", "Close while training"))
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("Closing", "A run is going"))
    box.setText(QCoreApplication.translate(
        "Closing", "A training run is still going. Stop it and close the window? The iterations recorded so far "
                   "are kept in the run history as a stopped run."))
    stop = box.addButton(QCoreApplication.translate("Closing", "Stop and keep the partial run"),
                         QMessageBox.ButtonRole.AcceptRole)
    stop.setObjectName("stopAndCloseButton")
    stop.setAccessibleName(QCoreApplication.translate("Closing", "Stop the run and close"))
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    cancel.setObjectName("cancelCloseButton")
    cancel.setAccessibleName(QCoreApplication.translate("Closing", "Keep training"))
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is stop
