/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * Simultaneous open with SYN data (issue 15, item 2): two Fast Open sockets,
 * each with the other's cookie cached, connect to each other at the same
 * time from fixed ports. Linux (tcp_rcv_synsent_state_process,
 * tcp_validate_incoming, tcp_rcv_state_process) moves each to SYN_RECV on the
 * crossing SYN, discards that SYN's data, answers with a SYN-ACK at its ISN
 * without data; the SYN-ACKs acknowledge only the SYNs, not SND.NXT, so each
 * draws a challenge ACK, and the challenge ACKs complete both handshakes. The
 * SYN data, unacknowledged, is retransmitted by the retransmission timer.
 * The Fast Open counters and the cookie caches are left alone
 * (tcp_rcv_fastopen_synack does not run). Over IPv4 and IPv6.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// One side of the simultaneous open: a socket and what it saw.
struct Peer
{
    Ptr<TcpFastOpenSocket> socket;                   //!< the socket
    std::vector<uint8_t> received;                   //!< bytes read, in order
    bool connected{false};                           //!< connect() succeeded
    bool failed{false};                              //!< connect() failed or error close
    TcpSocket::TcpStates_t state{TcpSocket::CLOSED}; //!< latest state
    bool timeWait{false};                            //!< went through TIME_WAIT

    /// \param s the socket
    void Read(Ptr<Socket> s)
    {
        while (Ptr<Packet> p = s->Recv())
        {
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            received.insert(received.end(), bytes.begin(), bytes.end());
        }
    }
};

/**
 * \param node the node
 * \param local its address
 * \param port the fixed local port
 * \param peer what to fill in
 */
void
OpenSocket(Ptr<Node> node, const Address& local, uint16_t port, Peer& peer)
{
    Ptr<Socket> s = Socket::CreateSocket(node, TcpFastOpenSocketFactory::GetTypeId());
    if (Ipv6Address::IsMatchingType(local))
    {
        s->Bind(Inet6SocketAddress(Ipv6Address::ConvertFrom(local), port));
    }
    else
    {
        s->Bind(InetSocketAddress(Ipv4Address::ConvertFrom(local), port));
    }
    peer.socket = DynamicCast<TcpFastOpenSocket>(s);
    Peer* self = &peer;
    s->SetConnectCallback(
        Callback<void, Ptr<Socket>>([self](Ptr<Socket>) { self->connected = true; }),
        Callback<void, Ptr<Socket>>([self](Ptr<Socket>) { self->failed = true; }));
    s->SetRecvCallback(MakeCallback(&Peer::Read, self));
    s->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                         Callback<void, Ptr<Socket>>([self](Ptr<Socket>) { self->failed = true; }));
    s->TraceConnectWithoutContext("State",
                                  Callback<void, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t>(
                                      [self](TcpSocket::TcpStates_t, TcpSocket::TcpStates_t now) {
                                          self->state = now;
                                          self->timeWait =
                                              self->timeWait || now == TcpSocket::TIME_WAIT;
                                      }));
}

/**
 * \param size bytes
 * \param seed first byte
 * \return a packet of \p size bytes counting up from \p seed
 */
Ptr<Packet>
Pattern(uint32_t size, uint8_t seed)
{
    std::vector<uint8_t> bytes(size);
    for (uint32_t i = 0; i < size; i++)
    {
        bytes[i] = uint8_t(seed + i);
    }
    return Create<Packet>(bytes.data(), size);
}

/**
 * \param packet a packet made by Pattern()
 * \return its bytes
 */
std::vector<uint8_t>
Bytes(Ptr<Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/// \return the segments of one side, in order
std::vector<Segment>
From(const Testbed& bed, bool fromClient)
{
    std::vector<Segment> out;
    for (const Segment& s : bed.GetSegments())
    {
        if (s.fromClient == fromClient)
        {
            out.push_back(s);
        }
    }
    return out;
}

} // namespace

/**
 * Both sides send SYN data to each other at the same instant; both
 * connections complete, every byte arrives once and in order, and the FIN
 * teardown ends in TIME_WAIT (the side that closed first) and CLOSED.
 */
class TfoSimultaneousOpenTestCase : public TestCase
{
  public:
    /// \param ipv6 over IPv6
    explicit TfoSimultaneousOpenTestCase(bool ipv6)
        : TestCase(std::string("simultaneous open with SYN data on both sides") +
                   (ipv6 ? " (IPv6)" : " (IPv4)")),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.ipv6 = m_ipv6;
        config.serverMode = TcpFastOpenSocket::CLIENT_ENABLE | TcpFastOpenSocket::SERVER_ENABLE;
        Testbed bed(config);
        const Address a = bed.GetClientIp();
        const Address b = bed.GetServerIp();
        // Each caches the cookie the other would issue, as after earlier visits.
        const TcpFastOpenCookie cookieForA =
            TcpFastOpenHelper::GetCookieGenerator(bed.server)->Generate(a, b);
        const TcpFastOpenCookie cookieForB =
            TcpFastOpenHelper::GetCookieGenerator(bed.client)->Generate(b, a);
        TcpFastOpenHelper::GetCookieCache(bed.client)->Store(a, b, cookieForA, 1460, false);
        TcpFastOpenHelper::GetCookieCache(bed.server)->Store(b, a, cookieForB, 1460, false);

        Peer pa;
        Peer pb;
        OpenSocket(bed.client, a, 5000, pa);
        OpenSocket(bed.server, b, 6000, pb);
        Ptr<Packet> dataA = Pattern(300, 1);
        Ptr<Packet> dataB = Pattern(200, 101);
        int sentA = -2;
        int sentB = -2;
        Simulator::Schedule(Seconds(1), [&]() {
            sentA = pa.socket->SendTo(dataA->Copy(), TcpFastOpenSocket::MSG_FASTOPEN, At(b, 6000));
            sentB = pb.socket->SendTo(dataB->Copy(), TcpFastOpenSocket::MSG_FASTOPEN, At(a, 5000));
        });
        Simulator::Schedule(Seconds(4), [&]() { pa.socket->Close(); });
        Simulator::Schedule(Seconds(4.1), [&]() { pb.socket->Close(); });
        bed.Run(Seconds(6));

        NS_TEST_ASSERT_MSG_EQ(sentA, 300, "A's write is accepted");
        NS_TEST_ASSERT_MSG_EQ(sentB, 200, "B's write is accepted");
        for (bool fromA : {true, false})
        {
            const std::string who = fromA ? "A" : "B";
            const uint32_t len = fromA ? 300 : 200;
            const std::vector<Segment> mine = From(bed, fromA);
            const std::vector<Segment> theirs = From(bed, !fromA);
            TFO_TEST_REQUIRE(mine.size() >= 3 && theirs.size() >= 3, bed.Dump());
            const SequenceNumber32 isn = mine[0].header.GetSequenceNumber();
            const SequenceNumber32 peerIsn = theirs[0].header.GetSequenceNumber();
            // 1. The SYN with the cookie and the data.
            NS_TEST_ASSERT_MSG_EQ(uint32_t(mine[0].header.GetFlags() & ~TcpHeader::PSH),
                                  uint32_t(TcpHeader::SYN),
                                  who + " opens with a SYN\n" + bed.Dump());
            NS_TEST_ASSERT_MSG_EQ(mine[0].payload, len, who + "'s SYN carries its data");
            NS_TEST_ASSERT_MSG_EQ(mine[0].tfo.has_value(), true, who + "'s SYN has the cookie");
            // 2. The crossing SYN: a SYN-ACK at the ISN, no data, no option.
            NS_TEST_ASSERT_MSG_EQ(uint32_t(mine[1].header.GetFlags()),
                                  uint32_t(TcpHeader::SYN | TcpHeader::ACK),
                                  who + " answers the crossing SYN with a SYN-ACK\n" + bed.Dump());
            NS_TEST_ASSERT_MSG_EQ(mine[1].header.GetSequenceNumber(), isn, "at its ISN");
            NS_TEST_ASSERT_MSG_EQ(mine[1].header.GetAckNumber(),
                                  peerIsn + 1,
                                  "acknowledging the SYN only: its data is discarded");
            NS_TEST_ASSERT_MSG_EQ(mine[1].payload, 0, "without data");
            NS_TEST_ASSERT_MSG_EQ(mine[1].tfo.has_value(), false, "without the option");
            // 3. The peer's SYN-ACK does not acknowledge SND.NXT: challenge ACK.
            NS_TEST_ASSERT_MSG_EQ(uint32_t(mine[2].header.GetFlags()),
                                  uint32_t(TcpHeader::ACK),
                                  who + " answers the SYN-ACK with a challenge ACK\n" + bed.Dump());
            NS_TEST_ASSERT_MSG_EQ(mine[2].header.GetSequenceNumber(),
                                  isn + 1 + len,
                                  "at SND.NXT, past the SYN data");
            NS_TEST_ASSERT_MSG_EQ(mine[2].header.GetAckNumber(), peerIsn + 1, "ACK RCV.NXT");
            NS_TEST_ASSERT_MSG_EQ(mine[2].payload, 0, "without data");
            // 4. The SYN data is resent once, by the retransmission timer.
            uint32_t resent = 0;
            for (const Segment& s : mine)
            {
                NS_TEST_ASSERT_MSG_EQ((s.header.GetFlags() & TcpHeader::RST),
                                      0,
                                      who + " sends no RST\n" + bed.Dump());
                if (s.payload > 0 && !(s.header.GetFlags() & TcpHeader::SYN))
                {
                    NS_TEST_ASSERT_MSG_EQ(s.header.GetSequenceNumber(),
                                          isn + 1,
                                          who + " resends the SYN data from ISN + 1");
                    NS_TEST_ASSERT_MSG_GT(s.time,
                                          mine[2].time + MilliSeconds(200),
                                          "at the retransmission timeout, not at once");
                    resent += s.payload;
                }
            }
            NS_TEST_ASSERT_MSG_EQ(resent, len, who + "'s data is resent exactly once");
        }
        NS_TEST_ASSERT_MSG_EQ(pa.connected && pb.connected, true, "both connect() succeed");
        NS_TEST_ASSERT_MSG_EQ(pa.failed || pb.failed, false, "neither fails");
        NS_TEST_ASSERT_MSG_EQ((pb.received == Bytes(dataA)),
                              true,
                              "B reads A's bytes once, in order");
        NS_TEST_ASSERT_MSG_EQ((pa.received == Bytes(dataB)),
                              true,
                              "A reads B's bytes once, in order");
        // A closed first: its FIN acknowledged, the orphan goes to a
        // mini-socket in FIN_WAIT2, which then holds TIME_WAIT while A's
        // socket is CLOSED (tcp_time_wait, tcp_done).
        NS_TEST_ASSERT_MSG_EQ(pa.timeWait, false, "A closed first: TIME_WAIT in the mini-socket");
        NS_TEST_ASSERT_MSG_EQ(pa.state, TcpSocket::CLOSED, "A's socket then CLOSED");
        NS_TEST_ASSERT_MSG_EQ(bed.client->GetObject<TcpLinuxTimeWaitTable>()->GetCount(),
                              1,
                              "A's node holds the connection in TIME_WAIT");
        NS_TEST_ASSERT_MSG_EQ(pb.timeWait, false, "B: LAST_ACK, then CLOSED");
        NS_TEST_ASSERT_MSG_EQ(pb.state, TcpSocket::CLOSED, "B: LAST_ACK, then CLOSED");
        // tcp_rcv_fastopen_synack never ran: no counter, no cookie learnt or lost.
        for (Ptr<Node> node : {bed.client, bed.server})
        {
            Ptr<TcpFastOpenCounters> counters = TcpFastOpenHelper::GetCounters(node);
            NS_TEST_ASSERT_MSG_EQ(counters->Get(TcpFastOpenCounters::TFO_ACTIVE),
                                  0,
                                  "no TFOActive");
            NS_TEST_ASSERT_MSG_EQ(counters->Get(TcpFastOpenCounters::TFO_ACTIVE_FAIL),
                                  0,
                                  "no TFOActiveFail");
        }
        auto entry = TcpFastOpenHelper::GetCookieCache(bed.client)->Lookup(a, b);
        TFO_TEST_REQUIRE(entry.has_value(), "A's cookie stays cached");
        NS_TEST_ASSERT_MSG_EQ((entry->cookie == cookieForA), true, "unchanged");
        Simulator::Destroy();
    }

    bool m_ipv6; //!< over IPv6
};

/**
 * \ingroup tcp-fast-open-tests
 * \brief Simultaneous open with SYN data.
 */
class TcpFastOpenSimultaneousOpenTestSuite : public TestSuite
{
  public:
    TcpFastOpenSimultaneousOpenTestSuite()
        : TestSuite("tcp-fast-open-simultaneous-open", Type::UNIT)
    {
        for (bool ipv6 : {false, true})
        {
            AddTestCase(new TfoSimultaneousOpenTestCase(ipv6), TFO_TEST_QUICK);
        }
    }
};

/// The suite's instance.
static TcpFastOpenSimultaneousOpenTestSuite g_tcpFastOpenSimultaneousOpenTestSuite;
