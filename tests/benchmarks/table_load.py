"""A big table loads without freezing the window, read once, in reasonable memory and at numpy's speed.

A generated table (5,000,000 rows x 9 columns, ~350 MB of CSV; quick: 1,000,000 rows) in a temporary folder.
Three figures, each side by side with today's (or numpy's) way:

- **Stall**: the real MainWindow (offscreen, with its warm spare) with gui_stall's 5 ms heartbeat. **A, now**:
  ``window.load_data(path)``, the spare training process reads the table and the window gets its summary.
  **B, before**: the same window reading it as it did until now, ``read_table`` on a thread of the window's process.
  Lateness of the heartbeat from the ask to the summary being there. Each side in a fresh interpreter.
- **Memory**: the reading process's peak RSS (Linux's VmHWM) beyond its RSS before the read (the interpreter),
  against the arrays' bytes: A the spare training process, B the window's process.
- **Speed**: ``core.data.read_table`` against ``np.loadtxt(path, delimiter=",", dtype=np.float32, skiprows=1)``
  on the same file, alternating in one fresh interpreter.

Goals: worst stall <= 50 ms; peak <= 2x the arrays plus the interpreter; reading no slower than np.loadtxt.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from .common import (
    alternating,
    emit,
    load_average,
    measure_in_subprocess,
    median,
    ms,
    qt_app,
    result,
    run_event_loop,
    wait_until,
    wait_until_quiet,
)
from .gui_stall import Heartbeat

NAME = "table_load"
GOAL_WORST_S = 0.050
GOAL_MEMORY_FACTOR = 2.0
GOAL = "worst stall <= 50 ms; reader peak <= 2x arrays + interpreter; read_table <= np.loadtxt's time"
ROWS, QUICK_ROWS = 5_000_000, 1_000_000
REPEATS, QUICK_REPEATS = 2, 1
NOW, BEFORE = "now", "before"
LOAD_TIMEOUT_S = 900
BLOCK_ROWS = 10_000
IDLE_S = 2.0


def write_table(path: Path, rows: int) -> None:
    """A tutorial-like table: 8 features in [-1, 1] with 6 significant digits, then a 0/1 label (~70 bytes a row);
    one random block of rows written over and over (generating 5M rows of text afresh would take a minute)."""
    import io

    import numpy as np

    rng = np.random.default_rng(0)
    block = np.hstack([rng.uniform(-1, 1, (BLOCK_ROWS, 8)), rng.integers(0, 2, (BLOCK_ROWS, 1))])
    text = io.StringIO()
    np.savetxt(text, block, fmt=["%.6f"] * 8 + ["%d"], delimiter=",")
    data = text.getvalue().encode()
    with path.open("wb") as handle:
        handle.write(b"f1,f2,f3,f4,f5,f6,f7,f8,label\n")
        for _ in range(rows // BLOCK_ROWS):
            handle.write(data)


def _peak_and_current_rss(pid: int) -> tuple[int, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            fields[key] = int(value.split()[0]) * 1024
    return fields["VmHWM"], fields["VmRSS"]


def measure_window(side: str, path: str) -> None:
    """Runs in a fresh interpreter: one load the ``side`` way in a real window, under the heartbeat."""
    import os

    from diabetes_trainer.core.user_folders import HOME_ENV

    # A home of its own: a window restores the last data path, and an earlier load saved the big table's.
    home = os.environ[HOME_ENV] = tempfile.mkdtemp(prefix="diabetes-trainer-table-load-home-")
    from diabetes_trainer.gui.main_window import MainWindow

    app = qt_app()
    window = MainWindow()
    window.show()
    try:
        wait_until(lambda: window.controller.process_info is not None and window.table_path == "", 300,
                   "the spare training process and the bundled sample")
        wait_until_quiet(window.controller.spare_pid())
        reader_pid = window.controller.spare_pid() if side == NOW else os.getpid()
        _peak, rss_before = _peak_and_current_rss(reader_pid)
        heartbeat = Heartbeat()
        heartbeat.start()  # the same window idle first: what the machine itself adds to the stalls
        run_event_loop(IDLE_S)
        idle = heartbeat.stop()
        done: dict = {}
        heartbeat.start()
        began = time.perf_counter()
        if side == NOW:
            window.load_data(path)
            wait_until(lambda: window.table_path == path, LOAD_TIMEOUT_S, "the table's summary")
            rows, nbytes = window.table.rows, window.table.nbytes
        else:
            from PySide6.QtCore import QThreadPool

            from diabetes_trainer.core.data import read_table

            def read() -> None:  # exactly what gui/data_loading.py's thread did until now
                table = read_table(path)
                done["rows"], done["nbytes"] = table.rows, table.features.nbytes + table.labels.nbytes
                done["table"] = table

            pool = QThreadPool()
            pool.start(read)
            wait_until(lambda: "rows" in done, LOAD_TIMEOUT_S, "the table to be read")
            rows, nbytes = done["rows"], done["nbytes"]
        seconds = time.perf_counter() - began
        stall = heartbeat.stop()
        peak, _rss = _peak_and_current_rss(reader_pid)
        app.processEvents()
        emit({"stall": stall, "idle": idle, "seconds": seconds, "rows": rows, "arrays_bytes": nbytes,
              "rss_before": rss_before, "peak_rss": peak})
    finally:
        window.close()
        shutil.rmtree(home, ignore_errors=True)


def measure_speed(path: str, repeats: int) -> None:
    """Runs in a fresh interpreter: read_table and np.loadtxt on the same file, alternating."""
    import numpy as np

    from diabetes_trainer.core.data import read_table

    seconds: dict[str, list[float]] = {"read_table": [], "loadtxt": []}
    for _repeat, side in alternating(repeats, "read_table", "loadtxt"):
        began = time.perf_counter()
        if side == "read_table":
            read_table(path)
        else:
            np.loadtxt(path, delimiter=",", dtype=np.float32, skiprows=1)
        seconds[side].append(time.perf_counter() - began)
    emit(seconds)


def run(quick: bool) -> dict:
    rows = QUICK_ROWS if quick else ROWS
    repeats = QUICK_REPEATS if quick else REPEATS
    load_before = load_average()
    folder = Path(tempfile.mkdtemp(prefix="diabetes-trainer-table-load-"))
    try:
        path = folder / f"table_{rows}.csv"
        write_table(path, rows)
        size_mb = path.stat().st_size / 1e6
        loads: dict[str, list[dict]] = {NOW: [], BEFORE: []}
        for _repeat, side in alternating(repeats, NOW, BEFORE):
            loads[side].append(measure_in_subprocess(NAME, "measure_window", {"side": side, "path": str(path)},
                                                     timeout_s=LOAD_TIMEOUT_S + 300))
        speed = measure_in_subprocess(NAME, "measure_speed", {"path": str(path), "repeats": repeats},
                                      timeout_s=LOAD_TIMEOUT_S * 2)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    def figures(side: str) -> dict:
        runs = loads[side]
        arrays = runs[0]["arrays_bytes"]
        return {"worst_s": median([r["stall"]["worst_s"] for r in runs]),
                "p99_s": median([r["stall"]["p99_s"] for r in runs]),
                "idle_worst_s": median([r["idle"]["worst_s"] for r in runs]),
                "run_queue": median([r["stall"].get("gui_thread_run_queue_share", float("nan")) for r in runs]),
                "seconds": median([r["seconds"] for r in runs]),
                "extra_factor": median([(r["peak_rss"] - r["rss_before"]) / arrays for r in runs]),
                "peak_mb": median([r["peak_rss"] / 1e6 for r in runs]),
                "before_mb": median([r["rss_before"] / 1e6 for r in runs]), "arrays_mb": arrays / 1e6}

    now, before = figures(NOW), figures(BEFORE)
    read_s, loadtxt_s = median(speed["read_table"]), median(speed["loadtxt"])
    lines = [f"table: {rows:,} rows, {size_mb:.0f} MB of CSV, {now['arrays_mb']:.0f} MB of float32 arrays"]
    for label, fig in ((f"now (the spare training process reads; {repeats} load(s))", now),
                       (f"before (a thread of the window's process reads; {repeats} load(s))", before)):
        lines.append(f"{label}: worst stall {ms(fig['worst_s'])}, p99 {ms(fig['p99_s'])} (idle worst "
                     f"{ms(fig['idle_worst_s'])}; GUI thread waited for a CPU {fig['run_queue']:.0%} of the load), "
                     f"summary after "
                     f"{fig['seconds']:.1f} s; reader peak {fig['peak_mb']:.0f} MB from {fig['before_mb']:.0f} MB "
                     f"= {fig['extra_factor']:.1f}x the arrays on top of the interpreter")
    lines.append(f"speed: read_table {read_s:.2f} s vs np.loadtxt {loadtxt_s:.2f} s ({read_s / loadtxt_s:.2f}x)")
    stall_ok = now["worst_s"] <= GOAL_WORST_S
    memory_ok = now["extra_factor"] <= GOAL_MEMORY_FACTOR
    speed_ok = read_s <= loadtxt_s
    ok = stall_ok and memory_ok and speed_ok
    measured = (f"stall {ms(now['worst_s'])} (before {ms(before['worst_s'])}), peak +{now['extra_factor']:.1f}x "
                f"arrays, {read_s / loadtxt_s:.2f}x loadtxt's time")
    details = {"loads": loads, "speed": speed, "rows": rows, "csv_mb": size_mb, "now": now, "before": before,
               "stall_ok": stall_ok, "memory_ok": memory_ok, "speed_ok": speed_ok, "repeats": repeats,
               "load_average_before": load_before, "load_average_after": load_average(), "side_by_side": lines}
    return result(NAME, measured, GOAL, ok, details)
