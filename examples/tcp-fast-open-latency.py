#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The latency-gain study from Python (tcp-fast-open-latency.cc's arguments and
output): request/response transactions, a new connection each, over a
dumbbell, TFO off and on (same seed, same topology), swept over RTT, request
size, response size and loss rate. The simulation is the module's
TcpFastOpenLatencySweep, driven through the bindings as the C++ example drives it.

  PYTHONPATH=python python3 examples/tcp-fast-open-latency.py --rtts=20,100 --runs=1
"""

import math
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from tcp_fast_open import ns  # noqa: E402

PROG = "tcp-fast-open-latency"
OPTIONS = {  # name: (default, help) as the C++ example
    "rtts": ("10,20,50,100,200,300", "base RTTs in ms, comma-separated"),
    "requestSizes": ("500", "request sizes in bytes (>= 8), comma-separated"),
    "responseSizes": ("1000,10000", "response sizes in bytes (>= 1), comma-separated"),
    "lossRates": ("0,0.01", "bottleneck loss probabilities in [0, 0.5], comma-separated"),
    "seed": ("1", "ns-3 RNG seed (>= 1)"),
    "runs": ("3", "independent runs per point (RngRun 1..runs)"),
    "transactions": ("20", "measured transactions per run (after one warm-up)"),
    "thinkTime": ("100", "ms between a response and the next request"),
    "persistent": ("false", "all transactions of a run on one connection"),
    "queueDisc": ("pfifo_fast", "bottleneck queue disc: pfifo_fast, fifo, fq_codel, codel, red, pie, none"),
    "accessRate": ("100Mbps", "access link rate"),
    "bottleneckRate": ("10Mbps", "bottleneck rate"),
    "outputDir": (".", "directory for the default output files"),
    "csv": ("", "CSV file, one row per point (default OUTPUTDIR/tcp-fast-open-latency.csv; 'none' for no CSV)"),
    "plot": ("", "figure prefix: PREFIX, PREFIX-gain, PREFIX-cdf (.plt, .png, .pdf; default "
                 "OUTPUTDIR/tcp-fast-open-latency; 'none' for no plot)"),
    "transactionsCsv": ("", "also write every transaction to this CSV file"),
}

ns.cppyy.cppdef("""
#include <fstream>
#include <sstream>
namespace tfo_latency_example {
using Sweep = ns3::TcpFastOpenLatencySweep;
inline std::vector<Sweep::Result> Run(const Sweep& sweep) { return sweep.Run(&std::cerr); }
inline std::string Table(const std::vector<Sweep::Result>& r) { std::ostringstream os; Sweep::WriteTable(os, r); return os.str(); }
inline bool WriteCsv(const std::string& path, const std::vector<Sweep::Result>& r)
{
    std::ofstream out(path);
    Sweep::WriteCsv(out, r);
    return bool(out);
}
inline bool WriteTransactions(const std::string& path, const std::vector<Sweep::Result>& results)
{
    std::ofstream out(path);
    Sweep::WriteTransactionsCsv(out, results);
    return bool(out);
}
inline std::string Figures(const std::string& prefix, const std::string& csv,
                           const std::string& transactionsCsv,
                           const std::vector<Sweep::Result>& results)
{
    std::ostringstream report;
    if (!Sweep::WriteFigures(prefix, csv, transactionsCsv, results, report))
    {
        return "";
    }
    return report.str();
}
}
""")


def fail(message):
    sys.stderr.write("%s: error: %s\n  (see --help for the options)\n" % (PROG, message))
    sys.exit(2)


def parse_number(name, text, lo, hi):
    try:
        v = float(text)
    except ValueError:
        v = float("nan")
    if not text or not math.isfinite(v) or text.strip() != text:
        fail('--%s: "%s" is not a number' % (name, text))
    if v < lo or v > hi:
        fail("--%s: %s is out of range [%g, %g]" % (name, text, lo, hi))
    return v


def parse_integer(name, text, lo, hi):
    if not text or not text.isdigit() or len(text) > 10:
        fail('--%s: "%s" is not a non-negative integer' % (name, text))
    return int(parse_number(name, text, lo, hi))


def split(name, text):
    items = text.split(",")
    if not text or text.endswith(","):
        fail('--%s needs a comma-separated list, got "%s"' % (name, text))
    if any(not i for i in items):
        fail('--%s="%s" has an empty item' % (name, text))
    return items


def parse_args(argv):
    """The options through ns-3's CommandLine, as ns-3's own Python examples
    parse theirs (--help / --PrintHelp list them); the values stay text and are
    checked in make_sweep, as the C++ example checks its."""
    values = {name: ns.cppyy.gbl.std.string(default) for name, (default, _) in OPTIONS.items()}
    cmd = ns.CommandLine(__file__)
    for name, (_, text) in OPTIONS.items():
        cmd.AddValue["std::string"](name, text, values[name])  # explicit: cppyy 3.1.2 crashes deducing it
    cmd.Parse([PROG + ".py"] + list(argv))
    return {name: str(value) for name, value in values.items()}


def make_sweep(args):
    """The TcpFastOpenLatencySweep the arguments describe (validated as the C++ example)."""
    sweep = ns.TcpFastOpenLatencySweep()
    std = ns.cppyy.gbl.std
    rtts = std.vector[ns.Time]()
    for s in split("rtts", args["rtts"]):
        rtts.push_back(ns.MicroSeconds(int(round(1000 * parse_number("rtts", s, 0.1, 10000)))))
    requests = std.vector["uint32_t"]()
    for s in split("requestSizes", args["requestSizes"]):
        requests.push_back(parse_integer("requestSizes", s, 8, 10000000))
    responses = std.vector["uint32_t"]()
    for s in split("responseSizes", args["responseSizes"]):
        responses.push_back(parse_integer("responseSizes", s, 1, 100000000))
    losses = std.vector["double"]()
    for s in split("lossRates", args["lossRates"]):
        losses.push_back(parse_number("lossRates", s, 0, 0.5))
    if str(ns.TcpFastOpenTopologyHelper.QueueDiscTypeName(args["queueDisc"])) == "?":
        fail('--queueDisc: unknown queue disc "%s" (pfifo_fast, fifo, fq_codel, codel, red, pie, none)'
             % args["queueDisc"])
    checker = ns.MakeDataRateChecker()
    for name in ("accessRate", "bottleneckRate"):
        if not ns.DataRateValue().DeserializeFromString(args[name], checker):
            fail('--%s: "%s" is not a data rate (e.g. %s)' % (name, args[name], OPTIONS[name][0]))
    access = ns.DataRate(args["accessRate"])
    bottleneck = ns.DataRate(args["bottleneckRate"])
    if access.GetBitRate() == 0 or bottleneck.GetBitRate() == 0:
        fail("link rates must be > 0")
    persistent = args["persistent"].lower() in ("1", "true", "yes", "on")

    sweep.SetRtts(rtts)
    sweep.SetRequestSizes(requests)
    sweep.SetResponseSizes(responses)
    sweep.SetLossRates(losses)
    sweep.SetSeed(parse_integer("seed", args["seed"], 1, 2**32 - 1))
    sweep.SetRuns(parse_integer("runs", args["runs"], 1, 10000))
    sweep.SetTransactions(parse_integer("transactions", args["transactions"], 1, 1000000))
    sweep.SetThinkTime(ns.MicroSeconds(int(round(1000 * parse_number("thinkTime", args["thinkTime"], 0, 1e6)))))
    sweep.SetPersistent(persistent)
    sweep.SetQueueDisc(args["queueDisc"])
    sweep.SetRates(access, bottleneck)
    return sweep


def main(argv):
    args = parse_args(argv)
    sweep = make_sweep(args)
    output_dir = args["outputDir"]
    try:
        os.makedirs(output_dir, exist_ok=True)
    except OSError as e:
        fail('--outputDir: cannot create "%s": %s' % (output_dir, e.strerror))
    base = os.path.join(output_dir, PROG)
    csv = args["csv"] or base + ".csv"
    plot = args["plot"] or base

    std = ns.cppyy.gbl.std
    results = sweep.Run(std.cerr)
    out = ["TCP Fast Open latency gain (%d points, seed %s, %s run(s) x %s transactions, TFO off vs on)\n"
           % (sweep.GetPoints().size(), args["seed"], args["runs"], args["transactions"])]
    table = std.ostringstream()
    ns.TcpFastOpenLatencySweep.WriteTable(table, results)
    out.append(str(table.str()))
    sys.stdout.write("".join(out))
    if csv != "none":
        stream = std.ofstream(csv)
        ns.TcpFastOpenLatencySweep.WriteCsv(stream, results)
        stream.flush()
        if not stream.good():
            sys.stderr.write("%s: error: cannot write %s\n" % (PROG, csv))
            return 1
        print("CSV: " + csv)
    if args["transactionsCsv"]:
        if not ex.WriteTransactions(args["transactionsCsv"], results):
            sys.stderr.write("%s: error: cannot write %s\n" % (PROG, args["transactionsCsv"]))
            return 1
        print("transactions CSV: " + args["transactionsCsv"])
    if plot != "none":
        report = str(ex.Figures(plot, csv, args["transactionsCsv"], results))
        if not report:
            sys.stderr.write("%s: error: cannot write %s.plt\n" % (PROG, plot))
            return 1
        sys.stdout.write(report)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
