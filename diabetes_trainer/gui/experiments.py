"""Named one-click experiments that replay the tutorial notes' findings, each a few short runs in sequence."""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from ..core.config import TrainConfig

# lupdate reads translate(context, "literal") only: no wrapper around it, or its strings stay English.
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Experiment:
    id: str
    title: str
    explanation: str
    variants: tuple[tuple[str, dict], ...]  # (label, knob changes) run in this order on the shared base
    base: dict  # knob changes shared by every variant

    def configs(self, current: TrainConfig) -> list[tuple[str, TrainConfig]]:
        """The runs, on the user's data file and learning rate, with the experiment's knobs."""
        # The experiment's own knobs win over the neutral settings (one dict: no keyword given twice).
        neutral = {"persistent_workers": False, "prefetch_factor": None, "start_method": None, "pin_memory": False,
                   "device": "cpu", "sample_delay_ms": 0.0, "sample_cpu_ms": 0.0, "fail_at_row": None,
                   "val_fraction": 0.0}
        base = current.replace(**{**neutral, **self.base})
        return [(label, base.replace(**changes)) for label, changes in self.variants]


def experiments() -> list[Experiment]:
    cores = os.cpu_count() or 1
    zero = translate("Experiments", "0 workers")
    four = translate("Experiments", "4 workers")
    return [
        Experiment(
            "tiny-data-workers", translate("Experiments", "Tiny data: 0 vs 4 workers"),
            translate("Experiments",
                      "The tutorial's surprise: on a small table held in memory, num_workers=0 is fastest. Every "
                      "epoch, 4 workers must start (a new process each, a copy of the dataset) before the first batch "
                      "arrives, and that start-up costs more than all the loading they save."),
            ((zero, {"num_workers": 0}), (four, {"num_workers": 4})),
            {"epochs": 5, "batch_size": 32, "shuffle": True}),
        Experiment(
            "slow-disk", translate("Experiments", "Slow disk: 0 vs 4 workers"),
            translate("Experiments",
                      "Each sample now sleeps 2 ms in __getitem__, like a slow disk or network. Sleeping leaves the "
                      "CPU free, so several workers can wait at the same time: 4 workers load about 4 times as fast, "
                      "even on fewer cores (I/O-bound loading gains beyond the core count)."),
            ((zero, {"num_workers": 0}), (four, {"num_workers": 4})),
            {"epochs": 2, "batch_size": 32, "sample_delay_ms": 2.0}),
        Experiment(
            "heavy-preprocessing",
            translate("Experiments", "Heavy preprocessing: 0, {cores} and {double} workers").format(
                cores=cores, double=2 * cores),
            translate("Experiments",
                      "Each sample now burns 0.5 ms of CPU in __getitem__, like heavy preprocessing. Workers help up "
                      "to the number of cores ({cores} here); more workers than cores only compete for them and the "
                      "training process.").format(cores=cores),
            ((zero, {"num_workers": 0}),
             (translate("Experiments", "{n} workers").format(n=cores), {"num_workers": cores}),
             (translate("Experiments", "{n} workers").format(n=2 * cores), {"num_workers": 2 * cores})),
            {"epochs": 1, "batch_size": 32, "sample_cpu_ms": 0.5}),
        Experiment(
            "spawn-startup", translate("Experiments", "Windows-style spawn start-up"),
            translate("Experiments",
                      "Windows and macOS start workers with 'spawn': a fresh Python that imports torch again, every "
                      "epoch. Compare 0 workers, 2 spawned workers, and 2 spawned persistent workers that start only "
                      "once."),
            ((zero, {"num_workers": 0}),
             (translate("Experiments", "2 workers, spawn"), {"num_workers": 2, "start_method": "spawn"}),
             (translate("Experiments", "2 workers, spawn, persistent"),
              {"num_workers": 2, "start_method": "spawn", "persistent_workers": True})),
            {"epochs": 3, "batch_size": 32}),
    ]


def result_row(label: str, record: dict) -> dict:
    """What the experiment table shows for one run."""
    seconds = float(record.get("seconds") or 0.0)
    startup = sum(float(e.get("worker_startup_s") or 0.0) for e in record.get("epochs", []))
    wait = sum(record.get("data_wait_s", []))
    return {"label": label, "status": record.get("status", ""), "seconds": seconds, "startup_s": startup,
            "wait_share": wait / seconds if seconds > 0 else 0.0, "final_loss": record.get("final_loss")}


def conclusion(rows: list[dict]) -> str:
    finished = [row for row in rows if row["status"] == "finished" and row["seconds"] > 0]
    if len(finished) < 2:
        return translate("Experiments", "Not enough finished runs to compare.")
    fastest = min(finished, key=lambda row: row["seconds"])
    slowest = max(finished, key=lambda row: row["seconds"])
    return translate("Experiments",
                     "Fastest: {fast} ({fast_s:.2f} s), {ratio:.1f}x faster than {slow} ({slow_s:.2f} s).").format(
        fast=fastest["label"], fast_s=fastest["seconds"], ratio=slowest["seconds"] / fastest["seconds"],
        slow=slowest["label"], slow_s=slowest["seconds"])
