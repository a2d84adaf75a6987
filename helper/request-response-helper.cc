/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "request-response-helper.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/request-response-client.h"
#include "ns3/request-response-server.h"
#include "ns3/tcp-fast-open-helper.h"
#include "ns3/type-id.h"

namespace ns3
{

RequestResponseHelper::RequestResponseHelper(const Address& remote)
    : m_client(RequestResponseClient::GetTypeId()),
      m_server(RequestResponseServer::GetTypeId())
{
    Address local;
    if (InetSocketAddress::IsMatchingType(remote))
    {
        local = InetSocketAddress(Ipv4Address::GetAny(),
                                  InetSocketAddress::ConvertFrom(remote).GetPort());
    }
    else if (Inet6SocketAddress::IsMatchingType(remote))
    {
        local = Inet6SocketAddress(Ipv6Address::GetAny(),
                                   Inet6SocketAddress::ConvertFrom(remote).GetPort());
    }
    else
    {
        NS_ABORT_MSG("RequestResponseHelper: the remote address must be an InetSocketAddress "
                     "or an Inet6SocketAddress");
    }
    const TypeIdValue protocol(TypeId::LookupByName(TcpFastOpenHelper::GetSocketFactoryType()));
    m_client.SetAttribute("Remote", AddressValue(remote));
    m_client.SetAttribute("Protocol", protocol);
    m_server.SetAttribute("Local", AddressValue(local));
    m_server.SetAttribute("Protocol", protocol);
}

void
RequestResponseHelper::SetClientAttribute(const std::string& name, const AttributeValue& value)
{
    m_client.SetAttribute(name, value);
}

void
RequestResponseHelper::SetServerAttribute(const std::string& name, const AttributeValue& value)
{
    m_server.SetAttribute(name, value);
}

ApplicationContainer
RequestResponseHelper::InstallClient(NodeContainer nodes) const
{
    return m_client.Install(nodes);
}

ApplicationContainer
RequestResponseHelper::InstallServer(NodeContainer nodes) const
{
    return m_server.Install(nodes);
}

} // namespace ns3
