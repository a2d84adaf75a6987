/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * The client's fallbacks on a hostile path: Linux's active-TFO blackhole
 * detection (pause lengths, trigger, resumption) and RFC 7413 section 4.1.3.1
 * negative caching as Linux 3.7-4.14 did it.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-blackhole-detector.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/**
 * \param all segments
 * \param index which client SYN (0-based), counting only first transmissions
 *        (a SYN whose sequence number differs from the previous SYN's)
 * \return that SYN
 */
Segment
NthConnectionSyn(const std::vector<Segment>& all, uint32_t index)
{
    bool first = true;
    SequenceNumber32 last;
    for (const Segment& s : all)
    {
        if (s.fromClient && s.Is(TcpHeader::SYN))
        {
            if (first || s.header.GetSequenceNumber() != last)
            {
                if (index-- == 0)
                {
                    return s;
                }
            }
            first = false;
            last = s.header.GetSequenceNumber();
        }
    }
    return Segment();
}

} // namespace

/**
 * Pause lengths follow Timeout x 2^min(n - 1, 6); a timeout of 0 never pauses;
 * a healthy check connection resets n.
 */
class TfoBlackholePauseTestCase : public TestCase
{
  public:
    TfoBlackholePauseTestCase()
        : TestCase("blackhole pauses: Timeout x 2^min(n-1,6), off at 0, reset when healthy")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpFastOpenBlackholeDetector> off = CreateObject<TcpFastOpenBlackholeDetector>();
        bool check = true;
        NS_TEST_ASSERT_MSG_EQ(off->Disable(), false, "Timeout 0: detection is off");
        NS_TEST_ASSERT_MSG_EQ(off->ShouldDisable(check), false, "never paused");
        NS_TEST_ASSERT_MSG_EQ(check, false, "no check connection");

        Ptr<TcpFastOpenBlackholeDetector> d = CreateObject<TcpFastOpenBlackholeDetector>();
        d->SetAttribute("Timeout", TimeValue(Seconds(10)));
        const int64_t expected[] = {10, 20, 40, 80, 160, 320, 640, 640, 640};
        for (uint32_t n = 1; n <= 9; ++n)
        {
            NS_TEST_ASSERT_MSG_EQ(d->GetPauseLength(n), Seconds(expected[n - 1]), "n=" << n);
        }
        std::vector<std::pair<bool, bool>> probes; // (paused, check)
        auto probe = [&]() {
            bool c = false;
            const bool paused = d->ShouldDisable(c);
            probes.emplace_back(paused, c);
        };
        Simulator::Schedule(Seconds(1), [&]() { d->Disable(); });  // paused until 11 s
        Simulator::Schedule(Seconds(10.9), probe);                 // paused
        Simulator::Schedule(Seconds(11), probe);                   // over: a check
        Simulator::Schedule(Seconds(12), [&]() { d->Disable(); }); // n = 2: until 32 s
        Simulator::Schedule(Seconds(31.9), probe);                 // paused
        Simulator::Schedule(Seconds(32), probe);                   // over
        Simulator::Schedule(Seconds(33), [&]() { d->ReportHealthy(); });
        Simulator::Schedule(Seconds(34), [&]() { d->Disable(); }); // n = 1 again: until 44 s
        Simulator::Schedule(Seconds(43.9), probe);
        Simulator::Schedule(Seconds(44), probe);
        Simulator::Run();
        TFO_TEST_REQUIRE(probes.size() == 6, "six probes");
        NS_TEST_ASSERT_MSG_EQ(probes[0].first, true, "10.9 s: paused (10 s from 1 s)");
        NS_TEST_ASSERT_MSG_EQ(probes[1].first, false, "11 s: resumed");
        NS_TEST_ASSERT_MSG_EQ(probes[1].second, true, "11 s: the next connection is a check");
        NS_TEST_ASSERT_MSG_EQ(probes[2].first, true, "31.9 s: second pause is 20 s");
        NS_TEST_ASSERT_MSG_EQ(probes[3].first, false, "32 s: resumed");
        NS_TEST_ASSERT_MSG_EQ(probes[4].first, true, "43.9 s: after a healthy check, 10 s again");
        NS_TEST_ASSERT_MSG_EQ(probes[5].first, false, "44 s: resumed");
        NS_TEST_ASSERT_MSG_EQ(d->GetDisableCount(), 1, "one pause since the healthy check");
        Simulator::Destroy();
    }
};

/**
 * End to end: a path that swallows every SYN for a while makes a Fast Open
 * connection hit its third consecutive timeout: active TFO pauses (Blackhole),
 * the next connection goes without TFO, and after the pause a check connection
 * uses TFO again and, receiving data, resets the pause count.
 */
class TfoBlackholeEndToEndTestCase : public TestCase
{
  public:
    TfoBlackholeEndToEndTestCase()
        : TestCase("blackhole: third SYN timeout pauses TFO, resumes after Timeout")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        TcpFastOpenHelper::GetBlackholeDetector(bed.client)
            ->SetAttribute("Timeout", TimeValue(Seconds(10)));
        // Every SYN from the client is lost between 2 s and 9.5 s. Connection 2
        // (about 2.04 s) sends SYN data and retransmits at +1, +3 and +7 s
        // (SYN RTO 1 s): its third timeout, at about 9.04 s, pauses TFO until
        // about 19.04 s; its fifth SYN (about 17.04 s) gets through.
        bed.DropAt(true, [](const Segment& s) {
            return s.Is(TcpHeader::SYN) && Simulator::Now() >= Seconds(2) &&
                   Simulator::Now() < Seconds(9.5);
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(300, 1000, 4, Seconds(1), Seconds(1));
        bed.Run(Seconds(40));

        TFO_TEST_REQUIRE(client->GetCompletedCount() == 4, bed.Dump());
        const Segment syn2 = NthConnectionSyn(bed.GetSegments(), 1);
        const Segment syn3 = NthConnectionSyn(bed.GetSegments(), 2);
        const Segment syn4 = NthConnectionSyn(bed.GetSegments(), 3);
        NS_TEST_ASSERT_MSG_EQ(syn2.payload, 300, "connection 2 tried SYN data");
        NS_TEST_ASSERT_MSG_GT(syn3.time, Seconds(17), bed.Dump());
        NS_TEST_ASSERT_MSG_LT(syn3.time, Seconds(19), "connection 3 starts during the pause");
        NS_TEST_ASSERT_MSG_EQ(syn3.tfo.has_value(), false, "paused: no option");
        NS_TEST_ASSERT_MSG_EQ(syn3.payload, 0, "paused: no SYN data");
        NS_TEST_ASSERT_MSG_GT(syn4.time, Seconds(19.04), "connection 4 starts after the pause");
        NS_TEST_ASSERT_MSG_EQ(syn4.tfo.has_value(), true, "resumed: the cookie again");
        NS_TEST_ASSERT_MSG_EQ(syn4.payload, 300, "resumed: SYN data again");
        Ptr<TcpFastOpenCounters> cc = TcpFastOpenHelper::GetCounters(bed.client);
        NS_TEST_ASSERT_MSG_EQ(cc->Get("TCPFastOpenBlackhole"), 1, "one pause");
        NS_TEST_ASSERT_MSG_EQ(cc->Get("TCPFastOpenActiveFail"),
                              2,
                              "third timeout, then the SYN-ACK that acked no data");
        NS_TEST_ASSERT_MSG_EQ(cc->Get("TCPFastOpenActive"), 1, "connection 4");
        NS_TEST_ASSERT_MSG_EQ(
            TcpFastOpenHelper::GetBlackholeDetector(bed.client)->GetDisableCount(),
            0,
            "the healthy check connection reset the count");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 1200, "each request byte once");
        Simulator::Destroy();
    }
};

/**
 * End to end, the second blackhole trigger (tcp_fastopen_active_disable_ofo_check):
 * a middlebox passes the Fast Open handshake but drops the data after it, and
 * the server's FIN (sent on its own, 200 ms after the response) arrives out of
 * order with nothing before it. When the client closes such a connection,
 * active TFO pauses (TCPFastOpenBlackhole) and the next connection goes
 * without the option. The control run, with nothing dropped, never pauses.
 */
class TfoBlackholeOfoFinTestCase : public TestCase
{
  public:
    /// \param dropData whether the path drops the server's data
    explicit TfoBlackholeOfoFinTestCase(bool dropData)
        : TestCase(dropData ? "blackhole: a lone out-of-order FIN at close pauses TFO"
                            : "blackhole: a FIN in order at close does not"),
          m_dropData(dropData)
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        TcpFastOpenHelper::GetBlackholeDetector(bed.client)
            ->SetAttribute("Timeout", TimeValue(Seconds(60)));
        if (m_dropData)
        {
            // Connection 2 (SYN data at about 2.04 s): every data segment of
            // the server's response is lost; its SYN-ACK and FIN get through.
            bed.DropAt(false, [](const Segment& s) {
                return s.payload > 0 && !s.Is(TcpHeader::SYN) && Simulator::Now() >= Seconds(2) &&
                       Simulator::Now() < Seconds(3);
            });
        }
        Ptr<RequestResponseServer> server = bed.AddServer();
        server->SetAttribute("CloseAfter", TimeValue(MilliSeconds(200)));
        // Connection 1 fetches the cookie; connection 2 uses it. The client
        // gives up on connection 2 (its application stops) at 2.9 s.
        Ptr<RequestResponseClient> first = bed.AddClient(300, 1000, 2, Seconds(1), Seconds(1));
        first->SetStopTime(Seconds(2.9));
        // Connection 3, later: paused or not.
        Ptr<RequestResponseClient> later = bed.AddClient(300, 1000, 1, Seconds(4));
        bed.Run(Seconds(10));

        const std::vector<Segment>& all = bed.GetSegments();
        const Segment syn2 = NthConnectionSyn(all, 1);
        const Segment syn3 = NthConnectionSyn(all, 2);
        NS_TEST_ASSERT_MSG_EQ(syn2.payload, 300, "connection 2 sent SYN data");
        bool finBeforeClose = false;
        for (const Segment& s : all)
        {
            finBeforeClose |= !s.fromClient && s.Is(TcpHeader::FIN | TcpHeader::ACK) &&
                              s.time > Seconds(2) && s.time < Seconds(2.9);
        }
        NS_TEST_ASSERT_MSG_EQ(finBeforeClose,
                              true,
                              "the server's FIN went on its own: " + bed.Dump());
        Ptr<TcpFastOpenCounters> cc = TcpFastOpenHelper::GetCounters(bed.client);
        NS_TEST_ASSERT_MSG_EQ(cc->Get("TCPFastOpenBlackhole"), (m_dropData ? 1 : 0), bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(syn3.tfo.has_value(), !m_dropData, "option on connection 3");
        NS_TEST_ASSERT_MSG_EQ(syn3.payload, (m_dropData ? 0 : 300), "data on connection 3");
        NS_TEST_ASSERT_MSG_EQ(first->GetCompletedCount(), (m_dropData ? 1 : 2), "connection 2");
        NS_TEST_ASSERT_MSG_EQ(later->GetCompletedCount(), 1, "connection 3 completes");
        Simulator::Destroy();
    }

    bool m_dropData; //!< the path drops the server's data
};

/**
 * RFC 7413 section 4.1.3.1 negative caching (Linux 3.7-4.14): after two
 * SYN-data losses to a server, the next SYN carries neither cookie nor data;
 * current Linux (the default) keeps trying.
 */
class TfoNegativeCacheTestCase : public TestCase
{
  public:
    /// \param enabled the NegativeCaching attribute
    explicit TfoNegativeCacheTestCase(bool enabled)
        : TestCase(enabled ? "negative caching on: after two SYN-data losses, a plain SYN"
                           : "negative caching off (current Linux): SYN data again"),
          m_enabled(enabled)
    {
    }

  private:
    void DoRun() override
    {
        Config::SetDefault("ns3::TcpFastOpenSocket::NegativeCaching", BooleanValue(m_enabled));
        Testbed bed(Testbed::Config{});
        // A middlebox that drops every SYN carrying data.
        bed.DropAt(true, [](const Segment& s) { return s.Is(TcpHeader::SYN) && s.payload > 0; });
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(300, 1000, 4, Seconds(1), Seconds(1));
        bed.Run(Seconds(30)); // sockets take the attribute's default when created
        Config::SetDefault("ns3::TcpFastOpenSocket::NegativeCaching", BooleanValue(false));

        TFO_TEST_REQUIRE(client->GetCompletedCount() == 4, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(NthConnectionSyn(bed.GetSegments(), 0).tfo->isRequest,
                              true,
                              "connection 1 asks for a cookie");
        NS_TEST_ASSERT_MSG_EQ(NthConnectionSyn(bed.GetSegments(), 1).payload, 300, "2: lost");
        NS_TEST_ASSERT_MSG_EQ(NthConnectionSyn(bed.GetSegments(), 2).payload, 300, "3: lost");
        const Segment syn4 = NthConnectionSyn(bed.GetSegments(), 3);
        NS_TEST_ASSERT_MSG_EQ(syn4.payload, (m_enabled ? 0 : 300), "connection 4");
        NS_TEST_ASSERT_MSG_EQ(syn4.tfo.has_value(), !m_enabled, "option on connection 4");
        auto entry = TcpFastOpenHelper::GetCookieCache(bed.client)
                         ->Lookup(bed.GetClientIp(), bed.GetServerIp());
        TFO_TEST_REQUIRE(entry.has_value(), "cache entry");
        NS_TEST_ASSERT_MSG_EQ(entry->synLoss,
                              (m_enabled ? 2 : 3),
                              "SYN-data losses recorded (a plain SYN neither adds nor clears)");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 1200, "each request byte once");
        Simulator::Destroy();
    }

    bool m_enabled; //!< NegativeCaching
};

/**
 * \ingroup tcp-fast-open-tests
 * Client fallbacks: blackhole detection and negative caching.
 */
class TcpFastOpenClientFallbackTestSuite : public TestSuite
{
  public:
    TcpFastOpenClientFallbackTestSuite()
        : TestSuite("tcp-fast-open-client-fallback", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TfoBlackholePauseTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoBlackholeEndToEndTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoBlackholeOfoFinTestCase(true), TFO_TEST_QUICK);
        AddTestCase(new TfoBlackholeOfoFinTestCase(false), TFO_TEST_QUICK);
        AddTestCase(new TfoNegativeCacheTestCase(true), TFO_TEST_QUICK);
        AddTestCase(new TfoNegativeCacheTestCase(false), TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpFastOpenClientFallbackTestSuite g_tcpFastOpenClientFallbackTestSuite;
