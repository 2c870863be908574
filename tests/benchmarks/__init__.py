"""The benchmark suite (issue 7): speed and footprint goals measured side by side, A against B in one run.

Not part of the default test run (pyproject's addopts ignore this folder). Run it from the repository's root:

    python -m tests.benchmarks [--quick] [--only NAME ...] [--json FILE]

README.md in this folder explains each benchmark, its goal and how to read the output.
"""

# In the order the runner runs them; each is a module here with ``run(quick: bool) -> dict``.
BENCHMARKS = (
    "engine_vs_reference",
    "first_point",
    "gui_stall",
    "plot_redraw",
    "window_startup",
    "cpu_monitor",
    "record_size",
    "history_list",
    "sweep_wall",
    "table_load",
)
