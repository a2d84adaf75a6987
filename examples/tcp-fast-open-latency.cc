/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 *
 * The latency-gain study (the module's main scenario): request/response
 * transactions, each on a new connection, over a dumbbell, with TFO off and
 * on (same seed, same topology), swept over RTT, request size, response size
 * and loss rate. Prints a table, writes a CSV (one row per sweep point) and a
 * gnuplot script (rendered to PNG when gnuplot is installed).
 *
 * \code
 *   tcp-fast-open-latency                         # default sweep, outputs in .
 *   tcp-fast-open-latency --rtts=20,100 --responseSizes=1000 --lossRates=0 --runs=1
 *   tcp-fast-open-latency --outputDir=results --seed=7 --runs=5
 * \endcode
 */

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-module.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("TcpFastOpenLatency");

namespace
{

} // namespace

int
main(int argc, char* argv[])
{
    const TcpFastOpenArgumentChecker check("tcp-fast-open-latency");
    std::string rtts = "10,20,50,100,200,300";
    std::string requestSizes = "500";
    std::string responseSizes = "1000,10000";
    std::string lossRates = "0,0.01";
    std::string seed = "1";
    std::string runs = "5";
    std::string transactions = "50";
    std::string think = "100";
    std::string queueDisc = "pfifo_fast";
    std::string accessRate = "100Mbps";
    std::string bottleneckRate = "10Mbps";
    bool persistent = false;
    std::string outputDir = ".";
    std::string csv;
    std::string plot;
    std::string transactionsCsv;

    CommandLine cmd(__FILE__);
    cmd.Usage("TCP Fast Open latency gain: request/response transactions (a new connection "
              "each) with TFO off and on, swept over RTT, request size, response size and "
              "loss rate.");
    cmd.AddValue("rtts", "base RTTs in ms, comma-separated", rtts);
    cmd.AddValue("requestSizes", "request sizes in bytes (>= 8), comma-separated", requestSizes);
    cmd.AddValue("responseSizes", "response sizes in bytes (>= 1), comma-separated", responseSizes);
    cmd.AddValue("lossRates",
                 "bottleneck loss probabilities in [0, 0.5], comma-separated",
                 lossRates);
    cmd.AddValue("seed", "ns-3 RNG seed (>= 1)", seed);
    cmd.AddValue("runs", "independent runs per point (RngRun 1..runs)", runs);
    cmd.AddValue("transactions", "measured transactions per run (after one warm-up)", transactions);
    cmd.AddValue("thinkTime", "ms between a response and the next request", think);
    cmd.AddValue("persistent", "all transactions of a run on one connection", persistent);
    cmd.AddValue("queueDisc",
                 "bottleneck queue disc: pfifo_fast, fifo, fq_codel, codel, red, "
                 "pie, none",
                 queueDisc);
    cmd.AddValue("accessRate", "access link rate", accessRate);
    cmd.AddValue("bottleneckRate", "bottleneck rate", bottleneckRate);
    cmd.AddValue("outputDir", "directory for the default output files", outputDir);
    cmd.AddValue("csv",
                 "CSV file, one row per point (default OUTPUTDIR/tcp-fast-open-latency.csv;"
                 " 'none' for no CSV)",
                 csv);
    cmd.AddValue("plot",
                 "figure prefix: PREFIX, PREFIX-gain, PREFIX-cdf (.plt, .png, .pdf; default "
                 "OUTPUTDIR/tcp-fast-open-latency; 'none' for no plot)",
                 plot);
    cmd.AddValue("transactionsCsv",
                 "also write every transaction to this CSV file",
                 transactionsCsv);
    cmd.Parse(argc, argv);

    TcpFastOpenLatencySweep sweep;
    std::vector<Time> rttList;
    for (const auto& s : check.List("rtts", rtts))
    {
        rttList.push_back(MicroSeconds(
            static_cast<int64_t>(std::llround(1000 * check.Number("rtts", s, 0.1, 10000)))));
    }
    std::vector<uint32_t> requestList;
    for (const auto& s : check.List("requestSizes", requestSizes))
    {
        requestList.push_back(check.Integer("requestSizes", s, 8, 10000000));
    }
    std::vector<uint32_t> responseList;
    for (const auto& s : check.List("responseSizes", responseSizes))
    {
        responseList.push_back(check.Integer("responseSizes", s, 1, 100000000));
    }
    std::vector<double> lossList;
    for (const auto& s : check.List("lossRates", lossRates))
    {
        lossList.push_back(check.Number("lossRates", s, 0, 0.5));
    }
    if (TcpFastOpenTopologyHelper::QueueDiscTypeName(queueDisc) == "?")
    {
        check.Fail("--queueDisc: unknown queue disc \"" + queueDisc +
                   "\" (pfifo_fast, fifo, fq_codel, codel, red, pie, none)");
    }
    DataRate access;
    DataRate bottleneck;
    if (!DataRateValue().DeserializeFromString(accessRate, MakeDataRateChecker()))
    {
        check.Fail("--accessRate: \"" + accessRate + "\" is not a data rate (e.g. 100Mbps)");
    }
    if (!DataRateValue().DeserializeFromString(bottleneckRate, MakeDataRateChecker()))
    {
        check.Fail("--bottleneckRate: \"" + bottleneckRate + "\" is not a data rate (e.g. 10Mbps)");
    }
    access = DataRate(accessRate);
    bottleneck = DataRate(bottleneckRate);
    if (access.GetBitRate() == 0 || bottleneck.GetBitRate() == 0)
    {
        check.Fail("link rates must be > 0");
    }

    sweep.SetRtts(rttList);
    sweep.SetRequestSizes(requestList);
    sweep.SetResponseSizes(responseList);
    sweep.SetLossRates(lossList);
    sweep.SetSeed(check.Integer("seed", seed, 1, std::numeric_limits<uint32_t>::max()));
    sweep.SetRuns(check.Integer("runs", runs, 1, 10000));
    sweep.SetTransactions(check.Integer("transactions", transactions, 1, 1000000));
    sweep.SetThinkTime(MicroSeconds(
        static_cast<int64_t>(std::llround(1000 * check.Number("thinkTime", think, 0, 1e6)))));
    sweep.SetPersistent(persistent);
    sweep.SetQueueDisc(queueDisc);
    sweep.SetRates(access, bottleneck);

    std::error_code ec;
    std::filesystem::create_directories(outputDir, ec);
    if (ec)
    {
        check.Fail("--outputDir: cannot create \"" + outputDir + "\": " + ec.message());
    }
    const std::string base = (std::filesystem::path(outputDir) / "tcp-fast-open-latency").string();
    if (csv.empty())
    {
        csv = base + ".csv";
    }
    if (plot.empty())
    {
        plot = base;
    }

    const std::vector<TcpFastOpenLatencySweep::Result> results = sweep.Run(&std::cerr);

    std::cout << "TCP Fast Open latency gain (" << sweep.GetPoints().size() << " points, seed "
              << seed << ", " << runs << " run(s) x " << transactions
              << " transactions, TFO off vs on)\n";
    TcpFastOpenLatencySweep::WriteTable(std::cout, results);

    if (csv != "none")
    {
        std::ofstream out(csv);
        TcpFastOpenLatencySweep::WriteCsv(out, results);
        if (!out)
        {
            std::cerr << "tcp-fast-open-latency: error: cannot write " << csv << std::endl;
            return 1;
        }
        std::cout << "CSV: " << csv << "\n";
    }
    if (!transactionsCsv.empty())
    {
        std::ofstream out(transactionsCsv);
        TcpFastOpenLatencySweep::WriteTransactionsCsv(out, results);
        if (!out)
        {
            std::cerr << "tcp-fast-open-latency: error: cannot write " << transactionsCsv
                      << std::endl;
            return 1;
        }
        std::cout << "transactions CSV: " << transactionsCsv << "\n";
    }
    if (plot != "none" &&
        !TcpFastOpenLatencySweep::WriteFigures(plot, csv, transactionsCsv, results, std::cout))
    {
        std::cerr << "tcp-fast-open-latency: error: cannot write " << plot << ".plt" << std::endl;
        return 1;
    }
    return 0;
}
