"""The application's session model: what a run is, without Qt (see model.py); used by the window and the CLI.

Layered above ``runner`` (it starts training processes through it) and below ``gui``; it never imports Qt.
"""

from .driver import SessionDriver
from .listeners import SessionListener
from .model import SessionBusy, SessionModel
from .queue import QueuedRun, RunQueue
from .views import RunInfo, RunView, ViewList

__all__ = ["QueuedRun", "RunInfo", "RunQueue", "RunView", "SessionBusy", "SessionDriver", "SessionListener",
           "SessionModel", "ViewList"]
