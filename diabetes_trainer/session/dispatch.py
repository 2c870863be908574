"""The one place the session model turns a runner message into record-builder calls.

The mapping itself is ``runner.protocol.feed_record``, the one the window's controller and the sweep use too.
"""

from __future__ import annotations

from ..core.events import RunFailed
from ..core.record import RecordBuilder
from ..runner import protocol
from ..runner.sweep import SweepPoint, point_of


def record_message(builder: RecordBuilder, message: protocol.Message) -> None:
    """Apply a STARTED, BATCHES, EPOCH, ENDED or FAILED message to ``builder`` (READY and others are ignored)."""
    protocol.feed_record(builder, message)


def sweep_point_of(record: dict, num_workers: int, repeat: int) -> SweepPoint:
    """A sweep point from a finished point's record: the same numbers the CLI's and window's sweeps report."""
    return point_of(record, num_workers, repeat)


def pipe_failure(error: Exception) -> protocol.Message:
    """The FAILED message for a pipe that broke while the run was handed over or read."""
    return protocol.Message(protocol.FAILED, RunFailed(
        "process-died", f"The pipe to the training process broke ({error}); the run was abandoned."))
