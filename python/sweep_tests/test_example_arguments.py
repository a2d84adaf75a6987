# SPDX-License-Identifier: GPL-2.0-only
"""Every example's command line goes through one checker
(TcpFastOpenArgumentChecker): a bad argument ends it with exit status 2 and
one line "<program>: error: --<option>: ..." on stderr, never a signal, a
hang, ns-3's exit status 1 or a run with a silent default. And the values
--PrintHelp shows parse back (as SEM passes them)."""

import os
import random
import re
import signal
import subprocess
import sys

import pytest

from conftest import EXAMPLES, REPO, STUDIES, example_path

#: (example, arguments, what stderr must say). The first five are the ones
#: issue 18 saw crash, hang or pass.
BAD = [
    ("tcp-fast-open-example", ["--connections=-1"], "--connections: \"-1\" is not a non-negative integer"),
    ("tcp-fast-open-example", ["--queueLength=-3"], "--queueLength: \"-3\" is not a non-negative integer"),
    ("tcp-fast-open-latency", ["--seed=-1"], "--seed: \"-1\" is not a non-negative integer"),
    ("tcp-fast-open-latency", ["--seed=4294967295"], "--seed: 4294967295 is out of range [1, 4294944442]"),
    ("tcp-fast-open-example", ["--pcap=/no/dir/x"], "--pcap: cannot write \"/no/dir/x\""),
    ("tcp-fast-open-example", ["--connections=abc"], "--connections: \"abc\""),
    ("tcp-fast-open-example", ["--ipv6=maybe"], "--ipv6: \"maybe\" is not a boolean"),
    ("tcp-fast-open-example", ["--delay=10parsecs"], "--delay: \"10parsecs\""),
    ("tcp-fast-open-example", ["--dataRate=0bps"], "--dataRate: \"0bps\""),
    ("tcp-fast-open-example", ["--api=udp"], "--api: \"udp\" is not one of sendto, connect"),
    ("tcp-fast-open-example", ["--gap=-1"], "--gap: -1 is out of range"),
    ("tcp-fast-open-example", ["--stallAcks=-2"], "--stallAcks: \"-2\""),
    ("tcp-fast-open-example", ["--key=xyz"], "--key: \"xyz\""),
    ("tcp-fast-open-example", ["--nope=1"], "--nope: unknown option"),
    ("tcp-fast-open-example", ["stray"], "unexpected argument \"stray\""),
    ("tcp-fast-open-example", ["--RngSeed=3"], "--RngSeed: give the seed with --seed"),
    ("tcp-fast-open-example", ["--SchedulerType=x"], "--SchedulerType: ns-3's global"),
    ("tcp-fast-open-example", ["--ns3::TcpSocket::SegmentSize=abc"], "--ns3::TcpSocket::SegmentSize: not an attribute"),
    ("tcp-fast-open-cookie", ["--key=1", "--client=1.2.3.4", "--server=5.6.7.8"], "--key"),
    ("tcp-fast-open-cookie", ["--client=1.2.3.4"], "--key is required"),
    ("tcp-fast-open-cookie", ["--key=00112233-44556677-8899aabb-ccddeeff", "--client=1.2.3.4",
                              "--server=::1"], "different families"),
    ("tcp-fast-open-latency", ["--rtts=10,,20"], "--rtts=\"10,,20\" has an empty item"),
    ("tcp-fast-open-latency", ["--lossRates=0.7"], "--lossRates: 0.7 is out of range"),
    ("tcp-fast-open-latency", ["--RngRun=-1"], "--RngRun: \"-1\""),
    ("tcp-fast-open-latency", ["--RngRun=1000000001"], "--RngRun: 1000000001 is out of range"),
    ("tcp-fast-open-latency", ["--RngRun=1.5"], "--RngRun: \"1.5\" is not"),
    ("tcp-fast-open-latency", ["--runs=0"], "--runs: 0 is out of range"),
    ("tcp-fast-open-latency", ["--persistent=2"], "--persistent: \"2\" is not a boolean"),
    ("tcp-fast-open-latency", ["--accessRate=fast"], "--accessRate: \"fast\""),
    ("tcp-fast-open-latency", ["--csv=/no/dir/x.csv"], "--csv: cannot write \"/no/dir/x.csv\""),
    ("tcp-fast-open-latency", ["--outputDir="], "--outputDir: needs a value"),
    ("tcp-fast-open-latency", ["--persistent"], "--persistent: needs a value"),
    ("tcp-fast-open-latency", ["--transactionsCsv=/no/dir/t.csv"], "--transactionsCsv: cannot write"),
    ("tcp-fast-open-middlebox", ["--rtt=41"], "--rtt: 41 is not a multiple of 4"),
    ("tcp-fast-open-middlebox", ["--seed=0"], "--seed: 0 is out of range"),
    ("tcp-fast-open-page-load", ["--pages=/no/such/file"], "--pages"),
    ("tcp-fast-open-page-load", ["--page=x", "--pages=y"], "give --page or --pages, not both"),
    ("tcp-fast-open-page-load", ["--cold=yes"], "--cold: \"yes\" is not a boolean"),
    ("tcp-fast-open-server-farm", ["--policies=fifo"], "--policies: unknown policy \"fifo\""),
    ("tcp-fast-open-server-farm", ["--visits=1"], "--visits: 1 is out of range"),
    ("tcp-fast-open-syn-flood", ["--rates=-5"], "--rates: -5 is out of range"),
    ("tcp-fast-open-syn-flood", ["--scenarios=bogus"], "--scenarios: \"bogus\" is not one of"),
    ("tcp-fast-open-syn-flood", ["--timelineRate=fast"], "--timelineRate: \"fast\" is not a number"),
    ("tcp-fast-open-syn-flood", ["--prefix=x"], "--prefix: unknown option"),
]

#: The Python examples: the same checker through the bindings.
BAD_PY = [
    ("tcp-fast-open-example.py", ["--connections=-1"], "--connections: \"-1\" is not a non-negative integer"),
    ("tcp-fast-open-example.py", ["--pcap=/no/dir/x"], "--pcap: cannot write \"/no/dir/x\""),
    ("tcp-fast-open-latency.py", ["--seed=4294967295"], "--seed: 4294967295 is out of range"),
    ("tcp-fast-open-latency.py", ["--nope"], "--nope: unknown option"),
]


def run(name, args, cwd, timeout=120):
    return subprocess.run([example_path(name)] + args, cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, stdin=subprocess.DEVNULL)


def assert_exit2(r, name, args, message=None):
    assert r.returncode >= 0, "%s %s: killed by signal %s\n%s" % (
        name, args, signal.Signals(-r.returncode).name, r.stderr[-2000:])
    assert r.returncode == 2, "%s %s: exit %d\n%s" % (name, args, r.returncode, r.stderr[-2000:])
    prog = name[:-3] if name.endswith(".py") else name
    first = r.stderr.strip().splitlines()[0] if r.stderr.strip() else ""
    assert first.startswith(prog + ".py: error: " if name.endswith(".py") else prog + ": error: "), r.stderr
    if message:
        assert message in r.stderr, r.stderr


@pytest.mark.parametrize("name,args,message", BAD, ids=["%s %s" % (n, " ".join(a)) for n, a, _ in BAD])
def test_bad_value_exits_2_with_message(name, args, message, tmp_path):
    r = run(name, args, tmp_path)
    assert_exit2(r, name, args, message)
    assert os.listdir(tmp_path) == [], "wrote %s before failing" % os.listdir(tmp_path)


@pytest.mark.parametrize("name,args,message", BAD_PY, ids=["%s %s" % (n, " ".join(a)) for n, a, _ in BAD_PY])
def test_python_example_bad_value_exits_2(name, args, message, tmp_path):
    env = dict(os.environ, PYTHONPATH=os.path.join(REPO, "python"))
    r = subprocess.run([sys.executable, os.path.join(REPO, "examples", name)] + args, cwd=tmp_path,
                       capture_output=True, text=True, timeout=600, env=env, stdin=subprocess.DEVNULL)
    assert_exit2(r, name, args, message)


def program_options(name):
    """(option, default) pairs of --PrintHelp's Program Options."""
    r = run(name, ["--PrintHelp"], REPO)
    assert r.returncode == 0, r.stderr
    options = []
    section = False
    for line in r.stdout.splitlines():
        if line.startswith("Program Options:"):
            section = True
            continue
        if section and not line.strip():
            break
        m = re.match(r"^\s+--(\w+):\s+(?:.*\[([^\[\]]*)\]|.*)\s*$", line)
        if section and m:
            options.append((m.group(1), m.group(2)))
    assert options, r.stdout
    return options


#: Values that are bad for most options, and some that are good for some.
NASTY = ["-1", "", "abc", "1e999", "nan", "inf", "4294967296", "99999999999", "0", "-0", " 1",
         "1,", ",", ",,", "0x10", "1.5", "/no/dir/x", "none", "true", "maybe", "10ms", "-5ms",
         "1e-7", "0bps", "1Gbps", "\x01", "%s", "../../x", "1;2", "=", "--x"]


def _random_argument(rng, options):
    kind = rng.random()
    if kind < 0.6:
        name = rng.choice(options)[0]
        return "--%s=%s" % (name, rng.choice(NASTY))
    if kind < 0.75:
        return "--%s=%s" % ("".join(rng.choice("abcxyzRng") for _ in range(rng.randint(1, 8))),
                            rng.choice(NASTY))
    return rng.choice(["-", "--", "---x", "--=1", "x", "-x=1", "--RngRun=%s" % rng.choice(NASTY),
                       "--RngSeed=1", "--ChecksumEnabled=2"])


#: Arguments that are bad in every example (so that no random case runs a study).
ALWAYS_BAD = ["--noSuchOption=1", "bareword", "--=x", "--RngRun=1.5", "--RngRun=-3", "--RngSeed=5"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_random_arguments_exit_2_never_a_signal(name, tmp_path):
    """A few hundred random argument strings in all: each holds at least one bad
    argument; every one ends with exit 2 and a message, none with a signal."""
    rng = random.Random("tfo-arguments-" + name)
    options = program_options(name)
    for i in range(50):
        args = [_random_argument(rng, options) for _ in range(rng.randint(0, 4))]
        args.insert(rng.randint(0, len(args)), rng.choice(ALWAYS_BAD))
        r = run(name, args, tmp_path, timeout=60)
        assert_exit2(r, name, args)


def sem_parameters(name):
    """The options and defaults as SEM reads them from --PrintHelp (and
    --PrintGlobals), with SEM's own parser: numbers come back as floats,
    booleans as Python's, a missing default as None. The runner is made without
    its constructor, which would configure and build an ns-3 tree."""
    import sem

    runner = object.__new__(sem.SimulationRunner)
    runner.path = REPO
    runner.script_executable = example_path(name)
    runner.environment = {"LD_LIBRARY_PATH": os.path.join(os.path.dirname(runner.script_executable),
                                                          os.pardir, "lib")}
    return runner.get_available_parameters()


@pytest.mark.parametrize("name", STUDIES + ["tcp-fast-open-example"])
def test_help_defaults_parse_back(name, tmp_path):
    """Every option shows a default that SEM reads back (no None, no empty
    string), and passing every default back as SEM does ("--%s=%s" of the
    value it parsed: 50 comes back as "50.0", false as "False") is accepted:
    the study starts its first simulation ("[1/N]" on stderr), the demo runs."""
    options = program_options(name)
    params = sem_parameters(name)
    assert sorted(params) == sorted(o for o, _ in options), params
    missing = [o for o, v in params.items() if v is None or v == ""]
    assert not missing, "%s: options without a default: %s" % (name, missing)
    # One bracket per line: the default (a reader such as SEM takes no other).
    r = run(name, ["--PrintHelp"], REPO)
    lines = [l for l in r.stdout.split("\nGeneral Arguments:")[0].splitlines() if l.startswith("    --")]
    assert len(lines) == len(options)
    assert not [l for l in lines if l.count("[") > 1]
    # SEM's command line (sem/runner.py, run_simulations), with its first
    # RngRun (SEM counts runs from 0).
    args = ["--%s=%s" % (k, v) for k, v in params.items()] + ["--RngRun=0"]
    proc = subprocess.Popen([example_path(name)] + args, cwd=tmp_path, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        if name == "tcp-fast-open-example":
            err = proc.communicate(timeout=300)[1]
            assert proc.returncode == 0, err
        else:
            seen = []
            for line in proc.stderr:  # notes, then the first progress line
                seen.append(line)
                if line.startswith("[1/"):
                    break
            assert seen and seen[-1].startswith("[1/"), "%s did not start with its defaults:\n%s" % (
                name, "".join(seen))
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def test_rng_run_gives_independent_runs(tmp_path):
    """--RngRun is honoured: runs 1, 2 and 7 of a lossy point differ (before,
    the three CSVs were byte-identical), and one run repeats exactly."""
    records = {}
    for run_number in (1, 2, 7, 2):
        out = tmp_path / ("run%d" % len(records))
        r = run("tcp-fast-open-latency", ["--rtts=20", "--lossRates=0.05", "--responseSizes=20000",
                                          "--transactions=10", "--runs=1", "--RngRun=%d" % run_number,
                                          "--outputDir=%s" % out, "--plot=none"], tmp_path)
        assert r.returncode == 0, r.stderr
        lines = (out / "tcp-fast-open-latency-records.csv").read_text().splitlines()
        assert len(lines) == 2
        assert lines[1].split(",")[5] == str(run_number)
        records.setdefault(run_number, []).append((out / "tcp-fast-open-latency.csv").read_text())
    assert len({records[1][0], records[2][0], records[7][0]}) == 3
    assert records[2][0] == records[2][1]


@pytest.mark.parametrize("name,args", [
    ("tcp-fast-open-latency", ["--rtts=20", "--lossRates=0", "--responseSizes=1000", "--transactions=2"]),
    ("tcp-fast-open-middlebox", ["--transactions=1"]),
    ("tcp-fast-open-page-load", ["--page=p:base=1000;objects=2x1000@1", "--rtts=20"]),
    ("tcp-fast-open-server-farm", ["--servers=2", "--policies=random", "--keys=shared,per_server",
                                   "--clients=5", "--visits=2"]),
    ("tcp-fast-open-syn-flood", ["--scenarios=tfo-off-cookies", "--rates=100", "--timelineRate=none"]),
])
def test_one_point_writes_only_into_output_dir(name, args, tmp_path):
    """Single values run one point (one scenario and rate for the flood
    example); every output goes into --outputDir, and the records carry the
    seed, the run, the versions and the commit."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    out = tmp_path / "out"
    r = run(name, args + ["--runs=1", "--RngRun=4", "--seed=9", "--outputDir=%s" % out], cwd, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    assert os.listdir(cwd) == []
    import csv
    with open(out / ("%s-records.csv" % name), newline="") as f:
        rows = list(csv.DictReader(f))
    expected = {"tcp-fast-open-middlebox": None, "tcp-fast-open-server-farm": 2}.get(name, 1)
    if expected is not None:
        assert len(rows) == expected
    for row in rows:
        assert row["program"] == name
        assert row["seed"] == "9"
        assert row["run"] == "4"
        assert row["ns3_version"].startswith("3.")
        assert row["module_version"] == "0.1.0"
        assert row["git_commit"] and row["git_commit"] != "unknown"
        assert any(k.startswith("param.") for k in row)
