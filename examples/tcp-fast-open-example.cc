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
 *
 * A bad argument ends it with exit status 2 and one line naming the option
 * (TcpFastOpenArgumentChecker, as every example).
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/ppp-header.h"
#include "ns3/tcp-fast-open-module.h"

#include <cstdlib>
#include <functional>
#include <iomanip>
#include <iostream>
#include <memory>

using namespace ns3;

namespace
{

/**
 * \param tcp a TCP header
 * \return its flags without PSH, ECE and CWR
 */
uint8_t
Flags(const TcpHeader& tcp)
{
    return tcp.GetFlags() & ~(TcpHeader::PSH | TcpHeader::ECE | TcpHeader::CWR);
}

/**
 * \brief Drops, while enabled, the TCP segments a device receives that a
 * predicate selects: a connection's pure ACKs (--stallAcks), a SYN or a SYN-ACK (--dropSyn,
 * --dropSynAck). A receive error model drops after the sender's capture and
 * before the receiver's.
 */
class TcpSegmentDropModel : public ErrorModel
{
  public:
    /// Predicate: a segment's header and payload bytes; true to drop it.
    using Predicate = std::function<bool(const TcpHeader& tcp, uint32_t payload)>;

    /// \param predicate what to drop
    void SetPredicate(Predicate predicate)
    {
        m_predicate = std::move(predicate);
    }

    /// \param enabled drop from now on (true) or not
    void SetDropping(bool enabled)
    {
        m_dropping = enabled;
    }

    /// \return segments dropped so far
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
        if (m_predicate(tcp, copy->GetSize()))
        {
            m_dropped++;
            return true;
        }
        return false;
    }

    void DoReset() override
    {
    }

    Predicate m_predicate;  //!< what to drop
    bool m_dropping{false}; //!< dropping now
    uint32_t m_dropped{0};  //!< segments dropped
};

/**
 * \brief Drop the first transmission of connection \p k's SYN (or SYN-ACK)
 * at the device that receives it: the (k+1)-th such segment it sees (the
 * connections before k lose nothing, so none of theirs is a retransmission).
 * \param device the receiving device
 * \param flags TcpHeader::SYN or SYN|ACK
 * \param k the connection (0-based)
 */
void
DropHandshakeSegment(Ptr<NetDevice> device, uint8_t flags, uint32_t k)
{
    Ptr<TcpSegmentDropModel> drop = CreateObject<TcpSegmentDropModel>();
    auto seen = std::make_shared<uint32_t>(0);
    drop->SetPredicate([flags, k, seen](const TcpHeader& tcp, uint32_t /* payload */) {
        return Flags(tcp) == flags && (*seen)++ == k;
    });
    drop->SetDropping(true);
    device->SetAttribute("ReceiveErrorModel", PointerValue(drop));
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
    TcpFastOpenArgumentChecker check("tcp-fast-open-example");
    std::string delayText = "10ms";
    std::string dataRate = "100Mbps";
    std::string connectionsText = "3";
    std::string requestSizeText = "500";
    std::string responseSizeText = "1000";
    std::string ipv6Text = "false";
    std::string linuxDefaultsText = "true";
    std::string pcapPrefix = "none";
    std::string key = "random";
    std::string api = "sendto";
    std::string gapText = "1";
    std::string queueLengthText = "16";
    std::string rekey = "none";
    std::string rekeyAtText = "0s";
    std::string stallAcksText = "none";
    std::string dropSynText = "none";
    std::string dropSynAckText = "none";

    CommandLine cmd(__FILE__);
    check.AddValue(cmd, "delay", "One-way delay of the link (e.g. 10ms)", delayText);
    check.AddValue(cmd, "dataRate", "Link data rate (e.g. 100Mbps)", dataRate);
    check.AddValue(cmd,
                   "connections",
                   "Connections to open, one after the other (1 .. 100000)",
                   connectionsText);
    check.AddValue(cmd,
                   "requestSize",
                   "Request bytes per connection (at least 8)",
                   requestSizeText);
    check.AddValue(cmd,
                   "responseSize",
                   "Response bytes per connection (at least 1)",
                   responseSizeText);
    check.AddValue(cmd, "ipv6", "Use IPv6 instead of IPv4", ipv6Text);
    check.AddValue(cmd,
                   "linuxDefaults",
                   "Apply the Linux-defaults timing profile",
                   linuxDefaultsText);
    check.AddValue(cmd,
                   "pcap",
                   "Write pcap files PREFIX-<node>-<device>.pcap ('none': no pcap)",
                   pcapPrefix);
    check.AddValue(cmd, "key", "Server key: sysctl form, 32 hex digits, or random", key);
    check.AddValue(cmd,
                   "api",
                   "Client API: sendto (MSG_FASTOPEN) or connect (TCP_FASTOPEN_CONNECT)",
                   api);
    check.AddValue(cmd, "gap", "Seconds between the end of a connection and the next", gapText);
    check.AddValue(cmd,
                   "queueLength",
                   "The server listener's TCP_FASTOPEN queue length (pending-TFO limit, "
                   "0 .. 65535)",
                   queueLengthText);
    check.AddValue(cmd,
                   "rekey",
                   "At --rekeyAt, replace the server's key with this one (primary only, as "
                   "writing net.ipv4.tcp_fastopen_key does; 'none')",
                   rekey);
    check.AddValue(cmd, "rekeyAt", "When --rekey takes effect (e.g. 1.1s)", rekeyAtText);
    check.AddValue(cmd,
                   "stallAcks",
                   "Hold connection K (0-based) open and drop its client's pure ACKs at the "
                   "server from its start until connection K+1 has its response ('none': off)",
                   stallAcksText);
    check.AddValue(cmd,
                   "dropSyn",
                   "Drop connection K's first SYN (0-based) at the server, after the client's "
                   "capture ('none': off)",
                   dropSynText);
    check.AddValue(cmd,
                   "dropSynAck",
                   "Drop connection K's first SYN-ACK (0-based) at the client, after the "
                   "server's capture ('none': off)",
                   dropSynAckText);
    check.Parse(cmd, argc, argv);

    const Time delay = check.Duration("delay", delayText);
    const DataRate rate = check.Rate("dataRate", dataRate);
    const uint32_t connections = check.Integer("connections", connectionsText, 1, 100000);
    const uint32_t requestSize =
        check.Integer("requestSize", requestSizeText, RequestResponseClient::HEADER_SIZE, 10000000);
    const uint32_t responseSize = check.Integer("responseSize", responseSizeText, 1, 100000000);
    const bool ipv6 = check.Boolean("ipv6", ipv6Text);
    const bool linuxDefaults = check.Boolean("linuxDefaults", linuxDefaultsText);
    pcapPrefix = check.OutputPath("pcap", pcapPrefix, "");
    const double gap = check.Number("gap", gapText, 0, 1e6);
    const uint32_t queueLength = check.Integer("queueLength", queueLengthText, 0, 65535);
    const RequestResponseClient::FastOpenApi clientApi =
        check.Choice("api", api, {"sendto", "connect"}) == "sendto"
            ? RequestResponseClient::SENDTO_FASTOPEN
            : RequestResponseClient::FASTOPEN_CONNECT;
    const Time rekeyAt = check.Duration("rekeyAt", rekeyAtText);
    if (rekey == "none")
    {
        rekey.clear();
    }
    if (key == "random")
    {
        key.clear();
    }
    if (!rekey.empty())
    {
        TcpFastOpenKey newKey;
        std::optional<TcpFastOpenKey> backup;
        std::string error;
        if (!TcpFastOpenKey::ParseKeyList(rekey, newKey, backup, error))
        {
            check.Fail("--rekey: \"" + rekey + "\": " + error);
        }
    }
    const int64_t stallAcks = stallAcksText == "none"
                                  ? int64_t{-1}
                                  : int64_t{check.Integer("stallAcks", stallAcksText, 0, 100000)};
    if (stallAcks >= 0 && static_cast<uint64_t>(stallAcks) + 1 >= connections)
    {
        check.Fail("--stallAcks: " + stallAcksText +
                   " needs a later connection to release it: use --connections > stallAcks + 1");
    }
    const int64_t dropSyn = dropSynText == "none"
                                ? int64_t{-1}
                                : int64_t{check.Integer("dropSyn", dropSynText, 0, connections - 1)};
    const int64_t dropSynAck =
        dropSynAckText == "none"
            ? int64_t{-1}
            : int64_t{check.Integer("dropSynAck", dropSynAckText, 0, connections - 1)};
    if (stallAcks >= 0 && dropSyn >= 0)
    {
        check.Fail("--dropSyn and --stallAcks both need the server's receive error model: "
                   "use one of them");
    }
    if (!key.empty())
    {
        TcpFastOpenKey primary;
        std::optional<TcpFastOpenKey> backup;
        std::string error;
        if (!TcpFastOpenKey::ParseKeyList(key, primary, backup, error))
        {
            check.Fail("--key: \"" + key + "\": " + error);
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
    Ptr<TcpSegmentDropModel> ackDrop;
    if (stallAcks >= 0)
    {
        clientApp->SetAttribute("HoldOpen", UintegerValue(stallAcks));
        ackDrop = CreateObject<TcpSegmentDropModel>();
        // Connection K's pure ACKs only: its client port is the first SYN's
        // once dropping starts (at K's start).
        auto port = std::make_shared<uint16_t>(0);
        ackDrop->SetPredicate([port](const TcpHeader& tcp, uint32_t payload) {
            if (Flags(tcp) == TcpHeader::SYN && *port == 0)
            {
                *port = tcp.GetSourcePort();
            }
            return Flags(tcp) == TcpHeader::ACK && payload == 0 && tcp.GetSourcePort() == *port;
        });
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(ackDrop));
        const uint32_t held = stallAcks;
        clientApp->TraceConnectWithoutContext(
            "TransactionStart",
            MakeCallback(+[](TcpSegmentDropModel* drop, uint32_t k, const TransactionRecord& r) {
                if (r.index == k)
                {
                    drop->SetDropping(true);
                }
            }).Bind(PeekPointer(ackDrop), held));
        clientApp->TraceConnectWithoutContext(
            "Transaction",
            MakeCallback(+[](TcpSegmentDropModel* drop, uint32_t k, const TransactionRecord& r) {
                if (r.index == k + 1)
                {
                    drop->SetDropping(false);
                }
            }).Bind(PeekPointer(ackDrop), held));
    }

    if (dropSyn >= 0)
    {
        DropHandshakeSegment(devices.Get(1), TcpHeader::SYN, dropSyn);
    }
    if (dropSynAck >= 0)
    {
        DropHandshakeSegment(devices.Get(0), TcpHeader::SYN | TcpHeader::ACK, dropSynAck);
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
