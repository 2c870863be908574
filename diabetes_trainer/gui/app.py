"""main(): the QApplication, the window, and nothing heavy at import time.

Spawned training processes re-import the entry module (the gui-script imports ``main`` from here), so this module
imports Qt only inside ``main``: a training process never loads Qt.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .. import APP_NAME, ORGANIZATION, ORGANIZATION_DOMAIN, __version__
    from ..paths import resource
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv if argv is None else argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setDesktopFileName("diabetes-trainer")
    app.setWindowIcon(QIcon(str(resource("icons", "diabetes-trainer.svg"))))
    window = MainWindow()
    window.show()
    return app.exec()
