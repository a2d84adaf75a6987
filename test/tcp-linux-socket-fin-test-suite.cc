/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * An unacknowledged FIN is retransmitted as Linux retransmits any segment
 * (tcp_retransmit_timer): the timeout doubles after each retransmission and
 * the connection is given up after DataRetries of them. ns-3's
 * TcpSocketBase resends a lone FIN every RTO, without backing off or
 * giving up.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

/**
 * \ingroup tcp-fast-open-tests
 * A client writes 500 B, which are acknowledged, and closes at 2 s, or the
 * server closes after the client's FIN (PacketSink); the peer
 * never receives that lone FIN nor its retransmissions: 1 + DataRetries FINs,
 * each interval twice the one before, then nothing and no RST.
 */
class TcpLinuxFinBackoffTestCase : public TestCase
{
  public:
    /**
     * \param serverFin the server's FIN (LAST_ACK) is lost, else the client's (FIN_WAIT_1)
     * \param fastOpen use Fast Open (the data rides on the SYN) or not
     */
    TcpLinuxFinBackoffTestCase(bool serverFin, bool fastOpen)
        : TestCase(std::string("lost ") + (serverFin ? "server" : "client") +
                   " FIN retransmitted with exponential back-off, " +
                   (fastOpen ? "after SYN data" : "plain connection")),
          m_serverFin(serverFin),
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
        const uint32_t retries = 4;
        const Ptr<Node> closer = m_serverFin ? bed.server : bed.client;
        closer->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute("DataRetries",
                                                                          UintegerValue(retries));
        if (m_fastOpen)
        {
            UseFastOpenConnectWithCookie(bed);
        }
        // The closer's lone FINs never arrive.
        bed.DropAt(!m_serverFin, [](const Segment& s) {
            return (s.header.GetFlags() & TcpHeader::FIN) && s.payload == 0;
        });
        const uint16_t port = 9;
        PacketSinkHelper sinkHelper(TcpFastOpenHelper::GetSocketFactoryType(),
                                    InetSocketAddress(Ipv4Address::GetAny(), port));
        ApplicationContainer sinkApp = sinkHelper.Install(bed.server);
        Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApp.Get(0));
        const InetSocketAddress remote(Ipv4Address::ConvertFrom(bed.GetServerIp()), port);
        ApplicationContainer clientApp;
        if (m_serverFin)
        {
            // BulkSend closes at once: its FIN rides on the data, and the
            // PacketSink closes when it arrives.
            BulkSendHelper bulk(TcpFastOpenHelper::GetSocketFactoryType(), remote);
            bulk.SetAttribute("MaxBytes", UintegerValue(500));
            clientApp = bulk.Install(bed.client);
        }
        else
        {
            // A socket that writes 500 B at once and closes at 2 s, long after
            // they were acknowledged.
            Ptr<Socket> socket =
                Socket::CreateSocket(bed.client, TcpFastOpenSocketFactory::GetTypeId());
            Simulator::Schedule(Seconds(1), [socket, remote]() {
                socket->Connect(remote);
                socket->Send(Create<Packet>(500));
            });
            Simulator::Schedule(Seconds(2), [socket]() { socket->Close(); });
        }
        clientApp.Start(Seconds(1));
        bed.Run(Seconds(300));

        NS_TEST_ASSERT_MSG_EQ(sink->GetTotalRx(), 500, "the data arrived");
        std::vector<Time> fins;
        for (const Segment& s : bed.GetSegments())
        {
            if (s.fromClient != m_serverFin && (s.header.GetFlags() & TcpHeader::FIN))
            {
                NS_TEST_ASSERT_MSG_EQ(s.payload, 0, "a lone FIN\n" + bed.Dump());
                fins.push_back(s.time);
            }
        }
        TFO_TEST_REQUIRE(fins.size() == 1 + retries,
                         std::to_string(fins.size()) + " FINs, expected " +
                             std::to_string(1 + retries) + "\n" + bed.Dump());
        // Captured at the sender's device: a segment queued behind another
        // leaves a few microseconds late (0.1 ms tolerance).
        const int64_t first = (fins[1] - fins[0]).GetMicroSeconds();
        NS_TEST_ASSERT_MSG_GT_OR_EQ(first, 199900, "at least rto_min\n" + bed.Dump());
        for (size_t i = 2; i < fins.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ_TOL((fins[i] - fins[i - 1]).GetMicroSeconds(),
                                      2 * (fins[i - 1] - fins[i - 2]).GetMicroSeconds(),
                                      100,
                                      "interval " << i << " doubles\n"
                                                  << bed.Dump());
        }
        NS_TEST_ASSERT_MSG_EQ(bed.Select(!m_serverFin, TcpHeader::RST).size() +
                                  bed.Select(!m_serverFin, TcpHeader::RST | TcpHeader::ACK).size(),
                              0,
                              "given up without a reset (tcp_write_err)");
        Simulator::Destroy();
    }

    bool m_serverFin; //!< the server's FIN is lost (else the client's)
    bool m_fastOpen;  //!< Fast Open connection
};

/**
 * \ingroup tcp-fast-open-tests
 * FIN retransmission.
 */
class TcpLinuxFinTestSuite : public TestSuite
{
  public:
    TcpLinuxFinTestSuite()
        : TestSuite("tcp-linux-socket-fin", TFO_TEST_UNIT)
    {
        AddTestCase(new TcpLinuxFinBackoffTestCase(false, false), TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxFinBackoffTestCase(false, true), TFO_TEST_QUICK);
        // The server's FIN only after a plain connection: after SYN data the
        // server's FIN also carries the only ACK of the client's FIN, so the
        // client retransmits its FIN too, and TcpSocketBase in LAST_ACK takes
        // a FIN|ACK as the end of the connection (Linux answers it with an ACK).
        AddTestCase(new TcpLinuxFinBackoffTestCase(true, false), TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TcpLinuxFinTestSuite g_tcpLinuxFinTestSuite;
