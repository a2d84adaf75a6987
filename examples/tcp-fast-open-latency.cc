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
 *   tcp-fast-open-latency --rtts=20 --lossRates=0.01 --responseSizes=1000 --runs=1 --RngRun=3
 *                                                 # one point, one run: one record
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
    TcpFastOpenArgumentChecker check("tcp-fast-open-latency");
    TcpFastOpenStudyOptions options(check.GetProgram(), 5);
    std::string rtts = "10,20,50,100,200,300";
    std::string requestSizes = "500";
    std::string responseSizes = "1000,10000";
    std::string lossRates = "0,0.01";
    std::string transactions = "50";
    std::string think = "100";
    std::string queueDisc = "pfifo_fast";
    std::string accessRate = "100Mbps";
    std::string bottleneckRate = "10Mbps";
    std::string persistent = "false";
    std::string transactionsCsv = "none";

    CommandLine cmd(__FILE__);
    cmd.Usage("TCP Fast Open latency gain: request/response transactions (a new connection "
              "each) with TFO off and on, swept over RTT, request size, response size and "
              "loss rate. Single values run one point.");
    check.AddValue(cmd, "rtts", "base RTTs in ms, comma-separated", rtts);
    check.AddValue(cmd,
                   "requestSizes",
                   "request sizes in bytes (>= 8), comma-separated",
                   requestSizes);
    check.AddValue(cmd,
                   "responseSizes",
                   "response sizes in bytes (>= 1), comma-separated",
                   responseSizes);
    check.AddValue(cmd,
                   "lossRates",
                   "bottleneck loss probabilities (0 to 0.5), comma-separated",
                   lossRates);
    check.AddValue(cmd,
                   "transactions",
                   "measured transactions per run (after one warm-up)",
                   transactions);
    check.AddValue(cmd, "thinkTime", "ms between a response and the next request", think);
    check.AddValue(cmd, "persistent", "all transactions of a run on one connection", persistent);
    check.AddValue(cmd,
                   "queueDisc",
                   "bottleneck queue disc: pfifo_fast, fifo, fq_codel, codel, red, "
                   "pie, none",
                   queueDisc);
    check.AddValue(cmd, "accessRate", "access link rate", accessRate);
    check.AddValue(cmd, "bottleneckRate", "bottleneck rate", bottleneckRate);
    options.AddTo(check, cmd);
    check.AddValue(cmd,
                   "transactionsCsv",
                   "every transaction to this CSV, inside --outputDir unless absolute; 'none'",
                   transactionsCsv);
    check.Parse(cmd, argc, argv);
    options.Resolve(check);

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
    const DataRate access = check.Rate("accessRate", accessRate);
    const DataRate bottleneck = check.Rate("bottleneckRate", bottleneckRate);
    transactionsCsv = check.OutputPath("transactionsCsv", transactionsCsv, options.GetOutputDir());

    sweep.SetRtts(rttList);
    sweep.SetRequestSizes(requestList);
    sweep.SetResponseSizes(responseList);
    sweep.SetLossRates(lossList);
    sweep.SetSeed(options.GetSeed());
    sweep.SetRuns(options.GetRuns());
    sweep.SetFirstRun(options.GetFirstRun());
    const uint32_t nTransactions = check.Integer("transactions", transactions, 1, 1000000);
    const bool isPersistent = check.Boolean("persistent", persistent);
    sweep.SetTransactions(nTransactions);
    sweep.SetThinkTime(MicroSeconds(
        static_cast<int64_t>(std::llround(1000 * check.Number("thinkTime", think, 0, 1e6)))));
    sweep.SetPersistent(isPersistent);
    sweep.SetQueueDisc(queueDisc);
    sweep.SetRates(access, bottleneck);
    const std::string csv = options.GetCsv();
    const std::string plot = options.GetPlot();
    const std::string seed = std::to_string(options.GetSeed());
    const uint32_t runs = options.GetRuns();

    const std::vector<TcpFastOpenLatencySweep::Result> results = sweep.Run(&std::cerr);

    std::cout << "TCP Fast Open latency gain (" << sweep.GetPoints().size() << " points, seed "
              << seed << ", " << runs << " run(s) x " << transactions
              << " transactions, TFO off vs on)\n";
    TcpFastOpenLatencySweep::WriteTable(std::cout, results);

    if (!csv.empty())
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
    if (!options.GetRecords().empty())
    {
        // One record per point: the runs RngRun .. RngRun + runs - 1 together.
        const auto records = sweep.GetRecords(check.GetProgram(), results);
        if (!TcpFastOpenPointRecord::Write(options.GetRecords(), records))
        {
            std::cerr << "tcp-fast-open-latency: error: cannot write " << options.GetRecords()
                      << std::endl;
            return 1;
        }
        std::cout << "records: " << options.GetRecords() << "\n";
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
    if (!plot.empty() &&
        !TcpFastOpenLatencySweep::WriteFigures(plot, csv, transactionsCsv, results, std::cout))
    {
        std::cerr << "tcp-fast-open-latency: error: cannot write " << plot << ".plt" << std::endl;
        return 1;
    }
    return 0;
}
