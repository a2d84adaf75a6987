/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_SERVER_FARM_OBSERVER_H
#define TCP_FAST_OPEN_SERVER_FARM_OBSERVER_H

#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/tcp-fast-open-cookie.h"
#include "ns3/tcp-fast-open-ns3-compat.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief A passive observer on the path that links connections by their
 * Fast Open cookie (the tracking Sy et al., PoPETs 2020, describe).
 *
 * It watches the IPv4 packets a device transmits (Attach(): the device's
 * "MacTx" trace, where the packet starts with the IP header, as on
 * point-to-point and CSMA devices). Every connection is identified by its
 * first SYN (no ACK) (client address and port, server address and port; a
 * retransmitted SYN is the same connection) and labelled with the cookie that
 * SYN carried, if any (TcpOptionFastOpen::Find). Connections whose SYNs carry
 * the same cookie value are linked: the observer knows they come from one
 * client without looking at anything else. Cookie requests and plain SYNs
 * link nothing.
 *
 * Metrics: GetConnections(); GetLinkedPairs() = sum over cookie values of
 * g (g - 1) / 2 for a value seen in g connections; GetLinkedConnections() =
 * connections whose cookie was seen in at least one other connection;
 * GetWrongPairs() = linked pairs whose client addresses differ (0 with
 * Linux's cookies, which hash the client address).
 */
class TcpFastOpenLinkabilityObserver : public Object
{
  public:
    /// One connection as the observer saw it.
    struct Connection
    {
        Ipv4Address client;       //!< client address
        uint16_t clientPort{0};   //!< client port
        Ipv4Address server;       //!< server address
        uint16_t serverPort{0};   //!< server port
        TcpFastOpenCookie cookie; //!< cookie in its SYN (empty: none)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpFastOpenLinkabilityObserver();

    /**
     * \brief Watch what a device transmits.
     * \param device the device (its "MacTx" packets start with the IPv4 header)
     */
    void Attach(Ptr<NetDevice> device);

    /// \return every connection seen, in order
    const std::vector<Connection>& GetConnectionList() const;
    /// \return connections seen
    uint32_t GetConnections() const;
    /// \return connections whose SYN carried a cookie
    uint32_t GetConnectionsWithCookie() const;
    /// \return pairs of connections linked by an equal cookie
    uint64_t GetLinkedPairs() const;
    /// \return connections linked to at least one other connection
    uint32_t GetLinkedConnections() const;
    /// \return linked pairs whose client addresses differ
    uint64_t GetWrongPairs() const;

  private:
    /**
     * \brief "MacTx" sink.
     * \param packet the packet, starting with the IPv4 header
     */
    void Tx(Ptr<const Packet> packet);

    /// Client address, client port, server address, server port.
    using Key = std::tuple<Ipv4Address, uint16_t, Ipv4Address, uint16_t>;
    std::set<Key> m_seen;                  //!< connections seen
    std::vector<Connection> m_connections; //!< in order
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_SERVER_FARM_OBSERVER_H */
