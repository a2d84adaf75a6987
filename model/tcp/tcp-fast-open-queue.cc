/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-queue.h"

#include "ns3/assert.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenQueue");

TypeId
TcpFastOpenQueue::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenQueue")
            .SetParent<ObjectBase>()
            .SetGroupName("TcpFastOpen")
            .AddTraceSource("PendingFastOpen",
                            "Listener: children counted against the pending-TFO limit.",
                            MakeTraceSourceAccessor(&TcpFastOpenQueue::m_qlen),
                            "ns3::TracedValueCallback::Uint32");
    return tid;
}

TypeId
TcpFastOpenQueue::GetInstanceTypeId() const
{
    return GetTypeId();
}

TcpFastOpenQueue::CheckResult
TcpFastOpenQueue::Check(uint32_t maxQlen, Time now)
{
    if (maxQlen == 0)
    {
        return DISABLED;
    }
    if (m_qlen >= maxQlen)
    {
        // Full: free the oldest slot held for a reset child if its time is up.
        if (m_resetSlotExpiry.empty() || m_resetSlotExpiry.front() > now)
        {
            return FULL;
        }
        m_resetSlotExpiry.pop_front();
        m_qlen--;
    }
    return ALLOWED;
}

void
TcpFastOpenQueue::Add()
{
    m_qlen++;
    NS_LOG_LOGIC(this << " pending TFO children: " << m_qlen);
}

void
TcpFastOpenQueue::Remove(bool holdSlot, Time now)
{
    NS_ASSERT(m_qlen > 0);
    if (holdSlot)
    {
        // A child reset by the client keeps its slot for the hold time,
        // against floods that spoof a cookie owner's address.
        m_resetSlotExpiry.push_back(now + m_resetHoldTime);
    }
    else
    {
        m_qlen--;
    }
    NS_LOG_LOGIC(this << " pending TFO children: " << m_qlen << " held=" << holdSlot);
}

uint32_t
TcpFastOpenQueue::GetQlen() const
{
    return m_qlen;
}

uint32_t
TcpFastOpenQueue::GetHeldSlots() const
{
    return m_resetSlotExpiry.size();
}

void
TcpFastOpenQueue::SetResetHoldTime(Time hold)
{
    m_resetHoldTime = hold;
}

Time
TcpFastOpenQueue::GetResetHoldTime() const
{
    return m_resetHoldTime;
}

} // namespace ns3
