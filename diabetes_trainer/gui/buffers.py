"""Numpy storage for live plots: a growing column, a fixed-size ring of rows, and an incremental EMA.

Qt-free on purpose, so the bookkeeping is tested without a display. The plots hand the views straight to
pyqtgraph's ``setData``; nothing here copies data on the way to the screen.
"""

from __future__ import annotations

import numpy as np

_EMA_BLOCK = 64  # block length of the vectorised EMA; see exponential_moving_average


class GrowableArray:
    """A 1-D numpy array that grows by appending, with amortised doubling of a preallocated buffer.

    ``view()`` is a slice of the buffer (no copy). Appending never changes a view handed out earlier: values
    are only written past its end, and a reallocation leaves the old buffer alive for whoever still holds it.
    ``clear()`` rewinds, so later appends may overwrite what an old view shows: take a fresh view after it.
    """

    def __init__(self, dtype: np.dtype | type = np.float64, capacity: int = 1024):
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, not {capacity}")
        self._buffer = np.empty(capacity, dtype=dtype)
        self._length = 0

    @property
    def dtype(self) -> np.dtype:
        return self._buffer.dtype

    @property
    def capacity(self) -> int:
        return len(self._buffer)

    def __len__(self) -> int:
        return self._length

    def append(self, values: np.ndarray | float | int) -> None:
        """Append a scalar or a 1-D array of values (converted to this array's dtype)."""
        values = np.asarray(values, dtype=self._buffer.dtype).reshape(-1)
        end = self._length + len(values)
        if end > len(self._buffer):
            self._grow(end)
        self._buffer[self._length:end] = values
        self._length = end

    def view(self) -> np.ndarray:
        """The values appended so far, as a read-only view of the buffer."""
        result = self._buffer[:self._length]
        result.flags.writeable = False
        return result

    def last(self, default: float | int | None = None):
        """The newest value, or ``default`` when empty."""
        return self._buffer[self._length - 1].item() if self._length else default

    def clear(self) -> None:
        self._length = 0

    def _grow(self, needed: int) -> None:
        capacity = len(self._buffer)
        while capacity < needed:
            capacity *= 2
        bigger = np.empty(capacity, dtype=self._buffer.dtype)
        bigger[:self._length] = self._buffer[:self._length]
        self._buffer = bigger


class RingBuffer2D:
    """The latest ``capacity`` rows of a fixed number of columns, oldest first.

    Every row is stored twice, at ``i`` and ``i + capacity``, so the rows in time order are always one
    contiguous slice: ``view()`` never copies, whatever the write position.
    """

    def __init__(self, capacity: int, columns: int, dtype: np.dtype | type = np.float64):
        if capacity < 1 or columns < 1:
            raise ValueError(f"capacity and columns must be at least 1, not {capacity} and {columns}")
        self._capacity = capacity
        self._buffer = np.zeros((2 * capacity, columns), dtype=dtype)
        self._next = 0  # where the next row goes, in [0, capacity)
        self._size = 0

    @property
    def capacity(self) -> int:
        return self._capacity

    @property
    def columns(self) -> int:
        return self._buffer.shape[1]

    def __len__(self) -> int:
        return self._size

    def push(self, row: np.ndarray | list[float] | tuple[float, ...]) -> None:
        """Add one row of ``columns`` values, dropping the oldest row when full."""
        self.extend(np.asarray(row, dtype=self._buffer.dtype).reshape(1, -1))

    def extend(self, rows: np.ndarray) -> None:
        """Add several rows at once (shape ``(n, columns)``), vectorised."""
        rows = np.asarray(rows, dtype=self._buffer.dtype)
        if rows.ndim != 2 or rows.shape[1] != self.columns:
            raise ValueError(f"rows must have shape (n, {self.columns}), not {rows.shape}")
        if len(rows) > self._capacity:
            # Only the newest rows survive; skipping the others keeps the write position consistent.
            self._next = (self._next + len(rows) - self._capacity) % self._capacity
            self._size = self._capacity
            rows = rows[-self._capacity:]
        count = len(rows)
        first = min(count, self._capacity - self._next)
        for start, chunk in ((self._next, rows[:first]), (0, rows[first:])):
            end = start + len(chunk)
            self._buffer[start:end] = chunk
            self._buffer[start + self._capacity:end + self._capacity] = chunk
        self._next = (self._next + count) % self._capacity
        self._size = min(self._size + count, self._capacity)

    def view(self) -> np.ndarray:
        """The stored rows, oldest first, shape ``(len(self), columns)``; a read-only view, not a copy."""
        end = self._next + self._capacity
        result = self._buffer[end - self._size:end]
        result.flags.writeable = False
        return result

    def clear(self) -> None:
        self._next = 0
        self._size = 0


# The smoothing slider's strength is a share of an epoch (of at least this many iterations), not a raw EMA weight:
# a weight of 0.3 averages ~2 points, invisible at batch size 1 where an epoch has hundreds of one-sample losses.
MIN_SMOOTHING_BASE = 20


def smoothing_span(strength: float, iterations_per_epoch: int) -> float:
    """How many iterations the smoothed curve averages over: ``strength`` of an epoch (of at least 20 iterations)."""
    return max(1.0, float(strength) * max(int(iterations_per_epoch), MIN_SMOOTHING_BASE))


def ema_weight(span: float) -> float:
    """The EMA weight whose average spans ``span`` points (the usual ``1 - 2 / (span + 1)``); 0 for one point."""
    return 1.0 - 2.0 / (max(1.0, float(span)) + 1.0)


def exponential_moving_average(values: np.ndarray, smoothing: float, previous: float | None = None) -> np.ndarray:
    """``y[t] = smoothing * y[t-1] + (1 - smoothing) * values[t]``, continuing from ``previous``.

    Without ``previous`` the average starts at ``values[0]`` (so ``y[0] == values[0]``). Feeding a series in
    chunks, passing each chunk's last result as ``previous``, gives the same numbers as one call on the whole.

    Vectorised without overflow: inside blocks of ``_EMA_BLOCK`` values the recurrence is one matrix product
    with powers ``smoothing**k`` (k >= 0 only, so nothing blows up for small smoothing); only the carry from
    block to block is a Python loop, ``len(values) / _EMA_BLOCK`` steps.
    """
    if not 0.0 <= smoothing < 1.0:
        raise ValueError(f"smoothing must be in [0, 1), not {smoothing}")
    values = np.asarray(values, dtype=np.float64).reshape(-1)
    count = len(values)
    if count == 0:
        return np.empty(0, dtype=np.float64)
    carry = float(values[0]) if previous is None else float(previous)
    if smoothing == 0.0:
        return values.copy()

    block = min(_EMA_BLOCK, count)
    padded_count = -(-count // block) * block
    padded = np.zeros(padded_count, dtype=np.float64)
    padded[:count] = values
    blocks = padded.reshape(-1, block)

    lags = np.arange(block)
    lag_matrix = lags[:, None] - lags[None, :]
    # weights[j, k] = (1 - s) * s**(j - k) for k <= j: the contribution of value k to result j in a block.
    weights = np.where(lag_matrix >= 0, (1.0 - smoothing) * smoothing ** np.maximum(lag_matrix, 0), 0.0)
    within = blocks @ weights.T  # each block's EMA as if it started from 0
    decay = smoothing ** (lags + 1)  # how the carry into a block fades over it

    carries = np.empty(len(blocks), dtype=np.float64)
    last_decay = float(decay[-1])
    for index, block_last in enumerate(within[:, -1].tolist()):
        carries[index] = carry
        carry = block_last + last_decay * carry
    result = within + carries[:, None] * decay[None, :]
    return result.reshape(-1)[:count]


class EpochRunningMean:
    """The mean of the current epoch's batch losses so far, updated per chunk in O(chunk) numpy work.

    The telemetry's epochs never decrease, so a chunk's newest epoch is a suffix of it: only that suffix counts
    when the chunk starts a new epoch, and the sum carries on otherwise.
    """

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.epoch = 0
        self._sum = 0.0
        self._count = 0

    def add(self, losses: np.ndarray, epochs: np.ndarray) -> float:
        """Take the next batches (their losses and 1-based epochs); return the running mean of the newest epoch."""
        losses = np.asarray(losses, dtype=np.float64).reshape(-1)
        epochs = np.asarray(epochs).reshape(-1)
        if len(losses) == 0:
            return self.mean
        newest = int(epochs[-1])
        start = int(np.searchsorted(epochs, newest, side="left"))
        if newest != self.epoch:
            self.epoch, self._sum, self._count = newest, 0.0, 0
        self._sum += float(losses[start:].sum())
        self._count += len(losses) - start
        return self.mean

    @property
    def mean(self) -> float:
        return self._sum / self._count if self._count else float("nan")
