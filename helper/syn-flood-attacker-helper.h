/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SYN_FLOOD_ATTACKER_HELPER_H
#define SYN_FLOOD_ATTACKER_HELPER_H

#include "ns3/ipv4-address.h"
#include "ns3/tcp-fast-open-application-helper.h"

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Installs TcpSynFloodAttacker (ns-3 application-helper style)
 * against one server.
 *
 * \code
 *   SynFloodAttackerHelper flood(serverAddress, 80);
 *   flood.SetAttribute("Rate", DoubleValue(1000));
 *   ApplicationContainer attackers = flood.Install(attackerNode);
 *   attackers.Start(Seconds(1));
 *   attackers.Stop(Seconds(5));
 * \endcode
 *
 * The attacker forges raw IPv4 segments (see TcpSynFloodAttacker), so the
 * server is an IPv4 address.
 */
class SynFloodAttackerHelper : public TcpFastOpenApplicationHelper
{
  public:
    /**
     * \param server the attacked server's address
     * \param port its listening port
     */
    SynFloodAttackerHelper(Ipv4Address server, uint16_t port);
};

} // namespace ns3

#endif /* SYN_FLOOD_ATTACKER_HELPER_H */
