/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/ppp-header.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-segment-duplicator-helper.h"
#include "ns3/tcp-segment-duplicator.h"
#include "ns3/test.h"
#include "ns3/traffic-control-module.h"

#include <csignal>
#include <cstdio>
#include <functional>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

/**
 * \file
 * \ingroup tcp-fast-open-tests
 * Tests of TcpSegmentDuplicator (drop / delay / duplicate chosen TCP segments)
 * with stock ns-3 TCP over point-to-point links.
 */

namespace ns3
{

namespace
{

/// One-way propagation delay of every link.
const Time kLinkDelay = MilliSeconds(10);
/// Rate of every link, bits per second.
constexpr uint64_t kRateBps = 10000000;
/// TCP port of the servers.
constexpr uint16_t kPort = 50000;
/// ns-3's default TcpSocket::SegmentSize.
constexpr uint32_t kSegmentSize = 536;
/// TCP flag bits.
constexpr uint8_t kSyn = TcpHeader::SYN;
/// TCP flag bits.
constexpr uint8_t kAck = TcpHeader::ACK;

/**
 * \param bytes frame size on the wire
 * \return its serialization time on a kRateBps link
 */
Time
Serialization(uint32_t bytes)
{
    return DataRate(kRateBps).CalculateBytesTxTime(bytes);
}

/// One packet seen by a Sniffer.
struct Seen
{
    Time time;            //!< when it was received
    uint32_t wireSize{0}; //!< frame size (PPP header included)
    uint8_t ipProto{0};   //!< IPv4 protocol / IPv6 next header
    bool tcp{false};      //!< it is a TCP segment
    uint8_t flags{0};     //!< TCP flags
    uint32_t seq{0};      //!< TCP sequence number
    uint32_t payload{0};  //!< TCP payload bytes
};

/**
 * Records every packet a PointToPointNetDevice receives (MacRx: the frame
 * still has its PPP header), parsing IPv4/IPv6 and TCP from a copy.
 */
class Sniffer
{
  public:
    /// \param device the PointToPointNetDevice to listen on
    void Attach(Ptr<NetDevice> device)
    {
        device->TraceConnectWithoutContext("MacRx", MakeCallback(&Sniffer::OnRx, this));
    }

    /**
     * \param mask flags examined
     * \param value their required value
     * \return the TCP segments with (flags & mask) == value
     */
    std::vector<Seen> Tcp(uint8_t mask, uint8_t value) const
    {
        std::vector<Seen> out;
        for (const Seen& s : m_seen)
        {
            if (s.tcp && (s.flags & mask) == value)
            {
                out.push_back(s);
            }
        }
        return out;
    }

    /// \return the TCP segments carrying data
    std::vector<Seen> Data() const
    {
        std::vector<Seen> out;
        for (const Seen& s : m_seen)
        {
            if (s.tcp && s.payload > 0)
            {
                out.push_back(s);
            }
        }
        return out;
    }

    /**
     * \param proto IP protocol number
     * \return the packets of that protocol
     */
    std::vector<Seen> Proto(uint8_t proto) const
    {
        std::vector<Seen> out;
        for (const Seen& s : m_seen)
        {
            if (s.ipProto == proto)
            {
                out.push_back(s);
            }
        }
        return out;
    }

  private:
    /// \param p a received frame
    void OnRx(Ptr<const Packet> p)
    {
        Seen s;
        s.time = Simulator::Now();
        s.wireSize = p->GetSize();
        Ptr<Packet> c = p->Copy();
        PppHeader ppp;
        c->RemoveHeader(ppp);
        if (ppp.GetProtocol() == 0x0021)
        {
            Ipv4Header ip;
            c->RemoveHeader(ip);
            s.ipProto = ip.GetProtocol();
        }
        else if (ppp.GetProtocol() == 0x0057)
        {
            Ipv6Header ip;
            c->RemoveHeader(ip);
            s.ipProto = ip.GetNextHeader();
        }
        if (s.ipProto == 6)
        {
            TcpHeader tcp;
            c->RemoveHeader(tcp);
            s.tcp = true;
            s.flags = tcp.GetFlags();
            s.seq = tcp.GetSequenceNumber().GetValue();
            s.payload = c->GetSize();
        }
        m_seen.push_back(s);
    }

    std::vector<Seen> m_seen; //!< everything received
};

/// Records the segment traces of a TcpSegmentDuplicator.
class TraceLog
{
  public:
    /// \param dup the element whose traces to record
    void Attach(Ptr<QueueDisc> dup)
    {
        dup->TraceConnectWithoutContext("Matched", MakeCallback(&TraceLog::OnMatched, this));
        dup->TraceConnectWithoutContext("Duplicated", MakeCallback(&TraceLog::OnDuplicated, this));
        dup->TraceConnectWithoutContext("Delayed", MakeCallback(&TraceLog::OnDelayed, this));
        dup->TraceConnectWithoutContext("Dropped", MakeCallback(&TraceLog::OnDropped, this));
        dup->TraceConnectWithoutContext("Dequeue", MakeCallback(&TraceLog::OnDequeue, this));
    }

    std::vector<std::pair<Time, TcpHeader>> matched;    //!< Matched events
    std::vector<std::pair<Time, TcpHeader>> duplicated; //!< Duplicated events
    std::vector<std::pair<Time, TcpHeader>> delayed;    //!< Delayed events
    std::vector<std::pair<Time, TcpHeader>> dropped;    //!< Dropped events
    std::vector<uint32_t> droppedPayload;               //!< payload of dropped segments
    uint32_t dequeued{0};                               //!< items dequeued
    uint32_t dequeuedLate{0}; //!< items dequeued later than they were enqueued

  private:
    /// \param p packet \param h header
    void OnMatched(Ptr<const Packet> p, const TcpHeader& h)
    {
        matched.emplace_back(Simulator::Now(), h);
    }

    /// \param p packet \param h header
    void OnDuplicated(Ptr<const Packet> p, const TcpHeader& h)
    {
        duplicated.emplace_back(Simulator::Now(), h);
    }

    /// \param p packet \param h header
    void OnDelayed(Ptr<const Packet> p, const TcpHeader& h)
    {
        delayed.emplace_back(Simulator::Now(), h);
    }

    /// \param p packet \param h header
    void OnDropped(Ptr<const Packet> p, const TcpHeader& h)
    {
        dropped.emplace_back(Simulator::Now(), h);
        droppedPayload.push_back(p->GetSize() - h.GetSerializedSize());
    }

    /// \param item a dequeued item
    void OnDequeue(Ptr<const QueueDiscItem> item)
    {
        ++dequeued;
        if (item->GetTimeStamp() != Simulator::Now())
        {
            ++dequeuedLate;
        }
    }
};

/// A client and a server, directly linked or through a router.
struct Topology
{
    NodeContainer nodes;           //!< client, [router,] server
    NetDeviceContainer clientLink; //!< client device, peer device
    NetDeviceContainer
        serverLink;   //!< peer device, server device (same as clientLink without router)
    Address serverIp; //!< server's address (Ipv4Address or Ipv6Address)
    bool ipv6{false}; //!< IPv6 addresses

    /// \return the client node
    Ptr<Node> Client() const
    {
        return nodes.Get(0);
    }

    /// \return the server node
    Ptr<Node> Server() const
    {
        return nodes.Get(nodes.GetN() - 1);
    }

    /**
     * \param port a port
     * \return the server's socket address
     */
    Address ServerSocketAddress(uint16_t port) const
    {
        if (ipv6)
        {
            return Inet6SocketAddress(Ipv6Address::ConvertFrom(serverIp), port);
        }
        return InetSocketAddress(Ipv4Address::ConvertFrom(serverIp), port);
    }

    /**
     * \param port a port
     * \return the wildcard address to listen on
     */
    Address AnyAddress(uint16_t port) const
    {
        if (ipv6)
        {
            return Inet6SocketAddress(Ipv6Address::GetAny(), port);
        }
        return InetSocketAddress(Ipv4Address::GetAny(), port);
    }
};

/**
 * \brief Build a 2-node (or 3-node with \p router) topology of 10 Mbps, 10 ms
 * point-to-point links with the internet stack and addresses.
 * \param ipv6 IPv6 instead of IPv4
 * \param router put a router between client and server
 * \return the topology
 */
Topology
Build(bool ipv6, bool router)
{
    Topology t;
    t.ipv6 = ipv6;
    t.nodes.Create(router ? 3 : 2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate(kRateBps)));
    p2p.SetChannelAttribute("Delay", TimeValue(kLinkDelay));
    t.clientLink = p2p.Install(t.nodes.Get(0), t.nodes.Get(1));
    t.serverLink = router ? p2p.Install(t.nodes.Get(1), t.nodes.Get(2)) : t.clientLink;
    InternetStackHelper stack;
    stack.Install(t.nodes);
    if (ipv6)
    {
        Ipv6AddressHelper a;
        a.SetBase(Ipv6Address("2001:db8:1::"), Ipv6Prefix(64));
        Ipv6InterfaceContainer c = a.Assign(t.clientLink);
        Ipv6InterfaceContainer s = c;
        if (router)
        {
            a.SetBase(Ipv6Address("2001:db8:2::"), Ipv6Prefix(64));
            s = a.Assign(t.serverLink);
            c.SetForwarding(1, true);
            s.SetForwarding(0, true);
            c.SetDefaultRouteInAllNodes(1);
            s.SetDefaultRouteInAllNodes(0);
        }
        t.serverIp = s.GetAddress(1, 1);
    }
    else
    {
        Ipv4AddressHelper a("10.1.1.0", "255.255.255.0");
        Ipv4InterfaceContainer c = a.Assign(t.clientLink);
        Ipv4InterfaceContainer s = c;
        if (router)
        {
            a.SetBase("10.1.2.0", "255.255.255.0");
            s = a.Assign(t.serverLink);
            Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        }
        t.serverIp = s.GetAddress(1);
    }
    return t;
}

/**
 * \brief A PacketSink on the server and a BulkSend client with MaxBytes.
 * \param t the topology
 * \param maxBytes bytes to send
 * \param start client start time
 * \return the sink
 */
Ptr<PacketSink>
AddBulkTransfer(const Topology& t, uint64_t maxBytes, Time start)
{
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory", t.AnyAddress(kPort));
    ApplicationContainer sinkApp = sinkHelper.Install(t.Server());
    sinkApp.Start(Seconds(0));
    BulkSendHelper bulk("ns3::TcpSocketFactory", t.ServerSocketAddress(kPort));
    bulk.SetAttribute("MaxBytes", UintegerValue(maxBytes));
    ApplicationContainer bulkApp = bulk.Install(t.Client());
    bulkApp.Start(start);
    return DynamicCast<PacketSink>(sinkApp.Get(0));
}

/**
 * \param qd a queue disc container with one TcpSegmentDuplicator
 * \return the element
 */
Ptr<TcpSegmentDuplicator>
First(const QueueDiscContainer& qd)
{
    return DynamicCast<TcpSegmentDuplicator>(qd.Get(0));
}

using tfotest::RunExpectingAbort;

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * Duplicate the client's SYN on the client's device, over IPv4 (one copy
 * 50 ms later) or IPv6 (two copies, 50 and 100 ms later): the server receives
 * the SYN and its copies exactly 50 ms apart and the transfer still delivers
 * every byte once.
 */
class TcpSegmentDuplicatorSynCopyTest : public TestCase
{
  public:
    /// \param ipv6 run over IPv6
    explicit TcpSegmentDuplicatorSynCopyTest(bool ipv6)
        : TestCase(std::string("Duplicator: SYN copied every 50 ms, ") + (ipv6 ? "IPv6" : "IPv4")),
          m_ipv6(ipv6),
          m_copies(ipv6 ? 2 : 1)
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t maxBytes = 5000;
        // IPv6: let duplicate address detection finish first.
        const Time start = m_ipv6 ? Seconds(2) : MilliSeconds(100);
        Topology t = Build(m_ipv6, false);
        TcpSegmentDuplicatorHelper helper;
        helper.SetAttribute("FlagsMask", UintegerValue(kSyn | kAck));
        helper.SetAttribute("FlagsValue", UintegerValue(kSyn));
        helper.SetAttribute("Copies", UintegerValue(m_copies));
        helper.SetAttribute("CopyDelay", TimeValue(MilliSeconds(50)));
        Ptr<TcpSegmentDuplicator> dup = First(helper.Install(t.clientLink.Get(0)));
        NS_TEST_ASSERT_MSG_EQ(
            t.Client()->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(
                t.clientLink.Get(0)),
            Ptr<QueueDisc>(dup),
            "the element replaced the default root queue disc");
        TraceLog log;
        log.Attach(dup);
        Sniffer server;
        server.Attach(t.serverLink.Get(1));
        Ptr<PacketSink> sink = AddBulkTransfer(t, maxBytes, start);
        Simulator::Stop(start + Seconds(5));
        Simulator::Run();

        const std::vector<Seen> syns = server.Tcp(kSyn | kAck, kSyn);
        NS_TEST_ASSERT_MSG_EQ(syns.size(), 1 + m_copies, "server receives the SYN and its copies");
        NS_TEST_ASSERT_MSG_EQ(syns[0].time,
                              start + kLinkDelay + Serialization(syns[0].wireSize),
                              "the original SYN is not delayed");
        for (uint32_t k = 1; k <= m_copies; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(syns[k].time - syns[0].time,
                                  MilliSeconds(50) * static_cast<int64_t>(k),
                                  "copy " << k << " arrives k * 50 ms after the original");
            NS_TEST_ASSERT_MSG_EQ(syns[k].wireSize, syns[0].wireSize, "same size");
            NS_TEST_ASSERT_MSG_EQ(syns[k].seq, syns[0].seq, "same sequence number");
        }
        NS_TEST_ASSERT_MSG_EQ(sink->GetTotalRx(), maxBytes, "every byte delivered once");

        NS_TEST_ASSERT_MSG_EQ(dup->GetMatched(), 1, "one SYN matched");
        NS_TEST_ASSERT_MSG_EQ(dup->GetActedOn(), 1, "acted on once");
        NS_TEST_ASSERT_MSG_EQ(dup->GetDuplicated(), m_copies, "copies made");
        NS_TEST_ASSERT_MSG_EQ(dup->GetDelayed(), 0, "original not delayed");
        NS_TEST_ASSERT_MSG_EQ(dup->GetDropped(), 0, "nothing dropped");
        NS_TEST_ASSERT_MSG_EQ(log.duplicated.size(), m_copies, "Duplicated traced per copy");
        NS_TEST_ASSERT_MSG_EQ(log.duplicated[0].first, start, "copy made when the SYN left");
        NS_TEST_ASSERT_MSG_EQ(log.duplicated[0].second.GetFlags(), kSyn, "the copy is a SYN");
        NS_TEST_ASSERT_MSG_EQ(log.matched.size(), 1, "Matched traced once");

        const QueueDisc::Stats& st = dup->GetStats();
        NS_TEST_ASSERT_MSG_EQ(st.nTotalReceivedPackets,
                              st.nTotalEnqueuedPackets,
                              "copies count as received and enqueued");
        NS_TEST_ASSERT_MSG_EQ(st.nTotalSentPackets,
                              st.nTotalReceivedPackets,
                              "everything received was sent");
        NS_TEST_ASSERT_MSG_EQ(st.nTotalDroppedPackets, 0, "no queue disc drop");
        NS_TEST_ASSERT_MSG_EQ(dup->GetNPackets(), 0, "queue disc empty at the end");
        NS_TEST_ASSERT_MSG_EQ(log.dequeuedLate, m_copies, "only the copies were held back");
        Simulator::Destroy();
    }

    bool m_ipv6;       //!< run over IPv6
    uint32_t m_copies; //!< Copies attribute
};

/**
 * \ingroup tcp-fast-open-tests
 * Delay the SYN-ACK by 1 s on the server's device: the client's connection
 * completes at the analytic time (two one-way delays, two serializations, 1 s).
 */
class TcpSegmentDuplicatorSynAckDelayTest : public TestCase
{
  public:
    TcpSegmentDuplicatorSynAckDelayTest()
        : TestCase("Duplicator: SYN-ACK delayed by 1 s, connection completes 1 s later")
    {
    }

  private:
    /// What one run measured.
    struct Result
    {
        Time connected;         //!< ConnectionSucceeded time at the client
        uint32_t synSize{0};    //!< SYN frame size
        uint32_t synAckSize{0}; //!< SYN-ACK frame size
        uint64_t delayed{0};    //!< element's Delayed counter
        uint64_t matched{0};    //!< element's Matched counter
        Time delayedAt;         //!< when Delayed was traced
        uint32_t synAcks{0};    //!< SYN-ACKs the client received
    };

    /// \param socket the connected socket
    void Connected(Ptr<Socket> socket)
    {
        m_connected = Simulator::Now();
    }

    /// \param socket the socket that failed
    void Failed(Ptr<Socket> socket)
    {
        m_failed = true;
    }

    /**
     * \param delay install the element delaying the SYN-ACK
     * \return what was measured
     */
    Result RunOnce(bool delay)
    {
        m_connected = Time();
        m_failed = false;
        Topology t = Build(false, false);
        Ptr<TcpSegmentDuplicator> dup;
        TraceLog log;
        if (delay)
        {
            TcpSegmentDuplicatorHelper helper;
            helper.SetAttribute("FlagsMask", UintegerValue(kSyn | kAck));
            helper.SetAttribute("FlagsValue", UintegerValue(kSyn | kAck));
            helper.SetAttribute("OriginalDelay", TimeValue(Seconds(1)));
            dup = First(helper.Install(t.serverLink.Get(1)));
            log.Attach(dup);
        }
        Sniffer server;
        server.Attach(t.serverLink.Get(1));
        Sniffer client;
        client.Attach(t.clientLink.Get(0));
        PacketSinkHelper sinkHelper("ns3::TcpSocketFactory", t.AnyAddress(kPort));
        sinkHelper.Install(t.Server()).Start(Seconds(0));
        Ptr<Socket> socket = Socket::CreateSocket(t.Client(), TcpSocketFactory::GetTypeId());
        socket->SetConnectCallback(
            MakeCallback(&TcpSegmentDuplicatorSynAckDelayTest::Connected, this),
            MakeCallback(&TcpSegmentDuplicatorSynAckDelayTest::Failed, this));
        const Address to = t.ServerSocketAddress(kPort);
        Simulator::Schedule(m_start, [socket, to]() {
            socket->Bind();
            socket->Connect(to);
        });
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        Result r;
        r.connected = m_connected;
        const std::vector<Seen> syns = server.Tcp(kSyn | kAck, kSyn);
        const std::vector<Seen> synAcks = client.Tcp(kSyn | kAck, kSyn | kAck);
        r.synSize = syns.empty() ? 0 : syns[0].wireSize;
        r.synAckSize = synAcks.empty() ? 0 : synAcks[0].wireSize;
        r.synAcks = synAcks.size();
        if (dup)
        {
            r.delayed = dup->GetDelayed();
            r.matched = dup->GetMatched();
            r.delayedAt = log.delayed.empty() ? Time() : log.delayed[0].first;
        }
        socket->Close();
        Simulator::Destroy();
        return r;
    }

    void DoRun() override
    {
        const Result base = RunOnce(false);
        NS_TEST_ASSERT_MSG_EQ(m_failed, false, "baseline connects");
        const Result late = RunOnce(true);
        NS_TEST_ASSERT_MSG_EQ(m_failed, false, "delayed run connects");

        NS_TEST_ASSERT_MSG_GT(base.synSize, 0, "SYN seen");
        NS_TEST_ASSERT_MSG_GT(base.synAckSize, 0, "SYN-ACK seen");
        const Time handshake =
            kLinkDelay + Serialization(base.synSize) + kLinkDelay + Serialization(base.synAckSize);
        NS_TEST_ASSERT_MSG_EQ_TOL(base.connected.GetSeconds(),
                                  (m_start + handshake).GetSeconds(),
                                  1e-6,
                                  "baseline: connected after two one-way delays");
        NS_TEST_ASSERT_MSG_EQ_TOL(late.connected.GetSeconds(),
                                  (m_start + handshake + Seconds(1)).GetSeconds(),
                                  1e-6,
                                  "delayed: connected exactly 1 s later");
        NS_TEST_ASSERT_MSG_EQ_TOL((late.connected - base.connected).GetSeconds(),
                                  1.0,
                                  1e-6,
                                  "difference to the baseline");
        NS_TEST_ASSERT_MSG_EQ(late.synAcks, 1, "one SYN-ACK reached the client");
        NS_TEST_ASSERT_MSG_EQ(late.matched, 1, "the SYN-ACK matched");
        NS_TEST_ASSERT_MSG_EQ(late.delayed, 1, "the SYN-ACK was delayed");
        NS_TEST_ASSERT_MSG_EQ(late.delayedAt,
                              m_start + kLinkDelay + Serialization(base.synSize),
                              "delayed when the server answered the SYN");
    }

    const Time m_start{MilliSeconds(100)}; //!< connect time
    Time m_connected;                      //!< connection time of the current run
    bool m_failed{false};                  //!< the current run's connection failed
};

/**
 * \ingroup tcp-fast-open-tests
 * Drop the first data segment on a router (client - router - server): it is
 * retransmitted and the sink receives every byte once.
 */
class TcpSegmentDuplicatorDropTest : public TestCase
{
  public:
    TcpSegmentDuplicatorDropTest()
        : TestCase("Duplicator: first data segment dropped on a router, recovered")
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t maxBytes = 20000;
        const Time start = MilliSeconds(100);
        Topology t = Build(false, true);
        TcpSegmentDuplicatorHelper helper;
        helper.SetAttribute("Payload", EnumValue(TcpSegmentDuplicator::WITH_DATA));
        helper.SetAttribute("MaxMatches", UintegerValue(1));
        helper.SetAttribute("DropOriginal", BooleanValue(true));
        // The router's device towards the server.
        Ptr<TcpSegmentDuplicator> dup = First(helper.Install(t.serverLink.Get(0)));
        TraceLog log;
        log.Attach(dup);
        Sniffer server;
        server.Attach(t.serverLink.Get(1));
        Ptr<PacketSink> sink = AddBulkTransfer(t, maxBytes, start);
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(dup->GetDropped(), 1, "one segment dropped");
        NS_TEST_ASSERT_MSG_EQ(dup->GetActedOn(), 1, "MaxMatches=1");
        NS_TEST_ASSERT_MSG_EQ(log.dropped.size(), 1, "Dropped traced once");
        NS_TEST_ASSERT_MSG_EQ(log.dropped[0].second.GetSequenceNumber().GetValue(),
                              1,
                              "the first data segment (ISN 0 + 1)");
        NS_TEST_ASSERT_MSG_EQ(log.droppedPayload[0], kSegmentSize, "a full segment");
        const QueueDisc::Stats& st = dup->GetStats();
        NS_TEST_ASSERT_MSG_EQ(st.nTotalDroppedPackets, 1, "queue disc counts the drop");
        NS_TEST_ASSERT_MSG_EQ(st.GetNDroppedPackets(TcpSegmentDuplicator::ACTION_DROP),
                              1,
                              "with the action's reason");

        uint32_t seq1 = 0;
        Time seq1At;
        for (const Seen& s : server.Data())
        {
            if (s.seq == 1)
            {
                ++seq1;
                seq1At = s.time;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(seq1, 1, "the dropped segment arrives once: the retransmission");
        NS_TEST_ASSERT_MSG_GT(seq1At,
                              log.dropped[0].first + kLinkDelay + Serialization(kSegmentSize),
                              "later than the original would have");
        NS_TEST_ASSERT_MSG_EQ(dup->GetMatched(),
                              server.Data().size() + 1,
                              "every data segment but the dropped one reached the server");
        NS_TEST_ASSERT_MSG_EQ(sink->GetTotalRx(), maxBytes, "every byte delivered once");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * SkipMatches: the first two data segments pass, the third is dropped.
 */
class TcpSegmentDuplicatorSkipTest : public TestCase
{
  public:
    TcpSegmentDuplicatorSkipTest()
        : TestCase("Duplicator: SkipMatches lets the first matches through")
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t maxBytes = 10000;
        Topology t = Build(false, false);
        TcpSegmentDuplicatorHelper helper;
        helper.SetAttribute("Payload", EnumValue(TcpSegmentDuplicator::WITH_DATA));
        helper.SetAttribute("SkipMatches", UintegerValue(2));
        helper.SetAttribute("MaxMatches", UintegerValue(1));
        helper.SetAttribute("DropOriginal", BooleanValue(true));
        Ptr<TcpSegmentDuplicator> dup = First(helper.Install(t.clientLink.Get(0)));
        TraceLog log;
        log.Attach(dup);
        Sniffer server;
        server.Attach(t.serverLink.Get(1));
        Ptr<PacketSink> sink = AddBulkTransfer(t, maxBytes, MilliSeconds(100));
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_ASSERT_MSG_GT_OR_EQ(log.matched.size(), 3, "at least three data segments");
        NS_TEST_ASSERT_MSG_EQ(log.matched[0].second.GetSequenceNumber().GetValue(), 1, "1st");
        NS_TEST_ASSERT_MSG_EQ(log.matched[1].second.GetSequenceNumber().GetValue(),
                              1 + kSegmentSize,
                              "2nd");
        NS_TEST_ASSERT_MSG_EQ(log.matched[2].second.GetSequenceNumber().GetValue(),
                              1 + 2 * kSegmentSize,
                              "3rd");
        NS_TEST_ASSERT_MSG_EQ(dup->GetActedOn(), 1, "acted once");
        NS_TEST_ASSERT_MSG_EQ(log.dropped.size(), 1, "one drop");
        NS_TEST_ASSERT_MSG_EQ(log.dropped[0].second.GetSequenceNumber().GetValue(),
                              1 + 2 * kSegmentSize,
                              "the third data segment was dropped");
        uint32_t first = 0;
        uint32_t third = 0;
        for (const Seen& s : server.Data())
        {
            first += (s.seq == 1) ? 1 : 0;
            third += (s.seq == 1 + 2 * kSegmentSize) ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(first, 1, "the skipped first segment arrived once");
        NS_TEST_ASSERT_MSG_EQ(third, 1, "the third arrived once (retransmission)");
        NS_TEST_ASSERT_MSG_EQ(dup->GetMatched(),
                              server.Data().size() + 1,
                              "only one data segment was lost");
        NS_TEST_ASSERT_MSG_EQ(sink->GetTotalRx(), maxBytes, "every byte delivered once");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * UDP passes untouched, and TCP segments that do not match are not held:
 * the element only matches SYN-ACKs, which the client never sends.
 */
class TcpSegmentDuplicatorPassThroughTest : public TestCase
{
  public:
    TcpSegmentDuplicatorPassThroughTest()
        : TestCase("Duplicator: UDP and unmatched TCP pass untouched")
    {
    }

  private:
    /// \param p a packet the echo client sent
    void EchoTx(Ptr<const Packet> p)
    {
        m_udpTx.push_back(Simulator::Now());
    }

    /// \param p an echo reply
    void EchoRx(Ptr<const Packet> p)
    {
        ++m_udpRx;
    }

    void DoRun() override
    {
        const uint64_t maxBytes = 10000;
        const Time tcpStart = MilliSeconds(150);
        Topology t = Build(false, false);
        TcpSegmentDuplicatorHelper helper;
        helper.SetAttribute("FlagsMask", UintegerValue(kSyn | kAck));
        helper.SetAttribute("FlagsValue", UintegerValue(kSyn | kAck));
        helper.SetAttribute("OriginalDelay", TimeValue(Seconds(1)));
        helper.SetAttribute("Copies", UintegerValue(2));
        helper.SetAttribute("CopyDelay", TimeValue(Seconds(1)));
        Ptr<TcpSegmentDuplicator> dup = First(helper.Install(t.clientLink.Get(0)));
        TraceLog log;
        log.Attach(dup);
        Sniffer server;
        server.Attach(t.serverLink.Get(1));

        UdpEchoServerHelper echoServer(9);
        echoServer.Install(t.Server()).Start(Seconds(0));
        UdpEchoClientHelper echoClient(Ipv4Address::ConvertFrom(t.serverIp), 9);
        echoClient.SetAttribute("MaxPackets", UintegerValue(5));
        echoClient.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
        echoClient.SetAttribute("PacketSize", UintegerValue(100));
        ApplicationContainer ec = echoClient.Install(t.Client());
        ec.Start(MilliSeconds(100));
        ec.Get(0)->TraceConnectWithoutContext(
            "Tx",
            MakeCallback(&TcpSegmentDuplicatorPassThroughTest::EchoTx, this));
        ec.Get(0)->TraceConnectWithoutContext(
            "Rx",
            MakeCallback(&TcpSegmentDuplicatorPassThroughTest::EchoRx, this));
        Ptr<PacketSink> sink = AddBulkTransfer(t, maxBytes, tcpStart);
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        const std::vector<Seen> udp = server.Proto(17);
        NS_TEST_ASSERT_MSG_EQ(m_udpTx.size(), 5, "five echo requests sent");
        NS_TEST_ASSERT_MSG_EQ(udp.size(), 5, "five UDP packets reached the server");
        for (std::size_t i = 0; i < udp.size() && i < m_udpTx.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(udp[i].time,
                                  m_udpTx[i] + kLinkDelay + Serialization(udp[i].wireSize),
                                  "UDP packet " << i << " not delayed");
        }
        NS_TEST_ASSERT_MSG_EQ(m_udpRx, 5, "five echo replies");

        const std::vector<Seen> syns = server.Tcp(kSyn | kAck, kSyn);
        NS_TEST_ASSERT_MSG_EQ(syns.size(), 1, "one SYN");
        NS_TEST_ASSERT_MSG_EQ(syns[0].time,
                              tcpStart + kLinkDelay + Serialization(syns[0].wireSize),
                              "SYN not delayed");
        NS_TEST_ASSERT_MSG_EQ(sink->GetTotalRx(), maxBytes, "transfer complete");
        NS_TEST_ASSERT_MSG_EQ(dup->GetMatched(), 0, "nothing matched");
        NS_TEST_ASSERT_MSG_EQ(dup->GetDuplicated() + dup->GetDelayed() + dup->GetDropped(),
                              0,
                              "no action");
        NS_TEST_ASSERT_MSG_GT(log.dequeued, 0, "traffic went through the element");
        NS_TEST_ASSERT_MSG_EQ(log.dequeuedLate, 0, "no item was held in the element");
        NS_TEST_ASSERT_MSG_EQ(dup->GetStats().nTotalSentPackets,
                              dup->GetStats().nTotalReceivedPackets,
                              "everything sent");
        Simulator::Destroy();
    }

    std::vector<Time> m_udpTx; //!< echo request send times
    uint32_t m_udpRx{0};       //!< echo replies received
};

/**
 * \ingroup tcp-fast-open-tests
 * Item helpers: PeekTcp() and CopyItem() (a deep copy).
 */
class TcpSegmentDuplicatorItemTest : public TestCase
{
  public:
    TcpSegmentDuplicatorItemTest()
        : TestCase("Duplicator: PeekTcp and deep CopyItem")
    {
    }

  private:
    void DoRun() override
    {
        TcpHeader tcp;
        tcp.SetSourcePort(49152);
        tcp.SetDestinationPort(80);
        tcp.SetSequenceNumber(SequenceNumber32(7));
        tcp.SetFlags(TcpHeader::SYN);
        Ptr<Packet> p = Create<Packet>(100);
        p->AddHeader(tcp);
        Ipv4Header ip;
        ip.SetProtocol(6);
        ip.SetPayloadSize(p->GetSize());
        Ptr<Ipv4QueueDiscItem> item = Create<Ipv4QueueDiscItem>(p, Address(), 0x0800, ip);

        TcpHeader seen;
        uint32_t payload = 0;
        NS_TEST_ASSERT_MSG_EQ(TcpSegmentDuplicator::PeekTcp(item, seen, payload), true, "TCP");
        NS_TEST_ASSERT_MSG_EQ(payload, 100, "payload size");
        NS_TEST_ASSERT_MSG_EQ(seen.GetSequenceNumber().GetValue(), 7, "sequence number");
        NS_TEST_ASSERT_MSG_EQ(unsigned(seen.GetFlags()), unsigned(TcpHeader::SYN), "flags");

        Ptr<QueueDiscItem> copy = TcpSegmentDuplicator::CopyItem(item);
        NS_TEST_ASSERT_MSG_NE(PeekPointer(copy->GetPacket()),
                              PeekPointer(item->GetPacket()),
                              "the copy has its own packet");
        const uint32_t size = copy->GetPacket()->GetSize();
        item->AddHeader();
        NS_TEST_ASSERT_MSG_EQ(item->GetPacket()->GetSize(), size + 20, "IP header added");
        NS_TEST_ASSERT_MSG_EQ(copy->GetPacket()->GetSize(), size, "the copy is unaffected");
        NS_TEST_ASSERT_MSG_EQ(copy->GetSize(), size + 20, "copy keeps the IP header");

        Ipv4Header udpIp;
        udpIp.SetProtocol(17);
        Ptr<Ipv4QueueDiscItem> udp =
            Create<Ipv4QueueDiscItem>(Create<Packet>(100), Address(), 0x0800, udpIp);
        NS_TEST_ASSERT_MSG_EQ(TcpSegmentDuplicator::PeekTcp(udp, seen, payload),
                              false,
                              "UDP is not TCP");
        Ipv4Header frag = ip;
        frag.SetMoreFragments();
        Ptr<Ipv4QueueDiscItem> fragment =
            Create<Ipv4QueueDiscItem>(p->Copy(), Address(), 0x0800, frag);
        NS_TEST_ASSERT_MSG_EQ(TcpSegmentDuplicator::PeekTcp(fragment, seen, payload),
                              false,
                              "IPv4 fragments are left alone");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Bad configurations abort at initialization with a clear message.
 */
class TcpSegmentDuplicatorConfigTest : public TestCase
{
  public:
    TcpSegmentDuplicatorConfigTest()
        : TestCase("Duplicator: bad attribute combinations abort")
    {
    }

  private:
    /**
     * \brief Create an element with attributes and initialize it in a child.
     * \param attrs name/value pairs
     * \param output what the child printed
     * \return true if it aborted
     */
    static bool InitAborts(const std::vector<std::pair<std::string, std::string>>& attrs,
                           std::string& output)
    {
        return RunExpectingAbort(
            [&attrs]() {
                ObjectFactory f("ns3::TcpSegmentDuplicator");
                for (const auto& [name, value] : attrs)
                {
                    f.Set(name, StringValue(value));
                }
                f.Create<TcpSegmentDuplicator>()->Initialize();
            },
            output);
    }

    void DoRun() override
    {
        std::string out;
        NS_TEST_ASSERT_MSG_EQ(
            InitAborts({{"FlagsMask", "2"}, {"FlagsValue", "18"}, {"Copies", "1"}}, out),
            true,
            "FlagsValue outside FlagsMask aborts");
        NS_TEST_ASSERT_MSG_NE(out.find("FlagsValue 0x12 has bits outside FlagsMask 0x2"),
                              std::string::npos,
                              "message: " << out);

        out.clear();
        NS_TEST_ASSERT_MSG_EQ(
            InitAborts({{"DropOriginal", "true"}, {"OriginalDelay", "10ms"}}, out),
            true,
            "DropOriginal with OriginalDelay aborts");
        NS_TEST_ASSERT_MSG_NE(out.find("contradict"), std::string::npos, "message: " << out);

        out.clear();
        NS_TEST_ASSERT_MSG_EQ(InitAborts({{"FlagsMask", "2"}, {"FlagsValue", "2"}}, out),
                              true,
                              "no action aborts");
        NS_TEST_ASSERT_MSG_NE(out.find("no action configured"),
                              std::string::npos,
                              "message: " << out);

        out.clear();
        NS_TEST_ASSERT_MSG_EQ(InitAborts({{"CopyDelay", "-1ms"}, {"Copies", "1"}}, out),
                              true,
                              "negative CopyDelay aborts");
        NS_TEST_ASSERT_MSG_NE(out.find("CopyDelay must not be negative"),
                              std::string::npos,
                              "message: " << out);

        out.clear();
        NS_TEST_ASSERT_MSG_EQ(InitAborts({{"Copies", "1"}, {"CopyDelay", "5ms"}}, out),
                              false,
                              "a valid configuration initializes: " << out);

        out.clear();
        NS_TEST_ASSERT_MSG_EQ(RunExpectingAbort(
                                  []() {
                                      TcpSegmentDuplicatorHelper h;
                                      h.SetTypeId("ns3::FifoQueueDisc");
                                  },
                                  out),
                              true,
                              "helper refuses other queue discs");
        NS_TEST_ASSERT_MSG_NE(out.find("is not a TcpSegmentDuplicator"),
                              std::string::npos,
                              "message: " << out);
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The suite.
 */
class TcpFastOpenDuplicatorTestSuite : public TestSuite
{
  public:
    TcpFastOpenDuplicatorTestSuite()
        : TestSuite("tcp-fast-open-duplicator", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TcpSegmentDuplicatorItemTest, TFO_TEST_QUICK);
        AddTestCase(new TcpSegmentDuplicatorConfigTest, TFO_TEST_QUICK);
        AddTestCase(new TcpSegmentDuplicatorSynCopyTest(false), TFO_TEST_QUICK);
        AddTestCase(new TcpSegmentDuplicatorSynCopyTest(true), TFO_TEST_QUICK);
        AddTestCase(new TcpSegmentDuplicatorSynAckDelayTest, TFO_TEST_QUICK);
        AddTestCase(new TcpSegmentDuplicatorDropTest, TFO_TEST_QUICK);
        AddTestCase(new TcpSegmentDuplicatorSkipTest, TFO_TEST_QUICK);
        AddTestCase(new TcpSegmentDuplicatorPassThroughTest, TFO_TEST_QUICK);
    }
};

/// Static instance registering the suite.
static TcpFastOpenDuplicatorTestSuite g_tcpFastOpenDuplicatorTestSuite;

} // namespace ns3
