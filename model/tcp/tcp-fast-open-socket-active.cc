/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TcpFastOpenSocket, the client's side (active open): what the SYN carries,
 * the SYN-ACK, timeouts and blackholes. The configuration and the APIs are
 * in tcp-fast-open-socket.cc, the server's side in
 * tcp-fast-open-socket-passive.cc; one class, three files, so that each
 * stays short.
 */

#include "tcp-fast-open-active-rules.h"
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

// ---------------------------------------------------------------------------
// Client: the SYN
// ---------------------------------------------------------------------------

uint8_t
TcpFastOpenSocket::ConsultCookieCheck(std::optional<TcpFastOpenCookieCache::Entry>& entry,
                                      bool report)
{
    // tcp_fastopen_cache_get, tcp_fastopen_active_should_disable, then
    // tcp_fastopen_cookie_check's decision; for the SYN and for
    // tcp_fastopen_defer_connect alike.
    auto [local, remote] = GetAddressPair();
    entry = GetCookieCache()->Lookup(local, remote);
    TcpFastOpenActiveRules::CookieCheckInput input;
    input.hasCookie = entry && !entry->cookie.IsEmpty();
    input.synLoss = entry ? entry->synLoss : 0;
    input.lastSynLoss = entry ? entry->lastSynLoss : Time();
    input.negativeCaching = m_negativeCaching;
    bool blackholeCheck = false;
    input.paused = GetBlackholeDetector()->ShouldDisable(blackholeCheck);
    input.noCookie = NoCookie(CLIENT_NO_COOKIE);
    input.now = Simulator::Now();
    const TcpFastOpenActiveRules::CookieCheck check = GetActiveRules()->CheckCookie(input);
    if (check != TcpFastOpenActiveRules::PLAIN_NEGATIVE_CACHED)
    {
        m_blackholeCheck = blackholeCheck; // the pause was consulted
    }
    if (report && check == TcpFastOpenActiveRules::PLAIN_NEGATIVE_CACHED)
    {
        NotifyFastOpenEvent(NEGATIVE_CACHED, 0, TcpFastOpenCookie());
    }
    else if (report && check == TcpFastOpenActiveRules::PLAIN_PAUSED)
    {
        NotifyFastOpenEvent(ACTIVE_PAUSED, 0, TcpFastOpenCookie());
    }
    return check;
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
    const auto check =
        static_cast<TcpFastOpenActiveRules::CookieCheck>(ConsultCookieCheck(entry, true));
    const TcpFastOpenActiveRules::SynPlan plan =
        GetActiveRules()->SendSynData(check,
                                      entry ? entry->mss : 0,
                                      GetPathMss(),
                                      m_synPendingData ? m_synPendingData->GetSize() : 0);
    m_synDataLen = plan.dataLen;
    if (check == TcpFastOpenActiveRules::REQUEST)
    {
        m_clientFail = TFO_COOKIE_UNAVAILABLE;
    }
    if (plan.option)
    {
        m_synOption = TcpFastOpenOptionValue{entry ? entry->OptionForm(m_optionForm) : m_optionForm,
                                             plan.request,
                                             plan.request ? TcpFastOpenCookie() : entry->cookie};
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
    const SequenceNumber32 firstDataSeq = m_isn + 1;
    TcpFastOpenActiveRules::SynAckInput input;
    input.optionSent = m_synOption.has_value();
    input.sentForm = m_synOption ? m_synOption->form : m_optionForm;
    input.received = TcpOptionFastOpen::Find(tcpHeader);
    input.synRetransmitted = m_synRetransmitted;
    input.synDataLen = m_synDataLen;
    input.acked = tcpHeader.GetAckNumber() - firstDataSeq;
    const uint32_t acked = input.acked;
    m_timeouts = 0; // the SYN is acknowledged: icsk_retransmits starts over

    const TcpFastOpenActiveRules::SynAckResult result = GetActiveRules()->RcvFastOpenSynAck(input);
    auto [local, remote] = GetAddressPair();
    const TcpFastOpenCookie* cookie = result.cookieReceived ? &input.received->cookie : nullptr;
    GetCookieCache()->Update(local,
                             remote,
                             peerMss,
                             cookie,
                             cookie && input.received->form == TcpOptionFastOpen::EXPERIMENTAL,
                             result.synDrop,
                             result.tryExp);
    if (cookie)
    {
        NotifyFastOpenEvent(COOKIE_RECEIVED, 0, *cookie);
    }

    if (m_synDataLen > 0)
    {
        if (result.dataUnacked)
        {
            m_clientFail = result.fail;
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
    // data (or a FIN alone) that came with the SYN-ACK, unless its own SYN
    // data must be resent.
    const uint32_t payload = packet->GetSize() - tcpHeader.GetSerializedSize();
    if (!GetActiveRules()->AddSynAckPayload(m_flags.Tried(),
                                            m_clientFail == TFO_DATA_NOT_ACKED ||
                                                m_clientFail == TFO_SYN_RETRANSMITTED,
                                            payload,
                                            tcpHeader.GetFlags() & TcpHeader::FIN))
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

void
TcpFastOpenSocket::DetectBlackholeOnTimeout(bool expired)
{
    if (!GetActiveRules()->DetectBlackhole(m_flags.Tried() || m_flags.synDataAcked,
                                           m_timeouts,
                                           expired))
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
    if (GetActiveRules()->OutOfOrderResetDisables(m_flags.synFastOpen,
                                                  GetDataSegmentsIn(),
                                                  m_state == ESTABLISHED))
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
    switch (GetActiveRules()->DisableOfoCheck(GetDataSegmentsIn(),
                                              m_tcb->m_rxBuffer->GotFin() &&
                                                  !m_tcb->m_rxBuffer->Finished(),
                                              m_blackholeCheck))
    {
    case TcpFastOpenActiveRules::OFO_DISABLE:
        DisableActiveFastOpen(0);
        break;
    case TcpFastOpenActiveRules::OFO_HEALTHY:
        GetBlackholeDetector()->ReportHealthy();
        break;
    case TcpFastOpenActiveRules::OFO_NOTHING:
        break;
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
