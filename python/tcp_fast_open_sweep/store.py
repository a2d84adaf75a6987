# SPDX-License-Identifier: GPL-2.0-only
"""The result store: one Parquet file per finished task, named by the task's
key, written atomically (a file is there whole or not at all). A sweep that is
interrupted and started again computes only the tasks without a file."""

import json
import os

# pyarrow (and pandas, which pyarrow imports on its first array) is imported
# on first use, not with the module: a sweep starts its first task before it
# pays for them (preload(), or the first put()).

#: Record columns that stay text even when they look like numbers.
TEXT_COLUMNS = ("program", "module_version", "git_commit", "ns3_version")


def preload():
    """Import what put() and rows() use (pyarrow, and pandas when pyarrow
    finds it: its first array imports it), without writing anything. The
    command line calls it on a thread while the first tasks run."""
    import pyarrow as pa
    import pyarrow.parquet  # noqa: F401

    pa.array([0.0], type=pa.float64())


def _column(name, values):
    """A column of numbers when every value is one (measured values, seed,
    run), else of text (versions, and parameters as the command line took them)."""
    import pyarrow as pa

    if name in TEXT_COLUMNS or name.startswith("param."):
        return pa.array([str(v) for v in values], type=pa.string())
    try:
        return pa.array([float(v) for v in values], type=pa.float64())
    except (TypeError, ValueError):
        return pa.array([str(v) for v in values], type=pa.string())


class ResultStore:
    """A directory of <key hash>.parquet files."""

    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)

    def path(self, task):
        return os.path.join(self.directory, task.key_hash() + ".parquet")

    def has(self, task):
        return os.path.exists(self.path(task))

    def put(self, task, result):
        """Store a task's records, with the sweep's own columns: sweep.key,
        sweep.<parameter> (as given), sweep.run, sweep.seed, sweep.elapsed_s, sweep.host."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = result["records"]
        columns = {}
        for name in rows[0]:
            columns[name] = _column(name, [r.get(name, "") for r in rows])
        n = len(rows)
        columns["sweep.key"] = pa.array([task.key()] * n)
        for name, value in task.params:
            columns["sweep." + name] = pa.array([value] * n)
        columns["sweep.run"] = pa.array([task.run] * n, type=pa.int64())
        columns["sweep.seed"] = pa.array([task.seed] * n, type=pa.int64())
        columns["sweep.elapsed_s"] = pa.array([result["elapsed"]] * n, type=pa.float64())
        columns["sweep.host"] = pa.array([result["host"]] * n)
        table = pa.table(columns)
        table = table.replace_schema_metadata({"sweep.params": json.dumps([k for k, _ in task.params])})
        final = self.path(task)
        tmp = final + ".tmp-%d" % os.getpid()
        pq.write_table(table, tmp)
        os.replace(tmp, final)

    def rows(self, tasks):
        """Every stored row of these tasks (dicts), in the tasks' order."""
        import pyarrow.parquet as pq

        out = []
        for task in tasks:
            if self.has(task):
                out.extend(pq.read_table(self.path(task)).to_pylist())
        return out
