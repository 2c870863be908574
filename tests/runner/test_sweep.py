"""The num_workers sweep: parsing settings, summarising repeats, and real runs that fail, continue and cancel."""

from __future__ import annotations

import os
import signal
import threading
import time

import psutil
import pytest
from process_helpers import alive

from diabetes_trainer.core.config import ConfigError, TrainConfig
from diabetes_trainer.runner import fork_server
from diabetes_trainer.runner.process import TrainingProcess
from diabetes_trainer.runner.sweep import (
    DEFAULT_REPEAT,
    MAX_REPEAT,
    Sweep,
    SweepPoint,
    fastest,
    parse_workers,
    setting_config,
    summarize,
    sweep_process,
)

pytestmark = pytest.mark.timeout(120)


# --- parse_workers -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("0-8", list(range(9))),
    ("0,2,4", [0, 2, 4]),
    ("0-4,8", [0, 1, 2, 3, 4, 8]),
    (" 4 , 0-2 ,2 ", [0, 1, 2, 4]),  # sorted, unique, spaces ignored
    ("3", [3]),
    ("5-5", [5]),
    ("64", [64]),
])
def test_parse_workers_accepts_ranges_and_lists(text, expected):
    assert parse_workers(text) == expected


@pytest.mark.parametrize(("text", "named"), [
    ("0-x", "'0-x'"),
    ("0,two", "'two'"),
    ("8-0", "'8-0'"),
    ("0-65", "'0-65'"),
    ("-1", "'-1'"),
    ("0,,2", "'0,,2'"),
    ("1.5", "'1.5'"),
    ("", "0-8"),  # nothing given: the message shows how to write it
])
def test_parse_workers_names_the_bad_part(text, named):
    with pytest.raises(ValueError) as error:
        parse_workers(text)
    assert named in str(error.value)


# --- summarize, fastest, setting_config --------------------------------------------------------------------------

def point(workers: int, seconds: float, repeat: int = 1, startup: float = 0.0, status: str = "finished"):
    return SweepPoint(num_workers=workers, repeat=repeat, seconds=seconds, startup_s=startup,
                      steady_s=seconds - startup, final_loss=0.6 if status == "finished" else None, status=status,
                      error=None if status == "finished" else "worker died")


def test_summarize_gives_medians_ranges_and_counts_per_setting_in_workers_order():
    points = [point(2, 3.0, 1, 1.0), point(0, 1.0, 1), point(2, 5.0, 2, 2.0), point(0, 9.0, 2),
              point(2, 4.0, 3, 1.5), point(0, 0.0, 3, status="failed")]
    rows = summarize(points)
    assert [row.num_workers for row in rows] == [0, 2]
    zero, two = rows
    assert (zero.seconds, zero.min_s, zero.max_s, zero.runs, zero.failed) == (5.0, 1.0, 9.0, 2, 1)
    assert (two.seconds, two.min_s, two.max_s, two.runs, two.failed) == (4.0, 3.0, 5.0, 3, 0)
    assert two.startup_s == 1.5 and two.steady_s == 2.5
    assert fastest(rows) is two
    assert set(two.to_dict()) >= {"num_workers", "seconds", "min_s", "max_s", "startup_s", "steady_s", "runs",
                                  "failed"}


def test_a_setting_whose_runs_all_failed_has_no_time_and_is_never_fastest():
    rows = summarize([point(1, 0.0, status="failed"), point(3, 2.0)])
    assert rows[0].seconds is None and rows[0].runs == 0 and rows[0].failed == 1
    assert fastest(rows).num_workers == 3
    assert fastest(summarize([point(1, 0.0, status="failed")])) is None


def test_ties_go_to_fewer_workers():
    assert fastest(summarize([point(4, 1.0), point(2, 1.0)])).num_workers == 2


def test_options_that_need_workers_are_dropped_for_zero_workers():
    base = TrainConfig(persistent_workers=True, prefetch_factor=4, num_workers=1)
    zero, four = setting_config(base, 0), setting_config(base, 4)
    assert (zero.num_workers, zero.persistent_workers, zero.prefetch_factor) == (0, False, None)
    assert (four.num_workers, four.persistent_workers, four.prefetch_factor) == (4, True, 4)
    sweep = Sweep(base, [0, 4], repeat=1)  # would raise ConfigError for 0 workers if the options were kept
    assert sweep.total_points == 2


def test_a_bad_knob_or_an_empty_sweep_is_refused_before_any_process_starts():
    made = []
    with pytest.raises(ConfigError) as error:
        Sweep(TrainConfig(batch_size=0), [0, 1], process_factory=lambda: made.append(1))
    assert error.value.knob == "batch-size"
    with pytest.raises(ValueError):
        Sweep(TrainConfig(), [])
    with pytest.raises(ValueError):
        Sweep(TrainConfig(), [0], repeat=0)
    with pytest.raises(ValueError, match=f"1 to {MAX_REPEAT}"):
        Sweep(TrainConfig(), [0], repeat=MAX_REPEAT + 1)
    assert made == []


def test_the_sweep_owns_its_defaults_and_its_order():
    sweep = Sweep(TrainConfig(), [0, 2, 4])
    assert sweep.repeat == DEFAULT_REPEAT
    assert sweep.order()[:4] == [(0, 1), (2, 1), (4, 1), (0, 2)]  # repeats interleaved
    assert len(sweep.order()) == sweep.total_points == 3 * DEFAULT_REPEAT
    late = SweepPoint(num_workers=2, repeat=2, seconds=1.0, startup_s=0.0, steady_s=1.0, final_loss=None,
                      status="finished", error=None)
    assert sweep.position(late) == 5


# --- real runs ---------------------------------------------------------------------------------------------------

class Processes:
    """Makes real training processes; the ones whose index is in ``die`` are killed as soon as their run starts."""

    def __init__(self, die=()):
        self.die = set(die)
        self.made: list[TrainingProcess] = []

    def __call__(self) -> TrainingProcess:
        process = TrainingProcess()
        index = len(self.made)
        self.made.append(process)
        if index in self.die:
            original = process.start_run

            def start_and_die(config_values):
                original(config_values)
                os.kill(process.pid, signal.SIGKILL)

            process.start_run = start_and_die
        return process




def test_repeats_are_interleaved_and_failed_points_do_not_stop_the_sweep():
    processes = Processes(die={0, 1, 2, 3})  # every run dies at once: this test is about order, so keep it quick
    progress = []
    points = Sweep(TrainConfig(epochs=1), [0, 1], repeat=2, process_factory=processes).run(
        on_progress=lambda done, total: progress.append((done, total)))
    assert [(p.num_workers, p.repeat) for p in points] == [(0, 1), (1, 1), (0, 2), (1, 2)]
    assert progress == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert all(p.status == "failed" and "training process" in p.error for p in points)
    assert [(row.runs, row.failed) for row in summarize(points)] == [(0, 2), (0, 2)]
    assert not alive(p.pid for p in processes.made)


def test_a_failed_point_is_recorded_and_the_next_one_still_runs():
    processes = Processes(die={0})
    seen = []
    points = Sweep(TrainConfig(epochs=1, batch_size=64, seed=0), [0, 1], repeat=1, process_factory=processes).run(
        on_point=seen.append)
    assert seen == points and len(points) == 2
    failed, finished = points
    assert (failed.num_workers, failed.status) == (0, "failed")
    assert "SIGKILL" in failed.error  # the process's death, told in words
    assert (finished.num_workers, finished.status, finished.error) == (1, "finished", None)
    assert finished.seconds > 0 and 0 < finished.startup_s < finished.seconds
    assert finished.steady_s == pytest.approx(finished.seconds - finished.startup_s)
    assert finished.final_loss is not None
    rows = summarize(points)
    assert rows[0].seconds is None and rows[1].seconds == finished.seconds
    assert not alive(p.pid for p in processes.made)


def test_cancel_from_another_thread_returns_the_finished_points_and_kills_the_run():
    # The first point dies at once (a finished point, quickly); the second trains long enough to be cancelled
    # with its DataLoader workers running.
    processes = Processes(die={0})
    sweep = Sweep(TrainConfig(epochs=200, batch_size=8, sample_delay_ms=5.0), [1, 2], repeat=1,
                  process_factory=processes)
    result: list = []
    thread = threading.Thread(target=lambda: result.append(sweep.run()), daemon=True)
    thread.start()

    deadline = time.monotonic() + 60
    tree: list[int] = []
    while time.monotonic() < deadline:
        if len(processes.made) == 2:
            try:
                workers = psutil.Process(processes.made[1].pid).children(recursive=True)
            except psutil.NoSuchProcess:
                workers = []
            if len(workers) >= 2:
                tree = [processes.made[1].pid] + [w.pid for w in workers]
                break
        time.sleep(0.05)
    assert tree, "the second run never started its workers"

    began = time.monotonic()
    sweep.cancel()
    thread.join(10)
    assert not thread.is_alive()
    assert time.monotonic() - began < 5
    points = result[0]
    assert [(p.num_workers, p.status) for p in points] == [(1, "failed")]
    assert sweep.cancelled
    assert not alive(tree + [p.pid for p in processes.made])


def test_each_point_gets_a_fresh_process_that_was_ready_before_its_turn():
    # Every point its own process; the next one is made when the current point's loop has ended (before that point
    # is reported), and on Linux it is forked by the warm fork server, which is gone once the sweep is over.
    made: list[TrainingProcess] = []
    parents: list[int] = []
    reported: list[int] = []

    def factory() -> TrainingProcess:
        made.append(sweep_process())
        parents.append(psutil.Process(made[-1].pid).ppid())
        return made[-1]

    points = Sweep(TrainConfig(epochs=1, batch_size=64, seed=0), [0, 1], repeat=1, process_factory=factory).run(
        on_point=lambda point: reported.append(len(made)))
    assert [(p.num_workers, p.status) for p in points] == [(0, "finished"), (1, "finished")]
    assert len({p.pid for p in made}) == 2
    assert reported == [2, 2]  # the second process existed when the first point was reported
    assert not alive(p.pid for p in made)
    if fork_server.available():
        assert all(parent != os.getpid() for parent in parents)  # forked by the server, not spawned by us
        assert len(set(parents)) == 1 and not alive(parents)  # one server for the sweep, stopped at its end
