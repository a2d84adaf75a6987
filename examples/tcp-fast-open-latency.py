#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The latency-gain study from Python (tcp-fast-open-latency.cc's arguments and
output): request/response transactions, a new connection each, over a
dumbbell, TFO off and on (same seed, same topology), swept over RTT, request
size, response size and loss rate. The simulation is the module's
TcpFastOpenLatencySweep, driven through the bindings as the C++ example drives it.

  PYTHONPATH=python python3 examples/tcp-fast-open-latency.py --rtts=20,100 --runs=1
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from tcp_fast_open import ns  # noqa: E402

PROG = "tcp-fast-open-latency"
OPTIONS = {  # name: (default, help) as the C++ example
    "rtts": ("10,20,50,100,200,300", "base RTTs in ms, comma-separated"),
    "requestSizes": ("500", "request sizes in bytes (>= 8), comma-separated"),
    "responseSizes": ("1000,10000", "response sizes in bytes (>= 1), comma-separated"),
    "lossRates": ("0,0.01", "bottleneck loss probabilities (0 to 0.5), comma-separated"),
    "transactions": ("20", "measured transactions per run (after one warm-up)"),
    "thinkTime": ("100", "ms between a response and the next request"),
    "persistent": ("false", "all transactions of a run on one connection"),
    "queueDisc": ("pfifo_fast", "bottleneck queue disc: pfifo_fast, fifo, fq_codel, codel, red, pie, none"),
    "accessRate": ("100Mbps", "access link rate"),
    "bottleneckRate": ("10Mbps", "bottleneck rate"),
    "outputDir": (".", "directory of every output file (created if missing)"),
    "csv": (PROG + ".csv", "results CSV, inside --outputDir unless absolute; 'none'"),
    "plot": (PROG, "figures' prefix (PREFIX.plt, PREFIX.png), inside --outputDir unless absolute; 'none'"),
    "records": (PROG + "-records.csv", "one CSV record per point and run (parameters, seed, run, versions, "
                                        "measured values), inside --outputDir unless absolute; 'none'"),
    "seed": ("1", "ns-3 RNG seed (1 .. 4294944442)"),
    "runs": ("5", "independent runs per point: RngRun, RngRun+1, ... (ns-3's --RngRun sets the first, "
                  "default 1)"),
    "transactionsCsv": ("none", "every transaction to this CSV, inside --outputDir unless absolute; 'none'"),
    "RngRun": ("1", "ns-3's run number: the first run"),
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
inline bool WriteRecords(const std::string& path, const Sweep& sweep,
                         const std::vector<Sweep::Result>& results)
{
    return ns3::TcpFastOpenPointRecord::Write(path, sweep.GetRecords("tcp-fast-open-latency", results));
}
}
""")


# One checker for every example (C++ and Python): a bad argument ends the
# program with exit status 2 and "tcp-fast-open-latency.py: error: --name: ...".
CHECK = ns.TcpFastOpenArgumentChecker(PROG + ".py")


def fail(message):
    CHECK.Fail(message)


def parse_args(argv):
    """The options through ns-3's CommandLine, as ns-3's own Python examples
    parse theirs (--help / --PrintHelp list them); an unknown option, a bare
    word or a missing value is refused first through the checker (exit 2, as
    the C++ example), and the values stay text and are checked in make_sweep."""
    help_only = False
    for arg in argv:
        if arg in ("-h", "--help", "--PrintHelp"):
            help_only = True
            continue
        if not arg.startswith("--"):
            fail('unexpected argument "%s" (options are --name=value)' % arg)
        name, _, value = arg[2:].partition("=")
        if name not in OPTIONS:
            fail("--%s: unknown option" % name)
        if not value:
            fail("--%s: needs a value (--%s=VALUE)" % (name, name))
    values = {name: ns.cppyy.gbl.std.string(default) for name, (default, _) in OPTIONS.items()}
    cmd = ns.CommandLine(__file__)
    for name, (_, text) in OPTIONS.items():
        cmd.AddValue["std::string"](name, text, values[name])  # explicit: cppyy 3.1.2 crashes deducing it
    cmd.Parse([PROG + ".py"] + list(argv))
    if help_only:
        sys.exit(0)
    return {name: str(value) for name, value in values.items()}


def make_sweep(args):
    """The TcpFastOpenLatencySweep the arguments describe (checked as the C++ example)."""
    sweep = ns.TcpFastOpenLatencySweep()
    std = ns.cppyy.gbl.std
    rtts = std.vector[ns.Time]()
    for s in CHECK.List("rtts", args["rtts"]):
        rtts.push_back(ns.MicroSeconds(int(round(1000 * CHECK.Number("rtts", s, 0.1, 10000)))))
    requests = std.vector["uint32_t"]()
    for s in CHECK.List("requestSizes", args["requestSizes"]):
        requests.push_back(CHECK.Integer("requestSizes", s, 8, 10000000))
    responses = std.vector["uint32_t"]()
    for s in CHECK.List("responseSizes", args["responseSizes"]):
        responses.push_back(CHECK.Integer("responseSizes", s, 1, 100000000))
    losses = std.vector["double"]()
    for s in CHECK.List("lossRates", args["lossRates"]):
        losses.push_back(CHECK.Number("lossRates", s, 0, 0.5))
    if str(ns.TcpFastOpenTopologyHelper.QueueDiscTypeName(args["queueDisc"])) == "?":
        fail('--queueDisc: unknown queue disc "%s" (pfifo_fast, fifo, fq_codel, codel, red, pie, none)'
             % args["queueDisc"])
    access = CHECK.Rate("accessRate", args["accessRate"])
    bottleneck = CHECK.Rate("bottleneckRate", args["bottleneckRate"])

    sweep.SetRtts(rtts)
    sweep.SetRequestSizes(requests)
    sweep.SetResponseSizes(responses)
    sweep.SetLossRates(losses)
    sweep.SetSeed(CHECK.Seed("seed", args["seed"]))
    sweep.SetRuns(CHECK.Integer("runs", args["runs"], 1, 10000))
    sweep.SetFirstRun(CHECK.Integer("RngRun", args["RngRun"], 0, 1000000000))
    sweep.SetTransactions(CHECK.Integer("transactions", args["transactions"], 1, 1000000))
    sweep.SetThinkTime(ns.MicroSeconds(int(round(1000 * CHECK.Number("thinkTime", args["thinkTime"], 0, 1e6)))))
    sweep.SetPersistent(CHECK.Boolean("persistent", args["persistent"]))
    sweep.SetQueueDisc(args["queueDisc"])
    sweep.SetRates(access, bottleneck)
    return sweep


def main(argv):
    args = parse_args(argv)
    sweep = make_sweep(args)
    output_dir = args["outputDir"]
    if not output_dir:
        fail("--outputDir: empty (use . for the current directory)")
    try:
        os.makedirs(output_dir, exist_ok=True)
    except OSError as e:
        fail('--outputDir: cannot create "%s": %s' % (output_dir, e.strerror))
    csv, plot, records, transactions = (str(CHECK.OutputPath(n, args[n], output_dir))
                                        for n in ("csv", "plot", "records", "transactionsCsv"))

    std = ns.cppyy.gbl.std
    results = sweep.Run(std.cerr)
    out = ["TCP Fast Open latency gain (%d points, seed %s, %s run(s) x %s transactions, TFO off vs on)\n"
           % (sweep.GetPoints().size(), args["seed"], args["runs"], args["transactions"])]
    table = std.ostringstream()
    ns.TcpFastOpenLatencySweep.WriteTable(table, results)
    out.append(str(table.str()))
    sys.stdout.write("".join(out))
    ex = ns.cppyy.gbl.tfo_latency_example
    if csv:
        stream = std.ofstream(csv)
        ns.TcpFastOpenLatencySweep.WriteCsv(stream, results)
        stream.flush()
        if not stream.good():
            sys.stderr.write("%s: error: cannot write %s\n" % (PROG, csv))
            return 1
        print("CSV: " + csv)
    if records:
        if not ex.WriteRecords(records, sweep, results):
            sys.stderr.write("%s: error: cannot write %s\n" % (PROG, records))
            return 1
        print("records: " + records)
    if transactions:
        if not ex.WriteTransactions(transactions, results):
            sys.stderr.write("%s: error: cannot write %s\n" % (PROG, transactions))
            return 1
        print("transactions CSV: " + transactions)
    if plot:
        report = str(ex.Figures(plot, csv, transactions, results))
        if not report:
            sys.stderr.write("%s: error: cannot write %s.plt\n" % (PROG, plot))
            return 1
        sys.stdout.write(report)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
