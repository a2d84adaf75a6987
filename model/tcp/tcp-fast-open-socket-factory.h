/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_SOCKET_FACTORY_H
#define TCP_FAST_OPEN_SOCKET_FACTORY_H

#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/socket-factory.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-linux-node-components.h"
#include "ns3/tcp-socket-component-prototypes.h"

namespace ns3
{

class Socket;

/**
 * \ingroup tcp-fast-open
 *
 * \brief Creates TcpFastOpenSocket instances for a node.
 *
 * ns-3's TcpL4Protocol::CreateSocket() always creates a TcpSocketBase, so the
 * module brings its own factory, aggregated to the node beside the stock
 * TcpSocketFactory. Stock applications use it by naming its TypeId, e.g.
 * `BulkSendHelper("ns3::TcpFastOpenSocketFactory", address)` or
 * PacketSinkHelper's "Protocol" attribute.
 *
 * Sockets get the node's TcpL4Protocol, its RTT estimator, congestion control
 * and recovery types (its "RttEstimatorType", "SocketType" and "RecoveryType"
 * attributes), as TcpL4Protocol::CreateSocket does, and the attribute values set
 * with SetSocketAttribute() (the node's "sysctls").
 *
 * Deliberately not derived from TcpSocketFactory: aggregate lookup by the
 * parent's TypeId would then depend on aggregation order.
 */
class TcpFastOpenSocketFactory : public SocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpFastOpenSocketFactory();

    /**
     * \brief Create a TcpFastOpenSocket on this factory's node.
     * \return the socket
     */
    Ptr<Socket> CreateSocket() override;

    /**
     * \brief Set an attribute of every socket this factory creates from now on.
     * \param name a TcpFastOpenSocket (or TcpSocketBase/TcpSocket) attribute name
     * \param value its value
     *
     * Aborts with a clear message if the attribute does not exist.
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    ObjectFactory m_socketFactory; //!< TcpFastOpenSocket with the node's attribute values
    Ptr<Node> m_node;              //!< the node this factory is aggregated to
    TcpSocketComponentPrototypes m_components; //!< the node's TCP components to copy
    /// the node-wide objects its sockets use, found once
    Ptr<TcpLinuxNodeComponents> m_nodeComponents{Create<TcpLinuxNodeComponents>()};
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_SOCKET_FACTORY_H */
