"""The application's session model: what a run is, without Qt (see model.py); used by the window and the CLI.

Layered above ``runner`` (it starts training processes through it) and below ``gui``; it never imports Qt.
"""

from importlib import import_module

# Loaded on first use: the window imports the light ``views`` module at start-up, and the driver pulls in the
# runner (multiprocessing, psutil), which the window loads only after its first paint.
_WHERE = {"QueuedRun": "queue", "RunInfo": "views", "RunQueue": "queue", "RunView": "views", "SessionBusy": "model",
          "SessionDriver": "driver", "SessionListener": "listeners", "SessionModel": "model", "ViewList": "views"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
