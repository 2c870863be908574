"""A real spawned training process: telemetry in batches, stop, whole-tree kill, and deaths told in words."""

from __future__ import annotations

import os
import signal
import time

import psutil
import pytest
from process_helpers import alive

from diabetes_trainer.core.config import TrainConfig
from diabetes_trainer.runner import protocol
from diabetes_trainer.runner.process import TrainingProcess, WarmPool, kill_tree

pytestmark = pytest.mark.timeout(120)


def collect(process: TrainingProcess, until=None, timeout: float = 60.0) -> list[protocol.Message]:
    """Read messages until the run ends (or ``until(messages)`` says so)."""
    messages: list[protocol.Message] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in process.messages(0.05):
            messages.append(message)
        if process.finished or (until and until(messages)):
            return messages
    raise AssertionError(f"no end of run within {timeout} s: {[m.kind for m in messages]}")


def started(messages):
    return next(m.payload for m in messages if m.kind == protocol.STARTED)


def batch_count(messages) -> int:
    return sum(len(m.payload["losses"]) for m in messages if m.kind == protocol.BATCHES)


@pytest.fixture
def process():
    proc = TrainingProcess()
    yield proc
    proc.shutdown(0.5)
    assert not alive([proc.pid])


def test_a_run_reports_start_batches_epochs_and_end(process):
    info = process.wait_ready()
    assert info["pid"] == process.pid and info["torch"]
    process.start_run(TrainConfig(epochs=2, batch_size=64, seed=0).to_dict())
    messages = collect(process)
    kinds = [m.kind for m in messages]
    assert kinds[0] == protocol.STARTED and kinds[-1] == protocol.ENDED
    assert kinds.count(protocol.EPOCH) == 2
    started = messages[0].payload
    assert batch_count(messages) == 2 * started.iterations_per_epoch == messages[-1].payload.iterations


def test_one_sample_batches_travel_in_few_messages(process):
    process.start_run(TrainConfig(epochs=1, batch_size=1, seed=0).to_dict())
    messages = collect(process)
    batches = [m for m in messages if m.kind == protocol.BATCHES]
    assert batch_count(messages) == started(messages).total_iterations
    # ~760 batches must not become ~760 messages: they are flushed every ~30 ms or at the epoch's end
    assert len(batches) < batch_count(messages) / 5


def test_stop_ends_the_run_after_the_current_batch(process):
    process.start_run(TrainConfig(epochs=100, batch_size=8, seed=0, sample_delay_ms=1.0).to_dict())
    collect(process, until=lambda ms: batch_count(ms) >= 3)
    process.request_stop()
    messages = collect(process, timeout=10)
    assert messages[-1].kind == protocol.ENDED and messages[-1].payload.status == "stopped"


def test_shutdown_kills_the_training_process_and_its_workers():
    process = TrainingProcess()
    process.start_run(TrainConfig(epochs=100, batch_size=8, num_workers=2, sample_delay_ms=50.0).to_dict())
    collect(process, until=lambda ms: any(m.kind == protocol.STARTED for m in ms))
    deadline = time.monotonic() + 30
    while len(psutil.Process(process.pid).children()) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    tree = [process.pid] + [c.pid for c in psutil.Process(process.pid).children(recursive=True)]
    assert len(tree) >= 3
    began = time.monotonic()
    process.shutdown(grace_s=0.3)
    assert time.monotonic() - began < 3
    assert not alive(tree)


def test_a_killed_worker_ends_the_run_with_a_clear_message(process):
    process.start_run(TrainConfig(epochs=100, batch_size=8, num_workers=2, sample_delay_ms=20.0).to_dict())
    messages = collect(process, until=lambda ms: batch_count(ms) >= 2)
    worker = psutil.Process(process.pid).children()[0]
    worker.send_signal(signal.SIGKILL)
    messages += collect(process, timeout=20)
    failed = messages[-1]
    assert failed.kind == protocol.FAILED and failed.payload.kind == "worker-died"
    assert "worker" in failed.payload.message and "num_workers" in failed.payload.message
    assert batch_count(messages) >= 2  # what was recorded before the death arrived


def test_a_killed_training_process_is_reported_not_hung(process):
    process.start_run(TrainConfig(epochs=100, batch_size=8, seed=0, sample_delay_ms=1.0).to_dict())
    collect(process, until=lambda ms: batch_count(ms) >= 1)
    os.kill(process.pid, signal.SIGKILL)
    messages = collect(process, timeout=10)
    assert messages[-1].kind == protocol.FAILED and messages[-1].payload.kind == "process-died"
    assert "SIGKILL" in messages[-1].payload.message


def test_bad_data_file_fails_with_the_data_error(process, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,0\n1,x,1\n")
    process.start_run(TrainConfig(data_path=str(bad)).to_dict())
    messages = collect(process)
    assert messages[-1].kind == protocol.FAILED and messages[-1].payload.kind == "data"
    assert "bad.csv" in messages[-1].payload.message and "line 2" in messages[-1].payload.message


def test_warm_pool_hands_out_a_warm_process_and_prepares_the_next_when_asked():
    pool = WarmPool()
    try:
        first = pool.take()
        first.wait_ready()
        assert pool.spare_pid is None  # nothing new starts while the run has the cores
        first.start_run(TrainConfig(epochs=1, seed=0).to_dict())
        assert collect(first)[-1].kind == protocol.ENDED
        first.shutdown()
        pool.warm_spare()
        spare = pool.spare_pid
        assert spare is not None and spare != first.pid
        second = pool.take()
        assert second.pid == spare and second.wait_ready()["pid"] == spare
        second.shutdown(0)
    finally:
        pool.close()
    assert not alive([first.pid, spare])


def test_warm_pool_replaces_a_dead_spare():
    pool = WarmPool()
    try:
        dead = pool.spare_pid
        os.kill(dead, signal.SIGKILL)
        # Not psutil's wait(): reaping it here would hide its end from multiprocessing, which the pool asks.
        deadline = time.monotonic() + 5
        while psutil.Process(dead).status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
            time.sleep(0.01)
        pool.warm_spare()
        assert pool.spare_pid not in (None, dead)
        replacement = pool.take()
        assert replacement.wait_ready()["pid"] == replacement.pid != dead
        replacement.shutdown(0)
    finally:
        pool.close()


def test_kill_tree_tolerates_a_vanished_pid():
    kill_tree(2**22 + 12345)
