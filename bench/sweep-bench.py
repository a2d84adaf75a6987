#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Benchmark of tcp-fast-open-sweep (issue 19; bench/run.sh step 5, not a test):

1. Speedup: 8 latency points (4 RTTs x 2 loss rates, one run each), the whole
   `tcp-fast-open-sweep` command on a LocalCluster (every core) against the same
   command with --sequential, each in a fresh output directory; REPEATS
   interleaved repeats, medians.
   The same 8 tasks without the tool (run_task, the worker's function: one
   example process each) in a plain loop and on a pool of os.cpu_count()
   threads: the speedup this machine gives two example processes at all, the
   ceiling of any dispatcher; and each point's duration.
2. Dispatch overhead per task: N tasks of a program that only writes its
   records, through Dask on one worker thread against a plain loop of the same
   run_task calls; (Dask - loop) / N, medians of interleaved repeats. The
   LocalCluster's start-up is reported apart.

    bench/sweep-bench.py RESULTS_DIR [--quick] [--build-dir DIR]

Writes RESULTS_DIR/sweep-runs.csv (every measurement) and sweep.csv (medians)."""

import argparse
import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "python"))

from tcp_fast_open_sweep.spec import SweepSpec  # noqa: E402
from tcp_fast_open_sweep.worker import run_task  # noqa: E402

NOOP = """#!/bin/sh
# Writes one record and exits: the cost of a task without a simulation.
echo "program,module_version,git_commit,ns3_version,seed,run,value" > records.csv
echo "noop,0,0,0,1,1,1" >> records.csv
"""


def sweep_command(build_dir, out, transactions, extra):
    return [sys.executable, "-m", "tcp_fast_open_sweep", "--no-progress", "--build-dir", build_dir,
            "--out", out, "--example", "tcp-fast-open-latency", "--param", "rtts=10,20,50,100",
            "--param", "lossRates=0,0.01", "--param", "responseSizes=10000",
            "--param", "transactions=%d" % transactions, "--runs", "1"] + extra


def bare_tasks(build_dir, transactions):
    """The benchmark sweep's 8 tasks, as the tool makes them."""
    spec = SweepSpec(example="tcp-fast-open-latency",
                     params={"rtts": ["10", "20", "50", "100"], "lossRates": ["0", "0.01"],
                             "responseSizes": ["10000"], "transactions": [str(transactions)]})
    return spec.tasks(os.path.join(build_dir, "examples", "tcp-fast-open-latency"))


def bare_run(tasks, work, threads):
    """Wall time of the tasks' processes, one after the other (threads 1) or
    on a pool of threads, and each task's own time."""
    start = time.monotonic()
    if threads == 1:
        results = [run_task(t, work) for t in tasks]
    else:
        with ThreadPoolExecutor(threads) as pool:
            results = list(pool.map(lambda t: run_task(t, work), tasks))
    return time.monotonic() - start, [r["elapsed"] for r in results]


def timed(cmd, env):
    """The command's wall time, and its --timings: {phase: seconds since its
    Python started}."""
    start = time.monotonic()
    proc = subprocess.run(cmd + ["--timings"], check=True, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, env=env)
    wall = time.monotonic() - start
    phases = {}
    for line in proc.stderr.splitlines():
        if line.startswith("timing: "):
            name, value = line[len("timing: "):].split()
            phases[name] = float(value)
        else:
            print(line, file=sys.stderr)
    return wall, phases


def main():
    p = argparse.ArgumentParser()
    p.add_argument("results")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--build-dir", default=os.environ.get("TFO_BUILD_DIR")
                   or os.path.join(here, "..", "build"))
    p.add_argument("--repeats", type=int, default=int(os.environ.get("TFO_BENCH_REPEATS", "3")))
    # 2000 transactions: a point of several seconds (the bench prints each
    # point's time), a study's order of magnitude; --quick: 100.
    p.add_argument("--transactions", type=int, default=None,
                   help="transactions per point (default 2000, --quick 100)")
    args = p.parse_args()
    os.makedirs(args.results, exist_ok=True)
    build = os.path.abspath(args.build_dir)
    repeats = 1 if args.quick else args.repeats
    transactions = args.transactions or (100 if args.quick else 2000)
    noop_tasks = 32 if args.quick else 128
    env = dict(os.environ, PYTHONPATH=os.path.join(here, "..", "python"))
    rows = []
    load_start = open("/proc/loadavg").read().split()[0]
    tmp = tempfile.mkdtemp(prefix="tfo-sweep-bench-")
    try:
        # 1. speedup
        for r in range(1, repeats + 1):
            order = [("sequential", ["--sequential"]), ("dask", [])]
            if r % 2 == 0:
                order.reverse()
            for name, extra in order:
                out = os.path.join(tmp, "%s-%d" % (name, r))
                t, phases = timed(sweep_command(build, out, transactions, extra), env)
                print("[sweep-bench] 8 points, %s, repeat %d/%d: %.2f s (%s)"
                      % (name, r, repeats, t, ", ".join("%s %.2f" % kv for kv in phases.items())),
                      file=sys.stderr)
                rows.append(("points8_%s_s" % name, r, t))
                for phase, value in phases.items():
                    rows.append(("phase_%s_%s_s" % (name, phase), r, value))
        # 1b. the same tasks without the tool: the machine's own speedup
        for r in range(1, repeats + 1):
            tasks = bare_tasks(build, transactions)
            order = [1, os.cpu_count()]
            if r % 2 == 0:
                order.reverse()
            for threads in order:
                name = "loop" if threads == 1 else "pool"
                t, each = bare_run(tasks, os.path.join(tmp, "bare-%s-%d" % (name, r)), threads)
                print("[sweep-bench] 8 bare processes, %s, repeat %d/%d: %.2f s (points %.2f to %.2f s)"
                      % (name, r, repeats, t, min(each), max(each)), file=sys.stderr)
                rows.append(("points8_bare_%s_s" % name, r, t))
                if threads == 1:
                    rows.append(("point_s_min", r, min(each)))
                    rows.append(("point_s_median", r, statistics.median(each)))
                    rows.append(("point_s_max", r, max(each)))
        # 2. dispatch overhead
        noop = os.path.join(tmp, "noop")
        with open(noop, "w") as f:
            f.write(NOOP)
        os.chmod(noop, 0o755)
        spec = SweepSpec(program=noop, params={"i": [str(i) for i in range(noop_tasks)]})
        tasks = spec.tasks(noop)
        import dask
        from dask.distributed import Client, LocalCluster
        from tcp_fast_open_sweep.cli import LOCAL_CLUSTER_CONFIG
        start = time.monotonic()
        dask.config.set(LOCAL_CLUSTER_CONFIG)  # the tool's LocalCluster
        cluster = LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                               dashboard_address=None, silence_logs=logging.CRITICAL)
        client = Client(cluster)
        rows.append(("cluster_startup_s", 1, time.monotonic() - start))
        try:
            for r in range(1, repeats + 1):
                work = os.path.join(tmp, "noop-work-%d" % r)
                start = time.monotonic()
                for task in tasks:
                    run_task(task, work + "-loop")
                loop = time.monotonic() - start
                start = time.monotonic()
                futures = [client.submit(run_task, t, work + "-dask", pure=False, retries=1) for t in tasks]
                client.gather(futures)
                dask = time.monotonic() - start
                per_task = (dask - loop) / len(tasks)
                print("[sweep-bench] %d no-op tasks: loop %.3f s, dask %.3f s: %.1f ms per task"
                      % (len(tasks), loop, dask, 1000 * per_task), file=sys.stderr)
                rows.append(("noop_loop_per_task_ms", r, 1000 * loop / len(tasks)))
                rows.append(("noop_dask_per_task_ms", r, 1000 * dask / len(tasks)))
                rows.append(("dispatch_overhead_per_task_ms", r, 1000 * per_task))
        finally:
            client.close()
            cluster.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    with open(os.path.join(args.results, "sweep-runs.csv"), "w") as f:
        f.write("metric,repeat,value\n")
        for name, r, v in rows:
            f.write("%s,%d,%.6f\n" % (name, r, v))
    med = {}
    for name, _, v in rows:
        med.setdefault(name, []).append(v)
    med = {k: statistics.median(v) for k, v in med.items()}
    med["speedup"] = med["points8_sequential_s"] / med["points8_dask_s"]
    med["bare_speedup"] = med["points8_bare_loop_s"] / med["points8_bare_pool_s"]
    med["tool_sequential_overhead_s"] = med["points8_sequential_s"] - med["points8_bare_loop_s"]
    med["tool_dask_overhead_s"] = med["points8_dask_s"] - med["points8_bare_pool_s"]
    med["loadavg_start"] = float(load_start)
    med["loadavg_end"] = float(open("/proc/loadavg").read().split()[0])
    with open(os.path.join(args.results, "sweep.csv"), "w") as f:
        f.write("metric,median,repeats,notes\n")
        notes = {
            "points8_sequential_s": "tcp-fast-open-sweep --sequential, 8 latency points (%d transactions)"
                                    % transactions,
            "points8_dask_s": "tcp-fast-open-sweep on a LocalCluster of %d workers, same 8 points"
                              % os.cpu_count(),
            "speedup": "points8_sequential_s / points8_dask_s",
            "points8_bare_loop_s": "the 8 tasks' processes one after the other (run_task, no tool)",
            "points8_bare_pool_s": "the same on %d threads (no tool, no Dask)" % os.cpu_count(),
            "bare_speedup": "points8_bare_loop_s / points8_bare_pool_s: the machine's own ceiling",
            "point_s_min": "shortest point alone (%d transactions)" % transactions,
            "point_s_median": "median point alone",
            "point_s_max": "longest point alone",
            "tool_sequential_overhead_s": "points8_sequential_s - points8_bare_loop_s: start-up, store, summary, figures",
            "tool_dask_overhead_s": "points8_dask_s - points8_bare_pool_s: the same plus Dask",
            "cluster_startup_s": "LocalCluster(1 worker thread, the tool's settings) + Client",
            "noop_loop_per_task_ms": "run_task of a no-op program in a plain loop",
            "noop_dask_per_task_ms": "the same through Dask (1 worker thread), %d tasks" % noop_tasks,
            "dispatch_overhead_per_task_ms": "(Dask - loop) / tasks",
            "loadavg_start": "1-minute load average before (%d cores)" % os.cpu_count(),
            "loadavg_end": "1-minute load average after",
        }
        for k in med:
            if k.startswith("phase_"):
                mode, phase = k[len("phase_"):-len("_s")].split("_", 1)
                notes[k] = ("%s: %s (s since its Python started; --timings)" % (mode, phase)
                            if not phase.endswith("_total") else
                            "%s: %s, summed (s; --timings)" % (mode, phase[:-len("_total")]))
        for k in notes:
            f.write("%s,%.4f,%d,\"%s\"\n" % (k, med[k], 1 if k in ("cluster_startup_s", "loadavg_start",
                                                                    "loadavg_end") else repeats,
                                              notes[k]))
    print(open(os.path.join(args.results, "sweep.csv")).read())


if __name__ == "__main__":
    main()
