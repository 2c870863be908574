"""The tutorial's training loop, instrumented: it emits events and checks a stop flag between batches.

Parity matters more than elegance here: with the same seed and knobs the per-iteration losses must equal those of
the tutorial's script, so the order of everything that draws from torch's random generator (seed, dataset, loader,
model, loss, optimiser, loop) is the tutorial's.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import platform
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import torch
from torch.utils.data import BatchSampler, DataLoader, RandomSampler, SequentialSampler

from .config import ConfigError, TrainConfig, iterations_per_epoch, validation_rows
from .data import ReadOptions, Table, read_table
from .dataset import DiabetesDataset, SlowDataset
from .events import EpochEnded, RunEnded, RunFailed, RunStarted, TrainingListener
from .model import DiabetesModel
from .sample import data_file
from .table_scale import fit_standardizer, standardize

StopFlag = Callable[[], bool]


@dataclass(frozen=True)
class Prepared:
    """What a run needs besides the loop: built once, before the clock starts."""

    config: TrainConfig
    table: Table
    loader: DataLoader
    model: DiabetesModel
    criterion: torch.nn.Module
    optimizer: torch.optim.Optimizer
    eval_x: torch.Tensor
    eval_y: torch.Tensor
    val_x: torch.Tensor | None
    val_y: torch.Tensor | None
    device: torch.device
    scaling: dict | None = None  # {"mean": [...], "std": [...], "rows": n} when the features were standardized


def check_device(config: TrainConfig) -> torch.device:
    """The device to train on, or ConfigError when the machine has no such device."""
    if config.device == "cuda" and not torch.cuda.is_available():
        raise ConfigError("device", "CUDA is not available on this machine (no NVIDIA GPU or a CPU-only torch); "
                                    "use --device cpu")
    if config.device == "mps" and not (hasattr(torch.backends, "mps") and torch.backends.mps.is_available()):
        raise ConfigError("device", "Apple MPS is not available on this machine; use --device cpu")
    if config.pin_memory and not torch.cuda.is_available():
        raise ConfigError("pin-memory", "pinned memory only helps copies to a CUDA GPU, and there is none here; "
                                        "leave --pin-memory off")
    return torch.device(config.device)


def environment() -> dict:
    return {
        "python": platform.python_version(),
        "torch": str(torch.__version__),  # plain str: unpickling torch's version type would import torch
        "numpy": np.__version__,
        "platform": platform.platform(),
        "cpu_count": os.cpu_count() or 1,
        "start_method": multiprocessing.get_start_method(allow_none=True) or multiprocessing.get_all_start_methods()[0],
        "cuda": torch.cuda.is_available(),
    }


def prepare(config: TrainConfig, table: Table | None = None) -> Prepared:
    """Build dataset, loader, model, loss and optimiser in the tutorial's order (raises ConfigError, DataError)."""
    config.validate()
    device = check_device(config)
    if table is None:
        table = read_table(data_file(config.data_path), ReadOptions.of(config))
    if config.seed is not None:
        torch.manual_seed(config.seed)

    features, labels = table.features, table.labels
    n_val = validation_rows(table.rows, config.val_fraction)
    val_features = val_x = val_y = None
    if n_val:
        # A numpy generator, so holding rows out never shifts torch's random stream.
        order = np.random.default_rng(config.seed if config.seed is not None else 0).permutation(table.rows)
        val_idx, train_idx = np.sort(order[:n_val]), np.sort(order[n_val:])
        val_features = features[val_idx]
        val_y = torch.from_numpy(labels[val_idx]).to(device)
        features, labels = features[train_idx], labels[train_idx]
    scaling = None
    if config.standardize:
        # Fitted on the training rows only: the validation rows must stay unseen, as new data would be.
        mean, std = fit_standardizer(features)
        features = standardize(features, mean, std)
        if val_features is not None:
            val_features = standardize(val_features, mean, std)
        scaling = {"mean": mean.tolist(), "std": std.tolist(), "rows": int(features.shape[0])}
    if val_features is not None:
        val_x = torch.from_numpy(val_features).to(device)

    dataset = DiabetesDataset(features, labels)
    if config.sample_delay_ms > 0 or config.sample_cpu_ms > 0 or config.fail_at_row is not None:
        dataset = SlowDataset(dataset, config.sample_delay_ms, config.sample_cpu_ms, config.fail_at_row)
    loader_options = {}
    if config.num_workers > 0:
        loader_options["persistent_workers"] = config.persistent_workers
        if config.prefetch_factor is not None:
            loader_options["prefetch_factor"] = config.prefetch_factor
        if config.start_method is not None:
            loader_options["multiprocessing_context"] = config.start_method
    if config.pin_memory:
        loader_options["pin_memory"] = True
    if config.batched_fetch:
        # The same sampler chain DataLoader builds for shuffle/batch_size (so the same random order and losses),
        # but handed whole: the dataset is indexed once per batch with the batch's list of rows, no collate.
        order = RandomSampler(dataset) if config.shuffle else SequentialSampler(dataset)
        loader = DataLoader(dataset=dataset, batch_size=None,
                            sampler=BatchSampler(order, config.batch_size, drop_last=False),
                            num_workers=config.num_workers, **loader_options)
    else:
        loader = DataLoader(dataset=dataset, batch_size=config.batch_size, shuffle=config.shuffle,
                            num_workers=config.num_workers, **loader_options)
    # torch checks the worker count (and warns about more workers than it suggests) when the loader is built and
    # again whenever it is iterated: the same warning twice in the terminal. Once, at building, is enough.
    loader.check_worker_number_rationality = _already_checked

    model = DiabetesModel(table.n_features).to(device)
    criterion = torch.nn.BCELoss(reduction="mean")
    optimizer = torch.optim.SGD(model.parameters(), lr=config.lr)
    eval_x = torch.from_numpy(features).to(device)
    eval_y = torch.from_numpy(labels).to(device)
    return Prepared(config, table, loader, model, criterion, optimizer, eval_x, eval_y, val_x, val_y, device,
                    scaling)


def _already_checked() -> None:
    """Stands in for DataLoader.check_worker_number_rationality after the loader's first check."""


def train(config: TrainConfig, listeners: Iterable[TrainingListener] = (), should_stop: StopFlag | None = None,
          table: Table | None = None) -> RunEnded:
    """Run the whole training; listeners hear every event. Raises ConfigError/DataError before the loop starts.

    An exception inside the loop (a dying DataLoader worker, a failing ``__getitem__``) is reported to the
    listeners as RunFailed with a message saying what died, then re-raised for the caller's exit code.
    """
    listeners = list(listeners)
    prepared = prepare(config, table)
    data_summary = {**prepared.table.summary(), "synthetic": not config.data_path,
                    "standardized": prepared.scaling}
    ipe = iterations_per_epoch(prepared.table.rows, config.batch_size, config.val_fraction)
    started = RunStarted(config=config.to_dict(), data=data_summary, iterations_per_epoch=ipe,
                         total_iterations=ipe * config.epochs, environment=environment(), pid=os.getpid())
    for listener in listeners:
        listener.on_run_start(started)
    try:
        ended = _loop(prepared, listeners, should_stop)
    except Exception as exc:
        failure = describe_failure(exc, config)
        for listener in listeners:
            listener.on_run_failed(failure)
        raise
    for listener in listeners:
        listener.on_run_end(ended)
    return ended


def _loop(p: Prepared, listeners: list[TrainingListener], should_stop: StopFlag | None) -> RunEnded:
    # Bound methods looked up once: this loop runs once per sample in the tutorial's "stochastic" regime.
    batch_hooks = [listener.on_batch for listener in listeners]
    model, criterion, optimizer, loader = p.model, p.criterion, p.optimizer, p.loader
    on_cpu = p.device.type == "cpu"
    non_blocking = p.config.pin_memory
    clock = time.perf_counter
    losses_in_epoch: list[float] = []
    iterations = 0
    final_loss: float | None = None
    status = "finished"

    off_clock = 0.0  # seconds spent on our per-epoch evaluation, not part of the tutorial's loop
    start = clock()
    for epoch in range(1, p.config.epochs + 1):
        epoch_start = clock()
        losses_in_epoch.clear()
        batches = iter(loader)
        startup_s = math.nan
        while True:
            wait_start = clock()
            try:
                x, y = next(batches)
            except StopIteration:
                break
            got_batch = clock()
            if startup_s != startup_s:  # NaN: this is the epoch's first batch
                startup_s = got_batch - epoch_start
            if not on_cpu:
                x = x.to(p.device, non_blocking=non_blocking)
                y = y.to(p.device, non_blocking=non_blocking)
            y_pre = model(x)
            loss = criterion(y_pre, y)
            loss_value = loss.item()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            done = clock()
            losses_in_epoch.append(loss_value)
            for hook in batch_hooks:
                hook(epoch, loss_value, got_batch - wait_start, done - got_batch, done - start)
            if should_stop is not None and should_stop():
                status = "stopped"
                break
        iterations += len(losses_in_epoch)
        if losses_in_epoch:
            final_loss = losses_in_epoch[-1]
            # The accuracy evaluation is ours, not the tutorial's: keep it (and its listeners) off the clock, so
            # `seconds` times the same loop as the tutorial's script.
            summary_start = clock()
            epoch_event = _epoch_summary(p, epoch, losses_in_epoch, summary_start - epoch_start,
                                         0.0 if startup_s != startup_s else startup_s)
            for listener in listeners:
                listener.on_epoch_end(epoch_event)
            off_clock += clock() - summary_start
        del batches  # shuts non-persistent workers down now, not at some later garbage collection
        if status == "stopped":
            break
    seconds = clock() - start - off_clock
    return RunEnded(status=status, seconds=seconds, final_loss=final_loss, iterations=iterations)


def _epoch_summary(p: Prepared, epoch: int, losses: list[float], seconds: float, startup_s: float) -> EpochEnded:
    with torch.no_grad(), one_intra_op_thread():
        accuracy = _accuracy(p.model(p.eval_x), p.eval_y)
        val_loss = val_accuracy = None
        if p.val_x is not None:
            val_pred = p.model(p.val_x)
            val_loss = p.criterion(val_pred, p.val_y).item()
            val_accuracy = _accuracy(val_pred, p.val_y)
    return EpochEnded(epoch=epoch, iterations=len(losses), mean_loss=sum(losses) / len(losses), accuracy=accuracy,
                      seconds=seconds, worker_startup_s=startup_s, val_loss=val_loss, val_accuracy=val_accuracy)


@contextmanager
def one_intra_op_thread() -> Iterator[None]:
    """Run torch's operations on the calling thread alone, for as long as the block lasts.

    The whole-table evaluation is big enough for torch to share it with its OpenMP threads, which then spin,
    awake, for milliseconds: on a 2-core machine exactly when the next epoch's DataLoader workers start. That made
    the loop 3-8 % slower than the tutorial's at 1-2 workers although the evaluation itself is off the clock.
    """
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def _accuracy(pred: torch.Tensor, y: torch.Tensor) -> float:
    return ((pred >= 0.5).to(y.dtype) == y).to(torch.float32).mean().item()


def describe_failure(exc: BaseException, config: TrainConfig) -> RunFailed:
    """Turn an exception from inside the loop into words a student can act on."""
    text = str(exc).strip() or type(exc).__name__
    # "Caught X in DataLoader worker process N" is the dataset's own error, re-raised: not a death.
    if isinstance(exc, RuntimeError) and "DataLoader worker" in text and "in DataLoader worker process" not in text:
        return RunFailed("worker-died", f"A DataLoader worker process died: {text.splitlines()[0]} "
                                        "It may have been killed or run out of memory. Try fewer workers "
                                        "(num_workers) or num_workers=0, then start again.")
    if isinstance(exc, MemoryError):
        return RunFailed("memory", "The training process ran out of memory. Use fewer workers or a smaller "
                                   "batch size, then start again.")
    origin = _origin_in_dataset(exc)
    if origin:
        return RunFailed("data", f"Reading a sample failed in {origin}: {_short_error(exc, text)}. "
                                 "Check the data file (or the simulator's knobs), then start again.")
    return RunFailed("error", f"Training stopped with {type(exc).__name__}: {text}")


def _short_error(exc: BaseException, text: str) -> str:
    """One line: a worker's exception carries the worker's whole traceback in its message; keep its last line."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if "Original Traceback" in text and lines:
        return lines[-1]
    return f"{type(exc).__name__}: {lines[0] if lines else type(exc).__name__}"


def _origin_in_dataset(exc: BaseException) -> str:
    # DataLoader workers re-raise the worker's exception with the worker's traceback folded into the message.
    if "in DataLoader worker process" in str(exc):
        return "a DataLoader worker"
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        # The loader's fetcher is what calls dataset[index]: anything raised below it is the dataset's.
        if code.co_name == "__getitem__" or "utils/data/_utils/fetch" in code.co_filename.replace("\\", "/"):
            return "the dataset's __getitem__"
        tb = tb.tb_next
    return ""
