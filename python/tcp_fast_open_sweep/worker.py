# SPDX-License-Identifier: GPL-2.0-only
"""One task on a worker: the example process in a directory of its own, with
a timeout; its records, or a TaskFailed that carries the tail of its stderr."""

import csv
import os
import signal
import socket
import subprocess
import time

#: Lines of stderr a failure report keeps.
TAIL_LINES = 20


class TaskFailed(RuntimeError):
    """The process failed: a message with the exit status or signal and the
    tail of its stderr (picklable: Dask sends it from the worker)."""


def _tail(text, lines=TAIL_LINES):
    return "\n".join(text.rstrip("\n").splitlines()[-lines:])


def run_task(task, work_root, expect_records=True):
    """Run one task in work_root/<key hash>/ and return
    {"key", "records": [row dict, ...], "elapsed", "host"}.
    Raises TaskFailed on a timeout, a non-zero exit, a signal, or missing records."""
    directory = os.path.join(work_root, task.key_hash())
    os.makedirs(directory, exist_ok=True)
    records_path = os.path.join(directory, "records.csv")
    if os.path.exists(records_path):
        os.remove(records_path)  # from an earlier, failed attempt
    start = time.monotonic()
    try:
        proc = subprocess.run(task.args(), cwd=directory, capture_output=True, text=True,
                              timeout=task.timeout, start_new_session=True)
    except subprocess.TimeoutExpired as e:
        err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
        raise TaskFailed("timed out after %g s: %s\n%s" % (task.timeout, task.key(), _tail(err))) from None
    except OSError as e:
        raise TaskFailed("cannot start %s: %s" % (task.program, e.strerror)) from None
    elapsed = time.monotonic() - start
    with open(os.path.join(directory, "stderr.txt"), "w") as f:
        f.write(proc.stderr)
    if proc.returncode != 0:
        how = ("killed by signal %s" % signal.Signals(-proc.returncode).name
               if proc.returncode < 0 else "exit status %d" % proc.returncode)
        raise TaskFailed("%s: %s\n%s" % (how, task.key(), _tail(proc.stderr)))
    records = []
    if expect_records:
        try:
            with open(records_path, newline="") as f:
                records = list(csv.DictReader(f))
        except OSError:
            raise TaskFailed("wrote no records.csv: %s\n%s" % (task.key(), _tail(proc.stderr))) from None
        if not records:
            raise TaskFailed("records.csv is empty: %s\n%s" % (task.key(), _tail(proc.stderr)))
    return {"key": task.key(), "records": records, "elapsed": elapsed, "host": socket.gethostname()}
