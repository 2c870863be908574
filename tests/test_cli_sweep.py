"""diabetes-trainer-cli sweep as a user runs it: a real subprocess, real training processes, real files."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import psutil  # noqa: E402
import pytest  # noqa: E402
from process_helpers import alive, descendants
from PySide6.QtGui import QImage  # noqa: E402

pytestmark = pytest.mark.timeout(240)
SVG = "{http://www.w3.org/2000/svg}"


def cli(*args: str, timeout: float = 200) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "diabetes_trainer.cli", *args], capture_output=True, text=True,
                          timeout=timeout)


@pytest.mark.parametrize(("workers", "named"), [
    ("0-x", "'0-x'"),
    ("0,2,eight", "'eight'"),
    ("4-1", "'4-1'"),
    ("0-99", "'0-99'"),
])
def test_bad_workers_exit_2_naming_the_bad_part(workers, named):
    done = cli("sweep", "--workers", workers)
    assert done.returncode == 2
    assert "--workers" in done.stderr and named in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("args", "named"), [
    (["--repeat", "0"], "--repeat"),
    (["--repeat", "21"], "--repeat"),  # runner.sweep.MAX_REPEAT, the same limit as the window's sweep dialog
    (["--batch-size", "0"], "--batch-size"),
    (["--export-plot", "chart.jpg"], "chart.jpg"),
    (["--export-csv", "no/such/folder/sweep.csv"], "does not exist"),
])
def test_bad_options_exit_2_before_any_run(args, named):
    done = cli("sweep", "--workers", "0,1", *args)
    assert done.returncode == 2 and named in done.stderr
    assert "Sweeping" not in done.stderr  # refused before the first training process
    assert "Traceback" not in done.stderr


def test_a_bad_data_file_is_reported_once_with_its_line(tmp_path):
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("0.1,0.2,1\n0.3,0.4,0\n0.5,1\n")
    done = cli("sweep", "--workers", "0,1", "--data", str(ragged))
    assert done.returncode == 2 and "ragged.csv" in done.stderr and "line 3" in done.stderr


def test_a_three_setting_sweep_prints_rows_advice_and_writes_its_chart_and_csv(tmp_path):
    png, svg, table = tmp_path / "sweep.png", tmp_path / "sweep.svg", tmp_path / "sweep.csv"
    done = cli("sweep", "--workers", "0,1,2", "--repeat", "1", "--epochs", "1", "--batch-size", "64", "--json",
               "--export-plot", str(png), "--export-plot", str(svg), "--export-csv", str(table))
    assert done.returncode == 0, done.stderr

    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(done.stdout.strip().splitlines()) == 1  # with --json, stdout is the JSON only
    rows = result["rows"]
    assert [row["num_workers"] for row in rows] == [0, 1, 2]
    assert all(row["seconds"] > 0 and row["runs"] == 1 and row["failed"] == 0 for row in rows)
    assert [(p["num_workers"], p["status"]) for p in result["points"]] == [(0, "finished"), (1, "finished"),
                                                                           (2, "finished")]
    assert result["advice"] and all({"kind", "recommend", "text"} <= set(a) for a in result["advice"])
    assert any("fastest" in a["text"] for a in result["advice"])
    assert result["config"]["epochs"] == 1 and result["workers"] == [0, 1, 2] and not result["cancelled"]

    # The human part went to stderr: one progress line per run, the table with the fastest marked, the advice.
    assert [line[:5] for line in done.stderr.splitlines() if line.startswith("[")] == ["[1/3]", "[2/3]", "[3/3]"]
    marked = [line for line in done.stderr.splitlines() if line.endswith("<- fastest")]
    best = min(rows, key=lambda row: row["seconds"])["num_workers"]
    assert len(marked) == 1 and marked[0].split()[0] == str(best)
    assert "Advice:" in done.stderr

    image = QImage(str(png))
    assert not image.isNull() and (image.width(), image.height()) == (1600, 1000)
    root = ET.parse(svg).getroot()
    assert [e for e in root.iter(SVG + "path")]
    with table.open(newline="") as handle:
        lines = list(csv.DictReader(handle))
    assert [int(line["num_workers"]) for line in lines] == [0, 1, 2]
    assert [float(line["seconds"]) for line in lines] == [row["seconds"] for row in rows]





@pytest.mark.skipif(sys.platform == "win32", reason="POSIX process groups: what a terminal's Ctrl+C reaches")
def test_ctrl_c_cancels_cleanly_and_still_prints_the_finished_runs():
    # A new session stands in for a terminal: Ctrl+C goes to the whole group, training processes included.
    proc = subprocess.Popen([sys.executable, "-m", "diabetes_trainer.cli", "sweep", "--workers", "0,2", "--repeat",
                             "1", "--epochs", "1", "--batch-size", "64"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        progress = []
        while not any(line.startswith("[1/2]") for line in progress):
            line = proc.stderr.readline()
            assert line, f"the sweep ended before its first run: {''.join(progress)}"
            progress.append(line)
        # Wait for the second run's training process (the first one has been reaped by now): spawned by the CLI,
        # or forked by the fork server (Linux), which the CLI started.
        deadline = time.monotonic() + 30
        second = []
        while not second and time.monotonic() < deadline:
            second = [p for c in psutil.Process(proc.pid).children() for p in _training_processes(c)]
            time.sleep(0.05)
        assert second, "the second run's process never started"
        tree = descendants(proc.pid)
        os.killpg(proc.pid, signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    stderr = "".join(progress) + stderr
    assert proc.returncode == 0, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "Cancelled after 1 of 2 runs." in stdout
    table = [line.split() for line in stdout.splitlines() if line.strip()[:1].isdigit()]
    assert [row[0] for row in table] == ["0"]  # the finished run, and only that one
    # multiprocessing's resource tracker leaves when it sees our exit, a moment after it: allow ~2 s, as for a stop.
    deadline = time.monotonic() + 3
    while alive(tree) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(tree)


def _training_processes(child: psutil.Process) -> list[psutil.Process]:
    try:
        command = " ".join(child.cmdline())
        if "spawn_main" in command:
            return [child]
        return child.children() if "forkserver" in command else []
    except psutil.Error:
        return []


def test_when_every_run_fails_the_exit_code_is_1(tmp_path):
    # fail_at_row makes the data set raise in __getitem__: every setting fails the same way.
    done = cli("sweep", "--workers", "0", "--repeat", "1", "--epochs", "1", "--fail-at-row", "3", "--json")
    if done.returncode == 2 and "fail-at-row" in done.stderr and "unrecognized" in done.stderr:
        pytest.skip("this build has no --fail-at-row knob")
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["rows"][0]["seconds"] is None and result["rows"][0]["failed"] == 1
    assert result["points"][0]["status"] == "failed" and result["points"][0]["error"]
    assert "every run failed" in done.stderr
