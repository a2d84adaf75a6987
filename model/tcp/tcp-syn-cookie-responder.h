/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SYN_COOKIE_RESPONDER_H
#define TCP_SYN_COOKIE_RESPONDER_H

#include "tcp-syn-cookie.h"

#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/tcp-header.h"

#include <optional>

namespace ns3
{

class TcpFastOpenCounters;

/**
 * \ingroup tcp-fast-open
 *
 * \brief A listener's stateless answer to a SYN (net/ipv4/syncookies.c and
 * the cookie branch of tcp_conn_request): which SYN-ACK a SYN gets when the
 * listener answers it with a SYN cookie, and whether an ACK that reached the
 * listener returns a valid one. The decisions only: the listener builds and
 * sends the segment and forks the child.
 */
class TcpSynCookieResponder
{
  public:
    /// The listener's settings a cookie's options depend on.
    struct ListenerOptions
    {
        bool timestamps{true};  //!< the listener has timestamps on
        bool windowScale{true}; //!< the listener has window scaling on
        bool sack{true};        //!< the listener has SACK on
        bool ecn{false};        //!< net.ipv4.tcp_ecn allows ECN
    };

    /// The SYN-ACK a cookie SYN gets (tcp_make_synack(TCP_SYNACK_COOKIE)).
    struct Reply
    {
        TcpSynCookieGenerator::Flow flow;             //!< the SYN's addresses and ports
        uint32_t isn{0};                              //!< the cookie: the SYN-ACK's ISN
        bool timestamps{false};                       //!< the SYN-ACK carries timestamps
        uint32_t tsVal{0};                            //!< its TSval (cookie_init_timestamp)
        uint32_t tsEcr{0};                            //!< its TSecr (the SYN's TSval)
        TcpSynCookieGenerator::TimestampOptions opts; //!< window scale, SACK, ECN agreed
    };

    /// What a valid cookie ACK restores for the child (cookie_v4_check).
    struct Child
    {
        uint16_t mss{0};                              //!< the MSS the cookie encodes
        TcpSynCookieGenerator::TimestampOptions opts; //!< options the TSecr restores
    };

    /**
     * \brief cookie_v4_init_sequence / cookie_v6_init_sequence +
     * tcp_make_synack(TCP_SYNACK_COOKIE): no state is kept, no Fast Open,
     * SYN data dropped. If the SYN carried timestamps the SYN-ACK carries
     * window scale, SACK-permitted and ECE as negotiated and its TSval encodes
     * them (cookie_init_timestamp); otherwise it carries none of them.
     * Stamps the listener (tcp_synq_overflow) and counts SyncookiesSent.
     * \param syn the SYN's header
     * \param from the client
     * \param to the address the SYN was sent to
     * \param listener the listener's settings
     * \param generator the node's SYN cookie generator
     * \param counters the node's counters
     * \param now the current time
     * \return the SYN-ACK to send
     */
    Reply Answer(const TcpHeader& syn,
                 const Address& from,
                 const Address& to,
                 const ListenerOptions& listener,
                 const Ptr<TcpSynCookieGenerator>& generator,
                 const Ptr<TcpFastOpenCounters>& counters,
                 Time now);

    /**
     * \brief cookie_v4_check / cookie_v6_check and cookie_tcp_check: does an
     * ACK at the listener return a valid SYN cookie whose TSecr names no
     * option the listener has off (cookie_timestamp_decode)? Asked only when
     * net.ipv4.tcp_syncookies is on. Counts
     * SyncookiesRecv or SyncookiesFailed.
     * \param ack the ACK's header
     * \param from the client
     * \param to the server address
     * \param listener the listener's settings
     * \param generator the node's SYN cookie generator
     * \param counters the node's counters
     * \param now the current time
     * \return what the child is created with, or nothing (the caller resets)
     */
    std::optional<Child> Check(const TcpHeader& ack,
                               const Address& from,
                               const Address& to,
                               const ListenerOptions& listener,
                               const Ptr<TcpSynCookieGenerator>& generator,
                               const Ptr<TcpFastOpenCounters>& counters,
                               Time now) const;

  private:
    Time m_lastSynqOverflow{Seconds(-1000)}; //!< tcp_synq_overflow stamp
};

} // namespace ns3

#endif /* TCP_SYN_COOKIE_RESPONDER_H */
