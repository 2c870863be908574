"""Imported only by the fork server (see fork_server.py): importing this module imports torch and warms it up, so
every training process forked from the server starts ready. Nothing else imports it."""

from __future__ import annotations

import contextlib

from .child import _warm_up

# A failed warm-up only costs speed: each forked process warms up again anyway before its run.
with contextlib.suppress(Exception):
    _warm_up()
