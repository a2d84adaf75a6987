/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-segment-duplicator.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/drop-tail-queue.h"
#include "ns3/enum.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-queue-disc-item.h"
#include "ns3/ipv6-header.h"
#include "ns3/ipv6-queue-disc-item.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <limits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSegmentDuplicator");
NS_OBJECT_ENSURE_REGISTERED(TcpSegmentDuplicator);

namespace
{
/// IP protocol number of TCP.
constexpr uint8_t kTcpProtocol = 6;
/// Size of a TCP header without options.
constexpr uint32_t kMinTcpHeader = 20;
} // namespace

TypeId
TcpSegmentDuplicator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpSegmentDuplicator")
            .SetParent<QueueDisc>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpSegmentDuplicator>()
            .AddAttribute("MaxSize",
                          "Limit of the whole queue disc, delayed items included",
                          QueueSizeValue(QueueSize("1000p")),
                          MakeQueueSizeAccessor(&QueueDisc::SetMaxSize, &QueueDisc::GetMaxSize),
                          MakeQueueSizeChecker())
            .AddAttribute("FlagsMask",
                          "TCP flags examined (FIN=1 SYN=2 RST=4 PSH=8 ACK=16 URG=32 ECE=64 "
                          "CWR=128): a segment matches when (flags & FlagsMask) == FlagsValue",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpSegmentDuplicator::m_flagsMask),
                          MakeUintegerChecker<uint8_t>())
            .AddAttribute("FlagsValue",
                          "Required value of the flags selected by FlagsMask (no bit outside it)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpSegmentDuplicator::m_flagsValue),
                          MakeUintegerChecker<uint8_t>())
            .AddAttribute("Payload",
                          "Payload criterion: any segment, only segments with data, only "
                          "segments without data",
                          EnumValue(TcpSegmentDuplicator::ANY),
                          TFO_MAKE_ENUM_ACCESSOR(TcpSegmentDuplicator::Payload,
                                                 &TcpSegmentDuplicator::m_payload),
                          MakeEnumChecker(TcpSegmentDuplicator::ANY,
                                          "ANY",
                                          TcpSegmentDuplicator::WITH_DATA,
                                          "WITH_DATA",
                                          TcpSegmentDuplicator::WITHOUT_DATA,
                                          "WITHOUT_DATA"))
            .AddAttribute("SkipMatches",
                          "Number of matching segments let through untouched before acting",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpSegmentDuplicator::m_skipMatches),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxMatches",
                          "Act on at most this many matching segments (0 = unlimited)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpSegmentDuplicator::m_maxMatches),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Copies",
                          "Extra copies of each acted-on segment; copy k (1..Copies) is sent "
                          "k * CopyDelay after the segment arrived",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpSegmentDuplicator::m_copies),
                          MakeUintegerChecker<uint32_t>(0, 1000))
            .AddAttribute("CopyDelay",
                          "Spacing of the copies (>= 0)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&TcpSegmentDuplicator::m_copyDelay),
                          MakeTimeChecker())
            .AddAttribute("OriginalDelay",
                          "Delay of the acted-on segment itself (>= 0; 0 = not delayed)",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&TcpSegmentDuplicator::m_originalDelay),
                          MakeTimeChecker())
            .AddAttribute("DropOriginal",
                          "Drop the acted-on segment (its copies, if any, are still sent)",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpSegmentDuplicator::m_dropOriginal),
                          MakeBooleanChecker())
            .AddTraceSource("Matched",
                            "A TCP segment met the match criteria (skipped ones included)",
                            MakeTraceSourceAccessor(&TcpSegmentDuplicator::m_matchedTrace),
                            "ns3::TcpSegmentDuplicator::SegmentTracedCallback")
            .AddTraceSource("Duplicated",
                            "An extra copy was injected (traced when it is created)",
                            MakeTraceSourceAccessor(&TcpSegmentDuplicator::m_duplicatedTrace),
                            "ns3::TcpSegmentDuplicator::SegmentTracedCallback")
            .AddTraceSource("Delayed",
                            "An acted-on segment was delayed (traced when it arrived)",
                            MakeTraceSourceAccessor(&TcpSegmentDuplicator::m_delayedTrace),
                            "ns3::TcpSegmentDuplicator::SegmentTracedCallback")
            .AddTraceSource("Dropped",
                            "An acted-on segment was dropped by the action",
                            MakeTraceSourceAccessor(&TcpSegmentDuplicator::m_droppedTrace),
                            "ns3::TcpSegmentDuplicator::SegmentTracedCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpSegmentDuplicator)

TcpSegmentDuplicator::TcpSegmentDuplicator()
    : QueueDisc(QueueDiscSizePolicy::MULTIPLE_QUEUES),
      m_flagsMask(0),
      m_flagsValue(0),
      m_payload(ANY),
      m_skipMatches(0),
      m_maxMatches(0),
      m_copies(0),
      m_dropOriginal(false)
{
    NS_LOG_FUNCTION(this);
}

TcpSegmentDuplicator::~TcpSegmentDuplicator()
{
    NS_LOG_FUNCTION(this);
}

void
TcpSegmentDuplicator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_watchdog.Cancel();
    QueueDisc::DoDispose();
}

uint64_t
TcpSegmentDuplicator::GetMatched() const
{
    return m_nMatched;
}

uint64_t
TcpSegmentDuplicator::GetActedOn() const
{
    return m_nActedOn;
}

uint64_t
TcpSegmentDuplicator::GetDuplicated() const
{
    return m_nDuplicated;
}

uint64_t
TcpSegmentDuplicator::GetDelayed() const
{
    return m_nDelayed;
}

uint64_t
TcpSegmentDuplicator::GetDropped() const
{
    return m_nDropped;
}

bool
TcpSegmentDuplicator::PeekTcp(Ptr<const QueueDiscItem> item,
                              TcpHeader& header,
                              uint32_t& payloadSize)
{
    if (auto v4 = DynamicCast<const Ipv4QueueDiscItem>(item))
    {
        const Ipv4Header& ip = v4->GetHeader();
        if (ip.GetProtocol() != kTcpProtocol || ip.GetFragmentOffset() != 0 || !ip.IsLastFragment())
        {
            return false;
        }
    }
    else if (auto v6 = DynamicCast<const Ipv6QueueDiscItem>(item))
    {
        if (v6->GetHeader().GetNextHeader() != kTcpProtocol)
        {
            return false;
        }
    }
    else
    {
        return false;
    }
    Ptr<const Packet> p = item->GetPacket();
    if (p->GetSize() < kMinTcpHeader)
    {
        return false;
    }
    p->PeekHeader(header);
    const uint32_t headerSize = header.GetSerializedSize();
    if (headerSize > p->GetSize())
    {
        return false;
    }
    payloadSize = p->GetSize() - headerSize;
    return true;
}

Ptr<QueueDiscItem>
TcpSegmentDuplicator::CopyItem(Ptr<const QueueDiscItem> item)
{
    Ptr<QueueDiscItem> copy;
    if (auto v4 = DynamicCast<const Ipv4QueueDiscItem>(item))
    {
        copy = Create<Ipv4QueueDiscItem>(item->GetPacket()->Copy(),
                                         item->GetAddress(),
                                         item->GetProtocol(),
                                         v4->GetHeader());
    }
    else if (auto v6 = DynamicCast<const Ipv6QueueDiscItem>(item))
    {
        copy = Create<Ipv6QueueDiscItem>(item->GetPacket()->Copy(),
                                         item->GetAddress(),
                                         item->GetProtocol(),
                                         v6->GetHeader());
    }
    else
    {
        NS_ABORT_MSG("TcpSegmentDuplicator::CopyItem: only Ipv4QueueDiscItem and "
                     "Ipv6QueueDiscItem can be copied");
    }
    copy->SetTxQueueIndex(item->GetTxQueueIndex());
    return copy;
}

bool
TcpSegmentDuplicator::DoMatch(Ptr<const QueueDiscItem> item,
                              const TcpHeader& header,
                              uint32_t payloadSize) const
{
    if ((header.GetFlags() & m_flagsMask) != m_flagsValue)
    {
        return false;
    }
    switch (m_payload)
    {
    case WITH_DATA:
        return payloadSize > 0;
    case WITHOUT_DATA:
        return payloadSize == 0;
    case ANY:
    default:
        return true;
    }
}

TcpSegmentDuplicator::Action
TcpSegmentDuplicator::DoAct(Ptr<QueueDiscItem> item, const TcpHeader& header, uint32_t payloadSize)
{
    Action action;
    action.dropOriginal = m_dropOriginal;
    action.originalDelay = m_originalDelay;
    for (uint32_t k = 1; k <= m_copies; ++k)
    {
        action.extra.emplace_back(m_copyDelay * static_cast<int64_t>(k), CopyItem(item));
    }
    return action;
}

void
TcpSegmentDuplicator::CheckMatchAttributes() const
{
    NS_ABORT_MSG_IF((m_flagsValue & ~m_flagsMask) != 0,
                    "TcpSegmentDuplicator: FlagsValue 0x"
                        << std::hex << unsigned(m_flagsValue) << " has bits outside FlagsMask 0x"
                        << unsigned(m_flagsMask) << std::dec << "; no segment could ever match");
}

void
TcpSegmentDuplicator::DoCheckAttributes() const
{
    CheckMatchAttributes();
    NS_ABORT_MSG_IF(m_copyDelay.IsStrictlyNegative(),
                    "TcpSegmentDuplicator: CopyDelay must not be negative (" << m_copyDelay << ")");
    NS_ABORT_MSG_IF(m_originalDelay.IsStrictlyNegative(),
                    "TcpSegmentDuplicator: OriginalDelay must not be negative (" << m_originalDelay
                                                                                 << ")");
    NS_ABORT_MSG_IF(m_dropOriginal && m_originalDelay.IsStrictlyPositive(),
                    "TcpSegmentDuplicator: DropOriginal=true and OriginalDelay="
                        << m_originalDelay.As(Time::MS)
                        << " contradict each other (a dropped segment cannot be delayed)");
    NS_ABORT_MSG_IF(!m_dropOriginal && m_copies == 0 && m_originalDelay.IsZero(),
                    "TcpSegmentDuplicator: no action configured (Copies=0, OriginalDelay=0, "
                    "DropOriginal=false): set at least one of them");
}

bool
TcpSegmentDuplicator::CheckConfig()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(GetNQueueDiscClasses() > 0,
                    "TcpSegmentDuplicator cannot have child queue discs");
    NS_ABORT_MSG_IF(GetNPacketFilters() > 0, "TcpSegmentDuplicator needs no packet filter");
    NS_ABORT_MSG_IF(GetNInternalQueues() > 0,
                    "TcpSegmentDuplicator manages its own internal queues (one per delay): "
                    "do not add any");
    DoCheckAttributes();
    // Line 0 carries the undelayed traffic; create the lines of the configured
    // delays now (others, from subclasses, are created on first use).
    GetLine(Time(0));
    if (!m_dropOriginal)
    {
        GetLine(m_originalDelay);
    }
    for (uint32_t k = 1; k <= m_copies; ++k)
    {
        GetLine(m_copyDelay * static_cast<int64_t>(k));
    }
    return true;
}

void
TcpSegmentDuplicator::InitializeParams()
{
    NS_LOG_FUNCTION(this);
}

std::size_t
TcpSegmentDuplicator::GetLine(Time delay)
{
    NS_ABORT_MSG_IF(delay.IsStrictlyNegative(), "TcpSegmentDuplicator: negative delay " << delay);
    for (std::size_t i = 0; i < m_lineDelay.size(); ++i)
    {
        if (m_lineDelay[i] == delay)
        {
            return i;
        }
    }
    NS_LOG_LOGIC("New delay line " << m_lineDelay.size() << " for " << delay);
    AddInternalQueue(
        CreateObjectWithAttributes<DropTailQueue<QueueDiscItem>>("MaxSize",
                                                                 QueueSizeValue(GetMaxSize())));
    m_lineDelay.push_back(delay);
    NS_ASSERT(m_lineDelay.size() == GetNInternalQueues());
    return m_lineDelay.size() - 1;
}

bool
TcpSegmentDuplicator::EnqueueInLine(Ptr<QueueDiscItem> item, Time delay)
{
    const std::size_t line = GetLine(delay);
    // On failure the internal queue reports DropBeforeEnqueue to the queue disc.
    const bool ok = GetInternalQueue(line)->Enqueue(item);
    if (ok && delay.IsStrictlyPositive())
    {
        ArmWatchdog(Simulator::Now() + delay);
    }
    return ok;
}

bool
TcpSegmentDuplicator::DoEnqueue(Ptr<QueueDiscItem> item)
{
    NS_LOG_FUNCTION(this << item);

    if (GetCurrentSize() + item > GetMaxSize())
    {
        NS_LOG_LOGIC("Queue disc full -- dropping " << item);
        DropBeforeEnqueue(item, LIMIT_EXCEEDED_DROP);
        return false;
    }
    if (m_injecting)
    {
        // An extra item of the current action, enqueued through QueueDisc::Enqueue.
        return EnqueueInLine(item, m_injectDelay);
    }

    TcpHeader header;
    uint32_t payloadSize = 0;
    if (!PeekTcp(item, header, payloadSize) || !DoMatch(item, header, payloadSize))
    {
        return EnqueueInLine(item, Time(0));
    }

    ++m_nMatched;
    m_matchedTrace(item->GetPacket(), header);
    if (m_nMatched <= m_skipMatches || (m_maxMatches != 0 && m_nActedOn >= m_maxMatches))
    {
        NS_LOG_LOGIC("Match " << m_nMatched << " passes untouched: " << header);
        return EnqueueInLine(item, Time(0));
    }
    ++m_nActedOn;
    Action action = DoAct(item, header, payloadSize);
    NS_LOG_LOGIC("Acting on match " << m_nMatched << " (" << header << "): drop "
                                    << action.dropOriginal << " delay " << action.originalDelay
                                    << " extra " << action.extra.size());

    // The original first: QueueDisc::Enqueue checks after each (nested) DoEnqueue
    // that every received item is either enqueued or dropped.
    bool retval = false;
    if (action.dropOriginal)
    {
        ++m_nDropped;
        m_droppedTrace(item->GetPacket(), header);
        DropBeforeEnqueue(item, ACTION_DROP);
    }
    else
    {
        NS_ABORT_MSG_IF(action.originalDelay.IsStrictlyNegative(),
                        "TcpSegmentDuplicator: negative OriginalDelay " << action.originalDelay);
        if (action.originalDelay.IsStrictlyPositive())
        {
            ++m_nDelayed;
            m_delayedTrace(item->GetPacket(), header);
        }
        retval = EnqueueInLine(item, action.originalDelay);
    }

    for (auto& [delay, extra] : action.extra)
    {
        NS_ABORT_MSG_IF(!extra, "TcpSegmentDuplicator: null extra item");
        NS_ABORT_MSG_IF(delay.IsStrictlyNegative(),
                        "TcpSegmentDuplicator: negative extra-item delay " << delay);
        TcpHeader extraHeader;
        uint32_t extraPayload = 0;
        PeekTcp(extra, extraHeader, extraPayload);
        ++m_nDuplicated;
        m_duplicatedTrace(extra->GetPacket(), extraHeader);
        m_injecting = true;
        m_injectDelay = delay;
        Enqueue(extra);
        m_injecting = false;
    }
    return retval;
}

Ptr<QueueDiscItem>
TcpSegmentDuplicator::DoDequeue()
{
    NS_LOG_FUNCTION(this);
    const Time now = Simulator::Now();
    std::size_t best = m_lineDelay.size();
    Time bestTime;
    for (std::size_t i = 0; i < m_lineDelay.size(); ++i)
    {
        Ptr<const QueueDiscItem> head = GetInternalQueue(i)->Peek();
        if (!head)
        {
            continue;
        }
        const Time release = head->GetTimeStamp() + m_lineDelay[i];
        if (release <= now && (best == m_lineDelay.size() || release < bestTime))
        {
            best = i;
            bestTime = release;
        }
    }
    if (best == m_lineDelay.size())
    {
        NS_LOG_LOGIC("Nothing due");
        ArmWatchdogForPending();
        return nullptr;
    }
    return GetInternalQueue(best)->Dequeue();
}

void
TcpSegmentDuplicator::ArmWatchdog(Time at)
{
    if (!m_watchdog.IsExpired() && m_watchdogTime <= at)
    {
        return;
    }
    m_watchdog.Cancel();
    m_watchdogTime = at;
    m_watchdog =
        Simulator::Schedule(at - Simulator::Now(), &TcpSegmentDuplicator::OnWatchdog, this);
}

void
TcpSegmentDuplicator::ArmWatchdogForPending()
{
    const Time now = Simulator::Now();
    for (std::size_t i = 1; i < m_lineDelay.size(); ++i)
    {
        Ptr<const QueueDiscItem> head = GetInternalQueue(i)->Peek();
        if (head)
        {
            const Time release = head->GetTimeStamp() + m_lineDelay[i];
            if (release > now)
            {
                ArmWatchdog(release);
            }
        }
    }
}

void
TcpSegmentDuplicator::OnWatchdog()
{
    NS_LOG_FUNCTION(this);
    Run();
    ArmWatchdogForPending();
}

} // namespace ns3
