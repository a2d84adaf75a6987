/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-socket.h"

#include "tcp-fast-open-active-rules.h"
#include "tcp-fast-open-blackhole-detector.h"
#include "tcp-fast-open-cookie-cache.h"
#include "tcp-fast-open-cookie-generator.h"
#include "tcp-fast-open-counters.h"
#include "tcp-fast-open-passive-rules.h"
#include "tcp-part-trace-source-accessor.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenSocket");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenSocket);

TypeId
TcpFastOpenSocket::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenSocket")
            .SetParent<TcpLinuxSocketBase>()
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
            .AddAttribute("ResetSlotHoldTime",
                          "How long a TFO child reset by the client keeps its pending slot "
                          "(Linux: 60 s, the rskq_rst_head list).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&TcpFastOpenSocket::SetResetHoldTime,
                                           &TcpFastOpenSocket::GetResetHoldTime),
                          MakeTimeChecker(Seconds(0)))
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
            .AddAttribute("ActiveRules",
                          "The client's Fast Open rules (a TcpFastOpenActiveRules or a "
                          "subclass). Null = the default ones.",
                          PointerValue(),
                          MakePointerAccessor(&TcpFastOpenSocket::m_activeRules),
                          MakePointerChecker<TcpFastOpenActiveRules>())
            .AddAttribute("PassiveRules",
                          "The server's Fast Open rules (a TcpFastOpenPassiveRules or a "
                          "subclass). Null = the default ones.",
                          PointerValue(),
                          MakePointerAccessor(&TcpFastOpenSocket::m_passiveRules),
                          MakePointerChecker<TcpFastOpenPassiveRules>())
            .AddTraceSource("FastOpen",
                            "Every Fast Open event: cookie requested/received/sent, SYN data "
                            "sent and acknowledged, passive open accepted or refused and why.",
                            MakeTraceSourceAccessor(&TcpFastOpenSocket::m_fastOpenTrace),
                            "ns3::TcpFastOpenSocket::FastOpenEventCallback")
            .AddTraceSource(
                "PendingFastOpen",
                "Listener: children counted against the pending-TFO limit.",
                MakePartTraceSourceAccessor(&TcpFastOpenSocket::m_fastOpenQueue, "PendingFastOpen"),
                "ns3::TracedValueCallback::Uint32");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenSocket)

TcpFastOpenSocket::TcpFastOpenSocket()
    : TcpLinuxSocketBase()
{
    NS_LOG_FUNCTION(this);
}

TcpFastOpenSocket::TcpFastOpenSocket(const TcpFastOpenSocket& sock)
    : TcpLinuxSocketBase(sock),
      m_mode(sock.m_mode),
      m_fastOpenConnect(sock.m_fastOpenConnect),
      m_fastOpenNoCookie(sock.m_fastOpenNoCookie),
      m_fastOpenQueueLength(sock.m_fastOpenQueueLength),
      m_optionForm(sock.m_optionForm),
      m_negativeCaching(sock.m_negativeCaching),
      m_activeRules(sock.m_activeRules),
      m_passiveRules(sock.m_passiveRules),
      m_ownGenerator(sock.m_ownGenerator)
{
    NS_LOG_FUNCTION(this);
    // Per-connection and listener-only state starts afresh in a copy.
    m_fastOpenQueue.SetResetHoldTime(sock.GetResetHoldTime());
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
    m_ownGenerator = nullptr;
    m_synPendingData = nullptr;
    m_activeRules = nullptr;
    m_passiveRules = nullptr;
    TcpLinuxSocketBase::DoDispose();
}

Ptr<TcpLinuxSocketBase>
TcpFastOpenSocket::CopySocket()
{
    return CopyObject<TcpFastOpenSocket>(this);
}

bool
TcpFastOpenSocket::CanCopyAsNewSocket() const
{
    // A listener's children share its key (the copy shares the generator);
    // new sockets with a FastOpenKey each get a generator of their own.
    return !m_ownGenerator && TcpLinuxSocketBase::CanCopyAsNewSocket();
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

bool
TcpFastOpenSocket::NoCookie(uint32_t modeBit) const
{
    return ModeHas(modeBit) || m_fastOpenNoCookie;
}

void
TcpFastOpenSocket::SetResetHoldTime(Time hold)
{
    m_fastOpenQueue.SetResetHoldTime(hold);
}

Time
TcpFastOpenSocket::GetResetHoldTime() const
{
    return m_fastOpenQueue.GetResetHoldTime();
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
    m_ownGenerator = generator; // its algorithm: GetCookieGenerator
}

Ptr<TcpFastOpenCookieGenerator>
TcpFastOpenSocket::GetCookieGenerator()
{
    Ptr<TcpFastOpenCookieGenerator> nodeGenerator = GetNodeComponent<TcpFastOpenCookieGenerator>();
    if (!m_ownGenerator)
    {
        return nodeGenerator;
    }
    // Linux uses one cipher for the namespace's key and a listener's: the
    // node's algorithm, taken at use, since the FastOpenKey attribute is set
    // before the socket has a node.
    if (m_ownGenerator->GetAlgorithm() != nodeGenerator->GetAlgorithm())
    {
        m_ownGenerator->SetAlgorithm(nodeGenerator->GetAlgorithm());
    }
    return m_ownGenerator;
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

void
TcpFastOpenSocket::NotifyFastOpenEvent(Event event, uint32_t bytes, const TcpFastOpenCookie& cookie)
{
    NS_LOG_INFO(this << " " << EventToString(event) << " bytes=" << bytes << " cookie=" << cookie);
    m_fastOpenTrace(event, bytes, cookie);
}

Ptr<TcpFastOpenActiveRules>
TcpFastOpenSocket::GetActiveRules() const
{
    if (!m_activeRules)
    {
        m_activeRules = CreateObject<TcpFastOpenActiveRules>();
    }
    return m_activeRules;
}

Ptr<TcpFastOpenPassiveRules>
TcpFastOpenSocket::GetPassiveRules() const
{
    if (!m_passiveRules)
    {
        m_passiveRules = CreateObject<TcpFastOpenPassiveRules>();
    }
    return m_passiveRules;
}

Ptr<TcpFastOpenSocket>
TcpFastOpenSocket::GetFastOpenListener() const
{
    // A listener forks copies of itself (CopySocket).
    return StaticCast<TcpFastOpenSocket>(GetListener());
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
    return m_flags.synDataAcked;
}

uint32_t
TcpFastOpenSocket::GetSynDataSent() const
{
    return m_synDataLen;
}

uint32_t
TcpFastOpenSocket::GetPendingFastOpenCount() const
{
    return m_fastOpenQueue.GetQlen();
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
    if (m_fastOpenConnect && !ModeHas(CLIENT_ENABLE))
    {
        // setsockopt(TCP_FASTOPEN_CONNECT) fails with EOPNOTSUPP without the
        // client bit; an attribute cannot fail, so the Connect() does.
        NS_LOG_WARN(this << " FastOpenConnect is set but Mode 0x" << std::hex << m_mode << std::dec
                         << " lacks the client bit 0x1: EOPNOTSUPP");
        m_errno = ERROR_OPNOTSUPP;
        return -1;
    }
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
    if (m_synDeferred && m_state == SYN_SENT)
    {
        // tcp_sendmsg_fastopen with DEFER_CONNECT set: tcp_connect() now, the
        // SYN carries this data (as the first Send() would).
        return Send(p, flags & ~MSG_FASTOPEN);
    }
    if (RefuseConnect())
    {
        return -1; // EALREADY while connecting, EISCONN otherwise
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
    if (sent >= 0 && m_synDeferred)
    {
        // TCP_FASTOPEN_CONNECT: the SYN leaves with the first write, a 0-byte
        // one included (cookie, no data); writes made in the same instant share
        // it (ns-3 applications write in chunks).
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
    return TcpLinuxSocketBase::Close();
}

int
TcpFastOpenSocket::ConnectWithFastOpen(const Address& address, bool useFastOpen)
{
    if (RefuseConnect())
    {
        return -1; // before anything of the connection in progress is reset
    }
    ResetClientState();
    m_fastOpenRequested = useFastOpen && ModeHas(CLIENT_ENABLE);
    // The SYN leaves through SendEmptyPacket() -> SendHandshake(), or is deferred.
    return TcpLinuxSocketBase::Connect(address);
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
    m_flags = FastOpenFlags();
    m_blackholeCheck = false;
    m_ofoChecked = false;
    m_timeouts = 0;
    m_clientFail = TFO_STATUS_UNSPEC;
}

bool
TcpFastOpenSocket::DeferConnect()
{
    // The same cookie check as the SYN's, so a blackhole pause or a
    // negative-cache entry sends a plain SYN at connect().
    return GetActiveRules()->DeferConnect(
        m_fastOpenConnect,
        m_fastOpenRequested,
        m_synPendingData != nullptr,
        [this]() {
            std::optional<TcpFastOpenCookieCache::Entry> entry;
            return static_cast<TcpFastOpenActiveRules::CookieCheck>(
                ConsultCookieCheck(entry, false));
        });
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

} // namespace ns3
