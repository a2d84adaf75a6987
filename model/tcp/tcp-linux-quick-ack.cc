/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-linux-quick-ack.h"

#include <algorithm>

namespace ns3
{

namespace
{
/// TCP_MSS_DEFAULT: the rcv_mss guess before any segment was measured.
constexpr uint32_t kMssDefault = 536;
} // namespace

void
TcpLinuxQuickAck::SetMaxQuickAcks(uint32_t maxQuickAcks)
{
    m_maxQuickAcks = maxQuickAcks;
}

bool
TcpLinuxQuickAck::IsEnabled() const
{
    return m_maxQuickAcks > 0;
}

uint32_t
TcpLinuxQuickAck::GetMaxQuickAcks() const
{
    return m_maxQuickAcks;
}

void
TcpLinuxQuickAck::Connected(Time now)
{
    m_lastReceived = now;
}

void
TcpLinuxQuickAck::IncrementQuickAcks(uint32_t rcvWnd)
{
    uint32_t quickAcks = rcvWnd / (2 * m_rcvMss);
    if (quickAcks == 0)
    {
        quickAcks = 2;
    }
    m_quick = std::max(m_quick, std::min(quickAcks, m_maxQuickAcks));
}

void
TcpLinuxQuickAck::EnterQuickAckMode(uint32_t rcvWnd, uint32_t advMss, Time ato)
{
    if (m_rcvMss == 0)
    {
        m_rcvMss = std::min(advMss, kMssDefault); // tcp_initialize_rcv_mss
    }
    IncrementQuickAcks(rcvWnd);
    m_pingPong = false;
    m_ato = ato;
}

bool
TcpLinuxQuickAck::DataReceived(uint32_t payload,
                               uint32_t rcvWnd,
                               uint32_t advMss,
                               Time now,
                               Time ato,
                               Time rto)
{
    if (m_rcvMss == 0)
    {
        m_rcvMss = std::min(advMss, kMssDefault); // tcp_initialize_rcv_mss
    }
    if (payload >= m_rcvMss)
    {
        m_rcvMss = std::min(payload, advMss); // tcp_measure_rcv_mss
    }
    if (m_ato.IsZero())
    {
        // The first data segment starts the delayed-ACK engine.
        IncrementQuickAcks(rcvWnd);
        m_ato = ato;
    }
    else if (now - m_lastReceived > rto)
    {
        // The sender was idle for longer than an RTO: ACK quickly again.
        IncrementQuickAcks(rcvWnd);
    }
    m_lastReceived = now;
    if (m_quick == 0 || m_pingPong)
    {
        return false;
    }
    m_quick--;
    return true;
}

void
TcpLinuxQuickAck::DataSent(Time now)
{
    if (now - m_lastReceived < m_ato)
    {
        m_pingPong = true; // a reply within ato: an interactive exchange
    }
}

void
TcpLinuxQuickAck::FinReceived()
{
    m_pingPong = true;
}

void
TcpLinuxQuickAck::DelayedAckFired()
{
    m_pingPong = false;
}

bool
TcpLinuxQuickAck::IsPingPong() const
{
    return m_pingPong;
}

Time
TcpLinuxQuickAck::GetAto() const
{
    return m_ato;
}

uint32_t
TcpLinuxQuickAck::GetQuickAcksLeft() const
{
    return m_quick;
}

} // namespace ns3
