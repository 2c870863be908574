"""The training knobs as command-line options, shared by ``train`` and ``sweep``."""

from __future__ import annotations

import argparse

from ..core.config import DEVICES, TrainConfig, available_start_methods
from ..core.knobs import limits, plain_number
from .data_options import add_data_arguments, data_option_values

DEFAULTS = TrainConfig()


def _range(field: str) -> str:
    """'1 to 100000': core/knobs.py's limits, which TrainConfig.validate holds every option to (as the window)."""
    low, high = limits(field)
    return f"{plain_number(low)} to {plain_number(high)}"


def add_knob_arguments(parser: argparse.ArgumentParser, with_workers: bool = True) -> None:
    group = parser.add_argument_group("training (the tutorial's knobs)")
    group.add_argument("--data", metavar="PATH", default=None,
                       help="CSV or CSV.GZ table: features, then a 0/1 label (default: the bundled synthetic sample)")
    group.add_argument("--epochs", type=int, default=DEFAULTS.epochs,
                       help=f"passes over all rows, {_range('epochs')} (default %(default)s)")
    group.add_argument("--batch-size", type=int, default=DEFAULTS.batch_size,
                       help=f"rows per mini-batch, {_range('batch_size')} (default %(default)s)")
    group.add_argument("--shuffle", action=argparse.BooleanOptionalAction, default=DEFAULTS.shuffle,
                       help="shuffle the rows every epoch (default on)")
    if with_workers:
        group.add_argument("--num-workers", type=int, default=DEFAULTS.num_workers,
                           help=f"DataLoader worker processes, {_range('num_workers')} (default %(default)s: "
                                "load in the training process)")
    group.add_argument("--lr", type=float, default=DEFAULTS.lr,
                       help=f"SGD learning rate, {_range('lr')} (default %(default)s)")
    group.add_argument("--seed", type=int, default=None, help="torch.manual_seed before building (default: none)")
    group.add_argument("--val-fraction", type=float, default=DEFAULTS.val_fraction,
                       help=f"share of rows held out for a validation curve, {_range('val_fraction')} (default 0, as "
                            "in the tutorial)")

    add_data_arguments(parser)

    loader = parser.add_argument_group("DataLoader options")
    loader.add_argument("--persistent-workers", action=argparse.BooleanOptionalAction,
                        default=DEFAULTS.persistent_workers, help="keep workers alive between epochs")
    loader.add_argument("--prefetch-factor", type=int, default=None,
                        help="batches each worker loads ahead (torch's default 2)")
    loader.add_argument("--start-method", choices=available_start_methods(), default=None,
                        help="how workers start (default: the platform's own)")
    loader.add_argument("--pin-memory", action="store_true", help="page-locked batches for faster GPU copies")
    loader.add_argument("--device", choices=DEVICES, default=DEFAULTS.device, help="where to train (default cpu)")
    loader.add_argument("--batched-fetch", action="store_true",
                        help="fetch each batch with one indexing call (a batch sampler) instead of batch-size "
                             "__getitem__ calls and collate; the same losses")

    slow = parser.add_argument_group("workload simulator (make loading slow on purpose)")
    slow.add_argument("--sample-delay-ms", type=float, default=0.0,
                      help="sleep per sample in __getitem__, like a slow disk")
    slow.add_argument("--sample-cpu-ms", type=float, default=0.0,
                      help="busy CPU work per sample in __getitem__, like heavy preprocessing")
    slow.add_argument("--fail-at-row", type=int, default=None, metavar="ROW",
                      help="raise an error in __getitem__ for this row (0-based): see how a failure is reported")


def config_from_args(args: argparse.Namespace, **overrides) -> TrainConfig:
    values = dict(
        data_path=args.data, epochs=args.epochs, batch_size=args.batch_size, shuffle=args.shuffle,
        num_workers=getattr(args, "num_workers", 0), lr=args.lr, seed=args.seed,
        persistent_workers=args.persistent_workers, prefetch_factor=args.prefetch_factor,
        start_method=args.start_method, pin_memory=args.pin_memory, device=args.device,
        sample_delay_ms=args.sample_delay_ms, sample_cpu_ms=args.sample_cpu_ms,
        fail_at_row=args.fail_at_row, val_fraction=args.val_fraction, **data_option_values(args),
        batched_fetch=getattr(args, "batched_fetch", False),
    )
    values.update(overrides)
    return TrainConfig(**values)
