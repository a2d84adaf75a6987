/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_LINUX_SOCKET_FACTORY_H
#define TCP_LINUX_SOCKET_FACTORY_H

#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/socket-factory.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-linux-node-components.h"
#include "ns3/tcp-socket-component-prototypes.h"

#include <string>

namespace ns3
{

class Socket;
class TcpLinuxSocketBase;

/**
 * \ingroup tcp-fast-open
 *
 * \brief Creates TcpLinuxSocketBase instances for a node: Linux-like TCP
 * without Fast Open.
 *
 * ns-3's TcpL4Protocol::CreateSocket() always creates a TcpSocketBase, so the
 * module brings its own factories, aggregated to the node beside the stock
 * TcpSocketFactory. Stock applications use one by naming its TypeId, e.g.
 * `BulkSendHelper("ns3::TcpLinuxSocketFactory", address)`.
 *
 * Sockets get the node's TcpL4Protocol, its RTT estimator, congestion control
 * and recovery types (its "RttEstimatorType", "SocketType" and "RecoveryType"
 * attributes), as TcpL4Protocol::CreateSocket does, and the attribute values set
 * with SetSocketAttribute() (the node's "sysctls"). TcpFastOpenSocketFactory
 * creates its sockets the same way (CreateOnNode). Each socket and its
 * components are copies of the factory's prototypes, equal to what
 * ObjectFactory would build (TcpSocketComponentPrototypes).
 *
 * Deliberately not derived from TcpSocketFactory, nor is
 * TcpFastOpenSocketFactory derived from it: aggregate lookup by a parent's
 * TypeId would then depend on aggregation order.
 */
class TcpLinuxSocketFactory : public SocketFactory
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpLinuxSocketFactory();

    /**
     * \brief Create a TcpLinuxSocketBase on this factory's node.
     * \return the socket
     */
    Ptr<Socket> CreateSocket() override;

    /**
     * \brief Set an attribute of every socket this factory creates from now on.
     * \param name a TcpLinuxSocketBase (or TcpSocketBase/TcpSocket) attribute name
     * \param value its value
     *
     * Aborts with a clear message if the attribute does not exist.
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Create a socket of \p sockets' TypeId on \p node, set up as
     * TcpL4Protocol::CreateSocket sets up its own.
     * \param node the node (with the Internet stack)
     * \param sockets the socket factory (a TcpLinuxSocketBase TypeId)
     * \param components the node's prototypes of the sockets' components
     * \param nodeComponents the node-wide objects' holder the socket shares
     * \param factoryName the caller's name, for error messages
     * \return the socket, registered with the node's TcpL4Protocol
     */
    static Ptr<TcpLinuxSocketBase> CreateOnNode(Ptr<Node> node,
                                                ObjectFactory& sockets,
                                                TcpSocketComponentPrototypes& components,
                                                Ptr<TcpLinuxNodeComponents> nodeComponents,
                                                const std::string& factoryName);

    /**
     * \brief Set an attribute in a socket factory, aborting with a clear
     * message if its TypeId has no such attribute.
     * \param sockets the socket factory
     * \param name the attribute's name
     * \param value its value
     * \param factoryName the caller's name, for error messages
     */
    static void SetChecked(ObjectFactory& sockets,
                           const std::string& name,
                           const AttributeValue& value,
                           const std::string& factoryName);

  protected:
    void NotifyNewAggregate() override;
    void DoDispose() override;

  private:
    ObjectFactory m_socketFactory; //!< TcpLinuxSocketBase with the node's attribute values
    Ptr<Node> m_node;              //!< the node this factory is aggregated to
    TcpSocketComponentPrototypes m_components; //!< the node's TCP components to copy
    /// the node-wide objects its sockets use, found once
    Ptr<TcpLinuxNodeComponents> m_nodeComponents{Create<TcpLinuxNodeComponents>()};
};

} // namespace ns3

#endif /* TCP_LINUX_SOCKET_FACTORY_H */
