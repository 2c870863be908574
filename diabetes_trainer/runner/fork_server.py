"""Fresh training processes in milliseconds: forked from a server that has already imported torch and warmed up.

A spawned training process spends ~1-3 s starting Python and importing torch before it can train; a sweep of
0-4 workers paid that five times for ~3 s of training. On Linux, multiprocessing's fork server imports
``warm_import`` (torch, our engine, one tiny warm-up step) once, then forks each point's process from that state:
every point still trains in a fresh process of its own, with nothing carried over from another run.

Linux only: macOS has a fork server too, but forking a process that has loaded torch's Objective-C and Accelerate
libraries is not safe there; Windows has no fork. Elsewhere a sweep gets its next process ready ahead instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.forkserver
import os
import signal
import sys

SPAWN = "spawn"
FORK_SERVER = "forkserver"
_PRELOAD = "diabetes_trainer.runner.warm_import"


def available() -> bool:
    return sys.platform.startswith("linux") and FORK_SERVER in multiprocessing.get_all_start_methods()


def start_method() -> str:
    """The start method for a sweep's training processes: the warm fork server where it is safe, else spawn."""
    if not available():
        return SPAWN
    # Takes effect when the server starts (with the first process); harmless to repeat.
    multiprocessing.get_context(FORK_SERVER).set_forkserver_preload([_PRELOAD])
    return FORK_SERVER


def stop() -> None:
    """End the fork server (it holds an idle interpreter with torch, ~300 MB); the next sweep starts a new one.

    multiprocessing has no public way to stop it: it otherwise lives until this process exits.
    """
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    with contextlib.suppress(Exception):
        server._stop()  # closes the server's "alive" pipe (it then exits) and reaps it


def kill() -> None:
    """Kill the server now (a cancel): a process start that waits for it, because it is still importing torch,
    then fails at once instead of seconds later. Processes it forked are unaffected; ``stop`` reaps it."""
    pid = getattr(getattr(multiprocessing.forkserver, "_forkserver", None), "_forkserver_pid", None)
    if pid:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
