/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-syn-flood-study.h"

#include "tcp-fast-open-helper.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node-container.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/request-response-client.h"
#include "ns3/request-response-server.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-fast-open-cookie-cache.h"
#include "ns3/tcp-fast-open-cookie-generator.h"
#include "ns3/tcp-fast-open-counters.h"
#include "ns3/tcp-fast-open-socket-factory.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-syn-cookie.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <chrono>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSynFloodStudy");

namespace
{
/// Port of the request/response server.
constexpr uint16_t kPort = 8080;

/// Measurements collected while a run goes on.
struct Probe
{
    TcpSynFloodStudy::Result* result{nullptr};                 //!< where to write
    Ptr<TcpFastOpenSocket> listener;                           //!< the server's listener
    std::set<std::pair<uint32_t, uint16_t>> attackConnections; //!< with data

    /// Record an occupancy change. \param max the maximum to update \param value the new value
    static void Max(uint32_t* max, uint32_t, uint32_t value)
    {
        *max = std::max(*max, value);
    }

    /// Server application read bytes. \param packet the bytes \param from the client
    void Rx(Ptr<const Packet> packet, const Address& from)
    {
        const InetSocketAddress address = InetSocketAddress::ConvertFrom(from);
        if (address.GetPort() >= TcpSynFloodAttacker::MIN_PORT &&
            address.GetPort() <= TcpSynFloodAttacker::MAX_PORT)
        {
            result->attackBytes += packet->GetSize();
            attackConnections.emplace(address.GetIpv4().Get(), address.GetPort());
        }
    }

    /// Take an occupancy sample. \param interval sampling period
    void Sample(Time interval)
    {
        TcpSynFloodStudy::Sample s;
        s.time = Simulator::Now().GetSeconds();
        s.synQueue = listener->GetSynQueueLength();
        s.acceptQueue = listener->GetAcceptQueueLength();
        s.pending = listener->GetPendingFastOpenCount();
        s.children = listener->GetChildSocketCount();
        result->samples.push_back(s);
        Simulator::Schedule(interval, &Probe::Sample, this, interval);
    }
};
} // namespace

double
TcpSynFloodStudy::Result::SuccessRate() const
{
    return legitAttempted == 0 ? 1.0 : double(legitSucceeded) / legitAttempted;
}

double
TcpSynFloodStudy::DrainRate(uint32_t backlog)
{
    return backlog / 63.0;
}

TcpSynFloodStudy::Result
TcpSynFloodStudy::Run(const Config& config)
{
    NS_ABORT_MSG_IF(config.clients == 0, "TcpSynFloodStudy: at least one client");
    NS_ABORT_MSG_IF(config.attackRate > 0 && config.bots == 0, "TcpSynFloodStudy: no bots");
    NS_ABORT_MSG_IF(config.attackRate > 0 && config.maxSyns > 0 && config.maxSyns < config.bots,
                    "TcpSynFloodStudy: maxSyns " << config.maxSyns << " < " << config.bots
                                                 << " bots");
    RngSeedManager::SetSeed(config.seed);
    RngSeedManager::SetRun(config.run);
    Result result;

    Ptr<Node> router = CreateObject<Node>();
    Ptr<Node> server = CreateObject<Node>();
    Ptr<Node> sink = CreateObject<Node>();
    NodeContainer clients;
    clients.Create(config.clients);
    NodeContainer bots;
    bots.Create(config.attackRate > 0 ? config.bots : 0);
    NodeContainer all(router, server, sink);
    all.Add(clients);
    all.Add(bots);
    InternetStackHelper internet;
    internet.Install(all);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1000p"));
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.0.0.0", "255.255.255.0");
    const Ipv4Address serverIp = addresses.Assign(p2p.Install(router, server)).GetAddress(1);
    // The sink owns the spoofed prefix and drops what it receives (no forwarding).
    addresses.SetBase("10.99.0.0", "255.255.0.0");
    Ipv4InterfaceContainer sinkInterfaces = addresses.Assign(p2p.Install(router, sink));
    std::vector<Ipv4Address> clientIps;
    for (uint32_t i = 0; i < clients.GetN(); i++)
    {
        addresses.SetBase(Ipv4Address((10u << 24) | (1u << 16) | ((i + 1) << 8)), "255.255.255.0");
        clientIps.push_back(addresses.Assign(p2p.Install(router, clients.Get(i))).GetAddress(1));
    }
    std::vector<Ipv4Address> botIps;
    for (uint32_t j = 0; j < bots.GetN(); j++)
    {
        addresses.SetBase(Ipv4Address((10u << 24) | (2u << 16) | ((j + 1) << 8)), "255.255.255.0");
        botIps.push_back(addresses.Assign(p2p.Install(router, bots.Get(j))).GetAddress(1));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    // After the routes are computed (global routing trips over a node that
    // does not forward).
    sink->GetObject<Ipv4>()->SetForwarding(sinkInterfaces.Get(1).second, false);

    const bool tfo = (config.serverMode & TcpFastOpenSocket::SERVER_ENABLE) != 0;
    TcpFastOpenHelper serverTfo;
    serverTfo.SetMode(config.serverMode);
    serverTfo.SetLinuxDefaults(true);
    serverTfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(config.maxQlen));
    serverTfo.SetSocketAttribute("ListenBacklog", UintegerValue(config.backlog));
    serverTfo.SetSocketAttribute("SynCookies", UintegerValue(config.synCookies));
    serverTfo.SetSocketAttribute("AcceptRate", DoubleValue(config.acceptRate));
    serverTfo.SetCookieGeneratorAttribute("Key",
                                          StringValue("00112233-44556677-8899aabb-ccddeeff"));
    serverTfo.Install(server);
    Ptr<TcpSynCookieGenerator> synCookies = CreateObject<TcpSynCookieGenerator>();
    synCookies->AssignStreams(1000);
    server->AggregateObject(synCookies);
    TcpFastOpenHelper clientTfo;
    clientTfo.SetMode(tfo ? TcpFastOpenSocket::CLIENT_ENABLE : 0);
    clientTfo.SetLinuxDefaults(true);
    clientTfo.Install(clients);
    clientTfo.Install(bots); // their stacks answer SYN-ACKs with RST

    Ptr<TcpFastOpenCookieGenerator> generator = TcpFastOpenHelper::GetCookieGenerator(server);
    for (uint32_t i = 0; i < clients.GetN(); i++)
    {
        // A warm cache: every client visited the server before.
        TcpFastOpenHelper::GetCookieCache(clients.Get(i))
            ->Store(clientIps[i],
                    serverIp,
                    generator->Generate(clientIps[i], serverIp),
                    1460,
                    false);
    }

    Ptr<RequestResponseServer> serverApp = CreateObject<RequestResponseServer>();
    serverApp->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), kPort)));
    serverApp->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    server->AddApplication(serverApp);
    serverApp->SetStartTime(Seconds(0));

    std::vector<Ptr<RequestResponseClient>> legit;
    uint32_t k = 0;
    for (Time t = config.legitStart; t <= config.legitStop; t += config.legitInterval, k++)
    {
        Ptr<RequestResponseClient> app = CreateObject<RequestResponseClient>();
        app->SetAttribute("Remote", AddressValue(InetSocketAddress(serverIp, kPort)));
        app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
        app->SetAttribute("RequestSize", UintegerValue(100));
        app->SetAttribute("ResponseSize", UintegerValue(1000));
        app->SetAttribute("Transactions", UintegerValue(1));
        app->SetAttribute("FastOpenApi",
                          EnumValue(tfo ? RequestResponseClient::SENDTO_FASTOPEN
                                        : RequestResponseClient::PLAIN_CONNECT));
        clients.Get(k % clients.GetN())->AddApplication(app);
        app->SetStartTime(t);
        legit.push_back(app);
    }

    std::vector<Ptr<TcpSynFloodAttacker>> attackers;
    for (uint32_t j = 0; j < bots.GetN(); j++)
    {
        Ptr<TcpSynFloodAttacker> attacker = CreateObject<TcpSynFloodAttacker>();
        attacker->SetAttribute("Server", Ipv4AddressValue(serverIp));
        attacker->SetAttribute("ServerPort", UintegerValue(kPort));
        attacker->SetAttribute("Rate", DoubleValue(config.attackRate / bots.GetN()));
        attacker->SetAttribute("Pattern", EnumValue(config.pattern));
        attacker->SetAttribute("SourceMode", EnumValue(config.sourceMode));
        attacker->SetAttribute("SpoofPrefix", Ipv4AddressValue("10.99.128.0"));
        attacker->SetAttribute("SpoofMask", Ipv4MaskValue("255.255.128.0"));
        attacker->SetAttribute("OwnerAddress", Ipv4AddressValue(clientIps[0]));
        attacker->SetAttribute("CookieMode", EnumValue(config.cookieMode));
        attacker->SetAttribute("PayloadSize", UintegerValue(config.payload));
        if (config.maxSyns > 0)
        {
            // Split as evenly as possible; every bot gets at least one (checked above).
            const uint64_t share =
                config.maxSyns / bots.GetN() + (j < config.maxSyns % bots.GetN() ? 1 : 0);
            attacker->SetAttribute("MaxSyns", UintegerValue(share));
        }
        const bool ownCookie =
            config.sourceMode == TcpSynFloodAttacker::OWN_ADDRESS && !config.stolenCookie;
        // A bot's own valid cookie (as a real handshake would have fetched it),
        // or the owner's (client 0's) cookie, replayed or stolen.
        attacker->SetCookie(generator->Generate(ownCookie ? botIps[j] : clientIps[0], serverIp));
        attacker->AssignStreams(2000 + 10 * j);
        bots.Get(j)->AddApplication(attacker);
        attacker->SetStartTime(config.attackStart);
        attacker->SetStopTime(config.attackStop);
        attackers.push_back(attacker);
    }

    Probe probe;
    probe.result = &result;
    Simulator::Schedule(MilliSeconds(1), [&probe, &result, serverApp, &config]() {
        probe.listener = DynamicCast<TcpFastOpenSocket>(serverApp->GetListeningSocket());
        NS_ABORT_MSG_UNLESS(probe.listener, "TcpSynFloodStudy: no TFO listener");
        probe.listener->TraceConnectWithoutContext(
            "SynQueue",
            MakeBoundCallback(&Probe::Max, &result.maxSynQueue));
        probe.listener->TraceConnectWithoutContext(
            "AcceptQueue",
            MakeBoundCallback(&Probe::Max, &result.maxAcceptQueue));
        probe.listener->TraceConnectWithoutContext(
            "PendingFastOpen",
            MakeBoundCallback(&Probe::Max, &result.maxPending));
        probe.listener->TraceConnectWithoutContext(
            "ChildSockets",
            MakeBoundCallback(&Probe::Max, &result.maxChildren));
        probe.Sample(config.sampleInterval);
    });
    serverApp->TraceConnectWithoutContext("Rx", MakeCallback(&Probe::Rx, &probe));

    Simulator::Stop(config.stop);
    const auto wallStart = std::chrono::steady_clock::now();
    Simulator::Run();
    result.runWallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    result.events = Simulator::GetEventCount();

    for (const auto& app : legit)
    {
        result.legitAttempted++;
        const auto& records = app->GetTransactions();
        if (!records.empty() && records.front().completed &&
            records.front().GetLatency() <= config.deadline)
        {
            result.legitSucceeded++;
            result.latency.Add(records.front().GetLatency().GetSeconds() * 1000.0);
        }
    }
    for (const auto& attacker : attackers)
    {
        result.attackSyns += attacker->GetSynsSent();
    }
    result.attackConnectionsWithData = probe.attackConnections.size();
    Ptr<TcpFastOpenCounters> counters = TcpFastOpenHelper::GetCounters(server);
    for (uint8_t c = 0; c < TcpFastOpenCounters::COUNTER_COUNT; c++)
    {
        const auto counter = static_cast<TcpFastOpenCounters::Counter>(c);
        result.counters[TcpFastOpenCounters::GetName(counter)] = counters->Get(counter);
    }
    // inet_csk_reqsk_queue_is_full and sk_acceptq_is_full are both "> backlog".
    result.synQueueBound = probe.listener->GetMaxAckBacklog() + 1;
    result.acceptQueueBound = probe.listener->GetMaxAckBacklog() + 1;
    result.pendingBound = probe.listener->GetMaxPendingFastOpen();
    probe.listener = nullptr;
    Simulator::Destroy();
    return result;
}

void
TcpSynFloodStudy::WriteOccupancyHeader(std::ostream& os)
{
    os << "time_s,scenario,rate,syn_queue,syn_queue_bound,accept_queue,accept_queue_bound,"
          "pending_tfo,max_qlen,children_alive,attack_start_s,attack_stop_s\n";
}

void
TcpSynFloodStudy::WriteOccupancy(std::ostream& os,
                                 const std::string& scenario,
                                 const Config& config,
                                 const Result& result)
{
    NS_ABORT_MSG_IF(scenario.find_first_of(",\n\"") != std::string::npos,
                    "TcpSynFloodStudy::WriteOccupancy: scenario name \"" << scenario
                                                                         << "\" needs quoting");
    for (const Sample& s : result.samples)
    {
        os << s.time << ',' << scenario << ',' << config.attackRate << ',' << s.synQueue << ','
           << result.synQueueBound << ',' << s.acceptQueue << ',' << result.acceptQueueBound << ','
           << s.pending << ',' << result.pendingBound << ',' << s.children << ','
           << config.attackStart.GetSeconds() << ',' << config.attackStop.GetSeconds() << '\n';
    }
}

} // namespace ns3
