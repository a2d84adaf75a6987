# SPDX-License-Identifier: GPL-2.0-only
"""tcp-fast-open-sweep: run a sweep of one of the module's examples (or any
program that takes the same options) on Dask, one process per task."""

import argparse
import contextlib
import logging
import os
import sys
import threading
import time

from tqdm import tqdm

from . import aggregate, store as store_module
from .aggregate import measured_columns, summarize, write_figures, write_summary
from .spec import SpecError, SweepSpec
from .store import ResultStore
from .timings import Timings
from .worker import TaskFailed, run_task

#: Dask settings of the embedded LocalCluster (not of a --scheduler's cluster).
#: Its workers are threads of this process, each waiting for one example
#: process, so what Dask does on its own costs the examples CPU: its
#: statistical profiler (a thread sampling every thread's stack every 10 ms),
#: its event-loop watchdog (every 20 ms) and system monitor (every 0.5 s) took
#: 1.6 s of CPU in a sweep of 21 s (8 tasks of 5 s on 2 workers), 0.3 s
#: without (doc/sweeps.rst, "Benchmark"); nothing reads them without a
#: dashboard. Tasks wait on the scheduler until a worker is free (saturation
#: 1.0: one task per worker thread), so no worker holds a task another, idle,
#: would have to steal.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.scheduler.work-stealing": False,
}

EPILOG = """examples:
  tcp-fast-open-sweep --example tcp-fast-open-latency --param rtts=10,20,50 \\
      --param lossRates=0,0.01 --param transactions=20 --runs 10 --out sweep-latency
  tcp-fast-open-sweep sweep.toml --scheduler tcp://HOST:8786

exit status: 0 all tasks done, 1 a task failed (after one retry), 2 bad arguments,
130 interrupted (rerun the same command to resume)."""


def _parser():
    p = argparse.ArgumentParser(prog="tcp-fast-open-sweep", description=__doc__, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("sweep", nargs="?", help="sweep file (TOML; doc/sweeps.rst)")
    p.add_argument("--example", help="an example's name, found in the build directory")
    p.add_argument("--program", help="path of the program to run instead of an example")
    p.add_argument("--param", action="append", default=[], metavar="NAME=V1,V2",
                   help="a parameter and its values (repeatable; overrides the sweep file)")
    p.add_argument("--runs", type=int, help="runs per combination: RngRun 1 .. RUNS")
    p.add_argument("--seed", type=int, help="ns-3 seed of every run (default 1)")
    p.add_argument("--timeout", type=float, help="seconds per task before it is killed (default 3600)")
    p.add_argument("--out", default="sweep-out",
                   help="output directory: store/, work/, summary.csv, figures/ (default sweep-out)")
    p.add_argument("--scheduler", help="address of a running Dask scheduler, e.g. tcp://HOST:8786 "
                                       "(default: a LocalCluster on this machine)")
    p.add_argument("--workers", type=int, default=os.cpu_count(),
                   help="LocalCluster workers (default: every core, %(default)s here)")
    p.add_argument("--sequential", action="store_true",
                   help="no Dask: one task after the other in this process")
    p.add_argument("--build-dir", help="where the examples are built (default $TFO_BUILD_DIR, "
                                       "else build/ of the source tree)")
    p.add_argument("--x", help="figures' x axis: a parameter (default the first with several values)")
    p.add_argument("--y", help="figures' measured values, comma-separated (default the first one)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--timings", action="store_true",
                   help="print to stderr when each phase ended, in seconds since Python started "
                        "(start-up, spec, Dask, cluster, results, store, summary, figures)")
    return p


def _find_example(name, build_dir):
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    build = build_dir or os.environ.get("TFO_BUILD_DIR") or os.path.join(repo, "build")
    for sub in ("examples", "bin"):
        path = os.path.join(build, sub, name)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return os.path.abspath(path)
    raise SpecError("example %s is not built in %s (bash scripts/build.sh, or --build-dir)"
                    % (name, build))


def load_spec(args):
    """The sweep the file and the command line describe (SpecError if it cannot run)."""
    if args.example and args.program:
        raise SpecError("give one of --example NAME or --program PATH, not both")
    spec = SweepSpec.from_toml(args.sweep) if args.sweep else SweepSpec()
    if args.example:
        spec.example, spec.program = args.example, ""
    if args.program:
        spec.program, spec.example = os.path.abspath(args.program), ""
    for text in args.param:
        spec.set_param(text)
    for key in ("runs", "seed", "timeout", "x"):
        if getattr(args, key) is not None:
            setattr(spec, key, getattr(args, key))
    if args.y:
        spec.y = [y for y in args.y.split(",") if y]
    spec.check()
    if spec.program and not (os.path.isfile(spec.program) and os.access(spec.program, os.X_OK)):
        raise SpecError("program %s is not an executable file" % spec.program)
    return spec


def _preload():
    """Import the store's and the summary's libraries (pyarrow, pandas,
    scipy.special: about a second of CPU) on a thread while the first tasks
    run, instead of before them or after the last. An import that fails here
    fails again, and is reported, where the main thread uses it."""
    try:
        store_module.preload()
        aggregate.preload()
    except Exception:  # noqa: BLE001 (reported by the main thread's own import)
        pass


def _start_preload():
    """_preload() on a daemon thread (the process does not wait for it)."""
    threading.Thread(target=_preload, name="tfo-sweep-preload", daemon=True).start()


def _put(store, task, result, timings):
    """Store a task's result, adding the time it took to --timings' store_put."""
    start = time.monotonic()
    store.put(task, result)
    timings.add("store_put", time.monotonic() - start)


def _run_sequential(todo, work_root, store, progress, failures, timings):
    _start_preload()
    for task in todo:
        error = None
        for _attempt in range(2):  # one retry, as Dask's retries=1
            try:
                result = run_task(task, work_root)
                if task is todo[0]:
                    timings.mark("first_result")
                _put(store, task, result, timings)
                error = None
                break
            except TaskFailed as e:
                error = str(e)
        if error:
            failures.append((task, error))
        progress.update(1)
    timings.mark("last_result")


def _run_dask(todo, work_root, store, progress, failures, scheduler, workers, timings):
    import dask
    from dask.distributed import Client, LocalCluster, as_completed

    timings.mark("dask_imported")
    # A failed task is reported once, at the end, with its stderr: not also
    # by the worker's log.
    logging.getLogger("distributed.worker").setLevel(logging.CRITICAL)
    cluster = None
    config = contextlib.nullcontext() if scheduler else dask.config.set(LOCAL_CLUSTER_CONFIG)
    with config:
        if scheduler:
            client = Client(scheduler, timeout="30s")
        else:
            # Threads, not processes: each task is an OS process of its own,
            # the worker only waits for it.
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=False,
                                   dashboard_address=None, silence_logs=logging.CRITICAL)
            client = Client(cluster)
        timings.mark("cluster_started")
        try:
            futures = {client.submit(run_task, task, work_root, key="tfo-" + task.key_hash(),
                                     pure=False, retries=1): task for task in todo}
            timings.mark("submitted")
            _start_preload()
            for done, future in enumerate(as_completed(futures)):
                task = futures[future]
                if done == 0:
                    timings.mark("first_result")
                if future.status == "error":
                    failures.append((task, str(future.exception())))
                else:
                    _put(store, task, future.result(), timings)
                progress.update(1)
            timings.mark("last_result")
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
            timings.mark("cluster_closed")


def main(argv=None):
    """The command line (argv None: sys.argv, and the process ends here) or
    a call with argv (returns the exit status)."""
    code = _main(argv)
    if argv is not None:
        return code
    # The process ends without the interpreter's teardown: freeing pyarrow's,
    # pandas' and Dask's modules one by one took 0.3 to 0.4 s after the
    # summary (measured on a loaded machine), longer than the summary and
    # its figures. Everything is written (files are closed where they are
    # written, the cluster closed), only the streams are left to flush.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _main(argv):
    args = _parser().parse_args(argv)
    timings = Timings(args.timings)
    timings.mark("started")  # Python, the tool's modules, the arguments
    try:
        spec = load_spec(args)
        program = spec.program or _find_example(spec.example, args.build_dir)
        if args.workers is None or args.workers < 1:
            raise SpecError("--workers must be at least 1")
    except SpecError as e:
        print("tcp-fast-open-sweep: error: %s" % e, file=sys.stderr)
        return 2
    tasks = spec.tasks(program)
    out = os.path.abspath(args.out)
    store = ResultStore(os.path.join(out, "store"))
    work_root = os.path.join(out, "work")
    todo = [t for t in tasks if not store.has(t)]
    timings.mark("spec")  # tasks expanded, the store looked up
    print("%d tasks (%d combinations x %d runs): %d in the store, %d to run"
          % (len(tasks), len(tasks) // spec.runs, spec.runs, len(tasks) - len(todo), len(todo)),
          flush=True)
    failures = []
    start = time.monotonic()
    progress = tqdm(total=len(todo), unit="task", disable=args.no_progress or not todo,
                    file=sys.stderr, dynamic_ncols=True)
    try:
        if args.sequential:
            _run_sequential(todo, work_root, store, progress, failures, timings)
        else:
            _run_dask(todo, work_root, store, progress, failures, args.scheduler, args.workers,
                      timings)
    except KeyboardInterrupt:
        progress.close()
        done = sum(store.has(t) for t in tasks)
        print("interrupted: %d of %d tasks in the store; run the same command again to resume"
              % (done, len(tasks)), file=sys.stderr)
        return 130
    progress.close()
    elapsed = time.monotonic() - start
    for task, error in failures:
        print("FAILED after 2 attempts: %s\n%s\n" % (task.key(), "\n".join(
            "    " + line for line in error.splitlines())), file=sys.stderr)
    computed = len(todo) - len(failures)
    print("computed %d, failed %d, from the store %d, in %.1f s"
          % (computed, len(failures), len(tasks) - len(todo), elapsed), flush=True)

    params = list(spec.params)
    rows = store.rows(tasks)
    if rows:
        summary = summarize(rows, params)
        write_summary(os.path.join(out, "summary.csv"), summary)
        print("summary: %s" % os.path.join(out, "summary.csv"))
        timings.mark("summary")
        measured = measured_columns(rows)
        x = spec.x or next((p for p in params if len(spec.params[p]) > 1), params[0] if params else "")
        ys = spec.y or measured[:1]
        unknown = [y for y in ys if y not in measured]
        if unknown:
            print("tcp-fast-open-sweep: error: figures y %s: not measured (%s)"
                  % (", ".join(unknown), ", ".join(measured)), file=sys.stderr)
            return 2
        if x and ys:
            for path in write_figures(os.path.join(out, "figures"), summary, params, x, ys):
                print("figure: %s" % path)
            timings.mark("figures")
    timings.report()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
