/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-server-farm-resolver.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenServerFarmResolver");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenServerFarmResolver);

TypeId
TcpFastOpenServerFarmResolver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenServerFarmResolver")
            .SetParent<Object>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpFastOpenServerFarmResolver>()
            .AddAttribute(
                "Policy",
                "How each lookup chooses an address: RANDOM, ROUND_ROBIN or STICKY",
                EnumValue(RANDOM),
                TFO_MAKE_ENUM_ACCESSOR(Policy, &TcpFastOpenServerFarmResolver::m_policy),
                MakeEnumChecker(RANDOM, "RANDOM", ROUND_ROBIN, "ROUND_ROBIN", STICKY, "STICKY"));
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenServerFarmResolver)

TcpFastOpenServerFarmResolver::TcpFastOpenServerFarmResolver()
    : m_rng(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

void
TcpFastOpenServerFarmResolver::DoDispose()
{
    m_rng = nullptr;
    Object::DoDispose();
}

void
TcpFastOpenServerFarmResolver::SetAddresses(const std::vector<Ipv4Address>& addresses)
{
    NS_ABORT_MSG_IF(addresses.empty(), "TcpFastOpenServerFarmResolver: a farm needs an address");
    std::set<Ipv4Address> unique(addresses.begin(), addresses.end());
    NS_ABORT_MSG_IF(unique.size() != addresses.size(),
                    "TcpFastOpenServerFarmResolver: the farm's addresses must differ");
    m_addresses = addresses;
}

const std::vector<Ipv4Address>&
TcpFastOpenServerFarmResolver::GetAddresses() const
{
    return m_addresses;
}

uint32_t
TcpFastOpenServerFarmResolver::Resolve(uint32_t client)
{
    NS_ABORT_MSG_IF(m_addresses.empty(), "TcpFastOpenServerFarmResolver: no addresses set");
    const uint32_t n = m_addresses.size();
    ClientState& state = m_clients[client];
    const uint32_t k = state.lookups++;
    uint32_t answer = 0;
    if (k == 0 || m_policy == RANDOM)
    {
        answer = m_rng->GetInteger(0, n - 1);
        if (k == 0)
        {
            state.first = answer;
        }
    }
    else if (m_policy == ROUND_ROBIN)
    {
        answer = (state.first + k) % n;
    }
    else
    {
        answer = state.first;
    }
    NS_LOG_LOGIC("client " << client << " lookup " << k << " -> " << m_addresses[answer]);
    return answer;
}

uint32_t
TcpFastOpenServerFarmResolver::GetLookups(uint32_t client) const
{
    auto it = m_clients.find(client);
    return it == m_clients.end() ? 0 : it->second.lookups;
}

int64_t
TcpFastOpenServerFarmResolver::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

std::string
TcpFastOpenServerFarmResolver::PolicyToString(Policy policy)
{
    switch (policy)
    {
    case RANDOM:
        return "RANDOM";
    case ROUND_ROBIN:
        return "ROUND_ROBIN";
    case STICKY:
        return "STICKY";
    }
    return "UNKNOWN";
}

bool
TcpFastOpenServerFarmResolver::ParsePolicy(const std::string& name, Policy& policy)
{
    std::string upper = name;
    std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) {
        return static_cast<char>(std::toupper(c));
    });
    for (auto p : {RANDOM, ROUND_ROBIN, STICKY})
    {
        if (PolicyToString(p) == upper)
        {
            policy = p;
            return true;
        }
    }
    return false;
}

} // namespace ns3
