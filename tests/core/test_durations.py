"""One rule for writing durations: the advice, the CLI, the window's readouts and the sweep table share it."""

from __future__ import annotations

import pytest

from diabetes_trainer.core.durations import duration_parts, format_seconds, seconds_figure


@pytest.mark.parametrize(("seconds", "text"), [
    (0.00030, "0.30 ms"), (0.0052, "5.2 ms"), (0.052, "52 ms"), (4.14, "4.1 s"), (59.94, "59.9 s"),
    (125.4, "2 min 05 s"), (3780, "1 h 03 min"),
])
def test_format_seconds_picks_the_unit(seconds, text):
    assert format_seconds(seconds) == text


def test_clocks_and_etas_stay_in_seconds_below_a_second():
    assert format_seconds(0.3, milliseconds=False) == "0.3 s"
    assert duration_parts(0.3, milliseconds=False) == ("s", {"value": "0.3"})
    assert format_seconds(-1.0, milliseconds=False) == "0.0 s"  # a clock read a hair early is not negative


@pytest.mark.parametrize(("seconds", "text"), [(1.0234, "1.02"), (12.345, "12.35"), (0.0523, "0.052"), (0.0, "0")])
def test_sweep_figures_are_short_and_keep_what_matters(seconds, text):
    assert seconds_figure(seconds) == text

