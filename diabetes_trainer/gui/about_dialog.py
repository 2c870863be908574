"""Help → About: what is running, for a lab report or a bug report, and where the ideas and the data come from.

The training process's versions (torch above all) come from its READY message: this process never imports torch.
"""

from __future__ import annotations

import html
import os
import platform

import numpy as np
import pyqtgraph as pg
import PySide6
from PySide6.QtCore import QLocale, Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .. import __version__
from ..paths import resource
from .i18n import app_display_name
from .widgets import named

ICON_SIZE = 96


class AboutDialog(QDialog):
    def __init__(self, process_info: dict | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setAccessibleName(self.tr("About {app}").format(app=app_display_name()))
        self.setWindowTitle(self.tr("About {app}").format(app=app_display_name()))
        icon = QIcon(str(resource("icons", "diabetes-trainer.svg")))
        self.setWindowIcon(icon)
        self.iconLabel = named(QLabel(), "aboutIcon", self.tr("Program icon"))
        self.iconLabel.setPixmap(icon.pixmap(ICON_SIZE, ICON_SIZE))
        self.iconLabel.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.versionsLabel = named(QLabel(), "aboutVersions", self.tr("Versions"))
        self.versionsLabel.setTextFormat(Qt.TextFormat.RichText)
        self.versionsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.creditsLabel = named(QLabel(self.tr(
            "Follows the Dataset and DataLoader lesson of the PyTorch tutorial it is built on (the diabetes "
            "table of the PyTorchZeroToAll course): the 8-6-4-1 sigmoid network, mini-batches and num_workers. "
            "The bundled sample data is synthetic, made by this program's authors: it is not medical data.")),
            "aboutCredits", self.tr("Credits"))
        self.creditsLabel.setWordWrap(True)
        self.copyButton = named(QPushButton(self.tr("Copy versions")), "aboutCopyButton",
                                self.tr("Copy the versions"),
                                self.tr("Copy these versions as text, to paste into a lab report or a bug report."))
        self.copyButton.clicked.connect(self.copy_versions)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copyButton, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        named(close, "aboutCloseButton", self.tr("Close"))
        buttons.rejected.connect(self.reject)
        text = QVBoxLayout()
        text.addWidget(self.versionsLabel)
        text.addWidget(self.creditsLabel)
        top = QHBoxLayout()
        top.addWidget(self.iconLabel)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.set_process_info(process_info)

    def versions(self) -> list[tuple[str, str]]:
        """(what, version) rows, as shown."""
        info = self._process_info
        starting = self.tr("starting…")
        yes, no = self.tr("yes"), self.tr("no")

        def device(key: str) -> str:
            return starting if info is None else (yes if info.get(key) else no)

        cores = os.cpu_count() or 1
        return [
            (app_display_name(), __version__),
            (self.tr("Python (this window)"), platform.python_version()),
            ("Qt", qVersion()),
            ("PySide6", PySide6.__version__),
            ("pyqtgraph", pg.__version__),
            ("numpy", np.__version__),
            (self.tr("Logical cores"), QLocale().toString(cores)),
            (self.tr("PyTorch (training process)"), starting if info is None else str(info.get("torch", "?"))),
            (self.tr("Python (training process)"), starting if info is None else str(info.get("python", "?"))),
            (self.tr("CUDA GPU"), device("cuda")),
            (self.tr("Apple MPS"), device("mps")),
        ]

    def set_process_info(self, info: dict | None) -> None:
        """Show the training process's versions (None while it is still starting)."""
        self._process_info = info
        rows = "".join(f"<tr><td>{html.escape(what)}</td><td>&nbsp;&nbsp;<b>{html.escape(value)}</b></td></tr>"
                       for what, value in self.versions())
        self.versionsLabel.setText(f"<h2>{html.escape(app_display_name())}</h2><table>{rows}</table>")

    def plain_text(self) -> str:
        return "\n".join(f"{what}: {value}" for what, value in self.versions())

    def copy_versions(self) -> None:
        QGuiApplication.clipboard().setText(self.plain_text())


def show_about(window) -> AboutDialog:
    """Open the About dialog for ``window`` (or raise the open one); it fills in the training process's versions
    once they are known."""
    for dialog in window.findChildren(AboutDialog):
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = AboutDialog(window.controller.process_info, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.controller.devicesKnown.connect(dialog.set_process_info)
    dialog.show()
    return dialog
