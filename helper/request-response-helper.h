/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REQUEST_RESPONSE_HELPER_H
#define REQUEST_RESPONSE_HELPER_H

#include "ns3/address.h"
#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/tcp-fast-open-application-helper.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Installs the request/response workload in ns-3's application-helper
 * style: RequestResponseServer on the servers, RequestResponseClient on the
 * clients, each Install() returning an ApplicationContainer.
 *
 * \code
 *   RequestResponseHelper rr(InetSocketAddress(serverAddress, 80)); // or Inet6SocketAddress
 *   rr.SetClientAttribute("Transactions", UintegerValue(10));
 *   ApplicationContainer servers = rr.InstallServer(serverNodes);
 *   ApplicationContainer clients = rr.InstallClient(clientNodes);
 * \endcode
 *
 * Both sides use TcpFastOpenHelper::GetSocketFactoryType() (install TFO on
 * the nodes first) unless "Protocol" is set otherwise; the servers listen on
 * the remote address's port, on the wildcard address of its family (IPv4 or
 * IPv6).
 */
class RequestResponseHelper
{
  public:
    /**
     * \param remote the server address the clients connect to
     *        (InetSocketAddress or Inet6SocketAddress)
     */
    RequestResponseHelper(const Address& remote);

    /**
     * \param name an attribute of RequestResponseClient
     * \param value its value
     */
    void SetClientAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param name an attribute of RequestResponseServer
     * \param value its value
     */
    void SetServerAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param nodes the client nodes
     * \return one RequestResponseClient per node
     */
    ApplicationContainer InstallClient(NodeContainer nodes) const;

    /**
     * \param nodes the server nodes
     * \return one RequestResponseServer per node
     */
    ApplicationContainer InstallServer(NodeContainer nodes) const;

  private:
    TcpFastOpenApplicationHelper m_client; //!< RequestResponseClient
    TcpFastOpenApplicationHelper m_server; //!< RequestResponseServer
};

} // namespace ns3

#endif /* REQUEST_RESPONSE_HELPER_H */
