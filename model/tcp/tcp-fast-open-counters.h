/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_COUNTERS_H
#define TCP_FAST_OPEN_COUNTERS_H

#include "ns3/object.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * Per-node TCP counters with Linux's SNMP MIB names (TcpExt group), as
 * `nstat -az` shows them: the TCP Fast Open counters and the listener
 * overflow / SYN-cookie counters of the attack-resilience study and the
 * TIME_WAIT counters.
 *
 * One instance is aggregated to each node by TcpFastOpenHelper; every socket on
 * the node counts into it. Print() writes them exactly as nstat does
 * (`TcpExtTCPFastOpenActive         2                  0.0`).
 */
class TcpFastOpenCounters : public Object
{
  public:
    /// The counters, in the order nstat lists them.
    enum Counter : uint8_t
    {
        LISTEN_OVERFLOWS = 0,  //!< TcpExtListenOverflows: accept queue full
        LISTEN_DROPS,          //!< TcpExtListenDrops: SYN dropped by a listener
        TFO_ACTIVE,            //!< TcpExtTCPFastOpenActive: SYN data acknowledged
        TFO_ACTIVE_FAIL,       //!< TcpExtTCPFastOpenActiveFail: SYN data not (fully) acked
        TFO_PASSIVE,           //!< TcpExtTCPFastOpenPassive: TFO child created
        TFO_PASSIVE_FAIL,      //!< TcpExtTCPFastOpenPassiveFail: invalid cookie
        TFO_LISTEN_OVERFLOW,   //!< TcpExtTCPFastOpenListenOverflow: pending limit hit
        TFO_COOKIE_REQD,       //!< TcpExtTCPFastOpenCookieReqd: cookie request received
        TFO_BLACKHOLE,         //!< TcpExtTCPFastOpenBlackhole: active TFO paused
        TFO_PASSIVE_ALT_KEY,   //!< TcpExtTCPFastOpenPassiveAltKey: backup-key cookie
        REQ_Q_FULL_DO_COOKIES, //!< TcpExtTCPReqQFullDoCookies: SYN queue full, SYN cookie
        REQ_Q_FULL_DROP,       //!< TcpExtTCPReqQFullDrop: SYN queue full, dropped
        SYNCOOKIES_SENT,       //!< TcpExtSyncookiesSent
        SYNCOOKIES_RECV,       //!< TcpExtSyncookiesRecv: valid SYN-cookie ACK
        SYNCOOKIES_FAILED,     //!< TcpExtSyncookiesFailed: invalid SYN-cookie ACK
        TW,                    //!< TcpExtTW: TIME_WAIT ended by its timer
        TW_KILLED,             //!< TcpExtTWKilled: the same, for a TIME_WAIT of 4 s or less
        PAWS_ESTAB,            //!< TcpExtPAWSEstab: TIME_WAIT segment rejected by PAWS
        ACK_SKIPPED_TIME_WAIT, //!< TcpExtTCPACKSkippedTimeWait: TIME_WAIT ACK rate-limited
        TIME_WAIT_OVERFLOW,    //!< TcpExtTCPTimeWaitOverflow: closed without TIME_WAIT
        EMBRYONIC_RSTS,        //!< TcpExtEmbryonicRsts: a SYN-queue request reset by the peer
        ACK_SKIPPED_FIN_WAIT2, //!< TcpExtTCPACKSkippedFinWait2: FIN_WAIT2 mini-socket ACK
                               //!< rate-limited
        ABORT_ON_DATA,         //!< TcpExtTCPAbortOnData: data after the receiving side was
                               //!< shut down, reset
        COUNTER_COUNT          //!< Number of counters (not a counter)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpFastOpenCounters();

    /**
     * \brief Add one (or \p n) to a counter.
     * \param counter the counter
     * \param n the amount
     */
    void Increment(Counter counter, uint64_t n = 1);

    /**
     * \param counter the counter
     * \return its value
     */
    uint64_t Get(Counter counter) const;

    /**
     * \brief Look a counter up by its Linux name, with or without the
     * `TcpExt` prefix ("TCPFastOpenActive" or "TcpExtTCPFastOpenActive").
     * \param name the name
     * \return its value
     *
     * Aborts with a message naming the known counters on an unknown name.
     */
    uint64_t Get(const std::string& name) const;

    /**
     * \param counter the counter
     * \return its Linux MIB name without prefix, e.g. "TCPFastOpenActive"
     */
    static std::string GetName(Counter counter);

    /// Set every counter to zero (`nstat -r`).
    void Reset();

    /**
     * \brief Print every counter as `nstat -az` does: the `#kernel` header line,
     * then `TcpExt<name>` left-aligned in 32 columns, the value in 16, and the
     * rate (always 0.0: the simulator keeps no history).
     * \param os the output stream
     * \param onlyFastOpen print only the TCPFastOpen* counters
     *        (`nstat -az | grep FastOpen` without the header)
     */
    void Print(std::ostream& os, bool onlyFastOpen = false) const;

    /**
     * \brief Record a configuration warning for this node (not a Linux
     * counter): e.g. TcpFastOpenHelper's "the server bit is set but no
     * listener can use it". Also logged with NS_LOG_WARN and fired on the
     * "Warning" trace source.
     * \param message what is wrong and how to fix it
     */
    void Warn(const std::string& message);

    /// \return every warning recorded, oldest first
    const std::vector<std::string>& GetWarnings() const;

    /// TracedCallback signature of the "Warning" trace source.
    /// \param message the warning
    typedef void (*WarningTracedCallback)(const std::string& message);

  private:
    std::array<uint64_t, COUNTER_COUNT> m_values;      //!< counter values
    std::vector<std::string> m_warnings;               //!< configuration warnings
    TracedCallback<const std::string&> m_warningTrace; //!< "Warning"
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_COUNTERS_H */
