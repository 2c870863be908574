"""The live loss plot, its storage (GrowableArray, the incremental EMA) and the shared plot theme."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from diabetes_trainer.gui.buffers import GrowableArray, exponential_moving_average  # noqa: E402


def reference_ema(values, smoothing):
    """The textbook loop the vectorised EMA must match."""
    out, current = [], values[0]
    for value in values:
        current = smoothing * current + (1 - smoothing) * value
        out.append(current)
    return np.array(out)


def feed(plot, run, chunk=40):
    plot.reset(run.iterations_per_epoch)
    for losses, epochs, elapsed in run.chunks(chunk):
        plot.append_batches(losses, epochs, elapsed)


def legend_names(plot):
    return [label.text for _sample, label in plot.getPlotItem().legend.items]


# ----- storage, without Qt -----

def test_growable_array_appends_scalars_and_arrays_and_grows_past_its_capacity():
    array = GrowableArray(np.float64, capacity=2)
    array.append(1.0)
    array.append(np.array([2.0, 3.0, 4.0]))
    array.append([5, 6])
    assert len(array) == 6
    assert array.capacity >= 6
    np.testing.assert_array_equal(array.view(), [1, 2, 3, 4, 5, 6])
    assert array.last() == 6.0


def test_growable_array_view_is_not_a_copy_and_old_views_survive_growth():
    array = GrowableArray(np.int64, capacity=4)
    array.append(np.arange(3))
    first = array.view()
    assert np.shares_memory(first, array.view())
    assert not first.flags.writeable
    array.append(np.arange(100))  # reallocates
    np.testing.assert_array_equal(first, [0, 1, 2])
    assert len(array.view()) == 103


def test_growable_array_clear_empties_it_and_keeps_the_dtype():
    array = GrowableArray(np.int64)
    array.append([1, 2, 3])
    array.clear()
    assert len(array) == 0
    assert array.view().shape == (0,)
    assert array.last(default=None) is None
    array.append(7.9)
    assert array.view().dtype == np.int64
    assert array.view().tolist() == [7]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.floats(-1e6, 1e6), max_size=20), max_size=20))
def test_growable_array_equals_the_concatenation_of_what_was_appended(chunks):
    array = GrowableArray(np.float64, capacity=1)
    for chunk in chunks:
        array.append(np.array(chunk, dtype=np.float64))
    expected = np.concatenate([np.array(c, dtype=np.float64) for c in chunks]) if chunks else np.empty(0)
    np.testing.assert_array_equal(array.view(), expected)


@pytest.mark.parametrize("smoothing", [0.0, 0.01, 0.5, 0.9, 0.99])
@pytest.mark.parametrize("count", [1, 7, 64, 65, 1000])
def test_ema_matches_the_reference_loop(smoothing, count):
    values = np.random.default_rng(count).random(count)
    np.testing.assert_allclose(exponential_moving_average(values, smoothing), reference_ema(values, smoothing),
                               rtol=1e-12, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(1, 150), min_size=1, max_size=6), st.floats(0.0, 0.99))
def test_ema_in_chunks_equals_ema_of_the_whole(chunk_sizes, smoothing):
    values = np.random.default_rng(len(chunk_sizes)).random(sum(chunk_sizes))
    pieces, previous, start = [], None, 0
    for size in chunk_sizes:
        piece = exponential_moving_average(values[start:start + size], smoothing, previous)
        pieces.append(piece)
        previous, start = piece[-1], start + size
    np.testing.assert_allclose(np.concatenate(pieces), reference_ema(values, smoothing), rtol=1e-10, atol=1e-12)


def test_ema_rejects_smoothing_of_one_or_more():
    with pytest.raises(ValueError, match="smoothing"):
        exponential_moving_average(np.ones(3), 1.0)


# ----- the plot -----

def test_loss_plot_is_named_for_tests_and_screen_readers(loss_plot):
    assert loss_plot.objectName() == "lossPlot"
    assert loss_plot.accessibleName() == "Loss plot"
    assert loss_plot.getPlotItem().getAxis("left").labelText == "Loss (BCE)"
    assert loss_plot.getPlotItem().getAxis("bottom").labelText == "Iteration"


def test_one_point_per_iteration_after_several_appends(loss_plot, fake_run):
    feed(loss_plot, fake_run, chunk=37)
    loss_plot.redraw_now()
    x, y = loss_plot.loss_curve().getOriginalDataset()
    assert loss_plot.point_count() == len(fake_run) == len(x) == len(y)
    np.testing.assert_array_equal(x, np.arange(1, len(fake_run) + 1))
    np.testing.assert_array_equal(y, fake_run.losses)


def test_the_first_chunk_draws_at_once_and_later_chunks_wait_for_the_timer(loss_plot, fake_run, qtbot):
    loss_plot.reset(fake_run.iterations_per_epoch)
    loss_plot.append_batches(fake_run.losses[:10], fake_run.epochs[:10], fake_run.elapsed_s[:10])
    # Nothing was drawn for a while: the first point of a run must not wait for the timer.
    assert not loss_plot.is_dirty()
    assert len(loss_plot.loss_curve().getOriginalDataset()[1]) == 10
    loss_plot.append_batches(fake_run.losses[10:20], fake_run.epochs[10:20], fake_run.elapsed_s[10:20])
    # Within one redraw interval of the last redraw, appending only marks the plot dirty.
    assert loss_plot.is_dirty()
    assert len(loss_plot.loss_curve().getOriginalDataset()[1]) == 10
    qtbot.waitUntil(lambda: not loss_plot.is_dirty(), timeout=2000)
    assert len(loss_plot.loss_curve().getOriginalDataset()[1]) == 20


def test_append_batches_rejects_arrays_of_different_lengths(loss_plot):
    with pytest.raises(ValueError, match="same length"):
        loss_plot.append_batches(np.ones(3), np.ones(2), np.ones(3))


@pytest.mark.parametrize("mode, label", [("iteration", "Iteration"), ("epoch", "Epoch"),
                                          ("time", "Time (s)")])
def test_x_modes_give_iteration_fractional_epoch_or_seconds(loss_plot, fake_run, mode, label):
    feed(loss_plot, fake_run)
    loss_plot.set_x_mode(mode)
    loss_plot.redraw_now()
    x, _y = loss_plot.loss_curve().getOriginalDataset()
    iteration = np.arange(1, len(fake_run) + 1)
    expected = {"iteration": iteration, "epoch": iteration / fake_run.iterations_per_epoch,
                "time": fake_run.elapsed_s}[mode]
    np.testing.assert_allclose(x, expected)
    assert loss_plot.x_mode() == mode
    assert loss_plot.getPlotItem().getAxis("bottom").labelText == label


def test_unknown_x_mode_is_refused(loss_plot):
    with pytest.raises(ValueError, match="x mode"):
        loss_plot.set_x_mode("wall clock")


def test_epoch_means_and_validation_sit_at_each_epochs_last_batch(loss_plot, fake_run):
    feed(loss_plot, fake_run)
    means = fake_run.epoch_means()
    for epoch, mean in means.items():
        loss_plot.append_epoch(epoch, mean, val_loss=mean + 0.1 if epoch % 2 == 0 else None)
    loss_plot.redraw_now()
    ipe = fake_run.iterations_per_epoch
    epochs = np.array(sorted(means))
    x, y = loss_plot.epoch_curve().getOriginalDataset()
    np.testing.assert_array_equal(x, epochs * ipe)
    np.testing.assert_allclose(y, [means[e] for e in epochs])
    val_x, val_y = loss_plot.validation_curve().getOriginalDataset()
    np.testing.assert_array_equal(val_x, epochs[epochs % 2 == 0] * ipe)
    np.testing.assert_allclose(val_y, [means[e] + 0.1 for e in epochs if e % 2 == 0])

    loss_plot.set_x_mode("epoch")
    np.testing.assert_allclose(loss_plot.epoch_curve().getOriginalDataset()[0], epochs)
    loss_plot.set_x_mode("time")
    np.testing.assert_allclose(loss_plot.epoch_curve().getOriginalDataset()[0],
                               fake_run.elapsed_s[epochs * ipe - 1])
    assert legend_names(loss_plot) == ["Loss per iteration", "Epoch mean loss", "Validation loss"]


def test_epoch_reported_before_its_batches_arrive_sits_where_it_will_end(loss_plot, fake_run):
    ipe = fake_run.iterations_per_epoch
    loss_plot.reset(ipe)
    loss_plot.append_batches(fake_run.losses[:5], fake_run.epochs[:5], fake_run.elapsed_s[:5])
    loss_plot.append_epoch(1, 0.5)
    loss_plot.redraw_now()
    # Epoch 1 has only 5 of its batches so far: drawn at the newest one, then moved when the rest arrive.
    assert loss_plot.epoch_curve().getOriginalDataset()[0].tolist() == [5]
    loss_plot.append_batches(fake_run.losses[5:ipe], fake_run.epochs[5:ipe], fake_run.elapsed_s[5:ipe])
    loss_plot.append_epoch(2, 0.4)
    loss_plot.redraw_now()
    assert loss_plot.epoch_curve().getOriginalDataset()[0].tolist() == [ipe, 2 * ipe]


def test_smoothing_matches_a_reference_ema_incrementally_and_after_a_change(loss_plot, fake_run):
    from diabetes_trainer.gui.buffers import ema_weight, smoothing_span

    ipe = fake_run.iterations_per_epoch
    loss_plot.reset(ipe)
    loss_plot.set_smoothing(0.9)
    for losses, epochs, elapsed in fake_run.chunks(13):
        loss_plot.append_batches(losses, epochs, elapsed)
    loss_plot.redraw_now()
    _x, smoothed = loss_plot.smoothed_curve().getOriginalDataset()
    # The strength is a share of an epoch: 0.9 of 24 iterations spans 21.6 of them.
    assert loss_plot.smoothing_span() == pytest.approx(0.9 * 24)
    np.testing.assert_allclose(smoothed, reference_ema(fake_run.losses, ema_weight(smoothing_span(0.9, ipe))),
                               rtol=1e-10)
    assert "Smoothed loss" in legend_names(loss_plot)

    loss_plot.set_smoothing(0.5)  # recomputed over everything received so far
    np.testing.assert_allclose(loss_plot.smoothed_curve().getOriginalDataset()[1],
                               reference_ema(fake_run.losses, ema_weight(smoothing_span(0.5, ipe))), rtol=1e-10)
    assert loss_plot.smoothing() == 0.5


def test_smoothing_zero_turns_the_smoothed_curve_off(loss_plot, fake_run):
    feed(loss_plot, fake_run)
    loss_plot.set_smoothing(0.8)
    loss_plot.set_smoothing(0.0)
    assert loss_plot.smoothed_curve().getOriginalDataset() == (None, None)
    assert "Smoothed loss" not in legend_names(loss_plot)


@pytest.mark.parametrize("bad", [-0.1, 0.995, 1.0])
def test_smoothing_outside_0_to_099_is_refused(loss_plot, bad):
    with pytest.raises(ValueError, match="smoothing"):
        loss_plot.set_smoothing(bad)


def test_a_million_points_append_and_redraw_downsampled(loss_plot, qtbot):
    count = 1_000_000
    iteration = np.arange(1, count + 1)
    losses = 0.5 + 0.1 * np.sin(iteration / 1000.0)
    loss_plot.reset(100)
    loss_plot.set_smoothing(0.9)
    for start in range(0, count, 250_000):
        part = slice(start, start + 250_000)
        loss_plot.append_batches(losses[part], (iteration[part] - 1) // 100 + 1, iteration[part] * 1e-3)
    loss_plot.redraw_now()
    image = loss_plot.grab()
    assert not image.isNull()
    assert loss_plot.point_count() == count
    assert len(loss_plot.loss_curve().getOriginalDataset()[0]) == count
    # What reaches the painter is reduced to a few points per pixel column: downsampling really is on.
    displayed_x, _ = loss_plot.loss_curve().getData()
    assert len(displayed_x) < 20 * loss_plot.width()
    assert loss_plot.loss_curve().opts["autoDownsample"] and loss_plot.loss_curve().opts["clipToView"]


def overlay(label, count, ipe, slope):
    iteration = np.arange(1, count + 1, dtype=float)
    return label, iteration, iteration / ipe, iteration * 0.01, 0.7 - slope * iteration


def test_overlays_get_one_curve_and_legend_entry_each_and_follow_the_x_mode(loss_plot, fake_run):
    feed(loss_plot, fake_run)
    loss_plot.set_overlays([overlay("0 workers", 50, 10, 0.001), overlay("2 workers", 60, 10, 0.002),
                            overlay("4 workers", 70, 10, 0.003)])
    curves = loss_plot.overlay_curves()
    assert len(curves) == 3
    assert all(curve in loss_plot.getPlotItem().listDataItems() for curve in curves)
    assert legend_names(loss_plot)[-3:] == ["0 workers", "2 workers", "4 workers"]
    colours = {curve.opts["pen"].color().name() for curve in curves}
    live = {loss_plot.loss_curve().opts["pen"].color().name(), loss_plot.epoch_curve().opts["pen"].color().name()}
    assert len(colours) == 3 and not colours & live

    loss_plot.set_x_mode("epoch")
    np.testing.assert_allclose(curves[1].getOriginalDataset()[0], np.arange(1, 61) / 10)
    loss_plot.set_x_mode("time")
    np.testing.assert_allclose(curves[2].getOriginalDataset()[0], np.arange(1, 71) * 0.01)

    loss_plot.reset(fake_run.iterations_per_epoch)  # a new live run keeps the runs to compare with
    assert len(loss_plot.overlay_curves()) == 3
    loss_plot.clear_overlays()
    assert loss_plot.overlay_curves() == []
    assert not set(curves) & set(loss_plot.getPlotItem().listDataItems())
    assert legend_names(loss_plot) == ["Loss per iteration"]


def test_overlay_with_mismatched_lengths_is_refused(loss_plot):
    with pytest.raises(ValueError, match="same length"):
        loss_plot.set_overlays([("bad", np.arange(3), np.arange(3), np.arange(2), np.arange(3))])


def test_clear_forgets_live_data_and_overlays(loss_plot, fake_run):
    feed(loss_plot, fake_run)
    loss_plot.append_epoch(1, 0.6)
    loss_plot.set_overlays([overlay("old", 10, 5, 0.01)])
    loss_plot.clear()
    assert loss_plot.point_count() == 0
    assert loss_plot.loss_curve().getOriginalDataset() == (None, None)
    assert loss_plot.epoch_curve().getOriginalDataset() == (None, None)
    assert loss_plot.overlay_curves() == []
    assert loss_plot.iterations_per_epoch() == fake_run.iterations_per_epoch


def test_set_line_width_and_theme_restyle_every_curve(loss_plot, fake_run):
    from diabetes_trainer.gui.plots.theme import DARK, LIGHT

    feed(loss_plot, fake_run)
    loss_plot.set_overlays([overlay("old", 10, 5, 0.01)])
    loss_plot.set_line_width(5)
    for curve in (loss_plot.epoch_curve(), *loss_plot.overlay_curves()):
        assert curve.opts["pen"].widthF() == 5
    assert loss_plot.loss_curve().opts["pen"].widthF() == 2.5  # the dense per-iteration curve: half as wide
    loss_plot.set_theme(DARK.scaled(1.5))
    assert loss_plot.line_width == DARK.line_width * 1.5
    assert loss_plot.loss_curve().opts["pen"].color().name().upper() == DARK.palette[0]
    assert loss_plot.backgroundBrush().color().name().upper() == DARK.background.upper()
    assert loss_plot.getPlotItem().getAxis("left").style["tickFont"].pointSizeF() == pytest.approx(15.0)
    loss_plot.set_theme(LIGHT)
    assert loss_plot.loss_curve().opts["pen"].color().name().upper() == LIGHT.palette[0]


def test_grab_shows_the_loss_colour(loss_plot, fake_run):
    from PySide6.QtGui import QColor

    from diabetes_trainer.gui.plots.theme import LIGHT

    feed(loss_plot, fake_run)
    loss_plot.redraw_now()
    image = loss_plot.grab().toImage()
    wanted = QColor(LIGHT.palette[0]).rgb()
    hits = sum(image.pixel(x, y) == wanted for x in range(0, image.width(), 2) for y in range(0, image.height(), 2))
    assert hits > 100


def test_themes_use_okabe_ito_and_scale_for_presentations():
    from PySide6.QtGui import QColor

    from diabetes_trainer.gui.plots.theme import DARK, LIGHT

    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(LIGHT.palette) == okabe_ito
    assert LIGHT.background == "#FFFFFF" and LIGHT.foreground == "#000000"
    big = LIGHT.scaled(2)
    assert (big.line_width, big.font_point_size, big.symbol_size) == (4.0, 20.0, 16.0)
    assert big.palette == LIGHT.palette
    assert DARK.color(len(DARK.palette)) == DARK.color(0)  # cycles
    muted = LIGHT.muted_color(0, 0.5)
    assert muted.alpha() == 255
    assert muted.lightness() > QColor(LIGHT.palette[0]).lightness()
    with pytest.raises(ValueError):
        LIGHT.scaled(0)
