"""An exception that escapes a button's or menu action's slot is shown in the window's banner, not lost on stderr.

PySide6 hands such an exception to ``sys.excepthook`` and carries on; Python's default hook only prints it to the
terminal, which a student never looks at. The app installs ``install()`` once: the traceback still goes to stderr
(for a bug report), and the main window's banner says what failed. Ctrl+C's ``KeyboardInterrupt`` and ``SystemExit``
keep the previous hook's behaviour. The hook may run on any thread; the banner is only touched on the GUI thread.
"""

from __future__ import annotations

import sys
import traceback

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot
from PySide6.QtWidgets import QApplication

_router: _BannerRouter | None = None


class _BannerRouter(QObject):
    raised = Signal(str)  # emitted from any thread, delivered on the GUI thread (this object lives there)

    def __init__(self, previous_hook) -> None:
        super().__init__()
        self.previous_hook = previous_hook
        self.raised.connect(self._show)

    def hook(self, kind, error, tb) -> None:
        if issubclass(kind, (KeyboardInterrupt, SystemExit)):
            self.previous_hook(kind, error, tb)
            return
        traceback.print_exception(kind, error, tb, file=sys.stderr)
        detail = str(error).strip()
        self.raised.emit(f"{kind.__name__}: {detail}" if detail else kind.__name__)

    @Slot(str)
    def _show(self, detail: str) -> None:
        window = main_window()
        if window is None:
            return
        window.banner.show_message(QCoreApplication.translate(
            "SlotErrors", "That did not work: {detail}. The window keeps working; the details were printed to the "
                          "terminal (please include them when you report this).").format(detail=detail), "error")


def main_window():
    """The visible main window (the active one first), or None."""
    app = QApplication.instance()
    if app is None:
        return None
    candidates = [w for w in QApplication.topLevelWidgets() if w.objectName() == "mainWindow" and w.isVisible()
                  and hasattr(w, "banner")]
    active = QApplication.activeWindow()
    for window in candidates:
        if window is active:
            return window
    return candidates[-1] if candidates else None


def install() -> None:
    """Route uncaught exceptions to the main window's banner (once; a QApplication must exist)."""
    global _router
    if _router is not None and sys.excepthook == _router.hook:
        return
    _router = _BannerRouter(sys.excepthook)
    sys.excepthook = _router.hook
