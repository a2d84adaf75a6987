/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_LATENCY_SWEEP_H
#define TCP_FAST_OPEN_LATENCY_SWEEP_H

#include "ns3/data-rate.h"
#include "ns3/nstime.h"
#include "ns3/request-response-client.h"
#include "ns3/tcp-fast-open-point-record.h"
#include "ns3/transaction-statistics.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief The transaction-latency study of examples/tcp-fast-open-latency:
 * for every combination of RTT, request size, response size and loss rate,
 * the same request/response workload with TFO off and on, on the same
 * topology, with the same seed and run numbers.
 *
 * One run of one point: a dumbbell (TcpFastOpenTopologyHelper) with one
 * client and one server, access links of AccessRate and delay min(1 ms,
 * RTT/8), a bottleneck of BottleneckRate and delay RTT/2 - 2 access delays,
 * the loss rate on the bottleneck, the Linux-defaults profile. The client
 * runs Transactions + 1 request/response transactions, each on a new
 * connection (or all on one, with SetPersistent), ThinkTime apart. The first
 * transaction is a warm-up: it fetches the TFO cookie (it is the "earlier
 * visit") and is left out of the statistics in both modes. TFO off is
 * net.ipv4.tcp_fastopen = 0 on both hosts and plain connect(); TFO on is 0x1
 * on the client, 0x2 on the server and sendto(MSG_FASTOPEN).
 *
 * Each run re-seeds ns-3 (RngSeedManager::SetSeed(seed), SetRun(run)) and
 * fixes the random streams, so a sweep is reproducible from its seed.
 */
class TcpFastOpenLatencySweep
{
  public:
    /// One point of the sweep.
    struct Point
    {
        Time rtt;                 //!< base RTT
        uint32_t requestSize{0};  //!< request bytes
        uint32_t responseSize{0}; //!< response bytes
        double lossRate{0};       //!< bottleneck loss probability per direction
    };

    /// Every transaction of one run of one point.
    struct RunRecords
    {
        uint32_t run{1};                        //!< the RngRun number
        bool tfo{false};                        //!< TFO on
        std::vector<TransactionRecord> records; //!< its transactions, the warm-up first
    };

    /// The outcome of one point: latencies (ms) of every run, TFO off and on.
    struct Result
    {
        Point point;                  //!< the point
        TransactionStatistics off;    //!< latencies with TFO off
        TransactionStatistics on;     //!< latencies with TFO on
        uint32_t incompleteOff{0};    //!< transactions that did not complete, TFO off
        uint32_t incompleteOn{0};     //!< transactions that did not complete, TFO on
        uint32_t synDataAcked{0};     //!< TFO on: transactions whose SYN data were accepted
        std::vector<RunRecords> runs; //!< every run's transactions (TFO off and on)
    };

    TcpFastOpenLatencySweep();

    /// \param rtts the RTTs
    void SetRtts(const std::vector<Time>& rtts);
    /// \param sizes the request sizes (bytes, at least 8)
    void SetRequestSizes(const std::vector<uint32_t>& sizes);
    /// \param sizes the response sizes (bytes, at least 1)
    void SetResponseSizes(const std::vector<uint32_t>& sizes);
    /// \param rates the loss rates, each in [0, 1)
    void SetLossRates(const std::vector<double>& rates);
    /// \param seed ns-3 seed (RngSeedManager::SetSeed)
    void SetSeed(uint32_t seed);
    /// \param runs independent runs per point (RngRun first .. first + runs - 1)
    void SetRuns(uint32_t runs);
    /// \param first the first run's RngRun (ns-3's --RngRun; default 1)
    void SetFirstRun(uint32_t first);
    /// \param transactions measured transactions per run (after the warm-up)
    void SetTransactions(uint32_t transactions);
    /// \param think time between a response and the next request
    void SetThinkTime(Time think);
    /// \param persistent every transaction of a run on one connection
    void SetPersistent(bool persistent);
    /**
     * \param access access link rate
     * \param bottleneck bottleneck rate
     */
    void SetRates(DataRate access, DataRate bottleneck);
    /// \param name bottleneck queue disc (TcpFastOpenTopologyHelper::SetQueueDisc)
    void SetQueueDisc(const std::string& name);

    /// \return every point, RTT varying slowest, then request, response and loss
    std::vector<Point> GetPoints() const;

    /**
     * \brief Simulate one run of one point.
     * \param point the point
     * \param tfo TFO on
     * \param run the RngRun number
     * \return every transaction of the run, the warm-up (index 0) included
     */
    std::vector<TransactionRecord> RunOnce(const Point& point, bool tfo, uint32_t run) const;

    /**
     * \brief Simulate every run of one point, TFO off and on.
     * \param point the point
     * \return its result
     */
    Result RunPoint(const Point& point) const;

    /**
     * \brief Simulate the whole sweep.
     * \param progress where to write one progress line per point ("[3/12] rtt=50ms ..."),
     *        or nullptr
     * \return one result per point, in GetPoints() order
     */
    std::vector<Result> Run(std::ostream* progress) const;

    /**
     * \brief One record per point (TcpFastOpenPointRecord): the point, the
     * sweep's settings, seed, first run, and the measured latencies.
     * \param program the program's name, the records' first column
     * \param results the results (of this sweep's Run())
     * \return the records, in the order of \p results
     */
    std::vector<TcpFastOpenPointRecord> GetRecords(const std::string& program,
                                                   const std::vector<Result>& results) const;

    /// \return the header line of WriteCsv (no trailing newline)
    static std::string GetCsvHeader();
    /**
     * \brief One CSV row per point (fixed columns, 3 decimals): samples,
     * incomplete transactions, mean, p10, p50, p90 and p99 latency off and
     * on, improvement of the median and of the mean.
     * \param os where to write
     * \param results the results
     */
    static void WriteCsv(std::ostream& os, const std::vector<Result>& results);
    /**
     * \brief One CSV row per transaction of every run (warm-ups flagged):
     * rtt_ms, loss_rate, run and tfo (off/on) columns, then
     * TransactionStatistics::WriteTransactionsCsv's (request and response sizes among them).
     * \param os where to write
     * \param results the results
     */
    static void WriteTransactionsCsv(std::ostream& os, const std::vector<Result>& results);
    /**
     * \brief The human-readable table: RTT, sizes, loss, median, mean and p99
     * latency off/on, improvement of the median and of the mean.
     * \param os where to write
     * \param results the results
     */
    static void WriteTable(std::ostream& os, const std::vector<Result>& results);
    /**
     * \brief Render the study's three figures (TcpFastOpenFigure: .plt, .png, .pdf):
     *  - PREFIX: median latency off and on vs RTT with p10-p90 error bars,
     *    one panel per request size, response size and loss rate;
     *  - PREFIX-gain: improvement of the median and of the mean vs RTT;
     *  - PREFIX-cdf: the CDF of the transaction latencies off and on, one
     *    panel per point.
     * \param prefix the output prefix
     * \param csv the per-point CSV's path, named in the data blocks
     * \param transactionsCsv the per-transaction CSV's path, named in the
     *        CDF's data blocks ("" if none is written)
     * \param results the results
     * \param report where to say what was written
     * \return false if a script could not be written
     */
    static bool WriteFigures(const std::string& prefix,
                             const std::string& csv,
                             const std::string& transactionsCsv,
                             const std::vector<Result>& results,
                             std::ostream& report);

  private:
    std::vector<Time> m_rtts;              //!< RTTs
    std::vector<uint32_t> m_requestSizes;  //!< request sizes
    std::vector<uint32_t> m_responseSizes; //!< response sizes
    std::vector<double> m_lossRates;       //!< loss rates
    uint32_t m_seed{1};                    //!< seed
    uint32_t m_runs{1};                    //!< runs per point
    uint32_t m_firstRun{1};                //!< the first run's RngRun
    uint32_t m_transactions{20};           //!< measured transactions per run
    Time m_think{MilliSeconds(100)};       //!< think time
    bool m_persistent{false};              //!< one connection per run
    DataRate m_accessRate{"100Mbps"};      //!< access rate
    DataRate m_bottleneckRate{"10Mbps"};   //!< bottleneck rate
    std::string m_queueDisc{"pfifo_fast"}; //!< bottleneck queue disc
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_LATENCY_SWEEP_H */
