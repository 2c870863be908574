"""The session model without Qt, with real training processes: a run, an experiment, a sweep, a stop, a failure."""

from __future__ import annotations

import math
import threading
import time

import psutil
import pytest
from process_helpers import alive

from diabetes_trainer.core.advice import SystemInfo
from diabetes_trainer.core.config import ConfigError, TrainConfig, iterations_per_epoch
from diabetes_trainer.core.data import DataError
from diabetes_trainer.runner.process import TrainingProcess
from diabetes_trainer.runner.sweep import Sweep
from diabetes_trainer.session import RunQueue, SessionBusy, SessionDriver, SessionListener, SessionModel, ViewList

pytestmark = pytest.mark.timeout(120)

TINY = TrainConfig(epochs=1, batch_size=64, seed=0)  # the bundled sample: 759 rows, 12 iterations


class Recorder(SessionListener):
    """Every hook call, in order, with what it was given."""

    def __init__(self):
        self.calls: list[tuple] = []
        self.pids: list[int | None] = []

    def on_queue_started(self, queue):
        self.calls.append(("queue_started", queue.kind))

    def on_run_starting(self, run, pid):
        self.pids.append(pid)
        self.calls.append(("starting", run.label))

    def on_run_started(self, info):
        self.calls.append(("started", info.total_iterations))

    def on_batches(self, columns):
        self.calls.append(("batches", len(columns["losses"])))

    def on_epoch_ended(self, summary):
        self.calls.append(("epoch", summary.epoch))

    def on_run_finished(self, run, record, insight):
        self.calls.append(("finished", run.label, record["status"], len(insight)))

    def on_failed(self, run, message):
        self.calls.append(("failed", message))

    def on_queue_finished(self, queue):
        self.calls.append(("queue_finished", len(queue.records)))

    def named(self, name):
        return [call for call in self.calls if call[0] == name]


@pytest.fixture
def session():
    model = SessionModel()
    model.load_table("")  # the bundled sample
    recorder = Recorder()
    model.add_listener(recorder)
    driver = SessionDriver(model, prewarm=False)
    yield model, driver, recorder
    driver.close()
    assert not alive(pid for pid in recorder.pids if pid is not None)


def test_a_single_run_builds_its_record_and_insight(session):
    model, driver, recorder = session
    model.set_config(TINY)
    model.run()
    assert model.busy
    driver.run_until_idle(90)

    expected = iterations_per_epoch(model.table_summary["rows"], TINY.batch_size)
    record = model.last_record
    assert record["status"] == "finished" and record["error"] is None
    assert record["iterations"] == len(record["losses"]) == expected
    assert all(math.isfinite(loss) for loss in record["losses"])
    assert record["data"]["rows"] == model.table_summary["rows"]
    assert model.last_insight and record["advice"] == [item.message for item in model.last_insight]
    assert sum(n for _, n in recorder.named("batches")) == expected
    assert recorder.named("started") == [("started", expected)]
    assert recorder.named("epoch") == [("epoch", 1)]
    assert recorder.calls[0] == ("queue_started", "run") and recorder.calls[-1] == ("queue_finished", 1)
    assert not model.busy and model.builder is None
    assert model.process_info is not None and model.process_info["torch"]


def test_an_experiment_runs_its_configs_in_order_and_ends_once(session):
    model, driver, recorder = session
    queue = model.run_experiment("tiny", [("big batches", TINY.replace(batch_size=256)),
                                          ("small batches", TINY.replace(batch_size=128))])
    with pytest.raises(SessionBusy):
        model.run(TINY)
    driver.run_until_idle(90)

    assert [call[1] for call in recorder.named("starting")] == ["big batches", "small batches"]
    assert [(call[1], call[2]) for call in recorder.named("finished")] == [
        ("big batches", "finished"), ("small batches", "finished")]
    assert [r["config"]["batch_size"] for r in queue.records] == [256, 128]
    assert [r["iterations"] for r in queue.records] == [3, 6]
    assert recorder.named("queue_finished") == [("queue_finished", 2)]
    assert len(set(recorder.pids)) == 2  # one process per run


def test_a_sweep_records_a_point_per_setting(session):
    model, driver, recorder = session
    queue = model.run_sweep(Sweep(TINY.replace(batch_size=128), [0, 1], repeat=1))
    driver.run_until_idle(90)

    assert [(p.num_workers, p.repeat, p.status) for p in queue.points] == [(0, 1, "finished"), (1, 1, "finished")]
    assert all(p.seconds > 0 and p.final_loss is not None for p in queue.points)
    assert queue.points[1].startup_s > 0  # a worker has to start before the first batch
    assert [r["config"]["num_workers"] for r in queue.records] == [0, 1]
    assert recorder.named("queue_finished") == [("queue_finished", 2)]


def test_a_stop_mid_run_keeps_what_was_recorded_and_ends_the_queue(session):
    model, driver, recorder = session
    slow = TINY.replace(epochs=50, batch_size=8, sample_delay_ms=1.0)
    queue = model.run_experiment("slow", [("first", slow), ("never", TINY)])
    while not recorder.named("batches"):
        assert driver.pump(), "the run ended before its first batch"
    driver.request_stop()
    driver.run_until_idle(30)

    record = model.last_record
    assert record["status"] == "stopped"
    assert 0 < record["iterations"] < 50 * iterations_per_epoch(model.table_summary["rows"], 8)
    assert [call[1] for call in recorder.named("starting")] == ["first"]  # the rest of the queue never starts
    assert queue.stopped and recorder.named("queue_finished") == [("queue_finished", 1)]
    assert not recorder.named("failed")


def test_a_failing_run_reaches_on_failed_with_its_message(session):
    model, driver, recorder = session
    model.run_experiment("failing", [("fails", TINY.replace(fail_at_row=5)), ("never", TINY)])
    driver.run_until_idle(90)

    record = model.last_record
    assert record["status"] == "failed"
    [(_, message)] = recorder.named("failed")
    assert message == record["error"]["message"] and "row 5" in message
    assert [call[1] for call in recorder.named("starting")] == ["fails"]  # an experiment stops at a failure
    assert recorder.named("queue_finished") == [("queue_finished", 1)]


def test_a_bad_knob_is_refused_before_any_process_starts():
    model = SessionModel()
    made = []
    driver = SessionDriver(model, prewarm=False, process_factory=lambda: made.append(1))
    with pytest.raises(ConfigError) as error:
        model.submit(RunQueue.single(TINY.replace(batch_size=0)))
    assert error.value.knob == "batch-size"
    assert not model.busy and not driver.pump() and not made


class FakeView:
    def __init__(self):
        self.seen: list[str] = []
        self.zoom = 1

    def reset(self, run):
        self.seen.append(f"reset {run.epochs}")

    def append(self, columns):
        self.seen.append("append")

    def epoch_ended(self, summary):
        self.seen.append(f"epoch {summary.epoch}")

    def finished(self, record):
        self.seen.append(record["status"])

    def save_state(self):
        return {"zoom": self.zoom}

    def restore_state(self, state):
        self.zoom = state.get("zoom", self.zoom)


def test_views_in_a_view_list_follow_the_run_and_keep_their_state(session):
    model, driver, _ = session
    view = FakeView()
    views = ViewList([view])
    model.add_listener(views)
    model.run(TINY)
    driver.run_until_idle(90)

    assert view.seen[0] == "reset 1" and "append" in view.seen and view.seen[-2:] == ["epoch 1", "finished"]
    view.zoom = 3
    state = views.save_state()
    assert state == {"FakeView": {"zoom": 3}}
    fresh = FakeView()
    ViewList([fresh]).restore_state(state)
    assert fresh.zoom == 3
    with pytest.raises(TypeError):
        views.add(object())


def test_a_process_that_cannot_start_fails_the_run_with_a_message():
    model = SessionModel()
    recorder = Recorder()
    model.add_listener(recorder)

    def no_process() -> TrainingProcess:
        raise OSError("Resource temporarily unavailable")

    driver = SessionDriver(model, prewarm=False, process_factory=no_process)
    queue = model.run_sweep(Sweep(TINY, [0, 1], repeat=1))
    driver.run_until_idle(10)
    assert [p.status for p in queue.points] == ["failed", "failed"]  # a sweep goes on after a failed point
    assert all("Resource temporarily unavailable" in call[1] for call in recorder.named("failed"))
    assert recorder.named("queue_finished") == [("queue_finished", 2)]


def test_the_table_and_the_memory_check_live_in_the_model(tmp_path):
    model = SessionModel(system=SystemInfo(logical_cores=2, total_memory=2**30, available_memory=2**30))
    changes = []

    class Tables(SessionListener):
        def on_table_changed(self, path, summary):
            changes.append((path, summary and summary["rows"]))

    model.add_listener(Tables())
    summary = model.load_table("")
    assert changes == [("", 759)] and summary["features"] == 8
    assert model.table_is_current(TrainConfig()) and not model.table_is_current(TrainConfig(data_path="x.csv"))
    assert model.memory_risk(TrainConfig(num_workers=0)) is None
    risk = model.memory_risk(TrainConfig(num_workers=8, start_method="spawn"))
    assert risk is not None and "8 workers" in risk.message  # 8 spawned workers do not fit in 1 GiB

    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,0\n3,x,1\n")
    with pytest.raises(DataError) as error:
        model.load_table(str(bad))
    assert "line 2" in str(error.value)
    assert model.table_summary is None and changes[-1] == (None, None)


def test_the_warm_spare_runs_the_next_run_and_a_new_one_warms_when_idle():
    model = SessionModel()
    recorder = Recorder()
    model.add_listener(recorder)
    driver = SessionDriver(model, prewarm=True)
    try:
        driver.warm_up()
        spare = driver.spare_pid
        deadline = time.monotonic() + 60
        while driver.probe_spare() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        assert model.process_info is not None and model.process_info["pid"] == spare
        model.run(TINY.replace(batch_size=256))
        driver.run_until_idle(90)
        assert recorder.pids == [spare] and model.last_record["status"] == "finished"
        assert driver.spare_pid not in (None, spare)  # the next run's process, started once the run was over
    finally:
        driver.close()
    assert not alive([spare, *recorder.pids]) and driver.spare_pid is None


def test_pumped_on_its_own_thread_a_run_is_abandoned_at_once_from_another():
    # The window's way: the pump runs on a watcher thread, the GUI thread asks; closing must not wait for the run.
    model = SessionModel()
    recorder = Recorder()
    model.add_listener(recorder)
    driver = SessionDriver(model, prewarm=False)
    model.run(TINY.replace(epochs=100, batch_size=8, sample_delay_ms=2.0, num_workers=1))
    pump = threading.Thread(target=driver.run_until_idle, daemon=True)
    pump.start()
    deadline = time.monotonic() + 60
    while not recorder.named("batches") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert recorder.named("batches"), "the run never reached its first batch"
    tree = [driver.current_pid, *(child.pid for child in psutil.Process(driver.current_pid).children(recursive=True))]

    began = time.monotonic()
    driver.abandon()
    pump.join(10)
    assert not pump.is_alive() and time.monotonic() - began < 5
    assert model.last_record["status"] == "stopped" and model.last_record["iterations"] > 0
    assert recorder.named("queue_finished") == [("queue_finished", 1)]
    driver.close()
    assert len(tree) >= 2 and not alive(tree)  # the worker went with its process
