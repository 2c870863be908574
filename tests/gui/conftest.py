"""GUI test setup: Qt draws offscreen (set before anything imports Qt), and shared plot fixtures."""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from dataclasses import dataclass  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402


@dataclass(frozen=True)
class FakeRun:
    """Per-iteration telemetry shaped like a real run: falling noisy loss, 1-based epochs, growing seconds."""

    iterations_per_epoch: int
    losses: np.ndarray
    epochs: np.ndarray
    elapsed_s: np.ndarray
    wait_s: np.ndarray
    compute_s: np.ndarray

    def __len__(self) -> int:
        return len(self.losses)

    def chunks(self, size: int):
        """(losses, epochs, elapsed_s) in pieces, the way the telemetry pipe delivers them."""
        for start in range(0, len(self), size):
            window = slice(start, start + size)
            yield self.losses[window], self.epochs[window], self.elapsed_s[window]

    def epoch_means(self) -> dict[int, float]:
        return {int(e): float(self.losses[self.epochs == e].mean()) for e in np.unique(self.epochs)}


def make_fake_run(epochs: int = 10, iterations_per_epoch: int = 24, stall_every: int = 4, seed: int = 0) -> FakeRun:
    rng = np.random.default_rng(seed)
    count = epochs * iterations_per_epoch
    iteration = np.arange(1, count + 1)
    losses = 0.45 + 0.25 * np.exp(-iteration / (count / 3)) + 0.03 * rng.standard_normal(count)
    wait_s = np.where(iteration % stall_every == 0, 0.020, 0.0004)
    compute_s = 0.004 + 0.001 * rng.random(count)
    return FakeRun(
        iterations_per_epoch=iterations_per_epoch,
        losses=losses,
        epochs=(iteration - 1) // iterations_per_epoch + 1,
        elapsed_s=np.cumsum(wait_s + compute_s),
        wait_s=wait_s,
        compute_s=compute_s,
    )


@pytest.fixture
def fake_run() -> FakeRun:
    return make_fake_run()


@pytest.fixture
def make_run():
    """The FakeRun factory, for tests that need another shape (more epochs, another stall period)."""
    return make_fake_run


@pytest.fixture
def loss_plot(qtbot):
    from diabetes_trainer.gui.plots.loss_plot import LossPlot

    plot = LossPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 450)
    plot.show()
    return plot


@pytest.fixture
def stall_plot(qtbot):
    from diabetes_trainer.gui.plots.stall_plot import StallPlot

    plot = StallPlot()
    qtbot.addWidget(plot)
    plot.resize(800, 400)
    plot.show()
    return plot


@pytest.fixture
def no_torch_in_gui():
    """Call the returned check at the end of a test: the GUI code it drove must not have imported torch.

    In a full test run the core tests have imported torch into this process already; then only the subprocess
    test in test_gui_process_has_no_torch.py can tell, and this check says nothing.
    """
    loaded_before = "torch" in sys.modules

    def check() -> None:
        if not loaded_before:
            assert "torch" not in sys.modules, "the GUI process must never import torch"

    return check


@pytest.fixture
def window(qtbot):
    """The real window, shown, once its spare training process is warm and the table is read (as after start-up)."""
    from diabetes_trainer.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.controller.process_info is not None and win.table is not None, timeout=90_000)
    yield win
    win.close()
