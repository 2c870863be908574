"""main(): the QApplication, its language, the window, and nothing heavy at import time.

Spawned training processes re-import the entry module (the gui-script imports ``main`` from here), so this module
imports Qt only inside its functions: a training process never loads Qt.
"""

from __future__ import annotations

import sys
import weakref

# The open main windows: a top-level window that Python no longer references would be collected and vanish.
_windows: list = []

# After SIGINT/SIGTERM the runs get this long to stop and be recorded; then everything is killed and we quit.
QUIT_DEADLINE_MS = 4000


def main(argv: list[str] | None = None) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .. import APP_NAME, ORGANIZATION, ORGANIZATION_DOMAIN, __version__
    from ..paths import resource
    from .i18n import install_translators
    from .settings import AppSettings
    from .slot_errors import install as show_slot_errors_in_banner

    app = QApplication.instance() or QApplication(sys.argv if argv is None else argv)
    show_slot_errors_in_banner()
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(ORGANIZATION)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setDesktopFileName("diabetes-trainer")
    app.setWindowIcon(QIcon(str(resource("icons", "diabetes-trainer.svg"))))
    settings = AppSettings.open()
    install_translators(app, settings.language())  # before any widget exists: widgets translate when built
    window = open_main_window(settings)
    install_quit_signals(app)
    window.show()
    return app.exec()


def install_quit_signals(app) -> None:
    """SIGINT (Ctrl+C in the terminal) and SIGTERM quit the app the way closing it does, after stopping the run.

    Python runs a signal handler only when Python code runs; while Qt's event loop waits in C++ it would run late,
    or inside whatever slot comes next as a KeyboardInterrupt. Its wake-up fd tells Qt at once instead.
    """
    import signal
    import socket

    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_: _drain(reader))  # Python's handler runs as this slot is entered
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: quit_after_stopping())
    app._quit_signal_wakeup = (reader, writer, notifier)  # kept as long as the application


def _drain(reader) -> None:
    try:
        while reader.recv(256):
            pass
    except OSError:  # nothing more to read
        pass


_quitting = False


def quit_after_stopping() -> None:
    """Stop every window's run (each kept as "stopped"), close the windows, quit; by force after a deadline.

    A second signal forces at once.
    """
    global _quitting
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if _quitting:
        _force_quit(app)
        return
    _quitting = True
    for window in list(_windows):
        window.stop_then_close()
    watch = QTimer(app)
    watch.setInterval(50)
    watch.timeout.connect(lambda: app.quit() if not any(w.isVisible() for w in _windows) else None)
    watch.start()
    QTimer.singleShot(QUIT_DEADLINE_MS, app, lambda: _force_quit(app))


def _force_quit(app) -> None:
    for window in list(_windows):
        window.controller.shutdown()
        window.close()
    app.quit()


def open_main_window(settings=None, prewarm: bool = True):
    """A new MainWindow restored from ``settings`` (default: the saved ones) that can switch its language."""
    from .main_window import MainWindow

    window = MainWindow(prewarm=prewarm, settings=settings)
    ref = weakref.ref(window)
    window.languageRequested.connect(lambda language: _switch(ref, language, prewarm))
    window.destroyed.connect(lambda: _forget(ref))
    _windows.append(window)
    return window


def switch_language(window, language: str, prewarm: bool = True):
    """Rebuild ``window`` in ``language``: save its state, open a new window that restores it, close the old one.

    Returns the new window, or None when a run is going (the banner says to stop it first). Qt widgets keep the
    text they were built with, so rebuilding is how every label, menu and tooltip changes language at once; the
    new window takes over the old one's run, plots and spare process (language_switch.carry_over).
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from .i18n import install_translators, installed_language
    from .language_switch import carry_over

    if language == installed_language():
        return window
    if window.training_in_progress():
        window.banner.show_message(QCoreApplication.translate(
            "Language", "Stop the run before switching the language: the window is rebuilt in the new language, "
                        "and a rebuild would end the run."), "warning")
        return None
    window.window_settings.save()
    window.window_settings.settings.set_language(language)
    install_translators(QApplication.instance(), language)
    replacement = open_main_window(prewarm=prewarm)
    carry_over(window, replacement)  # the last run, overlays, x axis, the warm spare: nothing is lost
    replacement.show()
    window.close()
    _forget(weakref.ref(window))
    window.deleteLater()
    return replacement


def _switch(ref, language: str, prewarm: bool) -> None:
    window = ref()
    if window is not None:
        switch_language(window, language, prewarm)


def _forget(ref) -> None:
    window = ref()
    _windows[:] = [w for w in _windows if w is not window and w is not None]
