/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_BLACKHOLE_DETECTOR_H
#define TCP_FAST_OPEN_BLACKHOLE_DETECTOR_H

#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Linux's active-TFO blackhole detection, one per node (per network
 * namespace in Linux: net->ipv4.tfo_active_disable_times/_stamp).
 *
 * When a Fast Open connection looks black-holed by a middlebox (its third
 * consecutive retransmission timeout, or a FIN that arrives out of order with
 * no data before it), active TFO is paused for the whole node for
 * Timeout × 2^min(n − 1, 6), where n counts the pauses since the last healthy
 * connection; TCPFastOpenBlackhole is counted. The first connection after a
 * pause is marked as a check: if it receives data, n is reset to 0.
 *
 * Timeout 0 (net.ipv4.tcp_fastopen_blackhole_timeout_sec = 0) turns the logic
 * off: Linux's default since 5.14 (2021), because it triggered falsely; it was
 * 3600 s before.
 */
class TcpFastOpenBlackholeDetector : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpFastOpenBlackholeDetector();

    /**
     * \brief tcp_fastopen_active_should_disable: is active TFO paused now?
     * \param[out] check set to true when the pause is over and the caller's
     *             connection is the check whose success resets the count
     * \return true while paused
     */
    bool ShouldDisable(bool& check) const;

    /**
     * \brief tcp_fastopen_active_disable: pause active TFO from now on (does
     * nothing when the timeout is 0). Counts TCPFastOpenBlackhole through the
     * caller, which returns whether it paused.
     * \return true if active TFO was paused
     */
    bool Disable();

    /// A check connection received data: the next pause starts from Timeout again.
    void ReportHealthy();

    /// \return the number of pauses since the last healthy check (n)
    uint32_t GetDisableCount() const;

    /// \return the end of the current pause (a past time if none)
    Time GetPausedUntil() const;

    /**
     * \param n the pause count after a disable
     * \return the pause length for it: Timeout × 2^min(n − 1, 6)
     */
    Time GetPauseLength(uint32_t n) const;

    /**
     * TracedCallback signature for "Paused".
     * \param count the pause count n
     * \param until when active TFO resumes
     */
    typedef void (*PausedTracedCallback)(uint32_t count, Time until);

  private:
    Time m_timeout;                               //!< tcp_fastopen_blackhole_timeout_sec
    uint32_t m_disableTimes{0};                   //!< tfo_active_disable_times
    Time m_disableStamp;                          //!< tfo_active_disable_stamp
    TracedCallback<uint32_t, Time> m_pausedTrace; //!< "Paused"
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_BLACKHOLE_DETECTOR_H */
