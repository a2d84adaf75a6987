/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TcpLinuxSocketBase, the receive path: the dispatch on TCP header fields, the
 * SYN-ACK in SYN_SENT, resets (RFC 5961) and challenge ACKs, old ACKs. The
 * configuration, the SYN options and the handshake's sending side are in
 * tcp-linux-socket-base.cc, the listener's side in
 * tcp-linux-socket-base-listen.cc; one class, three files, so that each
 * stays short.
 */

#include "tcp-fast-open-counters.h"
#include "tcp-linux-socket-base.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLinuxSocketBaseReceive");

namespace
{
/// TCP_TIMEOUT_MIN: 2 jiffies, in ms at HZ=1000.
constexpr int64_t kTimeoutMinMs = 2;
} // namespace

// ---------------------------------------------------------------------------
// Receive path
// ---------------------------------------------------------------------------

TcpLinuxSocketBase::FixedHeader
TcpLinuxSocketBase::PeekFixedHeader(Ptr<const Packet> packet)
{
    // RFC 9293 section 3.1: bytes 8-11 the acknowledgment number, the high
    // nibble of byte 12 the data offset in 32-bit words, byte 13 the flags.
    uint8_t raw[20];
    packet->CopyData(raw, sizeof(raw));
    FixedHeader fixed;
    fixed.flags = raw[13] & ~IGNORED_FLAGS;
    fixed.ack = SequenceNumber32((uint32_t(raw[8]) << 24) | (uint32_t(raw[9]) << 16) |
                                 (uint32_t(raw[10]) << 8) | raw[11]);
    fixed.headerLength = uint32_t(raw[12] >> 4) * 4;
    return fixed;
}

void
TcpLinuxSocketBase::DoForwardUp(Ptr<Packet> packet,
                                const Address& fromAddress,
                                const Address& toAddress)
{
    // The whole header (options included) is read only where a decision
    // needs it; the rest goes to TcpSocketBase, which parses it anyway.
    const FixedHeader fixed = PeekFixedHeader(packet);
    const uint8_t flags = fixed.flags;
    TcpHeader tcpHeader;

    // A FIN that may take the socket to CLOSE_WAIT (TcpSocketBase::DoPeerClose),
    // for AcknowledgePeerFin while this segment is processed.
    struct FinGuard
    {
        bool& taking; //!< m_takingFin

        ~FinGuard()
        {
            taking = false;
        }
    } finGuard{m_takingFin};

    m_takingFin = (flags & TcpHeader::FIN) && (m_state == ESTABLISHED || m_state == SYN_RCVD);
    if (packet->GetSize() > fixed.headerLength && m_state != LISTEN)
    {
        m_dataSegsIn++; // tcp_segs_in: every segment with payload, in order or not
    }
    if (m_state == SYN_SENT && (flags & TcpHeader::RST))
    {
        packet->PeekHeader(tcpHeader);
        ProcessResetInSynSent(tcpHeader);
        return;
    }
    if (m_state == SYN_SENT &&
        (flags & (TcpHeader::SYN | TcpHeader::ACK)) == (TcpHeader::SYN | TcpHeader::ACK))
    {
        packet->PeekHeader(tcpHeader);
        ProcessSynAckInSynSent(packet, tcpHeader, fromAddress, toAddress);
        return;
    }
    if (m_state == LISTEN && flags == TcpHeader::SYN)
    {
        switch (m_listenQueues.Admit(GetListenLimits(), GetCounters()))
        {
        case TcpListenQueues::DROP:
            return;
        case TcpListenQueues::COOKIE:
            packet->PeekHeader(tcpHeader);
            SendCookieSynAck(tcpHeader, fromAddress, toAddress);
            return;
        case TcpListenQueues::PROCEED:
            ForwardSynToListener(packet, fromAddress, toAddress);
            return;
        }
    }
    if (m_state == LISTEN && (flags & TcpHeader::ACK) && !(flags & TcpHeader::RST))
    {
        ProcessListenAck(packet, fromAddress, toAddress);
        return;
    }
    if (m_state == SYN_SENT && flags == TcpHeader::SYN)
    {
        packet->PeekHeader(tcpHeader);
        ProcessSynInSynSent(tcpHeader, fromAddress, toAddress);
        return;
    }
    if (m_state == SYN_RCVD && !m_listener)
    {
        packet->PeekHeader(tcpHeader);
        ProcessSimultaneousSynRcvd(tcpHeader, packet->GetSize() - tcpHeader.GetSerializedSize());
        return;
    }
    // A Fast Open child closed by its application in SYN_RCVD is in
    // FIN_WAIT_1 and still a request (tcp_check_req) until an ACK arrives.
    if ((m_state == SYN_RCVD || m_state == FIN_WAIT_1) &&
        ProcessSynRcvd(packet, flags, fromAddress, toAddress))
    {
        return;
    }
    if (IsSynchronizedState() && (flags & TcpHeader::RST))
    {
        packet->PeekHeader(tcpHeader);
        ProcessResetInSynchronizedState(tcpHeader);
        return;
    }
    if (IsSynchronizedState() && (flags & TcpHeader::SYN))
    {
        SendChallengeAck();
        return;
    }
    if ((m_orphaned || m_shutdownRecv) && (flags & TcpHeader::ACK) &&
        packet->GetSize() > fixed.headerLength && IsSynchronizedState())
    {
        packet->PeekHeader(tcpHeader);
        if (AbortOnData(tcpHeader, packet->GetSize() - fixed.headerLength))
        {
            return;
        }
    }
    if (IsSynchronizedState() && (flags & TcpHeader::ACK) &&
        fixed.ack < m_txBuffer->HeadSequence() && packet->GetSize() > fixed.headerLength)
    {
        IgnoreOldAck(packet);
    }
    AckFinBeforeData(fixed, packet->GetSize() - fixed.headerLength);
    const SequenceNumber32 sndUna = m_txBuffer->HeadSequence();
    TcpSocketBase::DoForwardUp(packet, fromAddress, toAddress);
    if (m_txBuffer->HeadSequence() > sndUna)
    {
        // tcp_ack: "We passed data and got it acked, remove any soft error
        // log. Something worked..."
        m_softError = ERROR_NOTERROR;
    }
    if (m_state == LAST_ACK)
    {
        // TcpSocketBase's LAST_ACK timer resends the FIN at the estimate's RTO,
        // beside the retransmission timer that already guards it (SendFin):
        // one timer, with back-off, as in Linux.
        m_lastAckEvent.Cancel();
    }
}

void
TcpLinuxSocketBase::ProcessSynAck(const TcpHeader& tcpHeader)
{
    ProcessOptionMss(tcpHeader);
}

Ptr<Packet>
TcpLinuxSocketBase::TakeSynAckData(Ptr<const Packet> /* packet */,
                                   const TcpHeader& /* tcpHeader */) const
{
    return nullptr;
}

void
TcpLinuxSocketBase::ProcessSynAckInSynSent(Ptr<Packet> packet,
                                           const TcpHeader& tcpHeader,
                                           const Address& fromAddress,
                                           const Address& toAddress)
{
    if (RejectUnacceptableSynAck(tcpHeader, fromAddress, toAddress))
    {
        return;
    }
    // A writer waiting for the connection (sk_write_pending): data written
    // beyond what the SYN carried, counted before ProcessSynAck drops the SYN
    // data the SYN-ACK acknowledged from the send buffer.
    const bool writePending = m_txBuffer->Size() > GetSynSentSndNxt() - m_isn - 1;
    ProcessSynAck(tcpHeader);
    Ptr<Packet> synAckData = TakeSynAckData(packet, tcpHeader);
    // tcp_rcv_synsent_state_process: with data waiting to go out (a writer
    // blocked in connect, or SYN data to resend) Linux "saves one ACK" and
    // lets the first data segment carry it. Data (and a FIN) the SYN-ACK
    // carries are taken before Linux's handshake ACK (tcp_fastopen_add_skb),
    // which acknowledges them: one ACK, sent below (or PeerClose's for a FIN)
    // unless data left first.
    m_saveHandshakeAck = m_txBuffer->Size() > 0 || synAckData;
    const SequenceNumber32 afterHandshake = m_tcb->m_nextTxSequence + 1;
    SynchronizeWithPeerIsn(tcpHeader);
    // tcp_finish_connect (lrcvtime). A writer waiting for the connection
    // also starts quick-ack mode (tcp_rcv_synsent_state_process), before its
    // data leaves; SYN data to resend does not.
    m_quickAck.Connected(Simulator::Now());
    if (writePending)
    {
        m_quickAck.EnterQuickAckMode(GetReceiveWindow(), GetPathMss(), m_delAckTimeout);
    }
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
}

bool
TcpLinuxSocketBase::RejectUnacceptableSynAck(const TcpHeader& tcpHeader,
                                             const Address& fromAddress,
                                             const Address& toAddress)
{
    // tcp_rcv_synsent_state_process: "if (!after(ack, snd_una) || after(ack,
    // snd_nxt)) goto reset_and_undo" - the caller answers with
    // <SEQ=SEG.ACK><CTL=RST> and the socket stays in SYN_SENT. "Previous
    // FIN/ACK or RST/ACK might be ignored": with no retransmission yet, the
    // SYN is retransmitted after TCP_TIMEOUT_MIN.
    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    if (ack > m_isn && ack <= GetSynSentSndNxt())
    {
        return false;
    }
    NS_LOG_LOGIC(this << " SYN-ACK acks " << ack << ", outside (" << m_isn << ", "
                      << GetSynSentSndNxt() << "]: RST, SYN retransmitted");
    SendListenerReset(tcpHeader, fromAddress, toAddress);
    if (m_synsSent == 1)
    {
        m_retxEvent.Cancel();
        m_retxEvent = Simulator::Schedule(MilliSeconds(kTimeoutMinMs),
                                          &TcpLinuxSocketBase::SendEmptyPacket,
                                          this,
                                          SynFlags());
    }
    RejectedSynAck(tcpHeader);
    return true;
}

void
TcpLinuxSocketBase::RejectedSynAck(const TcpHeader& /* tcpHeader */)
{
}

void
TcpLinuxSocketBase::OutOfOrderReset()
{
}

void
TcpLinuxSocketBase::ProcessSynInSynSent(const TcpHeader& tcpHeader,
                                        const Address& fromAddress,
                                        const Address& toAddress)
{
    // tcp_rcv_synsent_state_process: "We see SYN without ACK. It is attempt
    // of simultaneous connect with crossed SYNs": SYN_RECV, the peer's MSS
    // and TS.Recent taken, a SYN-ACK that resends our SYN's sequence number
    // (tcp_send_synack: no data, no Fast Open option), and the SYN's data
    // discarded ("discard packet for sanity": the peer resends it).
    // TcpSocketBase::ProcessSynSent makes the state change and sends the
    // SYN-ACK; it gets the SYN without its data.
    NS_LOG_LOGIC(this << " crossed SYNs: simultaneous open");
    ProcessOptionMss(tcpHeader);
    SynchronizeWithPeerIsn(tcpHeader);
    const Time left = Simulator::GetDelayLeft(m_retxEvent);
    Ptr<Packet> synOnly = Create<Packet>();
    synOnly->AddHeader(tcpHeader);
    TcpSocketBase::DoForwardUp(synOnly, fromAddress, toAddress);
    if (m_state == SYN_RCVD)
    {
        // The SYN's timer goes on, and resends the SYN-ACK (the SYN in the
        // retransmission queue now carries the ACK flag).
        m_retxEvent.Cancel();
        m_retxEvent = Simulator::Schedule(left,
                                          &TcpLinuxSocketBase::SendEmptyPacket,
                                          this,
                                          uint8_t(SynFlags() | TcpHeader::ACK));
    }
}

void
TcpLinuxSocketBase::ProcessSimultaneousSynRcvd(const TcpHeader& tcpHeader, uint32_t payload)
{
    // tcp_validate_incoming and tcp_rcv_state_process (TCP_SYN_RECV) for a
    // socket that connect() opened (sk->sk_socket set).
    const uint8_t flags = tcpHeader.GetFlags() & ~IGNORED_FLAGS;
    if (flags & TcpHeader::RST)
    {
        ProcessResetInSynchronizedState(tcpHeader);
        return;
    }
    if (flags & TcpHeader::SYN)
    {
        if (AcceptableSynAckInSynRcvd(tcpHeader, payload))
        {
            EnterEstablishedFromSimultaneousOpen(tcpHeader);
        }
        else
        {
            SendSynRcvdChallengeAck();
        }
        return;
    }
    if (!(flags & TcpHeader::ACK))
    {
        return; // "if (!th->ack && !th->rst && !th->syn)": dropped
    }
    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    if (ack <= m_isn || ack > GetSynSentSndNxt())
    {
        SendResetForAck(tcpHeader); // tcp_ack refuses it: "send one RST"
        return;
    }
    EnterEstablishedFromSimultaneousOpen(tcpHeader);
}

bool
TcpLinuxSocketBase::AcceptableSynAckInSynRcvd(const TcpHeader& tcpHeader, uint32_t payload) const
{
    // tcp_validate_incoming (RFC 9293 section 3.5, simultaneous connect): a
    // SYN-ACK in SYN_RECV passes only if it carries nothing but the SYN, at
    // RCV.NXT - 1, and acknowledges SND.NXT (our SYN data included); any
    // other SYN draws a challenge ACK.
    return (tcpHeader.GetFlags() & TcpHeader::ACK) && !(tcpHeader.GetFlags() & TcpHeader::FIN) &&
           payload == 0 &&
           tcpHeader.GetSequenceNumber() + SequenceNumber32(1) ==
               m_tcb->m_rxBuffer->NextRxSequence() &&
           tcpHeader.GetAckNumber() == GetSynSentSndNxt();
}

void
TcpLinuxSocketBase::SendSynRcvdChallengeAck()
{
    // tcp_send_challenge_ack: <SEQ=SND.NXT><ACK=RCV.NXT>. In SYN_RCVD
    // TcpSocketBase's next sequence is still the ISN; Linux's SND.NXT is
    // past the SYN and its data.
    const SequenceNumber32 isn = m_tcb->m_nextTxSequence;
    m_tcb->m_nextTxSequence = GetSynSentSndNxt();
    SendChallengeAck();
    m_tcb->m_nextTxSequence = isn;
}

void
TcpLinuxSocketBase::EnterEstablishedFromSimultaneousOpen(const TcpHeader& tcpHeader)
{
    // tcp_rcv_state_process, TCP_SYN_RECV with an acceptable ACK: ESTABLISHED,
    // SND.UNA = SEG.ACK, connect() returns. SYN data the ACK does not cover
    // stays in flight for the retransmission timer (tcp_rearm_rto). The
    // segment is then consumed ("if (sk->sk_socket) goto consume").
    NS_LOG_DEBUG("SYN_RCVD -> ESTABLISHED (simultaneous open)");
    const SequenceNumber32 firstDataSeq = m_isn + 1;
    const SequenceNumber32 sndNxt = GetSynSentSndNxt();
    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    m_txBuffer->SetHeadSequence(firstDataSeq);
    if (sndNxt > firstDataSeq)
    {
        m_txBuffer->CopyFromSequence(sndNxt - firstDataSeq, firstDataSeq);
    }
    m_txBuffer->DiscardUpTo(ack);
    m_tcb->m_nextTxSequence = sndNxt;
    m_tcb->m_highTxMark = sndNxt;
    m_highRxAckMark = ack;
    // A SYN-ACK's window is never scaled (RFC 7323).
    m_rWnd = uint32_t(tcpHeader.GetWindowSize())
             << ((tcpHeader.GetFlags() & TcpHeader::SYN) ? 0 : m_sndWindShift);
    m_congestionControl->CongestionStateSet(m_tcb, TcpSocketState::CA_OPEN);
    m_tcb->m_congState = TcpSocketState::CA_OPEN;
    m_state = ESTABLISHED;
    m_connected = true;
    m_retxEvent.Cancel(); // the SYN-ACK timer
    m_delAckCount = m_delAckMaxCount;
    m_quickAck.Connected(Simulator::Now());
    EstimateRtt(tcpHeader);
    if (m_txBuffer->BytesInFlight() > 0)
    {
        m_retxEvent = Simulator::Schedule(m_rto, &TcpLinuxSocketBase::ReTxTimeout, this);
    }
    UpdatePacingRate();
    Simulator::ScheduleNow(&TcpLinuxSocketBase::ConnectionSucceeded, this);
}

void
TcpLinuxSocketBase::SynchronizeWithPeerIsn(const TcpHeader& synHeader)
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
TcpLinuxSocketBase::QueueSynAckData(Ptr<Packet> data, const TcpHeader& synAckHeader)
{
    TcpHeader dataHeader = synAckHeader;
    dataHeader.SetSequenceNumber(synAckHeader.GetSequenceNumber() + SequenceNumber32(1));
    NS_LOG_LOGIC(this << " " << data->GetSize() << " bytes of SYN-ACK data");
    if (synAckHeader.GetFlags() & TcpHeader::FIN)
    {
        // One ACK for SYN, data and FIN: the one TcpSocketBase sends as the
        // data fill the buffer up to the FIN; DoPeerClose's in CLOSE_WAIT
        // finds the FIN acknowledged (AcknowledgePeerFin).
        m_saveHandshakeAck = false;
        m_takingFin = true;          // DoForwardUp's guard clears it
        PeerClose(data, dataHeader); // takes the data, then the FIN: CLOSE_WAIT
        return;
    }
    if (m_tcb->m_rxBuffer->Add(data, dataHeader))
    {
        NotifyDataRecv(); // the handshake ACK, saved, acknowledges them
    }
}

void
TcpLinuxSocketBase::ProcessResetInSynchronizedState(const TcpHeader& tcpHeader)
{
    // tcp_validate_incoming, RFC 5961 section 3.2: a RST at rcv_nxt resets the
    // connection, one elsewhere in the window gets a challenge ACK, the rest is
    // dropped. (TcpSocketBase answers a RST|ACK in ESTABLISHED with a RST.)
    const SequenceNumber32 seq = tcpHeader.GetSequenceNumber();
    const SequenceNumber32 rcvNxt = m_tcb->m_rxBuffer->NextRxSequence();
    if (seq == rcvNxt)
    {
        NS_LOG_LOGIC(this << " reset by the peer");
        CloseWithError();
    }
    else if (seq > rcvNxt && seq < m_tcb->m_rxBuffer->MaxRxSequence())
    {
        OutOfOrderReset();
        SendChallengeAck();
    }
}

bool
TcpLinuxSocketBase::AbortOnData(const TcpHeader& tcpHeader, uint32_t payload)
{
    const SequenceNumber32 seq = tcpHeader.GetSequenceNumber();
    const SequenceNumber32 rcvNxt = m_tcb->m_rxBuffer->NextRxSequence();
    switch (m_state)
    {
    case CLOSE_WAIT:
    case CLOSING:
    case LAST_ACK:
        if (seq >= rcvNxt)
        {
            return false; // after the peer's FIN: nothing new is taken
        }
        break;
    case FIN_WAIT_1:
    case FIN_WAIT_2:
        break;
    default:
        return false;
    }
    // Only a segment the earlier steps accept gets here in Linux: within the
    // window (tcp_sequence) and acknowledging nothing unsent (tcp_ack). Past
    // CLOSE_WAIT our FIN has left: SND.NXT is one past TcpSocketBase's mark.
    const SequenceNumber32 sndNxt = m_tcb->m_highTxMark + (m_state == CLOSE_WAIT ? 0 : 1);
    if (seq > m_tcb->m_rxBuffer->MaxRxSequence() || tcpHeader.GetAckNumber() > sndNxt)
    {
        return false;
    }
    // end_seq - fin after rcv_nxt: data beyond what was received.
    if (seq + payload <= rcvNxt)
    {
        return false;
    }
    NS_LOG_LOGIC(this << " " << TcpStateName[m_state]
                      << ": data after the receiving side was shut down, reset");
    GetCounters()->Increment(TcpFastOpenCounters::ABORT_ON_DATA);
    SendResetForAck(tcpHeader); // tcp_v4_send_reset: RST at the segment's ACK
    CloseWithError();           // tcp_reset: the connection is gone
    return true;
}

void
TcpLinuxSocketBase::AckFinBeforeData(const FixedHeader& fixed, uint32_t payload)
{
    if (m_state == FIN_WAIT_1 && payload > 0 && (fixed.flags & TcpHeader::ACK) &&
        !(fixed.flags & (TcpHeader::SYN | TcpHeader::RST)) && m_txBuffer->Size() == 0 &&
        fixed.ack == m_tcb->m_highTxMark + 1)
    {
        NS_LOG_LOGIC(this << " our FIN acknowledged with data: FIN_WAIT_2 first");
        m_state = FIN_WAIT_2;
    }
}

void
TcpLinuxSocketBase::ProcessResetInSynSent(const TcpHeader& tcpHeader)
{
    // tcp_rcv_synsent_state_process: a RST counts only with an acceptable ACK
    // (SND.UNA < SEG.ACK <= SND.NXT, SND.NXT past any SYN data); the
    // connection is refused. A RST without ACK, or with another ACK, is
    // dropped. (TcpSocketBase ignores every segment with ACK and without SYN
    // in SYN_SENT, so a middlebox's RST|ACK to SYN data went unnoticed.)
    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    if (!(tcpHeader.GetFlags() & TcpHeader::ACK) || ack <= m_isn || ack > GetSynSentSndNxt())
    {
        NS_LOG_LOGIC(this << " RST in SYN_SENT without an acceptable ACK: dropped");
        return;
    }
    NS_LOG_LOGIC(this << " connection refused by RST");
    CloseWithError();
}

void
TcpLinuxSocketBase::IgnoreOldAck(Ptr<Packet> packet)
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
TcpLinuxSocketBase::IsSynchronizedState() const
{
    return m_state == ESTABLISHED || m_state == CLOSE_WAIT || m_state == FIN_WAIT_1 ||
           m_state == FIN_WAIT_2;
}

void
TcpLinuxSocketBase::SendChallengeAck()
{
    // tcp_validate_incoming: a SYN in a synchronized state (e.g. a SYN-ACK
    // retransmitted because our ACK was lost) is answered with an ACK
    // ("syn_challenge"). TcpSocketBase ignores it, which leaves a peer whose
    // handshake ACK was lost in SYN_RCVD.
    NS_LOG_LOGIC(this << " SYN in a synchronized state: challenge ACK");
    SendEmptyPacket(TcpHeader::ACK);
}

} // namespace ns3
