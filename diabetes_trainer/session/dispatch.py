"""The one place the session model turns a runner message into record-builder calls.

The runner's sweep has the dispatch (``runner.sweep._feed``); it is being unified into one public function. Only
this module names it, so switching to that function is a one-line change here.
"""

from __future__ import annotations

from ..core.events import RunFailed
from ..core.record import RecordBuilder
from ..runner import protocol
from ..runner.sweep import SweepPoint, _point_of
from ..runner.sweep import _feed as _record_message


def record_message(builder: RecordBuilder, message: protocol.Message) -> None:
    """Apply a STARTED, BATCHES, EPOCH, ENDED or FAILED message to ``builder`` (READY and others are ignored)."""
    _record_message(builder, message)


def sweep_point_of(record: dict, num_workers: int, repeat: int) -> SweepPoint:
    """A sweep point from a finished point's record: the same numbers the CLI's and window's sweeps report."""
    return _point_of(record, num_workers, repeat)


def pipe_failure(error: Exception) -> protocol.Message:
    """The FAILED message for a pipe that broke while the run was handed over or read."""
    return protocol.Message(protocol.FAILED, RunFailed(
        "process-died", f"The pipe to the training process broke ({error}); the run was abandoned."))
