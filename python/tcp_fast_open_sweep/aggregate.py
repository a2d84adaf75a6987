# SPDX-License-Identifier: GPL-2.0-only
"""Aggregation across runs: per combination of the sweep's parameters, the
mean of every measured value and its 95 % confidence interval (Student's t,
n - 1 degrees of freedom); a summary CSV and gnuplot figures with error bars."""

import csv
import math
import os
import shutil
import statistics
import subprocess

from .store import TEXT_COLUMNS

#: Record columns that are not measured values.
_NOT_MEASURED = set(TEXT_COLUMNS) | {"seed", "run"}


def measured_columns(rows):
    """The measured values' names, in the records' order."""
    names = []
    for row in rows:
        for name, value in row.items():
            if (name not in names and name not in _NOT_MEASURED and not name.startswith("param.")
                    and not name.startswith("sweep.") and isinstance(value, float)):
                names.append(name)
    return names


def preload():
    """Import what summarize() uses (scipy.special), computing nothing."""
    import scipy.special  # noqa: F401


def _sort_key(value):
    try:
        return (0, float(value), "")
    except ValueError:
        return (1, 0.0, value)


def summarize(rows, params):
    """One dict per combination of params (sorted, numbers as numbers):
    the parameters, n (runs), and for each measured value NAME_mean and
    NAME_ci95 (the half-width; empty with one run)."""
    # Student's t quantile from scipy.special (stdtrit, the inverse of the t
    # distribution's CDF): the same function scipy.stats.t.ppf evaluates,
    # without importing scipy.stats, which took 5x as long as scipy.special
    # and most of the tool's start-up (python -X importtime: 10.2 s of 12.2 s
    # on a loaded machine). Imported here, not with the module: the command
    # line imports it on a thread while the first tasks run (preload()).
    from scipy.special import stdtrit

    measured = measured_columns(rows)
    groups = {}
    for row in rows:
        groups.setdefault(tuple(row["sweep." + p] for p in params), []).append(row)
    out = []
    for combo in sorted(groups, key=lambda c: [_sort_key(v) for v in c]):
        group = groups[combo]
        entry = dict(zip(params, combo))
        entry["n"] = len({r["sweep.run"] for r in group})
        for name in measured:
            values = [r[name] for r in group if isinstance(r.get(name), float) and not math.isnan(r[name])]
            if not values:
                entry[name + "_mean"] = ""
                entry[name + "_ci95"] = ""
                continue
            mean = statistics.fmean(values)
            entry[name + "_mean"] = mean
            if len(values) > 1:
                sem = statistics.stdev(values) / math.sqrt(len(values))
                entry[name + "_ci95"] = float(stdtrit(len(values) - 1, 0.975)) * sem
            else:
                entry[name + "_ci95"] = ""
        out.append(entry)
    return out


def _format(v):
    return "%.10g" % v if isinstance(v, float) else str(v)


def write_summary(path, summary):
    """The summary as CSV."""
    with open(path, "w", newline="") as f:
        if not summary:
            return
        w = csv.DictWriter(f, fieldnames=list(summary[0]))
        w.writeheader()
        for entry in summary:
            w.writerow({k: _format(v) for k, v in entry.items()})


def _quote(text):
    return '"%s"' % str(text).replace("\\", "\\\\").replace('"', '\\"')


def write_figures(directory, summary, params, x, ys):
    """For each measured value y: directory/y.dat and y.plt (gnuplot: mean
    against x with 95 % CI error bars, one series per combination of the
    other parameters), and y.png when gnuplot is installed. Returns the
    figures written (PNG paths, or .plt without gnuplot)."""
    os.makedirs(directory, exist_ok=True)
    # Series: the other parameters that vary; those with one value go in the title.
    others = [p for p in params if p != x and len({e[p] for e in summary}) > 1]
    fixed = ", ".join("%s=%s" % (p, summary[0][p]) for p in params
                      if p != x and p not in others) if summary else ""
    series = {}
    for entry in summary:
        series.setdefault(tuple(entry[p] for p in others), []).append(entry)
    written = []
    for y in ys:
        base = os.path.join(directory, y)
        with open(base + ".dat", "w") as dat:
            for label, entries in series.items():
                dat.write("# %s\n" % (", ".join("%s=%s" % kv for kv in zip(others, label)) or "all"))
                for e in sorted(entries, key=lambda e: _sort_key(e[x])):
                    mean = e.get(y + "_mean", "")
                    ci = e.get(y + "_ci95", "")
                    dat.write("%s %s %s\n" % (e[x], _format(mean) if mean != "" else "NaN",
                                              _format(ci) if ci != "" else "0"))
                dat.write("\n\n")
        plots = []
        for i, label in enumerate(series):
            title = ", ".join("%s=%s" % kv for kv in zip(others, label)) or y
            plots.append("%s index %d using 1:2:3 with yerrorlines dt %d pt %d title %s"
                         % (_quote(os.path.basename(base) + ".dat"), i, 1 + i % 5, 1 + i % 13,
                            _quote(title)))
        with open(base + ".plt", "w") as plt:
            plt.write("# Generated by tcp-fast-open-sweep: mean and 95 %% CI across runs.\n"
                      "set terminal pngcairo size 900,600 noenhanced\n"
                      "set output %s\n"
                      "set xlabel %s\nset ylabel %s\n"
                      "set title %s\nset key below\nset grid\n"
                      "set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05\n"
                      "plot %s\n" % (_quote(os.path.basename(base) + ".png"), _quote(x),
                                     _quote(y + " (mean, 95 % CI)"), _quote(fixed),
                                     ", \\\n     ".join(plots)))
        if shutil.which("gnuplot"):
            r = subprocess.run(["gnuplot", os.path.basename(base) + ".plt"], cwd=directory,
                               capture_output=True, text=True, timeout=120)
            if r.returncode == 0:
                written.append(base + ".png")
                continue
        written.append(base + ".plt")
    return written
