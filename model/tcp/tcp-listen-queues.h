/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_LISTEN_QUEUES_H
#define TCP_LISTEN_QUEUES_H

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/object-base.h"
#include "ns3/ptr.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <list>
#include <utility>

namespace ns3
{

class TcpFastOpenCounters;
class TcpLinuxSocketBase;

/**
 * \ingroup tcp-fast-open
 *
 * \brief A Linux listener's queues (struct request_sock_queue and the
 * listener's sk_ack_backlog): the SYN queue of requests in SYN_RCVD, the
 * accept queue of children the application has not accepted yet, and
 * tcp_conn_request's admission of a SYN against both.
 *
 * The listener (TcpLinuxSocketBase) holds one by value and reports its trace
 * sources as its own. The children are the listener's sockets; the queues
 * only count them and hand them to the application through a callback.
 */
class TcpListenQueues : public ObjectBase
{
  public:
    /// What tcp_conn_request decided about a SYN before any Fast Open work.
    enum Verdict : uint8_t
    {
        PROCEED, //!< create a request (child in SYN_RCVD)
        COOKIE,  //!< answer statelessly with a SYN cookie
        DROP     //!< drop the SYN (ListenDrops)
    };

    /// The listener's sysctls and listen() backlog that bound the queues.
    struct Limits
    {
        uint32_t maxAckBacklog{4096}; //!< sk_max_ack_backlog = min(backlog, somaxconn)
        uint32_t synCookies{1};       //!< net.ipv4.tcp_syncookies (0, 1, 2)
        uint32_t maxSynBacklog{4096}; //!< net.ipv4.tcp_max_syn_backlog
    };

    /**
     * Hands an accepted child to the application (also one that died while it
     * waited, as Linux's accept() returns it).
     */
    typedef Callback<void, Ptr<TcpLinuxSocketBase>, const Address&> DeliverCallback;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /**
     * \brief tcp_conn_request's checks before a request is created: SYN queue
     * full (cookie or drop), accept queue full, the max_syn_backlog clause
     * (none of them reads the SYN itself).
     * \param limits the listener's limits
     * \param counters the node's counters
     * \return the verdict
     */
    Verdict Admit(const Limits& limits, const Ptr<TcpFastOpenCounters>& counters) const;

    /**
     * \param limits the listener's limits
     * \return inet_csk_reqsk_queue_is_full: SYN queue length > sk_max_ack_backlog
     *         (Linux 6.18; backlog + 1 requests fit)
     */
    bool SynQueueIsFull(const Limits& limits) const;

    /**
     * \param limits the listener's limits
     * \return sk_acceptq_is_full: accept queue length > sk_max_ack_backlog
     */
    bool AcceptQueueIsFull(const Limits& limits) const;

    /**
     * \brief tcp_syn_flood_action: SYN queue full; count TCPReqQFullDoCookies
     * or TCPReqQFullDrop.
     * \param limits the listener's limits
     * \param counters the node's counters
     * \return true if a SYN cookie is to be sent (want_cookie)
     */
    static bool SynFloodAction(const Limits& limits, const Ptr<TcpFastOpenCounters>& counters);

    /**
     * \brief tcp_v4_syn_recv_sock's exit_overflow: the handshake ACK of a
     * request finds the accept queue full; count ListenOverflows and
     * ListenDrops (the caller drops the ACK: tcp_abort_on_overflow = 0).
     * \param limits the listener's limits
     * \param counters the node's counters
     * \return true if the ACK is dropped
     */
    bool SynRecvSockOverflow(const Limits& limits, const Ptr<TcpFastOpenCounters>& counters) const;

    /// inet_csk_reqsk_queue_added: a request joined the SYN queue (young).
    void SynQueueAdded();
    /**
     * \brief inet_csk_reqsk_queue_removed: a request left the SYN queue.
     * \param young true if its SYN-ACK timer had not fired yet
     */
    void SynQueueRemoved(bool young);
    /// reqsk_timer_handler: a request's first SYN-ACK timeout (queue->young--).
    void SynQueueRequestAged();

    /**
     * \brief reqsk_timer_handler's pruning: when the SYN queue is more than
     * half full (qlen * 2 > max(8, sk_max_ack_backlog)), a request whose
     * SYN-ACK timer fires gets one retry less for every halving of the young
     * (never timed out) share of the queue below one half, down to 2.
     * \param maxRetries the listener's SYN-ACK retries (tcp_synack_retries)
     * \param limits the listener's limits
     * \return the retries a request may have at this timeout
     */
    uint32_t PruneSynAckRetries(uint32_t maxRetries, const Limits& limits) const;
    /// A child was forked (counted until it reaches CLOSED).
    void ChildCreated();
    /// A child reached CLOSED.
    void ChildClosed();

    /**
     * \brief inet_csk_reqsk_queue_add: an established (or Fast Open) child
     * joins the accept queue; the application takes one every 1 / \p acceptRate s.
     * \param child the child
     * \param from the client
     * \param acceptRate accept() calls per second (> 0)
     * \param deliver hands a child to the application
     */
    void Add(Ptr<TcpLinuxSocketBase> child,
             const Address& from,
             double acceptRate,
             DeliverCallback deliver);

    /**
     * \param child a child
     * \return true if it waits in the accept queue, not yet accepted (req->sk set)
     */
    bool IsWaiting(const TcpLinuxSocketBase* child) const;

    /**
     * \brief inet_csk_listen_stop: stop accepting and empty the accept queue.
     * \return the children that were waiting (the caller forgets them)
     */
    std::list<Ptr<TcpLinuxSocketBase>> Stop();

    /// \return requests in the SYN queue (inet_csk_reqsk_queue_len)
    uint32_t GetSynQueueLength() const;
    /// \return requests in the SYN queue whose timer has not fired (reqsk_queue_len_young)
    uint32_t GetSynQueueYoung() const;
    /// \return children established but not yet accepted (sk_ack_backlog)
    uint32_t GetAcceptQueueLength() const;
    /// \return children forked that have not reached CLOSED
    uint32_t GetChildSocketCount() const;

  private:
    /// inet_csk_accept: the application takes the oldest living child.
    void AcceptOne();

    TracedValue<uint32_t> m_synQueue{0};          //!< SYN queue length ("SynQueue")
    uint32_t m_synQueueYoung{0};                  //!< requests not timed out yet (queue->young)
    TracedValue<uint32_t> m_acceptQueueLength{0}; //!< sk_ack_backlog ("AcceptQueue")
    TracedValue<uint32_t> m_childSockets{0};      //!< children not yet CLOSED ("ChildSockets")
    /// the accept queue (a list: unlike std::deque, allocates nothing while empty)
    std::list<std::pair<Ptr<TcpLinuxSocketBase>, Address>> m_acceptQueue;
    EventId m_acceptEvent;     //!< next accept()
    double m_acceptRate{0};    //!< accept() calls per second
    DeliverCallback m_deliver; //!< hands a child to the application
};

} // namespace ns3

#endif /* TCP_LISTEN_QUEUES_H */
