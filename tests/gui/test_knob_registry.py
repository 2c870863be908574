"""Every TrainConfig field is a knob in the window and on the command line, with the same limits in both.

The fields are enumerated here (dataclasses.fields), never listed: a field added to TrainConfig without its line in
core/knobs.py, its widget in gui/panels/knobs.py or its option in cli/knobs.py makes a test fail.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse  # noqa: E402
import dataclasses  # noqa: E402
import re  # noqa: E402

import pytest  # noqa: E402
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QDoubleSpinBox, QSpinBox, QWidget  # noqa: E402

from diabetes_trainer.cli import build_parser, main  # noqa: E402
from diabetes_trainer.cli.knobs import add_knob_arguments, config_from_args  # noqa: E402
from diabetes_trainer.core.config import ConfigError, TrainConfig  # noqa: E402
from diabetes_trainer.core.knobs import BY_FIELD, NOT_KNOBS, limits  # noqa: E402
from diabetes_trainer.gui.panels.knobs import KnobsPanel  # noqa: E402

FIELDS = [f for f in dataclasses.fields(TrainConfig) if f.name not in NOT_KNOBS]
DEFAULTS = TrainConfig()


def example_value(field: dataclasses.Field):
    """A valid value of the field that is not its default: the other bool, else the registry's example."""
    default = getattr(DEFAULTS, field.name)
    if isinstance(default, bool):
        return not default
    example = BY_FIELD[field.name].example
    assert example is not None and example != default, f"core/knobs.py: give {field.name} an example value"
    return example


def example_config() -> TrainConfig:
    return TrainConfig(**{f.name: example_value(f) for f in FIELDS})


def cli_arguments(config: TrainConfig) -> list[str]:
    argv = []
    for field in FIELDS:
        knob, value = BY_FIELD[field.name], getattr(config, field.name)
        if isinstance(value, bool):
            argv.append(knob.option if value else "--no-" + knob.option.removeprefix("--"))
        elif isinstance(value, tuple):  # a list of names, written as the CLI takes it: a,b,c
            argv += [knob.option, ",".join(map(str, value))]
        else:
            argv += [knob.option, str(value)]
    return argv


@pytest.fixture
def panel(qtbot) -> KnobsPanel:
    panel = KnobsPanel()
    qtbot.addWidget(panel)
    panel.set_devices(cuda=True, mps=True)  # so the device and pin-memory knobs can take any value
    return panel


def test_every_field_is_registered_as_a_knob():
    names = {f.name for f in dataclasses.fields(TrainConfig)}
    missing = sorted(names - set(BY_FIELD) - set(NOT_KNOBS))
    assert not missing, f"TrainConfig fields without a line in core/knobs.py KNOBS: {missing}"
    assert set(BY_FIELD) <= names, "core/knobs.py names fields TrainConfig does not have"


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_each_field_has_its_widget_in_the_knobs_panel(panel, field):
    knob = BY_FIELD[field.name]
    widget = panel.findChild(QWidget, knob.widget)
    assert widget is not None, f"gui/panels/knobs.py has no widget named {knob.widget!r} for {field.name}"
    assert widget.accessibleName()


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
def test_each_field_has_its_cli_option(field):
    knob = BY_FIELD[field.name]
    parser = argparse.ArgumentParser()
    add_knob_arguments(parser)
    usage = parser.format_usage()
    assert re.search(rf"(?<![\w-]){re.escape(knob.option)}(?![\w-])", usage), (
        f"cli/knobs.py has no {knob.option} for {field.name}")


def test_every_knob_round_trips_through_the_window(panel):
    config = example_config()
    panel.set_config(config)
    assert panel.config() == config
    panel.set_config(DEFAULTS)
    assert panel.config() == DEFAULTS


def test_every_knob_round_trips_through_the_command_line():
    config = example_config()
    args = build_parser().parse_args(["train", *cli_arguments(config)])
    assert config_from_args(args) == config


@pytest.mark.parametrize("field", [f for f in FIELDS if BY_FIELD[f.name].low is not None],
                         ids=lambda f: f.name)
def test_the_window_and_validate_keep_the_same_limits(panel, field):
    knob = BY_FIELD[field.name]
    low, high = limits(field.name)
    spin = panel.findChild(QAbstractSpinBox, knob.widget)
    scale = 100 if field.name == "val_fraction" else 1  # shown in per cent
    assert spin.maximum() == pytest.approx(high * scale)
    # The lowest value is the limit, or one below it for a special value ("no seed", "never", "default (2)").
    special = spin.specialValueText() != ""
    assert spin.minimum() == pytest.approx(low * scale - (1 if special else 0))
    whole = isinstance(spin, QSpinBox) and scale == 1
    step = 1 if whole else (high - low) / 1000
    base = {"num_workers": 2} if field.name == "prefetch_factor" else {}
    for outside in (low - step, high + step):
        value = int(outside) if whole else outside
        with pytest.raises(ConfigError) as refused:
            TrainConfig(**base, **{field.name: value}).validate()
        assert refused.value.knob == knob.name
    assert isinstance(spin, (QSpinBox, QDoubleSpinBox))


@pytest.mark.parametrize(("option", "value"), [("--epochs", "1000000000"), ("--lr", "1e9"),
                                               ("--val-fraction", "0.999"), ("--batch-size", "0")])
def test_the_cli_refuses_what_the_window_cannot_set(capsys, option, value):
    assert main(["train", option, value, "--no-save"]) == 2
    error = capsys.readouterr().err
    assert option in error and "must be between" in error


def test_a_bool_knob_is_a_check_box(panel):
    for field in FIELDS:
        if isinstance(getattr(DEFAULTS, field.name), bool):
            assert isinstance(panel.findChild(QWidget, BY_FIELD[field.name].widget), QCheckBox), field.name
