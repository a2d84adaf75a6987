/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_LINUX_TIME_WAIT_TABLE_H
#define TCP_LINUX_TIME_WAIT_TABLE_H

#include "ns3/object.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-value.h"

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 * \brief A node's connections in TIME_WAIT (Linux's tcp_death_row): how many
 * there are and how many there may be (net.ipv4.tcp_max_tw_buckets).
 *
 * Aggregated to the node on first use. A connection that would exceed the
 * limit closes without TIME_WAIT (tcp_time_wait's "time wait bucket table
 * overflow", TcpExtTCPTimeWaitOverflow).
 */
class TcpLinuxTimeWaitTable : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    /**
     * \brief inet_twsk_alloc's check: room for one more?
     * \return false if the node holds MaxBuckets connections in TIME_WAIT
     */
    bool HasRoom() const;
    /// A connection entered TIME_WAIT.
    void Add();
    /// A connection left TIME_WAIT.
    void Remove();
    /// \return the connections in TIME_WAIT now (`ss -s`'s timewait)
    uint32_t GetCount() const;

  private:
    uint32_t m_maxBuckets{262144};    //!< net.ipv4.tcp_max_tw_buckets
    TracedValue<uint32_t> m_count{0}; //!< connections in TIME_WAIT
};

} // namespace ns3

#endif /* TCP_LINUX_TIME_WAIT_TABLE_H */
