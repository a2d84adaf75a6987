/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TcpFastOpenSocket, the server's side: tcp_try_fastopen at the listener, its
 * pending-TFO queue (TcpFastOpenQueue), and the Fast Open child in SYN_RCVD.
 * The configuration, the APIs and the client's side are in
 * tcp-fast-open-socket.cc; one class, two files, so that each stays short.
 */

#include "tcp-fast-open-cookie-generator.h"
#include "tcp-fast-open-counters.h"
#include "tcp-fast-open-passive-rules.h"
#include "tcp-fast-open-socket.h"

#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenSocketPassive");

TcpFastOpenSocket::PassiveDecision
TcpFastOpenSocket::TryFastOpen(const TcpHeader& tcpHeader,
                               uint32_t payloadSize,
                               const Address& client,
                               const Address& server)
{
    // Gather what tcp_try_fastopen decides on, let the passive rules decide,
    // and apply the decision: count, trace, issue a cookie.
    TcpFastOpenPassiveRules::Input input;
    input.option = TcpOptionFastOpen::Find(tcpHeader);
    input.synDataLen = payloadSize;
    input.serverEnabled = ModeHas(SERVER_ENABLE);
    input.noCookie = NoCookie(SERVER_COOKIE_NOT_REQD);
    input.defaultForm = m_optionForm;
    if (GetPassiveRules()->AsksForFastOpen(input))
    {
        input.queue = m_fastOpenQueue.Check(GetMaxPendingFastOpen(), Simulator::Now());
    }
    // The generator is fetched (and created on first use) only when a cookie
    // is checked or issued; the socket addresses are converted once: the
    // generator's typed overloads cost a third of its Address overload
    // (bench/: 301 vs 1014 instructions).
    const bool ipv4 = InetSocketAddress::IsMatchingType(client);
    Ptr<TcpFastOpenCookieGenerator> generator;
    Ipv4Address client4;
    Ipv4Address server4;
    Ipv6Address client6;
    Ipv6Address server6;
    const auto useGenerator = [&]() {
        if (generator)
        {
            return;
        }
        generator = GetCookieGenerator();
        if (ipv4)
        {
            client4 = InetSocketAddress::ConvertFrom(client).GetIpv4();
            server4 = InetSocketAddress::ConvertFrom(server).GetIpv4();
        }
        else
        {
            client6 = Inet6SocketAddress::ConvertFrom(client).GetIpv6();
            server6 = Inet6SocketAddress::ConvertFrom(server).GetIpv6();
        }
    };
    if (input.option && !input.option->isRequest && input.queue == TcpFastOpenQueue::ALLOWED &&
        !input.noCookie)
    {
        // tcp_fastopen_cookie_gen_check
        useGenerator();
        input.cookieValidity = ipv4 ? generator->Validate(input.option->cookie, client4, server4)
                                    : generator->Validate(input.option->cookie, client6, server6);
    }
    const TcpFastOpenPassiveRules::Decision decision = GetPassiveRules()->TryFastOpen(input);

    for (uint8_t i = 0; i < decision.counterCount; ++i)
    {
        GetCounters()->Increment(decision.counters[i]);
    }
    for (uint8_t i = 0; i < decision.reportCount; ++i)
    {
        const TcpFastOpenPassiveRules::Report& report = decision.reports[i];
        NotifyFastOpenEvent(report.event,
                            report.withSynData ? payloadSize : 0,
                            report.withCookie ? input.option->cookie : TcpFastOpenCookie());
    }
    PassiveDecision result;
    result.createChild = decision.acceptData;
    if (decision.sendCookie)
    {
        useGenerator();
        result.option = TcpFastOpenOptionValue{decision.form,
                                               false,
                                               ipv4 ? generator->Generate(client4, server4)
                                                    : generator->Generate(client6, server6)};
    }
    return result;
}

void
TcpFastOpenSocket::ReceivedSyn(Ptr<Packet> p,
                               const TcpHeader& tcpHeader,
                               const Address& fromAddress,
                               const Address& toAddress)
{
    // The Fast Open decision comes before the SYN-ACK is built: its ACK
    // number must cover accepted SYN data.
    Ptr<TcpFastOpenSocket> listener = GetFastOpenListener();
    const PassiveDecision decision =
        listener->TryFastOpen(tcpHeader, p->GetSize(), fromAddress, toAddress);
    m_fastOpenChild = decision.createChild;
    m_synAckOption = decision.option;
    if (!m_fastOpenChild)
    {
        return;
    }
    listener->m_fastOpenQueue.Add();
    m_holdsPendingSlot = true;
    LeaveSynQueue(); // a Fast Open child skips the SYN queue (inet_csk_reqsk_queue_add)
    if (p->GetSize() > 0)
    {
        // The SYN's data starts at ISN + 1.
        TcpHeader dataHeader = tcpHeader;
        dataHeader.SetSequenceNumber(tcpHeader.GetSequenceNumber() + SequenceNumber32(1));
        m_tcb->m_rxBuffer->Add(p, dataHeader);
    }
}

uint32_t
TcpFastOpenSocket::GetSynAckAttempts() const
{
    // tcp_fastopen_synack_timer: one more SYN-ACK retry for TFO children.
    return TcpLinuxSocketBase::GetSynAckAttempts() + (m_fastOpenChild ? 1 : 0);
}

void
TcpFastOpenSocket::SentFirstSynAck(Ptr<Packet> p, const Address& fromAddress)
{
    if (!m_fastOpenChild)
    {
        return;
    }
    // Linux: after the SYN-ACK snd_nxt = ISN + 1 and the child, already in
    // the accept queue, may read the SYN data and write.
    m_tcb->m_nextTxSequence = m_isn + 1;
    m_tcb->m_highTxMark = m_isn + 1;
    m_txBuffer->SetHeadSequence(m_isn + 1);
    JoinAcceptQueue(fromAddress, p->GetSize() > 0);
}

void
TcpFastOpenSocket::ChildStateChanged(TcpStates_t oldState, TcpStates_t newState)
{
    if (newState == CLOSED && m_holdsPendingSlot)
    {
        // The child died while still a request (tcp_done; a RST in its
        // window: tcp_check_req's embryonic_reset).
        ReleaseFastOpenRequest(m_resetByPeer);
    }
    TcpLinuxSocketBase::ChildStateChanged(oldState, newState);
}

void
TcpFastOpenSocket::ReleaseFastOpenRequest(bool reset)
{
    // reqsk_fastopen_remove: qlen--, except that a child reset by its client
    // keeps its slot for the hold time if the application already took it
    // from the accept queue (req->sk is NULL) and the listener still listens.
    m_holdsPendingSlot = false;
    Ptr<TcpFastOpenSocket> listener = GetFastOpenListener();
    if (!listener)
    {
        return;
    }
    const bool hold = reset && listener->m_state == LISTEN && !WaitsInAcceptQueue();
    listener->m_fastOpenQueue.Remove(hold, Simulator::Now());
}

bool
TcpFastOpenSocket::IsFastOpenRequest() const
{
    return m_fastOpenChild && m_holdsPendingSlot;
}

void
TcpFastOpenSocket::TransmitFastOpenSynAck(uint8_t flags, bool firstTransmission)
{
    // Only the first SYN-ACK carries the cookie: retransmissions are built
    // without it (inet_rtx_syn_ack passes no cookie).
    TransmitSynSegment(Create<Packet>(),
                       flags,
                       firstTransmission ? m_synAckOption : std::nullopt,
                       !firstTransmission);
    if (firstTransmission && m_synAckOption)
    {
        GetFastOpenListener()->NotifyFastOpenEvent(COOKIE_SENT, 0, m_synAckOption->cookie);
    }
}

bool
TcpFastOpenSocket::ProcessSynRcvd(Ptr<Packet> packet,
                                  uint8_t flags,
                                  const Address& fromAddress,
                                  const Address& toAddress)
{
    if (!m_fastOpenChild || !m_holdsPendingSlot)
    {
        return TcpLinuxSocketBase::ProcessSynRcvd(packet, flags, fromAddress, toAddress);
    }
    TcpHeader tcpHeader;
    packet->PeekHeader(tcpHeader);
    const bool closedInSynRcvd = (m_state == FIN_WAIT_1);
    if (!ProcessFastOpenSynRcvd(tcpHeader))
    {
        return true;
    }
    // tcp_rcv_synrecv_state_fastopen: an acceptable ACK releases the request.
    ReleaseFastOpenRequest(false);
    if (closedInSynRcvd)
    {
        return false; // FIN_WAIT_1 processes the segment as usual
    }
    // The handshake completed: TcpSocketBase takes the RTT sample the ACK
    // carries and processes it as ESTABLISHED; then the retransmission timer
    // is re-armed for data sent in SYN_RCVD (tcp_rearm_rto in
    // tcp_rcv_synrecv_state_fastopen), with the RTO that sample gives rather
    // than the SYN-ACK timer's backed-off one.
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
    RearmAfterFastOpenHandshake();
    return true;
}

bool
TcpFastOpenSocket::ProcessFastOpenSynRcvd(const TcpHeader& tcpHeader)
{
    const uint8_t flags = tcpHeader.GetFlags() & ~IGNORED_FLAGS;
    if ((flags & TcpHeader::RST) && !InRequestWindow(tcpHeader.GetSequenceNumber()))
    {
        // RFC 5961, tcp_check_req: a RST outside the window is dropped.
        NS_LOG_LOGIC(this << " TFO child drops a RST outside its window: "
                          << tcpHeader.GetSequenceNumber());
        return false;
    }
    if (flags & TcpHeader::RST)
    {
        // The client reset the child: it may keep its pending slot for a
        // while (ChildStateChanged -> ReleaseFastOpenRequest).
        m_resetByPeer = true;
        CloseWithError();
        return false;
    }
    if (flags == TcpHeader::SYN)
    {
        // The client retransmitted its SYN (our SYN-ACK was lost): answer with a
        // SYN-ACK that still acknowledges the SYN data already taken
        // (tcp_check_req -> inet_rtx_syn_ack, which does not count as a
        // timeout). TcpSocketBase would rewind rcv_nxt to ISN + 1 and deliver
        // the resent data twice.
        TransmitFastOpenSynAck(TcpHeader::SYN | TcpHeader::ACK, false);
        return false;
    }
    if (!(flags & TcpHeader::ACK) || (flags & TcpHeader::SYN))
    {
        NS_LOG_LOGIC(this << " TFO child in SYN_RCVD drops a segment with flags "
                          << TcpHeader::FlagsToString(tcpHeader.GetFlags()));
        return false;
    }
    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    // SND.NXT: past the FIN if one left (TcpSocketBase does not count it in
    // the high transmit mark).
    const bool finSent = m_state == FIN_WAIT_1 || m_finSentInSynRcvd;
    if (ack < m_isn + 1 || ack > m_tcb->m_highTxMark + SequenceNumber32(finSent ? 1 : 0))
    {
        // tcp_rcv_state_process: tcp_ack refuses it; in SYN_RECV "send one
        // RST" (in FIN_WAIT_1 it is dropped).
        if (m_state == SYN_RCVD)
        {
            SendResetForAck(tcpHeader);
        }
        return false;
    }
    if (m_state == SYN_RCVD)
    {
        EnterEstablishedFromSynRcvd();
    }
    return true; // TcpSocketBase processes the segment as ESTABLISHED (or FIN_WAIT_1)
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
    if (m_finSentInSynRcvd)
    {
        // The application closed in SYN_RCVD and the FIN already left with the
        // last data segment (TcpSocketBase moves to FIN_WAIT_1 only from
        // ESTABLISHED when it sends that FIN). Close-on-empty alone does not
        // mean a FIN left: a child inherits it from a listener whose
        // application called ShutdownSend() (PacketSink does).
        m_state = FIN_WAIT_1;
    }
    m_delAckCount = m_delAckMaxCount;
    UpdatePacingRate();
    if (GetTxAvailable() > 0)
    {
        NotifySend(GetTxAvailable());
    }
}

uint32_t
TcpFastOpenSocket::SendDataPacket(SequenceNumber32 seq, uint32_t maxSize, bool withAck)
{
    const bool synRcvd = (m_state == SYN_RCVD);
    const uint32_t sent = TcpLinuxSocketBase::SendDataPacket(seq, maxSize, withAck);
    // TcpSocketBase adds the FIN to the segment that empties the buffer when
    // the application has closed (m_closeOnEmpty), in any state.
    if (synRcvd && m_closeOnEmpty && m_txBuffer->SizeFromSequence(seq + sent) == 0)
    {
        m_finSentInSynRcvd = true;
    }
    return sent;
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

} // namespace ns3
