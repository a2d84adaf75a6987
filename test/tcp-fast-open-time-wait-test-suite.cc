/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 * TIME_WAIT as Linux holds it (tcp_time_wait, tcp_timewait_state_process):
 * whole connections over a link, one side closing first.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/test.h"

#include <memory>

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// One side of a connection made with the socket API.
struct Side
{
    Ptr<Socket> socket;                              //!< the connection's socket
    TcpSocket::TcpStates_t state{TcpSocket::CLOSED}; //!< its latest state
    bool timeWait{false};                            //!< it went through TIME_WAIT
    bool finWait2{false};                            //!< it went through FIN_WAIT_2
    bool connected{false};                           //!< connect() succeeded

    /// Watch \p s's state.
    /// \param s the socket
    void Watch(Ptr<Socket> s)
    {
        socket = s;
        s->TraceConnectWithoutContext(
            "State",
            Callback<void, TcpSocket::TcpStates_t, TcpSocket::TcpStates_t>(
                [this](TcpSocket::TcpStates_t, TcpSocket::TcpStates_t now) {
                    state = now;
                    timeWait = timeWait || now == TcpSocket::TIME_WAIT;
                    finWait2 = finWait2 || now == TcpSocket::FIN_WAIT_2;
                }));
    }
};

/// The server's port.
const uint16_t kPort = 9000;
/// The client's port (the same for a second connection).
const uint16_t kClientPort = 5000;
/// The testbed's one-way delay.
const Time kOneWay = MilliSeconds(10);
/// Bound on a small segment's transmission time at 100 Mb/s.
const Time kTransmission = MicroSeconds(100);

/**
 * \brief A listener on the server node whose children are watched by \p child.
 * \param bed the testbed
 * \param child where the (latest) accepted connection is watched
 * \return the listener
 */
Ptr<Socket>
Listen(Testbed& bed, Side& child)
{
    Ptr<Socket> l = Socket::CreateSocket(bed.server, TcpFastOpenSocketFactory::GetTypeId());
    l->Bind(At(bed.GetServerIp(), kPort));
    l->Listen();
    l->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                         Callback<void, Ptr<Socket>, const Address&>(
                             [&child](Ptr<Socket> s, const Address&) { child.Watch(s); }));
    return l;
}

/**
 * \brief Connect from the client's port kClientPort at \p when.
 * \param bed the testbed
 * \param side where the connection is watched
 * \param when the time
 */
void
ConnectAt(Testbed& bed, Side& side, Time when)
{
    Simulator::Schedule(when, [&bed, &side]() {
        Ptr<Socket> s = Socket::CreateSocket(bed.client, TcpFastOpenSocketFactory::GetTypeId());
        s->Bind(At(bed.GetClientIp(), kClientPort));
        side.Watch(s);
        s->SetConnectCallback(
            Callback<void, Ptr<Socket>>([&side](Ptr<Socket>) { side.connected = true; }),
            MakeNullCallback<void, Ptr<Socket>>());
        s->Connect(At(bed.GetServerIp(), kPort));
    });
}

/**
 * \brief Close \p side's socket at \p when.
 * \param side the connection's side
 * \param when the time
 */
void
CloseAt(Side& side, Time when)
{
    Simulator::Schedule(when, [&side]() { side.socket->Close(); });
}

/**
 * \brief Lose the client's first ACK without data from \p after on: the
 * last ACK of a teardown the server closes second.
 * \param bed the testbed
 * \param after when the server's FIN leaves
 * \return the drop model
 */
Ptr<SegmentDropModel>
LoseLastAck(Testbed& bed, Time after)
{
    auto dropped = std::make_shared<bool>(false);
    return bed.DropAt(true, [dropped, after](const Segment& s) {
        if (!*dropped && s.time >= after && s.Is(TcpHeader::ACK) && s.payload == 0)
        {
            *dropped = true;
            return true;
        }
        return false;
    });
}

/**
 * \param bed the testbed
 * \param fromClient direction
 * \param ack the acknowledgment number
 * \return that side's segments without data or SYN/FIN acknowledging \p ack
 */
std::vector<Segment>
AcksOf(const Testbed& bed, bool fromClient, SequenceNumber32 ack)
{
    std::vector<Segment> acks;
    for (const Segment& s : bed.Select(fromClient, TcpHeader::ACK))
    {
        if (s.payload == 0 && s.header.GetAckNumber() == ack)
        {
            acks.push_back(s);
        }
    }
    return acks;
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * The client closes first; its ACK of the server's FIN is lost. TIME_WAIT
 * acknowledges the retransmitted FIN and the server's LAST_ACK ends at once
 * (tcp_timewait_state_process, TCP_TW_ACK). With TimeWaitSocket false
 * (ns-3's TIME_WAIT ignores segments) the server retransmits its FIN until it
 * gives up.
 */
class TfoTimeWaitFinTestCase : public TestCase
{
  public:
    /**
     * \param ipv6 over IPv6
     * \param miniSocket TimeWaitSocket
     */
    TfoTimeWaitFinTestCase(bool ipv6, bool miniSocket)
        : TestCase(std::string("TIME_WAIT and a retransmitted FIN") + (ipv6 ? " (IPv6" : " (IPv4") +
                   (miniSocket ? ")" : ", TimeWaitSocket false)")),
          m_ipv6(ipv6),
          m_miniSocket(miniSocket)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.ipv6 = m_ipv6;
        Testbed bed(config);
        bed.client->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute(
            "TimeWaitSocket",
            BooleanValue(m_miniSocket));
        Side client;
        Side child;
        Ptr<Socket> listener = Listen(bed, child);
        ConnectAt(bed, client, Seconds(1));
        CloseAt(client, Seconds(1.5));
        CloseAt(child, Seconds(2));
        // The client's first ACK of the server's FIN is lost.
        Ptr<SegmentDropModel> lost = LoseLastAck(bed, Seconds(2));
        uint32_t inTimeWait = 0;
        Simulator::Schedule(Seconds(5), [&]() {
            inTimeWait = bed.client->GetObject<TcpLinuxTimeWaitTable>()->GetCount();
        });
        bed.Run(Seconds(20));

        TFO_TEST_REQUIRE(client.connected && lost->GetDropped() == 1, bed.Dump());
        // The client closed first: with the mini-socket its socket is handed
        // over in FIN_WAIT_2 (an orphan) and TIME_WAIT happens there.
        NS_TEST_ASSERT_MSG_EQ(client.finWait2, true, "the client closed first: FIN_WAIT_2");
        NS_TEST_ASSERT_MSG_EQ(client.timeWait, !m_miniSocket, "TIME_WAIT on the socket");
        const std::vector<Segment> fins = bed.Select(false, TcpHeader::FIN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(fins.size() >= 2, "the server resends its FIN\n" + bed.Dump());
        const SequenceNumber32 finAck = fins[0].header.GetSequenceNumber() + 1;
        const std::vector<Segment> acks = AcksOf(bed, true, finAck);
        if (m_miniSocket)
        {
            NS_TEST_ASSERT_MSG_EQ(fins.size(), 2, "once: TIME_WAIT acknowledged it\n" + bed.Dump());
            TFO_TEST_REQUIRE(acks.size() == 2, "two ACKs of the FIN\n" + bed.Dump());
            NS_TEST_ASSERT_MSG_EQ_TOL(acks[1].time - fins[1].time,
                                      kOneWay,
                                      kTransmission,
                                      "the second on the retransmission's arrival");
            NS_TEST_ASSERT_MSG_EQ(acks[1].header.GetSequenceNumber(),
                                  acks[0].header.GetSequenceNumber(),
                                  "at SND.NXT");
            NS_TEST_ASSERT_MSG_EQ(child.state, TcpSocket::CLOSED, "the server's LAST_ACK ended");
            NS_TEST_ASSERT_MSG_EQ(client.state, TcpSocket::CLOSED, "the client's socket: tcp_done");
            NS_TEST_ASSERT_MSG_EQ(inTimeWait, 1, "its node holds the connection in TIME_WAIT");
        }
        else
        {
            NS_TEST_ASSERT_MSG_GT(fins.size(), 2, "unanswered: the FIN goes again\n" + bed.Dump());
            NS_TEST_ASSERT_MSG_EQ(acks.size(), 1, "never acknowledged again\n" + bed.Dump());
            NS_TEST_ASSERT_MSG_EQ(client.state, TcpSocket::TIME_WAIT, "the whole socket waits");
            NS_TEST_ASSERT_MSG_EQ(inTimeWait, 0, "no mini-socket");
        }
        listener = nullptr;
        Simulator::Destroy();
    }

    bool m_ipv6;       //!< over IPv6
    bool m_miniSocket; //!< TimeWaitSocket
};

/**
 * \ingroup tcp-fast-open-tests
 * The server closes first and holds TIME_WAIT; the client connects again from
 * the same port. The SYN's timestamp is newer than the connection's, so
 * TIME_WAIT passes it to the listener (TCP_TW_SYN), whose SYN-ACK starts at
 * the old connection's SND.NXT + 65537 (tcp_tw_isn).
 */
class TfoTimeWaitSynTestCase : public TestCase
{
  public:
    /// \param ipv6 over IPv6
    explicit TfoTimeWaitSynTestCase(bool ipv6)
        : TestCase(std::string("a new SYN in TIME_WAIT goes to the listener") +
                   (ipv6 ? " (IPv6)" : " (IPv4)")),
          m_ipv6(ipv6)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.ipv6 = m_ipv6;
        Testbed bed(config);
        Side first;
        Side second;
        Side child;
        Ptr<Socket> listener = Listen(bed, child);
        ConnectAt(bed, first, Seconds(1));
        CloseAt(child, Seconds(1.5));
        CloseAt(first, Seconds(2));
        uint32_t inTimeWait = 0;
        Simulator::Schedule(Seconds(2.5), [&]() {
            inTimeWait = TcpFastOpenHelper::GetTimeWaitTable(bed.server)->GetCount();
        });
        ConnectAt(bed, second, Seconds(3));
        bed.Run(Seconds(10));

        NS_TEST_ASSERT_MSG_EQ(inTimeWait, 1, "the server holds TIME_WAIT");
        const std::vector<Segment> synAcks = bed.Select(false, TcpHeader::SYN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(synAcks.size() == 2, bed.Dump());
        const std::vector<Segment> fins = bed.Select(false, TcpHeader::FIN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(fins.size() == 1, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ_TOL(synAcks[1].time,
                                  Seconds(3) + kOneWay,
                                  kTransmission,
                                  "the SYN is answered at once\n" + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(synAcks[1].header.GetSequenceNumber(),
                              fins[0].header.GetSequenceNumber() + 1 + 65537,
                              "ISN = the old SND.NXT + 65535 + 2");
        NS_TEST_ASSERT_MSG_EQ(second.connected, true, "the second connection is made");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenHelper::GetTimeWaitTable(bed.server)->GetCount(),
                              0,
                              "the SYN ended TIME_WAIT");
        listener = nullptr;
        Simulator::Destroy();
    }

    bool m_ipv6; //!< over IPv6
};

/**
 * \ingroup tcp-fast-open-tests
 * TIME_WAIT's end and its bound: the timer frees the endpoint after 2 MSL
 * (TcpExtTW; TcpExtTWKilled when it was 4 s or less), and with
 * tcp_max_tw_buckets reached the connection closes without TIME_WAIT
 * (TcpExtTCPTimeWaitOverflow): a retransmitted FIN then finds no connection
 * and draws a RST.
 */
class TfoTimeWaitLifetimeTestCase : public TestCase
{
  public:
    /**
     * \param msl MaxSegLifetime in seconds
     * \param maxBuckets net.ipv4.tcp_max_tw_buckets
     */
    TfoTimeWaitLifetimeTestCase(double msl, uint32_t maxBuckets)
        : TestCase("TIME_WAIT of " + std::to_string(int(2 * msl)) + " s, tcp_max_tw_buckets " +
                   std::to_string(maxBuckets)),
          m_msl(msl),
          m_maxBuckets(maxBuckets)
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        bed.client->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute("MaxSegLifetime",
                                                                              DoubleValue(m_msl));
        Ptr<TcpLinuxTimeWaitTable> table = TcpFastOpenHelper::GetTimeWaitTable(bed.client);
        table->SetAttribute("MaxBuckets", UintegerValue(m_maxBuckets));
        std::vector<std::pair<Time, uint32_t>> counts;
        table->TraceConnectWithoutContext(
            "Count",
            Callback<void, uint32_t, uint32_t>(
                [&counts](uint32_t, uint32_t now) { counts.emplace_back(Simulator::Now(), now); }));
        Side client;
        Side child;
        Ptr<Socket> listener = Listen(bed, child);
        ConnectAt(bed, client, Seconds(1));
        CloseAt(client, Seconds(1.5));
        CloseAt(child, Seconds(2));
        // The last ACK is lost, so the server's FIN comes again.
        LoseLastAck(bed, Seconds(2));
        bed.Run(Seconds(3 + 2 * m_msl));

        Ptr<TcpFastOpenCounters> counters = TcpFastOpenHelper::GetCounters(bed.client);
        NS_TEST_ASSERT_MSG_EQ(client.finWait2 && !client.timeWait,
                              true,
                              "the client's socket was handed over in FIN_WAIT_2");
        NS_TEST_ASSERT_MSG_EQ(client.state, TcpSocket::CLOSED, "its socket closed");
        const std::vector<Segment> fins = bed.Select(false, TcpHeader::FIN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(!fins.empty(), bed.Dump());
        const std::vector<Segment> resets = bed.Select(true, TcpHeader::RST);
        if (m_maxBuckets == 0)
        {
            // No room already in FIN_WAIT_2: closed (tcp_done), so the
            // server's first FIN finds no connection.
            NS_TEST_ASSERT_MSG_EQ(counters->Get("TCPTimeWaitOverflow"), 1, "no room");
            NS_TEST_ASSERT_MSG_EQ(counts.size(), 0, "never in the table");
            TFO_TEST_REQUIRE(resets.size() == 1, "the FIN finds no connection\n" + bed.Dump());
            NS_TEST_ASSERT_MSG_EQ_TOL(resets[0].time - fins[0].time,
                                      kOneWay,
                                      kTransmission,
                                      "at once");
            return Simulator::Destroy();
        }
        TFO_TEST_REQUIRE(fins.size() >= 2, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(resets.size(), 0, "no RST");
        TFO_TEST_REQUIRE(counts.size() == 2, "in, then out");
        NS_TEST_ASSERT_MSG_EQ(counts[0].second, 1, "one in TIME_WAIT");
        NS_TEST_ASSERT_MSG_EQ(counts[1].second, 0, "then none");
        // The retransmitted FIN restarted the timer (inet_twsk_reschedule).
        NS_TEST_ASSERT_MSG_EQ_TOL(counts[1].first - fins[1].time,
                                  kOneWay + Seconds(2 * m_msl),
                                  kTransmission,
                                  "2 MSL after the last FIN's arrival");
        const bool killed = 2 * m_msl <= 4;
        NS_TEST_ASSERT_MSG_EQ(counters->Get("TW"), killed ? 0 : 1, "TcpExtTW");
        NS_TEST_ASSERT_MSG_EQ(counters->Get("TWKilled"), killed ? 1 : 0, "TcpExtTWKilled");
        listener = nullptr;
        Simulator::Destroy();
    }

    double m_msl;          //!< MaxSegLifetime
    uint32_t m_maxBuckets; //!< tcp_max_tw_buckets
};

/**
 * \ingroup tcp-fast-open-tests
 * TIME_WAIT.
 */
class TcpFastOpenTimeWaitTestSuite : public TestSuite
{
  public:
    TcpFastOpenTimeWaitTestSuite()
        : TestSuite("tcp-fast-open-time-wait", TFO_TEST_UNIT)
    {
        for (bool ipv6 : {false, true})
        {
            AddTestCase(new TfoTimeWaitFinTestCase(ipv6, true), TFO_TEST_QUICK);
            AddTestCase(new TfoTimeWaitSynTestCase(ipv6), TFO_TEST_QUICK);
        }
        AddTestCase(new TfoTimeWaitFinTestCase(false, false), TFO_TEST_QUICK);
        AddTestCase(new TfoTimeWaitLifetimeTestCase(30, 262144), TFO_TEST_QUICK);
        AddTestCase(new TfoTimeWaitLifetimeTestCase(1, 262144), TFO_TEST_QUICK);
        AddTestCase(new TfoTimeWaitLifetimeTestCase(30, 0), TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TcpFastOpenTimeWaitTestSuite g_tcpFastOpenTimeWaitTestSuite;
