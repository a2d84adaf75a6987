/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 * The application helpers (RequestResponseHelper, PageLoadHelper,
 * SynFloodAttackerHelper), the topology helper on an existing IPv6 dumbbell
 * (PointToPointDumbbellHelper), and TcpFastOpenHelper's warning when a
 * configuration silently leaves TFO off: each through a simulation.
 */

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/point-to-point-layout-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-fast-open-module.h"
#include "ns3/test.h"
#include "ns3/traffic-control-module.h"

using namespace ns3;

namespace
{

/// The servers' port.
const uint16_t kPort = 80;

/**
 * \param clients request/response clients
 * \return SYN-data-acknowledged transactions over all of them
 */
uint32_t
SynDataAcked(const ApplicationContainer& clients)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < clients.GetN(); ++i)
    {
        for (const auto& r : DynamicCast<RequestResponseClient>(clients.Get(i))->GetTransactions())
        {
            n += r.synDataAcked ? 1 : 0;
        }
    }
    return n;
}

/**
 * \brief Install request/response servers and clients (3 transactions each,
 * sendto(MSG_FASTOPEN)) through RequestResponseHelper and run 20 s.
 * \param server the address the clients connect to
 * \param servers the server nodes
 * \param clients the client nodes
 * \return the client applications
 */
ApplicationContainer
RunThreeTransactions(const Address& server, NodeContainer servers, NodeContainer clients)
{
    RequestResponseHelper rr(server);
    rr.SetClientAttribute("Transactions", UintegerValue(3));
    rr.SetClientAttribute("FastOpenApi", EnumValue(RequestResponseClient::SENDTO_FASTOPEN));
    rr.InstallServer(servers).Start(Seconds(0));
    ApplicationContainer apps = rr.InstallClient(clients);
    apps.Start(Seconds(0.1));
    Simulator::Stop(Seconds(20));
    Simulator::Run();
    return apps;
}

/**
 * \param apps request/response clients
 * \return transactions completed over all of them
 */
uint32_t
Completed(const ApplicationContainer& apps)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < apps.GetN(); ++i)
    {
        n += DynamicCast<RequestResponseClient>(apps.Get(i))->GetCompletedCount();
    }
    return n;
}

/**
 * \param device a point-to-point device
 * \return the device at the other end of its link
 */
Ptr<NetDevice>
Peer(Ptr<NetDevice> device)
{
    Ptr<Channel> channel = device->GetChannel();
    return channel->GetDevice(channel->GetDevice(0) == device ? 1 : 0);
}

/**
 * \brief Route everything a device's node does not know over the device, to
 * the global IPv6 address at the other end of its link (PointToPointDumbbellHelper
 * assigns IPv6 addresses but no routes).
 * \param device the device
 */
void
DefaultRouteOver(Ptr<NetDevice> device)
{
    Ptr<NetDevice> peer = Peer(device);
    Ptr<Ipv6> peerIp = peer->GetNode()->GetObject<Ipv6>();
    const int32_t peerIf = peerIp->GetInterfaceForDevice(peer);
    Ipv6Address next;
    for (uint32_t j = 0; j < peerIp->GetNAddresses(peerIf); ++j)
    {
        if (peerIp->GetAddress(peerIf, j).GetScope() == Ipv6InterfaceAddress::GLOBAL)
        {
            next = peerIp->GetAddress(peerIf, j).GetAddress();
        }
    }
    Ptr<Ipv6> ip = device->GetNode()->GetObject<Ipv6>();
    Ipv6StaticRoutingHelper().GetStaticRouting(ip)->SetDefaultRoute(
        next,
        ip->GetInterfaceForDevice(device));
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * TcpFastOpenTopologyHelper::Install on PointToPointDumbbellHelper's IPv6
 * dumbbell, RequestResponseHelper with Inet6SocketAddress: every client
 * completes, every transaction after the first sends its request in the SYN
 * and the server accepts it, and the bottleneck has the queue disc asked for.
 */
class TfoIpv6DumbbellHelperTestCase : public TestCase
{
  public:
    TfoIpv6DumbbellHelperTestCase()
        : TestCase("Topology helper on an IPv6 PointToPointDumbbellHelper, RequestResponseHelper")
    {
    }

  private:
    void DoRun() override
    {
        PointToPointHelper leaf;
        leaf.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        leaf.SetChannelAttribute("Delay", StringValue("1ms"));
        PointToPointHelper router;
        router.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        router.SetChannelAttribute("Delay", StringValue("10ms"));
        PointToPointDumbbellHelper dumbbell(2, leaf, 1, leaf, router);
        InternetStackHelper stack;
        dumbbell.InstallStack(stack);
        dumbbell.AssignIpv6Addresses(Ipv6Address("fd00:1::"), Ipv6Prefix(64));
        // Routes: leaves to their router, each router to the other.
        for (Ptr<Node> router : {dumbbell.GetLeft(), dumbbell.GetRight()})
        {
            router->GetObject<Ipv6>()->SetAttribute("IpForward", BooleanValue(true));
        }
        for (uint32_t i = 0; i < 2; ++i)
        {
            DefaultRouteOver(dumbbell.GetLeft(i)->GetDevice(0));
        }
        DefaultRouteOver(dumbbell.GetRight(0)->GetDevice(0));
        DefaultRouteOver(dumbbell.GetLeft()->GetDevice(0));
        DefaultRouteOver(dumbbell.GetRight()->GetDevice(0));

        NodeContainer clients(dumbbell.GetLeft(0), dumbbell.GetLeft(1));
        NodeContainer servers(dumbbell.GetRight(0));
        NetDeviceContainer bottleneck(dumbbell.GetLeft()->GetDevice(0),
                                      dumbbell.GetRight()->GetDevice(0));
        TcpFastOpenTopologyHelper topology;
        topology.SetQueueDisc("fq_codel");
        topology.Install(clients, servers, bottleneck);

        ApplicationContainer clientApps =
            RunThreeTransactions(Inet6SocketAddress(dumbbell.GetRightIpv6Address(0), kPort),
                                 servers,
                                 clients);
        NS_TEST_ASSERT_MSG_EQ(clientApps.GetN(), 2, "one client application per node");
        NS_TEST_ASSERT_MSG_EQ(Completed(clientApps), 6, "every transaction completes over IPv6");
        NS_TEST_ASSERT_MSG_EQ(SynDataAcked(clientApps), 4, "TFO on the 2nd and 3rd of each");
        Ptr<TcpFastOpenCounters> counters = servers.Get(0)->GetObject<TcpFastOpenCounters>();
        NS_TEST_ASSERT_MSG_EQ(counters->Get(TcpFastOpenCounters::TFO_PASSIVE),
                              4,
                              "the server accepted the SYN data");
        Ptr<QueueDisc> qdisc =
            dumbbell.GetLeft()->GetObject<TrafficControlLayer>()->GetRootQueueDiscOnDevice(
                bottleneck.Get(0));
        NS_TEST_ASSERT_MSG_EQ(
            (qdisc && qdisc->GetInstanceTypeId() == FqCoDelQueueDisc::GetTypeId()),
            true,
            "the bottleneck's queue disc replaced");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * TcpFastOpenTopologyHelper::Build with SetIpv6, dumbbell and star: every
 * transaction completes over IPv6 and all but the first carry their request
 * in the SYN.
 */
class TfoIpv6BuildTestCase : public TestCase
{
  public:
    TfoIpv6BuildTestCase()
        : TestCase("Topology helper builds IPv6 dumbbells and stars")
    {
    }

  private:
    void DoRun() override
    {
        for (auto shape : {TcpFastOpenTopologyHelper::DUMBBELL, TcpFastOpenTopologyHelper::STAR})
        {
            TcpFastOpenTopologyHelper topology;
            topology.SetShape(shape);
            topology.SetHosts(2, 2);
            topology.SetIpv6(true);
            topology.Build();
            const Address server = topology.GetServerSocketAddress(1, kPort);
            NS_TEST_ASSERT_MSG_EQ(Inet6SocketAddress::IsMatchingType(server), true, "IPv6");
            ApplicationContainer clients =
                RunThreeTransactions(server, topology.GetServers(), topology.GetClients());
            NS_TEST_ASSERT_MSG_EQ(Completed(clients), 6, "shape " << shape << ": all complete");
            NS_TEST_ASSERT_MSG_EQ(SynDataAcked(clients), 4, "TFO on the 2nd and 3rd of each");
            Simulator::Destroy();
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * PageLoadHelper: two visits of a two-origin page; the second uses TFO to
 * both origins.
 */
class TfoPageLoadHelperTestCase : public TestCase
{
  public:
    TfoPageLoadHelperTestCase()
        : TestCase("PageLoadHelper loads a page twice, the second time with TFO")
    {
    }

  private:
    void DoRun() override
    {
        TcpFastOpenTopologyHelper topology;
        topology.SetHosts(1, 2);
        topology.Build();
        PageDescription page;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(page.Parse("p:base=5000;objects=2x3000@1,1x2000@2", error),
                              true,
                              error);
        std::vector<Address> origins;
        for (uint32_t i = 0; i < 2; ++i)
        {
            origins.push_back(InetSocketAddress(topology.GetServerAddress(i), kPort));
        }
        RequestResponseHelper servers(origins.front());
        servers.InstallServer(topology.GetServers()).Start(Seconds(0));
        PageLoadHelper pages(page, origins);
        pages.SetAttribute("Visits", UintegerValue(2));
        pages.SetAttribute("FastOpenApi", EnumValue(RequestResponseClient::SENDTO_FASTOPEN));
        ApplicationContainer apps = pages.Install(topology.GetClients());
        NS_TEST_ASSERT_MSG_EQ(apps.GetN(), 1, "one client");
        apps.Start(Seconds(0.1));
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        const auto& loads = DynamicCast<PageLoadClient>(apps.Get(0))->GetPageLoads();
        NS_TEST_ASSERT_MSG_EQ(loads.size(), 2, "two visits");
        NS_TEST_ASSERT_MSG_EQ(loads[0].completed && loads[1].completed, true, "both complete");
        NS_TEST_ASSERT_MSG_LT(loads[0].synDataAcked,
                              loads[0].connections,
                              "first visit: the first connection to each origin asks for a cookie");
        NS_TEST_ASSERT_MSG_GT(loads[1].connections, 0, "second visit opens connections");
        NS_TEST_ASSERT_MSG_EQ(loads[1].synDataAcked,
                              loads[1].connections,
                              "second visit: every connection sends its request in the SYN");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * SynFloodAttackerHelper: 200 SYN/s for one second reach the server's
 * listener: every forged SYN waits in its SYN queue.
 */
class TfoSynFloodAttackerHelperTestCase : public TestCase
{
  public:
    TfoSynFloodAttackerHelperTestCase()
        : TestCase("SynFloodAttackerHelper floods the server it is given")
    {
    }

  private:
    void DoRun() override
    {
        TcpFastOpenTopologyHelper topology;
        topology.SetHosts(1, 1);
        topology.Build();
        RequestResponseHelper rr(InetSocketAddress(topology.GetServerAddress(0), kPort));
        rr.SetServerAttribute("Local",
                              AddressValue(InetSocketAddress(Ipv4Address::GetAny(), kPort)));
        ApplicationContainer servers = rr.InstallServer(topology.GetServers());
        servers.Start(Seconds(0));
        SynFloodAttackerHelper flood(topology.GetServerAddress(0), kPort);
        flood.SetAttribute("Rate", DoubleValue(200));
        ApplicationContainer attackers = flood.Install(topology.GetClients().Get(0));
        attackers.Start(Seconds(1));
        attackers.Stop(Seconds(2));
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        const uint64_t sent = DynamicCast<TcpSynFloodAttacker>(attackers.Get(0))->GetSynsSent();
        NS_TEST_ASSERT_MSG_EQ_TOL(double(sent), 200.0, 2.0, "one second at 200 SYN/s");
        Ptr<TcpFastOpenSocket> listener = DynamicCast<TcpFastOpenSocket>(
            DynamicCast<RequestResponseServer>(servers.Get(0))->GetListeningSocket());
        NS_TEST_ASSERT_MSG_EQ(listener->GetSynQueueLength(),
                              sent,
                              "every forged SYN waits in the listener's SYN queue");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The server bit without FastOpenQueueLength (and without 0x400) leaves TFO
 * off on every listener: TcpFastOpenHelper warns (NS_LOG_WARN, the node's
 * TcpFastOpenCounters::GetWarnings and "Warning" trace), and the simulation
 * shows the SYN data refused; with a queue length, no warning and TFO works.
 */
class TfoSilentlyOffWarningTestCase : public TestCase
{
  public:
    TfoSilentlyOffWarningTestCase()
        : TestCase("A warning when the server bit has no FastOpenQueueLength")
    {
    }

  private:
    void DoRun() override
    {
        TcpFastOpenHelper bare;
        bare.SetMode(0x2);
        NS_TEST_ASSERT_MSG_EQ(bare.GetConfigurationWarnings().size(), 1, "0x2 without qlen");
        bare.SetMode(0x402);
        NS_TEST_ASSERT_MSG_EQ(bare.GetConfigurationWarnings().size(), 0, "0x400: no setsockopt");
        bare.SetMode(0x1);
        NS_TEST_ASSERT_MSG_EQ(bare.GetConfigurationWarnings().size(), 0, "client only");
        for (uint32_t qlen : {0u, 16u})
        {
            TcpFastOpenTopologyHelper topology;
            topology.SetFastOpenQueueLength(qlen);
            topology.Build();
            const auto& warnings =
                topology.GetServers().Get(0)->GetObject<TcpFastOpenCounters>()->GetWarnings();
            NS_TEST_ASSERT_MSG_EQ(warnings.size(),
                                  (qlen == 0 ? 1U : 0U),
                                  "warnings, qlen " << qlen);
            if (qlen == 0)
            {
                NS_TEST_ASSERT_MSG_NE(warnings.front().find("FastOpenQueueLength"),
                                      std::string::npos,
                                      "the warning names the fix");
            }
            NS_TEST_ASSERT_MSG_EQ(topology.GetClients()
                                      .Get(0)
                                      ->GetObject<TcpFastOpenCounters>()
                                      ->GetWarnings()
                                      .size(),
                                  0,
                                  "no warning for the client");
            ApplicationContainer clients =
                RunThreeTransactions(topology.GetServerSocketAddress(0, kPort),
                                     topology.GetServers(),
                                     topology.GetClients());
            NS_TEST_ASSERT_MSG_EQ(Completed(clients), 3, "completes either way");
            NS_TEST_ASSERT_MSG_EQ(SynDataAcked(clients),
                                  (qlen == 0 ? 0U : 2U),
                                  "SYN data accepted only with a queue length");
            Simulator::Destroy();
        }
        // The trace source fires on Warn().
        Ptr<TcpFastOpenCounters> counters = CreateObject<TcpFastOpenCounters>();
        std::string traced;
        counters->TraceConnectWithoutContext(
            "Warning",
            MakeCallback(+[](std::string* out, const std::string& m) { *out = m; }).Bind(&traced));
        counters->Warn("x");
        NS_TEST_ASSERT_MSG_EQ(traced, "x", "Warning trace");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The helpers' suite.
 */
class TfoHelpersTestSuite : public TestSuite
{
  public:
    TfoHelpersTestSuite()
        : TestSuite("tcp-fast-open-helpers", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoIpv6DumbbellHelperTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoIpv6BuildTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoPageLoadHelperTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoSynFloodAttackerHelperTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoSilentlyOffWarningTestCase, TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TfoHelpersTestSuite g_tfoHelpersTestSuite;
