"""The one message-to-record mapping (runner.protocol.feed_record) that the sweep and the window both use."""

from __future__ import annotations

import numpy as np

from diabetes_trainer.core.events import RunEnded, RunFailed
from diabetes_trainer.core.record import RecordBuilder
from diabetes_trainer.runner import protocol
from diabetes_trainer.runner.protocol import Message, dispatch, feed_record, record_handlers


def test_every_message_about_the_run_feeds_the_record():
    about_the_run = {protocol.STARTED, protocol.BATCHES, protocol.EPOCH, protocol.ENDED, protocol.FAILED}
    assert set(record_handlers(RecordBuilder())) == about_the_run  # READY describes the process, not the run


def test_batches_and_the_end_reach_the_record():
    builder = RecordBuilder({"epochs": 1})
    columns = {"losses": np.array([0.7, 0.6]), "data_wait_s": np.array([0.001, 0.001]),
               "compute_s": np.array([0.002, 0.002]), "iteration_epoch": np.array([1, 1], dtype=np.int32),
               "elapsed_s": np.array([0.003, 0.006])}
    feed_record(builder, Message(protocol.BATCHES, columns))
    feed_record(builder, Message(protocol.READY, {"pid": 1}))  # ignored: no part of the record
    feed_record(builder, Message(protocol.ENDED, RunEnded(status="finished", seconds=0.006, final_loss=0.6,
                                                          iterations=2)))
    record = builder.record()
    assert record["losses"] == [0.7, 0.6] and record["status"] == "finished"


def test_a_failure_reaches_the_record_and_unknown_kinds_are_ignored():
    builder = RecordBuilder({})
    seen = []
    dispatch(Message("something-new", None), {protocol.ENDED: seen.append})
    assert seen == []
    feed_record(builder, Message(protocol.FAILED, RunFailed("data", "row 3 is broken")))
    assert builder.record()["status"] == "failed"
