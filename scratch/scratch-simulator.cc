/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// A starting point for your own experiments: every .cc in scratch/ (and every
// scratch/<dir>/ with .cc files) is built into build/scratch/<name>.
// This one opens two connections over a 20 ms RTT link and prints the
// transaction latencies: the second one uses Fast Open.

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-fast-open-module.h"

#include <iostream>

using namespace ns3;

int
main(int argc, char* argv[])
{
    CommandLine cmd(__FILE__);
    cmd.Parse(argc, argv);

    NodeContainer nodes;
    nodes.Create(2);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("10ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper().Install(nodes);
    Ipv4AddressHelper addresses("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    TcpFastOpenHelper tfo;
    tfo.SetMode(TcpFastOpenSocket::CLIENT_ENABLE | TcpFastOpenSocket::SERVER_ENABLE);
    tfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(16));
    tfo.Install(nodes);

    Ptr<RequestResponseServer> server = CreateObject<RequestResponseServer>();
    server->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), 80)));
    server->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    nodes.Get(1)->AddApplication(server);

    Ptr<RequestResponseClient> client = CreateObject<RequestResponseClient>();
    client->SetAttribute("Remote", AddressValue(InetSocketAddress(interfaces.GetAddress(1), 80)));
    client->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    client->SetAttribute("Transactions", UintegerValue(2));
    nodes.Get(0)->AddApplication(client);
    client->SetStartTime(Seconds(1));

    Simulator::Run();
    for (const TransactionRecord& r : client->GetTransactions())
    {
        std::cout << "transaction " << r.index << ": " << r.GetLatency().As(Time::MS)
                  << (r.synDataAcked ? " (request in the SYN)" : "") << "\n";
    }
    Simulator::Destroy();
    return 0;
}
