/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-linux-time-wait-table.h"

#include "ns3/uinteger.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TcpLinuxTimeWaitTable);

TypeId
TcpLinuxTimeWaitTable::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpLinuxTimeWaitTable")
            .SetParent<Object>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpLinuxTimeWaitTable>()
            .AddAttribute("MaxBuckets",
                          "net.ipv4.tcp_max_tw_buckets: connections the node holds in "
                          "TIME_WAIT at once; one more closes without TIME_WAIT "
                          "(TcpExtTCPTimeWaitOverflow). Linux sets half its established "
                          "hash size, which grows with memory (262144 for 524288 entries).",
                          UintegerValue(262144),
                          MakeUintegerAccessor(&TcpLinuxTimeWaitTable::m_maxBuckets),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Count",
                            "Connections in TIME_WAIT on the node.",
                            MakeTraceSourceAccessor(&TcpLinuxTimeWaitTable::m_count),
                            "ns3::TracedValueCallback::Uint32");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpLinuxTimeWaitTable)

bool
TcpLinuxTimeWaitTable::HasRoom() const
{
    return m_count < m_maxBuckets;
}

void
TcpLinuxTimeWaitTable::Add()
{
    m_count = m_count + 1;
}

void
TcpLinuxTimeWaitTable::Remove()
{
    m_count = m_count - 1;
}

uint32_t
TcpLinuxTimeWaitTable::GetCount() const
{
    return m_count;
}

} // namespace ns3
