/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-middlebox.h"

#include "tcp-option-fast-open.h"

#include "ns3/abort.h"
#include "ns3/buffer.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-queue-disc-item.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv6-l3-protocol.h"
#include "ns3/ipv6-queue-disc-item.h"
#include "ns3/ipv6-route.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option.h"
#include "ns3/uinteger.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenMiddlebox");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenMiddlebox);

namespace
{
/// IP protocol number of TCP.
constexpr uint8_t kTcpProtocol = 6;

/**
 * \ingroup tcp-fast-open
 * An option kept as raw bytes when a header is rebuilt: ns-3's
 * TcpHeader::AppendOption refuses kinds it does not know, so an unknown
 * option that is not stripped is re-appended through this class, which (like
 * TcpOptionFastOpen) reports the NOP kind and writes its real bytes.
 */
class RawTcpOption : public TcpOption
{
  public:
    /// \param bytes the whole option: kind, length, data
    explicit RawTcpOption(std::vector<uint8_t> bytes)
        : m_bytes(std::move(bytes))
    {
    }

    void Print(std::ostream& os) const override
    {
        os << "raw kind " << (m_bytes.empty() ? 0 : unsigned(m_bytes[0])) << " len "
           << m_bytes.size();
    }

    void Serialize(Buffer::Iterator start) const override
    {
        start.Write(m_bytes.data(), m_bytes.size());
    }

    uint32_t Deserialize(Buffer::Iterator /* start */) override
    {
        return 0; // only ever built from bytes
    }

    uint8_t GetKind() const override
    {
        return TcpOption::NOP;
    }

    uint32_t GetSerializedSize() const override
    {
        return m_bytes.size();
    }

  private:
    std::vector<uint8_t> m_bytes; //!< the option on the wire
};

/**
 * \param option an option of a received header
 * \return its bytes on the wire
 */
std::vector<uint8_t>
OptionBytes(Ptr<const TcpOption> option)
{
    Buffer buffer;
    buffer.AddAtStart(option->GetSerializedSize());
    option->Serialize(buffer.Begin());
    std::vector<uint8_t> bytes(option->GetSerializedSize());
    buffer.CopyData(bytes.data(), bytes.size());
    return bytes;
}

/**
 * \param kind an option kind as written on the wire
 * \param kinds the kinds selected
 * \return true if selected
 */
bool
KindSelected(uint8_t kind, TcpFastOpenMiddlebox::OptionKinds kinds)
{
    switch (kinds)
    {
    case TcpFastOpenMiddlebox::KIND_34:
        return kind == TcpOptionFastOpen::KIND_RFC7413;
    case TcpFastOpenMiddlebox::KIND_254:
        return kind == TcpOptionFastOpen::KIND_EXPERIMENTAL;
    case TcpFastOpenMiddlebox::KIND_34_AND_254:
    default:
        return kind == TcpOptionFastOpen::KIND_RFC7413 ||
               kind == TcpOptionFastOpen::KIND_EXPERIMENTAL;
    }
}

/**
 * \param option an option
 * \return the kind it has on the wire (TcpOptionFastOpen reports NOP to ns-3)
 */
uint8_t
WireKind(Ptr<const TcpOption> option)
{
    if (option->GetKind() == TcpOption::NOP && option->GetSerializedSize() > 1)
    {
        return OptionBytes(option)[0];
    }
    return option->GetKind();
}
} // namespace

TypeId
TcpFastOpenMiddlebox::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenMiddlebox")
            .SetParent<TcpSegmentDuplicator>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpFastOpenMiddlebox>()
            .AddAttribute("Behaviour",
                          "What the element does to Fast Open traffic",
                          EnumValue(DROP_SYN_DATA),
                          TFO_MAKE_ENUM_ACCESSOR(Behaviour, &TcpFastOpenMiddlebox::m_behaviour),
                          MakeEnumChecker(DROP_SYN_DATA,
                                          "DROP_SYN_DATA",
                                          DROP_SYN_OPTION,
                                          "DROP_SYN_OPTION",
                                          STRIP_OPTION,
                                          "STRIP_OPTION",
                                          RST_SYN_DATA,
                                          "RST_SYN_DATA",
                                          DROP_DATA_AFTER_TFO,
                                          "DROP_DATA_AFTER_TFO"))
            .AddAttribute("Target",
                          "DROP_SYN_OPTION / STRIP_OPTION: SYN (client's, no ACK), SYN_ACK, or "
                          "ANY_SYN",
                          EnumValue(SYN),
                          TFO_MAKE_ENUM_ACCESSOR(Target, &TcpFastOpenMiddlebox::m_target),
                          MakeEnumChecker(SYN, "SYN", SYN_ACK, "SYN_ACK", ANY_SYN, "ANY_SYN"))
            .AddAttribute("OptionKinds",
                          "DROP_SYN_OPTION / STRIP_OPTION: option kinds looked for",
                          EnumValue(KIND_34_AND_254),
                          TFO_MAKE_ENUM_ACCESSOR(OptionKinds, &TcpFastOpenMiddlebox::m_kinds),
                          MakeEnumChecker(KIND_34_AND_254,
                                          "KIND_34_AND_254",
                                          KIND_34,
                                          "KIND_34",
                                          KIND_254,
                                          "KIND_254"))
            .AddAttribute("Port",
                          "Only segments with this source or destination port (0 = any)",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpFastOpenMiddlebox::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Address",
                          "Only segments with this IPv4 source or destination address "
                          "(0.0.0.0 = any; a set address never matches IPv6)",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&TcpFastOpenMiddlebox::m_address),
                          MakeIpv4AddressChecker())
            .AddAttribute("DataDrops",
                          "DROP_DATA_AFTER_TFO: data-bearing segments dropped per connection "
                          "after its Fast Open SYN (>= 1)",
                          UintegerValue(1),
                          MakeUintegerAccessor(&TcpFastOpenMiddlebox::m_dataDrops),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Stripped",
                            "STRIP_OPTION: a segment lost its Fast Open option (the rewritten "
                            "segment)",
                            MakeTraceSourceAccessor(&TcpFastOpenMiddlebox::m_strippedTrace),
                            "ns3::TcpSegmentDuplicator::SegmentTracedCallback")
            .AddTraceSource("ResetSent",
                            "RST_SYN_DATA: a RST was sent to the client (the RST)",
                            MakeTraceSourceAccessor(&TcpFastOpenMiddlebox::m_resetTrace),
                            "ns3::TcpSegmentDuplicator::SegmentTracedCallback")
            .AddTraceSource("FlowTracked",
                            "DROP_DATA_AFTER_TFO: a Fast Open SYN with data started a tracked "
                            "connection (the SYN)",
                            MakeTraceSourceAccessor(&TcpFastOpenMiddlebox::m_flowTrackedTrace),
                            "ns3::TcpSegmentDuplicator::SegmentTracedCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenMiddlebox)

TcpFastOpenMiddlebox::TcpFastOpenMiddlebox()
    : m_flows(std::make_shared<FlowTable>())
{
    NS_LOG_FUNCTION(this);
}

TcpFastOpenMiddlebox::~TcpFastOpenMiddlebox()
{
    NS_LOG_FUNCTION(this);
}

void
TcpFastOpenMiddlebox::DoDispose()
{
    m_node = nullptr;
    TcpSegmentDuplicator::DoDispose();
}

void
TcpFastOpenMiddlebox::SetNode(Ptr<Node> node)
{
    m_node = node;
}

void
TcpFastOpenMiddlebox::ShareFlowTable(Ptr<TcpFastOpenMiddlebox> other)
{
    NS_ABORT_MSG_IF(!other, "TcpFastOpenMiddlebox::ShareFlowTable: null element");
    other->m_flows = m_flows;
}

uint64_t
TcpFastOpenMiddlebox::GetStripped() const
{
    return m_nStripped;
}

uint64_t
TcpFastOpenMiddlebox::GetResetsSent() const
{
    return m_nResets;
}

uint64_t
TcpFastOpenMiddlebox::GetTrackedFlows() const
{
    return m_nTracked;
}

std::string
TcpFastOpenMiddlebox::BehaviourToString(Behaviour behaviour)
{
    switch (behaviour)
    {
    case DROP_SYN_DATA:
        return "DROP_SYN_DATA";
    case DROP_SYN_OPTION:
        return "DROP_SYN_OPTION";
    case STRIP_OPTION:
        return "STRIP_OPTION";
    case RST_SYN_DATA:
        return "RST_SYN_DATA";
    case DROP_DATA_AFTER_TFO:
        return "DROP_DATA_AFTER_TFO";
    }
    return "UNKNOWN";
}

bool
TcpFastOpenMiddlebox::HasOption(const TcpHeader& header, OptionKinds kinds)
{
    for (const auto& option : header.GetOptionList())
    {
        if (KindSelected(WireKind(option), kinds))
        {
            return true;
        }
    }
    return false;
}

TcpHeader
TcpFastOpenMiddlebox::StripOptions(const TcpHeader& header, OptionKinds kinds)
{
    TcpHeader out;
    out.SetSourcePort(header.GetSourcePort());
    out.SetDestinationPort(header.GetDestinationPort());
    out.SetSequenceNumber(header.GetSequenceNumber());
    out.SetAckNumber(header.GetAckNumber());
    out.SetFlags(header.GetFlags());
    out.SetWindowSize(header.GetWindowSize());
    out.SetUrgentPointer(header.GetUrgentPointer());
    for (const auto& option : header.GetOptionList())
    {
        const uint8_t kind = WireKind(option);
        if (kind == TcpOption::END)
        {
            continue; // padding: serialization adds it again
        }
        if (KindSelected(kind, kinds))
        {
            // Overwritten with NOPs, as firewalls that clear options do: the
            // segment keeps its size (so do the queue disc's byte counts).
            for (uint32_t i = 0; i < option->GetSerializedSize(); ++i)
            {
                out.AppendOption(CreateObject<TcpOptionNOP>());
            }
            continue;
        }
        Ptr<const TcpOption> kept = option;
        if (!TcpOption::IsKindKnown(kind))
        {
            kept = CreateObject<RawTcpOption>(OptionBytes(option));
        }
        const bool appended = out.AppendOption(kept);
        NS_ASSERT_MSG(appended, "a kept option fits: the options keep their size");
    }
    return out;
}

bool
TcpFastOpenMiddlebox::IsClientSyn(const TcpHeader& header)
{
    const uint8_t f = header.GetFlags();
    return (f & TcpHeader::SYN) && !(f & TcpHeader::ACK) && !(f & TcpHeader::RST);
}

bool
TcpFastOpenMiddlebox::IsTargetSyn(const TcpHeader& header) const
{
    const uint8_t f = header.GetFlags();
    if (!(f & TcpHeader::SYN) || (f & TcpHeader::RST))
    {
        return false;
    }
    const bool synAck = (f & TcpHeader::ACK) != 0;
    switch (m_target)
    {
    case SYN:
        return !synAck;
    case SYN_ACK:
        return synAck;
    case ANY_SYN:
    default:
        return true;
    }
}

TcpFastOpenMiddlebox::FlowKey
TcpFastOpenMiddlebox::MakeFlowKey(Ptr<const QueueDiscItem> item, const TcpHeader& header)
{
    Address src;
    Address dst;
    if (auto v4 = DynamicCast<const Ipv4QueueDiscItem>(item))
    {
        src = v4->GetHeader().GetSource();
        dst = v4->GetHeader().GetDestination();
    }
    else if (auto v6 = DynamicCast<const Ipv6QueueDiscItem>(item))
    {
        src = v6->GetHeader().GetSource();
        dst = v6->GetHeader().GetDestination();
    }
    auto a = std::make_pair(src, header.GetSourcePort());
    auto b = std::make_pair(dst, header.GetDestinationPort());
    if (b < a)
    {
        std::swap(a, b);
    }
    return FlowKey(a.first, a.second, b.first, b.second);
}

bool
TcpFastOpenMiddlebox::InScope(Ptr<const QueueDiscItem> item, const TcpHeader& header) const
{
    if (m_port != 0 && header.GetSourcePort() != m_port && header.GetDestinationPort() != m_port)
    {
        return false;
    }
    if (m_address != Ipv4Address::GetAny())
    {
        auto v4 = DynamicCast<const Ipv4QueueDiscItem>(item);
        if (!v4 || (v4->GetHeader().GetSource() != m_address &&
                    v4->GetHeader().GetDestination() != m_address))
        {
            return false;
        }
    }
    return true;
}

bool
TcpFastOpenMiddlebox::MatchSynData(const TcpHeader& h, uint32_t payload) const
{
    return IsClientSyn(h) && payload > 0;
}

bool
TcpFastOpenMiddlebox::MatchOption(const TcpHeader& h) const
{
    return IsTargetSyn(h) && HasOption(h, m_kinds);
}

bool
TcpFastOpenMiddlebox::MatchDataAfterTfo(Ptr<const QueueDiscItem> item,
                                        const TcpHeader& h,
                                        uint32_t payload) const
{
    if (IsClientSyn(h))
    {
        const auto tfo = TcpOptionFastOpen::Find(h);
        if (payload > 0 && tfo && !tfo->isRequest)
        {
            // A retransmitted SYN-data (same connection) does not restart the count.
            if (m_flows->emplace(MakeFlowKey(item, h), m_dataDrops).second)
            {
                ++m_nTracked;
                m_flowTrackedTrace(item->GetPacket(), h);
            }
        }
        return false;
    }
    if (payload == 0 || (h.GetFlags() & (TcpHeader::SYN | TcpHeader::RST)))
    {
        return false;
    }
    auto it = m_flows->find(MakeFlowKey(item, h));
    return it != m_flows->end() && it->second > 0;
}

bool
TcpFastOpenMiddlebox::DoMatch(Ptr<const QueueDiscItem> item,
                              const TcpHeader& header,
                              uint32_t payloadSize) const
{
    if (!InScope(item, header))
    {
        return false;
    }
    switch (m_behaviour)
    {
    case DROP_SYN_DATA:
    case RST_SYN_DATA:
        return MatchSynData(header, payloadSize);
    case DROP_SYN_OPTION:
    case STRIP_OPTION:
        return MatchOption(header);
    case DROP_DATA_AFTER_TFO:
        return MatchDataAfterTfo(item, header, payloadSize);
    }
    return false;
}

void
TcpFastOpenMiddlebox::Strip(Ptr<QueueDiscItem> item, const TcpHeader& header)
{
    Ptr<Packet> packet = item->GetPacket();
    TcpHeader old;
    packet->RemoveHeader(old);
    TcpHeader stripped = StripOptions(old, m_kinds);
    const bool checksum = m_node && Node::ChecksumEnabled();
    if (auto v4 = DynamicCast<Ipv4QueueDiscItem>(item))
    {
        // The IP header waits in the item until the device adds it: keep its
        // payload length in step with the shorter TCP header.
        auto& ip = const_cast<Ipv4Header&>(v4->GetHeader());
        ip.SetPayloadSize(packet->GetSize() + stripped.GetSerializedSize());
        if (checksum)
        {
            stripped.EnableChecksums();
            stripped.InitializeChecksum(ip.GetSource(), ip.GetDestination(), kTcpProtocol);
        }
    }
    else if (auto v6 = DynamicCast<Ipv6QueueDiscItem>(item))
    {
        auto& ip = const_cast<Ipv6Header&>(v6->GetHeader());
        ip.SetPayloadLength(packet->GetSize() + stripped.GetSerializedSize());
        if (checksum)
        {
            stripped.EnableChecksums();
            stripped.InitializeChecksum(ip.GetSource(), ip.GetDestination(), kTcpProtocol);
        }
    }
    packet->AddHeader(stripped);
    ++m_nStripped;
    NS_LOG_LOGIC("Stripped: " << header << " -> " << stripped);
    m_strippedTrace(packet, stripped);
}

void
TcpFastOpenMiddlebox::SendReset(Ptr<const QueueDiscItem> item,
                                const TcpHeader& header,
                                uint32_t payloadSize)
{
    TcpHeader rst;
    rst.SetSourcePort(header.GetDestinationPort());
    rst.SetDestinationPort(header.GetSourcePort());
    rst.SetSequenceNumber(SequenceNumber32(0));
    rst.SetAckNumber(header.GetSequenceNumber() + SequenceNumber32(1 + payloadSize));
    rst.SetFlags(TcpHeader::RST | TcpHeader::ACK);
    rst.SetWindowSize(0);
    Ptr<Packet> packet = Create<Packet>();
    if (auto v4 = DynamicCast<const Ipv4QueueDiscItem>(item))
    {
        const Ipv4Address client = v4->GetHeader().GetSource();
        const Ipv4Address server = v4->GetHeader().GetDestination();
        if (Node::ChecksumEnabled())
        {
            rst.EnableChecksums();
            rst.InitializeChecksum(server, client, kTcpProtocol);
        }
        packet->AddHeader(rst);
        Ptr<Ipv4L3Protocol> ip = m_node->GetObject<Ipv4L3Protocol>();
        NS_ABORT_MSG_IF(!ip, "TcpFastOpenMiddlebox: node " << m_node->GetId() << " has no IPv4");
        Simulator::ScheduleNow(&Ipv4L3Protocol::Send,
                               ip,
                               packet,
                               server,
                               client,
                               kTcpProtocol,
                               Ptr<Ipv4Route>());
    }
    else if (auto v6 = DynamicCast<const Ipv6QueueDiscItem>(item))
    {
        const Ipv6Address client = v6->GetHeader().GetSource();
        const Ipv6Address server = v6->GetHeader().GetDestination();
        if (Node::ChecksumEnabled())
        {
            rst.EnableChecksums();
            rst.InitializeChecksum(server, client, kTcpProtocol);
        }
        packet->AddHeader(rst);
        Ptr<Ipv6L3Protocol> ip = m_node->GetObject<Ipv6L3Protocol>();
        NS_ABORT_MSG_IF(!ip, "TcpFastOpenMiddlebox: node " << m_node->GetId() << " has no IPv6");
        Simulator::ScheduleNow(&Ipv6L3Protocol::Send,
                               ip,
                               packet,
                               server,
                               client,
                               kTcpProtocol,
                               Ptr<Ipv6Route>());
    }
    ++m_nResets;
    m_resetTrace(packet, rst);
}

TcpSegmentDuplicator::Action
TcpFastOpenMiddlebox::DoAct(Ptr<QueueDiscItem> item, const TcpHeader& header, uint32_t payloadSize)
{
    Action action;
    switch (m_behaviour)
    {
    case DROP_SYN_DATA:
    case DROP_SYN_OPTION:
        action.dropOriginal = true;
        break;
    case STRIP_OPTION:
        Strip(item, header);
        break;
    case RST_SYN_DATA:
        SendReset(item, header, payloadSize);
        action.dropOriginal = true;
        break;
    case DROP_DATA_AFTER_TFO: {
        auto it = m_flows->find(MakeFlowKey(item, header));
        NS_ASSERT(it != m_flows->end() && it->second > 0);
        --it->second;
        action.dropOriginal = true;
        break;
    }
    }
    return action;
}

void
TcpFastOpenMiddlebox::DoCheckAttributes() const
{
    CheckMatchAttributes();
    NS_ABORT_MSG_IF(m_behaviour == RST_SYN_DATA && !m_node,
                    "TcpFastOpenMiddlebox: Behaviour=RST_SYN_DATA needs the node to send resets "
                    "from: install with TcpFastOpenMiddleboxHelper or call SetNode()");
    NS_ABORT_MSG_IF(m_behaviour == DROP_DATA_AFTER_TFO && m_dataDrops == 0,
                    "TcpFastOpenMiddlebox: Behaviour=DROP_DATA_AFTER_TFO needs DataDrops >= 1");
}

} // namespace ns3
