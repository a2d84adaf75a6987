/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-linux-socket-factory.h"

#include "tcp-linux-socket-base.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/rtt-estimator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/type-id.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLinuxSocketFactory");
NS_OBJECT_ENSURE_REGISTERED(TcpLinuxSocketFactory);

namespace
{

/**
 * \brief The accessor of one of TcpL4Protocol's attributes.
 * \param name the attribute's name
 * \return its accessor
 */
Ptr<const AttributeAccessor>
L4Accessor(const std::string& name)
{
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(TcpL4Protocol::GetTypeId().LookupAttributeByName(name, &info),
                        "TcpL4Protocol has no attribute " << name);
    return info.accessor;
}

} // namespace

TypeId
TcpLinuxSocketFactory::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpLinuxSocketFactory")
                            .SetParent<SocketFactory>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<TcpLinuxSocketFactory>();
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpLinuxSocketFactory)

TcpLinuxSocketFactory::TcpLinuxSocketFactory()
{
    NS_LOG_FUNCTION(this);
    m_socketFactory.SetTypeId(TcpLinuxSocketBase::GetTypeId());
}

void
TcpLinuxSocketFactory::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    SocketFactory::NotifyNewAggregate();
}

void
TcpLinuxSocketFactory::DoDispose()
{
    m_node = nullptr;          // the node aggregates us: break the reference cycle
    m_nodeComponents->Clear(); // objects aggregated to the same node, too
    SocketFactory::DoDispose();
}

void
TcpLinuxSocketFactory::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    SetChecked(m_socketFactory, name, value, "TcpLinuxSocketFactory");
    m_components.InvalidateSocket();
}

Ptr<Socket>
TcpLinuxSocketFactory::CreateSocket()
{
    NS_LOG_FUNCTION(this);
    return CreateOnNode(m_node,
                        m_socketFactory,
                        m_components,
                        m_nodeComponents,
                        "TcpLinuxSocketFactory");
}

void
TcpLinuxSocketFactory::SetChecked(ObjectFactory& sockets,
                                  const std::string& name,
                                  const AttributeValue& value,
                                  const std::string& factoryName)
{
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(sockets.GetTypeId().LookupAttributeByName(name, &info),
                        factoryName << ": no socket attribute named \"" << name << "\"");
    sockets.Set(name, value);
}

Ptr<TcpLinuxSocketBase>
TcpLinuxSocketFactory::CreateOnNode(Ptr<Node> node,
                                    ObjectFactory& sockets,
                                    TcpSocketComponentPrototypes& components,
                                    Ptr<TcpLinuxNodeComponents> nodeComponents,
                                    const std::string& factoryName)
{
    NS_ABORT_MSG_UNLESS(node, factoryName << " is not aggregated to a node");
    Ptr<TcpL4Protocol> tcp = nodeComponents->Find<TcpL4Protocol>(*node);
    NS_ABORT_MSG_UNLESS(tcp,
                        factoryName << ": node " << node->GetId()
                                    << " has no TCP (install the Internet stack first)");
    // Mirror TcpL4Protocol::CreateSocket(): the node's RTT estimator, congestion
    // control and recovery algorithm (copies of per-node prototypes where
    // that gives the same objects: TcpSocketComponentPrototypes).
    // The attributes' accessors are looked up once: a lookup by name walks
    // the TypeId's attribute list with string compares on every socket.
    static const Ptr<const AttributeAccessor> rttAccessor = L4Accessor("RttEstimatorType");
    static const Ptr<const AttributeAccessor> congestionAccessor = L4Accessor("SocketType");
    static const Ptr<const AttributeAccessor> recoveryAccessor = L4Accessor("RecoveryType");
    TypeIdValue rttType;
    TypeIdValue congestionType;
    TypeIdValue recoveryType;
    rttAccessor->Get(PeekPointer(tcp), rttType);
    congestionAccessor->Get(PeekPointer(tcp), congestionType);
    recoveryAccessor->Get(PeekPointer(tcp), recoveryType);

    // The socket itself: a copy of the factory's prototype socket (or built by
    // the ObjectFactory for types that are not copied).
    Ptr<TcpLinuxSocketBase> socket = components.CreateSocket(sockets);
    socket->SetNode(node);
    socket->SetNodeComponents(nodeComponents);
    socket->SetTcp(tcp);
    socket->SetRtt(components.CreateRttEstimator(rttType.Get()));
    socket->SetCongestionControlAlgorithm(components.CreateCongestionOps(congestionType.Get()));
    socket->SetRecoveryAlgorithm(components.CreateRecoveryOps(recoveryType.Get()));
    tcp->AddSocket(socket);
    return socket;
}

} // namespace ns3
