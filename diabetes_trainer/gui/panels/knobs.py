"""The knobs: data file, the tutorial's training knobs, presets, the DataLoader's deeper options, the simulator."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.config import (
    TrainConfig,
    available_start_methods,
    iterations_per_epoch,
    validation_rows,
)
from ...core.knobs import MAX_BATCH, limits
from ..widgets import named
from .data_options import DataOptionsPanel, clean_path_text

NO_SEED = -1
NEVER = -1
PRESET_MINI_BATCH = 32


def _whole_range(field: str) -> tuple[int, int]:
    """A spin box's range: core/knobs.py's limits, which TrainConfig.validate and the CLI keep too."""
    low, high = limits(field)
    return int(low), int(high)


class KnobsPanel(QWidget):
    dataPathSubmitted = Signal(str)  # Enter in the path field
    browseRequested = Signal()
    knobsChanged = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._data_group())
        layout.addWidget(self._training_group())
        layout.addWidget(self._loader_group())
        layout.addWidget(self._simulator_group())
        layout.addStretch(1)
        for signal in (self.epochsSpin.valueChanged, self.batchSizeSpin.valueChanged,
                       self.valFractionSpin.valueChanged, self.numWorkersSpin.valueChanged):
            signal.connect(self._update_derived)
        self.numWorkersSpin.valueChanged.connect(self._update_worker_options)
        for signal in (self.batchSizeSpin.valueChanged, self.valFractionSpin.valueChanged):
            signal.connect(self._show_active_preset)
        for widget in [*self.findChildren(QSpinBox), *self.findChildren(QDoubleSpinBox)]:
            widget.valueChanged.connect(self.knobsChanged)
        for widget in self.findChildren(QCheckBox):
            widget.toggled.connect(self.knobsChanged)
        for widget in self.findChildren(QComboBox):
            widget.currentIndexChanged.connect(self.knobsChanged)
        self.set_devices(cuda=False, mps=False)
        self._update_worker_options()
        self._update_derived()
        self._show_active_preset()

    # -- building ----------------------------------------------------------------------------------------------
    def _data_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Data"))
        layout = QVBoxLayout(box)
        row = QHBoxLayout()
        self.dataPathEdit = named(QLineEdit(), "dataPathEdit", self.tr("Data file path"), self.tr(
            "A CSV or CSV.GZ table: feature columns, then a 0/1 label. Type a path and press Enter, use Browse, "
            "or drop a file on the window. Empty: the bundled synthetic sample."))
        self.dataPathEdit.setPlaceholderText(self.tr("bundled synthetic sample (press Enter to load)"))
        self.dataPathEdit.returnPressed.connect(
            lambda: self.dataPathSubmitted.emit(clean_path_text(self.dataPathEdit.text())))
        self.browseButton = named(QPushButton(self.tr("Browse…")), "browseButton", self.tr("Browse for a data file"),
                                  self.tr("Choose a CSV or CSV.GZ table on this computer (Ctrl+O)."))
        self.browseButton.clicked.connect(self.browseRequested)
        row.addWidget(self.dataPathEdit, 1)
        row.addWidget(self.browseButton)
        layout.addLayout(row)
        self.dataSummaryLabel = named(QLabel(self.tr("No data loaded yet.")), "dataSummaryLabel",
                                      self.tr("Data summary"))
        self.dataSummaryLabel.setWordWrap(True)
        self.dataSummaryLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.dataSummaryLabel)
        self.dataOptions = DataOptionsPanel()
        layout.addWidget(self.dataOptions)
        return box

    def _training_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Training"))
        form = QFormLayout(box)
        presets = QHBoxLayout()
        self.presetBatchButton = self._preset_button(
            "presetBatchButton", self.tr("Batch"),
            self.tr("Batch: every row in one batch (batch size = all rows). One step per epoch; fast vector maths."),
            lambda: self._rows or MAX_BATCH)
        self.presetStochasticButton = self._preset_button(
            "presetStochasticButton", self.tr("Stochastic"),
            self.tr("Stochastic gradient descent: one row per step (batch size 1). Helps escape saddle points "
                    "but takes the longest."), lambda: 1)
        self.presetMiniBatchButton = self._preset_button(
            "presetMiniBatchButton", self.tr("Mini-batch"),
            self.tr("Mini-batch: 32 rows per step, the usual balance between speed and quality."),
            lambda: PRESET_MINI_BATCH)
        for button in (self.presetBatchButton, self.presetStochasticButton, self.presetMiniBatchButton):
            presets.addWidget(button)
        form.addRow(self.tr("Preset:"), presets)

        self.epochsSpin = named(QSpinBox(), "epochsSpin", self.tr("Epochs"), self.tr(
            "Epoch: one forward and backward pass over all training rows. The outer loop runs this many times."))
        self.epochsSpin.setRange(*_whole_range("epochs"))
        self.batchSizeSpin = named(QSpinBox(), "batchSizeSpin", self.tr("Batch size"), self.tr(
            "Batch size: rows per training step. Iterations per epoch = ceil(rows / batch size)."))
        self.batchSizeSpin.setRange(*_whole_range("batch_size"))
        self.shuffleCheck = named(QCheckBox(self.tr("Shuffle rows every epoch")), "shuffleCheck",
                                  self.tr("Shuffle"), self.tr("shuffle=True: the DataLoader draws the rows in a new "
                                                              "random order every epoch, then cuts them into batches."))
        self.numWorkersSpin = named(QSpinBox(), "numWorkersSpin", self.tr("Number of workers"), self.tr(
            "num_workers: DataLoader worker processes that load batches in parallel. 0 loads in the training "
            "process itself, the fastest on small in-memory data; each worker adds start-up time and memory."))
        self.numWorkersSpin.setRange(*_whole_range("num_workers"))
        self.lrSpin = named(QDoubleSpinBox(), "lrSpin", self.tr("Learning rate"), self.tr(
            "lr: the SGD step size. Too small learns slowly; too large jumps around."))
        self.lrSpin.setDecimals(5)
        self.lrSpin.setRange(*limits("lr"))
        self.lrSpin.setSingleStep(0.005)
        self.seedSpin = named(QSpinBox(), "seedSpin", self.tr("Random seed"), self.tr(
            "torch.manual_seed before building the model. 'no seed' gives a different start each run; the same "
            "seed and knobs reproduce the tutorial script's losses exactly."))
        self.seedSpin.setRange(NO_SEED, _whole_range("seed")[1])
        self.seedSpin.setSpecialValueText(self.tr("no seed"))
        self.valFractionSpin = named(QSpinBox(), "valFractionSpin", self.tr("Validation share"), self.tr(
            "Hold this share of rows out to draw a validation loss and accuracy curve (0 %: none, as in the "
            "tutorial)."))
        self.valFractionSpin.setRange(0, round(limits("val_fraction")[1] * 100))
        self.valFractionSpin.setSuffix(" %")
        form.addRow(self.tr("Epochs:"), self.epochsSpin)
        form.addRow(self.tr("Batch size:"), self.batchSizeSpin)
        form.addRow("", self.shuffleCheck)
        form.addRow(self.tr("num_workers:"), self.numWorkersSpin)
        form.addRow(self.tr("Learning rate:"), self.lrSpin)
        form.addRow(self.tr("Seed:"), self.seedSpin)
        form.addRow(self.tr("Validation:"), self.valFractionSpin)
        self.derivedLabel = named(QLabel(), "derivedLabel", self.tr("Iterations per epoch and in total"))
        self.derivedLabel.setWordWrap(True)
        form.addRow(self.derivedLabel)
        return box

    def _preset_button(self, name: str, text: str, tooltip: str, batch_size) -> QToolButton:
        button = named(QToolButton(), name, text, tooltip)
        button.setText(text)
        button.setCheckable(True)  # checked while the batch size is this preset's (_show_active_preset)
        button.clicked.connect(lambda: self._apply_preset(batch_size))
        return button

    def _apply_preset(self, batch_size) -> None:
        self.batchSizeSpin.setValue(min(MAX_BATCH, int(batch_size())))
        self._show_active_preset()  # also when the value was already there: a click must not uncheck it

    def _show_active_preset(self) -> None:
        """At most one preset checked: the one whose regime the batch size is in (none for, say, 64)."""
        batch = self.batchSizeSpin.value()
        if self._rows:
            training_rows = self._rows - validation_rows(self._rows, self.valFractionSpin.value() / 100.0)
            whole_table = batch >= training_rows
        else:
            whole_table = batch == MAX_BATCH
        active = {self.presetBatchButton: whole_table,
                  self.presetStochasticButton: batch == 1 and not whole_table,
                  self.presetMiniBatchButton: batch == PRESET_MINI_BATCH and not whole_table}
        for button, on in active.items():
            button.setChecked(on)

    def _loader_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("DataLoader options"))
        form = QFormLayout(box)
        self.persistentCheck = named(QCheckBox(self.tr("Keep workers between epochs")), "persistentCheck",
                                     self.tr("Persistent workers"), self.tr(
                                         "persistent_workers=True: start the workers once instead of every epoch. "
                                         "Saves the start-up cost each epoch; needs num_workers > 0."))
        self.batchedFetchCheck = named(QCheckBox(self.tr("Fetch whole batches at once")), "batchedFetchCheck",
                                       self.tr("Fetch whole batches at once"), self.tr(
                                           "A batch sampler: the dataset is indexed once per batch with the batch's "
                                           "rows, instead of once per row followed by collate. Same losses."))
        self.prefetchSpin = named(QSpinBox(), "prefetchSpin", self.tr("Prefetch factor"), self.tr(
            "prefetch_factor: batches each worker prepares ahead (torch's default: 2). Needs num_workers > 0."))
        self.prefetchSpin.setRange(0, _whole_range("prefetch_factor")[1])  # 0: torch's default
        self.prefetchSpin.setSpecialValueText(self.tr("default (2)"))
        self.startMethodCombo = named(QComboBox(), "startMethodCombo", self.tr("Worker start method"), self.tr(
            "How worker processes start: fork copies this process (Linux, fast); spawn starts a fresh Python that "
            "imports torch again (Windows and macOS, slow); forkserver forks from a clean server process."))
        self.startMethodCombo.addItem(self.tr("platform default"), None)
        for method in available_start_methods():
            self.startMethodCombo.addItem(method, method)
        self.pinMemoryCheck = named(QCheckBox(self.tr("Pin memory")), "pinMemoryCheck", self.tr("Pin memory"),
                                    self.tr("pin_memory=True: page-locked batches for faster copies to a CUDA GPU. "
                                            "Only available with a CUDA GPU."))
        self.deviceCombo = named(QComboBox(), "deviceCombo", self.tr("Device"), self.tr(
            "Where the model trains. CUDA and Apple MPS are offered only when the machine has them."))
        for label, device in ((self.tr("CPU"), "cpu"), (self.tr("CUDA GPU"), "cuda"), (self.tr("Apple MPS"), "mps")):
            self.deviceCombo.addItem(label, device)
        form.addRow("", self.persistentCheck)
        form.addRow("", self.batchedFetchCheck)
        form.addRow(self.tr("Prefetch factor:"), self.prefetchSpin)
        form.addRow(self.tr("Start method:"), self.startMethodCombo)
        form.addRow(self.tr("Device:"), self.deviceCombo)
        form.addRow("", self.pinMemoryCheck)
        return box

    def _simulator_group(self) -> QGroupBox:
        box = QGroupBox(self.tr("Slow loading simulator"))
        form = QFormLayout(box)
        self.sampleDelaySpin = named(QDoubleSpinBox(), "sampleDelaySpin", self.tr("I/O delay per sample"), self.tr(
            "Sleep this long in __getitem__ for every sample, like reading from a slow disk or network. "
            "I/O-bound loading gains from workers even beyond the number of cores."))
        self.sampleCpuSpin = named(QDoubleSpinBox(), "sampleCpuSpin", self.tr("CPU work per sample"), self.tr(
            "Busy computation in __getitem__ for every sample, like heavy preprocessing. CPU-bound loading gains "
            "from workers only up to the number of cores."))
        for spin in (self.sampleDelaySpin, self.sampleCpuSpin):
            spin.setRange(*limits("sample_delay_ms"))
            spin.setDecimals(2)
            spin.setSingleStep(0.5)
            spin.setSuffix(self.tr(" ms"))
        self.failAtRowSpin = named(QSpinBox(), "failAtRowSpin", self.tr("Fail at row"), self.tr(
            "Raise an error in __getitem__ when this row is loaded, to see how a broken sample or a failing worker "
            "is reported. 'never' for normal runs."))
        self.failAtRowSpin.setRange(NEVER, _whole_range("fail_at_row")[1])
        self.failAtRowSpin.setSpecialValueText(self.tr("never"))
        form.addRow(self.tr("I/O delay:"), self.sampleDelaySpin)
        form.addRow(self.tr("CPU work:"), self.sampleCpuSpin)
        form.addRow(self.tr("Fail at row:"), self.failAtRowSpin)
        return box

    # -- values --------------------------------------------------------------------------------------------------
    def config(self) -> TrainConfig:
        """The knobs as a TrainConfig (not yet validated: validation names the wrong knob)."""
        workers = self.numWorkersSpin.value()
        path = clean_path_text(self.dataPathEdit.text())
        return TrainConfig(
            data_path=path or None,
            epochs=self.epochsSpin.value(),
            batch_size=self.batchSizeSpin.value(),
            shuffle=self.shuffleCheck.isChecked(),
            num_workers=workers,
            lr=self.lrSpin.value(),
            seed=None if self.seedSpin.value() == NO_SEED else self.seedSpin.value(),
            persistent_workers=workers > 0 and self.persistentCheck.isChecked(),
            batched_fetch=self.batchedFetchCheck.isChecked(),
            prefetch_factor=(self.prefetchSpin.value() or None) if workers > 0 else None,
            start_method=self.startMethodCombo.currentData(),
            pin_memory=self.pinMemoryCheck.isEnabled() and self.pinMemoryCheck.isChecked(),
            device=self.deviceCombo.currentData(),
            sample_delay_ms=self.sampleDelaySpin.value(),
            sample_cpu_ms=self.sampleCpuSpin.value(),
            fail_at_row=None if self.failAtRowSpin.value() == NEVER else self.failAtRowSpin.value(),
            val_fraction=self.valFractionSpin.value() / 100.0,
            **self.dataOptions.values(),
        )

    def set_config(self, config: TrainConfig) -> None:
        self.dataPathEdit.setText(config.data_path or "")
        self.epochsSpin.setValue(config.epochs)
        self.batchSizeSpin.setValue(min(config.batch_size, MAX_BATCH))
        self.shuffleCheck.setChecked(config.shuffle)
        self.numWorkersSpin.setValue(config.num_workers)
        self.lrSpin.setValue(config.lr)
        self.seedSpin.setValue(NO_SEED if config.seed is None else min(config.seed, self.seedSpin.maximum()))
        self.persistentCheck.setChecked(config.persistent_workers)
        self.batchedFetchCheck.setChecked(config.batched_fetch)
        self.prefetchSpin.setValue(config.prefetch_factor or 0)
        index = self.startMethodCombo.findData(config.start_method)
        self.startMethodCombo.setCurrentIndex(max(0, index))
        self.pinMemoryCheck.setChecked(config.pin_memory)
        self.deviceCombo.setCurrentIndex(max(0, self.deviceCombo.findData(config.device)))
        self.sampleDelaySpin.setValue(config.sample_delay_ms)
        self.sampleCpuSpin.setValue(config.sample_cpu_ms)
        self.failAtRowSpin.setValue(NEVER if config.fail_at_row is None else config.fail_at_row)
        self.valFractionSpin.setValue(round(config.val_fraction * 100))
        self.dataOptions.set_values(config.target, config.positive, config.ignore, config.drop_missing,
                                    config.standardize)

    def set_data_rows(self, rows: int | None) -> None:
        self._rows = rows
        self._update_derived()
        self._show_active_preset()

    def set_devices(self, cuda: bool, mps: bool) -> None:
        """Grey out the devices this machine lacks (known once the warm training process reports)."""
        model = self.deviceCombo.model()
        for device, present in (("cuda", cuda), ("mps", mps)):
            item = model.item(self.deviceCombo.findData(device))
            item.setEnabled(present)
            if not present:
                item.setToolTip(self.tr("Not available on this machine"))
        if not {"cuda": cuda, "mps": mps}.get(self.deviceCombo.currentData(), True):
            self.deviceCombo.setCurrentIndex(self.deviceCombo.findData("cpu"))
        self.pinMemoryCheck.setEnabled(cuda)
        if not cuda:
            self.pinMemoryCheck.setChecked(False)

    def set_running(self, running: bool) -> None:
        for group in self.findChildren(QGroupBox):
            group.setEnabled(not running)

    def _update_worker_options(self) -> None:
        has_workers = self.numWorkersSpin.value() > 0
        for widget in (self.persistentCheck, self.prefetchSpin, self.startMethodCombo):
            widget.setEnabled(has_workers)

    def _update_derived(self) -> None:
        if not self._rows:
            self.derivedLabel.setText(self.tr("Load data to see iterations per epoch."))
            return
        batch = self.batchSizeSpin.value()
        val_share = self.valFractionSpin.value() / 100.0
        per_epoch = iterations_per_epoch(self._rows, batch, val_share)
        train_rows = self._rows - validation_rows(self._rows, val_share)
        total = per_epoch * self.epochsSpin.value()
        lines = [self.tr(
            "{rows} rows ÷ batch size {batch} → {per_epoch} iterations per epoch × {epochs} epochs = {total} "
            "iterations").format(rows=train_rows, batch=batch, per_epoch=per_epoch, epochs=self.epochsSpin.value(),
                                  total=total)]
        if batch > train_rows:
            lines.append(self.tr("The batch size is larger than the {rows} training rows: every epoch is a single "
                                 "batch of all rows (the tutorial's 'Batch' regime).").format(rows=train_rows))
        workers, cores = self.numWorkersSpin.value(), os.cpu_count() or 1
        if workers > 2 * cores:
            lines.append(self.tr("{workers} workers on {cores} cores: each worker is a process that must start and "
                                 "hold memory; expect a slow start and no speed-up unless loading waits on I/O.")
                         .format(workers=workers, cores=cores))
        self.derivedLabel.setText("\n".join(lines))
