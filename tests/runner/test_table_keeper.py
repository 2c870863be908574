"""Tables are read by the training process, once: the window's summary and preview, and the run's arrays."""

from __future__ import annotations

import os
import time

import numpy as np
import pytest
from process_helpers import alive

from diabetes_trainer.core.config import TrainConfig
from diabetes_trainer.core.data import ReadOptions, read_table
from diabetes_trainer.runner import protocol, table_keeper
from diabetes_trainer.runner.process import TrainingProcess, WarmPool

pytestmark = pytest.mark.timeout(120)


def write_table(path, labels: str) -> None:
    rows = [f"{i}.5,{(i * 7) % 11}.25,{label}" for i, label in enumerate(labels)]
    path.write_text("a,b,y\n" + "\n".join(rows) + "\n")


def test_the_reply_summarises_and_previews_the_table(tmp_path):
    path = tmp_path / "t.csv"
    write_table(path, "01101101")
    kept, reply = table_keeper.read({"id": 7, "path": str(path)})
    table = read_table(path)
    summary = reply["summary"]
    assert reply["id"] == 7 and reply["error"] is None and kept.table.rows == 8
    assert (summary["rows"], summary["features"], summary["positives"]) == (8, 2, 5)
    assert summary["header"] == ["a", "b", "y"] and summary["nbytes"] == 8 * 3 * 4
    preview = summary["preview"]
    assert preview["columns"] == ["a", "b", "y"] and len(preview["first_rows"]) == table_keeper.PREVIEW_ROWS
    assert preview["first_rows"][1] == [1.5, 7.25, 1.0]
    for index, stats in enumerate(preview["stats"]):
        column = np.hstack([table.features, table.labels])[:, index]
        assert stats["min"] == float(column.min()) and stats["max"] == float(column.max())
        assert stats["mean"] == pytest.approx(float(column.mean(dtype=np.float64)))
        assert stats["missing"] == 0
    assert all(type(value) in (bool, int, float, str, list, dict, type(None)) for value in summary.values())


def test_a_bad_table_is_answered_with_its_message(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,0\n1,x,1\n")
    kept, reply = table_keeper.read({"id": 1, "path": str(bad)})
    assert kept is None and reply["summary"] is None
    assert "bad.csv" in reply["error"] and "line 2" in reply["error"]


def test_the_kept_table_serves_only_its_own_unchanged_file(tmp_path):
    path, other = tmp_path / "t.csv", tmp_path / "u.csv"
    write_table(path, "0101")
    write_table(other, "0101")
    kept, _ = table_keeper.read({"id": 1, "path": str(path)})
    assert table_keeper.table_for_run(kept, str(path), ReadOptions()) is kept.table
    assert table_keeper.table_for_run(kept, str(other), ReadOptions()) is None
    assert table_keeper.table_for_run(kept, "", ReadOptions()) is None  # the bundled sample
    assert table_keeper.table_for_run(kept, str(path), ReadOptions(drop_missing=True)) is None  # read otherwise
    assert table_keeper.table_for_run(kept, str(path), ReadOptions(standardize=True)) is kept.table  # same arrays
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # edited since it was read
    assert table_keeper.table_for_run(kept, str(path), ReadOptions()) is None


def reply_of(pool: WarmPool, request_id: int, timeout: float = 60.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = pool.table_reply(request_id)
        if reply is not None:
            return reply
        time.sleep(0.02)
    raise AssertionError("no answer from the process reading the table")


def run_data_summary(process: TrainingProcess, path) -> dict:
    process.start_run(TrainConfig(data_path=str(path), epochs=1, seed=0).to_dict())
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for message in process.messages(0.05):
            if message.kind == protocol.STARTED:
                return message.payload.data
            assert message.kind != protocol.FAILED, message.payload.message
    raise AssertionError("the run never started")


@pytest.mark.parametrize("edited_since", [False, True])
def test_the_run_trains_on_the_arrays_the_spare_read_unless_the_file_changed(tmp_path, edited_since):
    path = tmp_path / "t.csv"
    write_table(path, "0000000111")
    pool = WarmPool(enabled=False)  # a spare made only to read the table, not warmed
    try:
        pool.read_table(1, str(path))
        assert reply_of(pool, 1)["summary"]["positives"] == 3
        stat = path.stat()
        write_table(path, "1111111000")  # same size, other labels
        if not edited_since:  # the same size and time: the process cannot tell, so it keeps what it read
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        else:
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        process = pool.take()
        data = run_data_summary(process, path)
        assert data["positives"] == (7 if edited_since else 3)
        process.shutdown(0)
    finally:
        pool.close()
    assert not alive([process.pid])


def test_a_reader_that_dies_is_reported_not_waited_for(tmp_path):
    path = tmp_path / "t.csv"
    write_table(path, "0101")
    pool = WarmPool(enabled=False)
    try:
        pool.read_table(1, str(path))
        assert reply_of(pool, 1)["error"] is None
        os.kill(pool.spare_pid, 9)
        pool.read_table(2, str(path))  # to the dying reader, or to a new one if its end was noticed already
        reply = reply_of(pool, 2)
        assert reply["summary"] is not None or "ended before it finished" in reply["error"]
        pool.read_table(3, str(path))  # asking again works
        assert reply_of(pool, 3)["summary"]["rows"] == 4
    finally:
        pool.close()
