/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * The peer's MSS bounds every segment, retransmissions included: ns-3's
 * TcpTxBuffer cuts SACK retransmissions with its own segment size, which
 * must follow the segment size the peer's MSS sets.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

/**
 * \ingroup tcp-fast-open-tests
 * The server's MTU gives an MSS of 1,012; with timestamps every segment the
 * client sends carries at most 1,000 B, also when a lost segment is
 * retransmitted after SACKs, and every byte arrives once.
 */
class TcpLinuxPeerMssTestCase : public TestCase
{
  public:
    /// \param fastOpen the client uses Fast Open (the MSS comes with the SYN-ACK either way)
    explicit TcpLinuxPeerMssTestCase(bool fastOpen)
        : TestCase(std::string("peer MSS 1012 with timestamps: segments <= 1000 B under a loss, ") +
                   (fastOpen ? "Fast Open" : "plain")),
          m_fastOpen(fastOpen)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        if (!m_fastOpen)
        {
            config.clientMode = 0;
        }
        Testbed bed(config);
        bed.serverDevice->SetMtu(1052); // MSS 1052 - 40 = 1012
        if (m_fastOpen)
        {
            UseFastOpenConnectWithCookie(bed, 1012);
        }
        // Lose the fourth and fifth data segments and the first retransmission
        // of the fourth: SACK recovery, then a retransmission timeout, after
        // which TcpTxBuffer rebuilds segments from its own segment size.
        uint32_t dataSegments = 0;
        std::optional<SequenceNumber32> lost;
        uint32_t lostDrops = 0;
        bed.DropAt(true, [&](const Segment& s) {
            if (s.payload == 0 || (s.header.GetFlags() & TcpHeader::SYN))
            {
                return false;
            }
            if (lost && s.header.GetSequenceNumber() == *lost)
            {
                return ++lostDrops <= 2;
            }
            ++dataSegments;
            if (dataSegments == 4)
            {
                lost = s.header.GetSequenceNumber();
                ++lostDrops;
                return true;
            }
            return dataSegments == 5;
        });
        const uint16_t port = 9;
        const uint32_t bytes = 30000;
        PacketSinkHelper sinkHelper(TcpFastOpenHelper::GetSocketFactoryType(),
                                    InetSocketAddress(Ipv4Address::GetAny(), port));
        ApplicationContainer sinkApp = sinkHelper.Install(bed.server);
        Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApp.Get(0));
        BulkSendHelper bulk(TcpFastOpenHelper::GetSocketFactoryType(),
                            InetSocketAddress(Ipv4Address::ConvertFrom(bed.GetServerIp()), port));
        bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
        ApplicationContainer bulkApp = bulk.Install(bed.client);
        bulkApp.Start(Seconds(1));
        bed.Run(Seconds(10));

        NS_TEST_ASSERT_MSG_EQ(sink->GetTotalRx(), bytes, "every byte once\n" + bed.Dump());
        uint32_t largest = 0;
        uint32_t retransmitted = 0;
        std::set<uint32_t> seen;
        for (const Segment& s : bed.GetSegments())
        {
            if (!s.fromClient || s.payload == 0)
            {
                continue;
            }
            largest = std::max(largest, s.payload);
            if (!seen.insert(s.header.GetSequenceNumber().GetValue()).second)
            {
                ++retransmitted;
            }
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(retransmitted, 1, "the lost segment was resent");
        NS_TEST_ASSERT_MSG_EQ(largest, 1000, "no segment above MSS - 12\n" + bed.Dump());
        Simulator::Destroy();
    }

    bool m_fastOpen; //!< Fast Open client
};

/**
 * \ingroup tcp-fast-open-tests
 * A peer MSS below Linux's floor (net.ipv4.tcp_min_snd_mss = 48, applied in
 * __tcp_mtu_to_mss before the timestamp option is taken off): the server's
 * MTU of 68 gives an MSS of 28, the client still sends 48 - 12 = 36 B
 * segments.
 */
class TcpLinuxMinSndMssTestCase : public TestCase
{
  public:
    TcpLinuxMinSndMssTestCase()
        : TestCase("peer MSS 28: segments of tcp_min_snd_mss (48) minus timestamps")
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.clientMode = 0;
        Testbed bed(config);
        bed.serverDevice->SetMtu(68); // MSS 68 - 40 = 28
        const uint16_t port = 9;
        const uint32_t bytes = 360;
        PacketSinkHelper sinkHelper(TcpFastOpenHelper::GetSocketFactoryType(),
                                    InetSocketAddress(Ipv4Address::GetAny(), port));
        ApplicationContainer sinkApp = sinkHelper.Install(bed.server);
        Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApp.Get(0));
        BulkSendHelper bulk(TcpFastOpenHelper::GetSocketFactoryType(),
                            InetSocketAddress(Ipv4Address::ConvertFrom(bed.GetServerIp()), port));
        bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
        bulk.Install(bed.client).Start(Seconds(1));
        bed.Run(Seconds(10));

        NS_TEST_ASSERT_MSG_EQ(sink->GetTotalRx(), bytes, "every byte once\n" + bed.Dump());
        uint32_t segments = 0;
        for (const Segment& s : bed.GetSegments())
        {
            if (s.fromClient && s.payload > 0)
            {
                NS_TEST_ASSERT_MSG_EQ(s.payload, 36, "48 - 12 B per segment\n" + bed.Dump());
                ++segments;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(segments, bytes / 36, "10 segments");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Segment size after the peer's MSS.
 */
class TcpLinuxMssTestSuite : public TestSuite
{
  public:
    TcpLinuxMssTestSuite()
        : TestSuite("tcp-linux-socket-mss", TFO_TEST_UNIT)
    {
        AddTestCase(new TcpLinuxPeerMssTestCase(false), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxPeerMssTestCase(true), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxMinSndMssTestCase, TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TcpLinuxMssTestSuite g_tcpLinuxMssTestSuite;
