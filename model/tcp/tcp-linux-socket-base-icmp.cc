/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * TcpLinuxSocketBase: ICMP and ICMPv6 errors as Linux's tcp_v4_err and
 * tcp_v6_err take them (path MTU, hard and soft errors). The rest of the
 * class is in tcp-linux-socket-base.cc and tcp-linux-socket-base-listen.cc.
 */

#include "tcp-linux-socket-base.h"

#include "ns3/icmpv4.h"
#include "ns3/icmpv6-header.h"
#include "ns3/ipv4-end-point.h"
#include "ns3/ipv6-end-point.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-tx-buffer.h"

#include <algorithm>
#include <cerrno>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpLinuxSocketBaseIcmp");

namespace
{
/// ip_rt_min_pmtu: IPv4 never takes a path MTU below 512 + 20 + 20.
constexpr uint32_t kIpv4MinPmtu = 552;
/// IPV6_MIN_MTU: tcp_v6_err ignores a smaller "packet too big".
constexpr uint32_t kIpv6MinMtu = 1280;
/// NR_ICMP_UNREACH: the highest destination-unreachable code.
constexpr uint8_t kMaxUnreachCode = 15;

/**
 * \brief Linux's icmp_err_convert: the errno of each destination-unreachable
 * code (ICMP_NET_UNREACH .. ICMP_PREC_CUTOFF).
 */
constexpr int kUnreachErrno[kMaxUnreachCode + 1] = {
    ENETUNREACH,  // 0 network unreachable
    EHOSTUNREACH, // 1 host unreachable
    ENOPROTOOPT,  // 2 protocol unreachable
    ECONNREFUSED, // 3 port unreachable
    EMSGSIZE,     // 4 fragmentation needed
    EOPNOTSUPP,   // 5 source route failed
    ENETUNREACH,  // 6 network unknown
    EHOSTDOWN,    // 7 host unknown
    ENONET,       // 8 host isolated
    ENETUNREACH,  // 9 network prohibited
    EHOSTUNREACH, // 10 host prohibited
    ENETUNREACH,  // 11 network unreachable for TOS
    EHOSTUNREACH, // 12 host unreachable for TOS
    EHOSTUNREACH, // 13 administratively filtered
    EHOSTUNREACH, // 14 precedence violation
    EHOSTUNREACH, // 15 precedence cut-off
};

/**
 * \brief Linux's icmpv6_err_convert tab_unreach: the errno of each ICMPv6
 * destination-unreachable code (0 .. 6).
 */
constexpr int kUnreach6Errno[7] = {
    ENETUNREACH,  // 0 no route
    EACCES,       // 1 administratively prohibited
    EHOSTUNREACH, // 2 beyond the scope of the source (not a neighbour)
    EHOSTUNREACH, // 3 address unreachable
    ECONNREFUSED, // 4 port unreachable
    EACCES,       // 5 source address failed policy
    EACCES,       // 6 reject route
};

/**
 * \param linuxErrno a Linux errno an ICMP error carries
 * \return the Socket::SocketErrno an application reads (the doc lists those
 *         without a counterpart, reported as ERROR_NOROUTETOHOST)
 */
Socket::SocketErrno
ToSocketErrno(int linuxErrno)
{
    switch (linuxErrno)
    {
    case EMSGSIZE:
        return Socket::ERROR_MSGSIZE;
    case EOPNOTSUPP:
        return Socket::ERROR_OPNOTSUPP;
    default:
        return Socket::ERROR_NOROUTETOHOST;
    }
}
} // namespace

void
TcpLinuxSocketBase::InstallIcmpHandler()
{
    if (m_endPoint)
    {
        m_endPoint->SetIcmpCallback(
            MakeCallback(&TcpLinuxSocketBase::ReceiveIcmp, Ptr<TcpLinuxSocketBase>(this)));
    }
    if (m_endPoint6)
    {
        m_endPoint6->SetIcmpCallback(
            MakeCallback(&TcpLinuxSocketBase::ReceiveIcmp6, Ptr<TcpLinuxSocketBase>(this)));
    }
}

void
TcpLinuxSocketBase::ReceiveIcmp(Ipv4Address source,
                                uint8_t ttl,
                                uint8_t type,
                                uint8_t code,
                                uint32_t info)
{
    NS_LOG_FUNCTION(this << source << +ttl << +type << +code << info);
    if (!m_icmpCallback.IsNull())
    {
        m_icmpCallback(source, ttl, type, code, info);
    }
    const IcmpError error = ConvertIcmp(type, code, info);
    m_icmpErrorTrace(type, code, info, error.linuxErrno, ProcessIcmpError(error));
}

void
TcpLinuxSocketBase::ReceiveIcmp6(Ipv6Address source,
                                 uint8_t ttl,
                                 uint8_t type,
                                 uint8_t code,
                                 uint32_t info)
{
    NS_LOG_FUNCTION(this << source << +ttl << +type << +code << info);
    if (!m_icmpCallback6.IsNull())
    {
        m_icmpCallback6(source, ttl, type, code, info);
    }
    const IcmpError error = ConvertIcmp6(type, code, info);
    m_icmpErrorTrace(type, code, info, error.linuxErrno, ProcessIcmpError(error));
}

TcpLinuxSocketBase::IcmpError
TcpLinuxSocketBase::ConvertIcmp(uint8_t type, uint8_t code, uint32_t info)
{
    // tcp_v4_err: redirects and source quench are not errors; a parameter
    // problem is EPROTO, a time exceeded EHOSTUNREACH, a destination
    // unreachable the errno of its code; other types are ignored.
    IcmpError error;
    error.ipHeader = 20;
    switch (type)
    {
    case Icmpv4Header::ICMPV4_DEST_UNREACH:
        if (code > kMaxUnreachCode)
        {
            return error;
        }
        error.linuxErrno = kUnreachErrno[code];
        error.pathMtu = (code == Icmpv4DestinationUnreachable::ICMPV4_FRAG_NEEDED);
        error.mtu = info;
        return error;
    case Icmpv4Header::ICMPV4_TIME_EXCEEDED:
        error.linuxErrno = EHOSTUNREACH;
        return error;
    case 12: // ICMP_PARAMETERPROB (no ns-3 constant)
        error.linuxErrno = EPROTO;
        return error;
    default:
        return error;
    }
}

TcpLinuxSocketBase::IcmpError
TcpLinuxSocketBase::ConvertIcmp6(uint8_t type, uint8_t code, uint32_t info)
{
    // tcp_v6_err: a redirect is not an error; icmpv6_err_convert gives the
    // errno of the others (EPROTO for unknown types).
    IcmpError error;
    error.ipHeader = 40;
    switch (type)
    {
    case Icmpv6Header::ICMPV6_ERROR_DESTINATION_UNREACHABLE:
        error.linuxErrno = code < 7 ? kUnreach6Errno[code] : EPROTO;
        return error;
    case Icmpv6Header::ICMPV6_ERROR_PACKET_TOO_BIG:
        error.linuxErrno = EMSGSIZE;
        error.pathMtu = true;
        error.mtu = info;
        return error;
    case Icmpv6Header::ICMPV6_ERROR_TIME_EXCEEDED:
        error.linuxErrno = EHOSTUNREACH;
        return error;
    case Icmpv6Header::ICMPV6_ND_REDIRECTION:
        return error;
    default:
        error.linuxErrno = EPROTO;
        return error;
    }
}

TcpLinuxSocketBase::IcmpAction
TcpLinuxSocketBase::ProcessIcmpError(const IcmpError& error)
{
    // The connection states tcp_v4_err works in: not a listener, not closed
    // (a TIME_WAIT socket drops it too).
    if (error.linuxErrno == 0 || m_state == LISTEN || m_state == CLOSED || m_state == TIME_WAIT)
    {
        return ICMP_IGNORED;
    }
    if (error.pathMtu)
    {
        return PathMtuReduced(error) ? ICMP_PATH_MTU : ICMP_IGNORED;
    }
    if (m_state == SYN_RCVD && m_listener && !IsFastOpenRequest())
    {
        return ICMP_IGNORED; // a request sock (tcp_req_err): see the doc
    }
    if (IcmpAbortsHandshake())
    {
        // "Only in fast or simultaneous open": sk_err = err; tcp_done().
        NS_LOG_LOGIC(this << " ICMP error " << error.linuxErrno << " in " << TcpStateName[m_state]
                          << ": aborted");
        m_errno = ToSocketErrno(error.linuxErrno);
        m_retxEvent.Cancel();
        CloseWithError();
        return ICMP_HARD_ERROR;
    }
    // "If we've already connected we will keep trying until we time out":
    // sk_err_soft (IP_RECVERR, which reports it at once, has no ns-3 socket
    // option).
    m_softError = ToSocketErrno(error.linuxErrno);
    return ICMP_SOFT_ERROR;
}

bool
TcpLinuxSocketBase::IcmpAbortsHandshake() const
{
    // tcp_v4_err / tcp_v6_err, TCP_SYN_SENT and TCP_SYN_RECV: "Only in fast
    // or simultaneous open. If a fast open socket is already accepted it is
    // treated as a connected one below" (fastopen_rsk->sk is cleared by
    // inet_csk_accept). A Fast Open child still in the accept queue is
    // dropped, as is a socket in SYN_RCVD after a simultaneous open.
    if (m_state == SYN_SENT)
    {
        return true;
    }
    return m_state == SYN_RCVD && (!m_listener || WaitsInAcceptQueue());
}

bool
TcpLinuxSocketBase::IsFastOpenRequest() const
{
    return false;
}

bool
TcpLinuxSocketBase::PathMtuReduced(const IcmpError& error)
{
    uint32_t mtu = error.mtu;
    if (error.ipHeader == 40 && mtu < kIpv6MinMtu)
    {
        return false;
    }
    mtu = std::max(mtu, kIpv4MinPmtu);
    const uint32_t current = GetPathMss() + error.ipHeader + 20;
    if (mtu >= current)
    {
        return false; // "icsk_pmtu_cookie > mtu" only: a lower MTU
    }
    NS_LOG_LOGIC(this << " path MTU " << current << " -> " << mtu);
    m_pathMtu = mtu;
    // tcp_sync_mss: the MSS of the new path MTU, floored and without the
    // timestamp option, as the peer's MSS is taken.
    ApplyPeerMss(mtu - error.ipHeader - 20, m_timestampEnabled);
    SimpleRetransmit();
    return true;
}

uint8_t
TcpLinuxSocketBase::SynFlags() const
{
    return m_tcb->m_useEcn == TcpSocketState::On ? TcpHeader::SYN | TcpHeader::ECE | TcpHeader::CWR
                                                 : TcpHeader::SYN;
}

void
TcpLinuxSocketBase::SimpleRetransmit()
{
    if (m_state == SYN_SENT)
    {
        if (m_synsSent == 0)
        {
            return; // a deferred SYN has not left
        }
        // tcp_xmit_retransmit_queue resends the SYN (not counted as a
        // timeout) and re-arms the timer at the current RTO.
        TransmitHandshake(SynFlags(), false);
        m_retxEvent.Cancel();
        m_retxEvent =
            Simulator::Schedule(m_rto, &TcpLinuxSocketBase::SendEmptyPacket, this, SynFlags());
        return;
    }
    if (m_txBuffer->BytesInFlight() == 0)
    {
        return;
    }
    m_txBuffer->SetSentListLost();
    if (m_tcb->m_congState != TcpSocketState::CA_LOSS)
    {
        // "Don't muck with the congestion window here": the units changed.
        m_recover = m_tcb->m_highTxMark;
        m_recoverActive = true;
        m_tcb->m_ssThresh = std::max<uint32_t>(m_tcb->m_ssThresh, m_tcb->m_cWnd * 3 / 4);
        m_congestionControl->CongestionStateSet(m_tcb, TcpSocketState::CA_LOSS);
        m_tcb->m_congState = TcpSocketState::CA_LOSS;
    }
    m_tcb->m_nextTxSequence = m_txBuffer->HeadSequence();
    m_retxEvent.Cancel(); // the first retransmission re-arms it
    SendPendingData(m_connected);
}

void
TcpLinuxSocketBase::ReportSoftError()
{
    if (m_softError != ERROR_NOTERROR)
    {
        m_errno = m_softError;
    }
}

} // namespace ns3
