/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * The latency study's building blocks: exact percentiles and CSV format
 * (TransactionStatistics), the topology helper (RTT measured by an echo
 * exchange), the analytic saving of TFO (one RTT per new connection, nothing
 * on a persistent connection), the reproducibility of the sweep from its seed
 * and the page-load client.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/test.h"
#include "ns3/traffic-control-module.h"

#include <sstream>

using namespace ns3;

namespace
{

/// Saves the global seed and run numbers and restores them when destroyed.
class SeedGuard
{
  public:
    SeedGuard()
        : m_seed(RngSeedManager::GetSeed()),
          m_run(RngSeedManager::GetRun())
    {
    }

    ~SeedGuard()
    {
        RngSeedManager::SetSeed(m_seed);
        RngSeedManager::SetRun(m_run);
    }

  private:
    uint32_t m_seed; //!< saved seed
    uint64_t m_run;  //!< saved run
};

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * Percentiles against values computed by hand, and the CSV format.
 */
class TfoPercentileTestCase : public TestCase
{
  public:
    TfoPercentileTestCase()
        : TestCase("percentiles (GSL, type 7) and fixed CSV format")
    {
    }

  private:
    void DoRun() override
    {
        // Sorted: 15 20 35 40 50. Quantile f sits at (n-1) f = 4 f:
        // p50 -> 2 -> 35; p90 -> 3.6 -> 40 + 0.6 (50 - 40) = 46;
        // p99 -> 3.96 -> 49.6; mean = 160 / 5 = 32.
        TransactionStatistics s;
        s.Add(std::vector<double>{40, 15, 50, 20, 35});
        TransactionStatistics::Summary sum = s.GetSummary();
        NS_TEST_ASSERT_MSG_EQ(sum.count, 5, "count");
        NS_TEST_ASSERT_MSG_EQ_TOL(sum.mean, 32.0, 1e-12, "mean");
        NS_TEST_ASSERT_MSG_EQ_TOL(sum.p50, 35.0, 1e-12, "median");
        NS_TEST_ASSERT_MSG_EQ_TOL(sum.p90, 46.0, 1e-12, "p90");
        NS_TEST_ASSERT_MSG_EQ_TOL(sum.p99, 49.6, 1e-12, "p99");
        NS_TEST_ASSERT_MSG_EQ_TOL(sum.min, 15.0, 1e-12, "min");
        NS_TEST_ASSERT_MSG_EQ_TOL(sum.max, 50.0, 1e-12, "max");
        NS_TEST_ASSERT_MSG_EQ_TOL(s.GetQuantile(0.25), 20.0, 1e-12, "p25 = 1st index");
        // Even count: 1 2 3 4 -> p50 at 1.5 -> 2.5; p90 at 2.7 -> 3.7.
        TransactionStatistics e;
        for (double v : {4.0, 3.0, 2.0, 1.0})
        {
            e.Add(v);
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(e.GetQuantile(0.5), 2.5, 1e-12, "even median");
        NS_TEST_ASSERT_MSG_EQ_TOL(e.GetQuantile(0.9), 3.7, 1e-12, "even p90");
        // Times are added in ms.
        TransactionStatistics t;
        t.Add(MicroSeconds(1500));
        TFO_TEST_REQUIRE(t.GetCount() == 1, "one sample");
        NS_TEST_ASSERT_MSG_EQ_TOL(t.GetSamples()[0], 1.5, 1e-12, "1500 us = 1.5 ms");
        NS_TEST_ASSERT_MSG_EQ(TransactionStatistics().GetSummary().count, 0, "empty");

        NS_TEST_ASSERT_MSG_EQ(TransactionStatistics::Format(2.0 / 3), "0.667", "3 decimals");
        NS_TEST_ASSERT_MSG_EQ(TransactionStatistics::Format(-0.0001), "0.000", "no -0.000");
        NS_TEST_ASSERT_MSG_EQ_TOL(TransactionStatistics::Improvement(200, 150), 25.0, 1e-12, "%");

        TransactionRecord r;
        r.index = 3;
        r.connection = 2;
        r.newConnection = true;
        r.start = MilliSeconds(100);
        r.connected = MicroSeconds(120500);
        r.firstByte = MicroSeconds(140250);
        r.completion = MicroSeconds(141001);
        r.requestSize = 500;
        r.responseSize = 1000;
        r.synDataBytes = 500;
        r.synDataAcked = true;
        r.completed = true;
        std::ostringstream os;
        TransactionRecord warmup = r;
        warmup.index = 0;
        warmup.completed = false;
        TransactionStatistics::WriteTransactionsCsv(os, {"50.000", "on"}, {warmup, r}, 1);
        NS_TEST_ASSERT_MSG_EQ(TransactionStatistics::GetTransactionsCsvHeader({"rtt_ms", "tfo"}),
                              "rtt_ms,tfo,index,warmup,connection,new_connection,request_bytes,"
                              "response_bytes,syn_data_bytes,syn_data_acked,completed,start_ms,"
                              "connected_ms,first_byte_ms,completion_ms,latency_ms",
                              "header: label columns first, then the warm-up flag");
        NS_TEST_ASSERT_MSG_EQ(os.str(),
                              "50.000,on,0,1,2,1,500,1000,500,1,0,100.000,120.500,140.250,"
                              "141.001,\n"
                              "50.000,on,3,0,2,1,500,1000,500,1,1,100.000,120.500,140.250,"
                              "141.001,41.001\n",
                              "CSV rows: the warm-up flagged, an incomplete one without latency");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The topology helper builds what it says: nodes, queue discs, loss models,
 * and an echo's RTT equals the propagation delays plus serialization.
 */
class TfoTopologyTestCase : public TestCase
{
  public:
    /// \param shape the shape to build
    TfoTopologyTestCase(TcpFastOpenTopologyHelper::Shape shape)
        : TestCase(shape == TcpFastOpenTopologyHelper::DUMBBELL ? "topology: dumbbell RTT"
                                                                : "topology: star RTT"),
          m_shape(shape)
    {
    }

  private:
    void DoRun() override
    {
        const bool dumbbell = m_shape == TcpFastOpenTopologyHelper::DUMBBELL;
        const DataRate accessRate("8Mbps");
        const DataRate bottleneckRate("2Mbps");
        const Time access = MilliSeconds(3);
        const Time bottleneck = MilliSeconds(7);
        TcpFastOpenTopologyHelper topo;
        topo.SetShape(m_shape);
        topo.SetHosts(2, 3);
        topo.SetAccessLink(accessRate, access);
        topo.SetBottleneckLink(bottleneckRate, bottleneck);
        topo.SetLossRate(0.5);
        topo.SetQueueDisc("fq_codel");
        topo.Build();
        // The loss models exist, then are switched off for the echo.
        const uint32_t bottleneckDevices = dumbbell ? 2 : 2 * 3;
        NS_TEST_ASSERT_MSG_EQ(topo.GetBottleneckDevices().GetN(), bottleneckDevices, "devices");
        TFO_TEST_REQUIRE(topo.GetErrorModels().size() == bottleneckDevices, "loss models");
        for (const auto& em : topo.GetErrorModels())
        {
            NS_TEST_ASSERT_MSG_EQ_TOL(em->GetRate(), 0.5, 1e-12, "loss rate");
            em->Disable();
        }
        NS_TEST_ASSERT_MSG_EQ(topo.GetClients().GetN(), 2, "clients");
        NS_TEST_ASSERT_MSG_EQ(topo.GetServers().GetN(), 3, "servers");
        NS_TEST_ASSERT_MSG_EQ(topo.GetRouters().GetN(), dumbbell ? 2 : 1, "routers");
        NS_TEST_ASSERT_MSG_NE(topo.GetServerAddress(0), topo.GetServerAddress(2), "addresses");
        Ptr<NetDevice> dev = topo.GetBottleneckDevices().Get(0);
        Ptr<TrafficControlLayer> tc = dev->GetNode()->GetObject<TrafficControlLayer>();
        TFO_TEST_REQUIRE(tc && tc->GetRootQueueDiscOnDevice(dev), "a queue disc");
        NS_TEST_ASSERT_MSG_EQ(tc->GetRootQueueDiscOnDevice(dev)->GetInstanceTypeId().GetName(),
                              "ns3::FqCoDelQueueDisc",
                              "fq_codel on the bottleneck");
        NS_TEST_ASSERT_MSG_EQ(bool(topo.GetClients().Get(0)->GetObject<TcpFastOpenSocketFactory>()),
                              true,
                              "TFO on the clients");
        NS_TEST_ASSERT_MSG_EQ(topo.GetBaseRtt(),
                              dumbbell ? 2 * (access + bottleneck + access)
                                       : 2 * (access + bottleneck),
                              "base RTT");

        // Echo 100 bytes from client 1 to server 2.
        const uint32_t payload = 100;
        UdpEchoServerHelper server(9);
        server.Install(topo.GetServers().Get(2)).Start(Seconds(0));
        UdpEchoClientHelper client(topo.GetServerAddress(2), 9);
        client.SetAttribute("MaxPackets", UintegerValue(1));
        client.SetAttribute("PacketSize", UintegerValue(payload));
        ApplicationContainer apps = client.Install(topo.GetClients().Get(1));
        apps.Start(Seconds(1));
        Time sent;
        Time received;
        apps.Get(0)->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>>(
                [&sent](Ptr<const Packet>) { sent = Simulator::Now(); }));
        apps.Get(0)->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>>(
                [&received](Ptr<const Packet>) { received = Simulator::Now(); }));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        Simulator::Destroy();

        const uint32_t wire = payload + 8 + 20 + 2; // UDP, IPv4, PPP
        const Time serAccess = accessRate.CalculateBytesTxTime(wire);
        const Time serBottleneck = bottleneckRate.CalculateBytesTxTime(wire);
        const Time expected =
            dumbbell ? 2 * (2 * access + bottleneck) + 2 * (2 * serAccess + serBottleneck)
                     : 2 * (access + bottleneck) + 2 * (serAccess + serBottleneck);
        TFO_TEST_REQUIRE(received.IsStrictlyPositive(), "the echo came back");
        NS_TEST_ASSERT_MSG_EQ(received - sent, expected, "echo RTT = delays + serialization");
    }

    TcpFastOpenTopologyHelper::Shape m_shape; //!< the shape
};

/**
 * \ingroup tcp-fast-open-tests
 * Without loss and with the request in the SYN, TFO saves one RTT on every
 * new connection (within serialization of the handshake's bytes), and nothing
 * on the later requests of a persistent connection.
 */
class TfoSavesOneRttTestCase : public TestCase
{
  public:
    TfoSavesOneRttTestCase()
        : TestCase("analytic: one RTT saved per new connection, none when persistent")
    {
    }

  private:
    void DoRun() override
    {
        SeedGuard guard;
        const Time rtt = MilliSeconds(50);
        const DataRate accessRate("100Mbps");
        const DataRate bottleneckRate("10Mbps");
        TcpFastOpenLatencySweep sweep;
        sweep.SetRates(accessRate, bottleneckRate);
        sweep.SetTransactions(4);
        const TcpFastOpenLatencySweep::Point point{rtt, 500, 3000, 0};

        // The handshake segments TFO does not send (bare SYN and SYN-ACK with
        // PPP, IPv4, TCP header and at most 40 option bytes) cross every link
        // once more without TFO; the SYN's extra options (cookie) cross once
        // more with it. Three store-and-forward links.
        auto ser = [&](uint32_t bytes) {
            return 2 * accessRate.CalculateBytesTxTime(bytes) +
                   bottleneckRate.CalculateBytesTxTime(bytes);
        };
        const Time upper = rtt + ser(2 * (2 + 20 + 60));
        const Time lower = rtt - ser(40);

        const auto off = sweep.RunOnce(point, false, 1);
        const auto on = sweep.RunOnce(point, true, 1);
        TFO_TEST_REQUIRE(off.size() == 5 && on.size() == 5, "warm-up + 4 transactions each");
        for (uint32_t i = 1; i < 5; ++i)
        {
            TFO_TEST_REQUIRE(off[i].completed && on[i].completed, "complete");
            NS_TEST_ASSERT_MSG_EQ(on[i].newConnection, true, "new connection");
            NS_TEST_ASSERT_MSG_EQ(on[i].synDataBytes, 500, "request in the SYN");
            NS_TEST_ASSERT_MSG_EQ(on[i].synDataAcked, true, "SYN data accepted");
            NS_TEST_ASSERT_MSG_EQ(off[i].synDataBytes, 0, "no SYN data with TFO off");
            const Time saved = off[i].GetLatency() - on[i].GetLatency();
            NS_TEST_ASSERT_MSG_GT_OR_EQ(saved, lower, "saved " << saved.As(Time::US));
            NS_TEST_ASSERT_MSG_LT_OR_EQ(saved, upper, "saved " << saved.As(Time::US));
        }
        // The warm-up fetched the cookie: no saving, no SYN data.
        NS_TEST_ASSERT_MSG_EQ(on[0].synDataBytes, 0, "cold cache: cookie request only");

        sweep.SetPersistent(true);
        const auto poff = sweep.RunOnce(point, false, 1);
        const auto pon = sweep.RunOnce(point, true, 1);
        TFO_TEST_REQUIRE(poff.size() == 5 && pon.size() == 5, "5 transactions each");
        for (uint32_t i = 1; i < 5; ++i)
        {
            TFO_TEST_REQUIRE(poff[i].completed && pon[i].completed, "complete");
            NS_TEST_ASSERT_MSG_EQ(pon[i].newConnection, false, "reused connection");
            NS_TEST_ASSERT_MSG_EQ(pon[i].GetLatency(),
                                  poff[i].GetLatency(),
                                  "no saving on a reused connection");
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The sweep's CSV is byte-identical for the same seed, and differs under loss
 * for another seed.
 */
class TfoSweepReproducibleTestCase : public TestCase
{
  public:
    TfoSweepReproducibleTestCase()
        : TestCase("reproducibility: same seed, same CSV bytes; other seed differs")
    {
    }

  private:
    /**
     * \param seed the seed
     * \return the CSV of a small lossy sweep
     */
    std::string Csv(uint32_t seed)
    {
        TcpFastOpenLatencySweep sweep;
        sweep.SetRtts({MilliSeconds(20), MilliSeconds(100)});
        sweep.SetResponseSizes({5000});
        sweep.SetLossRates({0.05});
        sweep.SetRuns(2);
        sweep.SetTransactions(10);
        sweep.SetSeed(seed);
        std::ostringstream os;
        TcpFastOpenLatencySweep::WriteCsv(os, sweep.Run(nullptr));
        return os.str();
    }

    void DoRun() override
    {
        SeedGuard guard;
        const std::string a = Csv(3);
        const std::string b = Csv(3);
        const std::string c = Csv(4);
        NS_TEST_ASSERT_MSG_EQ(std::count(a.begin(), a.end(), '\n'), 3, "header + 2 rows");
        NS_TEST_ASSERT_MSG_EQ(a, b, "same seed, same CSV");
        NS_TEST_ASSERT_MSG_NE(a, c, "another seed, another CSV under loss");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * A page load over two origins: every object arrives, the warm visit uses SYN
 * data on every connection and is faster than with TFO off.
 */
class TfoPageLoadTestCase : public TestCase
{
  public:
    TfoPageLoadTestCase()
        : TestCase("page load: cookies, SYN data and one RTT saved per connection round")
    {
    }

  private:
    /**
     * \param page the page
     * \param tfo TFO on
     * \return the client's page loads (2 visits)
     */
    std::vector<PageLoadRecord> Load(const PageDescription& page, bool tfo)
    {
        TcpFastOpenTopologyHelper topo;
        topo.SetHosts(1, 2);
        topo.SetBottleneckLink(DataRate("10Mbps"), MilliSeconds(48));
        topo.SetFastOpen(true, tfo ? 1 : 0, tfo ? 2 : 0);
        topo.Build();
        const TypeId factory = TypeId::LookupByName(TcpFastOpenHelper::GetSocketFactoryType());
        std::vector<Address> origins;
        for (uint32_t i = 0; i < 2; ++i)
        {
            Ptr<RequestResponseServer> s = CreateObject<RequestResponseServer>();
            s->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), 80)));
            s->SetAttribute("Protocol", TypeIdValue(factory));
            topo.GetServers().Get(i)->AddApplication(s);
            origins.push_back(InetSocketAddress(topo.GetServerAddress(i), 80));
        }
        Ptr<PageLoadClient> client = CreateObject<PageLoadClient>();
        client->SetPage(page);
        client->SetOrigins(origins);
        client->SetAttribute("Protocol", TypeIdValue(factory));
        client->SetAttribute("MaxConnectionsPerOrigin", UintegerValue(2));
        client->SetAttribute("Visits", UintegerValue(2));
        client->SetAttribute("FastOpenApi",
                             EnumValue(tfo ? RequestResponseClient::SENDTO_FASTOPEN
                                           : RequestResponseClient::PLAIN_CONNECT));
        topo.GetClients().Get(0)->AddApplication(client);
        client->SetStartTime(Seconds(0.1));
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        std::vector<PageLoadRecord> loads = client->GetPageLoads();
        m_objects = client->GetObjects().size();
        Simulator::Destroy();
        return loads;
    }

    void DoRun() override
    {
        PageDescription page;
        std::string error;
        TFO_TEST_REQUIRE(page.Parse("t:base=10000;objects=4x3000@1,3x2000@2", error), error);
        NS_TEST_ASSERT_MSG_EQ(page.ToString(), "t:base=10000;objects=4x3000@1,3x2000@2", "text");
        NS_TEST_ASSERT_MSG_EQ(page.Parse("base=1;objects=2x@1", error), false, "bad group");
        const auto off = Load(page, false);
        const auto on = Load(page, true);
        TFO_TEST_REQUIRE(off.size() == 2 && on.size() == 2, "two visits each");
        NS_TEST_ASSERT_MSG_EQ(m_objects, 2 * 8, "8 objects per visit");
        for (uint32_t v = 0; v < 2; ++v)
        {
            NS_TEST_ASSERT_MSG_EQ(off[v].completed && on[v].completed, true, "loaded");
            NS_TEST_ASSERT_MSG_EQ(on[v].objects, 8, "8 objects");
            NS_TEST_ASSERT_MSG_EQ(on[v].connections, 8, "a new connection per object");
        }
        // Cold: the base object's connection fetches origin 1's cookie, so its
        // 4 objects use SYN data; origin 2's first two parallel connections
        // fetch cookies, its third uses one: 4 + 1.
        NS_TEST_ASSERT_MSG_EQ(on[0].synDataAcked, 5, "cold: SYN data once a cookie is cached");
        NS_TEST_ASSERT_MSG_EQ(on[1].synDataAcked, 8, "warm: SYN data on every connection");
        // Three rounds of connections (base, then 2 per origin: ceil(4/2) = 2
        // more on origin 1): warm TFO saves about one RTT (100 ms) per round.
        const Time saved = off[1].GetLoadTime() - on[1].GetLoadTime();
        NS_TEST_ASSERT_MSG_GT(saved, MilliSeconds(290), "saved " << saved.As(Time::MS));
        NS_TEST_ASSERT_MSG_LT(saved, MilliSeconds(310), "saved " << saved.As(Time::MS));
        NS_TEST_ASSERT_MSG_LT(on[1].GetLoadTime(), on[0].GetLoadTime(), "warm beats cold");
        NS_TEST_ASSERT_MSG_LT(on[0].GetLoadTime(), off[0].GetLoadTime(), "cold TFO beats no TFO");
        NS_TEST_ASSERT_MSG_EQ(off[0].GetLoadTime(), off[1].GetLoadTime(), "no TFO: visits alike");
    }

    uint32_t m_objects{0}; //!< object fetches of the TFO run
};

/**
 * \ingroup tcp-fast-open-tests
 * The latency study's suite.
 */
class TcpFastOpenLatencyTestSuite : public TestSuite
{
  public:
    TcpFastOpenLatencyTestSuite()
        : TestSuite("tcp-fast-open-latency", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoPercentileTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoTopologyTestCase(TcpFastOpenTopologyHelper::DUMBBELL), TFO_TEST_QUICK);
        AddTestCase(new TfoTopologyTestCase(TcpFastOpenTopologyHelper::STAR), TFO_TEST_QUICK);
        AddTestCase(new TfoSavesOneRttTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoSweepReproducibleTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoPageLoadTestCase, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpFastOpenLatencyTestSuite g_tcpFastOpenLatencyTestSuite;
