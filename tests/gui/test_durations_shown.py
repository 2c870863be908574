"""The window's readouts write durations by core/durations.py's rule, only translated."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from diabetes_trainer.core.durations import format_seconds  # noqa: E402
from diabetes_trainer.gui.panels.readouts import format_duration  # noqa: E402


def test_the_window_uses_the_same_units_and_rounding(qapp):
    for seconds in (0.3, 4.14, 125.4, 3780):
        assert format_duration(seconds).replace(",", ".") == format_seconds(seconds, milliseconds=False)
