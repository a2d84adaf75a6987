/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * ICMP and ICMPv6 errors as Linux's tcp_v4_err / tcp_v6_err take them
 * (issue 15, item 4): client - router - server, the router sending real
 * ICMP. "Packet too big" comes from ns-3's IPv6 forwarding over a link of
 * MTU 1280; ns-3's IPv4 fragments instead of honouring DF, so a test element
 * on the router (IcmpInjectorModel) drops the matching packets and has the
 * router's Icmpv4L4Protocol (or Icmpv6L4Protocol) answer them.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/test.h"

#include <cerrno>

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// What the router answers a matching packet with.
enum IcmpKind
{
    FRAG_NEEDED,   //!< IPv4 fragmentation needed (IPv6: packet too big)
    PORT_UNREACH,  //!< port unreachable (ECONNREFUSED)
    TIME_EXCEEDED, //!< TTL / hop limit exceeded (EHOSTUNREACH)
    SILENT_DROP,   //!< no ICMP error: the packet is only dropped
};

/**
 * \ingroup tcp-fast-open-tests
 * \brief A receive error model on the router that drops the TCP packets a
 * predicate selects and has the router's ICMP protocol answer each one.
 */
class IcmpInjectorModel : public ErrorModel
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::tfotest::IcmpInjectorModel")
                                .SetParent<ErrorModel>()
                                .SetGroupName("TcpFastOpen")
                                .AddConstructor<IcmpInjectorModel>();
        return tid;
    }

    /**
     * \param router the node that answers
     * \param kind the ICMP error
     * \param mtu the MTU a FRAG_NEEDED reports
     * \param predicate which segments (parsed with their IP packet's size)
     */
    void Set(Ptr<Node> router,
             IcmpKind kind,
             uint32_t mtu,
             std::function<bool(const Segment&, uint32_t ipSize)> predicate)
    {
        m_router = router;
        m_kind = kind;
        m_mtu = mtu;
        m_predicate = std::move(predicate);
    }

    /// \param forward true: the packets answered still go on
    void SetForward(bool forward)
    {
        m_forward = forward;
    }

    /// \return how many ICMP errors were sent
    uint32_t GetSent() const
    {
        return m_sent;
    }

  private:
    bool DoCorrupt(Ptr<Packet> p) override
    {
        std::optional<Segment> segment = ParseSegment(p, true);
        if (!segment || !m_predicate || !m_predicate(*segment, p->GetSize() - 2))
        {
            return false;
        }
        if (m_kind == SILENT_DROP)
        {
            return true;
        }
        Ptr<Packet> copy = p->Copy();
        PppHeader ppp;
        copy->RemoveHeader(ppp);
        m_sent++;
        if (ppp.GetProtocol() == 0x0021)
        {
            Ipv4Header ip;
            copy->RemoveHeader(ip);
            Ptr<Icmpv4L4Protocol> icmp = m_router->GetObject<Icmpv4L4Protocol>();
            switch (m_kind)
            {
            case FRAG_NEEDED:
                Simulator::ScheduleNow(&Icmpv4L4Protocol::SendDestUnreachFragNeeded,
                                       icmp,
                                       ip,
                                       copy,
                                       static_cast<uint16_t>(m_mtu));
                break;
            case PORT_UNREACH:
                Simulator::ScheduleNow(&Icmpv4L4Protocol::SendDestUnreachPort, icmp, ip, copy);
                break;
            case TIME_EXCEEDED:
                Simulator::ScheduleNow(&Icmpv4L4Protocol::SendTimeExceededTtl,
                                       icmp,
                                       ip,
                                       copy,
                                       false);
                break;
            case SILENT_DROP:
                break;
            }
            return !m_forward;
        }
        Ipv6Header ip;
        copy->PeekHeader(ip);
        Ptr<Icmpv6L4Protocol> icmp = m_router->GetObject<Icmpv6L4Protocol>();
        switch (m_kind)
        {
        case FRAG_NEEDED:
            Simulator::ScheduleNow(&Icmpv6L4Protocol::SendErrorTooBig,
                                   icmp,
                                   copy,
                                   ip.GetSource(),
                                   m_mtu);
            break;
        case PORT_UNREACH:
            Simulator::ScheduleNow(&Icmpv6L4Protocol::SendErrorDestinationUnreachable,
                                   icmp,
                                   copy,
                                   ip.GetSource(),
                                   static_cast<uint8_t>(Icmpv6Header::ICMPV6_PORT_UNREACHABLE));
            break;
        case TIME_EXCEEDED:
            Simulator::ScheduleNow(&Icmpv6L4Protocol::SendErrorTimeExceeded,
                                   icmp,
                                   copy,
                                   ip.GetSource(),
                                   static_cast<uint8_t>(Icmpv6Header::ICMPV6_HOPLIMIT));
            break;
        case SILENT_DROP:
            break;
        }
        return !m_forward;
    }

    void DoReset() override
    {
        m_sent = 0;
    }

    Ptr<Node> m_router;                                        //!< who answers
    IcmpKind m_kind{FRAG_NEEDED};                              //!< with what
    uint32_t m_mtu{0};                                         //!< FRAG_NEEDED's MTU
    std::function<bool(const Segment&, uint32_t)> m_predicate; //!< which packets
    uint32_t m_sent{0};                                        //!< errors sent
    bool m_forward{false};                                     //!< answered packets go on
};

NS_OBJECT_ENSURE_REGISTERED(IcmpInjectorModel);

/// One ICMP error the client socket's IcmpError trace reported.
struct IcmpSeen
{
    Time time;                               //!< when
    uint8_t type{0};                         //!< ICMP type
    uint32_t info{0};                        //!< the MTU
    int linuxErrno{0};                       //!< Linux's errno
    TcpLinuxSocketBase::IcmpAction action{}; //!< what the socket did
};

/**
 * \brief Client - router - server over IPv4 or IPv6 (10 ms links), Fast Open
 * with Linux's defaults on both ends, a listener on port 8080 that reads
 * everything, the client's segments recorded.
 */
struct RoutedBed
{
    Ptr<Node> client;                  //!< the client
    Ptr<Node> router;                  //!< the router
    Ptr<Node> server;                  //!< the server
    Ptr<NetDevice> routerFromClient;   //!< router's device on the client's link
    Ptr<NetDevice> routerToServer;     //!< router's device on the server's link
    Address serverAddress;             //!< server IP and port 8080
    bool ipv6{false};                  //!< over IPv6
    Ptr<Socket> listener;              //!< the server's listener
    std::vector<Ptr<Socket>> children; //!< its connections
    uint32_t received{0};              //!< bytes the server read
    std::vector<Segment> sent;         //!< the client's segments
    std::vector<Segment> serverSent;   //!< the server's segments
    std::vector<IcmpSeen> icmp;        //!< the client socket's ICMP errors
    Ptr<TcpFastOpenSocket> socket;     //!< the client socket under test
    uint32_t failed{0};                //!< connection-failed callbacks
    uint32_t errorClosed{0};           //!< error-close callbacks

    /// \param v6 over IPv6
    explicit RoutedBed(bool v6)
        : ipv6(v6)
    {
        NodeContainer nodes;
        nodes.Create(3);
        client = nodes.Get(0);
        router = nodes.Get(1);
        server = nodes.Get(2);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(10)));
        InternetStackHelper internet;
        internet.Install(nodes);
        NetDeviceContainer first = p2p.Install(client, router);
        NetDeviceContainer second = p2p.Install(router, server);
        routerFromClient = first.Get(1);
        routerToServer = second.Get(0);
        if (ipv6)
        {
            Ipv6AddressHelper addresses;
            addresses.SetBase(Ipv6Address("2001:1::"), Ipv6Prefix(64));
            Ipv6InterfaceContainer a = addresses.Assign(first);
            a.SetForwarding(1, true);
            a.SetDefaultRouteInAllNodes(1);
            addresses.SetBase(Ipv6Address("2001:2::"), Ipv6Prefix(64));
            Ipv6InterfaceContainer b = addresses.Assign(second);
            b.SetForwarding(0, true);
            b.SetDefaultRouteInAllNodes(0);
            serverAddress = Inet6SocketAddress(b.GetAddress(1, 1), 8080);
        }
        else
        {
            Ipv4AddressHelper addresses;
            addresses.SetBase("10.0.1.0", "255.255.255.0");
            addresses.Assign(first);
            addresses.SetBase("10.0.2.0", "255.255.255.0");
            Ipv4InterfaceContainer b = addresses.Assign(second);
            Ipv4GlobalRoutingHelper::PopulateRoutingTables();
            serverAddress = InetSocketAddress(b.GetAddress(1), 8080);
        }
        TcpFastOpenHelper clientTfo;
        clientTfo.SetMode(TcpFastOpenSocket::CLIENT_ENABLE);
        clientTfo.SetLinuxDefaults(true);
        clientTfo.Install(client);
        TcpFastOpenHelper serverTfo;
        serverTfo.SetMode(TcpFastOpenSocket::SERVER_ENABLE);
        serverTfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(16));
        serverTfo.SetLinuxDefaults(true);
        serverTfo.Install(server);

        listener = Socket::CreateSocket(server, TcpFastOpenSocketFactory::GetTypeId());
        if (ipv6)
        {
            listener->Bind(Inet6SocketAddress(Ipv6Address::GetAny(), 8080));
        }
        else
        {
            listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), 8080));
        }
        listener->Listen();
        listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                    MakeCallback(&RoutedBed::Accepted, this));
        client->GetDevice(1)->TraceConnectWithoutContext("PhyTxBegin",
                                                         MakeCallback(&RoutedBed::Record, this));
        server->GetDevice(1)->TraceConnectWithoutContext(
            "PhyTxBegin",
            Callback<void, Ptr<const Packet>>([this](Ptr<const Packet> packet) {
                if (std::optional<Segment> segment = ParseSegment(packet, true))
                {
                    serverSent.push_back(*segment);
                }
            }));
    }

    /**
     * \brief Install an ICMP injector on the router (client's side).
     * \param kind the error
     * \param mtu the MTU of FRAG_NEEDED
     * \param predicate which of the client's packets
     * \return the injector
     */
    Ptr<IcmpInjectorModel> Inject(IcmpKind kind,
                                  uint32_t mtu,
                                  std::function<bool(const Segment&, uint32_t)> predicate)
    {
        Ptr<IcmpInjectorModel> model = CreateObject<IcmpInjectorModel>();
        model->Set(router, kind, mtu, std::move(predicate));
        routerFromClient->SetAttribute("ReceiveErrorModel", PointerValue(model));
        return model;
    }

    /**
     * \brief Install an ICMP injector on the router's server side that lets
     * the packets it answers through (an error for a packet that was
     * delivered, e.g. by another path).
     * \param kind the error
     * \param predicate which of the server's packets
     * \return the injector
     */
    Ptr<IcmpInjectorModel> InjectTowardServer(IcmpKind kind,
                                              std::function<bool(const Segment&)> predicate)
    {
        Ptr<IcmpInjectorModel> model = CreateObject<IcmpInjectorModel>();
        model->Set(router, kind, 0, [predicate](const Segment& s, uint32_t) {
            return predicate(s);
        });
        model->SetForward(true);
        routerToServer->SetAttribute("ReceiveErrorModel", PointerValue(model));
        return model;
    }

    /// \return a new client socket, its ICMP errors and close callbacks recorded
    Ptr<TcpFastOpenSocket> NewClient()
    {
        socket = DynamicCast<TcpFastOpenSocket>(
            Socket::CreateSocket(client, TcpFastOpenSocketFactory::GetTypeId()));
        icmp.clear();
        socket->TraceConnectWithoutContext(
            "IcmpError",
            Callback<void, uint8_t, uint8_t, uint32_t, int, TcpLinuxSocketBase::IcmpAction>(
                [this](uint8_t type,
                       uint8_t,
                       uint32_t info,
                       int linuxErrno,
                       TcpLinuxSocketBase::IcmpAction action) {
                    icmp.push_back({Simulator::Now(), type, info, linuxErrno, action});
                }));
        socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                   Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { ++failed; }));
        socket->SetCloseCallbacks(
            MakeNullCallback<void, Ptr<Socket>>(),
            Callback<void, Ptr<Socket>>([this](Ptr<Socket>) { ++errorClosed; }));
        return socket;
    }

    /// Fetch a cookie with a first connection (a cookie request at 2 s).
    void FetchCookie()
    {
        Simulator::Schedule(Seconds(2), [this]() {
            Ptr<Socket> s = Socket::CreateSocket(client, TcpFastOpenSocketFactory::GetTypeId());
            s->SendTo(Create<Packet>(0), TcpFastOpenSocket::MSG_FASTOPEN, serverAddress);
            Simulator::Schedule(Seconds(0.5), [s]() { s->Close(); });
        });
    }

    /**
     * \param from start
     * \return the client's segments from then on
     */
    std::vector<Segment> SentFrom(Time from) const
    {
        std::vector<Segment> out;
        for (const Segment& s : sent)
        {
            if (s.time >= from)
            {
                out.push_back(s);
            }
        }
        return out;
    }

    /// \return the client's segments, one a line
    std::string Dump() const
    {
        std::string out;
        for (const Segment& s : sent)
        {
            out += "  " + s.ToString() + "\n";
        }
        return out;
    }

    /// \param s a new connection
    /// \param from the client
    void Accepted(Ptr<Socket> s, const Address& /* from */)
    {
        children.push_back(s);
        s->SetRecvCallback(MakeCallback(&RoutedBed::Read, this));
        Read(s);
    }

    /// \param s a connection with data
    void Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            if (p->GetSize() == 0)
            {
                break;
            }
            received += p->GetSize();
        }
    }

    /// \param packet a packet the client sent (with its PPP header)
    void Record(Ptr<const Packet> packet)
    {
        std::optional<Segment> segment = ParseSegment(packet, true);
        if (segment)
        {
            segment->fromClient = true;
            sent.push_back(*segment);
        }
    }
};

/// \return " (IPv4)" or " (IPv6)"
std::string
Family(bool ipv6)
{
    return ipv6 ? " (IPv6)" : " (IPv4)";
}

/**
 * \param s a SYN
 * \return its MSS option (0 if none)
 */
uint16_t
MssOption(const Segment& s)
{
    if (!s.header.HasOption(TcpOption::MSS))
    {
        return 0;
    }
    return DynamicCast<const TcpOptionMSS>(s.header.GetOption(TcpOption::MSS))->GetMSS();
}

} // namespace

/**
 * tcp_v4_err / tcp_v6_err -> tcp_v4_mtu_reduced / tcp_v6_mtu_reduced ->
 * tcp_simple_retransmit: SYN data too big for the path draws "fragmentation
 * needed" (an injected ICMP, MTU 1000) or "packet too big" (ns-3's IPv6
 * router, egress MTU 1280); the client sends a plain SYN at once with the
 * path's MSS, and the data after the handshake in segments that fit.
 */
class TfoIcmpSynDataTooBigTestCase : public TestCase
{
  public:
    /// \param ipv6 over IPv6
    explicit TfoIcmpSynDataTooBigTestCase(bool ipv6)
        : TestCase("ICMP: SYN data too big: plain SYN at once with the path MSS" + Family(ipv6)),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        RoutedBed bed(m_ipv6);
        const uint32_t mtu = m_ipv6 ? 1280 : 1000;
        if (m_ipv6)
        {
            bed.routerToServer->SetMtu(mtu); // the router answers "packet too big" itself
        }
        else
        {
            bed.Inject(FRAG_NEEDED, mtu, [mtu](const Segment&, uint32_t ipSize) {
                return ipSize > mtu;
            });
        }
        bed.FetchCookie();
        Simulator::Schedule(Seconds(3), [&bed]() {
            bed.NewClient()->SendTo(Create<Packet>(1400),
                                    TcpFastOpenSocket::MSG_FASTOPEN,
                                    bed.serverAddress);
        });
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        const uint32_t mss = mtu - (m_ipv6 ? 60 : 40);
        const std::vector<Segment> out = bed.SentFrom(Seconds(3));
        TFO_TEST_REQUIRE(out.size() >= 3, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(out[0].Is(TcpHeader::SYN) && out[0].payload == 1400 &&
                                  out[0].tfo.has_value(),
                              true,
                              "the SYN carries the data and the cookie: " + bed.Dump());
        TFO_TEST_REQUIRE(bed.icmp.size() == 1, "one ICMP error: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.icmp[0].action,
                              TcpLinuxSocketBase::ICMP_PATH_MTU,
                              "taken as a path MTU");
        NS_TEST_ASSERT_MSG_EQ(bed.icmp[0].linuxErrno, EMSGSIZE, "EMSGSIZE");
        NS_TEST_ASSERT_MSG_EQ(bed.icmp[0].info, mtu, "the MTU it reports");
        // The plain SYN leaves when the ICMP error arrives (20 ms), not at
        // the 1 s SYN timeout.
        NS_TEST_ASSERT_MSG_EQ(out[1].Is(TcpHeader::SYN), true, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(out[1].time, bed.icmp[0].time, "resent at once: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(out[1].payload, 0, "a plain SYN");
        NS_TEST_ASSERT_MSG_EQ(out[1].tfo.has_value(), false, "without the option");
        NS_TEST_ASSERT_MSG_EQ(MssOption(out[1]), mss, "the path's MSS: " + bed.Dump());
        uint32_t largest = 0;
        for (size_t i = 2; i < out.size(); ++i)
        {
            largest = std::max(largest, out[i].payload);
        }
        NS_TEST_ASSERT_MSG_EQ((largest <= mss - 12), true, "segments fit the path: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.received, 1400, "every byte delivered: " + bed.Dump());
        Simulator::Destroy();
    }

    bool m_ipv6; //!< over IPv6
};

/**
 * An established connection whose path MTU drops (an injected
 * "fragmentation needed", MTU 1000; ns-3's IPv6 router, MTU 1280): the MSS is
 * lowered and the segments in flight are resent at once, without waiting for
 * the retransmission timeout.
 */
class TfoIcmpEstablishedMtuTestCase : public TestCase
{
  public:
    /// \param ipv6 over IPv6
    explicit TfoIcmpEstablishedMtuTestCase(bool ipv6)
        : TestCase("ICMP: path MTU lowered when connected: resent at once" + Family(ipv6)),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        RoutedBed bed(m_ipv6);
        const uint32_t mtu = m_ipv6 ? 1280 : 1000;
        Simulator::Schedule(Seconds(2), [&bed]() { bed.NewClient()->Connect(bed.serverAddress); });
        Simulator::Schedule(Seconds(3), [&bed, mtu]() {
            if (bed.ipv6)
            {
                bed.routerToServer->SetMtu(mtu);
            }
            else
            {
                bed.Inject(FRAG_NEEDED, mtu, [mtu](const Segment&, uint32_t ipSize) {
                    return ipSize > mtu;
                });
            }
            bed.socket->Send(Create<Packet>(20000), 0);
        });
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        const uint32_t mss = mtu - (m_ipv6 ? 60 : 40);
        TFO_TEST_REQUIRE(!bed.icmp.empty(), "ICMP errors: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.icmp[0].action,
                              TcpLinuxSocketBase::ICMP_PATH_MTU,
                              "taken as a path MTU");
        const Time icmpAt = bed.icmp[0].time;
        const std::vector<Segment> after = bed.SentFrom(icmpAt);
        TFO_TEST_REQUIRE(!after.empty(), bed.Dump());
        // The first segment after the error resends SND.UNA, at once.
        const std::vector<Segment> before = bed.SentFrom(Seconds(3));
        NS_TEST_ASSERT_MSG_EQ(after[0].time, icmpAt, "resent at once: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(after[0].header.GetSequenceNumber(),
                              before[0].header.GetSequenceNumber(),
                              "from SND.UNA: " + bed.Dump());
        for (const Segment& s : after)
        {
            NS_TEST_ASSERT_MSG_EQ((s.payload <= mss - 12), true, "fits the path: " + s.ToString());
        }
        NS_TEST_ASSERT_MSG_EQ(bed.received, 20000, "every byte delivered: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.errorClosed, 0, "the connection lives");
        Simulator::Destroy();
    }

    bool m_ipv6; //!< over IPv6
};

/**
 * tcp_v4_err / tcp_v6_err in SYN_SENT: any error other than a path MTU is
 * hard (sk_err, tcp_done): a port unreachable for the SYN data fails the
 * connection at once, with no SYN retransmission.
 */
class TfoIcmpHardErrorTestCase : public TestCase
{
  public:
    /// \param ipv6 over IPv6
    explicit TfoIcmpHardErrorTestCase(bool ipv6)
        : TestCase("ICMP: port unreachable in SYN_SENT fails the connect at once" + Family(ipv6)),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        RoutedBed bed(m_ipv6);
        bed.FetchCookie();
        Simulator::Schedule(Seconds(3), [&bed]() {
            bed.Inject(PORT_UNREACH, 0, [](const Segment& s, uint32_t) {
                return s.Is(TcpHeader::SYN);
            });
            bed.NewClient()->SendTo(Create<Packet>(100),
                                    TcpFastOpenSocket::MSG_FASTOPEN,
                                    bed.serverAddress);
        });
        Simulator::Stop(Seconds(20));
        Simulator::Run();

        const std::vector<Segment> out = bed.SentFrom(Seconds(3));
        TFO_TEST_REQUIRE(bed.icmp.size() == 1, "one ICMP error: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.icmp[0].linuxErrno, ECONNREFUSED, "ECONNREFUSED");
        NS_TEST_ASSERT_MSG_EQ(bed.icmp[0].action, TcpLinuxSocketBase::ICMP_HARD_ERROR, "hard");
        NS_TEST_ASSERT_MSG_EQ(out.size(), 1, "the SYN only, never again: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.failed, 1, "the connect failed");
        NS_TEST_ASSERT_MSG_EQ(bed.socket->GetErrno(), Socket::ERROR_NOROUTETOHOST, "errno");
        Simulator::Destroy();
    }

    bool m_ipv6; //!< over IPv6
};

/**
 * tcp_v4_err / tcp_v6_err when connected: a time exceeded is a soft error
 * (sk_err_soft): the connection keeps retransmitting and, when DataRetries
 * run out, reports it as its error (tcp_write_err) instead of a timeout.
 */
class TfoIcmpSoftErrorTestCase : public TestCase
{
  public:
    /// \param ipv6 over IPv6
    explicit TfoIcmpSoftErrorTestCase(bool ipv6)
        : TestCase("ICMP: time exceeded when connected: reported at the timeout" + Family(ipv6)),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        RoutedBed bed(m_ipv6);
        Simulator::Schedule(Seconds(2), [&bed]() {
            bed.NewClient()->SetAttribute("DataRetries", UintegerValue(2));
            bed.socket->Connect(bed.serverAddress);
        });
        Simulator::Schedule(Seconds(3), [&bed]() {
            bed.Inject(TIME_EXCEEDED, 0, [](const Segment& s, uint32_t) { return s.payload > 0; });
            bed.socket->Send(Create<Packet>(100), 0);
        });
        Simulator::Stop(Seconds(60));
        Simulator::Run();

        std::vector<Segment> data;
        for (const Segment& s : bed.SentFrom(Seconds(3)))
        {
            if (s.payload > 0)
            {
                data.push_back(s);
            }
        }
        NS_TEST_ASSERT_MSG_EQ(data.size(), 3, "sent, then DataRetries resends: " + bed.Dump());
        TFO_TEST_REQUIRE(bed.icmp.size() == 3, "an error for each: " + bed.Dump());
        for (const IcmpSeen& e : bed.icmp)
        {
            NS_TEST_ASSERT_MSG_EQ(e.linuxErrno, EHOSTUNREACH, "EHOSTUNREACH");
            NS_TEST_ASSERT_MSG_EQ(e.action, TcpLinuxSocketBase::ICMP_SOFT_ERROR, "soft");
        }
        NS_TEST_ASSERT_MSG_EQ(bed.errorClosed, 1, "ended by the timeout");
        NS_TEST_ASSERT_MSG_EQ(bed.socket->GetErrno(),
                              Socket::ERROR_NOROUTETOHOST,
                              "the soft error reported");
        Simulator::Destroy();
    }

    bool m_ipv6; //!< over IPv6
};

/**
 * tcp_ack: an ACK of new data forgets the soft error ("Something worked"):
 * a time exceeded for the first transmission of some data, then the data
 * acknowledged, then later data blackholed without any ICMP: the timeout
 * reports no ICMP error.
 */
class TfoIcmpSoftErrorForgottenTestCase : public TestCase
{
  public:
    /// \param ipv6 over IPv6
    explicit TfoIcmpSoftErrorForgottenTestCase(bool ipv6)
        : TestCase("ICMP: a soft error is forgotten when new data is acked" + Family(ipv6)),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        RoutedBed bed(m_ipv6);
        Simulator::Schedule(Seconds(2), [&bed]() {
            bed.NewClient()->SetAttribute("DataRetries", UintegerValue(2));
            bed.socket->Connect(bed.serverAddress);
        });
        Simulator::Schedule(Seconds(3), [&bed]() {
            uint32_t seen = 0;
            bed.Inject(TIME_EXCEEDED, 0, [seen](const Segment& s, uint32_t) mutable {
                return s.payload > 0 && ++seen == 1;
            });
            bed.socket->Send(Create<Packet>(100), 0);
        });
        Simulator::Schedule(Seconds(10), [&bed]() {
            bed.Inject(SILENT_DROP, 0, [](const Segment& s, uint32_t) { return s.payload > 0; });
            bed.socket->Send(Create<Packet>(100), 0);
        });
        Simulator::Stop(Seconds(80));
        Simulator::Run();

        TFO_TEST_REQUIRE(bed.icmp.size() == 1, "one ICMP error: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.icmp[0].action, TcpLinuxSocketBase::ICMP_SOFT_ERROR, "soft");
        NS_TEST_ASSERT_MSG_EQ(bed.received, 100, "the first data got through: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.errorClosed, 1, "ended by the timeout: " + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(bed.socket->GetErrno(),
                              Socket::ERROR_NOTERROR,
                              "no ICMP error reported at the timeout");
        Simulator::Destroy();
    }

    bool m_ipv6; //!< over IPv6
};

/**
 * tcp_v4_err / tcp_v6_err for a Fast Open child in SYN_RCVD (an ICMP error
 * quoting its SYN-ACK): one still in the accept queue is dropped (sk_err,
 * tcp_done), so the client's handshake ACK reaches the listener, which resets
 * it; the application still accepts the dead child (inet_csk_accept), reads
 * its SYN data and cannot write to it. One the application already accepted
 * takes the error as a soft error and completes.
 */
class TfoIcmpFastOpenChildTestCase : public TestCase
{
  public:
    /**
     * \param ipv6 over IPv6
     * \param accepted the application accepts at once (else AcceptRate keeps
     *        the child in the accept queue)
     */
    TfoIcmpFastOpenChildTestCase(bool ipv6, bool accepted)
        : TestCase(
              std::string("ICMP: port unreachable for a Fast Open child ") +
              (accepted ? "already accepted: soft error" : "not accepted: dropped, ACK reset") +
              Family(ipv6)),
          m_ipv6(ipv6),
          m_accepted(accepted)
    {
    }

  private:
    void DoRun() override
    {
        RoutedBed bed(m_ipv6);
        bed.FetchCookie();
        Ptr<TcpFastOpenSocket> listener = DynamicCast<TcpFastOpenSocket>(bed.listener);
        uint32_t childrenBefore = 99; // the cookie fetch's child waits in CLOSE_WAIT
        uint32_t childrenAfterIcmp = 99;
        uint32_t pendingAfterIcmp = 99;
        Simulator::Schedule(Seconds(3.01),
                            [&]() { childrenBefore = listener->GetChildSocketCount(); });
        Simulator::Schedule(Seconds(3), [&]() {
            if (!m_accepted)
            {
                listener->SetAttribute("AcceptRate", DoubleValue(0.1)); // next accept at 13 s
            }
            bed.InjectTowardServer(PORT_UNREACH, [](const Segment& s) {
                return (s.header.GetFlags() & (TcpHeader::SYN | TcpHeader::ACK)) ==
                       (TcpHeader::SYN | TcpHeader::ACK);
            });
            bed.NewClient()->SendTo(Create<Packet>(100),
                                    TcpFastOpenSocket::MSG_FASTOPEN,
                                    bed.serverAddress);
        });
        // The SYN reaches the server at 3.02 s; the ICMP error for its
        // SYN-ACK at 3.04 s, the client's ACK at 3.06 s.
        Simulator::Schedule(Seconds(3.05), [&]() {
            childrenAfterIcmp = listener->GetChildSocketCount();
            pendingAfterIcmp = listener->GetPendingFastOpenCount();
        });
        Simulator::Stop(Seconds(20));
        Simulator::Run();

        std::vector<Segment> serverOut;
        for (const Segment& s : bed.serverSent)
        {
            if (s.time >= Seconds(3))
            {
                serverOut.push_back(s);
            }
        }
        std::string dump = "client:\n" + bed.Dump() + "server:\n";
        for (const Segment& s : serverOut)
        {
            dump += "  " + s.ToString() + "\n";
        }
        TFO_TEST_REQUIRE(!serverOut.empty(), "the server answered: " + dump);
        NS_TEST_ASSERT_MSG_EQ(uint32_t(serverOut[0].header.GetFlags()),
                              uint32_t(TcpHeader::SYN | TcpHeader::ACK),
                              "a SYN-ACK first: " + dump);
        NS_TEST_ASSERT_MSG_EQ(serverOut[0].header.GetAckNumber(),
                              bed.SentFrom(Seconds(3))[0].header.GetSequenceNumber() + 101,
                              "acknowledging the SYN data: a Fast Open child");
        bool reset = false;
        for (const Segment& s : serverOut)
        {
            reset = reset || (s.header.GetFlags() & TcpHeader::RST);
        }
        if (m_accepted)
        {
            NS_TEST_ASSERT_MSG_EQ(childrenAfterIcmp,
                                  childrenBefore + 1,
                                  "the accepted child lives on");
            NS_TEST_ASSERT_MSG_EQ(reset, false, "no reset: " + dump);
            NS_TEST_ASSERT_MSG_EQ(bed.children.size(), 2, "cookie fetch + this connection");
            NS_TEST_ASSERT_MSG_EQ(bed.received, 100, "the SYN data was read");
            NS_TEST_ASSERT_MSG_EQ(bed.errorClosed, 0, "the client goes on");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(childrenAfterIcmp,
                                  childrenBefore,
                                  "the child is dropped at the ICMP error");
            NS_TEST_ASSERT_MSG_EQ(pendingAfterIcmp, 0, "its Fast Open request is released");
            NS_TEST_ASSERT_MSG_EQ(reset, true, "the client's ACK draws a RST: " + dump);
            NS_TEST_ASSERT_MSG_EQ(bed.errorClosed, 1, "the client's connection is reset");
            TFO_TEST_REQUIRE(bed.children.size() == 2, "the dead child is accepted too");
            NS_TEST_ASSERT_MSG_EQ(bed.received, 100, "its SYN data is read");
            NS_TEST_ASSERT_MSG_EQ(bed.children[1]->Send(Create<Packet>(10)), -1, "a write fails");
            NS_TEST_ASSERT_MSG_EQ(bed.children[1]->GetErrno(),
                                  Socket::ERROR_NOTCONN,
                                  "a write to the dropped child: EPIPE");
        }
        Simulator::Destroy();
    }

    bool m_ipv6;     //!< over IPv6
    bool m_accepted; //!< accepted before the ICMP error
};

/**
 * \ingroup tcp-fast-open-tests
 * ICMP and ICMPv6 errors as Linux takes them.
 */
class TcpFastOpenIcmpTestSuite : public TestSuite
{
  public:
    TcpFastOpenIcmpTestSuite()
        : TestSuite("tcp-fast-open-icmp", Type::UNIT)
    {
        for (bool ipv6 : {false, true})
        {
            AddTestCase(new TfoIcmpSynDataTooBigTestCase(ipv6), TFO_TEST_QUICK);
            AddTestCase(new TfoIcmpEstablishedMtuTestCase(ipv6), TFO_TEST_QUICK);
            AddTestCase(new TfoIcmpHardErrorTestCase(ipv6), TFO_TEST_QUICK);
            AddTestCase(new TfoIcmpSoftErrorTestCase(ipv6), TFO_TEST_QUICK);
            AddTestCase(new TfoIcmpSoftErrorForgottenTestCase(ipv6), TFO_TEST_QUICK);
            AddTestCase(new TfoIcmpFastOpenChildTestCase(ipv6, false), TFO_TEST_QUICK);
            AddTestCase(new TfoIcmpFastOpenChildTestCase(ipv6, true), TFO_TEST_QUICK);
        }
    }
};

/// The suite's instance.
static TcpFastOpenIcmpTestSuite g_tcpFastOpenIcmpTestSuite;
