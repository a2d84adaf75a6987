/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-server-farm-observer.h"

#include "tcp-option-fast-open.h"

#include "ns3/abort.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"
#include "ns3/tcp-header.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenLinkabilityObserver");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenLinkabilityObserver);

TypeId
TcpFastOpenLinkabilityObserver::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpFastOpenLinkabilityObserver")
                            .SetParent<Object>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<TcpFastOpenLinkabilityObserver>();
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenLinkabilityObserver)

TcpFastOpenLinkabilityObserver::TcpFastOpenLinkabilityObserver()
{
    NS_LOG_FUNCTION(this);
}

void
TcpFastOpenLinkabilityObserver::Attach(Ptr<NetDevice> device)
{
    NS_ABORT_MSG_IF(!device, "TcpFastOpenLinkabilityObserver::Attach: null device");
    const bool ok =
        device->TraceConnectWithoutContext("MacTx",
                                           MakeCallback(&TcpFastOpenLinkabilityObserver::Tx, this));
    NS_ABORT_MSG_IF(!ok,
                    "TcpFastOpenLinkabilityObserver::Attach: device "
                        << device->GetInstanceTypeId().GetName() << " has no MacTx trace");
}

void
TcpFastOpenLinkabilityObserver::Tx(Ptr<const Packet> packet)
{
    Ptr<Packet> p = packet->Copy();
    // Point-to-point devices trace "MacTx"/"MacRx" with their PPP header
    // (protocol 0x0021 = IPv4) in front of the IP header.
    uint8_t ppp[2] = {0, 0};
    if (p->CopyData(ppp, 2) == 2 && ppp[0] == 0x00 && ppp[1] == 0x21)
    {
        p->RemoveAtStart(2);
    }
    Ipv4Header ip;
    if (p->GetSize() < 40 || p->RemoveHeader(ip) == 0 || ip.GetProtocol() != 6 ||
        ip.GetFragmentOffset() != 0)
    {
        return;
    }
    TcpHeader tcp;
    p->RemoveHeader(tcp);
    const uint8_t flags = tcp.GetFlags();
    if (!(flags & TcpHeader::SYN) || (flags & (TcpHeader::ACK | TcpHeader::RST)))
    {
        return;
    }
    Key key(ip.GetSource(), tcp.GetSourcePort(), ip.GetDestination(), tcp.GetDestinationPort());
    if (!m_seen.insert(key).second)
    {
        return; // a retransmitted SYN: the same connection
    }
    Connection c;
    c.client = ip.GetSource();
    c.clientPort = tcp.GetSourcePort();
    c.server = ip.GetDestination();
    c.serverPort = tcp.GetDestinationPort();
    if (auto tfo = TcpOptionFastOpen::Find(tcp); tfo && !tfo->isRequest)
    {
        c.cookie = tfo->cookie;
    }
    m_connections.push_back(c);
}

const std::vector<TcpFastOpenLinkabilityObserver::Connection>&
TcpFastOpenLinkabilityObserver::GetConnectionList() const
{
    return m_connections;
}

uint32_t
TcpFastOpenLinkabilityObserver::GetConnections() const
{
    return m_connections.size();
}

uint32_t
TcpFastOpenLinkabilityObserver::GetConnectionsWithCookie() const
{
    uint32_t n = 0;
    for (const auto& c : m_connections)
    {
        n += c.cookie.IsEmpty() ? 0 : 1;
    }
    return n;
}

uint64_t
TcpFastOpenLinkabilityObserver::GetLinkedPairs() const
{
    std::map<std::string, uint64_t> groups;
    for (const auto& c : m_connections)
    {
        if (!c.cookie.IsEmpty())
        {
            ++groups[c.cookie.ToHex()];
        }
    }
    uint64_t pairs = 0;
    for (const auto& [cookie, g] : groups)
    {
        pairs += g * (g - 1) / 2;
    }
    return pairs;
}

uint32_t
TcpFastOpenLinkabilityObserver::GetLinkedConnections() const
{
    std::map<std::string, uint32_t> groups;
    for (const auto& c : m_connections)
    {
        if (!c.cookie.IsEmpty())
        {
            ++groups[c.cookie.ToHex()];
        }
    }
    uint32_t n = 0;
    for (const auto& [cookie, g] : groups)
    {
        n += g >= 2 ? g : 0;
    }
    return n;
}

uint64_t
TcpFastOpenLinkabilityObserver::GetWrongPairs() const
{
    uint64_t wrong = 0;
    for (size_t i = 0; i < m_connections.size(); ++i)
    {
        for (size_t j = i + 1; j < m_connections.size(); ++j)
        {
            const auto& a = m_connections[i];
            const auto& b = m_connections[j];
            if (!a.cookie.IsEmpty() && a.cookie == b.cookie && a.client != b.client)
            {
                ++wrong;
            }
        }
    }
    return wrong;
}

} // namespace ns3
