/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-segment-duplicator-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/net-device-queue-interface.h"
#include "ns3/node.h"
#include "ns3/tcp-segment-duplicator.h"
#include "ns3/traffic-control-helper.h"
#include "ns3/traffic-control-layer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSegmentDuplicatorHelper");

TcpSegmentDuplicatorHelper::TcpSegmentDuplicatorHelper()
{
    m_factory.SetTypeId(TcpSegmentDuplicator::GetTypeId());
}

void
TcpSegmentDuplicatorHelper::SetTypeId(const std::string& type)
{
    TypeId tid;
    NS_ABORT_MSG_UNLESS(TypeId::LookupByNameFailSafe(type, &tid),
                        "TcpSegmentDuplicatorHelper: unknown TypeId \"" << type << "\"");
    NS_ABORT_MSG_UNLESS(tid.IsChildOf(TcpSegmentDuplicator::GetTypeId()),
                        "TcpSegmentDuplicatorHelper: \"" << type
                                                         << "\" is not a TcpSegmentDuplicator");
    m_factory.SetTypeId(tid);
}

void
TcpSegmentDuplicatorHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_factory.Set(name, value);
}

QueueDiscContainer
TcpSegmentDuplicatorHelper::Install(const NetDeviceContainer& devices) const
{
    QueueDiscContainer container;
    for (auto it = devices.Begin(); it != devices.End(); ++it)
    {
        container.Add(Install(*it));
    }
    return container;
}

QueueDiscContainer
TcpSegmentDuplicatorHelper::Install(Ptr<NetDevice> device) const
{
    NS_LOG_FUNCTION(this << device);
    NS_ABORT_MSG_IF(!device, "TcpSegmentDuplicatorHelper::Install: null device");
    Ptr<Node> node = device->GetNode();
    NS_ABORT_MSG_IF(!node, "TcpSegmentDuplicatorHelper::Install: device is not on a node");
    Ptr<TrafficControlLayer> tc = node->GetObject<TrafficControlLayer>();
    NS_ABORT_MSG_IF(!tc,
                    "TcpSegmentDuplicatorHelper::Install: node "
                        << node->GetId()
                        << " has no TrafficControlLayer; install the internet stack first");
    NS_ABORT_MSG_IF(tc->IsInitialized(),
                    "TcpSegmentDuplicatorHelper::Install: node "
                        << node->GetId()
                        << " is already initialized; install before the simulation starts");

    if (tc->GetRootQueueDiscOnDevice(device))
    {
        if (device->GetObject<NetDeviceQueueInterface>())
        {
            TrafficControlHelper().Uninstall(device);
        }
        else
        {
            tc->DeleteRootQueueDiscOnDevice(device);
        }
    }
    Ptr<TcpSegmentDuplicator> element = m_factory.Create<TcpSegmentDuplicator>();
    tc->SetRootQueueDiscOnDevice(device, element);
    return QueueDiscContainer(element);
}

} // namespace ns3
