/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-latency-sweep.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/request-response-server.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/tcp-fast-open-figure.h"
#include "ns3/tcp-fast-open-helper.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-fast-open-topology-helper.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenLatencySweep");

namespace
{

/// The server's port.
const uint16_t kPort = 80;

/**
 * \param t a time
 * \return it in milliseconds
 */
double
Ms(Time t)
{
    return t.GetDouble() / Time(MilliSeconds(1)).GetDouble();
}

} // namespace

TcpFastOpenLatencySweep::TcpFastOpenLatencySweep()
    : m_rtts({MilliSeconds(10),
              MilliSeconds(20),
              MilliSeconds(50),
              MilliSeconds(100),
              MilliSeconds(200),
              MilliSeconds(300)}),
      m_requestSizes({500}),
      m_responseSizes({10000}),
      m_lossRates({0})
{
    NS_LOG_FUNCTION(this);
}

void
TcpFastOpenLatencySweep::SetRtts(const std::vector<Time>& rtts)
{
    for (const Time& rtt : rtts)
    {
        NS_ABORT_MSG_IF(!rtt.IsStrictlyPositive(), "TcpFastOpenLatencySweep: RTT must be > 0");
    }
    m_rtts = rtts;
}

void
TcpFastOpenLatencySweep::SetRequestSizes(const std::vector<uint32_t>& sizes)
{
    for (uint32_t s : sizes)
    {
        NS_ABORT_MSG_IF(s < RequestResponseClient::HEADER_SIZE,
                        "TcpFastOpenLatencySweep: request size " << s << " < 8 (header)");
    }
    m_requestSizes = sizes;
}

void
TcpFastOpenLatencySweep::SetResponseSizes(const std::vector<uint32_t>& sizes)
{
    for (uint32_t s : sizes)
    {
        NS_ABORT_MSG_IF(s == 0, "TcpFastOpenLatencySweep: response size must be > 0");
    }
    m_responseSizes = sizes;
}

void
TcpFastOpenLatencySweep::SetLossRates(const std::vector<double>& rates)
{
    for (double r : rates)
    {
        NS_ABORT_MSG_IF(r < 0 || r >= 1, "TcpFastOpenLatencySweep: loss rate " << r);
    }
    m_lossRates = rates;
}

void
TcpFastOpenLatencySweep::SetSeed(uint32_t seed)
{
    NS_ABORT_MSG_IF(seed == 0, "TcpFastOpenLatencySweep: the seed must be > 0");
    m_seed = seed;
}

void
TcpFastOpenLatencySweep::SetRuns(uint32_t runs)
{
    NS_ABORT_MSG_IF(runs == 0, "TcpFastOpenLatencySweep: at least one run");
    m_runs = runs;
}

void
TcpFastOpenLatencySweep::SetFirstRun(uint32_t first)
{
    // Any run number ns-3 takes: SEM numbers its runs from 0.
    m_firstRun = first;
}

void
TcpFastOpenLatencySweep::SetTransactions(uint32_t transactions)
{
    NS_ABORT_MSG_IF(transactions == 0, "TcpFastOpenLatencySweep: at least one transaction");
    m_transactions = transactions;
}

void
TcpFastOpenLatencySweep::SetThinkTime(Time think)
{
    m_think = think;
}

void
TcpFastOpenLatencySweep::SetPersistent(bool persistent)
{
    m_persistent = persistent;
}

void
TcpFastOpenLatencySweep::SetRates(DataRate access, DataRate bottleneck)
{
    m_accessRate = access;
    m_bottleneckRate = bottleneck;
}

void
TcpFastOpenLatencySweep::SetQueueDisc(const std::string& name)
{
    NS_ABORT_MSG_IF(TcpFastOpenTopologyHelper::QueueDiscTypeName(name) == "?",
                    "TcpFastOpenLatencySweep: unknown queue disc " << name);
    m_queueDisc = name;
}

std::vector<TcpFastOpenLatencySweep::Point>
TcpFastOpenLatencySweep::GetPoints() const
{
    std::vector<Point> points;
    for (const Time& rtt : m_rtts)
    {
        for (uint32_t req : m_requestSizes)
        {
            for (uint32_t resp : m_responseSizes)
            {
                for (double loss : m_lossRates)
                {
                    points.push_back({rtt, req, resp, loss});
                }
            }
        }
    }
    return points;
}

std::vector<TransactionRecord>
TcpFastOpenLatencySweep::RunOnce(const Point& point, bool tfo, uint32_t run) const
{
    NS_LOG_FUNCTION(this << point.rtt << tfo << run);
    RngSeedManager::SetSeed(m_seed);
    RngSeedManager::SetRun(run);

    const Time access = std::min(MilliSeconds(1), point.rtt / 8);
    const Time bottleneck = point.rtt / 2 - 2 * access;

    TcpFastOpenTopologyHelper topology;
    topology.SetShape(TcpFastOpenTopologyHelper::DUMBBELL);
    topology.SetHosts(1, 1);
    topology.SetAccessLink(m_accessRate, access);
    topology.SetBottleneckLink(m_bottleneckRate, bottleneck);
    topology.SetLossRate(point.lossRate);
    topology.SetQueueDisc(m_queueDisc);
    topology.SetFastOpen(true,
                         tfo ? uint32_t(TcpFastOpenSocket::CLIENT_ENABLE) : 0,
                         tfo ? uint32_t(TcpFastOpenSocket::SERVER_ENABLE) : 0);
    topology.SetLinuxDefaults(true);
    topology.Build();
    topology.AssignStreams(1000);

    const TypeId factory = TypeId::LookupByName(TcpFastOpenHelper::GetSocketFactoryType());
    Ptr<RequestResponseServer> server = CreateObject<RequestResponseServer>();
    server->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), kPort)));
    server->SetAttribute("Protocol", TypeIdValue(factory));
    topology.GetServers().Get(0)->AddApplication(server);
    server->SetStartTime(Seconds(0));

    Ptr<RequestResponseClient> client = CreateObject<RequestResponseClient>();
    client->SetAttribute("Remote",
                         AddressValue(InetSocketAddress(topology.GetServerAddress(0), kPort)));
    client->SetAttribute("Protocol", TypeIdValue(factory));
    client->SetAttribute("RequestSize", UintegerValue(point.requestSize));
    client->SetAttribute("ResponseSize", UintegerValue(point.responseSize));
    client->SetAttribute("Transactions", UintegerValue(m_transactions + 1));
    client->SetAttribute("ThinkTime", TimeValue(m_think));
    client->SetAttribute("Persistent", BooleanValue(m_persistent));
    client->SetAttribute("FastOpenApi",
                         EnumValue(tfo ? RequestResponseClient::SENDTO_FASTOPEN
                                       : RequestResponseClient::PLAIN_CONNECT));
    topology.GetClients().Get(0)->AddApplication(client);
    client->SetStartTime(Seconds(0.1));

    const uint32_t wanted = m_transactions + 1;
    // A raw pointer: a Ptr captured in the client's own trace would keep it alive.
    RequestResponseClient* watched = PeekPointer(client);
    client->TraceConnectWithoutContext(
        "Transaction",
        Callback<void, const TransactionRecord&>([watched, wanted](const TransactionRecord&) {
            if (watched->GetCompletedCount() >= wanted)
            {
                Simulator::Stop();
            }
        }));
    // A generous bound for runs whose last transaction never completes.
    Simulator::Stop(Seconds(600) + wanted * (20 * point.rtt + m_think + Seconds(5)));
    Simulator::Run();
    std::vector<TransactionRecord> records = client->GetTransactions();
    Simulator::Destroy();
    return records;
}

TcpFastOpenLatencySweep::Result
TcpFastOpenLatencySweep::RunPoint(const Point& point) const
{
    Result result;
    result.point = point;
    for (uint32_t run = m_firstRun; run < m_firstRun + m_runs; ++run)
    {
        for (bool tfo : {false, true})
        {
            result.runs.push_back(RunRecords{run, tfo, RunOnce(point, tfo, run)});
            const std::vector<TransactionRecord>& records = result.runs.back().records;
            TransactionStatistics& stats = tfo ? result.on : result.off;
            uint32_t& incomplete = tfo ? result.incompleteOn : result.incompleteOff;
            uint32_t measured = 0;
            for (const TransactionRecord& r : records)
            {
                if (r.index == 0)
                {
                    continue; // the warm-up
                }
                ++measured;
                if (!r.completed)
                {
                    ++incomplete;
                    continue;
                }
                stats.Add(r.GetLatency());
                if (tfo && r.synDataAcked)
                {
                    ++result.synDataAcked;
                }
            }
            incomplete += m_transactions > measured ? m_transactions - measured : 0;
        }
    }
    return result;
}

std::vector<TcpFastOpenLatencySweep::Result>
TcpFastOpenLatencySweep::Run(std::ostream* progress) const
{
    const std::vector<Point> points = GetPoints();
    std::vector<Result> results;
    for (size_t i = 0; i < points.size(); ++i)
    {
        const Point& p = points[i];
        if (progress)
        {
            *progress << "[" << i + 1 << "/" << points.size() << "] rtt=" << Ms(p.rtt)
                      << "ms request=" << p.requestSize << "B response=" << p.responseSize
                      << "B loss=" << p.lossRate << " runs=" << m_runs << std::endl;
        }
        results.push_back(RunPoint(p));
    }
    return results;
}

std::vector<TcpFastOpenPointRecord>
TcpFastOpenLatencySweep::GetRecords(const std::string& program,
                                    const std::vector<Result>& results) const
{
    using TS = TransactionStatistics;
    std::vector<TcpFastOpenPointRecord> records;
    for (const Result& r : results)
    {
        TcpFastOpenPointRecord record(program, m_seed, m_firstRun);
        record.SetParameter("rtt_ms", Ms(r.point.rtt));
        record.SetParameter("request_bytes", r.point.requestSize);
        record.SetParameter("response_bytes", r.point.responseSize);
        record.SetParameter("loss_rate", r.point.lossRate);
        record.SetParameter("runs", m_runs);
        record.SetParameter("transactions", m_transactions);
        record.SetParameter("think_ms", Ms(m_think));
        record.SetParameter("persistent", m_persistent ? "true" : "false");
        record.SetParameter("queue_disc", m_queueDisc);
        record.SetParameter("access_bps", m_accessRate.GetBitRate());
        record.SetParameter("bottleneck_bps", m_bottleneckRate.GetBitRate());
        const TS::Summary off = r.off.GetSummary();
        const TS::Summary on = r.on.GetSummary();
        for (const auto& [tfo, s] : {std::make_pair("off", off), std::make_pair("on", on)})
        {
            const std::string t(tfo);
            record.SetMeasured("samples_" + t, s.count);
            record.SetMeasured("mean_" + t + "_ms", s.mean);
            record.SetMeasured("p50_" + t + "_ms", s.p50);
            record.SetMeasured("p90_" + t + "_ms", s.p90);
            record.SetMeasured("p99_" + t + "_ms", s.p99);
        }
        record.SetMeasured("incomplete_off", r.incompleteOff);
        record.SetMeasured("incomplete_on", r.incompleteOn);
        record.SetMeasured("syn_data_acked", r.synDataAcked);
        record.SetMeasured("gain_p50_pct", TS::Improvement(off.p50, on.p50));
        record.SetMeasured("gain_mean_pct", TS::Improvement(off.mean, on.mean));
        records.push_back(record);
    }
    return records;
}

std::string
TcpFastOpenLatencySweep::GetCsvHeader()
{
    return "rtt_ms,request_bytes,response_bytes,loss_rate,samples_off,samples_on,"
           "incomplete_off,incomplete_on,syn_data_acked,mean_off_ms,p10_off_ms,p50_off_ms,"
           "p90_off_ms,p99_off_ms,mean_on_ms,p10_on_ms,p50_on_ms,p90_on_ms,p99_on_ms,"
           "improvement_p50_pct,improvement_mean_pct,saved_p50_rtts";
}

void
TcpFastOpenLatencySweep::WriteCsv(std::ostream& os, const std::vector<Result>& results)
{
    using TS = TransactionStatistics;
    os << GetCsvHeader() << "\n";
    for (const Result& r : results)
    {
        const TS::Summary off = r.off.GetSummary();
        const TS::Summary on = r.on.GetSummary();
        const double rtt = Ms(r.point.rtt);
        os << TS::Format(rtt) << "," << r.point.requestSize << "," << r.point.responseSize << ","
           << TS::Format(r.point.lossRate, 4) << "," << off.count << "," << on.count << ","
           << r.incompleteOff << "," << r.incompleteOn << "," << r.synDataAcked << ",";
        for (const TS::Summary* s : {&off, &on})
        {
            os << TS::Format(s->mean) << "," << TS::Format(s->p10) << "," << TS::Format(s->p50)
               << "," << TS::Format(s->p90) << "," << TS::Format(s->p99) << ",";
        }
        os << TS::Format(TS::Improvement(off.p50, on.p50), 2) << ","
           << TS::Format(TS::Improvement(off.mean, on.mean), 2) << ","
           << TS::Format((off.p50 - on.p50) / rtt, 3) << "\n";
    }
}

void
TcpFastOpenLatencySweep::WriteTransactionsCsv(std::ostream& os, const std::vector<Result>& results)
{
    using TS = TransactionStatistics;
    // The request and response sizes are columns of every record already.
    os << TS::GetTransactionsCsvHeader({"rtt_ms", "loss_rate", "run", "tfo"}) << "\n";
    for (const Result& r : results)
    {
        for (const RunRecords& run : r.runs)
        {
            TS::WriteTransactionsCsv(os,
                                     {TS::Format(Ms(r.point.rtt)),
                                      TS::Format(r.point.lossRate, 4),
                                      std::to_string(run.run),
                                      run.tfo ? "on" : "off"},
                                     run.records,
                                     1);
        }
    }
}

void
TcpFastOpenLatencySweep::WriteTable(std::ostream& os, const std::vector<Result>& results)
{
    using TS = TransactionStatistics;
    os << std::right << std::setw(7) << "RTT ms" << std::setw(8) << "req B" << std::setw(9)
       << "resp B" << std::setw(7) << "loss"
       << " | " << std::setw(9) << "p50 off" << std::setw(9) << "p50 on" << std::setw(9)
       << "mean off" << std::setw(9) << "mean on" << std::setw(9) << "p99 off" << std::setw(9)
       << "p99 on"
       << " | " << std::setw(7) << "p50 %" << std::setw(7) << "mean %" << std::setw(6) << "RTTs"
       << "\n";
    os << std::string(113, '-') << "\n";
    for (const Result& r : results)
    {
        const TS::Summary off = r.off.GetSummary();
        const TS::Summary on = r.on.GetSummary();
        const double rtt = Ms(r.point.rtt);
        os << std::setw(7) << TS::Format(rtt, 0) << std::setw(8) << r.point.requestSize
           << std::setw(9) << r.point.responseSize << std::setw(7)
           << TS::Format(r.point.lossRate, 3) << " | ";
        for (double v : {off.p50, on.p50, off.mean, on.mean, off.p99, on.p99})
        {
            os << std::setw(9) << TS::Format(v, 1);
        }
        os << " | " << std::setw(7) << TS::Format(TS::Improvement(off.p50, on.p50), 1)
           << std::setw(7) << TS::Format(TS::Improvement(off.mean, on.mean), 1) << std::setw(6)
           << TS::Format((off.p50 - on.p50) / rtt, 2) << "\n";
    }
    os << "(latencies in ms: request start to last response byte, new connection each;"
          " p50 % / mean % = improvement of the median / mean; RTTs = median saving in base"
          " RTTs)\n";
}

namespace
{

/**
 * \param path a file path
 * \return its file name (what the data blocks name)
 */
std::string
BaseName(const std::string& path)
{
    const size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

/**
 * \param r a result
 * \return the CSV's where clause of its request size, response size and loss rate
 */
std::string
SeriesWhere(const TcpFastOpenLatencySweep::Result& r)
{
    return "request_bytes=" + std::to_string(r.point.requestSize) +
           " response_bytes=" + std::to_string(r.point.responseSize) +
           " loss_rate=" + TransactionStatistics::Format(r.point.lossRate, 4);
}

/**
 * \param r a result
 * \return its series' title ("req 500 B, resp 1000 B, loss 1.0 %")
 */
std::string
SeriesTitle(const TcpFastOpenLatencySweep::Result& r)
{
    return "req " + std::to_string(r.point.requestSize) + " B, resp " +
           std::to_string(r.point.responseSize) + " B, loss " +
           TransactionStatistics::Format(100 * r.point.lossRate, 1) + " %";
}

} // namespace

bool
TcpFastOpenLatencySweep::WriteFigures(const std::string& prefix,
                                      const std::string& csv,
                                      const std::string& transactionsCsv,
                                      const std::vector<Result>& results,
                                      std::ostream& report)
{
    using TS = TransactionStatistics;
    // The series (request, response, loss), in first-seen order.
    std::vector<std::string> wheres;
    std::vector<std::vector<const Result*>> series;
    for (const Result& r : results)
    {
        size_t i = 0;
        while (i < wheres.size() && wheres[i] != SeriesWhere(r))
        {
            ++i;
        }
        if (i == wheres.size())
        {
            wheres.push_back(SeriesWhere(r));
            series.emplace_back();
        }
        series[i].push_back(&r);
    }
    const std::string csvName = BaseName(csv);

    // Median latency, TFO off and on, with p10-p90 bars: one panel per series.
    TcpFastOpenFigure latency("TCP Fast Open: transaction latency (median, bars p10 to p90)",
                              series.size() > 1 ? 1200 : 900,
                              series.size() > 2 ? 400 * ((series.size() + 1) / 2) : 600);
    latency.SetLayout((series.size() + 1) / 2, series.size() > 1 ? 2 : 1);
    // Improvement of the median and of the mean, every series in one panel.
    TcpFastOpenFigure gain("TCP Fast Open: latency improvement (median and mean)",
                           1000,
                           600 + 20 * series.size());
    gain.Set("set xlabel 'base RTT (ms)'");
    gain.Set("set ylabel 'latency improvement with TFO (%)'");
    gain.Set("set key below");
    gain.Set("set logscale x");
    gain.Set("set autoscale fix");
    gain.Set("set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05");
    std::vector<std::string> titles;
    std::vector<std::vector<std::string>> medianGains;
    for (size_t i = 0; i < series.size(); ++i)
    {
        std::vector<std::vector<std::string>> rows;
        std::vector<std::vector<std::string>> gains;
        for (const Result* r : series[i])
        {
            const TS::Summary off = r->off.GetSummary();
            const TS::Summary on = r->on.GetSummary();
            const std::string rtt = TS::Format(Ms(r->point.rtt));
            rows.push_back({rtt,
                            TS::Format(off.p50),
                            TS::Format(off.p10),
                            TS::Format(off.p90),
                            TS::Format(on.p50),
                            TS::Format(on.p10),
                            TS::Format(on.p90)});
            gains.push_back({rtt,
                             TS::Format(TS::Improvement(off.p50, on.p50), 2),
                             TS::Format(TS::Improvement(off.mean, on.mean), 2)});
        }
        const std::string title = SeriesTitle(*series[i].front());
        const std::string d = latency.AddData(
            {"csv: " + csvName,
             "where: " + wheres[i],
             "columns: rtt_ms p50_off_ms p10_off_ms p90_off_ms p50_on_ms p10_on_ms p90_on_ms"},
            rows);
        latency.AddPanel(title);
        latency.Set("set xlabel 'base RTT (ms)'");
        latency.Set("set ylabel 'latency (ms)'");
        latency.Set("set logscale xy");
        latency.Set("set key outside right top");
        latency.Set("set autoscale fix");
        latency.Set("set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05");
        // Off and on side by side (x 0.97 and 1.03 on the log axis) so that
        // their bars do not hide each other.
        latency.Plot(d + " using ($1*0.97):2:3:4 with yerrorlines " +
                     TcpFastOpenFigure::Style(0, true) + " title 'TFO off'");
        latency.Plot(d + " using ($1*1.03):5:6:7 with yerrorlines " +
                     TcpFastOpenFigure::Style(1, false) + " title 'TFO on'");

        const std::string g =
            gain.AddData({"csv: " + csvName,
                          "where: " + wheres[i],
                          "columns: rtt_ms improvement_p50_pct improvement_mean_pct"},
                         gains);
        // Series whose median gains are the same numbers are drawn on top of
        // each other: say so in the key.
        titles.push_back(title);
        medianGains.emplace_back();
        for (const auto& row : gains)
        {
            medianGains.back().push_back(row[1]);
        }
        const std::string same = TcpFastOpenFigure::Coincides(titles, medianGains);
        gain.Plot(g + " using 1:2 with linespoints " + TcpFastOpenFigure::Style(i, false) +
                  " title " + TcpFastOpenFigure::Quote("median, " + title + same));
        gain.Plot(g + " using 1:3 with linespoints " + TcpFastOpenFigure::Style(i, true) +
                  " title " + TcpFastOpenFigure::Quote("mean, " + title));
    }

    // The CDFs: one panel per point (rows: RTTs; columns: series).
    const size_t columns = series.empty() ? 1 : series.size();
    const size_t rowsCount = series.empty() ? 1 : series.front().size();
    TcpFastOpenFigure cdf("TCP Fast Open: CDF of the transaction latency (warm-ups left out)",
                          std::min<size_t>(520 * columns, 2600),
                          std::min<size_t>(300 * rowsCount, 3000));
    cdf.SetLayout(rowsCount, columns);
    for (size_t row = 0; row < rowsCount; ++row)
    {
        for (size_t c = 0; c < columns; ++c)
        {
            if (row >= series[c].size())
            {
                continue;
            }
            const Result& r = *series[c][row];
            cdf.AddPanel("RTT " + TS::Format(Ms(r.point.rtt), 0) + " ms, " + SeriesTitle(r));
            cdf.Set("set xlabel 'latency (ms)'");
            cdf.Set("set ylabel 'fraction of transactions'");
            cdf.Set("set logscale x");
            cdf.Set("set yrange [0:1.02]");
            cdf.Set("set key outside right top");
            cdf.Set("set autoscale xfix");
            cdf.Set("set offsets graph 0.05, graph 0.05, 0, 0");
            for (bool tfo : {false, true})
            {
                std::vector<double> samples(tfo ? r.on.GetSamples() : r.off.GetSamples());
                std::sort(samples.begin(), samples.end());
                std::vector<std::vector<std::string>> points;
                for (size_t k = 0; k < samples.size(); ++k)
                {
                    points.push_back({TS::Format(samples[k]),
                                      TS::Format(static_cast<double>(k + 1) / samples.size(), 4)});
                }
                const std::string d = cdf.AddData(
                    {"csv: " + (transactionsCsv.empty() ? std::string("(none written)")
                                                        : BaseName(transactionsCsv)),
                     "where: rtt_ms=" + TS::Format(Ms(r.point.rtt)) + " " + SeriesWhere(r) +
                         " tfo=" + (tfo ? "on" : "off") + " warmup=0 completed=1",
                     "columns: latency_ms",
                     "kind: cdf"},
                    points);
                cdf.Plot(d + " using 1:2 with steps " +
                         TcpFastOpenFigure::Style(tfo ? 1 : 0, !tfo, false) + " title '" +
                         (tfo ? "TFO on" : "TFO off") + "'");
            }
        }
    }
    return latency.Render(prefix, report) && gain.Render(prefix + "-gain", report) &&
           cdf.Render(prefix + "-cdf", report);
}

} // namespace ns3
