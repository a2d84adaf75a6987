# SPDX-License-Identifier: GPL-2.0-only
"""Parameter sweeps of the tcp-fast-open examples: one example process per
(parameters, run), on a Dask cluster (a LocalCluster on every core by default,
or a running scheduler), with a resumable Parquet store, aggregation to means
and 95 % confidence intervals, and gnuplot figures with error bars.

Command line: ``tcp-fast-open-sweep --help``; the doc: doc/sweeps.rst.

The names below are imported on first use (PEP 562), so that the command
line starts its first task before it pays for pyarrow and scipy.
"""

import importlib

_WHERE = {"SweepSpec": "spec", "Task": "spec", "SpecError": "spec", "expand_params": "spec",
          "ResultStore": "store", "run_task": "worker", "TaskFailed": "worker",
          "summarize": "aggregate", "write_summary": "aggregate", "write_figures": "aggregate"}

__all__ = list(_WHERE)


def __getattr__(name):
    """The public name from its module, imported now."""
    if name not in _WHERE:
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    return getattr(importlib.import_module("." + _WHERE[name], __name__), name)
