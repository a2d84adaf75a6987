/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-socket-factory.h"

#include "tcp-fast-open-socket.h"
#include "tcp-linux-socket-factory.h"

#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenSocketFactory");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenSocketFactory);

TypeId
TcpFastOpenSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpFastOpenSocketFactory")
                            .SetParent<SocketFactory>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<TcpFastOpenSocketFactory>();
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenSocketFactory)

TcpFastOpenSocketFactory::TcpFastOpenSocketFactory()
{
    NS_LOG_FUNCTION(this);
    m_socketFactory.SetTypeId(TcpFastOpenSocket::GetTypeId());
}

void
TcpFastOpenSocketFactory::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    SocketFactory::NotifyNewAggregate();
}

void
TcpFastOpenSocketFactory::DoDispose()
{
    m_node = nullptr;          // the node aggregates us: break the reference cycle
    m_nodeComponents->Clear(); // objects aggregated to the same node, too
    SocketFactory::DoDispose();
}

void
TcpFastOpenSocketFactory::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    TcpLinuxSocketFactory::SetChecked(m_socketFactory, name, value, "TcpFastOpenSocketFactory");
    m_components.InvalidateSocket();
}

Ptr<Socket>
TcpFastOpenSocketFactory::CreateSocket()
{
    NS_LOG_FUNCTION(this);
    return TcpLinuxSocketFactory::CreateOnNode(m_node,
                                               m_socketFactory,
                                               m_components,
                                               m_nodeComponents,
                                               "TcpFastOpenSocketFactory");
}

} // namespace ns3
