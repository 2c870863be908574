"""The per-batch stall timeline and its storage (RingBuffer2D)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from diabetes_trainer.gui.buffers import RingBuffer2D  # noqa: E402

# ----- storage, without Qt -----


def test_ring_buffer_keeps_the_latest_rows_oldest_first():
    ring = RingBuffer2D(capacity=3, columns=2)
    for value in range(5):
        ring.push([value, 10 * value])
    assert len(ring) == 3
    np.testing.assert_array_equal(ring.view(), [[2, 20], [3, 30], [4, 40]])


def test_ring_buffer_view_is_contiguous_without_copying():
    ring = RingBuffer2D(capacity=4, columns=1)
    ring.extend(np.arange(6, dtype=float).reshape(-1, 1))
    view = ring.view()
    assert view.base is not None and not view.flags.owndata
    assert not view.flags.writeable
    np.testing.assert_array_equal(view[:, 0], [2, 3, 4, 5])


def test_ring_buffer_refuses_rows_of_the_wrong_width():
    ring = RingBuffer2D(capacity=4, columns=3)
    with pytest.raises(ValueError, match=r"shape \(n, 3\)"):
        ring.extend(np.zeros((2, 2)))


def test_ring_buffer_clear_starts_over():
    ring = RingBuffer2D(capacity=2, columns=1)
    ring.extend(np.ones((5, 1)))
    ring.clear()
    assert len(ring) == 0 and ring.view().shape == (0, 1)
    ring.push([7])
    assert ring.view().tolist() == [[7]]


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 9), st.lists(st.integers(0, 25), max_size=12))
def test_ring_buffer_matches_the_tail_of_everything_pushed(capacity, chunk_sizes):
    ring = RingBuffer2D(capacity=capacity, columns=2)
    pushed, next_value = [], 0
    for size in chunk_sizes:
        rows = np.arange(next_value, next_value + 2 * size, dtype=float).reshape(-1, 2)
        next_value += 2 * size
        if size == 1:
            ring.push(rows[0])
        else:
            ring.extend(rows)
        pushed.extend(rows.tolist())
    assert ring.view().tolist() == pushed[-capacity:] if pushed else ring.view().shape == (0, 2)


# ----- the plot -----

def test_stall_plot_is_named_and_labelled(stall_plot):
    assert stall_plot.objectName() == "stallPlot"
    assert stall_plot.accessibleName() == "Stall timeline"
    assert stall_plot.getPlotItem().getAxis("left").labelText == "Time (ms)"
    assert stall_plot.window() == 200


def test_bars_stack_waiting_on_top_of_computing_in_milliseconds(stall_plot):
    stall_plot.append(np.array([0.010, 0.0, 0.002]), np.array([0.004, 0.005, 0.003]))
    stall_plot.redraw_now()
    compute, wait = stall_plot.compute_bars().opts, stall_plot.wait_bars().opts
    np.testing.assert_array_equal(compute["x"], [1, 2, 3])
    np.testing.assert_allclose(compute["height"], [4, 5, 3])
    np.testing.assert_allclose(wait["y0"], [4, 5, 3])
    np.testing.assert_allclose(wait["height"], [10, 0, 2])
    assert [label.text for _s, label in stall_plot.getPlotItem().legend.items] == ["Waiting", "Computing"]


def test_only_the_latest_window_of_batches_is_drawn(stall_plot, fake_run):
    for start in range(0, len(fake_run), 50):
        stall_plot.append(fake_run.wait_s[start:start + 50], fake_run.compute_s[start:start + 50])
    stall_plot.redraw_now()
    total = len(fake_run)
    assert stall_plot.batch_count() == total
    np.testing.assert_array_equal(stall_plot.visible_iterations(), np.arange(total - 199, total + 1))
    np.testing.assert_allclose(stall_plot.compute_bars().opts["height"], fake_run.compute_s[-200:] * 1000)
    x_range = stall_plot.getPlotItem().getViewBox().viewRange()[0]
    assert x_range == pytest.approx([total - 199.5, total + 0.5])

    stall_plot.set_window(30)
    np.testing.assert_array_equal(stall_plot.visible_iterations(), np.arange(total - 29, total + 1))
    stall_plot.set_window(1000)  # more than there are: all of them
    np.testing.assert_array_equal(stall_plot.visible_iterations(), np.arange(1, total + 1))


def test_window_outside_1_to_max_is_refused(stall_plot):
    from diabetes_trainer.gui.plots.stall_plot import MAX_WINDOW

    for bad in (0, MAX_WINDOW + 1):
        with pytest.raises(ValueError, match="window"):
            stall_plot.set_window(bad)


def test_appending_redraws_at_once_then_at_most_once_per_interval(stall_plot, qtbot):
    stall_plot.append(np.full(5, 0.001), np.full(5, 0.002))
    assert not stall_plot.is_dirty() and len(stall_plot.compute_bars().opts["x"]) == 5
    stall_plot.append(np.full(3, 0.001), np.full(3, 0.002))
    assert stall_plot.is_dirty() and len(stall_plot.visible_iterations()) == 8
    qtbot.waitUntil(lambda: len(stall_plot.compute_bars().opts["x"]) == 8, timeout=2000)


def test_append_refuses_arrays_of_different_lengths(stall_plot):
    with pytest.raises(ValueError, match="same length"):
        stall_plot.append(np.ones(3), np.ones(4))


def test_stalls_in_the_window_are_marked_and_the_pattern_is_named(stall_plot, make_run):
    run = make_run(epochs=20, stall_every=4)  # 480 batches, every 4th waits 20 ms
    stall_plot.append(run.wait_s, run.compute_s, run.epochs)
    stall_indices = np.flatnonzero(run.wait_s > 0.01)  # 0-based: iterations 4, 8, ...
    stall_plot.set_stalls(stall_indices, period=4, label="")
    visible = stall_plot.visible_iterations()
    expected = [i + 1 for i in stall_indices if visible[0] <= i + 1 <= visible[-1]]
    assert stall_plot.highlighted_iterations().tolist() == expected
    assert len(expected) == 50
    assert stall_plot.caption() == "Stall every 4 batches"
    # The caption leads the legend row, keyed by the stall marker; no title above it.
    sample, label = stall_plot.getPlotItem().legend.items[0]
    assert (sample.item, label.text) == (stall_plot.stall_markers(), "Stall every 4 batches")
    assert not stall_plot.getPlotItem().titleLabel.isVisible()
    # Markers sit above their bars.
    marker_y = stall_plot.stall_markers().getData()[1]
    assert np.all(marker_y > (run.wait_s + run.compute_s)[np.array(expected) - 1] * 1000)


def test_stall_captions_given_or_made_up(stall_plot):
    stall_plot.append(np.full(10, 0.001), np.full(10, 0.001))
    stall_plot.set_stalls(np.array([2, 5]), period=None, label="Loader stalls at epoch start")
    assert stall_plot.caption() == "Loader stalls at epoch start"
    stall_plot.set_stalls(np.array([2, 5]), period=None)
    assert stall_plot.caption() == "2 stalled batches"
    stall_plot.set_stalls(np.array([5]), period=None)
    assert stall_plot.caption() == "1 stalled batch"
    stall_plot.set_stalls(np.arange(10), period=1)
    assert stall_plot.caption() == "Every batch stalls"
    stall_plot.set_stalls(np.empty(0, dtype=int), period=None)
    assert stall_plot.caption() == ""
    assert [label.text for _s, label in stall_plot.getPlotItem().legend.items] == ["Waiting", "Computing"]
    assert stall_plot.highlighted_iterations().size == 0


def test_stalls_outside_the_window_are_not_marked(stall_plot):
    stall_plot.append(np.full(300, 0.001), np.full(300, 0.001))
    stall_plot.set_stalls(np.array([3, 150, 299]), period=None)
    assert stall_plot.highlighted_iterations().tolist() == [151, 300]


def test_epoch_boundaries_are_drawn_between_epochs(stall_plot, make_run):
    run = make_run(epochs=5, iterations_per_epoch=24)
    stall_plot.append(run.wait_s, run.compute_s, run.epochs)
    stall_plot.redraw_now()
    assert stall_plot.epoch_boundaries() == [24.5, 48.5, 72.5, 96.5]
    stall_plot.set_window(40)  # batches 81..120: only the boundary after 96 is in view
    assert stall_plot.epoch_boundaries() == [96.5]


def test_epoch_lines_are_left_out_when_epochs_are_a_few_batches_each(stall_plot):
    stall_plot.append(np.full(200, 0.001), np.full(200, 0.001), np.arange(200) // 2 + 1)  # 2 batches per epoch
    stall_plot.redraw_now()
    assert stall_plot.epoch_boundaries() == []
    stall_plot.append(np.full(4, 0.001), np.full(4, 0.001))  # epochs not given: no line where they go missing
    stall_plot.set_window(10)
    assert stall_plot.epoch_boundaries() == [196.5, 198.5]  # batches 195..204: epochs 98, 99, 100, none


def test_reset_forgets_batches_and_stalls(stall_plot):
    stall_plot.append(np.full(10, 0.002), np.full(10, 0.001), np.ones(10))
    stall_plot.set_stalls(np.array([1]), period=None)
    stall_plot.reset()
    assert stall_plot.batch_count() == 0
    assert stall_plot.visible_iterations().size == 0
    assert stall_plot.highlighted_iterations().size == 0
    assert stall_plot.caption() == ""
    stall_plot.append(np.full(2, 0.002), np.full(2, 0.001))
    assert stall_plot.visible_iterations().tolist() == [1, 2]


def test_panning_stops_following_and_auto_range_resumes_it(stall_plot):
    stall_plot.append(np.full(300, 0.001), np.full(300, 0.001))
    stall_plot.redraw_now()
    view_box = stall_plot.getPlotItem().getViewBox()
    view_box.setXRange(10, 50, padding=0)
    view_box.sigRangeChangedManually.emit(view_box.state["mouseEnabled"])  # what a mouse drag emits
    stall_plot.append(np.full(10, 0.001), np.full(10, 0.001))
    stall_plot.redraw_now()
    assert view_box.viewRange()[0] == pytest.approx([10, 50])
    stall_plot.getPlotItem().autoBtnClicked()  # the "A" button
    stall_plot.redraw_now()
    assert view_box.viewRange()[0] == pytest.approx([110.5, 310.5])


def test_theme_colours_the_bars(stall_plot):
    from diabetes_trainer.gui.plots.theme import DARK

    stall_plot.set_theme(DARK)
    assert stall_plot.compute_bars().opts["brush"].color().name().upper() == DARK.palette[0]
    assert stall_plot.wait_bars().opts["brush"].color().name().upper() == DARK.palette[1]
    assert stall_plot.backgroundBrush().color().name().upper() == DARK.background.upper()


def test_a_short_run_fills_the_x_range_and_its_epoch_lines_are_labelled(stall_plot, make_run):
    run = make_run(epochs=3, iterations_per_epoch=24)  # 72 iterations, fewer than the 200-batch window
    stall_plot.append(run.wait_s, run.compute_s, run.epochs)
    stall_plot.redraw_now()
    x_range = stall_plot.getPlotItem().getViewBox().viewRange()[0]
    assert x_range == pytest.approx([0.5, 72.5]), "the run's own iterations, not a fixed 0-200"
    assert stall_plot.epoch_boundaries() == [24.5, 48.5]
    assert stall_plot.epoch_labels() == ["Epoch 2", "Epoch 3"]


def test_many_epoch_lines_label_only_every_few(stall_plot):
    stall_plot.append(np.full(200, 0.001), np.full(200, 0.001), np.arange(200) // 5 + 1)  # 40 epochs of 5
    stall_plot.redraw_now()
    labels = stall_plot.epoch_labels()
    assert len(labels) == 39 and 0 < sum(bool(label) for label in labels) <= 10
    assert labels[0] == "Epoch 2"


def test_the_stall_caption_is_a_capitalised_bold_first_entry_of_the_legend(stall_plot):
    stall_plot.set_stalls(np.arange(10), period=1)
    label = stall_plot.getPlotItem().legend.items[0][1]
    assert label.text == "Every batch stalls" and label.opts.get("bold")


def test_a_caption_without_stalls_has_no_sample(stall_plot):
    stall_plot.append(np.full(10, 0.001), np.full(10, 0.001))
    stall_plot.set_stalls(np.empty(0, dtype=int), None, "No periodic stall")
    sample, label = stall_plot.getPlotItem().legend.items[0]
    assert label.text == "No periodic stall"
    assert sample.item is None and sample.boundingRect().width() == 0


@pytest.mark.parametrize(("scale", "size"), [(1.0, (285, 230)), (1.5, (500, 230))],
                         ids=["1024x768", "1024x768-presentation"])
def test_caption_and_legend_leave_most_of_a_small_plot_to_the_bars(stall_plot, qtbot, scale, size):
    from diabetes_trainer.gui.plots.theme import LIGHT

    wait = np.full(100, 0.002)
    wait[40] = 0.500  # one batch off the scale: the fourth entry
    stall_plot.append(wait, np.full(100, 0.001), np.repeat(np.arange(1, 11), 10))
    stall_plot.set_stalls(np.empty(0, dtype=int), None, "No periodic stall")
    stall_plot.set_theme(LIGHT.scaled(scale))
    stall_plot.resize(*size)
    qtbot.wait(50)
    legend = stall_plot.getPlotItem().legend
    assert [label.text for _s, label in legend.items] == ["No periodic stall", "Waiting", "Computing", "Off scale"]
    area = stall_plot.getPlotItem().getViewBox().sceneBoundingRect()
    box = legend.sceneBoundingRect()
    assert box.bottom() <= area.top() + 1
    assert box.height() <= 0.22 * size[1], "at most two short rows"
    assert area.height() >= 0.5 * size[1], (area, size)


def test_one_slow_batch_does_not_set_the_y_axis_and_is_marked(stall_plot):
    wait = np.full(100, 0.002)
    wait[40] = 0.500  # one batch waited half a second: 250 times the others
    stall_plot.append(wait, np.full(100, 0.001))
    stall_plot.redraw_now()
    top = stall_plot.getPlotItem().getViewBox().viewRange()[1][1]
    assert top < 10, f"the y range follows the typical bars (3 ms), not the outlier (501 ms): top {top}"
    assert stall_plot.outlier_iterations().tolist() == [41]
    legend = [label.text for _sample, label in stall_plot.getPlotItem().legend.items]
    assert "Off scale" in legend


def test_bars_of_similar_height_are_all_in_range(stall_plot, fake_run):
    stall_plot.append(fake_run.wait_s, fake_run.compute_s, fake_run.epochs)  # stalls of 20 ms every 4th batch
    stall_plot.redraw_now()
    top = stall_plot.getPlotItem().getViewBox().viewRange()[1][1]
    assert top >= 1000 * float((fake_run.wait_s + fake_run.compute_s)[-200:].max())
    assert stall_plot.outlier_iterations().size == 0


def test_epoch_labels_never_overlap_on_a_narrow_plot(stall_plot, make_run, qtbot):
    stall_plot.resize(300, 250)
    qtbot.wait(20)
    run = make_run(epochs=10, iterations_per_epoch=24)
    stall_plot.append(run.wait_s, run.compute_s, run.epochs)
    stall_plot.redraw_now()
    labelled = [line for line in stall_plot._epoch_lines if line.isVisible() and line.label.format]
    assert 1 <= len(labelled) < len(stall_plot.epoch_boundaries()), "some lines left unlabelled"
    for left, right in zip(labelled, labelled[1:]):
        gap = right.label.sceneBoundingRect().left() - left.label.sceneBoundingRect().right()
        assert gap >= 0, f"{left.label.format} and {right.label.format} overlap"


def test_an_epoch_label_that_would_run_past_the_right_edge_is_left_out(stall_plot, make_run, qtbot):
    stall_plot.resize(285, 230)  # the plot's size in a 1024x768 window
    qtbot.wait(20)
    run = make_run(epochs=3, iterations_per_epoch=24)
    stall_plot.append(run.wait_s[:-21], run.compute_s[:-21], run.epochs[:-21])  # epoch 3 began 3 batches ago
    stall_plot.redraw_now()
    qtbot.wait(20)
    assert stall_plot.epoch_boundaries() == [24.5, 48.5]
    assert stall_plot.epoch_labels() == ["Epoch 2", ""]
    view = stall_plot.getPlotItem().getViewBox().sceneBoundingRect()
    for line in stall_plot._epoch_lines:
        if line.isVisible() and line.label.format:
            assert line.label.sceneBoundingRect().right() <= view.right() + 1, line.label.format
