"""Counting processes in tests: which of some pids still live, and what this test process has spawned."""

from __future__ import annotations

import psutil


def alive(pids) -> list[int]:
    """The pids that still run (a zombie has ended: it only waits to be reaped)."""
    found = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                found.append(pid)
        except psutil.NoSuchProcess:
            pass
    return found


def descendants(pid: int | None = None) -> set[int]:
    """Every process below ``pid`` (default: this test process)."""
    try:
        return {child.pid for child in psutil.Process(pid).children(recursive=True)}
    except psutil.NoSuchProcess:
        return set()
