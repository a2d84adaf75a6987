/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/tcp-fast-open-blackhole-detector.h"
#include "ns3/tcp-fast-open-cookie-cache.h"
#include "ns3/tcp-fast-open-cookie-generator.h"
#include "ns3/tcp-fast-open-counters.h"
#include "ns3/tcp-fast-open-key.h"
#include "ns3/tcp-fast-open-socket-factory.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-linux-time-wait-table.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenHelper");

namespace
{
/// TCPOLEN_TSTAMP_ALIGNED: Linux's data segments carry MSS - 12 bytes.
constexpr uint32_t kTimestampOptionSpace = 12;

/**
 * \param node a node
 * \return the largest MTU of its IPv4 interfaces other than loopback (1500 if none)
 */
uint32_t
GetNodeMtu(Ptr<Node> node)
{
    uint32_t mtu = 0;
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    if (ipv4)
    {
        for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
        {
            mtu = std::max<uint32_t>(mtu, ipv4->GetMtu(i));
        }
    }
    return mtu > 0 ? mtu : 1500;
}
} // namespace

TcpFastOpenHelper::TcpFastOpenHelper()
{
    m_generatorFactory.SetTypeId(TcpFastOpenCookieGenerator::GetTypeId());
    m_cacheFactory.SetTypeId(TcpFastOpenCookieCache::GetTypeId());
    m_blackholeFactory.SetTypeId(TcpFastOpenBlackholeDetector::GetTypeId());
}

std::string
TcpFastOpenHelper::GetSocketFactoryType()
{
    return TcpFastOpenSocketFactory::GetTypeId().GetName();
}

void
TcpFastOpenHelper::SetMode(uint32_t mode)
{
    SetSocketAttribute("Mode", UintegerValue(mode));
}

void
TcpFastOpenHelper::SetSocketAttribute(const std::string& name, const AttributeValue& value)
{
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(TcpFastOpenSocket::GetTypeId().LookupAttributeByName(name, &info),
                        "TcpFastOpenHelper: no socket attribute named \"" << name << "\"");
    m_socketAttributes.emplace_back(name, value.Copy());
}

void
TcpFastOpenHelper::SetCookieGeneratorAttribute(const std::string& name, const AttributeValue& value)
{
    m_generatorFactory.Set(name, value);
}

void
TcpFastOpenHelper::SetCookieCacheAttribute(const std::string& name, const AttributeValue& value)
{
    m_cacheFactory.Set(name, value);
}

void
TcpFastOpenHelper::SetBlackholeDetectorAttribute(const std::string& name,
                                                 const AttributeValue& value)
{
    m_blackholeFactory.Set(name, value);
}

void
TcpFastOpenHelper::SetLinuxDefaults(bool enable)
{
    m_linuxDefaults = enable;
}

void
TcpFastOpenHelper::Install(NodeContainer nodes) const
{
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        Install(*i);
    }
}

void
TcpFastOpenHelper::Install(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node->GetId());
    NS_ABORT_MSG_UNLESS(node->GetObject<TcpL4Protocol>(),
                        "TcpFastOpenHelper: node " << node->GetId()
                                                   << " has no TCP: install the Internet stack "
                                                      "(InternetStackHelper) first");
    NS_ABORT_MSG_IF(node->GetObject<TcpFastOpenSocketFactory>(),
                    "TcpFastOpenHelper: TFO is already installed on node " << node->GetId());

    Ptr<TcpFastOpenSocketFactory> factory = CreateObject<TcpFastOpenSocketFactory>();
    if (m_linuxDefaults)
    {
        // The Linux-defaults profile; attributes set explicitly below win.
        factory->SetSocketAttribute("ConnTimeout", TimeValue(Seconds(1)));
        // ns-3 counts SYN transmissions, Linux retransmissions (tcp_syn_retries 6).
        factory->SetSocketAttribute("ConnCount", UintegerValue(7));
        factory->SetSocketAttribute("SynAckRetries", UintegerValue(5));
        factory->SetSocketAttribute("MaxSegLifetime", DoubleValue(30)); // TIME_WAIT 60 s
        factory->SetSocketAttribute("RandomIsn", BooleanValue(true));
        factory->SetSocketAttribute("MinRto", TimeValue(MilliSeconds(200)));
        factory->SetSocketAttribute("DelAckTimeout", TimeValue(MilliSeconds(40)));
        factory->SetSocketAttribute("QuickAcks", UintegerValue(16)); // TCP_MAX_QUICKACKS
        factory->SetSocketAttribute("LinuxRttEstimator", BooleanValue(true));
        factory->SetSocketAttribute("InitialCwnd", UintegerValue(10));
        factory->SetSocketAttribute(
            "SegmentSize",
            UintegerValue(GetNodeMtu(node) - 20 - 20 - kTimestampOptionSpace));
        factory->SetSocketAttribute("LinuxMss", BooleanValue(true));
    }
    for (const auto& [name, value] : m_socketAttributes)
    {
        factory->SetSocketAttribute(name, *value);
    }
    node->AggregateObject(factory);
    node->AggregateObject(m_generatorFactory.Create<TcpFastOpenCookieGenerator>());
    node->AggregateObject(m_cacheFactory.Create<TcpFastOpenCookieCache>());
    Ptr<TcpFastOpenCounters> counters = CreateObject<TcpFastOpenCounters>();
    node->AggregateObject(counters);
    for (const std::string& warning : GetConfigurationWarnings())
    {
        counters->Warn("TcpFastOpenHelper: node " + std::to_string(node->GetId()) + ": " + warning);
    }
    node->AggregateObject(m_blackholeFactory.Create<TcpFastOpenBlackholeDetector>());
    node->AggregateObject(CreateObject<TcpLinuxTimeWaitTable>());
}

uint64_t
TcpFastOpenHelper::GetSocketUinteger(const std::string& name) const
{
    for (auto i = m_socketAttributes.rbegin(); i != m_socketAttributes.rend(); ++i)
    {
        if (i->first == name)
        {
            const auto* value = dynamic_cast<const UintegerValue*>(PeekPointer(i->second));
            NS_ABORT_MSG_UNLESS(value, "TcpFastOpenHelper: " << name << " is not an integer");
            return value->Get();
        }
    }
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(TcpFastOpenSocket::GetTypeId().LookupAttributeByName(name, &info),
                        "TcpFastOpenHelper: no socket attribute " << name);
    UintegerValue value;
    value.DeserializeFromString(info.initialValue->SerializeToString(info.checker), info.checker);
    return value.Get();
}

std::vector<std::string>
TcpFastOpenHelper::GetConfigurationWarnings() const
{
    std::vector<std::string> warnings;
    const uint64_t mode = GetSocketUinteger("Mode");
    if ((mode & TcpFastOpenSocket::SERVER_ENABLE) &&
        !(mode & TcpFastOpenSocket::SERVER_WO_SOCKOPT) &&
        GetSocketUinteger("FastOpenQueueLength") == 0)
    {
        std::ostringstream os;
        os << "Mode 0x" << std::hex << mode
           << " sets the server bit (0x2), but FastOpenQueueLength is 0 and Mode lacks 0x400: "
              "no listener accepts SYN data (TFO is off on the server, as on Linux without "
              "setsockopt(TCP_FASTOPEN)); set FastOpenQueueLength or add 0x400 to Mode";
        warnings.push_back(os.str());
    }
    return warnings;
}

int64_t
TcpFastOpenHelper::AssignStreams(NodeContainer nodes, int64_t stream) const
{
    int64_t current = stream;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        Ptr<TcpFastOpenCookieGenerator> generator = (*i)->GetObject<TcpFastOpenCookieGenerator>();
        if (generator)
        {
            current += generator->AssignStreams(current);
        }
    }
    return current - stream;
}

Ptr<TcpFastOpenCounters>
TcpFastOpenHelper::GetCounters(Ptr<Node> node)
{
    Ptr<TcpFastOpenCounters> counters = node->GetObject<TcpFastOpenCounters>();
    NS_ABORT_MSG_UNLESS(counters,
                        "TcpFastOpenHelper: TFO is not installed on node " << node->GetId());
    return counters;
}

Ptr<TcpFastOpenCookieGenerator>
TcpFastOpenHelper::GetCookieGenerator(Ptr<Node> node)
{
    Ptr<TcpFastOpenCookieGenerator> generator = node->GetObject<TcpFastOpenCookieGenerator>();
    NS_ABORT_MSG_UNLESS(generator,
                        "TcpFastOpenHelper: TFO is not installed on node " << node->GetId());
    return generator;
}

Ptr<TcpFastOpenCookieCache>
TcpFastOpenHelper::GetCookieCache(Ptr<Node> node)
{
    Ptr<TcpFastOpenCookieCache> cache = node->GetObject<TcpFastOpenCookieCache>();
    NS_ABORT_MSG_UNLESS(cache, "TcpFastOpenHelper: TFO is not installed on node " << node->GetId());
    return cache;
}

Ptr<TcpFastOpenBlackholeDetector>
TcpFastOpenHelper::GetBlackholeDetector(Ptr<Node> node)
{
    Ptr<TcpFastOpenBlackholeDetector> detector = node->GetObject<TcpFastOpenBlackholeDetector>();
    NS_ABORT_MSG_UNLESS(detector,
                        "TcpFastOpenHelper: TFO is not installed on node " << node->GetId());
    return detector;
}

Ptr<TcpLinuxTimeWaitTable>
TcpFastOpenHelper::GetTimeWaitTable(Ptr<Node> node)
{
    Ptr<TcpLinuxTimeWaitTable> table = node->GetObject<TcpLinuxTimeWaitTable>();
    NS_ABORT_MSG_UNLESS(table, "TcpFastOpenHelper: TFO is not installed on node " << node->GetId());
    return table;
}

void
TcpFastOpenHelper::PrintCounters(Ptr<Node> node, std::ostream& os, bool onlyFastOpen)
{
    GetCounters(node)->Print(os, onlyFastOpen);
}

void
TcpFastOpenHelper::SetKey(Ptr<Node> node, const std::string& keys)
{
    std::string error;
    NS_ABORT_MSG_UNLESS(GetCookieGenerator(node)->SetKeysFromString(keys, error),
                        "TcpFastOpenHelper::SetKey \"" << keys << "\": " << error);
}

void
TcpFastOpenHelper::ScheduleKeyRotation(Ptr<Node> node, Time delay, const std::string& newPrimary)
{
    TcpFastOpenKey key;
    std::string error;
    NS_ABORT_MSG_UNLESS(TcpFastOpenKey::Parse(newPrimary, key, error),
                        "TcpFastOpenHelper::ScheduleKeyRotation \"" << newPrimary
                                                                    << "\": " << error);
    GetCookieGenerator(node)->ScheduleRotation(delay, key);
}

} // namespace ns3
