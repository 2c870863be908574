from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from diabetes_trainer.core import run_arrays, runs
from diabetes_trainer.core.runs import (
    INDEX_NAME,
    RunStore,
    RunStoreError,
    RunSummary,
)

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path) -> RunStore:
    return RunStore(tmp_path / "runs")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- saving and loading ------------------------------------------------------------------------------------------

def test_save_assigns_id_and_created_and_round_trips(store, make_fake_record):
    record = make_fake_record(created="")
    del record["name"]
    run_id = store.save(record)
    assert re.fullmatch(r"\d{8}-\d{6}-[0-9a-f]{6}", run_id)
    assert "id" not in record and record["created"] == ""  # the caller's dict is left alone
    loaded = store.load(run_id)
    assert loaded["id"] == run_id and loaded["name"] == "" and loaded["created"].endswith("+00:00")
    assert loaded["losses"] == record["losses"] and loaded["epochs"] == record["epochs"]
    assert loaded["iteration_epoch"] == record["iteration_epoch"]
    for key in ("data_wait_s", "compute_s", "elapsed_s"):  # durations keep float32's 7 digits
        assert loaded[key] == pytest.approx(record[key], rel=1e-6, abs=1e-9)
    assert set(loaded) == set(record) | {"id", "name"}  # the documented shape, without the storage's "arrays"
    assert (store.root / f"{run_id}.json").is_file()


def test_saving_a_stored_record_again_updates_it(store, make_fake_record):
    run_id = store.save(make_fake_record())
    record = store.load(run_id)
    record["status"] = "stopped"
    assert store.save(record) == run_id
    assert store.load(run_id)["status"] == "stopped"
    assert len(store.list()[0]) == 1


def test_a_record_with_a_bad_id_is_refused(store, make_fake_record):
    record = make_fake_record()
    record["id"] = "../../etc/passwd"
    with pytest.raises(RunStoreError, match="not a run id"):
        store.save(record)
    with pytest.raises(RunStoreError, match="not a run id"):
        store.load("../x")


def test_loading_a_missing_run_says_so(store):
    with pytest.raises(RunStoreError, match=r"there is no run 20260101-000000-abcdef in"):
        store.load("20260101-000000-abcdef")


def test_loading_a_damaged_run_names_file_line_and_column(store, make_fake_record):
    run_id = store.save(make_fake_record())
    path = store.root / f"{run_id}.json"
    path.write_text(path.read_text()[:500])
    with pytest.raises(RunStoreError, match=r"line 1, column \d+.*Delete the file") as caught:
        store.load(run_id)
    assert str(path) in str(caught.value)


def test_saving_into_an_unwritable_place_raises_a_clear_error(tmp_path, make_fake_record):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(RunStoreError, match="was not saved"):
        RunStore(blocker / "runs").save(make_fake_record())


# --- listing -----------------------------------------------------------------------------------------------------

def test_list_is_newest_first_with_summaries(store, make_fake_record):
    old = store.save(make_fake_record(created="2026-01-01T10:00:00+00:00", name="first try"))
    new = store.save(make_fake_record(created="2026-03-01T10:00:00Z", num_workers=2))
    middle = store.save(make_fake_record(created="2026-02-01T10:00:00+00:00", data_path=None))
    summaries, warnings = store.list()
    assert warnings == []
    assert [s.id for s in summaries] == [new, middle, old]
    latest = summaries[0]
    assert (latest.num_workers, latest.batch_size, latest.epochs, latest.shuffle, latest.iterations) == \
           (2, 32, 10, True, 240)
    assert latest.data_name == "diabetes.csv.gz" and latest.status == "finished"
    assert latest.final_loss == pytest.approx(store.load(new)["final_loss"])
    assert summaries[2].name == "first try" and summaries[1].data_name == ""
    assert set(latest.to_dict()) == set(RunSummary.__dataclass_fields__)


def test_damaged_records_are_skipped_with_one_warning_each(store, make_fake_record):
    good = store.save(make_fake_record())
    (store.root / "20260101-000000-aaaaaa.json").write_text('{"config": ')
    (store.root / "20260101-000000-bbbbbb.json").write_text("[1, 2]")
    (store.root / "20260101-000000-cccccc.json").write_text('{"iterations": "many"}')
    (store.root / "notes.json").write_text("not a run, not listed")
    for _ in range(2):  # the second time from the index cache
        summaries, warnings = store.list()
        assert [s.id for s in summaries] == [good]
        assert len(warnings) == 3
        assert all("skipped the damaged run file" in w for w in warnings)
        assert any("20260101-000000-aaaaaa.json" in w and "line 1" in w for w in warnings)


def test_missing_folder_lists_nothing(tmp_path):
    assert RunStore(tmp_path / "nowhere").list() == ([], [])


def test_list_reads_only_changed_records(store, make_fake_record, monkeypatch):
    ids = [store.save(make_fake_record(created=f"2026-01-{day:02d}T00:00:00+00:00")) for day in range(1, 6)]
    reads = []
    real_read = runs._read_record
    monkeypatch.setattr(runs, "_read_record", lambda path: reads.append(path.name) or real_read(path))
    assert len(store.list()[0]) == 5 and reads == []  # saving filled the index
    changed = store.root / f"{ids[0]}.json"
    record = json.loads(changed.read_text())
    record["name"] = "edited by hand"
    changed.write_text(json.dumps(record))
    summaries, _ = store.list()
    assert reads == [changed.name]
    assert next(s for s in summaries if s.id == ids[0]).name == "edited by hand"


def test_a_damaged_or_missing_index_is_rebuilt(store, make_fake_record):
    run_id = store.save(make_fake_record())
    (store.root / INDEX_NAME).write_text("{ broken")
    assert [s.id for s in store.list()[0]] == [run_id]
    assert json.loads((store.root / INDEX_NAME).read_text())["runs"][f"{run_id}.json"]["summary"]["id"] == run_id
    (store.root / INDEX_NAME).unlink()
    assert [s.id for s in store.list()[0]] == [run_id]


def test_records_copied_in_by_hand_are_listed_under_their_file_name(store, make_fake_record):
    store.save(make_fake_record())
    record = make_fake_record(created="2027-01-01T00:00:00+00:00")
    record["id"] = "20200101-000000-000000"  # a copy of another run, renamed on disk
    (store.root / "20270101-000000-123abc.json").write_text(json.dumps(record))
    newest = store.list()[0][0]
    assert newest.id == "20270101-000000-123abc"
    assert store.load(newest.id)["created"] == "2027-01-01T00:00:00+00:00"
    store.rename(newest.id, "copy")
    assert len(list(store.root.glob("*-*-*.json"))) == 2 and store.list()[0][0].name == "copy"


# --- rename and delete -------------------------------------------------------------------------------------------

def test_rename(store, make_fake_record):
    run_id = store.save(make_fake_record())
    store.rename(run_id, "  4 workers, spawn  ")
    assert store.load(run_id)["name"] == "4 workers, spawn"
    assert store.list()[0][0].name == "4 workers, spawn"
    with pytest.raises(RunStoreError, match="at most 200"):
        store.rename(run_id, "x" * 201)
    with pytest.raises(RunStoreError, match="there is no run"):
        store.rename("20260101-000000-abcdef", "nope")


def test_delete(store, make_fake_record):
    keep = store.save(make_fake_record())
    gone = store.save(make_fake_record())
    store.delete(gone)
    assert [s.id for s in store.list()[0]] == [keep]
    assert f"{gone}.json" not in json.loads((store.root / INDEX_NAME).read_text())["runs"]
    with pytest.raises(RunStoreError, match="there is no run"):
        store.load(gone)
    with pytest.raises(RunStoreError, match="there is no run"):
        store.delete(gone)


def test_runs_imports_neither_torch_nor_qt():
    code = ("import sys, diabetes_trainer.core.runs; "
            "print(sorted(m for m in ('torch', 'PySide6', 'pyqtgraph', 'numpy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=REPO_ROOT, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert result.stdout.strip() == "[]"


# --- encoding long records ---------------------------------------------------------------------------------------

def test_encoding_a_long_record_lets_other_threads_run():
    """The window draws from another thread of the same process: encoding must not hold Python's lock for long."""
    import threading
    import time

    record = {"losses": [0.5] * 2_000_000, "compute_s": [0.001] * 2_000_000}
    ticks: list[float] = []
    done = threading.Event()

    def other_thread():
        while not done.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.0005)

    thread = threading.Thread(target=other_thread)
    thread.start()
    time.sleep(0.01)
    started = time.perf_counter()
    run_arrays.encode(record, "0123ab")  # the slow part of saving a long run
    took = time.perf_counter() - started
    done.set()
    thread.join()
    during = [t for t in ticks if t >= started]
    longest_pause = max(b - a for a, b in zip([started, *during], [*during, started + took]))
    # One json.dumps call would leave the other thread no turn at all until it returns.
    assert longest_pause < took / 2, f"the other thread waited {longest_pause * 1000:.0f} of {took * 1000:.0f} ms"
