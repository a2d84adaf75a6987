/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// TcpLinuxSocketBase: when ACKs leave (quick-ack and ping-pong modes, the ACK
// of the peer's FIN) and the RTT estimate the RTO is taken from.

#include "tcp-linux-rtt-estimator.h"
#include "tcp-linux-socket-base.h"

#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-rx-buffer.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLinuxSocketBaseAcks");

void
TcpLinuxSocketBase::SetRtt(Ptr<RttEstimator> rtt)
{
    if (m_useLinuxRtt)
    {
        rtt = CreateObject<TcpLinuxRttEstimator>();
    }
    m_linuxRtt = DynamicCast<TcpLinuxRttEstimator>(rtt);
    TcpSocketBase::SetRtt(rtt);
}

void
TcpLinuxSocketBase::EstimateRtt(const TcpHeader& tcpHeader)
{
    if (m_linuxRtt)
    {
        // tcp_ack updates SND.UNA before tcp_clean_rtx_queue takes the sample.
        m_linuxRtt->SetConnectionState(tcpHeader.GetAckNumber(), m_tcb->m_highTxMark, m_minRto);
    }
    TcpSocketBase::EstimateRtt(tcpHeader);
}

void
TcpLinuxSocketBase::SetMaxQuickAcks(uint32_t maxQuickAcks)
{
    m_quickAck.SetMaxQuickAcks(maxQuickAcks);
}

uint32_t
TcpLinuxSocketBase::GetMaxQuickAcks() const
{
    return m_quickAck.GetMaxQuickAcks();
}

uint32_t
TcpLinuxSocketBase::GetReceiveWindow() const
{
    const uint32_t size = m_tcb->m_rxBuffer->Size();
    const uint32_t max = m_tcb->m_rxBuffer->MaxBufferSize();
    return size < max ? max - size : 0;
}

void
TcpLinuxSocketBase::ReceivedData(Ptr<Packet> packet, const TcpHeader& tcpHeader)
{
    const SequenceNumber32 rcvNxt = m_tcb->m_rxBuffer->NextRxSequence();
    if (!m_quickAck.IsEnabled() || packet->GetSize() == 0 ||
        tcpHeader.GetSequenceNumber() != rcvNxt ||
        !m_quickAck.DataReceived(packet->GetSize(),
                                 GetReceiveWindow(),
                                 GetPathMss(),
                                 Simulator::Now(),
                                 m_delAckTimeout,
                                 m_rto))
    {
        if (m_quickAck.IsEnabled() && m_delAckCount >= m_delAckMaxCount)
        {
            // TcpSocketBase acknowledges the first data after the handshake
            // at once ("to speed up the connection"); in Linux quick-ack mode
            // decides that (above), and a connection in ping-pong mode - it
            // sent data within ato of the SYN-ACK - delays the ACK.
            m_delAckCount = 0;
        }
        TcpSocketBase::ReceivedData(packet, tcpHeader);
        return;
    }
    // __tcp_ack_snd_check: in quick-ack mode the segment is acknowledged at
    // once (TcpSocketBase does so when its delayed-ACK count is full), in
    // the softirq, before the application reads: the reader is told after
    // the ACK left (TcpSocketBase tells it first, and a reply or a close
    // would carry the ACK).
    NS_LOG_LOGIC(this << " quick ACK (" << m_quickAck.GetQuickAcksLeft() << " left)");
    m_delAckCount = m_delAckMaxCount;
    const bool shutdownRecv = m_shutdownRecv;
    m_shutdownRecv = true;
    TcpSocketBase::ReceivedData(packet, tcpHeader);
    m_shutdownRecv = shutdownRecv;
    if (!m_shutdownRecv && m_tcb->m_rxBuffer->NextRxSequence() > rcvNxt)
    {
        NotifyDataRecv();
    }
}

uint32_t
TcpLinuxSocketBase::SendDataPacket(SequenceNumber32 seq, uint32_t maxSize, bool withAck)
{
    const uint32_t sent = TcpSocketBase::SendDataPacket(seq, maxSize, withAck);
    if (sent > 0)
    {
        m_quickAck.DataSent(Simulator::Now());
    }
    return sent;
}

void
TcpLinuxSocketBase::DelAckTimeout()
{
    m_quickAck.DelayedAckFired();
    TcpSocketBase::DelAckTimeout();
}

void
TcpLinuxSocketBase::AcknowledgePeerFin()
{
    if (m_highTxAck >= m_tcb->m_rxBuffer->NextRxSequence())
    {
        // The application closed at once: its FIN|ACK acknowledged the FIN.
        NS_LOG_LOGIC(this << " the peer's FIN is already acknowledged");
        return;
    }
    if (m_quickAck.IsEnabled())
    {
        // tcp_fin enters ping-pong mode: the ACK waits ato for the FIN|ACK of
        // an application that closes (tcp_send_delayed_ack). A connection that
        // received no data yet (a TFO child: tcp_fastopen_add_skb does not
        // start the delayed-ACK engine) has ato 0: the ACK leaves at the next
        // timer tick, here at once.
        m_quickAck.FinReceived();
        if (m_quickAck.GetAto().IsZero())
        {
            TcpSocketBase::SendEmptyPacket(TcpHeader::ACK);
        }
        else if (m_delAckEvent.IsExpired())
        {
            m_delAckEvent =
                Simulator::Schedule(m_quickAck.GetAto(), &TcpLinuxSocketBase::DelAckTimeout, this);
        }
        return;
    }
    TcpSocketBase::SendEmptyPacket(TcpHeader::ACK);
}

} // namespace ns3
