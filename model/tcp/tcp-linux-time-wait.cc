/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-linux-time-wait.h"

#include "tcp-fast-open-counters.h"
#include "tcp-linux-socket-base.h"
#include "tcp-linux-time-wait-table.h"

#include "ns3/ipv4-end-point.h"
#include "ns3/ipv6-end-point.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-ts.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLinuxTimeWait");

std::optional<SequenceNumber32> TcpLinuxTimeWait::s_synIsn;

namespace
{
/// TCP_PAWS_MSL: a RST within this time of ts_recent is never PAWS-rejected.
const Time kPawsMsl = Seconds(60);
/// TCP_PAWS_WRAP: a ts_recent older than this no longer rejects anything.
const Time kPawsWrap = Seconds(INT32_MAX / 1000);
/// tw_kill: a TIME_WAIT scheduled this short counts as TWKilled, not TW.
const Time kKillThreshold = Seconds(4);

/// \return a segment's sequence space: its payload, SYN and FIN
uint32_t
SequenceSpace(const TcpHeader& header, uint32_t payload)
{
    const uint8_t flags = header.GetFlags();
    return payload + ((flags & TcpHeader::SYN) ? 1 : 0) + ((flags & TcpHeader::FIN) ? 1 : 0);
}
} // namespace

TcpLinuxTimeWait::TcpLinuxTimeWait(Ptr<TcpL4Protocol> tcp,
                                   Ptr<NetDevice> device,
                                   const Connection& connection,
                                   Ptr<TcpLinuxTimeWaitTable> table,
                                   Ptr<TcpFastOpenCounters> counters)
    : m_tcp(tcp),
      m_device(device),
      m_connection(connection),
      m_table(table),
      m_counters(counters)
{
}

void
TcpLinuxTimeWait::Start(Ptr<TcpL4Protocol> tcp,
                        Ipv4EndPoint* endPoint,
                        Ipv6EndPoint* endPoint6,
                        Ptr<NetDevice> device,
                        const Connection& connection,
                        Time remaining,
                        Ptr<TcpLinuxTimeWaitTable> table,
                        Ptr<TcpFastOpenCounters> counters)
{
    Ptr<TcpLinuxTimeWait> tw = Create<TcpLinuxTimeWait>(tcp, device, connection, table, counters);
    NS_LOG_FUNCTION(tw << connection.sndNxt << connection.rcvNxt << remaining);
    Callback<void> destroyed = MakeCallback(&TcpLinuxTimeWait::EndPointDestroyed, PeekPointer(tw));
    if (endPoint)
    {
        tw->m_endPoint = endPoint;
        endPoint->SetRxCallback(
            MakeCallback(&TcpLinuxTimeWait::ForwardUp<Ipv4Header, Ipv4Interface>, tw));
        endPoint->SetIcmpCallback(
            MakeNullCallback<void, Ipv4Address, uint8_t, uint8_t, uint8_t, uint32_t>());
        endPoint->SetDestroyCallback(destroyed);
    }
    else
    {
        NS_ASSERT(endPoint6);
        tw->m_endPoint6 = endPoint6;
        endPoint6->SetRxCallback(
            MakeCallback(&TcpLinuxTimeWait::ForwardUp<Ipv6Header, Ipv6Interface>, tw));
        endPoint6->SetIcmpCallback(
            MakeNullCallback<void, Ipv6Address, uint8_t, uint8_t, uint8_t, uint32_t>());
        endPoint6->SetDestroyCallback(destroyed);
    }
    table->Add();
    tw->Reschedule(remaining);
}

std::optional<SequenceNumber32>
TcpLinuxTimeWait::TakeSynIsn()
{
    std::optional<SequenceNumber32> isn = s_synIsn;
    s_synIsn.reset();
    return isn;
}

const TcpLinuxTimeWait::Connection&
TcpLinuxTimeWait::GetConnection() const
{
    return m_connection;
}

TcpLinuxTimeWait::Verdict
TcpLinuxTimeWait::Process(const TcpHeader& header, uint32_t payload)
{
    const uint8_t flags = header.GetFlags();
    const bool rst = flags & TcpHeader::RST;
    const bool syn = flags & TcpHeader::SYN;
    const bool ack = flags & TcpHeader::ACK;
    const uint32_t length = SequenceSpace(header, payload);
    const SequenceNumber32 seq = header.GetSequenceNumber();
    const Time now = Simulator::Now();

    // tcp_paws_reject with ts_recent from the connection (PAWS window 0).
    bool sawTimestamp = false;
    uint32_t tsVal = 0;
    bool pawsReject = false;
    if (m_connection.timestamps && header.HasOption(TcpOption::TS))
    {
        sawTimestamp = true;
        tsVal = DynamicCast<const TcpOptionTS>(header.GetOption(TcpOption::TS))->GetTimestamp();
        const bool pawsOk = static_cast<int32_t>(m_connection.tsRecent - tsVal) <= 0 ||
                            now >= m_connection.tsRecentStamp + kPawsWrap ||
                            m_connection.tsRecent == 0;
        pawsReject = !pawsOk && !(rst && now <= m_connection.tsRecentStamp + kPawsMsl);
    }

    if (m_connection.finWait2)
    {
        return ProcessFinWait2(header, length, pawsReject, tsVal, sawTimestamp);
    }

    // In window: only a RST or a bare ACK can be (RFC 1337 is off: a RST
    // ends TIME_WAIT, the "TIME_WAIT assassination").
    if (!pawsReject && seq == m_connection.rcvNxt && (length == 0 || rst))
    {
        if (rst)
        {
            Kill();
            return TW_SUCCESS;
        }
        Reschedule(m_connection.length);
        if (sawTimestamp)
        {
            m_connection.tsRecent = tsVal;
            m_connection.tsRecentStamp = now;
        }
        return TW_SUCCESS;
    }
    // RFC 1122 4.2.2.13: a SYN may reopen the connection if it is not an old
    // duplicate: its sequence number or timestamp is newer.
    if (syn && !rst && !ack && !pawsReject &&
        (seq > m_connection.rcvNxt ||
         (sawTimestamp && static_cast<int32_t>(m_connection.tsRecent - tsVal) < 0)))
    {
        return TW_SYN;
    }
    if (pawsReject)
    {
        m_counters->Increment(TcpFastOpenCounters::PAWS_ESTAB);
    }
    if (rst)
    {
        return TW_SUCCESS;
    }
    // Out of window: acknowledged, and the timer restarts, unless it is an
    // ACK-less SYN (an old duplicate or a new SYN below rcv_nxt).
    if (pawsReject || ack)
    {
        Reschedule(m_connection.length);
    }
    return CheckOowRateLimit(header, length, TcpFastOpenCounters::ACK_SKIPPED_TIME_WAIT);
}

TcpLinuxTimeWait::Verdict
TcpLinuxTimeWait::ProcessFinWait2(const TcpHeader& header,
                                  uint32_t length,
                                  bool pawsReject,
                                  uint32_t tsVal,
                                  bool sawTimestamp)
{
    const uint8_t flags = header.GetFlags();
    const SequenceNumber32 seq = header.GetSequenceNumber();
    const SequenceNumber32 endSeq = seq + length;
    const SequenceNumber32 rcvNxt = m_connection.rcvNxt;
    // tcp_in_window(seq, end_seq, rcv_nxt, rcv_nxt + rcv_wnd)
    const SequenceNumber32 windowEnd = rcvNxt + m_connection.rcvWnd;
    const bool inWindow = seq == rcvNxt || (endSeq > rcvNxt && seq < windowEnd) ||
                          (seq == windowEnd && seq == endSeq);
    if (pawsReject || !inWindow)
    {
        return CheckOowRateLimit(header, length, TcpFastOpenCounters::ACK_SKIPPED_FIN_WAIT2);
    }
    if (flags & TcpHeader::RST)
    {
        Kill();
        return TW_SUCCESS;
    }
    if ((flags & TcpHeader::SYN) && seq >= rcvNxt)
    {
        return TW_RST;
    }
    // A duplicate ACK, or nothing new: dropped.
    if (!(flags & TcpHeader::ACK) || endSeq <= rcvNxt || endSeq == seq)
    {
        return TW_SUCCESS;
    }
    // New data after the application closed: reset. Only the FIN may come.
    if (!(flags & TcpHeader::FIN) || endSeq != rcvNxt + 1)
    {
        return TW_RST;
    }
    m_connection.finWait2 = false; // TIME_WAIT proper
    m_connection.rcvNxt = endSeq;
    if (sawTimestamp)
    {
        m_connection.tsRecent = tsVal;
        m_connection.tsRecentStamp = Simulator::Now();
    }
    Reschedule(m_connection.length);
    return TW_ACK;
}

TcpLinuxTimeWait::Verdict
TcpLinuxTimeWait::CheckOowRateLimit(const TcpHeader& header,
                                    uint32_t length,
                                    TcpFastOpenCounters::Counter skipped)
{
    // tcp_oow_rate_limited: data (or a FIN) without SYN is not part of an ACK loop.
    if (length > 0 && !(header.GetFlags() & TcpHeader::SYN))
    {
        return TW_ACK;
    }
    const Time now = Simulator::Now();
    if (m_lastOowAck != Time::Max() && now - m_lastOowAck < m_connection.invalidRateLimit)
    {
        m_counters->Increment(skipped);
        return TW_SUCCESS;
    }
    m_lastOowAck = now;
    return TW_ACK;
}

bool
TcpLinuxTimeWait::Receive(Ptr<Packet> packet)
{
    TcpHeader header;
    packet->PeekHeader(header);
    const uint32_t payload = packet->GetSize() - header.GetSerializedSize();
    switch (Process(header, payload))
    {
    case TW_SUCCESS:
        return false;
    case TW_ACK:
        SendAck();
        return false;
    case TW_SYN:
        return true;
    case TW_RST:
        SendReset(header, SequenceSpace(header, payload));
        Kill();
        return false;
    }
    return false;
}

template <typename IpHeader, typename Interface>
void
TcpLinuxTimeWait::HandOverSyn(Ptr<Packet> packet,
                              const IpHeader& header,
                              Ptr<Interface> incomingInterface)
{
    // tcp_v4_rcv / tcp_v6_rcv, TCP_TW_SYN: TIME_WAIT ends and the listener
    // takes the SYN, with an ISN past anything this connection sent.
    SequenceNumber32 isn = m_connection.sndNxt + 65535 + 2;
    if (isn == SequenceNumber32(0))
    {
        isn = SequenceNumber32(1);
    }
    Kill();
    s_synIsn = isn;
    m_tcp->Receive(packet, header, incomingInterface);
    s_synIsn.reset();
}

template <typename IpHeader, typename Interface>
void
TcpLinuxTimeWait::ForwardUp(Ptr<Packet> packet,
                            IpHeader header,
                            uint16_t /* port */,
                            Ptr<Interface> incomingInterface)
{
    Ptr<TcpLinuxTimeWait> self = this; // the endpoint's callback may go below
    if (Receive(packet))
    {
        HandOverSyn(packet, header, incomingInterface);
    }
}

void
TcpLinuxTimeWait::SendAck()
{
    TcpHeader header;
    header.SetFlags(TcpHeader::ACK);
    header.SetSequenceNumber(m_connection.sndNxt);
    header.SetAckNumber(m_connection.rcvNxt);
    header.SetWindowSize(m_connection.window);
    if (m_connection.timestamps)
    {
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(TcpOptionTS::NowToTsValue());
        ts->SetEcho(m_connection.tsRecent);
        header.AppendOption(ts);
    }
    Send(header);
}

void
TcpLinuxTimeWait::SendReset(const TcpHeader& segment, uint32_t length)
{
    TcpHeader header = TcpLinuxSocketBase::ResetFor(segment, length);
    Send(header);
}

void
TcpLinuxTimeWait::Send(TcpHeader& header)
{
    if (m_endPoint)
    {
        header.SetSourcePort(m_endPoint->GetLocalPort());
        header.SetDestinationPort(m_endPoint->GetPeerPort());
        m_tcp->SendPacket(Create<Packet>(),
                          header,
                          m_endPoint->GetLocalAddress(),
                          m_endPoint->GetPeerAddress(),
                          m_device);
    }
    else if (m_endPoint6)
    {
        header.SetSourcePort(m_endPoint6->GetLocalPort());
        header.SetDestinationPort(m_endPoint6->GetPeerPort());
        m_tcp->SendPacket(Create<Packet>(),
                          header,
                          m_endPoint6->GetLocalAddress(),
                          m_endPoint6->GetPeerAddress(),
                          m_device);
    }
}

void
TcpLinuxTimeWait::Reschedule(Time delay)
{
    m_timer.Cancel();
    m_timer = Simulator::Schedule(delay, &TcpLinuxTimeWait::Expire, this);
    m_killed = delay <= kKillThreshold;
}

void
TcpLinuxTimeWait::Expire()
{
    Ptr<TcpLinuxTimeWait> self = this;
    NS_LOG_FUNCTION(this);
    m_counters->Increment(m_killed ? TcpFastOpenCounters::TW_KILLED : TcpFastOpenCounters::TW);
    Release();
}

void
TcpLinuxTimeWait::Kill()
{
    NS_LOG_FUNCTION(this);
    m_timer.Cancel();
    Release();
}

void
TcpLinuxTimeWait::Release()
{
    m_table->Remove();
    if (m_endPoint)
    {
        Ipv4EndPoint* endPoint = m_endPoint;
        m_endPoint = nullptr;
        endPoint->SetDestroyCallback(MakeNullCallback<void>());
        m_tcp->DeAllocate(endPoint);
    }
    if (m_endPoint6)
    {
        Ipv6EndPoint* endPoint = m_endPoint6;
        m_endPoint6 = nullptr;
        endPoint->SetDestroyCallback(MakeNullCallback<void>());
        m_tcp->DeAllocate(endPoint);
    }
}

void
TcpLinuxTimeWait::EndPointDestroyed()
{
    m_endPoint = nullptr;
    m_endPoint6 = nullptr;
    m_timer.Cancel();
    m_table->Remove();
}

} // namespace ns3
