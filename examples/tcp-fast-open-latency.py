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
inline bool WriteTransactions(const std::string& path, const Sweep& sweep,
                              const std::vector<Sweep::Result>& results, uint32_t first, uint32_t runs)
{
    std::ofstream out(path);
    bool header = true;
    for (const auto& r : results)
        for (uint32_t run = first; run < first + runs; ++run)
            for (bool tfo : {false, true})
            {
                std::ostringstream label;
                label << ns3::TransactionStatistics::Format(r.point.rtt.GetSeconds() * 1000) << ";"
                      << r.point.requestSize << ";" << r.point.responseSize << ";"
                      << ns3::TransactionStatistics::Format(r.point.lossRate, 4) << ";" << run
                      << ";" << (tfo ? "on" : "off");
                ns3::TransactionStatistics::WriteTransactionsCsv(out, label.str(),
                                                                 sweep.RunOnce(r.point, tfo, run), header);
                header = false;
            }
    return bool(out);
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
    args = {k: v[0] for k, v in OPTIONS.items()}
    for arg in argv:
        if arg in ("-h", "--help", "--PrintHelp"):
            print("%s.py [--name=value ...]" % PROG)
            for k, (default, text) in OPTIONS.items():
                print("  --%-18s %s [%s]" % (k, text, default))
            sys.exit(0)
        if not arg.startswith("--"):
            fail('unexpected argument "%s" (options are --name=value)' % arg)
        name, eq, value = arg[2:].partition("=")
        if name not in OPTIONS:
            fail("--%s: unknown option" % name)
        if not value:
            fail("--%s: needs a value (--%s=VALUE)" % (name, name))
        args[name] = value
    return args


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
    sweep.SetFirstRun(CHECK.Integer("RngRun", args["RngRun"], 1, 1000000000))
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

    ex = ns.cppyy.gbl.tfo_latency_example
    results = ex.Run(sweep)
    out = ["TCP Fast Open latency gain (%d points, seed %s, %s run(s) x %s transactions, TFO off vs on)\n"
           % (sweep.GetPoints().size(), args["seed"], args["runs"], args["transactions"])]
    out.append(str(ex.Table(results)))
    sys.stdout.write("".join(out))
    if csv:
        if not ex.WriteCsv(csv, results):
            sys.stderr.write("%s: error: cannot write %s\n" % (PROG, csv))
            return 1
        print("CSV: " + csv)
    if plot:
        if not ns.TcpFastOpenLatencySweep.WritePlot(plot, results):
            sys.stderr.write("%s: error: cannot write %s.plt\n" % (PROG, plot))
            return 1
        print("gnuplot script: %s.plt" % plot)
        if ns.TcpFastOpenLatencySweep.RenderPlot(plot + ".plt"):
            print("figure: %s.png" % plot)
        else:
            print("figure: not rendered (gnuplot not found or failed)")
    if records:
        if not ex.WriteRecords(records, sweep, results):
            sys.stderr.write("%s: error: cannot write %s\n" % (PROG, records))
            return 1
        print("records: " + records)
    if transactions:
        if not ex.WriteTransactions(transactions, sweep, results, int(args["RngRun"]), int(args["runs"])):
            sys.stderr.write("%s: error: cannot write %s\n" % (PROG, transactions))
            return 1
        print("transactions CSV: " + transactions)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
