"""The tutorial's Dataset, exactly as it teaches it, plus a wrapper that makes loading slow on purpose."""

from __future__ import annotations

import time

import numpy as np
import torch
from torch.utils.data import Dataset


class DiabetesDataset(Dataset):
    """All columns but the last are features (float32); the last is the label as an (N, 1) column."""

    def __init__(self, features: np.ndarray, labels: np.ndarray):
        self.len = features.shape[0]
        self.x_data = torch.from_numpy(features)
        self.y_data = torch.from_numpy(labels)

    def __getitem__(self, index):
        return self.x_data[index], self.y_data[index]

    def __len__(self):
        return self.len


class SlowDataset(Dataset):
    """Wraps a dataset and makes each ``__getitem__`` slow, like a disk (sleep) or heavy preprocessing (busy CPU).

    It runs wherever the DataLoader calls ``__getitem__``: in the training process with 0 workers, in the workers
    otherwise. That is exactly what the tutorial's notes are about.
    """

    def __init__(self, base: Dataset, delay_ms: float = 0.0, cpu_ms: float = 0.0, fail_at_row: int | None = None):
        self.base = base
        self.delay_s = delay_ms / 1000.0
        self.cpu_s = cpu_ms / 1000.0
        self.fail_at_row = fail_at_row

    def __getitem__(self, index):
        # A list of rows when the loader fetches whole batches (batched_fetch): each row still costs its work.
        for row in index if isinstance(index, list) else (index,):
            if row == self.fail_at_row:
                raise SimulatedDataFault(f"simulated failure reading row {row} (the simulator's 'fail at row' knob)")
            if self.delay_s > 0:
                time.sleep(self.delay_s)
            if self.cpu_s > 0:
                burn_cpu(self.cpu_s)
        return self.base[index]

    def __len__(self):
        return len(self.base)


class SimulatedDataFault(RuntimeError):
    """Raised on purpose by the workload simulator, to show how a broken sample reaches the user."""


def burn_cpu(seconds: float) -> int:
    """Busy computation for about ``seconds`` of CPU time (holds the core, unlike sleep)."""
    deadline = time.thread_time() + seconds
    acc = 0
    while time.thread_time() < deadline:
        for i in range(200):
            acc = (acc * 31 + i) % 1_000_003
    return acc
