"""How long something took, written for people: the one rule the advice, the CLI, the readouts and the sweep use.

``duration_parts`` decides the unit and the rounding; ``format_seconds`` writes it in English (the CLI, advice
texts), the window translates the same parts (gui/panels/readouts.py ``format_duration``). A sweep's table and
chart show bare figures under a "seconds" heading: ``seconds_figure``.
"""

from __future__ import annotations

# One English pattern per unit; the window's translations of these patterns live in gui/panels/readouts.py.
ENGLISH = {"ms": "{value} ms", "s": "{value} s", "min": "{m} min {s} s", "h": "{h} h {m} min"}


def duration_parts(seconds: float, *, milliseconds: bool = True) -> tuple[str, dict[str, str]]:
    """(unit, fields) for ENGLISH: '52 ms', '0.30 ms', '4.1 s', '2 min 05 s', '1 h 03 min'.

    ``milliseconds=False`` writes short times as '0.3 s' (a clock or an ETA counting up, where a unit that jumps
    from ms to s would distract).
    """
    seconds = max(0.0, float(seconds))
    if milliseconds and seconds < 1:
        ms = seconds * 1000
        digits = 0 if ms >= 10 else 1 if ms >= 1 else 2
        return "ms", {"value": f"{ms:.{digits}f}"}
    if seconds < 60:
        return "s", {"value": f"{seconds:.1f}"}
    minutes, secs = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return "min", {"m": str(minutes), "s": f"{secs:02d}"}
    return "h", {"h": str(minutes // 60), "m": f"{minutes % 60:02d}"}


def format_seconds(seconds: float, *, milliseconds: bool = True) -> str:
    unit, fields = duration_parts(seconds, milliseconds=milliseconds)
    return ENGLISH[unit].format(**fields)


def seconds_figure(seconds: float) -> str:
    """'1.02' from a tenth of a second on, '0.052' below it, '0' for none at all (no workers to start)."""
    if seconds == 0:
        return "0"
    return f"{seconds:.2f}" if seconds >= 0.1 else f"{seconds:.3f}"
