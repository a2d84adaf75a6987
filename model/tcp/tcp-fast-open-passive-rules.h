/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_PASSIVE_RULES_H
#define TCP_FAST_OPEN_PASSIVE_RULES_H

#include "tcp-fast-open-counters.h"
#include "tcp-fast-open-queue.h"
#include "tcp-fast-open-socket.h"
#include "tcp-option-fast-open.h"

#include "ns3/object.h"
#include "ns3/tcp-fast-open-ns3-compat.h"

#include <array>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief The server's (passive open) Fast Open rules: Linux's
 * tcp_try_fastopen (net/ipv4/tcp_fastopen.c) as one pure decision.
 *
 * A listener gathers what the decision needs (the SYN's option and data
 * length, its mode bits, tcp_fastopen_queue_check's answer from its
 * TcpFastOpenQueue, tcp_fastopen_cookie_gen_check's answer from its
 * TcpFastOpenCookieGenerator) into an Input; TryFastOpen() says what to do
 * (accept the data, send a cookie, or fall back and why) and which counters
 * and trace events follow, without side effects. The listener applies it:
 * it creates the Fast Open child (tcp_fastopen_create_child), generates the
 * cookie, counts and traces. The object has no state: a listener and its
 * children share one, in the way TcpSocketBase holds a TcpCongestionOps.
 */
class TcpFastOpenPassiveRules : public Object
{
  public:
    /// What the listener knows about a SYN when tcp_try_fastopen runs.
    struct Input
    {
        std::optional<TcpFastOpenOptionValue> option; //!< the SYN's Fast Open option, if any
        uint32_t synDataLen{0};                       //!< the SYN's data bytes
        bool serverEnabled{false}; //!< TFO_SERVER_ENABLE (Mode 0x2) on this listener
        bool noCookie{false};      //!< TFO_SERVER_COOKIE_NOT_REQD or TCP_FASTOPEN_NO_COOKIE
        /// tcp_fastopen_queue_check's answer; consulted only if AsksForFastOpen()
        TcpFastOpenQueue::CheckResult queue{TcpFastOpenQueue::DISABLED};
        /// the cookie generator's Validate() answer for the option's cookie
        /// (TcpFastOpenCookieGenerator::INVALID, VALID_PRIMARY, VALID_BACKUP)
        int cookieValidity{0};
        /// the form a cookie is sent in when the SYN carried no option
        TcpOptionFastOpen::Form defaultForm{TcpOptionFastOpen::RFC7413};
    };

    /// Why the SYN falls back to a regular three-way handshake.
    enum Fallback : uint8_t
    {
        ACCEPTED,        //!< no fallback: the Fast Open child is created
        NOT_ASKED,       //!< neither option nor data (or TFO off for the listener)
        QUEUE_DISABLED,  //!< max_qlen is 0: the listener has no Fast Open
        LISTEN_OVERFLOW, //!< the pending-TFO limit is reached
        NO_OPTION,       //!< data without an option and a cookie is required: dropped
        COOKIE_REQUEST,  //!< a cookie request: answered with a cookie
        INVALID_COOKIE   //!< the cookie is invalid: data dropped, a fresh cookie sent
    };

    /// One trace event of the decision: TcpFastOpenSocket's "FastOpen" source.
    struct Report
    {
        TcpFastOpenSocket::Event event{TcpFastOpenSocket::PASSIVE_DISABLED}; //!< the event
        bool withSynData{false}; //!< report the SYN's data length (else 0 bytes)
        bool withCookie{false};  //!< report the SYN's cookie (else an empty one)
    };

    /// tcp_try_fastopen's outcome.
    struct Decision
    {
        bool acceptData{false}; //!< create a TFO child
        bool sendCookie{false}; //!< SYN-ACK carries a fresh cookie
        TcpOptionFastOpen::Form form{TcpOptionFastOpen::RFC7413}; //!< the cookie's option form
        Fallback fallback{NOT_ASKED};                             //!< why not accepted
        std::array<TcpFastOpenCounters::Counter, 3> counters{};   //!< counters to bump
        uint8_t counterCount{0};                                  //!< entries in counters
        std::array<Report, 3> reports{};                          //!< events to trace, in order
        uint8_t reportCount{0};                                   //!< entries in reports

        /**
         * \brief Add a counter to bump.
         * \param counter the counter
         */
        void Count(TcpFastOpenCounters::Counter counter);
        /**
         * \brief Add an event to trace.
         * \param event the event
         * \param withSynData report the SYN's data length
         * \param withCookie report the SYN's cookie
         */
        void Trace(TcpFastOpenSocket::Event event, bool withSynData, bool withCookie);
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    /**
     * \brief tcp_try_fastopen's first clause: TFO_SERVER_ENABLE and a SYN
     * with data or the option. Only then is tcp_fastopen_queue_check
     * consulted (it may free a held slot).
     * \param input the SYN
     * \return true if the listener must check its Fast Open queue
     */
    virtual bool AsksForFastOpen(const Input& input) const;

    /**
     * \brief tcp_try_fastopen: what the listener does with a SYN.
     * \param input the SYN and the listener's answers
     * \return the decision
     */
    virtual Decision TryFastOpen(const Input& input) const;
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_PASSIVE_RULES_H */
