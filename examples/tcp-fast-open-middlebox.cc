/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 *
 * Middleboxes against TCP Fast Open: for each middlebox model
 * (TcpFastOpenMiddlebox) on the router of a client - router - server path,
 * the connection completion rate and the transaction latency with TFO off,
 * TFO on without fallback, and TFO on with each client fallback the socket
 * model offers (negative caching, blackhole detection). Prints a table,
 * writes a CSV and two gnuplot figures (completion rate, median latency),
 * rendered to PNG when gnuplot is installed. Progress goes to stderr.
 *
 * \code
 *   tcp-fast-open-middlebox                              # outputs in .
 *   tcp-fast-open-middlebox --transactions=10 --runs=3 --seed=7 --outputDir=results
 * \endcode
 */

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-module.h"

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Shorthand.
using Study = TcpFastOpenMiddleboxStudy;

/// One row: a middlebox and a client configuration over all runs.
struct Row
{
    Study::Middlebox middlebox;    //!< element
    Study::ClientTfo tfo;          //!< client
    uint32_t transactions{0};      //!< transactions run
    uint32_t completed{0};         //!< completed
    uint32_t synDataAcked{0};      //!< SYN data accepted
    uint32_t blackholes{0};        //!< TCPFastOpenBlackhole
    bool exact{true};              //!< every byte exactly once in every run
    TransactionStatistics latency; //!< latencies of completed transactions (ms)

    /// \return completion rate
    double Rate() const
    {
        return transactions ? double(completed) / transactions : 0.0;
    }
};

/**
 * \brief Render PREFIX-completion (completed transactions per middlebox and
 * client) and PREFIX-latency (median latency), .plt, .png and .pdf.
 * \param prefix output prefix
 * \param csv the CSV's path, named in the data blocks
 * \param clients the client configurations, one series each
 * \param rows the rows
 * \return false if a script could not be written
 */
bool
WriteFigures(const std::string& prefix,
             const std::string& csv,
             const std::vector<Study::ClientTfo>& clients,
             const std::vector<Row>& rows)
{
    using TS = TransactionStatistics;
    const std::string csvName = csv.substr(csv.find_last_of('/') + 1);
    for (const bool completion : {true, false})
    {
        TcpFastOpenFigure figure(completion
                                     ? "TCP Fast Open through middleboxes: connection completion"
                                     : "TCP Fast Open through middleboxes: median latency",
                                 1000,
                                 600);
        figure.Set(completion ? "set ylabel 'completed transactions (%)'"
                              : "set ylabel 'median latency of completed transactions (ms)'");
        figure.Set("set xtics rotate by -30");
        figure.Set("set key outside right top");
        figure.Set("set offsets 0.5, 0.5, 0, 0");
        figure.Set("set bmargin 8");
        for (size_t c = 0; c < clients.size(); ++c)
        {
            std::vector<std::vector<std::string>> block;
            for (const Row& r : rows)
            {
                if (r.tfo == clients[c])
                {
                    block.push_back({Study::MiddleboxToString(r.middlebox),
                                     TS::Format(r.Rate(), 4),
                                     TS::Format(r.latency.GetSummary().p50)});
                }
            }
            const std::string d =
                figure.AddData({"csv: " + csvName,
                                "where: client=" + Study::ClientTfoToString(clients[c]),
                                "columns: middlebox completion_rate p50_ms"},
                               block);
            // Side by side within each middlebox's slot.
            std::ostringstream x;
            x << "($0 - 0.24 + " << 0.16 * c << ")";
            figure.Plot(d + " using " + x.str() + (completion ? ":(100*$2)" : ":3") +
                        ":xtic(1) with points " + TcpFastOpenFigure::Style(c, false) +
                        " ps 2 title " +
                        TcpFastOpenFigure::Quote(Study::ClientTfoToString(clients[c])));
        }
        if (!figure.Render(prefix + (completion ? "-completion" : "-latency"), std::cerr))
        {
            return false;
        }
    }
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    TcpFastOpenArgumentChecker check("tcp-fast-open-middlebox");
    TcpFastOpenStudyOptions options(check.GetProgram(), 3);
    std::string transactions = "6";
    std::string rtt = "40";
    std::string requestSize = "500";
    std::string responseSize = "3000";
    std::string dataDrops = "2";
    std::string blackholeDrops = "4";
    std::string blackholeRequestSize = "4000";

    CommandLine cmd(__FILE__);
    cmd.Usage("Middleboxes against TCP Fast Open: completion rate and latency per middlebox, "
              "with TFO off, on, and on with each client fallback.");
    check.AddValue(cmd,
                   "transactions",
                   "transactions per run, each on a new connection",
                   transactions);
    check.AddValue(cmd, "rtt", "base RTT in ms (>= 4, a multiple of 4: two links each way)", rtt);
    check.AddValue(cmd, "requestSize", "request bytes (>= 8)", requestSize);
    check.AddValue(cmd, "responseSize", "response bytes (>= 1)", responseSize);
    check.AddValue(cmd,
                   "dataDrops",
                   "DROP_DATA_AFTER_TFO: data segments dropped per connection",
                   dataDrops);
    check.AddValue(cmd,
                   "blackholeDrops",
                   "DATA_BLACKHOLE_AFTER_TFO: data segments dropped per connection",
                   blackholeDrops);
    check.AddValue(cmd,
                   "blackholeRequestSize",
                   "DATA_BLACKHOLE_AFTER_TFO: request bytes (more than a SYN carries)",
                   blackholeRequestSize);
    options.AddTo(check, cmd);
    check.Parse(cmd, argc, argv);
    options.Resolve(check);

    Study::Config base;
    base.transactions = check.Integer("transactions", transactions, 1, 100000);
    const uint32_t nRuns = options.GetRuns();
    base.seed = options.GetSeed();
    const uint32_t rttMs = check.Integer("rtt", rtt, 4, 100000);
    if (rttMs % 4 != 0)
    {
        check.Fail("--rtt: " + rtt + " is not a multiple of 4 (two links, each way)");
    }
    base.delay = MilliSeconds(rttMs / 4);
    base.requestSize = check.Integer("requestSize", requestSize, 8, 10000000);
    base.responseSize = check.Integer("responseSize", responseSize, 1, 100000000);
    base.dataDrops = check.Integer("dataDrops", dataDrops, 1, 1000);
    base.blackholeDrops = check.Integer("blackholeDrops", blackholeDrops, 1, 1000);
    base.blackholeRequestSize =
        check.Integer("blackholeRequestSize", blackholeRequestSize, 8, 10000000);
    const std::string csv = options.GetCsv();
    const std::string plot = options.GetPlot();

    const std::vector<Study::Middlebox> boxes = {Study::NONE,
                                                 Study::DROP_SYN_DATA,
                                                 Study::DROP_SYN_OPTION,
                                                 Study::STRIP_SYN_OPTION,
                                                 Study::STRIP_SYNACK_OPTION,
                                                 Study::RST_SYN_DATA,
                                                 Study::DROP_DATA_AFTER_TFO,
                                                 Study::DATA_BLACKHOLE_AFTER_TFO};
    std::vector<Study::ClientTfo> clients;
    for (auto t : {Study::TFO_OFF,
                   Study::TFO_ON,
                   Study::TFO_ON_NEGATIVE_CACHE,
                   Study::TFO_ON_BLACKHOLE_DETECT})
    {
        if (Study::IsAvailable(t))
        {
            clients.push_back(t);
        }
        else
        {
            std::cerr << "note: " << Study::ClientTfoToString(t)
                      << " is not available in this build; skipped" << std::endl;
        }
    }

    std::vector<Row> rows;
    uint32_t step = 0;
    for (auto m : boxes)
    {
        for (auto t : clients)
        {
            ++step;
            std::cerr << "[" << step << "/" << boxes.size() * clients.size() << "] "
                      << Study::MiddleboxToString(m) << " " << Study::ClientTfoToString(t)
                      << " runs=" << nRuns << std::endl;
            Row row{m, t};
            for (uint32_t run = options.GetFirstRun(); run < options.GetFirstRun() + nRuns; ++run)
            {
                Study::Config config = base;
                config.middlebox = m;
                config.tfo = t;
                config.run = run;
                const Study::Result r = Study::Run(config);
                row.transactions += r.transactions.size();
                row.completed += r.completed;
                row.synDataAcked += r.synDataAcked;
                row.blackholes += r.blackholeCount;
                row.exact = row.exact && r.bytesExact;
                for (const auto& rec : r.transactions)
                {
                    if (rec.completed)
                    {
                        row.latency.Add(rec.GetLatency().GetSeconds() * 1000);
                    }
                }
            }
            rows.push_back(row);
        }
    }

    using TS = TransactionStatistics;
    std::cout << std::left << std::setw(26) << "middlebox" << std::setw(25) << "client"
              << std::right << std::setw(10) << "complete" << std::setw(9) << "SYN-data"
              << std::setw(10) << "mean ms" << std::setw(10) << "p50 ms" << std::setw(10)
              << "max ms" << std::setw(10) << "blackhole" << std::setw(7) << "exact"
              << "\n"
              << std::string(117, '-') << "\n";
    for (const Row& r : rows)
    {
        const TS::Summary s = r.latency.GetSummary();
        std::cout << std::left << std::setw(26) << Study::MiddleboxToString(r.middlebox)
                  << std::setw(25) << Study::ClientTfoToString(r.tfo) << std::right << std::setw(10)
                  << (std::to_string(r.completed) + "/" + std::to_string(r.transactions))
                  << std::setw(9) << r.synDataAcked << std::setw(10) << TS::Format(s.mean, 1)
                  << std::setw(10) << TS::Format(s.p50, 1) << std::setw(10) << TS::Format(s.max, 1)
                  << std::setw(10) << r.blackholes << std::setw(7) << (r.exact ? "yes" : "NO")
                  << "\n";
    }
    std::cout << "(" << nRuns << " run(s) x " << base.transactions
              << " transactions per row, each on a new connection; RTT " << rttMs
              << " ms; requests " << base.requestSize << " B (" << base.blackholeRequestSize
              << " B for DATA_BLACKHOLE_AFTER_TFO); latency of completed transactions, request "
                 "start to last response "
                 "byte; exact = every byte delivered exactly once)\n";

    if (!options.GetRecords().empty())
    {
        std::vector<TcpFastOpenPointRecord> records;
        for (const Row& r : rows)
        {
            const TS::Summary s = r.latency.GetSummary();
            TcpFastOpenPointRecord record(check.GetProgram(), base.seed, options.GetFirstRun());
            record.SetParameter("middlebox", Study::MiddleboxToString(r.middlebox));
            record.SetParameter("client", Study::ClientTfoToString(r.tfo));
            record.SetParameter("rtt_ms", rttMs);
            record.SetParameter("runs", nRuns);
            record.SetParameter("transactions", base.transactions);
            record.SetMeasured("completed", r.completed);
            record.SetMeasured("completion_rate", r.Rate());
            record.SetMeasured("syn_data_acked", r.synDataAcked);
            record.SetMeasured("mean_ms", s.mean);
            record.SetMeasured("p50_ms", s.p50);
            record.SetMeasured("p90_ms", s.p90);
            record.SetMeasured("max_ms", s.max);
            record.SetMeasured("blackhole", r.blackholes);
            record.SetMeasured("bytes_exact", r.exact ? 1 : 0);
            records.push_back(record);
        }
        if (!TcpFastOpenPointRecord::Write(options.GetRecords(), records))
        {
            check.Fail("--records: cannot write " + options.GetRecords());
        }
        std::cerr << "wrote " << options.GetRecords() << std::endl;
    }
    if (!csv.empty())
    {
        std::ofstream out(csv);
        if (!out)
        {
            check.Fail("cannot write " + csv);
        }
        out << "middlebox,client,transactions,completed,completion_rate,syn_data_acked,"
               "mean_ms,p50_ms,p90_ms,max_ms,blackhole,bytes_exact\n";
        for (const Row& r : rows)
        {
            const TS::Summary s = r.latency.GetSummary();
            out << Study::MiddleboxToString(r.middlebox) << "," << Study::ClientTfoToString(r.tfo)
                << "," << r.transactions << "," << r.completed << "," << TS::Format(r.Rate(), 4)
                << "," << r.synDataAcked << "," << TS::Format(s.mean) << "," << TS::Format(s.p50)
                << "," << TS::Format(s.p90) << "," << TS::Format(s.max) << "," << r.blackholes
                << "," << (r.exact ? 1 : 0) << "\n";
        }
        std::cerr << "wrote " << csv << std::endl;
    }

    if (!plot.empty() && !WriteFigures(plot, csv, clients, rows))
    {
        check.Fail("cannot write " + plot + "-completion.plt");
    }
    return 0;
}
