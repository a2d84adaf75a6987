#!/usr/bin/env python3
"""Interleaved-pair ratios and scaling exponents of tfo-sim-bench runs.

    python3 bench/pairs.py RUNS.csv [--label NAME] [--against OTHER.csv --against-label NAME]

RUNS.csv is what bench/run.sh writes (sim-runs.csv: one line per run, with the
repeat number first). Runs of one repeat at one size were made back to back
(interleaved), so each variant's run is divided by the stock run of the same
repeat, size and TIME_WAIT: the ratios of these pairs are summarised as median
and interquartile range (Q1-Q3), which a load change during the run moves far
less than a ratio of medians. Also printed: per variant the exponent of a
least-squares fit of log(CPU s) against log(connections) over all sizes (1 is
linear), and with --against, the stock CPU time of OTHER.csv divided by this
file's at each size both have (how many times faster this build is).

Writes CSV to standard output; exits 2 with a message on unusable input.
"""

import argparse
import csv
import math
import statistics
import sys


def die(message):
    """Bad input: the message on standard error, exit status 2."""
    print(f"pairs.py: {message}", file=sys.stderr)
    sys.exit(2)


def quartiles(values):
    """Q1, median, Q3 (inclusive method; a single value is its own quartiles)."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def read_runs(path):
    """Rows of a sim-runs.csv, keyed fields converted."""
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        die(f"{path}: {e.strerror}")
    need = {"repeat", "variant", "connections", "run_wall_s", "cpu_s", "time_wait_s"}
    if not rows or not need.issubset(rows[0].keys()):
        die(f"{path}: not a sim-runs.csv (needs columns {', '.join(sorted(need))})")
    for r in rows:
        try:
            r["connections"] = int(r["connections"])
            r["run_wall_s"] = float(r["run_wall_s"])
            r["cpu_s"] = float(r["cpu_s"])
            r["time_wait_s"] = float(r["time_wait_s"])
        except ValueError:
            die(f"{path}: a run line has a non-numeric field: {r}")
    return rows


def fit_exponent(points):
    """Slope of log(y) against log(x) by least squares; None with fewer than two sizes."""
    if len({x for x, _ in points}) < 2:
        return None
    lx = [math.log(x) for x, _ in points]
    ly = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(lx), statistics.fmean(ly)
    sxx = sum((a - mx) ** 2 for a in lx)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sxx


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("runs")
    ap.add_argument("--label", default="this")
    ap.add_argument("--against")
    ap.add_argument("--against-label", default="other")
    args = ap.parse_args()

    rows = read_runs(args.runs)
    w = csv.writer(sys.stdout)
    w.writerow(["build", "what", "connections", "time_wait_s", "variant", "n",
                "cpu_median", "cpu_q1", "cpu_q3", "wall_median", "wall_q1", "wall_q3"])

    groups = {}
    for r in rows:
        groups.setdefault((r["connections"], r["time_wait_s"]), []).append(r)
    for (conns, tw), group in sorted(groups.items()):
        stock = {r["repeat"]: r for r in group if r["variant"] == "stock"}
        variants = sorted({r["variant"] for r in group})
        for v in variants:
            runs = [r for r in group if r["variant"] == v]
            cpu = quartiles(sorted(r["cpu_s"] for r in runs))
            wall = quartiles(sorted(r["run_wall_s"] for r in runs))
            w.writerow([args.label, "seconds", conns, tw, v, len(runs),
                        f"{cpu[1]:.4g}", f"{cpu[0]:.4g}", f"{cpu[2]:.4g}",
                        f"{wall[1]:.4g}", f"{wall[0]:.4g}", f"{wall[2]:.4g}"])
            if v == "stock":
                continue
            pairs = [(r, stock[r["repeat"]]) for r in runs if r["repeat"] in stock]
            if not pairs:
                continue
            cr = quartiles(sorted(a["cpu_s"] / b["cpu_s"] for a, b in pairs))
            wr = quartiles(sorted(a["run_wall_s"] / b["run_wall_s"] for a, b in pairs))
            w.writerow([args.label, "ratio to stock (pairs)", conns, tw, v, len(pairs),
                        f"{cr[1]:.4f}", f"{cr[0]:.4f}", f"{cr[2]:.4f}",
                        f"{wr[1]:.4f}", f"{wr[0]:.4f}", f"{wr[2]:.4f}"])

    # Scaling exponent per variant and TIME_WAIT, from the median CPU time at each size.
    by_variant = {}
    for (conns, tw), group in groups.items():
        for v in {r["variant"] for r in group}:
            med = statistics.median(r["cpu_s"] for r in group if r["variant"] == v)
            by_variant.setdefault((v, tw), []).append((conns, med))
    for (v, tw), points in sorted(by_variant.items()):
        e = fit_exponent(points)
        if e is not None:
            sizes = sorted(x for x, _ in points)
            w.writerow([args.label, f"CPU exponent {sizes[0]}-{sizes[-1]}", len(points), tw, v,
                        len(points), f"{e:.3f}", "", "", "", "", ""])

    if args.against:
        other = read_runs(args.against)
        for (conns, tw), group in sorted(groups.items()):
            mine = [r["cpu_s"] for r in group if r["variant"] == "stock"]
            theirs = [r["cpu_s"] for r in other if r["variant"] == "stock"
                      and r["connections"] == conns and r["time_wait_s"] == tw]
            if mine and theirs:
                speedup = statistics.median(theirs) / statistics.median(mine)
                w.writerow([args.label, f"stock CPU {args.against_label} / {args.label}", conns,
                            tw, "stock", min(len(mine), len(theirs)), f"{speedup:.3f}",
                            "", "", "", "", ""])


if __name__ == "__main__":
    main()
