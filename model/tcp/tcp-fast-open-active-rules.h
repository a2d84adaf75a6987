/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_ACTIVE_RULES_H
#define TCP_FAST_OPEN_ACTIVE_RULES_H

#include "tcp-fast-open-socket.h"
#include "tcp-option-fast-open.h"

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/tcp-fast-open-ns3-compat.h"

#include <functional>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief The client's (active open) Fast Open rules, one function per Linux
 * function: tcp_fastopen_cookie_check, tcp_fastopen_defer_connect,
 * tcp_send_syn_data, tcp_rcv_fastopen_synack, tcp_fastopen_add_skb,
 * tcp_fastopen_active_detect_blackhole,
 * tcp_fastopen_active_disable_ofo_check and the out-of-order RST check of
 * tcp_validate_incoming.
 *
 * Each is a decision over values the socket gathers (its cookie cache entry,
 * the blackhole detector's answer, its counts) and has no side effect: the
 * socket applies the result (sends, caches, counts, traces). The object has no
 * state: a socket and the children it forks share one, in the way
 * TcpSocketBase holds a TcpCongestionOps. tcp_fastopen_active_should_disable
 * is TcpFastOpenBlackholeDetector::ShouldDisable (the pause is per node).
 */
class TcpFastOpenActiveRules : public Object
{
  public:
    /// What tcp_fastopen_cookie_check decides for the next SYN.
    enum CookieCheck : uint8_t
    {
        PLAIN_NEGATIVE_CACHED, //!< recurring SYN-data losses: no option, no data
        PLAIN_PAUSED,          //!< active TFO paused after a blackhole: no option, no data
        NO_COOKIE,             //!< TFO_CLIENT_NO_COOKIE: data without an option
        COOKIE,                //!< a cached cookie: option and data
        REQUEST                //!< no cookie: a cookie request, the data waits
    };

    /// What tcp_fastopen_cookie_check looks at.
    struct CookieCheckInput
    {
        bool hasCookie{false};       //!< the cache holds a cookie for the server
        uint16_t synLoss{0};         //!< the cache's SYN-loss count for the server
        Time lastSynLoss;            //!< when the last one happened
        bool negativeCaching{false}; //!< RFC 7413 4.1.3.1 negative caching (Linux <= 4.14)
        bool paused{false};          //!< tcp_fastopen_active_should_disable's answer
        bool noCookie{false};        //!< TFO_CLIENT_NO_COOKIE or TCP_FASTOPEN_NO_COOKIE
        Time now;                    //!< the current time
    };

    /// What the first SYN carries (tcp_send_syn_data).
    struct SynPlan
    {
        bool option{false};  //!< the SYN carries the Fast Open option
        bool request{false}; //!< ... as a cookie request (no cookie)
        uint32_t dataLen{0}; //!< data bytes the SYN carries
    };

    /// What tcp_rcv_fastopen_synack looks at.
    struct SynAckInput
    {
        bool optionSent{false}; //!< the SYN carried the option (syn_fastopen)
        TcpOptionFastOpen::Form sentForm{TcpOptionFastOpen::RFC7413}; //!< its form
        std::optional<TcpFastOpenOptionValue> received; //!< the SYN-ACK's option, if any
        bool synRetransmitted{false};                   //!< a SYN was retransmitted (total_retrans)
        uint32_t synDataLen{0};                         //!< data bytes the SYN carried
        uint32_t acked{0}; //!< of these, bytes the SYN-ACK acknowledges
    };

    /// tcp_rcv_fastopen_synack's outcome.
    struct SynAckResult
    {
        bool cookieReceived{false}; //!< the SYN-ACK carries a cookie to cache
        bool synDrop{false};        //!< the cache records a SYN-data loss
        uint8_t tryExp{0};          //!< the cache's try_exp (0: unchanged)
        bool dataUnacked{false};    //!< SYN data remains unacknowledged: resend it
        /// the failure reason when dataUnacked (else TFO_STATUS_UNSPEC)
        TcpFastOpenSocket::ClientFailReason fail{TcpFastOpenSocket::TFO_STATUS_UNSPEC};
    };

    /// What tcp_fastopen_active_disable_ofo_check decides at a connection's end.
    enum OfoCheck : uint8_t
    {
        OFO_NOTHING, //!< nothing to do
        OFO_DISABLE, //!< a lone out-of-order FIN: pause active TFO
        OFO_HEALTHY  //!< the check connection received data: reset the pause count
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    /**
     * \brief tcp_fastopen_cookie_check (with tcp_fastopen_cache_get): the
     * negative cache (Linux 3.7-4.14: after more than one SYN-data loss to
     * the server, nothing for 60 s << losses), the blackhole pause, the
     * no-cookie mode, the cached cookie.
     * \param input the cache entry and the answers
     * \return what the next SYN may carry
     */
    virtual CookieCheck CheckCookie(const CookieCheckInput& input) const;

    /**
     * \brief tcp_fastopen_defer_connect: with TCP_FASTOPEN_CONNECT, connect()
     * returns at once and the SYN waits for the first write, only when the
     * SYN could carry data.
     * \param fastOpenConnect TCP_FASTOPEN_CONNECT is set
     * \param requested a Fast Open API asked for Fast Open
     * \param dataWritten data is already waiting (sendto(MSG_FASTOPEN))
     * \param cookieCheck runs tcp_fastopen_cookie_check (a cache look-up),
     *        only when the socket asks for a deferred connect
     * \return true if the SYN is deferred
     */
    virtual bool DeferConnect(bool fastOpenConnect,
                              bool requested,
                              bool dataWritten,
                              const std::function<CookieCheck()>& cookieCheck) const;

    /**
     * \brief tcp_send_syn_data: the SYN's option and data. The data space is
     * the MSS (the cached one bounded by the path's, floored at
     * TCP_MIN_SND_MSS by __tcp_mtu_to_mss: "reserve room for full set of TCP
     * options and 8 bytes of data") minus MAX_TCP_OPTION_SPACE.
     * \param check tcp_fastopen_cookie_check's answer
     * \param cachedMss the server's cached MSS (0: none)
     * \param pathMss the path's MSS
     * \param pending data bytes written for the SYN
     * \return the plan
     */
    virtual SynPlan SendSynData(CookieCheck check,
                                uint32_t cachedMss,
                                uint32_t pathMss,
                                uint32_t pending) const;

    /**
     * \brief tcp_rcv_fastopen_synack: what a SYN-ACK to a Fast Open SYN does
     * to the cookie cache and the SYN data. An option that is present but
     * empty is not a missing answer (Linux: cookie->len 0, not -1).
     * \param input the SYN sent and the SYN-ACK received
     * \return the outcome
     */
    virtual SynAckResult RcvFastOpenSynAck(const SynAckInput& input) const;

    /**
     * \brief tcp_fastopen_add_skb: whether the SYN-ACK's payload (its data,
     * or its FIN alone) is queued for the application. Linux calls it only
     * when the SYN data was all acknowledged.
     * \param tried the SYN tried Fast Open (syn_fastopen || syn_data)
     * \param dataUnacked SYN data remains unacknowledged
     * \param payload the SYN-ACK's data bytes
     * \param fin the SYN-ACK carries FIN
     * \return true if the payload and FIN are queued
     */
    virtual bool AddSynAckPayload(bool tried, bool dataUnacked, uint32_t payload, bool fin) const;

    /**
     * \brief tcp_fastopen_active_detect_blackhole: "pause Fast Open globally
     * after hitting the third consecutive timeout or exceeding the configured
     * timeout limit".
     * \param tried the connection tried Fast Open or had its SYN data acknowledged
     * \param timeouts consecutive timeouts so far (icsk_retransmits)
     * \param expired the connection is giving up
     * \return true if active TFO is to be paused
     */
    virtual bool DetectBlackhole(bool tried, uint32_t timeouts, bool expired) const;

    /**
     * \brief tcp_fastopen_active_disable_ofo_check: at the end of a connection
     * that sent the option, a FIN as the only out-of-order segment of a
     * connection that received no data segment pauses active TFO.
     * \param dataSegmentsIn data segments received
     * \param loneFin a FIN was received out of order and is still unprocessed
     * \param blackholeCheck the connection is the first after a pause
     * \return the decision
     */
    virtual OfoCheck DisableOfoCheck(uint32_t dataSegmentsIn,
                                     bool loneFin,
                                     bool blackholeCheck) const;

    /**
     * \brief tcp_validate_incoming's Fast Open clause: an in-window RST not at
     * rcv_nxt on an active TFO connection that has received no data ("a
     * middlebox may be resetting the connection").
     * \param synFastOpen the SYN carried the option
     * \param dataSegmentsIn data segments received
     * \param established the connection is ESTABLISHED
     * \return true if active TFO is to be paused
     */
    virtual bool OutOfOrderResetDisables(bool synFastOpen,
                                         uint32_t dataSegmentsIn,
                                         bool established) const;
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_ACTIVE_RULES_H */
