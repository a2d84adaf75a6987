/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-socket.h"

#include "tcp-fast-open-blackhole-detector.h"
#include "tcp-fast-open-cookie-cache.h"
#include "tcp-fast-open-cookie-generator.h"
#include "tcp-fast-open-counters.h"
#include "tcp-syn-cookie.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-end-point.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/random-variable-stream.h"
#include "ns3/rtt-estimator.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-sack-permitted.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenSocket");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenSocket);

namespace
{
/// MAX_TCP_OPTION_SPACE: SYN data leaves room for the largest option block.
constexpr uint32_t kMaxTcpOptionSpace = 40;
/// TCPOLEN_TSTAMP_ALIGNED: bytes the timestamp option takes in every segment.
constexpr uint32_t kTimestampOptionSpace = 12;
/// Flags that do not change how a segment is handled here.
constexpr uint8_t kIgnoredFlags = TcpHeader::PSH | TcpHeader::URG | TcpHeader::CWR | TcpHeader::ECE;
} // namespace

TypeId
TcpFastOpenSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenSocket")
            .SetParent<TcpSocketBase>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpFastOpenSocket>()
            .AddAttribute(
                "Mode",
                "net.ipv4.tcp_fastopen: 0x1 client, 0x2 server, 0x4 client without "
                "cookie, 0x200 server without cookie, 0x400 server on every listener.",
                UintegerValue(CLIENT_ENABLE),
                MakeUintegerAccessor(&TcpFastOpenSocket::SetMode, &TcpFastOpenSocket::GetMode),
                MakeUintegerChecker<uint32_t>())
            .AddAttribute("FastOpenConnect",
                          "TCP_FASTOPEN_CONNECT: Connect() returns at once when a cookie is "
                          "cached and the SYN leaves with the first Send().",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpFastOpenSocket::m_fastOpenConnect),
                          MakeBooleanChecker())
            .AddAttribute("FastOpenNoCookie",
                          "TCP_FASTOPEN_NO_COOKIE: this socket sends (client) or accepts "
                          "(listener) SYN data without a cookie.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpFastOpenSocket::m_fastOpenNoCookie),
                          MakeBooleanChecker())
            .AddAttribute("FastOpenQueueLength",
                          "TCP_FASTOPEN on a listener: the pending-TFO limit (max_qlen), capped "
                          "at SoMaxConn. 0 = not set (the listener has no TFO unless Mode has "
                          "0x400, which uses ListenBacklog).",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpFastOpenSocket::m_fastOpenQueueLength),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ListenBacklog",
                          "The listen() backlog.",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&TcpFastOpenSocket::m_listenBacklog),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("SoMaxConn",
                          "net.core.somaxconn: cap of the listen backlog and of max_qlen.",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&TcpFastOpenSocket::m_soMaxConn),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("SynCookies",
                          "net.ipv4.tcp_syncookies: 0 never, 1 when the SYN queue is full "
                          "(Linux default), 2 always (IPv4 and IPv6).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&TcpFastOpenSocket::m_synCookies),
                          MakeUintegerChecker<uint32_t>(0, 2))
            .AddAttribute("MaxSynBacklog",
                          "net.ipv4.tcp_max_syn_backlog: without SYN cookies, the last quarter "
                          "of it is kept for proven peers (none are, in the model).",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&TcpFastOpenSocket::m_maxSynBacklog),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("AcceptRate",
                          "Listener: accept() calls per second the application makes; "
                          "established children wait in the accept queue (bounded by "
                          "min(ListenBacklog, SoMaxConn)) until then. 0 = accepted at once.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&TcpFastOpenSocket::m_acceptRate),
                          MakeDoubleChecker<double>(0))
            .AddAttribute(
                "OptionForm",
                "Form of a cookie request when the cache has no preference: "
                "RFC 7413 kind 34 or the experimental kind 254 (magic 0xF989).",
                EnumValue(TcpOptionFastOpen::RFC7413),
                TFO_MAKE_ENUM_ACCESSOR(TcpOptionFastOpen::Form, &TcpFastOpenSocket::m_optionForm),
                MakeEnumChecker(TcpOptionFastOpen::RFC7413,
                                "Rfc7413",
                                TcpOptionFastOpen::EXPERIMENTAL,
                                "Experimental"))
            .AddAttribute("SendMssOption",
                          "Send the MSS option on SYN and SYN-ACK (Linux always does; "
                          "stock ns-3 never does).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpFastOpenSocket::m_sendMss),
                          MakeBooleanChecker())
            .AddAttribute("SynAckRetries",
                          "net.ipv4.tcp_synack_retries: SYN-ACK retransmissions before a "
                          "child gives up (a TFO child gets one more).",
                          UintegerValue(5),
                          MakeUintegerAccessor(&TcpFastOpenSocket::m_synAckRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ResetSlotHoldTime",
                          "How long a TFO child reset by the client keeps its pending slot "
                          "(Linux: 60 s, the rskq_rst_head list).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&TcpFastOpenSocket::m_resetHoldTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RandomIsn",
                          "Draw the initial sequence number at random (Linux) instead of "
                          "ns-3's 0.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpFastOpenSocket::m_randomIsn),
                          MakeBooleanChecker())
            .AddAttribute("NegativeCaching",
                          "RFC 7413 section 4.1.3.1 negative caching as Linux 3.7-4.14 did it: "
                          "after more than one SYN-data loss to a server, send no cookie and no "
                          "data to it for 60 s << losses. Current Linux records the losses but "
                          "does not act on them (false).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpFastOpenSocket::m_negativeCaching),
                          MakeBooleanChecker())
            .AddAttribute("FastOpenKey",
                          "TCP_FASTOPEN_KEY: a key of this listener's own, \"primary[,backup]\" "
                          "in the sysctl form or as 32 hex digits. Empty = the node's key.",
                          StringValue(""),
                          MakeStringAccessor(&TcpFastOpenSocket::SetFastOpenKey),
                          MakeStringChecker())
            .AddTraceSource("FastOpen",
                            "Every Fast Open event: cookie requested/received/sent, SYN data "
                            "sent and acknowledged, passive open accepted or refused and why.",
                            MakeTraceSourceAccessor(&TcpFastOpenSocket::m_fastOpenTrace),
                            "ns3::TcpFastOpenSocket::FastOpenEventCallback")
            .AddTraceSource("SynQueue",
                            "Listener: requests in the SYN queue (children in SYN_RCVD "
                            "that are not Fast Open children).",
                            MakeTraceSourceAccessor(&TcpFastOpenSocket::m_synQueue),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("AcceptQueue",
                            "Listener: children established (or Fast Open) but not yet "
                            "accepted by the application.",
                            MakeTraceSourceAccessor(&TcpFastOpenSocket::m_acceptQueueLength),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("PendingFastOpen",
                            "Listener: children counted against the pending-TFO limit.",
                            MakeTraceSourceAccessor(&TcpFastOpenSocket::m_pendingFastOpen),
                            "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("ChildSockets",
                            "Listener: children forked from it that have not reached CLOSED.",
                            MakeTraceSourceAccessor(&TcpFastOpenSocket::m_childSockets),
                            "ns3::TracedValueCallback::Uint32");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenSocket)

TcpFastOpenSocket::TcpFastOpenSocket()
    : TcpSocketBase()
{
    NS_LOG_FUNCTION(this);
}

TcpFastOpenSocket::TcpFastOpenSocket(const TcpFastOpenSocket& sock)
    : TcpSocketBase(sock),
      m_mode(sock.m_mode),
      m_fastOpenConnect(sock.m_fastOpenConnect),
      m_fastOpenNoCookie(sock.m_fastOpenNoCookie),
      m_fastOpenQueueLength(sock.m_fastOpenQueueLength),
      m_listenBacklog(sock.m_listenBacklog),
      m_soMaxConn(sock.m_soMaxConn),
      m_synCookies(sock.m_synCookies),
      m_maxSynBacklog(sock.m_maxSynBacklog),
      m_acceptRate(sock.m_acceptRate),
      m_optionForm(sock.m_optionForm),
      m_sendMss(sock.m_sendMss),
      m_synAckRetries(sock.m_synAckRetries),
      m_resetHoldTime(sock.m_resetHoldTime),
      m_randomIsn(sock.m_randomIsn),
      m_isnRng(sock.m_isnRng),
      m_ownGenerator(sock.m_ownGenerator)
{
    NS_LOG_FUNCTION(this);
    // Per-connection and listener-only state starts afresh in a copy.
}

TcpFastOpenSocket::~TcpFastOpenSocket()
{
    NS_LOG_FUNCTION(this);
}

void
TcpFastOpenSocket::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_deferredSynEvent.Cancel();
    m_acceptEvent.Cancel();
    m_acceptQueue.clear();
    m_listener = nullptr;
    m_ownGenerator = nullptr;
    m_synPendingData = nullptr;
    TcpSocketBase::DoDispose();
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

void
TcpFastOpenSocket::SetMode(uint32_t mode)
{
    NS_ABORT_MSG_IF(mode & ~MODE_ALL_BITS,
                    "TcpFastOpenSocket::Mode 0x"
                        << std::hex << mode << ": unknown bits 0x" << (mode & ~MODE_ALL_BITS)
                        << "; known bits are 0x1, 0x2, 0x4, 0x200, 0x400" << std::dec);
    m_mode = mode;
}

uint32_t
TcpFastOpenSocket::GetMode() const
{
    return m_mode;
}

bool
TcpFastOpenSocket::ModeHas(uint32_t bits) const
{
    return (m_mode & bits) == bits;
}

void
TcpFastOpenSocket::SetFastOpenKey(const std::string& keys)
{
    NS_LOG_FUNCTION(this << keys);
    if (keys.empty())
    {
        m_ownGenerator = nullptr;
        return;
    }
    Ptr<TcpFastOpenCookieGenerator> generator = CreateObject<TcpFastOpenCookieGenerator>();
    std::string error;
    NS_ABORT_MSG_UNLESS(generator->SetKeysFromString(keys, error),
                        "TcpFastOpenSocket::FastOpenKey \"" << keys << "\": " << error);
    if (m_node)
    {
        // Same algorithm as the node's key, as Linux uses one cipher for both.
        Ptr<TcpFastOpenCookieGenerator> nodeGenerator =
            m_node->GetObject<TcpFastOpenCookieGenerator>();
        if (nodeGenerator)
        {
            generator->SetAlgorithm(nodeGenerator->GetAlgorithm());
        }
    }
    m_ownGenerator = generator;
}

Ptr<TcpFastOpenCookieGenerator>
TcpFastOpenSocket::GetCookieGenerator()
{
    if (m_ownGenerator)
    {
        return m_ownGenerator;
    }
    return GetNodeComponent<TcpFastOpenCookieGenerator>();
}

template <typename T>
Ptr<T>
TcpFastOpenSocket::GetNodeComponent()
{
    // TcpFastOpenHelper::Install aggregates them; a socket created without the
    // helper gets defaults on first use.
    NS_ABORT_MSG_UNLESS(m_node, "TcpFastOpenSocket has no node");
    Ptr<T> component = m_node->GetObject<T>();
    if (!component)
    {
        component = CreateObject<T>();
        m_node->AggregateObject(component);
    }
    return component;
}

Ptr<TcpFastOpenCookieCache>
TcpFastOpenSocket::GetCookieCache()
{
    return GetNodeComponent<TcpFastOpenCookieCache>();
}

Ptr<TcpFastOpenBlackholeDetector>
TcpFastOpenSocket::GetBlackholeDetector()
{
    return GetNodeComponent<TcpFastOpenBlackholeDetector>();
}

Ptr<TcpFastOpenCounters>
TcpFastOpenSocket::GetCounters()
{
    return GetNodeComponent<TcpFastOpenCounters>();
}

std::pair<Address, Address>
TcpFastOpenSocket::GetAddressPair() const
{
    if (m_endPoint)
    {
        return {m_endPoint->GetLocalAddress(), m_endPoint->GetPeerAddress()};
    }
    NS_ASSERT(m_endPoint6);
    return {m_endPoint6->GetLocalAddress(), m_endPoint6->GetPeerAddress()};
}

uint16_t
TcpFastOpenSocket::GetPathMss() const
{
    if (m_endPoint)
    {
        return GetPathMss(m_endPoint->GetLocalAddress());
    }
    if (m_endPoint6)
    {
        return GetPathMss(m_endPoint6->GetLocalAddress());
    }
    return 536; // RFC 879 default MSS when the interface is unknown
}

uint16_t
TcpFastOpenSocket::GetPathMss(const Address& local) const
{
    // dst_metric_advmss / __tcp_mtu_to_mss: MTU minus the IP and TCP headers.
    if (Ipv4Address::IsMatchingType(local))
    {
        Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
        const int32_t interface = ipv4->GetInterfaceForAddress(Ipv4Address::ConvertFrom(local));
        if (interface >= 0)
        {
            return ipv4->GetMtu(interface) - 20 - 20;
        }
    }
    else if (Ipv6Address::IsMatchingType(local))
    {
        Ptr<Ipv6> ipv6 = m_node->GetObject<Ipv6>();
        const int32_t interface = ipv6->GetInterfaceForAddress(Ipv6Address::ConvertFrom(local));
        if (interface >= 0)
        {
            return ipv6->GetMtu(interface) - 40 - 20;
        }
    }
    return 536; // RFC 879 default MSS when the interface is unknown
}

void
TcpFastOpenSocket::NotifyFastOpenEvent(Event event, uint32_t bytes, const TcpFastOpenCookie& cookie)
{
    NS_LOG_INFO(this << " " << EventToString(event) << " bytes=" << bytes << " cookie=" << cookie);
    m_fastOpenTrace(event, bytes, cookie);
}

TcpFastOpenSocket::ClientFailReason
TcpFastOpenSocket::GetClientFailReason() const
{
    return m_clientFail;
}

bool
TcpFastOpenSocket::IsFastOpenChild() const
{
    return m_fastOpenChild;
}

bool
TcpFastOpenSocket::IsSynDataAcked() const
{
    return m_synDataAcked;
}

uint32_t
TcpFastOpenSocket::GetSynDataSent() const
{
    return m_synDataLen;
}

uint32_t
TcpFastOpenSocket::GetPendingFastOpenCount() const
{
    return m_pendingFastOpen;
}

uint32_t
TcpFastOpenSocket::GetMaxPendingFastOpen() const
{
    // setsockopt(TCP_FASTOPEN, qlen) -> fastopen_queue_tune(): min(qlen, somaxconn).
    // Mode 0x400 enables every listener with max_qlen = min(backlog, somaxconn).
    uint32_t qlen = m_fastOpenQueueLength;
    if (qlen == 0 && ModeHas(SERVER_WO_SOCKOPT | SERVER_ENABLE))
    {
        qlen = m_listenBacklog;
    }
    return std::min(qlen, m_soMaxConn);
}

uint32_t
TcpFastOpenSocket::GetSynQueueLength() const
{
    return m_synQueue;
}

uint32_t
TcpFastOpenSocket::GetAcceptQueueLength() const
{
    return m_acceptQueueLength;
}

uint32_t
TcpFastOpenSocket::GetChildSocketCount() const
{
    return m_childSockets;
}

uint32_t
TcpFastOpenSocket::GetMaxAckBacklog() const
{
    // listen(): sk_max_ack_backlog = min(backlog, net.core.somaxconn).
    return std::min(m_listenBacklog, m_soMaxConn);
}

std::string
TcpFastOpenSocket::EventToString(Event event)
{
    switch (event)
    {
    case COOKIE_REQUESTED:
        return "COOKIE_REQUESTED";
    case COOKIE_RECEIVED:
        return "COOKIE_RECEIVED";
    case SYN_DATA_SENT:
        return "SYN_DATA_SENT";
    case SYN_DATA_ACKED:
        return "SYN_DATA_ACKED";
    case SYN_DATA_PARTIALLY_ACKED:
        return "SYN_DATA_PARTIALLY_ACKED";
    case SYN_DATA_NOT_ACKED:
        return "SYN_DATA_NOT_ACKED";
    case SYN_ACK_OVER_ACKED:
        return "SYN_ACK_OVER_ACKED";
    case COOKIE_REQUEST_RECEIVED:
        return "COOKIE_REQUEST_RECEIVED";
    case COOKIE_SENT:
        return "COOKIE_SENT";
    case PASSIVE_ACCEPTED:
        return "PASSIVE_ACCEPTED";
    case PASSIVE_ALT_KEY:
        return "PASSIVE_ALT_KEY";
    case PASSIVE_INVALID_COOKIE:
        return "PASSIVE_INVALID_COOKIE";
    case PASSIVE_LISTEN_OVERFLOW:
        return "PASSIVE_LISTEN_OVERFLOW";
    case PASSIVE_DISABLED:
        return "PASSIVE_DISABLED";
    case ACTIVE_PAUSED:
        return "ACTIVE_PAUSED";
    case NEGATIVE_CACHED:
        return "NEGATIVE_CACHED";
    case BLACKHOLE_DETECTED:
        return "BLACKHOLE_DETECTED";
    }
    return "UNKNOWN";
}

std::string
TcpFastOpenSocket::ClientFailReasonToString(ClientFailReason reason)
{
    switch (reason)
    {
    case TFO_STATUS_UNSPEC:
        return "TFO_STATUS_UNSPEC";
    case TFO_COOKIE_UNAVAILABLE:
        return "TFO_COOKIE_UNAVAILABLE";
    case TFO_DATA_NOT_ACKED:
        return "TFO_DATA_NOT_ACKED";
    case TFO_SYN_RETRANSMITTED:
        return "TFO_SYN_RETRANSMITTED";
    }
    return "UNKNOWN";
}

// ---------------------------------------------------------------------------
// Client: the APIs
// ---------------------------------------------------------------------------

int
TcpFastOpenSocket::Connect(const Address& address)
{
    NS_LOG_FUNCTION(this << address);
    // setsockopt(TCP_FASTOPEN_CONNECT) fails with EOPNOTSUPP without the client bit.
    NS_ABORT_MSG_IF(m_fastOpenConnect && !ModeHas(CLIENT_ENABLE),
                    "TcpFastOpenSocket::FastOpenConnect is set but Mode 0x"
                        << std::hex << m_mode << std::dec
                        << " lacks the client bit 0x1 (Linux: TCP_FASTOPEN_CONNECT fails with "
                           "EOPNOTSUPP)");
    return ConnectWithFastOpen(address, m_fastOpenConnect);
}

int
TcpFastOpenSocket::SendTo(Ptr<Packet> p, uint32_t flags, const Address& toAddress)
{
    NS_LOG_FUNCTION(this << p << flags << toAddress);
    if (!(flags & MSG_FASTOPEN))
    {
        return TcpSocketBase::SendTo(p, flags, toAddress);
    }
    // sendto(MSG_FASTOPEN): connect and send in one call (tcp_sendmsg_fastopen).
    if (!ModeHas(CLIENT_ENABLE))
    {
        m_errno = ERROR_OPNOTSUPP;
        return -1;
    }
    if (m_state == ESTABLISHED || m_state == CLOSE_WAIT)
    {
        // Already connected: an ordinary send (packetdrill nonblocking-sendto.pkt).
        return TcpSocketBase::Send(p, flags & ~MSG_FASTOPEN);
    }
    if (m_state != CLOSED)
    {
        m_errno = ERROR_ISCONN; // a connection (attempt) exists
        return -1;
    }
    m_synPendingData = p->Copy();
    if (ConnectWithFastOpen(toAddress, true) != 0)
    {
        m_synPendingData = nullptr;
        return -1;
    }
    return TcpSocketBase::Send(p, flags & ~MSG_FASTOPEN);
}

int
TcpFastOpenSocket::Send(Ptr<Packet> p, uint32_t flags)
{
    NS_LOG_FUNCTION(this << p << flags);
    if (m_fastOpenChild && m_state == SYN_RCVD)
    {
        // A TFO child may answer before the client's ACK (Linux: the child is a
        // full socket in SYN_RECV). TcpSocketBase::Send refuses SYN_RCVD.
        if (!m_txBuffer->Add(p))
        {
            m_errno = ERROR_MSGSIZE;
            return -1;
        }
        if (!m_sendPendingDataEvent.IsExpired())
        {
            return p->GetSize();
        }
        m_sendPendingDataEvent =
            Simulator::Schedule(TimeStep(1), &TcpFastOpenSocket::SendPendingData, this, true);
        return p->GetSize();
    }

    int sent = TcpSocketBase::Send(p, flags);
    if (sent > 0 && m_synDeferred)
    {
        // TCP_FASTOPEN_CONNECT: the SYN leaves with the first write; writes made
        // in the same instant share it (ns-3 applications write in chunks).
        if (!m_synPendingData)
        {
            m_synPendingData = Create<Packet>();
        }
        m_synPendingData->AddAtEnd(p);
        if (m_deferredSynEvent.IsExpired())
        {
            m_deferredSynEvent = Simulator::ScheduleNow(&TcpFastOpenSocket::SendDeferredSyn, this);
        }
    }
    return sent;
}

int
TcpFastOpenSocket::Close()
{
    NS_LOG_FUNCTION(this);
    CheckBlackholeAtClose();
    if (m_state == SYN_SENT && m_txBuffer->Size() > 0)
    {
        // Data written before the handshake completed (SYN data or queued
        // behind it) is delivered first, as TcpSocketBase does for a Close()
        // with pending data in ESTABLISHED. Linux would close at once and
        // answer the SYN-ACK with RST (see the doc: deviations).
        m_closeOnEmpty = true;
        return 0;
    }
    if (m_state == LISTEN)
    {
        ListenStop();
    }
    return TcpSocketBase::Close();
}

void
TcpFastOpenSocket::ListenStop()
{
    NS_LOG_FUNCTION(this);
    m_acceptEvent.Cancel();
    while (!m_acceptQueue.empty())
    {
        Ptr<TcpFastOpenSocket> child = m_acceptQueue.front().first;
        m_acceptQueue.pop_front();
        m_acceptQueueLength = m_acceptQueue.size();
        child->ForgetChild();
    }
}

void
TcpFastOpenSocket::ForgetChild()
{
    NS_LOG_FUNCTION(this);
    switch (m_state)
    {
    case SYN_RCVD:
    case ESTABLISHED:
    case CLOSE_WAIT:
    case FIN_WAIT_1:
    case FIN_WAIT_2:
        SendEmptyPacket(TcpHeader::RST); // RST|ACK: see SendEmptyPacket
        break;
    default:
        break;
    }
    m_state = CLOSED;
    DeallocateEndPoint();
}

void
TcpFastOpenSocket::CloseIfSynDataWasAll()
{
    // TcpSocketBase sends a deferred FIN with the last data segment; when the
    // SYN carried all the data there is no such segment.
    if (m_state == ESTABLISHED && m_closeOnEmpty && m_txBuffer->Size() == 0)
    {
        DoClose();
    }
}

int
TcpFastOpenSocket::ConnectWithFastOpen(const Address& address, bool useFastOpen)
{
    ResetClientState();
    m_fastOpenRequested = useFastOpen && ModeHas(CLIENT_ENABLE);
    if (m_randomIsn)
    {
        m_isn = DrawRandomIsn();
        m_tcb->m_nextTxSequence = m_isn;
        m_tcb->m_highTxMark = m_isn;
        m_highRxAckMark = m_isn;
    }
    else
    {
        m_isn = m_tcb->m_nextTxSequence;
    }
    // TcpSocketBase::Connect binds, finds the route and calls DoConnect(), which
    // sends the SYN through SendEmptyPacket() -> SendSyn() (or defers it).
    return TcpSocketBase::Connect(address);
}

void
TcpFastOpenSocket::ResetClientState()
{
    m_fastOpenRequested = false;
    m_synDeferred = false;
    m_deferredNotified = false;
    m_deferredSynEvent.Cancel();
    m_synOption.reset();
    m_synDataLen = 0;
    m_synRetransmitted = false;
    m_synDataAcked = false;
    m_blackholeCheck = false;
    m_timeouts = 0;
    m_clientFail = TFO_STATUS_UNSPEC;
}

bool
TcpFastOpenSocket::DeferConnect()
{
    // tcp_fastopen_defer_connect: defer only when the SYN could carry data,
    // i.e. a cookie is cached or no cookie is needed. Otherwise the SYN leaves at
    // connect() with a cookie request.
    if (!m_fastOpenConnect || !m_fastOpenRequested || m_synPendingData)
    {
        return false;
    }
    if (ModeHas(CLIENT_NO_COOKIE) || m_fastOpenNoCookie)
    {
        return true;
    }
    auto [local, remote] = GetAddressPair();
    auto entry = GetCookieCache()->Lookup(local, remote);
    return entry && !entry->cookie.IsEmpty();
}

void
TcpFastOpenSocket::SendDeferredSyn()
{
    NS_LOG_FUNCTION(this);
    if (!m_synDeferred || m_state != SYN_SENT)
    {
        return;
    }
    m_synDeferred = false;
    SendEmptyPacket(m_tcb->m_useEcn == TcpSocketState::On
                        ? TcpHeader::SYN | TcpHeader::ECE | TcpHeader::CWR
                        : TcpHeader::SYN);
}

void
TcpFastOpenSocket::NotifyDeferredConnectSucceeded()
{
    NS_LOG_FUNCTION(this);
    if (m_state != SYN_SENT || m_deferredNotified)
    {
        return;
    }
    m_deferredNotified = true;
    NotifyConnectionSucceeded();
    // The application was told "connected": TcpSocketBase must not tell it a
    // second time when the handshake completes, and a later failure reaches it
    // as an error close (as a failed write would on Linux).
    SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                       MakeNullCallback<void, Ptr<Socket>>());
    if (GetTxAvailable() > 0)
    {
        NotifySend(GetTxAvailable());
    }
}

// ---------------------------------------------------------------------------
// Client: the SYN
// ---------------------------------------------------------------------------

void
TcpFastOpenSocket::SendEmptyPacket(uint8_t flags)
{
    NS_LOG_FUNCTION(this << static_cast<uint32_t>(flags));
    if ((flags & TcpHeader::SYN) && (flags & TcpHeader::ACK))
    {
        SendSynAck(flags);
    }
    else if (flags & TcpHeader::SYN)
    {
        SendSyn(flags);
    }
    else if (flags == TcpHeader::RST && (IsSynchronizedState() || m_state == SYN_RCVD))
    {
        // tcp_send_active_reset: a reset a connected socket sends on its own
        // (close with unread data, abort) acknowledges rcv_nxt.
        TcpSocketBase::SendEmptyPacket(TcpHeader::RST | TcpHeader::ACK);
    }
    else if (flags == TcpHeader::ACK && m_saveHandshakeAck)
    {
        NS_LOG_LOGIC(this << " handshake ACK saved: the first data segment carries it");
    }
    else
    {
        TcpSocketBase::SendEmptyPacket(flags);
    }
}

void
TcpFastOpenSocket::PrepareFastOpenSyn()
{
    m_synOption.reset();
    m_synDataLen = 0;
    if (!m_fastOpenRequested)
    {
        return; // plain connect(): no option at all
    }
    auto [local, remote] = GetAddressPair();
    auto entry = GetCookieCache()->Lookup(local, remote);

    // tcp_fastopen_cookie_check: recurring SYN-data losses (Linux <= 4.14) and
    // the blackhole pause send a plain SYN (cookie->len = -1: no option, no data).
    if (entry && NegativeCacheBlocks(entry->synLoss, entry->lastSynLoss))
    {
        NotifyFastOpenEvent(NEGATIVE_CACHED, 0, TcpFastOpenCookie());
        return;
    }
    if (GetBlackholeDetector()->ShouldDisable(m_blackholeCheck))
    {
        NotifyFastOpenEvent(ACTIVE_PAUSED, 0, TcpFastOpenCookie());
        return;
    }

    // tcp_send_syn_data: SYN data space = cached MSS (bounded by the path MSS)
    // minus the maximum option space.
    const uint32_t pathMss = GetPathMss();
    const uint32_t mss =
        (entry && entry->mss > 0) ? std::min<uint32_t>(entry->mss, pathMss) : pathMss;
    const uint32_t space = mss > kMaxTcpOptionSpace ? mss - kMaxTcpOptionSpace : 0;
    const uint32_t pending = m_synPendingData ? m_synPendingData->GetSize() : 0;

    // tcp_fastopen_cookie_check
    if (ModeHas(CLIENT_NO_COOKIE) || m_fastOpenNoCookie)
    {
        m_synDataLen = std::min(space, pending); // data, no option
        return;
    }
    if (entry && !entry->cookie.IsEmpty())
    {
        m_synOption = TcpFastOpenOptionValue{entry->experimental ? TcpOptionFastOpen::EXPERIMENTAL
                                                                 : TcpOptionFastOpen::RFC7413,
                                             false,
                                             entry->cookie};
        m_synDataLen = std::min(space, pending);
        return;
    }
    // No cookie: a regular SYN with a cookie request; the data waits.
    m_clientFail = TFO_COOKIE_UNAVAILABLE;
    TcpOptionFastOpen::Form form = m_optionForm;
    if (entry && entry->tryExp == 1)
    {
        form = TcpOptionFastOpen::EXPERIMENTAL;
    }
    else if (entry && entry->tryExp == 2)
    {
        form = TcpOptionFastOpen::RFC7413;
    }
    m_synOption = TcpFastOpenOptionValue{form, true, TcpFastOpenCookie()};
}

bool
TcpFastOpenSocket::ConsumeSynAttempt(uint32_t maxAttempts)
{
    // As TcpSocketBase::SendEmptyPacket: exponential back-off from ConnTimeout.
    if (m_synCount == 0)
    {
        return false;
    }
    m_rto = m_cnTimeout * (1 << (maxAttempts - m_synCount));
    m_synCount--;
    return true;
}

void
TcpFastOpenSocket::GiveUpHandshake()
{
    NS_LOG_LOGIC(this << " handshake failed: no answer");
    m_rtt->Reset();
    const bool announced = m_deferredNotified || m_fastOpenChild;
    m_state = CLOSED;
    DeallocateEndPoint();
    if (announced)
    {
        NotifyErrorClose(); // the application already holds a "connected" socket
    }
    else
    {
        NotifyConnectionFailed();
    }
}

void
TcpFastOpenSocket::SendSyn(uint8_t flags)
{
    NS_LOG_FUNCTION(this << static_cast<uint32_t>(flags));
    if (m_endPoint == nullptr && m_endPoint6 == nullptr)
    {
        NS_LOG_WARN("Failed to send SYN: no endpoint");
        return;
    }
    const bool firstTransmission = (m_synCount == m_synRetries);
    if (firstTransmission && DeferConnect() && !m_synDeferred && !m_deferredNotified)
    {
        // TCP_FASTOPEN_CONNECT with a cookie: connect() succeeds now, the SYN
        // waits for the first write.
        m_synDeferred = true;
        Simulator::ScheduleNow(&TcpFastOpenSocket::NotifyDeferredConnectSucceeded, this);
        return;
    }
    if (!firstTransmission)
    {
        // tcp_retransmit_timer -> tcp_write_timeout: the SYN timed out.
        DetectBlackholeOnTimeout(m_synCount == 0);
        m_timeouts++;
    }
    if (!ConsumeSynAttempt(m_synRetries))
    {
        GiveUpHandshake();
        return;
    }

    Ptr<Packet> p;
    if (firstTransmission)
    {
        PrepareFastOpenSyn();
        p = m_synDataLen > 0 ? m_synPendingData->CreateFragment(0, m_synDataLen) : Create<Packet>();
    }
    else
    {
        // "exclude Fast Open option for SYN retries": neither option nor data.
        m_synRetransmitted = true;
        p = Create<Packet>();
    }
    m_synPendingData = nullptr;

    TransmitSynSegment(p,
                       flags,
                       firstTransmission ? m_synOption : std::nullopt,
                       !firstTransmission);

    if (firstTransmission && m_synOption)
    {
        if (m_synOption->isRequest)
        {
            NotifyFastOpenEvent(COOKIE_REQUESTED, 0, TcpFastOpenCookie());
        }
    }
    if (firstTransmission && m_synDataLen > 0)
    {
        NotifyFastOpenEvent(SYN_DATA_SENT,
                            m_synDataLen,
                            m_synOption ? m_synOption->cookie : TcpFastOpenCookie());
    }
    if (m_retxEvent.IsExpired())
    {
        m_retxEvent = Simulator::Schedule(m_rto, &TcpFastOpenSocket::SendEmptyPacket, this, flags);
    }
}

void
TcpFastOpenSocket::ProcessFastOpenSynAck(const TcpHeader& tcpHeader)
{
    NS_LOG_FUNCTION(this << tcpHeader);
    const uint16_t peerMss = ProcessOptionMss(tcpHeader);
    const bool attempted = m_synOption.has_value() || m_synDataLen > 0;
    if (!attempted)
    {
        return; // tcp_rcv_fastopen_synack runs only for syn_fastopen || syn_data
    }

    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    const SequenceNumber32 firstDataSeq = m_isn + 1;
    if (ack < firstDataSeq || ack > firstDataSeq + m_synDataLen)
    {
        // Acknowledges data never sent: TcpSocketBase answers with RST, whose
        // sequence number must be the SYN-ACK's ACK (RFC 793 <SEQ=SEG.ACK>,
        // Linux tcp_v4_send_reset); it takes it from nextTx.
        NotifyFastOpenEvent(SYN_ACK_OVER_ACKED, m_synDataLen, TcpFastOpenCookie());
        m_tcb->m_nextTxSequence = ack;
        return;
    }
    const uint32_t acked = ack - firstDataSeq;
    const bool dataUnacked = acked < m_synDataLen;
    m_timeouts = 0; // the SYN is acknowledged: icsk_retransmits starts over

    // The cookie the SYN-ACK carries; ignored if we did not send the option.
    std::optional<TcpFastOpenOptionValue> option = TcpOptionFastOpen::Find(tcpHeader);
    const bool cookieReceived = m_synOption && option && !option->isRequest;
    bool synDrop = false;
    uint8_t tryExp = 0;
    if (m_synRetransmitted)
    {
        // The SYN timed out and the SYN-ACK neither has a cookie nor acks the
        // data: the remote presumably saw only the retransmitted plain SYN.
        synDrop = !cookieReceived && dataUnacked;
    }
    else if (m_synOption && !cookieReceived && m_synDataLen == 0)
    {
        // A cookie request got no cookie: try the other option form next time.
        tryExp = m_synOption->form == TcpOptionFastOpen::EXPERIMENTAL ? 2 : 1;
    }
    auto [local, remote] = GetAddressPair();
    GetCookieCache()->Update(local,
                             remote,
                             peerMss,
                             cookieReceived ? &option->cookie : nullptr,
                             cookieReceived && option->form == TcpOptionFastOpen::EXPERIMENTAL,
                             synDrop,
                             tryExp);
    if (cookieReceived)
    {
        NotifyFastOpenEvent(COOKIE_RECEIVED, 0, option->cookie);
    }

    if (m_synDataLen > 0)
    {
        if (dataUnacked)
        {
            m_clientFail = m_synRetransmitted ? TFO_SYN_RETRANSMITTED : TFO_DATA_NOT_ACKED;
            GetCounters()->Increment(TcpFastOpenCounters::TFO_ACTIVE_FAIL);
            NotifyFastOpenEvent(acked > 0 ? SYN_DATA_PARTIALLY_ACKED : SYN_DATA_NOT_ACKED,
                                m_synDataLen - acked,
                                TcpFastOpenCookie());
        }
        else
        {
            m_synDataAcked = true;
            GetCounters()->Increment(TcpFastOpenCounters::TFO_ACTIVE);
            NotifyFastOpenEvent(SYN_DATA_ACKED, acked, TcpFastOpenCookie());
        }
    }

    // Hand TcpSocketBase a state in which the SYN-ACK completes the handshake:
    // it checks ack == nextTx + 1 and then sets the tx head to nextTx + 1. The
    // acknowledged SYN data leaves the tx buffer; what is left is sent at once
    // by the handshake's SendPendingData (Linux: marked lost and retransmitted).
    m_txBuffer->SetHeadSequence(firstDataSeq);
    if (acked > 0)
    {
        m_txBuffer->CopyFromSequence(acked, firstDataSeq);
        m_txBuffer->DiscardUpTo(firstDataSeq + acked);
    }
    m_tcb->m_nextTxSequence = m_isn + acked;
}

// ---------------------------------------------------------------------------
// Server: the listener's decision (tcp_try_fastopen)
// ---------------------------------------------------------------------------

bool
TcpFastOpenSocket::FastOpenQueueCheck()
{
    const uint32_t maxQlen = GetMaxPendingFastOpen();
    if (maxQlen == 0)
    {
        return false;
    }
    if (m_pendingFastOpen >= maxQlen)
    {
        // Full: free the oldest slot held for a reset child if its time is up.
        if (m_resetSlotExpiry.empty() || m_resetSlotExpiry.front() > Simulator::Now())
        {
            GetCounters()->Increment(TcpFastOpenCounters::TFO_LISTEN_OVERFLOW);
            return false;
        }
        m_resetSlotExpiry.pop_front();
        m_pendingFastOpen--;
    }
    return true;
}

void
TcpFastOpenSocket::AddPendingChild()
{
    m_pendingFastOpen++;
    NS_LOG_LOGIC(this << " pending TFO children: " << m_pendingFastOpen);
}

void
TcpFastOpenSocket::RemovePendingChild(bool reset)
{
    NS_ASSERT(m_pendingFastOpen > 0);
    m_pendingFastOpen--;
    if (reset && m_state == LISTEN)
    {
        // reqsk_fastopen_remove: a child reset by the client keeps its slot for
        // 60 s, against floods that spoof a cookie owner's address.
        m_resetSlotExpiry.push_back(Simulator::Now() + m_resetHoldTime);
        m_pendingFastOpen++;
    }
    NS_LOG_LOGIC(this << " pending TFO children: " << m_pendingFastOpen << " reset=" << reset);
}

TcpFastOpenSocket::PassiveDecision
TcpFastOpenSocket::TryFastOpen(const TcpHeader& tcpHeader,
                               uint32_t payloadSize,
                               const Address& client,
                               const Address& server)
{
    PassiveDecision decision;
    const std::optional<TcpFastOpenOptionValue> option = TcpOptionFastOpen::Find(tcpHeader);
    const bool synData = payloadSize > 0;
    if (option && option->isRequest)
    {
        GetCounters()->Increment(TcpFastOpenCounters::TFO_COOKIE_REQD);
        NotifyFastOpenEvent(COOKIE_REQUEST_RECEIVED, 0, TcpFastOpenCookie());
    }
    if (!ModeHas(SERVER_ENABLE) || !(synData || option))
    {
        if (option)
        {
            NotifyFastOpenEvent(PASSIVE_DISABLED, payloadSize, TcpFastOpenCookie());
        }
        return decision;
    }
    if (!FastOpenQueueCheck())
    {
        NotifyFastOpenEvent(GetMaxPendingFastOpen() > 0 ? PASSIVE_LISTEN_OVERFLOW
                                                        : PASSIVE_DISABLED,
                            payloadSize,
                            TcpFastOpenCookie());
        return decision;
    }

    const TcpOptionFastOpen::Form form = option ? option->form : m_optionForm;
    if (ModeHas(SERVER_COOKIE_NOT_REQD) || m_fastOpenNoCookie)
    {
        decision.createChild = true; // no cookie needed, none sent
        GetCounters()->Increment(TcpFastOpenCounters::TFO_PASSIVE);
        NotifyFastOpenEvent(PASSIVE_ACCEPTED, payloadSize, TcpFastOpenCookie());
        return decision;
    }
    if (!option)
    {
        return decision; // SYN data without a cookie: dropped, plain handshake
    }
    // Convert the socket addresses once: the generator's typed overloads cost a
    // third of its Address overload (bench/: 301 vs 1014 instructions).
    Ptr<TcpFastOpenCookieGenerator> generator = GetCookieGenerator();
    const bool ipv4 = InetSocketAddress::IsMatchingType(client);
    const Ipv4Address client4 =
        ipv4 ? InetSocketAddress::ConvertFrom(client).GetIpv4() : Ipv4Address();
    const Ipv4Address server4 =
        ipv4 ? InetSocketAddress::ConvertFrom(server).GetIpv4() : Ipv4Address();
    const Ipv6Address client6 =
        ipv4 ? Ipv6Address() : Inet6SocketAddress::ConvertFrom(client).GetIpv6();
    const Ipv6Address server6 =
        ipv4 ? Ipv6Address() : Inet6SocketAddress::ConvertFrom(server).GetIpv6();
    const auto generate = [&]() {
        return ipv4 ? generator->Generate(client4, server4) : generator->Generate(client6, server6);
    };
    if (option->isRequest)
    {
        decision.option = TcpFastOpenOptionValue{form, false, generate()};
        return decision;
    }
    const int valid = ipv4 ? generator->Validate(option->cookie, client4, server4)
                           : generator->Validate(option->cookie, client6, server6);
    if (valid == 0)
    {
        GetCounters()->Increment(TcpFastOpenCounters::TFO_PASSIVE_FAIL);
        NotifyFastOpenEvent(PASSIVE_INVALID_COOKIE, payloadSize, option->cookie);
        decision.option = TcpFastOpenOptionValue{form, false, generate()};
        return decision;
    }
    decision.createChild = true;
    GetCounters()->Increment(TcpFastOpenCounters::TFO_PASSIVE);
    if (valid == 2)
    {
        // Valid under the backup key only: accept, and hand out a fresh cookie.
        GetCounters()->Increment(TcpFastOpenCounters::TFO_PASSIVE_ALT_KEY);
        NotifyFastOpenEvent(PASSIVE_ALT_KEY, payloadSize, option->cookie);
        decision.option = TcpFastOpenOptionValue{form, false, generate()};
    }
    NotifyFastOpenEvent(PASSIVE_ACCEPTED, payloadSize, option->cookie);
    return decision;
}

// ---------------------------------------------------------------------------
// Server: SYN queue, accept queue and SYN cookies (tcp_conn_request)
// ---------------------------------------------------------------------------

bool
TcpFastOpenSocket::SynQueueIsFull() const
{
    // inet_csk_reqsk_queue_is_full: qlen >= sk_max_ack_backlog.
    return m_synQueue >= GetMaxAckBacklog();
}

bool
TcpFastOpenSocket::AcceptQueueIsFull() const
{
    // sk_acceptq_is_full: sk_ack_backlog > sk_max_ack_backlog.
    return m_acceptQueueLength > GetMaxAckBacklog();
}

bool
TcpFastOpenSocket::SynFloodAction()
{
    // tcp_syn_flood_action: cookies if net.ipv4.tcp_syncookies allows them.
    if (m_synCookies != 0)
    {
        GetCounters()->Increment(TcpFastOpenCounters::REQ_Q_FULL_DO_COOKIES);
        return true;
    }
    GetCounters()->Increment(TcpFastOpenCounters::REQ_Q_FULL_DROP);
    return false;
}

bool
TcpFastOpenSocket::MaxSynBacklogDropsUnproven() const
{
    // tcp_conn_request: "without syncookies last quarter of backlog is filled
    // with destinations proven to be alive" (tcp_peer_is_proven: none here).
    return m_synCookies == 0 && m_maxSynBacklog - std::min<uint32_t>(m_synQueue, m_maxSynBacklog) <
                                    (m_maxSynBacklog >> 2);
}

TcpFastOpenSocket::ConnRequestVerdict
TcpFastOpenSocket::ConnRequestAdmit()
{
    // tcp_conn_request, in its order.
    bool wantCookie = false;
    if (m_synCookies == 2 || SynQueueIsFull())
    {
        wantCookie = SynFloodAction();
        if (!wantCookie)
        {
            GetCounters()->Increment(TcpFastOpenCounters::LISTEN_DROPS);
            return CONN_REQUEST_DROP;
        }
    }
    if (AcceptQueueIsFull())
    {
        GetCounters()->Increment(TcpFastOpenCounters::LISTEN_OVERFLOWS);
        GetCounters()->Increment(TcpFastOpenCounters::LISTEN_DROPS);
        return CONN_REQUEST_DROP;
    }
    if (!wantCookie && MaxSynBacklogDropsUnproven())
    {
        GetCounters()->Increment(TcpFastOpenCounters::LISTEN_DROPS);
        return CONN_REQUEST_DROP;
    }
    NS_LOG_LOGIC(this << (wantCookie ? " SYN: SYN cookie" : " SYN: request queued"));
    return wantCookie ? CONN_REQUEST_COOKIE : CONN_REQUEST_PROCEED;
}

Ptr<TcpSynCookieGenerator>
TcpFastOpenSocket::GetSynCookieGenerator()
{
    NS_ABORT_MSG_UNLESS(m_node, "TcpFastOpenSocket has no node");
    Ptr<TcpSynCookieGenerator> generator = m_node->GetObject<TcpSynCookieGenerator>();
    if (!generator)
    {
        generator = CreateObject<TcpSynCookieGenerator>();
        m_node->AggregateObject(generator);
    }
    return generator;
}

void
TcpFastOpenSocket::SendCookieSynAck(const TcpHeader& syn, const Address& from, const Address& to)
{
    const auto flow =
        TcpSynCookieGenerator::Flow::FromSocketAddresses(from,
                                                         to,
                                                         syn.GetSequenceNumber().GetValue());
    // cookie_v4_init_sequence / cookie_v6_init_sequence: tcp_synq_overflow()
    // stamps the listener.
    m_lastSynqOverflow = Simulator::Now();
    // Without the MSS option, the family's mss_clamp (536 or 1220).
    uint16_t clientMss = TcpSynCookieGenerator::DefaultMss(flow.IsIpv6());
    if (syn.HasOption(TcpOption::MSS))
    {
        clientMss = DynamicCast<const TcpOptionMSS>(syn.GetOption(TcpOption::MSS))->GetMSS();
    }
    uint16_t encodedMss = 0;
    const uint32_t cookie = GetSynCookieGenerator()->Encode(flow, clientMss, encodedMss);
    GetCounters()->Increment(TcpFastOpenCounters::SYNCOOKIES_SENT);

    // tcp_conn_request: a SYN answered with a cookie keeps its other options
    // only if it carried timestamps (else tcp_clear_options), because they
    // travel in the TSval; tcp_parse_options counts an option only if the
    // listener has it on, and tcp_ecn_create_request decides ECN.
    const bool timestamps = m_timestampEnabled && syn.HasOption(TcpOption::TS);
    TcpSynCookieGenerator::TimestampOptions options;
    if (timestamps)
    {
        if (m_winScalingEnabled && syn.HasOption(TcpOption::WINSCALE))
        {
            options.wscaleOk = true;
            options.sndWscale = std::min<uint8_t>(
                DynamicCast<const TcpOptionWinScale>(syn.GetOption(TcpOption::WINSCALE))
                    ->GetScale(),
                TcpSynCookieGenerator::MAX_WSCALE);
        }
        options.sackOk = m_sackEnabled && syn.HasOption(TcpOption::SACKPERMITTED);
        options.ecnOk = m_tcb->m_useEcn != TcpSocketState::Off &&
                        (syn.GetFlags() & (TcpHeader::ECE | TcpHeader::CWR)) ==
                            (TcpHeader::ECE | TcpHeader::CWR);
    }

    // tcp_make_synack(TCP_SYNACK_COOKIE): no Fast Open option; ECE if ECN
    // (tcp_ecn_make_synack); the TSval from cookie_init_timestamp.
    TcpHeader header;
    header.SetFlags(TcpHeader::SYN | TcpHeader::ACK | (options.ecnOk ? TcpHeader::ECE : 0));
    header.SetSequenceNumber(SequenceNumber32(cookie));
    header.SetAckNumber(syn.GetSequenceNumber() + SequenceNumber32(1));
    header.SetSourcePort(flow.serverPort);
    header.SetDestinationPort(flow.clientPort);
    if (m_sendMss)
    {
        Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
        mss->SetMSS(GetPathMss(flow.server));
        header.AppendOption(mss);
    }
    if (timestamps)
    {
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(
            TcpSynCookieGenerator::InitTimestamp(TcpOptionTS::NowToTsValue(), options));
        ts->SetEcho(DynamicCast<const TcpOptionTS>(syn.GetOption(TcpOption::TS))->GetTimestamp());
        header.AppendOption(ts);
    }
    if (options.wscaleOk)
    {
        // tcp_select_initial_window: the child computes the same scale again.
        Ptr<TcpOptionWinScale> ws = CreateObject<TcpOptionWinScale>();
        ws->SetScale(CalculateWScale());
        header.AppendOption(ws);
    }
    if (options.sackOk)
    {
        header.AppendOption(CreateObject<TcpOptionSackPermitted>());
    }
    header.SetWindowSize(std::min<uint32_t>(m_tcb->m_rxBuffer->MaxBufferSize(), 65535));
    Ptr<Packet> p = Create<Packet>();
    m_txTrace(p, header, this);
    m_tcp->SendPacket(p, header, flow.server, flow.client, m_boundnetdevice);
}

void
TcpFastOpenSocket::SendListenerReset(const TcpHeader& segment,
                                     const Address& from,
                                     const Address& to)
{
    // tcp_v4_send_reset / tcp_v6_send_reset for an ACK-bearing segment:
    // <SEQ=SEG.ACK><CTL=RST> (RFC 793, LISTEN), sent without a socket.
    const auto flow = TcpSynCookieGenerator::Flow::FromSocketAddresses(from, to, 0);
    TcpHeader header;
    header.SetFlags(TcpHeader::RST);
    header.SetSequenceNumber(segment.GetAckNumber());
    header.SetSourcePort(flow.serverPort);
    header.SetDestinationPort(flow.clientPort);
    header.SetWindowSize(0);
    NS_LOG_LOGIC(this << " LISTEN: ACK " << segment.GetAckNumber() << " from " << from
                      << " answered with RST");
    Ptr<Packet> p = Create<Packet>();
    m_txTrace(p, header, this);
    m_tcp->SendPacket(p, header, flow.server, flow.client, m_boundnetdevice);
}

bool
TcpFastOpenSocket::CookieCheck(Ptr<Packet> packet,
                               const TcpHeader& tcpHeader,
                               const Address& from,
                               const Address& to)
{
    // cookie_v4_check / cookie_v6_check.
    if (m_synCookies == 0)
    {
        return false;
    }
    Ptr<TcpSynCookieGenerator> generator = GetSynCookieGenerator();
    // tcp_synq_no_recent_overflow: no cookie was sent for TCP_SYNCOOKIE_VALID.
    if (Simulator::Now() > m_lastSynqOverflow + generator->GetValidity())
    {
        return false;
    }
    const auto flow = TcpSynCookieGenerator::Flow::FromSocketAddresses(
        from,
        to,
        tcpHeader.GetSequenceNumber().GetValue() - 1);
    const std::optional<uint16_t> mss =
        generator->Check(flow, tcpHeader.GetAckNumber().GetValue() - 1);
    if (!mss)
    {
        GetCounters()->Increment(TcpFastOpenCounters::SYNCOOKIES_FAILED);
        return false; // TcpSocketBase ignores an ACK in LISTEN
    }
    GetCounters()->Increment(TcpFastOpenCounters::SYNCOOKIES_RECV);
    // cookie_tcp_check: the options the TSecr carries. tcp_parse_options sees
    // the timestamps only if the listener has them on; the model's TSvals
    // have no per-connection offset (secure_tcp_ts_off) to subtract.
    std::optional<uint32_t> tsecr;
    if (m_timestampEnabled && tcpHeader.HasOption(TcpOption::TS))
    {
        tsecr = DynamicCast<const TcpOptionTS>(tcpHeader.GetOption(TcpOption::TS))->GetEcho();
    }
    std::optional<TcpSynCookieGenerator::TimestampOptions> options =
        TcpSynCookieGenerator::DecodeTimestamp(tsecr,
                                               m_timestampEnabled,
                                               m_sackEnabled,
                                               m_winScalingEnabled);
    if (!options)
    {
        // An option the listener has off: no child; the caller answers the
        // ACK with a reset, as for a failed cookie.
        NS_LOG_LOGIC(this << " cookie ACK's TSecr " << *tsecr << " names a disabled option");
        return false;
    }
    // cookie_v4_check: ecn_ok &= cookie_ecn_ok (net.ipv4.tcp_ecn).
    options->ecnOk = options->ecnOk && m_tcb->m_useEcn != TcpSocketState::Off;
    if (AcceptQueueIsFull())
    {
        // tcp_v4_syn_recv_sock / tcp_v6_syn_recv_sock: exit_overflow.
        GetCounters()->Increment(TcpFastOpenCounters::LISTEN_OVERFLOWS);
        GetCounters()->Increment(TcpFastOpenCounters::LISTEN_DROPS);
        return true;
    }
    Ptr<TcpFastOpenSocket> child = CreateChild();
    child->CompleteCookieFork(packet, tcpHeader, from, to, *mss, *options);
    return true;
}

void
TcpFastOpenSocket::CompleteCookieFork(Ptr<Packet> packet,
                                      const TcpHeader& tcpHeader,
                                      const Address& from,
                                      const Address& to,
                                      uint16_t mss,
                                      const TcpSynCookieGenerator::TimestampOptions& options)
{
    NS_LOG_FUNCTION(this << tcpHeader << from << to << mss);
    if (InetSocketAddress::IsMatchingType(from))
    {
        const InetSocketAddress client = InetSocketAddress::ConvertFrom(from);
        const InetSocketAddress server = InetSocketAddress::ConvertFrom(to);
        m_endPoint = m_tcp->Allocate(GetBoundNetDevice(),
                                     server.GetIpv4(),
                                     server.GetPort(),
                                     client.GetIpv4(),
                                     client.GetPort());
        m_endPoint6 = nullptr;
    }
    else
    {
        const Inet6SocketAddress client = Inet6SocketAddress::ConvertFrom(from);
        const Inet6SocketAddress server = Inet6SocketAddress::ConvertFrom(to);
        m_endPoint6 = m_tcp->Allocate6(GetBoundNetDevice(),
                                       server.GetIpv6(),
                                       server.GetPort(),
                                       client.GetIpv6(),
                                       client.GetPort());
        m_endPoint = nullptr;
    }
    if (!m_endPoint && !m_endPoint6)
    {
        m_state = CLOSED; // the 4-tuple is in use
        return;
    }
    m_tcp->AddSocket(this);
    m_state = SYN_RCVD;
    m_dataRetrCount = m_dataRetries;
    SetupCallback();
    // As if the SYN-ACK with ISN = cookie had been sent (tcp_get_cookie_sock).
    m_isn = tcpHeader.GetAckNumber() - 1;
    m_tcb->m_nextTxSequence = m_isn;
    m_tcb->m_highTxMark = m_isn;
    m_highRxAckMark = m_isn; // SND.UNA: the send window starts here
    m_tcb->m_rxBuffer->SetNextRxSequence(tcpHeader.GetSequenceNumber());
    m_peerIsn = tcpHeader.GetSequenceNumber() - 1;
    m_highTxAck = tcpHeader.GetSequenceNumber();
    // tcp_create_openreq_child from the request cookie_v4_check built: the
    // options the TSecr restored (none without timestamps), our window scale
    // chosen again as for the SYN-ACK, the ACK's window scaled.
    m_winScalingEnabled = options.wscaleOk;
    m_sndWindShift = options.wscaleOk ? options.sndWscale : 0;
    m_rcvWindShift = options.wscaleOk ? CalculateWScale() : 0;
    m_sackEnabled = options.sackOk;
    m_txBuffer->SetSackEnabled(options.sackOk);
    m_rWnd = uint32_t(tcpHeader.GetWindowSize()) << m_sndWindShift;
    m_timestampEnabled = m_timestampEnabled && tcpHeader.HasOption(TcpOption::TS);
    if (m_timestampEnabled)
    {
        m_timestampToEcho =
            DynamicCast<const TcpOptionTS>(tcpHeader.GetOption(TcpOption::TS))->GetTimestamp();
    }
    const uint32_t overhead = m_timestampEnabled ? kTimestampOptionSpace : 0;
    if (mss > overhead && mss - overhead < m_tcb->m_segmentSize)
    {
        m_tcb->m_segmentSize = mss - overhead;
    }
    m_tcb->m_cWnd = GetInitialCwnd() * GetSegSize();
    m_tcb->m_cWndInfl = m_tcb->m_cWnd;
    m_tcb->m_ssThresh = GetInitialSSThresh();
    m_synCount = 0;
    m_tcb->m_ecnState = options.ecnOk ? TcpSocketState::ECN_IDLE : TcpSocketState::ECN_DISABLED;
    // The ACK (possibly with data) completes the handshake as in SYN_RCVD.
    TcpSocketBase::DoForwardUp(packet, from, to);
}

bool
TcpFastOpenSocket::DefersAccept() const
{
    return m_acceptRate > 0;
}

void
TcpFastOpenSocket::AcceptQueueAdd(Ptr<TcpFastOpenSocket> child, const Address& from)
{
    // inet_csk_reqsk_queue_add -> sk_acceptq_added.
    child->m_acceptQueued = true;
    m_acceptQueue.emplace_back(child, from);
    m_acceptQueueLength = m_acceptQueue.size();
    if (m_acceptEvent.IsExpired())
    {
        m_acceptEvent =
            Simulator::Schedule(Seconds(1.0 / m_acceptRate), &TcpFastOpenSocket::AcceptOne, this);
    }
}

void
TcpFastOpenSocket::AcceptOne()
{
    // inet_csk_accept: the application takes the oldest child. A child that
    // died in the queue is skipped (Linux hands it over; accept() then
    // returns a socket whose first read fails).
    while (!m_acceptQueue.empty())
    {
        auto [child, from] = m_acceptQueue.front();
        m_acceptQueue.pop_front();
        m_acceptQueueLength = m_acceptQueue.size();
        if (child->m_state == CLOSED)
        {
            continue;
        }
        NotifyNewConnectionCreated(child, from);
        if (child->GetRxAvailable() > 0)
        {
            child->NotifyDataRecv();
        }
        break;
    }
    if (!m_acceptQueue.empty())
    {
        m_acceptEvent =
            Simulator::Schedule(Seconds(1.0 / m_acceptRate), &TcpFastOpenSocket::AcceptOne, this);
    }
}

bool
TcpFastOpenSocket::SynRecvSockOverflow(uint8_t flags)
{
    // tcp_check_req -> tcp_v4_syn_recv_sock: the ACK that would complete the
    // handshake is dropped while the accept queue is full; the request stays
    // and its SYN-ACK timer runs on (tcp_abort_on_overflow = 0).
    if (!m_listener || !(flags & TcpHeader::ACK) || (flags & (TcpHeader::SYN | TcpHeader::RST)) ||
        !m_listener->AcceptQueueIsFull())
    {
        return false;
    }
    m_listener->GetCounters()->Increment(TcpFastOpenCounters::LISTEN_OVERFLOWS);
    m_listener->GetCounters()->Increment(TcpFastOpenCounters::LISTEN_DROPS);
    return true;
}

// ---------------------------------------------------------------------------
// Server: the child
// ---------------------------------------------------------------------------

Ptr<TcpSocketBase>
TcpFastOpenSocket::Fork()
{
    // tcp_conn_request admitted the SYN: the child stands for its request
    // sock, in the SYN queue until CompleteFork knows whether it is a Fast
    // Open child (those go to the accept queue instead).
    Ptr<TcpFastOpenSocket> child = CreateChild();
    child->m_inSynQueue = true;
    m_synQueue++;
    return child;
}

Ptr<UniformRandomVariable>
TcpFastOpenSocket::GetIsnRng()
{
    if (!m_isnRng)
    {
        m_isnRng = CreateObject<UniformRandomVariable>();
    }
    return m_isnRng;
}

SequenceNumber32
TcpFastOpenSocket::DrawRandomIsn()
{
    return SequenceNumber32(GetIsnRng()->GetInteger(0, UINT32_MAX));
}

Ptr<TcpFastOpenSocket>
TcpFastOpenSocket::CreateChild()
{
    if (m_randomIsn)
    {
        GetIsnRng(); // before the copy, so that the children share it
    }
    Ptr<TcpFastOpenSocket> child = CopyObject<TcpFastOpenSocket>(this);
    child->m_listener = this;
    child->m_countedAlive = true;
    m_childSockets++;
    // A raw pointer: a Ptr in the child's own trace would keep it alive
    // forever. Connected to the member, not by name: the name lookup walks
    // the TypeId chain's trace sources on every fork.
    child->m_state.ConnectWithoutContext(
        MakeCallback(&TcpFastOpenSocket::ChildStateChanged, PeekPointer(child)));
    if (DefersAccept())
    {
        // The application gets the child from the accept queue (AcceptOne).
        child->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                 MakeNullCallback<void, Ptr<Socket>, const Address&>());
    }
    return child;
}

void
TcpFastOpenSocket::CompleteFork(Ptr<Packet> p,
                                const TcpHeader& tcpHeader,
                                const Address& fromAddress,
                                const Address& toAddress)
{
    NS_LOG_FUNCTION(this << p << tcpHeader << fromAddress << toAddress);
    // As TcpSocketBase::CompleteFork, plus the Fast Open decision before the
    // SYN-ACK is built (its ACK number must cover accepted SYN data).
    if (InetSocketAddress::IsMatchingType(toAddress))
    {
        m_endPoint = m_tcp->Allocate(GetBoundNetDevice(),
                                     InetSocketAddress::ConvertFrom(toAddress).GetIpv4(),
                                     InetSocketAddress::ConvertFrom(toAddress).GetPort(),
                                     InetSocketAddress::ConvertFrom(fromAddress).GetIpv4(),
                                     InetSocketAddress::ConvertFrom(fromAddress).GetPort());
        m_endPoint6 = nullptr;
    }
    else if (Inet6SocketAddress::IsMatchingType(toAddress))
    {
        m_endPoint6 = m_tcp->Allocate6(GetBoundNetDevice(),
                                       Inet6SocketAddress::ConvertFrom(toAddress).GetIpv6(),
                                       Inet6SocketAddress::ConvertFrom(toAddress).GetPort(),
                                       Inet6SocketAddress::ConvertFrom(fromAddress).GetIpv6(),
                                       Inet6SocketAddress::ConvertFrom(fromAddress).GetPort());
        m_endPoint = nullptr;
    }
    m_tcp->AddSocket(this);

    NS_LOG_DEBUG("LISTEN -> SYN_RCVD");
    m_state = SYN_RCVD;
    m_dataRetrCount = m_dataRetries;
    SetupCallback();
    m_tcb->m_rxBuffer->SetNextRxSequence(tcpHeader.GetSequenceNumber() + SequenceNumber32(1));
    if (m_randomIsn)
    {
        m_isn = DrawRandomIsn();
        m_tcb->m_nextTxSequence = m_isn;
        m_tcb->m_highTxMark = m_isn;
    }
    else
    {
        m_isn = m_tcb->m_nextTxSequence;
    }
    // SND.UNA is the ISN until the SYN-ACK is acknowledged: TcpSocketBase's
    // send window (highest ACK + window) starts there, not at 0.
    m_highRxAckMark = m_isn;
    ProcessOptionMss(tcpHeader);
    SynchronizeWithPeerIsn(tcpHeader);

    const PassiveDecision decision =
        m_listener->TryFastOpen(tcpHeader, p->GetSize(), fromAddress, toAddress);
    m_fastOpenChild = decision.createChild;
    m_synAckOption = decision.option;
    // tcp_fastopen_synack_timer: one more SYN-ACK retry for TFO children.
    m_synCount = m_synAckRetries + 1 + (m_fastOpenChild ? 1 : 0);

    if (m_fastOpenChild)
    {
        m_listener->AddPendingChild();
        m_holdsPendingSlot = true;
        if (m_inSynQueue)
        {
            // A Fast Open child skips the SYN queue (inet_csk_reqsk_queue_add).
            m_inSynQueue = false;
            m_listener->m_synQueue--;
        }
        if (p->GetSize() > 0)
        {
            // The SYN's data starts at ISN + 1.
            TcpHeader dataHeader = tcpHeader;
            dataHeader.SetSequenceNumber(tcpHeader.GetSequenceNumber() + SequenceNumber32(1));
            m_tcb->m_rxBuffer->Add(p, dataHeader);
        }
    }

    if (m_tcb->m_useEcn != TcpSocketState::Off &&
        (tcpHeader.GetFlags() & (TcpHeader::CWR | TcpHeader::ECE)) ==
            (TcpHeader::CWR | TcpHeader::ECE))
    {
        SendEmptyPacket(TcpHeader::SYN | TcpHeader::ACK | TcpHeader::ECE);
        m_tcb->m_ecnState = TcpSocketState::ECN_IDLE;
    }
    else
    {
        SendEmptyPacket(TcpHeader::SYN | TcpHeader::ACK);
        m_tcb->m_ecnState = TcpSocketState::ECN_DISABLED;
    }

    if (m_fastOpenChild)
    {
        // Linux: after the SYN-ACK snd_nxt = ISN + 1 and the child, already in
        // the accept queue, may read the SYN data and write.
        m_tcb->m_nextTxSequence = m_isn + 1;
        m_tcb->m_highTxMark = m_isn + 1;
        m_txBuffer->SetHeadSequence(m_isn + 1);
        if (m_listener->DefersAccept())
        {
            m_listener->AcceptQueueAdd(this, fromAddress);
        }
        else
        {
            NotifyNewConnectionCreated(this, fromAddress);
            if (p->GetSize() > 0)
            {
                NotifyDataRecv();
            }
        }
    }
}

void
TcpFastOpenSocket::ChildStateChanged(TcpStates_t oldState, TcpStates_t newState)
{
    if (!m_listener)
    {
        return;
    }
    if (oldState == SYN_RCVD && newState != SYN_RCVD && m_holdsPendingSlot)
    {
        m_holdsPendingSlot = false;
        m_listener->RemovePendingChild(m_resetByPeer);
    }
    if (oldState == SYN_RCVD && newState != SYN_RCVD && m_inSynQueue)
    {
        // inet_csk_reqsk_queue_removed: the request left the SYN queue.
        m_inSynQueue = false;
        m_listener->m_synQueue--;
    }
    if (oldState == SYN_RCVD && newState != SYN_RCVD && newState != CLOSED &&
        m_listener->DefersAccept() && !m_acceptQueued)
    {
        m_listener->AcceptQueueAdd(this,
                                   m_endPoint
                                       ? Address(InetSocketAddress(m_endPoint->GetPeerAddress(),
                                                                   m_endPoint->GetPeerPort()))
                                       : Address(Inet6SocketAddress(m_endPoint6->GetPeerAddress(),
                                                                    m_endPoint6->GetPeerPort())));
    }
    if (newState == CLOSED && m_countedAlive)
    {
        m_countedAlive = false;
        m_listener->m_childSockets--;
    }
}

void
TcpFastOpenSocket::SendSynAck(uint8_t flags)
{
    NS_LOG_FUNCTION(this << static_cast<uint32_t>(flags));
    if (m_endPoint == nullptr && m_endPoint6 == nullptr)
    {
        NS_LOG_WARN("Failed to send SYN-ACK: no endpoint");
        return;
    }
    const uint32_t maxAttempts = m_synAckRetries + 1 + (m_fastOpenChild ? 1 : 0);
    const bool firstTransmission = (m_synCount == maxAttempts);
    if (!ConsumeSynAttempt(maxAttempts))
    {
        GiveUpHandshake();
        return;
    }
    TransmitSynAck(flags, firstTransmission);
    if (m_retxEvent.IsExpired())
    {
        m_retxEvent = Simulator::Schedule(m_rto, &TcpFastOpenSocket::SendEmptyPacket, this, flags);
    }
}

void
TcpFastOpenSocket::TransmitSynSegment(Ptr<Packet> p,
                                      uint8_t flags,
                                      const std::optional<TcpFastOpenOptionValue>& option,
                                      bool retransmission)
{
    // What a Linux SYN and SYN-ACK carry: MSS, timestamps, window scale,
    // SACK-permitted, and the Fast Open option when there is one.
    TFO_ADD_SOCKET_TAGS(p, false);
    TcpHeader header;
    header.SetFlags(flags);
    header.SetSequenceNumber(m_isn);
    header.SetAckNumber(m_tcb->m_rxBuffer->NextRxSequence());
    header.SetSourcePort(m_endPoint ? m_endPoint->GetLocalPort() : m_endPoint6->GetLocalPort());
    header.SetDestinationPort(m_endPoint ? m_endPoint->GetPeerPort() : m_endPoint6->GetPeerPort());
    AddOptionMss(header);
    AddOptions(header); // timestamps
    if (m_winScalingEnabled)
    {
        AddOptionWScale(header);
    }
    if (m_sackEnabled)
    {
        AddOptionSackPermitted(header);
    }
    if (option)
    {
        const bool fits = TcpOptionFastOpen::AppendTo(header, option->form, option->cookie);
        NS_ABORT_MSG_UNLESS(fits, "Fast Open option does not fit in the option space");
    }
    header.SetWindowSize(AdvertisedWindowSize(false));
    UpdateRttHistory(m_isn, 0, retransmission);

    m_txTrace(p, header, this);
    auto [local, remote] = GetAddressPair();
    m_tcp->SendPacket(p, header, local, remote, m_boundnetdevice);
}

void
TcpFastOpenSocket::TransmitSynAck(uint8_t flags, bool firstTransmission)
{
    // Only the first SYN-ACK carries the cookie: retransmissions are built
    // without it (inet_rtx_syn_ack passes no cookie).
    TransmitSynSegment(Create<Packet>(),
                       flags,
                       firstTransmission ? m_synAckOption : std::nullopt,
                       !firstTransmission);
    if (firstTransmission && m_synAckOption)
    {
        m_listener->NotifyFastOpenEvent(COOKIE_SENT, 0, m_synAckOption->cookie);
    }
}

bool
TcpFastOpenSocket::ProcessFastOpenSynRcvd(const TcpHeader& tcpHeader)
{
    const uint8_t flags = tcpHeader.GetFlags() & ~kIgnoredFlags;
    if (flags & TcpHeader::RST)
    {
        // The client reset the child: it keeps its pending slot for a while
        // (ChildStateChanged -> RemovePendingChild(reset)).
        m_resetByPeer = true;
        m_closeNotified = true; // an error close, not a normal one
        CloseAndNotify();
        NotifyErrorClose();
        return false;
    }
    if (flags == TcpHeader::SYN)
    {
        // The client retransmitted its SYN (our SYN-ACK was lost): answer with a
        // SYN-ACK that still acknowledges the SYN data already taken
        // (tcp_check_req -> inet_rtx_syn_ack, which does not count as a
        // timeout). TcpSocketBase would rewind rcv_nxt to ISN + 1 and deliver
        // the resent data twice.
        TransmitSynAck(TcpHeader::SYN | TcpHeader::ACK, false);
        return false;
    }
    if (!(flags & TcpHeader::ACK) || (flags & TcpHeader::SYN))
    {
        NS_LOG_LOGIC(this << " TFO child in SYN_RCVD drops a segment with flags "
                          << TcpHeader::FlagsToString(tcpHeader.GetFlags()));
        return false;
    }
    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    if (ack < m_isn + 1 || ack > m_tcb->m_highTxMark)
    {
        NS_LOG_LOGIC(this << " TFO child in SYN_RCVD drops an unacceptable ACK " << ack);
        return false;
    }
    EnterEstablishedFromSynRcvd();
    return true; // TcpSocketBase processes the segment as ESTABLISHED
}

void
TcpFastOpenSocket::EnterEstablishedFromSynRcvd()
{
    NS_LOG_DEBUG("SYN_RCVD -> ESTABLISHED (TFO child)");
    m_congestionControl->CongestionStateSet(m_tcb, TcpSocketState::CA_OPEN);
    m_tcb->m_congState = TcpSocketState::CA_OPEN;
    m_state = ESTABLISHED;
    m_connected = true;
    m_retxEvent.Cancel(); // the SYN-ACK timer
    if (m_closeOnEmpty && m_txBuffer->SizeFromSequence(m_tcb->m_nextTxSequence) == 0)
    {
        // The application closed in SYN_RCVD and the FIN already left with the
        // last data segment (TcpSocketBase moves to FIN_WAIT_1 only from
        // ESTABLISHED when it sends that FIN).
        m_state = FIN_WAIT_1;
    }
    m_delAckCount = m_delAckMaxCount;
    UpdatePacingRate();
    if (GetTxAvailable() > 0)
    {
        NotifySend(GetTxAvailable());
    }
}

// ---------------------------------------------------------------------------
// Both sides
// ---------------------------------------------------------------------------

void
TcpFastOpenSocket::DoForwardUp(Ptr<Packet> packet,
                               const Address& fromAddress,
                               const Address& toAddress)
{
    // Most segments need no decision here: read the fixed 20 bytes only and
    // leave the options to TcpSocketBase, which parses the header anyway (ns-3
    // creates an object per option). The handshake states that read options
    // and SYN/RST segments in synchronized states peek at the whole header; a
    // listener does so only on its rare paths (SYN cookies, stray ACKs), and a
    // plain child in SYN_RCVD needs the flags only.
    uint8_t raw[20];
    packet->CopyData(raw, sizeof(raw));
    const uint8_t flags = raw[13] & ~kIgnoredFlags;
    TcpHeader tcpHeader;
    if (m_state == SYN_SENT || (m_state == SYN_RCVD && m_fastOpenChild) ||
        (m_state != LISTEN && (flags & (TcpHeader::SYN | TcpHeader::RST))))
    {
        packet->PeekHeader(tcpHeader);
    }

    if (m_state == SYN_SENT && (flags & TcpHeader::RST))
    {
        ProcessResetInSynSent(tcpHeader);
        return;
    }
    if (m_state == SYN_SENT &&
        (flags & (TcpHeader::SYN | TcpHeader::ACK)) == (TcpHeader::SYN | TcpHeader::ACK) &&
        !(flags & TcpHeader::RST))
    {
        ProcessFastOpenSynAck(tcpHeader);
        // tcp_rcv_synsent_state_process: with data waiting to go out (a
        // writer blocked in connect, or SYN data to resend) Linux "saves one
        // ACK" and lets the first data segment carry it.
        m_saveHandshakeAck = m_txBuffer->Size() > 0;
        const SequenceNumber32 afterHandshake = m_tcb->m_nextTxSequence + 1;
        Ptr<Packet> synAckData = TakeSynAckData(packet, tcpHeader);
        SynchronizeWithPeerIsn(tcpHeader);
        TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
        if (synAckData && m_state == ESTABLISHED)
        {
            QueueSynAckData(synAckData, tcpHeader);
        }
        if (m_saveHandshakeAck)
        {
            m_saveHandshakeAck = false;
            if (m_state == ESTABLISHED && m_tcb->m_nextTxSequence == afterHandshake)
            {
                SendEmptyPacket(TcpHeader::ACK); // nothing could be sent after all
            }
        }
        CloseIfSynDataWasAll();
        return;
    }
    else if (m_state == LISTEN && flags == TcpHeader::SYN)
    {
        switch (ConnRequestAdmit())
        {
        case CONN_REQUEST_DROP:
            return;
        case CONN_REQUEST_COOKIE:
            packet->PeekHeader(tcpHeader);
            SendCookieSynAck(tcpHeader, fromAddress, toAddress);
            return;
        case CONN_REQUEST_PROCEED:
            ForwardSynToListener(packet, fromAddress, toAddress);
            return;
        }
    }
    else if (m_state == LISTEN && (flags & TcpHeader::ACK) && !(flags & TcpHeader::RST))
    {
        // tcp_v4_cookie_check, then tcp_rcv_state_process(TCP_LISTEN): any
        // ACK that did not return a valid SYN cookie is answered with a reset.
        packet->PeekHeader(tcpHeader);
        if (!(flags & TcpHeader::SYN) && CookieCheck(packet, tcpHeader, fromAddress, toAddress))
        {
            return;
        }
        SendListenerReset(tcpHeader, fromAddress, toAddress);
        return;
    }
    else if (m_state == SYN_RCVD && !m_fastOpenChild && SynRecvSockOverflow(flags))
    {
        return;
    }
    else if (m_state == SYN_RCVD && m_fastOpenChild)
    {
        if (!ProcessFastOpenSynRcvd(tcpHeader))
        {
            return;
        }
        // The handshake completed: TcpSocketBase takes the RTT sample the ACK
        // carries and processes it as ESTABLISHED; then the retransmission
        // timer is re-armed for data sent in SYN_RCVD (tcp_rearm_rto in
        // tcp_rcv_synrecv_state_fastopen), with the RTO that sample gives
        // rather than the SYN-ACK timer's backed-off one.
        TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
        RearmAfterFastOpenHandshake();
        return;
    }
    else if ((flags & TcpHeader::RST) && IsSynchronizedState())
    {
        ProcessResetInSynchronizedState(tcpHeader);
        return;
    }
    else if ((flags & TcpHeader::SYN) && IsSynchronizedState())
    {
        SendChallengeAck();
        return;
    }
    else if ((flags & TcpHeader::ACK) && IsSynchronizedState() &&
             SequenceNumber32((uint32_t(raw[8]) << 24) | (uint32_t(raw[9]) << 16) |
                              (uint32_t(raw[10]) << 8) | raw[11]) < m_txBuffer->HeadSequence() &&
             packet->GetSize() > uint32_t(raw[12] >> 4) * 4)
    {
        IgnoreOldAck(packet);
    }
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
}

void
TcpFastOpenSocket::ForwardSynToListener(Ptr<Packet> packet,
                                        const Address& fromAddress,
                                        const Address& toAddress)
{
    // TcpSocketBase reads a SYN's options into the socket that receives it
    // before ProcessListen forks: a SYN without window scale, SACK-permitted
    // or timestamps switched them off on the listener for every later
    // connection (its children are copies of it) and for its SYN cookies.
    // The child forked here takes the SYN's choices; the listener keeps its
    // settings, as a Linux listener keeps its sysctls.
    const bool winScaling = m_winScalingEnabled;
    const bool sack = m_sackEnabled;
    const bool timestamps = m_timestampEnabled;
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
    m_winScalingEnabled = winScaling;
    m_sackEnabled = sack;
    m_txBuffer->SetSackEnabled(sack);
    m_timestampEnabled = timestamps;
}

void
TcpFastOpenSocket::SynchronizeWithPeerIsn(const TcpHeader& synHeader)
{
    // TcpSocketBase takes TS.Recent from a segment only when its sequence
    // number is rcv_nxt and at most the highest ACK sent; both start at 0,
    // which only a peer ISN of 0 (ns-3's) satisfies. With any other ISN the
    // SYN's TSval was never echoed, RTT samples became "time since 0" and the
    // RTO grew with the simulation clock. RFC 7323 section 4.3: a SYN's
    // TSval is TS.Recent; our first ACK acknowledges ISN + 1.
    m_peerIsn = synHeader.GetSequenceNumber();
    m_highTxAck = synHeader.GetSequenceNumber() + SequenceNumber32(1);
    if (m_timestampEnabled && synHeader.HasOption(TcpOption::TS))
    {
        m_timestampToEcho =
            DynamicCast<const TcpOptionTS>(synHeader.GetOption(TcpOption::TS))->GetTimestamp();
    }
}

void
TcpFastOpenSocket::RearmAfterFastOpenHandshake()
{
    // Data sent in SYN_RCVD and still unacknowledged needs the retransmission
    // timer the SYN-ACK timer stood in for.
    if (m_retxEvent.IsExpired() && m_txBuffer->BytesInFlight() > 0 &&
        (m_state == ESTABLISHED || m_state == FIN_WAIT_1 || m_state == CLOSE_WAIT))
    {
        m_retxEvent = Simulator::Schedule(m_rto, &TcpFastOpenSocket::ReTxTimeout, this);
    }
}

bool
TcpFastOpenSocket::NegativeCacheBlocks(uint16_t synLoss, Time lastSynLoss) const
{
    // "Recurring FO SYN losses: no cookie or data in SYN" (Linux 3.7-4.14).
    return m_negativeCaching && synLoss > 1 &&
           Simulator::Now() <
               lastSynLoss + Seconds(60) * (int64_t(1) << std::min<uint16_t>(synLoss, 30));
}

void
TcpFastOpenSocket::DetectBlackholeOnTimeout(bool expired)
{
    // "Be extremely conservative and pause Fast Open globally after hitting the
    // third consecutive timeout or exceeding the configured timeout limit."
    const bool fastOpen = m_synOption.has_value() || m_synDataLen > 0 || m_synDataAcked;
    if (!fastOpen || !(m_timeouts == 2 || (m_timeouts < 2 && expired)))
    {
        return;
    }
    GetCounters()->Increment(TcpFastOpenCounters::TFO_ACTIVE_FAIL);
    NotifyFastOpenEvent(BLACKHOLE_DETECTED, m_synDataLen, TcpFastOpenCookie());
    if (GetBlackholeDetector()->Disable())
    {
        GetCounters()->Increment(TcpFastOpenCounters::TFO_BLACKHOLE);
    }
}

void
TcpFastOpenSocket::CheckBlackholeAtClose()
{
    if (!m_synOption || (m_state != ESTABLISHED && m_state != CLOSE_WAIT))
    {
        return; // only connections that sent the option (tp->syn_fastopen)
    }
    const bool noDataReceived =
        m_tcb->m_rxBuffer->NextRxSequence() == m_peerIsn + SequenceNumber32(1);
    if (noDataReceived)
    {
        // A FIN waiting out of order with nothing before it: data after the
        // TFO handshake was dropped on the path.
        if (m_tcb->m_rxBuffer->GotFin() && !m_tcb->m_rxBuffer->Finished() &&
            GetBlackholeDetector()->Disable())
        {
            GetCounters()->Increment(TcpFastOpenCounters::TFO_BLACKHOLE);
            NotifyFastOpenEvent(BLACKHOLE_DETECTED, 0, TcpFastOpenCookie());
        }
    }
    else if (m_blackholeCheck)
    {
        GetBlackholeDetector()->ReportHealthy();
    }
}

void
TcpFastOpenSocket::ReTxTimeout()
{
    // tcp_write_timeout runs before the retransmission: count the timeout.
    if (m_state != CLOSED && m_state != TIME_WAIT && m_state != LISTEN)
    {
        DetectBlackholeOnTimeout(m_dataRetrCount == 0);
        m_timeouts++;
    }
    TcpSocketBase::ReTxTimeout();
}

void
TcpFastOpenSocket::NewAck(const SequenceNumber32& seq, bool resetRTO)
{
    m_timeouts = 0; // forward progress
    TcpSocketBase::NewAck(seq, resetRTO);
}

Ptr<Packet>
TcpFastOpenSocket::TakeSynAckData(Ptr<const Packet> packet, const TcpHeader& tcpHeader) const
{
    // tcp_rcv_fastopen_synack -> tcp_fastopen_add_skb: a Fast Open client keeps
    // data that came with the SYN-ACK, unless its own SYN data must be resent.
    const bool fastOpen = m_synOption.has_value() || m_synDataLen > 0;
    if (!fastOpen || m_clientFail == TFO_DATA_NOT_ACKED || m_clientFail == TFO_SYN_RETRANSMITTED ||
        packet->GetSize() <= tcpHeader.GetSerializedSize())
    {
        return nullptr;
    }
    Ptr<Packet> data = packet->Copy();
    TcpHeader header;
    data->RemoveHeader(header);
    return data;
}

void
TcpFastOpenSocket::QueueSynAckData(Ptr<Packet> data, const TcpHeader& synAckHeader)
{
    TcpHeader dataHeader = synAckHeader;
    dataHeader.SetSequenceNumber(synAckHeader.GetSequenceNumber() + SequenceNumber32(1));
    NS_LOG_LOGIC(this << " " << data->GetSize() << " bytes of SYN-ACK data");
    if (synAckHeader.GetFlags() & TcpHeader::FIN)
    {
        PeerClose(data, dataHeader); // takes the data, then the FIN: CLOSE_WAIT
        return;
    }
    if (m_tcb->m_rxBuffer->Add(data, dataHeader))
    {
        NotifyDataRecv();
        SendEmptyPacket(TcpHeader::ACK); // acknowledges them
    }
}

void
TcpFastOpenSocket::ProcessResetInSynchronizedState(const TcpHeader& tcpHeader)
{
    // tcp_validate_incoming, RFC 5961 section 3.2: a RST at rcv_nxt resets the
    // connection, one elsewhere in the window gets a challenge ACK, the rest is
    // dropped. (TcpSocketBase answers a RST|ACK in ESTABLISHED with a RST.)
    const SequenceNumber32 seq = tcpHeader.GetSequenceNumber();
    const SequenceNumber32 rcvNxt = m_tcb->m_rxBuffer->NextRxSequence();
    if (seq == rcvNxt)
    {
        NS_LOG_LOGIC(this << " reset by the peer");
        m_closeNotified = true; // an error close, not a normal one
        CloseAndNotify();
        NotifyErrorClose();
    }
    else if (seq > rcvNxt && seq < m_tcb->m_rxBuffer->MaxRxSequence())
    {
        SendChallengeAck();
    }
}

void
TcpFastOpenSocket::ProcessResetInSynSent(const TcpHeader& tcpHeader)
{
    // tcp_rcv_synsent_state_process: a RST counts only with an acceptable ACK
    // (SND.UNA < SEG.ACK <= SND.NXT, SND.NXT past any SYN data); the
    // connection is refused. A RST without ACK, or with another ACK, is
    // dropped. (TcpSocketBase ignores every segment with ACK and without SYN
    // in SYN_SENT, so a middlebox's RST|ACK to SYN data went unnoticed.)
    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    if (!(tcpHeader.GetFlags() & TcpHeader::ACK) || ack <= m_isn ||
        ack > m_isn + SequenceNumber32(1 + m_synDataLen))
    {
        NS_LOG_LOGIC(this << " RST in SYN_SENT without an acceptable ACK: dropped");
        return;
    }
    NS_LOG_LOGIC(this << " connection refused by RST");
    const bool announced = m_deferredNotified;
    m_closeNotified = true; // an error, not a normal close
    CloseAndNotify();
    if (announced)
    {
        NotifyErrorClose();
    }
    else
    {
        NotifyConnectionFailed();
    }
}

void
TcpFastOpenSocket::IgnoreOldAck(Ptr<Packet> packet)
{
    // tcp_ack: "If the ack is older than previous acks then we can probably
    // ignore it" - but the segment's data is still taken. TcpSocketBase drops
    // the whole segment, so present its ACK as SND.UNA.
    TcpHeader header;
    packet->RemoveHeader(header);
    header.SetAckNumber(m_txBuffer->HeadSequence());
    packet->AddHeader(header);
}

bool
TcpFastOpenSocket::IsSynchronizedState() const
{
    return m_state == ESTABLISHED || m_state == CLOSE_WAIT || m_state == FIN_WAIT_1 ||
           m_state == FIN_WAIT_2;
}

void
TcpFastOpenSocket::SendChallengeAck()
{
    // tcp_validate_incoming: a SYN in a synchronized state (e.g. a SYN-ACK
    // retransmitted because our ACK was lost) is answered with an ACK
    // ("syn_challenge"). TcpSocketBase ignores it, which leaves a peer whose
    // handshake ACK was lost in SYN_RCVD; a TFO child there holds a pending slot.
    NS_LOG_LOGIC(this << " SYN in a synchronized state: challenge ACK");
    SendEmptyPacket(TcpHeader::ACK);
}

void
TcpFastOpenSocket::AddOptionMss(TcpHeader& header) const
{
    if (!m_sendMss)
    {
        return;
    }
    Ptr<TcpOptionMSS> option = CreateObject<TcpOptionMSS>();
    option->SetMSS(GetPathMss());
    header.AppendOption(option);
}

uint16_t
TcpFastOpenSocket::ProcessOptionMss(const TcpHeader& tcpHeader)
{
    if (!tcpHeader.HasOption(TcpOption::MSS))
    {
        return 0;
    }
    const uint16_t peerMss =
        DynamicCast<const TcpOptionMSS>(tcpHeader.GetOption(TcpOption::MSS))->GetMSS();
    // Linux sends at most the peer's MSS minus the timestamp option per segment.
    const uint32_t overhead =
        (m_timestampEnabled && tcpHeader.HasOption(TcpOption::TS)) ? kTimestampOptionSpace : 0;
    if (peerMss > overhead && peerMss - overhead < m_tcb->m_segmentSize)
    {
        NS_LOG_LOGIC(this << " peer MSS " << peerMss << ": segment size " << m_tcb->m_segmentSize
                          << " -> " << peerMss - overhead);
        m_tcb->m_segmentSize = peerMss - overhead;
    }
    return peerMss;
}

} // namespace ns3
