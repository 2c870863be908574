"""The run history panel on a scratch RunStore: listing, overlays in LossPlot's shape, rename, delete, damage."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402

from diabetes_trainer.core.runs import RunStore  # noqa: E402
from diabetes_trainer.gui.panels.runs_panel import (  # noqa: E402
    RunsPanel,
    fractional_epochs,
    overlay_from_record,
)
from diabetes_trainer.gui.plots.loss_plot import LossPlot  # noqa: E402

ROWS = 100  # data rows: with batch 32, 4 iterations per epoch


def make_record(name: str, created: str, workers: int = 0, batch: int = 32, epochs: int = 3,
                iterations: int | None = None, status: str = "finished") -> dict:
    """A record like the app stores: per-iteration lists, 4 iterations per epoch with these rows and batch."""
    per_epoch = -(-ROWS // batch)
    count = per_epoch * epochs if iterations is None else iterations
    losses = list(np.linspace(0.7, 0.4, count))
    elapsed = list(np.cumsum(np.full(count, 0.01 * (workers + 1))))
    return {
        "schema": 1, "name": name, "created": created, "status": status, "error": None,
        "config": {"epochs": epochs, "batch_size": batch, "num_workers": workers, "shuffle": True,
                   "val_fraction": 0.0},
        "data": {"path": "/data/diabetes.csv.gz", "rows": ROWS},
        "seconds": elapsed[-1], "final_loss": losses[-1], "iterations": count,
        "losses": losses, "elapsed_s": elapsed,
        "iteration_epoch": [i // per_epoch + 1 for i in range(count)],
        "data_wait_s": [0.001] * count, "compute_s": [0.002] * count,
    }


@pytest.fixture
def store(tmp_path):
    return RunStore(tmp_path / "runs")


@pytest.fixture
def saved(store):
    """Three runs, saved oldest first: ids newest first as the panel lists them."""
    ids = [
        store.save(make_record("", "2024-05-01T10:00:00+00:00", workers=0)),
        store.save(make_record("two workers", "2024-05-01T11:00:00+00:00", workers=2)),
        store.save(make_record("stopped early", "2024-05-01T12:00:00+00:00", workers=4, iterations=6,
                               status="stopped")),
    ]
    return list(reversed(ids))


@pytest.fixture
def panel(qtbot, store):
    widget = RunsPanel(root=store.root, confirm=lambda _parent, _question: True,
                       ask_name=lambda _parent, _current: "renamed")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def column_texts(panel: RunsPanel, row: int) -> list[str]:
    item = panel.runsList.topLevelItem(row)
    return [item.text(c) for c in range(panel.runsList.columnCount())]


def test_lists_stored_runs_newest_first_with_their_numbers(saved, panel):
    assert panel.run_ids() == saved
    newest = column_texts(panel, 0)
    assert newest[0] == "stopped early"
    assert newest[2:8] == ["stopped", "4", "0", "0", "32", "3"]  # workers, I/O delay, CPU work, batch, epochs
    assert newest[9] == f"{np.linspace(0.7, 0.4, 6)[-1]:.4f}"
    unnamed = column_texts(panel, 2)
    assert unnamed[0] == "0 workers · 3 epochs"  # no name: what sets it apart from the defaults stands in
    assert panel.runsList.topLevelItem(2).font(0).italic()
    assert panel.message() == ""
    assert panel.runsList.selectionMode() == panel.runsList.SelectionMode.ExtendedSelection


def test_an_empty_history_says_where_runs_are_kept(panel, store):
    assert panel.run_ids() == []
    assert str(store.root) in panel.message()


def test_refresh_picks_up_new_runs_and_keeps_the_selection(saved, panel, store, qtbot):
    panel.select_ids([saved[1]])
    newer = store.save(make_record("newest", "2024-05-02T09:00:00+00:00"))
    qtbot.mouseClick(panel.runsRefreshButton, Qt.MouseButton.LeftButton)
    assert panel.run_ids() == [newer, *saved]
    assert panel.selected_ids() == [saved[1]]


def test_overlay_emits_the_selected_runs_in_loss_plot_shape(saved, panel, qtbot):
    panel.select_ids(saved[:2])
    with qtbot.waitSignal(panel.overlayRequested, timeout=2000) as emitted:
        qtbot.mouseClick(panel.runsOverlayButton, Qt.MouseButton.LeftButton)
    overlays = emitted.args[0]
    assert len(overlays) == 2
    for overlay in overlays:
        label, x_iteration, x_epoch, x_time, y = overlay
        assert isinstance(label, str)
        assert all(isinstance(a, np.ndarray) and a.shape == y.shape for a in (x_iteration, x_epoch, x_time))
    stopped, full = overlays
    assert stopped[0] == "stopped early (4 workers · 3 epochs)"
    assert full[0] == "two workers (2 workers · 3 epochs)"
    # 12 iterations, 4 per epoch: x_epoch is iteration / 4 as on the live plot.
    assert list(full[1]) == list(range(1, 13))
    assert full[2] == pytest.approx(np.arange(1, 13) / 4)
    assert full[3] == pytest.approx(np.cumsum(np.full(12, 0.03)))
    assert full[4] == pytest.approx(np.linspace(0.7, 0.4, 12))
    assert stopped[2] == pytest.approx(np.arange(1, 7) / 4)  # stopped in epoch 2: ends at 1.5 epochs

    plot = LossPlot()  # the exact shape set_overlays takes
    qtbot.addWidget(plot)
    plot.set_overlays(overlays)
    assert len(plot.overlay_curves()) == 2


def test_double_click_overlays_and_clear_button_clears(saved, panel, qtbot):
    item = panel.runsList.topLevelItem(1)
    panel.runsList.setCurrentItem(item)
    with qtbot.waitSignal(panel.overlayRequested, timeout=2000) as emitted:
        panel.runsList.itemDoubleClicked.emit(item, 0)
    assert [label for label, *_ in emitted.args[0]] == ["two workers (2 workers · 3 epochs)"]
    with qtbot.waitSignal(panel.overlayCleared, timeout=2000):
        qtbot.mouseClick(panel.clearOverlayButton, Qt.MouseButton.LeftButton)


def test_x_axis_combo_offers_the_loss_plot_modes(panel, qtbot):
    modes = [panel.runsXAxisCombo.itemData(i) for i in range(panel.runsXAxisCombo.count())]
    assert modes == ["iteration", "epoch", "time"]
    with qtbot.waitSignal(panel.xModeChanged, timeout=2000) as emitted:
        panel.runsXAxisCombo.setCurrentIndex(1)
    assert emitted.args == ["epoch"]


def test_buttons_follow_the_selection(saved, panel):
    assert not panel.runsRenameButton.isEnabled() and not panel.runsOverlayButton.isEnabled()
    panel.select_ids(saved[:1])
    assert panel.runsRenameButton.isEnabled() and panel.runsDeleteButton.isEnabled()
    panel.select_ids(saved)
    assert not panel.runsRenameButton.isEnabled() and panel.runsOverlayButton.isEnabled()


def test_rename_stores_the_new_name(saved, panel, store, qtbot):
    panel.select_ids([saved[2]])
    qtbot.mouseClick(panel.runsRenameButton, Qt.MouseButton.LeftButton)
    assert store.load(saved[2])["name"] == "renamed"
    assert column_texts(panel, panel.run_ids().index(saved[2]))[0] == "renamed"
    assert panel.selected_ids() == [saved[2]]


def test_rename_cancelled_changes_nothing(saved, panel, store):
    panel.ask_name = lambda _parent, _current: None
    panel.select_ids([saved[1]])
    assert not panel.rename_selected()
    assert store.load(saved[1])["name"] == "two workers"


def test_delete_asks_first_and_removes_the_files(saved, panel, store, qtbot):
    questions = []
    panel.confirm = lambda _parent, question: questions.append(question) or False
    panel.select_ids(saved[:2])
    qtbot.mouseClick(panel.runsDeleteButton, Qt.MouseButton.LeftButton)
    assert "2 runs" in questions[0]
    assert all(store.path_of(run_id).exists() for run_id in saved)

    panel.confirm = lambda _parent, _question: True
    qtbot.mouseClick(panel.runsDeleteButton, Qt.MouseButton.LeftButton)
    assert not store.path_of(saved[0]).exists() and not store.path_of(saved[1]).exists()
    assert panel.run_ids() == [saved[2]]
    assert [s.id for s in store.list()[0]] == [saved[2]]


def test_a_damaged_record_is_a_warning_line_not_a_crash(saved, panel, store, qtbot):
    damaged = store.path_of("20240101-000000-abcdef")
    damaged.write_text('{"id": "20240101-000000-abcdef", "losses": [0.1,', encoding="utf-8")
    qtbot.mouseClick(panel.runsRefreshButton, Qt.MouseButton.LeftButton)
    assert panel.run_ids() == saved
    message = panel.message()
    assert damaged.name in message and "line 1" in message
    assert panel.runsMessageLabel.isVisible()


def test_a_record_deleted_behind_the_panels_back_is_reported_on_overlay(saved, panel, store):
    panel.select_ids([saved[0]])
    store.path_of(saved[0]).unlink()
    assert panel.overlay_selected() == []
    assert saved[0] in panel.message()


def test_fractional_epochs_follow_the_position_within_each_epoch():
    epochs = np.array([1, 1, 1, 2, 2, 2, 3])
    assert fractional_epochs(epochs, 3) == pytest.approx([1 / 3, 2 / 3, 1, 4 / 3, 5 / 3, 2, 7 / 3])
    assert len(fractional_epochs(np.array([], dtype=int), 3)) == 0


def test_a_record_without_times_or_epochs_still_overlays():
    record = {"losses": [0.7, 0.6, 0.5, 0.4, 0.3], "config": {"batch_size": 2}, "data": {"rows": 4}}
    label, x_iteration, x_epoch, x_time, y = overlay_from_record(record, "old run")
    assert label == "old run" and list(x_iteration) == [1, 2, 3, 4, 5]
    assert x_epoch == pytest.approx([0.5, 1.0, 1.5, 2.0, 2.5])
    assert np.isnan(x_time).all() and y == pytest.approx([0.7, 0.6, 0.5, 0.4, 0.3])
    with pytest.raises(ValueError):
        overlay_from_record({"losses": ["x"]}, "broken")
