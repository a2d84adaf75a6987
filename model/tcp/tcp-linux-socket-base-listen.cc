/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TcpLinuxSocketBase, the listener's side: forks and their children, the SYN
 * and accept queues (TcpListenQueues) and SYN cookies
 * (TcpSynCookieResponder). The connection's side is in
 * tcp-linux-socket-base.cc; one class, two files, so that each stays short.
 */

#include "tcp-fast-open-counters.h"
#include "tcp-linux-socket-base.h"
#include "tcp-linux-time-wait.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv6-end-point.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLinuxSocketBaseListen");

// ---------------------------------------------------------------------------
// Listener: forks, queues, SYN cookies
// ---------------------------------------------------------------------------

void
TcpLinuxSocketBase::ListenStop()
{
    NS_LOG_FUNCTION(this);
    for (const auto& child : m_listenQueues.Stop())
    {
        child->ForgetChild();
    }
}

void
TcpLinuxSocketBase::ForgetChild()
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

uint32_t
TcpLinuxSocketBase::GetSynQueueLength() const
{
    return m_listenQueues.GetSynQueueLength();
}

uint32_t
TcpLinuxSocketBase::GetAcceptQueueLength() const
{
    return m_listenQueues.GetAcceptQueueLength();
}

uint32_t
TcpLinuxSocketBase::GetChildSocketCount() const
{
    return m_listenQueues.GetChildSocketCount();
}

uint32_t
TcpLinuxSocketBase::GetMaxAckBacklog() const
{
    // listen(): sk_max_ack_backlog = min(backlog, net.core.somaxconn).
    return std::min(m_listenBacklog, m_soMaxConn);
}

TcpListenQueues::Limits
TcpLinuxSocketBase::GetListenLimits() const
{
    return {GetMaxAckBacklog(), m_synCookies, m_maxSynBacklog};
}

TcpSynCookieResponder::ListenerOptions
TcpLinuxSocketBase::GetCookieOptions() const
{
    return {m_timestampEnabled,
            m_winScalingEnabled,
            m_sackEnabled,
            m_tcb->m_useEcn != TcpSocketState::Off};
}

bool
TcpLinuxSocketBase::DefersAccept() const
{
    return m_acceptRate > 0;
}

Ptr<TcpLinuxSocketBase>
TcpLinuxSocketBase::GetListener() const
{
    return m_listener;
}

Ptr<TcpLinuxSocketBase>
TcpLinuxSocketBase::CreateChild()
{
    if (m_randomIsn)
    {
        GetIsnRng(); // before the copy, so that the children share it
    }
    Ptr<TcpLinuxSocketBase> child = CopySocket();
    child->m_listener = this;
    child->m_countedAlive = true;
    m_listenQueues.ChildCreated();
    // Its state changes reach ChildStateChanged through the sink the copy
    // constructor connected (NotifyStateChange), now that m_listener is set.
    if (DefersAccept())
    {
        // The application gets the child from the accept queue (DeliverChild).
        child->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                 MakeNullCallback<void, Ptr<Socket>, const Address&>());
    }
    return child;
}

Ptr<TcpSocketBase>
TcpLinuxSocketBase::Fork()
{
    // tcp_conn_request admitted the SYN: the child stands for its request
    // sock, in the SYN queue until it leaves SYN_RCVD (or skips it).
    Ptr<TcpLinuxSocketBase> child = CreateChild();
    child->m_inSynQueue = true;
    child->m_synQueueYoung = true;
    m_listenQueues.SynQueueAdded();
    return child;
}

void
TcpLinuxSocketBase::LeaveSynQueue()
{
    if (m_inSynQueue)
    {
        m_inSynQueue = false;
        m_listener->m_listenQueues.SynQueueRemoved(m_synQueueYoung);
        m_synQueueYoung = false;
    }
}

bool
TcpLinuxSocketBase::WaitsInAcceptQueue() const
{
    return m_listener && m_acceptQueued && m_listener->m_listenQueues.IsWaiting(this);
}

bool
TcpLinuxSocketBase::SynQueueRequestTimeout(uint32_t made)
{
    TcpListenQueues& queues = m_listener->m_listenQueues;
    const uint32_t retries =
        queues.PruneSynAckRetries(m_synAckRetries, m_listener->GetListenLimits());
    if (made > retries) // num_timeout (made - 1) >= max_syn_ack_retries
    {
        NS_LOG_LOGIC(this << " SYN-queue request expires after " << made << " SYN-ACKs (retries "
                          << retries << " of " << m_synAckRetries << ")");
        return false;
    }
    if (m_synQueueYoung)
    {
        m_synQueueYoung = false;
        queues.SynQueueRequestAged();
    }
    return true;
}

void
TcpLinuxSocketBase::JoinAcceptQueue(const Address& from, bool dataReceived)
{
    if (!m_listener->DefersAccept())
    {
        NotifyNewConnectionCreated(this, from);
        if (dataReceived)
        {
            NotifyDataRecv();
        }
        return;
    }
    m_acceptQueued = true;
    m_listener->m_listenQueues.Add(
        this,
        from,
        m_listener->m_acceptRate,
        MakeCallback(&TcpLinuxSocketBase::DeliverChild, PeekPointer(m_listener)));
}

void
TcpLinuxSocketBase::DeliverChild(Ptr<TcpLinuxSocketBase> child, const Address& from)
{
    NotifyNewConnectionCreated(child, from);
    if (child->GetRxAvailable() > 0)
    {
        child->NotifyDataRecv();
    }
    if (child->m_state == CLOSED)
    {
        // Reset, or dropped at an ICMP error, while it waited: the error close
        // ns-3 fired before the application had set its callbacks. Linux's
        // accept() returns the socket; read() gives its data, then the error
        // (sk_err), and a write fails (here Send() returns -1, ERROR_NOTCONN).
        child->NotifyErrorClose();
        return;
    }
    if (child->m_state == CLOSE_WAIT)
    {
        // The client's FIN came while the child waited: DoPeerClose told no
        // one (the application had not set its close callbacks yet). Linux's
        // accept() returns such a socket readable, its read() giving 0.
        child->NotifyNormalClose();
    }
}

void
TcpLinuxSocketBase::ChildStateChanged(TcpStates_t oldState, TcpStates_t newState)
{
    if (!m_listener)
    {
        return;
    }
    if (oldState == SYN_RCVD && newState != SYN_RCVD)
    {
        LeaveSynQueue(); // inet_csk_reqsk_queue_removed
    }
    if (oldState == SYN_RCVD && newState != SYN_RCVD && newState != CLOSED &&
        m_listener->DefersAccept() && !m_acceptQueued)
    {
        JoinAcceptQueue(m_endPoint ? Address(InetSocketAddress(m_endPoint->GetPeerAddress(),
                                                               m_endPoint->GetPeerPort()))
                                   : Address(Inet6SocketAddress(m_endPoint6->GetPeerAddress(),
                                                                m_endPoint6->GetPeerPort())),
                        false);
    }
    if (newState == CLOSED && m_countedAlive)
    {
        m_countedAlive = false;
        m_listener->m_listenQueues.ChildClosed();
    }
}

bool
TcpLinuxSocketBase::AllocateChildEndPoint(const Address& from, const Address& to)
{
    if (InetSocketAddress::IsMatchingType(to))
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
    else if (Inet6SocketAddress::IsMatchingType(to))
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
        return false;
    }
    m_tcp->AddSocket(this);
    m_state = SYN_RCVD;
    m_dataRetrCount = m_dataRetries;
    SetupCallback();
    InstallIcmpHandler();
    return true;
}

void
TcpLinuxSocketBase::CompleteFork(Ptr<Packet> p,
                                 const TcpHeader& tcpHeader,
                                 const Address& fromAddress,
                                 const Address& toAddress)
{
    NS_LOG_FUNCTION(this << p << tcpHeader << fromAddress << toAddress);
    // As TcpSocketBase::CompleteFork, with the hooks a derived class needs
    // before the SYN-ACK is built (its ACK number may cover SYN data).
    if (!AllocateChildEndPoint(fromAddress, toAddress))
    {
        LeaveSynQueue();
        m_state = CLOSED; // the 4-tuple is in use
        return;
    }
    NS_LOG_DEBUG("LISTEN -> SYN_RCVD");
    m_tcb->m_rxBuffer->SetNextRxSequence(tcpHeader.GetSequenceNumber() + SequenceNumber32(1));
    ChooseIsn();
    ProcessOptionMss(tcpHeader);
    SynchronizeWithPeerIsn(tcpHeader);
    ReceivedSyn(p, tcpHeader, fromAddress, toAddress);
    m_synCount = GetSynAckAttempts();

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
    m_requestRcvNxt = m_tcb->m_rxBuffer->NextRxSequence();
    m_requestWindow = AdvertisedWindowSize(false);
    SentFirstSynAck(p, fromAddress);
}

void
TcpLinuxSocketBase::ReceivedSyn(Ptr<Packet> /* p */,
                                const TcpHeader& /* tcpHeader */,
                                const Address& /* fromAddress */,
                                const Address& /* toAddress */)
{
}

void
TcpLinuxSocketBase::SentFirstSynAck(Ptr<Packet> /* p */, const Address& /* fromAddress */)
{
}

bool
TcpLinuxSocketBase::InRequestWindow(SequenceNumber32 seq) const
{
    return seq >= m_requestRcvNxt && seq <= m_requestRcvNxt + SequenceNumber32(m_requestWindow);
}

void
TcpLinuxSocketBase::ProcessRequestReset(SequenceNumber32 seq)
{
    if (!InRequestWindow(seq))
    {
        NS_LOG_LOGIC(this << " request drops a RST outside its window: " << seq);
        return;
    }
    NS_LOG_LOGIC(this << " request reset by the peer: it leaves the SYN queue");
    m_listener->GetCounters()->Increment(TcpFastOpenCounters::EMBRYONIC_RSTS);
    m_state = CLOSED; // ChildStateChanged: LeaveSynQueue
    DeallocateEndPoint();
}

bool
TcpLinuxSocketBase::ProcessSynRcvd(Ptr<Packet> packet,
                                   uint8_t flags,
                                   const Address& /* fromAddress */,
                                   const Address& /* toAddress */)
{
    if (m_state == SYN_RCVD && m_listener && (flags & TcpHeader::RST))
    {
        // TcpSocketBase would answer a RST|ACK with a RST (it spares only a
        // bare RST) before closing.
        TcpHeader tcpHeader;
        packet->PeekHeader(tcpHeader);
        ProcessRequestReset(tcpHeader.GetSequenceNumber());
        return true;
    }
    // tcp_check_req -> tcp_v4_syn_recv_sock: the ACK that would complete the
    // handshake is dropped while the accept queue is full; the request stays
    // and its SYN-ACK timer runs on (tcp_abort_on_overflow = 0).
    if (m_state != SYN_RCVD || !m_listener || !(flags & TcpHeader::ACK) ||
        (flags & (TcpHeader::SYN | TcpHeader::RST)))
    {
        return false;
    }
    return m_listener->m_listenQueues.SynRecvSockOverflow(m_listener->GetListenLimits(),
                                                          m_listener->GetCounters());
}

void
TcpLinuxSocketBase::ForwardSynToListener(Ptr<Packet> packet,
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
    m_forkIsn = TcpLinuxTimeWait::TakeSynIsn(); // the child copies it
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
    m_forkIsn.reset();
    m_winScalingEnabled = winScaling;
    m_sackEnabled = sack;
    m_txBuffer->SetSackEnabled(sack);
    m_timestampEnabled = timestamps;
}

void
TcpLinuxSocketBase::SendCookieSynAck(const TcpHeader& syn, const Address& from, const Address& to)
{
    const TcpSynCookieResponder::Reply reply =
        m_cookieReplies.Answer(syn,
                               from,
                               to,
                               GetCookieOptions(),
                               GetNodeComponent<TcpSynCookieGenerator>(),
                               GetCounters(),
                               Simulator::Now());
    // tcp_make_synack(TCP_SYNACK_COOKIE): no Fast Open option; ECE if ECN
    // (tcp_ecn_make_synack).
    TcpHeader header;
    header.SetFlags(TcpHeader::SYN | TcpHeader::ACK | (reply.opts.ecnOk ? TcpHeader::ECE : 0));
    header.SetSequenceNumber(SequenceNumber32(reply.isn));
    header.SetAckNumber(syn.GetSequenceNumber() + SequenceNumber32(1));
    header.SetSourcePort(reply.flow.serverPort);
    header.SetDestinationPort(reply.flow.clientPort);
    SynOptions options;
    if (m_sendMss)
    {
        options.mss = GetPathMss(reply.flow.server);
    }
    if (reply.timestamps)
    {
        options.tsValEcr = {reply.tsVal, reply.tsEcr};
    }
    if (reply.opts.wscaleOk)
    {
        // tcp_select_initial_window: the child computes the same scale again.
        options.windowScale = CalculateWScale();
    }
    options.sackPermitted = reply.opts.sackOk;
    AppendSynOptions(header, options);
    header.SetWindowSize(std::min<uint32_t>(m_tcb->m_rxBuffer->MaxBufferSize(), 65535));
    Ptr<Packet> p = Create<Packet>();
    m_txTrace(p, header, this);
    m_tcp->SendPacket(p, header, reply.flow.server, reply.flow.client, m_boundnetdevice);
}

void
TcpLinuxSocketBase::SendListenerReset(const TcpHeader& segment,
                                      const Address& from,
                                      const Address& to)
{
    // tcp_v4_send_reset / tcp_v6_send_reset for an ACK-bearing segment:
    // <SEQ=SEG.ACK><CTL=RST> (RFC 793, LISTEN), sent without a socket.
    const auto flow = TcpSynCookieGenerator::Flow::FromSocketAddresses(from, to, 0);
    NS_LOG_LOGIC(this << " LISTEN: ACK " << segment.GetAckNumber() << " from " << from
                      << " answered with RST");
    SendBareReset(segment, flow.server, flow.client, flow.serverPort, flow.clientPort);
}

void
TcpLinuxSocketBase::SendResetForAck(const TcpHeader& segment)
{
    auto [local, remote] = GetAddressPair();
    const uint16_t localPort =
        m_endPoint ? m_endPoint->GetLocalPort() : m_endPoint6->GetLocalPort();
    const uint16_t remotePort = m_endPoint ? m_endPoint->GetPeerPort() : m_endPoint6->GetPeerPort();
    NS_LOG_LOGIC(this << " " << TcpStateName[m_state] << ": unacceptable ACK "
                      << segment.GetAckNumber() << " answered with RST");
    SendBareReset(segment, local, remote, localPort, remotePort);
}

TcpHeader
TcpLinuxSocketBase::ResetFor(const TcpHeader& segment, uint32_t length)
{
    TcpHeader header;
    if (segment.GetFlags() & TcpHeader::ACK)
    {
        header.SetFlags(TcpHeader::RST);
        header.SetSequenceNumber(segment.GetAckNumber());
    }
    else
    {
        header.SetFlags(TcpHeader::RST | TcpHeader::ACK);
        header.SetSequenceNumber(SequenceNumber32(0));
        header.SetAckNumber(segment.GetSequenceNumber() + length);
    }
    header.SetWindowSize(0);
    return header;
}

void
TcpLinuxSocketBase::SendBareReset(const TcpHeader& segment,
                                  const Address& local,
                                  const Address& remote,
                                  uint16_t localPort,
                                  uint16_t remotePort)
{
    TcpHeader header = ResetFor(segment, 0); // an ACK-bearing segment
    header.SetSourcePort(localPort);
    header.SetDestinationPort(remotePort);
    Ptr<Packet> p = Create<Packet>();
    m_txTrace(p, header, this);
    m_tcp->SendPacket(p, header, local, remote, m_boundnetdevice);
}

void
TcpLinuxSocketBase::ProcessListenAck(Ptr<Packet> packet, const Address& from, const Address& to)
{
    // tcp_v4_cookie_check, then tcp_rcv_state_process(TCP_LISTEN): any ACK
    // that did not return a valid SYN cookie is answered with a reset.
    TcpHeader tcpHeader;
    packet->PeekHeader(tcpHeader);
    if (m_synCookies != 0 && !(tcpHeader.GetFlags() & TcpHeader::SYN))
    {
        const std::optional<TcpSynCookieResponder::Child> cookie =
            m_cookieReplies.Check(tcpHeader,
                                  from,
                                  to,
                                  GetCookieOptions(),
                                  GetNodeComponent<TcpSynCookieGenerator>(),
                                  GetCounters(),
                                  Simulator::Now());
        if (cookie)
        {
            // tcp_v4_syn_recv_sock / tcp_v6_syn_recv_sock: exit_overflow.
            if (!m_listenQueues.SynRecvSockOverflow(GetListenLimits(), GetCounters()))
            {
                CreateChild()->CompleteCookieFork(packet, tcpHeader, from, to, *cookie);
            }
            return;
        }
    }
    SendListenerReset(tcpHeader, from, to);
}

void
TcpLinuxSocketBase::CompleteCookieFork(Ptr<Packet> packet,
                                       const TcpHeader& tcpHeader,
                                       const Address& from,
                                       const Address& to,
                                       const TcpSynCookieResponder::Child& cookie)
{
    NS_LOG_FUNCTION(this << tcpHeader << from << to << cookie.mss);
    if (!AllocateChildEndPoint(from, to))
    {
        m_state = CLOSED; // the 4-tuple is in use
        return;
    }
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
    const TcpSynCookieGenerator::TimestampOptions& options = cookie.opts;
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
    ApplyPeerMss(cookie.mss, m_timestampEnabled, true);
    m_tcb->m_cWnd = GetInitialCwnd() * GetSegSize();
    m_tcb->m_cWndInfl = m_tcb->m_cWnd;
    m_tcb->m_ssThresh = GetInitialSSThresh();
    m_synCount = 0;
    m_tcb->m_ecnState = options.ecnOk ? TcpSocketState::ECN_IDLE : TcpSocketState::ECN_DISABLED;
    // The ACK (possibly with data) completes the handshake as in SYN_RCVD.
    TcpSocketBase::DoForwardUp(packet, from, to);
}

} // namespace ns3
