/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "syn-flood-attacker-helper.h"

#include "ns3/tcp-syn-flood-attacker.h"
#include "ns3/uinteger.h"

namespace ns3
{

SynFloodAttackerHelper::SynFloodAttackerHelper(Ipv4Address server, uint16_t port)
    : TcpFastOpenApplicationHelper(TcpSynFloodAttacker::GetTypeId())
{
    SetAttribute("Server", Ipv4AddressValue(server));
    SetAttribute("ServerPort", UintegerValue(port));
}

} // namespace ns3
