/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-server-farm-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/random-variable-stream.h"
#include "ns3/request-response-client.h"
#include "ns3/request-response-server.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-fast-open-helper.h"
#include "ns3/tcp-fast-open-server-farm-observer.h"
#include "ns3/tcp-fast-open-socket-factory.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/uinteger.h"

#include <cmath>
#include <iomanip>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenServerFarmStudy");

namespace
{
/// Random streams: resolver, keys, visit offsets, then the TFO components.
constexpr int64_t kStreamResolver = 1000;
constexpr int64_t kStreamKeys = 1001;
constexpr int64_t kStreamOffsets = 1002;
constexpr int64_t kStreamTfo = 1010;

/**
 * \param rng a uniform random variable
 * \return a random key as 32 hex digits
 */
std::string
RandomKey(Ptr<UniformRandomVariable> rng)
{
    std::ostringstream os;
    os << std::hex << std::setfill('0');
    for (int i = 0; i < 16; ++i)
    {
        os << std::setw(2) << rng->GetInteger(0, 255);
    }
    return os.str();
}
} // namespace

double
TcpFastOpenServerFarmStudy::Result::GetRevisitTfoFraction() const
{
    return revisits ? double(revisitsTfo) / revisits : 0.0;
}

double
TcpFastOpenServerFarmStudy::Result::GetSecondVisitTfoFraction() const
{
    return visits.size() > 1 && visits[1] ? double(tfo[1]) / visits[1] : 0.0;
}

double
TcpFastOpenServerFarmStudy::Result::GetLinkedPairsPerConnection() const
{
    return connections ? double(linkedPairs) / connections : 0.0;
}

double
TcpFastOpenServerFarmStudy::ExpectedTfoProbability(TcpFastOpenServerFarmResolver::Policy policy,
                                                   uint32_t servers,
                                                   uint32_t k)
{
    NS_ABORT_MSG_IF(
        servers == 0 || k == 0,
        "TcpFastOpenServerFarmStudy::ExpectedTfoProbability: servers and k must be >= 1");
    switch (policy)
    {
    case TcpFastOpenServerFarmResolver::RANDOM:
        return 1.0 - std::pow(1.0 - 1.0 / servers, double(k));
    case TcpFastOpenServerFarmResolver::ROUND_ROBIN:
        return k >= servers ? 1.0 : 0.0;
    case TcpFastOpenServerFarmResolver::STICKY:
        return 1.0;
    }
    return 0.0;
}

double
TcpFastOpenServerFarmStudy::ExpectedTfoFraction(TcpFastOpenServerFarmResolver::Policy policy,
                                                uint32_t servers,
                                                uint32_t visits)
{
    NS_ABORT_MSG_IF(visits < 2,
                    "TcpFastOpenServerFarmStudy::ExpectedTfoFraction: needs >= 2 visits");
    double sum = 0;
    for (uint32_t k = 1; k < visits; ++k)
    {
        sum += ExpectedTfoProbability(policy, servers, k);
    }
    return sum / (visits - 1);
}

std::string
TcpFastOpenServerFarmStudy::KeysToString(Keys keys)
{
    return keys == SHARED ? "SHARED" : "PER_SERVER";
}

TcpFastOpenServerFarmStudy::Result
TcpFastOpenServerFarmStudy::Run(const Config& config)
{
    NS_ABORT_MSG_IF(config.servers == 0 || config.servers > 1000,
                    "TcpFastOpenServerFarmStudy: servers must be in [1, 1000]");
    NS_ABORT_MSG_IF(config.clients == 0 || config.clients > 10000,
                    "TcpFastOpenServerFarmStudy: clients must be in [1, 10000]");
    NS_ABORT_MSG_IF(config.visits == 0, "TcpFastOpenServerFarmStudy: visits must be >= 1");
    NS_ABORT_MSG_IF(!config.gap.IsStrictlyPositive(),
                    "TcpFastOpenServerFarmStudy: gap must be > 0");
    NS_ABORT_MSG_IF(
        config.requestSize < RequestResponseClient::HEADER_SIZE || config.responseSize == 0,
        "TcpFastOpenServerFarmStudy: requestSize must be >= " << RequestResponseClient::HEADER_SIZE
                                                              << " and responseSize >= 1");
    RngSeedManager::SetSeed(config.seed);
    RngSeedManager::SetRun(config.run);

    Ptr<Node> router = CreateObject<Node>();
    NodeContainer clients;
    clients.Create(config.clients);
    NodeContainer servers;
    servers.Create(config.servers);
    InternetStackHelper internet;
    internet.Install(router);
    internet.Install(clients);
    internet.Install(servers);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(config.delay));
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.1.0.0", "255.255.255.252");
    for (uint32_t i = 0; i < config.clients; ++i)
    {
        addresses.Assign(p2p.Install(clients.Get(i), router));
        addresses.NewNetwork();
    }
    Ptr<TcpFastOpenLinkabilityObserver> observer = CreateObject<TcpFastOpenLinkabilityObserver>();
    std::vector<Ipv4Address> farm;
    addresses.SetBase("10.200.0.0", "255.255.255.252");
    for (uint32_t j = 0; j < config.servers; ++j)
    {
        NetDeviceContainer link = p2p.Install(router, servers.Get(j));
        Ipv4InterfaceContainer ifs = addresses.Assign(link);
        addresses.NewNetwork();
        farm.push_back(ifs.GetAddress(1));
        observer->Attach(link.Get(0));
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    TcpFastOpenHelper clientTfo;
    clientTfo.SetMode(TcpFastOpenSocket::CLIENT_ENABLE);
    clientTfo.SetLinuxDefaults(true);
    clientTfo.SetCookieCacheAttribute("Capacity", UintegerValue(std::max(16u, config.servers)));
    clientTfo.Install(clients);
    TcpFastOpenHelper serverTfo;
    serverTfo.SetMode(TcpFastOpenSocket::SERVER_ENABLE);
    serverTfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(1024));
    serverTfo.SetLinuxDefaults(true);
    serverTfo.Install(servers);
    int64_t stream = kStreamTfo;
    stream += clientTfo.AssignStreams(clients, stream);
    serverTfo.AssignStreams(servers, stream);

    Ptr<UniformRandomVariable> keyRng = CreateObject<UniformRandomVariable>();
    keyRng->SetStream(kStreamKeys);
    const std::string sharedKey = RandomKey(keyRng);
    for (uint32_t j = 0; j < config.servers; ++j)
    {
        TcpFastOpenHelper::SetKey(servers.Get(j),
                                  config.keys == SHARED ? sharedKey : RandomKey(keyRng));
        Ptr<RequestResponseServer> app = CreateObject<RequestResponseServer>();
        app->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), 443)));
        app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
        servers.Get(j)->AddApplication(app);
        app->SetStartTime(Seconds(0));
    }

    Ptr<TcpFastOpenServerFarmResolver> resolver = CreateObject<TcpFastOpenServerFarmResolver>();
    resolver->SetAttribute("Policy", EnumValue(config.policy));
    resolver->SetAddresses(farm);
    resolver->AssignStreams(kStreamResolver);
    Ptr<UniformRandomVariable> offsets = CreateObject<UniformRandomVariable>();
    offsets->SetStream(kStreamOffsets);

    struct Visit
    {
        uint32_t k;                     //!< visit index
        bool newAddress;                //!< first visit to that address
        Ptr<RequestResponseClient> app; //!< its client
    };

    std::vector<Visit> visits;
    for (uint32_t i = 0; i < config.clients; ++i)
    {
        const Time offset = Seconds(offsets->GetValue(0, config.gap.GetSeconds()));
        std::set<uint32_t> seen;
        for (uint32_t k = 0; k < config.visits; ++k)
        {
            const uint32_t answer = resolver->Resolve(i);
            Ptr<RequestResponseClient> app = CreateObject<RequestResponseClient>();
            app->SetAttribute("Remote", AddressValue(InetSocketAddress(farm[answer], 443)));
            app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
            app->SetAttribute("RequestSize", UintegerValue(config.requestSize));
            app->SetAttribute("ResponseSize", UintegerValue(config.responseSize));
            app->SetAttribute("Transactions", UintegerValue(1));
            app->SetAttribute("Persistent", BooleanValue(false));
            app->SetAttribute("FastOpenApi", EnumValue(RequestResponseClient::SENDTO_FASTOPEN));
            clients.Get(i)->AddApplication(app);
            app->SetStartTime(Seconds(1) + offset + config.gap * int64_t(k));
            visits.push_back({k, seen.insert(answer).second, app});
        }
    }

    Simulator::Stop(Seconds(1) + config.gap * int64_t(config.visits + 1) + Seconds(60));
    Simulator::Run();

    Result r;
    r.visits.assign(config.visits, 0);
    r.completed.assign(config.visits, 0);
    r.tfo.assign(config.visits, 0);
    r.newAddress.assign(config.visits, 0);
    for (const Visit& v : visits)
    {
        const auto& records = v.app->GetTransactions();
        const bool completed = !records.empty() && records[0].completed;
        const bool tfo = !records.empty() && records[0].synDataAcked;
        ++r.visits[v.k];
        r.completed[v.k] += completed ? 1 : 0;
        r.tfo[v.k] += tfo ? 1 : 0;
        r.newAddress[v.k] += v.newAddress ? 1 : 0;
        if (v.k >= 1)
        {
            ++r.revisits;
            r.revisitsTfo += tfo ? 1 : 0;
        }
    }
    r.connections = observer->GetConnections();
    r.connectionsWithCookie = observer->GetConnectionsWithCookie();
    r.linkedPairs = observer->GetLinkedPairs();
    r.linkedConnections = observer->GetLinkedConnections();
    r.wrongPairs = observer->GetWrongPairs();
    r.sameClientPairs = uint64_t(config.clients) * config.visits * (config.visits - 1) / 2;
    Simulator::Destroy();
    return r;
}

} // namespace ns3
