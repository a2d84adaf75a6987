# SPDX-License-Identifier: GPL-2.0-only
"""Parameter sweeps of the tcp-fast-open examples: one example process per
(parameters, run), on a Dask cluster (a LocalCluster on every core by default,
or a running scheduler), with a resumable Parquet store, aggregation to means
and 95 % confidence intervals, and gnuplot figures with error bars.

Command line: ``tcp-fast-open-sweep --help``; the doc: doc/sweeps.rst.
"""

from .spec import SweepSpec, Task, SpecError, expand_params  # noqa: F401
from .store import ResultStore  # noqa: F401
from .worker import run_task, TaskFailed  # noqa: F401
from .aggregate import summarize, write_summary, write_figures  # noqa: F401

__all__ = ["SweepSpec", "Task", "SpecError", "expand_params", "ResultStore", "run_task",
           "TaskFailed", "summarize", "write_summary", "write_figures"]
