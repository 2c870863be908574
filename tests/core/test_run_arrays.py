"""The compact layout of the run history: arrays file beside a small JSON, the old layout read and migrated."""

from __future__ import annotations

import json

import numpy as np
import pytest

from diabetes_trainer.core import run_arrays
from diabetes_trainer.core.record import PER_ITERATION_KEYS
from diabetes_trainer.core.runs import RunStore, RunStoreError


@pytest.fixture
def store(tmp_path) -> RunStore:
    return RunStore(tmp_path / "runs")


def arrays_files(store: RunStore) -> list[str]:
    return sorted(p.name for p in store.root.glob("*.npz"))


def old_layout_record(store: RunStore, record: dict, run_id: str = "20250101-120000-abc123") -> str:
    """A record as the previous version wrote it: everything in one JSON file."""
    store.root.mkdir(parents=True, exist_ok=True)
    (store.root / f"{run_id}.json").write_text(json.dumps({**record, "id": run_id}), encoding="utf-8")
    return run_id


def test_the_json_holds_no_per_iteration_list_and_names_its_arrays_file(store, make_fake_record):
    run_id = store.save(make_fake_record())
    stored = json.loads((store.root / f"{run_id}.json").read_text(encoding="utf-8"))
    assert not set(PER_ITERATION_KEYS) & set(stored)
    ref = stored["arrays"]
    assert ref["format"] == run_arrays.ARRAYS_FORMAT and arrays_files(store) == [ref["file"]]
    assert ref["file"].startswith(run_id) and (store.root / ref["file"]).stat().st_size == ref["bytes"]


def test_size_per_iteration_is_at_most_16_bytes(store, make_fake_record):
    # Noisy timings (nothing for the compressor to find) over 20,000 iterations.
    rng = np.random.default_rng(1)
    count = 20 * 1000
    record = make_fake_record(epochs=20, iterations_per_epoch=1000, wait_s=rng.gamma(2, 5e-5, count),
                              compute_s=rng.gamma(3, 1e-4, count))
    run_id = store.save(record)
    arrays_bytes = sum(p.stat().st_size for p in store.root.glob(f"{run_id}.*.npz"))
    assert arrays_bytes / count <= 16
    old_bytes = len(json.dumps(record, separators=(",", ":")))
    assert old_bytes / count > 60  # what the same run cost as JSON text


def test_an_old_json_record_is_read_as_it_is_and_migrated_on_write(store, make_fake_record):
    record = make_fake_record()
    run_id = old_layout_record(store, record)
    summaries, warnings = store.list()
    assert warnings == [] and [s.id for s in summaries] == [run_id]
    loaded = store.load(run_id)
    assert loaded["losses"] == record["losses"] and loaded["elapsed_s"] == record["elapsed_s"]
    assert arrays_files(store) == []  # reading changes nothing

    store.rename(run_id, "from last year")  # any write stores the new layout
    stored = json.loads((store.root / f"{run_id}.json").read_text(encoding="utf-8"))
    assert "losses" not in stored and arrays_files(store) == [stored["arrays"]["file"]]
    migrated = store.load(run_id)
    assert migrated["name"] == "from last year" and migrated["losses"] == record["losses"]
    assert migrated["elapsed_s"] == pytest.approx(record["elapsed_s"], rel=1e-6)
    assert store.list()[0][0].name == "from last year"


def test_rename_rewrites_only_the_json(store, make_fake_record):
    run_id = store.save(make_fake_record())
    [arrays] = store.root.glob("*.npz")
    written = arrays.stat().st_mtime_ns
    store.rename(run_id, "quick one")
    assert arrays_files(store) == [arrays.name] and arrays.stat().st_mtime_ns == written
    assert store.load(run_id)["name"] == "quick one"


def test_saving_again_replaces_the_arrays_file_and_delete_removes_it(store, make_fake_record):
    run_id = store.save(make_fake_record())
    first = arrays_files(store)
    record = store.load(run_id)
    record["losses"] = [0.5] * len(record["losses"])
    store.save(record)
    assert len(arrays_files(store)) == 1 and arrays_files(store) != first
    assert store.load(run_id)["losses"] == [0.5] * len(record["losses"])
    store.delete(run_id)
    assert list(store.root.glob(f"{run_id}*")) == []


def test_a_run_whose_arrays_file_is_damaged_or_missing_is_skipped_with_a_warning(store, make_fake_record):
    good = store.save(make_fake_record(created="2026-01-01T00:00:00+00:00"))
    cut = store.save(make_fake_record(created="2026-01-02T00:00:00+00:00"))
    gone = store.save(make_fake_record(created="2026-01-03T00:00:00+00:00"))
    [cut_file] = store.root.glob(f"{cut}.*.npz")
    cut_file.write_bytes(cut_file.read_bytes()[:100])  # as a full disk or an interrupted copy leaves it
    [gone_file] = store.root.glob(f"{gone}.*.npz")
    gone_file.unlink()
    for _ in range(2):  # the second time from the index
        summaries, warnings = store.list()
        assert [s.id for s in summaries] == [good]
        assert len(warnings) == 2
        assert any(cut_file.name in w and "100 bytes" in w for w in warnings)
        assert any(gone_file.name in w and "missing" in w for w in warnings)
    with pytest.raises(RunStoreError, match=rf"{gone}.*the file is missing.*delete the run"):
        store.load(gone)
    with pytest.raises(RunStoreError, match=rf"{cut}.*not a readable arrays file"):
        store.load(cut)
    store.delete(gone)  # a damaged run can still be deleted
    assert len(store.list()[1]) == 1


def test_an_arrays_file_of_another_version_or_format_is_refused(store, make_fake_record):
    run_id = store.save(make_fake_record())
    [arrays] = store.root.glob("*.npz")
    with pytest.raises(ValueError, match="another version of this run"):
        run_arrays.decode(arrays.read_bytes(), "ffffff")
    future = run_arrays.encode({"losses": [0.5]}, "abc").replace(b"format", b"formax")
    with pytest.raises(ValueError, match="arrays format None"):
        run_arrays.decode(future, "abc")
    path = store.root / f"{run_id}.json"
    stored = json.loads(path.read_text(encoding="utf-8"))
    stored["arrays"]["file"] = "../../etc/passwd"
    path.write_text(json.dumps(stored), encoding="utf-8")
    with pytest.raises(RunStoreError, match="'arrays' must name"):
        store.load(run_id)
    assert "'arrays' must name" in store.list()[1][0]


def test_bad_per_iteration_values_are_refused_before_anything_is_written(store, make_fake_record):
    record = make_fake_record()
    record["losses"] = ["high", "low"]
    with pytest.raises(RunStoreError, match="cannot be saved.*'losses' must be a flat list of numbers"):
        store.save(record)
    assert not store.root.exists() or list(store.root.iterdir()) == []


def test_nan_and_inf_losses_survive(store, make_fake_record):
    record = make_fake_record(epochs=1)
    record["losses"][3:6] = [float("nan"), float("inf"), -float("inf")]
    loaded = store.load(store.save(record))["losses"]
    assert np.isnan(loaded[3]) and loaded[4:6] == [float("inf"), -float("inf")]


def test_a_record_without_per_iteration_lists_has_no_arrays_file(store):
    run_id = store.save({"status": "failed", "config": {"epochs": 1}, "iterations": 0})
    assert arrays_files(store) == [] and "arrays" not in json.loads((store.root / f"{run_id}.json").read_text())
    assert store.load(run_id)["status"] == "failed"


def test_a_failed_save_leaves_the_stored_run_as_it_was(store, make_fake_record, monkeypatch):
    from diabetes_trainer.core import runs

    run_id = store.save(make_fake_record())
    before = {p.name: p.read_bytes() for p in store.root.iterdir() if p.name != "index.json"}
    record = store.load(run_id)
    record["losses"] = [0.1] * len(record["losses"])

    def full_disk(path, text):
        raise OSError(28, f"could not write {path}: No space left on device")

    monkeypatch.setattr(runs, "atomic_write_text", full_disk)  # the arrays file is written, the JSON is not
    with pytest.raises(RunStoreError, match="was not saved.*No space left"):
        store.save(record)
    after = {p.name: p.read_bytes() for p in store.root.iterdir() if p.name != "index.json"}
    assert after == before  # the new arrays file was removed again; the old run is whole
    assert store.load(run_id)["losses"] != record["losses"]


def test_listing_reads_no_arrays_file_and_loads_no_numpy(store, make_fake_record, tmp_path):
    import subprocess
    import sys

    for day in range(1, 4):
        store.save(make_fake_record(created=f"2026-01-0{day}T00:00:00+00:00"))
    (store.root / "index.json").unlink()  # cold: every run's JSON is read
    for arrays in store.root.glob("*.npz"):
        arrays.chmod(0o000)  # reading one would fail (unless root, for whom the numpy check still holds)
    code = ("import sys; from pathlib import Path; from diabetes_trainer.core.runs import RunStore; "
            f"summaries, warnings = RunStore(Path({str(store.root)!r})).list(); "
            "print(len(summaries), len(warnings), 'numpy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.split() == ["3", "0", "False"]


def test_an_index_entry_with_a_damaged_arrays_field_is_read_again(store, make_fake_record):
    run_id = store.save(make_fake_record())
    index = json.loads(store.index_path.read_text(encoding="utf-8"))
    index["runs"][f"{run_id}.json"]["arrays"] = "lost"
    store.index_path.write_text(json.dumps(index), encoding="utf-8")
    assert [s.id for s in store.list()[0]] == [run_id]
    assert json.loads(store.index_path.read_text(encoding="utf-8"))["runs"][f"{run_id}.json"]["arrays"]["bytes"] > 0
