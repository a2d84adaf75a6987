/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-counters.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"

#include <cstdio>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenCounters");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenCounters);

namespace
{
/// Linux MIB names (include/uapi/linux/snmp.h, net/ipv4/proc.c), by Counter.
const char* const kCounterNames[TcpFastOpenCounters::COUNTER_COUNT] = {
    "ListenOverflows",
    "ListenDrops",
    "TCPFastOpenActive",
    "TCPFastOpenActiveFail",
    "TCPFastOpenPassive",
    "TCPFastOpenPassiveFail",
    "TCPFastOpenListenOverflow",
    "TCPFastOpenCookieReqd",
    "TCPFastOpenBlackhole",
    "TCPFastOpenPassiveAltKey",
    "TCPReqQFullDoCookies",
    "TCPReqQFullDrop",
    "SyncookiesSent",
    "SyncookiesRecv",
    "SyncookiesFailed",
    "TW",
    "TWKilled",
    "PAWSEstab",
    "TCPACKSkippedTimeWait",
    "TCPTimeWaitOverflow",
    "EmbryonicRsts",
    "TCPACKSkippedFinWait2",
    "TCPAbortOnData",
};
} // namespace

TypeId
TcpFastOpenCounters::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenCounters")
            .SetParent<Object>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpFastOpenCounters>()
            .AddTraceSource("Warning",
                            "A configuration warning for this node (e.g. the "
                            "server bit without a pending-TFO limit).",
                            MakeTraceSourceAccessor(&TcpFastOpenCounters::m_warningTrace),
                            "ns3::TcpFastOpenCounters::WarningTracedCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenCounters)

TcpFastOpenCounters::TcpFastOpenCounters()
{
    m_values.fill(0);
}

void
TcpFastOpenCounters::Increment(Counter counter, uint64_t n)
{
    NS_LOG_FUNCTION(this << GetName(counter) << n);
    m_values[counter] += n;
}

uint64_t
TcpFastOpenCounters::Get(Counter counter) const
{
    return m_values[counter];
}

uint64_t
TcpFastOpenCounters::Get(const std::string& name) const
{
    const std::string bare = name.rfind("TcpExt", 0) == 0 ? name.substr(6) : name;
    for (uint8_t c = 0; c < COUNTER_COUNT; ++c)
    {
        if (bare == kCounterNames[c])
        {
            return m_values[c];
        }
    }
    std::ostringstream known;
    for (const char* n : kCounterNames)
    {
        known << ' ' << n;
    }
    NS_ABORT_MSG("Unknown counter \"" << name << "\"; known counters:" << known.str());
    return 0;
}

std::string
TcpFastOpenCounters::GetName(Counter counter)
{
    return kCounterNames[counter];
}

void
TcpFastOpenCounters::Reset()
{
    m_values.fill(0);
}

void
TcpFastOpenCounters::Print(std::ostream& os, bool onlyFastOpen) const
{
    if (!onlyFastOpen)
    {
        os << "#kernel\n";
    }
    char line[128];
    for (uint8_t c = 0; c < COUNTER_COUNT; ++c)
    {
        const std::string name = std::string("TcpExt") + kCounterNames[c];
        if (onlyFastOpen && name.find("FastOpen") == std::string::npos)
        {
            continue;
        }
        // iproute2 misc/nstat.c: "%-32s%-16llu%6.1f\n"
        std::snprintf(line,
                      sizeof(line),
                      "%-32s%-16llu%6.1f\n",
                      name.c_str(),
                      static_cast<unsigned long long>(m_values[c]),
                      0.0);
        os << line;
    }
}

void
TcpFastOpenCounters::Warn(const std::string& message)
{
    NS_LOG_WARN(message);
    m_warnings.push_back(message);
    m_warningTrace(message);
}

const std::vector<std::string>&
TcpFastOpenCounters::GetWarnings() const
{
    return m_warnings;
}

} // namespace ns3
