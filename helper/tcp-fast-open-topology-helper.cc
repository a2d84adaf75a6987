/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-topology-helper.h"

#include "ns3/abort.h"
#include "ns3/error-model.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-interface-container.h"
#include "ns3/ipv6-address-helper.h"
#include "ns3/ipv6-interface-container.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/tcp-fast-open-helper.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"
#include "ns3/uinteger.h"

#include <map>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenTopologyHelper");

TcpFastOpenTopologyHelper::TcpFastOpenTopologyHelper()
{
    NS_LOG_FUNCTION(this);
}

void
TcpFastOpenTopologyHelper::SetShape(Shape shape)
{
    m_shape = shape;
}

void
TcpFastOpenTopologyHelper::SetHosts(uint32_t clients, uint32_t servers)
{
    NS_ABORT_MSG_IF(clients == 0 || servers == 0,
                    "TcpFastOpenTopologyHelper: at least one client and one server");
    m_nClients = clients;
    m_nServers = servers;
}

void
TcpFastOpenTopologyHelper::SetAccessLink(DataRate rate, Time delay)
{
    m_accessRate = rate;
    m_accessDelay = delay;
}

void
TcpFastOpenTopologyHelper::SetBottleneckLink(DataRate rate, Time delay)
{
    m_bottleneckRate = rate;
    m_bottleneckDelay = delay;
}

void
TcpFastOpenTopologyHelper::SetLossRate(double rate)
{
    NS_ABORT_MSG_IF(rate < 0 || rate >= 1,
                    "TcpFastOpenTopologyHelper: loss rate " << rate << " is not in [0, 1)");
    m_lossRate = rate;
}

void
TcpFastOpenTopologyHelper::SetQueueDisc(const std::string& name)
{
    NS_ABORT_MSG_IF(QueueDiscTypeName(name) == "?",
                    "TcpFastOpenTopologyHelper: unknown queue disc \""
                        << name << "\" (pfifo_fast, fifo, fq_codel, codel, red, pie, none)");
    m_queueDisc = name;
}

void
TcpFastOpenTopologyHelper::SetFastOpen(bool install, uint32_t clientMode, uint32_t serverMode)
{
    m_installTfo = install;
    m_clientMode = clientMode;
    m_serverMode = serverMode;
}

void
TcpFastOpenTopologyHelper::SetFastOpenQueueLength(uint32_t length)
{
    m_queueLength = length;
}

void
TcpFastOpenTopologyHelper::SetLinuxDefaults(bool enable)
{
    m_linuxDefaults = enable;
}

std::string
TcpFastOpenTopologyHelper::QueueDiscTypeName(const std::string& name)
{
    static const std::map<std::string, std::string> names = {
        {"pfifo_fast", "ns3::PfifoFastQueueDisc"},
        {"fifo", "ns3::FifoQueueDisc"},
        {"pfifo", "ns3::FifoQueueDisc"},
        {"fq_codel", "ns3::FqCoDelQueueDisc"},
        {"codel", "ns3::CoDelQueueDisc"},
        {"red", "ns3::RedQueueDisc"},
        {"pie", "ns3::PieQueueDisc"},
        {"none", ""},
    };
    auto i = names.find(name);
    return i == names.end() ? "?" : i->second;
}

void
TcpFastOpenTopologyHelper::SetUpBottleneck(const NetDeviceContainer& devices)
{
    const std::string type = QueueDiscTypeName(m_queueDisc);
    // An existing network's devices may have the root queue disc an address
    // helper installed: replace it.
    for (uint32_t i = 0; i < devices.GetN(); ++i)
    {
        Ptr<TrafficControlLayer> tc = devices.Get(i)->GetNode()->GetObject<TrafficControlLayer>();
        if (tc && tc->GetRootQueueDiscOnDevice(devices.Get(i)))
        {
            tc->DeleteRootQueueDiscOnDevice(devices.Get(i));
        }
    }
    if (!type.empty())
    {
        // Installed before addresses are assigned, so Ipv4AddressHelper keeps it.
        TrafficControlHelper tch;
        tch.SetRootQueueDisc(type);
        tch.Install(devices);
    }
    if (m_lossRate > 0)
    {
        for (uint32_t i = 0; i < devices.GetN(); ++i)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            em->SetRate(m_lossRate);
            devices.Get(i)->SetAttribute("ReceiveErrorModel", PointerValue(em));
            m_errorModels.push_back(em);
        }
    }
    m_bottleneckDevices.Add(devices);
}

void
TcpFastOpenTopologyHelper::Build()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_built, "TcpFastOpenTopologyHelper: Build() runs once");
    m_built = true;

    m_clients.Create(m_nClients);
    m_servers.Create(m_nServers);
    m_routers.Create(m_shape == DUMBBELL ? 2 : 1);
    Ptr<Node> left = m_routers.Get(0);
    Ptr<Node> right = m_routers.Get(m_shape == DUMBBELL ? 1 : 0);

    InternetStackHelper stack;
    stack.Install(m_clients);
    stack.Install(m_servers);
    stack.Install(m_routers);

    PointToPointHelper access;
    access.SetDeviceAttribute("DataRate", DataRateValue(m_accessRate));
    access.SetChannelAttribute("Delay", TimeValue(m_accessDelay));
    PointToPointHelper bottleneck;
    bottleneck.SetDeviceAttribute("DataRate", DataRateValue(m_bottleneckRate));
    bottleneck.SetChannelAttribute("Delay", TimeValue(m_bottleneckDelay));

    Ipv4AddressHelper address;
    Ipv6AddressHelper address6;
    address6.SetBase(Ipv6Address("fd00:1::"), Ipv6Prefix(64));
    address.SetBase("10.1.0.0", "255.255.255.0");
    for (uint32_t i = 0; i < m_nClients; ++i)
    {
        NetDeviceContainer d = access.Install(m_clients.Get(i), left);
        if (m_ipv6)
        {
            m_clientAddresses6.push_back(AssignIpv6HostLink(address6, d));
            continue;
        }
        Ipv4InterfaceContainer ifs = address.Assign(d);
        m_clientAddresses.push_back(ifs.GetAddress(0));
        address.NewNetwork();
    }
    address.SetBase("10.2.0.0", "255.255.255.0");
    for (uint32_t j = 0; j < m_nServers; ++j)
    {
        NetDeviceContainer d =
            (m_shape == DUMBBELL ? access : bottleneck).Install(m_servers.Get(j), right);
        if (m_shape == STAR)
        {
            SetUpBottleneck(d);
        }
        if (m_ipv6)
        {
            m_serverAddresses6.push_back(AssignIpv6HostLink(address6, d));
            continue;
        }
        Ipv4InterfaceContainer ifs = address.Assign(d);
        m_serverAddresses.push_back(ifs.GetAddress(0));
        address.NewNetwork();
    }
    if (m_shape == DUMBBELL)
    {
        NetDeviceContainer d = bottleneck.Install(left, right);
        SetUpBottleneck(d);
        if (m_ipv6)
        {
            // Each router sends what it has no route for to the other.
            Ipv6InterfaceContainer ifs = address6.Assign(d);
            ifs.SetForwarding(0, true);
            ifs.SetForwarding(1, true);
            ifs.SetDefaultRouteInAllNodes(1);
            ifs.SetDefaultRouteInAllNodes(0);
        }
        else
        {
            address.SetBase("10.3.0.0", "255.255.255.0");
            address.Assign(d);
        }
    }
    if (QueueDiscTypeName(m_queueDisc).empty())
    {
        TrafficControlHelper tch;
        tch.Uninstall(m_bottleneckDevices);
    }
    if (!m_ipv6)
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    }

    InstallFastOpen();
}

Ipv6Address
TcpFastOpenTopologyHelper::AssignIpv6HostLink(Ipv6AddressHelper& address,
                                              const NetDeviceContainer& devices)
{
    // devices: host, router. The router forwards; the host's default route is the router.
    Ipv6InterfaceContainer ifs = address.Assign(devices);
    ifs.SetForwarding(1, true);
    ifs.SetDefaultRouteInAllNodes(1);
    address.NewNetwork();
    return ifs.GetAddress(0, 1); // 0 is the link-local address
}

void
TcpFastOpenTopologyHelper::SetIpv6(bool enable)
{
    m_ipv6 = enable;
}

Address
TcpFastOpenTopologyHelper::GetServerSocketAddress(uint32_t i, uint16_t port) const
{
    if (m_ipv6)
    {
        NS_ABORT_MSG_UNLESS(i < m_serverAddresses6.size(),
                            "TcpFastOpenTopologyHelper: no server " << i << " (built?)");
        return Inet6SocketAddress(m_serverAddresses6[i], port);
    }
    return InetSocketAddress(GetServerAddress(i), port);
}

void
TcpFastOpenTopologyHelper::Install(NodeContainer clients,
                                   NodeContainer servers,
                                   NetDeviceContainer bottleneck)
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_built, "TcpFastOpenTopologyHelper: Build() or Install() runs once");
    m_built = true;
    m_clients = clients;
    m_servers = servers;
    SetUpBottleneck(bottleneck);
    InstallFastOpen();
}

void
TcpFastOpenTopologyHelper::InstallFastOpen() const
{
    if (!m_installTfo)
    {
        return;
    }
    TcpFastOpenHelper clientTfo;
    clientTfo.SetMode(m_clientMode);
    clientTfo.SetLinuxDefaults(m_linuxDefaults);
    clientTfo.Install(m_clients);
    TcpFastOpenHelper serverTfo;
    serverTfo.SetMode(m_serverMode);
    serverTfo.SetLinuxDefaults(m_linuxDefaults);
    serverTfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(m_queueLength));
    serverTfo.Install(m_servers);
}

int64_t
TcpFastOpenTopologyHelper::AssignStreams(int64_t stream)
{
    NS_ABORT_MSG_UNLESS(m_built, "TcpFastOpenTopologyHelper: AssignStreams() after Build()");
    int64_t used = 0;
    for (const auto& em : m_errorModels)
    {
        used += em->AssignStreams(stream + used);
    }
    if (m_installTfo)
    {
        NodeContainer hosts(m_clients, m_servers);
        TcpFastOpenHelper tfo;
        used += tfo.AssignStreams(hosts, stream + used);
    }
    return used;
}

NodeContainer
TcpFastOpenTopologyHelper::GetClients() const
{
    return m_clients;
}

NodeContainer
TcpFastOpenTopologyHelper::GetServers() const
{
    return m_servers;
}

NodeContainer
TcpFastOpenTopologyHelper::GetRouters() const
{
    return m_routers;
}

Ipv4Address
TcpFastOpenTopologyHelper::GetServerAddress(uint32_t i) const
{
    NS_ABORT_MSG_IF(m_ipv6,
                    "TcpFastOpenTopologyHelper: an IPv6 network (SetIpv6): use "
                    "GetServerSocketAddress");
    NS_ABORT_MSG_UNLESS(i < m_serverAddresses.size(),
                        "TcpFastOpenTopologyHelper: no server " << i << " (built?)");
    return m_serverAddresses[i];
}

Ipv4Address
TcpFastOpenTopologyHelper::GetClientAddress(uint32_t i) const
{
    NS_ABORT_MSG_IF(m_ipv6, "TcpFastOpenTopologyHelper: an IPv6 network (SetIpv6)");
    NS_ABORT_MSG_UNLESS(i < m_clientAddresses.size(),
                        "TcpFastOpenTopologyHelper: no client " << i << " (built?)");
    return m_clientAddresses[i];
}

NetDeviceContainer
TcpFastOpenTopologyHelper::GetBottleneckDevices() const
{
    return m_bottleneckDevices;
}

std::vector<Ptr<RateErrorModel>>
TcpFastOpenTopologyHelper::GetErrorModels() const
{
    return m_errorModels;
}

Time
TcpFastOpenTopologyHelper::GetBaseRtt() const
{
    if (m_shape == DUMBBELL)
    {
        return 2 * (m_accessDelay + m_bottleneckDelay + m_accessDelay);
    }
    return 2 * (m_accessDelay + m_bottleneckDelay);
}

} // namespace ns3
