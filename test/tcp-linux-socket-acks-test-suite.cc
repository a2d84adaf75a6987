/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * The Linux profile over whole connections: when ACKs leave (quick-ack at
 * connection start, ping-pong for an interactive exchange, the ACK of the
 * peer's FIN carried by the FIN|ACK) and the RTO Linux derives from its RTT
 * estimator (srtt + max(4 mdev, rto_min)).
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// The segments of one connection, by the order of their first SYNs.
std::vector<Segment>
ConnectionSegments(const std::vector<Segment>& all, uint32_t index)
{
    std::vector<std::vector<Segment>> connections;
    SequenceNumber32 lastSyn;
    for (const Segment& s : all)
    {
        if (s.fromClient && s.Is(TcpHeader::SYN) &&
            (connections.empty() || s.header.GetSequenceNumber() != lastSyn))
        {
            connections.emplace_back();
            lastSyn = s.header.GetSequenceNumber();
        }
        if (!connections.empty())
        {
            connections.back().push_back(s);
        }
    }
    return index < connections.size() ? connections[index] : std::vector<Segment>{};
}

/// RTO trace sink.
void
RecordRto(std::vector<Time>* out, Time /* oldValue */, Time rto)
{
    out->push_back(rto);
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * Request/response connections at a 20 ms RTT, Linux profile: the first a
 * cookie request (the request leaves after the handshake), the second with
 * SYN data. Linux's client ACKs the first data segment of a connection at
 * once (quick-ack) unless it sent data within ato of the handshake
 * (ping-pong: connection 0, whose FIN|ACK carries the ACK); the server's
 * FIN|ACK, sent when the application closes on the client's FIN,
 * acknowledges that FIN, and no pure ACK follows it.
 */
class TcpLinuxQuickAckTestCase : public TestCase
{
  public:
    TcpLinuxQuickAckTestCase()
        : TestCase("quick-ack of a response, ping-pong, FIN-ACK without an extra ACK")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        bed.AddServer();
        bed.AddClient(500, 1000, 2, Seconds(1));
        bed.Run(Seconds(10));
        for (uint32_t c = 0; c < 2; ++c)
        {
            const std::vector<Segment> conn = ConnectionSegments(bed.GetSegments(), c);
            const Segment* response = nullptr;
            const Segment* clientFin = nullptr;
            const Segment* serverFin = nullptr;
            std::vector<const Segment*> clientAcksOfResponse;
            std::vector<const Segment*> serverAfterFin;
            for (const Segment& s : conn)
            {
                if (!s.fromClient && s.payload > 0 && !response)
                {
                    response = &s;
                }
                else if (s.fromClient && (s.header.GetFlags() & TcpHeader::FIN) && !clientFin)
                {
                    clientFin = &s;
                }
                else if (!s.fromClient && (s.header.GetFlags() & TcpHeader::FIN))
                {
                    serverFin = &s;
                }
                else if (s.fromClient && response && !clientFin && s.Is(TcpHeader::ACK) &&
                         s.payload == 0 &&
                         s.header.GetAckNumber() > response->header.GetSequenceNumber())
                {
                    clientAcksOfResponse.push_back(&s);
                }
                else if (!s.fromClient && serverFin)
                {
                    serverAfterFin.push_back(&s);
                }
            }
            TFO_TEST_REQUIRE(response && clientFin && serverFin,
                             "connection " + std::to_string(c) + " complete\n" + bed.Dump());
            const SequenceNumber32 responseEnd =
                response->header.GetSequenceNumber() + SequenceNumber32(response->payload);
            if (c == 0)
            {
                // The request left within ato of the handshake: ping-pong.
                NS_TEST_ASSERT_MSG_EQ(clientAcksOfResponse.size(),
                                      0,
                                      "connection 0: the FIN|ACK carries the ACK\n" << bed.Dump());
            }
            else
            {
                TFO_TEST_REQUIRE(clientAcksOfResponse.size() == 1,
                                 "connection 1: one quick ACK of the response\n" + bed.Dump());
                const Segment& ack = *clientAcksOfResponse[0];
                NS_TEST_ASSERT_MSG_EQ(ack.header.GetAckNumber(), responseEnd, "acks it all");
                // Sent when the response arrived: one-way delay plus its
                // transmission (< 0.2 ms at 100 Mb/s).
                NS_TEST_ASSERT_MSG_LT((ack.time - response->time - MilliSeconds(10)).GetMicroSeconds(),
                                      200,
                                      "at once\n" << bed.Dump());
            }
            NS_TEST_ASSERT_MSG_EQ(serverFin->header.GetAckNumber(),
                                  clientFin->header.GetSequenceNumber() + SequenceNumber32(1),
                                  "the server's FIN|ACK acknowledges the client's FIN");
            NS_TEST_ASSERT_MSG_EQ(serverAfterFin.size(),
                                  0,
                                  "connection " << c << ": no server segment after its FIN|ACK\n"
                                                << bed.Dump());
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * A 40-segment response to a request sent in the SYN: quick-ack acknowledges the first
 * min(rcv_wnd / (2 rcv_mss), TCP_MAX_QUICKACKS) = 16 data segments one by
 * one, then delayed ACKs take every second segment (QuickAcks 0: every
 * second segment after the first).
 */
class TcpLinuxQuickAckCountTestCase : public TestCase
{
  public:
    /**
     * \param quickAcks the client's QuickAcks attribute
     */
    explicit TcpLinuxQuickAckCountTestCase(uint32_t quickAcks)
        : TestCase("QuickAcks " + std::to_string(quickAcks) +
                   ": segments acknowledged one by one at the start of a response"),
          m_quickAcks(quickAcks)
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        bed.client->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute(
            "QuickAcks",
            UintegerValue(m_quickAcks));
        bed.AddServer();
        const uint32_t mss = 1448;
        bed.AddClient(500, 40 * mss, 2, Seconds(1));
        bed.Run(Seconds(10));
        // Connection 1 (SYN data: the client sends nothing after the
        // handshake, no ping-pong). Client ACKs before its FIN, each counted
        // by the data it acknowledges.
        std::vector<uint32_t> segmentsPerAck;
        SequenceNumber32 last(0);
        bool started = false;
        for (const Segment& s : ConnectionSegments(bed.GetSegments(), 1))
        {
            if (!s.fromClient || (s.header.GetFlags() & TcpHeader::FIN))
            {
                continue;
            }
            if (s.header.GetFlags() & TcpHeader::SYN)
            {
                continue;
            }
            if (!started)
            {
                last = s.header.GetAckNumber(); // the handshake ACK: ISN + 1
                started = true;
                continue;
            }
            if (s.header.GetAckNumber() > last)
            {
                segmentsPerAck.push_back((s.header.GetAckNumber() - last) / mss);
                last = s.header.GetAckNumber();
            }
        }
        // ns-3 acknowledges the first segment after the handshake at once
        // anyway (its delayed-ACK count starts full).
        const uint32_t quick = std::max<uint32_t>(std::min<uint32_t>(m_quickAcks, 16), 1);
        TFO_TEST_REQUIRE(segmentsPerAck.size() > quick + 2, "enough ACKs\n" + bed.Dump());
        for (uint32_t i = 0; i < quick; ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(segmentsPerAck[i], 1, "quick ACK " << i << "\n" << bed.Dump());
        }
        NS_TEST_ASSERT_MSG_EQ(segmentsPerAck[quick],
                              2,
                              "then delayed ACKs, every second segment\n"
                                  << bed.Dump());
        Simulator::Destroy();
    }

    uint32_t m_quickAcks; //!< the client's QuickAcks
};

/**
 * \ingroup tcp-fast-open-tests
 * Linux's RTO at a 20 ms RTT: srtt + max(4 mdev, rto_min) = 220 ms (ns-3's
 * RttMeanDeviation: max(srtt + 4 rttvar, MinRto) = 200 ms). The client's
 * RTO trace after the first sample, and the time a lost request is resent.
 */
class TcpLinuxRtoTestCase : public TestCase
{
  public:
    /**
     * \param linuxRtt the LinuxRttEstimator attribute
     */
    explicit TcpLinuxRtoTestCase(bool linuxRtt)
        : TestCase(std::string("RTO at a 20 ms RTT, ") +
                   (linuxRtt ? "Linux's estimator: 220 ms" : "ns-3's estimator: 200 ms")),
          m_linuxRtt(linuxRtt)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.clientMode = 0; // the request leaves after the handshake
        Testbed bed(config);
        bed.client->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute(
            "LinuxRttEstimator",
            BooleanValue(m_linuxRtt));
        bed.AddServer();
        bool dropped = false;
        bed.DropAt(true, [&dropped](const Segment& s) {
            if (s.payload > 0 && !dropped)
            {
                dropped = true;
                return true;
            }
            return false;
        });
        std::vector<Time> rtos;
        Ptr<Socket> socket = Socket::CreateSocket(bed.client, TcpFastOpenSocketFactory::GetTypeId());
        socket->TraceConnectWithoutContext(
            "RTO",
            MakeBoundCallback(&RecordRto, &rtos));
        const Address server = bed.GetServerAddress();
        Simulator::Schedule(Seconds(1), [socket, server]() {
            socket->Connect(server);
            // RequestResponseClient's request: sizes, then filler.
            uint8_t request[500] = {0, 0, 1, 0xf4, 0, 0, 0, 100};
            socket->Send(Create<Packet>(request, sizeof(request)));
        });
        bed.Run(Seconds(5));

        const Time expected = MilliSeconds(m_linuxRtt ? 220 : 200);
        std::vector<Segment> requests;
        for (const Segment& s : bed.GetSegments())
        {
            if (s.fromClient && s.payload > 0)
            {
                requests.push_back(s);
            }
        }
        TFO_TEST_REQUIRE(requests.size() == 2, "the request and its retransmission\n" + bed.Dump());
        // One RTT sample (the SYN-ACK's) preceded the request: its timer ran
        // at the RTO of that sample.
        NS_TEST_ASSERT_MSG_EQ_TOL((requests[1].time - requests[0].time).GetMicroSeconds(),
                                  expected.GetMicroSeconds(),
                                  100,
                                  "the lost request is resent one RTO later\n"
                                      << bed.Dump());
        TFO_TEST_REQUIRE(rtos.size() >= 2, "RTO traced");
        // After the first sample, every RTO (the back-off's doubled one
        // aside) is srtt (20 ms and a few microseconds) + rto_min.
        for (const Time& rto : rtos)
        {
            if (rto == Seconds(1) || rto > expected + expected / 2)
            {
                continue; // before any sample, or backed off
            }
            NS_TEST_ASSERT_MSG_EQ_TOL(rto.GetMicroSeconds(),
                                      expected.GetMicroSeconds(),
                                      100,
                                      "RTO " << rto.As(Time::MS));
        }
        Simulator::Destroy();
    }

    bool m_linuxRtt; //!< use TcpLinuxRttEstimator
};

/**
 * \ingroup tcp-fast-open-tests
 * TcpLinuxRttEstimator against tcp_rtt_estimator computed by hand: the
 * first sample (rttvar = max(2 m, rto_min)), a larger variation that raises
 * rttvar above rto_min, its decay by a quarter per round trip.
 */
class TcpLinuxRttEstimatorTestCase : public TestCase
{
  public:
    TcpLinuxRttEstimatorTestCase()
        : TestCase("TcpLinuxRttEstimator: srtt, mdev, mdev_max and rttvar as tcp_rtt_estimator")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpLinuxRttEstimator> e = CreateObject<TcpLinuxRttEstimator>();
        const Time rtoMin = MilliSeconds(200);
        // Sample 1 (SND.UNA 1, SND.NXT 1): srtt 20 ms, mdev_us 40 ms, rttvar 200 ms.
        e->SetConnectionState(SequenceNumber32(1), SequenceNumber32(1), rtoMin);
        e->Measurement(MilliSeconds(20));
        NS_TEST_ASSERT_MSG_EQ(e->GetEstimate(), MilliSeconds(20), "srtt");
        NS_TEST_ASSERT_MSG_EQ(e->GetVariation() * 4, MilliSeconds(200), "rttvar = rto_min");
        // Sample 2, 500 ms, in the same round trip (SND.UNA 1 <= rtt_seq 1):
        // error 480 -> srtt 80; mdev_us 40 + (480 - 10) = 510 ms > mdev_max
        // -> rttvar 510 ms.
        e->SetConnectionState(SequenceNumber32(1), SequenceNumber32(1001), rtoMin);
        e->Measurement(MilliSeconds(500));
        NS_TEST_ASSERT_MSG_EQ(e->GetEstimate(), MilliSeconds(80), "srtt 7/8 + 1/8");
        NS_TEST_ASSERT_MSG_EQ(e->GetVariation() * 4, MilliSeconds(510), "rttvar follows mdev_max");
        // Sample 3, 80 ms, ending the round trip (SND.UNA 1001 > 1): error 0
        // -> mdev_us 510 - 127.5 = 382.5; rttvar decays by a quarter of its
        // distance to mdev_max (510): none; mdev_max back to rto_min.
        e->SetConnectionState(SequenceNumber32(1001), SequenceNumber32(2001), rtoMin);
        e->Measurement(MilliSeconds(80));
        NS_TEST_ASSERT_MSG_EQ(e->GetEstimate(), MilliSeconds(80), "srtt");
        NS_TEST_ASSERT_MSG_EQ(e->GetVariation() * 4, MilliSeconds(510), "rttvar kept");
        // Sample 4, 80 ms, next round trip (2001 > 2001? no: same round).
        // Sample 5 ends it (SND.UNA 2002): mdev_us 382.5 -> 286.875 ->
        // 215.157 (us, truncated); mdev_max = max(rto_min, those) = 286.875;
        // rttvar 510 - (510 - 286.875) / 4 = 454.219 ms.
        e->SetConnectionState(SequenceNumber32(2001), SequenceNumber32(3001), rtoMin);
        e->Measurement(MilliSeconds(80));
        e->SetConnectionState(SequenceNumber32(2002), SequenceNumber32(3001), rtoMin);
        e->Measurement(MilliSeconds(80));
        NS_TEST_ASSERT_MSG_EQ_TOL((e->GetVariation() * 4).GetMicroSeconds(),
                                  454219,
                                  2,
                                  "rttvar decays towards mdev_max by a quarter");
        // A sample below srtt moves mdev by 1/32 of the error: 80 -> 40 ms
        // gives error 40, minus mdev/4 (53.8) < 0: mdev falls by 13.8 ms,
        // not by 1/4 of (mdev - 40).
        const Time before = e->GetEstimate();
        e->Measurement(MilliSeconds(40));
        NS_TEST_ASSERT_MSG_EQ(e->GetEstimate(), before - MilliSeconds(5), "srtt -= 40 / 8");
        Ptr<RttEstimator> copy = e->Copy();
        NS_TEST_ASSERT_MSG_EQ(copy->GetEstimate(), e->GetEstimate(), "a copy keeps srtt");
        NS_TEST_ASSERT_MSG_EQ(copy->GetVariation(), e->GetVariation(), "and rttvar");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Linux's ACK timing and RTO over whole connections.
 */
class TcpLinuxAcksTestSuite : public TestSuite
{
  public:
    TcpLinuxAcksTestSuite()
        : TestSuite("tcp-linux-socket-acks", TFO_TEST_UNIT)
    {
        AddTestCase(new TcpLinuxQuickAckTestCase(), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxQuickAckCountTestCase(16), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxQuickAckCountTestCase(4), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxQuickAckCountTestCase(0), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxRtoTestCase(true), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxRtoTestCase(false), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxRttEstimatorTestCase(), TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TcpLinuxAcksTestSuite g_tcpLinuxAcksTestSuite;
