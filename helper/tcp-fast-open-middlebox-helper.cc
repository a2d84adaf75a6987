/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-middlebox-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/enum.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/request-response-server.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-fast-open-counters.h"
#include "ns3/tcp-fast-open-helper.h"
#include "ns3/tcp-fast-open-socket-factory.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-option-fast-open.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenMiddleboxHelper");

TcpFastOpenMiddleboxHelper::TcpFastOpenMiddleboxHelper(TcpFastOpenMiddlebox::Behaviour behaviour)
{
    m_helper.SetTypeId("ns3::TcpFastOpenMiddlebox");
    m_helper.SetAttribute("Behaviour", EnumValue(behaviour));
}

void
TcpFastOpenMiddleboxHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_helper.SetAttribute(name, value);
}

Ptr<TcpFastOpenMiddlebox>
TcpFastOpenMiddleboxHelper::Install(Ptr<NetDevice> device) const
{
    NS_LOG_FUNCTION(this << device);
    NS_ABORT_MSG_IF(!device, "TcpFastOpenMiddleboxHelper::Install: null device");
    Ptr<TcpFastOpenMiddlebox> element =
        DynamicCast<TcpFastOpenMiddlebox>(m_helper.Install(device).Get(0));
    NS_ABORT_MSG_IF(!element, "TcpFastOpenMiddleboxHelper::Install: not a TcpFastOpenMiddlebox");
    element->SetNode(device->GetNode());
    return element;
}

QueueDiscContainer
TcpFastOpenMiddleboxHelper::InstallOnPath(Ptr<NetDevice> toServer, Ptr<NetDevice> toClient) const
{
    NS_ABORT_MSG_IF(toServer == toClient,
                    "TcpFastOpenMiddleboxHelper::InstallOnPath: the two directions need two "
                    "different devices");
    Ptr<TcpFastOpenMiddlebox> a = Install(toServer);
    Ptr<TcpFastOpenMiddlebox> b = Install(toClient);
    a->ShareFlowTable(b);
    QueueDiscContainer container;
    container.Add(a);
    container.Add(b);
    return container;
}

bool
TcpFastOpenMiddleboxHelper::ParseBehaviour(const std::string& name,
                                           TcpFastOpenMiddlebox::Behaviour& behaviour)
{
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    for (auto b : {TcpFastOpenMiddlebox::DROP_SYN_DATA,
                   TcpFastOpenMiddlebox::DROP_SYN_OPTION,
                   TcpFastOpenMiddlebox::STRIP_OPTION,
                   TcpFastOpenMiddlebox::RST_SYN_DATA,
                   TcpFastOpenMiddlebox::DROP_DATA_AFTER_TFO})
    {
        if (TcpFastOpenMiddlebox::BehaviourToString(b) == upper)
        {
            behaviour = b;
            return true;
        }
    }
    return false;
}

namespace
{
/// What a study run learns from one device's transmissions or receptions.
struct SegmentLog
{
    /// client port -> server's ISN (from its SYN-ACK)
    std::map<uint16_t, SequenceNumber32> serverIsn;
    /// client port -> highest ACK number the client sent
    std::map<uint16_t, SequenceNumber32> clientAck;
    /// client port -> sequence number the server's FIN occupies
    std::map<uint16_t, SequenceNumber32> serverFin;
    uint32_t optionAtServer{0}; //!< SYNs received by the server with the option
    uint32_t optionAtClient{0}; //!< SYN-ACKs received by the client with the option
};

/**
 * \param packet a packet starting with an IPv4 header (MacTx / MacRx of a
 *        point-to-point device)
 * \param header set to its TCP header
 * \param payload set to its TCP payload bytes
 * \return false if it is not a TCP segment
 */
bool
ParseIpv4Tcp(Ptr<const Packet> packet, TcpHeader& header, uint32_t& payload)
{
    Ptr<Packet> p = packet->Copy();
    // Point-to-point devices trace "MacTx"/"MacRx" with their PPP header
    // (protocol 0x0021 = IPv4) in front of the IP header.
    uint8_t ppp[2] = {0, 0};
    if (p->CopyData(ppp, 2) == 2 && ppp[0] == 0x00 && ppp[1] == 0x21)
    {
        p->RemoveAtStart(2);
    }
    Ipv4Header ip;
    if (p->RemoveHeader(ip) == 0 || ip.GetProtocol() != 6)
    {
        return false;
    }
    p->RemoveHeader(header);
    payload = p->GetSize();
    return true;
}

/// Trace sink: a segment the client sent.
/// \param log the log \param packet the packet
void
ClientTx(SegmentLog* log, Ptr<const Packet> packet)
{
    TcpHeader h;
    uint32_t payload = 0;
    if (ParseIpv4Tcp(packet, h, payload) && (h.GetFlags() & TcpHeader::ACK))
    {
        auto [it, added] = log->clientAck.emplace(h.GetSourcePort(), h.GetAckNumber());
        if (!added && it->second < h.GetAckNumber())
        {
            it->second = h.GetAckNumber();
        }
    }
}

/// Trace sink: a segment the server sent.
/// \param log the log \param packet the packet
void
ServerTx(SegmentLog* log, Ptr<const Packet> packet)
{
    TcpHeader h;
    uint32_t payload = 0;
    if (!ParseIpv4Tcp(packet, h, payload))
    {
        return;
    }
    if ((h.GetFlags() & TcpHeader::SYN) && (h.GetFlags() & TcpHeader::ACK))
    {
        log->serverIsn[h.GetDestinationPort()] = h.GetSequenceNumber();
    }
    if (h.GetFlags() & TcpHeader::FIN)
    {
        log->serverFin[h.GetDestinationPort()] = h.GetSequenceNumber() + SequenceNumber32(payload);
    }
}

/// Trace sink: a segment a host received; counts Fast Open options on SYNs.
/// \param counter what to increment \param packet the packet
void
SynOptionRx(uint32_t* counter, Ptr<const Packet> packet)
{
    TcpHeader h;
    uint32_t payload = 0;
    if (ParseIpv4Tcp(packet, h, payload) && (h.GetFlags() & TcpHeader::SYN) &&
        TcpOptionFastOpen::Find(h))
    {
        ++*counter;
    }
}
} // namespace

double
TcpFastOpenMiddleboxStudy::Result::GetCompletionRate() const
{
    return transactions.empty() ? 0.0 : double(completed) / double(transactions.size());
}

bool
TcpFastOpenMiddleboxStudy::IsAvailable(ClientTfo tfo)
{
    struct TypeId::AttributeInformation info;
    TypeId tid;
    switch (tfo)
    {
    case TFO_ON_NEGATIVE_CACHE:
        return TcpFastOpenSocket::GetTypeId().LookupAttributeByName("NegativeCaching", &info);
    case TFO_ON_BLACKHOLE_DETECT:
        return TypeId::LookupByNameFailSafe("ns3::TcpFastOpenBlackholeDetector", &tid) &&
               tid.LookupAttributeByName("Timeout", &info);
    default:
        return true;
    }
}

std::string
TcpFastOpenMiddleboxStudy::MiddleboxToString(Middlebox m)
{
    switch (m)
    {
    case NONE:
        return "NONE";
    case DROP_SYN_DATA:
        return "DROP_SYN_DATA";
    case DROP_SYN_OPTION:
        return "DROP_SYN_OPTION";
    case STRIP_SYN_OPTION:
        return "STRIP_SYN_OPTION";
    case STRIP_SYNACK_OPTION:
        return "STRIP_SYNACK_OPTION";
    case RST_SYN_DATA:
        return "RST_SYN_DATA";
    case DROP_DATA_AFTER_TFO:
        return "DROP_DATA_AFTER_TFO";
    case DATA_BLACKHOLE_AFTER_TFO:
        return "DATA_BLACKHOLE_AFTER_TFO";
    }
    return "UNKNOWN";
}

std::string
TcpFastOpenMiddleboxStudy::ClientTfoToString(ClientTfo t)
{
    switch (t)
    {
    case TFO_OFF:
        return "TFO_OFF";
    case TFO_ON:
        return "TFO_ON";
    case TFO_ON_NEGATIVE_CACHE:
        return "TFO_ON_NEGATIVE_CACHE";
    case TFO_ON_BLACKHOLE_DETECT:
        return "TFO_ON_BLACKHOLE_DETECT";
    }
    return "UNKNOWN";
}

TcpFastOpenMiddleboxStudy::Result
TcpFastOpenMiddleboxStudy::Run(const Config& config)
{
    NS_ABORT_MSG_IF(config.transactions == 0,
                    "TcpFastOpenMiddleboxStudy: transactions must be >= 1");
    NS_ABORT_MSG_IF(
        config.requestSize < RequestResponseClient::HEADER_SIZE,
        "TcpFastOpenMiddleboxStudy: requestSize must be >= " << RequestResponseClient::HEADER_SIZE);
    NS_ABORT_MSG_IF(config.blackholeRequestSize < RequestResponseClient::HEADER_SIZE ||
                        config.blackholeDrops == 0 || config.dataDrops == 0,
                    "TcpFastOpenMiddleboxStudy: blackholeRequestSize must be >= "
                        << RequestResponseClient::HEADER_SIZE
                        << ", dataDrops and blackholeDrops >= 1");
    NS_ABORT_MSG_IF(config.responseSize == 0,
                    "TcpFastOpenMiddleboxStudy: responseSize must be >= 1");
    NS_ABORT_MSG_IF(!IsAvailable(config.tfo),
                    "TcpFastOpenMiddleboxStudy: " << ClientTfoToString(config.tfo)
                                                  << " is not available in this build");
    RngSeedManager::SetSeed(config.seed);
    RngSeedManager::SetRun(config.run);

    // The fallbacks are set as defaults so that the sockets and the node's
    // detector pick them up when they are created; restored at the end.
    const bool negative = config.tfo == TFO_ON_NEGATIVE_CACHE;
    const bool blackhole = config.tfo == TFO_ON_BLACKHOLE_DETECT;
    if (IsAvailable(TFO_ON_NEGATIVE_CACHE))
    {
        ns3::Config::SetDefault("ns3::TcpFastOpenSocket::NegativeCaching", BooleanValue(negative));
    }
    if (IsAvailable(TFO_ON_BLACKHOLE_DETECT))
    {
        ns3::Config::SetDefault("ns3::TcpFastOpenBlackholeDetector::Timeout",
                                TimeValue(blackhole ? Seconds(3600) : Seconds(0)));
    }

    NodeContainer nodes;
    nodes.Create(3);
    Ptr<Node> client = nodes.Get(0);
    Ptr<Node> router = nodes.Get(1);
    Ptr<Node> server = nodes.Get(2);
    InternetStackHelper internet;
    internet.Install(nodes);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(config.delay));
    NetDeviceContainer left = p2p.Install(client, router);
    NetDeviceContainer right = p2p.Install(router, server);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.0.1.0", "255.255.255.0");
    addresses.Assign(left);
    addresses.SetBase("10.0.2.0", "255.255.255.0");
    Ipv4InterfaceContainer serverIf = addresses.Assign(right);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    TcpFastOpenHelper clientTfo;
    clientTfo.SetMode(config.tfo == TFO_OFF ? 0 : TcpFastOpenSocket::CLIENT_ENABLE);
    clientTfo.SetLinuxDefaults(true);
    clientTfo.Install(client);
    TcpFastOpenHelper serverTfo;
    serverTfo.SetMode(TcpFastOpenSocket::SERVER_ENABLE);
    serverTfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(16));
    serverTfo.SetLinuxDefaults(true);
    serverTfo.Install(server);

    Ptr<NetDevice> toClient = left.Get(1);
    Ptr<NetDevice> toServer = right.Get(0);
    Ptr<TcpFastOpenMiddlebox> box;     // the element
    Ptr<TcpFastOpenMiddlebox> reverse; // its twin toward the client (DROP_DATA_AFTER_TFO)
    switch (config.middlebox)
    {
    case NONE:
        break;
    case DROP_SYN_DATA:
    case DROP_SYN_OPTION:
    case RST_SYN_DATA:
    case STRIP_SYN_OPTION: {
        const auto behaviour =
            config.middlebox == DROP_SYN_DATA     ? TcpFastOpenMiddlebox::DROP_SYN_DATA
            : config.middlebox == DROP_SYN_OPTION ? TcpFastOpenMiddlebox::DROP_SYN_OPTION
            : config.middlebox == RST_SYN_DATA    ? TcpFastOpenMiddlebox::RST_SYN_DATA
                                                  : TcpFastOpenMiddlebox::STRIP_OPTION;
        box = TcpFastOpenMiddleboxHelper(behaviour).Install(toServer);
        break;
    }
    case STRIP_SYNACK_OPTION: {
        TcpFastOpenMiddleboxHelper helper(TcpFastOpenMiddlebox::STRIP_OPTION);
        helper.SetAttribute("Target", EnumValue(TcpFastOpenMiddlebox::SYN_ACK));
        box = helper.Install(toClient);
        break;
    }
    case DROP_DATA_AFTER_TFO:
    case DATA_BLACKHOLE_AFTER_TFO: {
        TcpFastOpenMiddleboxHelper helper(TcpFastOpenMiddlebox::DROP_DATA_AFTER_TFO);
        helper.SetAttribute("DataDrops",
                            UintegerValue(config.middlebox == DROP_DATA_AFTER_TFO
                                              ? config.dataDrops
                                              : config.blackholeDrops));
        QueueDiscContainer both = helper.InstallOnPath(toServer, toClient);
        box = DynamicCast<TcpFastOpenMiddlebox>(both.Get(0));
        reverse = DynamicCast<TcpFastOpenMiddlebox>(both.Get(1));
        break;
    }
    }

    SegmentLog log;
    left.Get(0)->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&ClientTx, &log));
    right.Get(1)->TraceConnectWithoutContext("MacTx", MakeBoundCallback(&ServerTx, &log));
    right.Get(1)->TraceConnectWithoutContext("MacRx",
                                             MakeBoundCallback(&SynOptionRx, &log.optionAtServer));
    left.Get(0)->TraceConnectWithoutContext("MacRx",
                                            MakeBoundCallback(&SynOptionRx, &log.optionAtClient));

    Ptr<RequestResponseServer> srv = CreateObject<RequestResponseServer>();
    srv->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), 8080)));
    srv->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    server->AddApplication(srv);
    srv->SetStartTime(Seconds(0));

    Ptr<RequestResponseClient> app = CreateObject<RequestResponseClient>();
    app->SetAttribute("Remote", AddressValue(InetSocketAddress(serverIf.GetAddress(1), 8080)));
    app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    const uint32_t requestSize = config.middlebox == DATA_BLACKHOLE_AFTER_TFO
                                     ? config.blackholeRequestSize
                                     : config.requestSize;
    app->SetAttribute("RequestSize", UintegerValue(requestSize));
    app->SetAttribute("ResponseSize", UintegerValue(config.responseSize));
    app->SetAttribute("Transactions", UintegerValue(config.transactions));
    app->SetAttribute("ThinkTime", TimeValue(config.gap));
    app->SetAttribute("Persistent", BooleanValue(false));
    app->SetAttribute("FastOpenApi",
                      EnumValue(config.tfo == TFO_OFF ? RequestResponseClient::PLAIN_CONNECT
                                                      : RequestResponseClient::SENDTO_FASTOPEN));
    client->AddApplication(app);
    app->SetStartTime(Seconds(1));

    // Enough for every transaction to exhaust Linux's SYN retries (about 127 s).
    Simulator::Stop(Seconds(1) + (config.gap + Seconds(200)) * int64_t(config.transactions));
    Simulator::Run();

    Result r;
    r.transactions = app->GetTransactions();
    r.serverBytes = srv->GetBytesReceived();
    r.serverRequests = srv->GetRequestCount();
    for (const TransactionRecord& t : r.transactions)
    {
        if (t.completed)
        {
            ++r.completed;
            r.completedRequestBytes += t.requestSize;
        }
        r.synDataAcked += t.synDataAcked ? 1 : 0;
    }
    // Response bytes per connection, in connection (= port) order.
    std::vector<uint16_t> ports;
    for (const auto& [port, ack] : log.clientAck)
    {
        ports.push_back(port);
    }
    for (uint16_t port : ports)
    {
        uint64_t bytes = 0;
        auto isn = log.serverIsn.find(port);
        if (isn != log.serverIsn.end())
        {
            SequenceNumber32 end = log.clientAck[port];
            auto fin = log.serverFin.find(port);
            if (fin != log.serverFin.end() && fin->second < end)
            {
                end = fin->second;
            }
            const SequenceNumber32 first = isn->second + SequenceNumber32(1);
            bytes = end > first ? uint64_t(end - first) : 0;
        }
        r.responseBytes.push_back(bytes);
    }
    // Exact: the server got each completed request once and nothing else; every
    // completed transaction's connection carried exactly one response; no
    // connection carried more.
    r.bytesExact = r.serverBytes == r.completedRequestBytes && r.serverRequests == r.completed;
    for (const TransactionRecord& t : r.transactions)
    {
        if (t.connection >= r.responseBytes.size())
        {
            r.bytesExact = r.bytesExact && !t.completed;
            continue;
        }
        const uint64_t got = r.responseBytes[t.connection];
        r.bytesExact =
            r.bytesExact && (t.completed ? got == config.responseSize : got < config.responseSize);
    }
    r.optionAtServer = log.optionAtServer;
    r.optionAtClient = log.optionAtClient;
    if (box)
    {
        r.mbDropped = box->GetDropped();
        r.mbStripped = box->GetStripped();
        r.mbResets = box->GetResetsSent();
    }
    if (reverse)
    {
        r.mbDropped += reverse->GetDropped();
    }
    Ptr<TcpFastOpenCounters> counters = TcpFastOpenHelper::GetCounters(client);
    r.blackholeCount = counters->Get("TCPFastOpenBlackhole");
    r.activeCount = counters->Get("TCPFastOpenActive");
    Simulator::Destroy();
    if (IsAvailable(TFO_ON_NEGATIVE_CACHE))
    {
        ns3::Config::SetDefault("ns3::TcpFastOpenSocket::NegativeCaching", BooleanValue(false));
    }
    if (IsAvailable(TFO_ON_BLACKHOLE_DETECT))
    {
        ns3::Config::SetDefault("ns3::TcpFastOpenBlackholeDetector::Timeout",
                                TimeValue(Seconds(0)));
    }
    return r;
}

} // namespace ns3
