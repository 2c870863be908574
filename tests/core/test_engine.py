"""The engine against the tutorial's own script: same seed and knobs, the same losses, iteration by iteration."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from diabetes_trainer.core.config import ConfigError, TrainConfig
from diabetes_trainer.core.engine import train
from diabetes_trainer.core.events import TrainingListener
from diabetes_trainer.core.record import RecordBuilder


def reference_losses(script, data, seed, epochs, batch_size, shuffle, num_workers):
    command = [sys.executable, str(script), "--data", str(data), "--seed", str(seed), "--epochs", str(epochs),
               "--batch-size", str(batch_size), "--num-workers", str(num_workers)]
    if not shuffle:
        command.append("--no-shuffle")
    done = subprocess.run(command, capture_output=True, text=True, timeout=240, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["losses"]


@pytest.mark.parametrize(("batch_size", "shuffle", "num_workers", "epochs"), [
    (32, True, 0, 3),
    (32, False, 0, 3),
    (32, True, 2, 2),
    (759, True, 0, 5),  # the whole set in one batch: the tutorial's "Batch" regime
    (1, True, 0, 1),  # one sample per step: the "stochastic" regime
])
def test_losses_equal_the_tutorial_script(tutorial_data, reference_script, batch_size, shuffle, num_workers, epochs):
    seed = 7
    expected = reference_losses(reference_script, tutorial_data, seed, epochs, batch_size, shuffle, num_workers)
    builder = RecordBuilder()
    config = TrainConfig(data_path=str(tutorial_data), epochs=epochs, batch_size=batch_size, shuffle=shuffle,
                         num_workers=num_workers, seed=seed)
    train(config, [builder])
    got = builder.record()["losses"]
    assert len(got) == len(expected) == epochs * math.ceil(759 / batch_size)
    assert max(abs(a - b) for a, b in zip(got, expected)) <= 1e-6


def test_record_has_one_value_per_iteration_and_epoch_summaries():
    builder = RecordBuilder()
    ended = train(TrainConfig(epochs=3, batch_size=100, seed=1), [builder])
    record = builder.record()
    rows = record["data"]["rows"]
    per_epoch = math.ceil(rows / 100)
    assert ended.status == "finished"
    assert record["iterations"] == ended.iterations == 3 * per_epoch
    for key in ("losses", "data_wait_s", "compute_s", "iteration_epoch", "elapsed_s"):
        assert len(record[key]) == record["iterations"], key
    assert record["iteration_epoch"][0] == 1 and record["iteration_epoch"][-1] == 3
    assert all(b >= a for a, b in zip(record["elapsed_s"], record["elapsed_s"][1:]))
    assert [e["epoch"] for e in record["epochs"]] == [1, 2, 3]
    first = record["epochs"][0]
    assert first["iterations"] == per_epoch
    assert first["mean_loss"] == pytest.approx(sum(record["losses"][:per_epoch]) / per_epoch)
    assert 0.0 <= first["accuracy"] <= 1.0
    assert first["worker_startup_s"] > 0
    assert record["final_loss"] == record["losses"][-1]
    assert record["data"]["synthetic"] is True


def test_stop_flag_is_checked_between_batches():
    builder = RecordBuilder()
    seen = []

    class CountBatches(TrainingListener):
        def on_batch(self, *args):
            seen.append(args)

    ended = train(TrainConfig(epochs=50, batch_size=8, seed=0), [builder, CountBatches()],
                  should_stop=lambda: len(seen) >= 5)
    assert ended.status == "stopped"
    assert ended.iterations == 5
    assert builder.record()["status"] == "stopped"


@pytest.fixture
def two_torch_threads():
    """torch on two intra-op threads for the test, whatever this machine's default; restored afterwards."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(2)
    yield
    torch.set_num_threads(before)


def test_evaluation_runs_on_one_thread_and_training_keeps_torch_threads(monkeypatch, two_torch_threads):
    """The per-epoch evaluation must not wake torch's OpenMP threads (they spin on the cores the next epoch's
    workers start on); the tutorial's batches must keep torch's own thread count."""
    import torch

    from diabetes_trainer.core import engine

    threads_seen = {"batch": set(), "evaluation": set()}
    accuracy = engine._accuracy

    def spying_accuracy(pred, y):
        threads_seen["evaluation"].add(torch.get_num_threads())
        return accuracy(pred, y)

    class SeeBatchThreads(TrainingListener):
        def on_batch(self, *args):
            threads_seen["batch"].add(torch.get_num_threads())

    monkeypatch.setattr(engine, "_accuracy", spying_accuracy)
    train(TrainConfig(epochs=3, batch_size=100, seed=0, val_fraction=0.2), [SeeBatchThreads()])
    assert threads_seen == {"batch": {2}, "evaluation": {1}}
    assert torch.get_num_threads() == 2


def test_one_intra_op_thread_restores_the_count_after_an_error(two_torch_threads):
    import torch

    from diabetes_trainer.core.engine import one_intra_op_thread

    with pytest.raises(ZeroDivisionError), one_intra_op_thread():
        assert torch.get_num_threads() == 1
        1 / 0  # noqa: B018
    assert torch.get_num_threads() == 2


def test_validation_split_adds_validation_curve():
    builder = RecordBuilder()
    train(TrainConfig(epochs=2, batch_size=64, seed=0, val_fraction=0.2), [builder])
    epochs = builder.record()["epochs"]
    assert all(e["val_loss"] is not None and 0 <= e["val_accuracy"] <= 1 for e in epochs)


def test_slow_loading_shows_up_as_waiting_for_data():
    builder = RecordBuilder()
    train(TrainConfig(epochs=1, batch_size=10, seed=0, sample_delay_ms=2.0), [builder], should_stop=None)
    record = builder.record()
    # each batch of 10 samples sleeps 10 x 2 ms in __getitem__, in this process (0 workers)
    assert min(record["data_wait_s"]) >= 0.018


def test_exception_in_getitem_is_reported_as_a_data_failure(monkeypatch):
    from diabetes_trainer.core import dataset

    def broken(self, index):
        raise ValueError("row is corrupt")

    monkeypatch.setattr(dataset.DiabetesDataset, "__getitem__", broken)
    builder = RecordBuilder()
    with pytest.raises(ValueError):
        train(TrainConfig(epochs=1, seed=0), [builder])
    assert builder.failure.kind == "data"
    assert "row is corrupt" in builder.failure.message
    assert builder.record()["status"] == "failed"


@pytest.mark.parametrize(("changes", "knob"), [
    ({"epochs": 0}, "epochs"),
    ({"batch_size": 0}, "batch-size"),
    ({"num_workers": -1}, "num-workers"),
    ({"num_workers": 65}, "num-workers"),
    ({"lr": 0.0}, "lr"),
    ({"lr": float("nan")}, "lr"),
    ({"prefetch_factor": 2}, "prefetch-factor"),
    ({"persistent_workers": True}, "persistent-workers"),
    ({"start_method": "teleport"}, "start-method"),
    ({"device": "tpu"}, "device"),
    ({"sample_delay_ms": -1.0}, "sample-delay-ms"),
    ({"val_fraction": 1.0}, "val-fraction"),
])
def test_every_knob_is_validated_with_its_name(changes, knob):
    with pytest.raises(ConfigError) as caught:
        train(TrainConfig(**changes))
    assert caught.value.knob == knob
    assert knob in str(caught.value)


def test_cuda_is_refused_clearly_without_a_gpu():
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA")
    with pytest.raises(ConfigError) as caught:
        train(TrainConfig(device="cuda"))
    assert caught.value.knob == "device" and "CUDA" in caught.value.message
    with pytest.raises(ConfigError) as caught:
        train(TrainConfig(pin_memory=True))
    assert caught.value.knob == "pin-memory"
