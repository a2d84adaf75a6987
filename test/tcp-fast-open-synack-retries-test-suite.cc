/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * SYN-ACK retries (net.ipv4.tcp_synack_retries): a child whose SYN-ACKs are
 * never answered sends SynAckRetries + 1 of them with exponential back-off
 * from ConnTimeout, then dies; a Fast Open child gets one more
 * (tcp_fastopen_synack_timer: max_retries = icsk_syn_retries ? :
 * sysctl_tcp_synack_retries + 1).
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/tcp-syn-flood-study.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// What the server did with an unanswered handshake.
struct SynAckOutcome
{
    std::vector<Time> synAcks; //!< when each SYN-ACK left (since the first)
    Time childDied; //!< when the listener's child count fell to 0 (since the first SYN-ACK)
    uint32_t maxChildren{0}; //!< most children alive at once
    std::string dump;        //!< the segments, for failure messages
};

/**
 * \brief A client opens a connection; every SYN-ACK is lost, and so is every
 * SYN after the first (which would make the server resend at once).
 * \param fastOpen true: the client sends SYN data with a valid cookie
 * \param synAckRetries the server's SynAckRetries
 * \return what the server did
 */
SynAckOutcome
RunUnansweredSynAck(bool fastOpen, uint32_t synAckRetries)
{
    Testbed::Config config;
    if (!fastOpen)
    {
        config.clientMode = 0;
    }
    Testbed bed(config);
    bed.server->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute(
        "SynAckRetries",
        UintegerValue(synAckRetries));
    if (fastOpen)
    {
        UseFastOpenConnectWithCookie(bed);
    }
    bed.DropAt(false, [](const Segment& s) { return s.Is(TcpHeader::SYN | TcpHeader::ACK); });
    bool firstSyn = true;
    bed.DropAt(true, [&firstSyn](const Segment& s) {
        if (!s.Is(TcpHeader::SYN))
        {
            return false;
        }
        const bool drop = !firstSyn;
        firstSyn = false;
        return drop;
    });
    const uint16_t port = 9;
    PacketSinkHelper sinkHelper(TcpFastOpenHelper::GetSocketFactoryType(),
                                InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinkApp = sinkHelper.Install(bed.server);
    BulkSendHelper bulk(TcpFastOpenHelper::GetSocketFactoryType(),
                        InetSocketAddress(Ipv4Address::ConvertFrom(bed.GetServerIp()), port));
    bulk.SetAttribute("MaxBytes", UintegerValue(500));
    ApplicationContainer bulkApp = bulk.Install(bed.client);
    bulkApp.Start(Seconds(1));

    SynAckOutcome outcome;
    Time died;
    uint32_t maxChildren = 0;
    // The listener exists once the sink has started.
    Simulator::Schedule(Seconds(0.5), [&]() {
        Ptr<Socket> listener = DynamicCast<PacketSink>(sinkApp.Get(0))->GetListeningSocket();
        listener->TraceConnectWithoutContext(
            "ChildSockets",
            MakeCallback(+[](Time* diedAt, uint32_t* most, uint32_t, uint32_t now) {
                *most = std::max(*most, now);
                if (now == 0)
                {
                    *diedAt = Simulator::Now();
                }
            }).Bind(&died, &maxChildren));
    });
    bed.Run(Seconds(200));

    const std::vector<Segment> synAcks = bed.Select(false, TcpHeader::SYN | TcpHeader::ACK);
    for (const Segment& s : synAcks)
    {
        outcome.synAcks.push_back(s.time - synAcks.front().time);
    }
    outcome.childDied = synAcks.empty() ? Time() : died - synAcks.front().time;
    outcome.maxChildren = maxChildren;
    outcome.dump = bed.Dump();
    Simulator::Destroy();
    return outcome;
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * SynAckRetries + 1 SYN-ACKs (one more for a Fast Open child) at 0, 1, 3, 7,
 * ... s (ConnTimeout 1 s, doubled each time); the child dies when the timer
 * after the last one expires.
 */
class TfoSynAckRetriesTestCase : public TestCase
{
  public:
    /**
     * \param fastOpen true for a Fast Open child
     * \param retries the server's SynAckRetries
     */
    TfoSynAckRetriesTestCase(bool fastOpen, uint32_t retries)
        : TestCase(std::string(fastOpen ? "Fast Open child" : "plain child") +
                   ", SynAckRetries=" + std::to_string(retries) + ": " +
                   std::to_string(retries + 1 + (fastOpen ? 1 : 0)) + " SYN-ACKs, then dies"),
          m_fastOpen(fastOpen),
          m_retries(retries)
    {
    }

  private:
    void DoRun() override
    {
        const SynAckOutcome o = RunUnansweredSynAck(m_fastOpen, m_retries);
        const uint32_t expected = m_retries + 1 + (m_fastOpen ? 1 : 0);
        TFO_TEST_REQUIRE(o.synAcks.size() == expected,
                         std::to_string(o.synAcks.size()) + " SYN-ACKs, expected " +
                             std::to_string(expected) + "\n" + o.dump);
        for (uint32_t i = 0; i < expected; ++i)
        {
            // ConnTimeout (1 s, the Linux profile) doubled per retry: 2^i - 1 s.
            NS_TEST_ASSERT_MSG_EQ(o.synAcks[i],
                                  Seconds((1U << i) - 1),
                                  "SYN-ACK " << i << " backs off exponentially\n"
                                             << o.dump);
        }
        NS_TEST_ASSERT_MSG_EQ(o.maxChildren, 1, "one child");
        NS_TEST_ASSERT_MSG_EQ(o.childDied,
                              Seconds((1U << expected) - 1),
                              "the child dies when the last SYN-ACK's timer expires");
    }

    bool m_fastOpen;    //!< a Fast Open child
    uint32_t m_retries; //!< SynAckRetries
};

/**
 * \ingroup tcp-fast-open-tests
 * reqsk_timer_handler's pruning in a flood: spoofed SYNs (1000 SYN/s, from
 * 1 s) against a listener with backlog 16 and SynAckRetries 5, no legitimate
 * client. 17 requests fill the SYN queue (more than half of max(8, 16)): at
 * their second timeout (3 s) every one is old, the retries drop to 2 and they
 * expire at their third timeout, 7 s after the SYN (SYN-ACKs at 0, 1 and 3
 * s), until the queue is down to half (8): those keep 5 retries and expire
 * after 63 s. 8 requests fill it only half: all of them live 63 s.
 */
class TfoSynQueuePruningTestCase : public TestCase
{
  public:
    /// \param requests spoofed SYNs, all admitted to the SYN queue
    explicit TfoSynQueuePruningTestCase(uint32_t requests)
        : TestCase(std::to_string(requests) + " spoofed requests in a SYN queue of 17: they expire " +
                   (requests * 2 > 16 ? "down to 8 after 7 s (pruned), the rest after 63 s"
                                      : "after 63 s (not pruned)")),
          m_requests(requests)
    {
    }

  private:
    void DoRun() override
    {
        TcpSynFloodStudy::Config config;
        config.backlog = 16;
        config.attackRate = 1000;
        config.maxSyns = m_requests;
        config.attackStart = Seconds(1);
        config.attackStop = Seconds(2);
        config.legitStart = Seconds(100); // after legitStop: no legitimate client
        config.legitStop = Seconds(99);
        config.stop = Seconds(70);
        const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
        NS_TEST_ASSERT_MSG_EQ(r.maxSynQueue, m_requests, "every spoofed SYN was admitted");
        NS_TEST_ASSERT_MSG_EQ(r.counters.at("SyncookiesSent"), 0, "no SYN cookie");
        // Pruning stops once the queue is no more than half full: max(8, 16) / 2.
        const uint32_t kept = std::min<uint32_t>(m_requests, 8);
        double lastOccupied = 0;
        uint32_t offBefore = 0;
        uint32_t offAfter = 0;
        for (const TcpSynFloodStudy::Sample& s : r.samples)
        {
            if (s.synQueue > 0)
            {
                lastOccupied = s.time;
            }
            // The SYNs arrive from 1.0 s to about 1.05 s: the third timeout
            // (7 s) is at about 8 s, the sixth (63 s) at about 64 s.
            if (s.time > 1.5 && s.time < 7.9)
            {
                offBefore += s.synQueue != m_requests ? 1 : 0;
            }
            if (s.time > 8.5 && s.time < 63.9)
            {
                offAfter += s.synQueue != kept ? 1 : 0;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(offBefore, 0, "all requests wait from 1.5 s to 7.9 s");
        NS_TEST_ASSERT_MSG_EQ(offAfter,
                              0,
                              kept << " requests wait from 8.5 s to 63.9 s (pruned after 7 s: "
                                   << m_requests - kept << ")");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(lastOccupied, 63.9, "the rest live 63 s");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(lastOccupied, 64.2, "the rest live 63 s");
    }

    uint32_t m_requests; //!< spoofed SYNs
};

/**
 * \ingroup tcp-fast-open-tests
 * SYN-ACK retry limits.
 */
class TfoSynAckRetriesTestSuite : public TestSuite
{
  public:
    TfoSynAckRetriesTestSuite()
        : TestSuite("tcp-fast-open-synack-retries", TFO_TEST_UNIT)
    {
        for (bool fastOpen : {false, true})
        {
            for (uint32_t retries : {0U, 2U})
            {
                AddTestCase(new TfoSynAckRetriesTestCase(fastOpen, retries), TFO_TEST_QUICK);
            }
        }
        AddTestCase(new TfoSynQueuePruningTestCase(17), TFO_TEST_QUICK);
        AddTestCase(new TfoSynQueuePruningTestCase(8), TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TfoSynAckRetriesTestSuite g_tfoSynAckRetriesTestSuite;
