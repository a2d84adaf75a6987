/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-linux-socket-base.h"

#include "tcp-fast-open-counters.h"
#include "tcp-linux-rtt-estimator.h"
#include "tcp-linux-time-wait-table.h"
#include "tcp-linux-time-wait.h"
#include "tcp-part-trace-source-accessor.h"
#include "tcp-slab-cache.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-end-point.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/rtt-estimator.h"
#include "ns3/simulator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-sack-permitted.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLinuxSocketBase");
NS_OBJECT_ENSURE_REGISTERED(TcpLinuxSocketBase);

namespace
{
/// TCPOLEN_TSTAMP_ALIGNED: bytes the timestamp option takes in every segment.
constexpr uint32_t kTimestampOptionSpace = 12;
} // namespace

void*
TcpLinuxSocketBase::operator new(std::size_t size)
{
    return TcpSlabCache::Allocate(size);
}

void
TcpLinuxSocketBase::operator delete(void* object, std::size_t size)
{
    TcpSlabCache::Deallocate(object, size);
}

TypeId
TcpLinuxSocketBase::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpLinuxSocketBase")
            .SetParent<TcpSocketBase>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpLinuxSocketBase>()
            .AddAttribute("ListenBacklog",
                          "The listen() backlog.",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&TcpLinuxSocketBase::m_listenBacklog),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("SoMaxConn",
                          "net.core.somaxconn: cap of the listen backlog and of max_qlen.",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&TcpLinuxSocketBase::m_soMaxConn),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("SynCookies",
                          "net.ipv4.tcp_syncookies: 0 never, 1 when the SYN queue is full "
                          "(Linux default), 2 always (IPv4 and IPv6).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&TcpLinuxSocketBase::m_synCookies),
                          MakeUintegerChecker<uint32_t>(0, 2))
            .AddAttribute("MaxSynBacklog",
                          "net.ipv4.tcp_max_syn_backlog: without SYN cookies, the last quarter "
                          "of it is kept for proven peers (none are, in the model).",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&TcpLinuxSocketBase::m_maxSynBacklog),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("AcceptRate",
                          "Listener: accept() calls per second the application makes; "
                          "established children wait in the accept queue (bounded by "
                          "min(ListenBacklog, SoMaxConn)) until then. 0 = accepted at once.",
                          DoubleValue(0),
                          MakeDoubleAccessor(&TcpLinuxSocketBase::m_acceptRate),
                          MakeDoubleChecker<double>(0))
            .AddAttribute("SendMssOption",
                          "Send the MSS option on SYN and SYN-ACK (Linux always does; "
                          "stock ns-3 never does).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpLinuxSocketBase::m_sendMss),
                          MakeBooleanChecker())
            .AddAttribute("SynAckRetries",
                          "net.ipv4.tcp_synack_retries: SYN-ACK retransmissions before a "
                          "child gives up (a TFO child gets one more).",
                          UintegerValue(5),
                          MakeUintegerAccessor(&TcpLinuxSocketBase::m_synAckRetries),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("RandomIsn",
                          "Draw the initial sequence number at random (Linux) instead of "
                          "ns-3's 0.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpLinuxSocketBase::m_randomIsn),
                          MakeBooleanChecker())
            .AddAttribute("LinuxRttEstimator",
                          "Use Linux's RTT estimator and RTO (TcpLinuxRttEstimator: RTO = "
                          "srtt + max(4 mdev, MinRto) with Linux's mdev_max) instead of the "
                          "node's RttEstimatorType (with which RTO = max(srtt + 4 rttvar, "
                          "MinRto)).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpLinuxSocketBase::m_useLinuxRtt),
                          MakeBooleanChecker())
            .AddAttribute("QuickAcks",
                          "TCP_MAX_QUICKACKS: Linux's quick-ack mode acknowledges up to this "
                          "many data segments at once from the first one (rcv_wnd / (2 "
                          "rcv_mss), capped here), unless the connection is interactive "
                          "(ping-pong); 0 = ns-3's delayed-ACK counting only.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&TcpLinuxSocketBase::SetMaxQuickAcks,
                                               &TcpLinuxSocketBase::GetMaxQuickAcks),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("LinuxMss",
                          "Size segments as Linux (tcp_sync_mss): at the handshake, the "
                          "peer's MSS bounded by the path MTU minus the IP and TCP headers, "
                          "minus the timestamp option when timestamps are in use, even "
                          "above SegmentSize (which then only sizes the window before the "
                          "handshake). false: SegmentSize, lowered to the peer's MSS.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TcpLinuxSocketBase::m_linuxMss),
                          MakeBooleanChecker())
            .AddAttribute("TimeWaitSocket",
                          "Hand a connection that reaches TIME_WAIT to a TIME_WAIT "
                          "mini-socket (TcpLinuxTimeWait) and close the socket, as Linux's "
                          "tcp_time_wait does: the socket goes to CLOSED and is freed when "
                          "the application lets it go; the mini-socket re-acknowledges a "
                          "retransmitted FIN, ends at a RST and passes a new SYN to the "
                          "listener. false keeps ns-3's behaviour: the whole socket waits "
                          "in TIME_WAIT and ignores every segment.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpLinuxSocketBase::m_timeWaitSocket),
                          MakeBooleanChecker())
            .AddAttribute("InvalidRateLimit",
                          "net.ipv4.tcp_invalid_ratelimit: a TIME_WAIT mini-socket "
                          "acknowledges out-of-window segments without data at most once "
                          "per this interval.",
                          TimeValue(MilliSeconds(500)),
                          MakeTimeAccessor(&TcpLinuxSocketBase::m_invalidRateLimit),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("FinTimeout",
                          "net.ipv4.tcp_fin_timeout: with TimeWaitSocket, a connection the "
                          "application has closed waits at most this long (or 3.5 RTO if "
                          "longer) in FIN_WAIT2 for the peer's FIN, in the mini-socket.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&TcpLinuxSocketBase::m_finTimeout),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource(
                "SynQueue",
                "Listener: requests in the SYN queue (children in SYN_RCVD "
                "that are not Fast Open children).",
                MakePartTraceSourceAccessor(&TcpLinuxSocketBase::m_listenQueues, "SynQueue"),
                "ns3::TracedValueCallback::Uint32")
            .AddTraceSource(
                "AcceptQueue",
                "Listener: children established (or Fast Open) but not yet "
                "accepted by the application.",
                MakePartTraceSourceAccessor(&TcpLinuxSocketBase::m_listenQueues, "AcceptQueue"),
                "ns3::TracedValueCallback::Uint32")
            .AddTraceSource(
                "ChildSockets",
                "Listener: children forked from it that have not reached CLOSED.",
                MakePartTraceSourceAccessor(&TcpLinuxSocketBase::m_listenQueues, "ChildSockets"),
                "ns3::TracedValueCallback::Uint32")
            .AddTraceSource("IcmpError",
                            "An ICMP or ICMPv6 error for the connection: type, code, "
                            "MTU, Linux's errno and what the socket did.",
                            MakeTraceSourceAccessor(&TcpLinuxSocketBase::m_icmpErrorTrace),
                            "ns3::TcpLinuxSocketBase::IcmpErrorTracedCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpLinuxSocketBase)

TcpLinuxSocketBase::TcpLinuxSocketBase()
    : TcpSocketBase()
{
    NS_LOG_FUNCTION(this);
    m_state.ConnectWithoutContext(MakeCallback(&TcpLinuxSocketBase::NotifyStateChange, this));
}

TcpLinuxSocketBase::TcpLinuxSocketBase(const TcpLinuxSocketBase& sock)
    : TcpSocketBase(sock),
      m_synAckRetries(sock.m_synAckRetries),
      m_listenBacklog(sock.m_listenBacklog),
      m_soMaxConn(sock.m_soMaxConn),
      m_synCookies(sock.m_synCookies),
      m_maxSynBacklog(sock.m_maxSynBacklog),
      m_acceptRate(sock.m_acceptRate),
      m_sendMss(sock.m_sendMss),
      m_randomIsn(sock.m_randomIsn),
      m_isnRng(sock.m_isnRng),
      m_useLinuxRtt(sock.m_useLinuxRtt),
      m_linuxMss(sock.m_linuxMss),
      m_timeWaitSocket(sock.m_timeWaitSocket),
      m_invalidRateLimit(sock.m_invalidRateLimit),
      m_finTimeout(sock.m_finTimeout),
      m_forkIsn(sock.m_forkIsn),
      m_quickAck(sock.m_quickAck),
      m_linuxRtt(DynamicCast<TcpLinuxRttEstimator>(m_rtt)),
      m_nodeComponents(sock.m_nodeComponents)
{
    NS_LOG_FUNCTION(this);
    // Per-connection and listener-only state starts afresh in a copy.
    m_state.ConnectWithoutContext(MakeCallback(&TcpLinuxSocketBase::NotifyStateChange, this));
}

TcpLinuxSocketBase::~TcpLinuxSocketBase()
{
    NS_LOG_FUNCTION(this);
}

void
TcpLinuxSocketBase::NotifyStateChange(TcpStates_t oldState, TcpStates_t newState)
{
    StateChanged(oldState, newState);
    ChildStateChanged(oldState, newState);
    if ((newState == TIME_WAIT || (newState == FIN_WAIT_2 && m_orphaned)) && m_timeWaitSocket)
    {
        // TcpSocketBase::TimeWait is still running (and its caller may be
        // the endpoint's receive callback): hand over once it is done.
        Simulator::ScheduleNow(&TcpLinuxSocketBase::HandOffTimeWait, Ptr<TcpLinuxSocketBase>(this));
    }
}

void
TcpLinuxSocketBase::HandOffTimeWait()
{
    // tcp_rcv_state_process, TCP_FIN_WAIT1: an orphan whose FIN is acked goes
    // to the mini-socket in FIN_WAIT2 unless the peer's FIN came with the ACK
    // (the state is TIME_WAIT then) or data wait in the receive buffer.
    const bool finWait2 = m_state == FIN_WAIT_2 && m_orphaned && m_tcb->m_rxBuffer->Size() == 0 &&
                          !m_tcb->m_rxBuffer->GotFin();
    if ((m_state != TIME_WAIT || !TfoIsPending(m_timewaitEvent)) && !finWait2)
    {
        return;
    }
    if (!m_endPoint && !m_endPoint6)
    {
        return;
    }
    Ptr<TcpLinuxTimeWaitTable> table = GetNodeComponent<TcpLinuxTimeWaitTable>();
    Ptr<TcpFastOpenCounters> counters = GetCounters();
    if (!table->HasRoom())
    {
        // "TCP: time wait bucket table overflow": close without TIME_WAIT.
        counters->Increment(TcpFastOpenCounters::TIME_WAIT_OVERFLOW);
        CloseAndNotify();
        return;
    }
    // Our FIN is acknowledged: SND.NXT is the highest ACK received; RCV.NXT
    // is past the peer's FIN in TIME_WAIT.
    TcpLinuxTimeWait::Connection connection;
    connection.sndNxt = m_highRxAckMark;
    connection.rcvNxt = m_tcb->m_rxBuffer->NextRxSequence();
    connection.window = AdvertisedWindowSize();
    connection.rcvWnd = GetReceiveWindow();
    connection.timestamps = m_timestampEnabled;
    connection.tsRecent = m_timestampToEcho;
    connection.tsRecentStamp = Simulator::Now(); // the segment that ended the connection's
    connection.length = Seconds(2 * m_msl);
    connection.invalidRateLimit = m_invalidRateLimit;
    connection.finWait2 = finWait2;
    Time remaining;
    if (finWait2)
    {
        // tcp_fin_time: the FIN timeout, at least 3.5 RTO.
        remaining = std::max(m_finTimeout, m_rto.Get() * 4 - m_rto.Get() / 2);
        CancelAllTimers();
        if (!m_closeNotified)
        {
            m_closeNotified = true; // as TcpSocketBase::TimeWait tells it
            NotifyNormalClose();
        }
    }
    else
    {
        remaining = Simulator::GetDelayLeft(m_timewaitEvent);
        m_timewaitEvent.Cancel();
    }
    TcpLinuxTimeWait::Start(m_tcp,
                            m_endPoint,
                            m_endPoint6,
                            GetBoundNetDevice(),
                            connection,
                            remaining,
                            table,
                            counters);
    m_endPoint = nullptr;
    m_endPoint6 = nullptr;
    m_tcp->RemoveSocket(this);
    m_state = CLOSED; // tcp_done
}

void
TcpLinuxSocketBase::StateChanged(TcpStates_t /* oldState */, TcpStates_t /* newState */)
{
}

void
TcpLinuxSocketBase::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_listenQueues.Stop();
    m_listener = nullptr;
    TcpSocketBase::DoDispose();
}

Ptr<TcpLinuxSocketBase>
TcpLinuxSocketBase::CopySocket()
{
    return CopyObject<TcpLinuxSocketBase>(this);
}

void
TcpLinuxSocketBase::SetNodeComponents(Ptr<TcpLinuxNodeComponents> components)
{
    m_nodeComponents = components;
}

bool
TcpLinuxSocketBase::CanCopyAsNewSocket() const
{
    return true;
}

Ptr<TcpLinuxSocketBase>
TcpLinuxSocketBase::CopyAsNewSocket()
{
    return CanCopyAsNewSocket() ? CopySocket() : nullptr;
}

// ---------------------------------------------------------------------------
// Node components, addresses, MSS
// ---------------------------------------------------------------------------

Ptr<TcpFastOpenCounters>
TcpLinuxSocketBase::GetCounters()
{
    return GetNodeComponent<TcpFastOpenCounters>();
}

std::pair<Address, Address>
TcpLinuxSocketBase::GetAddressPair() const
{
    if (m_endPoint)
    {
        return {m_endPoint->GetLocalAddress(), m_endPoint->GetPeerAddress()};
    }
    NS_ASSERT(m_endPoint6);
    return {m_endPoint6->GetLocalAddress(), m_endPoint6->GetPeerAddress()};
}

uint16_t
TcpLinuxSocketBase::GetPathMss() const
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
TcpLinuxSocketBase::GetPathMss(const Address& local) const
{
    // dst_metric_advmss / __tcp_mtu_to_mss: MTU minus the IP and TCP headers;
    // the MTU is the path's once an ICMP error reported one (PathMtuReduced).
    if (Ipv4Address::IsMatchingType(local))
    {
        Ptr<Ipv4> ipv4 = m_nodeComponents->Find<Ipv4>(*m_node);
        const int32_t interface = ipv4->GetInterfaceForAddress(Ipv4Address::ConvertFrom(local));
        if (interface >= 0)
        {
            return std::min<uint32_t>(ipv4->GetMtu(interface), m_pathMtu ? m_pathMtu : UINT16_MAX) -
                   20 - 20;
        }
    }
    else if (Ipv6Address::IsMatchingType(local))
    {
        Ptr<Ipv6> ipv6 = m_nodeComponents->Find<Ipv6>(*m_node);
        const int32_t interface = ipv6->GetInterfaceForAddress(Ipv6Address::ConvertFrom(local));
        if (interface >= 0)
        {
            return std::min<uint32_t>(ipv6->GetMtu(interface), m_pathMtu ? m_pathMtu : UINT16_MAX) -
                   40 - 20;
        }
    }
    return 536; // RFC 879 default MSS when the interface is unknown
}

uint16_t
TcpLinuxSocketBase::ProcessOptionMss(const TcpHeader& tcpHeader)
{
    if (!tcpHeader.HasOption(TcpOption::MSS))
    {
        return 0;
    }
    const uint16_t peerMss =
        DynamicCast<const TcpOptionMSS>(tcpHeader.GetOption(TcpOption::MSS))->GetMSS();
    ApplyPeerMss(peerMss, m_timestampEnabled && tcpHeader.HasOption(TcpOption::TS), true);
    return peerMss;
}

void
TcpLinuxSocketBase::ApplyPeerMss(uint16_t peerMss, bool timestamps, bool handshake)
{
    // Linux sends at most the peer's MSS minus the timestamp option per
    // segment, the MSS floored at net.ipv4.tcp_min_snd_mss (48) before the
    // option is taken off (__tcp_mtu_to_mss, tcp_mtu_to_mss). With LinuxMss
    // the handshake sets the segment size from the path MTU and the peer's
    // MSS alone (tcp_sync_mss), so it may grow past SegmentSize: a
    // connection without timestamps sends MTU - 40 bytes per segment.
    const uint32_t overhead = timestamps ? kTimestampOptionSpace : 0;
    const bool sync = handshake && m_linuxMss;
    const uint32_t mss = sync ? std::min<uint32_t>(peerMss, GetPathMss()) : peerMss;
    const uint32_t segmentSize = std::max<uint32_t>(mss, MIN_SND_MSS) - overhead;
    if (segmentSize < m_tcb->m_segmentSize || (sync && segmentSize != m_tcb->m_segmentSize))
    {
        NS_LOG_LOGIC(this << " peer MSS " << peerMss << ": segment size " << m_tcb->m_segmentSize
                          << " -> " << segmentSize);
        if (handshake && m_tcb->m_cWnd == GetInitialCwnd() * m_tcb->m_segmentSize)
        {
            // Linux's initial window is in segments (TCP_INIT_CWND): the
            // byte window set from the old size would leave a runt segment.
            m_tcb->m_cWnd = GetInitialCwnd() * segmentSize;
            m_tcb->m_cWndInfl = m_tcb->m_cWnd;
        }
        m_tcb->m_segmentSize = segmentSize;
        // TcpTxBuffer cuts (re)transmissions with its own copy of the segment
        // size (TcpSocketBase::SetSegSize sets both, but only in CLOSED):
        // without it, SACK recovery resent 1,448 + 552 B after an MSS of 1,012.
        m_txBuffer->SetSegmentSize(m_tcb->m_segmentSize);
    }
}

void
TcpLinuxSocketBase::AppendSynOptions(TcpHeader& header, const SynOptions& options)
{
    // What a Linux SYN and SYN-ACK carry, in its order.
    if (options.mss)
    {
        Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
        mss->SetMSS(*options.mss);
        header.AppendOption(mss);
    }
    if (options.tsValEcr)
    {
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(options.tsValEcr->first);
        ts->SetEcho(options.tsValEcr->second);
        header.AppendOption(ts);
    }
    if (options.windowScale)
    {
        Ptr<TcpOptionWinScale> ws = CreateObject<TcpOptionWinScale>();
        ws->SetScale(*options.windowScale);
        header.AppendOption(ws);
    }
    if (options.sackPermitted)
    {
        header.AppendOption(CreateObject<TcpOptionSackPermitted>());
    }
}

TcpHeader
TcpLinuxSocketBase::MakeSynHeader(uint8_t flags)
{
    TcpHeader header;
    header.SetFlags(flags);
    header.SetSequenceNumber(m_isn);
    header.SetAckNumber(m_tcb->m_rxBuffer->NextRxSequence());
    header.SetSourcePort(m_endPoint ? m_endPoint->GetLocalPort() : m_endPoint6->GetLocalPort());
    header.SetDestinationPort(m_endPoint ? m_endPoint->GetPeerPort() : m_endPoint6->GetPeerPort());
    SynOptions options;
    if (m_sendMss)
    {
        options.mss = GetPathMss();
    }
    if (m_timestampEnabled)
    {
        options.tsValEcr = {TcpOptionTS::NowToTsValue(), m_timestampToEcho};
    }
    if (m_winScalingEnabled)
    {
        m_rcvWindShift = CalculateWScale(); // as TcpSocketBase::AddOptionWScale
        options.windowScale = m_rcvWindShift;
    }
    options.sackPermitted = m_sackEnabled;
    AppendSynOptions(header, options);
    return header;
}

void
TcpLinuxSocketBase::SendSynSegment(Ptr<Packet> p, TcpHeader& header, bool retransmission)
{
    TFO_ADD_SOCKET_TAGS(p, false);
    header.SetWindowSize(AdvertisedWindowSize(false));
    if ((header.GetFlags() & TcpHeader::ACK) && m_highTxAck < header.GetAckNumber())
    {
        // As TcpSocketBase::SendEmptyPacket: what has been acknowledged, for
        // ts_recent (ProcessOptionTimestamp takes the TS val of a segment at
        // rcv_nxt only up to it: tcp_replace_ts_recent).
        m_highTxAck = header.GetAckNumber();
    }
    UpdateRttHistory(m_isn, 0, retransmission);
    m_txTrace(p, header, this);
    auto [local, remote] = GetAddressPair();
    m_tcp->SendPacket(p, header, local, remote, m_boundnetdevice);
}

// ---------------------------------------------------------------------------
// Opening and closing
// ---------------------------------------------------------------------------

Ptr<UniformRandomVariable>
TcpLinuxSocketBase::GetIsnRng()
{
    if (!m_isnRng)
    {
        m_isnRng = CreateObject<UniformRandomVariable>();
    }
    return m_isnRng;
}

void
TcpLinuxSocketBase::ChooseIsn()
{
    if (m_forkIsn || m_randomIsn)
    {
        // A SYN a TIME_WAIT connection passed on starts past it
        // (tcp_conn_request's tcp_tw_isn); others draw at random.
        m_isn = m_forkIsn ? *m_forkIsn : SequenceNumber32(GetIsnRng()->GetInteger(0, UINT32_MAX));
        m_forkIsn.reset();
        m_tcb->m_nextTxSequence = m_isn;
        m_tcb->m_highTxMark = m_isn;
    }
    else
    {
        m_isn = m_tcb->m_nextTxSequence;
    }
    // SND.UNA is the ISN until the SYN (-ACK) is acknowledged: TcpSocketBase's
    // send window (highest ACK + window) starts there, not at 0.
    m_highRxAckMark = m_isn;
}

bool
TcpLinuxSocketBase::RefuseConnect()
{
    // __inet_stream_connect: SS_CONNECTING -> EALREADY (EISCONN if the connect
    // was deferred and reported done); a socket in any other state than
    // TCP_CLOSE -> EISCONN. TcpSocketBase would resend the SYN, or reset an
    // established connection.
    if (m_state == CLOSED)
    {
        return false;
    }
    const bool connecting = (m_state == SYN_SENT || m_state == SYN_RCVD) && !IsAnnounced();
    m_errno = connecting ? ERROR_ALREADY : ERROR_ISCONN;
    NS_LOG_LOGIC(this << " Connect() in " << TcpStateName[m_state] << ": refused");
    return true;
}

int
TcpLinuxSocketBase::Connect(const Address& address)
{
    NS_LOG_FUNCTION(this << address);
    if (RefuseConnect())
    {
        return -1;
    }
    m_synsSent = 0;
    m_dataSegsIn = 0;
    m_pathMtu = 0;
    m_softError = ERROR_NOTERROR;
    ChooseIsn();
    // TcpSocketBase::Connect binds, finds the route and calls DoConnect(), which
    // sends the SYN through SendEmptyPacket() -> SendHandshake().
    const int result = TcpSocketBase::Connect(address);
    InstallIcmpHandler();
    return result;
}

int
TcpLinuxSocketBase::Close()
{
    NS_LOG_FUNCTION(this);
    m_orphaned = true; // SOCK_DEAD: no application reads from it any more
    if (m_state == SYN_SENT && m_txBuffer->Size() > 0)
    {
        // Data written before the handshake completed (SYN data or queued
        // behind it) is delivered first, as TcpSocketBase does for a Close()
        // with pending data in ESTABLISHED. Linux would close at once and
        // answer the SYN-ACK with RST (see the doc: deviations).
        m_closeOnEmpty = true;
        return 0;
    }
    if (m_state == SYN_SENT)
    {
        // tcp_close -> tcp_close_state: SYN_SENT goes to CLOSE and nothing is
        // sent (TcpSocketBase::DoClose sends a RST), also for a deferred
        // TCP_FASTOPEN_CONNECT socket whose SYN never left.
        NS_LOG_LOGIC(this << " Close() in SYN_SENT: closed, nothing sent");
        CloseAndNotify();
        return 0;
    }
    if (m_state == LISTEN)
    {
        ListenStop();
    }
    return TcpSocketBase::Close();
}

void
TcpLinuxSocketBase::CloseIfSynDataWasAll()
{
    // TcpSocketBase sends a deferred FIN with the last data segment; when the
    // SYN carried all the data there is no such segment.
    if (m_state == ESTABLISHED && m_closeOnEmpty && m_txBuffer->Size() == 0)
    {
        DoClose();
    }
}

SequenceNumber32
TcpLinuxSocketBase::GetSynSentSndNxt() const
{
    return m_isn + SequenceNumber32(1);
}

bool
TcpLinuxSocketBase::IsAnnounced() const
{
    return false;
}

void
TcpLinuxSocketBase::CloseWithError()
{
    const bool announced = IsSynchronizedState() || IsAnnounced();
    m_closeNotified = true; // an error close, not a normal one
    CloseAndNotify();
    if (announced)
    {
        NotifyErrorClose(); // the application holds a "connected" socket
    }
    else
    {
        NotifyConnectionFailed();
    }
}

bool
TcpLinuxSocketBase::ConsumeSynAttempt(uint32_t maxAttempts, uint32_t made)
{
    // As TcpSocketBase::SendEmptyPacket: exponential back-off from ConnTimeout.
    // The limit is compared with the transmissions made, so that one lowered
    // after the SYN left ends the handshake at the next timeout (Linux:
    // tcp_write_timeout reads icsk_syn_retries then) instead of shifting by a
    // negative count.
    if (made >= maxAttempts)
    {
        m_synCount = 0;
        return false;
    }
    m_rto = m_cnTimeout * (int64_t(1) << std::min<uint32_t>(made, 30));
    m_synCount = maxAttempts - made - 1;
    return true;
}

uint32_t
TcpLinuxSocketBase::GetDataSegmentsIn() const
{
    return m_dataSegsIn;
}

void
TcpLinuxSocketBase::GiveUpHandshake()
{
    NS_LOG_LOGIC(this << " handshake failed: no answer");
    ReportSoftError();
    m_rtt->Reset();
    CloseWithError();
}

void
TcpLinuxSocketBase::SendEmptyPacket(uint8_t flags)
{
    NS_LOG_FUNCTION(this << static_cast<uint32_t>(flags));
    if (flags & TcpHeader::SYN)
    {
        SendHandshake(flags);
    }
    else if (flags == TcpHeader::RST && (IsSynchronizedState() || m_state == SYN_RCVD))
    {
        // tcp_send_active_reset: a reset a connected socket sends on its own
        // (close with unread data, abort) acknowledges rcv_nxt.
        TcpSocketBase::SendEmptyPacket(TcpHeader::RST | TcpHeader::ACK);
    }
    else if (flags & TcpHeader::FIN)
    {
        SendFin(flags);
    }
    else if (flags == TcpHeader::ACK && m_saveHandshakeAck)
    {
        NS_LOG_LOGIC(this << " handshake ACK saved: the first data segment carries it");
    }
    else if (flags == TcpHeader::ACK && m_takingFin &&
             (m_state == CLOSE_WAIT || m_state == LAST_ACK))
    {
        AcknowledgePeerFin();
    }
    else
    {
        TcpSocketBase::SendEmptyPacket(flags);
    }
}

void
TcpLinuxSocketBase::SendFin(uint8_t flags)
{
    const bool timerWasRunning = !m_retxEvent.IsExpired();
    TcpSocketBase::SendEmptyPacket(flags);
    if (!timerWasRunning && !m_retxEvent.IsExpired())
    {
        // TcpSocketBase armed the timer to call SendEmptyPacket(FIN) again
        // at the same RTO, forever.
        m_retxEvent.Cancel();
        m_retxEvent = Simulator::Schedule(m_rto, &TcpLinuxSocketBase::ReTxTimeout, this);
    }
}

void
TcpLinuxSocketBase::ReTxTimeout()
{
    // TcpSocketBase::ReTxTimeout resends a lone FIN without backing off and
    // returns before its retry count (FIN_WAIT_1 and CLOSING only).
    if (m_txBuffer->Size() == 0 &&
        (m_state == FIN_WAIT_1 || m_state == CLOSING || m_state == LAST_ACK))
    {
        RetransmitFin();
        return;
    }
    if (m_dataRetrCount == 0)
    {
        ReportSoftError(); // TcpSocketBase gives up at this timeout
    }
    TcpSocketBase::ReTxTimeout();
}

void
TcpLinuxSocketBase::RetransmitFin()
{
    if (m_dataRetrCount == 0)
    {
        NS_LOG_LOGIC(this << " FIN unacknowledged after " << m_dataRetries
                          << " retransmissions: giving up");
        ReportSoftError();
        NotifyErrorClose();
        DeallocateEndPoint();
        return;
    }
    --m_dataRetrCount;
    const Time backedOff = Min(m_rto + m_rto, Seconds(120)); // TCP_RTO_MAX
    SendEmptyPacket(TcpHeader::FIN); // re-arms the timer at the RTO of the estimate
    m_rto = backedOff;
    m_retxEvent.Cancel();
    m_retxEvent = Simulator::Schedule(m_rto, &TcpLinuxSocketBase::ReTxTimeout, this);
}

void
TcpLinuxSocketBase::SendHandshake(uint8_t flags)
{
    NS_LOG_FUNCTION(this << static_cast<uint32_t>(flags));
    const bool synAck = flags & TcpHeader::ACK;
    if (m_endPoint == nullptr && m_endPoint6 == nullptr)
    {
        NS_LOG_WARN("Failed to send " << (synAck ? "SYN-ACK" : "SYN") << ": no endpoint");
        return;
    }
    const uint32_t maxAttempts = synAck ? GetSynAckAttempts() : m_synRetries;
    // A SYN counts its transmissions, so that a limit lowered after the SYN
    // left ends the handshake on time; a SYN-ACK counts down m_synCount.
    const uint32_t made = synAck ? maxAttempts - std::min(m_synCount, maxAttempts) : m_synsSent;
    const bool firstTransmission = (made == 0);
    if (!synAck && firstTransmission && DeferSyn())
    {
        return;
    }
    if (!synAck && !firstTransmission)
    {
        SynTimedOut();
    }
    if (synAck && !firstTransmission && m_inSynQueue && !SynQueueRequestTimeout(made))
    {
        m_synCount = 0;
        GiveUpHandshake();
        return;
    }
    if (!ConsumeSynAttempt(maxAttempts, made))
    {
        GiveUpHandshake();
        return;
    }
    if (!synAck)
    {
        m_synsSent++;
    }
    TransmitHandshake(flags, firstTransmission);
    if (m_retxEvent.IsExpired())
    {
        m_retxEvent = Simulator::Schedule(m_rto, &TcpLinuxSocketBase::SendEmptyPacket, this, flags);
    }
}

bool
TcpLinuxSocketBase::DeferSyn()
{
    return false;
}

void
TcpLinuxSocketBase::SynTimedOut()
{
}

uint32_t
TcpLinuxSocketBase::GetSynAckAttempts() const
{
    // tcp_write_timeout: a socket in SYN_RECV after a simultaneous open
    // retries as its SYN did (tcp_syn_retries); a child as a request
    // (tcp_synack_retries).
    return m_listener ? m_synAckRetries + 1 : m_synRetries;
}

void
TcpLinuxSocketBase::TransmitHandshake(uint8_t flags, bool firstTransmission)
{
    TcpHeader header = MakeSynHeader(flags);
    SendSynSegment(Create<Packet>(), header, !firstTransmission);
}

// The listener's side (forks, queues, SYN cookies) is in
// tcp-linux-socket-base-listen.cc, the receive path in
// tcp-linux-socket-base-receive.cc.

} // namespace ns3
