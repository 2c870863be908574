"""How the app ends: SIGINT/SIGTERM mid-run, a terminal's Ctrl+C, a script that never closes its window.

Each test starts the real app in a fresh process (Qt offscreen), because signals, process groups and interpreter
exit cannot be tried inside the test runner.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time

import psutil
import pytest
from process_helpers import alive

pytestmark = [pytest.mark.timeout(240), pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")]

ENDS_WITHIN_S = 5.0

# The real entry point (gui.app.main), with a timer that starts a long, slow-loading run with 2 DataLoader workers
# and prints the process tree once the loss curve has points.
APP_WITH_A_RUN = textwrap.dedent("""
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    def start_when_ready():
        from PySide6.QtCore import Qt, QTimer
        from diabetes_trainer.gui import app
        state = {"started": False}

        def poll():
            window = app._windows[0] if app._windows else None
            if window is None or window.controller.process_info is None or window.table is None:
                return
            if not state["started"]:
                state["started"] = True
                window.knobs.epochsSpin.setValue(10_000)
                window.knobs.numWorkersSpin.setValue(2)
                window.knobs.sampleDelaySpin.setValue(1.0)
                window.start()
            elif window.loss_points() >= 3 and window.controller.session_pid() and not state.get("told"):
                import psutil
                run = window.controller.session_pid()
                tree = [run] + [c.pid for c in psutil.Process(run).children(recursive=True)]
                if len(tree) >= 3:
                    state["told"] = True
                    if os.environ.get("ASK_TO_CLOSE_FIRST"):  # the user closes the window: the question shows
                        QTimer.singleShot(0, window.request_close)
                    else:
                        print("RUNNING", " ".join(map(str, tree)), flush=True)
                    state["tree"] = tree
            elif state.get("told") and not state.get("asked") and os.environ.get("ASK_TO_CLOSE_FIRST"):
                from PySide6.QtWidgets import QApplication
                box = QApplication.activeModalWidget()
                if box is not None and box.objectName() == "closeMidRunDialog":
                    state["asked"] = True
                    print("RUNNING", " ".join(map(str, state["tree"])), flush=True)

        timer = QTimer()
        timer.timeout.connect(poll)
        timer.start(50)
        return timer

    if __name__ == "__main__":
        from PySide6.QtWidgets import QApplication
        from diabetes_trainer.gui.app import main
        qapp = QApplication(sys.argv)
        keep = start_when_ready()
        code = main()
        print("EXITED", code, flush=True)
        sys.exit(code)
""")


_started: list[subprocess.Popen] = []


@pytest.fixture(autouse=True)
def _no_app_outlives_its_test():
    """A test that fails (or times out) half-way must not leave its app and training processes running."""
    yield
    while _started:
        app = _started.pop()
        if app.poll() is None:
            with contextlib.suppress(psutil.Error):
                for child in psutil.Process(app.pid).children(recursive=True):
                    child.kill()
            app.kill()
            app.wait(10)


def start_app(tmp_path, script_text: str, **popen) -> subprocess.Popen:
    script = tmp_path / "app_script.py"
    script.write_text(script_text)
    app = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           cwd=tmp_path, **popen)
    _started.append(app)
    return app


def wait_for_run(app: subprocess.Popen) -> list[int]:
    """The pids of the training process and its workers, once the run draws points."""
    for line in app.stdout:
        if line.startswith("RUNNING"):
            return [int(pid) for pid in line.split()[1:]]
    app.wait(10)
    pytest.fail(f"the app never got a run going: {app.stderr.read()[-3000:]}")


def ended_within(app: subprocess.Popen, seconds: float) -> float:
    started = time.monotonic()
    try:
        app.wait(seconds)
    except subprocess.TimeoutExpired:
        app.kill()
        app.wait(10)
        pytest.fail(f"the app did not end within {seconds} s")
    return time.monotonic() - started


def stored_statuses() -> list[str]:
    from diabetes_trainer.core.runs import RunStore

    summaries, _problems = RunStore().list()
    return [summary.status for summary in summaries]


def ended_cleanly(app: subprocess.Popen, tree: list[int], how: str) -> None:
    took = ended_within(app, ENDS_WITHIN_S)
    stdout, stderr = app.communicate(timeout=10)
    assert app.returncode == 0, f"{how}: exit code {app.returncode}, after {took:.1f} s\n{stderr[-3000:]}"
    assert "EXITED 0" in stdout
    deadline = time.monotonic() + 2
    while alive(tree) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(tree), f"{how}: left behind {alive(tree)}"
    assert "leaked semaphore" not in stderr, stderr[-3000:]
    assert "KeyboardInterrupt" not in stderr and "Traceback" not in stderr, stderr[-3000:]
    assert stored_statuses() == ["stopped"], f"{how}: the partial run is kept as stopped"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_mid_run_stops_the_run_keeps_it_and_ends_the_app(tmp_path, signum):
    app = start_app(tmp_path, APP_WITH_A_RUN)
    tree = wait_for_run(app)
    app.send_signal(signum)
    ended_cleanly(app, tree, signum.name)


def test_a_signal_while_the_close_question_is_open_still_keeps_the_run(tmp_path):
    app = start_app(tmp_path, APP_WITH_A_RUN, env={**os.environ, "ASK_TO_CLOSE_FIRST": "1"})
    tree = wait_for_run(app)  # the question "stop and keep the partial run / cancel" is on screen now
    app.send_signal(signal.SIGTERM)
    ended_cleanly(app, tree, "SIGTERM with the question open")


def test_ctrl_c_in_a_terminal_reaches_only_the_app_which_stops_the_run(tmp_path):
    # A terminal's Ctrl+C sends SIGINT to its whole foreground process group: the app's own, here a new one.
    app = start_app(tmp_path, APP_WITH_A_RUN, start_new_session=True)
    tree = wait_for_run(app)
    training_group = os.getpgid(tree[0])
    assert training_group != os.getpgid(app.pid), "the training process runs in its own process group"
    assert all(os.getpgid(pid) == training_group for pid in alive(tree)), "its DataLoader workers go with it"
    os.killpg(app.pid, signal.SIGINT)
    ended_cleanly(app, tree, "Ctrl+C")


SCRIPT_THAT_NEVER_CLOSES = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    def main():
        from PySide6.QtCore import QEventLoop
        from PySide6.QtWidgets import QApplication
        from diabetes_trainer.gui.main_window import MainWindow

        app = QApplication(sys.argv)
        window = MainWindow()
        window.show()
        deadline = time.monotonic() + 120
        while window.controller.process_info is None and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.01)
        print("SPARE", window.controller.spare_pid(), flush=True)
        # returns without closing the window: the spare training process still waits for its config

    if __name__ == "__main__":
        main()
""")


def test_a_script_that_builds_the_window_and_returns_without_closing_it_ends(tmp_path):
    app = start_app(tmp_path, SCRIPT_THAT_NEVER_CLOSES)
    line = app.stdout.readline()
    assert line.startswith("SPARE"), app.stderr.read()[-3000:] if app.poll() is not None else line
    spare = int(line.split()[1])
    assert psutil.pid_exists(spare)
    ended_within(app, 10)
    _stdout, stderr = app.communicate(timeout=10)
    assert app.returncode == 0, stderr[-3000:]
    assert not alive([spare])
    assert "leaked semaphore" not in stderr


# -- closing the window mid-run asks ------------------------------------------------------------------------------
WARM_MS = 90_000


@pytest.fixture
def running_window(qtbot):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from diabetes_trainer.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.controller.process_info is not None and win.table is not None, timeout=WARM_MS)
    win.knobs.epochsSpin.setValue(10_000)
    win.knobs.numWorkersSpin.setValue(1)
    win.start()
    qtbot.waitUntil(lambda: win.loss_points() >= 3, timeout=WARM_MS)
    yield win
    win.close()


def answer_close_question(qtbot, button_name: str) -> list[str]:
    """Click ``button_name`` in the question once it shows; returns [the question's text] when it did."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

    seen: list[str] = []

    def answer():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "closeMidRunDialog":
            QTimer.singleShot(50, answer)
            return
        seen.append(box.text())
        qtbot.mouseClick(box.findChild(QPushButton, button_name), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    return seen


def test_quitting_mid_run_asks_and_cancel_keeps_the_run_going(running_window, qtbot):
    seen = answer_close_question(qtbot, "cancelCloseButton")
    running_window.quitAction.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "still going" in seen[0]
    qtbot.wait(200)
    assert running_window.isVisible() and running_window.controller.busy
    points = running_window.loss_points()
    qtbot.waitUntil(lambda: running_window.loss_points() > points + 5, timeout=10_000)
    running_window.stop()
    qtbot.waitUntil(lambda: not running_window.controller.busy, timeout=10_000)


def test_quitting_mid_run_asks_and_stop_keeps_the_partial_run_then_closes(running_window, qtbot):
    tree = [running_window.controller.session_pid()]
    tree += [c.pid for c in psutil.Process(tree[0]).children(recursive=True)]
    seen = answer_close_question(qtbot, "stopAndCloseButton")
    running_window.quitAction.trigger()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.waitUntil(lambda: not running_window.isVisible(), timeout=ENDS_WITHIN_S * 1000)
    record = running_window.controller.last_record
    assert record["status"] == "stopped" and record["iterations"] >= 3
    assert stored_statuses() == ["stopped"]
    qtbot.waitUntil(lambda: not alive(tree), timeout=3000)
    assert running_window.controller.spare_pid() is None  # no spare for a next run that will not come
