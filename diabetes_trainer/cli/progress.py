"""Progress on stderr: a live bar on a terminal, a few plain lines otherwise (logs stay short)."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from ..core.durations import format_seconds
from ..core.events import EpochEnded, RunStarted, TrainingListener

BAR_WIDTH = 24
REFRESH_S = 0.1
MAX_PLAIN_LINES = 20


class ProgressListener(TrainingListener):
    def __init__(self, stream: TextIO | None = None, live: bool | None = None):
        self.stream = stream or sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.total = 1
        self.epochs = 1
        self.done = 0
        self.last_draw = 0.0
        self.every_epochs = 1
        self.started_at = time.perf_counter()

    def on_run_start(self, event: RunStarted) -> None:
        self.total = max(1, event.total_iterations)
        self.epochs = max(1, int(event.config["epochs"]))
        self.every_epochs = max(1, -(-self.epochs // MAX_PLAIN_LINES))
        self.started_at = time.perf_counter()

    def on_batch(self, epoch: int, loss: float, wait_s: float, compute_s: float, elapsed_s: float) -> None:
        self.done += 1
        if not self.live:
            return
        now = time.perf_counter()
        if now - self.last_draw >= REFRESH_S or self.done == self.total:
            self.last_draw = now
            self._draw(epoch, loss, elapsed_s)

    def on_epoch_end(self, event: EpochEnded) -> None:
        if self.live or (event.epoch % self.every_epochs and event.epoch != self.epochs):
            return
        print(f"epoch {event.epoch}/{self.epochs}  mean loss {event.mean_loss:.4f}  "
              f"accuracy {event.accuracy:.1%}  {event.seconds:.2f} s", file=self.stream, flush=True)

    def finish(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, epoch: int, loss: float, elapsed_s: float) -> None:
        share = min(1.0, self.done / self.total)
        filled = int(share * BAR_WIDTH)
        eta = elapsed_s / self.done * (self.total - self.done) if self.done else 0.0
        self.stream.write(f"\repoch {epoch}/{self.epochs} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
                          f"{share:4.0%}  loss {loss:.4f}  ETA {format_seconds(eta, milliseconds=False)}   ")
        self.stream.flush()
