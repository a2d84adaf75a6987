/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-blackhole-detector.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenBlackholeDetector");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenBlackholeDetector);

TypeId
TcpFastOpenBlackholeDetector::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenBlackholeDetector")
            .SetParent<Object>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpFastOpenBlackholeDetector>()
            .AddAttribute("Timeout",
                          "net.ipv4.tcp_fastopen_blackhole_timeout_sec: the first pause of "
                          "active TFO after a suspected blackhole; 0 turns detection off "
                          "(Linux's default since 5.14; 3600 s before).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&TcpFastOpenBlackholeDetector::m_timeout),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Paused",
                            "Active TFO was paused (pause count, end of the pause).",
                            MakeTraceSourceAccessor(&TcpFastOpenBlackholeDetector::m_pausedTrace),
                            "ns3::TcpFastOpenBlackholeDetector::PausedTracedCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenBlackholeDetector)

TcpFastOpenBlackholeDetector::TcpFastOpenBlackholeDetector()
{
    NS_LOG_FUNCTION(this);
}

Time
TcpFastOpenBlackholeDetector::GetPauseLength(uint32_t n) const
{
    // "Limit timeout to max: 2^6 * initial timeout"
    return m_timeout * (1 << std::min<uint32_t>(n > 0 ? n - 1 : 0, 6));
}

bool
TcpFastOpenBlackholeDetector::ShouldDisable(bool& check) const
{
    check = false;
    if (m_timeout.IsZero() || m_disableTimes == 0)
    {
        return false;
    }
    if (Simulator::Now() < GetPausedUntil())
    {
        return true;
    }
    check = true; // syn_fastopen_ch: this connection may reset the count
    return false;
}

bool
TcpFastOpenBlackholeDetector::Disable()
{
    if (m_timeout.IsZero())
    {
        return false;
    }
    m_disableStamp = Simulator::Now();
    m_disableTimes++;
    NS_LOG_INFO("active TFO paused (n=" << m_disableTimes << ") until "
                                        << GetPausedUntil().As(Time::S));
    m_pausedTrace(m_disableTimes, GetPausedUntil());
    return true;
}

void
TcpFastOpenBlackholeDetector::ReportHealthy()
{
    if (m_disableTimes > 0)
    {
        NS_LOG_INFO("a check connection received data: pause count reset");
        m_disableTimes = 0;
    }
}

uint32_t
TcpFastOpenBlackholeDetector::GetDisableCount() const
{
    return m_disableTimes;
}

Time
TcpFastOpenBlackholeDetector::GetPausedUntil() const
{
    return m_disableTimes == 0 ? Time(0) : m_disableStamp + GetPauseLength(m_disableTimes);
}

} // namespace ns3
