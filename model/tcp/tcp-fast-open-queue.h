/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_QUEUE_H
#define TCP_FAST_OPEN_QUEUE_H

#include "ns3/nstime.h"
#include "ns3/object-base.h"
#include "ns3/traced-value.h"

#include <cstdint>
#include <list>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief A listener's pending-TFO accounting: Linux's struct fastopen_queue
 * (include/net/request_sock.h) with tcp_fastopen_queue_check and
 * reqsk_fastopen_remove.
 *
 * qlen counts the Fast Open children still in SYN_RCVD plus the children reset
 * by their client whose slot is held (the rskq_rst list); a SYN with data
 * creates a child only while qlen < max_qlen, or when the oldest held slot has
 * expired. It holds no simulation state: time is passed in, so it is
 * unit-tested without a simulator. A listener holds one by value; its trace
 * source "PendingFastOpen" is the listener's.
 */
class TcpFastOpenQueue : public ObjectBase
{
  public:
    /// What tcp_fastopen_queue_check decided.
    enum CheckResult : uint8_t
    {
        ALLOWED,  //!< a Fast Open child may be created
        DISABLED, //!< max_qlen is 0: the listener has no Fast Open
        FULL      //!< qlen >= max_qlen and no held slot has expired (ListenOverflow)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    /**
     * \brief tcp_fastopen_queue_check: may a SYN create one more Fast Open
     * child? When full, the oldest slot held for a reset child is freed if its
     * hold time is up (and the child may be created).
     * \param maxQlen the listener's max_qlen (0: Fast Open off)
     * \param now the current time
     * \return the decision
     */
    CheckResult Check(uint32_t maxQlen, Time now);

    /// A Fast Open child was created (tcp_try_fastopen: qlen++).
    void Add();

    /**
     * \brief reqsk_fastopen_remove: a Fast Open child left SYN_RCVD.
     * \param holdSlot true if its client reset it and the listener still
     *        listens: the slot stays taken until \p now + the hold time
     * \param now the current time
     */
    void Remove(bool holdSlot, Time now);

    /// \return qlen: children in SYN_RCVD plus slots held for reset children
    uint32_t GetQlen() const;

    /// \return the number of slots held for reset children (rskq_rst list)
    uint32_t GetHeldSlots() const;

    /// \param hold how long a reset child's slot stays taken (Linux: 60 s)
    void SetResetHoldTime(Time hold);

    /// \return how long a reset child's slot stays taken
    Time GetResetHoldTime() const;

  private:
    TracedValue<uint32_t> m_qlen{0};   //!< qlen ("PendingFastOpen")
    std::list<Time> m_resetSlotExpiry; //!< rskq_rst list: when each held slot frees
    Time m_resetHoldTime{Seconds(60)}; //!< how long a reset child's slot is held
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_QUEUE_H */
