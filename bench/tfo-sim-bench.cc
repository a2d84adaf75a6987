/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * The simulator-cost workload of bench/run.sh (GitHub issue 8).
 *
 *   client 0 --\                      10 ms, 100 Mbps point-to-point links
 *   client 1 ---+-- server (the hub)  (PointToPointStarHelper)
 *   ...      --/
 *
 * --clients clients run --transactions request/response transactions each, all
 * in parallel, a new connection for each transaction (100 B request, 1000 B
 * response, RequestResponseClient/Server). --variant chooses the TCP:
 *   stock   ns-3's TcpSocketBase (Protocol = ns3::TcpSocketFactory), no TFO installed
 *   tfo-off TcpFastOpenSocket, Mode 0 on every node
 *   tfo-off-nomss  the same without the MSS option on SYN and SYN-ACK
 *           (SendMssOption false): segment for segment what stock sends, to
 *           separate the cost of that Linux behaviour from the socket's own
 *   tfo-on  TcpFastOpenSocket, client Mode 0x1 (sendto MSG_FASTOPEN), server
 *           Mode 0x2 with FastOpenQueueLength
 * ns-3's own defaults otherwise (no Linux-defaults profile: TIME_WAIT 240 s) so
 * that the three variants run the same TCP; --msl shortens TIME_WAIT (2 x MSL)
 * to show what the endpoints kept in TIME_WAIT cost ns-3.
 *
 * Prints one CSV line (header with --header): the wall time of Simulator::Run,
 * the process's CPU time and peak RSS (getrusage) and Simulator::GetEventCount().
 */

#include "tfo-bench-process.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-layout-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-fast-open-module.h"

#include <chrono>
#include <cstdlib>
#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    std::string variant = "stock";
    uint32_t clients = 10;
    uint32_t transactions = 2000;
    uint32_t queueLength = 64;
    bool header = false;
    double msl = 0; // 0: ns-3's default MaxSegLifetime (120 s, TIME_WAIT 240 s)

    CommandLine cmd(__FILE__);
    cmd.AddValue("variant", "stock, tfo-off, tfo-off-nomss or tfo-on", variant);
    cmd.AddValue("clients", "Clients in parallel", clients);
    cmd.AddValue("transactions", "Transactions (= connections) per client", transactions);
    cmd.AddValue("queue", "The server's FastOpenQueueLength (tfo-on)", queueLength);
    cmd.AddValue("header", "Print the CSV header first", header);
    cmd.AddValue("msl",
                 "TcpSocketBase::MaxSegLifetime in seconds (TIME_WAIT = 2 MSL); 0 = ns-3's 120 s",
                 msl);
    cmd.Parse(argc, argv);
    if (variant != "stock" && variant != "tfo-off" && variant != "tfo-off-nomss" &&
        variant != "tfo-on")
    {
        std::cerr << "tfo-sim-bench: --variant must be stock, tfo-off, tfo-off-nomss or tfo-on\n";
        return 2;
    }
    if (variant == "tfo-off-nomss")
    {
        Config::SetDefault("ns3::TcpLinuxSocketBase::SendMssOption", BooleanValue(false));
    }
    const auto wallStart = std::chrono::steady_clock::now();
    if (msl > 0)
    {
        // For all three variants alike (TcpFastOpenSocket inherits it).
        Config::SetDefault("ns3::TcpSocketBase::MaxSegLifetime", DoubleValue(msl));
    }

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    PointToPointStarHelper star(clients, p2p);
    InternetStackHelper internet;
    star.InstallStack(internet);
    star.AssignIpv4Addresses(Ipv4AddressHelper("10.1.0.0", "255.255.255.0"));

    Ptr<Node> server = star.GetHub();
    NodeContainer clientNodes;
    for (uint32_t i = 0; i < clients; ++i)
    {
        clientNodes.Add(star.GetSpokeNode(i));
    }

    TypeId protocol = TcpSocketFactory::GetTypeId();
    auto api = RequestResponseClient::PLAIN_CONNECT;
    if (variant != "stock")
    {
        protocol = TcpFastOpenSocketFactory::GetTypeId();
        TcpFastOpenHelper clientTfo;
        TcpFastOpenHelper serverTfo;
        if (variant == "tfo-on")
        {
            clientTfo.SetMode(TcpFastOpenSocket::CLIENT_ENABLE);
            serverTfo.SetMode(TcpFastOpenSocket::SERVER_ENABLE);
            serverTfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(queueLength));
            api = RequestResponseClient::SENDTO_FASTOPEN;
        }
        else
        {
            clientTfo.SetMode(0);
            serverTfo.SetMode(0);
        }
        clientTfo.Install(clientNodes);
        serverTfo.Install(server);
    }

    const uint16_t port = 8080;
    Ptr<RequestResponseServer> serverApp = CreateObject<RequestResponseServer>();
    serverApp->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), port)));
    serverApp->SetAttribute("Protocol", TypeIdValue(protocol));
    server->AddApplication(serverApp);
    serverApp->SetStartTime(Seconds(0));

    std::vector<Ptr<RequestResponseClient>> apps;
    for (uint32_t i = 0; i < clients; ++i)
    {
        Ptr<RequestResponseClient> app = CreateObject<RequestResponseClient>();
        app->SetAttribute("Remote",
                          AddressValue(InetSocketAddress(star.GetHubIpv4Address(i), port)));
        app->SetAttribute("Protocol", TypeIdValue(protocol));
        app->SetAttribute("RequestSize", UintegerValue(100));
        app->SetAttribute("ResponseSize", UintegerValue(1000));
        app->SetAttribute("Transactions", UintegerValue(transactions));
        app->SetAttribute("Persistent", BooleanValue(false));
        app->SetAttribute("FastOpenApi", EnumValue(api));
        clientNodes.Get(i)->AddApplication(app);
        app->SetStartTime(MilliSeconds(1 + i)); // not all in the same instant
        apps.push_back(app);
    }

    // No Simulator::Stop: the run ends when the last TIME_WAIT timer has fired.
    const auto runStart = std::chrono::steady_clock::now();
    Simulator::Run();
    const auto runEnd = std::chrono::steady_clock::now();
    const uint64_t events = Simulator::GetEventCount();
    double lastCompletion = 0;
    uint64_t completed = 0;
    uint64_t synDataAcked = 0;
    for (const auto& app : apps)
    {
        for (const auto& record : app->GetTransactions())
        {
            if (record.completed)
            {
                ++completed;
                lastCompletion = std::max(lastCompletion, record.completion.GetSeconds());
            }
            synDataAcked += record.synDataAcked ? 1 : 0;
        }
    }
    const double simSeconds = Simulator::Now().GetSeconds();
    apps.clear();
    Simulator::Destroy();
    const auto wallEnd = std::chrono::steady_clock::now();

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    if (header)
    {
        std::cout << "variant,clients,transactions,connections,completed,syn_data_acked,"
                     "run_wall_s,total_wall_s,cpu_s,events,last_completion_s,sim_end_s,"
                     "peak_rss_kb,time_wait_s\n";
    }
    std::cout << variant << ',' << clients << ',' << transactions << ','
              << uint64_t(clients) * transactions << ',' << completed << ',' << synDataAcked << ','
              << std::chrono::duration<double>(runEnd - runStart).count() << ','
              << std::chrono::duration<double>(wallEnd - wallStart).count() << ',' << CpuSeconds(ru)
              << ',' << events << ',' << lastCompletion << ',' << simSeconds << ',' << ru.ru_maxrss
              << ',' << (msl > 0 ? 2 * msl : 240.0) << std::endl;
    return completed == uint64_t(clients) * transactions ? 0 : 1;
}
