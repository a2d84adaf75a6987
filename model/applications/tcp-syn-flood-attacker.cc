/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-syn-flood-attacker.h"

#include "tcp-option-fast-open.h"

#include "ns3/abort.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-sack-permitted.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSynFloodAttacker");
NS_OBJECT_ENSURE_REGISTERED(TcpSynFloodAttacker);

TypeId
TcpSynFloodAttacker::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpSynFloodAttacker")
            .SetParent<Application>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpSynFloodAttacker>()
            .AddAttribute("Server",
                          "The attacked server's address.",
                          Ipv4AddressValue(Ipv4Address("10.0.0.1")),
                          MakeIpv4AddressAccessor(&TcpSynFloodAttacker::m_server),
                          MakeIpv4AddressChecker())
            .AddAttribute("ServerPort",
                          "The attacked server's port.",
                          UintegerValue(8080),
                          MakeUintegerAccessor(&TcpSynFloodAttacker::m_serverPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Rate",
                          "SYNs per second.",
                          DoubleValue(100),
                          MakeDoubleAccessor(&TcpSynFloodAttacker::m_rate),
                          MakeDoubleChecker<double>(1e-6))
            .AddAttribute("Pattern",
                          "Inter-SYN times: constant or Poisson.",
                          EnumValue(CONSTANT),
                          TFO_MAKE_ENUM_ACCESSOR(Pattern, &TcpSynFloodAttacker::m_pattern),
                          MakeEnumChecker(CONSTANT, "Constant", POISSON, "Poisson"))
            .AddAttribute("SourceMode",
                          "Source addresses: SpoofPrefix (random in the prefix), SpoofOwner "
                          "(OwnerAddress) or Own (the node's address).",
                          EnumValue(SPOOF_PREFIX),
                          TFO_MAKE_ENUM_ACCESSOR(SourceMode, &TcpSynFloodAttacker::m_sourceMode),
                          MakeEnumChecker(SPOOF_PREFIX,
                                          "SpoofPrefix",
                                          SPOOF_OWNER,
                                          "SpoofOwner",
                                          OWN_ADDRESS,
                                          "Own"))
            .AddAttribute("SpoofPrefix",
                          "Prefix spoofed sources are drawn from (must route to a sink).",
                          Ipv4AddressValue(Ipv4Address("10.99.0.0")),
                          MakeIpv4AddressAccessor(&TcpSynFloodAttacker::m_spoofPrefix),
                          MakeIpv4AddressChecker())
            .AddAttribute("SpoofMask",
                          "Mask of SpoofPrefix.",
                          Ipv4MaskValue(Ipv4Mask("255.255.0.0")),
                          MakeIpv4MaskAccessor(&TcpSynFloodAttacker::m_spoofMask),
                          MakeIpv4MaskChecker())
            .AddAttribute("OwnerAddress",
                          "SpoofOwner: the real client whose address (and cookie) is used.",
                          Ipv4AddressValue(Ipv4Address("10.0.0.2")),
                          MakeIpv4AddressAccessor(&TcpSynFloodAttacker::m_owner),
                          MakeIpv4AddressChecker())
            .AddAttribute("CookieMode",
                          "Fast Open option of the SYNs: None, Request, Forged (random "
                          "8-byte cookie per SYN) or Given (SetCookie: replay or bot).",
                          EnumValue(NO_OPTION),
                          TFO_MAKE_ENUM_ACCESSOR(CookieMode, &TcpSynFloodAttacker::m_cookieMode),
                          MakeEnumChecker(NO_OPTION,
                                          "None",
                                          COOKIE_REQUEST,
                                          "Request",
                                          FORGED_COOKIE,
                                          "Forged",
                                          GIVEN_COOKIE,
                                          "Given"))
            .AddAttribute("PayloadSize",
                          "SYN data: a RequestResponseServer request of this many bytes "
                          "(0 = no payload; otherwise at least 8).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpSynFloodAttacker::m_payloadSize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ResponseSize",
                          "Response bytes the SYN data's request asks for.",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&TcpSynFloodAttacker::m_responseSize),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxSyns",
                          "Stop after this many SYNs (0 = until StopApplication).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpSynFloodAttacker::m_maxSyns),
                          MakeUintegerChecker<uint64_t>())
            .AddTraceSource("Syn",
                            "A SYN was sent: its source address and port.",
                            MakeTraceSourceAccessor(&TcpSynFloodAttacker::m_synTrace),
                            "ns3::TcpSynFloodAttacker::SynCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpSynFloodAttacker)

TcpSynFloodAttacker::TcpSynFloodAttacker()
{
    NS_LOG_FUNCTION(this);
    m_uniform = CreateObject<UniformRandomVariable>();
    m_gap = CreateObject<ExponentialRandomVariable>();
}

TcpSynFloodAttacker::~TcpSynFloodAttacker()
{
    NS_LOG_FUNCTION(this);
}

void
TcpSynFloodAttacker::DoDispose()
{
    m_sendEvent.Cancel();
    Application::DoDispose();
}

void
TcpSynFloodAttacker::SetCookie(const TcpFastOpenCookie& cookie)
{
    m_cookie = cookie;
}

uint64_t
TcpSynFloodAttacker::GetSynsSent() const
{
    return m_sent;
}

int64_t
TcpSynFloodAttacker::AssignStreams(int64_t stream)
{
    m_uniform->SetStream(stream);
    m_gap->SetStream(stream + 1);
    return 2;
}

void
TcpSynFloodAttacker::StartApplication()
{
    NS_ABORT_MSG_IF(m_payloadSize > 0 && m_payloadSize < 8,
                    "TcpSynFloodAttacker::PayloadSize " << m_payloadSize
                                                        << ": a request needs at least 8 bytes");
    NS_ABORT_MSG_IF(m_cookieMode == GIVEN_COOKIE && m_cookie.IsEmpty(),
                    "TcpSynFloodAttacker: CookieMode Given needs SetCookie()");
    NS_ABORT_MSG_UNLESS(GetNode()->GetObject<Ipv4>(), "TcpSynFloodAttacker: node has no IPv4");
    m_sent = 0;
    ScheduleNext();
}

void
TcpSynFloodAttacker::StopApplication()
{
    m_sendEvent.Cancel();
}

void
TcpSynFloodAttacker::ScheduleNext()
{
    if (m_maxSyns > 0 && m_sent >= m_maxSyns)
    {
        return;
    }
    const double gap = m_pattern == POISSON ? m_gap->GetValue(1.0 / m_rate, 0) : 1.0 / m_rate;
    m_sendEvent = Simulator::Schedule(Seconds(gap), &TcpSynFloodAttacker::SendSyn, this);
}

Ipv4Address
TcpSynFloodAttacker::PickSource()
{
    switch (m_sourceMode)
    {
    case SPOOF_OWNER:
        return m_owner;
    case OWN_ADDRESS:
        return GetNode()->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    case SPOOF_PREFIX:
        break;
    }
    const uint32_t hostBits = ~m_spoofMask.Get();
    // Neither the network address nor the broadcast address.
    const uint32_t host = m_uniform->GetInteger(1, std::max<uint32_t>(hostBits - 1, 1));
    return Ipv4Address((m_spoofPrefix.Get() & m_spoofMask.Get()) | (host & hostBits));
}

void
TcpSynFloodAttacker::AddFastOpenOption(TcpHeader& header)
{
    switch (m_cookieMode)
    {
    case NO_OPTION:
        return;
    case COOKIE_REQUEST:
        TcpOptionFastOpen::AppendTo(header, TcpOptionFastOpen::RFC7413, TcpFastOpenCookie());
        return;
    case FORGED_COOKIE: {
        uint8_t bytes[8];
        for (auto& b : bytes)
        {
            b = static_cast<uint8_t>(m_uniform->GetInteger(0, 255));
        }
        TcpOptionFastOpen::AppendTo(header,
                                    TcpOptionFastOpen::RFC7413,
                                    TcpFastOpenCookie(bytes, 8));
        return;
    }
    case GIVEN_COOKIE:
        TcpOptionFastOpen::AppendTo(header, TcpOptionFastOpen::RFC7413, m_cookie);
        return;
    }
}

Ptr<Packet>
TcpSynFloodAttacker::BuildPayload() const
{
    if (m_payloadSize == 0)
    {
        return Create<Packet>();
    }
    // A RequestResponseServer request: 4-byte size, 4-byte response size, filler.
    std::vector<uint8_t> bytes(m_payloadSize, 0);
    for (uint32_t i = 0; i < 4; i++)
    {
        bytes[i] = static_cast<uint8_t>(m_payloadSize >> (24 - 8 * i));
        bytes[4 + i] = static_cast<uint8_t>(m_responseSize >> (24 - 8 * i));
    }
    return Create<Packet>(bytes.data(), bytes.size());
}

void
TcpSynFloodAttacker::SendSyn()
{
    const Ipv4Address source = PickSource();
    const uint16_t port = static_cast<uint16_t>(m_uniform->GetInteger(MIN_PORT, MAX_PORT));
    TcpHeader header;
    header.SetFlags(TcpHeader::SYN);
    header.SetSourcePort(port);
    header.SetDestinationPort(m_serverPort);
    header.SetSequenceNumber(SequenceNumber32(m_uniform->GetInteger(0, UINT32_MAX)));
    header.SetAckNumber(SequenceNumber32(0));
    header.SetWindowSize(65535);
    // The options of a Linux SYN: MSS, timestamps, window scale, SACK permitted.
    Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
    mss->SetMSS(1460);
    header.AppendOption(mss);
    Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
    ts->SetTimestamp(TcpOptionTS::NowToTsValue());
    ts->SetEcho(0);
    header.AppendOption(ts);
    Ptr<TcpOptionWinScale> ws = CreateObject<TcpOptionWinScale>();
    ws->SetScale(7);
    header.AppendOption(ws);
    header.AppendOption(CreateObject<TcpOptionSackPermitted>());
    AddFastOpenOption(header);

    Ptr<Packet> packet = BuildPayload();
    if (Node::ChecksumEnabled())
    {
        // A real stack (the kernel behind an FdNetDevice) drops SYNs whose
        // checksum is not right; TcpL4Protocol does the same for its segments.
        header.EnableChecksums();
        header.InitializeChecksum(source, m_server, TcpL4Protocol::PROT_NUMBER);
    }
    packet->AddHeader(header);
    // The IPv4 header as Ipv4L3Protocol::BuildHeader makes it, except for the
    // identification: ns-3 keeps that per (source, destination) in a map that
    // never shrinks, which a spoofing flood would fill with one entry per source.
    Ipv4Header ip;
    ip.SetSource(source);
    ip.SetDestination(m_server);
    ip.SetProtocol(TcpL4Protocol::PROT_NUMBER);
    ip.SetPayloadSize(packet->GetSize());
    ip.SetTtl(64);
    ip.SetTos(0);
    ip.SetMayFragment();
    ip.SetIdentification(m_ipId++);
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    Socket::SocketErrno error = Socket::ERROR_NOTERROR;
    Ptr<Ipv4Route> route = ipv4->GetRoutingProtocol()->RouteOutput(packet, ip, nullptr, error);
    NS_ABORT_MSG_UNLESS(route,
                        "TcpSynFloodAttacker: no route to " << m_server << " (errno " << error
                                                            << ")");
    ipv4->SendWithHeader(packet, ip, route);
    m_sent++;
    m_synTrace(source, port);
    NS_LOG_LOGIC("SYN " << source << ":" << port << " -> " << m_server << ":" << m_serverPort
                        << " payload " << m_payloadSize);
    ScheduleNext();
}

} // namespace ns3
