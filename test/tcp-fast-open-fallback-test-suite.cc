/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * End-to-end simulations of Fast Open when something goes wrong: an invalid
 * cookie (d), the pending-TFO limit and the reset-slot hold (e), a lost
 * SYN-data (f), a lost SYN-ACK, retransmitted SYN and lost final ACK (g), and a
 * SYN-ACK that acknowledges part of the SYN data or more than was sent (l).
 * Every byte must reach the application exactly once.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/**
 * \param all segments
 * \param fromClient direction
 * \param index which one (0-based) among those with a SYN flag in that direction
 * \return that SYN or SYN-ACK
 */
Segment
NthSyn(const std::vector<Segment>& all, bool fromClient, uint32_t index)
{
    for (const Segment& s : all)
    {
        if (s.fromClient == fromClient && (s.header.GetFlags() & TcpHeader::SYN))
        {
            if (index-- == 0)
            {
                return s;
            }
        }
    }
    return Segment();
}

/**
 * \param all segments
 * \param syn a client SYN
 * \return the first SYN-ACK the server sent after it
 */
Segment
SynAckAfter(const std::vector<Segment>& all, const Segment& syn)
{
    for (const Segment& s : all)
    {
        if (!s.fromClient && s.time > syn.time && s.Is(TcpHeader::SYN | TcpHeader::ACK))
        {
            return s;
        }
    }
    return Segment();
}

/**
 * \param all segments
 * \param fromClient direction
 * \param after only segments sent after this time
 * \return the first data segment in that direction after \p after
 */
Segment
FirstDataAfter(const std::vector<Segment>& all, bool fromClient, Time after)
{
    for (const Segment& s : all)
    {
        if (s.fromClient == fromClient && s.payload > 0 && s.time > after &&
            !(s.header.GetFlags() & TcpHeader::SYN))
        {
            return s;
        }
    }
    return Segment();
}

/// The cookie the server's key gives for the testbed's addresses.
TcpFastOpenCookie
ExpectedCookie(const Testbed& bed)
{
    return TcpFastOpenHelper::GetCookieGenerator(bed.server)
        ->Generate(bed.GetClientIp(), bed.GetServerIp());
}

/// Pre-seed the client's cache with the server's valid cookie (a warm cache).
void
WarmCache(const Testbed& bed)
{
    TcpFastOpenHelper::GetCookieCache(bed.client)
        ->Store(bed.GetClientIp(), bed.GetServerIp(), ExpectedCookie(bed), 1460, false);
}

} // namespace

/**
 * (d) Invalid cookie: the server drops the SYN data, acknowledges only the ISN
 * and sends a fresh cookie; the client retransmits the data at once; the
 * application gets it exactly once.
 */
class TfoInvalidCookieTestCase : public TestCase
{
  public:
    TfoInvalidCookieTestCase()
        : TestCase("(d) invalid cookie: data dropped, ISN acked, fresh cookie, data resent once")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        const uint8_t bogus[8] = {1, 2, 3, 4, 5, 6, 7, 8};
        TcpFastOpenHelper::GetCookieCache(bed.client)
            ->Store(bed.GetClientIp(), bed.GetServerIp(), TcpFastOpenCookie(bogus, 8), 1460, false);
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(600, 1000, 1, Seconds(1));
        bed.Run(Seconds(10));

        const Segment syn = NthSyn(bed.GetSegments(), true, 0);
        const Segment synAck = NthSyn(bed.GetSegments(), false, 0);
        NS_TEST_ASSERT_MSG_EQ(syn.payload, 600, "the SYN carried the data");
        NS_TEST_ASSERT_MSG_EQ(syn.tfo->cookie, TcpFastOpenCookie(bogus, 8), "and the bad cookie");
        NS_TEST_ASSERT_MSG_EQ(synAck.header.GetAckNumber(),
                              syn.header.GetSequenceNumber() + 1,
                              "only the ISN is acknowledged");
        NS_TEST_ASSERT_MSG_EQ(synAck.tfo.has_value(), true, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(synAck.tfo->cookie, ExpectedCookie(bed), "a fresh valid cookie");

        const Segment resent = FirstDataAfter(bed.GetSegments(), true, synAck.time);
        NS_TEST_ASSERT_MSG_EQ(resent.header.GetSequenceNumber(),
                              syn.header.GetSequenceNumber() + 1,
                              "the data is resent from ISN + 1");
        NS_TEST_ASSERT_MSG_EQ(resent.payload, 600, "all of it");
        NS_TEST_ASSERT_MSG_LT(resent.time - synAck.time,
                              MilliSeconds(11),
                              "at once, with the handshake's ACK (no timeout)");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 600, "exactly once");
        NS_TEST_ASSERT_MSG_EQ(client->GetCompletedCount(), 1, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(+client->GetTransactions()[0].clientFailReason,
                              +TcpFastOpenSocket::TFO_DATA_NOT_ACKED,
                              "tcpi_fastopen_client_fail");
        auto entry = TcpFastOpenHelper::GetCookieCache(bed.client)
                         ->Lookup(bed.GetClientIp(), bed.GetServerIp());
        NS_TEST_ASSERT_MSG_EQ(entry->cookie, ExpectedCookie(bed), "the fresh cookie replaced it");
        NS_TEST_ASSERT_MSG_EQ(
            TcpFastOpenHelper::GetCounters(bed.server)->Get("TCPFastOpenPassiveFail"),
            1,
            "PassiveFail");
        NS_TEST_ASSERT_MSG_EQ(
            TcpFastOpenHelper::GetCounters(bed.client)->Get("TCPFastOpenActiveFail"),
            1,
            "ActiveFail");
        Simulator::Destroy();
    }
};

/**
 * (e) Pending limit: with max_qlen = 1 and the first client's ACKs held back, a
 * second TFO SYN falls back to the three-way handshake (ListenOverflow, no
 * cookie); its data is delivered once. The count goes down when the first
 * child leaves SYN_RCVD, and a third SYN is accepted again.
 */
class TfoPendingLimitTestCase : public TestCase
{
  public:
    TfoPendingLimitTestCase()
        : TestCase("(e) pending limit max_qlen=1: overflow falls back, slot freed on ACK")
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.serverQueueLength = 1;
        Testbed bed(config);
        WarmCache(bed);
        // Hold back every pure ACK from the client until 1.5 s: the first
        // child stays in SYN_RCVD (its large response cannot complete, so the
        // client's FIN does not end SYN_RCVD either).
        bed.DropAt(true, [](const Segment& s) {
            return s.Is(TcpHeader::ACK) && s.payload == 0 && Simulator::Now() < Seconds(1.5);
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> first = bed.AddClient(300, 100000, 1, Seconds(1));
        Ptr<RequestResponseClient> second = bed.AddClient(300, 100, 1, Seconds(1.1));
        Ptr<RequestResponseClient> third = bed.AddClient(300, 100, 1, Seconds(3));
        std::vector<std::pair<Time, uint32_t>> pending;
        Ptr<TcpFastOpenSocket> listener;
        Simulator::Schedule(Seconds(0.5), [&]() {
            listener = DynamicCast<TcpFastOpenSocket>(server->GetListeningSocket());
        });
        for (double t : {1.05, 1.2, 2.9})
        {
            Simulator::Schedule(Seconds(t), [&, t]() {
                pending.emplace_back(Seconds(t), listener->GetPendingFastOpenCount());
            });
        }
        bed.Run(Seconds(10));

        const Segment syn2 = NthSyn(bed.GetSegments(), true, 1);
        const Segment synAck2 = SynAckAfter(bed.GetSegments(), syn2);
        NS_TEST_ASSERT_MSG_EQ(syn2.payload, 300, "the second SYN carried data");
        NS_TEST_ASSERT_MSG_EQ(synAck2.header.GetAckNumber(),
                              syn2.header.GetSequenceNumber() + 1,
                              "over the limit: plain handshake, ISN acked only");
        NS_TEST_ASSERT_MSG_EQ(synAck2.tfo.has_value(), false, "no cookie when over the limit");
        const Segment syn3 = NthSyn(bed.GetSegments(), true, 2);
        const Segment synAck3 = SynAckAfter(bed.GetSegments(), syn3);
        NS_TEST_ASSERT_MSG_EQ(synAck3.header.GetAckNumber(),
                              syn3.header.GetSequenceNumber() + 301,
                              "slot freed: the third SYN's data is accepted");

        NS_TEST_ASSERT_MSG_EQ(pending.size(), 3, "samples");
        NS_TEST_ASSERT_MSG_EQ(pending[0].second, 1, "first child pending at 1.05 s");
        NS_TEST_ASSERT_MSG_EQ(pending[1].second, 1, "still one at 1.2 s (limit holds)");
        NS_TEST_ASSERT_MSG_EQ(pending[2].second, 0, "released once its ACK got through");

        Ptr<TcpFastOpenCounters> sc = TcpFastOpenHelper::GetCounters(bed.server);
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenListenOverflow"), 1, "ListenOverflow");
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenPassive"), 2, "first and third");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 900, "each request byte once");
        NS_TEST_ASSERT_MSG_EQ(first->GetCompletedCount() + second->GetCompletedCount() +
                                  third->GetCompletedCount(),
                              3,
                              bed.Dump());
        Simulator::Destroy();
    }
};

/**
 * (e) A TFO child reset by the client keeps its pending slot for 60 s (Linux's
 * rskq_rst_head): TFO SYNs during that time overflow, after it they are
 * accepted.
 */
class TfoResetSlotHoldTestCase : public TestCase
{
  public:
    TfoResetSlotHoldTestCase()
        : TestCase("(e) a child reset by the client keeps its slot for 60 s")
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.serverQueueLength = 1;
        Testbed bed(config);
        WarmCache(bed);
        bed.DropAt(true, [](const Segment& s) {
            return s.Is(TcpHeader::ACK) && s.payload == 0 && Simulator::Now() < Seconds(2);
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        // A raw client socket: SYN with data, then an abortive close (RST) while
        // the server's child is still in SYN_RCVD. ns-3 resets on Close() with
        // unread received data.
        Ptr<Socket> socket =
            Socket::CreateSocket(bed.client, TcpFastOpenSocketFactory::GetTypeId());
        Simulator::Schedule(Seconds(1), [&]() {
            socket->Bind();
            std::vector<uint8_t> request(100, 'x');
            request[3] = 100;  // request length 100 (big-endian uint32)
            request[6] = 0x03; // response length 1000
            request[7] = 0xe8;
            request[0] = request[1] = request[2] = request[4] = request[5] = 0;
            socket->SendTo(Create<Packet>(request.data(), request.size()),
                           TcpFastOpenSocket::MSG_FASTOPEN,
                           bed.GetServerAddress());
        });
        Simulator::Schedule(Seconds(1.5), [&]() { socket->Close(); });
        Ptr<RequestResponseClient> during = bed.AddClient(200, 100, 1, Seconds(30));
        Ptr<RequestResponseClient> after = bed.AddClient(200, 100, 1, Seconds(62));
        bed.Run(Seconds(70));

        std::vector<Segment> resets = bed.Select(true, TcpHeader::RST | TcpHeader::ACK);
        std::vector<Segment> bareResets = bed.Select(true, TcpHeader::RST);
        NS_TEST_ASSERT_MSG_EQ(resets.size() + bareResets.size(), 1, bed.Dump());
        const Segment synDuring = NthSyn(bed.GetSegments(), true, 1);
        const Segment synAckDuring = SynAckAfter(bed.GetSegments(), synDuring);
        NS_TEST_ASSERT_MSG_EQ(synAckDuring.header.GetAckNumber(),
                              synDuring.header.GetSequenceNumber() + 1,
                              "at 30 s the reset child still holds the only slot");
        const Segment synAfter = NthSyn(bed.GetSegments(), true, 2);
        const Segment synAckAfter = SynAckAfter(bed.GetSegments(), synAfter);
        NS_TEST_ASSERT_MSG_EQ(synAckAfter.header.GetAckNumber(),
                              synAfter.header.GetSequenceNumber() + 201,
                              "after 60 s the slot is free again");
        Ptr<TcpFastOpenCounters> sc = TcpFastOpenHelper::GetCounters(bed.server);
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenListenOverflow"), 1, "ListenOverflow at 30 s");
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenPassive"), 2, "the reset one and the last");
        NS_TEST_ASSERT_MSG_EQ(during->GetCompletedCount() + after->GetCompletedCount(),
                              2,
                              bed.Dump());
        Simulator::Destroy();
    }
};

/**
 * (f) Lost SYN-data: the retransmitted SYN carries neither data nor option;
 * the data follows the handshake.
 */
class TfoLostSynDataTestCase : public TestCase
{
  public:
    TfoLostSynDataTestCase()
        : TestCase("(f) lost SYN-data: plain SYN retransmitted, data after the handshake")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        WarmCache(bed);
        bool dropped = false;
        bed.DropAt(true, [&dropped](const Segment& s) {
            if (!dropped && s.Is(TcpHeader::SYN) && s.payload > 0)
            {
                dropped = true;
                return true;
            }
            return false;
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(500, 1000, 1, Seconds(1));
        bed.Run(Seconds(10));

        std::vector<Segment> syns = bed.Select(true, TcpHeader::SYN);
        NS_TEST_ASSERT_MSG_EQ(syns.size(), 2, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(syns[0].payload, 500, "the original SYN carried data");
        NS_TEST_ASSERT_MSG_EQ(syns[1].payload, 0, "the retransmission carries no data");
        NS_TEST_ASSERT_MSG_EQ(syns[1].tfo.has_value(), false, "and no option");
        NS_TEST_ASSERT_MSG_EQ(syns[1].time - syns[0].time,
                              Seconds(1),
                              "after the Linux profile's 1 s SYN timeout");
        const Segment synAck = NthSyn(bed.GetSegments(), false, 0);
        NS_TEST_ASSERT_MSG_EQ(synAck.header.GetAckNumber(),
                              syns[0].header.GetSequenceNumber() + 1,
                              "the server saw only the plain SYN");
        const Segment data = FirstDataAfter(bed.GetSegments(), true, synAck.time);
        NS_TEST_ASSERT_MSG_EQ(data.payload, 500, "the data follows the handshake");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 500, "exactly once");
        NS_TEST_ASSERT_MSG_EQ(+client->GetTransactions()[0].clientFailReason,
                              +TcpFastOpenSocket::TFO_SYN_RETRANSMITTED,
                              "tcpi_fastopen_client_fail");
        NS_TEST_ASSERT_MSG_EQ(
            TcpFastOpenHelper::GetCounters(bed.client)->Get("TCPFastOpenActiveFail"),
            1,
            "ActiveFail");
        auto entry = TcpFastOpenHelper::GetCookieCache(bed.client)
                         ->Lookup(bed.GetClientIp(), bed.GetServerIp());
        NS_TEST_ASSERT_MSG_EQ(entry->synLoss, 1, "the SYN-data loss is recorded");
        Simulator::Destroy();
    }
};

/**
 * (g) Lost SYN-ACK (the client retransmits its SYN, the TFO child answers with
 * a SYN-ACK that still covers the data) and lost final ACK: the connection
 * recovers and each byte reaches each application once.
 */
class TfoLostSynAckTestCase : public TestCase
{
  public:
    /// \param dropFinalAck drop the client's ACK of the SYN-ACK instead of the SYN-ACK
    explicit TfoLostSynAckTestCase(bool dropFinalAck)
        : TestCase(dropFinalAck ? "(g) lost final ACK: the child completes on the next ACK"
                                : "(g) lost SYN-ACK: retransmitted SYN, SYN-ACK still acks data"),
          m_dropFinalAck(dropFinalAck)
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        WarmCache(bed);
        bool dropped = false;
        if (m_dropFinalAck)
        {
            bed.DropAt(true, [&dropped](const Segment& s) {
                if (!dropped && s.Is(TcpHeader::ACK) && s.payload == 0)
                {
                    dropped = true;
                    return true;
                }
                return false;
            });
        }
        else
        {
            bed.DropAt(false, [&dropped](const Segment& s) {
                if (!dropped && s.Is(TcpHeader::SYN | TcpHeader::ACK))
                {
                    dropped = true;
                    return true;
                }
                return false;
            });
        }
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(500, 3000, 1, Seconds(1));
        bed.Run(Seconds(20));

        NS_TEST_ASSERT_MSG_EQ(dropped, true, "the segment was dropped");
        NS_TEST_ASSERT_MSG_EQ(client->GetCompletedCount(), 1, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 500, "request once");
        NS_TEST_ASSERT_MSG_EQ(server->GetRequestCount(), 1, "answered once");
        NS_TEST_ASSERT_MSG_EQ(client->GetTransactions()[0].synDataAcked, true, "SYN data acked");
        for (const Segment& s : bed.GetSegments())
        {
            NS_TEST_ASSERT_MSG_EQ((s.header.GetFlags() & TcpHeader::RST), 0, bed.Dump());
        }
        if (!m_dropFinalAck)
        {
            std::vector<Segment> syns = bed.Select(true, TcpHeader::SYN);
            NS_TEST_ASSERT_MSG_EQ(syns.size(), 2, bed.Dump());
            NS_TEST_ASSERT_MSG_EQ(syns[1].payload, 0, "retransmitted SYN without data");
            std::vector<Segment> synAcks = bed.Select(false, TcpHeader::SYN | TcpHeader::ACK);
            NS_TEST_ASSERT_MSG_GT_OR_EQ(synAcks.size(), 2, bed.Dump());
            for (const Segment& s : synAcks)
            {
                NS_TEST_ASSERT_MSG_EQ(s.header.GetAckNumber(),
                                      syns[0].header.GetSequenceNumber() + 501,
                                      "every SYN-ACK acknowledges the SYN data");
            }
            NS_TEST_ASSERT_MSG_EQ(
                TcpFastOpenHelper::GetCounters(bed.client)->Get("TCPFastOpenActive"),
                1,
                "the data was acknowledged: Active");
            // The response the child sent in SYN_RCVD never reached the client
            // (still in SYN_SENT); it is resent one RTT-based RTO after the
            // handshake ACK (tcp_rearm_rto), not after the SYN-ACK timer's
            // backed-off 2 s: SYN timeout 1 s + 2 RTT + RTO (< 300 ms).
            NS_TEST_ASSERT_MSG_LT(client->GetTransactions()[0].GetLatency(),
                                  Seconds(1) + MilliSeconds(40 + 300),
                                  "recovers with an RTT-based RTO");
        }
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenHelper::GetCounters(bed.server)->Get("TCPFastOpenPassive"),
                              1,
                              "one TFO child");
        Simulator::Destroy();
    }

    bool m_dropFinalAck; //!< which segment to drop
};

/**
 * (l) A SYN-ACK that acknowledges part of the SYN data: the rest is resent
 * (ActiveFail); one that acknowledges more than was sent: RST.
 */
class TfoPartialAckTestCase : public TestCase
{
  public:
    /// \param overAck acknowledge more than was sent instead of part of it
    explicit TfoPartialAckTestCase(bool overAck)
        : TestCase(overAck ? "(l) SYN-ACK acks beyond the SYN data: RST"
                           : "(l) SYN-ACK acks part of the SYN data: the rest is resent"),
          m_overAck(overAck)
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        WarmCache(bed);
        const int32_t delta = m_overAck ? 5 : -200;
        bed.RewriteAt(false, [delta](TcpHeader& h, uint32_t) {
            if ((h.GetFlags() & (TcpHeader::SYN | TcpHeader::ACK)) ==
                (TcpHeader::SYN | TcpHeader::ACK))
            {
                h.SetAckNumber(h.GetAckNumber() + SequenceNumber32(delta));
                return true;
            }
            return false;
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(500, 1000, 1, Seconds(1));
        bed.Run(Seconds(10));

        const Segment syn = NthSyn(bed.GetSegments(), true, 0);
        NS_TEST_ASSERT_MSG_EQ(syn.payload, 500, bed.Dump());
        if (m_overAck)
        {
            const Segment synAck = NthSyn(bed.GetSegments(), false, 0);
            Segment reset;
            for (const Segment& s : bed.GetSegments())
            {
                if (s.fromClient && (s.header.GetFlags() & TcpHeader::RST))
                {
                    reset = s;
                    break;
                }
            }
            NS_TEST_ASSERT_MSG_EQ((reset.header.GetFlags() & TcpHeader::RST),
                                  TcpHeader::RST,
                                  bed.Dump());
            NS_TEST_ASSERT_MSG_EQ_TOL(reset.time - synAck.time,
                                      MilliSeconds(10),
                                      MicroSeconds(100),
                                      "the RST answers the SYN-ACK at once");
            NS_TEST_ASSERT_MSG_EQ(reset.header.GetSequenceNumber(),
                                  syn.header.GetSequenceNumber() + 506,
                                  "RST <SEQ=SEG.ACK> (the rewritten ACK: ISN + 1 + 500 + 5)");
            NS_TEST_ASSERT_MSG_EQ(client->GetCompletedCount(), 0, "the connection was refused");
            NS_TEST_ASSERT_MSG_EQ(
                TcpFastOpenHelper::GetCounters(bed.client)->Get("TCPFastOpenActive"),
                0,
                "not counted as Active");
        }
        else
        {
            const Segment synAck = NthSyn(bed.GetSegments(), false, 0);
            const Segment rest = FirstDataAfter(bed.GetSegments(), true, synAck.time);
            NS_TEST_ASSERT_MSG_EQ(rest.header.GetSequenceNumber(),
                                  syn.header.GetSequenceNumber() + 301,
                                  "resent from the first unacknowledged byte");
            NS_TEST_ASSERT_MSG_EQ(rest.payload, 200, "the unacknowledged 200 bytes");
            NS_TEST_ASSERT_MSG_EQ(
                TcpFastOpenHelper::GetCounters(bed.client)->Get("TCPFastOpenActiveFail"),
                1,
                "ActiveFail");
            NS_TEST_ASSERT_MSG_EQ(+client->GetTransactions()[0].clientFailReason,
                                  +TcpFastOpenSocket::TFO_DATA_NOT_ACKED,
                                  "tcpi_fastopen_client_fail");
            NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 500, "each byte once");
            NS_TEST_ASSERT_MSG_EQ(client->GetCompletedCount(), 1, bed.Dump());
        }
        Simulator::Destroy();
    }

    bool m_overAck; //!< which variant
};

/**
 * (h) Replay: a copy of the SYN-data delayed until after the connection is gone
 * creates a new child and reaches the application a second time (RFC 7413's
 * idempotency caveat, and Linux does not detect duplicate SYNs either); a copy
 * arriving while the first connection lives is not delivered twice.
 */
class TfoReplayTestCase : public TestCase
{
  public:
    /**
     * \param copyDelay how long after the original the copy leaves the client
     * \param deliveries how many times the request must reach the server application
     */
    TfoReplayTestCase(Time copyDelay, uint32_t deliveries)
        : TestCase(deliveries == 2
                       ? "(h) a SYN-data replayed after the connection is gone is delivered again"
                       : "(h) a SYN-data copy during the connection is not delivered twice"),
          m_copyDelay(copyDelay),
          m_deliveries(deliveries)
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        WarmCache(bed);
        TcpSegmentDuplicatorHelper duplicator;
        duplicator.SetAttribute("FlagsMask", UintegerValue(TcpHeader::SYN | TcpHeader::ACK));
        duplicator.SetAttribute("FlagsValue", UintegerValue(TcpHeader::SYN));
        duplicator.SetAttribute("Payload", StringValue("WITH_DATA"));
        duplicator.SetAttribute("Copies", UintegerValue(1));
        duplicator.SetAttribute("CopyDelay", TimeValue(m_copyDelay));
        QueueDiscContainer element = duplicator.Install(bed.clientDevice);
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(400, 1000, 1, Seconds(1));
        bed.Run(Seconds(20));

        TFO_TEST_REQUIRE(client->GetCompletedCount() == 1, bed.Dump());
        std::vector<Segment> syns = bed.Select(true, TcpHeader::SYN);
        TFO_TEST_REQUIRE(syns.size() == 2, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(syns[1].time - syns[0].time, m_copyDelay, "the copy's delay");
        NS_TEST_ASSERT_MSG_EQ(syns[1].header.GetSequenceNumber(),
                              syns[0].header.GetSequenceNumber(),
                              "an exact copy");
        NS_TEST_ASSERT_MSG_EQ(syns[1].payload, 400, "with the data");
        if (m_deliveries == 2)
        {
            // The client closed first: the server's side is gone (the client
            // holds TIME_WAIT), so the listener takes the copy as a new SYN.
            const Segment fin = [&]() {
                for (const Segment& seg : bed.GetSegments())
                {
                    if (seg.fromClient && (seg.header.GetFlags() & TcpHeader::FIN))
                    {
                        return seg;
                    }
                }
                return Segment();
            }();
            NS_TEST_ASSERT_MSG_LT(fin.time, syns[1].time, "the connection ended before the copy");
        }
        NS_TEST_ASSERT_MSG_EQ(server->GetRequestCount(), m_deliveries, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 400 * m_deliveries, "bytes delivered");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenHelper::GetCounters(bed.server)->Get("TCPFastOpenPassive"),
                              m_deliveries,
                              "one TFO child per delivery");
        Simulator::Destroy();
    }

    Time m_copyDelay;      //!< delay of the copy
    uint32_t m_deliveries; //!< expected deliveries
};

/**
 * \ingroup tcp-fast-open-tests
 * Fast Open fallbacks and recovery, end to end.
 */
class TcpFastOpenFallbackTestSuite : public TestSuite
{
  public:
    TcpFastOpenFallbackTestSuite()
        : TestSuite("tcp-fast-open-fallback", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TfoInvalidCookieTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoPendingLimitTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoResetSlotHoldTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoLostSynDataTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoLostSynAckTestCase(false), TFO_TEST_QUICK);
        AddTestCase(new TfoLostSynAckTestCase(true), TFO_TEST_QUICK);
        AddTestCase(new TfoPartialAckTestCase(false), TFO_TEST_QUICK);
        AddTestCase(new TfoPartialAckTestCase(true), TFO_TEST_QUICK);
        AddTestCase(new TfoReplayTestCase(Seconds(5), 2), TFO_TEST_QUICK);
        AddTestCase(new TfoReplayTestCase(MilliSeconds(5), 1), TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpFastOpenFallbackTestSuite g_tcpFastOpenFallbackTestSuite;
