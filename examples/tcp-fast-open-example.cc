/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 *
 * The TCP Fast Open handshake, connection by connection.
 *
 *   client ---------- point-to-point, --delay one way ---------- server
 *
 * The client opens --connections connections in turn, each carrying one request
 * of --requestSize bytes answered by --responseSize bytes. The first has no
 * cookie: its SYN asks for one and the request follows the handshake. The
 * others put the request in the SYN with the cached cookie, and the server
 * answers before the handshake completes: one round trip less.
 *
 * Prints one line per connection (times in ms) and both nodes' counters as
 * `nstat -az | grep FastOpen` shows them. --pcap=PREFIX writes PREFIX-0-0.pcap
 * (client) and PREFIX-1-0.pcap (server), which Wireshark and tshark dissect
 * (tcp.options.tfo).
 *
 *   ./tcp-fast-open-example --connections=3 --delay=10ms --pcap=tfo
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/ppp-header.h"
#include "ns3/tcp-fast-open-module.h"

#include <cstdlib>
#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

/**
 * \brief Drops the pure ACKs (ACK flag only, no payload) that a device receives
 * while enabled: holds a server's children in SYN_RCVD (--stallAcks).
 */
class PureAckDropModel : public ErrorModel
{
  public:
    /// \param enabled drop from now on (true) or not
    void SetDropping(bool enabled)
    {
        m_dropping = enabled;
    }

    /// \return pure ACKs dropped so far
    uint32_t GetDropped() const
    {
        return m_dropped;
    }

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        if (!m_dropping)
        {
            return false;
        }
        Ptr<Packet> copy = p->Copy();
        PppHeader ppp;
        copy->RemoveHeader(ppp);
        uint8_t protocol = 0;
        if (ppp.GetProtocol() == 0x0021)
        {
            Ipv4Header ip;
            copy->RemoveHeader(ip);
            protocol = ip.GetProtocol();
        }
        else if (ppp.GetProtocol() == 0x0057)
        {
            Ipv6Header ip;
            copy->RemoveHeader(ip);
            protocol = ip.GetNextHeader();
        }
        if (protocol != TcpL4Protocol::PROT_NUMBER)
        {
            return false;
        }
        TcpHeader tcp;
        copy->RemoveHeader(tcp);
        const uint8_t flags = tcp.GetFlags() & ~(TcpHeader::PSH | TcpHeader::ECE | TcpHeader::CWR);
        if (flags == TcpHeader::ACK && copy->GetSize() == 0)
        {
            m_dropped++;
            return true;
        }
        return false;
    }

    void DoReset() override
    {
    }

    bool m_dropping{false}; //!< dropping now
    uint32_t m_dropped{0};  //!< pure ACKs dropped
};

/**
 * \brief Print an error about a command-line argument and exit with status 2.
 * \param message what is wrong
 */
[[noreturn]] void
Fail(const std::string& message)
{
    std::cerr << "tcp-fast-open-example: " << message << std::endl;
    std::exit(2);
}

/**
 * \param t a time
 * \return it in milliseconds with three decimals
 */
std::string
Ms(Time t)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3) << t.GetSeconds() * 1000;
    return os.str();
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string delayText = "10ms";
    std::string dataRate = "100Mbps";
    uint32_t connections = 3;
    uint32_t requestSize = 500;
    uint32_t responseSize = 1000;
    bool ipv6 = false;
    bool linuxDefaults = true;
    std::string pcapPrefix;
    std::string key;
    std::string api = "sendto";
    double gap = 1.0;
    uint32_t queueLength = 16;
    std::string rekey;
    std::string rekeyAtText = "0s";
    int64_t stallAcks = -1;

    CommandLine cmd(__FILE__);
    cmd.AddValue("delay", "One-way delay of the link (e.g. 10ms)", delayText);
    cmd.AddValue("dataRate", "Link data rate (e.g. 100Mbps)", dataRate);
    cmd.AddValue("connections", "Connections to open, one after the other", connections);
    cmd.AddValue("requestSize", "Request bytes per connection (at least 8)", requestSize);
    cmd.AddValue("responseSize", "Response bytes per connection (at least 1)", responseSize);
    cmd.AddValue("ipv6", "Use IPv6 instead of IPv4", ipv6);
    cmd.AddValue("linuxDefaults", "Apply the Linux-defaults timing profile", linuxDefaults);
    cmd.AddValue("pcap", "Write pcap files PREFIX-<node>-<device>.pcap", pcapPrefix);
    cmd.AddValue("key", "Server key: sysctl form or 32 hex digits (default: random)", key);
    cmd.AddValue("api", "Client API: sendto (MSG_FASTOPEN) or connect (TCP_FASTOPEN_CONNECT)", api);
    cmd.AddValue("gap", "Seconds between the end of a connection and the next", gap);
    cmd.AddValue("queueLength",
                 "The server listener's TCP_FASTOPEN queue length (pending-TFO limit)",
                 queueLength);
    cmd.AddValue("rekey",
                 "At --rekeyAt, replace the server's key with this one (primary only, as "
                 "writing net.ipv4.tcp_fastopen_key does)",
                 rekey);
    cmd.AddValue("rekeyAt", "When --rekey takes effect (e.g. 1.1s)", rekeyAtText);
    cmd.AddValue("stallAcks",
                 "Hold connection K (0-based) open and drop the client's pure ACKs at the "
                 "server from its start until connection K+1 has its response (-1: off)",
                 stallAcks);
    cmd.Parse(argc, argv);

    Time delay;
    if (!TcpFastOpenArguments::ParseTime(delayText, delay))
    {
        Fail("--delay=" + delayText + " is not a non-negative time (e.g. 10ms)");
    }
    DataRate rate;
    if (!TcpFastOpenArguments::ParseDataRate(dataRate, rate))
    {
        Fail("--dataRate=" + dataRate + " is not a data rate (e.g. 100Mbps)");
    }
    if (connections == 0)
    {
        Fail("--connections must be at least 1");
    }
    if (requestSize < RequestResponseClient::HEADER_SIZE)
    {
        Fail("--requestSize must be at least 8 (the request header)");
    }
    if (responseSize == 0)
    {
        Fail("--responseSize must be at least 1");
    }
    if (gap < 0)
    {
        Fail("--gap must not be negative");
    }
    RequestResponseClient::FastOpenApi clientApi;
    if (api == "sendto")
    {
        clientApi = RequestResponseClient::SENDTO_FASTOPEN;
    }
    else if (api == "connect")
    {
        clientApi = RequestResponseClient::FASTOPEN_CONNECT;
    }
    else
    {
        Fail("--api=" + api + ": expected sendto or connect");
    }
    Time rekeyAt;
    if (!TcpFastOpenArguments::ParseTime(rekeyAtText, rekeyAt))
    {
        Fail("--rekeyAt=" + rekeyAtText + " is not a non-negative time (e.g. 1.1s)");
    }
    if (!rekey.empty())
    {
        TcpFastOpenKey newKey;
        std::optional<TcpFastOpenKey> backup;
        std::string error;
        if (!TcpFastOpenKey::ParseKeyList(rekey, newKey, backup, error))
        {
            Fail("--rekey=" + rekey + ": " + error);
        }
    }
    if (stallAcks >= 0 && static_cast<uint64_t>(stallAcks) + 1 >= connections)
    {
        Fail("--stallAcks=" + std::to_string(stallAcks) +
             " needs a later connection to release it: use --connections > stallAcks + 1");
    }
    if (stallAcks < -1)
    {
        Fail("--stallAcks must be -1 (off) or a connection index");
    }
    if (!key.empty())
    {
        TcpFastOpenKey primary;
        std::optional<TcpFastOpenKey> backup;
        std::string error;
        if (!TcpFastOpenKey::ParseKeyList(key, primary, backup, error))
        {
            Fail("--key=" + key + ": " + error);
        }
    }

    NodeContainer nodes;
    nodes.Create(2);
    Ptr<Node> client = nodes.Get(0);
    Ptr<Node> server = nodes.Get(1);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(rate));
    p2p.SetChannelAttribute("Delay", TimeValue(delay));
    NetDeviceContainer devices = p2p.Install(nodes);

    InternetStackHelper internet;
    internet.Install(nodes);
    Address serverAddress;
    const uint16_t port = 8080;
    if (ipv6)
    {
        Ipv6AddressHelper addresses;
        addresses.SetBase(Ipv6Address("2001:db8::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer interfaces = addresses.Assign(devices);
        interfaces.SetForwarding(0, true);
        serverAddress = Inet6SocketAddress(interfaces.GetAddress(1, 1), port);
    }
    else
    {
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.0.0.0", "255.255.255.0");
        Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
        serverAddress = InetSocketAddress(interfaces.GetAddress(1), port);
    }

    TcpFastOpenHelper clientTfo;
    clientTfo.SetMode(TcpFastOpenSocket::CLIENT_ENABLE);
    clientTfo.SetLinuxDefaults(linuxDefaults);
    clientTfo.Install(client);
    TcpFastOpenHelper serverTfo;
    serverTfo.SetMode(TcpFastOpenSocket::SERVER_ENABLE);
    serverTfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(queueLength));
    serverTfo.SetLinuxDefaults(linuxDefaults);
    if (!key.empty())
    {
        serverTfo.SetCookieGeneratorAttribute("Key", StringValue(key));
    }
    serverTfo.Install(server);

    Ptr<RequestResponseServer> serverApp = CreateObject<RequestResponseServer>();
    serverApp->SetAttribute(
        "Local",
        AddressValue(ipv6 ? Address(Inet6SocketAddress(Ipv6Address::GetAny(), port))
                          : Address(InetSocketAddress(Ipv4Address::GetAny(), port))));
    serverApp->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    server->AddApplication(serverApp);
    serverApp->SetStartTime(Seconds(0));

    Ptr<RequestResponseClient> clientApp = CreateObject<RequestResponseClient>();
    clientApp->SetAttribute("Remote", AddressValue(serverAddress));
    clientApp->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    clientApp->SetAttribute("RequestSize", UintegerValue(requestSize));
    clientApp->SetAttribute("ResponseSize", UintegerValue(responseSize));
    clientApp->SetAttribute("Transactions", UintegerValue(connections));
    clientApp->SetAttribute("ThinkTime", TimeValue(Seconds(gap)));
    clientApp->SetAttribute("FastOpenApi", EnumValue(clientApi));
    client->AddApplication(clientApp);
    clientApp->SetStartTime(Seconds(1));

    if (!rekey.empty())
    {
        Simulator::Schedule(rekeyAt,
                            [server, rekey]() { TcpFastOpenHelper::SetKey(server, rekey); });
    }
    Ptr<PureAckDropModel> ackDrop;
    if (stallAcks >= 0)
    {
        clientApp->SetAttribute("HoldOpen", UintegerValue(stallAcks));
        ackDrop = CreateObject<PureAckDropModel>();
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(ackDrop));
        const uint32_t held = stallAcks;
        clientApp->TraceConnectWithoutContext(
            "TransactionStart",
            MakeCallback(+[](PureAckDropModel* drop, uint32_t k, const TransactionRecord& r) {
                if (r.index == k)
                {
                    drop->SetDropping(true);
                }
            }).Bind(PeekPointer(ackDrop), held));
        clientApp->TraceConnectWithoutContext(
            "Transaction",
            MakeCallback(+[](PureAckDropModel* drop, uint32_t k, const TransactionRecord& r) {
                if (r.index == k + 1)
                {
                    drop->SetDropping(false);
                }
            }).Bind(PeekPointer(ackDrop), held));
    }

    if (!pcapPrefix.empty())
    {
        p2p.EnablePcapAll(pcapPrefix, false);
    }

    Simulator::Run();

    std::cout << "TCP Fast Open: " << connections << " connection(s), " << requestSize
              << " B request, " << responseSize << " B response, one-way delay "
              << delay.As(Time::MS) << ", " << (ipv6 ? "IPv6" : "IPv4") << "\n\n";
    std::cout << std::left << std::setw(6) << "conn" << std::right << std::setw(11) << "start_ms"
              << std::setw(14) << "connected_ms" << std::setw(15) << "first_byte_ms"
              << std::setw(11) << "done_ms" << std::setw(13) << "latency_ms" << std::setw(10)
              << "syn_data"
              << "  tfo\n";
    for (const TransactionRecord& r : clientApp->GetTransactions())
    {
        std::string tfo = r.synDataBytes == 0 ? "cookie request / no TFO"
                          : r.synDataAcked    ? "SYN data accepted"
                                              : "SYN data refused";
        std::cout << std::left << std::setw(6) << r.index << std::right << std::setw(11)
                  << Ms(r.start) << std::setw(14) << Ms(r.connected) << std::setw(15)
                  << Ms(r.firstByte) << std::setw(11) << Ms(r.completion) << std::setw(13)
                  << (r.completed ? Ms(r.GetLatency()) : std::string("failed")) << std::setw(10)
                  << r.synDataBytes << "  " << tfo << "\n";
    }
    std::cout << "\nclient counters (nstat -az | grep FastOpen):\n";
    TcpFastOpenHelper::PrintCounters(client, std::cout, true);
    std::cout << "\nserver counters (nstat -az | grep FastOpen):\n";
    TcpFastOpenHelper::PrintCounters(server, std::cout, true);
    if (!pcapPrefix.empty())
    {
        std::cout << "\npcap: " << pcapPrefix << "-0-0.pcap (client), " << pcapPrefix
                  << "-1-0.pcap (server)\n";
    }

    const bool allCompleted = clientApp->GetCompletedCount() == connections;
    Simulator::Destroy();
    return allCompleted ? 0 : 1;
}
