/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-listen-queues.h"

#include "tcp-fast-open-counters.h"
#include "tcp-linux-socket-base.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpListenQueues");

TypeId
TcpListenQueues::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpListenQueues")
            .SetParent<ObjectBase>()
            .SetGroupName("TcpFastOpen")
            .AddTraceSource("SynQueue",
                            "Listener: requests in the SYN queue (children in SYN_RCVD "
                            "that are not Fast Open children).",
                            MakeTraceSourceAccessor(&TcpListenQueues::m_synQueue),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("AcceptQueue",
                            "Listener: children established (or Fast Open) but not yet "
                            "accepted by the application.",
                            MakeTraceSourceAccessor(&TcpListenQueues::m_acceptQueueLength),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("ChildSockets",
                            "Listener: children forked from it that have not reached CLOSED.",
                            MakeTraceSourceAccessor(&TcpListenQueues::m_childSockets),
                            "ns3::TracedValueCallback::Uint32");
    return tid;
}

TypeId
TcpListenQueues::GetInstanceTypeId() const
{
    return GetTypeId();
}

bool
TcpListenQueues::SynQueueIsFull(const Limits& limits) const
{
    // inet_csk_reqsk_queue_is_full as Linux 6.18 has it: qlen >
    // sk_max_ack_backlog, so backlog + 1 requests fit (">=" until 2025).
    return m_synQueue > limits.maxAckBacklog;
}

bool
TcpListenQueues::AcceptQueueIsFull(const Limits& limits) const
{
    // sk_acceptq_is_full: sk_ack_backlog > sk_max_ack_backlog.
    return m_acceptQueueLength > limits.maxAckBacklog;
}

bool
TcpListenQueues::SynFloodAction(const Limits& limits, const Ptr<TcpFastOpenCounters>& counters)
{
    // tcp_syn_flood_action: cookies if net.ipv4.tcp_syncookies allows them.
    if (limits.synCookies != 0)
    {
        counters->Increment(TcpFastOpenCounters::REQ_Q_FULL_DO_COOKIES);
        return true;
    }
    counters->Increment(TcpFastOpenCounters::REQ_Q_FULL_DROP);
    return false;
}

TcpListenQueues::Verdict
TcpListenQueues::Admit(const Limits& limits, const Ptr<TcpFastOpenCounters>& counters) const
{
    // tcp_conn_request, in its order.
    bool wantCookie = false;
    if (limits.synCookies == 2 || SynQueueIsFull(limits))
    {
        wantCookie = SynFloodAction(limits, counters);
        if (!wantCookie)
        {
            counters->Increment(TcpFastOpenCounters::LISTEN_DROPS);
            return DROP;
        }
    }
    if (AcceptQueueIsFull(limits))
    {
        counters->Increment(TcpFastOpenCounters::LISTEN_OVERFLOWS);
        counters->Increment(TcpFastOpenCounters::LISTEN_DROPS);
        return DROP;
    }
    // "Without syncookies last quarter of backlog is filled with destinations
    // proven to be alive" (tcp_peer_is_proven: no peer is proven here).
    if (!wantCookie && limits.synCookies == 0 &&
        limits.maxSynBacklog - std::min<uint32_t>(m_synQueue, limits.maxSynBacklog) <
            (limits.maxSynBacklog >> 2))
    {
        counters->Increment(TcpFastOpenCounters::LISTEN_DROPS);
        return DROP;
    }
    NS_LOG_LOGIC(this << (wantCookie ? " SYN: SYN cookie" : " SYN: request queued"));
    return wantCookie ? COOKIE : PROCEED;
}

bool
TcpListenQueues::SynRecvSockOverflow(const Limits& limits,
                                     const Ptr<TcpFastOpenCounters>& counters) const
{
    if (!AcceptQueueIsFull(limits))
    {
        return false;
    }
    counters->Increment(TcpFastOpenCounters::LISTEN_OVERFLOWS);
    counters->Increment(TcpFastOpenCounters::LISTEN_DROPS);
    return true;
}

void
TcpListenQueues::SynQueueAdded()
{
    m_synQueue++;
    m_synQueueYoung++;
}

void
TcpListenQueues::SynQueueRemoved(bool young)
{
    m_synQueue--;
    if (young)
    {
        m_synQueueYoung--;
    }
}

void
TcpListenQueues::SynQueueRequestAged()
{
    m_synQueueYoung--;
}

uint32_t
TcpListenQueues::PruneSynAckRetries(uint32_t maxRetries, const Limits& limits) const
{
    // reqsk_timer_handler: "we reserve half of room for young embrions; and
    // abort old ones without pity, if old ones are about to clog our table."
    const uint64_t qlen = m_synQueue;
    if (qlen * 2 <= std::max<uint64_t>(8, limits.maxAckBacklog))
    {
        return maxRetries;
    }
    uint64_t young = uint64_t(m_synQueueYoung) * 2;
    while (maxRetries > 2 && qlen >= young)
    {
        maxRetries--;
        young *= 2;
    }
    return maxRetries;
}

void
TcpListenQueues::ChildCreated()
{
    m_childSockets++;
}

void
TcpListenQueues::ChildClosed()
{
    m_childSockets--;
}

void
TcpListenQueues::Add(Ptr<TcpLinuxSocketBase> child,
                     const Address& from,
                     double acceptRate,
                     DeliverCallback deliver)
{
    // inet_csk_reqsk_queue_add -> sk_acceptq_added.
    m_acceptRate = acceptRate;
    m_deliver = deliver;
    m_acceptQueue.emplace_back(child, from);
    m_acceptQueueLength = m_acceptQueue.size();
    if (m_acceptEvent.IsExpired())
    {
        m_acceptEvent =
            Simulator::Schedule(Seconds(1.0 / m_acceptRate), &TcpListenQueues::AcceptOne, this);
    }
}

void
TcpListenQueues::AcceptOne()
{
    // inet_csk_accept: the application takes the oldest child, also one that
    // died in the queue (reset, or dropped at an ICMP error): its data is read,
    // then the error is reported and a write fails.
    if (!m_acceptQueue.empty())
    {
        auto [child, from] = m_acceptQueue.front();
        m_acceptQueue.pop_front();
        m_acceptQueueLength = m_acceptQueue.size();
        m_deliver(child, from);
    }
    if (!m_acceptQueue.empty())
    {
        m_acceptEvent =
            Simulator::Schedule(Seconds(1.0 / m_acceptRate), &TcpListenQueues::AcceptOne, this);
    }
}

bool
TcpListenQueues::IsWaiting(const TcpLinuxSocketBase* child) const
{
    return std::any_of(m_acceptQueue.begin(), m_acceptQueue.end(), [child](const auto& entry) {
        return PeekPointer(entry.first) == child;
    });
}

std::list<Ptr<TcpLinuxSocketBase>>
TcpListenQueues::Stop()
{
    m_acceptEvent.Cancel();
    std::list<Ptr<TcpLinuxSocketBase>> children;
    while (!m_acceptQueue.empty())
    {
        children.push_back(m_acceptQueue.front().first);
        m_acceptQueue.pop_front();
        m_acceptQueueLength = m_acceptQueue.size();
    }
    m_deliver = DeliverCallback();
    return children;
}

uint32_t
TcpListenQueues::GetSynQueueLength() const
{
    return m_synQueue;
}

uint32_t
TcpListenQueues::GetSynQueueYoung() const
{
    return m_synQueueYoung;
}

uint32_t
TcpListenQueues::GetAcceptQueueLength() const
{
    return m_acceptQueueLength;
}

uint32_t
TcpListenQueues::GetChildSocketCount() const
{
    return m_childSockets;
}

} // namespace ns3
