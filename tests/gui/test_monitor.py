import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import contextlib  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402

import numpy as np  # noqa: E402
import psutil  # noqa: E402
import pytest  # noqa: E402

from diabetes_trainer.gui.monitor import (  # noqa: E402
    ROLE_TRAINING,
    ROLE_WORKER,
    CpuMonitor,
    ProcessSample,
)

# A stand-in for the training process: starts one Python child (a "DataLoader worker"), prints its pid,
# and both burn CPU for a few seconds (bounded, so nothing outlives a failed test).
_BUSY_TREE = textwrap.dedent("""
    import subprocess, sys, time
    worker = subprocess.Popen([sys.executable, "-c",
        "import time\\nend = time.monotonic() + 4\\nwhile time.monotonic() < end: pass"])
    print(worker.pid, flush=True)
    end = time.monotonic() + 4
    while time.monotonic() < end:
        pass
    worker.wait()
""")

# A root that starts a sleeping worker and waits for it (so a killed worker is reaped, not a zombie).
_SLEEPING_TREE = textwrap.dedent("""
    import subprocess, sys, time
    worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(20)"])
    print(worker.pid, flush=True)
    worker.wait()
    time.sleep(20)
""")

# A root whose workers each live a fraction of a second, shorter than the monitor's scan for processes:
# non-persistent DataLoader workers at short epochs look like this.
_SHORT_LIVED_WORKERS = textwrap.dedent("""
    import subprocess, sys, time
    for _ in range(3):
        subprocess.run([sys.executable, "-c", "import time\\nwhile time.process_time() < 0.25: pass"])
    time.sleep(1.0)
""")


def _start_tree(script: str) -> tuple[subprocess.Popen, int]:
    root = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    worker_pid = int(root.stdout.readline())
    return root, worker_pid


def _end_tree(root: subprocess.Popen, worker_pid: int) -> None:
    """Kill exactly the two processes this test started (the worker only while it is still the root's
    child, so a recycled pid is never hit; an orphaned worker ends by itself)."""
    with contextlib.suppress(psutil.NoSuchProcess):
        for child in psutil.Process(root.pid).children():
            if child.pid == worker_pid:
                child.kill()
    root.kill()
    root.wait(timeout=10)
    root.stdout.close()


@pytest.fixture
def monitor(qtbot):
    monitor = CpuMonitor(interval_ms=50)
    yield monitor
    monitor.stop()
    monitor.set_watched_pid(None)


def test_cores_are_sampled_as_one_percentage_per_logical_core(qtbot, monitor):
    readings = []
    shares = []
    monitor.coresSampled.connect(lambda t, per_core: readings.append((t, per_core)))
    monitor.treeShare.connect(shares.append)
    monitor.start()
    qtbot.waitUntil(lambda: len(readings) >= 4, timeout=5000)
    monitor.stop()

    assert monitor.logical_cores == psutil.cpu_count()
    times = [t for t, _ in readings]
    assert times == sorted(times) and len(set(times)) == len(times)
    for _t, per_core in readings:
        assert isinstance(per_core, np.ndarray)
        assert per_core.shape == (psutil.cpu_count(),)
        assert np.all((per_core >= 0.0) & (per_core <= 100.0))
    assert shares == []  # nothing watched, no share


def test_stop_stops_the_ticks(qtbot, monitor):
    monitor.start()
    assert monitor.is_running()
    monitor.stop()
    assert not monitor.is_running()
    readings = []
    monitor.coresSampled.connect(lambda t, per_core: readings.append(t))
    qtbot.wait(200)
    assert readings == []


def test_a_watched_tree_reports_its_processes_with_roles_and_a_positive_share(qtbot, monitor):
    root, worker_pid = _start_tree(_BUSY_TREE)
    try:
        shares: list[float] = []
        tables: list[list[ProcessSample]] = []
        monitor.treeShare.connect(shares.append)
        monitor.processesSampled.connect(tables.append)
        monitor.start()
        monitor.set_watched_pid(root.pid)
        assert monitor.watched_pid == root.pid

        def both_processes_seen_busy():
            for table in tables:
                roles = {sample.pid: sample.role for sample in table}
                busy = {sample.pid for sample in table if sample.cpu_percent > 0}
                if roles.get(root.pid) == ROLE_TRAINING and roles.get(worker_pid) == ROLE_WORKER \
                        and {root.pid, worker_pid} <= busy:
                    return True
            return False

        qtbot.waitUntil(both_processes_seen_busy, timeout=8000)
        assert max(shares) > 0.0
        assert all(0.0 <= share <= 100.0 for share in shares)
        table = next(t for t in reversed(tables) if len(t) >= 2)
        assert table[0].pid == root.pid  # the training process comes first
        for sample in table:
            assert sample.rss > 0
            assert sample.uss is None or sample.uss > 0
            assert sample.name
            assert isinstance(sample.status, str)
            assert sample.cpu_num is None or 0 <= sample.cpu_num < psutil.cpu_count()
    finally:
        _end_tree(root, worker_pid)


def test_a_worker_that_vanishes_is_dropped_and_sampling_goes_on(qtbot, monitor):
    root, worker_pid = _start_tree(_SLEEPING_TREE)
    try:
        tables: list[list[ProcessSample]] = []
        monitor.processesSampled.connect(tables.append)
        monitor.start()
        monitor.set_watched_pid(root.pid)
        qtbot.waitUntil(lambda: bool(tables) and {s.pid for s in tables[-1]} == {root.pid, worker_pid}, timeout=5000)

        next(child for child in psutil.Process(root.pid).children() if child.pid == worker_pid).kill()
        qtbot.waitUntil(lambda: bool(tables) and [s.pid for s in tables[-1]] == [root.pid], timeout=5000)
        assert monitor.watched_pid == root.pid
    finally:
        _end_tree(root, worker_pid)


def test_the_watch_ends_when_the_root_process_ends(qtbot, monitor):
    root = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.3)"])
    try:
        ended: list[object] = []
        tables: list[list[ProcessSample]] = []
        monitor.watchedPidChanged.connect(ended.append)
        monitor.processesSampled.connect(tables.append)
        monitor.start()
        monitor.set_watched_pid(root.pid)
        qtbot.waitUntil(lambda: None in ended, timeout=5000)  # exited, not yet reaped: a zombie counts as gone
        assert ended == [root.pid, None]
        assert monitor.watched_pid is None
        assert tables[-1] == []  # the table is told to empty itself
    finally:
        root.kill()
        root.wait(timeout=10)


def test_watching_a_pid_that_no_longer_exists_is_harmless(qtbot, monitor):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=10)
    changes: list[object] = []
    monitor.watchedPidChanged.connect(changes.append)
    monitor.start()
    monitor.set_watched_pid(gone.pid)
    assert monitor.watched_pid is None
    assert changes == [None]
    readings = []
    monitor.coresSampled.connect(lambda t, per_core: readings.append(t))
    qtbot.waitUntil(lambda: len(readings) >= 2, timeout=3000)  # still sampling the cores


def test_unwatching_stops_the_share(qtbot, monitor):
    shares: list[float] = []
    monitor.treeShare.connect(shares.append)
    monitor.start()
    monitor.set_watched_pid(os.getpid())
    qtbot.waitUntil(lambda: len(shares) >= 2, timeout=3000)
    monitor.set_watched_pid(None)
    count = len(shares)
    qtbot.wait(250)
    assert len(shares) == count


def test_workers_that_live_shorter_than_a_scan_are_counted_once(qtbot, monitor):
    root = subprocess.Popen([sys.executable, "-c", _SHORT_LIVED_WORKERS])
    try:
        shares: list[float] = []
        ended: list[object] = []
        monitor.treeShare.connect(shares.append)
        monitor.watchedPidChanged.connect(ended.append)
        monitor.start()
        monitor.set_watched_pid(root.pid)
        qtbot.waitUntil(lambda: None in ended, timeout=15000)
        times = psutil.Process(root.pid).cpu_times()  # a zombie until waited for: its times are final
        everything = times.user + times.system + times.children_user + times.children_system
    finally:
        root.kill()
        root.wait(timeout=10)
    assert all(0.0 <= share <= 100.0 for share in shares)
    if sys.platform.startswith("linux"):  # elsewhere an ended child's time is not reported to its parent
        assert monitor.tree_cpu_seconds >= 3 * 0.25 * 0.9  # every worker's busy loop, none missed
    assert monitor.tree_cpu_seconds <= everything + 0.05  # and nothing counted twice
