/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * Linux-like TCP without Fast Open: TcpLinuxSocketFactory's sockets run a
 * stock BulkSend -> PacketSink transfer on their own, beside the Fast Open
 * factory on the same nodes.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/tcp-linux-socket-base.h"
#include "ns3/tcp-linux-socket-factory.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

/**
 * \ingroup tcp-fast-open-tests
 * A transfer over TcpLinuxSocketFactory: every byte delivered, the sockets are
 * TcpLinuxSocketBase (not the Fast Open socket), the SYN and SYN-ACK carry
 * Linux's MSS option and random ISNs and no Fast Open option, and the
 * connection ends without a reset.
 */
class TcpLinuxSocketTransferTest : public TestCase
{
  public:
    TcpLinuxSocketTransferTest()
        : TestCase("TcpLinuxSocketFactory: Linux-like TCP on its own")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        for (const Ptr<Node>& node : {bed.client, bed.server})
        {
            Ptr<TcpLinuxSocketFactory> factory = CreateObject<TcpLinuxSocketFactory>();
            factory->SetSocketAttribute("RandomIsn", BooleanValue(true));
            node->AggregateObject(factory);
        }
        const uint16_t port = 9;
        const uint32_t bytes = 5000;
        PacketSinkHelper sinkHelper("ns3::TcpLinuxSocketFactory",
                                    InetSocketAddress(Ipv4Address::GetAny(), port));
        ApplicationContainer sinkApps = sinkHelper.Install(bed.server);
        Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApps.Get(0));
        BulkSendHelper sendHelper(
            "ns3::TcpLinuxSocketFactory",
            InetSocketAddress(Ipv4Address::ConvertFrom(bed.GetServerIp()), port));
        sendHelper.SetAttribute("MaxBytes", UintegerValue(bytes));
        ApplicationContainer sendApps = sendHelper.Install(bed.client);
        sendApps.Start(Seconds(1));
        Ptr<Socket> listener;
        Simulator::Schedule(Seconds(0.5),
                            [&listener, sink]() { listener = sink->GetListeningSocket(); });
        bed.Run(Seconds(10));
        const uint64_t received = sink->GetTotalRx();
        Simulator::Destroy();

        NS_TEST_ASSERT_MSG_EQ(received, bytes, "every byte delivered once");
        TFO_TEST_REQUIRE(listener, "the sink listens");
        NS_TEST_ASSERT_MSG_EQ(listener->GetInstanceTypeId(),
                              TcpLinuxSocketBase::GetTypeId(),
                              "the listener is a TcpLinuxSocketBase\n"
                                  << bed.Dump());

        const std::vector<Segment> syns = bed.Select(true, TcpHeader::SYN);
        const std::vector<Segment> synAcks = bed.Select(false, TcpHeader::SYN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(syns.size() == 1 && synAcks.size() == 1,
                         "one SYN, one SYN-ACK\n"
                             << bed.Dump());
        for (const Segment& s : {syns[0], synAcks[0]})
        {
            NS_TEST_ASSERT_MSG_EQ(s.header.HasOption(TcpOption::MSS),
                                  true,
                                  "Linux's MSS option: " << s.ToString());
            NS_TEST_ASSERT_MSG_EQ(s.tfo.has_value(), false, "no Fast Open option");
            NS_TEST_ASSERT_MSG_NE(s.header.GetSequenceNumber().GetValue(),
                                  0,
                                  "random ISN (ns-3's is 0)");
            NS_TEST_ASSERT_MSG_EQ(s.payload, 0, "no SYN data");
        }
        for (const Segment& s : bed.GetSegments())
        {
            NS_TEST_ASSERT_MSG_EQ(bool(s.header.GetFlags() & TcpHeader::RST),
                                  false,
                                  "no reset: " << s.ToString());
        }
        NS_TEST_ASSERT_MSG_EQ(bed.Select(true, TcpHeader::FIN | TcpHeader::ACK).empty(),
                              false,
                              "the client closes with a FIN");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Linux-like TCP without Fast Open.
 */
class TcpLinuxSocketTestSuite : public TestSuite
{
  public:
    TcpLinuxSocketTestSuite()
        : TestSuite("tcp-linux-socket", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TcpLinuxSocketTransferTest, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpLinuxSocketTestSuite g_tcpLinuxSocketTestSuite;
