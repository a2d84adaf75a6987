/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TcpFastOpenSocket, the client's side (active open): what the SYN carries,
 * the SYN-ACK, timeouts and blackholes. The configuration and the APIs are
 * in tcp-fast-open-socket.cc, the server's side in
 * tcp-fast-open-socket-passive.cc; one class, three files, so that each
 * stays short.
 */

#include "tcp-fast-open-blackhole-detector.h"
#include "tcp-fast-open-cookie-cache.h"
#include "tcp-fast-open-counters.h"
#include "tcp-fast-open-socket.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-tx-buffer.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenSocketActive");

namespace
{
/// MAX_TCP_OPTION_SPACE: SYN data leaves room for the largest option block.
constexpr uint32_t kMaxTcpOptionSpace = 40;
} // namespace

// ---------------------------------------------------------------------------
// Client: the SYN
// ---------------------------------------------------------------------------

TcpFastOpenSocket::CookieCheck
TcpFastOpenSocket::CheckCookie(std::optional<TcpFastOpenCookieCache::Entry>& entry, bool report)
{
    // tcp_fastopen_cookie_check (with tcp_fastopen_cache_get): the one place
    // that decides what a Fast Open SYN may carry, for the SYN and for
    // tcp_fastopen_defer_connect alike.
    auto [local, remote] = GetAddressPair();
    entry = GetCookieCache()->Lookup(local, remote);
    // Recurring SYN-data losses (Linux <= 4.14) and the blackhole pause send a
    // plain SYN (cookie->len = -1: no option, no data).
    if (entry && NegativeCacheBlocks(entry->synLoss, entry->lastSynLoss))
    {
        if (report)
        {
            NotifyFastOpenEvent(NEGATIVE_CACHED, 0, TcpFastOpenCookie());
        }
        return COOKIE_CHECK_PLAIN;
    }
    if (GetBlackholeDetector()->ShouldDisable(m_blackholeCheck))
    {
        if (report)
        {
            NotifyFastOpenEvent(ACTIVE_PAUSED, 0, TcpFastOpenCookie());
        }
        return COOKIE_CHECK_PLAIN;
    }
    if (NoCookie(CLIENT_NO_COOKIE))
    {
        return COOKIE_CHECK_NO_COOKIE;
    }
    if (entry && !entry->cookie.IsEmpty())
    {
        return COOKIE_CHECK_COOKIE;
    }
    return COOKIE_CHECK_REQUEST;
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
    std::optional<TcpFastOpenCookieCache::Entry> entry;
    const CookieCheck check = CheckCookie(entry, true);
    if (check == COOKIE_CHECK_PLAIN)
    {
        return;
    }

    // tcp_send_syn_data: SYN data space = cached MSS (bounded by the path MSS)
    // minus the maximum option space.
    const uint32_t pathMss = GetPathMss();
    const uint32_t mss =
        (entry && entry->mss > 0) ? std::min<uint32_t>(entry->mss, pathMss) : pathMss;
    const uint32_t space = mss > kMaxTcpOptionSpace ? mss - kMaxTcpOptionSpace : 0;
    const uint32_t pending = m_synPendingData ? m_synPendingData->GetSize() : 0;

    switch (check)
    {
    case COOKIE_CHECK_NO_COOKIE:
        m_synDataLen = std::min(space, pending); // data, no option
        return;
    case COOKIE_CHECK_COOKIE:
        m_synOption = TcpFastOpenOptionValue{entry->OptionForm(m_optionForm), false, entry->cookie};
        m_synDataLen = std::min(space, pending);
        return;
    default:
        // No cookie: a regular SYN with a cookie request; the data waits.
        m_clientFail = TFO_COOKIE_UNAVAILABLE;
        m_synOption = TcpFastOpenOptionValue{entry ? entry->OptionForm(m_optionForm) : m_optionForm,
                                             true,
                                             TcpFastOpenCookie()};
        return;
    }
}

bool
TcpFastOpenSocket::DeferSyn()
{
    if (!DeferConnect() || m_synDeferred || m_deferredNotified)
    {
        return false;
    }
    // TCP_FASTOPEN_CONNECT with a cookie: connect() succeeds now, the SYN
    // waits for the first write.
    m_synDeferred = true;
    Simulator::ScheduleNow(&TcpFastOpenSocket::NotifyDeferredConnectSucceeded, this);
    return true;
}

void
TcpFastOpenSocket::SynTimedOut()
{
    // tcp_retransmit_timer -> tcp_write_timeout: the SYN timed out.
    DetectBlackholeOnTimeout(m_synCount == 0);
    m_timeouts++;
}

void
TcpFastOpenSocket::TransmitHandshake(uint8_t flags, bool firstTransmission)
{
    if (flags & TcpHeader::ACK)
    {
        TransmitFastOpenSynAck(flags, firstTransmission);
    }
    else
    {
        TransmitFastOpenSyn(flags, firstTransmission);
    }
}

void
TcpFastOpenSocket::TransmitFastOpenSyn(uint8_t flags, bool firstTransmission)
{
    Ptr<Packet> p;
    if (firstTransmission)
    {
        PrepareFastOpenSyn();
        m_flags.synFastOpen = m_synOption.has_value();
        m_flags.synData = m_synDataLen > 0;
        p = m_flags.synData ? m_synPendingData->CreateFragment(0, m_synDataLen) : Create<Packet>();
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

    if (firstTransmission && m_synOption && m_synOption->isRequest)
    {
        NotifyFastOpenEvent(COOKIE_REQUESTED, 0, TcpFastOpenCookie());
    }
    if (firstTransmission && m_flags.synData)
    {
        NotifyFastOpenEvent(SYN_DATA_SENT,
                            m_synDataLen,
                            m_synOption ? m_synOption->cookie : TcpFastOpenCookie());
    }
}

void
TcpFastOpenSocket::TransmitSynSegment(Ptr<Packet> p,
                                      uint8_t flags,
                                      const std::optional<TcpFastOpenOptionValue>& option,
                                      bool retransmission)
{
    TcpHeader header = MakeSynHeader(flags);
    if (option)
    {
        const bool fits = TcpOptionFastOpen::AppendTo(header, option->form, option->cookie);
        NS_ABORT_MSG_UNLESS(fits, "Fast Open option does not fit in the option space");
    }
    SendSynSegment(p, header, retransmission);
}

SequenceNumber32
TcpFastOpenSocket::GetSynSentSndNxt() const
{
    return m_isn + SequenceNumber32(1 + m_synDataLen);
}

bool
TcpFastOpenSocket::IsAnnounced() const
{
    return m_deferredNotified || m_fastOpenChild;
}

void
TcpFastOpenSocket::ProcessSynAck(const TcpHeader& tcpHeader)
{
    ProcessFastOpenSynAck(tcpHeader, ProcessOptionMss(tcpHeader));
}

void
TcpFastOpenSocket::ProcessFastOpenSynAck(const TcpHeader& tcpHeader, uint16_t peerMss)
{
    NS_LOG_FUNCTION(this << tcpHeader);
    if (!m_flags.Tried())
    {
        return; // tcp_rcv_fastopen_synack runs only for syn_fastopen || syn_data
    }

    // TcpLinuxSocketBase::RejectUnacceptableSynAck let only ACKs in
    // (ISN, SND.NXT] through.
    const SequenceNumber32 ack = tcpHeader.GetAckNumber();
    const SequenceNumber32 firstDataSeq = m_isn + 1;
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
            m_flags.synDataAcked = true;
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

Ptr<Packet>
TcpFastOpenSocket::TakeSynAckData(Ptr<const Packet> packet, const TcpHeader& tcpHeader) const
{
    // tcp_rcv_fastopen_synack -> tcp_fastopen_add_skb: a Fast Open client keeps
    // data that came with the SYN-ACK, unless its own SYN data must be resent.
    if (!m_flags.Tried() || m_clientFail == TFO_DATA_NOT_ACKED ||
        m_clientFail == TFO_SYN_RETRANSMITTED || packet->GetSize() <= tcpHeader.GetSerializedSize())
    {
        return nullptr;
    }
    Ptr<Packet> data = packet->Copy();
    TcpHeader header;
    data->RemoveHeader(header);
    return data;
}

// ---------------------------------------------------------------------------
// Client: timeouts and blackholes
// ---------------------------------------------------------------------------

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
    if (!(m_flags.Tried() || m_flags.synDataAcked) ||
        !(m_timeouts == 2 || (m_timeouts < 2 && expired)))
    {
        return;
    }
    GetCounters()->Increment(TcpFastOpenCounters::TFO_ACTIVE_FAIL);
    DisableActiveFastOpen(m_synDataLen);
}

void
TcpFastOpenSocket::RejectedSynAck(const TcpHeader& tcpHeader)
{
    // Only an ACK beyond SND.NXT acknowledges data never sent; one at or below
    // the ISN is merely unacceptable.
    if (tcpHeader.GetAckNumber() > GetSynSentSndNxt())
    {
        NotifyFastOpenEvent(SYN_ACK_OVER_ACKED, m_synDataLen, TcpFastOpenCookie());
    }
}

void
TcpFastOpenSocket::OutOfOrderReset()
{
    // tcp_validate_incoming: an in-window RST not at RCV.NXT on an active TFO
    // connection that has received no data ("a middlebox may be resetting
    // the connection") pauses active TFO.
    if (m_flags.synFastOpen && GetDataSegmentsIn() == 0 && m_state == ESTABLISHED)
    {
        DisableActiveFastOpen(0);
    }
}

void
TcpFastOpenSocket::DisableActiveFastOpen(uint32_t bytes)
{
    NotifyFastOpenEvent(BLACKHOLE_DETECTED, bytes, TcpFastOpenCookie());
    if (GetBlackholeDetector()->Disable())
    {
        GetCounters()->Increment(TcpFastOpenCounters::TFO_BLACKHOLE);
    }
}

void
TcpFastOpenSocket::StateChanged(TcpStates_t /* oldState */, TcpStates_t newState)
{
    // tcp_v4_destroy_sock: the connection is over however it ended (a reset,
    // a timeout, TIME_WAIT).
    if (newState == CLOSED || newState == TIME_WAIT)
    {
        CheckBlackholeAtClose();
    }
}

void
TcpFastOpenSocket::CheckBlackholeAtClose()
{
    // tcp_fastopen_active_disable_ofo_check, once per connection.
    if (!m_flags.synFastOpen || m_ofoChecked)
    {
        return; // only connections that sent the option (tp->syn_fastopen)
    }
    m_ofoChecked = true;
    if (GetDataSegmentsIn() == 0)
    {
        // The only out-of-order segment is a FIN (without data, since no data
        // segment arrived): data after the TFO handshake was dropped on the path.
        if (m_tcb->m_rxBuffer->GotFin() && !m_tcb->m_rxBuffer->Finished())
        {
            DisableActiveFastOpen(0);
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
    TcpLinuxSocketBase::ReTxTimeout();
    if (m_endPoint == nullptr && m_endPoint6 == nullptr)
    {
        // tcp_write_err -> tcp_done: the connection timed out (TcpSocketBase
        // leaves its state as it was).
        CheckBlackholeAtClose();
    }
}

void
TcpFastOpenSocket::NewAck(const SequenceNumber32& seq, bool resetRTO)
{
    m_timeouts = 0; // forward progress
    TcpSocketBase::NewAck(seq, resetRTO);
}

} // namespace ns3
