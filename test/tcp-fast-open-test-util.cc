/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/ppp-header.h"

#include <csignal>
#include <cstdio>
#include <iomanip>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace ns3
{
namespace tfotest
{

namespace
{

/**
 * \brief Run \p fn in a forked child (which ends with _exit(0) if \p fn
 * returns) and collect what it writes.
 * \param fn the code
 * \param output set to what the child wrote to stdout and stderr
 * \return the child's wait status, or -1 if no child could be started
 */
int
RunInChild(const std::function<void()>& fn, std::string& output)
{
    std::fflush(nullptr);
    int fds[2];
    if (pipe(fds) != 0)
    {
        return -1;
    }
    const pid_t pid = fork();
    if (pid == 0)
    {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        dup2(fds[1], STDOUT_FILENO);
        fn();
        std::fflush(nullptr);
        _exit(0);
    }
    close(fds[1]);
    char buf[512];
    ssize_t n;
    while ((n = read(fds[0], buf, sizeof(buf))) > 0)
    {
        output.append(buf, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

} // namespace

bool
RunExpectingAbort(const std::function<void()>& fn, std::string& output)
{
    const int status = RunInChild(fn, output);
    return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

bool
RunExpectingExit(const std::function<void()>& fn, int code, std::string& output)
{
    const int status = RunInChild(fn, output);
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == code;
}

bool
Segment::Is(uint8_t flags) const
{
    const uint8_t ignored = TcpHeader::PSH | TcpHeader::ECE | TcpHeader::CWR;
    return (header.GetFlags() & ~ignored) == flags;
}

std::string
Segment::ToString() const
{
    std::ostringstream os;
    os << (fromClient ? "C>S " : "S>C ") << std::fixed << std::setprecision(6) << time.GetSeconds()
       << " " << TcpHeader::FlagsToString(header.GetFlags())
       << " seq=" << header.GetSequenceNumber() << " ack=" << header.GetAckNumber()
       << " len=" << payload;
    if (tfo)
    {
        os << (tfo->isRequest ? " TFO=R" : " TFO=C ") << (tfo->isRequest ? "" : tfo->cookie.ToHex())
           << (tfo->form == TcpOptionFastOpen::EXPERIMENTAL ? " (exp)" : "");
    }
    return os.str();
}

Address
At(const Address& address, uint16_t port)
{
    if (Ipv6Address::IsMatchingType(address))
    {
        return Inet6SocketAddress(Ipv6Address::ConvertFrom(address), port);
    }
    return InetSocketAddress(Ipv4Address::ConvertFrom(address), port);
}

std::optional<Segment>
ParseSegment(Ptr<const Packet> packet, bool hasPpp)
{
    Ptr<Packet> copy = packet->Copy();
    uint16_t protocol = 0x0021;
    if (hasPpp)
    {
        PppHeader ppp;
        copy->RemoveHeader(ppp);
        protocol = ppp.GetProtocol();
    }
    if (protocol == 0x0021)
    {
        Ipv4Header ip;
        copy->RemoveHeader(ip);
        if (ip.GetProtocol() != TcpL4Protocol::PROT_NUMBER)
        {
            return std::nullopt;
        }
        copy->RemoveAtEnd(copy->GetSize() - (ip.GetPayloadSize()));
    }
    else if (protocol == 0x0057)
    {
        Ipv6Header ip;
        copy->RemoveHeader(ip);
        if (ip.GetNextHeader() != TcpL4Protocol::PROT_NUMBER)
        {
            return std::nullopt;
        }
    }
    else
    {
        return std::nullopt;
    }
    Segment segment;
    segment.time = Simulator::Now();
    copy->RemoveHeader(segment.header);
    segment.payload = copy->GetSize();
    segment.tfo = TcpOptionFastOpen::Find(segment.header);
    return segment;
}

NS_OBJECT_ENSURE_REGISTERED(SegmentDropModel);

TypeId
SegmentDropModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::tfotest::SegmentDropModel")
                            .SetParent<ErrorModel>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<SegmentDropModel>();
    return tid;
}

void
SegmentDropModel::SetPredicate(Predicate predicate)
{
    m_predicate = std::move(predicate);
}

uint32_t
SegmentDropModel::GetDropped() const
{
    return m_dropped;
}

bool
SegmentDropModel::DoCorrupt(Ptr<Packet> p)
{
    // A receive error model sees the packet with its PPP header.
    std::optional<Segment> segment = ParseSegment(p, true);
    if (segment && m_predicate && m_predicate(*segment))
    {
        m_dropped++;
        return true;
    }
    return false;
}

void
SegmentDropModel::DoReset()
{
    m_dropped = 0;
}

NS_OBJECT_ENSURE_REGISTERED(SegmentRewriteModel);

TypeId
SegmentRewriteModel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::tfotest::SegmentRewriteModel")
                            .SetParent<ErrorModel>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<SegmentRewriteModel>();
    return tid;
}

void
SegmentRewriteModel::SetRewrite(Rewrite rewrite)
{
    m_rewrite = std::move(rewrite);
}

uint32_t
SegmentRewriteModel::GetRewritten() const
{
    return m_rewritten;
}

bool
SegmentRewriteModel::DoCorrupt(Ptr<Packet> p)
{
    PppHeader ppp;
    p->RemoveHeader(ppp);
    TcpHeader tcp;
    if (ppp.GetProtocol() == 0x0021)
    {
        Ipv4Header ip;
        p->RemoveHeader(ip);
        if (ip.GetProtocol() == TcpL4Protocol::PROT_NUMBER)
        {
            p->RemoveHeader(tcp);
            if (m_rewrite && m_rewrite(tcp, p->GetSize()))
            {
                m_rewritten++;
                // The IP length follows a TCP header whose options changed.
                ip.SetPayloadSize(tcp.GetSerializedSize() + p->GetSize());
            }
            p->AddHeader(tcp);
        }
        p->AddHeader(ip);
    }
    else if (ppp.GetProtocol() == 0x0057)
    {
        Ipv6Header ip;
        p->RemoveHeader(ip);
        if (ip.GetNextHeader() == TcpL4Protocol::PROT_NUMBER)
        {
            p->RemoveHeader(tcp);
            if (m_rewrite && m_rewrite(tcp, p->GetSize()))
            {
                m_rewritten++;
                ip.SetPayloadLength(tcp.GetSerializedSize() + p->GetSize());
            }
            p->AddHeader(tcp);
        }
        p->AddHeader(ip);
    }
    p->AddHeader(ppp);
    return false; // never dropped
}

void
SegmentRewriteModel::DoReset()
{
    m_rewritten = 0;
}

Testbed::Testbed(const Config& config)
    : m_config(config)
{
    NodeContainer nodes;
    nodes.Create(config.router ? 3 : 2);
    client = nodes.Get(0);
    server = nodes.Get(config.router ? 2 : 1);
    middle = config.router ? nodes.Get(1) : nullptr;

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue(config.rate));
    p2p.SetChannelAttribute("Delay", TimeValue(config.delay));
    InternetStackHelper internet;
    internet.Install(nodes);

    NetDeviceContainer first = p2p.Install(client, config.router ? middle : server);
    NetDeviceContainer second;
    if (config.router)
    {
        second = p2p.Install(middle, server);
    }
    clientDevice = first.Get(0);
    serverDevice = config.router ? second.Get(1) : first.Get(1);

    if (config.ipv6)
    {
        Ipv6AddressHelper addresses;
        addresses.SetBase(Ipv6Address("2001:db8:1::"), Ipv6Prefix(64));
        NS_ABORT_MSG_IF(config.router, "Testbed: IPv6 is supported on one link only");
        Ipv6InterfaceContainer a = addresses.Assign(first);
        m_clientIp = a.GetAddress(0, 1);
        m_serverIp = a.GetAddress(1, 1);
    }
    else
    {
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.0.1.0", "255.255.255.0");
        Ipv4InterfaceContainer a = addresses.Assign(first);
        m_clientIp = a.GetAddress(0);
        m_serverIp = a.GetAddress(1);
        if (config.router)
        {
            addresses.SetBase("10.0.2.0", "255.255.255.0");
            Ipv4InterfaceContainer b = addresses.Assign(second);
            m_serverIp = b.GetAddress(1);
            Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        }
    }

    TcpFastOpenHelper clientTfo;
    clientTfo.SetMode(config.clientMode);
    clientTfo.SetLinuxDefaults(config.linuxDefaults);
    clientTfo.Install(client);
    TcpFastOpenHelper serverTfo;
    serverTfo.SetMode(config.serverMode);
    serverTfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(config.serverQueueLength));
    serverTfo.SetLinuxDefaults(config.linuxDefaults);
    serverTfo.SetCookieGeneratorAttribute("Key", StringValue(config.serverKey));
    serverTfo.Install(server);

    clientDevice->TraceConnectWithoutContext("PhyTxBegin",
                                             MakeCallback(&Testbed::Record, this).Bind(true));
    serverDevice->TraceConnectWithoutContext("PhyTxBegin",
                                             MakeCallback(&Testbed::Record, this).Bind(false));
}

void
Testbed::Record(bool fromClient, Ptr<const Packet> packet)
{
    std::optional<Segment> segment = ParseSegment(packet, true);
    if (segment)
    {
        segment->fromClient = fromClient;
        m_segments.push_back(*segment);
    }
}

Address
Testbed::GetServerAddress() const
{
    if (m_config.ipv6)
    {
        return Inet6SocketAddress(Ipv6Address::ConvertFrom(m_serverIp), 8080);
    }
    return InetSocketAddress(Ipv4Address::ConvertFrom(m_serverIp), 8080);
}

Ptr<SegmentRewriteModel>
Testbed::RewriteAt(bool atServer, SegmentRewriteModel::Rewrite rewrite)
{
    Ptr<SegmentRewriteModel> model = CreateObject<SegmentRewriteModel>();
    model->SetRewrite(std::move(rewrite));
    (atServer ? serverDevice : clientDevice)
        ->SetAttribute("ReceiveErrorModel", PointerValue(model));
    return model;
}

Address
Testbed::GetClientIp() const
{
    return m_clientIp;
}

Address
Testbed::GetServerIp() const
{
    return m_serverIp;
}

Ptr<RequestResponseServer>
Testbed::AddServer()
{
    Ptr<RequestResponseServer> app = CreateObject<RequestResponseServer>();
    app->SetAttribute("Local",
                      AddressValue(m_config.ipv6
                                       ? Address(Inet6SocketAddress(Ipv6Address::GetAny(), 8080))
                                       : Address(InetSocketAddress(Ipv4Address::GetAny(), 8080))));
    app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    server->AddApplication(app);
    app->SetStartTime(Seconds(0));
    return app;
}

Ptr<RequestResponseClient>
Testbed::AddClient(uint32_t requestSize,
                   uint32_t responseSize,
                   uint32_t transactions,
                   Time start,
                   Time gap,
                   RequestResponseClient::FastOpenApi api)
{
    Ptr<RequestResponseClient> app = CreateObject<RequestResponseClient>();
    app->SetAttribute("Remote", AddressValue(GetServerAddress()));
    app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    app->SetAttribute("RequestSize", UintegerValue(requestSize));
    app->SetAttribute("ResponseSize", UintegerValue(responseSize));
    app->SetAttribute("Transactions", UintegerValue(transactions));
    app->SetAttribute("ThinkTime", TimeValue(gap));
    app->SetAttribute("FastOpenApi", EnumValue(api));
    client->AddApplication(app);
    app->SetStartTime(start);
    return app;
}

Ptr<SegmentDropModel>
Testbed::DropAt(bool atServer, SegmentDropModel::Predicate predicate)
{
    Ptr<SegmentDropModel> model = CreateObject<SegmentDropModel>();
    model->SetPredicate(std::move(predicate));
    (atServer ? serverDevice : clientDevice)
        ->SetAttribute("ReceiveErrorModel", PointerValue(model));
    return model;
}

const std::vector<Segment>&
Testbed::GetSegments() const
{
    return m_segments;
}

std::vector<Segment>
Testbed::Select(bool fromClient, uint8_t flags) const
{
    std::vector<Segment> out;
    for (const Segment& s : m_segments)
    {
        if (s.fromClient == fromClient && s.Is(flags))
        {
            out.push_back(s);
        }
    }
    return out;
}

std::string
Testbed::Dump() const
{
    std::ostringstream os;
    for (const Segment& s : m_segments)
    {
        os << "  " << s.ToString() << "\n";
    }
    return os.str();
}

void
Testbed::Run(Time stop)
{
    Simulator::Stop(stop);
    Simulator::Run();
}

void
UseFastOpenConnectWithCookie(Testbed& bed, uint16_t cachedMss)
{
    bed.client->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute("FastOpenConnect",
                                                                          BooleanValue(true));
    TcpFastOpenHelper::GetCookieCache(bed.client)
        ->Store(bed.GetClientIp(),
                bed.GetServerIp(),
                TcpFastOpenHelper::GetCookieGenerator(bed.server)
                    ->Generate(bed.GetClientIp(), bed.GetServerIp()),
                cachedMss,
                false);
}

} // namespace tfotest
} // namespace ns3
