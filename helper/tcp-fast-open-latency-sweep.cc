/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-latency-sweep.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/gnuplot.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/request-response-server.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/tcp-fast-open-helper.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-fast-open-topology-helper.h"
#include "ns3/type-id.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

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
    NS_ABORT_MSG_IF(first == 0, "TcpFastOpenLatencySweep: runs are numbered from 1");
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
            const std::vector<TransactionRecord> records = RunOnce(point, tfo, run);
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
           "incomplete_off,incomplete_on,syn_data_acked,mean_off_ms,p50_off_ms,p90_off_ms,"
           "p99_off_ms,mean_on_ms,p50_on_ms,p90_on_ms,p99_on_ms,improvement_p50_pct,"
           "improvement_mean_pct,saved_p50_rtts";
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
           << r.incompleteOff << "," << r.incompleteOn << "," << r.synDataAcked << ","
           << TS::Format(off.mean) << "," << TS::Format(off.p50) << "," << TS::Format(off.p90)
           << "," << TS::Format(off.p99) << "," << TS::Format(on.mean) << "," << TS::Format(on.p50)
           << "," << TS::Format(on.p90) << "," << TS::Format(on.p99) << ","
           << TS::Format(TS::Improvement(off.p50, on.p50), 2) << ","
           << TS::Format(TS::Improvement(off.mean, on.mean), 2) << ","
           << TS::Format((off.p50 - on.p50) / rtt, 3) << "\n";
    }
}

void
TcpFastOpenLatencySweep::WriteTable(std::ostream& os, const std::vector<Result>& results)
{
    using TS = TransactionStatistics;
    os << std::right << std::setw(7) << "RTT ms" << std::setw(8) << "req B" << std::setw(9)
       << "resp B" << std::setw(7) << "loss"
       << " | " << std::setw(9) << "p50 off" << std::setw(9) << "p50 on" << std::setw(9)
       << "p90 off" << std::setw(9) << "p90 on"
       << " | " << std::setw(8) << "gain %" << std::setw(8) << "RTTs"
       << "\n";
    os << std::string(92, '-') << "\n";
    for (const Result& r : results)
    {
        const TS::Summary off = r.off.GetSummary();
        const TS::Summary on = r.on.GetSummary();
        const double rtt = Ms(r.point.rtt);
        os << std::setw(7) << TS::Format(rtt, 0) << std::setw(8) << r.point.requestSize
           << std::setw(9) << r.point.responseSize << std::setw(7)
           << TS::Format(r.point.lossRate, 3) << " | " << std::setw(9) << TS::Format(off.p50, 1)
           << std::setw(9) << TS::Format(on.p50, 1) << std::setw(9) << TS::Format(off.p90, 1)
           << std::setw(9) << TS::Format(on.p90, 1) << " | " << std::setw(8)
           << TS::Format(TS::Improvement(off.p50, on.p50), 1) << std::setw(8)
           << TS::Format((off.p50 - on.p50) / rtt, 2) << "\n";
    }
    os << "(latencies in ms: request start to last response byte, new connection each;"
          " gain % = median improvement; RTTs = median saving in base RTTs)\n";
}

bool
TcpFastOpenLatencySweep::WritePlot(const std::string& prefix, const std::vector<Result>& results)
{
    using TS = TransactionStatistics;
    Gnuplot plot(prefix + ".png", "TCP Fast Open: median transaction latency gain");
    plot.SetTerminal("pngcairo size 900,600 noenhanced");
    plot.SetLegend("base RTT (ms)", "median latency improvement with TFO (%)");
    plot.AppendExtra("set key bottom right");
    plot.AppendExtra("set grid");
    plot.AppendExtra("set yrange [0:*]");
    // One line per (request, response, loss), in first-seen order.
    std::vector<std::string> keys;
    std::vector<Gnuplot2dDataset> datasets;
    for (const Result& r : results)
    {
        std::ostringstream key;
        key << "req " << r.point.requestSize << " B, resp " << r.point.responseSize << " B, loss "
            << TS::Format(100 * r.point.lossRate, 1) << " %";
        size_t i = 0;
        while (i < keys.size() && keys[i] != key.str())
        {
            ++i;
        }
        if (i == keys.size())
        {
            keys.push_back(key.str());
            datasets.emplace_back(key.str());
            datasets.back().SetStyle(Gnuplot2dDataset::LINES_POINTS);
        }
        datasets[i].Add(Ms(r.point.rtt),
                        TS::Improvement(r.off.GetQuantile(0.5), r.on.GetQuantile(0.5)));
    }
    for (const auto& d : datasets)
    {
        plot.AddDataset(d);
    }
    std::ofstream out(prefix + ".plt");
    if (!out)
    {
        return false;
    }
    plot.GenerateOutput(out);
    return static_cast<bool>(out);
}

bool
TcpFastOpenLatencySweep::RenderPlot(const std::string& script)
{
    const char* path = std::getenv("PATH");
    bool found = false;
    std::istringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
    {
        if (!dir.empty() && access((dir + "/gnuplot").c_str(), X_OK) == 0)
        {
            found = true;
            break;
        }
    }
    if (!found)
    {
        return false;
    }
    std::string quoted = "'";
    for (char c : script)
    {
        quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    }
    quoted += "'";
    return std::system(("gnuplot " + quoted).c_str()) == 0;
}

} // namespace ns3
