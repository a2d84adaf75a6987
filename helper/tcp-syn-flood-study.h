/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SYN_FLOOD_STUDY_H
#define TCP_SYN_FLOOD_STUDY_H

#include "ns3/nstime.h"
#include "ns3/tcp-syn-flood-attacker.h"
#include "ns3/transaction-statistics.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief One run of the SYN-flood study (issue 6): legitimate request/response
 * clients and SYN-flooding attackers against one TFO listener.
 *
 * Topology: a star around one router, 100 Mbps / 5 ms links. The server
 * (10.0.0.2) runs a RequestResponseServer on port 8080; Clients client nodes
 * (10.1.i.2) each open one new connection per legitimate transaction, started
 * every LegitInterval (round robin) between LegitStart and LegitStop, 100-byte
 * request, 1000-byte response, sendto(MSG_FASTOPEN) with a warm cookie cache
 * when the server has TFO on (plain connect otherwise). Bots attacker nodes
 * (10.2.j.2) run a TcpSynFloodAttacker each, at AttackRate / Bots. A sink node
 * owns 10.99.0.0/16 with forwarding off: spoofed sources are drawn from
 * 10.99.128.0/17, so the server's SYN-ACKs to them route to the sink and are
 * dropped there. SYN-ACKs to a spoofed real client reach it and its stack
 * answers with RST (no socket), as Linux does.
 *
 * A legitimate connection succeeds if its transaction completes within
 * Deadline of its start. Attacker bytes are request bytes the server
 * application read on connections from attacker ports (1024..32767; real
 * clients use ns-3's ephemeral ports 49152..65535).
 */
class TcpSynFloodStudy
{
  public:
    /// Settings of one run.
    struct Config
    {
        // server
        uint32_t serverMode{0x2}; //!< server net.ipv4.tcp_fastopen (0: TFO off)
        uint32_t maxQlen{16};     //!< FastOpenQueueLength (max_qlen)
        uint32_t backlog{64};     //!< ListenBacklog (SYN and accept queue bound)
        uint32_t synCookies{1};   //!< net.ipv4.tcp_syncookies
        double acceptRate{0};     //!< AcceptRate (0: accept at once)
        // legitimate clients
        uint32_t clients{4};                   //!< client nodes
        Time legitStart{Seconds(2)};           //!< first legitimate connection
        Time legitStop{Seconds(12)};           //!< no new ones after this
        Time legitInterval{MilliSeconds(200)}; //!< between legitimate connections
        Time deadline{Seconds(3)};             //!< success: completed within this
        // attack
        double attackRate{0};                                               //!< SYNs/s in total
        TcpSynFloodAttacker::Pattern pattern{TcpSynFloodAttacker::POISSON}; //!< gaps
        TcpSynFloodAttacker::SourceMode sourceMode{TcpSynFloodAttacker::SPOOF_PREFIX}; //!< sources
        TcpSynFloodAttacker::CookieMode cookieMode{TcpSynFloodAttacker::NO_OPTION};    //!< option
        bool stolenCookie{false};     //!< Given cookie = client 0's even from other addresses
        uint32_t bots{1};             //!< attacker nodes
        uint32_t payload{0};          //!< SYN data bytes per attack SYN
        uint64_t maxSyns{0};          //!< SYNs in total, split over the bots (0: no limit)
        Time attackStart{Seconds(1)}; //!< attack start
        Time attackStop{Seconds(13)}; //!< attack stop
        // run
        Time stop{Seconds(20)};                 //!< simulation end
        Time sampleInterval{MilliSeconds(100)}; //!< occupancy sampling period
        uint32_t seed{1};                       //!< RngSeedManager seed
        uint64_t run{1};                        //!< RngSeedManager run
    };

    /// Occupancy at one instant.
    struct Sample
    {
        double time{0};          //!< seconds
        uint32_t synQueue{0};    //!< SYN queue length
        uint32_t acceptQueue{0}; //!< accept queue length
        uint32_t pending{0};     //!< pending TFO children
        uint32_t children{0};    //!< child sockets alive
    };

    /// What one run measured.
    struct Result
    {
        uint32_t legitAttempted{0};               //!< legitimate connections started
        uint32_t legitSucceeded{0};               //!< completed within the deadline
        TransactionStatistics latency;            //!< latency (ms) of the successful ones
        uint32_t maxSynQueue{0};                  //!< largest SYN queue length seen
        uint32_t maxAcceptQueue{0};               //!< largest accept queue length seen
        uint32_t maxPending{0};                   //!< largest pending-TFO count seen
        uint32_t maxChildren{0};                  //!< most child sockets alive at once
        uint64_t attackSyns{0};                   //!< SYNs the attackers sent
        uint64_t attackBytes{0};                  //!< attacker request bytes the application read
        uint32_t attackConnectionsWithData{0};    //!< attacker connections that delivered data
        std::map<std::string, uint64_t> counters; //!< server's TcpExt counters
        std::vector<Sample> samples;              //!< occupancy over time
        uint32_t synQueueBound{0};    //!< the SYN queue's bound (min(backlog, somaxconn) + 1)
        uint32_t acceptQueueBound{0}; //!< the accept queue's bound (min(backlog, somaxconn) + 1)
        uint32_t pendingBound{0};     //!< the listener's max_qlen (GetMaxPendingFastOpen)
        uint64_t events{0};           //!< Simulator::GetEventCount() at the end of the run
        double runWallSeconds{0};     //!< wall-clock time Simulator::Run took (s)

        /// \return legitSucceeded / legitAttempted (1 without attempts)
        double SuccessRate() const;
    };

    /**
     * \brief Run one simulation (it calls Simulator::Destroy at the end).
     * \param config the settings
     * \return what it measured
     */
    static Result Run(const Config& config);

    /**
     * \brief The rate at which a bounded SYN queue drains spoofed requests:
     * backlog / (request lifetime = 1 + 2 + ... + 2^SynAckRetries s with the
     * Linux-defaults 1 s initial RTO and 5 retries = 63 s).
     * \param backlog the listen backlog
     * \return requests per second
     */
    static double DrainRate(uint32_t backlog);

    /**
     * \brief Write the header line of the occupancy CSV (WriteOccupancy).
     * \param os where to write
     */
    static void WriteOccupancyHeader(std::ostream& os);

    /**
     * \brief Write a run's occupancy samples as CSV lines, one per sample:
     * time_s, scenario, attack rate, SYN queue and its bound, accept queue and
     * its bound, pending TFO children and max_qlen, children alive, attack
     * start and stop (s).
     * \param os where to write
     * \param scenario the scenario's name (no comma)
     * \param config the run's settings
     * \param result what the run measured
     */
    static void WriteOccupancy(std::ostream& os,
                               const std::string& scenario,
                               const Config& config,
                               const Result& result);
};

} // namespace ns3

#endif /* TCP_SYN_FLOOD_STUDY_H */
