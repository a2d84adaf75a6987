# SPDX-License-Identifier: GPL-2.0-only
"""tcp-fast-open-sweep: a LocalCluster sweep equals the sequential one; an
interrupted sweep resumes with only the rest; a crashing point is retried once
and reported with its stderr; a separately started Dask scheduler and worker
on 127.0.0.1 run a sweep as a cluster would."""

import csv
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import REPO, build_dir, example_path

ENV = dict(os.environ, PYTHONPATH=os.path.join(REPO, "python"), PYTHONDONTWRITEBYTECODE="1")
#: 4 combinations x 4 runs = the 16-point sweep (each point well under a second).
LATENCY = ["--example", "tcp-fast-open-latency", "--param", "rtts=10,40", "--param", "lossRates=0,0.02",
           "--param", "responseSizes=5000", "--param", "transactions=3", "--runs", "4",
           "--y", "p50_on_ms,gain_p50_pct"]


def sweep(args, out, timeout=900, env=None):
    example_path("tcp-fast-open-latency")
    return subprocess.run([sys.executable, "-m", "tcp_fast_open_sweep", "--no-progress",
                           "--build-dir", build_dir(), "--out", str(out)] + args,
                          capture_output=True, text=True, timeout=timeout, env=env or ENV,
                          stdin=subprocess.DEVNULL)


def stored(out):
    d = out / "store"
    return sorted(f for f in os.listdir(d) if f.endswith(".parquet")) if d.exists() else []


def counts(stdout):
    m = re.search(r"computed (\d+), failed (\d+), from the store (\d+)", stdout)
    assert m, stdout
    return tuple(int(g) for g in m.groups())


def test_local_cluster_equals_sequential(tmp_path):
    seq = sweep(LATENCY + ["--sequential"], tmp_path / "seq")
    assert seq.returncode == 0, seq.stderr
    par = sweep(LATENCY + ["--workers", "2"], tmp_path / "dask")
    assert par.returncode == 0, par.stderr
    assert counts(seq.stdout) == (16, 0, 0)
    assert counts(par.stdout) == (16, 0, 0)
    assert len(stored(tmp_path / "seq")) == len(stored(tmp_path / "dask")) == 16
    a = (tmp_path / "seq" / "summary.csv").read_text()
    b = (tmp_path / "dask" / "summary.csv").read_text()
    assert a == b
    rows = list(csv.DictReader(a.splitlines()))
    assert len(rows) == 4
    assert {r["n"] for r in rows} == {"4"}
    lossy = [r for r in rows if r["lossRates"] == "0.02"]
    assert any(r["mean_on_ms_ci95"] not in ("", "0") for r in lossy), lossy  # runs differ
    figures = tmp_path / "dask" / "figures"
    assert (figures / "gain_p50_pct.dat").exists() and (figures / "gain_p50_pct.plt").exists()
    assert "yerrorlines" in (figures / "gain_p50_pct.plt").read_text()


def test_interrupted_sweep_resumes_with_only_the_rest(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "tcp_fast_open_sweep", "--no-progress", "--workers", "1",
                             "--build-dir", build_dir(), "--out", str(out)] + LATENCY,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV,
                            start_new_session=True)
    deadline = time.monotonic() + 600
    while len(stored(out)) < 5 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {f: os.stat(out / "store" / f).st_mtime_ns for f in stored(out)}
    assert 5 <= len(before) < 16, "killed at %d of 16" % len(before)
    again = sweep(LATENCY + ["--workers", "2"], out)
    assert again.returncode == 0, again.stderr
    assert "16 tasks (4 combinations x 4 runs): %d in the store, %d to run" % (
        len(before), 16 - len(before)) in again.stdout
    assert counts(again.stdout) == (16 - len(before), 0, len(before))
    assert len(stored(out)) == 16
    for f, mtime in before.items():
        assert os.stat(out / "store" / f).st_mtime_ns == mtime, "%s was recomputed" % f
    # A third run computes nothing.
    third = sweep(LATENCY, out)
    assert counts(third.stdout) == (0, 0, 16)


FAKE = textwrap.dedent('''\
    #!%s
    # A program with the examples' options: --mode=crash aborts after a line on stderr.
    import os, sys
    args = dict(a[2:].split("=", 1) for a in sys.argv[1:])
    with open(os.environ["TFO_FAKE_LOG"], "a") as log:
        log.write("%%s %%s\\n" %% (args["mode"], args["RngRun"]))
    if args["mode"] == "crash":
        sys.stderr.write("fake: the cookie jar is on fire (run %%s)\\n" %% args["RngRun"])
        sys.stderr.flush()
        os.abort()
    with open(args["records"], "w") as f:
        f.write("program,module_version,git_commit,ns3_version,seed,run,param.mode,value\\n")
        f.write("fake,0,0,3.37,%%s,%%s,%%s,%%d\\n" %% (args["seed"], args["RngRun"], args["mode"],
                                                    10 * int(args["RngRun"])))
    ''')


@pytest.mark.parametrize("engine", [["--sequential"], ["--workers", "2"]], ids=["sequential", "dask"])
def test_crashing_point_is_retried_once_and_reported(engine, tmp_path):
    program = tmp_path / "fake"
    program.write_text(FAKE % sys.executable)
    program.chmod(0o755)
    log = tmp_path / "log"
    env = dict(ENV, TFO_FAKE_LOG=str(log))
    r = sweep(["--program", str(program), "--param", "mode=ok,crash", "--runs", "2"] + engine,
              tmp_path / "out", env=env)
    assert r.returncode == 1, r.stdout + r.stderr
    assert counts(r.stdout) == (2, 2, 0)
    assert r.stderr.count("FAILED after 2 attempts") == 2, r.stderr
    assert "killed by signal SIGABRT" in r.stderr
    assert "fake: the cookie jar is on fire (run 1)" in r.stderr
    assert "fake: the cookie jar is on fire (run 2)" in r.stderr
    attempts = log.read_text().split("\n")
    assert sorted(a for a in attempts if a.startswith("crash")) == ["crash 1", "crash 1", "crash 2", "crash 2"]
    assert sorted(a for a in attempts if a.startswith("ok")) == ["ok 1", "ok 2"]
    rows = list(csv.DictReader((tmp_path / "out" / "summary.csv").read_text().splitlines()))
    assert rows == [{"mode": "ok", "n": "2", "value_mean": "15", "value_ci95": "63.53102368"}]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sweep_on_a_separately_started_scheduler_and_worker(tmp_path):
    port = _free_port()
    address = "tcp://127.0.0.1:%d" % port
    procs = []
    try:
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
             "--port", str(port), "--no-dashboard"], env=ENV, stdout=subprocess.DEVNULL,
            stderr=open(tmp_path / "scheduler.log", "w"), start_new_session=True))
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--host", "127.0.0.1",
             "--nworkers", "1", "--nthreads", "2", "--no-dashboard"], env=ENV,
            stdout=subprocess.DEVNULL, stderr=open(tmp_path / "worker.log", "w"), start_new_session=True))
        remote = sweep(LATENCY + ["--scheduler", address], tmp_path / "remote")
        assert remote.returncode == 0, remote.stderr + (tmp_path / "worker.log").read_text()[-3000:]
        assert counts(remote.stdout) == (16, 0, 0)
        local = sweep(LATENCY + ["--sequential"], tmp_path / "local")
        assert (tmp_path / "remote" / "summary.csv").read_text() == (tmp_path / "local" / "summary.csv").read_text()
        import pyarrow.parquet as pq
        hosts = {pq.read_table(tmp_path / "remote" / "store" / f).column("sweep.host")[0].as_py()
                 for f in stored(tmp_path / "remote")}
        assert hosts == {socket.gethostname()}
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()


@pytest.mark.parametrize("args,message", [
    (["--example", "tcp-fast-open-nothing"], "example tcp-fast-open-nothing is not built"),
    (["--example", "tcp-fast-open-latency", "--param", "runs=1,2"], "parameter runs: the sweep sets it"),
    (["--example", "tcp-fast-open-latency", "--runs", "0"], "runs: 0 is not an integer >= 1"),
    (["--example", "tcp-fast-open-latency", "--param", "rtts="], "--param rtts=: expected NAME=VALUE"),
    (["--example", "tcp-fast-open-latency", "--program", "/bin/true"], "give one of --example"),
    (["--example", "tcp-fast-open-latency", "--seed", "4294967295"], "seed: 4294967295 is above ns-3's largest seed 4294944442"),
    ([], "give one of --example NAME or --program PATH"),
])
def test_bad_sweep_exits_2(args, message, tmp_path):
    r = sweep(args, tmp_path / "out")
    assert r.returncode == 2, r.stdout + r.stderr
    assert "tcp-fast-open-sweep: error: " + message in r.stderr


def test_sweep_file_is_the_same_sweep(tmp_path):
    (tmp_path / "s.toml").write_text(textwrap.dedent('''\
        example = "tcp-fast-open-latency"
        runs = 2
        [params]
        rtts = [10, 40]
        lossRates = 0.02
        responseSizes = 5000
        transactions = 3
        [figures]
        x = "rtts"
        y = ["p50_on_ms"]
        '''))
    a = sweep([str(tmp_path / "s.toml"), "--sequential"], tmp_path / "a")
    assert a.returncode == 0, a.stderr
    b = sweep(["--example", "tcp-fast-open-latency", "--param", "rtts=10,40", "--param", "lossRates=0.02",
               "--param", "responseSizes=5000", "--param", "transactions=3", "--runs", "2", "--sequential"],
              tmp_path / "b")
    assert b.returncode == 0, b.stderr
    assert (tmp_path / "a" / "summary.csv").read_text() == (tmp_path / "b" / "summary.csv").read_text()
    assert stored(tmp_path / "a") == stored(tmp_path / "b")  # the same keys


@pytest.mark.parametrize("engine", ["sequential", "dask"])
def test_timings_name_every_phase_in_order(engine, tmp_path):
    """--timings (bench/sweep-bench.py's table of where the seconds go): each
    phase once, in the order the sweep passes them, in seconds since Python
    started; without --timings, none."""
    args = LATENCY[:-4] + ["--runs", "1"] + (["--sequential"] if engine == "sequential" else [])
    r = sweep(args + ["--timings"], tmp_path / "t")
    assert r.returncode == 0, r.stderr
    marks = [line.split()[1:] for line in r.stderr.splitlines() if line.startswith("timing: ")]
    names = [m[0] for m in marks]
    order = (["started", "spec"]
             + (["dask_imported", "cluster_started", "submitted"] if engine == "dask" else [])
             + ["first_result", "last_result"] + (["cluster_closed"] if engine == "dask" else [])
             + ["summary", "figures", "store_put_total"])
    assert names == order, r.stderr
    times = [float(m[1]) for m in marks[:-1]]
    assert 0 < times[0] and times == sorted(times), r.stderr
    assert 0 < float(marks[-1][1]) < times[-1]  # the store writes, summed
    quiet = sweep(args, tmp_path / "q")
    assert quiet.returncode == 0 and "timing:" not in quiet.stderr, quiet.stderr
